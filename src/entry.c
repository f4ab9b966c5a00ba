/* entry.c: an announcement's metadata, from the checked bytes of its file
 * through its front matter to the keys of the content model. */
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "date.h"
#include "diag.h"
#include "entry.h"
#include "frontmatter.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

#define DATE_FORMS	"YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS\xc2\xb1HH:MM"

/* The state of one entry_load: errors are counted, not fatal, so every
 * problem in a file is reported in one run. */
struct loader {
	const char		*path;
	const struct fm_node	*map;
	const struct entry_opts	*opts;
	int			 errors;
	struct entry		*e;
};

/* Tables over code: the alias lists of DESIGN.md "Content model", each in
 * the order in which the first present one wins. */
static const char *const publish_keys[] = {
	"publishdate", "publishDate", "pubdate", "published", "date", NULL
};
static const char *const updated_keys[] = { "lastmod", "updated", NULL };
static const char *const summary_keys[] = { "description", "summary", NULL };
static const char *const author_keys[] = {
	"attribution", "author", "authors", NULL
};
static const char *const category_keys[] = {
	"tags", "categories", "keywords", NULL
};
static const char *const null_words[] = { "~", "null", "Null", "NULL", NULL };

static int
in_table(const char *const *t, const char *s)
{
	for (; *t != NULL; t++)
		if (strcmp(*t, s) == 0)
			return 1;
	return 0;
}

static const char *
kind_name(const struct fm_node *v)
{
	return v->kind == FM_SEQ ? "a list" : v->kind == FM_MAP ? "a map" :
	    "text";
}

/* Whether v says nothing: no key, an empty or blank string, or YAML null. */
static int
is_absent(const struct fm_node *v)
{
	size_t	i;

	if (v == NULL)
		return 1;
	if (v->kind != FM_SCALAR)
		return 0;
	if (v->plain && in_table(null_words, v->text))
		return 1;
	for (i = 0; i < v->text_len; i++)
		if (!is_ascii_space((unsigned char)v->text[i]))
			return 0;
	return 1;
}

/* 1 or 0 for a YAML boolean word, -1 for anything else. */

/* The value of the first key of keys that is present, and which key. */
static const struct fm_node *
first_present(const struct loader *L, const char *const *keys,
    const char **which)
{
	const struct fm_node	*v;

	for (; *keys != NULL; keys++) {
		v = fm_map_get(L->map, *keys);
		if (!is_absent(v)) {
			*which = *keys;
			return v;
		}
	}
	return NULL;
}

/* A copy of v's text, or NULL when absent; a list or map is an error. */
static char *
text_value(struct loader *L, const char *key, const struct fm_node *v)
{
	if (is_absent(v))
		return NULL;
	if (v->kind != FM_SCALAR) {
		diag_error(L->path, v->line, v->col, "'%s' must be text, not %s",
		    key, kind_name(v));
		L->errors++;
		return NULL;
	}
	return xstrdup(v->text);
}

static int
date_value(struct loader *L, const char *key, const struct fm_node *v,
    struct rf_time *t)
{
	size_t	errcol = 0, i;
	int	col;

	if (v->kind != FM_SCALAR) {
		diag_error(L->path, v->line, v->col, "'%s' must be a date "
		    "(%s), not %s", key, DATE_FORMS, kind_name(v));
		L->errors++;
		return -1;
	}
	if (date_parse(v->text, L->opts->default_off, t, &errcol) == 0)
		return 0;
	/* libyaml columns count characters, date_parse counts bytes; a
	 * quoted value starts one column after its quote. */
	col = v->col + (v->plain ? 0 : 1);
	for (i = 0; i < errcol && i < v->text_len; i++)
		if (((unsigned char)v->text[i] & 0xc0) != 0x80)
			col++;
	diag_error(L->path, v->line, col, "invalid date %s for '%s': "
	    "expected %s", diag_quote(0, v->text, v->text_len), key,
	    DATE_FORMS);
	L->errors++;
	return -1;
}

/* The date at the start of a Jekyll-style name, "2019-06-18-slug.md" (or
 * a bundle directory "2019-06-18-slug/index.md"), and the slug after it. */
