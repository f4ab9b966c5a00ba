/* test_date.c: unit tests for date parsing, formatting and calendar math. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "support.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

struct good {
	const char	*in;
	int		 default_off;
	int64_t		 sec;
	int		 off;
};

/* Every accepted form; expected values computed independently. */
static const struct good goods[] = {
	{ "2019-06-18", 0, 1560816000, 0 },
	{ "2019-06-18", 120, 1560816000 - 7200, 120 },
	{ "2019-06-18", -420, 1560816000 + 25200, -420 },
	{ "2019-06-18T10:00:00Z", 0, 1560852000, 0 },
	{ "2019-06-18T10:00:00z", 300, 1560852000, 0 },
	{ "2019-06-18t10:00:00Z", 0, 1560852000, 0 },
	{ "2019-06-18T10:00:00", 0, 1560852000, 0 },
	{ "2019-06-18T10:00:00", 120, 1560844800, 120 },
	{ "2019-06-18 10:00:00", 0, 1560852000, 0 },
	{ "2019-06-18T10:00", 0, 1560852000, 0 },
	{ "2019-06-18 10:00", 0, 1560852000, 0 },
	{ "2019-06-18T10:00Z", 60, 1560852000, 0 },
	{ "2019-06-18T10:00:00.123456Z", 0, 1560852000, 0 },
	{ "2019-06-18T10:00:00.9", 0, 1560852000, 0 },
	{ "2019-06-18T10:00:00.123456+02:00", 0, 1560844800, 120 },
	{ "2019-06-18T10:00:00+02:00", 0, 1560844800, 120 },
	{ "2019-06-18T10:00:00+0200", 0, 1560844800, 120 },
	{ "2019-06-18T10:00:00+02", 0, 1560844800, 120 },
	{ "2019-06-18T10:00+02:00", 0, 1560844800, 120 },
	{ "2019-06-18T10:00:00-07:00", 0, 1560877200, -420 },
	{ "2019-06-18T10:00:00-0700", 0, 1560877200, -420 },
	{ "2019-06-18T10:00:00-07", 0, 1560877200, -420 },
	{ "2019-06-18 10:00:00 -0700", 0, 1560877200, -420 },
	{ "2019-06-18 10:00:00 +02:00", 0, 1560844800, 120 },
	{ "2019-06-18 10:00:00.5 -0700", 0, 1560877200, -420 },
	{ "2019-06-18T10:00:00+05:30", 0, 1560832200, 330 },
	{ "2019-06-18T10:00:00-00:00", 120, 1560852000, 0 },
	{ "2019-06-18T10:00:00+14:00", 0, 1560852000 - 50400, 840 },
	{ "2019-06-18T10:00:00-12:00", 0, 1560852000 + 43200, -720 },
	{ "2019-06-18T10:00:00-14:00", 0, 1560852000 + 50400, -840 },
	/* The far ends: UTC stays within years 1 to 9999. */
	{ "0001-01-01T00:00:00Z", 0, -62135596800LL, 0 },
	{ "0001-01-01T00:00:00-14:00", 0, -62135596800LL + 50400, -840 },
	{ "9999-12-31T23:59:59+14:00", 0, 253402300799LL - 50400, 840 },
	{ "  2019-06-18T10:00:00Z", 0, 1560852000, 0 },
	{ "2019-06-18T10:00:00Z \t\r\n", 0, 1560852000, 0 },
	{ "\t2019-06-18\n", 0, 1560816000, 0 },
	{ "2016-12-31T23:59:60Z", 0, 1483228799, 0 },
	{ "1970-01-01T00:00:00Z", 0, 0, 0 },
	{ "1969-12-31T23:59:59Z", 0, -1, 0 },
	{ "1900-01-01", 0, -2208988800LL, 0 },
	{ "0001-01-01T00:00:00Z", 0, -62135596800LL, 0 },
	{ "9999-12-31T23:59:59Z", 0, 253402300799LL, 0 },
	{ "0999-03-05", 0, -30636316800LL, 0 },
	{ "2024-02-29T12:00:00Z", 0, 1709208000, 0 },
	{ "2000-02-29", 0, 951782400, 0 },
	{ "2019-06-18T00:00:00Z", 0, 1560816000, 0 },
	{ "2019-06-18T23:59:59Z", 0, 1560902399, 0 },
};

