/* config.c: relfeed.yaml read through the front-matter YAML reader into a
 * struct config, key by key from a table, every mistake reported once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_impl.h"
#include "date.h"
#include "diag.h"
#include "utf8.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "permalink.h"
#include "shortcode.h"
#include "url.h"
#include "util.h"

/* author: "Name", "Name <a@b>", or { name: ..., email: ... }. */
static int
parse_author(struct loader *L, const char *key, const struct fm_node *v)
{
	const struct fm_node	*k, *val;
	size_t			 i;
	int			 rc = 0;

	if (v->kind == FM_SCALAR)
		return set_string(L, key, v, &L->c->author_name);
	if (v->kind != FM_MAP) {
		bad(L, v, "'%s' must be a name or a mapping with name and "
		    "email, not %s", key, kind_name(v));
		return -1;
	}
	for (i = 0; i + 1 < v->n; i += 2) {
		k = v->items[i];
		val = v->items[i + 1];
		if (has_dup_key(L, v, i))
			rc = -1;
		else if (strcmp(k->text, "name") == 0)
			rc |= set_string(L, "author.name", val,
			    &L->c->author_name);
		else if (strcmp(k->text, "email") == 0)
			rc |= set_string(L, "author.email", val,
			    &L->c->author_email);
		else {
			bad(L, k, "unknown key '%s' in '%s' (expected name, "
			    "email)", k->text, key);
			rc = -1;
		}
	}
	return rc;
}

static int
parse_timezone(struct loader *L, const char *key, const struct fm_node *v)
{
	const char	*s = scalar(L, key, v);

	if (s == NULL)
		return -1;
	if (date_parse_zone(s, &L->c->tz_off) == -1) {
		bad(L, v, "'%s' must be UTC or an offset such as +02:00 or "
		    "-0700, not %s", key, diag_quote(0, s, strlen(s)));
		return -1;
	}
	L->c->has_timezone = 1;
	return 0;
}

static int
parse_content_mode(struct loader *L, const char *key, const struct fm_node *v)
{
	const char	*s = scalar(L, key, v);

	if (s == NULL)
		return -1;
	if (strcmp(s, "full") == 0)
		L->c->content_mode = CONTENT_FULL;
	else if (strcmp(s, "summary") == 0)
		L->c->content_mode = CONTENT_SUMMARY;
	else {
		bad(L, v, "'%s' must be full or summary, not %s", key,
		    diag_quote(0, s, strlen(s)));
		return -1;
	}
	L->c->has_content_mode = 1;
	return 0;
}

/* shortcodes: a mapping of shortcode name to template text. */
static int
parse_shortcodes(struct loader *L, const char *key, const struct fm_node *v)
{
	struct config		*c = L->c;
	const struct fm_node	*k, *t;
	size_t			 i;
	int			 rc = 0;

	if (v->kind != FM_MAP) {
		bad(L, v, "'%s' must map shortcode names to templates, not %s",
		    key, kind_name(v));
		return -1;
	}
	c->shortcodes = xcalloc(v->n / 2 + 1, sizeof(*c->shortcodes));
	for (i = 0; i + 1 < v->n; i += 2) {
		k = v->items[i];
		t = v->items[i + 1];
		if (has_dup_key(L, v, i)) {
			rc = -1;
			continue;
		}
		if (t->kind != FM_SCALAR) {
			bad(L, t, "the template of shortcode '%s' must be text, "
			    "not %s", k->text, kind_name(t));
			rc = -1;
			continue;
		}
		if (shortcode_check_template(L->path, t->line, t->col,
		    t->text) == -1) {
			L->errors++;
			rc = -1;
			continue;
		}
		c->shortcodes[c->nshortcodes].name = xstrdup(k->text);
		c->shortcodes[c->nshortcodes].text = xstrdup(t->text);
		c->nshortcodes++;
	}
	return rc;
}


/* dates: the front-matter keys a publish date is read from, first present
 * wins, ":filename" for a Jekyll-style file name. */
static int
parse_dates(struct loader *L, const char *key, const struct fm_node *v)
{
	size_t	i;

	if (parse_strings(L, key, v, &L->c->date_keys) == -1)
		return -1;
	for (i = 0; i < L->c->date_keys.n; i++)
		if (L->c->date_keys.v[i][0] == ':' &&
		    strcmp(L->c->date_keys.v[i], ":filename") != 0) {
			bad(L, v, "'%s': unknown date source %s (expected a "
			    "front-matter key or :filename)", key,
			    diag_quote(0, L->c->date_keys.v[i],
			    strlen(L->c->date_keys.v[i])));
			return -1;
		}
	return 0;
}

/* cache: a file for the front-matter cache, false for none, true for the
 * default place. */
static int
parse_cache(struct loader *L, const char *key, const struct fm_node *v)
{
	int	b = fm_bool(v);

	if (b == -1)
		return set_path(L, key, v, &L->c->cache);
	L->c->no_cache = !b;
	return 0;
}

