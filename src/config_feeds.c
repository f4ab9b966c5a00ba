/* config_feeds.c: the feeds: list of relfeed.yaml, names checked so that no
 * feed can be written outside the output directory. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "config_impl.h"
#include "diag.h"
#include "util.h"

/* A feed name becomes directories under the output directory: it must stay
 * inside it. Segments are separated by '/', none empty, "." or "..". */
static int
check_feed_name(struct loader *L, const struct fm_node *v, const char *s)
{
	const char	*seg = s, *end;
	size_t		 n;

	if (*s == '\0' || *s == '/') {
		bad(L, v, "feed name %s must be a relative path inside the "
		    "output directory", diag_quote(0, s, strlen(s)));
		return -1;
	}
	for (;;) {
		end = strchr(seg, '/');
		n = end ? (size_t)(end - seg) : strlen(seg);
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.') ||
		    memchr(seg, '\\', n) != NULL) {
			bad(L, v, "feed name %s would leave the output "
			    "directory or has an empty part",
			    diag_quote(0, s, strlen(s)));
			return -1;
		}
		if (end == NULL)
			break;
		seg = end + 1;
	}
	return 0;
}

static const struct filter_key {
	const char	*name;
	size_t		 off;
} filter_keys[] = {
	{ "section",	  offsetof(struct feed_filter, section) },
	{ "tag",	  offsetof(struct feed_filter, tag) },
	{ "release_line", offsetof(struct feed_filter, release_line) },
	{ "kind",	  offsetof(struct feed_filter, kind) },
	{ "key",	  offsetof(struct feed_filter, key) },
};

static int
parse_filter(struct loader *L, const char *key, const struct fm_node *v,
    struct feed_filter *f)
{
	const struct fm_node	*k;
	struct strlist		*l;
	size_t			 i, j;
	int			 rc = 0, known;

	if (v->kind != FM_MAP) {
		bad(L, v, "'%s' must be a mapping of section, tag, release_line, "
		    "kind or key to values, not %s", key, kind_name(v));
		return -1;
	}
	for (i = 0; i + 1 < v->n; i += 2) {
		k = v->items[i];
		if (has_dup_key(L, v, i)) {
			rc = -1;
			continue;
		}
		for (known = 0, j = 0; j < sizeof(filter_keys) /
		    sizeof(filter_keys[0]); j++) {
			if (strcmp(k->text, filter_keys[j].name) != 0)
				continue;
			known = 1;
			l = (struct strlist *)(void *)((char *)f +
			    filter_keys[j].off);
			if (parse_strings(L, k->text, v->items[i + 1], l) == -1)
				rc = -1;
		}
		if (!known) {
			bad(L, k, "unknown key '%s' in '%s' (expected section, "
			    "tag, release_line, kind, key)", k->text, key);
			rc = -1;
		}
	}
	for (j = 0; j < f->kind.n; j++)
		if (strcmp(f->kind.v[j], "major") != 0 &&
		    strcmp(f->kind.v[j], "minor") != 0 &&
		    strcmp(f->kind.v[j], "patch") != 0) {
			bad(L, v, "kind %s is not one of major, minor, patch",
			    diag_quote(0, f->kind.v[j], strlen(f->kind.v[j])));
			rc = -1;
		}
	return rc;
}

static int
parse_per(struct loader *L, const struct fm_node *v, enum feed_per *per)
{
	const char	*s = scalar(L, "per", v);

	if (s == NULL)
		return -1;
	if (strcmp(s, "tags") == 0)
		*per = PER_TAGS;
	else if (strcmp(s, "release_line") == 0)
		*per = PER_RELEASE_LINE;
	else {
		bad(L, v, "'per' must be tags or release_line, not %s",
		    diag_quote(0, s, strlen(s)));
		return -1;
	}
	return 0;
}

