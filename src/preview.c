/* preview.c: the feeds as a person sees them in a browser: the href of the
 * compiled-in XSLT stylesheet, and an HTML5 page listing every feed and the
 * site feed's entries, built as a libxml2 tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "date.h"
#include "diag.h"
#include "feed.h"
#include "preview.h"
#include "url.h"
#include "util.h"
#include "xmltext.h"

/* What a person calls each media type the feeds are served as. */
static const struct {
	const char	*type;
	const char	*label;
} type_labels[] = {
	{ "application/rss+xml", "RSS 2.0" },
	{ "application/atom+xml", "Atom 1.0" },
	{ "application/feed+json", "JSON Feed 1.1" },
};

char *
preview_xsl_href(const char *relpath)
{
	struct buf	 b = { 0 };
	const char	*p;

	for (p = relpath; *p != '\0'; p++)
		if (*p == '/')
			buf_adds(&b, "../");
	buf_adds(&b, PREVIEW_XSL_FILE);
	return buf_detach(&b);
}

int
preview_check_names(const char *cpath, const struct feed_set *set,
    int stylesheet, int page)
{
	const char	*files[2], *name;
	size_t		 i, k, nfiles = 0, len;
	int		 rc = 0;

	if (stylesheet)
		files[nfiles++] = PREVIEW_XSL_FILE;
	if (page)
		files[nfiles++] = PREVIEW_PAGE_FILE;
	for (i = 0; i < set->n; i++)
		for (k = 0; k < nfiles; k++) {
			name = set->v[i].name;
			len = strlen(files[k]);
			if (strncmp(name, files[k], len) != 0 ||
			    (name[len] != '\0' && name[len] != '/'))
				continue;
			diag_error(cpath, set->v[i].line, 0, "feed %s would be "
			    "written inside %s, the file the %s option adds",
			    diag_quote(0, name, strlen(name)), files[k],
			    k == 0 && stylesheet ? "stylesheet" : "preview");
			rc = -1;
		}
	return rc;
}

/* libxml2 returns NULL only when it is out of memory, which is fatal here
 * as everywhere (util.h). */
static xmlNodePtr
must(xmlNodePtr n)
{
	if (n == NULL) {
		fputs("relfeed: out of memory\n", stderr);
		abort();
	}
	return n;
}

/* <name>text</name> appended to parent; text NULL: an empty element. The
 * text is stored as text, so the serializer escapes it. */
static xmlNodePtr
add(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr	 n;
	char		*clean = NULL;

	if (text != NULL)
		clean = xmltext_clean(text, strlen(text));
	n = must(xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)clean));
	free(clean);
	return n;
}

static void
attr(xmlNodePtr n, const char *name, const char *value)
{
	char	*clean = xmltext_clean(value, strlen(value));

	if (xmlSetProp(n, (const xmlChar *)name,
	    (const xmlChar *)clean) == NULL) {
		fputs("relfeed: out of memory\n", stderr);
		abort();
	}
	free(clean);
}

/* Text appended to parent, after what it holds. */
static void
add_text(xmlNodePtr parent, const char *text)
{
	char	*clean = xmltext_clean(text, strlen(text));

	must(xmlAddChild(parent, must(xmlNewDocText(parent->doc,
	    (const xmlChar *)clean))));
	free(clean);
}

/* The first element named name under n, depth first, or NULL. */
static xmlNodePtr
find_elem(xmlNodePtr n, const char *name)
{
	xmlNodePtr	found;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, (const xmlChar *)name))
			return n;
		if ((found = find_elem(n->children, name)) != NULL)
			return found;
	}
	return NULL;
}

/* The CSS of the stylesheet's <style>, so the page and a feed shown
 * through feed.xsl look alike. Returns it (freed with xmlFree), or NULL
 * after reporting. */
