#!/bin/sh
# check_atom_rng.sh: validate an Atom feed against the RFC 4287 RELAX NG schema.
#
# usage: check_atom_rng.sh ATOM [SCHEMA]
# SCHEMA defaults to $RELFEED_ATOM_RNG, else ../shared/schemas/atom.rng
# beside the repository root.
# Exit status: 0 valid, 1 invalid (one line on stderr says why), 2 usage,
# 77 skip (xmllint or the schema missing).

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: check_atom_rng.sh ATOM [SCHEMA]" >&2
	exit 2
fi
atom=$1
here=$(cd "$(dirname "$0")" && pwd) || exit 1
schema=${2:-${RELFEED_ATOM_RNG:-$here/../../../shared/schemas/atom.rng}}

if ! command -v xmllint >/dev/null 2>&1; then
	echo "skip: xmllint is not installed" >&2
	exit 77
fi
if [ ! -r "$schema" ]; then
	echo "skip: no Atom schema at $schema" >&2
	exit 77
fi
if [ ! -r "$atom" ]; then
	echo "check_atom_rng: $atom: cannot read" >&2
	exit 1
fi

# --nonet: a feed is checked as it is, nothing fetched.
if ! out=$(xmllint --noout --nonet --relaxng "$schema" "$atom" 2>&1); then
	first=$(printf '%s\n' "$out" | grep -v ' fails to validate$' | head -n 1)
	echo "check_atom_rng: ${first:-$atom fails to validate}" >&2
	exit 1
fi
