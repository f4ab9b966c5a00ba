/* test_shortcode.c: unit tests for shortcode_expand, corpus included. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "shortcode.h"
#include "support.h"
#include "util.h"

/* Expand body (starting on file line body_line of "t.md"); the diagnostics
 * are in support_diags(). Returns the output, which the caller frees. */
static char *
run(const char *body, int body_line)
{
	char	*out;
	size_t	 outlen = 12345;

	support_diag_capture();
	out = shortcode_expand("t.md", body_line, body, strlen(body), &outlen);
	if (out != NULL) {
		ck_assert_uint_eq(outlen, strlen(out));
	}
	return out;
}

static void
expect(const char *body, int body_line, const char *want, const char *diags)
{
	char	*out = run(body, body_line);

	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(support_diags(), diags);
	ck_assert_int_eq(diag_errors(), 0);
	free(out);
}

START_TEST(test_no_shortcodes)
{
	expect("", 1, "", "");
	expect("plain *text*\n", 1, "plain *text*\n", "");
	expect("Go {{ .Values.x }} and {{- y -}} stay\n", 1,
	    "Go {{ .Values.x }} and {{- y -}} stay\n", "");
	expect("a {{{ b } {< c\n", 1, "a {{{ b } {< c\n", "");
}
END_TEST

START_TEST(test_unpaired_own_line)
{
	expect("Intro.\n\n{{< relnote >}}\n\nMore.\n", 7,
	    "Intro.\n\n\nMore.\n",
	    "t.md:9:1: warning: shortcode 'relnote' removed (no template "
	    "for it)\n");
	ck_assert_int_eq(diag_warnings(), 1);
	expect("{{< relnote linktonote=\"true\" >}}", 3, "",
	    "t.md:3:1: warning: shortcode 'relnote' removed (no template "
	    "for it)\n");
}
END_TEST

START_TEST(test_unpaired_inline)
{
	expect("Istio {{<istio_release_name>}} is out.\n", 5,
	    "Istio  is out.\n",
	    "t.md:5:7: warning: shortcode 'istio_release_name' removed (no "
	    "template for it)\n");
	expect("[x]({{< github_tree >}}/manifests)\n", 1, "[x](/manifests)\n",
	    "t.md:1:5: warning: shortcode 'github_tree' removed (no "
	    "template for it)\n");
}
END_TEST

START_TEST(test_paired_inline)
{
	expect("into a {{< gloss >}}workload instance{{< /gloss >}} without\n",
	    2, "into a workload instance without\n",
	    "t.md:2:8: warning: shortcode 'gloss' removed, its inner text "
	    "kept\n");
	ck_assert_int_eq(diag_warnings(), 1);
	expect("a {{< gloss >}}b{{</gloss>}} c\n", 1, "a b c\n",
	    "t.md:1:3: warning: shortcode 'gloss' removed, its inner text "
	    "kept\n");
}
END_TEST

START_TEST(test_paired_block)
{
	expect("Before.\n\n{{< tip >}}\nA tip.\n{{< /tip >}}\n\nAfter.\n", 10,
	    "Before.\n\nA tip.\n\nAfter.\n",
	    "t.md:12:1: warning: shortcode 'tip' removed, its inner text "
	    "kept\n");
	expect("{{< text yaml >}}\nkind: X\n  a: b\n{{< /text >}}\n", 1,
	    "kind: X\n  a: b\n",
	    "t.md:1:1: warning: shortcode 'text' removed, its inner text "
	    "kept\n");
}
END_TEST

START_TEST(test_percent_form)
{
	expect("{{% note %}}\n*md* inside\n{{% /note %}}\n", 1, "*md* inside\n",
	    "t.md:1:1: warning: shortcode 'note' removed, its inner text "
	    "kept\n");
	expect("x {{%ref \"a\"%}} y\n", 1, "x  y\n",
	    "t.md:1:3: warning: shortcode 'ref' removed (no template for "
	    "it)\n");
}
END_TEST

