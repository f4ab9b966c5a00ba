/* test_bounds.c: unit tests for the limits on the input: parsing, defaults,
 * and the bounded read that refuses a file over the size limit. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "build.h"
#include "support.h"

START_TEST(parse_sizes)
{
	size_t	n = 7;

	ck_assert_int_eq(bounds_parse_size("1", &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(bounds_parse_size("16M", &n), 0);
	ck_assert_uint_eq(n, (size_t)16 << 20);
	ck_assert_int_eq(bounds_parse_size("2k", &n), 0);
	ck_assert_uint_eq(n, 2048);
	ck_assert_int_eq(bounds_parse_size("2K", &n), 0);
	ck_assert_uint_eq(n, 2048);
	ck_assert_int_eq(bounds_parse_size("1g", &n), 0);
	ck_assert_uint_eq(n, (size_t)1 << 30);
	n = 7;
	ck_assert_int_eq(bounds_parse_size("0", &n), -1);
	ck_assert_int_eq(bounds_parse_size("", &n), -1);
	ck_assert_int_eq(bounds_parse_size(NULL, &n), -1);
	ck_assert_int_eq(bounds_parse_size("-1", &n), -1);
	ck_assert_int_eq(bounds_parse_size("16 M", &n), -1);
	ck_assert_int_eq(bounds_parse_size("16MB", &n), -1);
	ck_assert_int_eq(bounds_parse_size("1T", &n), -1);
	ck_assert_int_eq(bounds_parse_size("99999999999999999999", &n), -1);
	ck_assert_int_eq(bounds_parse_size("18446744073709551615G", &n), -1);
	ck_assert_uint_eq(n, 7);
}
END_TEST

START_TEST(parse_counts)
{
	size_t	n = 7;

	ck_assert_int_eq(bounds_parse_count("1000", 1000, &n), 0);
	ck_assert_uint_eq(n, 1000);
	n = 7;
	ck_assert_int_eq(bounds_parse_count("1001", 1000, &n), -1);
	ck_assert_int_eq(bounds_parse_count("0", 1000, &n), -1);
	ck_assert_int_eq(bounds_parse_count("1k", 1000, &n), -1);
	ck_assert_int_eq(bounds_parse_count(" 1", 1000, &n), -1);
	ck_assert_uint_eq(n, 7);
}
END_TEST

START_TEST(fill_and_merge)
{
	struct bounds	b = { 0, 5, 0, 0 }, c = { 1, 2, 3, 0 };

	bounds_merge(&b, &c);
	ck_assert_uint_eq(b.file_size, 1);
	ck_assert_uint_eq(b.front_matter, 5);
	ck_assert_uint_eq(b.depth, 3);
	ck_assert_uint_eq(b.entries, 0);
	bounds_fill(&b);
	ck_assert_uint_eq(b.entries, BOUNDS_ENTRIES);
	memset(&b, 0, sizeof(b));
	bounds_fill(&b);
	ck_assert_uint_eq(b.file_size, BOUNDS_FILE_SIZE);
	ck_assert_uint_eq(b.front_matter, BOUNDS_FRONT_MATTER);
	ck_assert_uint_eq(b.depth, BOUNDS_DEPTH);
}
END_TEST

START_TEST(read_bounded)
{
	struct bounds	 b = { 10, 0, 0, 0 };
	const char	*dir = support_tmpdir("bounds");
	char		*path, *data = (char *)1;
	size_t		 len = 9;
	int		 whole = 9;

	support_put("ten.md", "0123456789");
	support_put("eleven.md", "0123456789a");
	path = malloc(strlen(dir) + 16);
	sprintf(path, "%s/ten.md", dir);
	ck_assert_int_eq(bounds_read(path, &b, SIZE_MAX, &data, &len, &whole),
	    0);
	ck_assert_str_eq(data, "0123456789");
	ck_assert_int_eq(whole, 1);
	free(data);
	ck_assert_int_eq(bounds_read(path, &b, 4, &data, &len, &whole), 0);
	ck_assert_uint_eq(len, 4);
	ck_assert_int_eq(whole, 0);
	free(data);
	sprintf(path, "%s/eleven.md", dir);
	ck_assert_int_eq(bounds_read(path, &b, SIZE_MAX, &data, &len, &whole),
	    EXIT_CONTENT);
	ck_assert_ptr_null(data);
	ck_assert_ptr_nonnull(strstr(support_diags(), "eleven.md: error: file "
	    "is 11 bytes, more than the limit of 10; raise it with "
	    "--max-file-size"));
	sprintf(path, "%s/none.md", dir);
	ck_assert_int_eq(bounds_read(path, &b, SIZE_MAX, &data, &len, &whole),
	    EXIT_SYSTEM);
	free(path);
	support_tmpdir_remove();
}
END_TEST

START_TEST(front_matter_and_entries)
{
	struct bounds	b = { 0, 100, 0, 2 };

	ck_assert_int_eq(bounds_check_front_matter("f.md", 1, 100, &b), 0);
	ck_assert_int_eq(bounds_check_front_matter("f.md", 1, 101, &b), -1);
	ck_assert_int_eq(bounds_check_entries(NULL, 0, "", 2, &b), 0);
	ck_assert_int_eq(bounds_check_entries("r.yaml", 4, "tags/x", 3, &b),
	    -1);
	ck_assert_str_eq(support_diags(), "f.md:1:1: error: front matter is "
	    "101 bytes, more than the limit of 100; raise it with "
	    "--max-front-matter or max_front_matter in relfeed.yaml\n"
	    "r.yaml:4: error: feed \"tags/x\" would hold 3 entries, more than "
	    "the limit of 2; give it a limit to keep the newest, or raise it "
	    "with --max-entries or max_entries\n");
}
END_TEST

static Suite *
bounds_suite(void)
{
	Suite	*s = suite_create("bounds");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, support_diag_capture,
	    support_diag_release);
	tcase_add_test(tc, parse_sizes);
	tcase_add_test(tc, parse_counts);
	tcase_add_test(tc, fill_and_merge);
	tcase_add_test(tc, read_bounded);
	tcase_add_test(tc, front_matter_and_entries);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(bounds_suite());
}
