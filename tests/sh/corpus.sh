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
	# Independently: files with a publish date and no draft: true, less the
	# pages below a dated _index.md (a release bundle's change notes).
	dated=$(python3 - "$corpus/$site" <<'PY'
import os, re, sys
root = sys.argv[1]
dated, bundles = [], []
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".md"):
            continue
        p = os.path.join(d, f)
        text = open(p, encoding="utf-8").read()
        fm = text.split("\n---", 1)[0]
        if not re.search(r"^ ?(publishdate|date):", fm, re.M):
            continue
        if re.search(r"^ ?draft: *true", fm, re.M):
            continue
        dated.append(p)
        if f == "_index.md":
            bundles.append(d + os.sep)
print(sum(1 for p in dated if not any(
    p.startswith(b) and p != b + "_index.md" for b in bundles)))
PY
)
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
