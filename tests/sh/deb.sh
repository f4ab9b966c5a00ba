#!/bin/bash
# cpack -G DEB: the package's control fields (dependencies on Debian's
# library packages), its contents, and an unpack with dpkg into a
# throwaway root whose binary runs. Configuring the package (its postinst,
# in a clean Debian 12) is scripts/check-deb's, too slow for every run.
. "$(dirname "$0")/lib.bash"
build=$(dirname "$relfeed")
[ -f "$build/CPackConfig.cmake" ] || skip "no CPack configuration beside $relfeed"
for t in cpack dpkg-deb dpkg-shlibdeps dpkg; do
	command -v $t >/dev/null || skip "$t missing"
done
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg" > "$tmp/log" 2>&1 ||
	{ bad "cpack failed: $(cat "$tmp/log")"; exit 1; }
deb=$(echo "$tmp"/pkg/relfeed_*.deb)
[ -f "$deb" ] || { bad "no .deb in $(ls "$tmp/pkg")"; exit 1; }

dpkg-deb -I "$deb" > "$tmp/info" || bad "dpkg-deb -I failed"
field() { sed -n "s/^ $1: //p" "$tmp/info"; }
[ "$(field Package)" = relfeed ] || bad "Package: $(field Package)"
[ "$(field Section)" = web ] || bad "Section: $(field Section)"
field Maintainer | grep -q '<.*@.*>' || bad "Maintainer: $(field Maintainer)"
field Description | grep -q 'RSS, Atom and JSON Feed' || bad "Description: $(field Description)"
depends=$(field Depends)
for lib in 'libc6' 'libxml2' 'libyaml-0-2' 'libcmark-gfm0[^ ,]*' \
	'libcmark-gfm-extensions0[^ ,]*' 'libjansson4'; do
	echo "$depends" | grep -q -E "(^|, )$lib( \(|,|$)" || bad "Depends misses $lib: $depends"
done

dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's,^\./,/,' > "$tmp/contents"
for f in /usr/bin/relfeed /usr/share/man/man1/relfeed.1 /usr/share/man/man5/relfeed.yaml.5 \
	/usr/share/relfeed/atom.rng /usr/share/bash-completion/completions/relfeed \
	/usr/share/doc/relfeed/examples/relfeed.yaml /usr/share/doc/relfeed/examples/istio.yaml \
	/usr/share/doc/relfeed/examples/cron.d/relfeed /usr/lib/systemd/system/relfeed.service \
	/usr/lib/systemd/system/relfeed.timer /usr/lib/sysusers.d/relfeed.conf; do
	grep -q -x -F "$f" "$tmp/contents" || bad "not in the package: $f"
done
grep -v -e '^/usr/$' -e '^/usr/bin/' -e '^/usr/share/' -e '^/usr/lib/systemd/' \
	-e '^/usr/lib/sysusers.d/' -e '^/usr/lib/$' "$tmp/contents" > "$tmp/stray" &&
	bad "unexpected paths in the package: $(cat "$tmp/stray")"

# Unpack into a throwaway root: an empty dpkg database of its own, its own
# log. --unpack runs no maintainer script (the postinst creates a user).
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: > "$root/var/lib/dpkg/status"
dpkg --root="$root" --log="$tmp/dpkg.log" --unpack "$deb" > "$tmp/log" 2>&1 ||
	bad "dpkg --unpack failed: $(cat "$tmp/log")"
dpkg --root="$root" -L relfeed | grep -q -x /usr/bin/relfeed || bad "dpkg -L relfeed"
grep -q '^ExecStart=/usr/bin/relfeed build -q -c /etc/relfeed/relfeed.yaml$' \
	"$root/usr/lib/systemd/system/relfeed.service" || bad "packaged unit: ExecStart"
"$root/usr/bin/relfeed" --version | grep -q '^relfeed [0-9]' ||
	bad "packaged binary does not run"
"$root/usr/bin/relfeed" build -q -c "$top/relfeed.yaml" -o "$tmp/out" 2> "$tmp/stderr" ||
	bad "packaged relfeed build: $(cat "$tmp/stderr")"
"$root/usr/bin/relfeed" validate -q "$tmp/out/rss.xml" "$tmp/out/atom.xml" \
	"$tmp/out/feed.json" 2> "$tmp/stderr" || bad "packaged relfeed validate: $(cat "$tmp/stderr")"
exit $fail
