/* render.c: the bodies of the entries a feed takes, read again and made
 * HTML (shortcodes, then Markdown with absolute links), in several
 * threads, with diagnostics printed in entry order so runs stay
 * deterministic. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "config.h"
#include "diag.h"
#include "entry.h"
#include "htmlsafe.h"
#include "xmltext.h"
#include "lint.h"
#include "markdown.h"
#include "progress.h"
#include "render.h"
#include "select.h"
#include "shortcode.h"
#include "util.h"

/* What a template's {page.KEY} and {site.KEY} see. */
struct lookup_ctx {
	const struct build_opts	*o;
	const struct entry	*e;
	char			*line;		/* page.release_line */
	char			*shortrel;	/* page.release_short */
};

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
	return entry_param(e, k, strlen(k));
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
read_body(const struct build_opts *o, struct entry *e)
{
	char	*data;
	size_t	 len;
	int	 rc, whole;

	if (e->body != NULL)
		return 0;
	if ((rc = bounds_read(e->path, &o->bounds, SIZE_MAX, &data, &len,
	    &whole)) != 0)
		return rc;
	rc = entry_load_body(e, data, len) == -1 ? EXIT_CONTENT : 0;
	free(data);
	return rc;
}

/* Shortcodes, then Markdown to HTML with absolute links, then the summary.
 * Returns 0, EXIT_CONTENT or EXIT_SYSTEM (the file could not be read). */
