/* validate_rss.c: an RSS 2.0 document checked against the RSS Advisory
 * Board's specification (https://www.rssboard.org/rss-specification). */
#include <stdint.h>
#include <string.h>

#include <libxml/hash.h>

#include "date.h"
#include "diag.h"
#include "util.h"
#include "validate_int.h"

#define RFC822_EXAMPLE	"\"Tue, 18 Jun 2019 10:00:00 +0000\""

/* What the walk over the channel learns. */
struct rss_state {
	const char	*path;
	xmlHashTablePtr	 guids;		/* guid -> its element */
};

static int
is_rss(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

/* The first child of n without a namespace named name, or NULL. */
static xmlNodePtr
child(const xmlNode *n, const char *name)
{
	xmlNodePtr	c;

	for (c = n->children; c != NULL; c = c->next)
		if (is_rss(c, name))
			break;
	return c;
}

/* RSS 2.0: "All date-times in RSS conform to the Date and Time
 * Specification of RFC 822, with the exception that the year may be
 * expressed with two characters or four characters". */
static void
check_date(const char *path, const xmlNode *n)
{
	char	*v = validate_text(n);
	int	 wday, actual;

	if (v == NULL || validate_rfc822(v, &wday, &actual) == -1)
		diag_error(path, validate_line(n), 0, "%s %s is not an RFC 822 "
		    "date, e.g. " RFC822_EXAMPLE, (const char *)n->name,
		    diag_quote(0, v ? v : "", v ? strlen(v) : 0));
	else if (wday != -1 && wday != actual)
		diag_warning(path, validate_line(n), 0, "%s %s: that day is a "
		    "%s, not a %s", (const char *)n->name,
		    diag_quote(0, v, strlen(v)), date_day_names[actual],
		    date_day_names[wday]);
	xmlFree(v);
}

/* 1 if s is "addr@domain" or "addr@domain (Name)", the form RSS 2.0 gives
 * for author, managingEditor and webMaster. */
static int
is_email(const char *s)
{
	size_t	i = 0, at = 0, dot = 0, start;
	int	ok = 0;

	while (is_ascii_space((unsigned char)s[i]))
		i++;
	start = i;
	for (; s[i] != '\0' && !is_ascii_space((unsigned char)s[i]); i++) {
		if (s[i] == '@' && at == 0 && i > start)
			at = i;
		else if (strchr("@()<>,", s[i]) != NULL)
			goto out;
		else if (s[i] == '.' && at > 0 && i > at + 1)
			dot = i;
	}
	if (at == 0 || dot == 0 || dot + 1 == i)
		goto out;
	while (is_ascii_space((unsigned char)s[i]))
		i++;
	if (s[i] == '(') {
		while (s[i] != '\0' && s[i] != ')')
			i++;
		if (s[i] != ')')
			goto out;
		i++;
		while (is_ascii_space((unsigned char)s[i]))
		i++;
	}
	ok = s[i] == '\0';
out:
	return ok;
}

static void
check_email(const char *path, const xmlNode *n)
{
	char	*v = validate_text(n);

	if (v == NULL || !is_email(v))
		diag_warning(path, validate_line(n), 0, "%s %s is not an "
		    "e-mail address, e.g. \"team@example.org (The Team)\"; a "
		    "name alone belongs in dc:creator", (const char *)n->name,
		    diag_quote(0, v ? v : "", v ? strlen(v) : 0));
	xmlFree(v);
}

static void
check_link(const char *path, const xmlNode *n, const char *what)
{
	char	*v = validate_text(n);

	if (v == NULL || !validate_is_absolute(v))
		diag_warning(path, validate_line(n), 0, "%s %s is not an "
		    "absolute URL: feed readers resolve it against the wrong "
		    "base or not at all", what,
		    diag_quote(0, v ? v : "", v ? strlen(v) : 0));
	xmlFree(v);
}

static void
check_html(const char *path, const xmlNode *n, const char *what)
{
	char	*v = validate_text(n);

	if (v != NULL)
		validate_html_refs(path, validate_line(n), what, v);
	xmlFree(v);
}

static void
check_guid(struct rss_state *st, xmlNodePtr g)
{
	const xmlNode	*first;
	char		*v = validate_text(g), *perma;

	perma = (char *)xmlGetNoNsProp(g, (const xmlChar *)"isPermaLink");
	if (v == NULL)
		goto out;
	/* isPermaLink defaults to true: then the guid is the item's URL. */
	if ((perma == NULL || strcmp(perma, "false") != 0) &&
	    !validate_is_absolute(v))
		diag_warning(st->path, validate_line(g), 0, "guid %s is a "
		    "permalink (isPermaLink is not \"false\") but not an "
		    "absolute URL", diag_quote(0, v, strlen(v)));
	if ((first = xmlHashLookup(st->guids, (const xmlChar *)v)) != NULL)
		diag_warning(st->path, validate_line(g), 0, "duplicate guid "
		    "%s, first used at line %d: readers will show only one "
		    "of the items", diag_quote(0, v, strlen(v)),
		    validate_line(first));
	else
		(void)xmlHashAddEntry(st->guids, (const xmlChar *)v, g);
out:
	xmlFree(perma);
	xmlFree(v);
}

static void
check_item(struct rss_state *st, const xmlNode *item)
{
	xmlNodePtr	c;

	/* RSS 2.0: "All elements of an item are optional, however at least
	 * one of title or description must be present." */
	if (child(item, "title") == NULL && child(item, "description") == NULL)
		diag_error(st->path, validate_line(item), 0, "item has neither "
		    "title nor description");
	for (c = item->children; c != NULL; c = c->next) {
		if (is_rss(c, "pubDate"))
			check_date(st->path, c);
		else if (is_rss(c, "link"))
			check_link(st->path, c, "item link");
		else if (is_rss(c, "author"))
			check_email(st->path, c);
		else if (is_rss(c, "guid"))
			check_guid(st, c);
		else if (is_rss(c, "description"))
			check_html(st->path, c, "description");
		else if (c->type == XML_ELEMENT_NODE && c->ns != NULL &&
		    xmlStrEqual(c->ns->href,
		    (const xmlChar *)VALIDATE_NS_CONTENT) &&
		    xmlStrEqual(c->name, (const xmlChar *)"encoded"))
			check_html(st->path, c, "content:encoded");
	}
}

/* 1 if the channel has an atom:link with rel="self". */
static int
has_self_link(const xmlNode *channel)
{
	const xmlNode	*c;
	xmlChar		*rel;
	int		 found = 0;

	for (c = channel->children; c != NULL && !found; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c->ns == NULL ||
		    !xmlStrEqual(c->ns->href,
		    (const xmlChar *)VALIDATE_NS_ATOM) ||
		    !xmlStrEqual(c->name, (const xmlChar *)"link"))
			continue;
		rel = xmlGetNoNsProp(c, (const xmlChar *)"rel");
		found = rel != NULL && xmlStrEqual(rel, (const xmlChar *)"self");
		xmlFree(rel);
	}
	return found;
}

