/* entry.h: an announcement's metadata, read from its file's bytes. */
#ifndef ENTRY_H
#define ENTRY_H

#include <stddef.h>
#include "relfeed.h"

struct bounds;

enum entry_load_result {
	ENTRY_OK,		/* *out is an entry (maybe a draft, list page...) */
	ENTRY_SKIP,		/* no front matter: not an announcement; not
				 * reported (the caller notes it) */
	ENTRY_ERROR		/* reported */
};

/* Read one file's bytes into an entry: checks the bytes with
 * utf8_check_text (utf8.h), splits the front matter, parses it and maps
 * the keys (see DESIGN.md "Content model"):
 *   title (required, non-empty text; missing: error at the opening "---"
 *     line; empty: error at its key; a list or map: error at the value);
 *   publishdate | publishDate | pubdate | published | date (first present
 *     wins; a boolean `published` is Jekyll's flag instead: false means
 *     draft, true nothing);
 *   lastmod | updated (else the publish date); description | summary;
 *   subtitle; attribution | author | authors (first present wins: a name,
 *     a map with `name`, or a list of those; no duplicates);
 *   tags, categories, keywords (a word or a list; merged in that order
 *     without duplicates); draft (true/false/yes/no in lower, Title or
 *     UPPER case); expirydate; release; url; slug; id.
 * Scalars are text as written ("1.10" stays "1.10"). A value that is empty,
 * blank or a plain YAML null (~, null) counts as absent. Other keys are
 * ignored. A duplicate key is a warning; the last one wins.
 * Dates without a zone are in opts->default_off. No date at
 * all is not an error here (has_date = 0).
 * is_list_page is set for a file named _index.md (or _index.markdown) without
 * a publish date. body is a NUL-terminated copy of the bytes after the
 * closing "---" line (CRLF kept), body_line its file line.
 * path is used for diagnostics and copied; relpath is copied.
 * data need not be NUL-terminated. On ENTRY_OK *out is owned by the caller
 * (entry_free); otherwise *out is NULL. Every problem is reported with
 * path:line:col, all of them, not just the first. */
/* How a site reads its front matter. */
struct entry_opts {
	int			 default_off;	/* minutes east of UTC for dates
						 * written without a zone */
	const struct strlist	*date_keys;	/* publish date sources, first
		present wins; NULL: publishdate, publishDate, pubdate, published,
		date. ":filename" takes the date from a Jekyll-style name
		(2019-06-18-slug.md, or a bundle directory named so) and the
		slug from the rest of it unless the front matter has one. */
	const struct bounds	*bounds;	/* front-matter size and YAML
		depth (bounds.h); NULL: the defaults */
};

enum entry_load_result entry_load(const char *path, const char *relpath,
	    const char *data, size_t len, const struct entry_opts *,
	    struct entry **out);

/* Set e's body from its file's bytes read again, whole: the metadata pass
 * may read only the front matter (collect.c). Checks the text as
 * entry_load does. Returns 0, or -1 after reporting (also when the file no
 * longer has front matter). */
int	entry_load_body(struct entry *e, const char *data, size_t len);

#endif
