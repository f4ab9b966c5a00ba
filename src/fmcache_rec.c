/* fmcache_rec.c: an entry's metadata as bytes in the front-matter cache and
 * back, every read bounds-checked so that no bytes can crash the reader. */
#include <stdlib.h>
#include <string.h>

#include "fmcache.h"
#include "util.h"

/* The fields below are the metadata entry_load fills (html, html_xml and
 * summary are the renderer's, never cached). A field added to
 * struct entry must be stored here too (and FMCACHE_FORMAT in fmcache.c
 * raised), or cached entries would lack it: this check makes the build say
 * so on the usual 64-bit targets. */
#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(struct entry) == 312,
    "struct entry changed: update fmcache_rec.c and FMCACHE_FORMAT");
#endif

#define NO_STRING	UINT32_MAX

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, (const char *)&v, sizeof(v));
}

static void
put_i64(struct buf *b, int64_t v)
{
	buf_add(b, (const char *)&v, sizeof(v));
}

/* A string (NULL allowed) as its length and bytes, without the NUL. */
static void
put_str(struct buf *b, const char *s)
{
	size_t	n;

	if (s == NULL) {
		put_u32(b, NO_STRING);
		return;
	}
	n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_add(b, s, n);
}

static void
put_list(struct buf *b, const struct strlist *l)
{
	size_t	i;

	put_u32(b, (uint32_t)l->n);
	for (i = 0; i < l->n; i++)
		put_str(b, l->v[i]);
}

static void
put_time(struct buf *b, const struct rf_time *t)
{
	put_i64(b, t->sec);
	put_i64(b, t->off);
}

void
fmcache_rec_encode(struct buf *b, const struct entry *e)
{
	put_str(b, e->title);
	put_str(b, e->subtitle);
	put_str(b, e->description);
	put_str(b, e->release);
	put_str(b, e->id);
	put_str(b, e->url);
	put_str(b, e->slug);
	put_list(b, &e->authors);
	put_list(b, &e->categories);
	put_list(b, &e->params);
	put_time(b, &e->published);
	put_time(b, &e->updated);
	put_time(b, &e->expiry);
	put_i64(b, e->has_date);
	put_i64(b, e->has_expiry);
	put_i64(b, e->draft);
	put_i64(b, e->date_line);
	put_i64(b, e->date_only);
	put_i64(b, e->empty_desc_line);
	put_i64(b, e->is_list_page);
	put_i64(b, e->body_line);
}

/* A cursor over a record's bytes; bad is set by the first read that would
 * pass the end, and every later read gives zeroes. */
struct cursor {
	const char	*p;
	size_t		 len;
	size_t		 off;
	int		 bad;
};

static void
get_bytes(struct cursor *c, void *dst, size_t n)
{
	if (c->bad || c->len - c->off < n) {
		c->bad = 1;
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, c->p + c->off, n);
	c->off += n;
}

static uint32_t
get_u32(struct cursor *c)
{
	uint32_t	v;

	get_bytes(c, &v, sizeof(v));
	return v;
}

static int64_t
get_i64(struct cursor *c)
{
	int64_t	v;

	get_bytes(c, &v, sizeof(v));
	return v;
}

/* An int field: a value outside int's range is a bad record. */
static int
get_int(struct cursor *c)
{
	int64_t	v = get_i64(c);

	if (v < -2147483647 || v > 2147483647) {
		c->bad = 1;
		return 0;
	}
	return (int)v;
}

/* A copy of the next string, or NULL (absent, or past the end). A string
 * with a NUL inside cannot have come from entry_load: a bad record. */
static char *
get_str(struct cursor *c)
{
	uint32_t	n = get_u32(c);
	char		*s;

	if (c->bad || n == NO_STRING)
		return NULL;
	if (c->len - c->off < n || memchr(c->p + c->off, '\0', n) != NULL) {
		c->bad = 1;
		return NULL;
	}
	s = xstrndup(c->p + c->off, n);
	c->off += n;
	return s;
}

/* A list, packed: its pointers and its strings in one allocation, the
 * hot path of a cached run making one malloc of what was one a string. */
static void
get_list(struct cursor *c, struct strlist *l)
{
	uint32_t	 n = get_u32(c), k;
	size_t		 i, start, bytes = 0;
	char		*s;

	/* Each string takes four bytes at least: n is bounded by the rest. */
	if (c->bad || n > (c->len - c->off) / 4) {
		c->bad = 1;
		return;
	}
	if (n == 0)
		return;
	/* Measured first, every string checked as get_str would. */
	start = c->off;
	for (i = 0; i < n && !c->bad; i++) {
		k = get_u32(c);
		if (c->bad || k == NO_STRING || c->len - c->off < k ||
		    memchr(c->p + c->off, '\0', k) != NULL)
			c->bad = 1;
		else {
			bytes += (size_t)k + 1;
			c->off += k;
		}
	}
	if (c->bad)
		return;
	c->off = start;
	l->v = xmalloc(n * sizeof(*l->v) + bytes);
	l->n = l->cap = n;
	l->packed = 1;
	s = (char *)(l->v + n);
	for (i = 0; i < n; i++) {
		k = get_u32(c);
		memcpy(s, c->p + c->off, k);
		s[k] = '\0';
		l->v[i] = s;
		s += (size_t)k + 1;
		c->off += k;
	}
}

static void
get_time(struct cursor *c, struct rf_time *t)
{
	t->sec = get_i64(c);
	t->off = get_int(c);
}

struct entry *
fmcache_rec_decode(const char *p, size_t len)
{
	struct cursor	 c = { p, len, 0, 0 };
	struct entry	*e = xcalloc(1, sizeof(*e));

	e->title = get_str(&c);
	e->subtitle = get_str(&c);
	e->description = get_str(&c);
	e->release = get_str(&c);
	e->id = get_str(&c);
	e->url = get_str(&c);
	e->slug = get_str(&c);
	get_list(&c, &e->authors);
	get_list(&c, &e->categories);
	get_list(&c, &e->params);
	get_time(&c, &e->published);
	get_time(&c, &e->updated);
	get_time(&c, &e->expiry);
	e->has_date = get_int(&c);
	e->has_expiry = get_int(&c);
	e->draft = get_int(&c);
	e->date_line = get_int(&c);
	e->date_only = get_int(&c);
	e->empty_desc_line = get_int(&c);
	e->is_list_page = get_int(&c);
	e->body_line = get_int(&c);
	/* An entry always has a title, and a record ends where its data does. */
	if (c.bad || e->title == NULL || c.off != len || e->params.n % 2 != 0) {
		entry_free(e);
		e = NULL;
	}
	return e;
}