/* permalinks: a mapping of top-level section to pattern. */
static int
parse_permalinks(struct loader *L, const char *key, const struct fm_node *v)
{
	struct config		*c = L->c;
	const struct fm_node	*t;
	size_t			 i;
	int			 rc = 0;

	if (v->kind != FM_MAP) {
		bad(L, v, "'%s' must map sections to patterns such as "
		    "/blog/:year/:slug/, not %s", key, kind_name(v));
		return -1;
	}
	c->permalinks = xcalloc(v->n / 2 + 1, sizeof(*c->permalinks));
	for (i = 0; i + 1 < v->n; i += 2) {
		t = v->items[i + 1];
		if (has_dup_key(L, v, i)) {
			rc = -1;
			continue;
		}
		if (t->kind != FM_SCALAR) {
			bad(L, t, "the permalink pattern of '%s' must be text, "
			    "not %s", v->items[i]->text, kind_name(t));
			rc = -1;
			continue;
		}
		if (permalink_check(t->text) == -1) {
			bad(L, t, "permalink pattern %s: expected a path "
			    "starting with '/' made of text and :year, "
			    ":month, :day, :section, :slug, :filename, :title",
			    diag_quote(0, t->text, t->text_len));
			rc = -1;
			continue;
		}
		c->permalinks[c->npermalinks].section =
		    xstrdup(v->items[i]->text);
		c->permalinks[c->npermalinks].pattern = xstrdup(t->text);
		c->npermalinks++;
	}
	return rc;
}

/* The site keys, in the order the reference documents them. */
enum key_type {
	K_STRING, K_URL, K_PATH, K_COUNT, K_FORMATS, K_AUTHOR, K_TIMEZONE,
	K_CONTENT_MODE, K_BOOL, K_DATES, K_PERMALINKS, K_SHORTCODES, K_FEEDS,
	K_NEW, K_CACHE, K_BYTES, K_DEPTH, K_ENTRIES
};

static const struct site_key {
	const char	*name;
	enum key_type	 type;
	size_t		 off;	/* of the char * member, for the simple types */
} site_keys[] = {
	{ "title",	  K_STRING,	  offsetof(struct config, title) },
	{ "description",  K_STRING,	  offsetof(struct config, description) },
	{ "base_url",	  K_URL,	  offsetof(struct config, base_url) },
	{ "feed_url",	  K_URL,	  offsetof(struct config, feed_url) },
	{ "content_url",  K_URL,	  offsetof(struct config, content_url) },
	{ "language",	  K_STRING,	  offsetof(struct config, language) },
	{ "author",	  K_AUTHOR,	  0 },
	{ "timezone",	  K_TIMEZONE,	  0 },
	{ "content",	  K_PATH,	  offsetof(struct config, content) },
	{ "output",	  K_PATH,	  offsetof(struct config, output) },
	{ "limit",	  K_COUNT,	  0 },
	{ "formats",	  K_FORMATS,	  0 },
	{ "content_mode", K_CONTENT_MODE, 0 },
	{ "hub",	  K_URL,	  offsetof(struct config, hub) },
	{ "icon",	  K_URL,	  offsetof(struct config, icon) },
	{ "logo",	  K_URL,	  offsetof(struct config, logo) },
	{ "copyright",	  K_STRING,	  offsetof(struct config, copyright) },
	{ "on_change",	  K_STRING,	  offsetof(struct config, on_change) },
	{ "bundle_pages", K_BOOL,	  offsetof(struct config, bundle_pages) },
	{ "raw_html",	  K_BOOL,	  offsetof(struct config, raw_html) },
	{ "stylesheet",	  K_BOOL,	  offsetof(struct config, stylesheet) },
	{ "preview",	  K_BOOL,	  offsetof(struct config, preview) },
	{ "dates",	  K_DATES,	  0 },
	{ "permalinks",	  K_PERMALINKS,	  0 },
	{ "shortcodes",	  K_SHORTCODES,	  0 },
	{ "feeds",	  K_FEEDS,	  0 },
	{ "new",	  K_NEW,	  0 },
	{ "cache",	  K_CACHE,	  0 },
	{ "max_file_size", K_BYTES,	  offsetof(struct config, bounds.file_size) },
	{ "max_front_matter", K_BYTES, offsetof(struct config, bounds.front_matter) },
	{ "max_depth",	  K_DEPTH,	  offsetof(struct config, bounds.depth) },
	{ "max_entries",  K_ENTRIES,	  offsetof(struct config, bounds.entries) },
};

