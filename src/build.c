/* build.c: from the ordered entries to every feed in every format, made in
 * memory, then written (or listed, or linked). */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "collect.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "feed.h"
#include "fsutil.h"
#include "render.h"
#include "select.h"
#include "url.h"
#include "util.h"

/* The file of each format, and the type a page's <link> announces it as. */
static const struct format {
	int		 bit;
	const char	*file;
	const char	*type;
	int		(*write)(const struct feed_info *, struct entry *const *,
			    size_t, char **, size_t *);
} formats[] = {
	{ FORMAT_RSS, "rss.xml", "application/rss+xml", feed_rss_write },
	{ FORMAT_ATOM, "atom.xml", "application/atom+xml", feed_atom_write },
	{ FORMAT_JSON, "feed.json", "application/feed+json", feed_json_write },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* One output file, made in memory before anything is written. */
struct output {
	char	*relpath;	/* under the output directory: NAME/rss.xml */
	char	*doc;
	size_t	 len;
	int	 xml;		/* parsed back before it is written */
	int	 changed;	/* differs from the file on disk */
};

struct outputs {
	struct output	*v;
	size_t		 n;
};

static void
outputs_free(struct outputs *o)
{
	size_t	i;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].relpath);
		free(o->v[i].doc);
	}
	free(o->v);
}

/* The list command: one tab-separated line per entry, tabs and line breaks
 * in values turned into spaces so every line has four fields. */
static void
print_field(FILE *out, const char *s)
{
	for (; *s != '\0'; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void
list_entries(struct entry *const *v, size_t n, FILE *out)
{
	char	date[DATE_BUFSZ];
	size_t	i;

	for (i = 0; i < n; i++) {
		date_format_rfc3339(&v[i]->published, date);
		fprintf(out, "%s\t", date);
		print_field(out, v[i]->release ? v[i]->release : "-");
		fputc('\t', out);
		print_field(out, v[i]->title);
		fputc('\t', out);
		print_field(out, v[i]->permalink);
		fputc('\n', out);
	}
}

static char *
output_relpath(const struct feed_out *f, const struct format *fmt)
{
	return *f->name ? xasprintf("%s/%s", f->name, fmt->file) :
	    xstrdup(fmt->file);
}

/* The <link rel="alternate"> tags a site's <head> needs, one per file. */
static void
print_links(const struct build_opts *o, const struct feed_set *set, FILE *out)
{
	const char	*feed_url = o->feed_url ? o->feed_url : o->base_url;
	char		*rel, *href, *title;
	size_t		 i, k;

	for (i = 0; i < set->n; i++)
		for (k = 0; k < NFORMATS; k++) {
			if (!(set->v[i].formats & formats[k].bit))
				continue;
			rel = output_relpath(&set->v[i], &formats[k]);
			href = url_join(feed_url, rel);
			fprintf(out, "<link rel=\"alternate\" type=\"%s\" "
			    "title=\"", formats[k].type);
			title = html_escape(set->v[i].title);
			fputs(title, out);
			free(title);
			fprintf(out, "\" href=\"%s\">\n", href);
			free(rel);
			free(href);
		}
}

/* Make every file of every feed in memory; nothing touches the disk here. */
static int
make_outputs(const struct build_opts *o, const struct feed_set *set,
    struct outputs *outs)
{
	struct feed_info	 info;
	const char		*feed_url = o->feed_url ? o->feed_url : o->base_url;
	struct output		*out;
	char			*self;
	size_t			 i, k;
	int			 rc = 0;

	memset(&info, 0, sizeof(info));
	info.site_url = o->base_url;
	info.language = o->language;
	info.author = o->author;
	/* A fanned-out feed is the site's too: its title is no author. */
	info.site_title = o->title;
	info.author_email = o->author_email;
	info.hub = o->hub;
	info.icon = o->icon;
	info.logo = o->logo;
	info.copyright = o->copyright;
	info.summary_only = o->summary_only;
	info.generator = "relfeed";
	outs->v = xcalloc(set->n * NFORMATS + 1, sizeof(*outs->v));
	for (i = 0; i < set->n; i++) {
		info.title = set->v[i].title;
		info.description = set->v[i].description;
		for (k = 0; k < NFORMATS; k++) {
			if (!(set->v[i].formats & formats[k].bit))
				continue;
			out = &outs->v[outs->n++];
			out->relpath = output_relpath(&set->v[i], &formats[k]);
			out->xml = formats[k].bit != FORMAT_JSON;
			self = url_join(feed_url, out->relpath);
			info.self_url = self;
			if (formats[k].write(&info, set->v[i].v, set->v[i].n,
			    &out->doc, &out->len) == -1)
				rc = -1;
			free(self);
		}
	}
	return rc;
}

/* Find the outputs that differ from the files on disk (all of them for
 * check) and parse those back: a feed is parsed back before it is written,
 * and one whose bytes are on disk already was parsed when it was written.
 * Nothing is written until every output has passed. */
static int
check_outputs(const struct build_opts *o, struct outputs *outs)
{
	char	*path;
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < outs->n; i++) {
		path = xasprintf("%s/%s", o->output_dir, outs->v[i].relpath);
		outs->v[i].changed = o->cmd == CMD_CHECK ||
		    !fsutil_same_content(path, outs->v[i].doc, outs->v[i].len);
		if (outs->v[i].changed && outs->v[i].xml &&
		    feed_parse_back(path, outs->v[i].doc, outs->v[i].len) == -1)
			rc = -1;
		free(path);
	}
	return rc;
}

/* Write the outputs that differ from what is on disk. */
static int
write_outputs(const struct build_opts *o, const struct outputs *outs)
{
	const char	*slash;
	char		*path, *dir;
	size_t		 i;
	int		 rc = 0;

	if (fsutil_mkdirs(o->output_dir) == -1 ||
	    fsutil_check_writable_dir(o->output_dir) == -1)
		return -1;
	for (i = 0; i < outs->n; i++) {
		path = xasprintf("%s/%s", o->output_dir, outs->v[i].relpath);
		slash = strrchr(path, '/');
		dir = xstrndup(path, (size_t)(slash - path));
		if (!outs->v[i].changed)
			diag_note(path, "unchanged; not rewritten");
		else if (fsutil_mkdirs(dir) == -1 ||
		    fsutil_write_atomic(dir, slash + 1, outs->v[i].doc,
		    outs->v[i].len) == -1)
			rc = -1;
		else
			diag_note(path, "written");
		free(dir);
		free(path);
	}
	return rc;
}

static int
cmp_entry_ptrs(const void *a, const void *b)
{
	return build_entry_cmp(*(struct entry *const *)a,
	    *(struct entry *const *)b);
}

/* Render each entry some feed takes, once: list is in feed order, a total
 * order, so an entry's place in it is found by binary search. Returns an
 * exit status, as render_entries does. */
static int
render_selected(const struct build_opts *o, const struct entry_list *list,
    const struct feed_set *set)
{
	struct entry	**hit, **todo;
	char		 *want = xcalloc(list->n + 1, 1);
	size_t		  i, j, n = 0;
	int		  rc;

	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->v[i].n; j++) {
			hit = bsearch(&set->v[i].v[j], list->v, list->n,
			    sizeof(*list->v), cmp_entry_ptrs);
			want[hit - list->v] = 1;
		}
	todo = xcalloc(list->n + 1, sizeof(*todo));
	for (i = 0; i < list->n; i++)
		if (want[i])
			todo[n++] = list->v[i];
	rc = render_entries(o, todo, n);
	free(todo);
	free(want);
	return rc;
}