static xmlChar *
stylesheet_css(void)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 style;
	xmlChar		*css = NULL;

	doc = xmlReadMemory((const char *)preview_feed_xsl,
	    (int)preview_feed_xsl_len, PREVIEW_XSL_FILE, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL ||
	    (style = find_elem(xmlDocGetRootElement(doc), "style")) == NULL)
		diag_error(PREVIEW_XSL_FILE, 0, 0, "the compiled-in stylesheet "
		    "has no <style> element");
	else if ((css = xmlNodeGetContent(style)) == NULL)
		diag_error(PREVIEW_XSL_FILE, 0, 0, "the compiled-in stylesheet "
		    "has an empty <style> element");
	xmlFreeDoc(doc);
	return css;
}

static const char *
type_label(const char *type)
{
	size_t	i;

	for (i = 0; i < sizeof(type_labels) / sizeof(type_labels[0]); i++)
		if (strcmp(type_labels[i].type, type) == 0)
			return type_labels[i].label;
	return type;
}

static void
add_head(xmlNodePtr html, const struct preview_info *pi, const xmlChar *css)
{
	xmlNodePtr	 head, n;
	char		*url;
	size_t		 i;

	head = add(html, "head", NULL);
	attr(add(head, "meta", NULL), "charset", "utf-8");
	n = add(head, "meta", NULL);
	attr(n, "name", "viewport");
	attr(n, "content", "width=device-width, initial-scale=1");
	add(head, "title", pi->title);
	/* Autodiscovery: a reader given this page's URL finds the site
	 * feed; the others, one per tag perhaps, are in the table. */
	for (i = 0; i < pi->nfiles && *pi->files[i].name == '\0'; i++) {
		n = add(head, "link", NULL);
		url = url_join(pi->feed_url, pi->files[i].relpath);
		attr(n, "rel", "alternate");
		attr(n, "type", pi->files[i].type);
		attr(n, "title", pi->files[i].title);
		attr(n, "href", url);
		free(url);
	}
	add(head, "style", (const char *)css);
}

/* A link to file f, showing its format, with the type it is served as. */
static void
add_file_link(xmlNodePtr parent, const struct preview_file *f)
{
	xmlNodePtr	a = add(parent, "a", type_label(f->type));

	attr(a, "href", f->relpath);
	attr(a, "type", f->type);
}

/* What these files are, and the site feed's URLs to copy. */
static void
add_note(xmlNodePtr page, const struct preview_info *pi)
{
	xmlNodePtr	 note, p, ul, li;
	char		*url;
	size_t		 i;

	note = add(page, "div", NULL);
	attr(note, "class", "note");
	p = add(note, "p", NULL);
	add(p, "strong", "These are feeds:");
	add_text(p, " copy a URL into your feed reader to subscribe.");
	ul = add(note, "ul", NULL);
	attr(ul, "class", "urls");
	for (i = 0; i < pi->nfiles && *pi->files[i].name == '\0'; i++) {
		li = add(ul, "li", NULL);
		add_file_link(li, &pi->files[i]);
		add_text(li, " ");
		url = url_join(pi->feed_url, pi->files[i].relpath);
		add(li, "code", url);
		free(url);
	}
}

/* One row per file; a feed's title spans the rows of its files. */
static void
add_feeds(xmlNodePtr page, const struct preview_info *pi)
{
	const struct preview_file	*f;
	xmlNodePtr			 section, table, tr, td;
	char				*url, *rows, *dir;
	size_t				 i, j;

	add(page, "h2", "All feeds");
	section = add(page, "div", NULL);
	attr(section, "class", "scroll");
	table = add(section, "table", NULL);
	tr = add(add(table, "thead", NULL), "tr", NULL);
	add(tr, "th", "Feed");
	add(tr, "th", "Format");
	add(tr, "th", "Subscribe URL");
	table = add(table, "tbody", NULL);
	for (i = 0; i < pi->nfiles; i++) {
		f = &pi->files[i];
		tr = add(table, "tr", NULL);
		if (i == 0 || strcmp(f->name, pi->files[i - 1].name) != 0) {
			for (j = i + 1; j < pi->nfiles &&
			    strcmp(pi->files[j].name, f->name) == 0; j++)
				;
			td = add(tr, "td", f->title);
			attr(td, "class", "feed");
			if (j - i > 1) {
				rows = xasprintf("%zu", j - i);
				attr(td, "rowspan", rows);
				free(rows);
			}
			dir = *f->name ? xasprintf("%s/", f->name) :
			    xstrdup("site feed");
			add(td, "br", NULL);
			add(td, "small", dir);
			free(dir);
		}
		add_file_link(add(tr, "td", NULL), f);
		url = url_join(pi->feed_url, f->relpath);
		add(add(tr, "td", NULL), "code", url);
		free(url);
	}
}

