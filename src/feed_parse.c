/* feed_parse.c: every XML document relfeed writes parsed back with libxml2,
 * once it is made, or in a thread while it is written. */
#define _GNU_SOURCE		/* F_SETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "diag.h"
#include "feed.h"
#include "util.h"

/* The first error of a parse: libxml2 goes on after a fatal error, and
 * what it says last ("Premature end of data") hides the cause. */
struct first_error {
	int	 set;
	int	 line;
	int	 col;
	char	*message;
};

static void
record_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct first_error	*first = ctxt->_private;

	/* Only what breaks well-formedness, namespaces included: an entity
	 * a DTD we do not read might declare is no such error. */
	if (first == NULL || first->set || (err->level != XML_ERR_FATAL &&
	    err->domain != XML_FROM_NAMESPACE))
		return;
	first->set = 1;
	first->line = err->line;
	first->col = err->int2;
	first->message = xstrdup(err->message ? err->message : "");
}

/*
 * Parse what ctxt reads and say whether it is well-formed. A SAX2 parse
 * with no callbacks checks well-formedness and namespaces without building
 * a tree: memory stays flat however large the feed. Errors come to
 * record_error, not to stderr; the handler is given the context as its
 * data. Returns 1 or 0.
 */
static int
parse_quietly(xmlParserCtxtPtr ctxt, struct first_error *first)
{
	memset(ctxt->sax, 0, sizeof(*ctxt->sax));
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->serror = record_error;
	ctxt->_private = first;
	/* No network, no DTD or entity loading, nothing printed. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	(void)xmlParseDocument(ctxt);
	/* Feed readers are namespace-aware: an undeclared prefix breaks
	 * them as surely as a missing end tag. */
	return ctxt->wellFormed && ctxt->nsWellFormed;
}

/* A document in memory, as libxml2 reads it. */
struct mem_reader {
	const char	*p;
	size_t		 left;
};

static int
read_mem(void *ctx, char *buf, int len)
{
	struct mem_reader	*m = ctx;
	size_t			 n = len < 0 ? 0 : (size_t)len;

	if (n > m->left)
		n = m->left;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (int)n;
}

static int
close_mem(void *ctx)
{
	(void)ctx;
	return 0;
}

int
feed_parse_back(const char *what, const char *doc, size_t len)
{
	struct first_error	 first = { 0, 0, 0, NULL };
	struct mem_reader	 mem;
	xmlParserCtxtPtr	 ctxt = NULL;
	size_t			 mlen;
	int			 rc = -1;

	if (len > INT_MAX) {
		diag_error(what, 0, 0, "document of %zu bytes is too large to "
		    "check", len);
		goto out;
	}
	if (len == 0) {		/* libxml2 makes no parser for it */
		diag_error(what, 1, 1, "output is not well-formed XML: "
		    "Document is empty");
		goto out;
	}
	/* Read in pieces, not copied whole as a memory parser would. */
	mem.p = doc;
	mem.left = len;
	if ((ctxt = xmlCreateIOParserCtxt(NULL, NULL, read_mem, close_mem,
	    &mem, XML_CHAR_ENCODING_NONE)) == NULL) {
		diag_error(what, 0, 0, "cannot create an XML parser");
		goto out;
	}
	if (!parse_quietly(ctxt, &first)) {
		if (first.message == NULL) {
			diag_error(what, 0, 0, "output is not well-formed XML");
			goto out;
		}
		mlen = strlen(first.message);
		while (mlen > 0 && is_ascii_space((unsigned char)
		    first.message[mlen - 1]))
			mlen--;
		diag_error(what, first.line, first.col,
		    "output is not well-formed XML: %.*s", (int)mlen,
		    first.message);
		goto out;
	}
	rc = 0;
out:
	free(first.message);
	if (ctxt != NULL)
		xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	return rc;
}

/* A parse running in a thread of its own, reading the document from a
 * pipe while it is written: on two processors the check costs the writer
 * nothing. A thread, not a process: a fork would make every page this
 * process writes afterwards a copy. libxml2 keeps its state per parser
 * (and per thread), and nothing else runs in the thread. */
struct feed_checker {
	pthread_t	thread;
	int		in;		/* the pipe's read end, the thread's */
	int		fd;		/* its write end, or -1 once closed */
	int		broken;		/* a write failed: verdict unknown */
	int		ok;		/* the thread's verdict */
};

static int
read_pipe(void *ctx, char *buf, int len)
{
	ssize_t	r;

	while ((r = read(*(int *)ctx, buf, (size_t)len)) == -1 &&
	    errno == EINTR)
		;
	return r < 0 ? -1 : (int)r;
}

static int
close_pipe(void *ctx)
{
	(void)ctx;
	return 0;
}

/* The thread: sets ok if what comes through the pipe is well-formed XML.
 * The rest is read to its end so the writer never sees a broken pipe. */
static void *
check_thread(void *arg)
{
	struct feed_checker	*c = arg;
	xmlParserCtxtPtr	 ctxt;
	char			 sink[65536];

	ctxt = xmlCreateIOParserCtxt(NULL, NULL, read_pipe, close_pipe,
	    &c->in, XML_CHAR_ENCODING_NONE);
	if (ctxt != NULL) {
		c->ok = parse_quietly(ctxt, NULL);
		xmlFreeDoc(ctxt->myDoc);
		xmlFreeParserCtxt(ctxt);
	}
	while (read_pipe(&c->in, sink, sizeof(sink)) > 0)
		;
	close(c->in);
	return NULL;
}

struct feed_checker *
feed_checker_start(void)
{
	struct feed_checker	*c;
	int			 fds[2];

	if (pipe(fds) == -1)
		return NULL;
	/* Fewer, larger transfers (Linux; a smaller pipe works too). */
	(void)fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
	c = xcalloc(1, sizeof(*c));
	c->in = fds[0];
	c->fd = fds[1];
	xmlInitParser();	/* once, before any second thread uses it */
	if (pthread_create(&c->thread, NULL, check_thread, c) != 0) {
		close(fds[0]);
		close(fds[1]);
		free(c);
		return NULL;
	}
	return c;
}

void
feed_checker_feed(struct feed_checker *c, const char *s, size_t len)
{
	static const struct timespec	zero = { 0, 0 };
	sigset_t			pipe_sig, old;
	ssize_t				w;

	/* Should the thread be gone, SIGPIPE is held back and taken. */
	sigemptyset(&pipe_sig);
	sigaddset(&pipe_sig, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_sig, &old);
	while (!c->broken && len > 0) {
		if ((w = write(c->fd, s, len)) == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == -1 && errno == EPIPE)
				(void)sigtimedwait(&pipe_sig, NULL, &zero);
			c->broken = 1;
			break;
		}
		s += w;
		len -= (size_t)w;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void
feed_checker_close(struct feed_checker *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

int
feed_checker_result(struct feed_checker *c)
{
	int	ok;

	feed_checker_close(c);
	pthread_join(c->thread, NULL);
	ok = c->ok && !c->broken;
	free(c);
	return ok ? 0 : -1;
}

void
feed_checker_cancel(struct feed_checker *c)
{
	/* What is still in the pipe is parsed, no more: the end of the
	 * document is near, or it ends short. */
	if (c != NULL)
		(void)feed_checker_result(c);
}
