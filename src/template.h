/* template.h: a shortcode's template expanded: its arguments parsed, its
 * values looked up, the template language rendered.
 *
 * A template is text with placeholders:
 *   {NAME}            the value of NAME; a name is one or more letters,
 *                     digits, '_', '-' and '.'; an unknown name inserts
 *                     nothing;
 *   {?NAME}...{/NAME} the content, kept only when NAME's value is
 *                     non-empty and not "false";
 *   {!NAME}...{/NAME} the content, kept only when it is not;
 *   \{  \}  \\        a literal '{', '}' and backslash.
 * Sections nest and must close in order. Any other '{' is a syntax error,
 * so a Go template pasted by mistake ("{{ .Inner }}") is caught; a '}'
 * outside a placeholder and a backslash before any other byte are
 * literal. The values are listed in shortcode.h. */
#ifndef TEMPLATE_H
#define TEMPLATE_H

#include <stddef.h>

#include "shortcode.h"
#include "util.h"

/* One shortcode to expand, all borrowed: args, the tag's text from after
 * its name to its end; inner, its inner text (NULL: unpaired), inner_bol
 * set when that starts a line; ind, the indentation before the tag when it
 * starts its line. */
struct template_call {
	const char			*args;
	size_t				 argslen;
	const char			*inner;
	size_t				 innerlen;
	int				 inner_bol;
	const char			*ind;
	size_t				 indlen;
	const struct shortcode_env	*env;
};

/* Expand the NUL-terminated template text for call, appending to dst:
 * up to indlen bytes of ind come off the start of each line of inner (the
 * first one only if inner_bol), and ind goes after each line break of the
 * output but a final one. Returns 0, or -1 with *err set to a message
 * naming the first syntax error (owned by the caller, who frees it; no
 * position: the caller knows where the template is); dst may then hold
 * part of the output. */
int	template_expand(const char *text, const struct template_call *call,
	    struct buf *dst, char **err);

/* Check the syntax of text only; returns 0, or -1 with *err as above. */
int	template_check(const char *text, char **err);

/* 1 if b[p] opens a quoted argument: '"', '\'' or '`' at the start of an
 * argument (p == start, the first byte after the name, or after a space)
 * or of a value (after '='). Quotes elsewhere are part of a bare word. */
int	template_is_quote(const char *b, size_t start, size_t p);

#endif
