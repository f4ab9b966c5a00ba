#!/bin/bash
# Hostile input made at test time because it is big or odd: every case gets
# one diagnostic naming the file, a defined exit status, no hang, and the
# previous feed left alone when the run fails; a run that succeeds writes
# feeds that parse (xmllint).
. "$(dirname "$0")/lib.bash"
command -v xmllint >/dev/null || skip "xmllint missing"
good=$'---\ntitle: Good\npublishdate: 2026-01-01\n---\nBody.\n'
hdr() { printf -- '---\ntitle: %s\npublishdate: 2026-01-02\n---\n' "$1"; }

# A fresh content tree with one good entry, and an output with old feeds.
fresh() {
	rm -rf "$tmp/c" "$tmp/out"
	mkdir -p "$tmp/c" "$tmp/out"
	printf '%s' "$good" > "$tmp/c/a-good.md"
	echo old > "$tmp/out/rss.xml"
	echo old > "$tmp/out/atom.xml"
}
# run NAME [options]: build the tree within a time limit; sets rc.
run() {
	local name=$1
	shift
	echo old > "$tmp/out/rss.xml"
	echo old > "$tmp/out/atom.xml"
	timeout 120 "$relfeed" build -u https://example.org/ -t T \
		--now 2026-06-01T00:00:00Z -o "$tmp/out" "$@" "$tmp/c" \
		> "$tmp/stdout" 2> "$tmp/stderr"
	rc=$?
	[ $rc -ne 124 ] || bad "$name: timed out"
}
# expect NAME STATUS PATTERN: the status, the one message, and for a
# failure the old feeds; for a success feeds that parse.
expect() {
	local name=$1 want=$2 pat=$3 n
	[ "$rc" -eq "$want" ] || bad "$name: exit $rc, expected $want: $(head -c 300 "$tmp/stderr")"
	if [ -n "$pat" ]; then
		grep -q -- "$pat" "$tmp/stderr" ||
			bad "$name: no '$pat' in: $(head -c 300 "$tmp/stderr")"
		n=$(grep -c -- "$pat" "$tmp/stderr")
		[ "$n" -eq 1 ] || bad "$name: '$pat' said $n times"
	fi
	if [ "$want" -ne 0 ]; then
		[ "$(cat "$tmp/out/rss.xml")" = old ] || bad "$name: rss.xml changed"
		[ "$(cat "$tmp/out/atom.xml")" = old ] || bad "$name: atom.xml changed"
	else
		# The feeds this run wrote (--format may leave one old).
		n=0
		for f in rss.xml atom.xml; do
			[ "$(head -c 4 "$tmp/out/$f")" = old ] && continue
			n=$((n + 1))
			xmllint --noout --huge "$tmp/out/$f" ||
				bad "$name: $f does not parse"
		done
		[ $n -gt 0 ] || bad "$name: no feed written"
	fi
	[ -z "$(find "$tmp/out" -name '.*' ! -name .relfeed.lock)" ] || bad "$name: temporary files left"
}

# Every C0 control character and DEL, in the front matter and in the body:
# tab, LF and CR are text, the others an error at their line and column.
for i in $(seq 0 31) 127; do
	hex=$(printf '%02x' "$i")
	fresh
	{ hdr "Ctl"; printf "x\\x$hex""y\n"; } > "$tmp/c/body.md"
	run "body \\x$hex"
	case $i in
	9 | 10 | 13) expect "body \\x$hex" 0 "" ;;
	*) expect "body \\x$hex" 1 "body.md:5:2: error: control character \\\\x$hex" ;;
	esac
	fresh
	printf -- "---\ntitle: a\\x$hex""b\npublishdate: 2026-01-02\n---\n" > "$tmp/c/fm.md"
	run "front matter \\x$hex"
	case $i in
	9) expect "front matter \\x$hex" 0 "" ;;
	# YAML reads a carriage return as a line break.
	10 | 13) expect "front matter \\x$hex" 1 "fm.md:4:1: error: YAML" ;;
	*) expect "front matter \\x$hex" 1 "fm.md:2:9: error: control character \\\\x$hex" ;;
	esac
done