static void
add_entries(xmlNodePtr page, const struct preview_info *pi)
{
	const struct entry	*e;
	const char		*summary;
	xmlNodePtr		 ol, li, n;
	char			 date[DATE_BUFSZ];
	size_t			 i;

	add(page, "h2", "Latest entries");
	if (pi->n == 0) {
		add(page, "p", "No entries yet.");
		return;
	}
	ol = add(page, "ol", NULL);
	attr(ol, "class", "entries");
	for (i = 0; i < pi->n; i++) {
		e = pi->entries[i];
		li = add(ol, "li", NULL);
		if (e->has_date) {
			date_format_rfc3339(&e->published, date);
			/* The calendar date as the entry gives it. */
			n = add(li, "span", NULL);
			attr(n, "class", "date");
			attr(n, "title", date);
			date[10] = '\0';
			add_text(n, date);
		}
		n = add(add(li, "h3", NULL), "a", e->title);
		attr(n, "href", e->permalink);
		if ((summary = feed_summary_of(e)) != NULL)
			add(li, "p", summary);
	}
}

int
preview_page_write(const struct preview_info *pi, char **out, size_t *outlen)
{
	xmlDocPtr		 doc = NULL;
	xmlOutputBufferPtr	 ob = NULL;
	xmlNodePtr		 html, page;
	xmlChar			*css;
	int			 rc = -1;

	*out = NULL;
	*outlen = 0;
	if ((css = stylesheet_css()) == NULL)
		goto out;
	doc = (xmlDocPtr)must((xmlNodePtr)htmlNewDocNoDtD(NULL, NULL));
	/* Serialized as <!DOCTYPE html>, the HTML5 doctype. */
	must((xmlNodePtr)xmlCreateIntSubset(doc, (const xmlChar *)"html",
	    NULL, NULL));
	html = must(xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL));
	xmlDocSetRootElement(doc, html);
	if (feed_is_set(pi->language))
		attr(html, "lang", pi->language);
	add_head(html, pi, css);
	/* Only elements HTML 4 has too (no main, section or time): the page
	 * is HTML5 that libxml2's HTML parser, which knows HTML 4 only, also
	 * reads without an error. */
	page = add(add(html, "body", NULL), "div", NULL);
	attr(page, "class", "page");
	add_note(page, pi);
	add(page, "h1", pi->title);
	if (feed_is_set(pi->description) &&
	    strcmp(pi->description, pi->title) != 0)
		attr(add(page, "p", pi->description), "class",
		    "description");
	add_entries(page, pi);
	add_feeds(page, pi);
	/* No encoder: the tree is UTF-8 already, and with one the buffer
	 * would hold only what is left to convert. Not htmlDocDumpMemory:
	 * without an http-equiv meta it writes every non-ASCII character as
	 * a character reference. */
	if ((ob = xmlAllocOutputBuffer(NULL)) == NULL) {
		fputs("relfeed: out of memory\n", stderr);
		abort();
	}
	htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 1);
	if (ob->error != 0 || xmlOutputBufferGetSize(ob) == 0) {
		diag_error(PREVIEW_PAGE_FILE, 0, 0, "cannot serialize the page");
		goto out;
	}
	*outlen = xmlOutputBufferGetSize(ob);
	*out = xstrndup((const char *)xmlOutputBufferGetContent(ob), *outlen);
	rc = 0;
out:
	if (ob != NULL)
		xmlOutputBufferClose(ob);
	xmlFreeDoc(doc);
	xmlFree(css);
	return rc;
}
