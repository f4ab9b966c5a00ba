/* test_preview.c: the stylesheet's href from each feed, the feed names the
 * browser view takes, and the preview page's escaping and structure. */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "diag.h"
#include "preview.h"
#include "support.h"
#include "util.h"

START_TEST(test_xsl_href)
{
	static const char *const cases[][2] = {
		{ "rss.xml", "feed.xsl" },
		{ "releases/atom.xml", "../feed.xsl" },
		{ "tags/a.b/rss.xml", "../../feed.xsl" },
	};
	char	*got;
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = preview_xsl_href(cases[i][0]);
		ck_assert_str_eq(got, cases[i][1]);
		free(got);
	}
}
END_TEST

START_TEST(test_check_names)
{
	static char	n0[] = "", n1[] = "index.html", n2[] = "feed.xsl/x",
			n3[] = "index.htmlx", n4[] = "a/index.html";
	struct feed_out	v[] = {
		{ .name = n0, .line = 0 },
		{ .name = n1, .line = 3 },
		{ .name = n2, .line = 4 },
		{ .name = n3, .line = 5 },
		{ .name = n4, .line = 6 },
	};
	struct feed_set	set = { v, sizeof(v) / sizeof(v[0]) };

	ck_assert_int_eq(preview_check_names("c.yaml", &set, 0, 0), 0);
	ck_assert_str_eq(support_diags(), "");
	ck_assert_int_eq(preview_check_names("c.yaml", &set, 1, 0), -1);
	ck_assert_str_eq(support_diags(), "c.yaml:4: error: feed \"feed.xsl/x\" "
	    "would be written inside feed.xsl, the file the stylesheet option "
	    "adds\n");
	support_diag_capture();
	ck_assert_int_eq(preview_check_names("c.yaml", &set, 0, 1), -1);
	ck_assert_str_eq(support_diags(), "c.yaml:3: error: feed \"index.html\" "
	    "would be written inside index.html, the file the preview option "
	    "adds\n");
}
END_TEST

/* The page parses as HTML without an error, and holds needle. */
static void
check_page(const char *doc, size_t len, const char *needle)
{
	htmlParserCtxtPtr	ctxt = htmlNewParserCtxt();
	htmlDocPtr		d;

	ck_assert_ptr_nonnull(ctxt);
	d = htmlCtxtReadMemory(ctxt, doc, (int)len, "index.html", "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	ck_assert_ptr_nonnull(d);
	/* libxml2's HTML parser knows HTML 4 only: the page uses no
	 * element it does not know. */
	ck_assert_int_eq(ctxt->wellFormed, 1);
	xmlFreeDoc(d);
	htmlFreeParserCtxt(ctxt);
	ck_assert_msg(strstr(doc, needle) != NULL, "no %s in %s", needle, doc);
}

START_TEST(test_page)
{
	struct entry		 e, *v[1];
	struct preview_file	 files[] = {
		{ "", "Site <&>", "rss.xml", "application/rss+xml" },
		{ "x", "X", "x/atom.xml", "application/atom+xml" },
	};
	struct preview_info	 pi;
	char			*doc;
	size_t			 len;

	memset(&e, 0, sizeof(e));
	e.title = xstrdup("A \x01<b>\"t\" & caf\xc3\xa9");
	e.permalink = xstrdup("https://example.org/a/?q=1&r=2");
	e.description = xstrdup("Sum <i>mary</i>");
	e.has_date = 1;
	e.published.sec = 1560844800;
	e.published.off = 120;
	v[0] = &e;
	memset(&pi, 0, sizeof(pi));
	pi.title = "Site <&>";
	pi.description = "Desc";
	pi.language = "en";
	pi.feed_url = "https://feeds.example.org/";
	pi.files = files;
	pi.nfiles = 2;
	pi.entries = v;
	pi.n = 1;
	ck_assert_int_eq(preview_page_write(&pi, &doc, &len), 0);
	ck_assert_uint_eq(strlen(doc), len);
	ck_assert(strncmp(doc, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
	check_page(doc, len, "<title>Site &lt;&amp;&gt;</title>");
	/* The control character is gone, the markup is text. */
	check_page(doc, len, ">A &lt;b&gt;\"t\" &amp; caf\xc3\xa9</a>");
	check_page(doc, len, "href=\"https://example.org/a/?q=1&amp;r=2\"");
	check_page(doc, len, "<p>Sum &lt;i&gt;mary&lt;/i&gt;</p>");
	check_page(doc, len, "title=\"2019-06-18T10:00:00+02:00\">"
	    "2019-06-18</span>");
	/* Only the site feed is announced in the head; all are listed. */
	check_page(doc, len, "<link rel=\"alternate\" type=\"application/rss+xml\" "
	    "title=\"Site &lt;&amp;&gt;\" href=\"https://feeds.example.org/rss.xml\">");
	ck_assert_ptr_null(strstr(doc, "<link rel=\"alternate\" "
	    "type=\"application/atom+xml\""));
	check_page(doc, len, "<a href=\"x/atom.xml\" type=\"application/atom+xml\">"
	    "Atom 1.0</a>");
	check_page(doc, len, "<code>https://feeds.example.org/x/atom.xml</code>");
	check_page(doc, len, "<style>\nbody {");
	free(doc);
	/* No entries. */
	pi.n = 0;
	ck_assert_int_eq(preview_page_write(&pi, &doc, &len), 0);
	check_page(doc, len, "<p>No entries yet.</p>");
	free(doc);
	free(e.title);
	free(e.permalink);
	free(e.description);
}
END_TEST

static Suite *
preview_suite(void)
{
	Suite	*s = suite_create("preview");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, support_diag_capture,
	    support_diag_release);
	tcase_add_test(tc, test_xsl_href);
	tcase_add_test(tc, test_check_names);
	tcase_add_test(tc, test_page);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(preview_suite());
}
