/* markdown.h: a body in Markdown to HTML with cmark-gfm, links made
 * absolute on the syntax tree, and a plain-text summary. */
#ifndef MARKDOWN_H
#define MARKDOWN_H

#include <stddef.h>

struct render_opts {
	const char	*base_url;	/* site root, absolute */
	const char	*permalink;	/* the entry's absolute URL */
	int		 unsafe_html;	/* 0: the body's raw HTML is dropped */
	const char	*mark;		/* the mark on templates' tags, or NULL */
};

/* Frees the memory the calling thread has rendered in (kept from one
 * markdown_render to the next); call it before the thread ends. */
void	markdown_release(void);

/* Registers cmark-gfm's extensions and initializes libxml2, once per
 * process (markdown_render calls it too). A thread that starts renderers
 * calls it first: libxml2 must be initialized before a second thread uses
 * it, and the starting thread uses it as well. */
void	markdown_init(void);

/* Render md[0..len) (shortcodes already expanded) with cmark-gfm and its
 * table, strikethrough and autolink extensions. Every link and
 * image URL goes through url_resolve(); javascript:, vbscript:, file: and
 * data: URLs (url_is_unsafe()) become "" (the link text is kept). Raw
 * HTML (blocks and inlines) is dropped unless it comes from a template
 * (its tags carry opts->mark: htmlsafe_mark_template()) or unsafe_html is
 * set; when any is kept, the whole HTML goes through htmlsafe_clean()
 * (allowlist, URLs absolute and safe, marks removed), and so does HTML
 * that shows the mark as text.
 * Sets *html to the HTML (owned by the caller) and, when summary is not
 * NULL, *summary to a plain-text summary: the text before a
 * "<!--more-->" marker if there is one, else the first paragraph that has
 * text; inner whitespace collapsed to single spaces, trimmed; NULL when
 * there is no text. A body over 64 MiB is an error (cmark's buffers stop
 * at 2 GiB). Returns 0, or -1 after reporting (path used for messages);
 * on -1, *html and *summary are NULL. */
int	markdown_render(const char *path, const char *md, size_t len,
	    const struct render_opts *opts, char **html, char **summary);

#endif
