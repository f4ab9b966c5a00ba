/* test_scaffold.c: unit tests for the placeholders of `relfeed new`, the
 * paths they may make, and what is learned from an existing site. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "scaffold.h"
#include "support.h"
#include "version.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* 2024-05-31T23:30:00Z: already June 1 at +02:00. */
#define NOW	1717198200

static char *
expand(const char *text, const char *version, int off)
{
	struct scaffold_vars	 v;
	char			*s;

	scaffold_vars_init(&v, version, NOW, off);
	s = scaffold_expand(text, &v);
	scaffold_vars_clear(&v);
	return s;
}

static const struct {
	const char	*text, *version;
	int		 off;
	const char	*want;
} expansions[] = {
	{ "releases/{version}/index.md", "1.24.2", 0,
	  "releases/1.24.2/index.md" },
	{ "news/releases/{line}.x/announcing-{version}/index.md", "1.24.2", 0,
	  "news/releases/1.24.x/announcing-1.24.2/index.md" },
	{ "{major}-{minor}-{patch}", "1.24.2", 0, "1-24-2" },
	{ "{major}-{minor}-{patch} {line}", "2", 0, "2-0-0 2" },
	{ "{line} {major}.{minor}.{patch}", "v1.2.3-rc.1", 0, "1.2 1.2.3" },
	{ "{slug}", "V1.2.3-RC.1", 0, "v1-2-3-rc-1" },
	{ "{year}/{month}/{day} {date}", "1.0", 0,
	  "2024/05/31 2024-05-31T23:30:00Z" },
	{ "{year}/{month}/{day} {date}", "1.0", 120,
	  "2024/06/01 2024-06-01T01:30:00+02:00" },
	{ "{date}", "1.0", -420, "2024-05-31T16:30:00-07:00" },
	/* Only the placeholders are replaced: Hugo's shortcodes, unknown
	 * words and unclosed braces stay as written. */
	{ "{{< relnote >}} {{version}} {inner} {version", "1.0", 0,
	  "{{< relnote >}} {1.0} {inner} {version" },
	{ "", "1.0", 0, "" },
};

START_TEST(test_expand)
{
	char	*s = expand(expansions[_i].text, expansions[_i].version,
	    expansions[_i].off);

	ck_assert_str_eq(s, expansions[_i].want);
	free(s);
}
END_TEST

START_TEST(test_check_placeholders)
{
	size_t	col = 99;

	ck_assert_int_eq(scaffold_check_placeholders("{version} {line} "
	    "{major}{minor}{patch}{year}{month}{day}{date}{slug}", &col), 0);
	ck_assert_int_eq(scaffold_check_placeholders("{{< tip >}} {} {A} "
	    "{1.2} { version }", &col), 0);
	ck_assert_int_eq(scaffold_check_placeholders("a/{verison}/b", &col),
	    -1);
	ck_assert_uint_eq(col, 2);
	ck_assert_int_eq(scaffold_check_placeholders("{line}{tag}", &col), -1);
	ck_assert_uint_eq(col, 6);
}
END_TEST

static const struct {
	const char	*path;
	int		 ok;
} paths[] = {
	{ "releases/{version}/index.md", 0 },
	{ "1.2.md", 0 },
	{ "a/b/_index.markdown", 0 },
	{ "/etc/x.md", -1 },
	{ "../x.md", -1 },
	{ "a/../x.md", -1 },
	{ "a/./x.md", -1 },
	{ "a//x.md", -1 },
	{ "a/.hidden/x.md", -1 },
	{ ".md", -1 },
	{ "a/x.txt", -1 },
	{ "a/x.md/", -1 },
	{ "", -1 },
};

START_TEST(test_check_path)
{
	ck_assert_int_eq(scaffold_check_path(paths[_i].path), paths[_i].ok);
}
END_TEST

