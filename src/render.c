/* render.c: the bodies of the entries a feed takes, read again and made
 * HTML (shortcodes, then Markdown with absolute links), in several
 * processes, with diagnostics printed in entry order so runs stay
 * deterministic. */
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
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
 * autolinks go missing. Each child renders every nth entry and sends back,
 * per entry: index, status, html, html_xml, summary and its diagnostics.
 * The parent takes them as they come, while it writes the feeds.
 */
#define NPARTS	4
struct record {
	uint32_t	idx;
	int32_t		rc;
	uint32_t	len[NPARTS];	/* NONE: NULL */
};
#define NONE	UINT32_MAX

/* Entries a renderer process must have to be worth starting. */
#define RENDER_MIN_PER_PROC	32

struct render_job {
	struct entry	**v;
	size_t		  n;
	int		  status;	/* so far */
	size_t		  nproc;	/* child processes; 0: all rendered */
	size_t		  open;		/* pipes not at their end */
	struct pollfd	 *pfd;
	pid_t		 *pids;
	struct buf	 *in;		/* per child: bytes not yet taken */
	int		 *bad;		/* per child: sent nonsense */
	struct slot {
		uintptr_t	addr;	/* of the entry */
		size_t		idx;
	}		 *byaddr;	/* sorted by addr */
	char		**msgs;
	int		 *rc;
	char		 *done;
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

static void
child(const struct build_opts *o, struct entry **v, size_t n, size_t first,
    size_t step, int formats, int fd)
{
	struct record	 r;
	char		*part[NPARTS];
	size_t		 i, k, len;
	FILE		*f;

	for (i = first; i < n; i += step) {
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

/* Make the whole records child c has sent so far into entries; a record
 * that makes no sense marks the child bad. */
static void
take_records(struct render_job *job, size_t c)
{
	struct buf	*b = &job->in[c];
	struct record	 r;
	size_t		 off = 0, need, k;
	char		*part[NPARTS];

	while (!job->bad[c] && b->len - off >= sizeof(r)) {
		memcpy(&r, b->s + off, sizeof(r));
		for (need = sizeof(r), k = 0; k < NPARTS; k++)
			if (r.len[k] != NONE)
				need += r.len[k];
		if (b->len - off < need)
			break;
		if (r.idx >= job->n || job->done[r.idx]) {
			job->bad[c] = 1;
			break;
		}
		off += sizeof(r);
		for (k = 0; k < NPARTS; k++) {
			part[k] = NULL;
			if (r.len[k] == NONE)
				continue;
			part[k] = xstrndup(b->s + off, r.len[k]);
			off += r.len[k];
		}
		job->v[r.idx]->html = part[0];
		job->v[r.idx]->html_xml = part[1];
		job->v[r.idx]->summary = part[2];
		job->msgs[r.idx] = part[3];
		job->rc[r.idx] = r.rc;
		job->done[r.idx] = 1;
	}
	/* Keep the buffer to the record being received. */
	memmove(b->s, b->s + off, b->len - off);
	b->len -= off;
}

/* Wait for any child to send something and take it. */
static void
pump(struct render_job *job)
{
	char	chunk[65536];
	ssize_t	r;
	size_t	i;

	if (poll(job->pfd, job->nproc, -1) == -1) {
		if (errno == EINTR)
			return;
		diag_error(NULL, 0, 0, "cannot wait for the renderers: %s",
		    strerror(errno));
		abort();
	}
	progress_show();
	for (i = 0; i < job->nproc; i++) {
		if (job->pfd[i].fd < 0 || job->pfd[i].revents == 0)
			continue;
		r = read(job->pfd[i].fd, chunk, sizeof(chunk));
		if (r > 0) {
			buf_add(&job->in[i], chunk, (size_t)r);
			take_records(job, i);
		} else if (r == 0 || errno != EINTR) {
			close(job->pfd[i].fd);
			job->pfd[i].fd = -1;
			job->open--;
		}
	}
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
	size_t	i;

	for (i = 0; i < job->nproc; i++)
		buf_free(&job->in[i]);
	free(job->pfd);
	free(job->pids);
	free(job->in);
	free(job->bad);
	free(job->byaddr);
	free(job->msgs);
	free(job->rc);
	free(job->done);
	free(job);
}

struct render_job *
render_start(const struct build_opts *o, struct entry **v, size_t n,
    int formats)
{
	struct render_job	*job = xcalloc(1, sizeof(*job));
	size_t			 i, k, nproc = o->jobs > 1 ? (size_t)o->jobs : 1;
	int			 fds[2];

	job->v = v;
	job->n = n;
	if (nproc > n)
		nproc = n;
	/* A process started costs a copy of the page tables of a parent that
	 * holds every entry's metadata: the cron case renders a few entries,
	 * faster in this process, unless --jobs asked for more. */
	if (o->jobs_default && nproc > n / RENDER_MIN_PER_PROC)
		nproc = n / RENDER_MIN_PER_PROC;
	progress_total(PROGRESS_RENDERED, n);
	if (nproc <= 1) {
		for (i = 0; i < n; i++)
			job->status = worse(job->status,
			    render_one(o, v[i], formats));
		return job;
	}
	job->nproc = job->open = nproc;
	job->pfd = xcalloc(nproc, sizeof(*job->pfd));
	job->pids = xcalloc(nproc, sizeof(*job->pids));
	job->in = xcalloc(nproc, sizeof(*job->in));
	job->bad = xcalloc(nproc, sizeof(*job->bad));
	job->byaddr = xcalloc(n, sizeof(*job->byaddr));
	job->msgs = xcalloc(n, sizeof(*job->msgs));
	job->rc = xcalloc(n, sizeof(*job->rc));
	job->done = xcalloc(n, 1);
	for (i = 0; i < n; i++) {
		job->byaddr[i].addr = (uintptr_t)v[i];
		job->byaddr[i].idx = i;
	}
	qsort(job->byaddr, n, sizeof(*job->byaddr), cmp_slots);
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
				close(job->pfd[k].fd);
			render_job_free(job);
			child(o, v, n, i, nproc, formats, fds[1]);
		}
		close(fds[1]);
		job->pfd[i].fd = fds[0];
		job->pfd[i].events = POLLIN;
	}
	return job;
}

void
render_wait(void *vjob, const struct entry *e)
{
	struct render_job	*job = vjob;
	struct slot		 key, *hit;

	if (job->nproc == 0)
		return;
	key.addr = (uintptr_t)e;
	hit = bsearch(&key, job->byaddr, job->n, sizeof(key), cmp_slots);
	while (hit != NULL && !job->done[hit->idx] && job->open > 0)
		pump(job);
}

int
render_finish(struct render_job *job)
{
	size_t	i;
	int	status, ret = job->status;

	while (job->open > 0)
		pump(job);
	for (i = 0; i < job->nproc; i++) {
		while (waitpid(job->pids[i], &status, 0) == -1 &&
		    errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
		    job->bad[i] || job->in[i].len > 0) {
			diag_error(NULL, 0, 0, "a renderer process failed");
			ret = EXIT_SYSTEM;
		}
		buf_free(&job->in[i]);
	}
	for (i = 0; job->nproc > 0 && i < job->n; i++) {
		diag_print(job->msgs[i]);
		free(job->msgs[i]);
		ret = worse(ret, job->rc[i]);
	}
	render_job_free(job);
	return ret;
}

int
render_entries(const struct build_opts *o, struct entry **v, size_t n,
    int formats)
{
	return render_finish(render_start(o, v, n, formats));
}