START_TEST(test_parse_good)
{
	const struct good	*g = &goods[_i];
	struct rf_time		 t = { -5, -5 };
	size_t			 col = 999;

	ck_assert_msg(date_parse(g->in, g->default_off, &t, &col) == 0,
	    "rejected \"%s\" at %zu", g->in, col);
	ck_assert_msg(t.sec == g->sec, "\"%s\": sec %lld, want %lld", g->in,
	    (long long)t.sec, (long long)g->sec);
	ck_assert_int_eq(t.off, g->off);
	ck_assert_uint_eq(col, 999);	/* untouched on success */
}
END_TEST

struct bad {
	const char	*in;
	size_t		 col;
};

/* Every rejected form, with the byte the error column must point at. */
static const struct bad bads[] = {
	{ "", 0 },
	{ "   ", 3 },
	{ "24/01/2024", 2 },
	{ "01/24/2024", 2 },
	{ "June 18, 2019", 0 },
	{ "20190618", 4 },
	{ "2019-6-18", 6 },
	{ "2019-06-8", 9 },
	{ "12019-06-18", 4 },
	{ "-2019-06-18", 0 },
	{ "0000-01-01", 0 },
	{ "2019-13-01", 5 },
	{ "2019-00-01", 5 },
	{ "  2019-13-01", 7 },
	{ "2019-02-30", 8 },
	{ "2019-04-31", 8 },
	{ "2019-06-00", 8 },
	{ "2019-06-32", 8 },
	{ "2019-02-29", 8 },
	{ "1900-02-29", 8 },
	{ "2100-02-29", 8 },
	{ "2019-06-18T25:00:00Z", 11 },
	{ "2019-06-18T24:00:00Z", 11 },
	{ "2019-06-18T10:60:00Z", 14 },
	{ "2019-06-18T10:00:61Z", 17 },
	{ "2019-06-18T1:00:00Z", 12 },
	{ "2019-06-18T10", 13 },
	{ "2019-06-18T10:0", 15 },
	{ "2019-06-18T", 10 },
	{ "2019-06-18T10:00:00.", 20 },
	{ "2019-06-18T10:00:00.Z", 20 },
	{ "2019-06-18T10:00.5Z", 16 },
	{ "2019-06-18T10:00:00+25:00", 20 },
	{ "2019-06-18T10:00:00+24:00", 20 },
	{ "2019-06-18T10:00:00+23:59", 20 },
	{ "2019-06-18T10:00:00-15:00", 20 },
	{ "2019-06-18T10:00:00+14:01", 23 },
	{ "2019-06-18T10:00:00-1401", 22 },
	{ "99999-01-01", 4 },
	{ "2024-02-30T10:00:00Z", 8 },
	{ "2024-01-01T24:00:00+01:00", 11 },
	/* Within 1 to 9999 as written, but not in UTC. */
	{ "0001-01-01T00:00:00+00:01", 0 },
	{ "0001-01-01T13:59:59+14:00", 0 },
	{ "9999-12-31T23:59:59-00:01", 0 },
	{ "9999-12-31T10:00:00-14:00", 0 },
	{ "2019-06-18T10:00:00+02:60", 23 },
	{ "2019-06-18T10:00:00+0", 21 },
	{ "2019-06-18T10:00:00+020", 23 },
	{ "2019-06-18T10:00:00+02:0", 24 },
	{ "2019-06-18T10:00:00+", 20 },
	{ "2019-06-18 10:00:00 +25:00", 21 },
	{ "2019-06-18T10:00:00Zjunk", 20 },
	{ "2019-06-18T10:00:00Z junk", 21 },
	{ "2019-06-18 junk", 11 },
	{ "2019-06-18x", 10 },
	{ "2019-06-18 10:00:00 -0700 extra", 26 },
	{ "2019-06-18T10:00:00 Z", 20 },
	{ "2019-06-18T10:00:00 UTC", 20 },
	{ "2019-06-18 +02:00", 11 },
	{ "2019-06-18T10:00:00+02:00Z", 25 },
	{ "2019-06-18\0102", 10 },
};

