/* validate_schema.c: an Atom document against the RFC 4287 RELAX NG schema
 * compiled into the program, with libxml2's repetitive reports thinned to
 * the ones that name the problem. */
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>

#include "diag.h"
#include "util.h"
#include "validate_int.h"

/* A document with this many schema errors is not an Atom feed at all;
 * keeping more would only cost memory. */
#define MAX_SCHEMA_ERRORS	1000

struct schema_error {
	const xmlNode	*node;		/* NULL: libxml2 named none */
	int		 line;
	char		*msg;		/* owned, trailing blanks removed */
};

struct schema_errors {
	struct schema_error	*v;
	size_t			 n;
	size_t			 cap;
	int			 dropped;	/* beyond MAX_SCHEMA_ERRORS */
};

/* Collect every report: which ones matter shows only once all are in. */
static void
collect(void *data, xmlErrorPtr err)
{
	struct schema_errors	*e = data;
	const char		*msg = err->message ? err->message : "";
	size_t			 len = strlen(msg);

	if (e->n == MAX_SCHEMA_ERRORS) {
		e->dropped = 1;
		goto out;
	}
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->v = xrealloc(e->v, e->cap * sizeof(e->v[0]));
	}
	while (len > 0 && is_ascii_space((unsigned char)msg[len - 1]))
		len--;
	e->v[e->n].node = err->node;
	e->v[e->n].line = err->line;
	e->v[e->n].msg = xstrndup(msg, len);
	e->n++;
out:
	return;
}

/* 1 if a is b or one of its ancestors. */
static int
contains(const xmlNode *a, const xmlNode *b)
{
	for (; b != NULL; b = b->parent)
		if (a == b)
			break;
	return b != NULL;
}

/* 1 if n has a child element named name[0..len). */
static int
has_child(const xmlNode *n, const char *name, size_t len)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (size_t)xmlStrlen(c->name) == len &&
		    memcmp(c->name, name, len) == 0)
			break;
	return c != NULL;
}

/*
 * libxml2 explains one problem several times over, and leaves behind the
 * failures of alternatives it tried and then matched another way. 1 if
 * e->v[i] is such noise, given the reports before (kept: the last one
 * shown) and after it:
 * - no element named: the next report names it, with a line;
 * - "failed to validate attributes" followed by a report on an element
 *   elsewhere (not inside this one): a choice tried and abandoned, such as
 *   atom:content without src while a later sibling is the real problem;
 * - "failed to validate content", "has extra content", "Invalid sequence
 *   in interleave": the parent's view of an error already shown inside;
 * - "Expecting an element X, got nothing" with an X present.
 */
static int
is_noise(const struct schema_errors *e, size_t i, const xmlNode *kept)
{
	static const char	 expecting[] = "Expecting an element ";
	const xmlNode		*node = e->v[i].node;
	const char		*msg = e->v[i].msg;
	size_t			 j;
	int			 noise = 0;

	if (node == NULL)
		noise = 1;
	else if (strstr(msg, "failed to validate attributes") != NULL) {
		for (j = i + 1; j < e->n && !noise; j++)
			noise = e->v[j].node != NULL &&
			    !contains(e->v[j].node, node);
	} else if (strstr(msg, "failed to validate content") != NULL ||
	    strstr(msg, "has extra content") != NULL ||
	    strstr(msg, "Invalid sequence in interleave") != NULL)
		noise = kept != NULL && contains(node, kept);
	else if (strncmp(msg, expecting, sizeof(expecting) - 1) == 0)
		noise = has_child(node, msg + sizeof(expecting) - 1,
		    strcspn(msg + sizeof(expecting) - 1, ", "));
	return noise;
}

/* Report what is not noise; if that leaves nothing while the document
 * failed, the first report after all (valid: the validator's result). */
static void
report(const char *path, const struct schema_errors *e, int valid)
{
	const xmlNode	*kept = NULL;
	size_t		 i;
	int		 line, shown = 0;

	for (i = 0; i < e->n; i++) {
		if (is_noise(e, i, kept))
			continue;
		kept = e->v[i].node;
		line = e->v[i].line > 0 ? e->v[i].line :
		    validate_line(e->v[i].node);
		diag_error(path, line, 0, "Atom schema (RFC 4287): element "
		    "%s: %s", (const char *)kept->name, e->v[i].msg);
		shown++;
	}
	if (shown == 0 && e->n > 0)
		diag_error(path, e->v[0].line, 0, "Atom schema (RFC 4287): %s",
		    e->v[0].msg);
	else if (shown == 0 && !valid)
		diag_error(path, 0, 0, "does not match the Atom schema (RFC "
		    "4287)");
	if (e->dropped)
		diag_error(path, 0, 0, "Atom schema (RFC 4287): more than %d "
		    "errors; the rest are not shown", MAX_SCHEMA_ERRORS);
}

/* Errors in the built-in schema itself are relfeed's bug. */
static void
schema_bug(void *data, xmlErrorPtr err)
{
	(void)data;
	diag_error(NULL, 0, 0, "built-in atom.rng, line %d: %s", err->line,
	    err->message ? err->message : "");
}

void
validate_atom_schema(const char *path, xmlDocPtr doc)
{
	struct schema_errors	 e = { NULL, 0, 0, 0 };
	xmlRelaxNGParserCtxtPtr	 pctxt;
	xmlRelaxNGPtr		 schema = NULL;
	xmlRelaxNGValidCtxtPtr	 vctxt = NULL;
	size_t			 i;

	pctxt = xmlRelaxNGNewMemParserCtxt((const char *)validate_atom_rng,
	    (int)validate_atom_rng_len);
	if (pctxt == NULL)
		goto fail;
	xmlRelaxNGSetParserStructuredErrors(pctxt, schema_bug, NULL);
	if ((schema = xmlRelaxNGParse(pctxt)) == NULL ||
	    (vctxt = xmlRelaxNGNewValidCtxt(schema)) == NULL)
		goto fail;
	xmlRelaxNGSetValidStructuredErrors(vctxt, collect, &e);
	report(path, &e, xmlRelaxNGValidateDoc(vctxt, doc) == 0);
	goto out;
fail:
	diag_error(path, 0, 0, "cannot load the built-in Atom schema");
out:
	for (i = 0; i < e.n; i++)
		free(e.v[i].msg);
	free(e.v);
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctxt);
}
