#!/bin/sh
# check_sfeed.sh: read an RSS or Atom feed with sfeed, a strict small client.
#
# usage: check_sfeed.sh FEED [EXPECTED_COUNT]
# sfeed prints one TSV line per item: timestamp, title, link, ... Checks the
# item count (when given), that every item has a timestamp sfeed could parse
# and an absolute http(s) link.
# Exit status: 0 pass, 1 fail (one line on stderr says why), 2 usage,
# 77 skip (sfeed not installed).

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: check_sfeed.sh FEED [EXPECTED_COUNT]" >&2
	exit 2
fi
feed=$1
expected=${2-}

if ! command -v sfeed >/dev/null 2>&1; then
	echo "skip: sfeed is not installed" >&2
	exit 77
fi
if [ ! -r "$feed" ]; then
	echo "check_sfeed: $feed: cannot read" >&2
	exit 1
fi

tsv=$(mktemp) || exit 1
trap 'rm -f "$tsv"' EXIT
if ! sfeed <"$feed" >"$tsv"; then
	echo "check_sfeed: $feed: sfeed failed" >&2
	exit 1
fi

# First problem wins; the awk program prints it and exits 1.
LC_ALL=C awk -F '\t' -v feed="$feed" -v expected="$expected" '
{
	n++
	if ($1 !~ /^-?[0-9]+$/) {
		printf("check_sfeed: %s: item %d (%s): no timestamp sfeed can parse\n", feed, n, $3)
		bad = 1; exit 1
	}
	if ($3 !~ /^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^\/]/) {
		printf("check_sfeed: %s: item %d: link \"%s\" is not absolute\n", feed, n, $3)
		bad = 1; exit 1
	}
}
END {
	if (bad)
		exit 1
	if (expected != "" && n + 0 != expected + 0) {
		printf("check_sfeed: %s: %d items, expected %s\n", feed, n, expected)
		exit 1
	}
}' "$tsv" >&2
