#!/bin/bash
# Run one golden case: tests/golden/<case>/ holds
#   cmd          the arguments, one per line; @OUT@ is the output directory
#   content/     the content tree (the case directory is the working
#                directory, so a relfeed.yaml beside cmd is the config)
#   expected/    status (exit status), stderr, stdout when there is any, and
#                every file the run leaves in the output directory, at the
#                same relative path (expected/releases/rss.xml is
#                OUT/releases/rss.xml). The output must hold no other file.
# Before the run the output directory holds a previous feed (previous.xml
# copied to rss.xml and atom.xml); when expected/ has no rss.xml (atom.xml)
# that file must be left byte-identical, as a failing run must leave it.
# Every expected .xml and .json must pass the real clients (feedparser;
# sfeed for XML; the Atom schema for atom.xml) and `relfeed validate`
# without an error or a warning.
# With REGEN=1 the expectations are rewritten instead of compared: the
# output tree of a successful run is copied whole, but for the seeded
# rss.xml and atom.xml left untouched.
set -uo pipefail
relfeed=$1
case=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A fresh front-matter cache for every run: no earlier run's cache counts.
export XDG_CACHE_HOME=$tmp/cache
out=$tmp/out
mkdir -p "$out"
printf '<?xml version="1.0"?>\n<previous/>\n' > "$tmp/previous.xml"
seeded=(rss.xml atom.xml)
for f in "${seeded[@]}"; do
	cp "$tmp/previous.xml" "$out/$f"
done

args=()
while IFS= read -r line; do
	args+=("${line//@OUT@/$out}")
done < "$case/cmd"

# RELFEED_WRAPPER, split into words, runs relfeed (tests/sh/valgrind.sh
# puts valgrind there); the checks of the feeds by the clients and by
# relfeed validate are then left to the plain run.
read -r -a wrapper <<< "${RELFEED_WRAPPER:-}"
cd "$case" || exit 1
"${wrapper[@]}" "$relfeed" "${args[@]}" > "$tmp/stdout" 2> "$tmp/stderr"
status=$?
sed -i "s|$out|OUT|g" "$tmp/stderr" "$tmp/stdout"
# A build that got as far as writing took the output directory's lock: an
# empty file, kept; not a feed, so not among the expectations.
lock=$out/.relfeed.lock
if [ -e "$lock" ]; then
	[ -f "$lock" ] && [ ! -s "$lock" ] &&
		[ "$(stat -c %a "$lock")" = 644 ] ||
		{ echo "FAIL: $lock is not an empty file of mode 0644"; exit 1; }
	rm -f "$lock"
fi

# A seeded file the run left as it was.
untouched() {
	case "$1" in
	rss.xml | atom.xml) cmp -s "$out/$1" "$tmp/previous.xml" ;;
	*) return 1 ;;
	esac
}

# Every file of a directory, as NUL-terminated paths relative to it, sorted.
files_under() {
	(cd "$1" && find . ! -type d -print0 | LC_ALL=C sort -z)
}

# The expected output files: all of expected/ but the run's status and text.
expected_outputs() {
	files_under expected | while IFS= read -r -d '' f; do
		f=${f#./}
		case "$f" in
		status | stderr | stdout) ;;
		*) printf '%s\0' "$f" ;;
		esac
	done
}

if [ "${REGEN:-0}" = 1 ]; then
	rm -rf expected && mkdir expected
	echo "$status" > expected/status
	cp "$tmp/stderr" expected/stderr
	[ -s "$tmp/stdout" ] && cp "$tmp/stdout" expected/stdout
	if [ "$status" -eq 0 ]; then
		files_under "$out" | while IFS= read -r -d '' f; do
			f=${f#./}
			untouched "$f" && continue
			mkdir -p "expected/$(dirname "$f")"
			cp "$out/$f" "expected/$f"
		done
	fi
	echo "regenerated $case"
	exit 0
fi

fail=0
bad() { echo "FAIL: $*"; fail=1; }
want=$(cat expected/status)
[ "$status" = "$want" ] || bad "exit status $status, expected $want"
diff -u expected/stderr "$tmp/stderr" || bad "stderr differs"
if [ -f expected/stdout ]; then
	diff -u expected/stdout "$tmp/stdout" || bad "stdout differs"
else
	[ -s "$tmp/stdout" ] && bad "unexpected stdout: $(head -c 200 "$tmp/stdout")"
fi

# Each expected file as written; each seeded file not expected left alone.
outputs=()
while IFS= read -r -d '' f; do
	outputs+=("$f")
	if [ -f "$out/$f" ]; then
		diff -u "expected/$f" "$out/$f" || bad "$f differs"
	else
		bad "$f was not written"
	fi
done < <(expected_outputs)
for f in "${seeded[@]}"; do
	[ -f "expected/$f" ] && continue
	untouched "$f" ||
		bad "$f changed, but the case expects the previous feed to survive"
done
# Nothing else: no stray feed, temporary file or empty directory.
while IFS= read -r -d '' f; do
	f=${f#./}
	case "$f" in
	status | stderr | stdout) ;;
	*) [ -f "expected/$f" ] && continue ;;
	esac
	untouched "$f" || bad "unexpected file in the output: $f"
done < <(files_under "$out")
leftover=$(find "$out" -mindepth 1 -type d -empty)
[ -z "$leftover" ] || bad "empty directories in the output: ${leftover//$out/OUT}"

# Every feed a case makes must pass the real clients and relfeed's own
# validator, without a warning.
[ -n "${RELFEED_WRAPPER:-}" ] && exit $fail
[ -f allow-shortcode-text ] && export RELFEED_CHECK_ALLOW_SHORTCODE_TEXT=1
# The python3 that has feedparser: PATH's, else the system's (a pyenv shim
# first in PATH may lack it, and costs a second a start).
py=python3
if [ ${#outputs[@]} -gt 0 ] && ! python3 -c 'import feedparser' 2>/dev/null &&
	[ -x /usr/bin/python3 ]; then
	py=/usr/bin/python3
fi
entries() {
	case "$1" in
	*.json) "$py" -c 'import json, sys
print(len(json.load(open(sys.argv[1], encoding="utf-8"))["items"]))' "$1" ;;
	*) { grep -o '<item>\|<entry>' "$1" || true; } | wc -l ;;
	esac
}
for f in "${outputs[@]}"; do
	case "$f" in
	*.xml | *.json) ;;
	*) continue ;;
	esac
	[ -f "$out/$f" ] || continue
	n=$(entries "$out/$f") || { bad "$f: cannot count its entries"; continue; }
	"$py" "$here/clients/check_feedparser.py" "$out/$f" "$n" ||
		bad "feedparser rejects $f"
	case "$f" in
	*.xml)
		"$here/clients/check_sfeed.sh" "$out/$f" "$n"
		rc=$?; [ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "sfeed rejects $f"
		;;
	esac
	case "$f" in
	atom.xml | */atom.xml)
		"$here/clients/check_atom_rng.sh" "$out/$f"
		rc=$?; [ $rc -eq 0 ] || [ $rc -eq 77 ] ||
			bad "Atom schema rejects $f"
		;;
	esac
	# The one warning content can cause and relfeed cannot avoid: entries
	# published the same day without a time share their timestamp.
	"$relfeed" validate "$out/$f" > "$tmp/validate" 2>&1
	rc=$?
	v=$(grep -v ': warning: entry has the same updated time' "$tmp/validate")
	[ $rc -eq 0 ] && [ -z "$v" ] ||
		bad "relfeed validate $f: exit $rc: ${v//$out/OUT}"
done
exit $fail
