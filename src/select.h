/* select.h: which entries go into which feed: the site feed, the named
 * feeds of the config, and the feeds fanned out per tag or release line. */
#ifndef SELECT_H
#define SELECT_H

#include <stddef.h>
#include "config.h"
#include "relfeed.h"

/* One feed to write. Entries are borrowed from the caller's list, in feed
 * order, the limit applied. */
struct feed_out {
	char		 *name;		/* "" for the site feed, else a relative
					 * path under the output directory */
	int		  line;		/* of its spec in the config; 0: site */
	char		 *title;	/* owned */
	char		 *description;	/* owned, or NULL */
	int		  formats;	/* FORMAT_* bits */
	struct entry	**v;
	size_t		  n;
};

struct feed_set {
	struct feed_out	*v;
	size_t		 n;
};

/* Site-wide defaults a feed falls back on. */
struct select_defaults {
	const char	*title;
	const char	*description;
	size_t		 limit;		/* 0: all */
	int		 formats;
};

/* Make the site feed and every feed of specs[0..nspecs) from entries[0..n)
 * (already in feed order). Fan-out names have {tag} or {release_line}
 * replaced by select_slug() of the value; two values that give one name,
 * or a value that gives an empty one, are errors naming the config line,
 * as are two feeds of one name and a feed whose directory would be another
 * feed's file (a feed named "atom.xml", or "a" beside "a/rss.xml").
 * Returns 0 and fills *out (feed_set_free), or -1 after reporting. */
int	select_feeds(const char *config_path, const struct select_defaults *,
	    const struct feed_spec *specs, size_t nspecs,
	    struct entry *const *entries, size_t n, struct feed_set *out);

void	feed_set_free(struct feed_set *);

/* "1.24" for release "1.24.2" or "v1.24"; NULL when there is no release
 * or it does not start with a number. Owned by the caller. */
char	*select_release_line(const char *release);

/* "major" (X.0.0), "minor" (X.Y.0), "patch" (X.Y.Z, Z > 0) from the
 * version; without one, from a subtitle holding "major", "minor" or
 * "patch" (any case); else NULL. Static strings. */
const char *select_release_kind(const struct entry *);

/* A path segment from any text: ASCII letters lowered, digits and bytes of
 * non-ASCII characters kept, a '.' or '_' kept between two of those, every
 * other run of bytes one '-', no '-' at either end. "../x" gives "x",
 * "Zürich Mode" "zürich-mode", "1.24" "1.24". May be empty. Owned by the
 * caller. */
char	*select_slug(const char *);

/* 1 if e's path under the content root is section or below it. */
int	select_in_section(const struct entry *e, const char *section);

#endif
