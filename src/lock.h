/* lock.h: one build at a time per output directory. Runs that overlap (cron
 * starting a run before the last one ended) take turns on a lock file in
 * the output directory, so the feeds on disk always come from one run. */
#ifndef LOCK_H
#define LOCK_H

/* The lock file, in the output directory. It is created once (mode 0644)
 * and never removed: removing it would let a run lock a file that another
 * run has just unlinked and re-created. */
#define LOCK_FILE	".relfeed.lock"

/* Wait this long by default; --lock-wait changes it. */
#define LOCK_WAIT_DEFAULT	60

struct lock;

/* Create dir (and its parents) if missing and take the exclusive lock on
 * dir/LOCK_FILE, waiting at most wait_seconds for a run holding it (0: not
 * at all). Returns the held lock, owned by the caller, who releases it with
 * lock_release(); NULL (with a message naming dir) on failure or when the
 * wait ran out. */
struct lock	*lock_acquire(const char *dir, unsigned int wait_seconds);

/* Release the lock and free it; NULL is fine. */
void		 lock_release(struct lock *);

/* Remove the temporary files of dir/name (fsutil_is_temp_name) that a run
 * killed while writing left behind. Only while holding the lock on the
 * output directory dir is in: then no other run is writing them. A file
 * that cannot be removed is named in a warning; returns nothing, as a
 * stale file harms no feed. */
void		 lock_remove_stale(const char *dir, const char *name);

#endif