# A file of 0 bytes has no front matter: not an announcement.
fresh
: > "$tmp/c/empty.md"
run "0 bytes" -v
expect "0 bytes" 0 "empty.md: note: no front matter"

# A 2 GB file (sparse) is refused before it is read, quickly.
fresh
{ hdr Huge; echo Body; } > "$tmp/c/huge.md"
truncate -s 2G "$tmp/c/huge.md"
start=$SECONDS
run "2 GB"
expect "2 GB" 1 "huge.md: error: file is 2147483648 bytes, more than the limit of 16777216 (16M); raise it with --max-file-size"
[ $((SECONDS - start)) -lt 10 ] || bad "2 GB: took $((SECONDS - start)) s"
# Raised, the limit lets a big (sparse, NUL-filled) file in, to be refused
# for what it holds: the NUL bytes after the body.
truncate -s 20M "$tmp/c/huge.md"
run "20 MB of NULs" --max-file-size 32M
expect "20 MB of NULs" 1 "huge.md:6:1: error: control character \\\\x00"
rm "$tmp/c/huge.md"

# A 100 MB front-matter value: over the file limit by default; under a
# raised file limit, over the front-matter limit.
{ printf -- '---\ntitle: Big\npublishdate: 2026-01-02\nx: '; head -c 100M /dev/zero | tr '\0' a; printf '\n---\nBody\n'; } > "$tmp/c/big.md"
run "100 MB value"
expect "100 MB value" 1 "big.md: error: file is 104857" 
run "100 MB value, file limit raised" --max-file-size 200M
expect "100 MB value, file limit raised" 1 "big.md:1:1: error: front matter is 104857"
rm "$tmp/c/big.md"

# Nesting 10,000 deep in block style.
fresh
{ printf -- '---\ntitle: Deep\nx:\n'; for i in $(seq 1 10000); do printf '%*sk:\n' "$i" ''; done; printf -- '---\nBody\n'; } > "$tmp/c/deep.md"
run "10,000 deep" --max-file-size 64M --max-front-matter 64M
expect "10,000 deep" 1 "deep.md:67:65: error: YAML: lists and maps nested deeper than 64 levels"
run "10,000 deep, limit 1000" --max-file-size 64M --max-front-matter 64M --max-depth 1000
expect "10,000 deep, limit 1000" 1 "nested deeper than 1000 levels"

# A file removed between the scan and the body read: the head is read, then
# (while the other files are read) the file goes. An I/O error, exit 3.
if command -v inotifywait >/dev/null; then
	fresh
	for i in $(seq 1 3000); do printf '%s' "$good" | sed "s/Good/G$i/" > "$tmp/c/f$i.md"; done
	{ hdr Gone; echo Body; } > "$tmp/c/0-gone.md"
	# The file is read once for its head; close-nowrite says it was.
	(inotifywait -q -e close_nowrite "$tmp/c/0-gone.md" >/dev/null && rm "$tmp/c/0-gone.md") &
	watcher=$!
	sleep 1
	run "removed after the scan" --limit 0 -j 1
	wait "$watcher"
	expect "removed after the scan" 3 "0-gone.md: error: cannot open: No such file or directory"
	# Replaced by a file without front matter: a content error.
	{ hdr Gone; echo Body; } > "$tmp/c/0-gone.md"
	(inotifywait -q -e close_nowrite "$tmp/c/0-gone.md" >/dev/null &&
		echo "no front matter now" > "$tmp/c/0-gone.md") &
	watcher=$!
	sleep 1
	run "replaced after the scan" --limit 0 -j 1
	wait "$watcher"
	expect "replaced after the scan" 1 "0-gone.md: error: no longer has front matter"
else
	echo "note: inotifywait missing; the removal race is not tested"
fi

# A directory named x.md is walked, a FIFO named x.md must not block.
fresh
mkdir "$tmp/c/x.md"
printf '%s' "$good" | sed 's/Good/Inner/' > "$tmp/c/x.md/inner.md"
mkfifo "$tmp/c/fifo.md"
run "FIFO and directory"
expect "FIFO and directory" 0 "fifo.md: warning: not a regular file; not content"
grep -q Inner "$tmp/out/rss.xml" || bad "directory x.md: its entry is missing"

