/* test_fsutil.c: unit tests for reading, scanning and atomic replacement. */
#include <sys/stat.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fsutil.h"
#include "support.h"
#include "util.h"

static const char	*dir;

static void
setup(void)
{
	dir = support_tmpdir("fsutil");
	support_diag_capture();
}

static void
teardown(void)
{
	support_tmpdir_remove();
	support_diag_release();
}

static int
count_files(void)
{
	char	*cmd = xasprintf("test $(ls -A '%s' | wc -l) -eq 1", dir);
	int	 rc = system(cmd);

	free(cmd);
	return rc == 0 ? 1 : 0;
}

START_TEST(read_file_whole)
{
	char	*p, *data;
	size_t	 len;

	support_put("a.md", "hello\0");
	p = xasprintf("%s/a.md", dir);
	ck_assert_int_eq(fsutil_read_file(p, &data, &len), 0);
	ck_assert_uint_eq(len, 5);
	ck_assert_str_eq(data, "hello");
	free(data);
	free(p);
}
END_TEST

START_TEST(read_file_errors)
{
	char	*p, *data;
	size_t	 len;

	p = xasprintf("%s/missing.md", dir);
	ck_assert_int_eq(fsutil_read_file(p, &data, &len), -1);
	ck_assert_ptr_null(data);
	ck_assert_ptr_nonnull(strstr(support_diags(), "missing.md: error: cannot open: "
	    "No such file or directory"));
	free(p);
	ck_assert_int_eq(fsutil_read_file(dir, &data, &len), -1);
	ck_assert_ptr_nonnull(strstr(support_diags(), "error: not a regular file"));
	ck_assert_int_eq(diag_errors(), 2);
}
END_TEST

START_TEST(same_content)
{
	char	*p = xasprintf("%s/f", dir);

	ck_assert_int_eq(fsutil_same_content(p, "abc", 3), 0);
	support_put("f", "abc");
	ck_assert_int_eq(fsutil_same_content(p, "abc", 3), 1);
	ck_assert_int_eq(fsutil_same_content(p, "abd", 3), 0);
	ck_assert_int_eq(fsutil_same_content(p, "abcd", 4), 0);
	ck_assert_int_eq(fsutil_same_content(p, "ab", 2), 0);
	ck_assert_int_eq(fsutil_same_content(dir, "", 0), 0);
	free(p);
}
END_TEST

START_TEST(write_atomic_replaces)
{
	struct stat	 st;
	char		*p = xasprintf("%s/rss.xml", dir);

	support_put("rss.xml", "old");
	ck_assert_int_eq(fsutil_write_atomic(dir, "rss.xml", "new feed", 8), 0);
	ck_assert_int_eq(fsutil_same_content(p, "new feed", 8), 1);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	ck_assert_int_eq(count_files(), 1);	/* no temporary file left */
	ck_assert_int_eq(diag_errors(), 0);
	free(p);
}
END_TEST

START_TEST(write_atomic_failure_keeps_old)
{
	char	*p = xasprintf("%s/rss.xml", dir);

	/* A directory in the way of the rename: the write fails, the
	 * directory stays, and the temporary file is removed. */
	ck_assert_int_eq(mkdir(p, 0755), 0);
	ck_assert_int_eq(fsutil_write_atomic(dir, "rss.xml", "x", 1), -1);
	ck_assert_ptr_nonnull(strstr(support_diags(), "rss.xml: error: cannot rename"));
	ck_assert_ptr_nonnull(strstr(support_diags(), "the previous file is unchanged"));
	ck_assert_int_eq(count_files(), 1);
	free(p);
	p = xasprintf("%s/nodir", dir);
	ck_assert_int_eq(fsutil_write_atomic(p, "rss.xml", "x", 1), -1);
	ck_assert_ptr_nonnull(strstr(support_diags(), "cannot create a temporary file"));
	free(p);
}
END_TEST

START_TEST(stage_discard_commit)
{
	char	*tmp, *p = xasprintf("%s/rss.xml", dir);
	const char *slash;

	support_put("rss.xml", "old");
	ck_assert_int_eq(fsutil_stage(dir, "rss.xml", "new", 3, &tmp), 0);
	slash = strrchr(tmp, '/');
	ck_assert_int_eq(fsutil_is_temp_name(slash + 1, "rss.xml"), 1);
	ck_assert_int_eq(fsutil_same_content(p, "old", 3), 1);
	fsutil_discard(tmp);
	free(tmp);
	ck_assert_int_eq(count_files(), 1);
	ck_assert_int_eq(fsutil_stage(dir, "rss.xml", "new", 3, &tmp), 0);
	ck_assert_int_eq(fsutil_commit(tmp, dir, "rss.xml"), 0);
	ck_assert_int_eq(fsutil_same_content(p, "new", 3), 1);
	ck_assert_int_eq(count_files(), 1);
	free(tmp);
	free(p);
}
END_TEST

