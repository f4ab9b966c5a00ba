/* markdown.h: a body in Markdown to HTML with cmark-gfm, links made
 * absolute on the syntax tree, and a plain-text summary. */
#ifndef MARKDOWN_H
#define MARKDOWN_H

#include <stddef.h>

struct render_opts {
	const char	*base_url;	/* site root, absolute */
	const char	*permalink;	/* the entry's absolute URL */
	int		 unsafe_html;	/* 0: raw HTML blocks and inlines dropped */
};

/* Render md[0..len) (shortcodes already expanded) with cmark-gfm and its
 * table, strikethrough, autolink and tagfilter extensions. Every link and
 * image URL goes through url_resolve(); javascript:, vbscript:, file: and
 * data: URLs (other than data:image/png|gif|jpeg|webp on images; case and
 * leading spaces ignored) become "" (the link text is kept). Raw HTML is
 * dropped unless unsafe_html; even then <script>, <iframe>, <style>...
 * (GFM's tagfilter list) are escaped, whatever follows the tag name (GFM's
 * own filter misses "<script/x>"). No attribute allowlist yet.
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
