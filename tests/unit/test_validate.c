/* test_validate.c: unit tests for validating RSS 2.0, Atom 1.0 and JSON Feed
 * documents: each rule with its exact diagnostic, hostile XML, real-world
 * feeds and relfeed's own output. */
#include <sys/stat.h>

#include <check.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"
#include "support.h"
#include "validate.h"
#include "validate_int.h"

static char	*diagtext;
static size_t	 diaglen;
static FILE	*diagf;

static void
setup(void)
{
	diagf = open_memstream(&diagtext, &diaglen);
	diag_set_stream(diagf);
	diag_reset();
}

static void
teardown(void)
{
	diag_set_stream(NULL);
	fclose(diagf);
	free(diagtext);
	diagtext = NULL;
}

/* Where the diagnostics are now, for since(). */
static size_t
mark(void)
{
	fflush(diagf);
	return diaglen;
}

/* What was reported after mark() returned m; valid until the next report. */
static const char *
since(size_t m)
{
	fflush(diagf);
	return diagtext + m;
}

/* Validate doc as path; returns what was reported, as since() does, and
 * sets *rc. */
static const char *
run(const char *path, const char *doc, int *rc)
{
	size_t	m = mark();

	*rc = validate_buffer(path, doc, strlen(doc));
	return since(m);
}

#define EXPECT(doc, want_rc, want) do {					\
	int		 rc_;						\
	const char	*o_ = run("t", (doc), &rc_);			\
	ck_assert_str_eq(o_, (want));					\
	ck_assert_int_eq(rc_, (want_rc));				\
} while (0)

/* An RSS channel whose items start on line 8. */
#define RSS_HEAD							\
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"			\
	"<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" " \
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"	\
	"<channel>\n"							\
	"<title>T</title>\n"						\
	"<link>https://example.org/</link>\n"				\
	"<description>D</description>\n"				\
	"<atom:link href=\"https://example.org/rss.xml\" rel=\"self\" "	\
	"type=\"application/rss+xml\"/>\n"
#define RSS_TAIL	"</channel>\n</rss>\n"
#define RSS(items)	RSS_HEAD items RSS_TAIL

/* An Atom feed with an author and a self link; entries start on line 8. */
#define ATOM_HEAD							\
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"			\
	"<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"		\
	"<id>https://example.org/atom.xml</id>\n"			\
	"<title>T</title>\n"						\
	"<updated>2024-01-31T10:00:00Z</updated>\n"			\
	"<link rel=\"self\" href=\"https://example.org/atom.xml\"/>\n"	\
	"<author><name>A</name></author>\n"
#define ATOM(entries)	ATOM_HEAD entries "</feed>\n"
#define ENTRY(id, updated)						\
	"<entry>\n<id>" id "</id>\n<title>E</title>\n"			\
	"<updated>" updated "</updated>\n"				\
	"<link href=\"https://example.org/e\"/>\n</entry>\n"

#define JSON_HEAD							\
	"{\n\"version\": \"https://jsonfeed.org/version/1.1\",\n"	\
	"\"title\": \"T\",\n"						\
	"\"home_page_url\": \"https://example.org/\",\n"		\
	"\"feed_url\": \"https://example.org/feed.json\",\n"
#define JSON(items)	JSON_HEAD "\"items\": [" items "]\n}\n"

START_TEST(rss_good)
{
	EXPECT(RSS(
	    "<item>\n"
	    "<title>A &amp; B</title>\n"
	    "<link>https://example.org/a</link>\n"
	    "<guid>https://example.org/a</guid>\n"
	    "<pubDate>Tue, 18 Jun 2019 10:00:00 +0200</pubDate>\n"
	    "<author>ana@example.org (Ana Souza)</author>\n"
	    "<description>&lt;p&gt;&lt;a href=\"https://example.org/x\"&gt;"
	    "x&lt;/a&gt; &lt;a href=\"#f\"&gt;f&lt;/a&gt; &lt;a href="
	    "\"mailto:a@example.org\"&gt;m&lt;/a&gt;&lt;/p&gt;</description>\n"
	    "<content:encoded><![CDATA[<p><img src=\"https://example.org/"
	    "i.png\"></p>]]></content:encoded>\n"
	    "</item>\n"
	    "<item>\n<description>no title is fine</description>\n"
	    "<guid isPermaLink=\"false\">tag:example.org,2019:b</guid>\n"
	    "</item>\n"), 0, "");
}
END_TEST

