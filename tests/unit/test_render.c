/* test_render.c: unit tests for rendering bodies, in one thread or many. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "render.h"
#include "support.h"
#include "util.h"

#define N	6

static struct entry *
mk(const char *dir, const char *rel)
{
	struct entry	*e = xcalloc(1, sizeof(*e));

	e->path = xasprintf("%s/%s", dir, rel);
	e->relpath = xstrdup(rel);
	e->title = xstrdup(rel);
	e->permalink = xasprintf("https://example.org/%s/", rel);
	return e;
}

static struct build_opts
opts(int jobs)
{
	struct build_opts	o;

	memset(&o, 0, sizeof(o));
	o.cmd = CMD_BUILD;
	o.base_url = "https://example.org/";
	o.title = "T";
	o.jobs = jobs;
	return o;
}

/* Diagnostics with each line's directory taken away: the temporary
 * directory differs from run to run. */
static char *
basenames(const char *d)
{
	struct buf	 b = { 0 };
	const char	*line, *colon, *slash;

	for (line = d; *line != '\0'; line += strcspn(line, "\n") + 1) {
		colon = strchr(line, ':');
		for (slash = colon; slash > line && slash[-1] != '/'; slash--)
			;
		buf_add(&b, slash, strcspn(slash, "\n") + 1);
		if (line[strcspn(line, "\n")] == '\0')
			break;
	}
	return buf_detach(&b);
}

/* Render N entries, one of them bad in the way given, with jobs
 * threads; returns the status and the diagnostics in *diags. */
static int
run(int jobs, const char *bad_body, int remove_bad, char **diags,
    char **html3)
{
	const char		*dir = support_tmpdir("render");
	struct build_opts	 o = opts(jobs);
	struct entry		*v[N];
	char			 rel[32];
	size_t			 i;
	int			 rc;

	for (i = 0; i < N; i++) {
		snprintf(rel, sizeof(rel), "e%zu.md", i);
		support_put(rel, i == 2 && bad_body ? bad_body :
		    "---\ntitle: t\n---\nSee [the notes](/notes/) and "
		    "{{< relnote >}}.\n");
		v[i] = mk(dir, rel);
	}
	if (remove_bad)
		ck_assert_int_eq(remove(v[2]->path), 0);
	support_diag_capture();
	rc = render_finish(render_start(&o, v, N, FORMAT_JSON | FORMAT_RSS));
	*diags = basenames(support_diags());
	*html3 = v[3]->html ? xstrdup(v[3]->html) : NULL;
	/* The XML form is the HTML escaped once, made by the renderer. */
	if (v[3]->html != NULL)
		ck_assert_str_eq(v[3]->html_xml, "&lt;p&gt;See &lt;a href="
		    "&quot;https://example.org/notes/&quot;&gt;the notes&lt;/a"
		    "&gt; and .&lt;/p&gt;\n");
	for (i = 0; i < N; i++)
		entry_free(v[i]);
	support_tmpdir_remove();
	support_diag_release();
	return rc;
}

START_TEST(same_with_any_jobs)
{
	char	*d1, *d3, *h1, *h3;

	ck_assert_int_eq(run(1, NULL, 0, &d1, &h1), 0);
	ck_assert_int_eq(run(3, NULL, 0, &d3, &h3), 0);
	ck_assert_str_eq(h1, "<p>See <a href=\"https://example.org/notes/\">the "
	    "notes</a> and .</p>\n");
	ck_assert_str_eq(h1, h3);
	/* The diagnostics come in entry order whoever rendered them. */
	ck_assert_uint_eq(support_count(d1, "warning: shortcode 'relnote'"), N);
	ck_assert_str_eq(d1, d3);
	ck_assert_int_eq(strncmp(d1, "e0.md:", 6), 0);
	free(d1);
	free(d3);
	free(h1);
	free(h3);
}
END_TEST

