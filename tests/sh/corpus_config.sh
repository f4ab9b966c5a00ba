#!/bin/bash
# The real corpora in ../shared/corpus built with the site configs of
# scripts/sites: exit 0 without a warning (every shortcode the corpora use
# has a template), no shortcode left in any file, every file passes the
# clients and relfeed validate, the per-release-line feeds hold their line
# only (1.10 is not 1.1), and the templates gave what istio.io shows.
. "$(dirname "$0")/lib.bash"
corpus=$top/../shared/corpus
[ -d "$corpus/istio" ] && [ -d "$corpus/istio-2019-blog" ] ||
	skip "$corpus not present"
now=2026-01-01T00:00:00Z
# The python3 that has feedparser: PATH's, else the system's (a pyenv shim
# first in PATH may lack it, and costs a second a start).
py=python3
python3 -c 'import feedparser' 2>/dev/null || { [ -x /usr/bin/python3 ] && py=/usr/bin/python3; }

# The number of items of a feed file.
items() {
	case "$1" in
	*.json) "$py" -c 'import json, sys
print(len(json.load(open(sys.argv[1], encoding="utf-8"))["items"]))' "$1" ;;
	*) { grep -o '<item>\|<entry>' "$1" || true; } | wc -l ;;
	esac
}

# Every check a feed file must pass; $1 names it in messages.
check_file() {
	local name=$1 f=$2 n rc v
	# A shortcode opener as written, escaped once or twice, or in JSON.
	if grep -q -e '{{<' -e '{{%' -e '{{&lt;' -e '{{&amp;lt;' -e '{{&#' \
		-e '{{\\u003c' "$f"; then
		bad "$name: a shortcode is left: $(grep -o -m1 -e '.\{40\}{{[<%&\\].\{40\}' "$f" | head -1)"
	fi
	n=$(items "$f") || { bad "$name: cannot count its items"; return; }
	[ "$n" -gt 0 ] || bad "$name: no items"
	"$py" "$clients/check_feedparser.py" "$f" "$n" || bad "$name: feedparser"
	case "$f" in
	*.xml)
		"$clients/check_sfeed.sh" "$f" "$n"; rc=$?
		[ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "$name: sfeed"
		;;
	esac
	case "$f" in
	*/atom.xml)
		"$clients/check_atom_rng.sh" "$f"; rc=$?
		[ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "$name: Atom schema"
		;;
	esac
	# No error, and no warning but the one the content causes: entries
	# published the same day without a time share their timestamp.
	"$relfeed" validate "$f" > "$tmp/validate" 2>&1; rc=$?
	v=$(grep -v ': warning: entry has the same updated time' "$tmp/validate")
	[ $rc -eq 0 ] && [ -z "$v" ] ||
		bad "$name: relfeed validate: exit $rc: $(printf '%s\n' "$v" | head -3)"
}

for site in istio istio-2019-blog; do
	out=$tmp/$site
	# The content directory is given, as the config's relative one
	# assumes the repository sits beside shared/ under its own name.
	"$relfeed" build -c "$top/scripts/sites/$site.yaml" --now "$now" \
		-o "$out" "$corpus/$site" 2> "$tmp/$site.stderr"
	rc=$?
	[ $rc -eq 0 ] || { bad "$site: exit $rc: $(head -5 "$tmp/$site.stderr")"; continue; }
	# The one warning the corpus earns: istio's 1.26 upgrade notes have
	# no date at all, so they are in no feed (see ABOUT-istio.md).
	warnings=$(grep -v -x -F "$corpus/istio/releases/1.26.x/announcing-1.26/upgrade-notes/index.md: warning: no publish date (publishdate, date...); left out of the feeds" \
		"$tmp/$site.stderr" | grep -v '^relfeed: [0-9]* files* written, ')
	[ -z "$warnings" ] || bad "$site: stderr: $(printf '%s\n' "$warnings" | head -5)"
	nfiles=0
	while IFS= read -r -d '' f; do
		nfiles=$((nfiles + 1))
		check_file "$site/${f#"$out"/}" "$f"
	done < <(find "$out" -type f ! -name .relfeed.lock -print0 | LC_ALL=C sort -z)
	[ $nfiles -ge 6 ] || bad "$site: only $nfiles files written"
done

# istio: one feed per release line, holding the announcements of that line
# and nothing else; "1.10" is not the number 1.1.
"$relfeed" list -q -c "$top/scripts/sites/istio.yaml" --now "$now" \
	"$corpus/istio" > "$tmp/list" || bad "istio: list failed"