START_TEST(rss_structure)
{
	EXPECT("<rss version=\"0.91\"><channel><title>T</title><link>"
	    "https://e.org/</link><description>D</description><atom:link "
	    "xmlns:atom=\"http://www.w3.org/2005/Atom\" rel=\"self\" "
	    "href=\"https://e.org/r\"/></channel></rss>", -1,
	    "t:1: error: rss version \"0.91\": expected \"2.0\"\n");
	EXPECT("<rss>\n</rss>", -1,
	    "t:1: error: rss version missing: expected \"2.0\"\n"
	    "t:1: error: rss has no channel\n");
	EXPECT(RSS("</channel>\n<channel>\n"), -1,
	    "t:9: error: second channel; RSS 2.0 has exactly one\n"
	    "t:9: error: channel has no title (RSS 2.0 requires title, link "
	    "and description)\n"
	    "t:9: error: channel has no link (RSS 2.0 requires title, link "
	    "and description)\n"
	    "t:9: error: channel has no description (RSS 2.0 requires "
	    "title, link and description)\n"
	    "t:9: warning: channel has no atom:link rel=\"self\" "
	    "(recommended by the RSS Advisory Board)\n");
	EXPECT(RSS("<item>\n<link>https://example.org/a</link>\n</item>\n"),
	    -1, "t:8: error: item has neither title nor description\n");
	EXPECT("<rss version=\"2.0\">\n<channel>\n<title>T</title>\n<link>"
	    "https://e.org/</link>\n<description>D</description>\n"
	    "</channel>\n</rss>\n", 0,
	    "t:2: warning: channel has no atom:link rel=\"self\" "
	    "(recommended by the RSS Advisory Board)\n");
}
END_TEST

START_TEST(rss_dates)
{
	static const char *const good[] = {
		"Tue, 18 Jun 2019 10:00:00 +0200",
		"18 Jun 2019 10:00 GMT",		/* no day, no seconds */
		"Tue, 18 Jun 19 10:00:00 EST",		/* 2-digit year */
		"tue,  8 jun 2019 10:00:00 pdt",	/* case, blanks */
		"Sat, 8 Jun 2019 23:59:60 Z",		/* military, leap */
		"Thu, 29 Feb 2024 00:00:00 -0530",
		" Sat, 01 Jan 2000 00:00:00 UT ",
	};
	static const char *const bad[] = {
		"2019-06-18T10:00:00Z", "Tue, 18 Jun 2019 10:00:00",
		"Tue 18 Jun 2019 10:00:00 GMT", "Tue, 18 June 2019 10:00 GMT",
		"Tue, 18 Jun 219 10:00 GMT", "Tue, 18 Jun 2019 24:00 GMT",
		"Tue, 18 Jun 2019 10:60 GMT", "Tue, 31 Jun 2019 10:00 GMT",
		"Thu, 29 Feb 2023 10:00 GMT", "Tue, 18 Jun 2019 10:00 J",
		"Tue, 18 Jun 2019 10:00 CEST", "Tue, 18 Jun 2019 10:00 +02:00",
		"Tue, 18 Jun 2019 10:00 +0260", "Tue, 18 Jun 2019 1:00 GMT",
		"Tue, 18 Jun 2019 10:00 GMT x", "Tue, 0 Jun 2019 10:00 GMT",
		"Sunday, 18 Jun 2019 10:00 GMT", "", "Tue,",
	};
	size_t	i;
	int	wday, actual;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(validate_rfc822(good[i], &wday, &actual) == 0,
		    "%s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(validate_rfc822(bad[i], &wday, &actual) == -1,
		    "%s", bad[i]);
	ck_assert_int_eq(validate_rfc822("Mon, 01 Jan 1900 00:00 GMT", &wday,
	    &actual), 0);
	ck_assert_int_eq(wday, 1);
	ck_assert_int_eq(actual, 1);
	ck_assert_int_eq(validate_rfc822("1 Jan 70 00:00 GMT", &wday,
	    &actual), 0);
	ck_assert_int_eq(wday, -1);
	ck_assert_int_eq(actual, 4);

	EXPECT(RSS("<lastBuildDate>2019-06-18T10:00:00Z</lastBuildDate>\n"
	    "<item>\n<title>A</title>\n"
	    "<pubDate>Mon, 18 Jun 2019 10:00:00 +0000</pubDate>\n</item>\n"),
	    -1,
	    "t:8: error: lastBuildDate \"2019-06-18T10:00:00Z\" is not an RFC "
	    "822 date, e.g. \"Tue, 18 Jun 2019 10:00:00 +0000\"\n"
	    "t:11: warning: pubDate \"Mon, 18 Jun 2019 10:00:00 +0000\": that "
	    "day is a Tue, not a Mon\n");
	EXPECT(RSS("<pubDate></pubDate>\n"), -1,
	    "t:8: error: pubDate \"\" is not an RFC 822 date, e.g. \"Tue, 18 "
	    "Jun 2019 10:00:00 +0000\"\n");
}
END_TEST

