/* main.c: the command line: options, then one call into the pipeline. */
#include <getopt.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <jansson.h>
#include <cmark-gfm.h>
#include <yaml.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bounds.h"
#include "build.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "fmcache.h"
#include "lock.h"
#include "scaffold.h"
#include "url.h"
#include "util.h"
#include "validate.h"

static const char usage_text[] =
"usage: relfeed build [options] [CONTENT_DIR]   write the feeds\n"
"       relfeed check [options] [CONTENT_DIR]   do everything build does, write nothing\n"
"       relfeed list  [options] [CONTENT_DIR]   print the entries in feed order\n"
"       relfeed links [options] [CONTENT_DIR]   print the <link> tags for a site's <head>\n"
"       relfeed validate [-q] FILE...           check RSS 2.0, Atom 1.0, JSON Feed 1.1 files\n"
"       relfeed new [options] VERSION [CONTENT_DIR]\n"
"                                               create a release's announcement\n"
"       relfeed --help | --version\n"
"\n"
"CONTENT_DIR defaults to \"content\". build writes OUT/rss.xml, OUT/atom.xml\n"
"(and OUT/feed.json with --format json), and OUT/NAME/... for the named feeds\n"
"of the config file. Options override the config file. new creates the\n"
"file of the config's new: path and template, or one shaped after the newest\n"
"announcement (a draft), prints its path, and never replaces a file;\n"
"it takes -c, --now, --timezone, -q and -v.\n"
"\n"
"options:\n"
"  -c, --config FILE       config file (default: ./relfeed.yaml when present)\n"
"  -o, --output DIR        output directory (default: feeds)\n"
"  -u, --base-url URL      the site's root URL, absolute http(s) (required)\n"
"      --feed-url URL      URL the output directory is served at (default: base URL)\n"
"      --content-url URL   URL the content directory is served at (default: base URL)\n"
"  -t, --title TEXT        feed title (required)\n"
"      --description TEXT  feed description (default: the title)\n"
"      --language TAG      language of the feed, e.g. en\n"
"      --author NAME       feed author when an entry names none (default: the title)\n"
"      --timezone ZONE     zone of dates written without one: UTC, +HH:MM, -HHMM\n"
"  -n, --limit N           entries per feed after drafts/future are left out; 0: all\n"
"  -f, --format LIST       comma-separated formats: rss, atom, json (default: rss,atom)\n"
"      --now TIME          the time taken as now, RFC 3339 (default: the clock)\n"
"      --drafts            include drafts\n"
"      --future            include entries dated after now\n"
"      --bundle-pages      pages below a dated _index.md are entries too\n"
"      --stylesheet        write OUT/feed.xsl and link RSS and Atom to it, so a\n"
"                          browser shows a feed as a page\n"
"      --preview           write OUT/index.html: every feed and the latest entries\n"
"  -j, --jobs N            threads that read and render (default: the\n"
"                          processors)\n"
"      --dry-run           build: list the entries that would change, write\n"
"                          nothing\n"
"      --no-hooks          build: do not run the on_change command\n"
"      --cache FILE        front-matter cache (default: in $XDG_CACHE_HOME/relfeed)\n"
"      --no-cache          read every file's front matter; use no cache\n"
"      --lock-wait SECONDS wait this long for another build writing the same\n"
"                          output directory to finish; 0: do not wait (default: 60)\n"
"      --max-file-size BYTES     largest content file (default 16M; k, M, G)\n"
"      --max-front-matter BYTES  largest front matter (default 1M)\n"
"      --max-depth N       deepest nesting of YAML lists and maps (default 64)\n"
"      --max-entries N     most entries in one feed (default 100000)\n"
"  -q, --quiet             print nothing but errors (no summary line)\n"
"  -v, --verbose           also name skipped files and unchanged feeds\n"
"  -h, --help              print this help\n"
"  -V, --version           print the version and the library versions\n"
"\n"
"build ends with a summary line on stderr (feeds written, unchanged, entries\n"
"added, removed, updated), then runs on_change from relfeed.yaml if a feed\n"
"changed. On a terminal a long run shows its progress on stderr.\n"
"\n"
"exit status: 0 success, 1 content errors (nothing written), 2 usage error,\n"
"3 system error (I/O, permissions, disk full) or a failed on_change command\n"
"(the feeds were written). See relfeed(1).\n";

