/* test_version.c: unit tests for comparing release versions. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "version.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static int
sgn(int v)
{
	return (v > 0) - (v < 0);
}

/* Strictly ascending, SemVer 2.0.0 section 11's example included. */
static const char *const ascending[] = {
	"",
	"0.9",
	"0.10",
	"1.0.0-alpha",
	"1.0.0-alpha.1",
	"1.0.0-alpha.beta",
	"1.0.0-beta",
	"1.0.0-beta.2",
	"1.0.0-beta.11",
	"1.0.0-rc.1",
	"1.0.0-rc.2",
	"1.0.0-rc.10",
	"1.0.0",
	"v1.0.0",
	"1.0.1",
	"1.02",
	"1.2",
	"V1.2",
	"v1.2",
	"1.2.0-rc.1",
	"1.2.0",
	"1.2.0.0",
	"1.2.x",
	"1.9",
	"1.9.9",
	"1.10",
	"1.10.2",
	"1.24.1",
	"2.0.0-rc.1",
	"2.0.0",
	"10.0",
	"99999999999999999999999",
	"100000000000000000000000",
	"release",
};

START_TEST(test_ascending)
{
	size_t	i, j;
	int	want, got;

	for (i = 0; i < N(ascending); i++)
		for (j = 0; j < N(ascending); j++) {
			want = i < j ? -1 : i > j;
			got = sgn(version_cmp(ascending[i], ascending[j]));
			ck_assert_msg(got == want,
			    "cmp(\"%s\", \"%s\") = %d, want %d",
			    ascending[i], ascending[j], got, want);
		}
}
END_TEST

struct pair {
	const char	*a;
	const char	*b;
	int		 want;
};

static const struct pair pairs[] = {
	{ "1.10", "1.9", 1 },
	{ "1.9", "1.10", -1 },
	{ "1.2", "1.2.0", -1 },
	{ "1.0.0-rc.1", "1.0.0", -1 },
	{ "1.0.0", "1.0.0-rc.1", 1 },
	{ "v1.10", "1.9", 1 },
	{ "v1.9", "1.10", -1 },
	{ "V2", "v1", 1 },
	{ "1.24.1", "1.24.1", 0 },
	{ "v1.2", "v1.2", 0 },
	{ "", "", 0 },
	{ "1.0.0-rc.1", "1.0.0-rc.1", 0 },
	{ "1.0.0-rc.2", "1.0.0-rc.10", -1 },
	{ "1.0.0-rc.1", "1.0.0.1", -1 },
	{ "1.0-rc.1", "1.0.0", -1 },
	{ "1.0.0-", "1.0.0", -1 },
	{ "1.0.0+build.1", "1.0.0", 1 },
	{ "1.2.3", "1.2.3a", -1 },
	{ "1.2a", "1.2b", -1 },
	{ "1.2", "1.2a", -1 },
	{ "007", "7", -1 },		/* equal value: the text decides */
	{ "7", "007", 1 },
	{ "0", "00", -1 },
	{ "1.2", "v1.2", -1 },
	{ "v1.2", "1.2", 1 },
	{ "12", "1.2", 1 },
	{ "1", "1.0", -1 },
	{ "2", "10", -1 },
	{ "18446744073709551616", "18446744073709551615", 1 },
	{ "1.0.0-alpha", "1.0.0-1", 1 },
	{ NULL, NULL, 0 },
	{ NULL, "", -1 },
	{ "", NULL, 1 },
	{ NULL, "1.0", -1 },
	{ "1.0", NULL, 1 },
};

START_TEST(test_pairs)
{
	const struct pair	*p = &pairs[_i];

	ck_assert_msg(sgn(version_cmp(p->a, p->b)) == p->want,
	    "cmp(%s, %s) = %d, want %d", p->a ? p->a : "NULL",
	    p->b ? p->b : "NULL", version_cmp(p->a, p->b), p->want);
	ck_assert_int_eq(sgn(version_cmp(p->b, p->a)), -p->want);
}
END_TEST

/* Every string used anywhere above, plus awkward ones. */
static const char *const pool[] = {
	"", "v", "V", "-", "--", "v-", "0", "00", "000", "01", "1", "1.",
	".1", "1..2", "1.2", "1.02", "1.2.0", "v1.2", "V1.2", "1.2-",
	"1.2-0", "1.2-a", "1.2-a.0", "1.2-00", "1.2.x", "1.2.X", "1.2a",
	"1.2 ", "1.2!", "1.2~", "1.2\xC3\xA9", "1.9", "1.10", "1.10.2",
	"1.0.0-rc.1", "1.0.0-rc.01", "1.0.0-rc.1.1", "1.0.0-alpha",
	"1.0.0-1", "1.0.0+b", "a", "b", "a1", "a01", "a.1", "rel-1.2",
	"rel-1.10", "999999999999999999999999999999", "1e5", "1.2/3",
};

/* cmp(a,b) == 0 iff strcmp(a,b) == 0; antisymmetry; transitivity. */
START_TEST(test_total_order)
{
	size_t	i, j, k;
	int	ij, jk, ik, bad = 0;

	for (i = 0; i < N(pool); i++)
		for (j = 0; j < N(pool); j++) {
			ij = sgn(version_cmp(pool[i], pool[j]));
			ck_assert_msg((ij == 0) ==
			    (strcmp(pool[i], pool[j]) == 0),
			    "cmp(\"%s\", \"%s\") = %d", pool[i], pool[j], ij);
			ck_assert_msg(sgn(version_cmp(pool[j], pool[i])) == -ij,
			    "not antisymmetric: \"%s\", \"%s\"", pool[i],
			    pool[j]);
		}
	for (i = 0; i < N(pool); i++)
		for (j = 0; j < N(pool); j++)
			for (k = 0; k < N(pool); k++) {
				ij = sgn(version_cmp(pool[i], pool[j]));
				jk = sgn(version_cmp(pool[j], pool[k]));
				ik = sgn(version_cmp(pool[i], pool[k]));
				if (ij < 0 && jk < 0 && ik >= 0)
					bad++;
			}
	ck_assert_int_eq(bad, 0);
}
END_TEST

/* The pool sorts with qsort into the same order from any start. */
static int
qcmp(const void *a, const void *b)
{
	return version_cmp(*(const char *const *)a, *(const char *const *)b);
}

START_TEST(test_sort_stable_result)
{
	const char	*fwd[N(pool)], *rev[N(pool)];
	size_t		 i;

	for (i = 0; i < N(pool); i++) {
		fwd[i] = pool[i];
		rev[i] = pool[N(pool) - 1 - i];
	}
	qsort(fwd, N(pool), sizeof(fwd[0]), qcmp);
	qsort(rev, N(pool), sizeof(rev[0]), qcmp);
	for (i = 0; i < N(pool); i++)
		ck_assert_str_eq(fwd[i], rev[i]);
	for (i = 1; i < N(pool); i++)
		ck_assert_int_lt(version_cmp(fwd[i - 1], fwd[i]), 0);
}
END_TEST

static Suite *
version_suite(void)
{
	Suite	*s = suite_create("version");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_ascending);
	tcase_add_loop_test(tc, test_pairs, 0, (int)N(pairs));
	tcase_add_test(tc, test_total_order);
	tcase_add_test(tc, test_sort_stable_result);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(version_suite());
}
