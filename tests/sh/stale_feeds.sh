#!/bin/bash
# feeds/ must be what relfeed makes of content/ with scripts/sample-args.
. "$(dirname "$0")/lib.bash"
mapfile -t args < "$top/scripts/sample-args"
cd "$top"
"$relfeed" build -q "${args[@]}" -o "$tmp/feeds" content || bad "build failed"
for f in rss.xml atom.xml; do
	diff -u "feeds/$f" "$tmp/feeds/$f" >/dev/null ||
		bad "feeds/$f is stale: run scripts/run and commit feeds/"
done
# The sample content documents shortcodes, so literal ones are expected.
export RELFEED_CHECK_ALLOW_SHORTCODE_TEXT=1
n=$(grep -c '<item>' "$tmp/feeds/rss.xml")
"$clients/check_feedparser.py" "$tmp/feeds/rss.xml" "$n" || bad "feedparser rejects rss.xml"
"$clients/check_feedparser.py" "$tmp/feeds/atom.xml" "$n" || bad "feedparser rejects atom.xml"
for f in rss.xml atom.xml; do
	"$clients/check_sfeed.sh" "$tmp/feeds/$f" "$n"; rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "sfeed rejects $f"
done
"$clients/check_atom_rng.sh" "$tmp/feeds/atom.xml"; rc=$?
[ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "schema rejects atom.xml"
exit $fail
