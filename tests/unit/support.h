/* support.h: what the unit test programs share: diagnostics captured in
 * memory, the shared corpus and schemas, reading files, running a suite. */
#ifndef SUPPORT_H
#define SUPPORT_H

#include <check.h>
#include <stddef.h>

/* Diagnostics into memory. support_diag_capture() resets diag's counts
 * and sends its output to a fresh buffer (ending an earlier capture);
 * support_diags() flushes and returns everything reported since, "" if
 * nothing, valid until the next capture or release; support_diag_release()
 * sends output back to stderr and frees the buffer. Capture and release fit
 * tcase_add_checked_fixture(). */
void		 support_diag_capture(void);
const char	*support_diags(void);
void		 support_diag_release(void);

/* A fresh empty directory /tmp/relfeed-<name>-XXXXXX for one test; the
 * path is valid until support_tmpdir_remove(), which deletes the directory
 * with all it holds (nothing if there is none). support_put() writes text
 * to the file rel below it, creating the directories between. Failures
 * fail the test. They fit a checked fixture's setup and teardown. */
const char	*support_tmpdir(const char *name);
void		 support_tmpdir_remove(void);
void		 support_put(const char *rel, const char *text);

/* name (a file or directory) in the shared directory beside the
 * repository, $RELFEED_SRCDIR/../shared/name, if it
 * exists there; NULL if it is nowhere (the test then skips). The caller
 * frees the result. */
char		*support_shared_path(const char *name);

/* The bytes of the file at path, NUL-terminated, their number in *len
 * unless len is NULL. A file that cannot be read fails the test. The
 * caller frees the result. */
char		*support_read_file(const char *path, size_t *len);

/* Call fn for each file named *.md below dir, in name order, entries
 * starting with '.' skipped: path is dir/rel, rel the path below dir,
 * data[0..len) the file's bytes (NUL-terminated, freed after fn returns),
 * arg passed through. Returns the number of files. */
size_t		 support_walk_md(const char *dir,
		    void (*fn)(const char *path, const char *rel,
		    const char *data, size_t len, void *arg), void *arg);

/* support_walk_md over the shared corpus (support_shared_path("corpus"))
 * with diagnostics captured (support_diag_capture, released after): 0, or
 * -1 when there is no corpus, which it reports on stderr for the test to
 * skip. */
int		 support_walk_corpus(void (*fn)(const char *path,
		    const char *rel, const char *data, size_t len, void *arg),
		    void *arg);

/* The body of the content file data[0..len) (its bytes after the front
 * matter, as fm_split finds it), its length in *body_len and its first
 * file line in *body_line; NULL for a file without front matter. Front
 * matter fm_split rejects fails the test. */
const char	*support_body(const char *path, const char *data, size_t len,
		    size_t *body_len, int *body_line);

/* How many times needle (not empty) occurs in s, not overlapping. */
size_t		 support_count(const char *s, const char *needle);

/* Run suite s in CK_NORMAL mode and free it; returns EXIT_SUCCESS if every
 * test passed, else EXIT_FAILURE (main's return value). */
int		 support_run(Suite *s);

#endif
