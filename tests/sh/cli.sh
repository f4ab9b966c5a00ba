#!/bin/bash
# The command line: help, version, usage errors (exit 2), list format.
. "$(dirname "$0")/lib.bash"
"$relfeed" --help > "$tmp/help" || bad "--help failed"
grep -q 'relfeed build' "$tmp/help" || bad "--help does not show build"
for opt in --config --bundle-pages --jobs --lock-wait --content-url --output --base-url --feed-url --title --description --language --author \
	--timezone --limit --format --now --drafts --future --quiet --verbose --stylesheet --preview --dry-run --no-hooks --cache --no-cache; do
	grep -q -- "$opt" "$tmp/help" || bad "--help misses $opt"
	grep -q -- "${opt#--}" "$top/man/relfeed.1" || bad "man page misses $opt"
done
# The man page is well-formed mdoc without a warning.
if command -v mandoc >/dev/null; then
	mandoc -Tlint -W warning "$top/man/relfeed.1" > "$tmp/lint" 2>&1 || true
	[ -s "$tmp/lint" ] && bad "mandoc -Tlint: $(cat "$tmp/lint")"
fi
"$relfeed" --version | grep -q '^relfeed [0-9]' || bad "--version"
"$relfeed" --version | grep -q 'libxml2 .*libyaml .*cmark-gfm' || bad "--version libraries"
"$relfeed" 2>/dev/null; [ $? -eq 2 ] || bad "no command: expected exit 2"
"$relfeed" frobnicate 2>/dev/null; [ $? -eq 2 ] || bad "unknown command: expected exit 2"
"$relfeed" build --bogus 2>/dev/null; [ $? -eq 2 ] || bad "unknown option: expected exit 2"
"$relfeed" build -u ftp://x/ -t T 2>/dev/null; [ $? -eq 2 ] || bad "ftp base: expected exit 2"
"$relfeed" build -u / -t T 2>/dev/null; [ $? -eq 2 ] || bad "relative base: expected exit 2"
"$relfeed" build -u https://x/ -t T --format pdf 2>/dev/null; [ $? -eq 2 ] || bad "pdf: expected 2"
"$relfeed" build -u https://x/ -t T --timezone Mars/Base 2>/dev/null; [ $? -eq 2 ] || bad "tz: expected 2"
"$relfeed" build -u https://x/ -t T --now yesterday 2>/dev/null; [ $? -eq 2 ] || bad "now: expected 2"
"$relfeed" build -u https://x/ -t T -o "$tmp/o" "$tmp/missing" 2>/dev/null; rc=$?
[ $rc -eq 3 ] || bad "missing content dir: exit $rc, expected 3"
# check writes nothing.
"$relfeed" check -q -u https://x/ -t T -o "$tmp/never" "$top/tests/golden/basic/content" ||
	bad "check failed"
[ -e "$tmp/never" ] && bad "check wrote output"
# check reads every body; build with a limit only those in the feed.
mkdir -p "$tmp/bodies"
printf -- '---\ntitle: New\ndate: 2026-02-01\n---\nFine.\n' > "$tmp/bodies/new.md"
printf -- '---\ntitle: Old\ndate: 2020-01-01\n---\nBad {{< x\n' > "$tmp/bodies/old.md"
"$relfeed" build -q -u https://x/ -t T -n 1 -o "$tmp/bodies-out" "$tmp/bodies" ||
	bad "build -n 1 read a body outside the feed"
"$relfeed" check -u https://x/ -t T -n 1 "$tmp/bodies" 2> "$tmp/stderr"; rc=$?
[ $rc -eq 1 ] || bad "check: exit $rc for a broken body outside the feed, expected 1"
grep -q 'old.md:5:5: error: shortcode' "$tmp/stderr" || bad "check: $(cat "$tmp/stderr")"
# --timezone moves dates written without a zone.
"$relfeed" list -u https://x/ --timezone +05:30 --now 2026-06-01T00:00:00Z \
	"$top/tests/golden/basic/content" 2>/dev/null | grep -q '^2026-03-10T00:00:00+05:30	1.10.1	' ||
	bad "--timezone not applied"
# links: one <link> per file of every feed, the title escaped.
"$relfeed" links -c "$top/relfeed.yaml" --title 'A & "B"' > "$tmp/links" ||
	bad "links failed"
want=$(( $(find "$top/feeds" -type f | wc -l) ))
[ "$(wc -l < "$tmp/links")" -eq "$want" ] || bad "links: $(wc -l < "$tmp/links") lines, $want files in feeds/"
grep -q '^<link rel="alternate" type="application/atom+xml" title="A &amp; &quot;B&quot;" href="https://corvid.example.org/atom.xml">$' \
	"$tmp/links" || bad "links: site Atom line missing: $(head -3 "$tmp/links")"
grep -q 'type="application/feed+json" title="Corvid 1.10 releases" href="https://corvid.example.org/lines/1.10/feed.json"' \
	"$tmp/links" || bad "links: fan-out JSON line missing"
exit $fail