static int
render_entry(const struct build_opts *o, struct entry *e)
{
	const struct config	*cfg = o->config;
	struct shortcode_tmpl	*tmpls = NULL;
	struct shortcode_env	 env;
	struct lookup_ctx	 ctx;
	struct render_opts	 ro;
	char			*md, **marked, mark[HTMLSAFE_MARK_SIZE];
	size_t			 mdlen, i, n = cfg ? cfg->nshortcodes : 0;
	int			 rc = EXIT_CONTENT;

	if ((rc = read_body(o, e)) != 0)
		return rc;
	rc = EXIT_CONTENT;
	if (o->cmd == CMD_CHECK)
		lint_body(e);
	memset(&ctx, 0, sizeof(ctx));
	ctx.o = o;
	ctx.e = e;
	ctx.line = select_release_line(e->release);
	ctx.shortrel = release_short(e->release);
	/* A template's HTML is kept, the body's is not (unless raw_html):
	 * the template's tags carry a mark the body cannot know. */
	htmlsafe_new_mark(mark);
	tmpls = xcalloc(n + 1, sizeof(*tmpls));
	marked = xcalloc(n + 1, sizeof(*marked));
	for (i = 0; i < n; i++) {
		marked[i] = htmlsafe_mark_template(cfg->shortcodes[i].text,
		    mark);
		tmpls[i].name = cfg->shortcodes[i].name;
		tmpls[i].text = marked[i];
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
	ro.unsafe_html = cfg != NULL && cfg->raw_html;
	ro.mark = mark;
	rc = markdown_render(e->path, md, mdlen, &ro, &e->html, &e->summary)
	    == -1 ? EXIT_CONTENT : 0;
	free(md);
out:
	for (i = 0; i < n; i++)
		free(marked[i]);
	free(marked);
	progress_count(PROGRESS_RENDERED);
	/* Only the HTML is needed from now on. */
	free(e->body);
	e->body = NULL;
	e->body_len = 0;
	free(tmpls);
	free(ctx.line);
	free(ctx.shortrel);
	return rc;
}

/* render_entry, then the HTML in the forms the feeds take: escaped for
 * XML once for every RSS and Atom feed, as it is for JSON Feed. */
static int
render_one(const struct build_opts *o, struct entry *e, int formats)
{
	int	rc;

	rc = render_entry(o, e);
	if (e->html != NULL && (formats & (FORMAT_RSS | FORMAT_ATOM)))
		e->html_xml = xmltext_escape(e->html, strlen(e->html));
	if (!(formats & FORMAT_JSON)) {
		free(e->html);
		e->html = NULL;
	}
	return rc;
}

/*
 * Threads: the writer asks for the entries in the order it writes them
 * (render_wait) and renders one itself when no helper has taken it, or
 * while a helper finishes it; the helpers take the others in the order of
 * v, never more than RENDER_AHEAD past the last entry the writer asked
 * for, so the HTML in memory follows the feed being written. One lock
 * guards the states; each entry's fields are written by the one thread
 * that took it, before it is marked done.
 */
enum { FREE, TAKEN, DONE };

/* Entries a helper thread must have to be worth starting. */
#define RENDER_MIN_PER_THREAD	8

/* How far past the writer the helpers render. */
#define RENDER_AHEAD		64

struct render_job {
	const struct build_opts *o;
	struct entry	**v;
	size_t		  n;
	int		  formats;
	size_t		  nthreads;	/* helpers; 0: the writer renders every
					 * entry when it is first needed */
	pthread_t	 *tids;
	pthread_mutex_t	  lock;
	pthread_cond_t	  changed;	/* an entry done, or the writer moved */
	unsigned char	 *state;	/* FREE, TAKEN, DONE, under lock */
	size_t		  next;		/* the helpers' next look, under lock */
	size_t		  horizon;	/* helpers stop before it, under lock */
	struct slot {
		uintptr_t	addr;	/* of the entry */
		size_t		idx;
	}		 *byaddr;	/* sorted by addr */
	char		**msgs;
	int		 *rc;
	unsigned	 *uses;		/* writes to come, or NULL */
};

/* Of two exit statuses, the one to report: a system error over a content
 * error over success. */
static int
worse(int a, int b)
{
	return a == EXIT_SYSTEM || b == EXIT_SYSTEM ? EXIT_SYSTEM :
	    a != 0 ? a : b;
}

static void
lock(struct render_job *job)
{
	if (pthread_mutex_lock(&job->lock) != 0)
		abort();
}

static void
unlock(struct render_job *job)
{
	if (pthread_mutex_unlock(&job->lock) != 0)
		abort();
}

/* Render entry idx, taken by the calling thread, its diagnostics kept for
 * render_finish; then mark it done. Called and returns with the lock. */
static void
render_taken(struct render_job *job, size_t idx)
{
	struct diag_collect	 dc;
	int			 rc;

	unlock(job);
	diag_collect_start(&dc, &job->msgs[idx]);
	rc = render_one(job->o, job->v[idx], job->formats);
	diag_collect_end(&dc);
	lock(job);
	job->rc[idx] = rc;
	job->state[idx] = DONE;
	pthread_cond_broadcast(&job->changed);
}

static void *
helper(void *vjob)
{
	struct render_job	*job = vjob;
	size_t			 idx;

	lock(job);
	for (;;) {
		while (job->next < job->n && job->state[job->next] != FREE)
			job->next++;
		if (job->next >= job->n)
			break;
		if (job->next >= job->horizon) {
			pthread_cond_wait(&job->changed, &job->lock);
			continue;
		}
		idx = job->next++;
		job->state[idx] = TAKEN;
		render_taken(job, idx);
	}
	unlock(job);
	markdown_release();
	return NULL;
}

static int
cmp_slots(const void *a, const void *b)
{
	uintptr_t	x = ((const struct slot *)a)->addr;
	uintptr_t	y = ((const struct slot *)b)->addr;

	return x < y ? -1 : x > y;
}

struct render_job *
render_start(const struct build_opts *o, struct entry **v, size_t n,
    int formats)
{
	struct render_job	*job = xcalloc(1, sizeof(*job));
	size_t			 i, nthreads = o->jobs > 1 ? (size_t)o->jobs : 1;
	int			 err;

	job->o = o;
	job->v = v;
	job->n = n;
	job->formats = formats;
	job->byaddr = xcalloc(n + 1, sizeof(*job->byaddr));
	job->msgs = xcalloc(n + 1, sizeof(*job->msgs));
	job->rc = xcalloc(n + 1, sizeof(*job->rc));
	job->state = xcalloc(n + 1, 1);
	job->horizon = RENDER_AHEAD;
	for (i = 0; i < n; i++) {
		job->byaddr[i].addr = (uintptr_t)v[i];
		job->byaddr[i].idx = i;
	}
	qsort(job->byaddr, n, sizeof(*job->byaddr), cmp_slots);
	if (pthread_mutex_init(&job->lock, NULL) != 0 ||
	    pthread_cond_init(&job->changed, NULL) != 0)
		abort();
	progress_total(PROGRESS_RENDERED, n);
	if (nthreads > n)
		nthreads = n;
	/* The cron case renders a few entries: faster in this thread. */
	if (o->jobs_batch && nthreads > n / RENDER_MIN_PER_THREAD)
		nthreads = n / RENDER_MIN_PER_THREAD;
	if (nthreads <= 1)
		return job;	/* rendered one by one, as needed */
	/* The writer is one of them: it starts the others. */
	markdown_init();
	job->nthreads = nthreads - 1;
	job->tids = xcalloc(job->nthreads, sizeof(*job->tids));
	for (i = 0; i < job->nthreads; i++)
		if ((err = pthread_create(&job->tids[i], NULL, helper,
		    job)) != 0) {
			diag_error(NULL, 0, 0, "cannot start a renderer: %s",
			    strerror(err));
			abort();
		}
	return job;
}

void
render_free_after(struct render_job *job, unsigned *uses)
{
	free(job->uses);
	job->uses = uses;
}

/* The index of e in the job's entries, or -1. */
static long
find_entry(const struct render_job *job, const struct entry *e)
{
	struct slot	 key;
	const struct slot *hit;

	key.addr = (uintptr_t)e;
	hit = bsearch(&key, job->byaddr, job->n, sizeof(key), cmp_slots);
	return hit == NULL ? -1 : (long)hit->idx;
}

/* Entry idx, rendered here if no helper has it; while a helper does, this
 * thread renders the next entry none has taken rather than sleep. Called
 * with the lock. */
static void
wait_locked(struct render_job *job, size_t idx)
{
	size_t	j;

	if (job->state[idx] == FREE) {
		job->state[idx] = TAKEN;
		render_taken(job, idx);
	}
	while (job->state[idx] != DONE) {
		for (j = idx + 1; j < job->n && j < job->horizon &&
		    job->state[j] != FREE; j++)
			;
		if (j < job->n && j < job->horizon) {
			job->state[j] = TAKEN;
			render_taken(job, j);
		} else
			pthread_cond_wait(&job->changed, &job->lock);
	}
}

void
render_wait(void *vjob, const struct entry *e)
{
	struct render_job	*job = vjob;
	long			 idx = find_entry(job, e);

	if (idx < 0)
		return;
	lock(job);
	if (job->horizon < (size_t)idx + RENDER_AHEAD) {
		job->horizon = (size_t)idx + RENDER_AHEAD;
		pthread_cond_broadcast(&job->changed);
	}
	wait_locked(job, (size_t)idx);
	unlock(job);
	progress_show();
}

void
render_done(void *vjob, const struct entry *ce)
{
	struct render_job	*job = vjob;
	long			 idx = find_entry(job, ce);
	struct entry		*e;

	if (idx < 0 || job->uses == NULL || job->uses[idx] == 0 ||
	    --job->uses[idx] > 0)
		return;
	/* Its last feed has it: the memory goes to the next entries. */
	e = job->v[idx];
	free(e->html);
	free(e->html_xml);
	e->html = e->html_xml = NULL;
}

int
render_finish(struct render_job *job)
{
	size_t	i;
	int	ret = 0;

	lock(job);
	job->horizon = SIZE_MAX;
	pthread_cond_broadcast(&job->changed);
	for (i = 0; i < job->n; i++)
		wait_locked(job, i);
	unlock(job);
	for (i = 0; i < job->nthreads; i++)
		if (pthread_join(job->tids[i], NULL) != 0)
			abort();
	markdown_release();
	progress_show();
	for (i = 0; i < job->n; i++) {
		diag_print(job->msgs[i]);
		free(job->msgs[i]);
		ret = worse(ret, job->rc[i]);
	}
	pthread_mutex_destroy(&job->lock);
	pthread_cond_destroy(&job->changed);
	free(job->tids);
	free(job->byaddr);
	free(job->msgs);
	free(job->rc);
	free(job->state);
	free(job->uses);
	free(job);
	return ret;
}