START_TEST(test_spacing)
{
	expect("{{<x>}}a{{</x>}}|{{< /y >}}|{{< text plain>}}b{{</ text >}}|"
	    "{{<  z  >}}\n", 1, "a||b|\n",
	    "t.md:1:1: warning: shortcode 'x' removed, its inner text kept\n"
	    "t.md:1:18: warning: closing shortcode '/y' removed (no opening "
	    "tag for it)\n"
	    "t.md:1:29: warning: shortcode 'text' removed, its inner text "
	    "kept\n"
	    "t.md:1:61: warning: shortcode 'z' removed (no template for "
	    "it)\n");
	ck_assert_int_eq(diag_warnings(), 4);
}
END_TEST

START_TEST(test_multiline_tag)
{
	expect("Look:\n\n{{< image width=\"75%\"\n    link=\"./foo.svg\"\n"
	    "    caption=\"A >}} B\"\n    >}}\n\nThen {{< x >}}.\n", 20,
	    "Look:\n\n\nThen .\n",
	    "t.md:22:1: warning: shortcode 'image' removed (no template for "
	    "it)\n"
	    "t.md:27:6: warning: shortcode 'x' removed (no template for "
	    "it)\n");
}
END_TEST

START_TEST(test_quoted_args)
{
	expect("a {{< x t=\"1 >}} 2\" u=\"q\\\"%}}>}}\" >}} b\n", 1, "a  b\n",
	    "t.md:1:3: warning: shortcode 'x' removed (no template for "
	    "it)\n");
	expect("a {{< x `raw >}} \\` >}} b\n", 1, "a  b\n",
	    "t.md:1:3: warning: shortcode 'x' removed (no template for "
	    "it)\n");
	/* '%}}' does not end an angle-bracket tag, nor '>}}' a percent one. */
	expect("{{< x a=%}} >}}y{{% z b=>}} %}}\n", 1, "y\n",
	    "t.md:1:1: warning: shortcode 'x' removed (no template for "
	    "it)\n"
	    "t.md:1:17: warning: shortcode 'z' removed (no template for "
	    "it)\n");
}
END_TEST

START_TEST(test_escaped)
{
	expect("Write {{</* relnote */>}} or {{%/* x a=\"1\" */%}}.\n", 1,
	    "Write {{< relnote >}} or {{% x a=\"1\" %}}.\n", "");
	expect("{{</* tip */>}}\nx\n{{</* /tip */>}}\n", 1,
	    "{{< tip >}}\nx\n{{< /tip >}}\n", "");
	expect("{{< /*x*/ >}}\n", 1, "{{<x>}}\n", "");
	ck_assert_int_eq(diag_warnings(), 0);
}
END_TEST

START_TEST(test_self_closing)
{
	expect("a {{< x />}} b {{< y/>}} c\n", 1, "a  b  c\n",
	    "t.md:1:3: warning: shortcode 'x' removed (no template for "
	    "it)\n"
	    "t.md:1:16: warning: shortcode 'y' removed (no template for "
	    "it)\n");
	/* Self-closing never pairs: the later closing tag is an orphan. */
	expect("{{< x />}}q{{< /x >}}\n", 1, "q\n",
	    "t.md:1:1: warning: shortcode 'x' removed (no template for "
	    "it)\n"
	    "t.md:1:12: warning: closing shortcode '/x' removed (no opening "
	    "tag for it)\n");
}
END_TEST

START_TEST(test_nesting)
{
	expect("{{< tip >}}\nA {{< relnote >}} B\n{{< /tip >}}\n", 1, "A  B\n",
	    "t.md:1:1: warning: shortcode 'tip' removed, its inner text "
	    "kept\n"
	    "t.md:2:3: warning: shortcode 'relnote' removed (no template "
	    "for it)\n");
	expect("{{< tab >}}1{{< tab >}}2{{< /tab >}}3{{< /tab >}}\n", 1,
	    "123\n",
	    "t.md:1:1: warning: shortcode 'tab' removed, its inner text "
	    "kept\n"
	    "t.md:1:13: warning: shortcode 'tab' removed, its inner text "
	    "kept\n");
	ck_assert_int_eq(diag_warnings(), 2);
	/* A closing tag for an outer name leaves the inner open unpaired. */
	expect("{{< a >}}{{< b >}}x{{< /a >}}{{< /b >}}\n", 1, "x\n",
	    "t.md:1:1: warning: shortcode 'a' removed, its inner text kept\n"
	    "t.md:1:10: warning: shortcode 'b' removed (no template for "
	    "it)\n"
	    "t.md:1:30: warning: closing shortcode '/b' removed (no opening "
	    "tag for it)\n");
	expect("{{< a/b >}}x{{< /a/b >}}\n", 1, "x\n",
	    "t.md:1:1: warning: shortcode 'a/b' removed, its inner text "
	    "kept\n");
}
END_TEST

