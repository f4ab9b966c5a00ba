#!/bin/bash
# cmake --install: every file in its place under a temporary prefix, the
# installed binary builds the sample site and validates what it wrote, the
# man pages lint clean, the bash completion completes, the systemd units
# verify. Nothing is installed outside the temporary directory.
. "$(dirname "$0")/lib.bash"
build=$(dirname "$relfeed")
[ -f "$build/cmake_install.cmake" ] || skip "no CMake build directory beside $relfeed"
command -v cmake >/dev/null || skip "cmake missing"

# Under a prefix of its own, the layout of GNUInstallDirs.
p=$tmp/prefix
cmake --install "$build" --prefix "$p" > "$tmp/log" 2>&1 ||
	{ bad "cmake --install failed: $(cat "$tmp/log")"; exit 1; }
for f in bin/relfeed share/man/man1/relfeed.1 share/man/man5/relfeed.yaml.5 \
	share/relfeed/atom.rng share/bash-completion/completions/relfeed \
	share/doc/relfeed/examples/relfeed.yaml share/doc/relfeed/examples/istio.yaml \
	share/doc/relfeed/examples/cron.d/relfeed lib/systemd/system/relfeed.service \
	lib/systemd/system/relfeed.timer lib/sysusers.d/relfeed.conf; do
	[ -f "$p/$f" ] || bad "not installed: $f"