START_TEST(rss_links_guids_authors)
{
	EXPECT(RSS("<managingEditor>Ana</managingEditor>\n"
	    "<item>\n<title>A</title>\n<link>/a/</link>\n"
	    "<guid>https://example.org/a</guid>\n"
	    "<author>The Team</author>\n</item>\n"
	    "<item>\n<title>B</title>\n<guid>https://example.org/a</guid>\n"
	    "<author>team@example</author>\n</item>\n"
	    "<item>\n<title>C</title>\n<guid>c-1</guid>\n"
	    "<author>a@example.org (Ana</author>\n</item>\n"
	    "<item>\n<title>D</title>\n<guid isPermaLink=\"false\">d-1</guid>"
	    "\n<author> a@b.example.org </author>\n</item>\n"), 0,
	    "t:8: warning: managingEditor \"Ana\" is not an e-mail address, "
	    "e.g. \"team@example.org (The Team)\"; a name alone belongs in "
	    "dc:creator\n"
	    "t:11: warning: item link \"/a/\" is not an absolute URL: feed "
	    "readers resolve it against the wrong base or not at all\n"
	    "t:13: warning: author \"The Team\" is not an e-mail address, e.g. "
	    "\"team@example.org (The Team)\"; a name alone belongs in "
	    "dc:creator\n"
	    "t:17: warning: duplicate guid \"https://example.org/a\", first "
	    "used at line 12: readers will show only one of the items\n"
	    "t:18: warning: author \"team@example\" is not an e-mail address, "
	    "e.g. \"team@example.org (The Team)\"; a name alone belongs in "
	    "dc:creator\n"
	    "t:22: warning: guid \"c-1\" is a permalink (isPermaLink is not "
	    "\"false\") but not an absolute URL\n"
	    "t:23: warning: author \"a@example.org (Ana\" is not an e-mail "
	    "address, e.g. \"team@example.org (The Team)\"; a name alone "
	    "belongs in dc:creator\n");
	EXPECT("<rss version=\"2.0\"><channel><title>T</title><link>x</link>"
	    "<description>D</description><atom:link xmlns:atom=\"http://www."
	    "w3.org/2005/Atom\" rel=\"self\" href=\"https://e.org/r\"/>"
	    "</channel></rss>", 0,
	    "t:1: warning: channel link \"x\" is not an absolute URL: feed "
	    "readers resolve it against the wrong base or not at all\n");
}
END_TEST

START_TEST(rss_namespaces_and_html)
{
	EXPECT("<rss version=\"2.0\">\n<channel>\n<title>T</title>\n<link>"
	    "https://e.org/</link>\n<description>D</description>\n<item>\n"
	    "<title>A</title>\n<content:encoded>x</content:encoded>\n</item>"
	    "\n</channel>\n</rss>\n", -1,
	    "t:8: error: Namespace prefix content on encoded is not defined\n"
	    "t:2: warning: channel has no atom:link rel=\"self\" "
	    "(recommended by the RSS Advisory Board)\n");
	EXPECT(RSS("<item xmlns:content=\"http://purl.org/rss/1.0/modules/"
	    "content\">\n<title>A</title>\n<content:encoded>x</content:"
	    "encoded>\n</item>\n"), -1,
	    "t:10: error: content:encoded is not in the namespace \"http://"
	    "purl.org/rss/1.0/modules/content/\"\n");
	EXPECT(RSS("<item>\n<title>A</title>\n<dc:creator>Ana</dc:creator>\n"
	    "</item>\n"), -1,
	    "t:10: error: Namespace prefix dc on creator is not defined\n");
	/* 2019-06-18 was a Tuesday. */
	EXPECT(RSS("<item>\n<title>A</title>\n<pubDate>Wed, 18 Jun 2019 "
	    "10:00:00 +0200</pubDate>\n</item>\n"), 0,
	    "t:10: warning: pubDate \"Wed, 18 Jun 2019 10:00:00 +0200\": "
	    "that day is a Tue, not a Wed\n");
	EXPECT(RSS("<item>\n<description>&lt;p&gt;&lt;img src=\"/i.png\"&gt;"
	    "&lt;a href=\"../b\"&gt;b&lt;/a&gt;</description>\n"
	    "<content:encoded><![CDATA[<a href=\"//cdn.example.org/x\">x</a>"
	    "]]></content:encoded>\n</item>\n"), 0,
	    "t:9: warning: relative URL \"/i.png\" in description HTML: feed "
	    "readers resolve it against the wrong base or not at all\n"
	    "t:10: warning: relative URL \"//cdn.example.org/x\" in "
	    "content:encoded HTML: feed readers resolve it against the wrong "
	    "base or not at all\n");
}
END_TEST

START_TEST(atom_good)
{
	EXPECT(ATOM(
	    "<entry>\n"
	    "<id>tag:example.org,2024:1</id>\n"
	    "<title type=\"html\">A &amp;lt;b&amp;gt;</title>\n"
	    "<updated>2024-01-31T10:00:00.123+01:00</updated>\n"
	    "<published>2024-01-30T10:00:00Z</published>\n"
	    "<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://example.org/1\"/>\n"
	    "<content type=\"html\">&lt;a href=\"https://example.org/\"&gt;"
	    "x&lt;/a&gt;</content>\n"
	    "</entry>\n"
	    "<entry>\n<id>urn:uuid:2</id>\n<title>B</title>\n"
	    "<updated>2016-12-31T23:59:60Z</updated>\n"
	    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/"
	    "xhtml\"><a href=\"/rel\">x</a></div></content>\n"
	    "<author><name>B</name><uri>https://example.org/b</uri></author>\n"
	    "</entry>\n"), 0, "");
	/* No feed author: fine when every entry, or its source, has one. */
	EXPECT("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	    "<id>urn:f</id>\n<title>T</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n"
	    "<link rel=\"self\" href=\"https://example.org/atom.xml\"/>\n"
	    "<entry>\n<id>urn:1</id>\n<title>E</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n"
	    "<author><name>A</name></author>\n<content>x</content>\n"
	    "</entry>\n"
	    "<entry>\n<id>urn:2</id>\n<title>E</title>\n"
	    "<updated>2024-01-31T09:00:00Z</updated>\n"
	    "<source><author><name>S</name></author></source>\n"
	    "<content>x</content>\n</entry>\n</feed>\n", 0, "");
}
END_TEST

