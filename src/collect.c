/* collect.c: scanning, loading, filtering and ordering the entries. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "config.h"
#include "diag.h"
#include "entry.h"
#include "fmcache.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "lint.h"
#include "permalink.h"
#include "progress.h"
#include "util.h"
#include "version.h"

void
entry_list_free(struct entry_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		entry_free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static void
entry_list_push(struct entry_list *l, struct entry *e)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = e;
}

int
build_entry_cmp(const struct entry *a, const struct entry *b)
{
	int	c;

	if (a->published.sec != b->published.sec)
		return a->published.sec > b->published.sec ? -1 : 1;
	if ((c = version_cmp(a->release, b->release)) != 0)
		return -c;
	return strcmp(a->relpath, b->relpath);
}

static int
cmp_entries(const void *a, const void *b)
{
	return build_entry_cmp(*(struct entry *const *)a,
	    *(struct entry *const *)b);
}

/* Whether e belongs in a feed at all, with a note or warning saying why not. */
static int
is_published(const struct build_opts *o, const struct entry *e)
{
	if (e->is_list_page) {
		diag_note(e->path, "list page without a publish date; "
		    "not an entry");
		return 0;
	}
	if (!e->has_date) {
		diag_warning(e->path, 0, 0, "no publish date (publishdate, "
		    "date...); left out of the feeds");
		return 0;
	}
	if (e->draft && !o->drafts) {
		diag_note(e->path, "draft; left out (--drafts includes it)");
		return 0;
	}
	if (e->published.sec > o->now && !o->future) {
		diag_note(e->path, "dated in the future; left out "
		    "(--future includes it)");
		return 0;
	}
	if (e->has_expiry && e->expiry.sec <= o->now) {
		diag_note(e->path, "expired; left out");
		return 0;
	}
	return 1;
}

static int
cmp_ids(const void *a, const void *b)
{
	const struct entry *ea = *(struct entry *const *)a;
	const struct entry *eb = *(struct entry *const *)b;
	int c = strcmp(ea->id ? ea->id : ea->permalink,
	    eb->id ? eb->id : eb->permalink);

	return c ? c : strcmp(ea->relpath, eb->relpath);
}

/* Two entries with one id would make readers drop or merge one of them. */
static int
check_unique_ids(const struct entry_list *l)
{
	struct entry	**v;
	size_t		  i;
	int		  rc = 0;

	if (l->n < 2)
		return 0;
	v = xmalloc(l->n * sizeof(*v));
	memcpy(v, l->v, l->n * sizeof(*v));
	qsort(v, l->n, sizeof(*v), cmp_ids);
	for (i = 1; i < l->n; i++) {
		const char *a = v[i - 1]->id ? v[i - 1]->id : v[i - 1]->permalink;
		const char *b = v[i]->id ? v[i]->id : v[i]->permalink;
		if (strcmp(a, b) == 0) {
			diag_error(v[i]->path, 0, 0, "entry id %s is also "
			    "the id of %s; give one of them its own url, "
			    "slug or id", diag_quote(0, b, strlen(b)),
			    v[i - 1]->path);
			rc = -1;
		}
	}
	free(v);
	return rc;
}

/* A major release in Hugo's branch-bundle layout is a dated _index.md;
 * the pages below it (change notes, upgrade notes) belong to it. dirs gets
 * the directory of each such _index.md, with its trailing '/'. */
static void
bundle_dirs(const struct entry_list *all, struct strlist *dirs)
{
	const char	*base;
	char		*dir;
	size_t		 i;

	for (i = 0; i < all->n; i++) {
		base = strrchr(all->v[i]->relpath, '/');
		if (base == NULL || !all->v[i]->has_date ||
		    strncmp(base, "/_index.", 8) != 0)
			continue;
		dir = xstrndup(all->v[i]->relpath,
		    (size_t)(base - all->v[i]->relpath) + 1);
		strlist_push(dirs, dir);
		free(dir);
	}
}

