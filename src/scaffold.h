/* scaffold.h: `relfeed new`: the announcement file of a new release, made
 * from a path pattern and a template, given or learned from the site. */
#ifndef SCAFFOLD_H
#define SCAFFOLD_H

#include <stdint.h>
#include "relfeed.h"

struct config;
struct strlist;

/* The values of the placeholders, all owned, all set by scaffold_vars_init:
 * {version} as given, {line} "1.24" of "1.24.2", {major} {minor} {patch}
 * (the numeric parts, "0" when absent), {year} {month} {day} (now, in the
 * zone given, zero-padded), {date} (now, RFC 3339 in that zone), {slug}
 * (the version in lower case, every byte but letters and digits a '-'). */
struct scaffold_vars {
	char	*version;
	char	*line;
	char	*major;
	char	*minor;
	char	*patch;
	char	*year;
	char	*month;
	char	*day;
	char	*date;
	char	*slug;
};

/* Fill v for version (which version_is_valid accepts) at now, shown at
 * off minutes east of UTC. Free with scaffold_vars_clear. */
void	scaffold_vars_init(struct scaffold_vars *v, const char *version,
	    int64_t now, int off);
void	scaffold_vars_clear(struct scaffold_vars *v);

/* A copy of text with every {name} placeholder of the list above replaced
 * by its value; any other text, braces included, is copied as it is (a
 * Hugo "{{< relnote >}}" stays). Owned by the caller. */
char	*scaffold_expand(const char *text, const struct scaffold_vars *v);

/* 0 if every "{word}" of lower-case letters in text is a placeholder of
 * the list above; else -1 with *errcol the 0-based offset of the first
 * unknown one. Reports nothing. */
int	scaffold_check_placeholders(const char *text, size_t *errcol);

/* 0 if path, a pattern or its expansion, can name a new content file: a
 * relative '/'-separated path without empty, "." or ".." components or
 * hidden names, ending in ".md" or ".markdown"; else -1. Reports nothing. */
int	scaffold_check_path(const char *path);

/* Learn the shape of the site's announcements under content_dir: the
 * newest entry with a release, one of the same kind as version (major,
 * minor, patch) when there is one, gives a path pattern (its path with
 * its version, release line and date made placeholders) and a template
 * (its front matter with the same substitutions, its date keys set to
 * {date}, lastmod, expirydate and draft dropped, then "draft: true"; an
 * empty body). Without such an entry: "{version}.md" and a built-in
 * template. date_keys are the site's date sources or NULL; off is the
 * zone of dates written without one. *path and *template are owned by the
 * caller; *from is the relative path learned from, or NULL. Returns 0, or
 * -1 after reporting a system error. */
int	scaffold_derive(const char *content_dir, const char *version,
	    const struct strlist *date_keys, int off, char **path,
	    char **template, char **from);

/* The text of a version-like old value in text made placeholders: old
 * (the release) becomes {version}, its line becomes {line}, and "X.Y.x"
 * stays a release line. Owned by the caller. */
char	*scaffold_generalize(const char *text, const char *old);

/* relfeed new [options] VERSION [CONTENT_DIR]: argv[1] is "new"; cpath
 * is the config file or NULL. Returns the exit status. */
int	scaffold_main(int argc, char *argv[], const char *cpath);

#endif