START_TEST(atom_schema)
{
	/* libxml2 also says "Expecting an element author, got nothing" and
	 * "Invalid sequence in interleave" here: echoes, not reported. */
	EXPECT("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	    "<title>T</title>\n<updated>2024-01-31T10:00:00Z</updated>\n"
	    "<link rel=\"self\" href=\"https://example.org/atom.xml\"/>\n"
	    "<author><name>A</name></author>\n</feed>\n", -1,
	    "t:1: error: Atom schema (RFC 4287): element feed: Expecting an "
	    "element id, got nothing\n");
	EXPECT(ATOM("<entry>\n<id>urn:1</id>\n<title>E</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n<content>x</content>\n"
	    "<bogus/>\n</entry>\n"), -1,
	    "t:13: error: Atom schema (RFC 4287): element bogus: Element entry "
	    "has extra content: bogus\n");
	EXPECT(ATOM("<entry>\n<id>urn:1</id>\n<title>E</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n<content>x</content>\n"
	    "<link/>\n</entry>\n"), -1,
	    "t:13: error: Atom schema (RFC 4287): element link: Element link "
	    "failed to validate attributes\n");
	/* libxml2 first blames the valid content (an alternative it tried),
	 * then the parents: only the report on the culprit is shown. */
	EXPECT(ATOM("<entry>\n<id>urn:1</id>\n<title>E</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n<content>x</content>\n"
	    "<summary type=\"bogus\">x</summary>\n</entry>\n"), -1,
	    "t:13: error: Atom schema (RFC 4287): element summary: Invalid "
	    "attribute type for element summary\n");
	EXPECT(ATOM("<entry>\n<id>urn:1</id>\n<title>E</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n<content>x</content>\n"
	    "<author><email>a@example.org</email></author>\n</entry>\n"), -1,
	    "t:13: error: Atom schema (RFC 4287): element author: Expecting an "
	    "element name, got nothing\n");
}
END_TEST

