#!/bin/bash
# An unreadable content file and an unwritable output directory: exit 3, a
# message naming the path, and the previous feeds untouched.
. "$(dirname "$0")/lib.bash"
command -v setpriv >/dev/null || [ "$(id -u)" -ne 0 ] || skip "setpriv missing"
cp -r "$top/tests/golden/basic/content" "$tmp/content"
mkdir "$tmp/out"
echo old > "$tmp/out/rss.xml"; echo old > "$tmp/out/atom.xml"
chmod 755 "$tmp" "$tmp/content"
run() { unprivileged "$relfeed" build -q -u https://example.org/ -t T \
	--now 2026-06-01T00:00:00Z -o "$tmp/out" "$tmp/content" 2> "$tmp/stderr"; }

chmod 000 "$tmp/content/draft.md"
run; rc=$?
[ $rc -eq 3 ] || bad "unreadable file: exit $rc, expected 3"
grep -q "draft.md: error: cannot open: Permission denied" "$tmp/stderr" ||
	bad "unreadable file: message was: $(cat "$tmp/stderr")"
[ "$(cat "$tmp/out/rss.xml")" = old ] || bad "unreadable file: rss.xml changed"
chmod 644 "$tmp/content/draft.md"

chmod 555 "$tmp/out"
run; rc=$?
[ $rc -eq 3 ] || bad "read-only output: exit $rc, expected 3"
grep -q "out: error: output directory is not writable" "$tmp/stderr" ||
	bad "read-only output: message was: $(cat "$tmp/stderr")"
[ "$(cat "$tmp/out/rss.xml")" = old ] || bad "read-only output: rss.xml changed"
[ "$(cat "$tmp/out/atom.xml")" = old ] || bad "read-only output: atom.xml changed"
chmod 755 "$tmp/out"
[ "$(ls -A "$tmp/out" | wc -l)" -eq 2 ] || bad "files left behind: $(ls -A "$tmp/out")"
exit $fail
