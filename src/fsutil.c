/* fsutil.c: reading files, listing the content tree, atomic replacement. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fsutil.h"
#include "util.h"

int
fsutil_read_file(const char *path, char **data, size_t *len)
{
	int	whole;

	return fsutil_read_prefix(path, SIZE_MAX, data, len, &whole);
}

int
fsutil_read_prefix(const char *path, size_t max, char **data, size_t *len,
    int *whole)
{
	struct stat	 st;
	struct buf	 b = { 0 };
	char		 chunk[65536];
	ssize_t		 n;
	size_t		 want;
	int		 fd, rc = -1;

	*data = NULL;
	*len = 0;
	*whole = 0;
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1) {
		diag_error(path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		diag_error(path, 0, 0, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(path, 0, 0, "not a regular file");
		goto out;
	}
	buf_add(&b, "", 0);
	for (;;) {
		if (b.len >= max)
			break;
		want = max - b.len < sizeof(chunk) ? max - b.len : sizeof(chunk);
		n = read(fd, chunk, want);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			diag_error(path, 0, 0, "cannot read: %s",
			    strerror(errno));
			goto out;
		}
		if (n == 0) {
			*whole = 1;
			break;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	*len = b.len;
	*data = buf_detach(&b);
	rc = 0;
out:
	buf_free(&b);
	close(fd);
	return rc;
}

int
fsutil_same_content(const char *path, const char *data, size_t len)
{
	struct stat	 st;
	char		 chunk[65536];
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, same = 0;

	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1)
		return 0;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		goto out;
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto out;
		if (n == 0)
			break;
		if (off + (size_t)n > len ||
		    memcmp(chunk, data + off, (size_t)n) != 0)
			goto out;
		off += (size_t)n;
	}
	same = off == len;
out:
	close(fd);
	return same;
}

int
fsutil_mkdirs(const char *dir)
{
	struct stat	 st;
	char		*p, *s;
	int		 rc = -1;

	s = xstrdup(dir);
	for (p = s + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(s, 0777) == -1 && errno != EEXIST) {
			diag_error(s, 0, 0, "cannot create directory: %s",
			    strerror(errno));
			goto out;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		diag_error(dir, 0, 0, "not a directory");
		goto out;
	}
	rc = 0;
out:
	free(s);
	return rc;
}

int
fsutil_check_writable_dir(const char *dir)
{
	if (access(dir, W_OK | X_OK) == -1) {
		diag_error(dir, 0, 0, "output directory is not writable: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Write data[0..len) whole. A write that makes no progress is a full
 * disk too (write(2) may report 0 rather than ENOSPC). On failure errno
 * says why. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == 0)
			errno = ENOSPC;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int
fsutil_is_temp_name(const char *entry, const char *name)
{
	size_t	n = strlen(name), tag = strlen(FSUTIL_TEMP_TAG), i;

	/* "." name FSUTIL_TEMP_TAG and the six characters mkstemp(3) picks */
	if (entry[0] != '.' || strncmp(entry + 1, name, n) != 0 ||
	    strncmp(entry + 1 + n, FSUTIL_TEMP_TAG, tag) != 0)
		return 0;
	entry += 1 + n + tag;
	for (i = 0; i < 6; i++)
		if (!is_ascii_alnum((unsigned char)entry[i]))
			return 0;
	return entry[6] == '\0';
}

/* fsutil_stage without a word: on failure *what names the step ("mkstemp",
 * "write", "chmod", "fsync", "close") and *err its errno, no file is left
 * and *tmp is NULL. */
static int
stage(const char *dir, const char *name, const char *data, size_t len,
    char **tmp, const char **what, int *err)
{
	int	fd, rc = -1;

	*what = NULL;
	*err = 0;
	*tmp = xasprintf("%s/.%s" FSUTIL_TEMP_TAG "XXXXXX", dir, name);
	if ((fd = mkstemp(*tmp)) == -1) {
		*what = "mkstemp";
		*err = errno;
		goto out;
	}
	if (write_all(fd, data, len) == -1)
		*what = "write";
	else if (fchmod(fd, 0644) == -1)
		*what = "chmod";
	else if (fsync(fd) == -1)
		*what = "fsync";
	if (*what != NULL)
		*err = errno;
	/* Some filesystems (NFS, a full quota) report a failed write only
	 * when the file is closed. */
	if (close(fd) == -1 && *what == NULL) {
		*what = "close";
		*err = errno;
	}
	if (*what != NULL) {
		fsutil_discard(*tmp);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1) {
		free(*tmp);
		*tmp = NULL;
	}
	return rc;
}