/* No feed may hold more entries than --max-entries: a feed of a million
 * entries is a mistake to report, not to write, and not to cut short. */
static int
check_entry_bounds(const struct build_opts *o, const struct feed_set *set)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < set->n; i++)
		if (bounds_check_entries(o->config ? o->config->path : NULL,
		    set->v[i].line, set->v[i].name, set->v[i].n,
		    &o->bounds) == -1)
			rc = -1;
	return rc;
}

int
build_run(const struct build_opts *o, FILE *out)
{
	struct entry_list	 list = { 0 };
	struct feed_set		 set = { 0 };
	struct outputs		 outs = { 0 };
	struct select_defaults	 d;
	const struct config	*cfg = o->config;
	int			 status;

	if ((status = collect_entries(o, &list)) != 0)
		goto out;
	if (o->cmd == CMD_LIST) {
		list_entries(list.v, o->limit > 0 && list.n > o->limit ?
		    o->limit : list.n, out);
		goto out;
	}
	memset(&d, 0, sizeof(d));
	d.title = o->title;
	d.description = o->description;
	d.limit = o->limit;
	d.formats = o->formats;
	if (select_feeds(cfg ? cfg->path : NULL, &d, cfg ? cfg->feeds : NULL,
	    cfg ? cfg->nfeeds : 0, list.v, list.n, &set) == -1) {
		status = EXIT_USAGE;
		goto out;
	}
	if (check_entry_bounds(o, &set) == -1) {
		status = EXIT_CONTENT;
		goto out;
	}
	if (o->cmd == CMD_LINKS) {
		print_links(o, &set, out);
		goto out;
	}
	/* build renders only the entries that make it into a feed; check
	 * renders them all, so every body's problems are reported. */
	if (o->cmd == CMD_CHECK)
		status = render_entries(o, list.v, list.n);
	else
		status = render_selected(o, &list, &set);
	if (status == 0 && (make_outputs(o, &set, &outs) == -1 ||
	    check_outputs(o, &outs) == -1))
		status = EXIT_CONTENT;
	if (status == 0 && o->cmd == CMD_BUILD && write_outputs(o, &outs) == -1)
		status = EXIT_SYSTEM;
out:
	outputs_free(&outs);
	feed_set_free(&set);
	entry_list_free(&list);
	return status;
}
