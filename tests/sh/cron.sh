#!/bin/bash
# Cron behaviour: same input, same bytes; unchanged feeds keep their mtime;
# a changed input rewrites; quiet on success.
. "$(dirname "$0")/lib.bash"
cp -r "$top/tests/golden/basic/content" "$tmp/content"
run() { "$relfeed" build -q -u https://example.org/ -t T --now 2026-06-01T00:00:00Z \
	-o "$tmp/out" "$tmp/content" > "$tmp/stdout" 2> "$tmp/stderr"; }
run || bad "first run failed: $(cat "$tmp/stderr")"
[ -s "$tmp/stdout" ] && bad "-q run printed on stdout"
[ -s "$tmp/stderr" ] && bad "-q run printed on stderr: $(cat "$tmp/stderr")"
cp "$tmp/out/rss.xml" "$tmp/rss1"; cp "$tmp/out/atom.xml" "$tmp/atom1"
m1=$(mtime "$tmp/out/rss.xml"); a1=$(mtime "$tmp/out/atom.xml")
sleep 1.1
run || bad "second run failed"
cmp -s "$tmp/rss1" "$tmp/out/rss.xml" || bad "rss.xml not byte-identical on rerun"
[ "$m1" = "$(mtime "$tmp/out/rss.xml")" ] || bad "unchanged rss.xml was rewritten"
[ "$a1" = "$(mtime "$tmp/out/atom.xml")" ] || bad "unchanged atom.xml was rewritten"
# Change one entry: both feeds are rewritten with the new title.
sed -i 's/^title: Announcing 1.10.1$/title: Announcing 1.10.1 again/' \
	"$tmp/content/releases/1.10.x/announcing-1.10.1/index.md"
run || bad "third run failed"
grep -q 'Announcing 1.10.1 again' "$tmp/out/rss.xml" || bad "rss.xml not updated"
grep -q 'Announcing 1.10.1 again' "$tmp/out/atom.xml" || bad "atom.xml not updated"
[ "$m1" != "$(mtime "$tmp/out/rss.xml")" ] || bad "changed rss.xml kept its mtime"
ls -A "$tmp/out" | grep -v -x -e rss.xml -e atom.xml -e .relfeed.lock && bad "temporary files left behind"
# -v names unchanged feeds.
"$relfeed" build -v -u https://example.org/ -t T --now 2026-06-01T00:00:00Z \
	-o "$tmp/out" "$tmp/content" 2> "$tmp/stderr" >/dev/null
grep -q 'rss.xml: note: unchanged' "$tmp/stderr" || bad "-v does not name the unchanged feed"
# Threads change nothing: the same bytes and the same diagnostics, in the
# same order, with one job and with four.
for j in 1 4; do
	"$relfeed" build --jobs $j -u https://example.org/ -t T --now 2026-06-01T00:00:00Z \
		-f rss,atom,json -o "$tmp/j$j" "$tmp/content" 2> "$tmp/stderr$j" ||
		bad "--jobs $j failed"
done
diff -r "$tmp/j1" "$tmp/j4" > /dev/null || bad "--jobs 4 output differs from --jobs 1"
cmp -s "$tmp/stderr1" "$tmp/stderr4" || bad "--jobs 4 diagnostics differ from --jobs 1"
grep -q "warning: shortcode" "$tmp/stderr4" || bad "no warnings to compare"
exit $fail
