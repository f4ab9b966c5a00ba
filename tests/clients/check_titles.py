#!/usr/bin/env python3
"""An HTML page shows every entry of a feed: each item or entry title of
FEED (RSS 2.0 or Atom 1.0), and its summary as text (an RSS description is
text escaped for HTML), appears in the text of PAGE, whitespace collapsed.
Usage: check_titles.py FEED PAGE [--no-summary]. Exit 0, or 1 naming what
is missing."""
import html
import html.parser
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def squeeze(s):
    return " ".join(s.split())


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self.skip -= 1

    def handle_data(self, data):
        if self.skip == 0:
            self.parts.append(data)


def entries(path):
    root = ET.parse(path).getroot()
    if root.tag == "rss":
        for item in root.iter("item"):
            desc = item.findtext("description")
            yield item.findtext("title"), html.unescape(desc) if desc else None
    else:
        for entry in root.iter(ATOM + "entry"):
            yield entry.findtext(ATOM + "title"), entry.findtext(ATOM + "summary")


def main():
    feed, page = sys.argv[1], sys.argv[2]
    summaries = "--no-summary" not in sys.argv[3:]
    parser = Text()
    with open(page, encoding="utf-8") as f:
        parser.feed(f.read())
    text = squeeze(" ".join(parser.parts))
    missing = []
    n = 0
    for title, summary in entries(feed):
        n += 1
        if squeeze(title) not in text:
            missing.append("title " + repr(title))
        if summaries and summary and squeeze(summary) not in text:
            missing.append("summary " + repr(summary))
    if n == 0:
        missing.append("any entry: the feed has none")
    for m in missing:
        print("%s: %s of %s is not shown" % (page, m, feed))
    return 1 if missing else 0


sys.exit(main())
