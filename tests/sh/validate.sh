#!/bin/bash
# relfeed validate: exit 0 on relfeed's own feeds, 1 on a broken feed with
# path:line, 2 without a FILE; real-world feeds from other generators pass
# with the warnings they deserve; hostile XML (XXE, entity bombs) is
# refused fast without expanding anything; JSON Feed 1.1 rules hold.
# Skips (77) when ../shared/realworld-feeds is absent, after the rest ran.
. "$(dirname "$0")/lib.bash"
realworld=$top/../shared/realworld-feeds

# Run validate on the files given, time-limited; output in $tmp/v.
validate() {
	timeout 5 "$relfeed" validate "$@" > "$tmp/v" 2>&1
}

# 0 on every feed the golden cases expect relfeed to write.
golden=()
while IFS= read -r -d '' f; do
	golden+=("$f")
done < <(find "$top/tests/golden" -path '*/expected/*' \
	\( -name '*.xml' -o -name '*.json' \) -print0 | LC_ALL=C sort -z)
[ ${#golden[@]} -ge 20 ] || bad "only ${#golden[@]} golden feeds found"
validate "${golden[@]}"; rc=$?
[ $rc -eq 0 ] || bad "golden feeds: exit $rc: $(head -5 "$tmp/v")"
# Same-day entries without a time share a timestamp: the one warning.
grep -v ': warning: entry has the same updated time' "$tmp/v" > "$tmp/v2"
[ -s "$tmp/v2" ] && bad "golden feeds: validate says: $(head -5 "$tmp/v2")"
grep -q 'basic/expected/atom.xml:31: warning: entry has the same updated time 2026-03-10T00:00:00Z as the entry at line 12' "$tmp/v" ||
	bad "golden feeds: no warning for the same-day releases of basic"

# 2 without a FILE, with a usage message.
"$relfeed" validate > "$tmp/v" 2>&1; rc=$?
[ $rc -eq 2 ] || bad "validate without FILE: exit $rc, expected 2"
grep -q 'validate needs at least one FILE' "$tmp/v" ||
	bad "validate without FILE: message: $(cat "$tmp/v")"

# 1 on a broken feed, each error at path:line; a good file beside it stays
# quiet and does not hide the bad one.
cd "$tmp" || exit 1
cat > broken.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Broken</title>
    <link>https://example.org/</link>
    <item><title>One</title><pubDate>yesterday</pubDate></item>
  </channel>
</rss>
EOF
validate "${golden[0]}" broken.xml; rc=$?
[ $rc -eq 1 ] || bad "broken feed: exit $rc, expected 1"
grep -q '^broken.xml:3: error: channel has no description' "$tmp/v" ||
	bad "broken feed: no error at broken.xml:3: $(cat "$tmp/v")"
grep -q '^broken.xml:6: error: pubDate "yesterday" is not an RFC 822 date' "$tmp/v" ||
	bad "broken feed: no error at broken.xml:6: $(cat "$tmp/v")"
grep -v '^broken.xml:' "$tmp/v" | grep -v ': warning: entry has the same updated time' |
	grep -q . && bad "broken feed: a good file was blamed: $(cat "$tmp/v")"
printf '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n' > truncated.xml
validate truncated.xml; rc=$?
[ $rc -eq 1 ] || bad "truncated feed: exit $rc, expected 1"
grep -q '^truncated.xml:[0-9][0-9]*: error: ' "$tmp/v" ||
	bad "truncated feed: no path:line error: $(cat "$tmp/v")"
printf 'not a feed\n' > junk.txt
validate junk.txt; rc=$?
[ $rc -eq 1 ] || bad "not a feed: exit $rc, expected 1"
grep -q '^junk.txt: error: not an RSS 2.0, Atom 1.0 or JSON Feed document' "$tmp/v" ||
	bad "not a feed: message: $(cat "$tmp/v")"
validate missing.xml; rc=$?
[ $rc -eq 1 ] || bad "missing file: exit $rc, expected 1"
grep -q '^missing.xml: error: ' "$tmp/v" || bad "missing file: message: $(cat "$tmp/v")"

# Hostile XML: refused (1) within the time limit, nothing expanded or read.
secret="relfeed-secret-$RANDOM-$$"
echo "$secret" > secret.txt
# Each of these would be a valid feed if its entities were expanded.
cat > xxe-rss.xml <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://$tmp/secret.txt">]>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>&xxe;</title><link>https://example.org/</link><description>&xxe;</description>
<atom:link href="https://example.org/rss.xml" rel="self" type="application/rss+xml"/>
</channel></rss>
EOF
cat > xxe-atom.xml <<EOF
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file://$tmp/secret.txt">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title>
<id>https://example.org/</id><updated>2026-01-01T00:00:00Z</updated>
<author><name>&xxe;</name></author>
<link rel="self" href="https://example.org/atom.xml"/></feed>
EOF
cat > xxe-param.xml <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://$tmp/secret.txt"> %p;]>
<rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
<description>d</description></channel></rss>
EOF
{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE rss ['
	echo ' <!ENTITY lol "lol">'
	prev=lol
	for i in 1 2 3 4 5 6 7 8 9; do
		printf ' <!ENTITY lol%d "' "$i"
		for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
		printf '">\n'
		prev=lol$i
	done
	echo ']>'
	echo '<rss version="2.0"><channel><title>&lol9;</title>'
	echo '<link>https://example.org/</link><description>&lol9;</description>'
	echo '</channel></rss>'
} > laughs.xml
# Quadratic blow-up: no nesting, one 50 kB entity used 20,000 times.
{
	echo '<?xml version="1.0"?>'
	printf '<!DOCTYPE rss [<!ENTITY a "%s">]>\n' "$(head -c 50000 /dev/zero | tr '\0' a)"
	printf '<rss version="2.0"><channel><title>T</title><link>https://example.org/</link><description>'
	for _ in $(seq 2000); do printf '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'; done
	echo '</description></channel></rss>'
} > quadratic.xml
for f in xxe-rss.xml xxe-atom.xml xxe-param.xml laughs.xml quadratic.xml; do
	validate "$f"; rc=$?
	[ $rc -eq 1 ] || bad "$f: exit $rc, expected 1 (124: timed out)"
	grep -q "^$f:[0-9][0-9]*: error: " "$tmp/v" || bad "$f: no path:line error: $(head -c 300 "$tmp/v")"
	grep -q "$secret" "$tmp/v" && bad "$f: the secret file was read"
	grep -q 'lollollol\|aaaaaaaaaa' "$tmp/v" && bad "$f: an entity was expanded"
	[ "$(wc -c < "$tmp/v")" -lt 2000 ] || bad "$f: $(wc -c < "$tmp/v") bytes of diagnostics"
done
# An external DTD is never loaded: no entity is declared, the feed stands.
cat > external-dtd.xml <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "file://$tmp/secret.txt">
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>T</title><link>https://example.org/</link><description>d</description>
<atom:link href="https://example.org/rss.xml" rel="self" type="application/rss+xml"/>
</channel></rss>
EOF
validate external-dtd.xml; rc=$?
[ $rc -eq 0 ] || bad "external-dtd.xml: exit $rc, expected 0: $(head -c 300 "$tmp/v")"
grep -q "$secret" "$tmp/v" && bad "external-dtd.xml: the secret file was read"

# JSON Feed 1.1: a numeric item id is an error; the same feed with a
# string id is clean.
json() {
	printf '{"version": "https://jsonfeed.org/version/1.1", "title": "T",
 "home_page_url": "https://example.org/", "feed_url": "https://example.org/feed.json",
 "items": [{"id": %s, "url": "https://example.org/1/", "content_text": "x",
  "date_published": "2026-01-01T00:00:00Z"}]}\n' "$1"
}
json 1 > numeric-id.json
validate numeric-id.json; rc=$?
[ $rc -eq 1 ] || bad "numeric-id.json: exit $rc, expected 1"
grep -q '^numeric-id.json: error: items\[0\]\.id must be a string' "$tmp/v" ||
	bad "numeric-id.json: message: $(cat "$tmp/v")"
json '"https://example.org/1/"' > string-id.json
validate string-id.json; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/v" ] || bad "string-id.json: exit $rc: $(cat "$tmp/v")"

# Real-world feeds of other generators: valid, with a warning for each
# site-relative URL in their HTML (which feed readers cannot resolve).
if [ ! -d "$realworld" ]; then
	echo "SKIP: $realworld not present"
	[ $fail -eq 0 ] && exit 77
	exit $fail
fi
cd "$realworld" || exit 1
# file, warnings expected, one of them in full
while read -r f n first; do
	validate "$f"; rc=$?
	[ $rc -eq 0 ] || bad "$f: exit $rc, expected 0: $(head -3 "$tmp/v")"
	grep -q ': error: ' "$tmp/v" && bad "$f: errors: $(grep ': error: ' "$tmp/v" | head -3)"
	got=$(grep -c ": warning: " "$tmp/v")
	[ "$got" -eq "$n" ] || bad "$f: $got warnings, expected $n: $(head -3 "$tmp/v")"
	others=$(grep -v '^[^:]*:[0-9]*: warning: relative URL "/[^"]*" in \(content\|description\) HTML: ' "$tmp/v")
	[ -z "$others" ] || bad "$f: unexpected diagnostics: $others"
	[ "$first" = - ] || grep -qF "$first" "$tmp/v" || bad "$f: no \"$first\""
done <<'EOF'
eclipse-iot-news-rss.xml 0 -
gridaphobe-atom.xml 6 gridaphobe-atom.xml:234: warning: relative URL "/posts/strong-type-systems.lhs" in content HTML
hardscrabble-rss.xml 11 hardscrabble-rss.xml:36: warning: relative URL "/img/2016-08-14-my-airbnb.jpg" in description HTML
EOF
exit $fail
