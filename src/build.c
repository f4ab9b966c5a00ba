/* build.c: rendering the entries that some feed takes, and writing (or
 * listing) every feed in every format. */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "collect.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "entry.h"
#include "feed.h"
#include "fsutil.h"
#include "markdown.h"
#include "select.h"
#include "shortcode.h"
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

/* What a template's {page.KEY} and {site.KEY} see. */
struct lookup_ctx {
	const struct build_opts	*o;
	const struct entry	*e;
	char			*line;		/* page.release_line */
	char			*shortrel;	/* page.release_short */
};

static const char *
param(const struct strlist *l, const char *key)
{
	size_t	i;

	for (i = l->n; i >= 2; i -= 2)		/* the last one wins */
		if (strcmp(l->v[i - 2], key) == 0)
			return l->v[i - 1];
	return NULL;
}

static const char *
lookup(void *vctx, const char *name)
{
	struct lookup_ctx	*c = vctx;
	const struct entry	*e = c->e;
	const char		*k;

	if (strncmp(name, "site.", 5) == 0) {
		k = name + 5;
		return strcmp(k, "base_url") == 0 ? c->o->base_url :
		    strcmp(k, "title") == 0 ? c->o->title :
		    strcmp(k, "description") == 0 ? c->o->description :
		    strcmp(k, "language") == 0 ? c->o->language : NULL;
	}
	if (strncmp(name, "page.", 5) != 0)
		return NULL;
	k = name + 5;
	if (strcmp(k, "title") == 0)
		return e->title;
	if (strcmp(k, "release") == 0)
		return e->release;
	if (strcmp(k, "release_line") == 0)
		return c->line;
	if (strcmp(k, "release_short") == 0)
		return c->shortrel;
	if (strcmp(k, "permalink") == 0)
		return e->permalink;
	if (strcmp(k, "kind") == 0)
		return select_release_kind(e);
	return param(&e->params, k);
}

/* "1.19.0" -> "1.19", "1.0.0" -> "1.0", "1.19.3" stays. */
static char *
release_short(const char *r)
{
	size_t	n;

	if (r == NULL)
		return NULL;
	/* Drop trailing ".0" parts while a '.' remains before them. */
	n = strlen(r);
	while (n > 2 && strncmp(r + n - 2, ".0", 2) == 0 &&
	    memchr(r, '.', n - 2) != NULL)
		n -= 2;
	return xstrndup(r, n);
}

/* The body, read again: collect.c keeps only the metadata. */
static int
read_body(struct entry *e)
{
	char	*data;
	size_t	 len;
	int	 rc;

	if (e->body != NULL)
		return 0;
	if (fsutil_read_file(e->path, &data, &len) == -1)
		return -1;
	rc = entry_load_body(e, data, len);
	free(data);
	return rc;
}

/* Shortcodes, then Markdown to HTML with absolute links, then the summary. */
static int
render_entry(const struct build_opts *o, struct entry *e)
{
	const struct config	*cfg = o->config;
	struct shortcode_tmpl	*tmpls = NULL;
	struct shortcode_env	 env;
	struct lookup_ctx	 ctx;
	struct render_opts	 ro;
	char			*md;
	size_t			 mdlen, i, n = cfg ? cfg->nshortcodes : 0;
	int			 rc = -1;

	if (read_body(e) == -1)
		return -1;
	memset(&ctx, 0, sizeof(ctx));
	ctx.o = o;
	ctx.e = e;
	ctx.line = select_release_line(e->release);
	ctx.shortrel = release_short(e->release);
	tmpls = xcalloc(n + 1, sizeof(*tmpls));
	for (i = 0; i < n; i++) {
		tmpls[i].name = cfg->shortcodes[i].name;
		tmpls[i].text = cfg->shortcodes[i].text;
	}
	memset(&env, 0, sizeof(env));
	env.tmpls = tmpls;
	env.ntmpls = n;
	env.lookup = lookup;
	env.ctx = &ctx;
	md = shortcode_expand(e->path, e->body_line, e->body, e->body_len,
	    &env, &mdlen);
	if (md == NULL)
		goto out;
	memset(&ro, 0, sizeof(ro));
	ro.base_url = o->base_url;
	ro.permalink = e->permalink;
	rc = markdown_render(e->path, md, mdlen, &ro, &e->html, &e->summary);
	free(md);
out:
	free(tmpls);
	free(ctx.line);
	free(ctx.shortrel);
	return rc;
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
	const char	*p;
	char		*rel, *href;
	size_t		 i, k;

	for (i = 0; i < set->n; i++)
		for (k = 0; k < NFORMATS; k++) {
			if (!(set->v[i].formats & formats[k].bit))
				continue;
			rel = output_relpath(&set->v[i], &formats[k]);
			href = url_join(feed_url, rel);
			fprintf(out, "<link rel=\"alternate\" type=\"%s\" "
			    "title=\"", formats[k].type);
			for (p = set->v[i].title; *p != '\0'; p++)
				switch (*p) {
				case '&': fputs("&amp;", out); break;
				case '<': fputs("&lt;", out); break;
				case '>': fputs("&gt;", out); break;
				case '"': fputs("&quot;", out); break;
				default: fputc(*p, out);
				}
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
		if (fsutil_same_content(path, outs->v[i].doc, outs->v[i].len))
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
 * order, so an entry's place in it is found by binary search. */
static int
render_selected(const struct build_opts *o, const struct entry_list *list,
    const struct feed_set *set)
{
	struct entry	**hit;
	char		 *want = xcalloc(list->n + 1, 1);
	size_t		  i, j;
	int		  rc = 0;

	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->v[i].n; j++) {
			hit = bsearch(&set->v[i].v[j], list->v, list->n,
			    sizeof(*list->v), cmp_entry_ptrs);
			want[hit - list->v] = 1;
		}
	for (i = 0; i < list->n; i++)
		if (want[i] && render_entry(o, list->v[i]) == -1)
			rc = -1;
	free(want);
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
	if (o->cmd == CMD_LINKS) {
		print_links(o, &set, out);
		goto out;
	}
	/* Only the entries that make it into a feed are rendered. */
	if (render_selected(o, &list, &set) == -1)
		status = EXIT_CONTENT;
	if (status == 0 && make_outputs(o, &set, &outs) == -1)
		status = EXIT_CONTENT;
	if (status == 0 && o->cmd == CMD_BUILD && write_outputs(o, &outs) == -1)
		status = EXIT_SYSTEM;
out:
	outputs_free(&outs);
	feed_set_free(&set);
	entry_list_free(&list);
	return status;
}