static int
parse_feed(struct loader *L, const struct fm_node *v, struct feed_spec *f)
{
	const struct fm_node	*k, *val, *name = NULL;
	size_t			 i;
	int			 rc = 0;
	const char		*want;

	if (v->kind != FM_MAP) {
		bad(L, v, "each of 'feeds' must be a mapping with a name, not "
		    "%s", kind_name(v));
		return -1;
	}
	f->line = v->line;
	for (i = 0; i + 1 < v->n; i += 2) {
		k = v->items[i];
		val = v->items[i + 1];
		if (has_dup_key(L, v, i))
			rc = -1;
		else if (strcmp(k->text, "name") == 0) {
			name = val;
			rc |= set_string(L, "name", val, &f->name);
		} else if (strcmp(k->text, "title") == 0)
			rc |= set_string(L, "title", val, &f->title);
		else if (strcmp(k->text, "description") == 0)
			rc |= set_string(L, "description", val, &f->description);
		else if (strcmp(k->text, "limit") == 0) {
			f->has_limit = 1;
			rc |= parse_count(L, "limit", val, &f->limit);
		} else if (strcmp(k->text, "formats") == 0)
			rc |= parse_formats_node(L, "formats", val, &f->formats);
		else if (strcmp(k->text, "per") == 0)
			rc |= parse_per(L, val, &f->per);
		else if (strcmp(k->text, "include") == 0)
			rc |= parse_filter(L, "include", val, &f->include);
		else if (strcmp(k->text, "exclude") == 0)
			rc |= parse_filter(L, "exclude", val, &f->exclude);
		else {
			bad(L, k, "unknown key '%s' in a feed (expected name, "
			    "title, description, limit, formats, per, include, "
			    "exclude)", k->text);
			rc = -1;
		}
	}
	if (name == NULL) {
		bad(L, v, "a feed needs a 'name'");
		return -1;
	}
	if (f->name == NULL || check_feed_name(L, name, f->name) == -1)
		return -1;
	want = f->per == PER_TAGS ? "{tag}" :
	    f->per == PER_RELEASE_LINE ? "{release_line}" : NULL;
	if (want != NULL && strstr(f->name, want) == NULL) {
		bad(L, name, "the name of a feed made per %s must hold %s",
		    f->per == PER_TAGS ? "tag" : "release line", want);
		rc = -1;
	} else if (want == NULL && strchr(f->name, '{') != NULL) {
		bad(L, name, "feed name %s has a placeholder but no 'per'",
		    diag_quote(0, f->name, strlen(f->name)));
		rc = -1;
	}
	return rc;
}

int
config_parse_feeds(struct loader *L, const char *key, const struct fm_node *v)
{
	struct config	*c = L->c;
	size_t		 i, j;
	int		 rc = 0;

	if (v->kind != FM_SEQ) {
		bad(L, v, "'%s' must be a list of feeds, not %s", key,
		    kind_name(v));
		return -1;
	}
	c->feeds = xcalloc(v->n + 1, sizeof(*c->feeds));
	for (i = 0; i < v->n; i++) {
		if (parse_feed(L, v->items[i], &c->feeds[c->nfeeds]) == -1)
			rc = -1;
		c->nfeeds++;
	}
	for (i = 0; rc == 0 && i < c->nfeeds; i++)
		for (j = 0; j < i; j++)
			if (strcmp(c->feeds[i].name, c->feeds[j].name) == 0) {
				bad(L, v->items[i], "feed name %s is used twice "
				    "(first at line %d)", diag_quote(0,
				    c->feeds[i].name, strlen(c->feeds[i].name)),
				    c->feeds[j].line);
				rc = -1;
			}
	return rc;
}

static void
filter_clear(struct feed_filter *f)
{
	strlist_clear(&f->section);
	strlist_clear(&f->tag);
	strlist_clear(&f->release_line);
	strlist_clear(&f->kind);
	strlist_clear(&f->key);
}

void
config_free_feeds(struct feed_spec *feeds, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(feeds[i].name);
		free(feeds[i].title);
		free(feeds[i].description);
		filter_clear(&feeds[i].include);
		filter_clear(&feeds[i].exclude);
	}
	free(feeds);
}
