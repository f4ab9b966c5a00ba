/* shortcode.h: Hugo shortcodes in a body, expanded from the config's
 * templates; those with no template are removed, paired ones leaving their
 * inner text. */
#ifndef SHORTCODE_H
#define SHORTCODE_H

#include <stddef.h>

/* A template for the shortcodes named name (compared byte for byte with the
 * tag's name, which may be a path like "a/b"). The text is in the language
 * of template.h, with these values:
 *   {0}, {1}, ...  the positional arguments, in order (bare words or quoted
 *                  strings; named ones are not counted);
 *   {KEY}          the named argument KEY (key=value, key="value" with \"
 *                  and \\ escapes, key='value' with \' and \\, key=`raw`);
 *                  the first one wins when a key repeats;
 *   {inner}        the inner text of a paired shortcode, its own shortcodes
 *                  already expanded, inserted as it is (unknown for an
 *                  unpaired one);
 *   {page.KEY}, {site.KEY}  env->lookup("page.KEY"), env->lookup("site.KEY").
 * Argument and lookup values are HTML-escaped (& < > " ') when inserted;
 * inner is not. An unknown name inserts nothing. */
struct shortcode_tmpl {
	const char	*name;
	const char	*text;
};

/* What templates can see; all borrowed. */
struct shortcode_env {
	const struct shortcode_tmpl	*tmpls;
	size_t				 ntmpls;
	/* Value of "page.KEY" or "site.KEY" (the full dotted name is
	 * passed), borrowed until shortcode_expand returns, or NULL when
	 * unknown. lookup may be NULL: every such name is unknown. */
	const char			*(*lookup)(void *ctx,
					    const char *name);
	void				*ctx;
};

/* Expand the shortcodes of body[0..len), whose first byte is on file line
 * body_line of path:
 *   {{< name args >}} and {{% name args %}} with a template: replaced by the
 *     expanded template, no warning; with none: removed, with a warning
 *     naming path:line:col and the shortcode;
 *   a paired {{< x >}}inner{{< /x >}}: with a template, both tags and the
 *     inner text replaced by the template, {inner} being the inner text
 *     with its shortcodes expanded (same env); a line break right after the
 *     opening tag and one right before a closing tag alone on its line
 *     (spaces aside) are not part of it. With no template: both tags
 *     removed, inner text kept (one warning, at the opening tag);
 *   a closing tag with no opening one: removed, with a warning;
 *   escaped tags, whose text is wrapped in a comment (slash-star x
 *     star-slash) just inside the delimiters: written literally as
 *     {{< x >}} and {{% x %}}, no warning;
 *   self-closing {{< x />}}: never paired;
 *   any spacing ({{<x>}}, {{</ x >}}, {{< x>}}) and tags spanning lines;
 *   quoted arguments and values ("...", '...', `...`, the quote starting
 *     the argument or following its '=') may contain ">}}" and line breaks;
 *     a quote inside a bare word is part of it (don't).
 * What a template writes is not scanned for shortcodes again.
 * Lines: a removed tag, or a template that writes nothing, standing alone on
 * its line (spaces aside) takes the line with it, so it leaves no blank line
 * inside a list or paragraph; the line count of the output may differ from
 * the input. A template's output replaces the tag where it stood, so a tag
 * alone on its line gives output that starts and ends its own lines (block
 * HTML and fences start blocks). When only spaces precede such a tag on its
 * line, that indentation is taken off the start of each line of {inner}
 * and put back after each line break of the output, so a fenced block
 * written inside a list item stays in it.
 * Errors: a tag opened and never closed ("{{<" with no ">}}"), a template
 * with a syntax error (see shortcode_check_template), paired shortcodes
 * with templates nested more than 16 deep; each reported at the tag's line
 * and column. env NULL: no templates.
 * Returns the expanded text (owned by the caller, NUL-terminated, length in
 * *outlen) or NULL after reporting an error. */
char	*shortcode_expand(const char *path, int body_line, const char *body,
	    size_t len, const struct shortcode_env *env, size_t *outlen);

/* Check the syntax of a template (template.h) when the config is loaded:
 * an error is reported at path:line:col, the template's position in the
 * config file, with the faulty construct quoted. Returns 0 or -1. */
int	shortcode_check_template(const char *path, int line, int col,
	    const char *text);

#endif
