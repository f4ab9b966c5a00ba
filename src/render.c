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

#include "config.h"
#include "diag.h"
#include "entry.h"
#include "bounds.h"
#include "lint.h"
#include "markdown.h"
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
	char			*md;
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
	rc = markdown_render(e->path, md, mdlen, &ro, &e->html, &e->summary)
	    == -1 ? EXIT_CONTENT : 0;
	free(md);
out:
	free(tmpls);
	free(ctx.line);
	free(ctx.shortrel);
	return rc;
}

/*
 * Several processes, not threads: cmark-gfm keeps the table of special
 * inline characters in a global that every parser with extensions writes
 * (github/cmark-gfm PR #176), so two parsers in one process race and
 * autolinks go missing. Each child renders every nth entry and sends back,
 * per entry: index, status, html, summary and its diagnostics.
 */
struct record {
	uint32_t	idx;
	int32_t		rc;
	uint32_t	len[3];		/* html, summary, messages; NONE: NULL */
};
#define NONE	UINT32_MAX

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
    size_t step, int fd)
{
	struct record	 r;
	const char	*part[3];
	char		*msgs;
	size_t		 i, k, len;
	FILE		*f;

	for (i = first; i < n; i += step) {
		if ((f = open_memstream(&msgs, &len)) == NULL)
			_exit(2);
		diag_set_buffer(f);
		r.idx = (uint32_t)i;
		r.rc = render_entry(o, v[i]);
		diag_set_buffer(NULL);
		fclose(f);
		part[0] = v[i]->html;
		part[1] = v[i]->summary;
		part[2] = msgs;
		for (k = 0; k < 3; k++)
			r.len[k] = part[k] ? (uint32_t)strlen(part[k]) : NONE;
		if (write_all(fd, &r, sizeof(r)) == -1)
			_exit(2);
		for (k = 0; k < 3; k++)
			if (part[k] && write_all(fd, part[k], r.len[k]) == -1)
				_exit(2);
		free(msgs);
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

/* Take the records of one child's output apart; -1 if it is cut short. */
static int
take_records(const struct buf *b, struct entry **v, size_t n, char **msgs,
    int *rc)
{
	struct record	 r;
	size_t		 off = 0, k;
	char		*part[3];

	while (off < b->len) {
		if (b->len - off < sizeof(r))
			return -1;
		memcpy(&r, b->s + off, sizeof(r));
		off += sizeof(r);
		if (r.idx >= n)
			return -1;
		for (k = 0; k < 3; k++) {
			part[k] = NULL;
			if (r.len[k] == NONE)
				continue;
			if (b->len - off < r.len[k])
				return -1;
			part[k] = xstrndup(b->s + off, r.len[k]);
			off += r.len[k];
		}
		v[r.idx]->html = part[0];
		v[r.idx]->summary = part[1];
		msgs[r.idx] = part[2];
		rc[r.idx] = r.rc;
	}
	return 0;
}

int
render_entries(const struct build_opts *o, struct entry **v, size_t n)
{
	struct pollfd	*pfd;
	struct buf	*out;
	pid_t		*pids;
	char		**msgs, chunk[65536];
	int		*rc, status, fds[2], ret = 0;
	size_t		 i, open, nproc = o->jobs > 1 ? (size_t)o->jobs : 1;
	ssize_t		 r;

	if (nproc > n)
		nproc = n;
	if (nproc <= 1) {
		for (i = 0; i < n; i++)
			ret = worse(ret, render_entry(o, v[i]));
		return ret;
	}
	pfd = xcalloc(nproc, sizeof(*pfd));
	out = xcalloc(nproc, sizeof(*out));
	pids = xcalloc(nproc, sizeof(*pids));
	msgs = xcalloc(n, sizeof(*msgs));
	rc = xcalloc(n, sizeof(*rc));
	fflush(NULL);		/* nothing buffered may be written twice */
	for (i = 0; i < nproc; i++) {
		if (pipe(fds) == -1 || (pids[i] = fork()) == -1) {
			diag_error(NULL, 0, 0, "cannot start a renderer: %s",
			    strerror(errno));
			abort();
		}
		if (pids[i] == 0) {
			close(fds[0]);
			child(o, v, n, i, nproc, fds[1]);
		}
		close(fds[1]);
		pfd[i].fd = fds[0];
		pfd[i].events = POLLIN;
	}
	for (open = nproc; open > 0; ) {
		if (poll(pfd, nproc, -1) == -1 && errno != EINTR)
			break;
		for (i = 0; i < nproc; i++) {
			if (pfd[i].fd < 0 || pfd[i].revents == 0)
				continue;
			r = read(pfd[i].fd, chunk, sizeof(chunk));
			if (r > 0)
				buf_add(&out[i], chunk, (size_t)r);
			else if (r == 0 || errno != EINTR) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
				open--;
			}
		}
	}
	for (i = 0; i < nproc; i++) {
		while (waitpid(pids[i], &status, 0) == -1 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
		    take_records(&out[i], v, n, msgs, rc) == -1) {
			diag_error(NULL, 0, 0, "a renderer process failed");
			ret = EXIT_SYSTEM;
		}
		buf_free(&out[i]);
	}
	for (i = 0; i < n; i++) {
		diag_print(msgs[i]);
		free(msgs[i]);
		ret = worse(ret, rc[i]);
	}
	free(pfd);
	free(out);
	free(pids);
	free(msgs);
	free(rc);
	return ret;
}