static void
check_channel(struct rss_state *st, const xmlNode *ch)
{
	static const char *const required[] = { "title", "link", "description" };
	const xmlNode	*c;
	size_t		 i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (child(ch, required[i]) == NULL)
			diag_error(st->path, validate_line(ch), 0, "channel has "
			    "no %s (RSS 2.0 requires title, link and "
			    "description)", required[i]);
	for (c = ch->children; c != NULL; c = c->next) {
		if (is_rss(c, "item"))
			check_item(st, c);
		else if (is_rss(c, "pubDate") || is_rss(c, "lastBuildDate"))
			check_date(st->path, c);
		else if (is_rss(c, "link"))
			check_link(st->path, c, "channel link");
		else if (is_rss(c, "managingEditor") || is_rss(c, "webMaster"))
			check_email(st->path, c);
	}
	/* The RSS Advisory Board's best practice: say where the feed lives. */
	if (!has_self_link(ch))
		diag_warning(st->path, validate_line(ch), 0, "channel has no "
		    "atom:link rel=\"self\" (recommended by the RSS Advisory "
		    "Board)");
}

/* Elements written content:encoded must be in the content module's
 * namespace; a prefix bound elsewhere leaves readers without the body.
 * (An undeclared prefix is a namespace error libxml2 reports itself.) */
static void
check_prefixes(const char *path, const xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns != NULL && n->ns->prefix != NULL &&
		    xmlStrEqual(n->ns->prefix, (const xmlChar *)"content") &&
		    xmlStrEqual(n->name, (const xmlChar *)"encoded") &&
		    (n->ns->href == NULL || !xmlStrEqual(n->ns->href,
		    (const xmlChar *)VALIDATE_NS_CONTENT)))
			diag_error(path, validate_line(n), 0, "content:encoded "
			    "is not in the namespace \"" VALIDATE_NS_CONTENT
			    "\"");
		check_prefixes(path, n->children);
	}
}

void
validate_rss(const char *path, xmlDocPtr doc)
{
	struct rss_state st = { path, NULL };
	const xmlNode	*rss = xmlDocGetRootElement(doc), *c, *first = NULL;
	char		*version;

	version = (char *)xmlGetNoNsProp(rss, (const xmlChar *)"version");
	if (version == NULL || strcmp(version, "2.0") != 0)
		diag_error(path, validate_line(rss), 0, "rss version %s: "
		    "expected \"2.0\"", version != NULL ?
		    diag_quote(0, version, strlen(version)) : "missing");
	st.guids = xmlHashCreate(64);
	check_prefixes(path, rss);
	for (c = rss->children; c != NULL; c = c->next) {
		if (!is_rss(c, "channel"))
			continue;
		if (first != NULL)
			diag_error(path, validate_line(c), 0, "second channel; "
			    "RSS 2.0 has exactly one");
		else
			first = c;
		check_channel(&st, c);
	}
	if (first == NULL)
		diag_error(path, validate_line(rss), 0, "rss has no channel");
	xmlFree(version);
	xmlHashFree(st.guids, NULL);
}
