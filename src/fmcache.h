/* fmcache.h: a cache of parsed front matter, so that a rerun over an
 * unchanged tree costs about one stat per file instead of a read and a
 * YAML parse.
 *
 * A record holds what collect.c takes from a file's head (the entry's
 * metadata and body_line, or "no front matter"), keyed by the file's path
 * under the content root, size, inode, mtime and ctime (nanoseconds). The
 * whole cache is keyed by everything else that changes how heads are read:
 * the relfeed build, the config file's bytes, the entry_opts and the
 * content root. A file whose mtime or ctime is within FMCACHE_RACY_SEC of
 * the run's start is never stored: a change in the same timestamp granule
 * would keep its key. Files that drew a warning or an error are not stored
 * either, so every run prints their diagnostics again.
 *
 * The cache is an optimisation only: a missing, unreadable, corrupt,
 * truncated or foreign file is ignored (a note with -v) and rebuilt; a
 * cache that cannot be written is a note too. Nothing here is an error. */
#ifndef FMCACHE_H
#define FMCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "entry.h"
#include "relfeed.h"

/* How old (seconds) a file's mtime and ctime must be, against the start of
 * the run, for its record to be stored: covers file systems with one- and
 * two-second timestamps and the kernel's coarse clock. */
#define FMCACHE_RACY_SEC	2

struct fmcache;

/* The default cache file for a content root and config file (NULL: none):
 * $XDG_CACHE_HOME/relfeed/NAME, else $HOME/.cache/relfeed/NAME, NAME made
 * of the content root's base name and a hash of both absolute paths.
 * Returns a string the caller frees, or NULL (no usable home, or content
 * not found: then there is no cache). */
char	*fmcache_default_path(const char *content_dir, const char *config_path);

/* Open the cache file path for one run. key names what else decides how
 * heads are parsed (see above): config_path (NULL: none) is read for its
 * bytes, content_dir is made absolute. now_ns is the run's start, in
 * nanoseconds since the epoch (the wall clock, not --now). Returns a cache
 * owned by the caller (fmcache_close), never NULL: an unusable file gives
 * an empty cache. */
struct fmcache *fmcache_open(const char *path, const char *content_dir,
	    const char *config_path, const struct entry_opts *eo,
	    int64_t now_ns);

/* A file's identity: a change of content changes one of these. */
struct fmcache_key {
	int64_t	size, ino, mtime_s, mtime_ns, ctime_s, ctime_ns;
};

/* What a lookup found: the file's stat (stat_ok) and the record that
 * matched it (rec, -1: a miss). */
struct fmcache_look {
	struct fmcache_key	key;
	long			rec;
	int			stat_ok;
};

/* Look up the file path (relpath under the content root), stat'ing it;
 * fills *lk either way. Returns 1 on a hit: *res is ENTRY_OK with *out a
 * new entry owned by the caller (path and relpath copied, no body), or
 * ENTRY_SKIP with *out NULL. Returns 0 on a miss (or when c is NULL): the
 * caller loads the file. fmcache_lookup only reads c: several threads may
 * call it while no other function has c. */
int	 fmcache_lookup(const struct fmcache *c, const char *path,
	    const char *relpath, enum entry_load_result *res,
	    struct entry **out, struct fmcache_look *lk);
/* Then, in the order of the files: record a hit, or after a miss the
 * result of loading relpath (the stat in lk is the key): e for ENTRY_OK
 * (borrowed), warned 1 if loading drew a warning. Errors, warned files
 * and racy files are left out. */
void	 fmcache_keep(struct fmcache *c, const struct fmcache_look *lk,
	    const char *relpath, enum entry_load_result res,
	    const struct entry *e, int warned);

/* End the run: if write and the records differ from the file's, replace
 * the file atomically (creating the relfeed cache directory). Frees c;
 * NULL is accepted. */
void	 fmcache_close(struct fmcache *c, int write);

/* How many lookups hit and missed, for -v and the tests. */
size_t	 fmcache_hits(const struct fmcache *c);

/* The record codec (fmcache_rec.c), exposed for the unit tests. */

/* Append e's metadata to b. */
struct buf;
void	 fmcache_rec_encode(struct buf *b, const struct entry *e);

/* Decode the metadata at p[0..len) into a new entry (no path, relpath or
 * body), owned by the caller; NULL when the bytes are not a whole record. */
struct entry *fmcache_rec_decode(const char *p, size_t len);

#endif
