/* hook.h: the on_change command a build runs after it changed feeds. */
#ifndef HOOK_H
#define HOOK_H

#include "relfeed.h"

/* Run cmd through /bin/sh -c, stdin from /dev/null, stdout and stderr
 * relfeed's, with RELFEED_CHANGED (the changed paths, one a line),
 * RELFEED_CHANGED_COUNT and RELFEED_OUTPUT (output_dir) in its
 * environment, and wait for it. Returns 0 when it exits with status 0,
 * else -1 after reporting "on_change: exited with status N" (or "killed
 * by signal N", or why it could not start). */
int	hook_run(const char *cmd, const char *output_dir,
	    const struct strlist *changed);

#endif
