/* relfeed.h: the model every module shares: entries, times, string lists.
 *
 * Conventions, stated once:
 * - Functions that can fail return 0 on success and -1 on failure; they
 *   report the failure themselves (through diag.h) before returning -1.
 * - Constructors return a pointer, or NULL on failure.
 * - Predicates named is_* / has_* return 0 or 1.
 * - Out of memory is fatal (util.h's x* wrappers print and abort).
 * - Every struct with heap members has an X_free() that accepts NULL.
 * - Strings are UTF-8, NUL-terminated; "owned" means freed by the holder.
 */
#ifndef RELFEED_H
#define RELFEED_H

#include <stddef.h>
#include <stdint.h>

/* Feed formats, as bits: a run writes any set of them. */
#define FORMAT_RSS	0x1
#define FORMAT_ATOM	0x2
#define FORMAT_JSON	0x4

/* A growable list of owned strings. Zero-initialise to get an empty list.
 * A packed list (made whole by the cache) holds v and its strings in one
 * allocation; strlist_push and strlist_clear know both kinds. */
struct strlist {
	char	**v;
	size_t	  n;
	size_t	  cap;
	int	  packed;
};

/* A point in time: seconds since 1970-01-01T00:00:00Z, plus the UTC offset
 * (minutes east) the date was written in, kept so output shows it as given. */
struct rf_time {
	int64_t	sec;
	int	off;
};

/* One announcement. Metadata is filled by entry.c from the front matter;
 * permalink by build.c; body is the Markdown after the front matter;
 * html and summary_text are filled when the entry is rendered. */
struct entry {
	char		*path;		/* file path as opened, for diagnostics */
	char		*relpath;	/* path under the content root, '/'-separated */
	char		*title;		/* required */
	char		*subtitle;	/* or NULL */
	char		*description;	/* description | summary key, or NULL */
	char		*release;	/* version text exactly as written, or NULL */
	char		*id;		/* explicit id, or NULL */
	char		*url;		/* front matter url, or NULL */
	char		*slug;		/* front matter slug, or NULL */
	struct strlist	 authors;	/* attribution | author | authors */
	struct strlist	 categories;	/* tags, categories, keywords; no duplicates */
	int		 has_date;	/* 0: no publish date found */
	struct rf_time	 published;
	struct rf_time	 updated;	/* lastmod | updated, else published */
	int		 has_expiry;
	struct rf_time	 expiry;
	int		 draft;		/* draft: true, or published: false */
	int		 date_line;	/* file line of the publish date, or 0 */
	int		 date_only;	/* the publish date has no time of day */
	int		 empty_desc_line; /* line of an empty description, or 0 */
	int		 is_list_page;	/* _index.md without a publish date */
	struct strlist	 params;	/* every top-level scalar of the front
					 * matter as written: key, value, ... */

	char		*body;		/* Markdown after the front matter */
	size_t		 body_len;
	int		 body_line;	/* file line (1-based) of body[0] */

	char		*permalink;	/* absolute URL, set by build.c */
	char		*html;		/* rendered full content, or NULL (also
					 * when no JSON feed takes it) */
	char		*html_xml;	/* html as XML text (xmltext_escape),
					 * or NULL */
	char		*summary;	/* plain-text summary, or NULL */
};

void	 entry_free(struct entry *);

/* The front-matter value of key[0..keylen) as written (see params), or
 * NULL; borrowed from e. */
const char *entry_param(const struct entry *, const char *key, size_t keylen);

void	 strlist_push(struct strlist *, const char *);	/* copies the string */
int	 strlist_has(const struct strlist *, const char *);
void	 strlist_clear(struct strlist *);		/* frees the strings */

#endif