START_TEST(atom_dates)
{
	static const char *const good[] = {
		"2024-01-31T10:00:00Z", "2024-01-31t10:00:00z",
		"2024-02-29T23:59:60.5+14:00", " 2024-01-31T10:00:00-07:00\n",
	};
	static const char *const bad[] = {
		"2024-01-31T10:00:00", "2024-01-31", "2024-01-31 10:00:00Z",
		"2024-01-31T10:00Z", "2024-01-31T10:00:00+0100",
		"2024-01-31T10:00:00+01", "2023-02-29T10:00:00Z",
		"2024-13-01T10:00:00Z", "2024-01-31T24:00:00Z",
		"2024-01-31T10:00:00.Z", "24-01-31T10:00:00Z",
		"2024-01-31T10:00:00Z x", "", "Tue, 18 Jun 2019 10:00:00 +0000",
	};
	size_t	i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(validate_is_rfc3339(good[i]), "%s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!validate_is_rfc3339(bad[i]), "%s", bad[i]);

	EXPECT(ATOM(ENTRY("urn:1", "2024-01-31T10:00:00")
	    "<entry>\n<id>urn:2</id>\n<title>E</title>\n"
	    "<updated>yesterday</updated>\n"
	    "<published>2024-01-31</published>\n<content>x</content>\n"
	    "</entry>\n" ENTRY("urn:3", "2024-01-31t10:00:00z")), -1,
	    "t:11: error: updated \"2024-01-31T10:00:00\" is not an RFC 3339 "
	    "date-time with a zone, e.g. \"2024-01-31T10:00:00Z\" (RFC 4287 "
	    "3.3)\n"
	    "t:17: error: updated \"yesterday\" is not an RFC 3339 date-time "
	    "with a zone, e.g. \"2024-01-31T10:00:00Z\" (RFC 4287 3.3)\n"
	    "t:18: error: published \"2024-01-31\" is not an RFC 3339 "
	    "date-time with a zone, e.g. \"2024-01-31T10:00:00Z\" (RFC 4287 "
	    "3.3)\n"
	    "t:24: error: updated \"2024-01-31t10:00:00z\": Atom wants an "
	    "upper-case \"T\" and \"Z\" (RFC 4287 3.3)\n");
}
END_TEST

/* The warning for two entries of one atom:updated. */
#define SAME_UPDATED(line, t, first) "t:" line ": warning: entry has the " \
	"same updated time " t " as the entry at line " first ": readers may " \
	"show them in either order\n"

START_TEST(atom_rules)
{
	/* RFC 4287 4.1.1: an entry needs an author if the feed has none. */
	EXPECT("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	    "<id>urn:f</id>\n<title>T</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n"
	    "<link rel=\"self\" href=\"https://example.org/atom.xml\"/>\n"
	    ENTRY("urn:1", "2024-01-31T10:00:00Z") "</feed>\n", -1,
	    "t:6: error: entry has no author and the feed has none (RFC 4287 "
	    "4.1.1)\n");
	/* Ids: absolute, unique, distinct from the feed's. */
	EXPECT(ATOM(ENTRY("urn:1", "2024-01-31T10:00:00Z")
	    ENTRY("urn:1", "2024-01-31T10:00:00Z")
	    ENTRY("urn:1", "2024-01-30T10:00:00Z")
	    ENTRY("https://example.org/atom.xml", "2024-01-31T10:00:00Z")
	    ENTRY("1", "2024-01-31T10:00:00Z")), -1,
	    "t:33: error: id \"1\" is not an absolute IRI, e.g. \"tag:example."
	    "org,2024:1\" or \"https://example.org/1\" (RFC 4287 4.2.6)\n"
	    SAME_UPDATED("17", "2024-01-31T10:00:00Z", "8")
	    "t:15: error: duplicate entry id \"urn:1\", first used at line 8 "
	    "(RFC 4287 4.1.1)\n"
	    "t:21: warning: entry id \"urn:1\" also used at line 8: readers "
	    "show only one revision\n"
	    SAME_UPDATED("29", "2024-01-31T10:00:00Z", "8")
	    "t:27: error: entry id \"https://example.org/atom.xml\" is also "
	    "the feed's id (RFC 4287 4.2.6: ids are unique)\n"
	    SAME_UPDATED("35", "2024-01-31T10:00:00Z", "8"));
	/* RFC 4287 4.1.1: no content, then a rel="alternate" link. */
	EXPECT(ATOM("<entry>\n<id>urn:1</id>\n<title>E</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n"
	    "<link rel=\"related\" href=\"https://example.org/r\"/>\n"
	    "</entry>\n"), -1,
	    "t:8: error: entry has neither content nor a link rel=\"alternate\" "
	    "(RFC 4287 4.1.1)\n");
}
END_TEST

START_TEST(atom_warnings)
{
	EXPECT("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	    "<id>urn:f</id>\n<title>T</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n"
	    "<icon>/favicon.ico</icon>\n"
	    "<author><name>A</name><uri>~a</uri></author>\n"
	    "<link href=\"https://example.org/\"/>\n"
	    "<entry>\n<id>urn:1</id>\n<title>E</title>\n"
	    "<updated>2024-01-31T10:00:00Z</updated>\n"
	    "<link href=\"posts/1\"/>\n"
	    "<summary type=\"html\">&lt;img src=\"img/a.png\"&gt;</summary>\n"
	    "<content type=\"text/plain\" src=\"1.txt\"/>\n"
	    "</entry>\n</feed>\n", 0,
	    "t:5: warning: relative icon \"/favicon.ico\": feed readers "
	    "resolve it against the wrong base or not at all\n"
	    "t:6: warning: relative uri \"~a\": feed readers resolve it against "
	    "the wrong base or not at all\n"
	    "t:12: warning: relative link href \"posts/1\": feed readers "
	    "resolve it against the wrong base or not at all\n"
	    "t:13: warning: relative URL \"img/a.png\" in summary HTML: feed "
	    "readers resolve it against the wrong base or not at all\n"
	    "t:14: warning: relative content src \"1.txt\": feed readers "
	    "resolve it against the wrong base or not at all\n"
	    "t:1: warning: feed has no link rel=\"self\" (RFC 4287 4.1.1)\n");
}
END_TEST

START_TEST(json_good)
{
	EXPECT(JSON("\n{\"id\": \"1\", \"url\": \"https://example.org/1\", "
	    "\"title\": \"A\", \"content_html\": \"<p>x</p>\", "
	    "\"date_published\": \"2024-01-31T10:00:00+01:00\", "
	    "\"date_modified\": \"2024-01-31T10:00:00Z\", "
	    "\"tags\": [\"a\", \"b\"], \"_x\": 1, "
	    "\"authors\": [{\"name\": \"A\"}, {\"url\": \"https://a.example/\"}"
	    "]},\n{\"id\": \"2\", \"content_text\": \"x\", "
	    "\"author\": {\"avatar\": \"https://a.example/a.png\"}}\n"), 0, "");
	/* Version 1 and a UTF-8 BOM. */
	EXPECT("\xEF\xBB\xBF{\"version\": \"https://jsonfeed.org/version/1\", "
	    "\"title\": \"T\", \"feed_url\": \"https://example.org/f.json\", "
	    "\"items\": []}", 0, "");
}
END_TEST

START_TEST(json_errors)
{
	EXPECT("{\"version\": \"https://jsonfeed.org/version/1.1\", "
	    "\"title\": 3}", -1,
	    "t: error: title must be a string\n"
	    "t: warning: no feed_url (strongly recommended: readers need it "
	    "to find the feed again)\n"
	    "t: error: items is required\n");
	EXPECT(JSON_HEAD "\"items\": {}}", -1,
	    "t: error: items must be an array\n");
	EXPECT(JSON("{\"id\": 1, \"content_text\": \"x\"}, "
	    "{\"content_html\": \"x\", \"url\": 5}, {\"id\": \"3\"}, 4, "
	    "{\"id\": \"3\", \"content_text\": \"\", \"date_published\": "
	    "\"2024-01-31T10:00:00\", \"date_modified\": \"31/01/2024\"}"),
	    -1,
	    "t: error: items[0].id must be a string, not a number (JSON Feed "
	    "1.1)\n"
	    "t: error: items[1].id is required\n"
	    "t: error: items[1].url must be a string\n"
	    "t: error: items[2] has neither content_html nor content_text\n"
	    "t: error: items[3] must be an object\n"
	    "t: warning: items[4].id \"3\" is a duplicate: readers will show "
	    "only one of the items\n"
	    "t: error: items[4].date_published \"2024-01-31T10:00:00\" is not "
	    "an RFC 3339 date-time with a zone, e.g. \"2024-01-31T10:00:00Z\"\n"
	    "t: error: items[4].date_modified \"31/01/2024\" is not an RFC 3339 "
	    "date-time with a zone, e.g. \"2024-01-31T10:00:00Z\"\n");
	EXPECT(JSON_HEAD "\"authors\": {\"name\": \"A\"},\n\"items\": [{\"id\":"
	    " \"1\", \"content_text\": \"x\", \"authors\": [\"A\", {}, "
	    "{\"name\": 1}], \"tags\": [\"a\", 2]}]}", -1,
	    "t: error: authors must be an array of objects\n"
	    "t: error: items[0].authors[0] must be an object\n"
	    "t: error: items[0].authors[1] has none of name, url and avatar\n"
	    "t: error: items[0].authors[2].name must be a string\n"
	    "t: error: items[0].tags[1] must be a string\n");
	EXPECT(JSON_HEAD "\"expired\": \"no\", \"items\": \"x\"}", -1,
	    "t: error: expired must be true or false\n"
	    "t: error: items must be an array\n");
}
END_TEST

START_TEST(json_warnings)
{
	/* Version 1 allowed numeric ids in practice: a warning there. */
	EXPECT("{\"version\": \"https://jsonfeed.org/version/1\", \"title\": "
	    "\"T\", \"feed_url\": \"feed.json\", \"homepage\": \"x\", "
	    "\"items\": [{\"id\": 7, \"content_text\": \"x\", \"image\": "
	    "\"/i.png\", \"body\": \"x\"}]}", 0,
	    "t: warning: unknown key \"homepage\" (extensions start with "
	    "\"_\")\n"
	    "t: warning: feed_url \"feed.json\" is not an absolute URL\n"
	    "t: warning: items[0]: unknown key \"body\" (extensions start "
	    "with \"_\")\n"
	    "t: warning: items[0].id is a number; JSON Feed 1.1 requires a "
	    "string\n"
	    "t: warning: items[0].image \"/i.png\" is not an absolute URL\n");
	EXPECT("{\"version\": \"https://jsonfeed.org/version/1.2\", \"title\": "
	    "\"T\", \"feed_url\": \"https://e.org/f\", \"items\": []}", 0,
	    "t: warning: unknown JSON Feed version \"https://jsonfeed.org/"
	    "version/1.2\"; expected \"https://jsonfeed.org/version/1.1\"\n");
}
END_TEST

START_TEST(json_syntax)
{
	EXPECT("{\"version\": \"https://jsonfeed.org/version/1.1\",\n"
	    "\"title\": \"a\",\n\"title\": \"b\", \"items\": []}", -1,
	    "t:3: error: invalid JSON: duplicate object key near '\"title\"'\n");
	EXPECT("{\"version\": \"https://jsonfeed.org/version/1.1\",\n"
	    "\"items\": [,]}", -1,
	    "t:2: error: invalid JSON: unexpected token near ','\n");
	EXPECT("{\"version\": \"https://jsonfeed.org/version/1.1\",\n"
	    "\"title\": \"\\u0000\", \"items\": []}", -1,
	    "t:2: error: invalid JSON: \\u0000 is not allowed without "
	    "JSON_ALLOW_NUL near '\"\\u0000\"'\n");
}
END_TEST

START_TEST(json_deep)
{
	struct buf	 b = { 0 };
	const char	*o;
	char		*doc;
	int		 rc, i;

	/* jansson caps nesting: a deep document is an error, not a crash. */
	buf_adds(&b, "{\"_x\": ");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	doc = buf_detach(&b);
	o = run("t", doc, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(o, "t:1: error: invalid JSON: maximum parsing depth "
	    "reached near '['\n");
	free(doc);
}
END_TEST

START_TEST(not_a_feed)
{
	EXPECT("", -1,
	    "t: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	EXPECT(" \n\t", -1,
	    "t: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	EXPECT("title: x\n", -1,
	    "t: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	EXPECT("{\"version\": \"1.1\", \"items\": []}", -1,
	    "t: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	EXPECT("[1]", -1,
	    "t: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	EXPECT("{\"version\": 1}", -1,
	    "t: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	EXPECT("<?xml version=\"1.0\"?>\n<html><body/></html>", -1,
	    "t:2: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	/* An Atom entry document, and a feed outside the Atom namespace. */
	EXPECT("<entry xmlns=\"http://www.w3.org/2005/Atom\"/>", -1,
	    "t:1: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	EXPECT("<feed xmlns=\"http://purl.org/atom/ns#\"/>", -1,
	    "t:1: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
	EXPECT("<rss xmlns=\"http://example.org/\" version=\"2.0\"/>", -1,
	    "t:1: error: not an RSS 2.0, Atom 1.0 or JSON Feed document\n");
}
END_TEST

START_TEST(malformed_xml)
{
	/* Only the first fatal error: what libxml2 says after it repeats. */
	EXPECT("<rss version=\"2.0\">\n<channel>\n<title>T</titel>\n", -1,
	    "t:3: error: Opening and ending tag mismatch: title line 3 and "
	    "titel\n");
	EXPECT("<rss version=\"2.0\"><channel><title>a\x01</title>", -1,
	    "t:1: error: PCDATA invalid Char value 1\n");
}
END_TEST

START_TEST(hostile_xml)
{
	struct timespec	 t0, t1;
	const char	*o;
	char		*doc;
	struct buf	 b = { 0 };
	int		 rc, i, k;

	/* XXE: nothing is read, and the declaration alone rejects it. */
	EXPECT("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	    "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n"
	    "<rss version=\"2.0\"><channel><title>&xxe;</title><link>"
	    "https://e.org/</link><description>D</description></channel>"
	    "</rss>\n", -1, "t:3: error: DTD with entities is not accepted\n");
	/* Parameter entities, the other road to an external DTD. */
	EXPECT("<!DOCTYPE rss [\n<!ENTITY % p SYSTEM \"http://attacker."
	    "example/x.dtd\">\n%p;\n]>\n<rss version=\"2.0\"/>", -1,
	    "t:2: error: DTD with entities is not accepted\n");
	/* Billion laughs, ten levels deep: rejected at once. */
	buf_adds(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	    "<!ENTITY lol0 \"lol\">\n");
	for (i = 1; i < 10; i++) {
		buf_printf(&b, "<!ENTITY lol%d \"", i);
		for (k = 0; k < 10; k++)
			buf_printf(&b, "&lol%d;", i - 1);
		buf_adds(&b, "\">\n");
	}
	buf_adds(&b, "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>"
	    "</channel></rss>\n");
	doc = buf_detach(&b);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	o = run("t", doc, &rc);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_str_eq(o, "t:3: error: DTD with entities is not accepted\n");
	ck_assert_int_eq(rc, -1);
	ck_assert_int_lt((t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000, 500);
	free(doc);
	/* A DOCTYPE without entities is not loaded, and is valid; a reader
	 * that loads DTDs would fetch it, hence the warning. */
	EXPECT("<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"http://"
	    "attacker.example/rss.dtd\">\n<rss version=\"2.0\" xmlns:atom="
	    "\"http://www.w3.org/2005/Atom\"><channel><title>T</title><link>"
	    "https://e.org/</link><description>D</description><atom:link "
	    "rel=\"self\" href=\"https://e.org/r\"/></channel></rss>\n", 0,
	    "t:2: warning: DOCTYPE names the external DTD \"http://attacker."
	    "example/rss.dtd\": not loaded; a feed needs none, and a reader "
	    "that loads it reaches out to the network or the disk\n");
	/* Nesting beyond libxml2's limit is an error, not a crash. */
	buf_adds(&b, RSS_HEAD "<item><title>A</title><description>");
	for (i = 0; i < 5000; i++)
		buf_adds(&b, "<x>");
	doc = buf_detach(&b);
	o = run("t", doc, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_nonnull(strstr(o, "error: elements nested more than 256 "
	    "deep are not accepted"));
	free(doc);
}
END_TEST

START_TEST(size_limit)
{
	char	 path[] = "/tmp/relfeed-validate-XXXXXX";
	char	*big, *want;
	size_t	 m;
	int	 fd, rc;

	big = xcalloc(1, VALIDATE_MAX_SIZE + 2);
	memset(big, ' ', VALIDATE_MAX_SIZE + 1);
	m = mark();
	rc = validate_buffer("t", big, VALIDATE_MAX_SIZE + 1);
	free(big);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(since(m), "t: error: document of 67108865 bytes is "
	    "larger than the 64 MiB limit\n");
	/* A file is refused before it is read: this one is sparse. */
	ck_assert_int_ge(fd = mkstemp(path), 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)VALIDATE_MAX_SIZE * 4), 0);
	close(fd);
	m = mark();
	ck_assert_int_eq(validate_file(path), -1);
	want = xasprintf("%s: error: document of 268435456 bytes is larger "
	    "than the 64 MiB limit\n", path);
	ck_assert_str_eq(since(m), want);
	free(want);
	unlink(path);
	m = mark();
	ck_assert_int_eq(validate_file("/nonexistent/feed.xml"), -1);
	ck_assert_str_eq(since(m), "/nonexistent/feed.xml: error: cannot "
	    "open: No such file or directory\n");
}
END_TEST

/* The directory of the real-world feeds, or NULL (the caller frees it):
 * beside the checkout, else where this machine keeps it. */
static char *
realworld_dir(void)
{
	const char	*src = getenv("RELFEED_SRCDIR");
	struct stat	 st;
	char		*dir = NULL;

	if (src != NULL) {
		dir = xasprintf("%s/../shared/realworld-feeds", src);
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			goto out;
		free(dir);
	}
	dir = NULL;
out:
	return dir;
}

/* Validate one real-world file; returns its warning count. */
static int
realworld(const char *dir, const char *name, const char **out)
{
	char	*path = xasprintf("%s/%s", dir, name);
	size_t	 m = mark();
	int	 w = diag_warnings(), rc;

	rc = validate_file(path);
	*out = since(m);
	ck_assert_msg(rc == 0, "%s: %s", name, *out);
	ck_assert_int_eq(diag_errors(), 0);
	free(path);
	return diag_warnings() - w;
}

START_TEST(realworld_feeds)
{
	char		*dir = realworld_dir();
	const char	*o;

	if (dir == NULL)
		return;		/* not in this checkout: nothing to judge */
	/* README: passes every judge. */
	ck_assert_int_eq(realworld(dir, "eclipse-iot-news-rss.xml", &o), 0);
	ck_assert_str_eq(o, "");
	/* README: W3C-valid with ContainsRelRef warnings; feedparser fails
	 * on the same <img src="/img/...">. */
	ck_assert_int_eq(realworld(dir, "hardscrabble-rss.xml", &o), 11);
	ck_assert_ptr_nonnull(strstr(o, "/hardscrabble-rss.xml:36: warning: "
	    "relative URL \"/img/2016-08-14-my-airbnb.jpg\" in description "
	    "HTML"));
	/* README: W3C-valid, schema-valid; feedparser fails on the relative
	 * links in content, which we warn about. */
	ck_assert_int_eq(realworld(dir, "gridaphobe-atom.xml", &o), 6);
	ck_assert_ptr_nonnull(strstr(o, "/gridaphobe-atom.xml:234: warning: "
	    "relative URL \"/posts/strong-type-systems.lhs\" in content HTML"));
	ck_assert_ptr_null(strstr(o, "error"));
	free(dir);
}
END_TEST

/* relfeed's own feeds, as the golden tests prove it writes them: valid,
 * without a single warning. */
START_TEST(own_output)
{
	const char	*src = getenv("RELFEED_SRCDIR");
	char		*pattern;
	glob_t		 g;
	size_t		 i;

	ck_assert_ptr_nonnull(src);
	pattern = xasprintf("%s/tests/golden/*/expected/*.xml", src);
	ck_assert_int_eq(glob(pattern, 0, NULL, &g), 0);
	ck_assert_uint_ge(g.gl_pathc, 4);
	for (i = 0; i < g.gl_pathc; i++)
		ck_assert_msg(validate_file(g.gl_pathv[i]) == 0, "%s",
		    g.gl_pathv[i]);
	/* No warning but the one the content causes: the golden cases have
	 * releases on one day without a time. */
	ck_assert_int_eq(diag_warnings(), (int)support_count(since(0),
	    ": warning: entry has the same updated time "));
	ck_assert_int_eq(diag_errors(), 0);
	globfree(&g);
	free(pattern);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("validate");
	TCase	*tc = tcase_create("validate");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rss_good);
	tcase_add_test(tc, rss_structure);
	tcase_add_test(tc, rss_dates);
	tcase_add_test(tc, rss_links_guids_authors);
	tcase_add_test(tc, rss_namespaces_and_html);
	tcase_add_test(tc, atom_good);
	tcase_add_test(tc, atom_schema);
	tcase_add_test(tc, atom_dates);
	tcase_add_test(tc, atom_rules);
	tcase_add_test(tc, atom_warnings);
	tcase_add_test(tc, json_good);
	tcase_add_test(tc, json_errors);
	tcase_add_test(tc, json_warnings);
	tcase_add_test(tc, json_syntax);
	tcase_add_test(tc, json_deep);
	tcase_add_test(tc, not_a_feed);
	tcase_add_test(tc, malformed_xml);
	tcase_add_test(tc, hostile_xml);
	tcase_add_test(tc, size_limit);
	tcase_add_test(tc, realworld_feeds);
	tcase_add_test(tc, own_output);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
