# Headless Chromium looking at files served over http://127.0.0.1, for
# scripts/screenshot and tests/sh/browser.sh: sourced, not run. XSLT needs
# http (a browser will not apply a stylesheet to a file:// document).
# The caller sets a trap that calls browser_stop.

# Chromium's binary, or nothing.
browser_path() {
	command -v chromium || command -v chromium-browser || true
}

# Serve directory $1 on a free port of 127.0.0.1; sets browser_url to its
# root URL and browser_server to the server's pid. Returns 1 if it did not
# start within five seconds.
browser_serve() {
	local i
	browser_log=$(mktemp)
	browser_url=
	python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" \
		> "$browser_log" 2>&1 &
	browser_server=$!
	for i in $(seq 50); do
		browser_url=$(sed -n 's|.* port \([0-9][0-9]*\).*|http://127.0.0.1:\1/|p' "$browser_log")
		[ -n "$browser_url" ] && return 0
		sleep 0.1
	done
	return 1
}

browser_stop() {
	[ -n "${browser_server:-}" ] && kill "$browser_server" 2>/dev/null
	[ -n "${browser_log:-}" ] && rm -f "$browser_log"
	browser_server= browser_log=
}

# Run headless Chromium with the given arguments (--dump-dom URL,
# --screenshot=FILE URL) and no network but the local server, no profile
# kept, a minute at most. As root it needs --no-sandbox. The banner
# Chromium lays over pages that use XSLT (a notice that browsers are
# dropping XSLT) is switched off, so a screenshot shows the page.
browser_run() {
	local profile rc
	profile=$(mktemp -d)
	timeout 60 "$(browser_path)" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--disable-features=GenerateXSLTWarningBanner \
		--user-data-dir="$profile" --window-size=1200,1600 "$@" \
		2>/dev/null
	rc=$?
	rm -rf "$profile"
	return $rc
}
