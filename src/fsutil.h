/* fsutil.h: the disk edges: reading files whole, listing content, and
 * replacing output files atomically. Every function reports its own errors
 * (with the path and strerror) and returns 0 or -1; callers treat -1 as a
 * system error (exit status 3). */
#ifndef FSUTIL_H
#define FSUTIL_H

#include <stddef.h>
#include <stdint.h>
#include "relfeed.h"

/* Read the regular file at path whole. *data is NUL-terminated and owned by
 * the caller; *len excludes the NUL. Refuses anything but a regular file. */
int	fsutil_read_file(const char *path, char **data, size_t *len);

/* The first bytes of the regular file at path, at most max of them, as
 * fsutil_read_file gives them; *whole is 1 when that was the whole file.
 * *size is the file's size by fstat. A file of more than refuse bytes is
 * not read: that returns 1, not reported, with *data NULL. */
int	fsutil_read_prefix(const char *path, size_t max, uintmax_t refuse,
	    char **data, size_t *len, int *whole, uintmax_t *size);

/* 1 if path is a regular file holding exactly data[0..len), else 0 (also
 * when it cannot be read: then writing it is the way to find out). */
int	fsutil_same_content(const char *path, const char *data, size_t len);

/* Create dir and its missing parents (mode 0777 & ~umask). */
int	fsutil_mkdirs(const char *dir);

/* Check dir can take new files: a directory we may write and search. */
int	fsutil_check_writable_dir(const char *dir);

/* Replace dir/name with data[0..len) so that readers see either the old
 * file or the new one, never a part: fsutil_stage(), then fsutil_commit().
 * On any failure the temporary file is removed and dir/name is untouched. */
int	fsutil_write_atomic(const char *dir, const char *name,
	    const char *data, size_t len);

/* fsutil_write_atomic for a file whose loss is harmless (a cache): reports
 * nothing; on failure returns -1 with errno set and *what naming the step
 * that failed (a string constant: "mkstemp", "write", "rename"...). */
int	fsutil_try_write_atomic(const char *dir, const char *name,
	    const char *data, size_t len, const char **what);

/* The temporary file of dir/name is dir/.NAME.relfeed-XXXXXX, the X made
 * unique by mkstemp(3): a name no other program uses, so one that a killed
 * run left behind can be recognised (fsutil_is_temp_name) and removed. */
#define FSUTIL_TEMP_TAG	".relfeed-"

/* The first half of a replacement: write data[0..len) to a new temporary
 * file beside dir/name, set mode 0644, fsync and close it, checking each
 * step (a short write, a full disk, an error only close reports). On
 * success *tmp is its path, owned by the caller, who passes it to
 * fsutil_commit() or fsutil_discard() and then frees it. On failure the
 * temporary file is gone already and *tmp is NULL. */
int	fsutil_stage(const char *dir, const char *name, const char *data,
	    size_t len, char **tmp);

/* fsutil_stage in two steps, so that many files are written before any is
 * synced (one journal commit for them all, not one each): the first leaves
 * the file open, its descriptor in *fd; fsutil_stage_sync fsyncs and
 * closes it. On a failure of either the temporary file is removed and
 * reported; the caller still frees tmp. */
int	fsutil_stage_unsynced(const char *dir, const char *name,
	    const char *data, size_t len, char **tmp, int *fd);
int	fsutil_stage_sync(const char *dir, const char *name, const char *tmp,
	    int fd);

/* The second half: rename tmp over dir/name, then fsync dir. On failure
 * tmp is removed and dir/name is untouched. tmp stays the caller's. */
int	fsutil_commit(const char *tmp, const char *dir, const char *name);

/* fsutil_commit in two steps, so that a directory that gets several files
 * is synced once: the rename, then fsutil_sync_dir (errors ignored: the
 * files are in place either way). */
int	fsutil_rename(const char *tmp, const char *dir, const char *name);
void	fsutil_sync_dir(const char *dir);

/* Remove a staged file that is not to be committed (NULL: nothing); errno
 * is kept, for the caller's message. */
void	fsutil_discard(const char *tmp);

/* 1 if entry, a name in a directory, is a temporary file of name made by
 * fsutil_stage(), else 0. */
int	fsutil_is_temp_name(const char *entry, const char *name);

/* Every *.md and *.markdown file under root, as '/'-separated paths relative
 * to root, in sorted order (bytewise). Hidden files and directories (names
 * starting with '.') are not content. Symbolic links are not followed (a
 * warning names each one to a *.md name or to a directory), nor is a *.md
 * that is not a regular file read (a FIFO, a device: a warning). Appends to *out (the caller clears it). */
int	fsutil_scan(const char *root, struct strlist *out);

#endif
