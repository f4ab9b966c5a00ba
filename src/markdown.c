/* markdown.c: Markdown to HTML with cmark-gfm, links made absolute and safe. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/parser.h>

#include "diag.h"
#include "htmlsafe.h"
#include "markdown.h"
#include "mdmem.h"
#include "url.h"
#include "util.h"

/* cmark sizes its buffers with a 32-bit int and aborts past 2 GiB; HTML
 * escaping can grow text sixfold, so bodies are capped well below that. */
#define MD_MAX_BODY	((size_t)64 << 20)

#define MD_MORE		"<!--more-->"

/* GitHub's extensions, as Hugo and Jekyll render tables and strikethrough;
 * GFM's tagfilter is not needed: raw HTML that stays goes through
 * htmlsafe_clean(), which drops <script>, <iframe>... with their content. */
static const char *const md_exts[] = {
	"table", "strikethrough", "autolink"
};

/* HTML nodes to drop, collected while iterating and freed afterwards. */
struct nodelist {
	cmark_node	**v;
	size_t		  n;
	size_t		  cap;
};

static int
is_more_marker(cmark_node *n)
{
	cmark_node_type	 t = cmark_node_get_type(n);
	const char	*s;
	size_t		 len;

	if (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE)
		return 0;
	if ((s = cmark_node_get_literal(n)) == NULL)
		return 0;
	while (is_ascii_space((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && is_ascii_space((unsigned char)s[len - 1]))
		len--;
	return len == strlen(MD_MORE) && memcmp(s, MD_MORE, len) == 0;
}

/* Make a link or image URL absolute, or empty when its scheme is unsafe. */
static void
fix_url(cmark_node *n, const struct render_opts *opts)
{
	const char	*url = cmark_node_get_url(n);
	char		*abs;

	if (url == NULL)
		return;
	if (url_is_unsafe(url, cmark_node_get_type(n) == CMARK_NODE_IMAGE)) {
		cmark_node_set_url(n, "");
		return;
	}
	abs = url_resolve(opts->base_url, opts->permalink, url);
	cmark_node_set_url(n, abs);
	free(abs);
}

/* 1 if raw HTML node n comes from a template: the mark is in its text
 * (a start tag, or a block holding one), or the node is an end tag right
 * before the mark's comment (htmlsafe_mark_template). */
static int
is_trusted(cmark_node *n, const char *mark)
{
	cmark_node	*next;
	const char	*lit, *nl;
	size_t		 ml;

	if (mark == NULL || (lit = cmark_node_get_literal(n)) == NULL)
		return 0;
	if (strstr(lit, mark) != NULL)
		return 1;
	if ((next = cmark_node_next(n)) == NULL ||
	    cmark_node_get_type(next) != CMARK_NODE_HTML_INLINE ||
	    (nl = cmark_node_get_literal(next)) == NULL)
		return 0;
	ml = strlen(mark);
	return strlen(nl) == ml + 7 && strncmp(nl, "<!--", 4) == 0 &&
	    strncmp(nl + 4, mark, ml) == 0 && strcmp(nl + 4 + ml, "-->") == 0;
}

/* One walk: fix URLs, collect the raw HTML to drop; *kept is set when
 * some raw HTML stays, which htmlsafe_clean() must then go over, and *more
 * when there is a <!--more--> marker. */
static void
walk_tree(cmark_node *root, const struct render_opts *opts,
    struct nodelist *drop, int *kept, int *more)
{
	cmark_iter	*it = cmark_iter_new(root);
	cmark_node	*n;
	cmark_node_type	 t;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			fix_url(n, opts);
			continue;
		}
		if (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE)
			continue;
		if (is_more_marker(n))
			*more = 1;
		if (opts->unsafe_html || is_trusted(n, opts->mark))
			*kept = 1;
		else {
			if (drop->n == drop->cap) {
				drop->cap = drop->cap ? drop->cap * 2 : 8;
				drop->v = xrealloc(drop->v,
				    drop->cap * sizeof(*drop->v));
			}
			drop->v[drop->n++] = n;
		}
	}
	cmark_iter_free(it);
}

/* s with runs of ASCII whitespace made one space, trimmed; NULL if empty. */
static char *
collapse(const struct buf *b)
{
	struct buf	 out = { 0 };
	size_t		 i;
	int		 space = 0;

	for (i = 0; i < b->len; i++) {
		if (is_ascii_space((unsigned char)b->s[i])) {
			space = 1;
			continue;
		}
		if (space && out.len > 0)
			buf_addc(&out, ' ');
		space = 0;
		buf_addc(&out, b->s[i]);
	}
	if (out.len == 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static int
has_text(const struct buf *b)
{
	size_t	i;

	for (i = 0; i < b->len; i++)
		if (!is_ascii_space((unsigned char)b->s[i]))
			return 1;
	return 0;
}

/* Plain text (image alt text aside) of what precedes the <!--more-->
 * marker when there is one (has_more), else of the first paragraph with
 * text. Blocks are separated by a space so that "a" and "b" in two cells
 * or paragraphs do not run together. */
static char *
make_summary(cmark_node *root, int has_more)
{
	struct buf	 all = { 0 }, first = { 0 };
	cmark_iter	*it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node	*n;
	cmark_node_type	 t;
	const char	*lit;
	char		*res;
	int		 in_first = 0, first_done = 0, more = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK &&
			    has_more)
				buf_addc(&all, ' ');
			/* A paragraph of only an image or raw HTML has no
			 * text: the next one is the summary. */
			if (t == CMARK_NODE_PARAGRAPH && in_first) {
				in_first = 0;
				first_done = has_text(&first);
				first.len = first_done ? first.len : 0;
				/* Without a marker, the rest is not needed. */
				if (first_done && !has_more)
					break;
			}
			continue;
		}
		if (is_more_marker(n)) {
			more = 1;
			break;
		}
		lit = NULL;
		/* Alt text describes a picture; it is not the prose. */
		if (t == CMARK_NODE_IMAGE)
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		else if (t == CMARK_NODE_PARAGRAPH && !first_done)
			in_first = 1;
		else if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
		    t == CMARK_NODE_CODE_BLOCK)
			lit = cmark_node_get_literal(n);
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			lit = " ";
		if (lit == NULL)
			continue;
		if (has_more) {
			buf_adds(&all, lit);
			if (t == CMARK_NODE_CODE_BLOCK)
				buf_addc(&all, ' ');
		}
		if (in_first)
			buf_adds(&first, lit);
	}
	cmark_iter_free(it);
	res = collapse(more ? &all : &first);
	buf_free(&all);
	buf_free(&first);
	return res;
}

