/* build.h: the pipeline from a content tree to feed files, shared by the
 * build, check and list commands. */
#ifndef BUILD_H
#define BUILD_H

#include <stdio.h>
#include "bounds.h"
#include "relfeed.h"

enum build_cmd { CMD_BUILD, CMD_CHECK, CMD_LIST, CMD_LINKS };

/* Exit statuses (DESIGN.md): the pipeline returns one of these. */
#define EXIT_CONTENT	1	/* content errors: nothing written */
#define EXIT_USAGE	2	/* usage or configuration error */
#define EXIT_SYSTEM	3	/* I/O, permissions, disk full */

struct config;

/* Everything a run needs: the config file's settings with the command
 * line's on top. Strings are borrowed. */
struct build_opts {
	enum build_cmd	 cmd;
	const char	*content_dir;
	const char	*output_dir;
	const char	*base_url;	/* absolute http(s) */
	const char	*feed_url;	/* where output_dir is served; NULL: base_url */
	const char	*content_url;	/* where content_dir is served; NULL:
					 * base_url */
	const char	*title;
	const char	*description;	/* NULL: title */
	const char	*language;	/* or NULL */
	const char	*author;	/* NULL: title */
	const char	*author_email;	/* or NULL */
	const char	*hub;		/* WebSub hub URL, or NULL */
	const char	*icon;		/* or NULL */
	const char	*logo;		/* or NULL */
	const char	*copyright;	/* or NULL */
	int		 summary_only;	/* content_mode: summary */
	const struct config *config;	/* shortcodes and named feeds, or NULL */
	int		 tz_off;	/* minutes east for dates without a zone */
	size_t		 limit;		/* 0: all */
	int		 formats;	/* FORMAT_* bits */
	int64_t		 now;		/* seconds since the epoch */
	int		 drafts;
	int		 future;
	int		 jobs;		/* threads that load and render;
					 * <= 1: this one */
	int		 jobs_batch;	/* start renderer threads only for
					 * enough entries; 0: start jobs - 1
					 * whatever their number (tests) */
	unsigned int	 lock_wait;	/* seconds build waits for the lock */
	int		 bundle_pages;	/* pages below a dated _index.md are
					 * entries of their own */
	int		 dry_run;	/* build: list the changes, write nothing */
	int		 quiet;		/* -q: no summary line, no progress */
	const char	*on_change;	/* command run after a build that
					 * changed files, or NULL */
	int		 no_hooks;	/* --no-hooks: on_change is not run */
	int		 stylesheet;	/* write feed.xsl, linked from the XML
					 * feeds (preview.h) */
	int		 preview;	/* write index.html (preview.h) */
	const char	*cache_path;	/* front-matter cache file (fmcache.h),
					 * or NULL: none */
	struct bounds	 bounds;	/* limits on the input (bounds.h),
					 * filled */
};

/* Run one command. For CMD_LIST and CMD_LINKS the lines go to out, and
 * for a build with dry_run the changes (changes.h); a build ends with the
 * summary line on stderr unless quiet, then runs on_change when it changed
 * any file (hook.h), its failure being EXIT_SYSTEM. Diagnostics go through
 * diag.h. Returns an exit status: 0, EXIT_CONTENT, EXIT_USAGE or
 * EXIT_SYSTEM. Writes nothing unless every step before writing succeeded. */
int	build_run(const struct build_opts *, FILE *out);

/* The order of a feed (DESIGN.md): publish date descending, then release
 * version descending, then relative path ascending. A total order. */
int	build_entry_cmp(const struct entry *, const struct entry *);

#endif