/* max_file_size: 16M and the other limits (bounds.h). */
static int
parse_bound(struct loader *L, const char *key, enum key_type type,
    const struct fm_node *v, size_t *dst)
{
	const char	*s = scalar(L, key, v);

	if (s == NULL)
		return -1;
	if (type == K_BYTES && bounds_parse_size(s, dst) == -1)
		bad(L, v, "'%s' must be a number of bytes, at least 1, with an "
		    "optional k, M or G (such as 16M), not %s", key,
		    diag_quote(0, s, strlen(s)));
	else if (type == K_DEPTH && bounds_parse_count(s, BOUNDS_DEPTH_MAX,
	    dst) == -1)
		bad(L, v, "'%s' must be a number from 1 to %d, not %s", key,
		    BOUNDS_DEPTH_MAX, diag_quote(0, s, strlen(s)));
	else if (type == K_ENTRIES && bounds_parse_count(s, SIZE_MAX,
	    dst) == -1)
		bad(L, v, "'%s' must be a number, at least 1, not %s", key,
		    diag_quote(0, s, strlen(s)));
	else
		return 0;
	return -1;
}

static int
parse_site_key(struct loader *L, const struct site_key *k,
    const struct fm_node *v)
{
	char	**dst = (char **)(void *)((char *)L->c + k->off);

	switch (k->type) {
	case K_STRING:
		return set_string(L, k->name, v, dst);
	case K_URL:
		return set_url(L, k->name, v, dst);
	case K_PATH:
		return set_path(L, k->name, v, dst);
	case K_COUNT:
		L->c->has_limit = 1;
		return parse_count(L, k->name, v, &L->c->limit);
	case K_FORMATS:
		return parse_formats_node(L, k->name, v, &L->c->formats);
	case K_AUTHOR:
		return parse_author(L, k->name, v);
	case K_TIMEZONE:
		return parse_timezone(L, k->name, v);
	case K_CONTENT_MODE:
		return parse_content_mode(L, k->name, v);
	case K_BOOL:
		return set_bool(L, k->name, v, (int *)(void *)((char *)L->c +
		    k->off));
	case K_DATES:
		return parse_dates(L, k->name, v);
	case K_PERMALINKS:
		return parse_permalinks(L, k->name, v);
	case K_SHORTCODES:
		return parse_shortcodes(L, k->name, v);
	case K_FEEDS:
		return config_parse_feeds(L, k->name, v);
	case K_NEW:
		return config_parse_new(L, k->name, v);
	case K_CACHE:
		return parse_cache(L, k->name, v);
	case K_BYTES:
	case K_DEPTH:
	case K_ENTRIES:
		return parse_bound(L, k->name, k->type, v,
		    (size_t *)(void *)((char *)L->c + k->off));
	}
	return -1;
}


void
config_free(struct config *c)
{
	size_t	i;

	if (c == NULL)
		return;
	free(c->path);
	free(c->title);
	free(c->description);
	free(c->base_url);
	free(c->feed_url);
	free(c->content_url);
	free(c->language);
	free(c->author_name);
	free(c->author_email);
	free(c->content);
	free(c->output);
	free(c->hub);
	free(c->icon);
	free(c->logo);
	free(c->copyright);
	free(c->on_change);
	free(c->cache);
	for (i = 0; i < c->nshortcodes; i++) {
		free(c->shortcodes[i].name);
		free(c->shortcodes[i].text);
	}
	free(c->shortcodes);
	strlist_clear(&c->date_keys);
	for (i = 0; i < c->npermalinks; i++) {
		free(c->permalinks[i].section);
		free(c->permalinks[i].pattern);
	}
	free(c->permalinks);
	config_free_feeds(c->feeds, c->nfeeds);
	free(c->new_path);
	free(c->new_template);
	free(c);
}

struct config *
config_parse(const char *path, const char *dir, const char *text, size_t len)
{
	struct loader		 L;
	struct fm_node		*root;
	const struct fm_node	*k;
	size_t			 i, j;
	int			 known;

	memset(&L, 0, sizeof(L));
	L.path = path;
	L.dir = dir;
	if (utf8_check_text(path, text, len) == -1)
		return NULL;
	if ((root = fm_parse_doc(path, text, len, 1, "the config file")) == NULL)
		return NULL;
	L.c = xcalloc(1, sizeof(*L.c));
	L.c->path = xstrdup(path);
	for (i = 0; i + 1 < root->n; i += 2) {
		k = root->items[i];
		if (has_dup_key(&L, root, i))
			continue;
		for (known = 0, j = 0; j < sizeof(site_keys) /
		    sizeof(site_keys[0]); j++)
			if (strcmp(k->text, site_keys[j].name) == 0) {
				known = 1;
				(void)parse_site_key(&L, &site_keys[j],
				    root->items[i + 1]);
			}
		if (!known)
			bad(&L, k, "unknown key '%s' (see relfeed.yaml(5) for "
			    "the keys)", k->text);
	}
	fm_node_free(root);
	if (L.errors > 0) {
		config_free(L.c);
		return NULL;
	}
	return L.c;
}

struct config *
config_load(const char *path)
{
	struct config	*c;
	const char	*slash = strrchr(path, '/');
	char		*data, *dir;
	size_t		 len;

	if (fsutil_read_file(path, &data, &len) == -1)
		return NULL;
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	c = config_parse(path, dir, data, len);
	free(dir);
	free(data);
	return c;
}