START_TEST(test_lines_removed)
{
	/* An indented tag alone on its line goes with the line: the list
	 * stays one list. */
	expect("1. one\n\n    {{< tabset >}}\n    text\n    {{< /tabset >}}\n\n"
	    "1. two\n", 1, "1. one\n\n    text\n\n1. two\n",
	    "t.md:3:5: warning: shortcode 'tabset' removed, its inner text "
	    "kept\n");
	/* Several tags on one otherwise blank line. */
	expect("a\n {{< x >}} {{< y >}}\t\nb\n", 1, "a\nb\n",
	    "t.md:2:2: warning: shortcode 'x' removed (no template for "
	    "it)\n"
	    "t.md:2:12: warning: shortcode 'y' removed (no template for "
	    "it)\n");
	/* CRLF line ends go with the line too. */
	expect("a\r\n{{< x >}}\r\nb\r\n", 1, "a\r\nb\r\n",
	    "t.md:2:1: warning: shortcode 'x' removed (no template for "
	    "it)\n");
	/* An escaped tag is content: its line stays. */
	expect("{{< x >}} {{</* y */>}}\n", 1, " {{< y >}}\n",
	    "t.md:1:1: warning: shortcode 'x' removed (no template for "
	    "it)\n");
	/* Last line without a newline. */
	expect("a\n{{< x >}}", 1, "a\n",
	    "t.md:2:1: warning: shortcode 'x' removed (no template for "
	    "it)\n");
}
END_TEST

START_TEST(test_empty_name)
{
	expect("a {{< >}} b\n", 1, "a  b\n",
	    "t.md:1:3: warning: shortcode '' removed (no template for it)\n");
}
END_TEST

static void
expect_error(const char *body, int body_line, const char *diags)
{
	char	*out = run(body, body_line);

	ck_assert_ptr_null(out);
	ck_assert_str_eq(support_diags(), diags);
	ck_assert_int_eq(diag_errors(), 1);
}

START_TEST(test_unterminated)
{
	expect_error("a\nb {{< relnote\nmore text\n", 4,
	    "t.md:5:3: error: shortcode \"{{< relnote\" is never closed: "
	    "expected \">}}\"\n");
	expect_error("{{% x a=\"never closed %}}\n", 1,
	    "t.md:1:1: error: shortcode \"{{% x a=\\\"never closed %}}\" is "
	    "never closed: expected \"%}}\"\n");
	expect_error("{{< x a=`raw >}}", 1,
	    "t.md:1:1: error: shortcode \"{{< x a=`raw >}}\" is never "
	    "closed: expected \">}}\"\n");
	expect_error("ok {{< y >}}\n{{</* x >}}\n", 1,
	    "t.md:2:1: error: shortcode \"{{</* x >}}\" is never closed: "
	    "expected \">}}\"\n");
	expect_error("{{<", 1,
	    "t.md:1:1: error: shortcode \"{{<\" is never closed: expected "
	    "\">}}\"\n");
	expect_error("{{< x %}}", 2,
	    "t.md:2:1: error: shortcode \"{{< x %}}\" is never closed: "
	    "expected \">}}\"\n");
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char	 body[] = "a\0{{< x >}}\0b";
	char			*out;
	size_t			 outlen;

	support_diag_capture();
	out = shortcode_expand("t.md", 1, body, sizeof(body) - 1, &outlen);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(outlen, 4);
	ck_assert_mem_eq(out, "a\0\0b", 5);
	free(out);
}
END_TEST

