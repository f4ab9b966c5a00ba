/* test_permalink.c: unit tests for where entries live on the site. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "permalink.h"
#include "support.h"

#define BASE	"https://example.org/site/"

static char *
permalink(const char *relpath, const char *url, const char *slug)
{
	struct entry	e;

	memset(&e, 0, sizeof(e));
	e.relpath = (char *)(uintptr_t)relpath;
	e.url = (char *)(uintptr_t)url;
	e.slug = (char *)(uintptr_t)slug;
	return permalink_make(BASE, NULL, NULL, 0, &e);
}

START_TEST(permalinks)
{
	static const struct {
		const char *relpath, *url, *slug, *want;
	} t[] = {
		{ "releases/1.2.x/announcing-1.2/index.md", NULL, NULL,
		    BASE "releases/1.2.x/announcing-1.2/" },
		{ "releases/1.2.x/announcing-1.2/_index.md", NULL, NULL,
		    BASE "releases/1.2.x/announcing-1.2/" },
		{ "foo.md", NULL, NULL, BASE "foo/" },
		{ "r/1.9.4.md", NULL, NULL, BASE "r/1.9.4/" },
		{ "a/foo.markdown", NULL, NULL, BASE "a/foo/" },
		{ "index.md", NULL, NULL, BASE },
		{ "_index.md", NULL, NULL, BASE },
		{ "a/foo.md", NULL, "bar", BASE "a/bar/" },
		{ "a/b/index.md", NULL, "c", BASE "a/c/" },
		{ "foo.md", NULL, "bar", BASE "bar/" },
		{ "a/foo.md", "/news/x/", NULL, BASE "news/x/" },
		{ "a/foo.md", "/site/news/x/", NULL, BASE "news/x/" },
		{ "a/foo.md", "https://other.example/x", NULL,
		    "https://other.example/x" },
		{ "with space/ü.md", NULL, NULL, BASE "with%20space/%C3%BC/" },
	};
	size_t	i;
	char	*got;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = permalink(t[i].relpath, t[i].url, t[i].slug);
		ck_assert_msg(strcmp(got, t[i].want) == 0, "%s: got %s, want %s",
		    t[i].relpath, got, t[i].want);
		free(got);
	}
}
END_TEST

static const struct config_permalink pats[] = {
	{ (char *)(uintptr_t)"blog", (char *)(uintptr_t)"/blog/:year/:month/:day/:slug/" },
	{ (char *)(uintptr_t)"news", (char *)(uintptr_t)"/:section/:filename/" },
	{ (char *)(uintptr_t)"t", (char *)(uintptr_t)"/t/:title" },
};

static char *
pattern(const char *relpath, const char *slug, const char *title,
    int64_t sec, int off)
{
	struct entry	e;

	memset(&e, 0, sizeof(e));
	e.relpath = (char *)(uintptr_t)relpath;
	e.slug = (char *)(uintptr_t)slug;
	e.title = (char *)(uintptr_t)title;
	e.published.sec = sec;
	e.published.off = off;
	return permalink_make(BASE, NULL, pats, 3, &e);
}

START_TEST(patterns)
{
	char	*got;

	/* 2019-06-18T23:30:00-07:00 is June 19 in UTC: the date as written. */
	got = pattern("blog/2019-06-18-x.md", "x", "X", 1560925800, -420);
	ck_assert_str_eq(got, BASE "blog/2019/06/18/x/");
	free(got);
	got = pattern("blog/post.md", NULL, "Hello, World & Zürich", 0, 0);
	ck_assert_str_eq(got, BASE "blog/1970/01/01/hello-world-z%C3%BCrich/");
	free(got);
	got = pattern("news/releases/announcing-1.2/index.md", NULL, "T", 0, 0);
	ck_assert_str_eq(got, BASE "news/announcing-1.2/");
	free(got);
	got = pattern("news/1.2.3.md", NULL, "T", 0, 0);
	ck_assert_str_eq(got, BASE "news/1.2.3/");
	free(got);
	got = pattern("t/a.md", NULL, "A Title", 0, 0);
	ck_assert_str_eq(got, BASE "t/a-title");
	free(got);
	/* No pattern for the section, or no section: the path. */
	got = pattern("other/foo.md", NULL, "T", 0, 0);
	ck_assert_str_eq(got, BASE "other/foo/");
	free(got);
	got = pattern("blog.md", NULL, "T", 0, 0);
	ck_assert_str_eq(got, BASE "blog/");
	free(got);
	/* Before 1970. */
	got = pattern("blog/old.md", "old", "T", -86400 - 1, 0);
	ck_assert_str_eq(got, BASE "blog/1969/12/30/old/");
	free(got);
}
END_TEST

START_TEST(content_url)
{
	struct entry	e;
	char		*got;

	memset(&e, 0, sizeof(e));
	e.relpath = (char *)(uintptr_t)"releases/1.2.x/announcing-1.2/index.md";
	e.title = (char *)(uintptr_t)"T";
	got = permalink_make(BASE, "https://example.org/site/news/", NULL, 0,
	    &e);
	ck_assert_str_eq(got, BASE "news/releases/1.2.x/announcing-1.2/");
	free(got);
	/* url: and patterns stay site-relative. */
	e.url = (char *)(uintptr_t)"/x/";
	got = permalink_make(BASE, "https://example.org/site/news/", NULL, 0,
	    &e);
	ck_assert_str_eq(got, BASE "x/");
	free(got);
}
END_TEST

START_TEST(check)
{
	ck_assert_int_eq(permalink_check("/blog/:year/:month/:day/:slug/"), 0);
	ck_assert_int_eq(permalink_check("/:section/:filename/:title"), 0);
	ck_assert_int_eq(permalink_check("/x/"), 0);
	ck_assert_int_eq(permalink_check("blog/:slug/"), -1);
	ck_assert_int_eq(permalink_check("/:yearly/"), -1);
	ck_assert_int_eq(permalink_check("/:slugs/"), -1);
	ck_assert_int_eq(permalink_check("/a:b/"), -1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("permalink");
	TCase	*tc = tcase_create("permalink");

	tcase_add_test(tc, permalinks);
	tcase_add_test(tc, patterns);
	tcase_add_test(tc, content_url);
	tcase_add_test(tc, check);
	suite_add_tcase(s, tc);
	return support_run(s);
}