done
for f in "$top"/scripts/sites/*.yaml; do
	[ -f "$p/share/doc/relfeed/examples/${f##*/}" ] || bad "example ${f##*/} not installed"
done
[ -x "$p/bin/relfeed" ] || bad "bin/relfeed is not executable"
cmp -s "$top/data/atom.rng" "$p/share/relfeed/atom.rng" || bad "atom.rng differs"
# The units and the crontab name the installed binary and the prefix's etc.
grep -q "^ExecStart=$p/bin/relfeed build -q -c $p/etc/relfeed/relfeed.yaml\$" \
	"$p/lib/systemd/system/relfeed.service" || bad "relfeed.service: ExecStart not for $p"
grep -q "^\*/5 \* \* \* \* relfeed $p/bin/relfeed build -q -c $p/etc/relfeed/relfeed.yaml\$" \
	"$p/share/doc/relfeed/examples/cron.d/relfeed" || bad "crontab example not for $p"

# With DESTDIR and prefix /usr, as a package is made: configuration in /etc.
DESTDIR=$tmp/dest cmake --install "$build" --prefix /usr > "$tmp/log" 2>&1 ||
	bad "DESTDIR install failed: $(cat "$tmp/log")"
[ -x "$tmp/dest/usr/bin/relfeed" ] || bad "DESTDIR: usr/bin/relfeed missing"
grep -q '^ExecStart=/usr/bin/relfeed build -q -c /etc/relfeed/relfeed.yaml$' \
	"$tmp/dest/usr/lib/systemd/system/relfeed.service" || bad "DESTDIR: ExecStart"
[ -z "$(find "$tmp/dest" -mindepth 1 -maxdepth 1 ! -name usr)" ] ||
	bad "DESTDIR: installed outside usr/: $(ls "$tmp/dest")"

# The installed binary builds the sample site and validates its output.
"$p/bin/relfeed" build -q -c "$top/relfeed.yaml" -o "$tmp/out" 2> "$tmp/stderr" ||
	bad "installed relfeed build failed: $(cat "$tmp/stderr")"
[ -s "$tmp/out/atom.xml" ] && [ -s "$tmp/out/security/rss.xml" ] ||
	bad "installed relfeed wrote no feeds: $(ls "$tmp/out")"
find "$tmp/out" -type f ! -name .relfeed.lock | sort > "$tmp/files"
[ "$(wc -l < "$tmp/files")" -gt 10 ] || bad "only $(wc -l < "$tmp/files") feed files"
xargs -d '\n' "$p/bin/relfeed" validate -q < "$tmp/files" 2> "$tmp/stderr" ||
	bad "installed relfeed validate: $(cat "$tmp/stderr")"
# The installed schema is usable on its own.
if command -v xmllint >/dev/null; then
	xmllint --noout --relaxng "$p/share/relfeed/atom.rng" "$tmp/out/atom.xml" \
		2> "$tmp/stderr" || bad "atom.xml against the installed atom.rng: $(cat "$tmp/stderr")"
fi

# The installed man pages lint clean.
if command -v mandoc >/dev/null; then
	for m in man1/relfeed.1 man5/relfeed.yaml.5; do
		mandoc -Tlint -W warning "$p/share/man/$m" > "$tmp/lint" 2>&1 ||
			bad "mandoc -Tlint $m: $(cat "$tmp/lint")"
		[ -s "$tmp/lint" ] && bad "mandoc -Tlint $m: $(cat "$tmp/lint")"
	done
fi

# The bash completion, alone and with bash-completion loaded; run in a
# directory with a file and a directory of each kind.
mkdir -p "$tmp/cwd/site" "$tmp/cwd/public"
touch "$tmp/cwd/relfeed.yaml" "$tmp/cwd/atom.xml" "$tmp/cwd/notes.txt"
comp=$p/share/bash-completion/completions/relfeed
complete_cases() {
	(cd "$tmp/cwd" && bash --norc --noprofile -c '
		[ -n "$2" ] && . "$2"
		. "$1" || exit 1
		complete -p relfeed | grep -q -- "-F _relfeed relfeed$" || exit 1
		t() {
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
			COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
			_relfeed relfeed "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
			printf "%s|" "$*"; printf "%s\n" "${COMPREPLY[*]}" | tr " " "\n" |
			    sort | tr "\n" " "; echo
		}
		t relfeed b
		t relfeed ""
		t relfeed build --con
		t relfeed build -o ""
		t relfeed build -c ""
		t relfeed build --config = ""
		t relfeed check -f rss,a
		t relfeed list ""
		t relfeed validate ""
		t relfeed build -
	' sh "$comp" "$1") > "$tmp/comp" 2>&1 || { bad "completion does not load ($1): $(cat "$tmp/comp")"; return; }
	want() {
		grep -q -x -F -- "$1|$2 " "$tmp/comp" ||
			bad "completion${init:+ with bash-completion}: '$1' gave '$(grep -F -- "$1|" "$tmp/comp")', want '$2'"
	}
	want "relfeed b" "build"
	want "relfeed " "build check links list new validate"
	want "relfeed build --con" "--config --content-url"
	want "relfeed build -o " "public site"
	want "relfeed build -c " "public relfeed.yaml site"
	want "relfeed build --config = " "public relfeed.yaml site"
	want "relfeed check -f rss,a" "rss,atom"
	want "relfeed list " "public site"
	want "relfeed validate " "atom.xml public site"
	# Every option of --help is offered.
	for opt in $("$relfeed" --help | grep -o -e '--[a-z][a-z-]*' -e '^  -[a-zA-Z]' | sort -u); do
		case $opt in --help|--version|-h|-V) continue ;; esac
		grep -F -- "relfeed build -|" "$tmp/comp" | grep -q -w -- "$opt" ||
			bad "completion does not offer $opt"
	done
}
init=
complete_cases ""
if [ -f /usr/share/bash-completion/bash_completion ]; then
	init=/usr/share/bash-completion/bash_completion
	complete_cases "$init"
fi

# The systemd units, as installed: ExecStart exists, the man pages of
# Documentation= are found.
if command -v systemd-analyze >/dev/null; then
	man=--man=yes
	command -v man >/dev/null || man=--man=no
	MANPATH=$p/share/man systemd-analyze verify $man \
		"$p/lib/systemd/system/relfeed.service" \
		"$p/lib/systemd/system/relfeed.timer" > "$tmp/verify" 2>&1 ||
		bad "systemd-analyze verify: $(cat "$tmp/verify")"
	[ -s "$tmp/verify" ] && bad "systemd-analyze verify: $(cat "$tmp/verify")"
fi
exit $fail
