/* test_fmcache.c: unit tests for the front-matter cache: its records, and a
 * cache file that is changed, corrupt, truncated, foreign or stale. */
#include <sys/stat.h>

#include <check.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "entry.h"
#include "fmcache.h"
#include "support.h"
#include "util.h"

/* A start of run well after the files were written: nothing is racy. */
#define LATER	((int64_t)(time(NULL) + 3600) * 1000000000)

static const char	*dir;
static char		*cpath;		/* the cache file */
static struct entry_opts eo;

static const char A_MD[] =
    "---\ntitle: \"A: one\"\nsubtitle: Sub\ndescription: About A\n"
    "release: 1.10\nid: tag:example.org,2024:a\nurl: /a/\nslug: aa\n"
    "authors: [Ann, {name: Bob}]\ntags: [x, y]\nkeywords: z\n"
    "publishdate: 2024-01-02T03:04:05+02:00\nlastmod: 2024-02-01\n"
    "expirydate: 2099-01-01\ndraft: false\nextra: [p, q]\n---\n\nBody\n";

static void
setup(void)
{
	dir = support_tmpdir("fmcache");
	support_diag_capture();
	diag_set_verbose(1);
	cpath = xasprintf("%s/cache/relfeed/site.fmcache", dir);
	memset(&eo, 0, sizeof(eo));
	support_put("a.md", A_MD);
	support_put("sub/b.md", "# A README, no front matter\n");
	support_put("dup.md", "---\ntitle: T\ntitle: U\ndate: 2024-01-01\n---\n");
}

static void
teardown(void)
{
	diag_set_verbose(0);
	free(cpath);
	support_tmpdir_remove();
	support_diag_release();
}

static void
check_same_list(const struct strlist *a, const struct strlist *b)
{
	size_t	i;

	ck_assert_uint_eq(a->n, b->n);
	for (i = 0; i < a->n; i++)
		ck_assert_str_eq(a->v[i], b->v[i]);
}

#define ck_assert_pstr_eq2(a, b) do {					\
	if ((a) == NULL || (b) == NULL)					\
		ck_assert_ptr_eq((a), (b));				\
	else								\
		ck_assert_str_eq((a), (b));				\
} while (0)

/* Every field entry_load fills and the cache keeps. */
static void
check_same_entry(const struct entry *a, const struct entry *b)
{
	ck_assert_str_eq(a->title, b->title);
	ck_assert_pstr_eq2(a->subtitle, b->subtitle);
	ck_assert_pstr_eq2(a->description, b->description);
	ck_assert_pstr_eq2(a->release, b->release);
	ck_assert_pstr_eq2(a->id, b->id);
	ck_assert_pstr_eq2(a->url, b->url);
	ck_assert_pstr_eq2(a->slug, b->slug);
	check_same_list(&a->authors, &b->authors);
	check_same_list(&a->categories, &b->categories);
	check_same_list(&a->params, &b->params);
	ck_assert_int_eq(a->has_date, b->has_date);
	ck_assert_int_eq(a->published.sec, b->published.sec);
	ck_assert_int_eq(a->published.off, b->published.off);
	ck_assert_int_eq(a->updated.sec, b->updated.sec);
	ck_assert_int_eq(a->updated.off, b->updated.off);
	ck_assert_int_eq(a->has_expiry, b->has_expiry);
	ck_assert_int_eq(a->expiry.sec, b->expiry.sec);
	ck_assert_int_eq(a->draft, b->draft);
	ck_assert_int_eq(a->date_line, b->date_line);
	ck_assert_int_eq(a->date_only, b->date_only);
	ck_assert_int_eq(a->empty_desc_line, b->empty_desc_line);
	ck_assert_int_eq(a->is_list_page, b->is_list_page);
	ck_assert_int_eq(a->body_line, b->body_line);
}

static struct entry *
load(const char *rel, enum entry_load_result *res)
{
	struct entry	*e = NULL;
	char		*path = xasprintf("%s/%s", dir, rel), *data;
	size_t		 len;

	data = support_read_file(path, &len);
	*res = entry_load(path, rel, data, len, &eo, &e);
	free(data);
	free(path);
	return e;
}