START_TEST(temp_names)
{
	static const struct {
		const char	*entry;
		int		 is;
	} t[] = {
		{ ".rss.xml.relfeed-AbC123", 1 },
		{ ".rss.xml.relfeed-000000", 1 },
		{ ".rss.xml.relfeed-AbC12", 0 },
		{ ".rss.xml.relfeed-AbC1234", 0 },
		{ ".rss.xml.relfeed-AbC-23", 0 },
		{ ".rss.xml.AbC123", 0 },
		{ "rss.xml.relfeed-AbC123", 0 },
		{ ".atom.xml.relfeed-AbC123", 0 },
		{ ".rss.xml", 0 },
		{ "", 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(fsutil_is_temp_name(t[i].entry, "rss.xml") ==
		    t[i].is, "%s", t[i].entry);
}
END_TEST

START_TEST(mkdirs_nested)
{
	char	*p = xasprintf("%s/a/b/c", dir), *f;

	ck_assert_int_eq(fsutil_mkdirs(p), 0);
	ck_assert_int_eq(fsutil_mkdirs(p), 0);		/* exists: fine */
	ck_assert_int_eq(fsutil_check_writable_dir(p), 0);
	support_put("file", "x");
	f = xasprintf("%s/file/sub", dir);
	ck_assert_int_eq(fsutil_mkdirs(f), -1);
	ck_assert_int_eq(diag_errors(), 1);
	free(f);
	free(p);
}
END_TEST

START_TEST(scan_sorted_filtered)
{
	struct strlist	 l = { 0 };
	char		*p, *q;

	ck_assert_int_eq(mkdir(p = xasprintf("%s/b", dir), 0755), 0);
	free(p);
	ck_assert_int_eq(mkdir(p = xasprintf("%s/.git", dir), 0755), 0);
	free(p);
	ck_assert_int_eq(mkdir(p = xasprintf("%s/dir.md", dir), 0755), 0);
	free(p);
	support_put("b/z.md", "");
	support_put("b/a.markdown", "");
	support_put("a.md", "");
	support_put("B.md", "");
	support_put(".hidden.md", "");
	support_put(".git/x.md", "");
	support_put("dir.md/inside.md", "");
	support_put("image.png", "");
	support_put("notes.md.bak", "");
	p = xasprintf("%s/a.md", dir);
	q = xasprintf("%s/link.md", dir);
	ck_assert_int_eq(symlink(p, q), 0);
	free(p);
	free(q);

	ck_assert_int_eq(fsutil_scan(dir, &l), 0);
	ck_assert_uint_eq(l.n, 5);
	ck_assert_str_eq(l.v[0], "B.md");
	ck_assert_str_eq(l.v[1], "a.md");
	ck_assert_str_eq(l.v[2], "b/a.markdown");
	ck_assert_str_eq(l.v[3], "b/z.md");
	ck_assert_str_eq(l.v[4], "dir.md/inside.md");
	ck_assert_ptr_nonnull(strstr(support_diags(), "link.md: warning: symbolic "
	    "link not followed"));
	strlist_clear(&l);
}
END_TEST

START_TEST(scan_missing_root)
{
	struct strlist	 l = { 0 };
	char		*p = xasprintf("%s/none", dir);

	ck_assert_int_eq(fsutil_scan(p, &l), -1);
	ck_assert_ptr_nonnull(strstr(support_diags(), "none: error: cannot read "
	    "content directory: No such file or directory"));
	support_put("f.md", "");
	free(p);
	p = xasprintf("%s/f.md", dir);
	ck_assert_int_eq(fsutil_scan(p, &l), -1);
	ck_assert_ptr_nonnull(strstr(support_diags(), "is not a directory"));
	ck_assert_uint_eq(l.n, 0);
	free(p);
}
END_TEST

static Suite *
fsutil_suite(void)
{
	Suite	*s = suite_create("fsutil");
	TCase	*tc = tcase_create("fsutil");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, read_file_whole);
	tcase_add_test(tc, read_file_errors);
	tcase_add_test(tc, same_content);
	tcase_add_test(tc, write_atomic_replaces);
	tcase_add_test(tc, write_atomic_failure_keeps_old);
	tcase_add_test(tc, stage_discard_commit);
	tcase_add_test(tc, temp_names);
	tcase_add_test(tc, mkdirs_nested);
	tcase_add_test(tc, scan_sorted_filtered);
	tcase_add_test(tc, scan_missing_root);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(fsutil_suite());
}
