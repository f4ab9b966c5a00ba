/* validate_atom.c: an Atom 1.0 document checked against the RFC 4287 rules
 * its RELAX NG schema cannot express, then against the schema. */
#include <string.h>

#include <libxml/hash.h>

#include "diag.h"
#include "util.h"
#include "validate_int.h"

/* What the walk over the feed learns. */
struct atom_state {
	const char	*path;
	xmlHashTablePtr	 ids;		/* entry id -> its entry element */
	xmlHashTablePtr	 updated;	/* atom:updated -> its element */
	char		*feed_id;	/* owned (xmlFree) */
	int		 feed_author;	/* the feed has an atom:author */
	int		 self_link;	/* the feed has a rel="self" link */
};

static int
is_atom(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, (const xmlChar *)VALIDATE_NS_ATOM) &&
	    (name == NULL || xmlStrEqual(n->name, (const xmlChar *)name));
}

/* The first Atom child of n named name, or NULL. */
static const xmlNode *
child(const xmlNode *n, const char *name)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (is_atom(c, name))
			break;
	return c;
}

/* An attribute as a C string, or NULL; the caller frees it (xmlFree). */
static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* Warn about a URL attribute or text a reader must resolve itself. */
static void
check_relative(const char *path, const xmlNode *n, const char *what,
    const char *url)
{
	if (url != NULL && url[0] != '\0' && url[0] != '#' &&
	    !validate_is_absolute(url))
		diag_warning(path, validate_line(n), 0, "relative %s %s: feed "
		    "readers resolve it against the wrong base or not at all",
		    what, diag_quote(0, url, strlen(url)));
}

/*
 * Rules on single elements, wherever they are: ids, URLs, HTML.
 * Extension elements and XHTML content are not Atom and are skipped.
 */
static void
check_element(struct atom_state *st, xmlNodePtr n)
{
	const char	*name = (const char *)n->name;
	char		*text = NULL, *v = NULL;

	if (!is_atom(n, NULL))
		goto out;
	text = validate_text(n);
	if (strcmp(name, "id") == 0) {
		/* RFC 4287 4.2.6: an IRI, and RFC 3987 IRIs are absolute. */
		if (text != NULL && !validate_is_absolute(text))
			diag_error(st->path, validate_line(n), 0, "id %s is not "
			    "an absolute IRI, e.g. \"tag:example.org,2024:1\" "
			    "or \"https://example.org/1\" (RFC 4287 4.2.6)",
			    diag_quote(0, text, strlen(text)));
	} else if (strcmp(name, "link") == 0) {
		check_relative(st->path, n, "link href",
		    v = attr(n, "href"));
	} else if (strcmp(name, "icon") == 0 || strcmp(name, "logo") == 0 ||
	    strcmp(name, "uri") == 0) {
		check_relative(st->path, n, name, text);
	} else if (strcmp(name, "content") == 0 ||
	    strcmp(name, "summary") == 0 || strcmp(name, "title") == 0 ||
	    strcmp(name, "subtitle") == 0 || strcmp(name, "rights") == 0) {
		/* RFC 4287 3.1.1.2 and 4.1.3: type="html" is escaped HTML. */
		v = attr(n, "type");
		if (v != NULL && strcmp(v, "html") == 0 && text != NULL)
			validate_html_refs(st->path, validate_line(n), name,
			    text);
		xmlFree(v);
		v = NULL;
		if (strcmp(name, "content") == 0)
			check_relative(st->path, n, "content src",
			    v = attr(n, "src"));
	}
out:
	xmlFree(v);
	xmlFree(text);
}

/* RFC 4287 3.3: a date-time as RFC 3339 defines it, zone included, with
 * an upper-case "T" and "Z"; the schema's xsd:dateTime leaves the zone
 * out. */
static void
check_date(struct atom_state *st, xmlNodePtr n)
{
	const char	*name = (const char *)n->name;
	char		*text = NULL;

	if (!is_atom(n, "updated") && !is_atom(n, "published"))
		goto out;
	if ((text = validate_text(n)) == NULL || !validate_is_rfc3339(text))
		diag_error(st->path, validate_line(n), 0, "%s %s is not an RFC "
		    "3339 date-time with a zone, e.g. \"2024-01-31T10:00:00Z\" "
		    "(RFC 4287 3.3)", name, diag_quote(0, text ? text : "",
		    text ? strlen(text) : 0));
	else if (strpbrk(text, "tz") != NULL)
		diag_error(st->path, validate_line(n), 0, "%s %s: Atom wants an "
		    "upper-case \"T\" and \"Z\" (RFC 4287 3.3)", name,
		    diag_quote(0, text, strlen(text)));
out:
	xmlFree(text);
}

/* Once check_date() has judged a date, the schema is shown a stand-in: it
 * would only repeat the error in its own words (three times, cascading),
 * and it rejects the leap second RFC 3339 allows. A date holding elements
 * is left for the schema to reject. */
static void
stand_in_date(struct atom_state *st, xmlNodePtr n)
{
	const xmlNode	*c;

	(void)st;
	if (!is_atom(n, "updated") && !is_atom(n, "published"))
		goto out;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			goto out;
	xmlNodeSetContent(n, (const xmlChar *)"1970-01-01T00:00:00Z");
out:
	return;
}

/* Call fn on the Atom elements under n, and under those that hold more
 * (author, contributor, source, entry), not inside text. */
