/* build.c: from the ordered entries to every feed in every format, made in
 * memory, then written (or listed, or linked). */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "changes.h"
#include "collect.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "feed.h"
#include "fsutil.h"
#include "hook.h"
#include "lock.h"
#include "preview.h"
#include "progress.h"
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
	char	*tmp;		/* staged, not yet renamed into place */
	int	 fd;		/* tmp open, not yet synced, or -1 */
	char	*path;		/* OUT/relpath, set by check_outputs */
	char	*dir;		/* path's directory */
	const char *name;	/* in path: its last part */
};

struct outputs {
	struct output	*v;
	size_t		 n;
	/* The changed XML documents, parsed back by check_outputs: */
	const char	**what;		/* their paths */
	const char	**doc;
	size_t		 *len;
};

static void
outputs_free(struct outputs *o)
{
	size_t	i;

	for (i = 0; i < o->n; i++) {
		fsutil_discard(o->v[i].tmp);
		free(o->v[i].tmp);
		free(o->v[i].relpath);
		free(o->v[i].doc);
		free(o->v[i].path);
		free(o->v[i].dir);
	}
	free(o->v);
	free(o->what);
	free(o->doc);
	free(o->len);
}

/* The list command: one tab-separated line per entry, four fields. */
static void
list_entries(struct entry *const *v, size_t n, FILE *out)
{
	char	date[DATE_BUFSZ];
	size_t	i;

	for (i = 0; i < n; i++) {
		date_format_rfc3339(&v[i]->published, date);
		fprintf(out, "%s\t", date);
		put_field(out, v[i]->release);
		fputc('\t', out);
		put_field(out, v[i]->title);
		fputc('\t', out);
		put_field(out, v[i]->permalink);
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

/* The stylesheet and the preview page, when asked for, after the feeds:
 * files[0..nfiles) are the feeds' files, the site feed's first. */
static int
make_preview(const struct build_opts *o, const struct feed_set *set,
    struct render_job *job, const struct preview_file *files, size_t nfiles,
    struct outputs *outs)
{
	struct preview_info	 pi;
	struct output		*out;
	size_t			 i;

	if (o->stylesheet) {
		out = &outs->v[outs->n++];
		out->relpath = xstrdup(PREVIEW_XSL_FILE);
		out->doc = xstrndup((const char *)preview_feed_xsl,
		    preview_feed_xsl_len);
		out->len = preview_feed_xsl_len;
		out->xml = 1;
	}
	if (!o->preview)
		return 0;
	/* The page shows the site feed's summaries: rendered by now for its
	 * writers, waited for all the same. */
	for (i = 0; i < set->v[0].n; i++)
		render_wait(job, set->v[0].v[i]);
	memset(&pi, 0, sizeof(pi));
	pi.title = set->v[0].title;
	pi.description = set->v[0].description;
	pi.language = o->language;
	pi.feed_url = o->feed_url ? o->feed_url : o->base_url;
	pi.files = files;
	pi.nfiles = nfiles;
	pi.entries = set->v[0].v;
	pi.n = set->v[0].n;
	out = &outs->v[outs->n++];
	out->relpath = xstrdup(PREVIEW_PAGE_FILE);
	return preview_page_write(&pi, &out->doc, &out->len);
}

/* Make every file of every feed in memory; nothing touches the disk here.
 * The writers wait for each entry the job renders. */
static int
make_outputs(const struct build_opts *o, const struct feed_set *set,
    struct render_job *job, struct outputs *outs)
{
	struct feed_info	 info;
	const char		*feed_url = o->feed_url ? o->feed_url : o->base_url;
	struct output		*out;
	struct preview_file	*files;
	char			*self, *xsl;
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
	info.need = render_wait;
	info.done = render_done;
	info.need_ctx = job;
	outs->v = xcalloc(set->n * NFORMATS + 3, sizeof(*outs->v));
	files = xcalloc(set->n * NFORMATS + 1, sizeof(*files));
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
			xsl = o->stylesheet && out->xml ?
			    preview_xsl_href(out->relpath) : NULL;
			info.stylesheet = xsl;
			if (formats[k].write(&info, set->v[i].v, set->v[i].n,
			    &out->doc, &out->len) == -1)
				rc = -1;
			free(xsl);
			free(self);
			files[outs->n - 1] = (struct preview_file){
			    set->v[i].name, set->v[i].title, out->relpath,
			    formats[k].type };
		}
	}
	if (rc == 0 && make_preview(o, set, job, files, outs->n, outs) == -1)
		rc = -1;
	free(files);
	return rc;
}

/* Find the outputs that differ from the files on disk (all of them for
 * check) and start parsing those back: a feed is parsed back before it is
 * renamed into place, and one whose bytes are on disk already was parsed
 * when it was written. A build that writes parses in a thread of its own
 * while it stages the files (with --jobs > 1); otherwise the parse is done
 * when this returns. feed_check_wait gives the verdict. */
