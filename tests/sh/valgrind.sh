#!/bin/bash
# Every golden case again with relfeed under valgrind, then relfeed validate
# on every feed the cases expect: any memory error or leak (definite,
# indirect, possible) fails. All the cases run, two at a time.
# Skips (77) without valgrind, and for a sanitizer build, which valgrind
# cannot run and which checks the same things itself.
. "$(dirname "$0")/lib.bash"
command -v valgrind > /dev/null || skip "valgrind missing"
grep -qa __asan_init "$relfeed" && skip "an AddressSanitizer build"
logs=$tmp/logs
mkdir "$logs"
export RELFEED_WRAPPER="valgrind -q --leak-check=full
--errors-for-leak-kinds=definite,indirect,possible
--show-leak-kinds=definite,indirect,possible --error-exitcode=99
--num-callers=30 --log-file=$logs/%q{RELFEED_CASE}.%p.log"
RELFEED_WRAPPER=${RELFEED_WRAPPER//$'\n'/ }
# One case: its name, then the driver's verdict and what valgrind said.
run_case() {
	local name out rc
	name=$(basename "$1")
	out=$(RELFEED_CASE=$name "$top/tests/golden.sh" "$relfeed" "$1" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] || [ -n "$(cat "$logs/$name".*.log 2> /dev/null)" ]; then
		echo "FAIL: $name under valgrind (exit $rc)"
		printf '%s\n' "$out" | head -20
		cat "$logs/$name".*.log 2> /dev/null | head -80
	fi
}
export -f run_case
export relfeed top logs
start=$SECONDS
find "$top/tests/golden" -mindepth 1 -maxdepth 1 -type d -print0 | LC_ALL=C sort -z |
	xargs -0 -n 1 -P 2 bash -c 'run_case "$1"' _ > "$tmp/report"
ncases=$(find "$top/tests/golden" -mindepth 1 -maxdepth 1 -type d | wc -l)
echo "$ncases golden cases under valgrind in $((SECONDS - start)) s"
# validate, once over every file: one valgrind start-up, not one a file.
mapfile -d '' feeds < <(find "$top/tests/golden" -path '*/expected/*' \
	\( -name '*.xml' -o -name '*.json' \) -print0 | LC_ALL=C sort -z)
RELFEED_CASE=validate $RELFEED_WRAPPER "$relfeed" validate "${feeds[@]}" \
	> "$tmp/validate" 2>&1
rc=$?
[ $rc -eq 0 ] || bad "validate under valgrind: exit $rc: $(grep -v ': warning: ' "$tmp/validate" | head -5)"
[ -n "$(cat "$logs"/validate.*.log)" ] && bad "validate under valgrind: $(head -80 "$logs"/validate.*.log)"
[ "$(ls "$logs" | wc -l)" -ge "$ncases" ] || bad "valgrind wrote only $(ls "$logs" | wc -l) logs"
# The failure paths of writing: the lock not had, a file size limit hit.
# (That of a feed staged and then discarded when a later one fails is
# checked by faults.sh in the sanitizer build.)
cp -r "$top/tests/golden/basic/content" "$tmp/content"
cd "$tmp" || exit 1
vg_build() {
	RELFEED_CASE=$1 $RELFEED_WRAPPER "$relfeed" build -q -u https://example.org/ \
		-t "$2" -f rss,atom,json --now 2026-06-01T00:00:00Z -o out "${@:3}" content
}
vg_build build T || bad "build under valgrind: exit $?"
(exec 9> out/.relfeed.lock && flock 9 && vg_build lock T2 --lock-wait 0) 2> "$tmp/stderr"
rc=$?
[ $rc -eq 3 ] || bad "lock not had, under valgrind: exit $rc: $(cat "$tmp/stderr")"
(ulimit -f 1 && vg_build full T3) 2> "$tmp/stderr"
rc=$?
[ $rc -eq 3 ] || bad "file size limit, under valgrind: exit $rc: $(cat "$tmp/stderr")"
grep -q 'error: cannot write: File too large' "$tmp/stderr" ||
	bad "file size limit, under valgrind: $(cat "$tmp/stderr")"
for c in build lock full; do
	[ -n "$(cat "$logs/$c".*.log)" ] && bad "$c under valgrind: $(head -80 "$logs/$c".*.log)"
done
if [ -s "$tmp/report" ]; then
	cat "$tmp/report"
	fail=1
fi
exit $fail
