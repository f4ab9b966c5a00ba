#!/bin/bash
# The front-matter cache never changes what a run prints or writes: after a
# file changed (same size, same mtime), was added, removed or renamed, after
# a config change, with warnings, with a corrupt or unwritable cache, the
# outputs and diagnostics of a cached run are those of a --no-cache run. An
# unchanged rerun reads every file from the cache and rewrites nothing.
. "$(dirname "$0")/lib.bash"
cp -r "$top/tests/golden/basic/content" "$tmp/content"
printf -- '---\ntitle: Dup\ntitle: Dup twice\ndate: 2026-01-05\n---\nBody.\n' \
	> "$tmp/content/dup.md"
printf 'base_url: https://example.org/\ntitle: T\ntimezone: UTC\n' > "$tmp/site.yaml"
cache=$tmp/c/site.fmcache
common=(-c "$tmp/site.yaml" --now 2026-06-01T00:00:00Z -f rss,atom,json "$tmp/content")

# run NAME [options]: build into $tmp/NAME (emptied first); status, stderr
# (output paths and cache notes taken out) in $tmp/NAME.err.
run() {
	local name=$1; shift
	rm -rf "${tmp:?}/$name"
	"$relfeed" build -v "$@" -o "$tmp/$name" "${common[@]}" > /dev/null 2> "$tmp/$name.raw"
	echo "status $?" > "$tmp/$name.err"
	grep -v -e 'files read from the cache' -e 'cache ignored' "$tmp/$name.raw" |
		sed "s|$tmp/$name|OUT|g" >> "$tmp/$name.err"
}
hits() { grep -o '[0-9]* of [0-9]* files read' "$tmp/$1.raw" | cut -d' ' -f1; }
total() { find "$tmp/content" -name '*.md' | wc -l; }

# A cached run and a --no-cache run give the same files and diagnostics.
same() {
	run cached --cache "$cache"
	run fresh --no-cache
	diff -r "$tmp/cached" "$tmp/fresh" > /dev/null || bad "$1: outputs differ from --no-cache"
	diff "$tmp/cached.err" "$tmp/fresh.err" > /dev/null ||
		bad "$1: diagnostics differ from --no-cache: $(diff "$tmp/cached.err" "$tmp/fresh.err")"
	grep -q 'files read from the cache' "$tmp/fresh.raw" && bad "$1: --no-cache read the cache"
}

# Files changed less than FMCACHE_RACY_SEC (2 s) ago are never cached.
same "racy run"
[ -z "$(hits cached)" ] || bad "files written just now were taken from the cache"
sleep 2.2
same "first run"
same "warm run"
[ "$(hits cached)" = "$(($(total) - 1))" ] ||
	bad "warm run: $(hits cached) files from the cache, expected all but dup.md"
grep -q "duplicate key 'title'" "$tmp/cached.err" || bad "a cached run lost a warning"

