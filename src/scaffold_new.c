/* scaffold_new.c: the `relfeed new` command: its options, and creating
 * the announcement file without ever replacing one. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "entry.h"
#include "fsutil.h"
#include "scaffold.h"
#include "util.h"
#include "version.h"

/* What the command line says. Strings are borrowed from argv. */
struct new_args {
	const char	*version;
	const char	*content_dir;
	const char	*now;
	int		 has_tz;
	int		 tz_off;
};

static int
new_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "relfeed: error: %s%s%s\nTry 'relfeed --help'.\n", msg,
	    arg != NULL ? " " : "", arg != NULL ? arg : "");
	return EXIT_USAGE;
}

static int
parse_args(int argc, char *argv[], struct new_args *a)
{
	enum { OPT_NOW = 256, OPT_TIMEZONE };
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "timezone", required_argument, NULL, OPT_TIMEZONE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	int	c;

	memset(a, 0, sizeof(*a));
	optind = 2;
	while ((c = getopt_long(argc, argv, "c:qv", opts, NULL)) != -1) {
		switch (c) {
		case 'c': break;	/* the caller found the config file */
		case 'q': diag_set_quiet(1); break;
		case 'v': diag_set_verbose(1); break;
		case OPT_NOW: a->now = optarg; break;
		case OPT_TIMEZONE:
			if (date_parse_zone(optarg, &a->tz_off) == -1)
				return new_usage("--timezone: expected UTC or "
				    "an offset such as +02:00, not", optarg);
			a->has_tz = 1;
			break;
		default:
			fputs("Try 'relfeed --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return new_usage("new needs a VERSION, such as 1.24.2", NULL);
	a->version = argv[optind++];
	if (optind < argc)
		a->content_dir = argv[optind++];
	if (optind < argc)
		return new_usage("unexpected argument", argv[optind]);
	if (!version_is_valid(a->version))
		return new_usage("expected a release VERSION such as 1.24.2 or "
		    "1.0.0-rc.1, not", a->version);
	return 0;
}

/* Create path with text, failing if it exists (O_EXCL: no race with
 * another writer either). A partly written file is removed. */
static int
create_new(const char *path, const char *text)
{
	size_t	len = strlen(text), done = 0;
	ssize_t	n;
	int	fd, rc = EXIT_SYSTEM;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666)) == -1) {
		if (errno == EEXIST) {
			diag_error(path, 0, 0, "already exists; relfeed new "
			    "never replaces an announcement (edit it, or "
			    "remove it first)");
			return EXIT_CONTENT;
		}
		diag_error(path, 0, 0, "cannot create: %s", strerror(errno));
		return EXIT_SYSTEM;
	}
	while (done < len) {
		if ((n = write(fd, text + done, len - done)) == -1) {
			if (errno == EINTR)
				continue;
			diag_error(path, 0, 0, "write: %s", strerror(errno));
			goto out;
		}
		done += (size_t)n;
	}
	if (fsync(fd) == -1) {
		diag_error(path, 0, 0, "fsync: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (close(fd) == -1 && rc == 0) {
		diag_error(path, 0, 0, "close: %s", strerror(errno));
		rc = EXIT_SYSTEM;
	}
	if (rc != 0)
		(void)unlink(path);
	return rc;
}

/* The announcement the template makes must be one relfeed reads. */
static int
check_made(const char *path, const char *text, const struct config *cfg,
    int off)
{
	struct entry_opts	 eo;
	struct entry		*e = NULL;
	int			 rc = 0;

	memset(&eo, 0, sizeof(eo));	/* bounds: the defaults */
	eo.default_off = off;
	eo.date_keys = cfg != NULL && cfg->date_keys.n > 0 ?
	    &cfg->date_keys : NULL;
	if (entry_load(path, path, text, strlen(text), &eo, &e) != ENTRY_OK) {
		diag_error(cfg != NULL && cfg->new_template != NULL ?
		    cfg->path : NULL, 0, 0, "the template of new does not "
		    "make an announcement relfeed reads (front matter "
		    "between --- lines, with a title)");
		rc = EXIT_USAGE;
	}
	entry_free(e);
	return rc;
}

int
scaffold_main(int argc, char *argv[], const char *cpath)
{
	struct new_args		 a;
	struct scaffold_vars	 vars;
	struct config		*cfg = NULL;
	struct rf_time		 now;
	const char		*dir;
	char			*pattern = NULL, *tmpl = NULL, *from = NULL;
	char			*rel = NULL, *text = NULL, *full = NULL;
	char			*slash;
	int			 rc;

	memset(&vars, 0, sizeof(vars));
	if ((rc = parse_args(argc, argv, &a)) != 0)
		return rc;
	rc = EXIT_USAGE;
	if (cpath != NULL && (cfg = config_load(cpath)) == NULL)
		goto out;
	if (!a.has_tz && cfg != NULL && cfg->has_timezone)
		a.tz_off = cfg->tz_off;
	if (a.now != NULL && date_parse(a.now, 0, &now, NULL) == -1) {
		rc = new_usage("--now: expected an RFC 3339 time such as "
		    "2024-01-31T12:00:00Z, not", a.now);
		goto out;
	}
	dir = a.content_dir != NULL ? a.content_dir :
	    cfg != NULL && cfg->content != NULL ? cfg->content : "content";
	rc = EXIT_SYSTEM;
	if ((cfg == NULL || cfg->new_path == NULL ||
	    cfg->new_template == NULL) && scaffold_derive(dir, a.version,
	    cfg != NULL ? &cfg->date_keys : NULL, a.tz_off, &pattern, &tmpl,
	    &from) == -1)
		goto out;
	if (from != NULL)
		diag_note(from, "the announcement the new one is shaped after");
	scaffold_vars_init(&vars, a.version,
	    a.now != NULL ? now.sec : (int64_t)time(NULL), a.tz_off);
	rel = scaffold_expand(cfg != NULL && cfg->new_path != NULL ?
	    cfg->new_path : pattern, &vars);
	text = scaffold_expand(cfg != NULL && cfg->new_template != NULL ?
	    cfg->new_template : tmpl, &vars);
	full = xasprintf("%s/%s", dir, rel);
	rc = EXIT_USAGE;
	if (scaffold_check_path(rel) == -1) {
		diag_error(NULL, 0, 0, "new: the path %s is not a content file "
		    "name below %s", diag_quote(0, rel, strlen(rel)), dir);
		goto out;
	}
	if ((rc = check_made(full, text, cfg, a.tz_off)) != 0)
		goto out;
	slash = strrchr(full, '/');
	*slash = '\0';
	rc = EXIT_SYSTEM;
	if (fsutil_mkdirs(full) == -1)
		goto out;
	*slash = '/';
	if ((rc = create_new(full, text)) == 0)
		printf("%s\n", full);
out:
	scaffold_vars_clear(&vars);
	config_free(cfg);
	free(pattern);
	free(tmpl);
	free(from);
	free(rel);
	free(text);
	free(full);
	return rc;
}
