/* scaffold_derive.c: the path pattern and template of a new announcement,
 * learned from the newest announcement the site already has. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "date.h"
#include "diag.h"
#include "entry.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "scaffold.h"
#include "select.h"
#include "util.h"

/* What a site without announcements gets. */
static const char default_path[] = "{version}.md";

/* entry.c's publish date sources when the site names none. */
static const char *const default_date_keys[] = {
	"publishdate", "publishDate", "pubdate", "published", "date"
};

/* Keys a new announcement does not inherit: it has not been updated, does
 * not expire, and its draft state is set below. */
static const char *const dropped_keys[] = {
	"lastmod", "updated", "expirydate", "draft"
};

static int
is_date_key(const char *k, const struct strlist *date_keys)
{
	size_t	i;

	if (date_keys != NULL && date_keys->n > 0)
		return strlist_has(date_keys, k);
	for (i = 0; i < sizeof(default_date_keys) /
	    sizeof(default_date_keys[0]); i++)
		if (strcmp(k, default_date_keys[i]) == 0)
			return 1;
	return 0;
}

static int
is_dropped_key(const char *k)
{
	size_t	i;

	for (i = 0; i < sizeof(dropped_keys) / sizeof(dropped_keys[0]); i++)
		if (ascii_strcasecmp(k, dropped_keys[i]) == 0)
			return 1;
	return 0;
}

/* A copy of s with every from replaced by to. */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	struct buf	 b = { 0 };
	const char	*hit;
	size_t		 n = strlen(from);

	buf_adds(&b, "");
	while ((hit = strstr(s, from)) != NULL) {
		buf_add(&b, s, (size_t)(hit - s));
		buf_adds(&b, to);
		s = hit + n;
	}
	buf_adds(&b, s);
	return buf_detach(&b);
}

/* The path of e with its version, line and date made placeholders. */
static char *
path_pattern(const struct entry *e)
{
	char		*p, *q, from[32], *slash;
	int64_t		 y;
	int		 m, d;

	p = scaffold_generalize(e->relpath, e->release);
	date_civil(&e->published, &y, &m, &d);
	(void)snprintf(from, sizeof(from), "%04lld-%02d-%02d", (long long)y,
	    m, d);
	q = replace_all(p, from, "{year}-{month}-{day}");
	free(p);
	(void)snprintf(from, sizeof(from), "%04lld/%02d/%02d", (long long)y,
	    m, d);
	p = replace_all(q, from, "{year}/{month}/{day}");
	free(q);
	/* A path that names neither the version nor its line (as a major
	 * release's _index.md does) nor a date would be the same file again:
	 * take its directory. */
	if (strstr(p, "{version}") == NULL && strstr(p, "{line}") == NULL &&
	    strstr(p, "{year}") == NULL) {
		slash = strrchr(p, '/');
		q = slash == NULL ? xstrdup(default_path) : xasprintf("%.*s/%s",
		    (int)(slash - p), p, default_path);
		free(p);
		p = q;
	}
	return p;
}

/* The byte offset of file line `line` (1-based) in data[0..len). */
static size_t
line_offset(const char *data, size_t len, int line)
{
	size_t	i = 0;

	while (line > 1 && i < len)
		if (data[i++] == '\n')
			line--;
	return i;
}

/* The front matter of the file at e->path, key by key. */
static int
template_from(const struct entry *e, const struct strlist *date_keys,
    char **out)
{
	struct fm_split		 sp;
	struct fm_node		*root = NULL;
	const struct fm_node	*k, *v;
	struct buf		 b = { 0 };
	char			*data = NULL, *span, *g;
	size_t			 len, i, from, to, end;
	int			 rc = -1, jekyll_flag = 0;

	if (fsutil_read_file(e->path, &data, &len) == -1)
		goto out;
	if (fm_split(e->path, data, len, &sp) != FM_SPLIT_OK ||
	    (root = fm_parse(e->path, data + sp.yaml_off, sp.yaml_len,
	    sp.yaml_line)) == NULL)
		goto out;	/* entry_load read it a moment ago */
	end = sp.yaml_off + sp.yaml_len;
	buf_adds(&b, "---\n");
	for (i = 0; i + 1 < root->n; i += 2) {
		k = root->items[i];
		v = root->items[i + 1];
		from = line_offset(data, len, k->line);
		to = i + 2 < root->n ? line_offset(data, len,
		    root->items[i + 2]->line) : end;
		if (strcmp(k->text, "published") == 0 && fm_bool(v) != -1)
			jekyll_flag = 1;	/* Jekyll's flag, not a date */
		else if (is_date_key(k->text, date_keys))
			buf_printf(&b, "%s: {date}\n", k->text);
		else if (!is_dropped_key(k->text)) {
			span = xstrndup(data + from, to > from ? to - from : 0);
			g = scaffold_generalize(span, e->release);
			buf_adds(&b, g);
			if (b.len > 0 && b.s[b.len - 1] != '\n')
				buf_addc(&b, '\n');
			free(g);
			free(span);
		}
	}
	buf_adds(&b, jekyll_flag ? "published: false\n" : "draft: true\n");
	buf_adds(&b, "---\n\n");
	*out = buf_detach(&b);
	rc = 0;
out:
	fm_node_free(root);
	buf_free(&b);
	free(data);
	return rc;
}

