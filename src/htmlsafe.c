/* htmlsafe.c: an entry's HTML cut down to an allowlist with libxml2, and
 * the marks on a template's tags. */
#include <sys/random.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "diag.h"
#include "htmlsafe.h"
#include "url.h"
#include "util.h"

/* Elements removed with everything inside them: they run code, load
 * other documents, take input, or are not content. */
static const char *const dropped[] = {
	"applet", "audio", "base", "button", "canvas", "dialog", "embed",
	"form", "frame", "frameset", "head", "iframe", "input", "link", "math",
	"meta", "noembed", "noframes", "noscript", "object", "option", "param",
	"plaintext", "script", "select", "source", "style", "svg", "template",
	"textarea", "title", "track", "video", "xmp", NULL
};

/* Elements kept; any other is unwrapped, its content kept. */
static const char *const allowed[] = {
	"a", "abbr", "acronym", "address", "article", "aside", "b", "bdi",
	"bdo", "big", "blockquote", "br", "caption", "center", "cite", "code",
	"col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt",
	"em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
	"pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span",
	"strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
	"tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
	NULL
};

enum { A_TEXT, A_URL, A_IMAGE_URL };

/* Attributes kept, per element ("" for any); URLs are resolved. The
 * data-footnote* ones are cmark-gfm's own footnote markup. */
static const struct attr_rule {
	const char	*elem;
	const char	*attr;
	int		 kind;
} attr_rules[] = {
	{ "", "class", A_TEXT }, { "", "id", A_TEXT }, { "", "title", A_TEXT },
	{ "", "lang", A_TEXT }, { "", "dir", A_TEXT },
	{ "", "aria-label", A_TEXT }, { "", "aria-hidden", A_TEXT },
	{ "a", "href", A_URL }, { "a", "rel", A_TEXT },
	{ "a", "hreflang", A_TEXT }, { "a", "name", A_TEXT },
	{ "a", "data-footnote-ref", A_TEXT },
	{ "a", "data-footnote-backref", A_TEXT },
	{ "a", "data-footnote-backref-idx", A_TEXT },
	{ "section", "data-footnotes", A_TEXT },
	{ "img", "src", A_IMAGE_URL }, { "img", "alt", A_TEXT },
	{ "img", "width", A_TEXT }, { "img", "height", A_TEXT },
	{ "blockquote", "cite", A_URL }, { "q", "cite", A_URL },
	{ "del", "cite", A_URL }, { "ins", "cite", A_URL },
	{ "del", "datetime", A_TEXT }, { "ins", "datetime", A_TEXT },
	{ "time", "datetime", A_TEXT }, { "details", "open", A_TEXT },
	{ "ol", "start", A_TEXT }, { "ol", "reversed", A_TEXT },
	{ "ol", "type", A_TEXT }, { "ul", "type", A_TEXT },
	{ "li", "value", A_TEXT },
	{ "table", "align", A_TEXT }, { "tr", "align", A_TEXT },
	{ "td", "align", A_TEXT }, { "th", "align", A_TEXT },
	{ "td", "colspan", A_TEXT }, { "th", "colspan", A_TEXT },
	{ "td", "rowspan", A_TEXT }, { "th", "rowspan", A_TEXT },
	{ "th", "scope", A_TEXT }, { "th", "abbr", A_TEXT },
	{ "col", "span", A_TEXT }, { "colgroup", "span", A_TEXT },
};

void
htmlsafe_new_mark(char *mark)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 r[16];
	unsigned long		 x;
	size_t			 i, p;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		x = (unsigned long)time(NULL) * 2654435761UL ^
		    (unsigned long)getpid() ^ (unsigned long)clock();
		for (i = 0; i < sizeof(r); i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			r[i] = (unsigned char)(x >> 33);
		}
	}
	p = strlen(HTMLSAFE_MARK_PREFIX);
	memcpy(mark, HTMLSAFE_MARK_PREFIX, p);
	for (i = 0; i < sizeof(r); i++) {
		mark[p++] = hex[r[i] >> 4];
		mark[p++] = hex[r[i] & 15];
	}
	mark[p] = '\0';
}

static int
is_tag_name_char(int c)
{
	return is_ascii_alnum(c) || c == '-';
}

char *
htmlsafe_mark_template(const char *text, const char *mark)
{
	struct buf	 b = { 0 };
	const char	*p = text, *q;
	size_t		 from = 0;

	while ((p = strchr(p, '<')) != NULL) {
		q = p + 1 + (p[1] == '/');
		if (!is_ascii_alpha((unsigned char)*q)) {
			p++;
			continue;
		}
		while (is_tag_name_char((unsigned char)*q))
			q++;
		if (p[1] != '/' && (*q == ' ' || *q == '\t' || *q == '\n' ||
		    *q == '\r' || *q == '/' || *q == '>')) {
			buf_add(&b, text + from, (size_t)(q - text) - from);
			buf_adds(&b, " data-");
			buf_adds(&b, mark);
			buf_adds(&b, "=\"\"");
			from = (size_t)(q - text);
		} else if (p[1] == '/') {
			while (*q == ' ' || *q == '\t' || *q == '\n')
				q++;
			if (*q == '>') {
				q++;
				buf_add(&b, text + from,
				    (size_t)(q - text) - from);
				buf_adds(&b, "<!--");
				buf_adds(&b, mark);
				buf_adds(&b, "-->");
				from = (size_t)(q - text);
			}
		}
		p = q;
	}
	buf_adds(&b, text + from);
	return buf_detach(&b);
}

