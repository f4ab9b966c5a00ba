/* test_markdown.c: unit tests for markdown_render: HTML, links, summaries. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "htmlsafe.h"
#include "markdown.h"
#include "shortcode.h"
#include "support.h"
#include "util.h"

#define BASE	"https://istio.io/latest/"
#define PAGE	"https://istio.io/latest/news/releases/1.2/"

static char	*html;
static char	*summary;

/* Render md with the istio base and page; html and summary hold the
 * results until the next call. */
static int
render(const char *md, int unsafe_html)
{
	struct render_opts	opts = { BASE, PAGE, unsafe_html, NULL };

	free(html);
	free(summary);
	html = summary = NULL;
	return markdown_render("t.md", md, strlen(md), &opts, &html,
	    &summary);
}

static void
expect_html(const char *md, int unsafe_html, const char *want)
{
	ck_assert_int_eq(render(md, unsafe_html), 0);
	ck_assert_ptr_nonnull(html);
	ck_assert_str_eq(html, want);
}

static void
expect_summary(const char *md, const char *want)
{
	ck_assert_int_eq(render(md, 0), 0);
	if (want == NULL)
		ck_assert_ptr_null(summary);
	else {
		ck_assert_ptr_nonnull(summary);
		ck_assert_str_eq(summary, want);
	}
}

START_TEST(test_table)
{
	expect_html("| a | b |\n|---|:-:|\n| 1 | 2 |\n", 0,
	    "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"center\">b</th>\n"
	    "</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n"
	    "<td align=\"center\">2</td>\n</tr>\n</tbody>\n</table>\n");
}
END_TEST

START_TEST(test_strikethrough_autolink)
{
	expect_html("~~old~~ new\n", 0, "<p><del>old</del> new</p>\n");
	expect_html("see www.example.com and https://x.org/a.\n", 0,
	    "<p>see <a href=\"http://www.example.com\">www.example.com</a> "
	    "and <a href=\"https://x.org/a\">https://x.org/a</a>.</p>\n");
	expect_html("<https://istio.io/x>\n", 0,
	    "<p><a href=\"https://istio.io/x\">https://istio.io/x</a></p>\n");
}
END_TEST

START_TEST(test_site_relative)
{
	expect_html("[a](/docs/x) ![i](/img/a.png \"t\")\n", 0,
	    "<p><a href=\"https://istio.io/latest/docs/x\">a</a> "
	    "<img src=\"https://istio.io/latest/img/a.png\" alt=\"i\" "
	    "title=\"t\" /></p>\n");
	/* The path already under the base's path: never a doubled base. */
	expect_html("[l](/latest/docs/y)\n", 0,
	    "<p><a href=\"https://istio.io/latest/docs/y\">l</a></p>\n");
	/* Reference-style links are link nodes too. */
	expect_html("[r][1]\n\n[1]: /news/\n", 0,
	    "<p><a href=\"https://istio.io/latest/news/\">r</a></p>\n");
}
END_TEST

START_TEST(test_page_relative)
{
	expect_html("[b](./change-notes) [d](e.png) ![x](./img/y.svg)\n", 0,
	    "<p><a href=\"" PAGE "change-notes\">b</a> "
	    "<a href=\"" PAGE "e.png\">d</a> "
	    "<img src=\"" PAGE "img/y.svg\" alt=\"x\" /></p>\n");
	expect_html("[up](../1.1/)\n", 0,
	    "<p><a href=\"https://istio.io/latest/news/releases/1.1/\">up"
	    "</a></p>\n");
}
END_TEST

START_TEST(test_untouched)
{
	expect_html("[f](#g) [m](mailto:a@b.c) [h](https://h.org/p?q=1#f) "
	    "[p](//cdn.example/x) [e]()\n", 0,
	    "<p><a href=\"#g\">f</a> <a href=\"mailto:a@b.c\">m</a> "
	    "<a href=\"https://h.org/p?q=1#f\">h</a> "
	    "<a href=\"//cdn.example/x\">p</a> <a href=\"\">e</a></p>\n");
}
END_TEST