START_TEST(test_parse_bad)
{
	const struct bad	*b = &bads[_i];
	struct rf_time		 t = { 7, 8 };
	size_t			 col = 999;

	ck_assert_msg(date_parse(b->in, 0, &t, &col) == -1,
	    "accepted \"%s\"", b->in);
	ck_assert_msg(col == b->col, "\"%s\": errcol %zu, want %zu", b->in,
	    col, b->col);
	/* *out is untouched on failure. */
	ck_assert_int_eq(t.sec, 7);
	ck_assert_int_eq(t.off, 8);
	/* errcol is optional. */
	ck_assert_int_eq(date_parse(b->in, 0, &t, NULL), -1);
}
END_TEST

START_TEST(test_parse_null)
{
	struct rf_time	t;
	size_t		col = 999;

	ck_assert_int_eq(date_parse(NULL, 0, &t, &col), -1);
	ck_assert_uint_eq(col, 0);
	ck_assert_int_eq(date_parse(NULL, 0, &t, NULL), -1);
}
END_TEST

START_TEST(test_leap_years)
{
	struct rf_time	t;
	static const int leap[] = { 4, 400, 1600, 1996, 2000, 2004, 2024,
	    2400, 9996 };
	static const int common[] = { 1, 100, 1700, 1800, 1900, 2019, 2023,
	    2100, 2200, 2300, 9999 };
	char		s[16];
	size_t		i;

	for (i = 0; i < N(leap); i++) {
		snprintf(s, sizeof(s), "%04d-02-29", leap[i]);
		ck_assert_msg(date_parse(s, 0, &t, NULL) == 0, "%s", s);
		ck_assert_int_eq(date_days_from_civil(leap[i], 3, 1) -
		    date_days_from_civil(leap[i], 2, 28), 2);
		snprintf(s, sizeof(s), "%04d-02-30", leap[i]);
		ck_assert_msg(date_parse(s, 0, &t, NULL) == -1, "%s", s);
	}
	for (i = 0; i < N(common); i++) {
		snprintf(s, sizeof(s), "%04d-02-29", common[i]);
		ck_assert_msg(date_parse(s, 0, &t, NULL) == -1, "%s", s);
		snprintf(s, sizeof(s), "%04d-02-28", common[i]);
		ck_assert_msg(date_parse(s, 0, &t, NULL) == 0, "%s", s);
		ck_assert_int_eq(date_days_from_civil(common[i], 3, 1) -
		    date_days_from_civil(common[i], 2, 28), 1);
	}
}
END_TEST

START_TEST(test_zone)
{
	int	off = 12345;

	ck_assert_int_eq(date_parse_zone("UTC", &off), 0);
	ck_assert_int_eq(off, 0);
	off = 1;
	ck_assert_int_eq(date_parse_zone("utc", &off), 0);
	ck_assert_int_eq(off, 0);
	off = 1;
	ck_assert_int_eq(date_parse_zone("GMT", &off), 0);
	ck_assert_int_eq(off, 0);
	off = 1;
	ck_assert_int_eq(date_parse_zone("Z", &off), 0);
	ck_assert_int_eq(off, 0);
	ck_assert_int_eq(date_parse_zone("+02:00", &off), 0);
	ck_assert_int_eq(off, 120);
	ck_assert_int_eq(date_parse_zone("-0700", &off), 0);
	ck_assert_int_eq(off, -420);
	ck_assert_int_eq(date_parse_zone("+02", &off), 0);
	ck_assert_int_eq(off, 120);
	ck_assert_int_eq(date_parse_zone("+05:30", &off), 0);
	ck_assert_int_eq(off, 330);
	ck_assert_int_eq(date_parse_zone("-09:30", &off), 0);
	ck_assert_int_eq(off, -570);
	ck_assert_int_eq(date_parse_zone("-00:00", &off), 0);
	ck_assert_int_eq(off, 0);
	off = 77;
	ck_assert_int_eq(date_parse_zone("", &off), -1);
	ck_assert_int_eq(date_parse_zone(NULL, &off), -1);
	ck_assert_int_eq(date_parse_zone("Europe/Berlin", &off), -1);
	ck_assert_int_eq(date_parse_zone("+25:00", &off), -1);
	ck_assert_int_eq(date_parse_zone("+02:60", &off), -1);
	ck_assert_int_eq(date_parse_zone("+02:00x", &off), -1);
	ck_assert_int_eq(date_parse_zone("02:00", &off), -1);
	ck_assert_int_eq(date_parse_zone("+2", &off), -1);
	ck_assert_int_eq(date_parse_zone(" UTC", &off), -1);
	ck_assert_int_eq(date_parse_zone("UTC+1", &off), -1);
	ck_assert_int_eq(off, 77);
}
END_TEST

