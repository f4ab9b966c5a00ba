#!/bin/bash
# What a person sees: headless Chromium loads the sample site's preview page
# and its rss.xml (rendered through feed.xsl) over http://127.0.0.1, and the
# DOM it builds shows every entry's title and summary. Chromium is large:
# when it is missing this test installs it (scripts/deps browser) unless
# RELFEED_NO_BROWSER_INSTALL is set, and skips when it cannot.
. "$(dirname "$0")/lib.bash"
. "$top/scripts/browser.bash"
trap 'browser_stop; rm -rf "$tmp"' EXIT
if [ -z "$(browser_path)" ] && [ -z "${RELFEED_NO_BROWSER_INSTALL:-}" ]; then
	"$top/scripts/deps" browser > "$tmp/install" 2>&1 ||
		skip "cannot install chromium: $(tail -1 "$tmp/install")"
fi
[ -n "$(browser_path)" ] || skip "chromium is not installed (scripts/deps browser)"
browser_run --dump-dom about:blank > /dev/null || skip "chromium does not run here"
out=$tmp/out
(cd "$top" && "$relfeed" build -q -c relfeed.yaml --stylesheet --preview -o "$out") ||
	bad "build --stylesheet --preview failed"
browser_serve "$out" || skip "cannot serve files on 127.0.0.1"
# Browsers are dropping XSLT: when this Chromium no longer runs it, only
# the preview page is checked.
pages="index.html rss.xml tags/corvid/atom.xml"
mkdir "$out/probe"
printf '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="p.xsl"?>\n<x/>\n' > "$out/probe/p.xml"
printf '%s\n' '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">' \
	'<xsl:template match="/"><html><body><p id="xslt-ran">ok</p></body></html></xsl:template>' \
	'</xsl:stylesheet>' > "$out/probe/p.xsl"
if ! browser_run --dump-dom "${browser_url}probe/p.xml" | grep -q 'id="xslt-ran"'; then
	echo "NOTE: this Chromium does not run XSLT; only index.html is checked"
	pages=index.html
fi
for f in $pages; do
	browser_run --dump-dom "$browser_url$f" > "$tmp/dom.html" ||
		{ bad "chromium failed on $f"; continue; }
	feed=$f
	[ "$f" = index.html ] && feed=rss.xml
	# The feed's own text is in the DOM too when no XSLT ran: look for
	# the page made of it.
	grep -q '<ol class="entries">' "$tmp/dom.html" && ! grep -q '<channel>\|<feed' "$tmp/dom.html" ||
		bad "Chromium did not render $f as a page: $(head -c 300 "$tmp/dom.html")"
	python3 "$clients/check_titles.py" "$out/$feed" "$tmp/dom.html" ||
		bad "the page Chromium makes of $f misses entries"
done
exit $fail