for line in 1.24 1.10 1.9 1.1; do
	dir=$tmp/istio/releases/$line
	for f in rss.xml atom.xml feed.json; do
		[ -f "$dir/$f" ] || bad "istio: no releases/$line/$f"
	done
	[ -f "$dir/rss.xml" ] || continue
	# The entries of the list under releases/ whose release is in the line.
	want=$(awk -F '\t' -v line="$line" '
		{ r = $2 ""; sub(/^[vV]/, "", r) }
		(r == line "" || index(r, line ".") == 1) && $4 ~ /\/releases\// { n++ }
		END { print n + 0 }' "$tmp/list")
	got=$(items "$dir/rss.xml")
	[ "$got" -eq "$want" ] && [ "$got" -gt 0 ] ||
		bad "istio: releases/$line: $got items, expected $want"
	others=$(grep '^      <link>' "$dir/rss.xml" | grep -v "/releases/$line\.x/")
	[ -z "$others" ] || bad "istio: releases/$line holds $others"
	grep -q "<title>Istio $line releases</title>" "$dir/rss.xml" ||
		bad "istio: releases/$line: title"
done

# The templates, as the feeds show them. istio's relnote links the release
# notes of the announcement's own line.
grep -qF '&lt;a href=&quot;https://istio.io/latest/news/releases/1.24.x/announcing-1.24.2/&quot;&gt;Istio 1.24.2 release notes&lt;/a&gt;' \
	"$tmp/istio/releases/1.24/rss.xml" || bad "istio: relnote of 1.24.2"
grep -qF '&lt;a href=&quot;https://istio.io/latest/news/releases/1.10.x/announcing-1.10/&quot;&gt;Istio 1.10.0 release notes&lt;/a&gt;' \
	"$tmp/istio/releases/1.10/rss.xml" || bad "istio: relnote of 1.10.0"

# The major-releases feed: the 26 dated release bundles and the six 0.x
# announcements whose subtitle says Major; not the bundles' change notes.
[ "$(grep -c '<entry>' "$tmp/istio/major/atom.xml")" -eq 32 ] ||
	bad "istio: major/atom.xml has $(grep -c '<entry>' "$tmp/istio/major/atom.xml") entries, expected 32"

# The 2019 blog's feeds: its three "Major Update" releases, its two
# "Important Security Update" releases, a feed per release line.
[ "$(grep -c '<entry>' "$tmp/istio-2019-blog/major/atom.xml")" -eq 3 ] ||
	bad "istio-2019-blog: major/atom.xml is not the three major updates"
[ "$(grep -c '<entry>' "$tmp/istio-2019-blog/security/atom.xml")" -eq 2 ] ||
	bad "istio-2019-blog: security/atom.xml is not the two security updates"
[ -f "$tmp/istio-2019-blog/releases/1.1/feed.json" ] ||
	bad "istio-2019-blog: no releases/1.1/feed.json"

# The 2019 blog: relnote linktonote="true" (1.0, 1.1, 1.2 and 1.3, whose
# release is X.Y.0) adds a link to the release notes at /about/notes/X.Y/;
# the other relnotes only link the download. Each text shortcode became a
# code block with its language.
blog=$tmp/istio-2019-blog
texts=$(grep -rhoE '\{\{< *text(_hack)? +[a-z]+' "$corpus/istio-2019-blog" | wc -l)
"$py" - "$blog/feed.json" "$texts" <<'EOF' || bad "istio-2019-blog: templates"
import json, re, sys

items = json.load(open(sys.argv[1], encoding="utf-8"))["items"]
html = {it["url"]: it.get("content_html", "") for it in items}
fail = []
notes = {
    "https://istio.io/blog/2018/announcing-1.0/": ("1.0.0", "1.0"),
    "https://istio.io/blog/2019/announcing-1.1/": ("1.1.0", "1.1"),
    "https://istio.io/blog/2019/announcing-1.2/": ("1.2.0", "1.2"),
    "https://istio.io/blog/2019/announcing-1.3/": ("1.3.0", "1.3"),
}
for url, (release, short) in notes.items():
    want = ('<a href="https://github.com/istio/istio/releases/tag/%s">'
            'Download Istio %s</a> · <a href="https://istio.io/about/notes/%s/">'
            'Release notes</a>' % (release, release, short))
    if want not in html.get(url, ""):
        fail.append("%s: no %s" % (url, want))
n = sum(h.count(">Release notes</a>") for h in html.values())
if n != len(notes):
    fail.append("%d release-notes links, expected %d" % (n, len(notes)))
n = sum(h.count(">Download Istio ") for h in html.values())
if n != 34:
    fail.append("%d relnote download links, expected 34" % n)
blocks = sum(len(re.findall(r'<pre><code class="language-[a-z]+">', h))
             for h in html.values())
if blocks != int(sys.argv[2]):
    fail.append("%d code blocks with a language, expected %s (one per "
                "text shortcode)" % (blocks, sys.argv[2]))
for f in fail:
    print("istio-2019-blog:", f, file=sys.stderr)
sys.exit(1 if fail else 0)
EOF
exit $fail
