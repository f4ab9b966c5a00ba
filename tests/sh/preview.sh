#!/bin/bash
# The browser view: feed.xsl renders the sample site's RSS and Atom feeds
# (every entry shown, with xsltproc), index.html is HTML that libxml2's
# parser and tidy read without an error and that shows every entry, an
# unchanged run rewrites neither, check writes neither, and a feed named
# like one of them is a configuration error.
. "$(dirname "$0")/lib.bash"
command -v xsltproc >/dev/null || skip "xsltproc is not installed (scripts/deps)"
command -v xmllint >/dev/null || skip "xmllint is not installed (scripts/deps)"
titles=$clients/check_titles.py
out=$tmp/out
cd "$top"
"$relfeed" build -q -c relfeed.yaml --stylesheet --preview -o "$out" ||
	bad "build --stylesheet --preview failed"
for f in rss.xml atom.xml releases/rss.xml tags/corvid/atom.xml; do
	depth=${f//[^\/]/}
	want="<?xml-stylesheet type=\"text/xsl\" href=\"${depth//\//../}feed.xsl\"?>"
	[ "$(sed -n 2p "$out/$f")" = "$want" ] ||
		bad "$f: line 2 is $(sed -n 2p "$out/$f"), expected $want"
	xsltproc "$out/$f" > "$tmp/page.html" 2> "$tmp/xslt.err" ||
		bad "xsltproc $f: $(cat "$tmp/xslt.err")"
	python3 "$titles" "$out/$f" "$tmp/page.html" || bad "feed.xsl on $f"
	grep -q 'This is a feed' "$tmp/page.html" || bad "feed.xsl on $f: no note"
	grep -qi '<script\|src=\|<link\|@import\|url(' "$tmp/page.html" &&
		bad "feed.xsl on $f: script or external resource"
done
grep -q xml-stylesheet "$out/feed.json" && bad "feed.json has a stylesheet"
python3 "$titles" "$out/rss.xml" "$out/index.html" || bad "index.html"
xmllint --html --noout "$out/index.html" > "$tmp/lint" 2>&1 ||
	bad "xmllint --html index.html: exit $?"
[ -s "$tmp/lint" ] && bad "xmllint --html index.html: $(head -5 "$tmp/lint")"
if command -v tidy >/dev/null; then
	tidy -q -e "$out/index.html" > "$tmp/tidy" 2>&1 ||
		bad "tidy index.html: $(head -5 "$tmp/tidy")"
fi
head -1 "$out/index.html" | grep -qx '<!DOCTYPE html>' || bad "index.html: no HTML5 doctype"
grep -qi '<script\|@import\|url(' "$out/index.html" && bad "index.html: script or external resource"
# Every file of every feed is listed, linked and with its subscribe URL.
while IFS= read -r f; do
	f=${f#"$out"/}
	grep -q "href=\"$f\"" "$out/index.html" || bad "index.html does not link $f"
	grep -q "<code>https://corvid.example.org/$f</code>" "$out/index.html" ||
		bad "index.html does not show the URL of $f"
done < <(find "$out" -name rss.xml -o -name atom.xml -o -name feed.json)

# Unchanged: neither is rewritten; check writes nothing.
before=$(mtime "$out/index.html")$(mtime "$out/feed.xsl")
sleep 1
"$relfeed" build -q -c relfeed.yaml --stylesheet --preview -o "$out" || bad "second build failed"
[ "$(mtime "$out/index.html")$(mtime "$out/feed.xsl")" = "$before" ] ||
	bad "an unchanged run rewrote index.html or feed.xsl"
"$relfeed" check -q -c relfeed.yaml --stylesheet --preview -o "$tmp/never" || bad "check failed"
[ -e "$tmp/never" ] && bad "check wrote output"

# A feed whose directory would be one of the files.
mkdir -p "$tmp/site/content"
printf -- '---\ntitle: A\ndate: 2026-01-01\n---\nA.\n' > "$tmp/site/content/a.md"
printf 'title: T\nbase_url: https://x/\npreview: true\nstylesheet: true\nfeeds:\n  - name: index.html\n  - name: feed.xsl/x\n  - name: fine/index.html\n' \
	> "$tmp/site/relfeed.yaml"
(cd "$tmp/site" && "$relfeed" build -o "$tmp/site/out") 2> "$tmp/stderr"; rc=$?
[ $rc -eq 2 ] || bad "feed named index.html: exit $rc, expected 2"
grep -q "relfeed.yaml:6: error: feed \"index.html\" would be written inside index.html" "$tmp/stderr" ||
	bad "feed named index.html: $(cat "$tmp/stderr")"
grep -q "relfeed.yaml:7: error: feed \"feed.xsl/x\" would be written inside feed.xsl" "$tmp/stderr" ||
	bad "feed named feed.xsl/x: $(cat "$tmp/stderr")"
[ "$(wc -l < "$tmp/stderr")" -eq 2 ] || bad "feed names: $(cat "$tmp/stderr")"
[ -e "$tmp/site/out" ] && bad "a configuration error wrote output"
# Without the options the names are free.
sed -i '/preview\|stylesheet/d' "$tmp/site/relfeed.yaml"
(cd "$tmp/site" && "$relfeed" build -q -o "$tmp/site/out2") || bad "feed named index.html without --preview"
exit $fail