static int
date_from_filename(struct loader *L)
{
	const char	*rel = L->e->relpath, *base, *end;
	char		 date[11];
	size_t		 n;

	base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	if ((strncmp(base, "index.", 6) == 0 || strncmp(base, "_index.", 7) == 0)
	    && base > rel + 1) {
		for (end = base - 1; end > rel && end[-1] != '/'; end--)
			;
		n = (size_t)(base - 1 - end);
		base = end;
	} else
		n = strcspn(base, ".");
	if (n < 11 || base[10] != '-')
		return -1;
	memcpy(date, base, 10);
	date[10] = '\0';
	if (date_parse(date, L->opts->default_off, &L->e->published,
	    NULL) == -1)
		return -1;
	if (L->e->slug == NULL && n > 11)
		L->e->slug = xstrndup(base + 11, n - 11);
	return 0;
}

/* The publish date from the first source present: by default publishdate
 * and its aliases; a boolean `published` is Jekyll's flag, not a date. */
static void
map_dates(struct loader *L)
{
	const struct fm_node	*v;
	const char		*key;
	struct entry		*e = L->e;
	const struct strlist	*keys = L->opts->date_keys;
	size_t			 i, n;

	n = keys ? keys->n : sizeof(publish_keys) / sizeof(publish_keys[0]) - 1;
	for (i = 0; i < n; i++) {
		key = keys ? keys->v[i] : publish_keys[i];
		if (strcmp(key, ":filename") == 0) {
			if (date_from_filename(L) == 0) {
				e->has_date = 1;
				e->date_only = 1;
				break;
			}
			continue;
		}
		v = fm_map_get(L->map, key);
		if (is_absent(v))
			continue;
		if (strcmp(key, "published") == 0 && fm_bool(v) != -1) {
			if (fm_bool(v) == 0)
				e->draft = 1;
			continue;
		}
		if (date_value(L, key, v, &e->published) == 0) {
			e->has_date = 1;
			e->date_line = v->line;
			e->date_only = strspn(v->text, "0123456789-") ==
			    v->text_len && v->text_len == 10;
		}
		break;
	}
	if ((v = first_present(L, updated_keys, &key)) != NULL) {
		if (date_value(L, key, v, &e->updated) == -1)
			e->updated = e->published;
	} else
		e->updated = e->published;
	v = fm_map_get(L->map, "expirydate");
	if (!is_absent(v) && date_value(L, "expirydate", v, &e->expiry) == 0)
		e->has_expiry = 1;
}

/* One author: a name, or a map with a name (and an email we do not keep). */
static void
add_author(struct loader *L, const char *key, const struct fm_node *v)
{
	const struct fm_node	*name = v;

	if (v->kind == FM_MAP) {
		name = fm_map_get(v, "name");
		if (is_absent(name) || name->kind != FM_SCALAR) {
			diag_error(L->path, v->line, v->col, "an author in "
			    "'%s' given as a map needs a 'name'", key);
			L->errors++;
			return;
		}
	}
	if (name->kind != FM_SCALAR) {
		diag_error(L->path, v->line, v->col, "an author in '%s' must "
		    "be a name, not %s", key, kind_name(v));
		L->errors++;
		return;
	}
	if (!is_absent(name) && !strlist_has(&L->e->authors, name->text))
		strlist_push(&L->e->authors, name->text);
}

static void
map_lists(struct loader *L)
{
	const struct fm_node	*v, *item;
	const char		*const *k;
	const char		*key;
	size_t			 i;

	if ((v = first_present(L, author_keys, &key)) != NULL) {
		if (v->kind == FM_SEQ)
			for (i = 0; i < v->n; i++)
				add_author(L, key, v->items[i]);
		else
			add_author(L, key, v);
	}
	for (k = category_keys; *k != NULL; k++) {
		v = fm_map_get(L->map, *k);
		if (is_absent(v))
			continue;
		if (v->kind == FM_MAP) {
			diag_error(L->path, v->line, v->col, "'%s' must be a "
			    "word or a list of words, not a map", *k);
			L->errors++;
			continue;
		}
		for (i = 0; i < (v->kind == FM_SEQ ? v->n : 1); i++) {
			item = v->kind == FM_SEQ ? v->items[i] : v;
			if (item->kind != FM_SCALAR) {
				diag_error(L->path, item->line, item->col,
				    "'%s' must be a list of words; this item "
				    "is %s", *k, kind_name(item));
				L->errors++;
			} else if (!is_absent(item) &&
			    !strlist_has(&L->e->categories, item->text))
				strlist_push(&L->e->categories, item->text);
		}
	}
}