static const char *const files3[] = { "a.md", "dup.md", "sub/b.md", NULL };

/* One run over the files rels, as collect.c does it, every entry from the
 * cache compared with the file loaded afresh: returns the hits. */
static size_t
runs(int64_t now_ns, const char *const *rels)
{
	enum entry_load_result	 res, want;
	struct fmcache		*c;
	struct fmcache_look	 lk;
	struct entry		*e, *fresh;
	char			*path;
	size_t			 i, hits;
	int			 warnings;

	c = fmcache_open(cpath, dir, NULL, &eo, now_ns);
	for (i = 0; rels[i] != NULL; i++) {
		path = xasprintf("%s/%s", dir, rels[i]);
		warnings = diag_warnings();
		fresh = load(rels[i], &want);
		if (fmcache_lookup(c, path, rels[i], &res, &e, &lk)) {
			ck_assert_int_eq(res, want);
			if (res == ENTRY_OK) {
				check_same_entry(e, fresh);
				ck_assert_str_eq(e->path, path);
				ck_assert_str_eq(e->relpath, rels[i]);
				ck_assert_ptr_null(e->body);
			}
			fmcache_keep(c, &lk, rels[i], res, e, 0);
		} else
			fmcache_keep(c, &lk, rels[i], want, fresh,
			    diag_warnings() != warnings);
		entry_free(e);
		entry_free(fresh);
		free(path);
	}
	hits = fmcache_hits(c);
	fmcache_close(c, 1);
	ck_assert_int_eq(diag_errors(), 0);
	return hits;
}

static size_t
run(int64_t now_ns)
{
	return runs(now_ns, files3);
}

static void
file_stat(const char *path, struct stat *st)
{
	ck_assert_int_eq(stat(path, st), 0);
}

START_TEST(record_round_trip)
{
	enum entry_load_result	 res;
	struct entry		*e = load("a.md", &res), *d;
	struct buf		 b = { 0 };
	size_t			 n;

	ck_assert_int_eq(res, ENTRY_OK);
	ck_assert_int_gt(e->categories.n, 2);
	fmcache_rec_encode(&b, e);
	d = fmcache_rec_decode(b.s, b.len);
	ck_assert_ptr_nonnull(d);
	check_same_entry(e, d);
	/* Its lists come packed; one still takes a string, and is cleared. */
	ck_assert_int_eq(d->categories.packed, 1);
	n = d->categories.n;
	strlist_push(&d->categories, "added");
	ck_assert_int_eq(d->categories.packed, 0);
	ck_assert_uint_eq(d->categories.n, n + 1);
	ck_assert_str_eq(d->categories.v[0], e->categories.v[0]);
	ck_assert_str_eq(d->categories.v[n], "added");
	ck_assert(strlist_has(&d->categories, e->categories.v[n - 1]));
	strlist_clear(&d->params);
	ck_assert_uint_eq(d->params.n, 0);
	ck_assert_int_eq(d->params.packed, 0);
	entry_free(d);
	/* Every shorter or longer record is refused, never misread. */
	for (n = 0; n < b.len; n++)
		ck_assert_ptr_null(fmcache_rec_decode(b.s, n));
	buf_add(&b, "", 1);
	ck_assert_ptr_null(fmcache_rec_decode(b.s, b.len));
	buf_free(&b);
	entry_free(e);
}
END_TEST

START_TEST(cache_round_trip)
{
	struct stat	st1, st2;

	ck_assert_uint_eq(run(LATER), 0);
	file_stat(cpath, &st1);
	/* a.md and the README come from the cache; dup.md warned, so it is
	 * read again (and warns again). */
	ck_assert_uint_eq(run(LATER), 2);
	ck_assert_ptr_nonnull(strstr(support_diags(),
	    "2 of 3 files read from the cache"));
	/* Nothing changed: the file was not rewritten. */
	file_stat(cpath, &st2);
	ck_assert_uint_eq(st1.st_ino, st2.st_ino);
	ck_assert_int_eq(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);
}
END_TEST

/* A run as collect.c makes it with several threads: every lookup first,
 * then each file kept in the order of the files. Returns the hits. */
