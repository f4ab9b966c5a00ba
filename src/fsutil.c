/* fsutil.c: reading files, listing the content tree, atomic replacement. */
#define _DEFAULT_SOURCE		/* d_type, DT_* */
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
	uintmax_t	size;
	int		whole;

	return fsutil_read_prefix(path, SIZE_MAX, UINTMAX_MAX, data, len,
	    &whole, &size);
}

int
fsutil_read_prefix(const char *path, size_t max, uintmax_t refuse,
    char **data, size_t *len, int *whole, uintmax_t *size)
{
	struct stat	 st;
	char		*b = NULL;
	ssize_t		 n;
	size_t		 cap, want;
	int		 fd, rc = -1;

	*data = NULL;
	*len = 0;
	*whole = 0;
	*size = 0;
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
	*size = (uintmax_t)st.st_size;
	if (*size > refuse) {
		rc = 1;
		goto out;
	}
	/* Read straight into the result, sized by the stat; one byte more
	 * finds the end of a file that has not grown since. */
	cap = *size < max ? (size_t)*size + 1 : max;
	b = xmalloc(cap + 1);
	for (;;) {
		if (*len >= max)
			break;
		if (*len == cap) {
			cap = cap > max / 2 ? max : cap * 2;
			b = xrealloc(b, cap + 1);
		}
		want = cap - *len;
		n = read(fd, b + *len, want);
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
		*len += (size_t)n;
		/* Short of what was asked, at the size fstat gave: the end,
		 * as a read returning 0 would say a moment later. */
		if ((size_t)n < want && *len == *size) {
			*whole = 1;
			break;
		}
	}
	b[*len] = '\0';
	*data = b;
	b = NULL;
	rc = 0;
out:
	if (rc == -1)
		*len = 0;
	free(b);
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

/* fsutil_stage_unsynced without a word: on failure *what names the step
 * ("mkstemp", "write", "chmod") and *err its errno, no file is left and
 * *tmp is NULL; on success *fd is the file, open, for sync_close. */
static int
stage(const char *dir, const char *name, const char *data, size_t len,
    char **tmp, const char **what, int *err, int *fd)
{
	*what = NULL;
	*err = 0;
	*tmp = xasprintf("%s/.%s" FSUTIL_TEMP_TAG "XXXXXX", dir, name);
	if ((*fd = mkstemp(*tmp)) == -1) {
		*what = "mkstemp";
		*err = errno;
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	if (write_all(*fd, data, len) == -1)
		*what = "write";
	else if (fchmod(*fd, 0644) == -1)
		*what = "chmod";
	else
		return 0;
	*err = errno;
	close(*fd);
	*fd = -1;
	fsutil_discard(*tmp);
	free(*tmp);
	*tmp = NULL;
	return -1;
}

/* The end of staging: fsync and close fd, the file tmp. On failure *what
 * names the step ("fsync", "close") and *err its errno, and tmp is
 * removed. */
static int
sync_close(int fd, const char *tmp, const char **what, int *err)
{
	*what = NULL;
	if (fsync(fd) == -1) {
		*what = "fsync";
		*err = errno;
	}
	/* Some filesystems (NFS, a full quota) report a failed write only
	 * when the file is closed. */
	if (close(fd) == -1 && *what == NULL) {
		*what = "close";
		*err = errno;
	}
	if (*what == NULL)
		return 0;
	fsutil_discard(tmp);
	return -1;
}

/* Report a failed step of staging dir/name. */
static void
report_stage(const char *dir, const char *name, const char *what, int err)
{
	char	*dst = xasprintf("%s/%s", dir, name);

	if (strcmp(what, "mkstemp") == 0)
		diag_error(dst, 0, 0, "cannot create a temporary file in %s: %s",
		    dir, strerror(err));
	else
		diag_error(dst, 0, 0, "cannot %s: %s (the previous file is "
		    "unchanged)", what, strerror(err));
	free(dst);
}

int
fsutil_stage(const char *dir, const char *name, const char *data, size_t len,
    char **tmp)
{
	int	fd;

	if (fsutil_stage_unsynced(dir, name, data, len, tmp, &fd) == -1)
		return -1;
	if (fsutil_stage_sync(dir, name, *tmp, fd) == -1) {
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	return 0;
}

int
fsutil_stage_unsynced(const char *dir, const char *name, const char *data,
    size_t len, char **tmp, int *fd)
{
	const char	*what;
	int		 err;

	*fd = -1;
	if (stage(dir, name, data, len, tmp, &what, &err, fd) == 0)
		return 0;
	report_stage(dir, name, what, err);
	return -1;
}

int
fsutil_stage_sync(const char *dir, const char *name, const char *tmp, int fd)
{
	const char	*what;
	int		 err;

	if (sync_close(fd, tmp, &what, &err) == 0)
		return 0;
	report_stage(dir, name, what, err);
	return -1;
}

void
fsutil_sync_dir(const char *dir)
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
	int	 err, fd, rc = -1;

	if (stage(dir, name, data, len, &tmp, what, &err, &fd) == -1) {
		errno = err;
		return -1;
	}
	if (sync_close(fd, tmp, what, &err) == -1) {
		free(tmp);
		errno = err;
		return -1;
	}
	dst = xasprintf("%s/%s", dir, name);
	if (rename(tmp, dst) == -1) {
		*what = "rename";
		fsutil_discard(tmp);
	} else {
		fsutil_sync_dir(dir);
		rc = 0;
	}
	free(dst);
	free(tmp);
	return rc;
}

int
fsutil_commit(const char *tmp, const char *dir, const char *name)
{
	if (fsutil_rename(tmp, dir, name) == -1)
		return -1;
	/* The rename is durable only once the directory is synced. */
	fsutil_sync_dir(dir);
	return 0;
}

int
fsutil_rename(const char *tmp, const char *dir, const char *name)
{
	char	*dst = xasprintf("%s/%s", dir, name);
	int	 rc = -1;

	if (rename(tmp, dst) == -1) {
		diag_error(dst, 0, 0, "cannot rename: %s (the previous file is "
		    "unchanged)", strerror(errno));
		fsutil_discard(tmp);
		goto out;
	}
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

/* A directory's member, with its type as readdir gives it. */
struct dname {
	char		*name;
	unsigned char	 type;		/* DT_*, DT_UNKNOWN: ask lstat */
};

static int
cmp_dnames(const void *a, const void *b)
{
	return strcmp(((const struct dname *)a)->name,
	    ((const struct dname *)b)->name);
}

/* The type of fpath, of dn or from lstat: DT_LNK, DT_DIR, DT_REG or
 * DT_UNKNOWN for anything else; -1 when lstat fails (reported). */
static int
dname_type(const struct dname *dn, const char *fpath)
{
	struct stat	st;

	if (dn->type != DT_UNKNOWN)
		return dn->type == DT_LNK || dn->type == DT_DIR ||
		    dn->type == DT_REG ? dn->type : DT_UNKNOWN;
	if (lstat(fpath, &st) == -1) {
		diag_error(fpath, 0, 0, "cannot stat: %s", strerror(errno));
		return -1;
	}
	return S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR :
	    S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
}

/* Walk root/rel (rel "" for the root itself), appending content files.
 * The type readdir gives saves a stat per file, where it is known. */
static int
scan_dir(const char *root, const char *rel, struct strlist *out)
{
	struct dname	*names = NULL;
	struct dirent	*de;
	DIR		*d;
	char		*dpath, *fpath, *frel;
	size_t		 i, n = 0, cap = 0;
	int		 rc = -1, type;

	dpath = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	if ((d = opendir(dpath)) == NULL) {
		diag_error(dpath, 0, 0, "cannot open directory: %s",
		    strerror(errno));
		free(dpath);
		return -1;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n].name = xstrdup(de->d_name);
		names[n++].type = de->d_type;
	}
	if (errno != 0) {
		diag_error(dpath, 0, 0, "cannot read directory: %s",
		    strerror(errno));
		goto out;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_dnames);
	rc = 0;
	for (i = 0; i < n; i++) {
		/* Only directories, links and Markdown files matter. */
		if (names[i].type == DT_REG && !has_md_suffix(names[i].name))
			continue;
		fpath = xasprintf("%s/%s", dpath, names[i].name);
		frel = *rel ? xasprintf("%s/%s", rel, names[i].name) :
		    xstrdup(names[i].name);
		if ((type = dname_type(&names[i], fpath)) == -1)
			rc = -1;
		else if (type == DT_LNK) {
			/* Followed, a link could leave the content root or
			 * loop; one to a directory is named as well. */
			if (has_md_suffix(names[i].name) || is_dir(fpath))
				diag_warning(fpath, 0, 0, "symbolic link not "
				    "followed; not content");
		} else if (type == DT_DIR) {
			if (scan_dir(root, frel, out) == -1)
				rc = -1;
		} else if (!has_md_suffix(names[i].name))
			;
		else if (type == DT_REG)
			strlist_push(out, frel);
		else	/* a FIFO would block the read, a device never end */
			diag_warning(fpath, 0, 0, "not a regular file; not "
			    "content");
		free(fpath);
		free(frel);
	}
out:
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i].name);
	free(names);
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