static void
map_title(struct loader *L, int fm_line)
{
	const struct fm_node	*k = NULL, *v = NULL;
	size_t			 i;

	/* The last `title` wins; an empty one is reported at its key. */
	for (i = 0; i + 1 < L->map->n; i += 2)
		if (strcmp(L->map->items[i]->text, "title") == 0) {
			k = L->map->items[i];
			v = L->map->items[i + 1];
		}
	if (k == NULL) {
		diag_error(L->path, fm_line, 1, "missing required key 'title'");
		L->errors++;
	} else if (is_absent(v)) {
		diag_error(L->path, k->line, k->col, "'title' is empty; a "
		    "title is required");
		L->errors++;
	} else
		L->e->title = text_value(L, "title", v);
}

/* A key and its place among the map's keys. */
struct keyref {
	const struct fm_node	*key;
	size_t			 idx;
};

static int
cmp_keyrefs(const void *a, const void *b)
{
	const struct keyref	*ka = a, *kb = b;
	int			 c = strcmp(ka->key->text, kb->key->text);

	/* Document order breaks ties: the first of a group comes first. */
	return c != 0 ? c : (ka->idx > kb->idx) - (ka->idx < kb->idx);
}

/* Warn at every repeated key, in document order; sorting keeps a huge
 * front matter from costing n^2. */
static void
warn_duplicates(const struct loader *L)
{
	struct keyref		*refs;
	const struct fm_node	*k;
	size_t			 i, nk = L->map->n / 2;
	char			*dup;

	if (nk < 2)
		return;
	refs = xmalloc(nk * sizeof(*refs));
	dup = xcalloc(nk, 1);
	for (i = 0; i < nk; i++) {
		refs[i].key = L->map->items[2 * i];
		refs[i].idx = i;
	}
	qsort(refs, nk, sizeof(*refs), cmp_keyrefs);
	for (i = 1; i < nk; i++)
		if (strcmp(refs[i].key->text, refs[i - 1].key->text) == 0)
			dup[refs[i].idx] = 1;
	for (i = 0; i < nk; i++) {
		k = L->map->items[2 * i];
		if (dup[i])
			diag_warning(L->path, k->line, k->col, "duplicate key "
			    "'%s' (the last one is used)", k->text);
	}
	free(dup);
	free(refs);
}

/* Every top-level scalar as written, and every list of scalars joined
 * with ", ", for templates ({page.KEY}). */
static void
keep_params(struct loader *L)
{
	const struct fm_node	*k, *v;
	struct buf		 b = { 0 };
	size_t			 i, j;

	for (i = 0; i + 1 < L->map->n; i += 2) {
		k = L->map->items[i];
		v = L->map->items[i + 1];
		if (v->kind == FM_MAP)
			continue;
		for (j = 0; v->kind == FM_SEQ && j < v->n; j++)
			if (v->items[j]->kind == FM_SCALAR)
				buf_printf(&b, "%s%s", b.len ? ", " : "",
				    v->items[j]->text);
		strlist_push(&L->e->params, k->text);
		strlist_push(&L->e->params, v->kind == FM_SCALAR ? v->text :
		    b.s ? b.s : "");
		buf_free(&b);
	}
}

/* RFC 4287 4.2.6: an id is an IRI with a scheme (RFC 3986 3.1), and
 * readers compare it as a string: no spaces. */