static int
in_list(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

static const struct attr_rule *
find_rule(const char *elem, const char *attr)
{
	size_t	i;

	for (i = 0; i < sizeof(attr_rules) / sizeof(attr_rules[0]); i++)
		if (strcmp(attr_rules[i].attr, attr) == 0 &&
		    (*attr_rules[i].elem == '\0' ||
		    strcmp(attr_rules[i].elem, elem) == 0))
			return &attr_rules[i];
	return NULL;
}

/* 1 if s[0..len) ends with the string end. */
static int
ends_with(const char *s, size_t len, const char *end)
{
	size_t	n = strlen(end);

	return len >= n && memcmp(s + len - n, end, n) == 0;
}

char *
htmlsafe_strip_mark(const char *s, const char *mark)
{
	struct buf	 b = { 0 };
	const char	*p, *m;
	size_t		 ml, keep;

	if (mark == NULL || strstr(s, mark) == NULL)
		return NULL;
	ml = strlen(mark);
	/* The mark is drawn at random for the run: every copy of it is one
	 * htmlsafe_mark_template() wrote, whole (' data-MARK=""',
	 * "<!--MARK-->") or cut by what a body or template did around it
	 * (' data-MARK=' at the end of a quoted value): all of it goes. */
	for (p = s; (m = strstr(p, mark)) != NULL; p = m) {
		keep = (size_t)(m - p);
		if (ends_with(p, keep, " data-"))
			keep -= 6;
		else if (ends_with(p, keep, "data-"))
			keep -= 5;
		else if (ends_with(p, keep, "<!--"))
			keep -= 4;
		buf_add(&b, p, keep);
		m += ml;
		if (strncmp(m, "=\"\"", 3) == 0 || strncmp(m, "-->", 3) == 0)
			m += 3;
		else if (*m == '=')
			m++;
	}
	buf_adds(&b, p);
	return buf_detach(&b);
}

/* Keep n's allowed attributes, with URLs made absolute and safe. */
static void
clean_attrs(xmlNodePtr n, const struct htmlsafe_opts *o)
{
	const struct attr_rule	*r;
	xmlAttrPtr		 a, next;
	xmlChar			*v;
	char			*fixed, *unmarked;
	const char		*name, *val;

	for (a = n->properties; a != NULL; a = next) {
		next = a->next;
		name = (const char *)a->name;
		r = a->ns == NULL ? find_rule((const char *)n->name, name) :
		    NULL;
		if (r == NULL) {
			xmlRemoveProp(a);
			continue;
		}
		if ((v = xmlNodeGetContent((xmlNodePtr)a)) == NULL)
			continue;
		/* A template's tag marked inside a quoted value leaves the
		 * mark there. */
		val = (const char *)v;
		if ((unmarked = htmlsafe_strip_mark(val, o->mark)) != NULL)
			val = unmarked;
		fixed = NULL;
		if (r->kind != A_TEXT && url_is_unsafe(val,
		    r->kind == A_IMAGE_URL))
			xmlRemoveProp(a);
		else {
			if (r->kind != A_TEXT)
				fixed = url_resolve(o->base_url, o->permalink,
				    val);
			if (fixed != NULL || unmarked != NULL)
				xmlSetProp(n, a->name, (const xmlChar *)
				    (fixed != NULL ? fixed : unmarked));
		}
		free(fixed);
		free(unmarked);
		xmlFree(v);
	}
}

/* The node after n in document order, not entering n's children unless
 * descend; NULL past the end of root's subtree. */
static xmlNodePtr
next_node(xmlNodePtr n, xmlNodePtr root, int descend)
{
	if (descend && n->children != NULL)
		return n->children;
	for (; n != root; n = n->parent)
		if (n->next != NULL)
			return n->next;
	return NULL;
}

/* Put n's children where n is, free n; returns its first child, or NULL
 * when it had none. Pointers are spliced, not moved with xmlAddPrevSibling,
 * which would merge text nodes under the walk's feet. */
static xmlNodePtr
unwrap(xmlNodePtr n)
{
	xmlNodePtr	first = n->children, last = n->last, c;

	if (first == NULL)
		return NULL;
	for (c = first; c != NULL; c = c->next)
		c->parent = n->parent;
	first->prev = n->prev;
	if (n->prev != NULL)
		n->prev->next = first;
	else
		n->parent->children = first;
	last->next = n->next;
	if (n->next != NULL)
		n->next->prev = last;
	else
		n->parent->last = last;
	n->children = n->last = NULL;
	n->prev = n->next = NULL;
	n->parent = NULL;
	xmlFreeNode(n);
	return first;
}

/* Walk root's subtree without recursion (bodies nest deep) and cut it
 * down to the allowlist. */
static void
clean_tree(xmlNodePtr root, const struct htmlsafe_opts *o)
{
	xmlNodePtr	 n = root->children, nx, first;
	char		*s;
	const char	*name;

	while (n != NULL) {
		if (n->type == XML_TEXT_NODE) {
			if (n->content != NULL && (s = htmlsafe_strip_mark(
			    (const char *)n->content, o->mark)) != NULL) {
				xmlNodeSetContent(n, (const xmlChar *)s);
				free(s);
			}
			n = next_node(n, root, 0);
			continue;
		}
		name = (const char *)n->name;
		if (n->type == XML_ELEMENT_NODE && in_list(allowed, name)) {
			clean_attrs(n, o);
			n = next_node(n, root, 1);
			continue;
		}
		if (n->type == XML_ELEMENT_NODE && !in_list(dropped, name) &&
		    n->children != NULL) {
			nx = next_node(n, root, 0);
			first = unwrap(n);
			n = first != NULL ? first : nx;
			continue;
		}
		/* Dropped elements, comments, processing instructions. */
		nx = next_node(n, root, 0);
		xmlUnlinkNode(n);
		xmlFreeNode(n);
		n = nx;
	}
}

char *
htmlsafe_clean(const char *path, const char *html, size_t len,
    const struct htmlsafe_opts *o)
{
	static const char	 open[] = "<div>", close[] = "</div>";
	htmlParserCtxtPtr	 ctxt = NULL;
	htmlDocPtr		 doc = NULL;
	xmlNodePtr		 root, n;
	xmlBufferPtr		 xb = NULL;
	xmlOutputBufferPtr	 ob = NULL;
	struct buf		 in = { 0 };
	const char		*msg;
	size_t			 mlen;
	char			*res = NULL;

	/* One element around the fragment, so the parser implies no
	 * paragraph around text and keeps every top-level node in it. */
	buf_add(&in, open, sizeof(open) - 1);
	buf_add(&in, html, len);
	buf_add(&in, close, sizeof(close) - 1);
	if (in.len > (size_t)INT_MAX) {
		diag_error(path, 0, 0, "HTML of %zu bytes is too large", len);
		goto out;
	}
	if ((ctxt = htmlNewParserCtxt()) == NULL) {
		diag_error(path, 0, 0, "cannot create the HTML parser");
		goto out;
	}
	doc = htmlCtxtReadMemory(ctxt, in.s, (int)in.len, NULL, "UTF-8",
	    HTML_PARSE_NOIMPLIED | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING);
	/* libxml2 stops at elements nested over 256 deep and keeps what it
	 * read: that would be a cut body, so it is an error. */
	if (ctxt->disableSAX || ctxt->instate == XML_PARSER_EOF) {
		msg = ctxt->lastError.message != NULL ?
		    ctxt->lastError.message : "the parser stopped";
		for (mlen = strlen(msg); mlen > 0 &&
		    is_ascii_space((unsigned char)msg[mlen - 1]); mlen--)
			;
		diag_error(path, 0, 0, "HTML that libxml2 cannot read in "
		    "full (elements nest at most 256 deep): %.*s", (int)mlen,
		    msg);
		goto out;
	}
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		diag_error(path, 0, 0, "libxml2 could not parse the HTML of "
		    "the body");
		goto out;
	}
	/* Nodes after the wrapper (an end tag too many can close it) are
	 * moved into it, so one walk sees everything. */
	while ((n = root->next) != NULL) {
		xmlUnlinkNode(n);
		xmlAddChild(root, n);
	}
	clean_tree(root, o);
	if ((xb = xmlBufferCreate()) != NULL)
		xmlBufferSetAllocationScheme(xb, XML_BUFFER_ALLOC_DOUBLEIT);
	if (xb == NULL || (ob = xmlOutputBufferCreateBuffer(xb, NULL)) ==
	    NULL) {
		diag_error(path, 0, 0, "cannot create the HTML writer");
		goto out;
	}
	for (n = root->children; n != NULL; n = n->next)
		htmlNodeDumpFormatOutput(ob, doc, n, "UTF-8", 0);
	if (xmlOutputBufferFlush(ob) < 0 || xmlBufferContent(xb) == NULL) {
		diag_error(path, 0, 0, "cannot write the HTML of the body");
		goto out;
	}
	res = xstrdup((const char *)xmlBufferContent(xb));
out:
	if (ob != NULL)
		xmlOutputBufferClose(ob);
	if (xb != NULL)
		xmlBufferFree(xb);
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (ctxt != NULL)
		htmlFreeParserCtxt(ctxt);
	buf_free(&in);
	return res;
}
