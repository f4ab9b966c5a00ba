/* bounds.h: the bounds a run puts on its input (file size, front-matter
 * size, YAML nesting, entries per feed), so that hostile or mistaken input
 * meets a clear error instead of unbounded time or memory. */
#ifndef BOUNDS_H
#define BOUNDS_H

#include <stddef.h>

/* The defaults, documented in relfeed(1) and relfeed.yaml(5). */
#define BOUNDS_FILE_SIZE	((size_t)16 << 20)	/* 16M */
#define BOUNDS_FRONT_MATTER	((size_t)1 << 20)	/* 1M */
#define BOUNDS_DEPTH		64
#define BOUNDS_DEPTH_MAX	1000	/* the parser recurses per level */
#define BOUNDS_ENTRIES		100000

/* One run's limits. Zero in a field means "not given": bounds_fill() puts
 * the default there, and the functions below read it as the default. A value past a limit is an error naming the file and
 * the limit, never a silent truncation. */
struct bounds {
	size_t	file_size;	/* bytes of one content file */
	size_t	front_matter;	/* bytes of one file's YAML front matter */
	size_t	depth;		/* nesting of YAML lists and maps, 1..1000 */
	size_t	entries;	/* entries of one feed, after its limit */
};

/* Put the default into every field that is 0. */
void	bounds_fill(struct bounds *);

/* Fields of l that are 0 are taken from from. */
void	bounds_merge(struct bounds *l, const struct bounds *from);

/* Parse a byte count: digits with an optional k, M or G suffix (either
 * case; powers of 1024). Returns 0 and sets *out (at least 1), or -1. */
int	bounds_parse_size(const char *s, size_t *out);

/* Parse a count of at least 1 (and at most max); 0 or -1 as above. */
int	bounds_parse_count(const char *s, size_t max, size_t *out);

/* The first prefix bytes of the regular file at path, as
 * fsutil_read_prefix() reads them (SIZE_MAX: the whole file), but never
 * more than l->file_size bytes: a larger file is reported as over the
 * limit. *data is owned by the caller (NULL on failure). Returns 0,
 * EXIT_CONTENT for a file over the limit, or EXIT_SYSTEM when it cannot be
 * read (both reported). */
int	bounds_read(const char *path, const struct bounds *l, size_t prefix,
	    char **data, size_t *len, int *whole);

/* Report a front matter of len bytes from file line line of path when it
 * is over l->front_matter; returns 0, or -1 after reporting. */
int	bounds_check_front_matter(const char *path, int line, size_t len,
	    const struct bounds *l);

/* Report the feed name (NULL or "": the site feed) of n entries, defined
 * at cpath:line, when n is over l->entries; returns 0, or -1. */
int	bounds_check_entries(const char *cpath, int line, const char *name,
	    size_t n, const struct bounds *l);

#endif
