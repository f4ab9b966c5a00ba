/* feed_parse.c: every XML document relfeed writes parsed back with libxml2,
 * here or in a thread of its own while the documents are staged. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Documents parsed back in a thread of its own while this one goes on
 * (staging them): libxml2 keeps its state per parser, and the thread's
 * diagnostics are kept for feed_check_wait to print. A thread, not a
 * process: a fork would make every page this process writes afterwards a
 * copy. */
struct feed_check {
	pthread_t		 thread;
	int			 started;
	const char *const	*what;
	const char *const	*doc;
	const size_t		*len;
	size_t			 n;
	int			 rc;
	char			*msgs;
};

static void
check_all(struct feed_check *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (feed_parse_back(c->what[i], c->doc[i], c->len[i]) == -1)
			c->rc = -1;
}

static void *
check_thread(void *arg)
{
	struct feed_check	*c = arg;
	struct diag_collect	 dc;

	diag_collect_start(&dc, &c->msgs);
	check_all(c);
	diag_collect_end(&dc);
	return NULL;
}

struct feed_check *
feed_check_start(const char *const *what, const char *const *doc,
    const size_t *len, size_t n, int thread)
{
	struct feed_check	*c = xcalloc(1, sizeof(*c));

	c->what = what;
	c->doc = doc;
	c->len = len;
	c->n = n;
	xmlInitParser();	/* once, before any second thread uses it */
	if (thread && n > 0 &&
	    pthread_create(&c->thread, NULL, check_thread, c) == 0)
		c->started = 1;
	else
		check_all(c);
	return c;
}

int
feed_check_wait(struct feed_check *c)
{
	int	rc;

	if (c == NULL)
		return 0;
	if (c->started)
		pthread_join(c->thread, NULL);
	diag_print(c->msgs);
	free(c->msgs);
	rc = c->rc;
	free(c);
	return rc;
}