struct fmt {
	int64_t		 sec;
	int		 off;
	const char	*rfc822;
	const char	*rfc3339;
};

static const struct fmt fmts[] = {
	{ 1560844800, 120, "Tue, 18 Jun 2019 10:00:00 +0200",
	    "2019-06-18T10:00:00+02:00" },
	{ 1560877200, -420, "Tue, 18 Jun 2019 10:00:00 -0700",
	    "2019-06-18T10:00:00-07:00" },
	{ 1560852000, 0, "Tue, 18 Jun 2019 10:00:00 +0000",
	    "2019-06-18T10:00:00Z" },
	{ 1560832200, 330, "Tue, 18 Jun 2019 10:00:00 +0530",
	    "2019-06-18T10:00:00+05:30" },
	{ 0, 0, "Thu, 01 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z" },
	{ -1, 0, "Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z" },
	/* The offset moves the wall clock across a day and a year. */
	{ 0, -60, "Wed, 31 Dec 1969 23:00:00 -0100",
	    "1969-12-31T23:00:00-01:00" },
	{ -1, 60, "Thu, 01 Jan 1970 00:59:59 +0100",
	    "1970-01-01T00:59:59+01:00" },
	{ -2208988800LL, 0, "Mon, 01 Jan 1900 00:00:00 +0000",
	    "1900-01-01T00:00:00Z" },
	{ 1709208000, 0, "Thu, 29 Feb 2024 12:00:00 +0000",
	    "2024-02-29T12:00:00Z" },
	{ -30636316800LL, 0, "Tue, 05 Mar 0999 00:00:00 +0000",
	    "0999-03-05T00:00:00Z" },
	{ -60825835372LL, -30, "Fri, 04 Jul 0042 06:07:08 -0030",
	    "0042-07-04T06:07:08-00:30" },
	{ -62135596800LL, 0, "Mon, 01 Jan 0001 00:00:00 +0000",
	    "0001-01-01T00:00:00Z" },
	{ 253402300799LL, 0, "Fri, 31 Dec 9999 23:59:59 +0000",
	    "9999-12-31T23:59:59Z" },
	{ 1560816000 - 86340, 1439, "Tue, 18 Jun 2019 00:00:00 +2359",
	    "2019-06-18T00:00:00+23:59" },
};

START_TEST(test_format)
{
	const struct fmt	*f = &fmts[_i];
	struct rf_time		 t = { f->sec, f->off };
	char			 buf[DATE_BUFSZ];

	memset(buf, 'x', sizeof(buf));
	date_format_rfc822(&t, buf);
	ck_assert_str_eq(buf, f->rfc822);
	memset(buf, 'x', sizeof(buf));
	date_format_rfc3339(&t, buf);
	ck_assert_str_eq(buf, f->rfc3339);
}
END_TEST

