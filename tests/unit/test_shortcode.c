/* test_shortcode.c: unit tests for shortcode_expand and its templates,
 * corpus included. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "shortcode.h"
#include "support.h"
#include "util.h"

/* Expand body (starting on file line body_line of "t.md") with env; the
 * diagnostics are in support_diags(). Returns the output, which the caller
 * frees. */
static char *
run_env(const char *body, int body_line, const struct shortcode_env *env)
{
	char	*out;
	size_t	 outlen = 12345;

	support_diag_capture();
	out = shortcode_expand("t.md", body_line, body, strlen(body), env,
	    &outlen);
	if (out != NULL) {
		ck_assert_uint_eq(outlen, strlen(out));
	}
	return out;
}

static char *
run(const char *body, int body_line)
{
	return run_env(body, body_line, NULL);
}

static void
expect_env(const struct shortcode_env *env, const char *body, int body_line,
    const char *want, const char *diags)
{
	char	*out = run_env(body, body_line, env);

	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(support_diags(), diags);
	ck_assert_int_eq(diag_errors(), 0);
	free(out);
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
	out = shortcode_expand("t.md", 1, body, sizeof(body) - 1, NULL,
	    &outlen);
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
	out = shortcode_expand("t.md", 1, b.s, b.len, NULL, &outlen);
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

/* Templates. */

static int	lookups;

static const char *
fake_lookup(void *ctx, const char *name)
{
	ck_assert_ptr_eq(ctx, &lookups);
	lookups++;
	if (strcmp(name, "page.release") == 0)
		return "1.20.3";
	if (strcmp(name, "page.release_line") == 0)
		return "1.20";
	if (strcmp(name, "site.title") == 0)
		return "Istio & <Co>";
	if (strcmp(name, "page.off") == 0)
		return "false";
	return NULL;
}

static const struct shortcode_tmpl tmpls[] = {
	{ "p", "[{0}|{1}|{2}|{name}|{page.release}|{site.title}|{page.x}|"
	    "{nope}]" },
	{ "kv", "a={a};b={b};c={c};d={d};e={e};0={0};1={1}" },
	{ "box", "<div class=\"box\">{inner}</div>" },
	{ "sec", "{?a}A{?b}B{/b}{!b}nb{/b}{/a}{!a}na{/a}" },
	{ "lit", "\\{x\\} \\\\ a}b \\q \\{\\{?inner\\}\\}" },
	{ "text", "```{0}\n{inner}\n```" },
	{ "relnote", "[Release notes](/news/releases/{page.release_line}.x/"
	    "announcing-{page.release}/){?linktonote} and [the note]"
	    "(/about/notes/{page.release}/){/linktonote}" },
	{ "tip", "<div class=\"tip\">\n\n{inner}\n\n</div>" },
	{ "none", "{?nope}gone{/nope}" },
	{ "in", "({?inner}has:{inner}{/inner}{!inner}unpaired{/inner})" },
	{ "a/b", "AB" },
};

static const struct shortcode_env env = {
	tmpls, sizeof(tmpls) / sizeof(tmpls[0]), fake_lookup, &lookups
};

START_TEST(test_tmpl_values)
{
	lookups = 0;
	expect_env(&env, "x {{< p a \"b c\" name='v' >}} y\n", 3,
	    "x [a|b c||v|1.20.3|Istio &amp; &lt;Co&gt;||] y\n", "");
	ck_assert_int_eq(lookups, 3);
	/* Arguments are escaped, inner is not. */
	expect_env(&env, "{{< p \"<b>&'\" x\"y >}}\n", 1,
	    "[&lt;b&gt;&amp;&#39;|x&quot;y|||1.20.3|"
	    "Istio &amp; &lt;Co&gt;||]\n",
	    "");
	expect_env(&env, "{{< box >}}<b>x & y</b>{{< /box >}}", 1,
	    "<div class=\"box\"><b>x & y</b></div>", "");
	/* No lookup: page and site values are unknown. */
	{
		struct shortcode_env e2 = env;

		e2.lookup = NULL;
		expect_env(&e2, "{{< p >}}", 1, "[|||||||]", "");
	}
	/* A template-less shortcode beside templated ones warns as before. */
	expect_env(&env, "{{< a/b >}} {{< q >}}\n", 1, "AB \n",
	    "t.md:1:13: warning: shortcode 'q' removed (no template for "
	    "it)\n");
}
END_TEST

START_TEST(test_tmpl_args)
{
	expect_env(&env, "{{< kv a=\"v \\\"q\\\" >}}\" b='it\\'s %}}' "
	    "c=`raw \\\" >}}` d=bare e= pos >}}", 1,
	    "a=v &quot;q&quot; &gt;}};b=it&#39;s %}};c=raw \\&quot; &gt;}};"
	    "d=bare;e=;0=pos;1=", "");
	/* Positional and named mixed: positional ones numbered in order. */
	expect_env(&env, "{{< kv one a=1 \"t w o\" b=2 `3` >}}", 1,
	    "a=1;b=2;c=;d=;e=;0=one;1=t w o", "");
	/* The first of a repeated key wins; \\ is a backslash. */
	expect_env(&env, "{{< kv a=1 a=2 b=\"x\\\\y\" c=\"\\n\" >}}", 1,
	    "a=1;b=x\\y;c=\\n;d=;e=;0=;1=", "");
	/* Percent form, self-closing, arguments spanning lines. */
	expect_env(&env, "{{% kv a=1 %}}|{{< kv b=2 />}}|{{< kv\n  c=3\n"
	    "  d='4\n5' >}}", 1,
	    "a=1;b=;c=;d=;e=;0=;1=|a=;b=2;c=;d=;e=;0=;1=|"
	    "a=;b=;c=3;d=4\n5;e=;0=;1=", "");
	/* An apostrophe inside a bare word is no quote. */
	expect_env(&env, "{{< kv don't a=b'c >}}", 1,
	    "a=b&#39;c;b=;c=;d=;e=;0=don&#39;t;1=", "");
}
END_TEST

START_TEST(test_tmpl_sections)
{
	expect_env(&env, "{{< sec a=1 b=1 >}}|{{< sec a=1 >}}|"
	    "{{< sec a=false b=1 >}}|{{< sec a=\"\" >}}|{{< sec >}}|"
	    "{{< sec a=true b=false >}}|{{< sec a=False >}}", 1,
	    "AB|Anb|na|na|na|Anb|Anb", "");
	/* Lookups and inner drive sections too. */
	expect_env(&env, "{{< in >}}|{{< in >}}x{{< /in >}}|"
	    "{{< in >}}{{< /in >}}", 1,
	    "(unpaired)|(has:x)|(unpaired)", "");
	expect_env(&env, "{{< none >}}", 1, "", "");
}
END_TEST

START_TEST(test_tmpl_escapes)
{
	expect_env(&env, "{{< lit >}}", 1, "{x} \\ a}b \\q {{?inner}}", "");
}
END_TEST

START_TEST(test_tmpl_inner_nested)
{
	lookups = 0;
	expect_env(&env, "{{< box >}}see {{< relnote >}} and {{< gloss >}}"
	    "it{{< /gloss >}} {{</* box */>}}{{< /box >}}\n", 4,
	    "<div class=\"box\">see [Release notes](/news/releases/1.20.x/"
	    "announcing-1.20.3/) and it {{< box >}}</div>\n",
	    "t.md:4:36: warning: shortcode 'gloss' removed, its inner text "
	    "kept\n");
	ck_assert_int_eq(lookups, 2);
	/* The same name nested in itself. */
	expect_env(&env, "{{< box >}}a{{< box >}}b{{< /box >}}c{{< /box >}}",
	    1, "<div class=\"box\">a<div class=\"box\">b</div>c</div>", "");
	/* A closing tag with no opening one warns even with a template. */
	expect_env(&env, "x{{< /box >}}", 1, "x",
	    "t.md:1:2: warning: closing shortcode '/box' removed (no opening "
	    "tag for it)\n");
	/* An unpaired tag with a template: no inner. */
	expect_env(&env, "{{< in >}} {{< in />}}", 1,
	    "(unpaired) (unpaired)", "");
}
END_TEST

START_TEST(test_tmpl_text_fence)
{
	expect_env(&env, "Run:\n\n{{< text bash >}}\n$ ls\n{{< /text >}}\n\n"
	    "Done.\n", 1, "Run:\n\n```bash\n$ ls\n```\n\nDone.\n", "");
	/* Inside a list item: the fence keeps the tag's indentation. */
	expect_env(&env, "1. Edit:\n\n    {{< text yaml >}}\n    a:\n"
	    "      b: c\n    {{< /text >}}\n\n1. Next\n", 1,
	    "1. Edit:\n\n    ```yaml\n    a:\n      b: c\n    ```\n\n"
	    "1. Next\n", "");
	/* CRLF lines; an empty block. */
	expect_env(&env, "{{< text sh >}}\r\nx\r\n{{< /text >}}\r\n", 1,
	    "```sh\nx\n```\r\n", "");
	expect_env(&env, "{{< text >}}\n{{< /text >}}\n", 1, "```\n\n```\n",
	    "");
	expect_env(&env, "{{< text >}}\n \t{{< /text >}}\n", 1,
	    "```\n\n```\n", "");
	expect_env(&env, "{{< text >}}  {{< /text >}}\n", 1, "```\n  \n```\n",
	    "");
	/* Inner text on the tags' lines is kept whole. */
	expect_env(&env, "{{< text c >}} x\ny {{< /text >}}", 1,
	    "```c\n x\ny \n```", "");
	/* A nested templated shortcode in a block is reindented once. */
	expect_env(&env, "  {{< tip >}}\n  {{< text go >}}\n  f()\n"
	    "  {{< /text >}}\n  {{< /tip >}}\n", 1,
	    "  <div class=\"tip\">\n\n  ```go\n  f()\n  ```\n\n  </div>\n", "");
}
END_TEST

START_TEST(test_tmpl_relnote)
{
	expect_env(&env, "Intro.\n\n{{< relnote >}}\n\nMore.\n", 7,
	    "Intro.\n\n[Release notes](/news/releases/1.20.x/"
	    "announcing-1.20.3/)\n\nMore.\n", "");
	expect_env(&env, "{{< relnote linktonote=\"true\" >}}\n", 1,
	    "[Release notes](/news/releases/1.20.x/announcing-1.20.3/) and "
	    "[the note](/about/notes/1.20.3/)\n", "");
	expect_env(&env, "{{< relnote linktonote=\"false\" >}}\n", 1,
	    "[Release notes](/news/releases/1.20.x/announcing-1.20.3/)\n", "");
}
END_TEST

START_TEST(test_tmpl_lines)
{
	/* A template writing nothing alone on its line takes the line. */
	expect_env(&env, "1. a\n   {{< none >}}\n1. b\n", 1,
	    "1. a\n1. b\n", "");
	/* Inline: replaced where it stands. */
	expect_env(&env, "a {{< none >}}b {{< a/b >}}\n", 1, "a b AB\n", "");
	/* Beside a removed tag on one line. */
	expect_env(&env, "{{< q >}}{{< a/b >}}\n{{< q >}} {{< none >}}\nz\n", 1,
	    "AB\nz\n",
	    "t.md:1:1: warning: shortcode 'q' removed (no template for "
	    "it)\n"
	    "t.md:2:1: warning: shortcode 'q' removed (no template for "
	    "it)\n");
	/* Block output after a paragraph line stays on its own lines. */
	expect_env(&env, "Text\n{{< tip >}}\nbody\n{{< /tip >}}\nafter\n", 1,
	    "Text\n<div class=\"tip\">\n\nbody\n\n</div>\nafter\n", "");
}
END_TEST

START_TEST(test_tmpl_nul_inner)
{
	static const char	 body[] = "{{< box >}}a\0b{{< /box >}}";
	static const char	 want[] = "<div class=\"box\">a\0b</div>";
	char			*out;
	size_t			 outlen;

	out = shortcode_expand("t.md", 1, body, sizeof(body) - 1, &env,
	    &outlen);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(outlen, sizeof(want) - 1);
	ck_assert_mem_eq(out, want, sizeof(want));
	free(out);
}
END_TEST

static void
expect_check(const char *text, int rc, const char *diags)
{
	support_diag_capture();
	ck_assert_int_eq(shortcode_check_template("c.yml", 12, 9, text), rc);
	ck_assert_str_eq(support_diags(), diags);
	ck_assert_int_eq(diag_errors(), rc == 0 ? 0 : 1);
}

START_TEST(test_check_template)
{
	size_t	i;

	for (i = 0; i < sizeof(tmpls) / sizeof(tmpls[0]); i++)
		expect_check(tmpls[i].text, 0, "");
	expect_check("", 0, "");
	expect_check("{?a}{!b}{?a}x{/a}{/b}{/a}", 0, "");
	expect_check("a {?linktonote}b", -1,
	    "c.yml:12:9: error: shortcode template: section \"{?linktonote}\" "
	    "is never closed: expected \"{/linktonote}\"\n");
	expect_check("{?a}{!b}{/b}", -1,
	    "c.yml:12:9: error: shortcode template: section \"{?a}\" is never "
	    "closed: expected \"{/a}\"\n");
	expect_check("{?a}{!b}x{/a}{/b}", -1,
	    "c.yml:12:9: error: shortcode template: \"{/a}\" does not close "
	    "\"{!b}\": expected \"{/b}\"\n");
	expect_check("x{/a}", -1,
	    "c.yml:12:9: error: shortcode template: \"{/a}\" closes no "
	    "section\n");
	expect_check("see {page.release", -1,
	    "c.yml:12:9: error: shortcode template: \"{page.release\" is never "
	    "closed: expected \"}\"\n");
	expect_check("{", -1,
	    "c.yml:12:9: error: shortcode template: \"{\" is never closed: "
	    "expected \"}\"\n");
	expect_check("a {} b", -1,
	    "c.yml:12:9: error: shortcode template: \"{}\": expected a name "
	    "(letters, digits, '_', '-', '.') and \"}\"; write \\{ for a "
	    "literal '{'\n");
	expect_check("{{ .Inner }}", -1,
	    "c.yml:12:9: error: shortcode template: \"{{\": expected a name "
	    "(letters, digits, '_', '-', '.') and \"}\"; write \\{ for a "
	    "literal '{'\n");
	expect_check("{?a b}", -1,
	    "c.yml:12:9: error: shortcode template: \"{?a \": expected a name "
	    "(letters, digits, '_', '-', '.') and \"}\"; write \\{ for a "
	    "literal '{'\n");
	expect_check("{/}", -1,
	    "c.yml:12:9: error: shortcode template: \"{/}\": expected a name "
	    "(letters, digits, '_', '-', '.') and \"}\"; write \\{ for a "
	    "literal '{'\n");
	expect_check("\\{ok\\} \\", 0, "");
}
END_TEST

/* A template never checked fails where it is used. */
START_TEST(test_tmpl_bad_at_expand)
{
	static const struct shortcode_tmpl	 bad[] = { { "x", "{?a}" } };
	struct shortcode_env			 e = { bad, 1, NULL, NULL };
	char					*out;

	out = run_env("ok\n  {{< x >}}\n", 3, &e);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(support_diags(), "t.md:4:3: error: shortcode 'x': bad "
	    "template: section \"{?a}\" is never closed: expected \"{/a}\"\n");
	/* Inside another templated shortcode. */
	out = run_env("{{< box >}}{{< x >}}{{< /box >}}", 1, &e);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_tmpl_depth)
{
	struct buf	 b = { 0 };
	char		*out;
	size_t		 i;

	for (i = 0; i < 17; i++)
		buf_adds(&b, "{{< in >}}");
	buf_adds(&b, "x");
	for (i = 0; i < 17; i++)
		buf_adds(&b, "{{< /in >}}");
	out = run_env(b.s, 1, &env);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(support_diags(), "t.md:1:161: error: shortcodes with "
	    "templates nested more than 16 deep\n");
	buf_free(&b);
	for (i = 0; i < 16; i++)
		buf_adds(&b, "{{< in >}}");
	buf_adds(&b, "x");
	for (i = 0; i < 16; i++)
		buf_adds(&b, "{{< /in >}}");
	out = run_env(b.s, 1, &env);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(strlen(out), 16 * strlen("(has:") + 1 + 16);
	free(out);
	buf_free(&b);
}
END_TEST

struct corpus_counts {
	const struct shortcode_env	*env;
	int				 files, tags;
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
	out = shortcode_expand(path, line, body, bodylen, c->env, &outlen);
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
	struct corpus_counts	 c = { NULL, 0, 0 };

	if (support_walk_corpus(expand_file, &c) == -1)
		return;
	ck_assert_int_ge(c.files, 500);
	/* relnote alone is used 282 times. */
	ck_assert_int_ge(c.tags, 600);
}
END_TEST

/* The corpus with templates for its commonest shortcodes. */
START_TEST(test_corpus_tmpl)
{
	struct corpus_counts	 plain = { NULL, 0, 0 }, c = { &env, 0, 0 };

	if (support_walk_corpus(expand_file, &plain) == -1 ||
	    support_walk_corpus(expand_file, &c) == -1)
		return;
	ck_assert_int_eq(c.files, plain.files);
	/* relnote, text and tip have templates now: 584 warnings fewer. */
	ck_assert_int_ge(plain.tags - c.tags, 580);
}
END_TEST

START_TEST(test_tmpl_many)
{
	struct buf	 b = { 0 }, want = { 0 };
	char		*out;
	size_t		 i;

	/* One long line of pairs holding tags stays linear. */
	for (i = 0; i < 50000; i++) {
		buf_adds(&b, "{{< box >}}{{< a/b >}}{{< /box >}}");
		buf_adds(&want, "<div class=\"box\">AB</div>");
	}
	out = run_env(b.s, 1, &env);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, want.s);
	free(out);
	buf_free(&b);
	buf_free(&want);
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
	tcase_add_test(tc, test_tmpl_values);
	tcase_add_test(tc, test_tmpl_args);
	tcase_add_test(tc, test_tmpl_sections);
	tcase_add_test(tc, test_tmpl_escapes);
	tcase_add_test(tc, test_tmpl_inner_nested);
	tcase_add_test(tc, test_tmpl_text_fence);
	tcase_add_test(tc, test_tmpl_relnote);
	tcase_add_test(tc, test_tmpl_lines);
	tcase_add_test(tc, test_tmpl_nul_inner);
	tcase_add_test(tc, test_check_template);
	tcase_add_test(tc, test_tmpl_bad_at_expand);
	tcase_add_test(tc, test_tmpl_depth);
	tcase_add_test(tc, test_tmpl_many);
	tcase_add_test(tc, test_corpus_tmpl);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(shortcode_suite());
}
