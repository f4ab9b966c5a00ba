/* shortcode.h: Hugo shortcodes in a body, until the config gives them
 * templates: removed, paired ones leaving their inner text. */
#ifndef SHORTCODE_H
#define SHORTCODE_H

#include <stddef.h>

/* Expand the shortcodes of body[0..len), whose first byte is on file line
 * body_line of path:
 *   {{< name args >}} and {{% name args %}}: removed, with a warning naming
 *     path:line:col and the shortcode;
 *   a paired {{< x >}}inner{{< /x >}}: both tags removed, inner text kept
 *     (one warning, at the opening tag);
 *   a closing tag with no opening one: removed, with a warning;
 *   escaped tags, whose text is wrapped in a comment (slash-star x
 *     star-slash) just inside the delimiters: written literally as
 *     {{< x >}} and {{% x %}}, no warning;
 *   self-closing {{< x />}}: never paired;
 *   any spacing ({{<x>}}, {{</ x >}}, {{< x>}}) and tags spanning lines;
 *   quoted argument values may contain ">}}".
 * A tag opened and never closed ("{{<" with no ">}}") is an error at its
 * line and column. A removed tag that stands alone on its line (spaces
 * aside) takes the line with it, so it leaves no blank line inside a list
 * or paragraph; the line count of the output may differ from the input.
 * Returns the expanded text (owned by the caller, NUL-terminated, length in
 * *outlen) or NULL after reporting an error. */
char	*shortcode_expand(const char *path, int body_line, const char *body,
	    size_t len, size_t *outlen);

#endif