/* Whether e is a dated announcement with a release. */
static int
is_announcement(const struct entry *e)
{
	return e->release != NULL && e->has_date && !e->is_list_page;
}

/* The entries of dir that are dated announcements with a release, in
 * all. Diagnostics of the files are not printed: `relfeed check` is the
 * place for them. */
static int
load_announcements(const char *dir, const struct strlist *dk, int off,
    struct strlist *files, struct entry ***all, size_t *n)
{
	struct entry_opts	 eo;
	struct entry		*e;
	struct diag_collect	 dc;
	char			*path, *data, *mem = NULL;
	size_t			 i, len;
	int			 rc = -1;

	memset(&eo, 0, sizeof(eo));	/* bounds: the defaults */
	eo.default_off = off;
	eo.date_keys = dk != NULL && dk->n > 0 ? dk : NULL;
	if (fsutil_scan(dir, files) == -1)
		goto out;
	*all = xcalloc(files->n + 1, sizeof(**all));
	diag_collect_start(&dc, &mem);
	for (i = 0; i < files->n; i++) {
		path = xasprintf("%s/%s", dir, files->v[i]);
		e = NULL;
		if (fsutil_read_file(path, &data, &len) == 0) {
			if (entry_load(path, files->v[i], data, len, &eo, &e) ==
			    ENTRY_OK && is_announcement(e)) {
				free(e->body);
				e->body = NULL;
				(*all)[(*n)++] = e;
			} else
				entry_free(e);
			free(data);
		}
		free(path);
	}
	diag_collect_end(&dc);
	rc = 0;
out:
	free(mem);
	return rc;
}

/* The newest announcement with a release under dir, of kind `kind` when
 * one has it, else of any kind; *out is owned by the caller, NULL when
 * there is none. */
static int
newest_release(const char *dir, const char *kind, const struct strlist *dk,
    int off, struct entry **out)
{
	struct strlist	  files = { 0 };
	struct entry	**all = NULL, *best = NULL, *same = NULL;
	const char	 *k;
	size_t		  i, n = 0;
	int		  rc = -1;

	*out = NULL;
	if (access(dir, F_OK) == -1 && errno == ENOENT)
		return 0;	/* a new site: nothing to learn from */
	if (load_announcements(dir, dk, off, &files, &all, &n) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		if (best == NULL || build_entry_cmp(all[i], best) < 0)
			best = all[i];
		k = select_release_kind(all[i]);
		if (k != NULL && kind != NULL && strcmp(k, kind) == 0 &&
		    (same == NULL || build_entry_cmp(all[i], same) < 0))
			same = all[i];
	}
	*out = same != NULL ? same : best;
	rc = 0;
out:
	for (i = 0; i < n; i++)
		if (all[i] != *out)
			entry_free(all[i]);
	free(all);
	strlist_clear(&files);
	return rc;
}

int
scaffold_derive(const char *content_dir, const char *version,
    const struct strlist *date_keys, int off, char **path, char **template,
    char **from)
{
	struct entry	 probe, *e = NULL;
	const char	*dk = "publishdate";
	char		*kind;
	size_t		 i;
	int		 rc = -1;

	*path = *template = *from = NULL;
	memset(&probe, 0, sizeof(probe));
	probe.release = xstrdup(version);
	kind = select_release_kind(&probe) != NULL ?
	    xstrdup(select_release_kind(&probe)) : NULL;
	free(probe.release);
	if (newest_release(content_dir, kind, date_keys, off, &e) == -1)
		goto out;
	if (e != NULL) {
		if (template_from(e, date_keys, template) == -1)
			goto out;
		*path = path_pattern(e);
		*from = xstrdup(e->path);
	} else {
		for (i = 0; date_keys != NULL && i < date_keys->n; i++)
			if (date_keys->v[i][0] != ':') {
				dk = date_keys->v[i];
				break;
			}
		*path = xstrdup(default_path);
		*template = xasprintf("---\ntitle: Release {version}\n"
		    "%s: {date}\nrelease: {version}\ndraft: true\n---\n\n",
		    dk);
	}
	rc = 0;
out:
	if (rc == -1) {
		free(*template);
		*template = NULL;
	}
	entry_free(e);
	free(kind);
	return rc;
}
