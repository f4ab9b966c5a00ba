/* url.c: links made absolute against the site root or the page, following
 * RFC 3986 section 5, so feed readers never see a relative URL. */
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "util.h"

/* RFC 3986 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
static int
is_scheme_char(int c)
{
	return is_ascii_alnum(c) || c == '+' || c == '-' || c == '.';
}

/* RFC 3986 2.2 sub-delims and 2.3 unreserved, plus the path separator. */
static int
is_path_safe(int c)
{
	return is_ascii_alnum(c) || (c != '\0' && strchr("-._~/!$&'()*+,;=",
	    c) != NULL);
}

/*
 * Length of the "scheme://authority" prefix of u (0 when u has neither),
 * which is where its path begins.
 */
static size_t
origin_len(const char *u)
{
	size_t	i = 0;

	if (is_ascii_alpha((unsigned char)u[0])) {
		while (is_scheme_char((unsigned char)u[i]))
			i++;
		if (u[i] == ':')
			i++;
		else
			i = 0;
	}
	if (u[i] == '/' && u[i + 1] == '/') {
		i += 2;
		i += strcspn(u + i, "/?#");
	}
	return i;
}

/* Append path p[0..n) to b, never letting two '/' follow each other. */
static void
add_path(struct buf *b, const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (p[i] == '/' && b->len > 0 && b->s[b->len - 1] == '/')
			continue;
		buf_addc(b, p[i]);
	}
}

/*
 * RFC 3986 5.2.4, remove_dot_segments, over p[0..n); the result is
 * appended to out. An input that climbs above the root stays at the root
 * ("/a/../../b" is "/b").
 */
static void
remove_dots(const char *p, size_t n, struct buf *out)
{
	char	*in = xstrndup(p, n), *s = in, *slash;
	size_t	 seg;

	while (*s != '\0') {
		if (strncmp(s, "../", 3) == 0)			/* A */
			s += 3;
		else if (strncmp(s, "./", 2) == 0)
			s += 2;
		else if (strncmp(s, "/./", 3) == 0)		/* B */
			s += 2;
		else if (strcmp(s, "/.") == 0)
			*++s = '/';
		else if (strncmp(s, "/../", 4) == 0 ||		/* C */
		    strcmp(s, "/..") == 0) {
			if (s[3] == '/')
				s += 3;
			else
				*(s += 2) = '/';
			slash = out->len > 0 ? strrchr(out->s, '/') : NULL;
			out->len = slash != NULL ? (size_t)(slash - out->s) : 0;
			if (out->s != NULL)
				out->s[out->len] = '\0';
		} else if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
			s += strlen(s);				/* D */
		else {						/* E */
			seg = *s == '/' ? 1 + strcspn(s + 1, "/") :
			    strcspn(s, "/");
			buf_add(out, s, seg);
			s += seg;
		}
	}
	free(in);
}

/*
 * Collapse runs of '/' in p[0..n), remove dot segments, and append the
 * result to out (which may already hold "scheme://host").
 */
static void
clean_path(const char *p, size_t n, struct buf *out)
{
	struct buf	tmp = { 0 }, res = { 0 };

	add_path(&tmp, p, n);
	remove_dots(tmp.s != NULL ? tmp.s : "", tmp.len, &res);
	add_path(out, res.s != NULL ? res.s : "", res.len);
	buf_free(&tmp);
	buf_free(&res);
}

/* 1 if s starts with the lower-case prefix, whatever the case of s. */
static int
has_prefix_ci(const char *s, const char *prefix)
{
	while (*prefix != '\0' && ascii_tolower((unsigned char)*s) == *prefix) {
		s++;
		prefix++;
	}
	return *prefix == '\0';
}

int
url_has_scheme(const char *ref)
{
	size_t	i;
	int	rc = 0;

	if (ref == NULL)
		goto out;
	if (ref[0] == '/' && ref[1] == '/') {
		rc = 1;
		goto out;
	}
	if (!is_ascii_alpha((unsigned char)ref[0]))
		goto out;
	for (i = 1; is_scheme_char((unsigned char)ref[i]); i++)
		continue;
	rc = ref[i] == ':';
out:
	return rc;
}

int
url_check_base(const char *base)
{
	const char	*auth, *host, *end, *at, *port;
	size_t		 i;
	int		 rc = -1;

	if (base == NULL)
		goto out;
	if (has_prefix_ci(base, "http://"))
		auth = base + 7;
	else if (has_prefix_ci(base, "https://"))
		auth = base + 8;
	else
		goto out;
	/* A site root with a query, a fragment, spaces or controls cannot
	 * have paths appended to it. */
	for (i = 0; base[i] != '\0'; i++)
		if ((unsigned char)base[i] <= 0x20 || base[i] == 0x7F ||
		    base[i] == '?' || base[i] == '#' || base[i] == '\\')
			goto out;
	end = auth + strcspn(auth, "/");
	host = auth;
	for (at = auth; at < end; at++)
		if (*at == '@')
			host = at + 1;
	if (*host == '[') {
		/* RFC 3986 3.2.2: IP-literal */
		port = memchr(host, ']', (size_t)(end - host));
		if (port == NULL || port == host + 1)
			goto out;
		port++;
		if (port < end && *port != ':')
			goto out;
	} else {
		port = memchr(host, ':', (size_t)(end - host));
		if (port == NULL)
			port = end;
		if (port == host)
			goto out;
	}
	/* RFC 3986 3.2.3: port = *DIGIT */
	if (port < end)
		for (port++; port < end; port++)
			if (!is_ascii_digit((unsigned char)*port))
				goto out;
	rc = 0;
out:
	return rc;
}