static const struct {
	const char	*text, *old, *want;
} generalized[] = {
	{ "news/releases/1.19.x/announcing-1.19.3/index.md", "1.19.3",
	  "news/releases/{line}.x/announcing-{version}/index.md" },
	/* A major release "1.19.0" lives in a directory named by its line. */
	{ "releases/1.19.x/announcing-1.19/_index.md", "1.19.0",
	  "releases/{line}.x/announcing-{line}/_index.md" },
	/* ... or "1.11" is the release and the line at once. */
	{ "releases/1.11.x/announcing-1.11/_index.md", "1.11",
	  "releases/{line}.x/announcing-{version}/_index.md" },
	{ "title: Announcing Istio 1.19.3\n", "1.19.3",
	  "title: Announcing Istio {version}\n" },
	/* Other numbers stay: 1.19.30, 11.19.3, 1.19 in 1.19.2. */
	{ "1.19.30 11.19.3 21.19 1.19.2 1.193", "1.19.3",
	  "1.19.30 11.19.3 21.19 1.19.2 1.193" },
	{ "v1.2.3 (1.2)", "v1.2.3", "{version} ({line})" },
	{ "no version here", "1.0", "no version here" },
};

START_TEST(test_generalize)
{
	char	*s = scaffold_generalize(generalized[_i].text,
	    generalized[_i].old);

	ck_assert_str_eq(s, generalized[_i].want);
	free(s);
}
END_TEST

START_TEST(test_version_is_valid)
{
	static const char *const good[] = { "1", "1.24", "1.24.2", "v1.2",
	    "V1.2.3", "1.0.0-rc.1", "1.0.0-alpha-2", "01.2" };
	static const char *const bad[] = { "", "v", "1.", ".1", "1..2",
	    "1.x", "1.2-", "1.2-rc..1", "1.2-rc.", "1.2-rc/1", "../1",
	    "1.2 ", "latest",
	    "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26" };
	size_t	i;

	for (i = 0; i < N(good); i++)
		ck_assert_msg(version_is_valid(good[i]), "%s", good[i]);
	for (i = 0; i < N(bad); i++)
		ck_assert_msg(!version_is_valid(bad[i]), "%s", bad[i]);
}
END_TEST

/* The newest announcement of the new release's kind gives the shape. */
START_TEST(test_derive)
{
	const char	*dir = support_tmpdir("scaffold");
	char		*path, *tmpl, *from;

	support_put("rel/1.1.x/v-1.1.1.md", "---\ntitle: Widget 1.1.1\n"
	    "date: 2024-03-01\nrelease: 1.1.1\nlastmod: 2024-03-02\n"
	    "tags: [widget]\n---\nbody\n");
	support_put("rel/1.2.x/v-1.2.md", "---\ntitle: Widget 1.2\n"
	    "date: 2024-04-01\nrelease: \"1.2\"\nlinktitle: \"1.2\"\n"
	    "draft: false\n---\nbody\n");
	support_put("blog/post.md", "---\ntitle: Not a release\n"
	    "date: 2025-01-01\n---\n");
	support_put("broken.md", "---\ntitle: [\n---\n");
	ck_assert_int_eq(scaffold_derive(dir, "1.2.1", NULL, 0, &path, &tmpl,
	    &from), 0);
	ck_assert_str_eq(path, "rel/{line}.x/v-{version}.md");
	ck_assert_str_eq(tmpl, "---\ntitle: Widget {version}\ndate: {date}\n"
	    "release: {version}\ntags: [widget]\ndraft: true\n---\n\n");
	ck_assert_ptr_nonnull(strstr(from, "rel/1.1.x/v-1.1.1.md"));
	free(path);
	free(tmpl);
	free(from);
	ck_assert_int_eq(scaffold_derive(dir, "1.3", NULL, 0, &path, &tmpl,
	    &from), 0);
	ck_assert_str_eq(path, "rel/{line}.x/v-{version}.md");
	ck_assert_str_eq(tmpl, "---\ntitle: Widget {version}\ndate: {date}\n"
	    "release: \"{version}\"\nlinktitle: \"{version}\"\n"
	    "draft: true\n---\n\n");
	free(path);
	free(tmpl);
	free(from);
	support_tmpdir_remove();
}
END_TEST

