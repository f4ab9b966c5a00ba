#!/bin/bash
# What a build reports: the summary line (none with -q, none on stdout),
# --dry-run (writes nothing, lists the changes), the on_change command,
# progress on a terminal only, and --version.
. "$(dirname "$0")/lib.bash"
cp -r "$top/tests/golden/basic/content" "$tmp/content"
args=(-u https://example.org/ -t T --now 2026-06-01T00:00:00Z -o "$tmp/out")
rf() { "$relfeed" "$@" > "$tmp/stdout" 2> "$tmp/stderr"; }
last() { tail -n 1 "$tmp/stderr"; }

# --dry-run on a fresh tree: no directory, every entry added, exit 0.
rf build --dry-run "${args[@]}" "$tmp/content" || bad "dry run failed: $(cat "$tmp/stderr")"
[ -e "$tmp/out" ] && bad "--dry-run created the output directory"
[ "$(last)" = "relfeed: dry run: 2 files would be written, 0 unchanged, 3 entries added" ] ||
	bad "dry-run summary: $(last)"
grep -q -x -F "$tmp/out/rss.xml: + 1.10.1  Announcing 1.10.1  https://example.org/releases/1.10.x/announcing-1.10.1/" \
	"$tmp/stdout" || bad "dry run does not list 1.10.1: $(head -3 "$tmp/stdout")"
[ "$(wc -l < "$tmp/stdout")" -eq 6 ] || bad "dry run listed $(wc -l < "$tmp/stdout") lines, not 6"
"$relfeed" check --dry-run "${args[@]}" "$tmp/content" 2>/dev/null
[ $? -eq 2 ] || bad "check --dry-run: expected a usage error"

# The build: one summary line; -q: nothing; list and links: stdout only.
rf build "${args[@]}" "$tmp/content" || bad "build failed"
[ "$(last)" = "relfeed: 2 files written, 0 unchanged, 3 entries added" ] || bad "summary: $(last)"
[ -s "$tmp/stdout" ] && bad "build printed on stdout"
rf build -q "${args[@]}" "$tmp/content"
[ -s "$tmp/stderr" ] && bad "-q printed: $(cat "$tmp/stderr")"
rf build "${args[@]}" "$tmp/content"
[ "$(last)" = "relfeed: 0 files written, 2 unchanged" ] || bad "unchanged summary: $(last)"
for c in list links; do
	rf $c "${args[@]}" "$tmp/content" || bad "$c failed"
	grep -q 'relfeed:' "$tmp/stdout" "$tmp/stderr" && bad "$c printed a summary"
done

# A change, then a dry run: one update and one removal per feed; the files
# stay as they were.
sed -i 's/^title: Announcing 1.10.1$/title: Announcing 1.10.1 again/' \
	"$tmp/content/releases/1.10.x/announcing-1.10.1/index.md"
rm -r "$tmp/content/releases/1.9.x"
cp "$tmp/out/rss.xml" "$tmp/rss.before"
rf build --dry-run "${args[@]}" "$tmp/content" || bad "second dry run failed"
cmp -s "$tmp/rss.before" "$tmp/out/rss.xml" || bad "--dry-run changed rss.xml"
grep -q -F "$tmp/out/atom.xml: ~ 1.10.1  Announcing 1.10.1 again  " "$tmp/stdout" || bad "no update listed"
grep -q -F "$tmp/out/rss.xml: - -  Announcing 1.9.2" "$tmp/stdout" || bad "no removal listed"
[ "$(last)" = "relfeed: dry run: 2 files would be written, 0 unchanged, 1 entry removed, 1 updated" ] ||
	bad "dry-run summary after a change: $(last)"
# A previous file that is no feed is a warning in a dry run, not an error.
echo 'not a feed' > "$tmp/out/atom.xml"
rf build --dry-run "${args[@]}" "$tmp/content" || bad "dry run over a foreign file failed"
grep -q "atom.xml: warning: the previous file is not an RSS" "$tmp/stderr" || bad "no warning: $(cat "$tmp/stderr")"
# One far bigger than any feed this run makes is not read whole.
truncate -s 1G "$tmp/out/atom.xml"
# (memory bounded, but for an ASan build, which reserves terabytes)
( grep -qa __asan_init "$relfeed" || ulimit -v 400000
  rf build --dry-run "${args[@]}" "$tmp/content" ) ||
	bad "dry run over a 1 GB previous file failed: $(cat "$tmp/stderr")"
grep -q "atom.xml: warning: cannot read the previous feed: File too large; every entry counts as added" \
	"$tmp/stderr" || bad "no warning for a 1 GB previous file: $(cat "$tmp/stderr")"
[ "$(stat -c %s "$tmp/out/atom.xml")" = 1073741824 ] || bad "--dry-run changed the 1 GB file"

# on_change: once after a run that changed files, with the paths.
cat > "$tmp/relfeed.yaml" <<YAML
on_change: 'printf "%s|%s|%s|" "\$RELFEED_OUTPUT" "\$RELFEED_CHANGED_COUNT" "\$RELFEED_CHANGED" >> "$tmp/hook.log"; cat >> "$tmp/hook.log"; exit \${HOOK_STATUS:-0}'
YAML
cfg=(-c "$tmp/relfeed.yaml")
rf build "${cfg[@]}" "${args[@]}" "$tmp/content" || bad "build with a hook failed: $(cat "$tmp/stderr")"
want="$tmp/out|2|$tmp/out/rss.xml
$tmp/out/atom.xml
|"
[ "$(cat "$tmp/hook.log")" = "$want" ] || bad "hook saw: $(cat "$tmp/hook.log")"
rm -f "$tmp/hook.log"
rf build "${cfg[@]}" "${args[@]}" "$tmp/content" || bad "unchanged build with a hook failed"
[ -e "$tmp/hook.log" ] && bad "on_change ran when nothing changed"
# -q counts no entries, but the hook still gets the paths.
rm "$tmp/out/atom.xml"
rf build -q "${cfg[@]}" "${args[@]}" "$tmp/content" || bad "quiet build with a hook failed"
[ "$(cat "$tmp/hook.log")" = "$tmp/out|1|$tmp/out/atom.xml
|" ] || bad "quiet build: hook saw: $(cat "$tmp/hook.log")"
rm -f "$tmp/hook.log"
rf build "${cfg[@]}" "${args[@]}" "$tmp/content"
[ -e "$tmp/hook.log" ] && bad "on_change ran when nothing changed"
rm "$tmp/out/rss.xml"
rf build --dry-run "${cfg[@]}" "${args[@]}" "$tmp/content"
rf check "${cfg[@]}" "${args[@]}" "$tmp/content"
rf build --no-hooks "${cfg[@]}" "${args[@]}" "$tmp/content" || bad "--no-hooks build failed"
[ -e "$tmp/hook.log" ] && bad "on_change ran with --dry-run, check or --no-hooks"
# Its failure is exit status 3, after the feeds were written.
rm "$tmp/out/rss.xml"
HOOK_STATUS=5 rf build "${cfg[@]}" "${args[@]}" "$tmp/content"; rc=$?
[ $rc -eq 3 ] || bad "failing on_change: exit $rc, expected 3"
grep -q -x 'relfeed: error: on_change: exited with status 5' "$tmp/stderr" ||
	bad "failing on_change: $(cat "$tmp/stderr")"
[ -f "$tmp/out/rss.xml" ] || bad "rss.xml not written before the hook"
rm "$tmp/out/rss.xml"
printf 'on_change: kill -TERM $$\n' > "$tmp/kill.yaml"
rf build -c "$tmp/kill.yaml" "${args[@]}" "$tmp/content"; rc=$?
[ $rc -eq 3 ] && grep -q 'on_change: killed by signal 15' "$tmp/stderr" ||
	bad "on_change killed: exit $rc: $(cat "$tmp/stderr")"
# Never after a failed build.
rm -f "$tmp/hook.log" "$tmp/out/rss.xml"
printf -- '---\ntitle: [\n---\n' > "$tmp/content/bad.md"
rf build "${cfg[@]}" "${args[@]}" "$tmp/content"; rc=$?
[ $rc -eq 1 ] || bad "broken content: exit $rc"
[ -e "$tmp/hook.log" ] && bad "on_change ran after a failed build"
rm "$tmp/content/bad.md"

# Progress: on a terminal (script gives one), never without.
many=$tmp/many
mkdir -p "$many"
for i in $(seq 1 200); do
	printf -- '---\ntitle: Release %d\ndate: 2024-01-01\nrelease: 1.%d.0\n---\nBody %d.\n' \
		"$i" "$i" "$i" > "$many/r$i.md"
done
pargs="-u https://example.org/ -t T --now 2026-06-01T00:00:00Z -j 2 $many"
RELFEED_PROGRESS_DELAY=0 rf build -o "$tmp/p1" $pargs
grep -q $'\r' "$tmp/stderr" && bad "progress without a terminal"
if command -v script > /dev/null && script -qc true /dev/null > /dev/null 2>&1; then
	RELFEED_PROGRESS_DELAY=0 script -qec "$relfeed build -o $tmp/p2 $pargs" /dev/null \
		> "$tmp/tty" 2>&1 || bad "build on a terminal failed: $(cat "$tmp/tty")"
	grep -q 'relfeed: 200/200 files loaded' "$tmp/tty" || bad "no progress on a terminal"
	grep -q 'entries rendered' "$tmp/tty" || bad "no render progress on a terminal"
	grep -q 'relfeed: 2 files written' "$tmp/tty" || bad "no summary on a terminal"
	RELFEED_PROGRESS_DELAY=0 script -qec "$relfeed build -q -o $tmp/p3 $pargs" /dev/null \
		> "$tmp/tty" 2>&1
	[ -s "$tmp/tty" ] && bad "-q on a terminal printed: $(cat -A "$tmp/tty" | head -3)"
	# The default delay: a short run shows nothing (a few files, so
	# that it stays short on a loaded machine under a sanitizer too).
	script -qec "$relfeed build -u https://example.org/ -t T --now 2026-06-01T00:00:00Z -o $tmp/p4 $tmp/content" /dev/null > "$tmp/tty" 2>&1
	grep -q 'files loaded' "$tmp/tty" && bad "progress within the first second"
	grep -q 'relfeed: .* written' "$tmp/tty" || bad "the short run on a terminal: $(cat "$tmp/tty")"
else
	echo "note: script(1) cannot make a terminal here; progress not tested"
fi

# --version: the libraries it runs with, jansson among them.
"$relfeed" --version | grep -q '^libxml2 [0-9.]*.*, libyaml [0-9.]*, cmark-gfm .*, jansson [0-9.]*' ||
	bad "--version: $("$relfeed" --version)"
exit $fail
