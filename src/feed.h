/* feed.h: the feed writers. Each takes the same model, a list of rendered
 * entries in feed order, and writes a whole document into memory. */
#ifndef FEED_H
#define FEED_H

#include <stddef.h>
#include "relfeed.h"

struct feed_info {
	const char	*title;		/* required */
	const char	*description;	/* or NULL: the title is used */
	const char	*site_url;	/* the site's absolute root URL */
	const char	*self_url;	/* absolute URL this very file is served at */
	const char	*language;	/* or NULL */
	const char	*author;	/* feed-level author name, or NULL */
	const char	*generator;	/* "relfeed", no version: output must not
					 * change when only the binary does */
};

/* Write RSS 2.0 (https://www.rssboard.org/rss-specification) with the
 * atom, content and dc namespaces. entries[0..n) are in feed order, each with
 * permalink, title, published, updated, and html/summary as rendered.
 * Sets *out (owned by the caller, NUL-terminated) and *outlen. The
 * document is parsed back before returning. Returns 0 or -1 (reported). */
int	feed_rss_write(const struct feed_info *, struct entry *const *entries,
	    size_t n, char **out, size_t *outlen);

/* Write Atom 1.0 (RFC 4287), same contract as feed_rss_write. */
int	feed_atom_write(const struct feed_info *, struct entry *const *entries,
	    size_t n, char **out, size_t *outlen);

/* Parse doc[0..len) with libxml2 (no network, no entities loaded): 0 if it
 * is well-formed XML, else -1 after reporting what libxml2 said, naming
 * what (e.g. "rss.xml"). */
int	feed_parse_back(const char *what, const char *doc, size_t len);

/* An RSS author element needs an e-mail address: split "Name <a@b>" or
 * "a@b (Name)" into email and name; returns 1 if an address was found
 * (*email and *name, possibly NULL, newly allocated), else 0. */
int	feed_author_email(const char *author, char **email, char **name);

#endif