START_TEST(content_and_system_errors)
{
	char	*d, *h;
	int	 jobs;

	for (jobs = 1; jobs <= 2; jobs++) {
		ck_assert_int_eq(run(jobs, "---\ntitle: t\n---\nA {{< x\n", 0,
		    &d, &h), EXIT_CONTENT);
		ck_assert_ptr_nonnull(strstr(d, "e2.md:4:3: error: shortcode"));
		ck_assert_ptr_nonnull(h);	/* the others rendered */
		free(d);
		free(h);
		/* The file is gone when it is read again: an I/O error. */
		ck_assert_int_eq(run(jobs, NULL, 1, &d, &h), EXIT_SYSTEM);
		ck_assert_ptr_nonnull(strstr(d, "e2.md: error: cannot open: "
		    "No such file or directory"));
		free(d);
		free(h);
	}
}
END_TEST

/* With renderer threads, an entry can be waited for while the others
 * are still being rendered; only the forms the feeds take are kept. */
START_TEST(wait_for_one)
{
	const char		*dir = support_tmpdir("render-wait");
	struct build_opts	 o = opts(2);
	struct render_job	*job;
	struct entry		*v[N];
	char			 rel[32];
	size_t			 i;

	for (i = 0; i < N; i++) {
		snprintf(rel, sizeof(rel), "w%zu.md", i);
		support_put(rel, "---\ntitle: t\n---\nA & B\n");
		v[i] = mk(dir, rel);
	}
	job = render_start(&o, v, N, FORMAT_ATOM);
	render_wait(job, v[4]);
	ck_assert_ptr_nonnull(v[4]->html_xml);
	ck_assert_str_eq(v[4]->html_xml, "&lt;p&gt;A &amp;amp; B&lt;/p&gt;\n");
	ck_assert_ptr_null(v[4]->html);
	ck_assert_int_eq(render_finish(job), 0);
	for (i = 0; i < N; i++) {
		ck_assert_ptr_nonnull(v[i]->html_xml);
		ck_assert_ptr_null(v[i]->body);
		entry_free(v[i]);
	}
	support_tmpdir_remove();
}
END_TEST

/* Autolinks, strikethrough and tables rendered in several threads at once
 * come out as in one: cmark-gfm's table of inline characters is shared by
 * the whole process (markdown.c takes its inline pass one at a time). */
#define MANY	240

START_TEST(extensions_in_threads)
{
	static const char	 body[] = "---\ntitle: t\n---\n"
	    "See www.example.org/%zu and https://example.org/a/%zu, "
	    "~~old~~ new, a@example.org.\n\n| a | b |\n|---|---|\n"
	    "| %zu | ~~x~~ |\n";
	const char		*dir = support_tmpdir("render-ext");
	struct build_opts	 o;
	struct entry		*v[MANY];
	char			 rel[32], *text, *want;
	size_t			 i;
	int			 jobs;

	for (i = 0; i < MANY; i++) {
		snprintf(rel, sizeof(rel), "x%zu.md", i);
		text = xasprintf(body, i, i, i);
		support_put(rel, text);
		free(text);
	}
	for (jobs = 1; jobs <= 4; jobs += 3) {
		o = opts(jobs);
		for (i = 0; i < MANY; i++) {
			snprintf(rel, sizeof(rel), "x%zu.md", i);
			v[i] = mk(dir, rel);
		}
		ck_assert_int_eq(render_finish(render_start(&o, v, MANY,
		    FORMAT_JSON)), 0);
		for (i = 0; i < MANY; i++) {
			want = xasprintf("<p>See <a href=\"http://www.example."
			    "org/%zu\">www.example.org/%zu</a> and <a href=\""
			    "https://example.org/a/%zu\">https://example.org/a/"
			    "%zu</a>, <del>old</del> new, <a href=\"mailto:a@"
			    "example.org\">a@example.org</a>.</p>\n<table>\n"
			    "<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n"
			    "</thead>\n<tbody>\n<tr>\n<td>%zu</td>\n<td><del>"
			    "x</del></td>\n</tr>\n</tbody>\n</table>\n",
			    i, i, i, i, i);
			ck_assert_str_eq(v[i]->html, want);
			free(want);
			entry_free(v[i]);
		}
	}
	support_tmpdir_remove();
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("render");
	TCase	*tc = tcase_create("render");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, same_with_any_jobs);
	tcase_add_test(tc, content_and_system_errors);
	tcase_add_test(tc, wait_for_one);
	tcase_add_test(tc, extensions_in_threads);
	suite_add_tcase(s, tc);
	return support_run(s);
}