START_TEST(test_dangerous_urls)
{
	expect_html("[x](javascript:alert(1))\n", 0,
	    "<p><a href=\"\">x</a></p>\n");
	expect_html("[x](javascript:alert(1))\n", 1,
	    "<p><a href=\"\">x</a></p>\n");
	expect_html("[y](< JavaScript:x>) [v](VBSCRIPT:x) "
	    "[w](file:///etc/passwd) [t](<java\tscript:x>)\n", 0,
	    "<p><a href=\"\">y</a> <a href=\"\">v</a> <a href=\"\">w</a> "
	    "<a href=\"\">t</a></p>\n");
	/* data: only for images of the usual raster formats. */
	expect_html("![p](data:image/png;base64,AA) ![g](DATA:image/gif,x) "
	    "[q](data:image/png;base64,AA) ![r](data:text/html,x) "
	    "![s](data:image/svg+xml,x) ![u](data:image/pngx,x)\n", 0,
	    "<p><img src=\"data:image/png;base64,AA\" alt=\"p\" /> "
	    "<img src=\"DATA:image/gif,x\" alt=\"g\" /> <a href=\"\">q</a> "
	    "<img src=\"\" alt=\"r\" /> <img src=\"\" alt=\"s\" /> "
	    "<img src=\"\" alt=\"u\" /></p>\n");
	/* A name that merely contains a scheme stays a relative link. */
	expect_html("[n](notjavascript:x) [o](./javascript:x)\n", 0,
	    "<p><a href=\"notjavascript:x\">n</a> "
	    "<a href=\"" PAGE "javascript:x\">o</a></p>\n");
}
END_TEST

START_TEST(test_raw_html_dropped)
{
	expect_html("<script>alert(1)</script>\n\n<div>hi</div>\n\n"
	    "text <b>bold</b> <!-- c -->\n", 0, "<p>text bold </p>\n");
	ck_assert_ptr_null(strstr(html, "raw HTML omitted"));
	ck_assert_str_eq(summary, "text bold");
}
END_TEST

START_TEST(test_raw_html_kept)
{
	/* <script> and <iframe> go with their content. */
	expect_html("<script>alert(1)</script>\n\n<div>hi</div>\n\n"
	    "text <b>bold</b> <iframe src=x>\n", 1,
	    "\n<div>hi</div>\n<p>text <b>bold</b> </p>\n");
	/* Attributes cut to the allowlist, URLs made absolute or dropped. */
	expect_html("<a href=\"/x\" onclick=\"f()\" style=\"c\">a</a> "
	    "<img src=\"p.png\" onerror=\"f()\" alt=\"A\"> "
	    "<a href=\" JaVa\tScript:f()\">b</a> "
	    "<img src=\"data:image/png;base64,AA\">\n", 1,
	    "<p><a href=\"" BASE "x\">a</a> <img src=\"" PAGE "p.png\" "
	    "alt=\"A\"> <a>b</a> <img src=\"data:image/png;base64,AA\">"
	    "</p>\n");
	/* Dropped with their content, unwrapped, comments gone. */
	expect_html("<div><svg><script>x()</script></svg><form><input>"
	    "</form><font color=red>kept</font><!-- c --></div>\n", 1,
	    "<div>kept</div>\n");
	/* A tag browsers end at '/' is still the element it names (GFM's
	 * tagfilter would miss it). */
	expect_html("<div>a<script/x>alert(1)</script>b</div>\n", 1,
	    "<div>ab</div>\n");
}
END_TEST

