/* preview.h: what a person sees who opens the feeds in a browser: the
 * XSLT stylesheet the XML feeds link to, and an HTML page beside them. */
#ifndef PREVIEW_H
#define PREVIEW_H

#include <stddef.h>
#include "relfeed.h"
#include "select.h"

/* The files, under the output directory. */
#define PREVIEW_XSL_FILE	"feed.xsl"
#define PREVIEW_PAGE_FILE	"index.html"

/* data/feed.xsl as compiled in by CMake (not NUL-terminated). It renders
 * RSS 2.0 and Atom 1.0 as relfeed writes them; its <style> is the page's
 * CSS too. */
extern const unsigned char	preview_feed_xsl[];
extern const size_t		preview_feed_xsl_len;

/* The href a feed at relpath (under the output directory, '/'-separated:
 * "rss.xml", "tags/x/atom.xml") gives in its xml-stylesheet processing
 * instruction: PREVIEW_XSL_FILE relative to the feed, so a browser loads it
 * from the same origin, as XSLT requires. Owned by the caller. */
char	*preview_xsl_href(const char *relpath);

/* A feed whose directory would be one of the files these options add
 * (stylesheet: feed.xsl, page: index.html) cannot be written: report each
 * at its config line (in cpath) and return -1; else 0. */
int	 preview_check_names(const char *cpath, const struct feed_set *,
	    int stylesheet, int page);

/* One file of one feed, as the page lists it. Strings are borrowed. */
struct preview_file {
	const char	*name;		/* the feed's name, "" for the site feed */
	const char	*title;		/* the feed's title */
	const char	*relpath;	/* under the output directory */
	const char	*type;		/* media type: application/rss+xml */
};

/* What the page shows. Strings and entries are borrowed. */
struct preview_info {
	const char		 *title;	/* the site feed's */
	const char		 *description;	/* or NULL */
	const char		 *language;	/* or NULL */
	const char		 *feed_url;	/* absolute URL of the output
						 * directory */
	const struct preview_file *files;	/* every file of every feed,
						 * those of a feed together */
	size_t			  nfiles;
	struct entry *const	 *entries;	/* the site feed's, rendered,
						 * in feed order */
	size_t			  n;
};

/* Build the HTML5 page (PREVIEW_PAGE_FILE) as a libxml2 tree and serialize
 * it: a <link rel="alternate"> per file for autodiscovery, a table of the
 * feeds (each file linked with its type, and its subscribe URL), and the
 * site feed's entries with date, linked title and summary as text. Every
 * string goes through xmltext_clean(). Sets *out (NUL-terminated, owned by
 * the caller) and *outlen; returns 0, or -1 after reporting. */
int	 preview_page_write(const struct preview_info *, char **out,
	    size_t *outlen);

#endif
