/* test_url.c: unit tests for resolving links against the site root and page. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "url.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

#define ISTIO	"https://istio.io/latest/"
#define ISTIO_NS "https://istio.io/latest"
#define PAGE	"https://istio.io/latest/news/releases/1.2.x/announcing-1.2/"
#define RFC	"http://a/b/c/d;p?q"

struct rcase {
	const char	*base;
	const char	*page;
	const char	*ref;
	const char	*want;
};

static const struct rcase rcases[] = {
	/* Site-relative: base + path, never a doubled base. */
	{ ISTIO, PAGE, "/docs/x", "https://istio.io/latest/docs/x" },
	{ ISTIO, PAGE, "/latest/docs/x", "https://istio.io/latest/docs/x" },
	{ ISTIO, PAGE, "/latest/", "https://istio.io/latest/" },
	{ ISTIO, PAGE, "/latest", "https://istio.io/latest" },
	{ ISTIO, PAGE, "/latestnews/x",
	    "https://istio.io/latest/latestnews/x" },
	{ ISTIO, PAGE, "/", "https://istio.io/latest/" },
	{ ISTIO, PAGE, "/docs/x?q=1#f",
	    "https://istio.io/latest/docs/x?q=1#f" },
	{ ISTIO, PAGE, "/docs/x#f", "https://istio.io/latest/docs/x#f" },
	{ ISTIO, PAGE, "/?q", "https://istio.io/latest/?q" },
	{ ISTIO, PAGE, "/docs//x", "https://istio.io/latest/docs/x" },
	{ ISTIO, PAGE, "/docs/./a/../x", "https://istio.io/latest/docs/x" },
	{ ISTIO, PAGE, "/../x", "https://istio.io/latest/x" },
	{ ISTIO, PAGE, "/../../..", "https://istio.io/latest/" },
	{ ISTIO, PAGE, "/docs/x?a=//b",
	    "https://istio.io/latest/docs/x?a=//b" },
	/* The same with the base written without its trailing slash. */
	{ ISTIO_NS, PAGE, "/docs/x", "https://istio.io/latest/docs/x" },
	{ ISTIO_NS, PAGE, "/latest/docs/x", "https://istio.io/latest/docs/x" },
	{ ISTIO_NS, PAGE, "/", "https://istio.io/latest/" },
	{ ISTIO_NS, PAGE, "change-notes", PAGE "change-notes" },
	/* A base without a path. */
	{ "https://example.org", "https://example.org/a/", "/docs/x",
	    "https://example.org/docs/x" },
	{ "https://example.org/", "https://example.org/a/", "/docs/x",
	    "https://example.org/docs/x" },
	{ "https://example.org", "https://example.org/a/", "/",
	    "https://example.org/" },
	{ "https://example.org", "https://example.org", "x",
	    "https://example.org/x" },
	{ "https://example.org", "https://example.org", "?q",
	    "https://example.org/?q" },
	{ "https://example.org:8443/", "https://example.org:8443/a/", "/b",
	    "https://example.org:8443/b" },
	/* Page-relative. */
	{ ISTIO, PAGE, "./change-notes", PAGE "change-notes" },
	{ ISTIO, PAGE, "change-notes", PAGE "change-notes" },
	{ ISTIO, PAGE, "change-notes/", PAGE "change-notes/" },
	{ ISTIO, PAGE, "img/a.png", PAGE "img/a.png" },
	{ ISTIO, PAGE, ".", PAGE },
	{ ISTIO, PAGE, "./", PAGE },
	{ ISTIO, PAGE, "../", "https://istio.io/latest/news/releases/1.2.x/" },
	{ ISTIO, PAGE, "..", "https://istio.io/latest/news/releases/1.2.x/" },
	{ ISTIO, PAGE, "../../x", "https://istio.io/latest/news/releases/x" },
	{ ISTIO, PAGE, "../../../../x", "https://istio.io/latest/x" },
	{ ISTIO, PAGE, "../../../../../x", "https://istio.io/x" },
	{ ISTIO, PAGE, "../../../../../../../../x", "https://istio.io/x" },
	{ ISTIO, PAGE, "../../../../../../../..", "https://istio.io/" },
	{ ISTIO, PAGE, "?q=1", PAGE "?q=1" },
	{ ISTIO, PAGE, "?q=1#f", PAGE "?q=1#f" },
	{ ISTIO, PAGE, "a//b", PAGE "a/b" },
	{ ISTIO, "https://istio.io/latest/a/b?x=1#y", "c",
	    "https://istio.io/latest/a/c" },
	{ ISTIO, "https://istio.io/latest/a/b?x=1#y", "?q",
	    "https://istio.io/latest/a/b?q" },
	{ ISTIO, "https://istio.io/latest/news/foo", "bar",
	    "https://istio.io/latest/news/bar" },
	{ ISTIO, "https://x/a//b/", "c", "https://x/a/b/c" },
	/* No page: against the base. */
	{ ISTIO, NULL, "x", "https://istio.io/latest/x" },
	{ ISTIO, NULL, "../x", "https://istio.io/x" },
	/* Unchanged. */
	{ ISTIO, PAGE, "", "" },
	{ ISTIO, PAGE, "#frag", "#frag" },
	{ ISTIO, PAGE, "#", "#" },
	{ ISTIO, PAGE, "mailto:a@b", "mailto:a@b" },
	{ ISTIO, PAGE, "https://x/y", "https://x/y" },
	{ ISTIO, PAGE, "HTTP://X/../y", "HTTP://X/../y" },
	{ ISTIO, PAGE, "//cdn/x", "//cdn/x" },
	{ ISTIO, PAGE, "data:image/png;base64,AAAA",
	    "data:image/png;base64,AAAA" },
	{ ISTIO, PAGE, "tel:+1-555", "tel:+1-555" },
	/* RFC 3986 5.4.1, normal examples (but "#s", kept in-page). */
	{ ISTIO, RFC, "g:h", "g:h" },
	{ ISTIO, RFC, "g", "http://a/b/c/g" },
	{ ISTIO, RFC, "./g", "http://a/b/c/g" },
	{ ISTIO, RFC, "g/", "http://a/b/c/g/" },
	{ ISTIO, RFC, "?y", "http://a/b/c/d;p?y" },
	{ ISTIO, RFC, "g?y", "http://a/b/c/g?y" },
	{ ISTIO, RFC, "g#s", "http://a/b/c/g#s" },
	{ ISTIO, RFC, "g?y#s", "http://a/b/c/g?y#s" },
	{ ISTIO, RFC, ";x", "http://a/b/c/;x" },
	{ ISTIO, RFC, "g;x", "http://a/b/c/g;x" },
	{ ISTIO, RFC, "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ ISTIO, RFC, ".", "http://a/b/c/" },
	{ ISTIO, RFC, "./", "http://a/b/c/" },
	{ ISTIO, RFC, "..", "http://a/b/" },
	{ ISTIO, RFC, "../", "http://a/b/" },
	{ ISTIO, RFC, "../g", "http://a/b/g" },
	{ ISTIO, RFC, "../..", "http://a/" },
	{ ISTIO, RFC, "../../", "http://a/" },
	{ ISTIO, RFC, "../../g", "http://a/g" },
	/* RFC 3986 5.4.2, abnormal examples. */
	{ ISTIO, RFC, "../../../g", "http://a/g" },
	{ ISTIO, RFC, "../../../../g", "http://a/g" },
	{ ISTIO, RFC, "g.", "http://a/b/c/g." },
	{ ISTIO, RFC, ".g", "http://a/b/c/.g" },
	{ ISTIO, RFC, "g..", "http://a/b/c/g.." },
	{ ISTIO, RFC, "..g", "http://a/b/c/..g" },
	{ ISTIO, RFC, "./../g", "http://a/b/g" },
	{ ISTIO, RFC, "./g/.", "http://a/b/c/g/" },
	{ ISTIO, RFC, "g/./h", "http://a/b/c/g/h" },
	{ ISTIO, RFC, "g/../h", "http://a/b/c/h" },
	{ ISTIO, RFC, "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ ISTIO, RFC, "g;x=1/../y", "http://a/b/c/y" },
	{ ISTIO, RFC, "g?y/./x", "http://a/b/c/g?y/./x" },
	{ ISTIO, RFC, "g?y/../x", "http://a/b/c/g?y/../x" },
	{ ISTIO, RFC, "g#s/./x", "http://a/b/c/g#s/./x" },
	{ ISTIO, RFC, "g#s/../x", "http://a/b/c/g#s/../x" },
};

/* No "//" after "scheme://" up to the query or fragment. */
static int
has_double_slash(const char *u)
{
	const char	*p = strstr(u, "://");
	size_t		 n;

	if (p == NULL)
		return 0;
	p += 3;
	n = strcspn(p, "?#");
	for (; n > 1; p++, n--)
		if (p[0] == '/' && p[1] == '/')
			return 1;
	return 0;
}

START_TEST(test_resolve)
{
	const struct rcase	*c = &rcases[_i];
	char			*got;

	got = url_resolve(c->base, c->page, c->ref);
	ck_assert_msg(strcmp(got, c->want) == 0,
	    "resolve(%s, %s, \"%s\") = \"%s\", want \"%s\"", c->base,
	    c->page ? c->page : "NULL", c->ref, got, c->want);
	if (c->ref[0] != '/' || c->ref[1] != '/')
		ck_assert(!has_double_slash(got));
	free(got);
}
END_TEST

START_TEST(test_resolve_null_ref)
{
	char	*got = url_resolve(ISTIO, PAGE, NULL);

	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

START_TEST(test_has_scheme)
{
	ck_assert_int_eq(url_has_scheme("https://x"), 1);
	ck_assert_int_eq(url_has_scheme("mailto:a@b"), 1);
	ck_assert_int_eq(url_has_scheme("data:text/plain,x"), 1);
	ck_assert_int_eq(url_has_scheme("a+b-c.d:x"), 1);
	ck_assert_int_eq(url_has_scheme("g:h"), 1);
	ck_assert_int_eq(url_has_scheme("//cdn/x"), 1);
	ck_assert_int_eq(url_has_scheme("x"), 0);
	ck_assert_int_eq(url_has_scheme("/x"), 0);
	ck_assert_int_eq(url_has_scheme("./a:b"), 0);
	ck_assert_int_eq(url_has_scheme("1abc:x"), 0);
	ck_assert_int_eq(url_has_scheme(":x"), 0);
	ck_assert_int_eq(url_has_scheme("a b:c"), 0);
	ck_assert_int_eq(url_has_scheme("#a:b"), 0);
	ck_assert_int_eq(url_has_scheme("?a:b"), 0);
	ck_assert_int_eq(url_has_scheme("/"), 0);
	ck_assert_int_eq(url_has_scheme(""), 0);
	ck_assert_int_eq(url_has_scheme(NULL), 0);
}
END_TEST

static const char *const good_bases[] = {
	"https://istio.io/latest/", "https://istio.io/latest",
	"http://example.org", "https://example.org/",
	"HTTPS://Example.org/", "Http://example.org/",
	"https://example.org:8080/x/", "https://example.org:/",
	"https://user@example.org/", "http://[::1]:8080/", "http://[::1]",
	"http://127.0.0.1/", "https://ex\xC3\xA4mple.org/",
};

static const char *const bad_bases[] = {
	"", "istio.io/latest", "/latest/", "ftp://x/", "https://",
	"http://", "https:///x", "https://:80/", "https://user@/",
	"https://x:8a/", "https://x/?q", "https://x/#f", "https://x y/",
	"https://x/\n", " https://x/", "mailto:a@b", "http:/x", "https//x",
	"http://[::1/", "http://[]/", "http://[::1]x/", "https:\\\\x\\",
	"//cdn/x", "httpx://x/",
};

START_TEST(test_check_base)
{
	size_t	i;

	for (i = 0; i < N(good_bases); i++)
		ck_assert_msg(url_check_base(good_bases[i]) == 0,
		    "rejected %s", good_bases[i]);
	for (i = 0; i < N(bad_bases); i++)
		ck_assert_msg(url_check_base(bad_bases[i]) == -1,
		    "accepted %s", bad_bases[i]);
	ck_assert_int_eq(url_check_base(NULL), -1);
}
END_TEST

struct jcase {
	const char	*base;
	const char	*path;
	const char	*want;
};

static const struct jcase jcases[] = {
	{ ISTIO, "releases/1.2.x/announcing-1.2/",
	    "https://istio.io/latest/releases/1.2.x/announcing-1.2/" },
	{ ISTIO_NS, "releases/1.2.x/",
	    "https://istio.io/latest/releases/1.2.x/" },
	{ ISTIO, "/releases/", "https://istio.io/latest/releases/" },
	{ ISTIO, "//releases//x//", "https://istio.io/latest/releases/x/" },
	{ "https://istio.io/latest//", "x", "https://istio.io/latest/x" },
	{ "https://example.org", "foo/", "https://example.org/foo/" },
	{ "https://example.org/", "", "https://example.org/" },
	{ "https://example.org", "", "https://example.org/" },
	{ "https://example.org", NULL, "https://example.org/" },
	{ ISTIO, "my post/", "https://istio.io/latest/my%20post/" },
	{ ISTIO, "caf\xC3\xA9/", "https://istio.io/latest/caf%C3%A9/" },
	{ ISTIO, "a%b", "https://istio.io/latest/a%25b" },
	{ ISTIO, "a?b#c", "https://istio.io/latest/a%3Fb%23c" },
	{ ISTIO, "a:b@c", "https://istio.io/latest/a%3Ab%40c" },
	{ ISTIO, "a\"<>\\^`{|}",
	    "https://istio.io/latest/a%22%3C%3E%5C%5E%60%7B%7C%7D" },
	{ ISTIO, "\x01\x7F\xFF", "https://istio.io/latest/%01%7F%FF" },
	{ ISTIO, "-._~!$&'()*+,;=AZaz09",
	    "https://istio.io/latest/-._~!$&'()*+,;=AZaz09" },
};

START_TEST(test_join)
{
	const struct jcase	*c = &jcases[_i];
	char			*got = url_join(c->base, c->path);

	ck_assert_str_eq(got, c->want);
	ck_assert(!has_double_slash(got));
	free(got);
}
END_TEST

static Suite *
url_suite(void)
{
	Suite	*s = suite_create("url");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_resolve, 0, (int)N(rcases));
	tcase_add_test(tc, test_resolve_null_ref);
	tcase_add_test(tc, test_has_scheme);
	tcase_add_test(tc, test_check_base);
	tcase_add_loop_test(tc, test_join, 0, (int)N(jcases));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(url_suite());
}