/* "/x" against the site root: base + "x", never a doubled base path. */
static void
resolve_site(const char *base, const char *ref, size_t rlen, struct buf *out)
{
	struct buf	 bpath = { 0 }, rpath = { 0 };
	size_t		 olen = origin_len(base);

	buf_addc(&bpath, '/');
	add_path(&bpath, base + olen, strcspn(base + olen, "?#"));
	add_path(&bpath, "/", 1);
	/* Dot segments go first, so "/../x" cannot leave the site root. */
	clean_path(ref, rlen, &rpath);
	buf_add(out, base, olen);
	if (bpath.len > 1 && (strncmp(rpath.s, bpath.s, bpath.len) == 0 ||
	    (rpath.len == bpath.len - 1 &&
	    strncmp(rpath.s, bpath.s, rpath.len) == 0)))
		add_path(out, rpath.s, rpath.len);
	else {
		add_path(out, bpath.s, bpath.len);
		add_path(out, rpath.s, rpath.len);
	}
	buf_free(&bpath);
	buf_free(&rpath);
}

/* "x", "./x", "../x", "?q" against the page: RFC 3986 5.2.2 and 5.2.3. */
static void
resolve_page(const char *page, const char *ref, size_t rlen, struct buf *out)
{
	struct buf	 merged = { 0 };
	const char	*ppath;
	size_t		 olen = origin_len(page), plen, k;

	ppath = page + olen;
	plen = strcspn(ppath, "?#");
	buf_add(out, page, olen);
	if (rlen == 0) {
		/* 5.2.2: an empty reference path keeps the page's path. */
		add_path(out, ppath, plen);
		goto out;
	}
	/* 5.2.3: merge with the page path up to its last '/'. */
	for (k = plen; k > 0 && ppath[k - 1] != '/'; k--)
		continue;
	if (k > 0)
		buf_add(&merged, ppath, k);
	else
		buf_addc(&merged, '/');
	buf_add(&merged, ref, rlen);
	clean_path(merged.s, merged.len, out);
out:
	if (out->len == olen)
		buf_addc(out, '/');
	buf_free(&merged);
}

char *
url_resolve(const char *base, const char *page, const char *ref)
{
	struct buf	 out = { 0 };
	size_t		 rlen;

	if (ref == NULL)
		ref = "";
	if (ref[0] == '\0' || ref[0] == '#' || url_has_scheme(ref)) {
		buf_adds(&out, ref);
		goto out;
	}
	rlen = strcspn(ref, "?#");
	if (ref[0] == '/')
		resolve_site(base, ref, rlen, &out);
	else
		resolve_page(page != NULL ? page : base, ref, rlen, &out);
	/* 5.2.2: query and fragment always come from the reference. */
	buf_adds(&out, ref + rlen);
out:
	return buf_detach(&out);
}

char *
url_join(const char *base, const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 out = { 0 };
	size_t			 olen = origin_len(base), blen = strlen(base);
	unsigned char		 c;

	while (blen > olen && base[blen - 1] == '/')
		blen--;
	buf_add(&out, base, blen);
	buf_addc(&out, '/');
	for (; path != NULL && *path != '\0'; path++) {
		c = (unsigned char)*path;
		if (c == '/' && out.s[out.len - 1] == '/')
			continue;
		if (is_path_safe(c))
			buf_addc(&out, (char)c);
		else {
			/* RFC 3986 2.1: upper-case hex digits. */
			buf_addc(&out, '%');
			buf_addc(&out, hex[c >> 4]);
			buf_addc(&out, hex[c & 15]);
		}
	}
	return buf_detach(&out);
}

/* URL schemes that run code or read local files in a reader. */
static const char *const bad_schemes[] = {
	"javascript:", "vbscript:", "file:", "data:"
};

/* Inline images a reader may show, as cmark's own safe mode allows. */
static const char *const image_data[] = {
	"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"
};

/* 1 if url starts with prefix (lower case) the way a browser reads it: the
 * WHATWG URL parser strips leading C0 controls and spaces and ignores tabs
 * and newlines anywhere, so "  Java\tScript:" is still javascript:.
 * *rest points after the match. */
static int
has_prefix(const char *url, const char *prefix, const char **rest)
{
	const unsigned char	*u = (const unsigned char *)url;

	while (*u != '\0' && *u <= 0x20)
		u++;
	for (; *prefix != '\0'; prefix++, u++) {
		while (*u == '\t' || *u == '\n' || *u == '\r')
			u++;
		if (ascii_tolower(*u) != *prefix)
			return 0;
	}
	*rest = (const char *)u;
	return 1;
}

int
url_is_unsafe(const char *url, int is_image)
{
	const char	*rest;
	size_t		 i, j;

	for (i = 0; i < sizeof(bad_schemes) / sizeof(bad_schemes[0]); i++) {
		if (!has_prefix(url, bad_schemes[i], &rest))
			continue;
		if (!is_image || strcmp(bad_schemes[i], "data:") != 0)
			return 1;
		for (j = 0; j < sizeof(image_data) / sizeof(image_data[0]); j++)
			if (has_prefix(url, image_data[j], &rest) &&
			    (*rest == ';' || *rest == ','))
				return 0;
		return 1;
	}
	return 0;
}