enum {
	OPT_FEED_URL = 256, OPT_CONTENT_URL, OPT_DESCRIPTION, OPT_LANGUAGE, OPT_AUTHOR,
	OPT_TIMEZONE, OPT_NOW, OPT_DRAFTS, OPT_FUTURE, OPT_BUNDLE_PAGES,
	OPT_DRY_RUN, OPT_NO_HOOKS, OPT_STYLESHEET, OPT_PREVIEW,
	OPT_CACHE, OPT_NO_CACHE, OPT_LOCK_WAIT,
	OPT_MAX_FILE_SIZE, OPT_MAX_FRONT_MATTER, OPT_MAX_DEPTH, OPT_MAX_ENTRIES
};

static const struct option longopts[] = {
	{ "config",	 required_argument, NULL, 'c' },
	{ "output",	 required_argument, NULL, 'o' },
	{ "base-url",	 required_argument, NULL, 'u' },
	{ "feed-url",	 required_argument, NULL, OPT_FEED_URL },
	{ "content-url", required_argument, NULL, OPT_CONTENT_URL },
	{ "title",	 required_argument, NULL, 't' },
	{ "description", required_argument, NULL, OPT_DESCRIPTION },
	{ "language",	 required_argument, NULL, OPT_LANGUAGE },
	{ "author",	 required_argument, NULL, OPT_AUTHOR },
	{ "timezone",	 required_argument, NULL, OPT_TIMEZONE },
	{ "limit",	 required_argument, NULL, 'n' },
	{ "format",	 required_argument, NULL, 'f' },
	{ "now",	 required_argument, NULL, OPT_NOW },
	{ "drafts",	 no_argument,	    NULL, OPT_DRAFTS },
	{ "future",	 no_argument,	    NULL, OPT_FUTURE },
	{ "bundle-pages", no_argument,	    NULL, OPT_BUNDLE_PAGES },
	{ "dry-run",	 no_argument,	    NULL, OPT_DRY_RUN },
	{ "no-hooks",	 no_argument,	    NULL, OPT_NO_HOOKS },
	{ "stylesheet",	 no_argument,	    NULL, OPT_STYLESHEET },
	{ "preview",	 no_argument,	    NULL, OPT_PREVIEW },
	{ "jobs",	 required_argument, NULL, 'j' },
	{ "cache",	 required_argument, NULL, OPT_CACHE },
	{ "no-cache",	 no_argument,	    NULL, OPT_NO_CACHE },
	{ "lock-wait",	 required_argument, NULL, OPT_LOCK_WAIT },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "max-front-matter", required_argument, NULL, OPT_MAX_FRONT_MATTER },
	{ "max-depth",	 required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-entries", required_argument, NULL, OPT_MAX_ENTRIES },
	{ "quiet",	 no_argument,	    NULL, 'q' },
	{ "verbose",	 no_argument,	    NULL, 'v' },
	{ "help",	 no_argument,	    NULL, 'h' },
	{ "version",	 no_argument,	    NULL, 'V' },
	{ NULL,		 0,		    NULL, 0 }
};

static int usage_error(const char *, ...)
    __attribute__((format(printf, 1, 2)));

/* Report a command-line mistake; returns the usage exit status. */
static int
usage_error(const char *fmt, ...)
{
	va_list	ap;

	fputs("relfeed: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'relfeed --help'.\n", stderr);
	return EXIT_USAGE;
}

/* The versions of the libraries relfeed runs with, which a shared library
 * upgrade changes without a rebuild; the one it was built with follows
 * when it differs. */
