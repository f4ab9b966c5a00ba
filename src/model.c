/* model.c: ownership of the shared model: entries and string lists. */
#include <stdlib.h>
#include <string.h>

#include "relfeed.h"
#include "util.h"

/* A packed list's strings, each in an allocation of its own. */
static void
unpack(struct strlist *l)
{
	char	**v = xcalloc(l->n + 1, sizeof(*v));
	size_t	  i;

	for (i = 0; i < l->n; i++)
		v[i] = xstrdup(l->v[i]);
	free(l->v);
	l->v = v;
	l->cap = l->n + 1;
	l->packed = 0;
}

void
strlist_push(struct strlist *l, const char *s)
{
	if (l->packed)
		unpack(l);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(s);
}

int
strlist_has(const struct strlist *l, const char *s)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

void
strlist_clear(struct strlist *l)
{
	size_t	i;

	for (i = 0; i < l->n && !l->packed; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	l->packed = 0;
}

const char *
entry_param(const struct entry *e, const char *key, size_t keylen)
{
	size_t	i;

	for (i = e->params.n; i >= 2; i -= 2)	/* the last one wins */
		if (strlen(e->params.v[i - 2]) == keylen &&
		    memcmp(e->params.v[i - 2], key, keylen) == 0)
			return e->params.v[i - 1];
	return NULL;
}

void
entry_free(struct entry *e)
{
	if (e == NULL)
		return;
	free(e->path);
	free(e->relpath);
	free(e->title);
	free(e->subtitle);
	free(e->description);
	free(e->release);
	free(e->id);
	free(e->url);
	free(e->slug);
	strlist_clear(&e->authors);
	strlist_clear(&e->categories);
	strlist_clear(&e->params);
	free(e->body);
	free(e->permalink);
	free(e->html);
	free(e->html_xml);
	free(e->summary);
	free(e);
}
