#!/bin/bash
# Faults while writing feeds: overlapping runs take turns on the output
# directory's lock; a full disk (a small tmpfs, a file size limit) fails
# with exit 3 and leaves every old feed as it was; SIGKILL at random points
# leaves each feed whole, old or new, and the temporary files of killed
# runs are removed by the next run. Each check is named; a check that
# needs what this machine lacks (mounting a tmpfs) says SKIP and the rest
# run. RELFEED_KILL_RUNS sets how many runs are killed (default 250).
#
# Mounting needs a mount namespace of our own, so the mounts go when the
# test does, however it ends.
if [ -z "${RELFEED_FAULTS_NS:-}" ] && [ "$(id -u)" -eq 0 ] &&
	unshare -m --propagation private true 2>/dev/null; then
	RELFEED_FAULTS_NS=1 exec unshare -m --propagation private "$0" "$@"
fi
. "$(dirname "$0")/lib.bash"
mounts=()
trap 'for m in "${mounts[@]}"; do umount "$m"; done 2>/dev/null
	chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
now=2026-06-01T00:00:00Z
site=$tmp/site
mkdir "$site"
cp -r "$top/tests/golden/config-named-feeds/content" \
	"$top/tests/golden/config-named-feeds/relfeed.yaml" "$site/"
cd "$site" || exit 1
A=(-t "Version A")
B=(-t "Version B" -n 2)
check=
begin() { check=$1; echo "== $check ($SECONDS s)"; }
failed() { bad "$check: $*"; }
build() { local o=$1; shift; "$relfeed" build -q --now "$now" -o "$o" "$@"; }
# The temporary files relfeed makes, anywhere under a directory.
temps() { find "$1" -name '.*.relfeed-*'; }
same_tree() { diff -r -x .relfeed.lock "$1" "$2" > /dev/null; }
# A tmpfs of the size given at the path given, or 1 when none can be had.
tmpfs() {
	mkdir -p "$2" && mount -t tmpfs -o "size=$1,mode=0755" tmpfs "$2" \
		2>/dev/null || return 1
	mounts+=("$2")
}
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }

# The complete outputs of A and B, and their files.
build "$tmp/refA" "${A[@]}" && build "$tmp/refB" "${B[@]}" ||
	{ bad "cannot build the reference outputs"; exit 1; }
