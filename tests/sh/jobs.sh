#!/bin/bash
# Loading and rendering in parallel change nothing: a tree large enough for
# several loading and rendering threads, with good files, warnings,
# errors, notes and files over a limit mixed in, gives the same feeds, the
# same diagnostics in the same order and the same exit status with --jobs 1
# and --jobs 4, with and without the front-matter cache.
. "$(dirname "$0")/lib.bash"
c=$tmp/content
mkdir -p "$c/a" "$c/b/deep"
for i in $(seq 1 700); do
	d=$c/a
	[ $((i % 3)) -eq 0 ] && d=$c/b
	[ $((i % 7)) -eq 0 ] && d=$c/b/deep
	f=$d/r$i.md
	case $((i % 50)) in
	7)	# no date: a warning
		printf -- '---\ntitle: Undated %d\n---\nBody %d.\n' $i $i > "$f" ;;
	13)	# bad YAML: an error with its line
		printf -- '---\ntitle: [broken %d\n---\nBody.\n' $i > "$f" ;;
	21)	# no front matter: a note
		printf 'Just text %d.\n' $i > "$f" ;;
	29)	# not UTF-8: an error
		printf -- '---\ntitle: Bad \xff byte %d\npublishdate: 2026-01-01\n---\n' $i > "$f" ;;
	37)	# draft: a note
		printf -- '---\ntitle: Draft %d\ndraft: true\npublishdate: 2026-01-02\n---\nx\n' $i > "$f" ;;
	*)	printf -- '---\ntitle: Release %d\npublishdate: 2026-%02d-%02dT%02d:%02d:00Z\nrelease: 1.%d.%d\n---\n\n# Notes\n\nFixed *issue* %d, ~~not~~ see [the notes](/notes/%d/) and https://example.org/%d or www.example.org.\n\n| a | b |\n|---|---|\n| %d | x |\n' \
			$i $((i % 12 + 1)) $((i % 28 + 1)) $((i % 24)) $((i % 60)) $((i / 10)) $((i % 10)) $i $i $i $i > "$f" ;;
	esac
done
# One file over the size limit.
head -c 3000 /dev/zero | tr '\0' 'x' > "$c/a/zz-big.md"
build() {	# jobs, output dir, extra options...
	local j=$1 out=$2
	shift 2
	"$relfeed" build -v --jobs "$j" -u https://example.org/ -t T \
		--now 2026-12-31T00:00:00Z --max-file-size 2k -f rss,atom,json -n 0 \
		"$@" -o "$out" "$c" > "$out.stdout" 2> "$out.stderr"
	echo $? > "$out.status"
}
# With errors in the tree nothing is written: the diagnostics must agree.
build 1 "$tmp/e1" --no-cache
build 4 "$tmp/e4" --no-cache
[ "$(cat "$tmp/e1.status")" = 1 ] || bad "--jobs 1 on bad input: exit $(cat "$tmp/e1.status"), expected 1"
cmp -s "$tmp/e1.status" "$tmp/e4.status" || bad "exit status differs with --jobs 4"
cmp -s "$tmp/e1.stderr" "$tmp/e4.stderr" || {
	bad "diagnostics differ with --jobs 4"
	diff "$tmp/e1.stderr" "$tmp/e4.stderr" | head -10
}
for want in "error: " "warning: " "note: " "r13.md:3:1: error: YAML" "more than the limit"; do
	grep -q -- "$want" "$tmp/e1.stderr" || bad "no '$want' in the diagnostics"
done
# The errors mended (the warnings and notes kept), the feeds must agree.
for i in $(seq 13 50 700) $(seq 29 50 700); do
	f=$(find "$c" -name "r$i.md")
	printf -- '---\ntitle: Mended %d\npublishdate: 2025-06-01\n---\nOK.\n' $i > "$f"
done
rm "$c/a/zz-big.md"
build 1 "$tmp/o1" --no-cache
build 4 "$tmp/o4" --no-cache
# Twice with a cache: the first fills it, the second reads it (files
# changed in the last two seconds are not cached).
sleep 2.1
build 4 "$tmp/c4" --cache "$tmp/cache"
build 4 "$tmp/c4b" --cache "$tmp/cache"
for r in o1 o4 c4 c4b; do
	[ "$(cat "$tmp/$r.status")" = 0 ] || bad "$r: exit $(cat "$tmp/$r.status"): $(head -3 "$tmp/$r.stderr")"
done
for r in o4 c4 c4b; do
	diff -r "$tmp/o1" "$tmp/$r" > /dev/null || bad "$r: feeds differ from --jobs 1"
	# The summary line and the cache's notes are left out.
	diff <(grep -v -e '^relfeed: ' -e 'from the cache$' "$tmp/o1.stderr" | sed "s|$tmp/o1/|OUT/|") \
		<(grep -v -e '^relfeed: ' -e 'from the cache$' "$tmp/$r.stderr" | sed "s|$tmp/$r/|OUT/|") > "$tmp/diff" || {
		bad "$r: diagnostics differ from --jobs 1"
		head -6 "$tmp/diff"
	}
done
grep -q "of 700 files read from the cache" "$tmp/c4b.stderr" || bad "the second cached run read nothing from the cache"
n=$(grep -c '<item>' "$tmp/o1/rss.xml")
[ "$n" -gt 600 ] || bad "only $n items in the feed"
grep -q "warning: no publish date" "$tmp/o4.stderr" || bad "no warnings to compare"
# check renders and lints every body, in as many threads: a body-level
# warning in many files, and the same report whatever the threads.
for i in $(seq 3 10 700); do
	f=$(find "$c" -name "r$i.md")
	grep -q '^title: Release' "$f" && printf 'See [x]((y)).\n' >> "$f"
done
for j in 1 4; do
	"$relfeed" check --jobs "$j" -u https://example.org/ -t T \
		--now 2026-12-31T00:00:00Z -n 0 --no-cache "$c" > /dev/null 2> "$tmp/k$j.stderr"
	echo $? > "$tmp/k$j.status"
done
cmp -s "$tmp/k1.status" "$tmp/k4.status" || bad "check: exit status differs with --jobs 4"
cmp -s "$tmp/k1.stderr" "$tmp/k4.stderr" || {
	bad "check: diagnostics differ with --jobs 4"
	diff "$tmp/k1.stderr" "$tmp/k4.stderr" | head -6
}
n=$(grep -c "one '(' too many" "$tmp/k1.stderr")
[ "$n" -gt 50 ] || bad "check: only $n lint warnings"
# The extensions' inline syntax, parsed by several threads, is all there.
for want in '&lt;del&gt;not&lt;/del&gt;' '&gt;www.example.org&lt;/a&gt;' '&lt;td&gt;'; do
	n=$(grep -o -- "$want" "$tmp/o4/rss.xml" | wc -l)
	[ "$n" -gt 600 ] || bad "only $n of '$want' in the feed made with --jobs 4"
done
exit $fail
