/* hook.c: running the site's on_change command once after a build that
 * changed feeds, for a CDN purge or a WebSub ping. */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "hook.h"
#include "util.h"

/* In the child, after fork: only async-signal-safe calls but for setenv,
 * which is safe here as relfeed has no other threads. Never returns. */
static void
child(const char *cmd, const char *output_dir, const char *changed,
    const char *count)
{
	int	fd;

	if ((fd = open("/dev/null", O_RDONLY)) == -1 ||
	    dup2(fd, STDIN_FILENO) == -1)
		_exit(126);
	if (fd != STDIN_FILENO)
		close(fd);
	if (setenv("RELFEED_CHANGED", changed, 1) == -1 ||
	    setenv("RELFEED_CHANGED_COUNT", count, 1) == -1 ||
	    setenv("RELFEED_OUTPUT", output_dir, 1) == -1)
		_exit(126);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

int
hook_run(const char *cmd, const char *output_dir,
    const struct strlist *changed)
{
	struct buf	 paths = { 0 };
	char		*count;
	pid_t		 pid;
	size_t		 i;
	int		 status, rc = -1;

	for (i = 0; i < changed->n; i++) {
		buf_adds(&paths, changed->v[i]);
		buf_addc(&paths, '\n');
	}
	buf_adds(&paths, "");
	count = xasprintf("%zu", changed->n);
	/* Nothing buffered may be written twice, or after the hook's output. */
	fflush(NULL);
	if ((pid = fork()) == -1) {
		diag_error(NULL, 0, 0, "on_change: cannot start /bin/sh: %s",
		    strerror(errno));
		goto out;
	}
	if (pid == 0)
		child(cmd, output_dir, paths.s, count);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			diag_error(NULL, 0, 0, "on_change: %s",
			    strerror(errno));
			goto out;
		}
	if (WIFSIGNALED(status))
		diag_error(NULL, 0, 0, "on_change: killed by signal %d (%s)",
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		diag_error(NULL, 0, 0, "on_change: exited with status %d%s",
		    WEXITSTATUS(status), WEXITSTATUS(status) == 127 ?
		    " (command not found?)" : "");
	else
		rc = 0;
out:
	free(count);
	buf_free(&paths);
	return rc;
}
