/* test_feed.c: the RSS and Atom writers on entries built in memory. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "diag.h"
#include "feed.h"
#include "support.h"
#include "util.h"

/* 2019-06-18T08:00:00Z */
#define T0	1560844800

static const struct feed_info INFO = {
	"Istio releases", "Release announcements", "https://istio.io/",
	"https://istio.io/feeds/rss.xml", "en", "The Istio Team", "relfeed",
	NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL
};

struct feedset {
	struct entry	*v[8];
	size_t		 n;
};

/* Each test's feed description, entries and latest output, reset by the
 * fixture, so a test body holds only what it checks. */
static struct feed_info	 info;
static struct feedset	 fs;
static char		*out;

static void
setup(void)
{
	info = INFO;
}

/* Every site setting at once. */
static void
set_all(void)
{
	info.author_email = "team@istio.io";
	info.hub = "https://pubsubhubbub.appspot.com/";
	info.icon = "https://istio.io/favicon.png";
	info.logo = "https://istio.io/logo.png";
	info.copyright = "Copyright 2019 Istio Authors";
}

static void
teardown(void)
{
	size_t	i;

	for (i = 0; i < fs.n; i++)
		entry_free(fs.v[i]);
	fs.n = 0;
	free(out);
	out = NULL;
}

/* A new entry at the end of fs, dated sec with offset off (minutes). */
static struct entry *
add(const char *title, const char *permalink, int64_t sec, int off)
{
	struct entry	*e = xcalloc(1, sizeof(*e));

	e->path = xasprintf("content/%s.md", title);
	e->title = xstrdup(title);
	e->permalink = xstrdup(permalink);
	e->has_date = 1;
	e->published.sec = e->updated.sec = sec;
	e->published.off = e->updated.off = off;
	fs.v[fs.n++] = e;
	return e;
}

/* Write the entries of fs with info into out, which must parse back. */
static void
write_feed(int (*w)(const struct feed_info *, struct entry *const *, size_t,
    char **, size_t *), const char *what)
{
	size_t	len;

	free(out);
	out = NULL;
	ck_assert_int_eq(w(&info, fs.v, fs.n, &out, &len), 0);
	ck_assert_uint_eq(strlen(out), len);
	ck_assert_int_eq(feed_parse_back(what, out, len), 0);
}

static void
rss(void)
{
	write_feed(feed_rss_write, "rss");
}

static void
atom(void)
{
	write_feed(feed_atom_write, "atom");
}

#define HAS(doc, frag) ck_assert_msg(strstr((doc), (frag)) != NULL, \
	"missing \"%s\" in:\n%s", (frag), (doc))
#define HASNT(doc, frag) ck_assert_msg(strstr((doc), (frag)) == NULL, \
	"unexpected \"%s\" in:\n%s", (frag), (doc))

/* The string value of an XPath over doc (prefixes a: Atom, dc:, content:),
 * as a reader's parser sees it. Caller frees. */
static char *
xpath(const char *doc, const char *expr)
{
	xmlDocPtr		 d;
	xmlXPathContextPtr	 ctx;
	xmlXPathObjectPtr	 obj;
	char			*s;

	d = xmlReadMemory(doc, (int)strlen(doc), NULL, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(d);
	ctx = xmlXPathNewContext(d);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"a",
	    (const xmlChar *)"http://www.w3.org/2005/Atom");
	xmlXPathRegisterNs(ctx, (const xmlChar *)"dc",
	    (const xmlChar *)"http://purl.org/dc/elements/1.1/");
	xmlXPathRegisterNs(ctx, (const xmlChar *)"content",
	    (const xmlChar *)"http://purl.org/rss/1.0/modules/content/");
	obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	ck_assert_ptr_nonnull(obj);
	ck_assert_int_eq(obj->type, XPATH_STRING);
	s = xstrdup((const char *)obj->stringval);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(d);
	return s;
}

#define XPATH_EQ(doc, expr, want) do {					\
	char *got_ = xpath((doc), (expr));				\
	ck_assert_str_eq(got_, (want));					\
	free(got_);							\
} while (0)

