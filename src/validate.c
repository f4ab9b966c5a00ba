/* validate.c: reading a feed file safely, telling its format, and the checks
 * the three formats share (dates, URLs, HTML inside text). */
#include <sys/stat.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "date.h"
#include "diag.h"
#include "fsutil.h"
#include "util.h"
#include "validate.h"
#include "validate_int.h"

#define NOT_A_FEED	"not an RSS 2.0, Atom 1.0 or JSON Feed document"

/* What the XML parser callbacks share, through ctxt->_private. */
struct xml_state {
	const char		*path;
	int			 entity_line;	/* > 0: an entity was declared
						 * there */
	int			 fatal;		/* a fatal error was reported */
	internalSubsetSAXFunc	 doctype;	/* libxml2's own handler */
};

/* The limits libxml2 keeps without XML_PARSE_HUGE, in its words, and in
 * words for whoever wrote the feed (the option is not theirs to give). */
static const struct {
	const char	*libxml2;
	const char	*says;
} xml_limits[] = {
	{ "Excessive depth in document",
	  "elements nested more than 256 deep are not accepted" },
	{ "AttValue length too long",
	  "an attribute value longer than 10000000 bytes is not accepted" },
};

/*
 * Report libxml2's own findings. After a fatal error libxml2 goes on with
 * callbacks disabled and what it says next only repeats the cause; after
 * an entity declaration we have stopped the parser and say why ourselves.
 */
static void
xml_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct xml_state	*st = ctxt->_private;
	const char		*msg = err->message ? err->message : "";
	size_t			 len = strlen(msg), i;

	if (st->entity_line > 0 || st->fatal)
		goto out;
	while (len > 0 && is_ascii_space((unsigned char)msg[len - 1]))
		len--;
	for (i = 0; i < sizeof(xml_limits) / sizeof(xml_limits[0]); i++)
		if (strncmp(msg, xml_limits[i].libxml2,
		    strlen(xml_limits[i].libxml2)) == 0) {
			msg = xml_limits[i].says;
			len = strlen(msg);
		}
	if (err->level == XML_ERR_WARNING)
		diag_warning(st->path, err->line, 0, "%.*s", (int)len, msg);
	else
		diag_error(st->path, err->line, 0, "%.*s", (int)len, msg);
	if (err->level == XML_ERR_FATAL)
		st->fatal = 1;
out:
	return;
}

/*
 * SAX hook for every entity declaration, general or parameter, internal or
 * external: stop right there. Nothing declared is ever expanded or loaded,
 * so neither XXE nor exponential expansion can start.
 */
static void
xml_entity_decl(void *data, const xmlChar *name, int type,
    const xmlChar *public_id, const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct xml_state	*st = ctxt->_private;

	(void)name;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	if (st->entity_line == 0)
		st->entity_line = ctxt->input != NULL && ctxt->input->line > 0 ?
		    ctxt->input->line : 1;
	xmlStopParser(ctxt);
}

/*
 * SAX hook for the DOCTYPE. An external DTD is never loaded (no
 * XML_PARSE_DTDLOAD, and NONET), but it is named: a reader that does load
 * DTDs would fetch it, from the network or from the reader's own disk.
 */
static void
xml_doctype(void *data, const xmlChar *name, const xmlChar *external_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct xml_state	*st = ctxt->_private;
	const char		*sys = (const char *)system_id;

	if (sys != NULL)
		diag_warning(st->path, ctxt->input != NULL ?
		    ctxt->input->line : 0, 0, "DOCTYPE names the external DTD "
		    "%s: not loaded; a feed needs none, and a reader that "
		    "loads it reaches out to the network or the disk",
		    diag_quote(0, sys, strlen(sys)));
	if (st->doctype != NULL)
		st->doctype(data, name, external_id, system_id);
}

static void
validate_xml(const char *path, const char *data, size_t len)
{
	struct xml_state	 st = { path, 0, 0, NULL };
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root;

	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		diag_error(path, 0, 0, "cannot create an XML parser");
		goto out;
	}
	ctxt->_private = &st;
	ctxt->sax->serror = xml_error;
	ctxt->sax->entityDecl = xml_entity_decl;
	st.doctype = ctxt->sax->internalSubset;
	ctxt->sax->internalSubset = xml_doctype;
	/* No network, no DTD loading or defaulting, no entity substitution
	 * (NOENT), no lifting of the parser's size limits (HUGE). */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (st.entity_line > 0) {
		diag_error(path, st.entity_line, 0,
		    "DTD with entities is not accepted");
		goto out;
	}
	if (doc == NULL) {
		if (!st.fatal)
			diag_error(path, 0, 0, "not well-formed XML");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL) {
		diag_error(path, 0, 0, NOT_A_FEED);
		goto out;
	}
	if (root->ns == NULL && xmlStrEqual(root->name,
	    (const xmlChar *)"rss"))
		validate_rss(path, doc);
	else if (root->ns != NULL && xmlStrEqual(root->name,
	    (const xmlChar *)"feed") && xmlStrEqual(root->ns->href,
	    (const xmlChar *)VALIDATE_NS_ATOM))
		validate_atom(path, doc);
	else
		diag_error(path, validate_line(root), 0, NOT_A_FEED);
out:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
}