static struct feed_check *
check_outputs(const struct build_opts *o, struct outputs *outs)
{
	struct output	*out;
	size_t		 i, k = 0;

	outs->what = xcalloc(outs->n + 1, sizeof(*outs->what));
	outs->doc = xcalloc(outs->n + 1, sizeof(*outs->doc));
	outs->len = xcalloc(outs->n + 1, sizeof(*outs->len));
	for (i = 0; i < outs->n; i++) {
		out = &outs->v[i];
		out->path = xasprintf("%s/%s", o->output_dir, out->relpath);
		out->name = strrchr(out->path, '/') + 1;
		out->dir = xstrndup(out->path,
		    (size_t)(out->name - 1 - out->path));
		out->changed = o->cmd == CMD_CHECK ||
		    !fsutil_same_content(out->path, out->doc, out->len);
		if (!out->changed || !out->xml)
			continue;
		outs->what[k] = out->path;
		outs->doc[k] = out->doc;
		outs->len[k] = out->len;
		k++;
	}
	return feed_check_start(outs->what, outs->doc, outs->len, k,
	    o->jobs > 1 && o->cmd == CMD_BUILD && !o->dry_run);
}

/* Files staged and not yet synced at once, at most: their descriptors
 * stay open until then. */
#define STAGE_BATCH	128

/* fsync and close the staged files v[from..to) that are still open. */
static int
sync_staged(struct outputs *outs, size_t from, size_t to)
{
	struct output	*out;
	size_t		 i;
	int		 rc = 0;

	for (i = from; i < to; i++) {
		out = &outs->v[i];
		if (out->fd == -1)
			continue;
		if (fsutil_stage_sync(out->dir, out->name, out->tmp,
		    out->fd) == -1) {
			free(out->tmp);
			out->tmp = NULL;
			rc = -1;
		}
		out->fd = -1;
	}
	return rc;
}

/* Write the outputs that differ from what is on disk, all or none: every
 * one is staged (written to its temporary file) while *check parses them
 * back, and none is renamed into place before every one is staged, synced
 * and found well-formed, so a full disk or a bad document leaves every old
 * feed as it was. The files are written before any is synced, and every
 * rename is done before any directory is synced: a journal commit or two
 * for them all, not two for each. Called holding the lock, which makes the
 * temporary files of killed runs safe to remove. Waits for *check (and
 * sets it to NULL). Returns 0, EXIT_CONTENT or EXIT_SYSTEM. */
static int
write_outputs(struct outputs *outs, struct feed_check **check)
{
	struct output	*out;
	const char	*synced = NULL;
	size_t		 i, first = 0;
	int		 rc = 0, well_formed;

	for (i = 0; i < outs->n; i++)
		outs->v[i].fd = -1;
	for (i = 0; i < outs->n && rc == 0; i++) {
		out = &outs->v[i];
		lock_remove_stale(out->dir, out->name);
		if (out->changed && (fsutil_mkdirs(out->dir) == -1 ||
		    fsutil_stage_unsynced(out->dir, out->name, out->doc,
		    out->len, &out->tmp, &out->fd) == -1))
			rc = -1;
		if (i + 1 - first >= STAGE_BATCH) {
			if (sync_staged(outs, first, i + 1) == -1)
				rc = -1;
			first = i + 1;
		}
	}
	if (sync_staged(outs, first, outs->n) == -1)
		rc = -1;
	well_formed = feed_check_wait(*check) == 0;
	*check = NULL;
	if (!well_formed)
		return EXIT_CONTENT;
	/* What is left staged, outputs_free() removes. */
	for (i = 0; i < outs->n && rc == 0; i++) {
		out = &outs->v[i];
		if (!out->changed)
			diag_note(out->path, "unchanged; not rewritten");
		else if (fsutil_rename(out->tmp, out->dir, out->name) == -1)
			rc = -1;
		else
			diag_note(out->path, "written");
		free(out->tmp);
		out->tmp = NULL;
	}
	/* The renames last once their directories are synced: each once,
	 * the outputs of a feed being side by side. */
	for (i = 0; i < outs->n; i++)
		if (outs->v[i].changed && (synced == NULL ||
		    strcmp(synced, outs->v[i].dir) != 0))
			fsutil_sync_dir(synced = outs->v[i].dir);
	return rc == 0 ? 0 : EXIT_SYSTEM;
}

/* Compare each output with the file it replaces, before any is replaced;
 * a dry run lists the changes on out. Returns 0. */
static int
tally_outputs(const struct build_opts *o, const struct entry_list *list,
    const struct outputs *outs, struct changes_run *run, FILE *out)
{
	size_t	 i;

	progress_clear();
	changes_run_start(run, list->v, list->n, o->dry_run ? out : NULL,
	    o->dry_run, !o->quiet);
	for (i = 0; i < outs->n; i++)
		changes_run_file(run, outs->v[i].path, outs->v[i].changed,
		    outs->v[i].doc, outs->v[i].len);
	return 0;
}

/* The summary line, then on_change when files changed. */
static int
finish_build(const struct build_opts *o, struct changes_run *run)
{
	progress_end();
	changes_run_summary(run, o->quiet);
	if (o->dry_run || o->no_hooks || o->on_change == NULL ||
	    run->changed.n == 0)
		return 0;
	return hook_run(o->on_change, o->output_dir, &run->changed) == -1 ?
	    EXIT_SYSTEM : 0;
}

