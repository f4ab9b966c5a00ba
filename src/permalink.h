/* permalink.h: an entry's absolute URL, from its path under the content
 * root, its url/slug keys, or a pattern of the config. */
#ifndef PERMALINK_H
#define PERMALINK_H

#include <stddef.h>
#include "config.h"
#include "relfeed.h"

/* The permalink of e under base_url:
 * - the front matter url when given, resolved against base_url;
 * - else the pattern of e's top-level section (its first path segment) in
 *   pats[0..n), if any: ":year", ":month", ":day" (of the publish date, as
 *   written), ":section", ":slug" (slug, else the title made a slug),
 *   ":filename" (the file name without extension; a bundle's directory
 *   name for index.md and _index.md), ":title" (the title made a slug);
 * - else the path under the content root with index.md/_index.md and the
 *   extension taken away, its last segment replaced by slug when given,
 *   with a trailing '/', under content_url (the URL the content root is
 *   served at; NULL: base_url).
 * Owned by the caller. */
char	*permalink_make(const char *base_url, const char *content_url,
	    const struct config_permalink *pats, size_t n, const struct entry *e);

/* 0 if pattern starts with '/' and names only known :tokens, else -1. */
int	 permalink_check(const char *pattern);

#endif
