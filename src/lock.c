/* lock.c: serializing the runs that write one output directory, and clearing
 * the temporary files of runs that were killed. */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "fsutil.h"
#include "lock.h"
#include "util.h"

struct lock {
	int	 fd;
};

/* Milliseconds on a clock that the wall clock's steps do not move. */
static long long
now_ms(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(long ms)
{
	struct timespec	ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

/*
 * Poll with LOCK_NB rather than block: a blocking flock(2) can only be cut
 * short by a signal, and an alarm would interrupt the rest of the run too.
 * The pause grows to a tenth of a second, which is nothing next to a run.
 */
static int
wait_for(int fd, const char *dir, const char *path, unsigned int wait_seconds)
{
	long long	 deadline = now_ms() + (long long)wait_seconds * 1000;
	long		 pause = 5;
	int		 noted = 0, rc = -1;

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			rc = 0;
			break;
		}
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			diag_error(path, 0, 0, "cannot lock: %s",
			    strerror(errno));
			break;
		}
		if (now_ms() >= deadline) {
			diag_error(dir, 0, 0, "another relfeed run is writing "
			    "this output directory (it holds %s); gave up "
			    "after %u seconds (see --lock-wait)", LOCK_FILE,
			    wait_seconds);
			break;
		}
		if (!noted) {
			diag_note(path, "another relfeed run holds the lock; "
			    "waiting up to %u seconds", wait_seconds);
			noted = 1;
		}
		sleep_ms(pause);
		if (pause < 100)
			pause *= 2;
	}
	return rc;
}

struct lock *
lock_acquire(const char *dir, unsigned int wait_seconds)
{
	struct lock	*l = NULL;
	char		*path = xasprintf("%s/%s", dir, LOCK_FILE);
	int		 fd = -1;

	if (fsutil_mkdirs(dir) == -1 || fsutil_check_writable_dir(dir) == -1)
		goto out;
	/* O_NOFOLLOW: a symbolic link planted there is refused, not
	 * followed to some other file that would then be created. */
	if ((fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY, 0644)) == -1) {
		diag_error(path, 0, 0, "cannot open the lock file: %s",
		    strerror(errno));
		goto out;
	}
	if (wait_for(fd, dir, path, wait_seconds) == -1)
		goto out;
	l = xmalloc(sizeof(*l));
	l->fd = fd;
	fd = -1;
out:
	if (fd != -1)
		close(fd);
	free(path);
	return l;
}

void
lock_release(struct lock *l)
{
	/* Closing the last descriptor releases the lock. */
	if (l != NULL)
		close(l->fd);
	free(l);
}

void
lock_remove_stale(const char *dir, const char *name)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*path;

	if ((d = opendir(dir)) == NULL)
		return;		/* a new directory: nothing stale in it */
	while ((de = readdir(d)) != NULL) {
		if (!fsutil_is_temp_name(de->d_name, name))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		/* Only the regular files relfeed makes, never what a
		 * symbolic link of that name points to. */
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (unlink(path) == -1)
				diag_warning(path, 0, 0, "cannot remove the "
				    "temporary file of a run that was killed: "
				    "%s", strerror(errno));
			else
				diag_note(path, "removed: the temporary file "
				    "of a run that was killed");
		}
		free(path);
	}
	closedir(d);
}
