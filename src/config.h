/* config.h: relfeed.yaml, the site's settings, read into a struct with
 * every mistake reported at path:line:col. */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>
#include "bounds.h"
#include "relfeed.h"

enum content_mode { CONTENT_FULL, CONTENT_SUMMARY };
enum feed_per { PER_NONE, PER_TAGS, PER_RELEASE_LINE };

/* Which entries a feed takes: an entry must match every non-empty include
 * list (any value of it) and no value of any exclude list. */
struct feed_filter {
	struct strlist	section;	/* path prefixes under the content root */
	struct strlist	tag;		/* tags, categories, keywords */
	struct strlist	release_line;	/* "1.24" */
	struct strlist	kind;		/* major, minor, patch */
	struct strlist	key;		/* "name=value", or "name": present */
};

/* One entry of the feeds: list. */
struct feed_spec {
	char			*name;		/* may hold {tag} / {release_line} */
	int			 line;		/* where it is in the config */
	char			*title;		/* or NULL: site title */
	char			*description;
	size_t			 limit;
	int			 has_limit;
	int			 formats;	/* FORMAT_* bits, 0: the site's */
	enum feed_per		 per;
	struct feed_filter	 include;
	struct feed_filter	 exclude;
};

/* A permalink pattern for the entries of one top-level section. */
struct config_permalink {
	char	*section;
	char	*pattern;	/* "/blog/:year/:month/:day/:slug/" */
};

struct config_shortcode {
	char	*name;
	char	*text;
};

/* Everything relfeed.yaml can say. Strings are owned; NULL when absent.
 * content and output are resolved against the config file's directory. */
struct config {
	char			*path;
	char			*title;
	char			*description;
	char			*base_url;
	char			*feed_url;
	char			*content_url;
	char			*language;
	char			*author_name;
	char			*author_email;
	int			 has_timezone;
	int			 tz_off;
	char			*content;
	char			*output;
	int			 has_limit;
	size_t			 limit;
	int			 formats;	/* 0: not given */
	int			 has_content_mode;
	enum content_mode	 content_mode;
	char			*hub;
	char			*icon;
	char			*logo;
	char			*copyright;
	char			*on_change;	/* shell command after a build
						 * that changed files */
	int			 bundle_pages;	/* pages below a dated _index.md
						 * are entries of their own */
	int			 raw_html;	/* keep the bodies' raw HTML,
						 * cut to an allowlist */
	int			 stylesheet;	/* write feed.xsl (preview.h) */
	int			 preview;	/* write index.html */
	struct bounds		 bounds;	/* max_*: 0 where not given */
	struct strlist		 date_keys;	/* dates: sources in order */
	struct config_permalink	*permalinks;
	size_t			 npermalinks;
	struct config_shortcode	*shortcodes;
	size_t			 nshortcodes;
	struct feed_spec	*feeds;
	size_t			 nfeeds;
	char			*new_path;	/* new.path of relfeed new, or NULL */
	char			*new_template;	/* new.template, or NULL */
	char			*cache;		/* cache: FILE, or NULL */
	int			 no_cache;	/* cache: false */
};

/* Read the config file at path. Every problem is reported as
 * path:line:col: error: ... (unknown keys, wrong types, relative URLs,
 * names that would leave the output directory, bad templates). Returns a
 * config owned by the caller (config_free), or NULL after reporting. */
struct config	*config_load(const char *path);

/* The same from text already in memory; dir is the directory relative paths
 * in it are resolved against. */
struct config	*config_parse(const char *path, const char *dir,
		    const char *text, size_t len);

void		 config_free(struct config *);

/* Parse a comma-separated format list ("rss,atom,json") into FORMAT_* bits;
 * -1 on an unknown name or an empty list. */
int		 config_parse_formats(const char *, int *);

#endif