static int
cmp_entry_ptrs(const void *a, const void *b)
{
	return build_entry_cmp(*(struct entry *const *)a,
	    *(struct entry *const *)b);
}

/* The formats some feed of set is written in, as render_start takes
 * them: none when feeds carry summaries only. */
static int
formats_of(const struct build_opts *o, const struct feed_set *set)
{
	size_t	i;
	int	bits = 0;

	for (i = 0; !o->summary_only && i < set->n; i++)
		bits |= set->v[i].formats;
	return bits;
}

/* How many formats feed f is written in. */
static unsigned
nformats(int bits)
{
	size_t		k;
	unsigned	n = 0;

	for (k = 0; k < NFORMATS; k++)
		if (bits & formats[k].bit)
			n++;
	return n;
}

/* Start rendering each entry some feed takes, once: list is in feed order,
 * a total order, so an entry's place in it is found by binary search.
 * *todo (freed by the caller after render_finish) holds them. Each one's
 * HTML is freed once the last feed that has it is written. */
static struct render_job *
render_selected(const struct build_opts *o, const struct entry_list *list,
    const struct feed_set *set, struct entry ***todop)
{
	struct entry	**hit, **todo;
	unsigned	 *uses = xcalloc(list->n + 1, sizeof(*uses));
	size_t		  i, j, n = 0;
	struct render_job *job;

	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->v[i].n; j++) {
			hit = bsearch(&set->v[i].v[j], list->v, list->n,
			    sizeof(*list->v), cmp_entry_ptrs);
			uses[hit - list->v] += nformats(set->v[i].formats);
		}
	todo = xcalloc(list->n + 1, sizeof(*todo));
	for (i = 0; i < list->n; i++)
		if (uses[i] > 0) {
			uses[n] = uses[i];
			todo[n++] = list->v[i];
		}
	job = render_start(o, todo, n, formats_of(o, set));
	render_free_after(job, uses);
	*todop = todo;
	return job;
}

/* Render the entries and make the outputs at once. What the writers
 * report waits until the renderers' diagnostics are out, and is dropped,
 * as the outputs are, when rendering failed: as if made after it. Returns
 * an exit status. */
static int
render_and_make(const struct build_opts *o, const struct entry_list *list,
    const struct feed_set *set, struct outputs *outs)
{
	struct render_job	*job;
	struct entry		**todo = NULL;
	struct diag_collect	 dc;
	char			*said = NULL;
	int			 status, made;

	/* check renders every entry, so every body's problems are
	 * reported; build only those that make it into a feed. */
	if (o->cmd == CMD_CHECK)
		job = render_start(o, list->v, list->n, formats_of(o, set));
	else
		job = render_selected(o, list, set, &todo);
	diag_collect_start(&dc, &said);
	made = make_outputs(o, set, job, outs);
	diag_collect_end(&dc);
	status = render_finish(job);
	if (status == 0)
		diag_print(said);
	if (status == 0 && made == -1)
		status = EXIT_CONTENT;
	free(said);
	free(todo);
	return status;
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
	struct changes_run	 run = { 0 };
	const struct config	*cfg = o->config;
	struct lock		*lock = NULL;
	struct feed_check	*check = NULL;
	int			 status;

	progress_start(!o->quiet);
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
	    cfg ? cfg->nfeeds : 0, list.v, list.n, &set) == -1 ||
	    preview_check_names(cfg ? cfg->path : NULL, &set, o->stylesheet,
	    o->preview) == -1) {
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
	status = render_and_make(o, &list, &set, &outs);
	/* From comparing with the disk to the last rename, one run at a time:
	 * the feeds on disk all come from one run. A dry run writes nothing
	 * and takes no lock. */
	if (status == 0 && o->cmd == CMD_BUILD && !o->dry_run &&
	    (lock = lock_acquire(o->output_dir, o->lock_wait)) == NULL)
		status = EXIT_SYSTEM;
	if (status == 0)
		check = check_outputs(o, &outs);
	/* What writes nothing has the parse's verdict at once. */
	if (status == 0 && (o->cmd != CMD_BUILD || o->dry_run)) {
		if (feed_check_wait(check) == -1)
			status = EXIT_CONTENT;
		check = NULL;
	}
	if (status == 0 && o->cmd == CMD_BUILD)
		status = tally_outputs(o, &list, &outs, &run, out);
	if (status == 0 && o->cmd == CMD_BUILD && !o->dry_run)
		status = write_outputs(&outs, &check);
	if (feed_check_wait(check) == -1 && status == 0)
		status = EXIT_CONTENT;
	if (status == 0 && o->cmd == CMD_BUILD)
		status = finish_build(o, &run);
out:
	changes_run_free(&run);
	progress_end();
	outputs_free(&outs);
	lock_release(lock);
	feed_set_free(&set);
	entry_list_free(&list);
	return status;
}