int
validate_buffer(const char *path, const char *data, size_t len)
{
	int	before = diag_errors();
	size_t	i = 0;

	if (len > VALIDATE_MAX_SIZE) {
		diag_error(path, 0, 0, "document of %zu bytes is larger than "
		    "the %zu MiB limit", len, VALIDATE_MAX_SIZE >> 20);
		goto out;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && is_ascii_space((unsigned char)data[i]))
		i++;
	if (i < len && data[i] == '{')
		validate_json(path, data + i, len - i);
	else if (i < len && data[i] == '<')
		validate_xml(path, data, len);
	else
		diag_error(path, 0, 0, NOT_A_FEED);
out:
	return diag_errors() > before ? -1 : 0;
}

int
validate_file(const char *path)
{
	struct stat	 st;
	char		*data = NULL;
	size_t		 len;
	int		 rc = -1;

	/* Refuse a huge file before reading it; validate_buffer() checks
	 * again in case it grew meanwhile. */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size > VALIDATE_MAX_SIZE) {
		diag_error(path, 0, 0, "document of %jd bytes is larger than "
		    "the %zu MiB limit", (intmax_t)st.st_size,
		    VALIDATE_MAX_SIZE >> 20);
		goto out;
	}
	if (fsutil_read_file(path, &data, &len) == -1)
		goto out;
	rc = validate_buffer(path, data, len);
out:
	free(data);
	return rc;
}

int
validate_is_rfc3339(const char *s)
{
	/* RFC 3339 5.6 date-time; 'd' is a digit, 'T' also matches 't'. */
	static const char	 shape[] = "dddd-dd-ddTdd:dd:dd";
	struct rf_time		 t;
	size_t			 i = 0, k;
	int			 ok = 0;

	while (is_ascii_space((unsigned char)s[i]))
		i++;
	for (k = 0; shape[k] != '\0'; k++, i++) {
		if (shape[k] == 'd' ? !is_ascii_digit((unsigned char)s[i]) :
		    shape[k] == 'T' ? (s[i] != 'T' && s[i] != 't') :
		    s[i] != shape[k])
			goto out;
	}
	if (s[i] == '.') {
		if (!is_ascii_digit((unsigned char)s[++i]))
			goto out;
		while (is_ascii_digit((unsigned char)s[i]))
			i++;
	}
	/* time-offset = "Z" / time-numoffset: the zone is required. */
	if (s[i] == 'Z' || s[i] == 'z')
		i++;
	else if ((s[i] == '+' || s[i] == '-') &&
	    is_ascii_digit((unsigned char)s[i + 1]) &&
	    is_ascii_digit((unsigned char)s[i + 2]) && s[i + 3] == ':' &&
	    is_ascii_digit((unsigned char)s[i + 4]) &&
	    is_ascii_digit((unsigned char)s[i + 5]))
		i += 6;
	else
		goto out;
	while (is_ascii_space((unsigned char)s[i]))
		i++;
	/* The shape is right; date_parse() checks the calendar values. */
	ok = s[i] == '\0' && date_parse(s, 0, &t, NULL) == 0;
out:
	return ok;
}

int
validate_is_absolute(const char *s)
{
	size_t	i = 0;

	while (is_ascii_space((unsigned char)s[i]))
		i++;
	/* RFC 3986 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
	if (!is_ascii_alpha((unsigned char)s[i]))
		return 0;
	while (is_ascii_alnum((unsigned char)s[i]) || s[i] == '+' ||
	    s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':';
}

int
validate_line(const xmlNode *n)
{
	long	line = xmlGetLineNo(n);

	return line > 0 && line <= INT32_MAX ? (int)line : 0;
}

char *
validate_text(const xmlNode *n)
{
	const xmlNode	*c;
	xmlChar		*s = NULL;

	/* Only direct text: an entity reference left unexpanded is never
	 * followed, whatever it points to. */
	for (c = n->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			s = xmlStrcat(s, c->content);
	return (char *)s;
}

/* The value of n's first href or src attribute that is neither absolute
 * nor a bare fragment, or NULL. */
static const xmlChar *
relative_attr(const xmlNode *n)
{
	const xmlAttr	*a;
	const xmlChar	*v, *found = NULL;

	for (a = n->properties; a != NULL && found == NULL; a = a->next) {
		if ((!xmlStrEqual(a->name, (const xmlChar *)"href") &&
		    !xmlStrEqual(a->name, (const xmlChar *)"src")) ||
		    a->children == NULL || (v = a->children->content) == NULL)
			continue;
		if (v[0] != '\0' && v[0] != '#' &&
		    !validate_is_absolute((const char *)v))
			found = v;
	}
	return found;
}

/* The first such value in the whole document. Walked without recursion:
 * HTML nesting is unbounded. */
static const xmlChar *
first_relative(xmlDocPtr doc)
{
	const xmlNode	*n = doc->children;
	const xmlChar	*found = NULL;

	while (n != NULL && found == NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			found = relative_attr(n);
			if (found == NULL && n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != NULL && n->next == NULL)
			n = n->parent != (const xmlNode *)doc ? n->parent : NULL;
		if (n != NULL)
			n = n->next;
	}
	return found;
}

void
validate_html_refs(const char *path, int line, const char *what,
    const char *html)
{
	htmlDocPtr	 doc = NULL;
	const xmlChar	*rel;

	/* A cheap test first: most text holds no markup with links. */
	if (strstr(html, "href") == NULL && strstr(html, "src") == NULL)
		goto out;
	/* The HTML parser neither loads nor expands anything external. */
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL)
		goto out;
	if ((rel = first_relative(doc)) != NULL)
		diag_warning(path, line, 0, "relative URL %s in %s HTML: feed "
		    "readers resolve it against the wrong base or not at all",
		    diag_quote(0, (const char *)rel, strlen((const char *)rel)),
		    what);
out:
	xmlFreeDoc(doc);
}