/* Render md as a template would have written it: its tags marked. */
static int
render_marked(const char *tmpl, const char *after, int unsafe_html)
{
	struct render_opts	 opts = { BASE, PAGE, unsafe_html, NULL };
	char			 mark[HTMLSAFE_MARK_SIZE], *t, *md;
	int			 rc;

	htmlsafe_new_mark(mark);
	opts.mark = mark;
	t = htmlsafe_mark_template(tmpl, mark);
	md = xasprintf("%s%s", t, after);
	free(html);
	free(summary);
	html = summary = NULL;
	rc = markdown_render("t.md", md, strlen(md), &opts, &html, &summary);
	if (rc == 0)
		ck_assert_ptr_null(strstr(html, mark));
	if (summary != NULL)
		ck_assert_ptr_null(strstr(summary, mark));
	free(md);
	free(t);
	return rc;
}

START_TEST(test_template_html)
{
	/* A template's HTML is kept and its links made absolute; the body's
	 * is dropped. */
	ck_assert_int_eq(render_marked("<div class=\"tip\">\n\nSee "
	    "<a href=\"/notes/\">the notes</a>.\n\n</div>\n",
	    "\n<b>body</b> text\n", 0), 0);
	ck_assert_str_eq(html, "<div class=\"tip\">\n<p>See <a href=\""
	    BASE "notes/\">the notes</a>.</p>\n</div>\n<p>body text</p>\n");
	/* An inline end tag is kept with its start tag. */
	ck_assert_int_eq(render_marked("Hi <span class=\"v\">1.2</span> "
	    "ok", "</span>\n", 0), 0);
	ck_assert_str_eq(html, "<p>Hi <span class=\"v\">1.2</span> ok</p>"
	    "\n");
	/* The allowlist holds for templates too. */
	ck_assert_int_eq(render_marked("<p onclick=\"x\">t<script>x()"
	    "</script><iframe/x></iframe></p>\n", "", 0), 0);
	ck_assert_str_eq(html, "<p>t</p>\n");
	/* A mark shown in code is no mark: the code reads as written. */
	ck_assert_int_eq(render_marked("`<b>x</b>` and\n\n    <i>y</i>\n",
	    "", 0), 0);
	ck_assert_str_eq(html, "<p><code>&lt;b&gt;x&lt;/b&gt;</code> and</p>"
	    "\n<pre><code>&lt;i&gt;y&lt;/i&gt;\n</code></pre>\n");
	ck_assert_str_eq(summary, "<b>x</b> and");
	/* Not tags: autolinks and comparisons stay as they are. */
	ck_assert_int_eq(render_marked("<https://a.example/> a<b\n", "", 0),
	    0);
	ck_assert_str_eq(html, "<p><a href=\"https://a.example/\">"
	    "https://a.example/</a> a&lt;b</p>\n");
}
END_TEST

START_TEST(test_mark_template_text)
{
	char	*t;

	t = htmlsafe_mark_template("<div class=x>\n{inner}\n</div >a<br/>"
	    "<i>x</i> <https://a/> a <b 1<2 </ b> <\\{x}", "rfM");
	ck_assert_str_eq(t, "<div data-rfM=\"\" class=x>\n{inner}\n"
	    "</div ><!--rfM-->a<br data-rfM=\"\"/><i data-rfM=\"\">x</i>"
	    "<!--rfM--> <https://a/> a <b data-rfM=\"\" 1<2 </ b> <\\{x}");
	free(t);
	/* Every copy of the mark goes, whole or cut short. */
	t = htmlsafe_strip_mark("a <b data-rfM=\"\">x</b><!--rfM--> rfM "
	    "v=\"<i data-rfM=", "rfM");
	ck_assert_str_eq(t, "a <b>x</b>  v=\"<i");
	free(t);
	ck_assert_ptr_null(htmlsafe_strip_mark("plain", "rfM"));
	ck_assert_ptr_null(htmlsafe_strip_mark("plain", NULL));
}
END_TEST

