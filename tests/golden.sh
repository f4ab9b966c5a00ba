#!/bin/bash
# Run one golden case: tests/golden/<case>/ holds
#   cmd          the arguments, one per line; @OUT@ is the output directory
#   content/     the content tree (the case directory is the working directory)
#   expected/    status (exit status), stderr, and stdout, rss.xml, atom.xml
#                as relfeed writes them. Absent output files must not exist.
# Before the run the output directory holds a previous feed (previous.xml
# copied to rss.xml and atom.xml); a failing run must leave it byte-identical.
# With REGEN=1 the expectations are rewritten instead of compared.
set -uo pipefail
relfeed=$1
case=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
mkdir -p "$out"
printf '<?xml version="1.0"?>\n<previous/>\n' > "$tmp/previous.xml"
cp "$tmp/previous.xml" "$out/rss.xml"
cp "$tmp/previous.xml" "$out/atom.xml"

args=()
while IFS= read -r line; do
	args+=("${line//@OUT@/$out}")
done < "$case/cmd"

cd "$case" || exit 1
"$relfeed" "${args[@]}" > "$tmp/stdout" 2> "$tmp/stderr"
status=$?
sed -i "s|$out|OUT|g" "$tmp/stderr"

if [ "${REGEN:-0}" = 1 ]; then
	rm -rf expected && mkdir expected
	echo "$status" > expected/status
	cp "$tmp/stderr" expected/stderr
	[ -s "$tmp/stdout" ] && cp "$tmp/stdout" expected/stdout
	if [ "$status" -eq 0 ]; then
		for f in rss.xml atom.xml; do
			cmp -s "$out/$f" "$tmp/previous.xml" || cp "$out/$f" expected/
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
for f in rss.xml atom.xml; do
	if [ -f "expected/$f" ]; then
		diff -u "expected/$f" "$out/$f" || bad "$f differs"
	else
		cmp -s "$out/$f" "$tmp/previous.xml" ||
			bad "$f changed, but the case expects the previous feed to survive"
	fi
done
leftover=$(find "$out" -mindepth 1 ! -name rss.xml ! -name atom.xml)
[ -z "$leftover" ] || bad "unexpected files in the output: $leftover"

# Every feed a case makes must pass the real clients.
[ -f allow-shortcode-text ] && export RELFEED_CHECK_ALLOW_SHORTCODE_TEXT=1
if [ "$status" -eq 0 ]; then
	for f in rss.xml atom.xml; do
		[ -f "expected/$f" ] || continue
		n=$(grep -c '<item>\|<entry>' "expected/$f")
		"$here/clients/check_feedparser.py" "$out/$f" "$n" || bad "feedparser rejects $f"
		"$here/clients/check_sfeed.sh" "$out/$f" "$n"
		rc=$?; [ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "sfeed rejects $f"
	done
	if [ -f expected/atom.xml ]; then
		"$here/clients/check_atom_rng.sh" "$out/atom.xml"
		rc=$?; [ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "Atom schema rejects atom.xml"
	fi
fi
exit $fail
