/* select.c: filters of the named feeds and the fan-out per tag or release
 * line, over entries already in feed order. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "select.h"
#include "util.h"

char *
select_release_line(const char *r)
{
	const char	*p;

	if (r == NULL)
		return NULL;
	if (*r == 'v' || *r == 'V')
		r++;
	if (!is_ascii_digit((unsigned char)*r))
		return NULL;
	for (p = r; is_ascii_digit((unsigned char)*p); p++)
		;
	if (*p == '.' && is_ascii_digit((unsigned char)p[1]))
		for (p++; is_ascii_digit((unsigned char)*p); p++)
			;
	return xstrndup(r, (size_t)(p - r));
}

/* The numeric part i (0-based) of a version, -1 when absent. */
static long
version_part(const char *r, int i)
{
	long	v = -1;

	if (*r == 'v' || *r == 'V')
		r++;
	for (;;) {
		if (!is_ascii_digit((unsigned char)*r))
			return -1;
		for (v = 0; is_ascii_digit((unsigned char)*r); r++)
			v = v < 100000000 ? v * 10 + (*r - '0') : v;
		if (i-- == 0)
			return v;
		if (*r != '.')
			return -1;
		r++;
	}
}

static int
has_word(const char *s, const char *w)
{
	size_t	n = strlen(w);

	for (; *s != '\0'; s++)
		if (ascii_tolower((unsigned char)*s) == w[0] &&
		    strlen(s) >= n) {
			size_t i;
			for (i = 1; i < n; i++)
				if (ascii_tolower((unsigned char)s[i]) != w[i])
					break;
			if (i == n)
				return 1;
		}
	return 0;
}

const char *
select_release_kind(const struct entry *e)
{
	static const char *const kinds[] = { "major", "minor", "patch" };
	size_t	i;

	if (e->release != NULL && version_part(e->release, 0) >= 0) {
		if (version_part(e->release, 2) > 0)
			return "patch";
		if (version_part(e->release, 1) > 0)
			return "minor";
		return "major";
	}
	for (i = 0; e->subtitle != NULL && i < 3; i++)
		if (has_word(e->subtitle, kinds[i]))
			return kinds[i];
	return NULL;
}

char *
select_slug(const char *s)
{
	struct buf	b = { 0 };
	int		dash = 0;
	unsigned char	c, next;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		next = (unsigned char)s[1];
		if (is_ascii_alnum(c) || c >= 0x80) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			dash = 0;
			buf_addc(&b, (char)ascii_tolower(c));
		} else if ((c == '.' || c == '_') && !dash && b.len > 0 &&
		    is_ascii_alnum((unsigned char)b.s[b.len - 1]) &&
		    (is_ascii_alnum(next) || next >= 0x80))
			buf_addc(&b, (char)c);	/* "1.24", "v1_2": never ".." */
		else
			dash = 1;
	}
	return buf_detach(&b);
}

int
select_in_section(const struct entry *e, const char *section)
{
	size_t	n;

	while (*section == '/')
		section++;
	n = strlen(section);
	while (n > 0 && section[n - 1] == '/')
		n--;
	if (n == 0)
		return 1;
	return strncmp(e->relpath, section, n) == 0 && e->relpath[n] == '/';
}

/* Whether e matches any value of one filter list; which says how. */
enum filter_what { F_SECTION, F_TAG, F_LINE, F_KIND, F_KEY };

/* "name=value": e's front matter has name with that text (the last one
 * when it repeats; a list joined by ", "); "name": it has name, not empty. */
static int
has_param(const struct entry *e, const char *spec)
{
	const char	*eq = strchr(spec, '=');
	const char	*v = entry_param(e, spec, eq ? (size_t)(eq - spec) :
			    strlen(spec));

	if (v == NULL)
		return 0;
	return eq ? strcmp(v, eq + 1) == 0 : v[0] != '\0';
}

static int
matches_any(const struct entry *e, const struct strlist *l,
    enum filter_what what)
{
	const char	*kind;
	char		*line;
	size_t		 i;
	int		 hit = 0;

	for (i = 0; i < l->n && !hit; i++) {
		switch (what) {
		case F_SECTION:
			hit = select_in_section(e, l->v[i]);
			break;
		case F_TAG:
			hit = strlist_has(&e->categories, l->v[i]);
			break;
		case F_LINE:
			line = select_release_line(e->release);
			hit = line != NULL && strcmp(line, l->v[i]) == 0;
			free(line);
			break;
		case F_KIND:
			kind = select_release_kind(e);
			hit = kind != NULL && strcmp(kind, l->v[i]) == 0;
			break;
		case F_KEY:
			hit = has_param(e, l->v[i]);
			break;
		}
	}
	return hit;
}

