#!/bin/bash
# A renderer process killed while it works: the run fails with exit 3 and
# "a renderer process failed", the previous feed stays as it was, and no
# temporary file is left behind.
. "$(dirname "$0")/lib.bash"
c=$tmp/content
mkdir -p "$c"
# Bodies large enough that the renderers take a while: 160 files of 140 KB.
line='Fixed **a bug** in [the parser](/docs/parser/) and `the writer`, see https://example.org/x.'
for i in $(seq 1 9); do line="$line $line"; done
body=$(printf '%s\n\n' "$line" "$line" "$line")
for i in $(seq 1 160); do
	{ printf -- '---\ntitle: Release %d\npublishdate: 2026-01-01T00:%02d:%02dZ\n---\n\n' \
		$i $((i / 60)) $((i % 60)); printf '%s\n' "$body"; } > "$c/r$i.md"
done
mkdir -p "$tmp/out"
echo "old feed" > "$tmp/out/rss.xml"
"$relfeed" build -q --jobs 2 -u https://example.org/ -t T -f rss -n 0 \
	--no-cache -o "$tmp/out" "$c" 2> "$tmp/stderr" &
pid=$!
# Kill the first renderer as soon as there is one.
child=
for i in $(seq 1 2000); do
	child=$(pgrep -P "$pid" | head -1)
	[ -n "$child" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.01
done
[ -n "$child" ] || skip "no renderer process seen (the run ended first)"
kill -KILL "$child"
wait "$pid"
st=$?
[ "$st" = 3 ] || bad "exit $st, expected 3: $(cat "$tmp/stderr")"
grep -q "a renderer process failed" "$tmp/stderr" || bad "no message: $(cat "$tmp/stderr")"
[ "$(cat "$tmp/out/rss.xml")" = "old feed" ] || bad "the previous feed was replaced"
ls -A "$tmp/out" | grep -v -x -e rss.xml -e .relfeed.lock && bad "files left behind"
exit $fail
