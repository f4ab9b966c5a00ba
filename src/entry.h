/* entry.h: an announcement's metadata, read from its file's bytes. */
#ifndef ENTRY_H
#define ENTRY_H

#include <stddef.h>
#include "relfeed.h"

enum entry_load_result {
	ENTRY_OK,		/* *out is an entry (maybe a draft, list page...) */
	ENTRY_SKIP,		/* not an announcement (no front matter); noted */
	ENTRY_ERROR		/* reported */
};

/* Read one file's bytes into an entry: checks the bytes are UTF-8 without
 * control characters (other than tab, LF, CR), splits the front matter,
 * parses it and maps the keys (see DESIGN.md "Content model"):
 *   title (required, non-empty string);
 *   publishdate | publishDate | pubdate | published | date (first present
 *     wins; a boolean `published` is a draft flag instead);
 *   lastmod | updated; description | summary; subtitle;
 *   attribution | author | authors (string or list of strings);
 *   tags, categories, keywords (string or list); draft (bool); expirydate;
 *   release; url; slug; id.
 * Other keys are ignored. A duplicate key is a warning; the last one wins.
 * Dates without a zone are in default_off (minutes east of UTC).
 * is_list_page is set for a file named _index.md without a publish date.
 * path is used for diagnostics and copied; relpath is copied.
 * data need not be NUL-terminated. On ENTRY_OK *out is owned by the caller
 * (entry_free). Every problem is reported with path:line:col. */
enum entry_load_result entry_load(const char *path, const char *relpath,
	    const char *data, size_t len, int default_off, struct entry **out);

/* Check data[0..len) is UTF-8 with no C0 control characters but tab, LF
 * and CR, no DEL-free C1 issue (C1 are allowed), no U+FFFE/U+FFFF, no
 * surrogates, no overlong forms. Reports the first problem at
 * path:line:col and returns -1, else 0. */
int	entry_check_text(const char *path, const char *data, size_t len);

#endif