/* Far outside the parseable years, formatting still stays in the buffer. */
START_TEST(test_format_extreme)
{
	struct rf_time	t;
	char		buf[DATE_BUFSZ + 8];

	memset(buf, 'x', sizeof(buf));
	t.sec = INT64_MAX;
	t.off = 1439;
	date_format_rfc822(&t, buf);
	ck_assert(memchr(buf, '\0', DATE_BUFSZ) != NULL);
	ck_assert_int_eq(buf[DATE_BUFSZ], 'x');
	date_format_rfc3339(&t, buf);
	ck_assert(memchr(buf, '\0', DATE_BUFSZ) != NULL);
	t.sec = INT64_MIN;
	t.off = -1439;
	date_format_rfc822(&t, buf);
	ck_assert(memchr(buf, '\0', DATE_BUFSZ) != NULL);
	date_format_rfc3339(&t, buf);
	ck_assert(memchr(buf, '\0', DATE_BUFSZ) != NULL);
	ck_assert_int_eq(buf[DATE_BUFSZ], 'x');
}
END_TEST

/* parse(format3339(parse(s))) gives the same instant and offset. */
START_TEST(test_round_trip)
{
	static const char *const ins[] = {
		"2019-06-18 10:00:00 -0700", "2019-06-18T10:00:00+02:00",
		"0999-03-05T01:02:03Z", "1969-07-20T20:17:40Z",
		"2024-02-29T23:59:59-14:00", "0001-01-01", "9999-12-31",
		"1900-03-01T12:00:00+05:45",
	};
	struct rf_time	a, b;
	char		buf[DATE_BUFSZ];
	size_t		i;

	for (i = 0; i < N(ins); i++) {
		ck_assert_int_eq(date_parse(ins[i], 0, &a, NULL), 0);
		date_format_rfc3339(&a, buf);
		ck_assert_msg(date_parse(buf, 0, &b, NULL) == 0, "%s", buf);
		ck_assert_int_eq(a.sec, b.sec);
		ck_assert_int_eq(a.off, b.off);
	}
	ck_assert_int_eq(date_parse("2019-06-18 10:00:00 -0700", 0, &a,
	    NULL), 0);
	date_format_rfc3339(&a, buf);
	ck_assert_str_eq(buf, "2019-06-18T10:00:00-07:00");
}
END_TEST

/* Every day of years 1..9999 maps to the next day number and back. */
START_TEST(test_civil_exhaustive)
{
	int64_t	days, y, prev_y = 0, expect;
	int	m, d, prev_m = 12, prev_d = 31;

	expect = date_days_from_civil(1, 1, 1);
	ck_assert_int_eq(expect, -719162);
	ck_assert_int_eq(date_days_from_civil(1970, 1, 1), 0);
	ck_assert_int_eq(date_days_from_civil(2000, 3, 1), 11017);
	ck_assert_int_eq(date_days_from_civil(1969, 12, 31), -1);
	/* Plain comparisons in the loop: a Check assertion per day is slow. */
	for (days = expect; days <= date_days_from_civil(9999, 12, 31);
	    days++) {
		date_civil_from_days(days, &y, &m, &d);
		if (date_days_from_civil(y, m, d) != days)
			break;
		if (d == 1 ? (prev_d < 28 || m != prev_m % 12 + 1 ||
		    y != prev_y + (m == 1)) :
		    (d != prev_d + 1 || m != prev_m || y != prev_y))
			break;
		prev_y = y;
		prev_m = m;
		prev_d = d;
	}
	ck_assert_msg(days == date_days_from_civil(9999, 12, 31) + 1,
	    "day %lld: %lld-%d-%d", (long long)days, (long long)y, m, d);
	ck_assert_int_eq(prev_y, 9999);
	/* Before year 1 the arithmetic is still proleptic Gregorian. */
	date_civil_from_days(date_days_from_civil(-4, 2, 29), &y, &m, &d);
	ck_assert_int_eq(y, -4);
	ck_assert_int_eq(m, 2);
	ck_assert_int_eq(d, 29);
}
END_TEST

static Suite *
date_suite(void)
{
	Suite	*s = suite_create("date");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_parse_good, 0, (int)N(goods));
	tcase_add_loop_test(tc, test_parse_bad, 0, (int)N(bads));
	tcase_add_test(tc, test_parse_null);
	tcase_add_test(tc, test_leap_years);
	tcase_add_test(tc, test_zone);
	tcase_add_loop_test(tc, test_format, 0, (int)N(fmts));
	tcase_add_test(tc, test_format_extreme);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_civil_exhaustive);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(date_suite());
}