START_TEST(test_html_too_deep)
{
	struct buf	b = { 0 };
	int		i;

	/* libxml2 stops past 256 levels: an error, never a cut body. */
	for (i = 0; i < 300; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "x\n");
	support_diag_capture();
	ck_assert_int_eq(render(b.s, 1), -1);
	ck_assert_int_eq(diag_errors(), 1);
	ck_assert_ptr_nonnull(strstr(support_diags(), "t.md: error: HTML "
	    "that libxml2 cannot read in full (elements nest at most 256 "
	    "deep): Excessive depth"));
	support_diag_release();
	buf_free(&b);
	/* 200 levels are fine. */
	b.len = 0;
	for (i = 0; i < 200; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "x\n");
	ck_assert_int_eq(render(b.s, 1), 0);
	ck_assert_ptr_nonnull(strstr(html, "<div>x\n</div></div>"));
	buf_free(&b);
}
END_TEST

START_TEST(test_mark_forged)
{
	/* A body cannot pass its HTML for a template's: a mark it makes up
	 * is not this run's. */
	ck_assert_int_eq(render_marked("", "<b data-rf00>x</b>"
	    "<!--rf00-->\n", 0), 0);
	ck_assert_str_eq(html, "<p>x</p>\n");
}
END_TEST

START_TEST(test_code_literal)
{
	expect_html("```\n[a](/x) {{< y >}} <b>\n```\n\n    ind [b](/c)\n\n"
	    "`[c](/d)`\n", 0,
	    "<pre><code>[a](/x) {{&lt; y &gt;}} &lt;b&gt;\n</code></pre>\n"
	    "<pre><code>ind [b](/c)\n</code></pre>\n"
	    "<p><code>[c](/d)</code></p>\n");
}
END_TEST

START_TEST(test_broken_link)
{
	expect_html("See [labels]((/docs/concepts/) for more.\n", 0,
	    "<p>See [labels]((/docs/concepts/) for more.</p>\n");
	expect_html("[a](/x [b](<y) ![c](\n", 0,
	    "<p>[a](/x [b](&lt;y) ![c](</p>\n");
}
END_TEST

START_TEST(test_summary_more)
{
	expect_summary("# Head\n\nIntro *em* `code`.\n\n<!--more-->\n\nRest.\n",
	    "Head Intro em code.");
	ck_assert_str_eq(html, "<h1>Head</h1>\n<p>Intro <em>em</em> "
	    "<code>code</code>.</p>\n<p>Rest.</p>\n");
	expect_summary("One.\n\nTwo\nlines.\n\n  <!--more-->  \n\nRest.\n",
	    "One. Two lines.");
	expect_summary("Intro  text<!--more-->rest\n", "Intro text");
	expect_summary("- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n"
	    "<!--more-->\n", "a b x y 1 2");
	expect_summary("<!--more-->\n\nRest.\n", NULL);
	/* Comments never reach the feed, raw HTML allowed or not. */
	ck_assert_int_eq(render("A.\n\n<!--more-->\n\nB.\n", 1), 0);
	ck_assert_str_eq(html, "<p>A.</p>\n\n<p>B.</p>\n");
	ck_assert_str_eq(summary, "A.");
	/* Not a marker: other text in the comment. */
	expect_summary("A.\n\n<!--more--> x\n\nB.\n", "A.");
}
END_TEST

START_TEST(test_summary_first_paragraph)
{
	expect_summary("# Title\n\nFirst  para\nline\ttwo.  \nhard.\n\n"
	    "Second.\n", "First para line two. hard.");
	expect_summary("![logo](/l.png)\n\n<img src=x>\n\nReal ![x](y) text.\n",
	    "Real text.");
	expect_summary("> Quoted [link](/x) `c`.\n\nNext.\n", "Quoted link c.");
	expect_summary("# Only a heading\n", NULL);
	expect_summary("", NULL);
	ck_assert_str_eq(html, "");
	expect_summary("  \n\n", NULL);
}
END_TEST

START_TEST(test_summary_not_wanted)
{
	struct render_opts	 opts = { BASE, PAGE, 0, NULL };
	char			*h = NULL;

	ck_assert_int_eq(markdown_render("t.md", "*a*", 3, &opts, &h, NULL),
	    0);
	ck_assert_str_eq(h, "<p><em>a</em></p>\n");
	free(h);
}
END_TEST