static size_t
run_split(int64_t now_ns)
{
	enum entry_load_result	 res[3], want[3];
	struct fmcache_look	 lk[3];
	struct fmcache		*c;
	struct entry		*e[3], *fresh[3];
	char			*path;
	size_t			 i, hits;
	int			 hit[3], warned[3], warnings;

	c = fmcache_open(cpath, dir, NULL, &eo, now_ns);
	for (i = 0; i < 3; i++) {
		path = xasprintf("%s/%s", dir, files3[i]);
		warnings = diag_warnings();
		fresh[i] = load(files3[i], &want[i]);
		warned[i] = diag_warnings() != warnings;
		hit[i] = fmcache_lookup(c, path, files3[i], &res[i], &e[i],
		    &lk[i]);
		if (hit[i]) {
			ck_assert_int_eq(res[i], want[i]);
			if (res[i] == ENTRY_OK)
				check_same_entry(e[i], fresh[i]);
		} else
			ck_assert_ptr_null(e[i]);
		free(path);
	}
	for (i = 0; i < 3; i++) {
		fmcache_keep(c, &lk[i], files3[i], hit[i] ? res[i] : want[i],
		    hit[i] ? e[i] : fresh[i], warned[i]);
		entry_free(e[i]);
		entry_free(fresh[i]);
	}
	hits = fmcache_hits(c);
	fmcache_close(c, 1);
	ck_assert_int_eq(diag_errors(), 0);
	return hits;
}

