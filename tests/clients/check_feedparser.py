#!/usr/bin/env python3
"""check_feedparser.py: read a feed as a real client does, with feedparser.

usage: check_feedparser.py FEED [EXPECTED_COUNT]

Checks that feedparser parses FEED without complaint (not bozo), that it has
EXPECTED_COUNT entries when given, that every entry has an absolute http(s)
link, a date and an id no other entry has, that entries come newest first,
that no link or image in any entry's HTML is relative (href="/x", src="x";
http:, https:, mailto:, #fragment and data: are fine), and that no Hugo
shortcode ("{{<" or "{{%") leaked into the file.

Exit status: 0 pass, 1 fail (one line on stderr says why), 2 usage,
77 skip (feedparser not installed).
"""
import calendar
import os
import re
import sys
import urllib.parse

try:
    import feedparser
except ImportError:
    # A python3 first in PATH (pyenv, a venv) may lack Debian's
    # python3-feedparser: try the system interpreter once before skipping.
    system = "/usr/bin/python3"
    if (os.environ.get("RELFEED_FEEDPARSER_REEXEC") is None
            and os.path.exists(system)
            and os.path.realpath(sys.executable) != os.path.realpath(system)):
        os.environ["RELFEED_FEEDPARSER_REEXEC"] = "1"
        os.execv(system, [system] + sys.argv)
    print("skip: python3 module feedparser is not installed", file=sys.stderr)
    sys.exit(77)

# href= or src= with a double-quoted, single-quoted or bare value.
URL_ATTR = re.compile(
    r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
ALLOWED = ("http:", "https:", "mailto:", "#", "data:")


def fail(msg):
    print("check_feedparser: %s" % msg, file=sys.stderr)
    sys.exit(1)


def is_absolute_http(url):
    u = urllib.parse.urlsplit(url or "")
    return u.scheme in ("http", "https") and u.netloc != ""


def entry_time(e):
    t = e.get("published_parsed") or e.get("updated_parsed")
    return None if t is None else calendar.timegm(t)


# Content that documents shortcodes shows them on purpose (written escaped as
# {{</* x */>}}): then a literal "{{<" in the text is no leak.
ALLOW_SHORTCODE_TEXT = os.environ.get("RELFEED_CHECK_ALLOW_SHORTCODE_TEXT") == "1"


def html_of(e):
    """The HTML texts of an entry: its content values and its summary."""
    texts = [c.get("value", "") for c in e.get("content", [])]
    if e.get("summary"):
        texts.append(e["summary"])
    return texts


def check_links(n, e):
    for html in html_of(e) + [e.get("title", "")]:
        for code in ("{{<", "{{%", "{{&lt;"):
            if code in html and not ALLOW_SHORTCODE_TEXT:
                fail("entry %d (%s): shortcode opener %r left in it"
                     % (n, e.get("link", "?"), code))
        for m in URL_ATTR.finditer(html):
            url = next(g for g in m.groups()[1:] if g is not None)
            # An emptied URL (a dropped javascript: link) names nothing.
            if url == "":
                continue
            if not url.lower().startswith(ALLOWED):
                fail("entry %d (%s): relative %s=\"%s\" in its HTML"
                     % (n, e.get("link", "?"), m.group(1).lower(), url))


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: check_feedparser.py FEED [EXPECTED_COUNT]",
              file=sys.stderr)
        return 2
    path = argv[1]
    if len(argv) == 3 and not argv[2].isdigit():
        print("check_feedparser: EXPECTED_COUNT %r is not a number"
              % argv[2], file=sys.stderr)
        return 2
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as err:
        fail("%s: %s" % (path, err.strerror))
    # A shortcode left in HTML content shows escaped once or twice.
    for code in (b"{{<", b"{{%", b"{{&lt;", b"{{&amp;lt;"):
        if code in raw and not ALLOW_SHORTCODE_TEXT:
            fail("%s: shortcode opener %r left in the feed"
                 % (path, code.decode()))
    # See the links as written: no resolving, no sanitizing.
    d = feedparser.parse(raw, resolve_relative_uris=False,
                         sanitize_html=False)
    if d.bozo:
        fail("%s: not a clean feed: %s" % (path, d.bozo_exception))
    if not d.version:
        fail("%s: feedparser does not recognise the feed format" % path)
    entries = d.entries
    if len(argv) == 3 and len(entries) != int(argv[2]):
        fail("%s: %d entries, expected %s" % (path, len(entries), argv[2]))
    ids = set()
    prev = None
    for n, e in enumerate(entries, 1):
        if not is_absolute_http(e.get("link")):
            fail("entry %d: link %r is not an absolute http(s) URL"
                 % (n, e.get("link")))
        t = entry_time(e)
        if t is None:
            fail("entry %d (%s): no date feedparser can read"
                 % (n, e["link"]))
        eid = e.get("id")
        if not eid:
            fail("entry %d (%s): no id" % (n, e["link"]))
        if eid in ids:
            fail("entry %d (%s): id %r used twice" % (n, e["link"], eid))
        ids.add(eid)
        if prev is not None and t > prev:
            fail("entry %d (%s): newer than the entry before it"
                 % (n, e["link"]))
        prev = t
        check_links(n, e)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
