#!/bin/bash
# End to end on the real corpora in ../shared/corpus: exit 0, one item per
# dated published entry, no shortcode left, every client passes.
. "$(dirname "$0")/lib.bash"
corpus=$top/../shared/corpus
[ -d "$corpus/istio" ] || skip "$corpus not present"
for site in istio istio-2019-blog; do
	out=$tmp/$site
	"$relfeed" build -q --base-url https://istio.io/latest/ --title "Istio news" \
		--now 2026-01-01T00:00:00Z -o "$out" "$corpus/$site" 2> "$tmp/stderr"
	rc=$?
	[ $rc -eq 0 ] || { bad "$site: exit $rc: $(head -5 "$tmp/stderr")"; continue; }
	# The expected count, from the list command (every dated, non-draft entry).
	"$relfeed" list -q --base-url https://istio.io/latest/ --now 2026-01-01T00:00:00Z \
		"$corpus/$site" > "$tmp/list"
	want=$(wc -l < "$tmp/list")
	# Independently: files with a publishdate and no draft: true.
	dated=$(grep -rl --include='*.md' -E '^ ?(publishdate|date):' "$corpus/$site" |
		xargs grep -L -E '^ ?draft: *true' | wc -l)
	[ "$want" -eq "$dated" ] || bad "$site: list has $want entries, $dated dated files"
	for f in rss.xml atom.xml; do
		got=$(grep -c '<item>\|<entry>' "$out/$f")
		[ "$got" -eq "$want" ] || bad "$site/$f: $got items, expected $want"
		grep -q '{{[<%]' "$out/$f" && bad "$site/$f: a shortcode is left"
		"$clients/check_feedparser.py" "$out/$f" "$want" || bad "$site/$f: feedparser"
		"$clients/check_sfeed.sh" "$out/$f" "$want"; rc=$?
		[ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "$site/$f: sfeed"
	done
	"$clients/check_atom_rng.sh" "$out/atom.xml"; rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 77 ] || bad "$site/atom.xml: schema"
	grep -q 'href="https://istio.io/latest/latest/' "$out/rss.xml" && bad "$site: doubled base"
done
exit $fail
