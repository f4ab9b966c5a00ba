/* changes.h: what a new feed file changes against the file it replaces:
 * the entries added, removed and updated, found by reading both feeds back
 * (libxml2 for RSS and Atom, jansson for JSON Feed), and the tally of a
 * build run that the summary line, --dry-run and on_change report. */
#ifndef CHANGES_H
#define CHANGES_H

#include <stddef.h>
#include <stdio.h>
#include "relfeed.h"

enum change_kind {
	CHANGE_ADDED,		/* an id the old feed does not have */
	CHANGE_REMOVED,		/* an id the new feed no longer has */
	CHANGE_UPDATED		/* same id, another updated time, title or
				 * content */
};

/* One changed entry, as the feed that has it says. Strings are owned. */
struct change {
	enum change_kind kind;
	char		*id;
	char		*title;		/* or NULL */
	char		*link;		/* or NULL */
};

/* The changes of one file: added and updated entries in the new feed's
 * order, then removed ones in the old feed's. Zero-initialise;
 * changes_free() releases the members. */
struct changes {
	struct change	*v;
	size_t		 n;
	size_t		 nadded, nremoved, nupdated;
};

/*
 * Compare the feed old[0..oldlen) with new[0..newlen). The format is each
 * document's own: an XML root <rss> (RSS 2.0: item guid, else link, and
 * pubDate) or Atom <feed> (entry id and updated), or a JSON object with
 * "items" (JSON Feed: id and date_modified, else date_published). An entry
 * is updated when its time, title or content (description and
 * content:encoded; summary and content; summary, content_html and
 * content_text) differ. old NULL is a missing file: every entry is added.
 * Fills *out (the caller frees it with changes_free). Returns 0, or -1
 * when old is not a feed of these formats, reporting nothing: *out then
 * has every entry of new as added, and the caller says why.
 */
int	changes_compare(const char *old, size_t oldlen, const char *new,
	    size_t newlen, struct changes *out);

void	changes_free(struct changes *);

/* The tally of a build run. Zero-initialise, then changes_run_start. */
struct changes_run {
	struct entry	**byid;		/* borrowed entries sorted by feed id,
					 * to name a changed entry's release */
	size_t		  nentries;
	FILE		 *list;		/* where a dry run lists each change,
					 * or NULL */
	int		  dry_run;
	int		  count_entries; /* 0: files are counted, their entries
					  * are not compared */
	size_t		  written, unchanged;	/* files */
	struct strlist	  ids[3];	/* ids of the entries added, removed
					 * and updated (enum change_kind), as
					 * often as files have them */
	struct strlist	  changed;	/* paths written (or that a dry run
					 * would write), in output order */
};

/* Start a tally: entries[0..n) are borrowed and must outlive run; list is
 * where a dry run lists the changes (NULL: not listed). With count_entries
 * 0 no feed is read back (a quiet build prints no counts): only the files
 * are counted. */
void	changes_run_start(struct changes_run *run, struct entry *const *entries,
	    size_t n, FILE *list, int dry_run, int count_entries);

/* Count the output file path, whose new bytes are doc[0..len): changed 0
 * means its bytes are on disk already. A changed file is compared with the
 * file at path as it is now (which must not have been replaced yet); a
 * previous file that cannot be read or is no feed is a warning in a dry
 * run (a note with -v otherwise) and counts every entry as added. With
 * run->list each change is listed there as "path: + RELEASE  TITLE  LINK"
 * ('+' added, '-' removed, '~' updated; RELEASE "-" when not known). */
void	changes_run_file(struct changes_run *run, const char *path, int changed,
	    const char *doc, size_t len);

/* The summary line on stderr, unless quiet is set: "relfeed: 3 files
 * written, 12 unchanged, 2 entries added" (with "would be written" for a
 * dry run; entry counts that are 0 are left out). Files are every output
 * file; an entry is counted once, by id, whatever files it is in. Sorts
 * run's id lists. */
void	changes_run_summary(struct changes_run *run, int quiet);

void	changes_run_free(struct changes_run *run);

#endif
