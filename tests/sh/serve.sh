#!/bin/bash
# The feeds served for real: Debian's nginx, with contrib/nginx/relfeed.conf
# included, serves a fresh build on 127.0.0.1 from a config, prefix, pid
# file and logs of its own (the system's nginx is never touched). Each feed
# comes with its media type; a conditional request after an unchanged
# rebuild gets 304 (relfeed leaves the files alone, so ETag and
# Last-Modified hold), after a new announcement 200 with it; and newsboat,
# headless, reads every entry of the RSS and Atom feeds over HTTP.
. "$(dirname "$0")/lib.bash"
nginx=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
[ -n "$nginx" ] || skip "nginx not installed (scripts/deps installs it)"
command -v newsboat > /dev/null || skip "newsboat not installed"
command -v curl > /dev/null || skip "curl not installed"
py=python3
python3 -c 'import sqlite3' 2>/dev/null || py=/usr/bin/python3

# nginx is stopped on every way out, before lib.bash's cleanup.
pid=
stop_nginx() {
	local i
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null
	for i in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=
}
trap 'stop_nginx; chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# nginx's workers run as nobody when the test is root: let them in.
chmod 755 "$tmp"
now=2026-11-01T00:00:00Z
cp -r "$top/content" "$tmp/content"
cp "$top/relfeed.yaml" "$tmp/relfeed.yaml"
mkdir -p "$tmp/www" "$tmp/nginx" "$tmp/home"
cd "$tmp"
build() {
	"$relfeed" build -q --now "$now" --format rss,atom,json -o www/feeds \
	    > /dev/null 2> err || bad "build: $(cat err)"
}
build

# A free port: the kernel picks one; another process may take it before
# nginx does, so a failed start is tried again on another.
free_port() {
	"$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

start_nginx() {
	local port=$1 i
	mime=
	[ -f /etc/nginx/mime.types ] && mime="include /etc/nginx/mime.types;"
	cat > nginx/nginx.conf <<EOF
worker_processes 1;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 64; }
http {
	$mime
	default_type application/octet-stream;
	access_log $tmp/nginx/access.log;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	server {
		listen 127.0.0.1:$port;
		root $tmp/www;
		include $top/contrib/nginx/relfeed.conf;
	}
}
EOF
	"$nginx" -p "$tmp/nginx/" -e "$tmp/nginx/error.log" \
	    -c "$tmp/nginx/nginx.conf" > nginx/out 2>&1 &
	pid=$!
	for i in $(seq 1 50); do
		curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	stop_nginx
	return 1
}
for try in 1 2 3 4 5; do
	port=$(free_port) && start_nginx "$port" && break
	port=
done
[ -n "$port" ] || skip "nginx does not start here: $(cat nginx/out nginx/error.log 2>/dev/null | tail -3)"
base=http://127.0.0.1:$port/feeds

