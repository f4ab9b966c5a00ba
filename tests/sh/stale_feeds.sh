#!/bin/bash
# feeds/ must be what relfeed makes of content/ with relfeed.yaml, and every
# feed in it must pass the real clients.
. "$(dirname "$0")/lib.bash"
cd "$top"
"$relfeed" build -q -c relfeed.yaml -o "$tmp/feeds" || bad "build failed"
diff -r -x .relfeed.lock feeds "$tmp/feeds" >/dev/null ||
	bad "feeds/ is stale: run scripts/run and commit feeds/ ($(diff -rq -x .relfeed.lock feeds "$tmp/feeds" | head -3))"
[ -f "$tmp/feeds/rss.xml" ] && [ -f "$tmp/feeds/tags/security/atom.xml" ] &&
	[ -f "$tmp/feeds/lines/1.10/feed.json" ] || bad "named feeds missing"
# The sample content documents shortcodes, so literal ones are expected.
export RELFEED_CHECK_ALLOW_SHORTCODE_TEXT=1
# Every file through relfeed validate; the slower outside clients on the
# site feed and one feed of each kind of named feed.
while IFS= read -r f; do
	"$relfeed" validate "$f" > "$tmp/validate" 2>&1 || bad "relfeed validate: $(cat "$tmp/validate")"
	# content/ has two patch releases on one day without a time, on
	# purpose: the one warning allowed.
	grep -v ': warning: entry has the same updated time' "$tmp/validate" > "$tmp/validate2"
	[ -s "$tmp/validate2" ] && bad "relfeed validate warns: $(cat "$tmp/validate2")"
done < <(find "$tmp/feeds" -type f ! -name .relfeed.lock | sort)
for f in "$tmp"/feeds/{,releases/,tags/security/,lines/1.10/}{rss.xml,atom.xml,feed.json}; do
	case $f in
	*.xml) n=$(grep -c '<item>\|<entry>' "$f") ;;
	*.json) n=$(grep -c '"id":' "$f") ;;
	esac
	"$clients/check_feedparser.py" "$f" "$n" || bad "feedparser rejects $f"
	case $f in
	*.xml) "$clients/check_sfeed.sh" "$f" "$n"; rc=$?
		[ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "sfeed rejects $f" ;;
	esac
	case $f in
	*atom.xml) "$clients/check_atom_rng.sh" "$f"; rc=$?
		[ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "schema rejects $f" ;;
	esac
done
exit $fail