static int
cmp_strs(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 if e is below a bundle's directory without being its _index: each
 * directory above e is looked up in dirs, sorted. */
static int
in_bundle(const struct entry *e, const struct strlist *dirs)
{
	const char	*rel = e->relpath, *slash;
	char		*dir;
	void		*hit;
	size_t		 n;

	for (slash = strchr(rel, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		n = (size_t)(slash - rel) + 1;
		dir = xstrndup(rel, n);
		hit = bsearch(&dir, dirs->v, dirs->n, sizeof(*dirs->v),
		    cmp_strs);
		free(dir);
		if (hit != NULL && (strchr(rel + n, '/') != NULL ||
		    strncmp(rel + n, "_index.", 7) != 0))
			return 1;
	}
	return 0;
}

/* The bytes of path up to the end of its front matter: most files hold it
 * in their first few kilobytes, and the rest is needed only when the entry
 * is rendered. Files whose front matter does not end there are read whole. */
#define HEAD_SIZE	16384

static int
read_head(const char *path, const struct bounds *b, char **data, size_t *len)
{
	size_t	head;
	int	whole, rc;

	if ((rc = bounds_read(path, b, HEAD_SIZE, data, len, &whole)) != 0)
		return rc;
	if (whole)
		return 0;
	if ((head = fm_head_len(*data, *len)) > 0) {
		*len = head;
		(*data)[head] = '\0';
		return 0;
	}
	free(*data);
	return bounds_read(path, b, SIZE_MAX, data, len, &whole);
}

/* A content file's loading, by any thread: looked up in the cache, read
 * and parsed on a miss; then taken in the order of the files. */
struct load {
	char			*path;
	const char		*relpath;
	struct entry		*e;
	int			 res;		/* entry_load_result, -1: unread */
	int			 rc;		/* with -1: the exit status */
	int			 warned;
	struct fmcache_look	 look;
	char			*msgs;		/* its diagnostics, for later */
};

/* The files the loading threads share: each takes the next by itself. */
struct loader {
	const struct entry_opts	*eo;
	const struct fmcache	*cache;		/* or NULL */
	struct load		*v;
	size_t			 n;
	atomic_size_t		 next;
};

/* Look l's file up in the cache; on a miss read its head and parse it,
 * with its diagnostics kept. The thread that draws the progress line says
 * so. */
static void
load_file(const struct loader *ld, struct load *l, int draws)
{
	enum entry_load_result	 res;
	char			*data;
	size_t			 len;
	int			 warnings = diag_thread_warnings();
	struct diag_collect	 dc;

	if (fmcache_lookup(ld->cache, l->path, l->relpath, &res, &l->e,
	    &l->look)) {
		l->res = (int)res;
		goto out;
	}
	diag_collect_start(&dc, &l->msgs);
	if ((l->rc = read_head(l->path, ld->eo->bounds, &data, &len)) != 0)
		l->res = -1;
	else {
		l->res = (int)entry_load(l->path, l->relpath, data, len,
		    ld->eo, &l->e);
		free(data);
	}
	l->warned = diag_thread_warnings() != warnings;
	diag_collect_end(&dc);
	/* Bodies are read again for the entries a feed takes: memory
	 * follows the metadata, not the bodies. */
	if (l->e != NULL) {
		free(l->e->body);
		l->e->body = NULL;
		l->e->body_len = 0;
	}
out:
	if (draws)
		progress_tick(PROGRESS_LOADED);
	else
		progress_count(PROGRESS_LOADED);
}

static void
loader_run(struct loader *ld, int draws)
{
	size_t	i;

	while ((i = atomic_fetch_add(&ld->next, 1)) < ld->n)
		load_file(ld, &ld->v[i], draws);
}

static void *
loader_thread(void *arg)
{
	loader_run(arg, 0);
	return NULL;
}

/* Files a loading thread must have to be worth starting. */
#define LOAD_MIN_PER_THREAD	64

/* Load v[0..n) with up to jobs threads, this one among them: libyaml,
 * the entry code and a cache lookup keep no state outside their
 * arguments, and the diagnostics are buffered per file. */
static void
load_files(const struct entry_opts *eo, const struct fmcache *cache,
    struct load *v, size_t n, int jobs)
{
	struct loader	 ld;
	pthread_t	*t = NULL;
	size_t		 i, nt = jobs > 1 ? (size_t)jobs : 1;

	if (nt > n / LOAD_MIN_PER_THREAD)
		nt = n / LOAD_MIN_PER_THREAD;
	nt = nt > 1 ? nt - 1 : 0;	/* the threads besides this one */
	ld.eo = eo;
	ld.cache = cache;
	ld.v = v;
	ld.n = n;
	atomic_init(&ld.next, 0);
	if (nt > 0)
		t = xcalloc(nt, sizeof(*t));
	for (i = 0; i < nt; i++)
		if (pthread_create(&t[i], NULL, loader_thread, &ld) != 0)
			break;		/* fewer threads do the same work */
	nt = i;
	loader_run(&ld, 1);
	for (i = 0; i < nt; i++)
		pthread_join(t[i], NULL);
	free(t);
}

/* Read every content file into all; returns 0 or an exit status. */
static int
load_all(const struct build_opts *o, struct entry_list *all)
{
	struct strlist	 files = { 0 };
	struct entry_opts eo;
	struct fmcache	*cache = NULL;
	struct load	*v, *l;
	size_t		 i;
	int		 status = 0;

	eo.default_off = o->tz_off;
	eo.bounds = &o->bounds;
	eo.date_keys = o->config ? &o->config->date_keys : NULL;
	if (eo.date_keys != NULL && eo.date_keys->n == 0)
		eo.date_keys = NULL;
	if (fsutil_scan(o->content_dir, &files) == -1)
		status = EXIT_SYSTEM;
	progress_total(PROGRESS_LOADED, files.n);
	if (o->cache_path != NULL)
		cache = fmcache_open(o->cache_path, o->content_dir,
		    o->config ? o->config->path : NULL, &eo, 0);
	v = xcalloc(files.n + 1, sizeof(*v));
	for (i = 0; i < files.n; i++) {
		v[i].path = xasprintf("%s/%s", o->content_dir, files.v[i]);
		v[i].relpath = files.v[i];
		v[i].res = -1;
	}
	load_files(&eo, cache, v, files.n, o->jobs);
	/* In the order of the files, whatever thread loaded them. */
	for (i = 0; i < files.n; i++) {
		l = &v[i];
		diag_print(l->msgs);
		free(l->msgs);
		fmcache_keep(cache, &l->look, l->relpath, l->res == -1 ?
		    ENTRY_ERROR : (enum entry_load_result)l->res, l->e,
		    l->warned);
		switch (l->res) {
		case -1:
			if (status != EXIT_SYSTEM)
				status = l->rc;
			break;
		case ENTRY_OK:
			entry_list_push(all, l->e);
			l->e = NULL;
			break;
		case ENTRY_SKIP:
			diag_note(l->path, "no front matter; not an "
			    "announcement");
			break;
		case ENTRY_ERROR:
			break;
		}
		entry_free(l->e);
		free(l->path);
	}
	free(v);
	/* check writes nothing, not even the cache. */
	fmcache_close(cache, o->cmd != CMD_CHECK);
	strlist_clear(&files);
	return status;
}

int
collect_entries(const struct build_opts *o, struct entry_list *out)
{
	struct entry_list	 all = { 0 };
	struct strlist		 bundles = { 0 };
	struct entry		*e;
	size_t			 i;
	int			 status, errors_before = diag_errors();

	status = load_all(o, &all);
	for (i = 0; o->cmd == CMD_CHECK && i < all.n; i++)
		lint_metadata(all.v[i], o->now);
	if (!o->bundle_pages)
		bundle_dirs(&all, &bundles);
	if (bundles.n > 1)
		qsort(bundles.v, bundles.n, sizeof(*bundles.v), cmp_strs);
	for (i = 0; i < all.n; i++) {
		e = all.v[i];
		all.v[i] = NULL;
		if (bundles.n > 0 && in_bundle(e, &bundles)) {
			diag_note(e->path, "part of a release bundle; not an "
			    "entry of its own (--bundle-pages makes it one)");
			entry_free(e);
		} else if (is_published(o, e)) {
			e->permalink = permalink_make(o->base_url, o->content_url,
			    o->config ? o->config->permalinks : NULL,
			    o->config ? o->config->npermalinks : 0, e);
			entry_list_push(out, e);
		} else
			entry_free(e);
	}
	free(all.v);
	strlist_clear(&bundles);
	if (check_unique_ids(out) == -1 && status == 0)
		status = EXIT_CONTENT;
	if (status == 0 && diag_errors() > errors_before)
		status = EXIT_CONTENT;
	if (status != 0)
		entry_list_free(out);
	else if (out->n > 1) {
		qsort(out->v, out->n, sizeof(*out->v), cmp_entries);
		if (o->cmd == CMD_CHECK)
			lint_same_time(out->v, out->n);
	}
	return status;
}
