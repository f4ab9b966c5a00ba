/* permalink.c: where each entry lives on the site. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "permalink.h"
#include "select.h"
#include "url.h"
#include "util.h"

static const char *const tokens[] = {
	":year", ":month", ":day", ":section", ":slug", ":filename", ":title",
	NULL
};

/* The length of a file name without its extension: "1.9.4.md" -> 5. */
static size_t
stem_len(const char *name)
{
	const char	*dot = strrchr(name, '.');

	return dot != NULL && dot != name ? (size_t)(dot - name) : strlen(name);
}

/* The name of e's file without extension, or of its bundle directory. */
static char *
file_stem(const struct entry *e)
{
	const char	*base, *start;

	base = strrchr(e->relpath, '/');
	base = base ? base + 1 : e->relpath;
	if ((strncmp(base, "index.", 6) == 0 || strncmp(base, "_index.", 7) == 0)
	    && base > e->relpath + 1) {
		for (start = base - 1; start > e->relpath && start[-1] != '/';
		    start--)
			;
		return xstrndup(start, (size_t)(base - 1 - start));
	}
	return xstrndup(base, stem_len(base));
}

/* The path under the content root, as a directory: "a/b/index.md" ->
 * "a/b/", "a/foo.md" -> "a/foo/", the last segment replaced by slug. */
static char *
path_permalink(const struct entry *e)
{
	const char	*last;
	char		*dir, *cut, *path;
	size_t		 n;

	last = strrchr(e->relpath, '/');
	last = last ? last + 1 : e->relpath;
	if (strncmp(last, "index.", 6) == 0 || strncmp(last, "_index.", 7) == 0)
		n = (size_t)(last - e->relpath);
	else
		n = (size_t)(last - e->relpath) + stem_len(last);
	dir = xstrndup(e->relpath, n);
	while (n > 0 && dir[n - 1] == '/')
		dir[--n] = '\0';
	if (e->slug != NULL) {
		if ((cut = strrchr(dir, '/')) != NULL)
			cut[1] = '\0';
		else
			dir[0] = '\0';
		path = xasprintf("%s%s/", dir, e->slug);
	} else
		path = n > 0 ? xasprintf("%s/", dir) : xstrdup("");
	free(dir);
	return path;
}

static char *
token_value(const char *tok, size_t n, const struct entry *e)
{
	int64_t	y;
	int	m, d;

	date_civil(&e->published, &y, &m, &d);
	if (n == 5 && strncmp(tok, ":year", n) == 0)
		return xasprintf("%04lld", (long long)y);
	if (n == 6 && strncmp(tok, ":month", n) == 0)
		return xasprintf("%02d", m);
	if (n == 4 && strncmp(tok, ":day", n) == 0)
		return xasprintf("%02d", d);
	if (n == 8 && strncmp(tok, ":section", n) == 0)
		return xstrndup(e->relpath, strcspn(e->relpath, "/"));
	if (n == 9 && strncmp(tok, ":filename", n) == 0)
		return file_stem(e);
	if (n == 5 && strncmp(tok, ":slug", n) == 0 && e->slug != NULL)
		return xstrdup(e->slug);
	return select_slug(e->title);		/* :title, or :slug without one */
}

/* The length of the :token at p, 0 if none is there. */
static size_t
token_at(const char *p)
{
	size_t	i, n;

	for (i = 0; tokens[i] != NULL; i++) {
		n = strlen(tokens[i]);
		if (strncmp(p, tokens[i], n) == 0 &&
		    !is_ascii_alpha((unsigned char)p[n]))
			return n;
	}
	return 0;
}

int
permalink_check(const char *pattern)
{
	const char	*p;
	size_t		 n;

	if (pattern[0] != '/')
		return -1;
	for (p = pattern; *p != '\0'; p++)
		if (*p == ':') {
			if ((n = token_at(p)) == 0)
				return -1;
			p += n - 1;
		}
	return 0;
}

char *
permalink_make(const char *base_url, const char *content_url,
    const struct config_permalink *pats, size_t npats, const struct entry *e)
{
	struct buf	 b = { 0 };
	const char	*p, *pattern = NULL;
	char		*v, *path, *out;
	size_t		 i, n, seclen = strcspn(e->relpath, "/");

	if (e->url != NULL)
		return url_resolve(base_url, base_url, e->url);
	for (i = 0; i < npats && e->relpath[seclen] == '/'; i++)
		if (strlen(pats[i].section) == seclen &&
		    strncmp(pats[i].section, e->relpath, seclen) == 0)
			pattern = pats[i].pattern;
	if (pattern == NULL) {
		path = path_permalink(e);
		out = url_join(content_url ? content_url : base_url, path);
		free(path);
		return out;
	}
	for (p = pattern; *p != '\0'; p++) {
		if (*p == ':' && (n = token_at(p)) > 0) {
			v = token_value(p, n, e);
			buf_adds(&b, v);
			free(v);
			p += n - 1;
		} else
			buf_addc(&b, *p);
	}
	path = buf_detach(&b);
	out = url_join(base_url, path);
	free(path);
	return out;
}
