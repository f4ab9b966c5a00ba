/* fuzz_url.c: fuzzing link resolution. Input is "BASE\nPAGE\nREF" (NUL
 * also separates); with fewer parts the missing ones are a sample site's.
 * A resolved link must be absolute http(s) on the right host with a clean
 * path; anything url_resolve leaves alone must come back unchanged. */
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "url.h"
#include "util.h"

#define DEF_BASE	"https://example.org/docs/"
#define DEF_PAGE	"https://example.org/docs/news/releases/1.2.x/"

/* Length of "scheme://authority" of an absolute http(s) URL. */
static size_t
origin(const char *u)
{
	const char	*p = strstr(u, "://");

	if (p == NULL)
		return 0;
	p += 3;
	return (size_t)(p - u) + strcspn(p, "/?#");
}

/* 1 if the path p[0..n) has a "." or ".." segment. */
static int
has_dot_segment(const char *p, size_t n)
{
	size_t	i, seg;

	for (i = 0; i < n; i += seg + 1) {
		seg = strcspn(p + i, "/");
		if (seg > n - i)
			seg = n - i;
		if ((seg == 1 && p[i] == '.') ||
		    (seg == 2 && p[i] == '.' && p[i + 1] == '.'))
			return 1;
	}
	return 0;
}

static int
has_double_slash(const char *p, size_t n)
{
	size_t	i;

	for (i = 1; i < n; i++)
		if (p[i] == '/' && p[i - 1] == '/')
			return 1;
	return 0;
}

static int
is_hex(int c)
{
	return is_ascii_digit(c) || (c >= 'A' && c <= 'F');
}

static int
is_http(const char *u)
{
	return (ascii_tolower((unsigned char)u[0]) == 'h' &&
	    ascii_tolower((unsigned char)u[1]) == 't' &&
	    ascii_tolower((unsigned char)u[2]) == 't' &&
	    ascii_tolower((unsigned char)u[3]) == 'p' &&
	    (u[4] == ':' || (ascii_tolower((unsigned char)u[4]) == 's' &&
	    u[5] == ':')));
}

static void
check_resolve(const char *base, const char *page, const char *ref)
{
	const char	*from, *path;
	char		*r = url_resolve(base, page, ref);
	size_t		 olen, plen, rlen = strcspn(ref, "?#");

	FUZZ_CHECK(r != NULL, "a result");
	if (ref[0] == '\0' || ref[0] == '#' || url_has_scheme(ref)) {
		FUZZ_CHECK(strcmp(r, ref) == 0, "left unchanged");
		goto out;
	}
	from = ref[0] == '/' || page == NULL ? base : page;
	olen = origin(from);
	FUZZ_CHECK(is_http(r), "absolute http(s)");
	FUZZ_CHECK(strncmp(r, from, olen) == 0 && origin(r) == olen,
	    "scheme and host of the base (site-relative) or the page");
	path = r + olen;
	plen = strcspn(path, "?#");
	FUZZ_CHECK(path[0] == '/', "a path after the host");
	FUZZ_CHECK(!has_double_slash(path, plen), "no // in the path");
	FUZZ_CHECK(strcmp(path + plen, ref + rlen) == 0,
	    "query and fragment of the reference");
	/* Dot segments of the reference are removed; those of a base or
	 * page path are theirs, so only judged when they have none. */
	if (!has_dot_segment(base + origin(base), strcspn(base + origin(base),
	    "?#")) && (page == NULL || !has_dot_segment(page + origin(page),
	    strcspn(page + origin(page), "?#"))))
		FUZZ_CHECK(!has_dot_segment(path, plen), "no dot segments");
out:
	free(r);
}

static void
check_join(const char *base, const char *path)
{
	char	*r = url_join(base, path);
	size_t	 blen = strlen(base), i;

	while (blen > origin(base) && base[blen - 1] == '/')
		blen--;
	FUZZ_CHECK(strncmp(r, base, blen) == 0 && r[blen] == '/',
	    "base, then one '/'");
	for (i = blen + 1; r[i] != '\0'; i++) {
		FUZZ_CHECK(r[i] != '/' || r[i - 1] != '/', "no // after base");
		FUZZ_CHECK(is_ascii_alnum((unsigned char)r[i]) ||
		    strchr("-._~/!$&'()*+,;=", r[i]) != NULL ||
		    (r[i] == '%' && is_hex(r[i + 1]) && is_hex(r[i + 2])),
		    "RFC 3986 unreserved, sub-delims and '/', else %XX");
	}
	free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s = fuzz_strndup(data, size), *part[3];
	const char	*base = DEF_BASE, *page = DEF_PAGE, *ref;
	size_t		 n = 0, i;

	fuzz_quiet();
	/* Split at the first two NULs or newlines. */
	part[n++] = s;
	for (i = 0; i < size && n < 3; i++)
		if (s[i] == '\0' || s[i] == '\n') {
			s[i] = '\0';
			part[n++] = s + i + 1;
		}
	if (n == 3) {
		base = part[0];
		page = part[1][0] != '\0' ? part[1] : NULL;
	} else if (n == 2)
		base = part[0];
	ref = part[n - 1];
	/* The contract's preconditions: an absolute site root and an
	 * absolute permalink. */
	if (url_check_base(base) == -1 ||
	    (page != NULL && url_check_base(page) == -1))
		goto out;
	check_resolve(base, page, ref);
	check_resolve(base, NULL, ref);
	check_join(base, ref);
out:
	free(s);
	return 0;
}
