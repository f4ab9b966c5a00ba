#!/bin/bash
# relfeed new: the announcement file of a release, in the place and with
# the front matter of the site's newest announcement of its kind (content/
# and, when ../shared is there, the istio corpus), or as relfeed.yaml's
# new: says; relfeed check accepts it; a second new refuses to replace it.
. "$(dirname "$0")/lib.bash"
now=2026-06-01T10:00:00+02:00

# new_ok NAME WANT_PATH ARGS...: relfeed new prints WANT_PATH and makes it.
new_ok() {
	local name=$1 want=$2 out
	shift 2
	out=$("$relfeed" new -q --now "$now" "$@" 2> "$tmp/err") ||
		{ bad "$name: relfeed new failed: $(cat "$tmp/err")"; return; }
	[ "$out" = "$want" ] || bad "$name: printed '$out', want '$want'"
	[ -f "$want" ] || bad "$name: $want not created"
}

# front NAME FILE WANT: the front matter of FILE is WANT.
front() {
	local got
	got=$(sed -n '2,/^---$/p' "$2" | sed '$d')
	[ "$got" = "$3" ] || bad "$1: front matter of $2:
$got
want:
$3"
}

# refuses NAME ARGS...: a second relfeed new exits 1 and keeps the file.
refuses() {
	local name=$1 rc sum
	shift
	sum=$(md5sum < "$tmp/last")
	"$relfeed" new -q --now 2027-01-01T00:00:00Z "$@" > /dev/null 2> "$tmp/err"
	rc=$?
	[ $rc -eq 1 ] || bad "$name: second new exited $rc, want 1"
	grep -q 'already exists; relfeed new never replaces' "$tmp/err" ||
		bad "$name: no clear message: $(cat "$tmp/err")"
	[ "$(md5sum < "$tmp/last")" = "$sum" ] || bad "$name: file changed"
}

# The sample site: a patch and a major release of content/.
cp -r "$top/content" "$tmp/content"
cp "$top/relfeed.yaml" "$tmp/relfeed.yaml"
cd "$tmp"
f=content/news/releases/1.11.x/announcing-1.11.1/index.md
new_ok corvid-patch "$f" 1.11.1
front corvid-patch "$f" "title: Announcing Corvid 1.11.1
linktitle: 1.11.1
subtitle: Patch Release
description: Corvid 1.11.1 patch release.
publishdate: 2026-06-01T08:00:00Z
release: 1.11.1
attribution: The Corvid Team
keywords: [corvid, release]
draft: true"
cp "$f" last
refuses corvid-patch 1.11.1
f=content/news/releases/1.12.x/announcing-1.12/_index.md
new_ok corvid-major "$f" 1.12.0
grep -qx 'title: Announcing Corvid 1.12' "$f" && grep -qx 'release: 1.12.0' "$f" ||
	bad "corvid-major: $(cat "$f")"
"$relfeed" check -q --drafts > /dev/null 2> err || bad "check: $(cat err)"
"$relfeed" list -q --drafts --future -u https://x/ | grep -q '	1.11.1	Announcing Corvid 1.11.1	' ||
	bad "the new draft is not an entry"

# Usage errors: exit 2, nothing made.
n=$(find content -type f | wc -l)
for v in 1.x "" ../1.2 latest; do
	"$relfeed" new "$v" > /dev/null 2>&1
	[ $? -eq 2 ] || bad "new '$v' did not exit 2"
done
[ "$(find content -type f | wc -l)" -eq "$n" ] || bad "usage error left a file"

# relfeed.yaml's new: path and template, with every placeholder.
cat > site.yaml <<'EOF'
timezone: -07:00
new:
  path: "notes/{year}/{line}/{slug}.md"
  template: |
    ---
    title: "Widget {version} ({major}/{minor}/{patch})"
    date: {date}
    release: "{version}"
    ---

    {{< relnote >}} of {year}-{month}-{day}.
EOF
mkdir site
f=site/notes/2026/2.0/v2-0-1-rc-1.md
new_ok config "$f" -c site.yaml v2.0.1-rc.1 site
front config "$f" 'title: "Widget v2.0.1-rc.1 (2/0/1)"
date: 2026-06-01T01:00:00-07:00
release: "v2.0.1-rc.1"'
grep -qx '{{< relnote >}} of 2026-06-01.' "$f" || bad "config: body: $(cat "$f")"
"$relfeed" check -q -c site.yaml -u https://x/ -t T site > /dev/null 2> err ||
	bad "check of the config's announcement: $(cat err)"
cp "$f" last
refuses config -c site.yaml v2.0.1-rc.1 site

# A template that makes no announcement is the config's error.
printf 'new:\n  template: "no front matter"\n' > bad.yaml
"$relfeed" new -q -c bad.yaml 3.0 site > /dev/null 2> err
[ $? -eq 2 ] && grep -q 'bad.yaml: error: the template of new' err ||
	bad "bad template: $(cat err)"
[ ! -e site/3.0.md ] || bad "bad template: file made"

# The istio corpus with its site config, in a copy.
corpus=$top/../shared/corpus/istio
if [ -d "$corpus" ]; then
	cp -r "$corpus" istio
	cfg=$top/scripts/sites/istio.yaml
	f=istio/releases/1.29.x/announcing-1.29.1/index.md
	new_ok istio-patch "$f" -c "$cfg" 1.29.1 istio
	front istio-patch "$f" "title: Announcing Istio 1.29.1
linktitle: 1.29.1
subtitle: Patch Release
description: Istio 1.29.1 patch release notes.
publishdate: 2026-06-01T08:00:00Z
release: 1.29.1
draft: true"
	f=istio/releases/1.30.x/announcing-1.30/_index.md
	new_ok istio-major "$f" -c "$cfg" 1.30.0 istio
	front istio-major "$f" "title: Announcing Istio 1.30.0
linktitle: 1.30.0
subtitle: Major Release
description: Istio 1.30 Release Announcement.
publishdate: 2026-06-01T08:00:00Z
release: 1.30.0
aliases:
    - /news/announcing-1.30
    - /news/announcing-1.30.0
draft: true"
	"$relfeed" check -q --drafts -c "$cfg" istio > /dev/null 2> err ||
		bad "check istio: $(cat err)"
	cp "$f" last
	refuses istio -c "$cfg" 1.30.0 istio
else
	echo "note: $corpus not present; the istio part is skipped"
fi
exit $fail