static int
passes(const struct entry *e, const struct feed_spec *f)
{
	const struct feed_filter *in = &f->include, *ex = &f->exclude;

	if ((in->section.n && !matches_any(e, &in->section, F_SECTION)) ||
	    (in->tag.n && !matches_any(e, &in->tag, F_TAG)) ||
	    (in->release_line.n && !matches_any(e, &in->release_line, F_LINE)) ||
	    (in->kind.n && !matches_any(e, &in->kind, F_KIND)) ||
	    (in->key.n && !matches_any(e, &in->key, F_KEY)))
		return 0;
	return !matches_any(e, &ex->section, F_SECTION) &&
	    !matches_any(e, &ex->tag, F_TAG) &&
	    !matches_any(e, &ex->release_line, F_LINE) &&
	    !matches_any(e, &ex->kind, F_KIND) &&
	    !matches_any(e, &ex->key, F_KEY);
}

static struct feed_out *
add_feed(struct feed_set *set, int line, const char *name, const char *title,
    const char *description, int formats)
{
	struct feed_out	*f;

	set->v = xrealloc(set->v, (set->n + 1) * sizeof(*set->v));
	f = &set->v[set->n++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->line = line;
	f->title = xstrdup(title);
	f->description = description ? xstrdup(description) : NULL;
	f->formats = formats;
	return f;
}

static void
add_entry(struct feed_out *f, struct entry *e, size_t limit)
{
	if (limit > 0 && f->n >= limit)
		return;
	/* Grown by doubling (the capacity follows from n): one at a time, a
	 * feed of 100,000 entries costs minutes where realloc must copy. */
	if (f->n == 0 || (f->n & (f->n - 1)) == 0)
		f->v = xrealloc(f->v, (f->n ? 2 * f->n : 1) * sizeof(*f->v));
	f->v[f->n++] = e;
}

/* pattern with every key (such as "{tag}") replaced by value. */
static char *
fill(const char *pattern, const char *key, const char *value)
{
	struct buf	 b = { 0 };
	const char	*at;

	while ((at = strstr(pattern, key)) != NULL) {
		buf_add(&b, pattern, (size_t)(at - pattern));
		buf_adds(&b, value);
		pattern = at + strlen(key);
	}
	buf_adds(&b, pattern);
	return buf_detach(&b);
}

/* One feed per value (tag or release line) among the entries. */
static int
fan_out(const char *cpath, const struct select_defaults *d,
    const struct feed_spec *s, struct entry *const *v, size_t n,
    struct feed_set *set)
{
	struct strlist	 values = { 0 }, slugs = { 0 };
	const char	*key = s->per == PER_TAGS ? "{tag}" : "{release_line}";
	const char	*what = s->per == PER_TAGS ? "tag" : "release line";
	char		*line, *slug, *name, *title;
	size_t		 i, j, first = set->n;
	int		 rc = 0;

	for (i = 0; i < n; i++) {
		if (!passes(v[i], s))
			continue;
		if (s->per == PER_TAGS) {
			for (j = 0; j < v[i]->categories.n; j++)
				if (!strlist_has(&values, v[i]->categories.v[j]))
					strlist_push(&values,
					    v[i]->categories.v[j]);
		} else if ((line = select_release_line(v[i]->release)) != NULL) {
			if (!strlist_has(&values, line))
				strlist_push(&values, line);
			free(line);
		}
	}
	for (i = 0; i < values.n; i++) {
		slug = select_slug(values.v[i]);
		name = fill(s->name, key, slug);
		for (j = 0; j < slugs.n && strcmp(slugs.v[j], slug) != 0; j++)
			;
		if (*slug == '\0') {
			diag_error(cpath, s->line, 0, "feed %s: %s %s gives an "
			    "empty feed name", diag_quote(0, s->name,
			    strlen(s->name)), what, diag_quote(1, values.v[i],
			    strlen(values.v[i])));
			rc = -1;
		} else if (j < slugs.n) {
			diag_error(cpath, s->line, 0, "feed %s: %ss %s and %s "
			    "both give the feed %s", diag_quote(0, s->name,
			    strlen(s->name)), what, diag_quote(1, values.v[j],
			    strlen(values.v[j])), diag_quote(2, values.v[i],
			    strlen(values.v[i])), diag_quote(3, name,
			    strlen(name)));
			rc = -1;
		}
		strlist_push(&slugs, slug);
		title = s->title ? fill(s->title, key, values.v[i]) :
		    xasprintf("%s: %s", d->title, values.v[i]);
		add_feed(set, s->line, name, title, s->description ?
		    s->description :
		    d->description, s->formats ? s->formats : d->formats);
		free(slug);
		free(name);
		free(title);
	}
	for (i = 0; i < n; i++) {
		if (!passes(v[i], s))
			continue;
		line = select_release_line(v[i]->release);
		for (j = 0; j < values.n; j++)
			if (s->per == PER_TAGS ?
			    strlist_has(&v[i]->categories, values.v[j]) :
			    (line != NULL && strcmp(line, values.v[j]) == 0))
				add_entry(&set->v[first + j], v[i],
				    s->has_limit ? s->limit : d->limit);
		free(line);
	}
	strlist_clear(&values);
	strlist_clear(&slugs);
	return rc;
}

/* 1 if feed b would write into a directory that is one of feed a's files:
 * "atom.xml" beside the site feed, "a/rss.xml" beside "a". */
static int
dir_is_file(const char *a, const char *b)
{
	static const char *const files[] = { "rss.xml", "atom.xml",
	    "feed.json" };
	size_t	i, n = strlen(a), f;

	if (n > 0) {
		if (strncmp(a, b, n) != 0 || b[n] != '/')
			return 0;
		b += n + 1;
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		f = strlen(files[i]);
		if (strncmp(b, files[i], f) == 0 && (b[f] == '/' || b[f] == '\0'))
			return 1;
	}
	return 0;
}

/* Two feeds writing one file would clobber each other. */
static int
check_unique_names(const char *cpath, const struct feed_set *set)
{
	const struct feed_out	*a, *b;
	size_t			 i, j;
	int			 rc = 0;

	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->n; j++) {
			a = &set->v[j];
			b = &set->v[i];
			if (j < i && strcmp(a->name, b->name) == 0) {
				diag_error(cpath, b->line, 0, "two feeds are "
				    "named %s (the other at line %d)",
				    diag_quote(0, b->name, strlen(b->name)),
				    a->line);
				rc = -1;
			} else if (j != i && dir_is_file(a->name, b->name)) {
				diag_error(cpath, b->line, 0, "feed %s would "
				    "be written inside a file of %s%s",
				    diag_quote(0, b->name, strlen(b->name)),
				    *a->name ? "feed " : "the site feed",
				    *a->name ? diag_quote(1, a->name,
				    strlen(a->name)) : "");
				rc = -1;
			}
		}
	return rc;
}