int
fsutil_stage(const char *dir, const char *name, const char *data, size_t len,
    char **tmp)
{
	const char	*what;
	char		*dst;
	int		 err;

	if (stage(dir, name, data, len, tmp, &what, &err) == 0)
		return 0;
	dst = xasprintf("%s/%s", dir, name);
	if (strcmp(what, "mkstemp") == 0)
		diag_error(dst, 0, 0, "cannot create a temporary file in %s: %s",
		    dir, strerror(err));
	else
		diag_error(dst, 0, 0, "cannot %s: %s (the previous file is "
		    "unchanged)", what, strerror(err));
	free(dst);
	return -1;
}

/* fsync a directory, so that a rename in it lasts. */
static void
sync_dir(const char *dir)
{
	int	dfd;

	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
}

int
fsutil_try_write_atomic(const char *dir, const char *name, const char *data,
    size_t len, const char **what)
{
	char	*tmp, *dst;
	int	 err, rc = -1;

	if (stage(dir, name, data, len, &tmp, what, &err) == -1) {
		errno = err;
		return -1;
	}
	dst = xasprintf("%s/%s", dir, name);
	if (rename(tmp, dst) == -1) {
		*what = "rename";
		fsutil_discard(tmp);
	} else {
		sync_dir(dir);
		rc = 0;
	}
	free(dst);
	free(tmp);
	return rc;
}

int
fsutil_commit(const char *tmp, const char *dir, const char *name)
{
	char	*dst = xasprintf("%s/%s", dir, name);
	int	 rc = -1;

	if (rename(tmp, dst) == -1) {
		diag_error(dst, 0, 0, "cannot rename: %s (the previous file is "
		    "unchanged)", strerror(errno));
		fsutil_discard(tmp);
		goto out;
	}
	/* The rename is durable only once the directory is synced. */
	sync_dir(dir);
	rc = 0;
out:
	free(dst);
	return rc;
}

void
fsutil_discard(const char *tmp)
{
	int	err = errno;

	if (tmp != NULL)
		(void)unlink(tmp);
	errno = err;
}

int
fsutil_write_atomic(const char *dir, const char *name, const char *data,
    size_t len)
{
	char	*tmp;
	int	 rc = -1;

	if (fsutil_stage(dir, name, data, len, &tmp) == 0)
		rc = fsutil_commit(tmp, dir, name);
	free(tmp);
	return rc;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_md_suffix(const char *name)
{
	size_t	n = strlen(name);

	return (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
	    (n > 9 && strcmp(name + n - 9, ".markdown") == 0);
}

static int
is_dir(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Walk root/rel (rel "" for the root itself), appending content files. */
static int
scan_dir(const char *root, const char *rel, struct strlist *out)
{
	struct strlist	 names = { 0 };
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*dpath, *fpath, *frel;
	size_t		 i;
	int		 rc = -1;

	dpath = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	if ((d = opendir(dpath)) == NULL) {
		diag_error(dpath, 0, 0, "cannot open directory: %s",
		    strerror(errno));
		free(dpath);
		return -1;
	}
	while ((errno = 0, de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			strlist_push(&names, de->d_name);
	if (errno != 0) {
		diag_error(dpath, 0, 0, "cannot read directory: %s",
		    strerror(errno));
		goto out;
	}
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), cmp_names);
	rc = 0;
	for (i = 0; i < names.n; i++) {
		fpath = xasprintf("%s/%s", dpath, names.v[i]);
		frel = *rel ? xasprintf("%s/%s", rel, names.v[i]) :
		    xstrdup(names.v[i]);
		if (lstat(fpath, &st) == -1) {
			diag_error(fpath, 0, 0, "cannot stat: %s",
			    strerror(errno));
			rc = -1;
		} else if (S_ISLNK(st.st_mode)) {
			/* Followed, a link could leave the content root or
			 * loop; one to a directory is named as well. */
			if (has_md_suffix(names.v[i]) || is_dir(fpath))
				diag_warning(fpath, 0, 0, "symbolic link not "
				    "followed; not content");
		} else if (S_ISDIR(st.st_mode)) {
			if (scan_dir(root, frel, out) == -1)
				rc = -1;
		} else if (!has_md_suffix(names.v[i]))
			;
		else if (S_ISREG(st.st_mode))
			strlist_push(out, frel);
		else	/* a FIFO would block the read, a device never end */
			diag_warning(fpath, 0, 0, "not a regular file; not "
			    "content");
		free(fpath);
		free(frel);
	}
out:
	closedir(d);
	strlist_clear(&names);
	free(dpath);
	return rc;
}

int
fsutil_scan(const char *root, struct strlist *out)
{
	struct stat	st;

	if (stat(root, &st) == -1) {
		diag_error(root, 0, 0, "cannot read content directory: %s",
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_error(root, 0, 0, "content root is not a directory");
		return -1;
	}
	return scan_dir(root, "", out);
}