START_TEST(rss_channel)
{
	add("Istio 1.2", "https://istio.io/news/1.2/", T0, 120);
	rss();
	HAS(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	HAS(out, "<rss version=\"2.0\" "
	    "xmlns:atom=\"http://www.w3.org/2005/Atom\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n  <channel>\n"
	    "    <title>Istio releases</title>\n"
	    "    <link>https://istio.io/</link>\n"
	    "    <description>Release announcements</description>\n"
	    "    <language>en</language>\n"
	    "    <atom:link href=\"https://istio.io/feeds/rss.xml\" "
	    "rel=\"self\" type=\"application/rss+xml\"/>\n"
	    "    <generator>relfeed</generator>\n"
	    "    <lastBuildDate>Tue, 18 Jun 2019 10:00:00 +0200"
	    "</lastBuildDate>\n");
	HAS(out, "    <item>\n      <title>Istio 1.2</title>\n"
	    "      <link>https://istio.io/news/1.2/</link>\n");
	ck_assert_int_eq(out[strlen(out) - 1], '\n');
}
END_TEST

START_TEST(rss_dates)
{
	add("a", "https://istio.io/a/", T0, 120);
	add("b", "https://istio.io/b/", T0, -420);
	add("c", "https://istio.io/c/", T0, 0);
	add("d", "https://istio.io/d/", T0 - 86400 * 200, 330);
	rss();
	HAS(out, "<pubDate>Tue, 18 Jun 2019 10:00:00 +0200</pubDate>");
	HAS(out, "<pubDate>Tue, 18 Jun 2019 01:00:00 -0700</pubDate>");
	HAS(out, "<pubDate>Tue, 18 Jun 2019 08:00:00 +0000</pubDate>");
	HAS(out, "<pubDate>Fri, 30 Nov 2018 13:30:00 +0530</pubDate>");
	/* First of equal instants wins: the one the feed lists first. */
	HAS(out, "<lastBuildDate>Tue, 18 Jun 2019 10:00:00 +0200<");
}
END_TEST

START_TEST(rss_no_date)
{
	struct entry	*e;

	e = add("a", "https://istio.io/a/", 0, 0);
	e->has_date = 0;
	rss();
	HASNT(out, "<pubDate>");
}
END_TEST

START_TEST(rss_guid)
{
	struct entry	*e;

	e = add("a", "https://istio.io/a/", T0, 0);
	e->id = xstrdup("tag:istio.io,2019:a");
	add("b", "https://istio.io/b/", T0 - 60, 0);
	e = add("c", "https://istio.io/c/", T0 - 120, 0);
	e->id = xstrdup("");
	rss();
	HAS(out, "<guid isPermaLink=\"false\">tag:istio.io,2019:a</guid>");
	HAS(out, "<guid isPermaLink=\"true\">https://istio.io/b/</guid>");
	HAS(out, "<guid isPermaLink=\"true\">https://istio.io/c/</guid>");
}
END_TEST

START_TEST(rss_authors)
{
	struct entry	*e;

	e = add("a", "https://istio.io/a/", T0, 0);
	strlist_push(&e->authors, "Jane Doe <jane@istio.io>");
	strlist_push(&e->authors, "Bob");
	strlist_push(&e->authors, "carol@istio.io (Carol)");
	strlist_push(&e->authors, "dave@istio.io");
	e = add("b", "https://istio.io/b/", T0 - 60, 0);
	strlist_push(&e->authors, "Only Name");
	add("c", "https://istio.io/c/", T0 - 120, 0);
	info.author = "Team <team@istio.io>";
	rss();
	/* RSS 2.0: author holds an address; one per item, the rest are
	 * dc:creator names. */
	HAS(out, "      <author>jane@istio.io (Jane Doe)</author>\n"
	    "      <dc:creator>Bob</dc:creator>\n"
	    "      <dc:creator>Carol</dc:creator>\n"
	    "      <dc:creator>dave@istio.io</dc:creator>\n");
	HAS(out, "<dc:creator>Only Name</dc:creator>");
	/* An entry without authors carries the feed's. */
	HAS(out, "<author>team@istio.io (Team)</author>");
	ck_assert_uint_eq(support_count(out, "<author>"), 2);
	XPATH_EQ(out, "string(/rss/channel/item[2]/dc:creator)",
	    "Only Name");
	info.author = NULL;
	rss();
	ck_assert_uint_eq(support_count(out, "<author>"), 1);
	XPATH_EQ(out, "string(count(/rss/channel/item[3]/*))", "4");
}
END_TEST

START_TEST(rss_summary_content)
{
	struct entry	*e;

	e = add("a", "https://istio.io/a/", T0, 0);
	e->description = xstrdup("What the author wrote");
	e->summary = xstrdup("First paragraph");
	e->html = xstrdup("<p>A ]]> B & C</p>\n");
	strlist_push(&e->categories, "security");
	strlist_push(&e->categories, "1.2");
	e = add("b", "https://istio.io/b/", T0 - 60, 0);
	e->summary = xstrdup("First paragraph");
	add("c", "https://istio.io/c/", T0 - 120, 0);
	rss();
	HAS(out, "      <category>security</category>\n"
	    "      <category>1.2</category>\n"
	    "      <description>What the author wrote</description>\n"
	    "      <content:encoded>&lt;p&gt;A ]]&gt; B &amp; C&lt;/p&gt;\n"
	    "</content:encoded>\n");
	HASNT(out, "CDATA");
	HAS(out, "<description>First paragraph</description>");
	/* Channel, a and b; c has none, and no content:encoded. */
	ck_assert_uint_eq(support_count(out, "<description>"), 3);
	ck_assert_uint_eq(support_count(out, "<content:encoded>"), 1);
	XPATH_EQ(out, "string(/rss/channel/item[1]/content:encoded)",
	    "<p>A ]]> B & C</p>\n");
}
END_TEST

START_TEST(rss_text_survives)
{
	struct entry	*e;

	info.title = "R&D <news> \xc3\xa9t\xc3\xa9";
	e = add("A & B <c>\x01 \xc3\xa9\x1b \xe2\x9c\x93\x7f",
	    "https://istio.io/a/?x=1&y=2", T0, 0);
	e->html = xstrdup("<p>\x0b\"quoted\" 'x' \xf0\x9f\x9a\x80</p>\r\n");
	e->description = xstrdup("bad \xff byte, no \xef\xbf\xbe here");
	strlist_push(&e->categories, "c\x02<&>\"");
	rss();
	HAS(out, "<title>R&amp;D &lt;news&gt; \xc3\xa9t\xc3\xa9</title>");
	HAS(out, "<title>A &amp; B &lt;c&gt; \xc3\xa9 \xe2\x9c\x93\x7f</title>");
	HAS(out, "<link>https://istio.io/a/?x=1&amp;y=2</link>");
	HAS(out, "<category>c&lt;&amp;&gt;&quot;</category>");
	/* A CR would be read back as LF unless it is a reference. */
	XPATH_EQ(out, "string(/rss/channel/item/content:encoded)",
	    "<p>\"quoted\" 'x' \xf0\x9f\x9a\x80</p>\r\n");
	HAS(out, "<description>bad \xef\xbf\xbd byte, no  here</description>");
	XPATH_EQ(out, "string(/rss/channel/item/title)",
	    "A & B <c> \xc3\xa9 \xe2\x9c\x93\x7f");
}
END_TEST

START_TEST(rss_newest_not_first)
{
	struct entry	*e;

	add("old", "https://istio.io/old/", T0 - 86400, 0);
	e = add("new", "https://istio.io/new/", T0 - 3600, 0);
	e->updated.sec = T0 + 3600;	/* edited later */
	add("mid", "https://istio.io/mid/", T0, 0);
	rss();
	HAS(out, "<lastBuildDate>Tue, 18 Jun 2019 09:00:00 +0000<");
}
END_TEST

START_TEST(rss_site_settings)
{
	add("Istio 1.2", "https://istio.io/news/1.2/", T0, 120);
	set_all();
	rss();
	/* The conventional RSS 2.0 channel order. */
	HAS(out, "  <channel>\n"
	    "    <title>Istio releases</title>\n"
	    "    <link>https://istio.io/</link>\n"
	    "    <description>Release announcements</description>\n"
	    "    <language>en</language>\n"
	    "    <copyright>Copyright 2019 Istio Authors</copyright>\n"
	    "    <managingEditor>team@istio.io (The Istio Team)"
	    "</managingEditor>\n"
	    "    <atom:link href=\"https://istio.io/feeds/rss.xml\" "
	    "rel=\"self\" type=\"application/rss+xml\"/>\n"
	    "    <atom:link href=\"https://pubsubhubbub.appspot.com/\" "
	    "rel=\"hub\"/>\n"
	    "    <generator>relfeed</generator>\n"
	    "    <lastBuildDate>Tue, 18 Jun 2019 10:00:00 +0200"
	    "</lastBuildDate>\n"
	    "    <image>\n"
	    "      <url>https://istio.io/logo.png</url>\n"
	    "      <title>Istio releases</title>\n"
	    "      <link>https://istio.io/</link>\n"
	    "    </image>\n"
	    "    <item>\n");
	/* The item without authors inherits the feed's, address and all. */
	HAS(out, "      <author>team@istio.io (The Istio Team)</author>\n");
	XPATH_EQ(out, "string(/rss/channel/a:link[@rel='hub']/@href)",
	    "https://pubsubhubbub.appspot.com/");
	HASNT(out, "favicon");
}
END_TEST

START_TEST(rss_image)
{
	/* No entries: no lastBuildDate, the image follows the generator. */
	info.icon = "https://istio.io/favicon.png";
	rss();
	HAS(out, "    <generator>relfeed</generator>\n"
	    "    <image>\n"
	    "      <url>https://istio.io/favicon.png</url>\n"
	    "      <title>Istio releases</title>\n"
	    "      <link>https://istio.io/</link>\n"
	    "    </image>\n  </channel>\n");
	info.icon = "";
	info.logo = "https://istio.io/logo.png";
	rss();
	HAS(out, "<url>https://istio.io/logo.png</url>");
	ck_assert_uint_eq(support_count(out, "<image>"), 1);
	info.logo = "";
	rss();
	HASNT(out, "<image>");
}
END_TEST

START_TEST(rss_managing_editor)
{
	struct entry	*e;

	e = add("a", "https://istio.io/a/", T0, 0);
	strlist_push(&e->authors, "Jane Doe <jane@istio.io>");
	add("b", "https://istio.io/b/", T0 - 60, 0);
	info.author_email = "mailto:team@istio.io";
	rss();
	HAS(out, "    <language>en</language>\n"
	    "    <managingEditor>team@istio.io (The Istio Team)"
	    "</managingEditor>\n    <atom:link");
	/* An item's own author stays its own. */
	HAS(out, "<author>jane@istio.io (Jane Doe)</author>");
	HAS(out, "<author>team@istio.io (The Istio Team)</author>");
	ck_assert_uint_eq(support_count(out, "<author>"), 2);

	/* The setting's address wins over one in the author text; the
	 * name stays. */
	info.author = "Team (core) <old@istio.io>";
	rss();
	HAS(out, "<managingEditor>team@istio.io (Team (core))"
	    "</managingEditor>");
	HAS(out, "<author>team@istio.io (Team (core))</author>");
	/* An author that is only an address, or none: the title names. */
	info.author = "old@istio.io";
	rss();
	HAS(out, "<managingEditor>team@istio.io (Istio releases)<");
	info.author = NULL;
	info.author_email = "Ops <team@istio.io>";
	rss();
	HAS(out, "<managingEditor>team@istio.io (Istio releases)<");
	HAS(out, "<author>team@istio.io (Istio releases)</author>");
	info.author_email = "";
	rss();
	HASNT(out, "managingEditor");
	ck_assert_uint_eq(support_count(out, "<author>"), 1);
}
END_TEST

START_TEST(rss_summary_only)
{
	struct entry	*e;

	e = add("a", "https://istio.io/a/", T0, 0);
	e->summary = xstrdup("First paragraph");
	e->html = xstrdup("<p>First paragraph</p><p>More</p>");
	e = add("b", "https://istio.io/b/", T0 - 60, 0);
	e->html = xstrdup("<p>No summary</p>");
	info.summary_only = 1;
	rss();
	HAS(out, "      <description>First paragraph</description>\n"
	    "    </item>\n");
	HASNT(out, "content:encoded>");
	HASNT(out, "More");
	XPATH_EQ(out, "string(count(/rss/channel/item[2]/description))",
	    "0");
	info.summary_only = 0;
	rss();
	ck_assert_uint_eq(support_count(out, "<content:encoded>"), 2);
}
END_TEST

START_TEST(rss_settings_text_survives)
{
	info.copyright = "\xc2\xa9 2019 R&D <x>\x01";
	info.hub = "https://hub.example/?a=1&b=\"2\"\x02";
	info.logo = "https://istio.io/l.png?a&b\x1b";
	rss();
	HAS(out, "<copyright>\xc2\xa9 2019 R&amp;D &lt;x&gt;</copyright>");
	HAS(out, "href=\"https://hub.example/?a=1&amp;b=&quot;2&quot;\"");
	HAS(out, "<url>https://istio.io/l.png?a&amp;b</url>");
}
END_TEST

START_TEST(atom_head)
{
	add("a", "https://istio.io/a/", T0, 120);
	atom();
	HAS(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
	    "  <id>https://istio.io/feeds/rss.xml</id>\n"
	    "  <title type=\"text\">Istio releases</title>\n"
	    "  <subtitle type=\"text\">Release announcements</subtitle>\n"
	    "  <updated>2019-06-18T10:00:00+02:00</updated>\n"
	    "  <link rel=\"self\" type=\"application/atom+xml\" "
	    "href=\"https://istio.io/feeds/rss.xml\"/>\n"
	    "  <link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://istio.io/\"/>\n"
	    "  <author>\n    <name>The Istio Team</name>\n  </author>\n"
	    "  <generator>relfeed</generator>\n  <entry>\n");
}
END_TEST

START_TEST(atom_entry)
{
	struct entry	*e;

	e = add("Istio 1.2 & more", "https://istio.io/a/", T0, 120);
	e->updated.sec = T0 + 86400;
	e->updated.off = -420;
	e->description = xstrdup("desc <b>");
	e->html = xstrdup("<p>x ]]> y</p>");
	strlist_push(&e->categories, "security & <ops>");
	strlist_push(&e->authors, "Jane Doe <jane@istio.io>");
	e = add("b", "https://istio.io/b/", T0 - 3600, 0);
	e->id = xstrdup("tag:istio.io,2019:b");
	e->summary = xstrdup("sum");
	atom();
	HAS(out, "  <entry>\n"
	    "    <id>https://istio.io/a/</id>\n"
	    "    <title type=\"text\">Istio 1.2 &amp; more</title>\n"
	    "    <updated>2019-06-19T01:00:00-07:00</updated>\n"
	    "    <published>2019-06-18T10:00:00+02:00</published>\n"
	    "    <link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://istio.io/a/\"/>\n"
	    "    <author>\n      <name>Jane Doe</name>\n"
	    "      <email>jane@istio.io</email>\n    </author>\n"
	    "    <category term=\"security &amp; &lt;ops&gt;\"/>\n"
	    "    <summary type=\"text\">desc &lt;b&gt;</summary>\n"
	    "    <content type=\"html\">&lt;p&gt;x ]]&gt; y&lt;/p&gt;"
	    "</content>\n  </entry>\n");
	HAS(out, "    <id>tag:istio.io,2019:b</id>\n");
	HAS(out, "<summary type=\"text\">sum</summary>\n  </entry>");
	HAS(out, "  <updated>2019-06-19T01:00:00-07:00</updated>\n"
	    "  <link rel=\"self\"");
	XPATH_EQ(out, "string(/a:feed/a:entry[1]/a:content)",
	    "<p>x ]]> y</p>");
	XPATH_EQ(out, "string(/a:feed/a:entry[1]/a:category/@term)",
	    "security & <ops>");
}
END_TEST

START_TEST(atom_updated_not_before_published)
{
	struct entry	*e;

	e = add("a", "https://istio.io/a/", T0, 0);
	e->updated.sec = T0 - 86400;
	e->updated.off = 60;
	e = add("b", "https://istio.io/b/", 0, 0);
	e->has_date = 0;
	e->updated.sec = T0 - 7200;
	atom();
	HAS(out, "    <updated>2019-06-18T08:00:00Z</updated>\n"
	    "    <published>2019-06-18T08:00:00Z</published>\n");
	/* No publish date: updated alone, as written. */
	HAS(out, "    <updated>2019-06-18T06:00:00Z</updated>\n"
	    "    <link");
	ck_assert_uint_eq(support_count(out, "<published>"), 1);
}
END_TEST

START_TEST(atom_authors)
{
	struct entry	*e;
	char		*first_entry, *feed_author;

	e = add("a", "https://istio.io/a/", T0, 0);
	strlist_push(&e->authors, "jane@istio.io");
	strlist_push(&e->authors, "Bob");
	e = add("b", "https://istio.io/b/", T0 - 60, 0);
	strlist_push(&e->authors, "Carol");
	atom();
	/* Every entry has an author: none at feed level. */
	first_entry = strstr(out, "<entry>");
	feed_author = strstr(out, "<author>");
	ck_assert_ptr_nonnull(first_entry);
	ck_assert_ptr_nonnull(feed_author);
	ck_assert(feed_author > first_entry);
	HAS(out, "    <author>\n      <name>jane@istio.io</name>\n"
	    "      <email>jane@istio.io</email>\n    </author>\n"
	    "    <author>\n      <name>Bob</name>\n    </author>\n");
	ck_assert_uint_eq(support_count(out, "<author>"), 3);

	add("c", "https://istio.io/c/", T0 - 120, 0);
	info.author = "The Istio Team <team@istio.io>";
	atom();
	HAS(out, "  <author>\n    <name>The Istio Team</name>\n"
	    "    <email>team@istio.io</email>\n  </author>\n"
	    "  <generator>");
	ck_assert_uint_eq(support_count(out, "<author>"), 4);
	XPATH_EQ(out, "string(count(/a:feed/a:entry[3]/a:author))", "0");
}
END_TEST

START_TEST(atom_text_survives)
{
	struct entry	*e;

	info.title = "R&D\x01 <\xc3\xa9>";
	e = add("\x1f" "A & B", "https://istio.io/a/?x=1&y=\"2\"", T0,
	    0);
	e->html = xstrdup("<a href=\"x\">\x08]]></a>");
	strlist_push(&e->categories, "\xc3\xa9t\xc3\xa9\x03");
	atom();
	HAS(out, "<title type=\"text\">R&amp;D &lt;\xc3\xa9&gt;</title>");
	HAS(out, "href=\"https://istio.io/a/?x=1&amp;y=&quot;2&quot;\"");
	XPATH_EQ(out, "string(/a:feed/a:entry/a:title)", "A & B");
	XPATH_EQ(out, "string(/a:feed/a:entry/a:content)",
	    "<a href=\"x\">]]></a>");
	XPATH_EQ(out, "string(/a:feed/a:entry/a:category/@term)",
	    "\xc3\xa9t\xc3\xa9");
}
END_TEST

START_TEST(atom_newest_not_first)
{
	add("old", "https://istio.io/old/", T0 - 86400, 0);
	add("new", "https://istio.io/new/", T0 + 60, 60);
	add("mid", "https://istio.io/mid/", T0, 0);
	atom();
	HAS(out, "  <updated>2019-06-18T09:01:00+01:00</updated>\n"
	    "  <link rel=\"self\"");
}
END_TEST

START_TEST(atom_site_settings)
{
	add("a", "https://istio.io/a/", T0, 120);
	set_all();
	atom();
	HAS(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
	    "  <id>https://istio.io/feeds/rss.xml</id>\n"
	    "  <title type=\"text\">Istio releases</title>\n"
	    "  <subtitle type=\"text\">Release announcements</subtitle>\n"
	    "  <updated>2019-06-18T10:00:00+02:00</updated>\n"
	    "  <link rel=\"self\" type=\"application/atom+xml\" "
	    "href=\"https://istio.io/feeds/rss.xml\"/>\n"
	    "  <link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://istio.io/\"/>\n"
	    "  <link rel=\"hub\" href=\"https://pubsubhubbub.appspot.com/\"/>\n"
	    "  <author>\n    <name>The Istio Team</name>\n"
	    "    <email>team@istio.io</email>\n  </author>\n"
	    "  <generator>relfeed</generator>\n"
	    "  <icon>https://istio.io/favicon.png</icon>\n"
	    "  <logo>https://istio.io/logo.png</logo>\n"
	    "  <rights type=\"text\">Copyright 2019 Istio Authors</rights>\n"
	    "  <entry>\n");
	XPATH_EQ(out, "string(/a:feed/a:author/a:email)", "team@istio.io");
	XPATH_EQ(out, "string(count(/a:feed/a:entry/a:author))", "0");

	/* Each alone. */
	info = INFO;
	info.icon = "https://istio.io/favicon.png";
	atom();
	HAS(out, "  <generator>relfeed</generator>\n"
	    "  <icon>https://istio.io/favicon.png</icon>\n  <entry>\n");
	HASNT(out, "<logo>");
	info = INFO;
	info.logo = "https://istio.io/logo.png";
	atom();
	HAS(out, "  <generator>relfeed</generator>\n"
	    "  <logo>https://istio.io/logo.png</logo>\n  <entry>\n");
	HASNT(out, "<icon>");
	info = INFO;
	info.copyright = "CC BY 4.0 & more";
	atom();
	HAS(out, "  <generator>relfeed</generator>\n"
	    "  <rights type=\"text\">CC BY 4.0 &amp; more</rights>\n"
	    "  <entry>\n");
	info = INFO;
	info.hub = "https://hub.example/";
	atom();
	HAS(out, "href=\"https://istio.io/\"/>\n"
	    "  <link rel=\"hub\" href=\"https://hub.example/\"/>\n"
	    "  <author>\n    <name>The Istio Team</name>\n  </author>\n");
	info = INFO;
	info.author = NULL;
	info.author_email = "team@istio.io";
	atom();
	HAS(out, "  <author>\n    <name>Istio releases</name>\n"
	    "    <email>team@istio.io</email>\n  </author>\n");
}
END_TEST

START_TEST(atom_author_email_rule)
{
	struct entry	*e;

	/* RFC 4287 4.1.1: every entry has an author, so the feed needs
	 * none; the address does not change that rule. */
	e = add("a", "https://istio.io/a/", T0, 0);
	strlist_push(&e->authors, "Jane");
	info.author_email = "team@istio.io";
	atom();
	HASNT(out, "team@istio.io");
	ck_assert_uint_eq(support_count(out, "<author>"), 1);
}
END_TEST

START_TEST(atom_summary_only)
{
	struct entry	*e;

	e = add("a", "https://istio.io/a/", T0, 0);
	e->description = xstrdup("What the author wrote");
	e->html = xstrdup("<p>Body</p>");
	e = add("b", "https://istio.io/b/", T0 - 60, 0);
	e->html = xstrdup("<p>No summary</p>");
	info.summary_only = 1;
	atom();
	HAS(out, "    <summary type=\"text\">What the author wrote"
	    "</summary>\n  </entry>\n");
	HASNT(out, "<content");
	HASNT(out, "Body");
	/* RFC 4287 4.1.2: no content, so an alternate link, which every
	 * entry has. */
	XPATH_EQ(out, "string(count(/a:feed/a:entry[2]/*))", "5");
	XPATH_EQ(out, "string(/a:feed/a:entry[2]/a:link/@rel)", "alternate");
	info.summary_only = 0;
	atom();
	ck_assert_uint_eq(support_count(out, "<content type=\"html\">"), 2);
}
END_TEST

/* No entries and no optional fields: what each format falls back to. */
START_TEST(empty_defaults)
{
	info.description = NULL;
	info.language = NULL;
	info.author = NULL;
	info.generator = NULL;
	rss();
	HAS(out, "<description>Istio releases</description>");
	HASNT(out, "<language>");
	HASNT(out, "<generator>");
	/* No entries: nothing to date the feed by, and never the clock. */
	HASNT(out, "lastBuildDate");
	HASNT(out, "<item>");
	HAS(out, "  <channel>\n    <title>Istio releases</title>\n");
	atom();
	HAS(out, "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	HASNT(out, "subtitle");
	HASNT(out, "<generator>");
	HAS(out, "<updated>1970-01-01T00:00:00Z</updated>");
	/* RFC 4287 4.1.1: the feed itself needs an author. */
	HAS(out, "<author>\n    <name>Istio releases</name>\n  </author>");
	HASNT(out, "<entry>");
}
END_TEST

/* A setting set to "" is no setting: the bytes are those of NULL. */
START_TEST(empty_settings_are_absent)
{
	struct entry	*e;
	char		*want;
	int		 k;

	e = add("a", "https://istio.io/a/", T0, 0);
	e->html = xstrdup("<p>x</p>");
	for (k = 0; k < 2; k++) {
		info = INFO;
		if (k == 0)
			rss();
		else
			atom();
		want = out;
		out = NULL;
		info.author_email = "";
		info.hub = "";
		info.icon = "";
		info.logo = "";
		info.copyright = "";
		if (k == 0)
			rss();
		else
			atom();
		ck_assert_str_eq(out, want);
		free(want);
	}
}
END_TEST

START_TEST(bad_author_email)
{
	char	*doc = (char *)1;
	size_t	 len = 1;

	support_diag_capture();
	info.author_email = "The Team";
	ck_assert_int_eq(feed_rss_write(&info, fs.v, 0, &doc, &len), -1);
	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(len, 0);
	info.author_email = "team@";
	ck_assert_int_eq(feed_atom_write(&info, fs.v, 0, &doc, &len), -1);
	ck_assert_ptr_null(doc);
	ck_assert_str_eq(support_diags(),
	    "relfeed: error: RSS feed author e-mail \"The Team\" is not an "
	    "address (expected name@example.com)\n"
	    "relfeed: error: Atom feed author e-mail \"team@\" is not an "
	    "address (expected name@example.com)\n");
	ck_assert_int_eq(diag_errors(), 2);
	support_diag_release();
}
END_TEST

START_TEST(author_of)
{
	char	*s;

	ck_assert_ptr_null(feed_author_of(&(struct feed_info){ .title = "T",
	    .author = "" }));
	s = feed_author_of(&info);
	ck_assert_str_eq(s, "The Istio Team");
	free(s);
	info.author = "Jane <jane@istio.io>";
	s = feed_author_of(&info);
	ck_assert_str_eq(s, "Jane <jane@istio.io>");
	free(s);
	info.author_email = " team@istio.io ";
	s = feed_author_of(&info);
	ck_assert_str_eq(s, "team@istio.io (Jane)");
	free(s);
	info.author = "\"Doe, Jane\" (x) <j@istio.io>";
	s = feed_author_of(&info);
	ck_assert_str_eq(s, "team@istio.io (\"Doe, Jane\" (x))");
	free(s);
	info.author = "<j@istio.io>";
	s = feed_author_of(&info);
	ck_assert_str_eq(s, "team@istio.io (Istio releases)");
	free(s);
	ck_assert_int_eq(feed_is_set(NULL), 0);
	ck_assert_int_eq(feed_is_set(""), 0);
	ck_assert_int_eq(feed_is_set(" "), 1);
}
END_TEST

START_TEST(deterministic)
{
	struct entry	*e;
	char		*a, *b;
	size_t		 alen, blen;

	e = add("a", "https://istio.io/a/", T0, 120);
	e->html = xstrdup("<p>hi</p>");
	strlist_push(&e->authors, "Jane");
	add("b", "https://istio.io/b/", T0 - 60, 0);
	ck_assert_int_eq(feed_rss_write(&INFO, fs.v, fs.n, &a, &alen), 0);
	ck_assert_int_eq(feed_rss_write(&INFO, fs.v, fs.n, &b, &blen), 0);
	ck_assert_uint_eq(alen, blen);
	ck_assert_int_eq(memcmp(a, b, alen), 0);
	free(a);
	free(b);
	ck_assert_int_eq(feed_atom_write(&INFO, fs.v, fs.n, &a, &alen), 0);
	ck_assert_int_eq(feed_atom_write(&INFO, fs.v, fs.n, &b, &blen), 0);
	ck_assert_uint_eq(alen, blen);
	ck_assert_int_eq(memcmp(a, b, alen), 0);
	free(a);
	free(b);
}
END_TEST

START_TEST(atom_relaxng)
{
	struct entry		*e;
	xmlRelaxNGParserCtxtPtr	 pctx;
	xmlRelaxNGPtr		 schema;
	xmlRelaxNGValidCtxtPtr	 vctx;
	xmlDocPtr		 d;
	char			*path;
	int			 k;

	if ((path = support_shared_path("schemas/atom.rng")) == NULL) {
		fputs("atom_relaxng: no atom.rng, skipped\n", stderr);
		return;
	}
	pctx = xmlRelaxNGNewParserCtxt(path);
	schema = xmlRelaxNGParse(pctx);
	ck_assert_ptr_nonnull(schema);
	vctx = xmlRelaxNGNewValidCtxt(schema);
	for (k = 0; k < 3; k++) {
		/* k 0: the empty feed; k 1: every feature at once; k 2:
		 * and every site setting too. */
		if (k == 2) {
			set_all();
			info.summary_only = 1;
		}
		if (k == 1) {
			e = add("a & <b>", "https://istio.io/a/", T0, 120);
			e->id = xstrdup("tag:istio.io,2019:a");
			e->description = xstrdup("d");
			e->html = xstrdup("<p>x</p>");
			strlist_push(&e->authors, "Jane <jane@istio.io>");
			strlist_push(&e->categories, "security");
			e = add("b", "https://istio.io/b/", T0 - 60, 0);
			e->summary = xstrdup("s");
			e = add("c", "https://istio.io/c/", 0, 0);
			e->has_date = 0;
		}
		atom();
		d = xmlReadMemory(out, (int)strlen(out), NULL, NULL,
		    XML_PARSE_NONET);
		ck_assert_ptr_nonnull(d);
		ck_assert_msg(xmlRelaxNGValidateDoc(vctx, d) == 0,
		    "not valid Atom:\n%s", out);
		xmlFreeDoc(d);
	}
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctx);
	free(path);
}
END_TEST

START_TEST(parse_back)
{
	static const char good[] = "<?xml version=\"1.0\"?>\n<a><b/></a>\n";
	static const char bad[] = "<a>\n  <b></a>\n";
	static const char ext[] = "<!DOCTYPE a SYSTEM "
	    "\"http://example.invalid/a.dtd\"><a>&x;</a>";
	static const char ns[] = "<a><dc:b/></a>";

	support_diag_capture();
	ck_assert_int_eq(feed_parse_back("ok.xml", good, strlen(good)), 0);
	ck_assert_int_eq(diag_errors(), 0);
	ck_assert_int_eq(feed_parse_back("bad.xml", bad, strlen(bad)), -1);
	ck_assert_msg(strncmp(support_diags(), "bad.xml:2:", 10) == 0, "%s",
	    support_diags());
	HAS(support_diags(), ": error: output is not well-formed XML: Opening "
	    "and ending tag mismatch: b line 2 and a\n");
	ck_assert_int_eq(diag_errors(), 1);
	/* Nothing fetched: the undefined entity is only an error if the
	 * DTD would have been read. */
	ck_assert_int_eq(feed_parse_back("ext.xml", ext, strlen(ext)), 0);
	ck_assert_int_eq(feed_parse_back("empty.xml", "", 0), -1);
	HAS(support_diags(), "\nempty.xml:1:1: error: output is not "
	    "well-formed XML: Document is empty\n");
	ck_assert_int_eq(feed_parse_back("ns.xml", ns, strlen(ns)), -1);
	HAS(support_diags(), "\nns.xml:1:");
	HAS(support_diags(), "Namespace prefix dc on b is not defined\n");
	ck_assert_int_eq(diag_errors(), 3);
	support_diag_release();
}
END_TEST

static const struct {
	const char	*in;
	int		 rc;
	const char	*email;
	const char	*name;
} authors[] = {
	{ "Jane Doe <jane@istio.io>", 1, "jane@istio.io", "Jane Doe" },
	{ "  Jane Doe   < jane@istio.io >  ", 1, "jane@istio.io",
	    "Jane Doe" },
	{ "jane@istio.io (Jane Doe)", 1, "jane@istio.io", "Jane Doe" },
	{ "jane@istio.io", 1, "jane@istio.io", NULL },
	{ "<jane@istio.io>", 1, "jane@istio.io", NULL },
	{ "jane@istio.io ()", 1, "jane@istio.io", NULL },
	{ "\"Doe, Jane\" <jane@istio.io>", 1, "jane@istio.io", "Doe, Jane" },
	{ "mailto:jane@istio.io", 1, "jane@istio.io", NULL },
	{ "J\xc3\xa9r\xc3\xb4me <j@istio.io>", 1, "j@istio.io",
	    "J\xc3\xa9r\xc3\xb4me" },
	{ "Jane Doe", 0, NULL, NULL },
	{ "", 0, NULL, NULL },
	{ "@istio.io", 0, NULL, NULL },
	{ "jane@", 0, NULL, NULL },
	{ "a@b@c", 0, NULL, NULL },
	{ "Jane <not an address>", 0, NULL, NULL },
	{ "The Team (core)", 0, NULL, NULL },
	{ "jane at istio.io", 0, NULL, NULL },
	{ "Jane <>", 0, NULL, NULL },
};

START_TEST(author_email)
{
	char	*email = (char *)1, *name = (char *)1;
	int	 rc;

	rc = feed_author_email(authors[_i].in, &email, &name);
	ck_assert_msg(rc == authors[_i].rc, "%s: %d", authors[_i].in, rc);
	if (authors[_i].email == NULL)
		ck_assert_ptr_null(email);
	else
		ck_assert_str_eq(email, authors[_i].email);
	if (authors[_i].name == NULL)
		ck_assert_ptr_null(name);
	else
		ck_assert_str_eq(name, authors[_i].name);
	free(email);
	free(name);
}
END_TEST

START_TEST(bad_input)
{
	struct entry	*e;
	char		*doc = (char *)1;
	size_t		 len = 1;

	support_diag_capture();
	info.self_url = NULL;
	ck_assert_int_eq(feed_rss_write(&info, fs.v, 0, &doc, &len), -1);
	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(feed_atom_write(&info, fs.v, 0, &doc, &len), -1);
	e = add("a", "https://istio.io/a/", T0, 0);
	free(e->permalink);
	e->permalink = NULL;
	ck_assert_int_eq(feed_atom_write(&INFO, fs.v, 1, &doc, &len), -1);
	ck_assert_ptr_null(doc);
	ck_assert_str_eq(support_diags(),
	    "relfeed: error: RSS feed needs a title, a site URL and its own "
	    "URL\n"
	    "relfeed: error: Atom feed needs a title, a site URL and its own "
	    "URL\n"
	    "content/a.md: error: Atom feed entry needs a title and a "
	    "permalink\n");
	support_diag_release();
}
END_TEST

START_TEST(writer_failure)
{
	struct feedw	*fw;
	char		*doc = (char *)1;
	size_t		 len = 1;

	/* Ending an element never started fails inside libxml2: the first
	 * failure is kept, later calls do nothing, finish reports it. */
	support_diag_capture();
	fw = feedw_new("w.xml");
	ck_assert_ptr_nonnull(fw);
	feedw_end(fw);
	feedw_elem(fw, "a", "b");
	ck_assert_int_eq(feedw_finish(fw, &doc, &len), -1);
	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(support_diags(),
	    "w.xml: error: XML writer failed to end element\n");
	support_diag_release();

	fw = feedw_new("ok.xml");
	feedw_start(fw, "a");
	feedw_attr(fw, "k", "v\x01<");
	feedw_elem(fw, "b", "t\x02");
	ck_assert_int_eq(feedw_finish(fw, &doc, &len), 0);
	ck_assert_str_eq(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<a k=\"v&lt;\">\n  <b>t</b>\n</a>\n");
	free(doc);
}
END_TEST

static Suite *
feed_suite(void)
{
	Suite	*s = suite_create("feed");
	TCase	*tc;

	tc = tcase_create("rss");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rss_channel);
	tcase_add_test(tc, rss_dates);
	tcase_add_test(tc, rss_no_date);
	tcase_add_test(tc, rss_guid);
	tcase_add_test(tc, rss_authors);
	tcase_add_test(tc, rss_summary_content);
	tcase_add_test(tc, rss_text_survives);
	tcase_add_test(tc, rss_newest_not_first);
	tcase_add_test(tc, rss_site_settings);
	tcase_add_test(tc, rss_image);
	tcase_add_test(tc, rss_managing_editor);
	tcase_add_test(tc, rss_summary_only);
	tcase_add_test(tc, rss_settings_text_survives);
	suite_add_tcase(s, tc);

	tc = tcase_create("atom");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, atom_head);
	tcase_add_test(tc, atom_entry);
	tcase_add_test(tc, atom_updated_not_before_published);
	tcase_add_test(tc, atom_authors);
	tcase_add_test(tc, atom_text_survives);
	tcase_add_test(tc, atom_newest_not_first);
	tcase_add_test(tc, atom_relaxng);
	tcase_add_test(tc, atom_site_settings);
	tcase_add_test(tc, atom_author_email_rule);
	tcase_add_test(tc, atom_summary_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("common");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, empty_defaults);
	tcase_add_test(tc, empty_settings_are_absent);
	tcase_add_test(tc, bad_author_email);
	tcase_add_test(tc, author_of);
	tcase_add_test(tc, deterministic);
	tcase_add_test(tc, parse_back);
	tcase_add_loop_test(tc, author_email, 0,
	    (int)(sizeof(authors) / sizeof(authors[0])));
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, writer_failure);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int	rc = support_run(feed_suite());

	xmlCleanupParser();
	return rc;
}
