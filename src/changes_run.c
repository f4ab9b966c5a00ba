/* changes_run.c: the tally of a build run over its output files, the
 * changes a dry run lists, and the summary line that ends a build. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "diag.h"
#include "util.h"

/* The id a feed gives an entry (feed.h): the explicit id, else the
 * permalink. */
static const char *
feed_id(const struct entry *e)
{
	return e->id != NULL && e->id[0] != '\0' ? e->id : e->permalink;
}

static int
cmp_ids(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a;
	const struct entry *y = *(struct entry *const *)b;
	int c = strcmp(feed_id(x), feed_id(y));

	return c != 0 ? c : strcmp(x->relpath, y->relpath);
}

void
changes_run_start(struct changes_run *run, struct entry *const *entries,
    size_t n, FILE *list, int dry_run, int count_entries)
{
	memset(run, 0, sizeof(*run));
	/* Releases are looked up only for the listing. */
	if (list == NULL)
		n = 0;
	run->byid = xcalloc(n + 1, sizeof(*run->byid));
	if (n > 0)
		memcpy(run->byid, entries, n * sizeof(*entries));
	qsort(run->byid, n, sizeof(*run->byid), cmp_ids);
	run->nentries = n;
	run->list = list;
	run->dry_run = dry_run;
	run->count_entries = count_entries || list != NULL;
}

/* The release of the entry a feed calls id, or "-". */
static const char *
release_of(const struct changes_run *run, const char *id)
{
	size_t	lo = 0, hi = run->nentries, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(feed_id(run->byid[mid]), id)) == 0)
			return run->byid[mid]->release ?
			    run->byid[mid]->release : "-";
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return "-";
}

static void
list_changes(const struct changes_run *run, const char *path,
    const struct changes *ch)
{
	static const char marks[] = { '+', '-', '~' };
	const struct change *c;
	size_t		 i;

	for (i = 0; i < ch->n; i++) {
		c = &ch->v[i];
		fprintf(run->list, "%s: %c ", path, marks[c->kind]);
		put_field(run->list, c->kind == CHANGE_REMOVED ? "-" :
		    release_of(run, c->id));
		fputs("  ", run->list);
		put_field(run->list, c->title);
		fputs("  ", run->list);
		put_field(run->list, c->link ? c->link : c->id);
		fputc('\n', run->list);
	}
}

/* A previous file is read up to four times the size of the file that
 * replaces it, and never less than this. */
#define PREVIOUS_MIN_CAP	((size_t)64 << 20)

/* The previous file at path, or NULL with *missing set when there is none;
 * a file that cannot be read, or is over the cap (EFBIG), is reported (a
 * warning in a dry run, else a note) and also gives NULL. */

static char *
read_previous(const struct changes_run *run, const char *path, size_t newlen,
    size_t *len, int *missing)
{
	struct buf	 b = { 0 };
	char		 chunk[65536];
	size_t		 r, cap;
	FILE		*f;
	int		 err = 0;

	*missing = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		if (errno == ENOENT)
			*missing = 1;
		else
			err = errno;
		goto out;
	}
	/* The file is replaced by one of newlen bytes: one many times that
	 * is no feed of this run's, and is not read whole. */
	cap = newlen > PREVIOUS_MIN_CAP / 4 ? newlen * 4 : PREVIOUS_MIN_CAP;
	while (err == 0 && (r = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_add(&b, chunk, r);
		if (b.len > cap)
			err = EFBIG;
	}
	if (err == 0 && ferror(f))
		err = errno ? errno : EIO;
	fclose(f);
out:
	if (err != 0 && run->dry_run)
		diag_warning(path, 0, 0, "cannot read the previous feed: %s; "
		    "every entry counts as added", strerror(err));
	else if (err != 0)
		diag_note(path, "cannot read the previous feed: %s; every "
		    "entry counts as added", strerror(err));
	if (err != 0 || *missing) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	/* An empty file reads as "", not as a missing one. */
	return b.s != NULL ? buf_detach(&b) : xstrdup("");
}

void
changes_run_file(struct changes_run *run, const char *path, int changed,
    const char *doc, size_t len)
{
	struct changes	 ch;
	char		*old;
	size_t		 oldlen = 0, i;
	int		 missing;

	if (!changed) {
		run->unchanged++;
		return;
	}
	run->written++;
	strlist_push(&run->changed, path);
	if (!run->count_entries)
		return;
	old = read_previous(run, path, len, &oldlen, &missing);
	if (changes_compare(old, oldlen, doc, len, &ch) == -1) {
		if (run->dry_run)
			diag_warning(path, 0, 0, "the previous file is not an "
			    "RSS, Atom or JSON feed; every entry counts as "
			    "added");
		else
			diag_note(path, "the previous file is not an RSS, "
			    "Atom or JSON feed; every entry counts as added");
	}
	/* An entry is in several files (formats, named feeds): its id is
	 * counted once in the summary. */
	for (i = 0; i < ch.n; i++)
		strlist_push(&run->ids[ch.v[i].kind], ch.v[i].id);
	if (run->list != NULL)
		list_changes(run, path, &ch);
	changes_free(&ch);
	free(old);
}

static int
cmp_strs(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How many different strings ids holds (sorting it). */
static size_t
count_distinct(struct strlist *ids)
{
	size_t	i, n = 0;

	if (ids->n > 1)
		qsort(ids->v, ids->n, sizeof(*ids->v), cmp_strs);
	for (i = 0; i < ids->n; i++)
		if (i == 0 || strcmp(ids->v[i], ids->v[i - 1]) != 0)
			n++;
	return n;
}

/* ", N entries VERB" (or "entry") when ids has some. */
static void
add_count(struct buf *b, struct strlist *ids, const char *verb, int *first)
{
	size_t	n = count_distinct(ids);

	if (n == 0)
		return;
	buf_printf(b, ", %zu %s%s", n, *first ? n == 1 ? "entry " :
	    "entries " : "", verb);
	*first = 0;
}

void
changes_run_summary(struct changes_run *run, int quiet)
{
	struct buf	b = { 0 };
	int		first = 1;

	if (quiet)
		return;
	/* The listed changes come before the line that ends them. */
	if (run->list != NULL)
		fflush(run->list);
	buf_printf(&b, "relfeed: %s%zu file%s %s, %zu unchanged",
	    run->dry_run ? "dry run: " : "", run->written,
	    run->written == 1 ? "" : "s",
	    run->dry_run ? "would be written" : "written", run->unchanged);
	add_count(&b, &run->ids[CHANGE_ADDED], "added", &first);
	add_count(&b, &run->ids[CHANGE_REMOVED], "removed", &first);
	add_count(&b, &run->ids[CHANGE_UPDATED], "updated", &first);
	diag_print(b.s);
	diag_print("\n");
	buf_free(&b);
}

void
changes_run_free(struct changes_run *run)
{
	size_t	i;

	if (run == NULL)
		return;
	free(run->byid);
	strlist_clear(&run->changed);
	for (i = 0; i < 3; i++)
		strlist_clear(&run->ids[i]);
	memset(run, 0, sizeof(*run));
}