static void
print_version(void)
{
	const char	*x = xmlParserVersion;	/* "20914" */
	long		 v = strtol(x, NULL, 10);
	char		 xml[32];

	snprintf(xml, sizeof(xml), "%ld.%ld.%ld", v / 10000, v / 100 % 100,
	    v % 100);
	printf("relfeed %s\n", RELFEED_VERSION);
	printf("libxml2 %s", xml);
	if (strcmp(xml, LIBXML_DOTTED_VERSION) != 0)
		printf(" (built with %s)", LIBXML_DOTTED_VERSION);
	printf(", libyaml %s, cmark-gfm %s", yaml_get_version_string(),
	    cmark_version_string());
	if (strcmp(cmark_version_string(), CMARK_GFM_VERSION_STRING) != 0)
		printf(" (built with %s)", CMARK_GFM_VERSION_STRING);
	printf(", jansson %s", jansson_version_str());
	if (strcmp(jansson_version_str(), JANSSON_VERSION) != 0)
		printf(" (built with %s)", JANSSON_VERSION);
	putchar('\n');
}

static int
parse_limit(const char *s, size_t *out)
{
	char			*end;
	unsigned long long	 v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > (unsigned long long)SIZE_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

/* --max-file-size and the like into their field of b; -1 after saying
 * what was expected. */
static int
parse_bound(int opt, const char *arg, struct bounds *b)
{
	switch (opt) {
	case OPT_MAX_FILE_SIZE:
		if (bounds_parse_size(arg, &b->file_size) == 0)
			return 0;
		return usage_error("--max-file-size '%s': expected a number of "
		    "bytes, at least 1, with an optional k, M or G", arg), -1;
	case OPT_MAX_FRONT_MATTER:
		if (bounds_parse_size(arg, &b->front_matter) == 0)
			return 0;
		return usage_error("--max-front-matter '%s': expected a number "
		    "of bytes, at least 1, with an optional k, M or G", arg), -1;
	case OPT_MAX_DEPTH:
		if (bounds_parse_count(arg, BOUNDS_DEPTH_MAX, &b->depth) == 0)
			return 0;
		return usage_error("--max-depth '%s': expected a number from 1 "
		    "to %d", arg, BOUNDS_DEPTH_MAX), -1;
	default:
		if (bounds_parse_count(arg, SIZE_MAX, &b->entries) == 0)
			return 0;
		return usage_error("--max-entries '%s': expected a number, at "
		    "least 1", arg), -1;
	}
}

/* relfeed validate FILE...: every file checked, exit 1 if any has errors. */
static int
validate_main(int argc, char *argv[])
{
	static const struct option vopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	int	c, rc = 0;

	optind = 2;
	while ((c = getopt_long(argc, argv, "qv", vopts, NULL)) != -1) {
		switch (c) {
		case 'q': diag_set_quiet(1); break;
		case 'v': diag_set_verbose(1); break;
		default:
			fputs("Try 'relfeed --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error("%s", "validate needs at least one FILE");
	for (; optind < argc; optind++)
		if (validate_file(argv[optind]) == -1)
			rc = 1;
	return rc;
}

/* What the command line did not say, the config file may. */
static void
apply_config(struct build_opts *o, const struct config *c, int has_limit,
    int has_tz)
{
#define FROM_CONFIG(field, value) if (o->field == NULL) o->field = (value)
	FROM_CONFIG(content_dir, c->content);
	FROM_CONFIG(output_dir, c->output);
	FROM_CONFIG(base_url, c->base_url);
	FROM_CONFIG(feed_url, c->feed_url);
	FROM_CONFIG(content_url, c->content_url);
	FROM_CONFIG(title, c->title);
	FROM_CONFIG(description, c->description);
	FROM_CONFIG(language, c->language);
	FROM_CONFIG(author, c->author_name);
	FROM_CONFIG(author_email, c->author_email);
	FROM_CONFIG(hub, c->hub);
	FROM_CONFIG(icon, c->icon);
	FROM_CONFIG(logo, c->logo);
	FROM_CONFIG(copyright, c->copyright);
	FROM_CONFIG(on_change, c->on_change);
#undef FROM_CONFIG
	if (!has_limit && c->has_limit)
		o->limit = c->limit;
	if (!has_tz && c->has_timezone)
		o->tz_off = c->tz_off;
	if (o->formats == 0)
		o->formats = c->formats;
	o->bundle_pages |= c->bundle_pages;
	o->stylesheet |= c->stylesheet;
	o->preview |= c->preview;
	bounds_merge(&o->bounds, &c->bounds);
	o->summary_only = c->has_content_mode &&
	    c->content_mode == CONTENT_SUMMARY;
	o->config = c;
}

/* -c FILE, else ./relfeed.yaml when it exists. */
static const char *
config_path(int argc, char *argv[])
{
	int	i;

	for (i = 2; i < argc; i++) {
		if ((strcmp(argv[i], "-c") == 0 ||
		    strcmp(argv[i], "--config") == 0) && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--config=", 9) == 0)
			return argv[i] + 9;
		if (strncmp(argv[i], "-c", 2) == 0 && argv[i][2] != '\0')
			return argv[i] + 2;
		if (strcmp(argv[i], "--") == 0)
			break;
	}
	return access("relfeed.yaml", F_OK) == 0 ? "relfeed.yaml" : NULL;
}

int
main(int argc, char *argv[])
{
	struct build_opts	 o;
	struct config		*cfg = NULL;
	struct rf_time		 now;
	const char		*cmd, *now_arg = NULL, *cpath, *cache_arg = NULL;
	char			*cache = NULL;
	size_t			 jobs, secs;
	long			 ncpu;
	int			 c, has_limit = 0, has_tz = 0, no_cache = 0, rc;

	memset(&o, 0, sizeof(o));
	o.lock_wait = LOCK_WAIT_DEFAULT;
	/* A file size limit (ulimit -f) is a full disk: a write error to
	 * report, not a signal that kills the run mid-write. */
	(void)signal(SIGXFSZ, SIG_IGN);
	if (argc < 2)
		return usage_error("%s", "no command given");
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		print_version();
		return 0;
	}
	if (strcmp(cmd, "validate") == 0)
		return validate_main(argc, argv);
	if (strcmp(cmd, "new") == 0)
		return scaffold_main(argc, argv, config_path(argc, argv));
	if (strcmp(cmd, "build") == 0)
		o.cmd = CMD_BUILD;
	else if (strcmp(cmd, "check") == 0)
		o.cmd = CMD_CHECK;
	else if (strcmp(cmd, "list") == 0)
		o.cmd = CMD_LIST;
	else if (strcmp(cmd, "links") == 0)
		o.cmd = CMD_LINKS;
	else
		return usage_error("unknown command '%s' (expected build, "
		    "check, list, links, new or validate)", cmd);

	optind = 2;
	while ((c = getopt_long(argc, argv, "c:o:u:t:n:f:j:qvhV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c': break;	/* read by config_path() */
		case 'o': o.output_dir = optarg; break;
		case 'u': o.base_url = optarg; break;
		case 't': o.title = optarg; break;
		case OPT_FEED_URL: o.feed_url = optarg; break;
		case OPT_CONTENT_URL: o.content_url = optarg; break;
		case OPT_DESCRIPTION: o.description = optarg; break;
		case OPT_LANGUAGE: o.language = optarg; break;
		case OPT_AUTHOR: o.author = optarg; break;
		case OPT_NOW: now_arg = optarg; break;
		case OPT_DRAFTS: o.drafts = 1; break;
		case OPT_FUTURE: o.future = 1; break;
		case OPT_BUNDLE_PAGES: o.bundle_pages = 1; break;
		case OPT_DRY_RUN: o.dry_run = 1; break;
		case OPT_NO_HOOKS: o.no_hooks = 1; break;
		case OPT_STYLESHEET: o.stylesheet = 1; break;
		case OPT_PREVIEW: o.preview = 1; break;
		case OPT_CACHE: cache_arg = optarg; break;
		case OPT_NO_CACHE: no_cache = 1; break;
		case 'q': diag_set_quiet(1); o.quiet = 1; break;
		case 'v': diag_set_verbose(1); break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			print_version();
			return 0;
		case OPT_TIMEZONE:
			if (date_parse_zone(optarg, &o.tz_off) == -1)
				return usage_error("--timezone '%s': expected "
				    "UTC or an offset such as +02:00", optarg);
			has_tz = 1;
			break;
		case 'n':
			if (parse_limit(optarg, &o.limit) == -1)
				return usage_error("--limit '%s': expected a "
				    "number, 0 for all", optarg);
			has_limit = 1;
			break;
		case 'j':
			if (parse_limit(optarg, &jobs) == -1 || jobs == 0 ||
			    jobs > 256)
				return usage_error("--jobs '%s': expected a "
				    "number from 1 to 256", optarg);
			o.jobs = (int)jobs;
			break;
		case OPT_LOCK_WAIT:
			if (parse_limit(optarg, &secs) == -1 || secs > 86400)
				return usage_error("--lock-wait '%s': expected "
				    "seconds from 0 to 86400", optarg);
			o.lock_wait = (unsigned int)secs;
			break;
		case OPT_MAX_FILE_SIZE:
		case OPT_MAX_FRONT_MATTER:
		case OPT_MAX_DEPTH:
		case OPT_MAX_ENTRIES:
			if (parse_bound(c, optarg, &o.bounds) == -1)
				return EXIT_USAGE;
			break;
		case 'f':
			if (config_parse_formats(optarg, &o.formats) == -1)
				return usage_error("--format '%s': expected a "
				    "comma-separated list of rss, atom, json",
				    optarg);
			break;
		default:
			fputs("Try 'relfeed --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		o.content_dir = argv[optind++];
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (o.dry_run && o.cmd != CMD_BUILD)
		return usage_error("%s", "--dry-run is an option of build");
	if ((cpath = config_path(argc, argv)) != NULL) {
		if ((cfg = config_load(cpath)) == NULL)
			return EXIT_USAGE;
		apply_config(&o, cfg, has_limit, has_tz);
	}
	if (o.content_dir == NULL)
		o.content_dir = "content";
	if (o.output_dir == NULL)
		o.output_dir = "feeds";
	if (o.formats == 0)
		o.formats = FORMAT_RSS | FORMAT_ATOM;
	/* --no-cache, else --cache FILE, else the config's cache:, else the
	 * user's cache directory. */
	if (cache_arg == NULL && cfg != NULL)
		cache_arg = cfg->cache;
	if (no_cache || (cfg != NULL && cfg->no_cache && cache_arg == NULL))
		cache = NULL;
	else if (cache_arg != NULL)
		cache = xstrdup(cache_arg);
	else
		cache = fmcache_default_path(o.content_dir, cpath);
	o.cache_path = cache;
	bounds_fill(&o.bounds);
	if (o.jobs == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		o.jobs = ncpu > 0 && ncpu <= 256 ? (int)ncpu : 1;
	}
	/* --jobs is at most: a few entries render faster here than in
	 * threads started for them. */
	o.jobs_batch = 1;
	rc = EXIT_USAGE;
	if (o.base_url == NULL && cfg != NULL)
		diag_error(cfg->path, 1, 1, "no 'base_url': the site's absolute "
		    "URL, such as https://example.org/, is required (or give "
		    "--base-url)");
	else if (o.base_url == NULL)
		usage_error("%s", "no base URL: give --base-url, e.g. "
		    "https://example.org/, or base_url in relfeed.yaml");
	else if (url_check_base(o.base_url) == -1)
		usage_error("--base-url '%s': expected an absolute http or "
		    "https URL such as https://example.org/", o.base_url);
	else if (o.feed_url != NULL && url_check_base(o.feed_url) == -1)
		usage_error("--feed-url '%s': expected an absolute http or "
		    "https URL", o.feed_url);
	else if (o.content_url != NULL && url_check_base(o.content_url) == -1)
		usage_error("--content-url '%s': expected an absolute http or "
		    "https URL", o.content_url);
	else if (o.cmd != CMD_LIST && (o.title == NULL || *o.title == '\0'))
		usage_error("%s", "no feed title: give --title, or title in "
		    "relfeed.yaml");
	else if (now_arg != NULL && date_parse(now_arg, 0, &now, NULL) == -1)
		usage_error("--now '%s': expected an RFC 3339 time such as "
		    "2024-01-31T12:00:00Z", now_arg);
	else {
		o.now = now_arg != NULL ? now.sec : (int64_t)time(NULL);
		rc = build_run(&o, stdout);
	}
	config_free(cfg);
	free(cache);
	return rc;
}