/*
 * cmark-gfm keeps the table of the characters that start an inline in a
 * process-wide array: around its inline pass, every parser adds its
 * extensions' characters and then removes them (github/cmark-gfm PR #176),
 * so two threads in that pass at once would lose autolinks and
 * strikethrough. Block parsing and HTML rendering touch no such state and
 * run in parallel; the inline pass is taken one thread at a time.
 */
static pthread_mutex_t inline_pass = PTHREAD_MUTEX_INITIALIZER;

static void
init_once(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	xmlInitParser();
}

void
markdown_init(void)
{
	static pthread_once_t	once = PTHREAD_ONCE_INIT;

	if (pthread_once(&once, init_once) != 0)
		abort();
}

void
markdown_release(void)
{
	mdmem_release();
}

static cmark_node *
finish(cmark_parser *parser)
{
	cmark_node	*root;

	if (pthread_mutex_lock(&inline_pass) != 0)
		abort();
	root = cmark_parser_finish(parser);
	if (pthread_mutex_unlock(&inline_pass) != 0)
		abort();
	return root;
}

int
markdown_render(const char *path, const char *md, size_t len,
    const struct render_opts *opts, char **html, char **summary)
{
	struct nodelist		 drop = { 0 };
	cmark_parser		*parser = NULL;
	cmark_syntax_extension	*ext;
	cmark_node		*root = NULL;
	char			*out = NULL, *fixed;
	size_t			 i;
	struct htmlsafe_opts	 so;
	struct buf		 sb = { 0 };
	int			 rc = -1, options, kept = 0, more = 0;

	*html = NULL;
	if (summary != NULL)
		*summary = NULL;
	if (len > MD_MAX_BODY) {
		diag_error(path, 0, 0, "body is %zu bytes, more than the %zu "
		    "the Markdown renderer accepts", len, MD_MAX_BODY);
		goto out;
	}
	options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES |
	    CMARK_OPT_VALIDATE_UTF8;
	/* UNSAFE lets the raw HTML that is kept through: the rest is
	 * removed below rather than left as "<!-- raw HTML omitted -->",
	 * and what stays goes through htmlsafe_clean(). */
	options |= CMARK_OPT_UNSAFE;
	markdown_init();
	parser = cmark_parser_new_with_mem(options, mdmem_get());
	for (i = 0; i < sizeof(md_exts) / sizeof(md_exts[0]); i++) {
		if ((ext = cmark_find_syntax_extension(md_exts[i])) == NULL ||
		    !cmark_parser_attach_syntax_extension(parser, ext)) {
			diag_error(path, 0, 0, "cmark-gfm extension \"%s\" is "
			    "not available", md_exts[i]);
			goto out;
		}
	}
	cmark_parser_feed(parser, md, len);
	if ((root = finish(parser)) == NULL) {
		diag_error(path, 0, 0, "cmark-gfm could not parse the body");
		goto out;
	}
	walk_tree(root, opts, &drop, &kept, &more);
	/* The summary needs the <!--more--> node, so before the drop. */
	if (summary != NULL && (*summary = make_summary(root, more)) != NULL &&
	    (fixed = htmlsafe_strip_mark(*summary, opts->mark)) != NULL) {
		/* Collapsed again: a mark gone may leave spaces together. */
		free(*summary);
		sb.s = fixed;
		sb.len = strlen(fixed);
		*summary = collapse(&sb);
		free(fixed);
	}
	for (i = 0; i < drop.n; i++) {
		cmark_node_unlink(drop.v[i]);
		cmark_node_free(drop.v[i]);
	}
	out = cmark_render_html_with_mem(root, options,
	    cmark_parser_get_syntax_extensions(parser), mdmem_get());
	if (out == NULL) {
		diag_error(path, 0, 0, "cmark-gfm could not render the body");
		goto out;
	}
	/* out lives in the document's memory: the caller gets a copy. A
	 * mark shown in code is removed there too. */
	if (kept || (opts->mark != NULL && strstr(out, opts->mark) != NULL)) {
		memset(&so, 0, sizeof(so));
		so.base_url = opts->base_url;
		so.permalink = opts->permalink;
		so.mark = opts->mark;
		*html = htmlsafe_clean(path, out, strlen(out), &so);
		if (*html == NULL)
			goto out;
	} else
		*html = xstrdup(out);
	rc = 0;
out:
	if (rc == -1 && summary != NULL) {
		free(*summary);
		*summary = NULL;
	}
	free(drop.v);
	if (out != NULL)
		mdmem_get()->free(out);
	if (root != NULL)
		cmark_node_free(root);
	if (parser != NULL)
		cmark_parser_free(parser);
	mdmem_reset();
	return rc;
}
