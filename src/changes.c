/* changes.c: the entries two versions of a feed differ in, each feed read
 * back into (id, time, title, content) with the library of its format. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "changes.h"
#include "util.h"

/* An entry as a feed file has it; what is compared to tell an update. */
struct item {
	char	*id;
	char	*title;
	char	*link;
	char	*stamp;		/* updated time as written, or NULL */
	char	*content;	/* the compared texts, joined */
};

struct items {
	struct item	*v;
	size_t		 n;
	size_t		 cap;
};

static void
item_clear(struct item *it)
{
	free(it->id);
	free(it->title);
	free(it->link);
	free(it->stamp);
	free(it->content);
}

static void
items_free(struct items *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		item_clear(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Take it over: an item without an id cannot be matched, and is dropped. */
static void
items_push(struct items *l, struct item *it)
{
	if (it->id == NULL || *it->id == '\0') {
		item_clear(it);
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = *it;
}

/* Content parts are joined with a byte neither XML 1.0 nor relfeed's JSON
 * lets through, so ("ab", "c") and ("a", "bc") stay apart. */
static void
add_part(struct buf *b, const char *s)
{
	buf_addc(b, '\x01');
	if (s != NULL)
		buf_adds(b, s);
}

static char *
node_text(const xmlNode *n)
{
	xmlChar	*t = xmlNodeGetContent(n);
	char	*s = xstrdup(t ? (const char *)t : "");

	xmlFree(t);
	return s;
}

static int
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Replace *dst with the text of n. */
static void
set_text(char **dst, const xmlNode *n)
{
	free(*dst);
	*dst = node_text(n);
}

/* One RSS <item> or Atom <entry>; the element names of the two formats
 * do not collide, so one walk reads both. */
static void
read_xml_item(const xmlNode *e, int atom, struct items *l)
{
	struct item	 it;
	struct buf	 content = { 0 };
	char		*guid = NULL, *t;
	const xmlNode	*c;
	xmlChar		*rel, *href;

	memset(&it, 0, sizeof(it));
	for (c = e->children; c != NULL; c = c->next) {
		if (is_elem(c, "title"))
			set_text(&it.title, c);
		else if (is_elem(c, "guid") || (atom && is_elem(c, "id")))
			set_text(&guid, c);
		else if (is_elem(c, "pubDate") || is_elem(c, "updated"))
			set_text(&it.stamp, c);
		else if (!atom && is_elem(c, "link"))
			set_text(&it.link, c);
		else if (atom && is_elem(c, "link") && it.link == NULL) {
			/* RFC 4287 4.2.7.2: no rel means "alternate". */
			rel = xmlGetProp(c, (const xmlChar *)"rel");
			href = xmlGetProp(c, (const xmlChar *)"href");
			if (href != NULL && (rel == NULL ||
			    strcmp((const char *)rel, "alternate") == 0))
				it.link = xstrdup((const char *)href);
			xmlFree(rel);
			xmlFree(href);
		} else if (is_elem(c, "description") || is_elem(c, "encoded") ||
		    is_elem(c, "summary") || is_elem(c, "content")) {
			t = node_text(c);
			buf_adds(&content, (const char *)c->name);
			add_part(&content, t);
			buf_addc(&content, '\x01');
			free(t);
		}
	}
	/* RSS 2.0: an item without a guid is known by its link. */
	it.id = guid != NULL ? guid : it.link != NULL ? xstrdup(it.link) : NULL;
	add_part(&content, it.title);
	it.content = buf_detach(&content);
	items_push(l, &it);
}

/* 0 and the items of an RSS or Atom document, else -1. */
static int
read_xml(const char *doc, size_t len, struct items *l)
{
	xmlDoc		*x;
	const xmlNode	*root, *chan = NULL, *c;
	int		 rc = -1, atom;

	if (len > (size_t)INT32_MAX)
		return -1;
	x = xmlReadMemory(doc, (int)len, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (x == NULL || (root = xmlDocGetRootElement(x)) == NULL)
		goto out;
	atom = is_elem(root, "feed") && root->ns != NULL &&
	    strcmp((const char *)root->ns->href, "http://www.w3.org/2005/Atom")
	    == 0;
	if (atom)
		chan = root;
	else if (is_elem(root, "rss"))
		for (c = root->children; c != NULL && chan == NULL; c = c->next)
			if (is_elem(c, "channel"))
				chan = c;
	if (chan == NULL)
		goto out;
	for (c = chan->children; c != NULL; c = c->next)
		if (is_elem(c, atom ? "entry" : "item"))
			read_xml_item(c, atom, l);
	rc = 0;
out:
	xmlFreeDoc(x);
	return rc;
}

static char *
json_text(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? xstrdup(s) : NULL;
}

/* 0 and the items of a JSON Feed, else -1. */
static int
read_json(const char *doc, size_t len, struct items *l)
{
	static const char *const parts[] = {
		"summary", "content_html", "content_text"
	};
	json_error_t	 err;
	json_t		*root, *items, *o;
	struct item	 it;
	struct buf	 content = { 0 };
	size_t		 i, k;
	char		*t;
	int		 rc = -1;

	if ((root = json_loadb(doc, len, 0, &err)) == NULL)
		return -1;
	if ((items = json_object_get(root, "items")) == NULL ||
	    !json_is_array(items))
		goto out;
	json_array_foreach(items, i, o) {
		memset(&it, 0, sizeof(it));
		it.id = json_text(o, "id");
		it.title = json_text(o, "title");
		it.link = json_text(o, "url");
		if ((it.stamp = json_text(o, "date_modified")) == NULL)
			it.stamp = json_text(o, "date_published");
		for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			t = json_text(o, parts[k]);
			buf_adds(&content, parts[k]);
			add_part(&content, t);
			buf_addc(&content, '\x01');
			free(t);
		}
		add_part(&content, it.title);
		it.content = buf_detach(&content);
		items_push(l, &it);
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* A feed of either kind: JSON starts with '{', XML with anything else. */
static int
read_feed(const char *doc, size_t len, struct items *l)
{
	size_t	i = 0;

	while (i < len && is_ascii_space((unsigned char)doc[i]))
		i++;
	return i < len && doc[i] == '{' ? read_json(doc, len, l) :
	    read_xml(doc, len, l);
}

static int
cmp_item_ids(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;
	int c = strcmp(x->id, y->id);

	/* Ties by place: a foreign feed may repeat an id. */
	return c != 0 ? c : (x > y) - (x < y);
}

/* The items of l sorted by id, for bsearch; the caller frees the array. */
static struct item **
index_items(const struct items *l)
{
	struct item	**v = xcalloc(l->n + 1, sizeof(*v));
	size_t		  i;

	for (i = 0; i < l->n; i++)
		v[i] = &l->v[i];
	qsort(v, l->n, sizeof(*v), cmp_item_ids);
	return v;
}

/* The item of idx[0..n) with the id of it, or NULL. */
static const struct item *
find_item(struct item *const *idx, size_t n, const struct item *it)
{
	size_t	lo = 0, hi = n, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(idx[mid]->id, it->id)) == 0)
			return idx[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
same_str(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static void
add_change(struct changes *out, enum change_kind kind, const struct item *it)
{
	struct change	*c;

	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	c = &out->v[out->n++];
	c->kind = kind;
	c->id = xstrdup(it->id);
	c->title = it->title ? xstrdup(it->title) : NULL;
	c->link = it->link ? xstrdup(it->link) : NULL;
	if (kind == CHANGE_ADDED)
		out->nadded++;
	else if (kind == CHANGE_REMOVED)
		out->nremoved++;
	else
		out->nupdated++;
}

int
changes_compare(const char *old, size_t oldlen, const char *new,
    size_t newlen, struct changes *out)
{
	struct items	  a = { 0 }, b = { 0 };
	struct item	**ia = NULL, **ib = NULL;
	const struct item *hit;
	size_t		  i;
	int		  rc = 0;

	memset(out, 0, sizeof(*out));
	if (old != NULL && read_feed(old, oldlen, &a) == -1) {
		items_free(&a);
		rc = -1;
	}
	/* The new feed was made and parsed back by this run. */
	(void)read_feed(new, newlen, &b);
	ia = index_items(&a);
	ib = index_items(&b);
	for (i = 0; i < b.n; i++) {
		if ((hit = find_item(ia, a.n, &b.v[i])) == NULL)
			add_change(out, CHANGE_ADDED, &b.v[i]);
		else if (!same_str(hit->stamp, b.v[i].stamp) ||
		    !same_str(hit->content, b.v[i].content))
			add_change(out, CHANGE_UPDATED, &b.v[i]);
	}
	for (i = 0; i < a.n; i++)
		if (find_item(ib, b.n, &a.v[i]) == NULL)
			add_change(out, CHANGE_REMOVED, &a.v[i]);
	free(ia);
	free(ib);
	items_free(&a);
	items_free(&b);
	return rc;
}

void
changes_free(struct changes *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].title);
		free(c->v[i].link);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
