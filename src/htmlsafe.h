/* htmlsafe.h: the HTML of an entry cut down to what a feed reader may
 * show: an allowlist of elements and attributes, URLs made absolute and
 * never a script; and the marks that tell a template's HTML from the
 * body's. */
#ifndef HTMLSAFE_H
#define HTMLSAFE_H

#include <stddef.h>

/* A mark is HTMLSAFE_MARK_PREFIX and hex digits, drawn at random once a
 * run, so no body written before the run can hold it. */
#define HTMLSAFE_MARK_PREFIX	"rf"
#define HTMLSAFE_MARK_SIZE	(sizeof(HTMLSAFE_MARK_PREFIX) - 1 + 32 + 1)

/* Fill mark[HTMLSAFE_MARK_SIZE] with a new random mark (getrandom(2), or
 * the time and pid when that fails: the mark need only be unguessable to
 * a body's author, who writes before the run). */
void	 htmlsafe_new_mark(char *mark);

/* A copy of a template's text (template.h) with every tag in it marked:
 * ' data-MARK=""' after the name of each start tag ("<div" followed by
 * a space, '/', '>' or a line break), and "<!--MARK-->" after each end
 * tag ("</div>"). cmark-gfm parses the marked text as it would the
 * original (an attribute more, an inline comment more), and the marks
 * survive into its HTML nodes, where markdown.c finds them. Text that is
 * not a tag ("<https://x>", "a < b") is left alone. Owned by the caller. */
char	*htmlsafe_mark_template(const char *text, const char *mark);

/* s without the mark's attribute and comment texts (as in a code span of
 * a template), or NULL when s holds no mark or mark is NULL: nothing is
 * copied in the common case. Owned by the caller. */
char	*htmlsafe_strip_mark(const char *s, const char *mark);

struct htmlsafe_opts {
	const char	*base_url;	/* site root, absolute */
	const char	*permalink;	/* the entry's absolute URL */
	const char	*mark;		/* this run's mark, or NULL */
};

/* html, a fragment of rendered HTML, parsed with libxml2's HTML parser and
 * written back with only:
 *   elements of the allowlist (text-level and block elements, lists,
 *     tables, images, details; see htmlsafe.c), others unwrapped (their
 *     content kept); script, style, iframe, object, embed, form elements,
 *     svg, math and the like dropped with their content;
 *   attributes of the allowlist (no event handlers, no style, no srcset);
 *     href, src and cite made absolute with url_resolve(), and dropped
 *     when url_is_unsafe();
 *   no comments or processing instructions;
 *   no trace of the mark: its attributes and comments, and the same
 *     text shown in code, are removed.
 * Returns the new HTML (owned by the caller), or NULL after reporting an
 * error at path. */
char	*htmlsafe_clean(const char *path, const char *html, size_t len,
	    const struct htmlsafe_opts *opts);

#endif