START_TEST(test_many_tags)
{
	struct buf	 b = { 0 };
	char		*out;
	size_t		 outlen, i;

	/* Thousands of unmatched tags stay linear. */
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "{{< a >}}");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "{{< /b >}}");
	support_diag_capture();
	out = shortcode_expand("t.md", 1, b.s, b.len, &outlen);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(diag_warnings(), 200000);
	free(out);
	buf_free(&b);
}
END_TEST

/* The opening tag of a closing one is looked for through 64 open tags. */
START_TEST(test_search_depth)
{
	struct buf	 b = { 0 };
	char		*out;
	size_t		 i;

	buf_adds(&b, "{{< t >}}");
	for (i = 0; i < 63; i++)
		buf_adds(&b, "{{< r >}}");
	buf_adds(&b, "x{{< /t >}}");
	out = run(b.s, 1);
	ck_assert_str_eq(out, "x");
	ck_assert_ptr_nonnull(strstr(support_diags(), "t.md:1:1: warning: "
	    "shortcode 't' removed, its inner text kept\n"));
	free(out);
	buf_free(&b);
	buf_adds(&b, "{{< t >}}");
	for (i = 0; i < 64; i++)
		buf_adds(&b, "{{< r >}}");
	buf_adds(&b, "x{{< /t >}}");
	out = run(b.s, 1);
	ck_assert_str_eq(out, "x");
	ck_assert_ptr_nonnull(strstr(support_diags(), "t.md:1:1: warning: "
	    "shortcode 't' removed (no template for it)\n"));
	ck_assert_ptr_nonnull(strstr(support_diags(), "t.md:1:587: warning: "
	    "closing shortcode '/t' removed (no opening tag for it)\n"));
	free(out);
	buf_free(&b);
}
END_TEST

struct corpus_counts {
	int	files, tags;
};

/* Expand one corpus file's body: no error, and no shortcode left but the
 * escaped ones, which come out as shortcodes. */
static void
expand_file(const char *path, const char *rel, const char *data, size_t len,
    void *arg)
{
	struct corpus_counts	*c = arg;
	const char		*body;
	char			*out;
	size_t			 bodylen, outlen;
	int			 line;

	(void)rel;
	if ((body = support_body(path, data, len, &bodylen, &line)) == NULL)
		return;
	diag_reset();
	out = shortcode_expand(path, line, body, bodylen, &outlen);
	ck_assert_msg(out != NULL, "%s: error", path);
	ck_assert_int_eq(diag_errors(), 0);
	c->tags += diag_warnings();
	ck_assert_msg(support_count(out, "{{<") + support_count(out, "{{%") ==
	    support_count(body, "{{</*") + support_count(body, "{{%/*"),
	    "%s: a shortcode is left", path);
	c->files++;
	free(out);
}

START_TEST(test_corpus)
{
	struct corpus_counts	 c = { 0, 0 };

	if (support_walk_corpus(expand_file, &c) == -1)
		return;
	ck_assert_int_ge(c.files, 500);
	/* relnote alone is used 282 times. */
	ck_assert_int_ge(c.tags, 600);
}
END_TEST

static Suite *
shortcode_suite(void)
{
	Suite	*s = suite_create("shortcode");
	TCase	*tc = tcase_create("expand");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_no_shortcodes);
	tcase_add_test(tc, test_unpaired_own_line);
	tcase_add_test(tc, test_unpaired_inline);
	tcase_add_test(tc, test_paired_inline);
	tcase_add_test(tc, test_paired_block);
	tcase_add_test(tc, test_percent_form);
	tcase_add_test(tc, test_spacing);
	tcase_add_test(tc, test_multiline_tag);
	tcase_add_test(tc, test_quoted_args);
	tcase_add_test(tc, test_escaped);
	tcase_add_test(tc, test_self_closing);
	tcase_add_test(tc, test_nesting);
	tcase_add_test(tc, test_lines_removed);
	tcase_add_test(tc, test_empty_name);
	tcase_add_test(tc, test_unterminated);
	tcase_add_test(tc, test_nul_bytes);
	tcase_add_test(tc, test_many_tags);
	tcase_add_test(tc, test_search_depth);
	tcase_add_test(tc, test_corpus);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(shortcode_suite());
}
