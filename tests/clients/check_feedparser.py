#!/usr/bin/env python3
"""check_feedparser.py: read a feed as a real client does, with feedparser.

usage: check_feedparser.py FEED [EXPECTED_COUNT]

Checks that feedparser parses FEED without complaint (not bozo), that it has
EXPECTED_COUNT entries when given, that every entry has an absolute http(s)
link, a date and an id no other entry has, that entries come newest first,
that no link or image in any entry's HTML is relative (href="/x", src="x";
http:, https:, mailto:, #fragment and data: are fine), and that no Hugo
shortcode ("{{<" or "{{%") leaked into the file.

FEED may be RSS, Atom or JSON Feed 1.0/1.1. feedparser parses JSON Feed
only from its 6.1 line on (its d.version is then "json1" or "json11");
Debian's python3-feedparser 6.0.10 reads a JSON Feed as broken XML. For such a
feedparser a JSON Feed is read with Python's json module instead, checked
against the structure the JSON Feed 1.1 spec requires (version, title,
items; each item a string id, content_html or content_text, RFC 3339 dates;
author objects; no duplicate keys), and its items go through the same entry
checks as feedparser's entries.

Exit status: 0 pass, 1 fail (one line on stderr says why), 2 usage,
77 skip (feedparser not installed).
"""
import calendar
import datetime
import json
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


# JSON Feed version URLs and the names feedparser 6.1+ gives them.
JSON_VERSIONS = {
    "https://jsonfeed.org/version/1": "json1",
    "https://jsonfeed.org/version/1.1": "json11",
}

# RFC 3339 5.6 date-time, as JSON Feed 1.1 requires for its dates.
RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
    r"([Zz]|[+-]\d{2}:\d{2})$")


def is_json(raw):
    """Whether raw is a JSON document rather than XML."""
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def rfc3339(where, s):
    """The struct_time (UTC) of an RFC 3339 date-time, or fail."""
    m = RFC3339.match(s) if isinstance(s, str) else None
    if m is None:
        fail("%s: date %r is not RFC 3339" % (where, s))
    y, mo, d, h, mi, sec = (int(g) for g in m.groups()[:6])
    zone = m.group(8)
    off = 0
    if zone not in ("Z", "z"):
        off = int(zone[1:3]) * 60 + int(zone[4:6])
        if zone[0] == "-":
            off = -off
    try:
        t = datetime.datetime(y, mo, d, h, mi, min(sec, 59),
                              tzinfo=datetime.timezone(
                                  datetime.timedelta(minutes=off)))
    except ValueError as err:
        fail("%s: date %r: %s" % (where, s, err))
    return t.astimezone(datetime.timezone.utc).timetuple()


def no_duplicates(pairs):
    """json.loads hook: a key twice is an error, not the last one winning."""
    seen = set()
    for k, _ in pairs:
        if k in seen:
            raise ValueError("key %r twice in an object" % k)
        seen.add(k)
    return dict(pairs)


def check_type(where, obj, key, kind, required=False):
    if key not in obj:
        if required:
            fail("%s: no %r" % (where, key))
        return None
    if not isinstance(obj[key], kind):
        fail("%s: %r is not a %s" % (where, key, kind.__name__))
    return obj[key]


def check_authors(where, obj):
    """JSON Feed 1.1: authors is an array of objects, each with at least
    one of name, url and avatar, all strings."""
    authors = check_type(where, obj, "authors", list)
    for n, a in enumerate(authors or [], 1):
        w = "%s author %d" % (where, n)
        if not isinstance(a, dict):
            fail("%s: not an object" % w)
        if not any(k in a for k in ("name", "url", "avatar")):
            fail("%s: has no name, url or avatar" % w)
        for k in ("name", "url", "avatar"):
            check_type(w, a, k, str)


def json_feed_entries(path, raw):
    """The items of a JSON Feed as feedparser-like entries, after checking
    the structure JSON Feed 1.1 requires; fails on any deviation."""
    try:
        doc = json.loads(raw.decode("utf-8"), object_pairs_hook=no_duplicates)
    except (UnicodeDecodeError, ValueError) as err:
        fail("%s: not a clean JSON feed: %s" % (path, err))
    if not isinstance(doc, dict):
        fail("%s: a JSON Feed is an object" % path)
    version = check_type(path, doc, "version", str, True)
    if version not in JSON_VERSIONS:
        fail("%s: version %r is no JSON Feed version" % (path, version))
    check_type(path, doc, "title", str, True)
    for k in ("home_page_url", "feed_url", "description", "language"):
        check_type(path, doc, k, str)
    check_authors(path, doc)
    items = check_type(path, doc, "items", list, True)
    entries = []
    for n, it in enumerate(items, 1):
        w = "%s: item %d" % (path, n)
        if not isinstance(it, dict):
            fail("%s: not an object" % w)
        e = {"id": check_type(w, it, "id", str, True)}
        for k in ("url", "title", "content_html", "content_text",
                  "summary"):
            check_type(w, it, k, str)
        if "content_html" not in it and "content_text" not in it:
            fail("%s: neither content_html nor content_text" % w)
        for k in ("url", "title", "summary"):
            if k in it:
                e["link" if k == "url" else k] = it[k]
        e["content"] = [{"value": it[k]} for k in ("content_html",
                                                     "content_text")
                        if k in it]
        if "date_published" in it:
            e["published_parsed"] = rfc3339(w, it["date_published"])
        if "date_modified" in it:
            e["updated_parsed"] = rfc3339(w, it["date_modified"])
            if ("published_parsed" in e and
                    e["updated_parsed"] < e["published_parsed"]):
                fail("%s: date_modified before date_published" % w)
        tags = check_type(w, it, "tags", list)
        if tags is not None and not all(isinstance(t, str) for t in tags):
            fail("%s: a tag is not a string" % w)
        check_authors(w, it)
        entries.append(e)
    return entries


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
    if d.get("version") not in JSON_VERSIONS.values() and is_json(raw):
        # A feedparser that predates JSON Feed support.
        entries = json_feed_entries(path, raw)
    else:
        if d.bozo:
            fail("%s: not a clean feed: %s" % (path, d.bozo_exception))
        if not d.version:
            fail("%s: feedparser does not recognise the feed format"
                 % path)
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
