/* test_collect.c: unit tests for permalinks, feed order and the filters. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "collect.h"
#include "diag.h"
#include "support.h"
#include "util.h"

#define BASE	"https://example.org/site/"

static const char	*dir;

static void
setup(void)
{
	dir = support_tmpdir("collect");
	support_diag_capture();
}

static void
teardown(void)
{
	support_tmpdir_remove();
	support_diag_release();
}

static struct build_opts
opts(void)
{
	struct build_opts	o;

	memset(&o, 0, sizeof(o));
	o.cmd = CMD_LIST;
	o.content_dir = dir;
	o.base_url = BASE;
	o.title = "T";
	o.now = 1780000000;	/* 2026-05-28 */
	return o;
}

START_TEST(order_is_total)
{
	struct entry	a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.relpath = (char *)(uintptr_t)"a.md";
	b.relpath = (char *)(uintptr_t)"b.md";
	a.published.sec = 200;
	b.published.sec = 100;
	ck_assert_int_lt(build_entry_cmp(&a, &b), 0);	/* newer first */
	ck_assert_int_gt(build_entry_cmp(&b, &a), 0);
	b.published.sec = 200;
	a.release = (char *)(uintptr_t)"1.9.4";
	b.release = (char *)(uintptr_t)"1.10.1";
	ck_assert_int_gt(build_entry_cmp(&a, &b), 0);	/* 1.10.1 first */
	a.release = NULL;
	ck_assert_int_gt(build_entry_cmp(&a, &b), 0);	/* a release first */
	b.release = NULL;
	ck_assert_int_lt(build_entry_cmp(&a, &b), 0);	/* then the path */
	ck_assert_int_eq(build_entry_cmp(&a, &a), 0);
}
END_TEST

START_TEST(filters_and_order)
{
	struct entry_list	 l = { 0 };
	struct build_opts	 o = opts();

	support_put("_index.md", "---\ntitle: List\n---\n");
	support_put("README.md", "# Not an entry\n");
	support_put("old.md", "---\ntitle: Old\ndate: 2020-01-01\n---\n");
	support_put("draft.md", "---\ntitle: D\ndate: 2026-01-01\ndraft: true\n---\n");
	support_put("jekyll-draft.md", "---\ntitle: J\ndate: 2026-01-01\n"
	    "published: false\n---\n");
	support_put("future.md", "---\ntitle: F\ndate: 2099-01-01\n---\n");
	support_put("expired.md", "---\ntitle: E\ndate: 2026-01-01\n"
	    "expirydate: 2026-02-01\n---\n");
	support_put("undated.md", "---\ntitle: U\n---\n");
	support_put("r/1.9.4.md", "---\ntitle: A\ndate: 2026-03-10\nrelease: 1.9.4\n---\n");
	support_put("r/1.10.1.md", "---\ntitle: B\ndate: 2026-03-10\nrelease: 1.10.1\n---\n");
	support_put("r/bundle/_index.md", "---\ntitle: Major\ndate: 2026-03-01\n---\n");
	/* A release bundle's own pages are not entries of their own. */
	support_put("r/bundle/change-notes/index.md",
	    "---\ntitle: Notes\ndate: 2026-03-02\n---\n");
	support_put("r/bundle/upgrade.md",
	    "---\ntitle: Upgrade\ndate: 2026-03-02\n---\n");
	support_put("r/bundle/sub/_index.md",
	    "---\ntitle: Sub\ndate: 2026-03-02\n---\n");

	ck_assert_int_eq(collect_entries(&o, &l), 0);
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(l.v[0]->title, "B");
	ck_assert_str_eq(l.v[1]->title, "A");
	ck_assert_str_eq(l.v[2]->title, "Major");
	ck_assert_str_eq(l.v[2]->permalink, BASE "r/bundle/");
	ck_assert_str_eq(l.v[3]->title, "Old");
	ck_assert_ptr_nonnull(strstr(support_diags(), "undated.md: warning: no publish "
	    "date"));
	ck_assert_int_eq(diag_errors(), 0);
	entry_list_free(&l);

	o.drafts = 1;
	o.future = 1;
	ck_assert_int_eq(collect_entries(&o, &l), 0);
	ck_assert_uint_eq(l.n, 7);	/* expired stays out */
	entry_list_free(&l);

	o.bundle_pages = 1;
	ck_assert_int_eq(collect_entries(&o, &l), 0);
	ck_assert_uint_eq(l.n, 10);
	ck_assert_str_eq(l.v[0]->title, "F");
	entry_list_free(&l);
}
END_TEST

START_TEST(errors_collect_everything)
{
	struct entry_list	 l = { 0 };
	struct build_opts	 o = opts();

	support_put("a.md", "---\ntitle: A\ndate: 2026-01-01\n---\n");
	support_put("b.md", "---\ntitle: B\ndate: nope\n---\n");
	support_put("c.md", "---\ndate: 2026-01-01\n---\n");
	support_put("d.md", "---\ntitle: D\ndate: 2026-01-02\nurl: /a/\n---\n");
	ck_assert_int_eq(collect_entries(&o, &l), EXIT_CONTENT);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_nonnull(strstr(support_diags(), "b.md:3:7: error: invalid date"));
	ck_assert_ptr_nonnull(strstr(support_diags(), "c.md:1:1: error: missing "
	    "required key 'title'"));
	ck_assert_ptr_nonnull(strstr(support_diags(), "d.md: error: entry id "
	    "\"" BASE "a/\" is also the id of"));
	ck_assert_int_eq(diag_errors(), 3);
}
END_TEST

START_TEST(missing_root_is_system_error)
{
	struct entry_list	 l = { 0 };
	struct build_opts	 o = opts();

	o.content_dir = "/nonexistent/relfeed";
	ck_assert_int_eq(collect_entries(&o, &l), EXIT_SYSTEM);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

static Suite *
collect_suite(void)
{
	Suite	*s = suite_create("collect");
	TCase	*tc = tcase_create("collect");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, order_is_total);
	tcase_add_test(tc, filters_and_order);
	tcase_add_test(tc, errors_collect_everything);
	tcase_add_test(tc, missing_root_is_system_error);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(collect_suite());
}