static void
walk(struct atom_state *st, xmlNodePtr n,
    void (*fn)(struct atom_state *, xmlNodePtr))
{
	xmlNodePtr	c;

	for (c = n->children; c != NULL; c = c->next) {
		if (!is_atom(c, NULL))
			continue;
		fn(st, c);
		if (is_atom(c, "author") || is_atom(c, "contributor") ||
		    is_atom(c, "source") || is_atom(c, "entry"))
			walk(st, c, fn);
	}
}

/* 1 if n has an atom:link whose rel (default "alternate", RFC 4287
 * 4.2.7.2) is rel. */
static int
has_link(const xmlNode *n, const char *rel)
{
	const xmlNode	*c;
	char		*r;
	int		 found = 0;

	for (c = n->children; c != NULL && !found; c = c->next) {
		if (!is_atom(c, "link"))
			continue;
		r = attr(c, "rel");
		found = strcmp(r != NULL ? r : "alternate", rel) == 0;
		xmlFree(r);
	}
	return found;
}

static void
check_entry(struct atom_state *st, xmlNodePtr e)
{
	const xmlNode	*id, *src, *first;
	char		*idv = NULL, *u1 = NULL, *u2 = NULL;
	int		 line = validate_line(e);

	/* RFC 4287 4.1.1: an entry without an author needs a feed author,
	 * or one in its atom:source (4.1.2). */
	src = child(e, "source");
	if (!st->feed_author && child(e, "author") == NULL &&
	    (src == NULL || child(src, "author") == NULL))
		diag_error(st->path, line, 0, "entry has no author and the "
		    "feed has none (RFC 4287 4.1.1)");
	/* RFC 4287 4.1.1: without atom:content, a rel="alternate" link. */
	if (child(e, "content") == NULL && !has_link(e, "alternate"))
		diag_error(st->path, line, 0, "entry has neither content nor "
		    "a link rel=\"alternate\" (RFC 4287 4.1.1)");
	/* A strict validator's warning: entries of one time are shown in
	 * any order. Same-day releases without a time of day do that. */
	if (child(e, "updated") != NULL &&
	    (u1 = validate_text(child(e, "updated"))) != NULL) {
		if ((first = xmlHashLookup(st->updated, (const xmlChar *)u1)))
			diag_warning(st->path, validate_line(child(e,
			    "updated")), 0, "entry has the same updated time %s "
			    "as the entry at line %d: readers may show them in "
			    "either order", u1, validate_line(first));
		else
			(void)xmlHashAddEntry(st->updated, (const xmlChar *)u1,
			    e);
		xmlFree(u1);
		u1 = NULL;
	}
	if ((id = child(e, "id")) == NULL ||
	    (idv = validate_text(id)) == NULL)
		goto out;
	if (st->feed_id != NULL && strcmp(idv, st->feed_id) == 0)
		diag_error(st->path, validate_line(id), 0, "entry id %s is "
		    "also the feed's id (RFC 4287 4.2.6: ids are unique)",
		    diag_quote(0, idv, strlen(idv)));
	first = xmlHashLookup(st->ids, (const xmlChar *)idv);
	if (first == NULL) {
		(void)xmlHashAddEntry(st->ids, (const xmlChar *)idv, e);
		goto out;
	}
	/* RFC 4287 4.1.1: the same id twice is one entry in two revisions,
	 * which only a different atom:updated tells apart. */
	if (child(first, "updated") != NULL)
		u1 = validate_text(child(first, "updated"));
	if (child(e, "updated") != NULL)
		u2 = validate_text(child(e, "updated"));
	if (u1 != NULL && u2 != NULL && strcmp(u1, u2) != 0)
		diag_warning(st->path, validate_line(id), 0, "entry id %s "
		    "also used at line %d: readers show only one revision",
		    diag_quote(0, idv, strlen(idv)), validate_line(first));
	else
		diag_error(st->path, validate_line(id), 0, "duplicate entry "
		    "id %s, first used at line %d (RFC 4287 4.1.1)",
		    diag_quote(0, idv, strlen(idv)), validate_line(first));
out:
	xmlFree(u1);
	xmlFree(u2);
	xmlFree(idv);
}

void
validate_atom(const char *path, xmlDocPtr doc)
{
	struct atom_state	 st = { path, NULL, NULL, NULL, 0, 0 };
	xmlNodePtr		 feed = xmlDocGetRootElement(doc), c;
	const xmlNode		*id;

	walk(&st, feed, check_date);
	st.ids = xmlHashCreate(64);
	st.updated = xmlHashCreate(64);
	st.feed_author = child(feed, "author") != NULL;
	st.self_link = has_link(feed, "self");
	if ((id = child(feed, "id")) != NULL)
		st.feed_id = validate_text(id);
	walk(&st, feed, check_element);
	for (c = feed->children; c != NULL; c = c->next)
		if (is_atom(c, "entry"))
			check_entry(&st, c);
	/* RFC 4287 4.1.1 says SHOULD: without it a reader that was handed
	 * the document cannot tell where to fetch it again. */
	if (!st.self_link)
		diag_warning(path, validate_line(feed), 0, "feed has no link "
		    "rel=\"self\" (RFC 4287 4.1.1)");
	/* Last, as it changes the dates (stand_in_date). */
	walk(&st, feed, stand_in_date);
	validate_atom_schema(path, doc);
	xmlFree(st.feed_id);
	xmlHashFree(st.ids, NULL);
	xmlHashFree(st.updated, NULL);
}