START_TEST(split_lookups)
{
	struct stat	 st1, st2;
	char		*a, *b;
	size_t		 alen, blen;

	/* Lookups made apart from their records write the cache that
	 * lookups each recorded at once write, and read it back. */
	ck_assert_uint_eq(run_split(LATER), 0);
	a = support_read_file(cpath, &alen);
	file_stat(cpath, &st1);
	ck_assert_uint_eq(run(LATER), 2);
	ck_assert_uint_eq(run_split(LATER), 2);
	file_stat(cpath, &st2);
	ck_assert_uint_eq(st1.st_ino, st2.st_ino);
	ck_assert_int_eq(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);
	b = support_read_file(cpath, &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert_mem_eq(a, b, alen);
	free(a);
	free(b);
}
END_TEST

START_TEST(racy_files_not_stored)
{
	/* Written just now: a change within the granule would go unseen. */
	ck_assert_uint_eq(run(0), 0);
	ck_assert_uint_eq(run(0), 0);
	ck_assert_uint_eq(run(LATER), 0);
	ck_assert_uint_eq(run(LATER), 2);
}
END_TEST

START_TEST(changed_file_missed)
{
	static const char *const moved[] = { "moved.md", "dup.md", "sub/b.md",
	    NULL };
	struct stat	 st;
	struct timespec	 ts[2];
	char		*p = xasprintf("%s/a.md", dir), *q;
	char		 b_md[sizeof(A_MD)];

	ck_assert_uint_eq(run(LATER), 0);
	ck_assert_uint_eq(run(LATER), 2);
	file_stat(p, &st);
	/* Same size, same mtime to the nanosecond: the ctime tells. The
	 * entry compared in runs() would differ if it came from the cache. */
	memcpy(b_md, A_MD, sizeof(A_MD));
	b_md[12] = 'B';
	support_put("a.md", b_md);
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	ck_assert_int_eq(utimensat(AT_FDCWD, p, ts, 0), 0);
	ck_assert_uint_eq(run(LATER), 1);
	ck_assert_uint_eq(run(LATER), 2);
	/* Renamed (same inode, size and mtime): not found under its new
	 * name, and its old record is dropped. */
	q = xasprintf("%s/moved.md", dir);
	ck_assert_int_eq(rename(p, q), 0);
	ck_assert_uint_eq(runs(LATER, moved), 1);
	ck_assert_uint_eq(runs(LATER, moved), 2);
	/* Removed, and another file in its place. */
	ck_assert_int_eq(unlink(q), 0);
	support_put("a.md", A_MD);
	ck_assert_uint_eq(run(LATER), 1);
	free(q);
	free(p);
}
END_TEST

/* Damage the cache file at off with byte, or cut it at off when byte < 0,
 * and check the next run ignores it, saying why, and rewrites it. */
static void
damaged(long off, int byte, const char *why)
{
	FILE	*f;
	char	*data;
	size_t	 len;

	(void)unlink(cpath);
	ck_assert_uint_eq(run(LATER), 0);
	ck_assert_uint_eq(run(LATER), 2);
	data = support_read_file(cpath, &len);
	if (off < 0)
		off += (long)len;
	f = fopen(cpath, "wb");
	ck_assert_ptr_nonnull(f);
	if (byte >= 0)
		data[off] = (char)byte;
	ck_assert_uint_eq(fwrite(data, 1, byte < 0 ? (size_t)off : len, f),
	    byte < 0 ? (size_t)off : len);
	ck_assert_int_eq(fclose(f), 0);
	free(data);
	support_diag_capture();
	ck_assert_uint_eq(run(LATER), 0);
	ck_assert_ptr_nonnull(strstr(support_diags(), why));
	ck_assert_uint_eq(run(LATER), 2);
}

START_TEST(corrupt_byte)
{
	damaged(-20, 'Z', "cache ignored and rebuilt: truncated or corrupt");
}
END_TEST

START_TEST(truncated)
{
	damaged(-9, -1, "truncated or corrupt");
	damaged(10, -1, "not a relfeed cache");
	damaged(0, -1, "not a relfeed cache");
}
END_TEST

START_TEST(foreign_version)
{
	damaged(8, 99, "written by another relfeed");
	damaged(0, 'X', "not a relfeed cache");
}
END_TEST

START_TEST(other_config)
{
	ck_assert_uint_eq(run(LATER), 0);
	ck_assert_uint_eq(run(LATER), 2);
	eo.default_off = 120;
	support_diag_capture();
	ck_assert_uint_eq(run(LATER), 0);
	ck_assert_ptr_nonnull(strstr(support_diags(),
	    "made for another configuration"));
	ck_assert_uint_eq(run(LATER), 2);
}
END_TEST

START_TEST(unwritable_is_no_error)
{
	free(cpath);
	cpath = xasprintf("%s/a.md/x/y/cache", dir);
	ck_assert_uint_eq(run(LATER), 0);
	ck_assert_ptr_nonnull(strstr(support_diags(), "cache not written"));
	ck_assert_uint_eq(run(LATER), 0);
}
END_TEST

START_TEST(default_path)
{
	char	*p, *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;

	ck_assert_int_eq(setenv("XDG_CACHE_HOME", "/x/cache", 1), 0);
	p = fmcache_default_path(dir, NULL);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(strncmp(p, "/x/cache/relfeed/relfeed-fmcache-", 33),
	    0);
	free(p);
	ck_assert_int_eq(setenv("XDG_CACHE_HOME", "relative", 1), 0);
	ck_assert_int_eq(setenv("HOME", "/home/u", 1), 0);
	p = fmcache_default_path(dir, NULL);
	ck_assert_int_eq(strncmp(p, "/home/u/.cache/relfeed/", 23), 0);
	free(p);
	ck_assert_int_eq(unsetenv("HOME"), 0);
	ck_assert_ptr_null(fmcache_default_path(dir, NULL));
	ck_assert_int_eq(setenv("XDG_CACHE_HOME", "/x", 1), 0);
	ck_assert_ptr_null(fmcache_default_path("/no/such/dir", NULL));
	ck_assert_int_eq(unsetenv("XDG_CACHE_HOME"), 0);
	if (home != NULL)
		ck_assert_int_eq(setenv("HOME", home, 1), 0);
	free(home);
}
END_TEST

static Suite *
fmcache_suite(void)
{
	Suite	*s = suite_create("fmcache");
	TCase	*tc = tcase_create("fmcache");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, record_round_trip);
	tcase_add_test(tc, cache_round_trip);
	tcase_add_test(tc, racy_files_not_stored);
	tcase_add_test(tc, split_lookups);
	tcase_add_test(tc, changed_file_missed);
	tcase_add_test(tc, corrupt_byte);
	tcase_add_test(tc, truncated);
	tcase_add_test(tc, foreign_version);
	tcase_add_test(tc, other_config);
	tcase_add_test(tc, unwritable_is_no_error);
	tcase_add_test(tc, default_path);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(fmcache_suite());
}