# An unchanged rerun writes nothing: no output file, not the cache.
"$relfeed" build -q --cache "$cache" -o "$tmp/keep" "${common[@]}" || bad "keep run failed"
before=$(stat -c '%i %Y.%y' "$cache" "$tmp"/keep/*)
"$relfeed" build -q --cache "$cache" -o "$tmp/keep" "${common[@]}" || bad "rerun failed"
[ "$before" = "$(stat -c '%i %Y.%y' "$cache" "$tmp"/keep/*)" ] ||
	bad "an unchanged rerun rewrote the cache or a feed"

# Changed in place: same size, same inode, mtime put back to the nanosecond.
f=$tmp/content/releases/1.10.x/announcing-1.10.1/index.md
touch -r "$f" "$tmp/ref"
sed 's/^title: Announcing 1.10.1$/title: Announcing 1.10.9/' "$f" > "$tmp/new"
cmp -s "$f" "$tmp/new" && bad "the edit changed nothing"
cat "$tmp/new" > "$f"
touch -r "$tmp/ref" "$f"
same "changed, same size and mtime"
grep -q 'Announcing 1.10.9' "$tmp/cached/rss.xml" || bad "the changed title is not in the feed"
# Changed again within the same second, mtime kept to the second.
sed -i 's/^title: Announcing 1.10.9$/title: Announcing 1.10.8/' "$f"
touch -d "@$(stat -c %Y "$tmp/ref")" "$f"
same "changed, same mtime second"
grep -q 'Announcing 1.10.8' "$tmp/cached/rss.xml" || bad "the second change is not in the feed"

# Added, removed, renamed (same inode, size and mtime).
sleep 2.2
same "settled"
printf -- '---\ntitle: Added\ndate: 2026-05-01\n---\nNew.\n' > "$tmp/content/added.md"
same "added"
grep -q '>Added<' "$tmp/cached/rss.xml" || bad "the added entry is not in the feed"
rm "$tmp/content/future.md" "$tmp/content/added.md"
same "removed"
mv "$tmp/content/releases/1.9.x/announcing-1.9.2" "$tmp/content/releases/1.9.x/moved"
same "renamed"
grep -q 'releases/1.9.x/moved/' "$tmp/cached/rss.xml" || bad "the renamed entry kept its old link"

# A config change that changes how dates are read: dates without a zone.
sleep 2.2
same "settled again"
sed -i 's/^timezone: UTC$/timezone: +05:00/' "$tmp/site.yaml"
same "timezone changed"
[ -z "$(hits cached)" ] || bad "a changed config reused the cache"
grep -q '+05:00\|+0500' "$tmp/cached/atom.xml" "$tmp/cached/rss.xml" ||
	bad "the new timezone is not in the feeds"
same "timezone changed, warm"
[ -n "$(hits cached)" ] || bad "the cache was not rebuilt for the new config"

# A corrupt cache is ignored and rebuilt, with a note under -v only.
head -c 100 /dev/urandom > "$cache"
same "corrupt cache"
grep -q 'cache ignored and rebuilt' "$tmp/cached.raw" || bad "no note about the corrupt cache"
"$relfeed" build -q --cache "$cache" -o "$tmp/q" "${common[@]}" 2> "$tmp/q.err" || bad "-q run failed"
[ -s "$tmp/q.err" ] && bad "-q run printed: $(cat "$tmp/q.err")"
# An unwritable cache is no error.
"$relfeed" build -q --cache /dev/null/x -o "$tmp/q" "${common[@]}" 2> "$tmp/q.err" ||
	bad "an unwritable cache failed the run"
[ -s "$tmp/q.err" ] && bad "an unwritable cache printed: $(cat "$tmp/q.err")"

# --no-cache and cache: false read and write no cache; check writes none;
# cache: FILE in the config is used; the default lives in XDG_CACHE_HOME.
rm -f "$cache"
"$relfeed" build -q --no-cache -o "$tmp/q" "${common[@]}" && [ ! -e "$cache" ] ||
	bad "--no-cache wrote a cache"
"$relfeed" check -q --cache "$cache" "${common[@]}" && [ ! -e "$cache" ] ||
	bad "check wrote a cache"
printf 'cache: false\n' >> "$tmp/site.yaml"
"$relfeed" build -q -o "$tmp/q" "${common[@]}" || bad "cache: false run failed"
[ -e "$XDG_CACHE_HOME/relfeed" ] && bad "cache: false wrote a cache"
"$relfeed" build -q --cache "$cache" -o "$tmp/q" "${common[@]}" && [ -s "$cache" ] ||
	bad "--cache FILE does not override cache: false"
sed -i 's|^cache: false$|cache: mine.fmcache|' "$tmp/site.yaml"
"$relfeed" build -q -o "$tmp/q" "${common[@]}" && [ -s "$tmp/mine.fmcache" ] ||
	bad "cache: FILE (relative to the config) was not written"
sed -i '/^cache:/d' "$tmp/site.yaml"
"$relfeed" build -q -o "$tmp/q" "${common[@]}" || bad "default cache run failed"
ls "$XDG_CACHE_HOME"/relfeed/content-*.fmcache > /dev/null 2>&1 ||
	bad "no cache file in \$XDG_CACHE_HOME/relfeed"

# Every golden case: a run with a warm cache prints and writes what a
# --no-cache run does.
for case in "$top"/tests/golden/*/; do
	name=$(basename "$case")
	args=()
	while IFS= read -r line; do
		args+=("${line//@OUT@/$tmp/g/out}")
	done < "$case/cmd"
	grun() {
		rm -rf "$tmp/g"; mkdir -p "$tmp/g/out"
		(cd "$case" && "$relfeed" "${args[0]}" "$@" "${args[@]:1}") \
			> "$tmp/g/stdout" 2> "$tmp/g/raw"
		echo "status $?" >> "$tmp/g/stdout"
		grep -v -e 'files read from the cache' "$tmp/g/raw" > "$tmp/g/stderr"
	}
	grun --no-cache
	mv "$tmp/g" "$tmp/g0"
	grun --cache "$tmp/golden.fmcache"
	grun --cache "$tmp/golden.fmcache"
	diff -r "$tmp/g0" "$tmp/g" > /dev/null ||
		bad "golden/$name: a cached run differs: $(diff -r "$tmp/g0" "$tmp/g" | head -5)"
	rm -rf "$tmp/g0" "$tmp/golden.fmcache"
done
exit $fail