START_TEST(test_bytes)
{
	struct render_opts	 opts = { BASE, PAGE, 0, NULL };
	char			*h = NULL, *s = NULL;

	/* NUL and invalid UTF-8 become U+FFFD. */
	ck_assert_int_eq(markdown_render("t.md", "a\0b\xff", 4, &opts, &h,
	    &s), 0);
	ck_assert_str_eq(h, "<p>a\xef\xbf\xbd" "b\xef\xbf\xbd</p>\n");
	ck_assert_str_eq(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	free(h);
	free(s);
	/* Only md[0..len) is read. */
	ck_assert_int_eq(markdown_render("t.md", "ab*c*", 2, &opts, &h, &s),
	    0);
	ck_assert_str_eq(h, "<p>ab</p>\n");
	free(h);
	free(s);
}
END_TEST

START_TEST(test_too_large)
{
	struct render_opts	 opts = { BASE, PAGE, 0, NULL };
	size_t			 n = ((size_t)64 << 20) + 1;
	char			*md, *h = (char *)1, *s = (char *)1;

	md = xmalloc(n);
	memset(md, 'a', n);
	support_diag_capture();
	ck_assert_int_eq(markdown_render("t.md", md, n, &opts, &h, &s), -1);
	ck_assert_ptr_null(h);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(diag_errors(), 1);
	ck_assert_str_eq(support_diags(), "t.md: error: body is 67108865 "
	    "bytes, more than the 67108864 the Markdown renderer accepts\n");
	support_diag_release();
	free(md);
}
END_TEST

/* Expand and render one corpus file: no error, no site-relative URL left,
 * no script. */
static void
render_file(const char *path, const char *rel, const char *data, size_t len,
    void *arg)
{
	struct render_opts	 opts = { BASE, PAGE, 0, NULL };
	const char		*body;
	char			*md, *h, *s;
	size_t			 bodylen, mdlen;
	int			*files = arg, line;

	(void)rel;
	if ((body = support_body(path, data, len, &bodylen, &line)) == NULL)
		return;
	md = shortcode_expand(path, line, body, bodylen, NULL, &mdlen);
	ck_assert_ptr_nonnull(md);
	ck_assert_int_eq(markdown_render(path, md, mdlen, &opts, &h, &s), 0);
	ck_assert_msg(strstr(h, "href=\"/") == NULL &&
	    strstr(h, "src=\"/") == NULL,
	    "%s: a site-relative URL is left", path);
	ck_assert_msg(strstr(h, "<script") == NULL, "%s", path);
	(*files)++;
	free(md);
	free(h);
	free(s);
}

START_TEST(test_corpus)
{
	int	files = 0;

	if (support_walk_corpus(render_file, &files) == -1)
		return;
	ck_assert_int_ge(files, 500);
}
END_TEST

static Suite *
markdown_suite(void)
{
	Suite	*s = suite_create("markdown");
	TCase	*tc = tcase_create("render");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_strikethrough_autolink);
	tcase_add_test(tc, test_site_relative);
	tcase_add_test(tc, test_page_relative);
	tcase_add_test(tc, test_untouched);
	tcase_add_test(tc, test_dangerous_urls);
	tcase_add_test(tc, test_raw_html_dropped);
	tcase_add_test(tc, test_raw_html_kept);
	tcase_add_test(tc, test_template_html);
	tcase_add_test(tc, test_mark_forged);
	tcase_add_test(tc, test_mark_template_text);
	tcase_add_test(tc, test_html_too_deep);
	tcase_add_test(tc, test_code_literal);
	tcase_add_test(tc, test_broken_link);
	tcase_add_test(tc, test_summary_more);
	tcase_add_test(tc, test_summary_first_paragraph);
	tcase_add_test(tc, test_summary_not_wanted);
	tcase_add_test(tc, test_bytes);
	tcase_add_test(tc, test_too_large);
	tcase_add_test(tc, test_corpus);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int	rc = support_run(markdown_suite());

	free(html);
	free(summary);
	return rc;
}