static int
is_absolute_iri(const char *s)
{
	const char	*p = s;

	if (!is_ascii_alpha((unsigned char)*p))
		return 0;
	while (is_ascii_alnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	if (*p != ':' || p[1] == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ')
			return 0;
	return 1;
}

static void
map_keys(struct loader *L, const struct fm_split *sp)
{
	struct entry		*e = L->e;
	const struct fm_node	*v;
	const char		*key;
	int			 b;

	warn_duplicates(L);
	keep_params(L);
	map_title(L, sp->yaml_line - 1);
	e->slug = text_value(L, "slug", fm_map_get(L->map, "slug"));
	map_dates(L);
	map_lists(L);
	if ((v = first_present(L, summary_keys, &key)) != NULL)
		e->description = text_value(L, key, v);
	else if ((v = fm_map_get(L->map, "description")) != NULL &&
	    v->kind == FM_SCALAR)
		e->empty_desc_line = v->line;	/* for relfeed check */
	e->subtitle = text_value(L, "subtitle", fm_map_get(L->map, "subtitle"));
	e->release = text_value(L, "release", fm_map_get(L->map, "release"));
	e->url = text_value(L, "url", fm_map_get(L->map, "url"));
	if (e->url != NULL && (strncmp(e->url, "//", 2) == 0 ||
	    (url_has_scheme(e->url) && strncmp(e->url, "http://", 7) != 0 &&
	    strncmp(e->url, "https://", 8) != 0))) {
		/* It becomes the entry's link: javascript: must not. */
		v = fm_map_get(L->map, "url");
		diag_error(L->path, v->line, v->col, "'url' must be a path such "
		    "as /news/x/ or an http(s) URL, not %s", diag_quote(0,
		    e->url, strlen(e->url)));
		L->errors++;
	}
	e->id = text_value(L, "id", fm_map_get(L->map, "id"));
	if (e->id != NULL && !is_absolute_iri(e->id)) {
		v = fm_map_get(L->map, "id");
		diag_error(L->path, v->line, v->col, "'id' must be an absolute "
		    "URI without spaces, such as tag:example.org,2019:"
		    "announcing-1.2, not %s", diag_quote(0, e->id,
		    strlen(e->id)));
		L->errors++;
	}
	v = fm_map_get(L->map, "draft");
	if (!is_absent(v)) {
		if ((b = fm_bool(v)) == -1 && v->kind != FM_SCALAR) {
			diag_error(L->path, v->line, v->col, "'draft' must be "
			    "true or false, not %s", kind_name(v));
			L->errors++;
		} else if (b == -1) {
			diag_error(L->path, v->line, v->col, "invalid value %s "
			    "for 'draft': expected true or false",
			    diag_quote(0, v->text, v->text_len));
			L->errors++;
		} else if (b)
			e->draft = 1;
	}
}

static int
is_list_file(const char *relpath)
{
	const char	*base = strrchr(relpath, '/');

	base = base != NULL ? base + 1 : relpath;
	return strcmp(base, "_index.md") == 0 ||
	    strcmp(base, "_index.markdown") == 0;
}

enum entry_load_result
entry_load(const char *path, const char *relpath, const char *data,
    size_t len, const struct entry_opts *opts, struct entry **out)
{
	enum entry_load_result	 rc = ENTRY_ERROR;
	struct loader		 L = { 0 };
	struct fm_split		 sp;
	struct fm_node		*map = NULL;
	struct bounds		 b = { 0 };

	*out = NULL;
	if (opts->bounds != NULL)
		b = *opts->bounds;
	bounds_fill(&b);
	if (utf8_check_text(path, data, len) == -1)
		goto out;
	switch (fm_split(path, data, len, &sp)) {
	case FM_SPLIT_OK:
		break;
	case FM_SPLIT_NONE:
		rc = ENTRY_SKIP;
		goto out;
	case FM_SPLIT_ERROR:
		goto out;
	}
	if (bounds_check_front_matter(path, sp.yaml_line - 1, sp.yaml_len,
	    &b) == -1 || (map = fm_parse_depth(path, data + sp.yaml_off,
	    sp.yaml_len, sp.yaml_line, b.depth)) == NULL)
		goto out;
	L.path = path;
	L.map = map;
	L.opts = opts;
	L.e = xcalloc(1, sizeof(*L.e));
	L.e->path = xstrdup(path);
	L.e->relpath = xstrdup(relpath);
	map_keys(&L, &sp);
	if (L.errors > 0)
		goto out;
	L.e->is_list_page = !L.e->has_date && is_list_file(relpath);
	L.e->body = xstrndup(data + sp.body_off, len - sp.body_off);
	L.e->body_len = len - sp.body_off;
	L.e->body_line = sp.body_line;
	*out = L.e;
	L.e = NULL;
	rc = ENTRY_OK;
out:
	entry_free(L.e);
	fm_node_free(map);
	return rc;
}

int
entry_load_body(struct entry *e, const char *data, size_t len)
{
	struct fm_split	sp;

	if (utf8_check_text(e->path, data, len) == -1)
		return -1;
	switch (fm_split(e->path, data, len, &sp)) {
	case FM_SPLIT_OK:
		break;
	case FM_SPLIT_NONE:
		diag_error(e->path, 0, 0, "no longer has front matter: it "
		    "changed while relfeed was reading it; run again");
		return -1;
	case FM_SPLIT_ERROR:
		return -1;
	}
	free(e->body);
	e->body = xstrndup(data + sp.body_off, len - sp.body_off);
	e->body_len = len - sp.body_off;
	e->body_line = sp.body_line;
	return 0;
}