/* Nothing to learn from: the built-in shape, with the site's date key. */
START_TEST(test_derive_default)
{
	const char	*dir = support_tmpdir("scaffold");
	struct strlist	 keys = { 0 };
	char		*path, *tmpl, *from, *missing;

	support_put("about.md", "---\ntitle: About\n---\n");
	ck_assert_int_eq(scaffold_derive(dir, "2.0", NULL, 0, &path, &tmpl,
	    &from), 0);
	ck_assert_str_eq(path, "{version}.md");
	ck_assert_str_eq(tmpl, "---\ntitle: Release {version}\n"
	    "publishdate: {date}\nrelease: {version}\ndraft: true\n---\n\n");
	ck_assert_ptr_null(from);
	free(path);
	free(tmpl);
	strlist_push(&keys, ":filename");
	strlist_push(&keys, "pubDate");
	missing = malloc(strlen(dir) + 10);
	ck_assert_ptr_nonnull(missing);
	strcpy(missing, dir);
	strcat(missing, "/missing");
	ck_assert_int_eq(scaffold_derive(missing, "2.0", &keys, 0, &path,
	    &tmpl, &from), 0);
	ck_assert_ptr_nonnull(strstr(tmpl, "\npubDate: {date}\n"));
	free(path);
	free(tmpl);
	free(missing);
	strlist_clear(&keys);
	support_tmpdir_remove();
}
END_TEST

/* The new: mapping of relfeed.yaml, and its mistakes at their places. */
START_TEST(test_config_new)
{
	static const struct {
		const char	*yaml, *diag;
	} bad[] = {
		{ "new: x\n", "relfeed.yaml:1:6: error: 'new' must be a mapping "
		  "with path and template, not a scalar\n" },
		{ "new:\n  paht: x.md\n", "relfeed.yaml:2:3: error: unknown "
		  "key 'paht' in 'new' (expected path, template)\n" },
		{ "new:\n  path: a/{verison}.md\n", "relfeed.yaml:2:9: error: "
		  "'new.path': unknown placeholder \"{verison}\" (expected "
		  "{version}, {line}, {major}, {minor}, {patch}, {year}, "
		  "{month}, {day}, {date}, {slug})\n" },
		{ "new:\n  path: ../{version}.md\n", "relfeed.yaml:2:9: error: "
		  "'new.path' \"../{version}.md\": expected a relative path "
		  "below the content directory, without '..' or hidden names, "
		  "ending in .md or .markdown, such as releases/{version}.md\n" },
		{ "new:\n  template: [a]\n", "relfeed.yaml:2:13: error: "
		  "'new.template' must be a single value, not a list\n" },
	};
	struct config	*c;
	const char	*ok = "new:\n  path: r/{line}/{version}.md\n"
	    "  template: |\n    ---\n    title: R {version}\n    ---\n";
	size_t		 i;

	support_diag_capture();
	c = config_parse("relfeed.yaml", "/site", ok, strlen(ok));
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->new_path, "r/{line}/{version}.md");
	ck_assert_str_eq(c->new_template, "---\ntitle: R {version}\n---\n");
	config_free(c);
	for (i = 0; i < N(bad); i++) {
		support_diag_capture();
		c = config_parse("relfeed.yaml", "/site", bad[i].yaml,
		    strlen(bad[i].yaml));
		ck_assert_ptr_null(c);
		ck_assert_str_eq(support_diags(), bad[i].diag);
	}
	support_diag_release();
}
END_TEST

static Suite *
scaffold_suite(void)
{
	Suite	*s = suite_create("scaffold");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_expand, 0, (int)N(expansions));
	tcase_add_test(tc, test_check_placeholders);
	tcase_add_loop_test(tc, test_check_path, 0, (int)N(paths));
	tcase_add_loop_test(tc, test_generalize, 0, (int)N(generalized));
	tcase_add_test(tc, test_version_is_valid);
	tcase_add_test(tc, test_derive);
	tcase_add_test(tc, test_derive_default);
	tcase_add_test(tc, test_config_new);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(scaffold_suite());
}