mapfile -t files < <(cd "$tmp/refA" && find . -type f ! -name .relfeed.lock | sort)
[ ${#files[@]} -ge 10 ] || bad "only ${#files[@]} files in the reference output"
cmp -s "$tmp/refA/rss.xml" "$tmp/refB/rss.xml" && bad "A and B do not differ"

begin "lock: the lock file is made once, mode 0644, and kept"
out=$tmp/lock
build "$out" "${A[@]}" || failed "build failed"
[ -f "$out/.relfeed.lock" ] && [ ! -s "$out/.relfeed.lock" ] ||
	failed "no empty $out/.relfeed.lock"
[ "$(stat -c %a "$out/.relfeed.lock")" = 644 ] ||
	failed "lock file mode $(stat -c %a "$out/.relfeed.lock")"
ino=$(stat -c %i "$out/.relfeed.lock")
build "$out" "${B[@]}" || failed "second build failed"
[ "$(stat -c %i "$out/.relfeed.lock")" = "$ino" ] || failed "lock file re-created"

# Hold the lock as another run would, in the background, for $1 seconds
# or until killed.
hold() {
	(exec 9> "$out/.relfeed.lock" && flock 9 && exec sleep "$1") > /dev/null 2>&1 &
	holder=$!
	until ! flock -n "$out/.relfeed.lock" true; do sleep 0.05; done
}
begin "lock: --lock-wait 0 gives up at once, exit 3, naming the directory"
hold 30
cp -r "$out" "$tmp/lock-before"
start=$EPOCHREALTIME
build "$out" "${A[@]}" --lock-wait 0 2> "$tmp/stderr"; rc=$?
[ $rc -eq 3 ] || failed "exit $rc, expected 3"
grep -qx "$out: error: another relfeed run is writing this output directory (it holds .relfeed.lock); gave up after 0 seconds (see --lock-wait)" \
	"$tmp/stderr" || failed "message: $(cat "$tmp/stderr")"
awk -v t="$(elapsed "$start")" 'BEGIN { exit !(t < 5) }' || failed "took $(elapsed "$start") s"
same_tree "$tmp/lock-before" "$out" || failed "the feeds changed"

begin "lock: --lock-wait 1 waits a second, then gives up"
start=$EPOCHREALTIME
build "$out" "${A[@]}" --lock-wait 1 2> "$tmp/stderr"; rc=$?
t=$(elapsed "$start")
[ $rc -eq 3 ] || failed "exit $rc, expected 3"
grep -q "gave up after 1 seconds (see --lock-wait)" "$tmp/stderr" ||
	failed "message: $(cat "$tmp/stderr")"
awk -v t="$t" 'BEGIN { exit !(t >= 1 && t < 10) }' || failed "took $t s"
same_tree "$tmp/lock-before" "$out" || failed "the feeds changed"

begin "lock: check and list take no lock"
"$relfeed" check -q --now "$now" -o "$out" --lock-wait 0 "${A[@]}" 2> "$tmp/stderr" ||
	failed "check: exit $?: $(cat "$tmp/stderr")"
"$relfeed" list -q --now "$now" -o "$out" > /dev/null 2> "$tmp/stderr" ||
	failed "list: exit $?: $(cat "$tmp/stderr")"
kill "$holder"; wait "$holder" 2> /dev/null

begin "lock: a run waits for the one holding the lock, then writes"
hold 2
"$relfeed" build -v --now "$now" -o "$out" "${A[@]}" --lock-wait 30 2> "$tmp/stderr"; rc=$?
[ $rc -eq 0 ] || failed "exit $rc: $(cat "$tmp/stderr")"
grep -q "\.relfeed\.lock: note: another relfeed run holds the lock; waiting up to 30 seconds" \
	"$tmp/stderr" || failed "no note of the wait: $(cat "$tmp/stderr")"
same_tree "$tmp/refA" "$out" || failed "output is not A's"
wait "$holder"

begin "lock: --lock-wait takes seconds from 0 to 86400"
for v in -1 x 86401 ''; do
	"$relfeed" build --lock-wait "$v" -o "$out" 2> "$tmp/stderr"; rc=$?
	[ $rc -eq 2 ] || failed "--lock-wait '$v': exit $rc, expected 2"
	grep -q "^relfeed: error: --lock-wait '$v': expected seconds from 0 to 86400" \
		"$tmp/stderr" || failed "--lock-wait '$v': message: $(cat "$tmp/stderr")"
done

begin "lock: 20 concurrent runs of different content leave one run's feeds"
runs=20
for i in $(seq $runs); do
	build "$tmp/ref$i" -t "Run $i" -n $((i % 4)) || failed "reference $i" &
done
wait
out=$tmp/concurrent
pids=()
for i in $(seq $runs); do
	build "$out" -t "Run $i" -n $((i % 4)) 2> "$tmp/stderr$i" &
	pids+=($!)
done
for i in $(seq $runs); do
	wait "${pids[$((i - 1))]}" || failed "run $i: exit $?: $(cat "$tmp/stderr$i")"
done
winner=
for i in $(seq $runs); do
	same_tree "$tmp/ref$i" "$out" && winner=$i
done
[ -n "$winner" ] || failed "the feeds on disk are no one run's: $(grep -h -o '<title>Run [0-9]*' \
	"$out/rss.xml" "$out/atom.xml" | tr '\n' ' ')"
echo "the last run to write: $winner"
"$relfeed" validate "$out/rss.xml" "$out/atom.xml" "$out/feed.json" > "$tmp/v" 2>&1 ||
	failed "validate: $(cat "$tmp/v")"
[ -z "$(temps "$out")" ] || failed "temporary files left: $(temps "$out")"

begin "stale: a run removes the temporary files killed runs left, only those"
out=$tmp/stale
build "$out" "${A[@]}" || failed "build failed"
stale=(.rss.xml.relfeed-AbC123 .atom.xml.relfeed-000000 releases/.feed.json.relfeed-zZ9zZ9)
keep=(.rss.xml.backup .rss.xml.relfeed-AbC12 .rss.xml.relfeed-AbC1234
	.rss.xml.relfeed-AbC-23 .other.xml.relfeed-AbC123 rss.xml.relfeed-AbC123
	releases/.rss.xml.AbC123 nowhere/.rss.xml.relfeed-AbC123)
for f in "${stale[@]}" "${keep[@]}"; do
	mkdir -p "$(dirname "$out/$f")"
	echo partial > "$out/$f"
done
# A symbolic link of the pattern is not relfeed's: it and its target stay.
echo target > "$tmp/target"
ln -s "$tmp/target" "$out/.atom.xml.relfeed-LiNk00"
keep+=(.atom.xml.relfeed-LiNk00)
"$relfeed" build -v --now "$now" -o "$out" "${B[@]}" 2> "$tmp/stderr" || failed "build failed: $(cat "$tmp/stderr")"
for f in "${stale[@]}"; do
	[ -e "$out/$f" ] && failed "$f was not removed"
	grep -q "^$out/$f: note: removed: the temporary file of a run that was killed" \
		"$tmp/stderr" || failed "no note for $f: $(cat "$tmp/stderr")"
done
for f in "${keep[@]}"; do
	[ -e "$out/$f" ] || failed "$f was removed, but it is not relfeed's"
done
[ "$(cat "$tmp/target")" = target ] || failed "the link's target changed"
diff -r -x .relfeed.lock -x '.*.relfeed-*' -x '.rss.xml.*' -x nowhere -x 'rss.xml.*' \
	"$tmp/refB" "$out" > /dev/null || failed "output is not B's"

begin "disk full: a full tmpfs fails the run, exit 3, old feeds kept"
mnt=$tmp/full
if tmpfs 1m "$mnt"; then
	out=$mnt/out
	build "$out" "${A[@]}" || failed "build on the tmpfs failed"
	cp -a "$out" "$tmp/full-before"
	dd if=/dev/zero of="$mnt/filler" bs=4k 2> /dev/null
	build "$out" "${B[@]}" 2> "$tmp/stderr"; rc=$?
	[ $rc -eq 3 ] || failed "exit $rc, expected 3"
	grep -q "^$out/rss.xml: error: cannot write: No space left on device (the previous file is unchanged)$" \
		"$tmp/stderr" || failed "message: $(cat "$tmp/stderr")"
	diff -r "$tmp/full-before" "$out" > /dev/null || failed "the old feeds changed"
	[ -z "$(temps "$mnt")" ] || failed "temporary files left: $(temps "$mnt")"

	begin "disk full: room for the first file only: every old feed kept"
	# Free the pages rss.xml needs: it is staged, atom.xml is not, and
	# the staged rss.xml must not be renamed into place.
	pages=$((($(stat -c %s "$tmp/refB/rss.xml") + 4095) / 4096))
	truncate -s "-$((pages * 4096))" "$mnt/filler"
	build "$out" "${B[@]}" 2> "$tmp/stderr"; rc=$?
	[ $rc -eq 3 ] || failed "exit $rc, expected 3"
	grep -q "^$out/atom.xml: error: cannot write: No space left on device (the previous file is unchanged)$" \
		"$tmp/stderr" || failed "message: $(cat "$tmp/stderr")"
	diff -r "$tmp/full-before" "$out" > /dev/null ||
		failed "the old feeds changed: $(diff -rq "$tmp/full-before" "$out")"
	[ -z "$(temps "$mnt")" ] || failed "temporary files left: $(temps "$mnt")"

	begin "disk full: once there is room again the run writes"
	rm "$mnt/filler"
	build "$out" "${B[@]}" || failed "build failed"
	same_tree "$tmp/refB" "$out" || failed "output is not B's"
else
	echo "SKIP: $check: cannot mount a tmpfs here"
fi

# A file size limit below a feed's size: write(2) fails with EFBIG, after
# a short write. relfeed ignores SIGXFSZ itself, so the default action
# (killing the run mid-write) must not happen either.
for disposition in ignored default; do
	begin "disk full: ulimit -f, SIGXFSZ $disposition: exit 3, old feeds kept"
	out=$tmp/ulimit-$disposition
	build "$out" "${A[@]}" || failed "build failed"
	cp -a "$out" "$tmp/ulimit-before"
	(
		ulimit -f 1
		[ $disposition = ignored ] && trap '' XFSZ
		exec "$relfeed" build -q --now "$now" -o "$out" "${B[@]}"
	) 2> "$tmp/stderr"; rc=$?
	[ $rc -eq 3 ] || failed "exit $rc, expected 3"
	grep -q "^$out/rss.xml: error: cannot write: File too large (the previous file is unchanged)$" \
		"$tmp/stderr" || failed "message: $(cat "$tmp/stderr")"
	diff -r "$tmp/ulimit-before" "$out" > /dev/null || failed "the old feeds changed"
	[ -z "$(temps "$out")" ] || failed "temporary files left: $(temps "$out")"
	rm -rf "$tmp/ulimit-before"
done

begin "SIGKILL: each feed whole, A's or B's, after every kill"
kdir=$tmp/kill
mkdir -p "$kdir"
out=$kdir/out
build "$out" "${A[@]}" || failed "build failed"
sums() { (cd "$1" && md5sum "${files[@]}"); }
declare -A ok
while read -r sum f; do ok["$sum $f"]=A; done < <(sums "$tmp/refA")
while read -r sum f; do ok["$sum $f"]=B; done < <(sums "$tmp/refB")
# Kill anywhere from the start to about a whole run's time: the span
# adapts so that about a third of the runs finish before the kill comes.
# The waits and counts are bash's own, without a process each: the
# machine may be busy, and a slow sleep(1) would let every run finish.
shopt -s globstar nullglob dotglob
mkfifo "$tmp/never"
exec 8<> "$tmp/never"
span=300
n=${RELFEED_KILL_RUNS:-250}
killed=0 midway=0 maxtemps=0 errors=0
for ((i = 0; i < n; i++)); do
	if ((i % 2)); then args=("${A[@]}"); else args=("${B[@]}"); fi
	"$relfeed" build -q --now "$now" -o "$out" "${args[@]}" 2> /dev/null &
	pid=$!
	ms=$((RANDOM % span))
	read -r -t "$((ms / 1000)).$(printf %03d $((ms % 1000)))" -u 8
	kill -KILL $pid 2> /dev/null
	{ wait $pid; } 2> /dev/null
	if [ $? -eq 137 ]; then
		killed=$((killed + 1)) span=$((span * 21 / 20 + 1))
	else
		span=$((span * 9 / 10 + 1))
	fi
	while read -r sum f; do
		[ -n "${ok["$sum $f"]:-}" ] && continue
		failed "after kill $i: $f is neither A's nor B's complete version"
		errors=$((errors + 1))
	done < <(sums "$out" 2>&1)
	t=("$out"/**/.*.relfeed-*)
	((${#t[@]} > 0)) && midway=$((midway + 1))
	((${#t[@]} > maxtemps)) && maxtemps=${#t[@]}
	((errors > 5)) && break
done
shopt -u globstar nullglob dotglob
echo "$n runs, $killed killed, $midway left temporary files (at most $maxtemps at once); the last span $span ms"
[ $killed -gt 0 ] || failed "no run was killed"

begin "SIGKILL: temporary files of killed runs do not pile up"
# The next run removes each output's stale file before it stages its own:
# never more than one per output.
[ "$maxtemps" -le ${#files[@]} ] ||
	failed "$maxtemps temporary files at once, for ${#files[@]} outputs"
build "$out" "${B[@]}" --lock-wait 10 || failed "build after the kills failed"
same_tree "$tmp/refB" "$out" || failed "output is not B's"
[ -z "$(temps "$out")" ] || failed "temporary files left: $(temps "$out")"
exit $fail
