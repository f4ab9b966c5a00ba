#!/bin/bash
# relfeed validate on hostile input: external entities (file:///etc/passwd
# is never opened nor echoed), DTDs on the network (no socket is opened),
# entity bombs, 100,000-deep nesting, a 50 MB attribute, a file over the
# size limit. Each is a named check; each run is limited in time (20 s)
# and, but for a sanitizer build, in memory (ulimit -v); each gives a
# clear error or warning, and exit 1 where the file is invalid. Runs
# without a network (unshare -n) where it can, and watches the system
# calls with strace where it is installed.
. "$(dirname "$0")/lib.bash"
py=python3
python3 -c 'pass' 2> /dev/null || py=/usr/bin/python3
asan=0
grep -qa __asan_init "$relfeed" && asan=1
nonet=()
unshare -n true 2> /dev/null && nonet=(unshare -n)
[ ${#nonet[@]} -gt 0 ] || echo "NOTE: unshare -n cannot run here; the network stays"
have_strace=0
strace -f -o /dev/null true 2> /dev/null && have_strace=1
[ $have_strace -eq 1 ] || echo "NOTE: strace cannot run here; system calls unwatched"
cd "$tmp" || exit 1
check=
failed() { bad "$check: $*"; }
# validate NAME FILE EXIT: run relfeed validate FILE (limited, watched) as
# check NAME; its diagnostics are in $tmp/v, its system calls in $tmp/calls.
validate() {
	local rc
	check=$1
	echo "== $check"
	: > "$tmp/calls"
	(
		[ $asan -eq 1 ] || ulimit -v 1000000
		watch=()
		[ $have_strace -eq 1 ] && watch=(strace -f -qq -o "$tmp/calls"
			-e trace=socket,connect,open,openat,execve)
		# LeakSanitizer cannot run under ptrace; test_validate runs
		# these paths with it.
		[ $have_strace -eq 1 ] && [ $asan -eq 1 ] &&
			export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
		exec timeout 20 "${nonet[@]}" "${watch[@]}" "$relfeed" validate "$2"
	) > "$tmp/v" 2>&1
	rc=$?
	[ $rc -eq 124 ] && failed "timed out"
	[ $rc -eq "$3" ] || failed "exit $rc, expected $3: $(head -c 400 "$tmp/v")"
	[ "$(wc -c < "$tmp/v")" -lt 2000 ] || failed "$(wc -c < "$tmp/v") bytes of diagnostics"
	grep -q 'socket(\|connect(' "$tmp/calls" &&
		failed "a socket was opened: $(grep 'socket(\|connect(' "$tmp/calls" | head -3)"
	grep -q '/etc/passwd' "$tmp/calls" && failed "/etc/passwd was opened"
	grep -q '^root:' "$tmp/v" && failed "/etc/passwd was echoed"
	return 0
}
# expect REGEX: the diagnostics hold a line matching it.
expect() { grep -q -- "$1" "$tmp/v" || failed "no \"$1\" in: $(head -c 400 "$tmp/v")"; }
head='<?xml version="1.0"?>'
channel='<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>T</title><link>https://example.org/</link><description>d</description>
<atom:link href="https://example.org/rss.xml" rel="self" type="application/rss+xml"/>'
# feed FILE PROLOGUE [BODY]: an RSS feed with PROLOGUE (a DOCTYPE, a
# processing instruction) after the XML declaration, BODY in its channel.
feed() {
	printf '%s\n%s\n%s %s\n</channel></rss>\n' "$head" "$2" "$channel" "${3:-}" > "$1"
}
# An item whose description is $1.
item() { printf '<item><title>I</title><guid>https://example.org/1</guid><description>%s</description></item>' "$1"; }

feed passwd.xml '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' "$(item '&xxe;')"
validate "external entity: file:///etc/passwd" passwd.xml 1
expect '^passwd.xml:2: error: DTD with entities is not accepted$'

feed passwd-attr.xml '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">
 <!ATTLIST rss x CDATA "&xxe;">]>'
validate "external entity: in an attribute default" passwd-attr.xml 1
expect '^passwd-attr.xml:2: error: DTD with entities is not accepted$'

feed dtd-net.xml '<!DOCTYPE rss SYSTEM "http://192.0.2.1/evil.dtd">'
validate "network DTD: an external subset" dtd-net.xml 0
expect '^dtd-net.xml:2: warning: DOCTYPE names the external DTD "http://192.0.2.1/evil.dtd": not loaded; a feed needs none'

feed dtd-public.xml '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://192.0.2.1/rss-0.91.dtd">'
validate "network DTD: a public identifier" dtd-public.xml 0
expect '^dtd-public.xml:[23]: warning: DOCTYPE names the external DTD "http://192.0.2.1/rss-0.91.dtd"'

feed dtd-param.xml '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://192.0.2.1/evil.dtd"> %remote;]>'
validate "network DTD: a parameter entity" dtd-param.xml 1
expect '^dtd-param.xml:2: error: DTD with entities is not accepted$'

feed xinclude.xml '<?xml-stylesheet type="text/xsl" href="http://192.0.2.1/feed.xsl"?>' \
	'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>
<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="http://192.0.2.1/x.xml"/>'
validate "XInclude and a stylesheet: neither followed" xinclude.xml 0

# Billion laughs: ten levels of ten references, 10^10 "lol"s if expanded.
{
	echo "$head"
	echo '<!DOCTYPE rss [ <!ENTITY lol0 "lol">'
	for i in $(seq 1 10); do
		printf ' <!ENTITY lol%d "' "$i"
		for _ in $(seq 10); do printf '&lol%d;' $((i - 1)); done
		printf '">\n'
	done
	echo ']>'
	echo "$channel $(item '&lol10;')"
	echo '</channel></rss>'
} > laughs.xml
validate "entity bomb: billion laughs" laughs.xml 1
expect '^laughs.xml:2: error: DTD with entities is not accepted$'
grep -q lollol "$tmp/v" && failed "an entity was expanded"

# Quadratic blow-up: one 100 kB entity referenced 100,000 times (10 GB).
"$py" - > quadratic.xml <<EOF
print('$head')
print('<!DOCTYPE rss [<!ENTITY a "' + 'a' * 100000 + '">]>')
print('''$channel''' + '<item><title>I</title><description>' + '&a;' * 100000 +
      '</description></item></channel></rss>')
EOF
validate "entity bomb: quadratic blow-up" quadratic.xml 1
expect '^quadratic.xml:2: error: DTD with entities is not accepted$'
grep -q aaaaaaaaaa "$tmp/v" && failed "an entity was expanded"

"$py" - > deep.xml <<EOF
print('$head')
print('''$channel''' + '<x>' * 100000 + '</x>' * 100000 + '</channel></rss>')
EOF
validate "nesting: 100,000-deep XML elements" deep.xml 1
expect '^deep.xml:[0-9]*: error: elements nested more than 256 deep are not accepted$'

"$py" - > deep-atom.xml <<'EOF'
print('<?xml version="1.0" encoding="utf-8"?>')
print('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
      '<id>https://example.org/</id><updated>2026-01-01T00:00:00Z</updated>'
      '<author><name>A</name></author>'
      '<link rel="self" href="https://example.org/atom.xml"/><entry>'
      '<title>E</title><id>https://example.org/1</id>'
      '<updated>2026-01-01T00:00:00Z</updated><content type="xhtml">'
      '<div xmlns="http://www.w3.org/1999/xhtml">' + '<div>' * 100000 +
      '</div>' * 100000 + '</div></content></entry></feed>')
EOF
validate "nesting: 100,000-deep XHTML in Atom content" deep-atom.xml 1
expect '^deep-atom.xml:[0-9]*: error: elements nested more than 256 deep are not accepted$'

# Escaped HTML is text to XML: the HTML parser gets the nesting.
"$py" - > deep-html.xml <<EOF
print('$head')
print('''$channel''' + '<item><title>I</title><guid>https://example.org/1</guid><description>' +
      '&lt;div&gt;' * 100000 + '&lt;a href="https://example.org/"&gt;x&lt;/a&gt;' +
      '</description></item></channel></rss>')
EOF
validate "nesting: 100,000-deep HTML in a description" deep-html.xml 0

"$py" - > deep.json <<'EOF'
print('{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": ' +
      '[' * 100000 + ']' * 100000 + '}')
EOF
validate "nesting: 100,000-deep JSON arrays" deep.json 1
expect '^deep.json:[0-9]*:*[0-9]*:* *error: invalid JSON: maximum parsing depth reached'

"$py" - > attr.xml <<EOF
print('$head')
print('<rss version="2.0" x="' + 'a' * 50000000 + '"><channel><title>T</title>'
      '<link>https://example.org/</link><description>d</description></channel></rss>')
EOF
validate "size: a 50 MB attribute" attr.xml 1
expect '^attr.xml:2: error: an attribute value longer than 10000000 bytes is not accepted$'
rm -f attr.xml

# A sparse file past the 64 MiB limit: refused before it is read.
truncate -s 65M huge.xml
validate "size: a 65 MiB file" huge.xml 1
expect '^huge.xml: error: document of 68157440 bytes is larger than the 64 MiB limit$'
exit $fail