# Symbolic links: a loop, and one out of the content root, are not followed.
fresh
ln -s loop.md "$tmp/c/loop.md"
ln -s self "$tmp/c/self"
ln -s . "$tmp/c/here"
printf '%s' "$good" | sed 's/Good/Outside/' > "$tmp/outside.md"
ln -s ../outside.md "$tmp/c/outside.md"
ln -s .. "$tmp/c/up"
run "symbolic links"
expect "symbolic links" 0 "loop.md: warning: symbolic link not followed"
for l in outside.md up here; do
	grep -q "c/$l: warning: symbolic link not followed" "$tmp/stderr" ||
		bad "symbolic link $l: no warning in $(cat "$tmp/stderr")"
done
grep -q Outside "$tmp/out/rss.xml" && bad "symbolic link out of the root followed"

# Names with spaces, a line feed, an escape and bytes that are not UTF-8:
# feeds that parse, and diagnostics that print each name on one line.
fresh
printf '%s' "$good" | sed 's/Good/Sp/; s/01-01/01-03/' > "$tmp/c/with space.md"
printf '%s' "$good" | sed 's/Good/NL/; s/01-01/01-04/' > "$tmp/c/new"$'\n'"line.md"
printf '%s' "$good" | sed 's/Good/Lat/; s/01-01/01-05/' > "$tmp/c/caf"$'\xe9'".md"
run "odd names"
expect "odd names" 0 ""
[ "$(grep -c '<item>' "$tmp/out/rss.xml")" -eq 4 ] || bad "odd names: not 4 items"
printf -- '---\ntitle: [\n---\n' > "$tmp/c/bad"$'\n\x1b\xe9'"x.md"
run "odd names, error"
expect "odd names, error" 1 'bad\\x0a\\x1b\\xe9x.md:3:1: error: YAML'
[ "$(wc -l < "$tmp/stderr")" -eq 1 ] || bad "odd names: the message is not one line"

# 100,000 nested blockquotes and list items, and a 50 MB line.
fresh
{ hdr Quotes; head -c 100000 /dev/zero | tr '\0' '>'; echo " deep"; } > "$tmp/c/quotes.md"
{ hdr Items; printf -- '- %.0s' $(seq 1 100000); echo x; } > "$tmp/c/items.md"
run "100,000 nested"
expect "100,000 nested" 0 ""
rm "$tmp/c/quotes.md" "$tmp/c/items.md"
{ hdr Line; head -c 50M /dev/zero | tr '\0' a; echo; } > "$tmp/c/line.md"
run "50 MB line"
expect "50 MB line" 1 "line.md: error: file is 524288"
run "50 MB line, limit raised" --max-file-size 64M -f atom
expect "50 MB line, limit raised" 0 ""
rm "$tmp/c/line.md"

# 100,000 files in one directory, in memory when /dev/shm allows: making
# and removing them on a busy disk takes minutes.
fresh
if shm=$(mktemp -d -p /dev/shm 2>/dev/null); then
	trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp" "$shm"' EXIT
	rm -rf "$tmp/c"
	mkdir "$shm/c"
	ln -s "$shm/c" "$tmp/c"	# the root may be a link; links in it are not
	printf '%s' "$good" > "$tmp/c/a-good.md"
fi
many=$tmp/c/many
mkdir "$many"
(cd "$many" && seq -w 1 100000 | awk -v g="$good" '{ f = $1 ".md"; printf "%s", g > f; close(f) }')
start=$SECONDS
run "100,000 files" --limit 20 -j 2
expect "100,000 files" 0 ""
[ "$(grep -c '<item>' "$tmp/out/rss.xml")" -eq 20 ] || bad "100,000 files: not 20 items"
# Without a limit the site feed would hold 100,001 entries: over
# --max-entries, an error before anything is rendered.
echo old > "$tmp/out/rss.xml"
echo old > "$tmp/out/atom.xml"
run "100,001 entries"
expect "100,001 entries" 1 "the site feed would hold 100001 entries, more than the limit of 100000"
echo "100,000 files: $((SECONDS - start)) s for two runs"
exit $fail
