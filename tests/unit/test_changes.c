/* test_changes.c: old and new feeds of each format compared entry by
 * entry: added, removed, updated, and previous files that are no feed. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "support.h"

/* An RSS 2.0 channel holding the items given. */
#define RSS(items) "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" " \
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">" \
	"<channel><title>T</title>" items "</channel></rss>\n"
#define ITEM(id, title, date, body) "<item><title>" title "</title>" \
	"<link>https://x.org/" id "/</link><guid isPermaLink=\"true\">" \
	"https://x.org/" id "/</guid><pubDate>" date "</pubDate>" \
	"<content:encoded>" body "</content:encoded></item>"

#define ATOM(entries) "<?xml version=\"1.0\"?>\n<feed " \
	"xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:f</id>" entries "</feed>\n"
#define ENTRY(id, title, date, body) "<entry><id>urn:" id "</id><title>" \
	title "</title><link rel=\"self\" href=\"https://x.org/self\"/>" \
	"<link href=\"https://x.org/" id "/\"/><updated>" date "</updated>" \
	"<content type=\"html\">" body "</content></entry>"

#define JSONF(items) "{\"version\": \"https://jsonfeed.org/version/1.1\", " \
	"\"title\": \"T\", \"items\": [" items "]}\n"
#define JITEM(id, title, date, body) "{\"id\": \"" id "\", \"url\": " \
	"\"https://x.org/" id "/\", \"title\": \"" title "\", " \
	"\"content_html\": \"" body "\", \"date_modified\": \"" date "\"}"

static struct changes	ch;

static void
compare(const char *old, const char *new, int want_rc)
{
	ck_assert_int_eq(changes_compare(old, old ? strlen(old) : 0, new,
	    strlen(new), &ch), want_rc);
}

/* The changes as "+id -id ~id" in order, by link. */
static const char *
summary(void)
{
	static char	s[512];
	size_t		i;

	s[0] = '\0';
	for (i = 0; i < ch.n; i++) {
		strcat(s, ch.v[i].kind == CHANGE_ADDED ? "+" :
		    ch.v[i].kind == CHANGE_REMOVED ? "-" : "~");
		strcat(s, ch.v[i].title ? ch.v[i].title : "?");
		strcat(s, " ");
	}
	return s;
}

static void
teardown(void)
{
	changes_free(&ch);
}

START_TEST(rss_changes)
{
	compare(RSS(ITEM("a", "A", "Mon, 01 Jan 2024 00:00:00 +0000", "x")
	    ITEM("b", "B", "Tue, 02 Jan 2024 00:00:00 +0000", "y")
	    ITEM("c", "C", "Wed, 03 Jan 2024 00:00:00 +0000", "z")),
	    RSS(ITEM("d", "D", "Thu, 04 Jan 2024 00:00:00 +0000", "n")
	    ITEM("a", "A", "Mon, 01 Jan 2024 00:00:00 +0000", "x")
	    ITEM("b", "B", "Tue, 02 Jan 2024 00:00:00 +0000", "y2")), 0);
	ck_assert_str_eq(summary(), "+D ~B -C ");
	ck_assert_uint_eq(ch.nadded, 1);
	ck_assert_uint_eq(ch.nupdated, 1);
	ck_assert_uint_eq(ch.nremoved, 1);
	ck_assert_str_eq(ch.v[0].link, "https://x.org/d/");
	ck_assert_str_eq(ch.v[0].id, "https://x.org/d/");
}
END_TEST

/* No guid: the link is the id; a new title alone is an update. */
START_TEST(rss_link_id_and_title)
{
	compare(RSS("<item><title>Old</title><link>https://x.org/a/</link>"
	    "</item>"), RSS("<item><title>New</title><link>https://x.org/a/"
	    "</link></item>"), 0);
	ck_assert_str_eq(summary(), "~New ");
}
END_TEST

START_TEST(atom_changes)
{
	compare(ATOM(ENTRY("a", "A", "2024-01-01T00:00:00Z", "x")
	    ENTRY("b", "B", "2024-01-02T00:00:00Z", "y")),
	    ATOM(ENTRY("a", "A", "2024-01-05T00:00:00Z", "x")
	    ENTRY("b", "B", "2024-01-02T00:00:00Z", "y")
	    ENTRY("c", "C", "2024-01-03T00:00:00Z", "z")), 0);
	ck_assert_str_eq(summary(), "~A +C ");
	/* The alternate link, not rel="self". */
	ck_assert_str_eq(ch.v[1].link, "https://x.org/c/");
	ck_assert_str_eq(ch.v[1].id, "urn:c");
}
END_TEST

START_TEST(json_changes)
{
	compare(JSONF(JITEM("a", "A", "2024-01-01T00:00:00Z", "x") ", "
	    JITEM("b", "B", "2024-01-02T00:00:00Z", "y")),
	    JSONF(JITEM("b", "B", "2024-01-02T00:00:00Z", "y!")), 0);
	ck_assert_str_eq(summary(), "~B -A ");
	ck_assert_str_eq(ch.v[1].link, "https://x.org/a/");
}
END_TEST

START_TEST(same_feed_no_changes)
{
	const char	*f = JSONF(JITEM("a", "A", "2024-01-01T00:00:00Z", "x"));

	compare(f, f, 0);
	ck_assert_uint_eq(ch.n, 0);
	changes_free(&ch);
	compare(RSS(ITEM("a", "A", "Mon, 01 Jan 2024 00:00:00 +0000", "x")),
	    RSS(ITEM("a", "A", "Mon, 01 Jan 2024 00:00:00 +0000", "x")), 0);
	ck_assert_uint_eq(ch.n, 0);
}
END_TEST

/* Missing: every entry is new. Foreign or broken: the same, and -1. */
START_TEST(missing_and_foreign)
{
	const char	*n = ATOM(ENTRY("a", "A", "2024-01-01T00:00:00Z", "x"));

	compare(NULL, n, 0);
	ck_assert_str_eq(summary(), "+A ");
	changes_free(&ch);
	compare("<?xml version=\"1.0\"?>\n<previous/>\n", n, -1);
	ck_assert_str_eq(summary(), "+A ");
	changes_free(&ch);
	compare("<rss><channel><item>", n, -1);
	ck_assert_uint_eq(ch.nadded, 1);
	changes_free(&ch);
	compare("{\"items\": 3}", n, -1);
	ck_assert_uint_eq(ch.nadded, 1);
	changes_free(&ch);
	/* An Atom feed without the Atom namespace is no Atom feed. */
	compare("<feed><entry><id>urn:a</id></entry></feed>", n, -1);
	changes_free(&ch);
	compare("", n, -1);
}
END_TEST

/* The format of each file is its own: RSS before, Atom after. */
START_TEST(format_switch)
{
	compare(RSS("<item><title>A</title><guid>urn:a</guid></item>"),
	    ATOM(ENTRY("a", "A", "2024-01-01T00:00:00Z", "x")), 0);
	ck_assert_str_eq(summary(), "~A ");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("changes");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, rss_changes);
	tcase_add_test(tc, rss_link_id_and_title);
	tcase_add_test(tc, atom_changes);
	tcase_add_test(tc, json_changes);
	tcase_add_test(tc, same_feed_no_changes);
	tcase_add_test(tc, missing_and_foreign);
	tcase_add_test(tc, format_switch);
	suite_add_tcase(s, tc);
	return support_run(s);
}