int
select_feeds(const char *cpath, const struct select_defaults *d,
    const struct feed_spec *specs, size_t nspecs, struct entry *const *v,
    size_t n, struct feed_set *set)
{
	struct feed_out	*f;
	size_t		 i, k;
	int		 rc = 0;

	memset(set, 0, sizeof(*set));
	f = add_feed(set, 0, "", d->title, d->description, d->formats);
	for (i = 0; i < n; i++)
		add_entry(f, v[i], d->limit);
	for (k = 0; k < nspecs; k++) {
		const struct feed_spec *s = &specs[k];
		if (s->per != PER_NONE) {
			if (fan_out(cpath, d, s, v, n, set) == -1)
				rc = -1;
			continue;
		}
		f = add_feed(set, s->line, s->name, s->title ? s->title :
		    d->title,
		    s->description ? s->description : d->description,
		    s->formats ? s->formats : d->formats);
		for (i = 0; i < n; i++)
			if (passes(v[i], s))
				add_entry(f, v[i], s->has_limit ? s->limit :
				    d->limit);
	}
	if (rc == 0)
		rc = check_unique_names(cpath, set);
	if (rc == -1)
		feed_set_free(set);
	return rc;
}

void
feed_set_free(struct feed_set *set)
{
	size_t	i;

	for (i = 0; i < set->n; i++) {
		free(set->v[i].name);
		free(set->v[i].title);
		free(set->v[i].description);
		free(set->v[i].v);
	}
	free(set->v);
	set->v = NULL;
	set->n = 0;
}