# fetch NAME [HEADER...]: GET base/NAME into NAME.body and NAME.head; the
# status on stdout.
fetch() {
	local name=$1 f=${1//\//_}
	shift
	curl -sS -o "$f.body" -D "$f.head" -w '%{http_code}' "$@" "$base/$name"
}
header() {
	sed -n "s/^$2: *//Ip" "${1//\//_}.head" | tr -d '\r'
}

declare -A ctype=([rss.xml]=application/rss+xml [atom.xml]=application/atom+xml
    [feed.json]=application/feed+json [releases/rss.xml]=application/rss+xml)
declare -A etag lastmod
feeds="rss.xml atom.xml feed.json releases/rss.xml"
for f in $feeds; do
	s=$(fetch "$f")
	[ "$s" = 200 ] || bad "$f: status $s"
	[ "$(header "$f" Content-Type)" = "${ctype[$f]}; charset=utf-8" ] ||
		bad "$f: Content-Type '$(header "$f" Content-Type)', want ${ctype[$f]}; charset=utf-8"
	cmp -s "${f//\//_}.body" "www/feeds/$f" || bad "$f: body is not the file"
	etag[$f]=$(header "$f" ETag)
	lastmod[$f]=$(header "$f" Last-Modified)
	[ -n "${etag[$f]}" ] && [ -n "${lastmod[$f]}" ] ||
		bad "$f: no ETag or Last-Modified"
done

# An unchanged rebuild leaves the files, so each validator still holds.
sleep 1
build
for f in $feeds; do
	s=$(fetch "$f" -H "If-None-Match: ${etag[$f]}" -H "If-Modified-Since: ${lastmod[$f]}")
	[ "$s" = 304 ] || bad "$f: unchanged rebuild: status $s, want 304"
	s=$(fetch "$f" -H "If-None-Match: ${etag[$f]}")
	[ "$s" = 304 ] || bad "$f: If-None-Match alone: status $s, want 304"
	s=$(fetch "$f" -H "If-Modified-Since: ${lastmod[$f]}")
	[ "$s" = 304 ] || bad "$f: If-Modified-Since alone: status $s, want 304"
done

# A new announcement: every feed changes, and says so.
new=content/news/releases/1.10.x/announcing-1.10.7/index.md
mkdir -p "${new%/*}"
cat > "$new" <<'EOF'
---
title: Announcing Corvid 1.10.7 & more
publishdate: 2026-10-20T12:00:00Z
release: 1.10.7
---

Corvid 1.10.7 fixes one bug.
EOF
build
for f in $feeds; do
	s=$(fetch "$f" -H "If-None-Match: ${etag[$f]}" -H "If-Modified-Since: ${lastmod[$f]}")
	[ "$s" = 200 ] || bad "$f: changed rebuild: status $s, want 200"
	grep -q 'Announcing Corvid 1.10.7 &amp; more\|Announcing Corvid 1.10.7 & more' \
	    "${f//\//_}.body" || bad "$f: the new entry is not in the body"
	[ "$(header "$f" ETag)" != "${etag[$f]}" ] || bad "$f: same ETag"
	[ "$(header "$f" Content-Type)" = "${ctype[$f]}; charset=utf-8" ] ||
		bad "$f: changed rebuild: Content-Type '$(header "$f" Content-Type)'"
done

# newsboat, headless, reads each feed into a cache of its own (it knows an
# item by its id, the same in RSS and Atom) and must list every entry.
# It reads no JSON Feed: feed.json's titles are checked with python.
"$relfeed" list -q --now "$now" | cut -f3 | sort > titles
[ "$(wc -l < titles)" -gt 10 ] || bad "relfeed list gave $(wc -l < titles) titles"
: > newsboat.conf
for f in rss.xml atom.xml; do
	echo "$base/$f" > "urls.${f%.xml}"
	HOME=$tmp/home timeout 60 newsboat -u "urls.${f%.xml}" \
	    -c "cache.${f%.xml}.db" -C newsboat.conf -x reload \
	    < /dev/null > newsboat.out 2>&1 || bad "newsboat $f: $(cat newsboat.out)"
	"$py" -c 'import sqlite3, sys
for (t,) in sqlite3.connect(sys.argv[1]).execute("select title from rss_item"):
    print(t)' "cache.${f%.xml}.db" | sort > "got.${f%.xml}" ||
		bad "newsboat $f: cache not readable"
	diff titles "got.${f%.xml}" > diff.out ||
		bad "newsboat $f: titles differ from relfeed list: $(cat diff.out)"
done
"$py" -c 'import json, sys
for i in json.load(open(sys.argv[1], encoding="utf-8"))["items"]:
    print(i["title"])' feed.json.body | sort > got.json
diff titles got.json > diff.out || bad "feed.json: titles differ: $(cat diff.out)"
grep -q "GET /feeds/rss.xml HTTP/1.1\" 200 .*[Nn]ewsboat" nginx/access.log ||
	bad "nginx did not log newsboat's request"
exit $fail
