/* render.c: the bodies of the entries a feed takes, read again and made
 * HTML (shortcodes, then Markdown with absolute links), in several
 * processes, with diagnostics printed in entry order so runs stay
 * deterministic. */
#define _GNU_SOURCE		/* F_SETPIPE_SZ */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bounds.h"
#include "config.h"
#include "diag.h"
#include "entry.h"
#include "fsutil.h"
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
	progress_tick(PROGRESS_RENDERED);
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
 * Several processes, not threads: cmark-gfm keeps the table of special
 * inline characters in a global that every parser with extensions writes
 * (github/cmark-gfm PR #176), so two parsers in one process race and
 * autolinks go missing. The parent renders some entries itself, as a writer
 * needs them, and each child renders its share (owner()) and sends back,
 * per entry: index, status, html, html_xml, summary and its diagnostics.
 * The parent reads from the child that renders the entry a writer needs
 * next, each part straight into the memory that keeps it.
 */
#define NPARTS	4
struct record {
	uint32_t	idx;
	int32_t		rc;
	uint32_t	len[NPARTS];	/* NONE: NULL */
};
#define NONE	UINT32_MAX

/* The pipe from a renderer, asked of the kernel. */
#define RENDER_PIPE_SIZE	(1 << 20)

/* Entries a renderer process must have to be worth starting. */
#define RENDER_MIN_PER_PROC	32

struct render_job {
	const struct build_opts *o;
	struct entry	**v;
	size_t		  n;
	int		  formats;
	size_t		  nproc;	/* child processes; 0: this one renders
					 * every entry when it is first needed */
	int		 *fd;		/* per child: its pipe, -1 at its end */
	pid_t		 *pids;
	int		 *bad;		/* per child: sent nonsense or too little */
	struct slot {
		uintptr_t	addr;	/* of the entry */
		size_t		idx;
	}		 *byaddr;	/* sorted by addr */
	char		**msgs;
	int		 *rc;
	char		 *done;
	unsigned	 *uses;		/* writes to come, or NULL */
};

static int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Who renders entry idx when nproc processes help: -1 for this process, or
 * the child's number. This process writes the feeds too, so it takes a
 * smaller share than a child: of every CHILD_SHARE * nproc + 1 entries,
 * the first is its own and each child has CHILD_SHARE.
 */
#define CHILD_SHARE	3

static long
owner(size_t nproc, size_t idx)
{
	size_t	slot = idx % (CHILD_SHARE * nproc + 1);

	return slot == 0 ? -1 : (long)((slot - 1) % nproc);
}

static void
child(const struct build_opts *o, struct entry **v, size_t n, size_t c,
    size_t nproc, int formats, int fd)
{
	struct record	 r;
	char		*part[NPARTS];
	size_t		 i, k, len;
	FILE		*f;

	for (i = 0; i < n; i++) {
		if (owner(nproc, i) != (long)c)
			continue;
		if ((f = open_memstream(&part[3], &len)) == NULL)
			_exit(2);
		diag_set_buffer(f);
		r.idx = (uint32_t)i;
		r.rc = render_one(o, v[i], formats);
		diag_set_buffer(NULL);
		fclose(f);
		part[0] = v[i]->html;
		part[1] = v[i]->html_xml;
		part[2] = v[i]->summary;
		for (k = 0; k < NPARTS; k++)
			r.len[k] = part[k] ? (uint32_t)strlen(part[k]) : NONE;
		if (write_all(fd, &r, sizeof(r)) == -1)
			_exit(2);
		for (k = 0; k < NPARTS; k++)
			if (part[k] && write_all(fd, part[k], r.len[k]) == -1)
				_exit(2);
		/* Sent: this process needs them no more. */
		for (k = 0; k < NPARTS; k++)
			free(part[k]);
		v[i]->html = v[i]->html_xml = v[i]->summary = NULL;
	}
	_exit(0);
}

/* Of two exit statuses, the one to report: a system error over a content
 * error over success. */
static int
worse(int a, int b)
{
	return a == EXIT_SYSTEM || b == EXIT_SYSTEM ? EXIT_SYSTEM :
	    a != 0 ? a : b;
}

/* Read n bytes from fd; returns n, or fewer at the end of the pipe or on
 * an error. */
static size_t
read_full(int fd, void *p, size_t n)
{
	char	*c = p;
	size_t	 got = 0;
	ssize_t	 r;

	while (got < n) {
		if ((r = read(fd, c + got, n - got)) == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Take the next record child c sends, each part read straight into the
 * memory it is kept in. At the end of the pipe, or on a record that makes
 * no sense (the child marked bad), the pipe is closed. */
static void
take_record(struct render_job *job, size_t c)
{
	struct record	 r;
	char		*part[NPARTS] = { NULL };
	size_t		 got, k;

	progress_show();
	if ((got = read_full(job->fd[c], &r, sizeof(r))) != sizeof(r)) {
		if (got != 0)
			job->bad[c] = 1;
		goto end;
	}
	if (r.idx >= job->n || owner(job->nproc, r.idx) != (long)c ||
	    job->done[r.idx]) {
		job->bad[c] = 1;
		goto end;
	}
	for (k = 0; k < NPARTS; k++) {
		if (r.len[k] == NONE)
			continue;
		part[k] = xmalloc((size_t)r.len[k] + 1);
		if (read_full(job->fd[c], part[k], r.len[k]) != r.len[k]) {
			job->bad[c] = 1;
			for (k = 0; k < NPARTS; k++)
				free(part[k]);
			goto end;
		}
		part[k][r.len[k]] = '\0';
	}
	job->v[r.idx]->html = part[0];
	job->v[r.idx]->html_xml = part[1];
	job->v[r.idx]->summary = part[2];
	job->msgs[r.idx] = part[3];
	job->rc[r.idx] = r.rc;
	job->done[r.idx] = 1;
	return;
end:
	close(job->fd[c]);
	job->fd[c] = -1;
}

static int
cmp_slots(const void *a, const void *b)
{
	uintptr_t	x = ((const struct slot *)a)->addr;
	uintptr_t	y = ((const struct slot *)b)->addr;

	return x < y ? -1 : x > y;
}

/* The job's bookkeeping (not the messages it holds) and the job. */
static void
render_job_free(struct render_job *job)
{
	free(job->fd);
	free(job->pids);
	free(job->bad);
	free(job->byaddr);
	free(job->msgs);
	free(job->rc);
	free(job->done);
	free(job->uses);
	free(job);
}

struct render_job *
render_start(const struct build_opts *o, struct entry **v, size_t n,
    int formats)
{
	struct render_job	*job = xcalloc(1, sizeof(*job));
	size_t			 i, k, nproc = o->jobs > 1 ? (size_t)o->jobs : 1;
	int			 fds[2];

	job->o = o;
	job->v = v;
	job->n = n;
	job->formats = formats;
	job->byaddr = xcalloc(n + 1, sizeof(*job->byaddr));
	job->msgs = xcalloc(n + 1, sizeof(*job->msgs));
	job->rc = xcalloc(n + 1, sizeof(*job->rc));
	job->done = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		job->byaddr[i].addr = (uintptr_t)v[i];
		job->byaddr[i].idx = i;
	}
	qsort(job->byaddr, n, sizeof(*job->byaddr), cmp_slots);
	if (nproc > n)
		nproc = n;
	/* A process started costs a copy of the page tables of a parent that
	 * holds every entry's metadata: the cron case renders a few entries,
	 * faster in this process. */
	if (o->jobs_batch && nproc > n / RENDER_MIN_PER_PROC)
		nproc = n / RENDER_MIN_PER_PROC;
	progress_total(PROGRESS_RENDERED, n);
	if (nproc <= 1)
		return job;	/* rendered one by one, as needed */
	/* This process is one of them: it starts the others. */
	job->nproc = nproc = nproc - 1;
	job->fd = xcalloc(nproc, sizeof(*job->fd));
	job->pids = xcalloc(nproc, sizeof(*job->pids));
	job->bad = xcalloc(nproc, sizeof(*job->bad));
	fflush(NULL);		/* nothing buffered may be written twice */
	for (i = 0; i < nproc; i++) {
		if (pipe(fds) == -1 || (job->pids[i] = fork()) == -1) {
			diag_error(NULL, 0, 0, "cannot start a renderer: %s",
			    strerror(errno));
			abort();
		}
		if (job->pids[i] == 0) {
			/* The parent's bookkeeping is not the child's: freed
			 * and closed, so the child ends owning nothing lost. */
			close(fds[0]);
			for (k = 0; k < i; k++)
				close(job->fd[k]);
			render_job_free(job);
			child(o, v, n, i, nproc, formats, fds[1]);
		}
		close(fds[1]);
		/* Fewer, larger transfers (Linux; a smaller pipe works too). */
		(void)fcntl(fds[0], F_SETPIPE_SZ, RENDER_PIPE_SIZE);
		job->fd[i] = fds[0];
	}
	return job;
}

void
render_free_after(struct render_job *job, const unsigned *uses)
{
	free(job->uses);
	job->uses = xcalloc(job->n + 1, sizeof(*job->uses));
	memcpy(job->uses, uses, job->n * sizeof(*uses));
}

/* Render entry idx in this process, its diagnostics kept for
 * render_finish as a renderer process's are. */
static void
render_here(struct render_job *job, size_t idx)
{
	FILE	*f, *old;
	size_t	 len;

	if ((f = open_memstream(&job->msgs[idx], &len)) == NULL) {
		diag_error(NULL, 0, 0, "cannot buffer diagnostics");
		abort();
	}
	old = diag_set_buffer(f);
	job->rc[idx] = render_one(job->o, job->v[idx], job->formats);
	diag_set_buffer(old);
	fclose(f);
	job->done[idx] = 1;
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

void
render_wait(void *vjob, const struct entry *e)
{
	struct render_job	*job = vjob;
	long			 idx = find_entry(job, e);
	size_t			 c;

	if (idx < 0 || job->done[idx])
		return;
	if (job->nproc == 0 || owner(job->nproc, (size_t)idx) == -1) {
		render_here(job, (size_t)idx);
		return;
	}
	/* A child renders its entries in their order. */
	c = (size_t)owner(job->nproc, (size_t)idx);
	while (!job->done[idx] && job->fd[c] != -1)
		take_record(job, c);
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
	int	status, ret = 0;

	for (i = 0; i < job->n; i++)
		if (!job->done[i] && (job->nproc == 0 ||
		    owner(job->nproc, i) == -1))
			render_here(job, i);
	for (i = 0; i < job->nproc; i++)
		while (job->fd[i] != -1)
			take_record(job, i);
	for (i = 0; i < job->nproc; i++) {
		while (waitpid(job->pids[i], &status, 0) == -1 &&
		    errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
		    job->bad[i]) {
			diag_error(NULL, 0, 0, "a renderer process failed");
			ret = EXIT_SYSTEM;
		}
	}
	for (i = 0; i < job->n; i++) {
		diag_print(job->msgs[i]);
		free(job->msgs[i]);
		ret = worse(ret, job->rc[i]);
	}
	render_job_free(job);
	return ret;
}
