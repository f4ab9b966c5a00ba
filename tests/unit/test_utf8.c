/* test_utf8.c: the UTF-8 decoder (every status, maximal subparts, the
 * boundaries) and the check of a content file's bytes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "utf8.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* One call of utf8_decode on in[0..len). */
struct dcase {
	const char		*in;
	size_t			 len;
	size_t			 n;	/* bytes covered */
	long			 cp;
	enum utf8_status	 st;
};

#define D(in, n, cp, st)	{ in, sizeof(in) - 1, n, cp, st }

static const struct dcase dcases[] = {
	/* One byte: U+0000..U+007F. */
	D("\x00", 1, 0x00, UTF8_OK),
	D("A", 1, 0x41, UTF8_OK),
	D("\x7F", 1, 0x7F, UTF8_OK),
	D("\x7F\xC2\x80", 1, 0x7F, UTF8_OK),	/* reads one sequence */
	/* Boundaries of each length. */
	D("\xC2\x80", 2, 0x80, UTF8_OK),
	D("\xDF\xBF", 2, 0x7FF, UTF8_OK),
	D("\xE0\xA0\x80", 3, 0x800, UTF8_OK),
	D("\xEF\xBF\xBF", 3, 0xFFFF, UTF8_OK),	/* a noncharacter, but UTF-8 */
	D("\xF0\x90\x80\x80", 4, 0x10000, UTF8_OK),
	D("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, UTF8_OK),
	D("\xF4\x90\x80\x80", 1, -1, UTF8_BEYOND),	/* U+110000 */
	D("\xF4\xBF\xBF\xBF", 1, -1, UTF8_BEYOND),
	D("\xF4\x90", 1, -1, UTF8_BEYOND),
	/* Around the surrogates. */
	D("\xED\x9F\xBF", 3, 0xD7FF, UTF8_OK),
	D("\xED\xA0\x80", 3, -1, UTF8_SURROGATE),	/* U+D800 */
	D("\xED\xBF\xBF", 3, -1, UTF8_SURROGATE),	/* U+DFFF */
	D("\xED\xB0\x80\x41", 3, -1, UTF8_SURROGATE),
	D("\xEE\x80\x80", 3, 0xE000, UTF8_OK),
	D("\xED\xA0", 2, -1, UTF8_CUT_SHORT),
	D("\xED\xA0\x41", 2, -1, UTF8_CUT_SHORT),
	/* Bytes that start nothing. */
	D("\x80", 1, -1, UTF8_BAD_LEAD),
	D("\xBF\x80", 1, -1, UTF8_BAD_LEAD),
	D("\xC0\xAF", 1, -1, UTF8_BAD_LEAD),	/* would be overlong '/' */
	D("\xC1\xBF", 1, -1, UTF8_BAD_LEAD),
	D("\xF5\x80\x80\x80", 1, -1, UTF8_BAD_LEAD),
	D("\xF8\x88\x80\x80\x80", 1, -1, UTF8_BAD_LEAD),
	D("\xFE", 1, -1, UTF8_BAD_LEAD),
	D("\xFF", 1, -1, UTF8_BAD_LEAD),
	/* Overlong: the lead byte alone is the maximal subpart. */
	D("\xE0\x80\xAF", 1, -1, UTF8_OVERLONG),
	D("\xE0\x9F\xBF", 1, -1, UTF8_OVERLONG),
	D("\xE0\x80", 1, -1, UTF8_OVERLONG),
	D("\xF0\x80\x80\xAF", 1, -1, UTF8_OVERLONG),
	D("\xF0\x8F\xBF\xBF", 1, -1, UTF8_OVERLONG),
	/* Cut short: the lead and the continuation bytes that fit. */
	D("\xC3", 1, -1, UTF8_CUT_SHORT),
	D("\xC3(", 1, -1, UTF8_CUT_SHORT),
	D("\xC3\xC3\xA9", 1, -1, UTF8_CUT_SHORT),
	D("\xE0", 1, -1, UTF8_CUT_SHORT),
	D("\xE0\x41", 1, -1, UTF8_CUT_SHORT),
	D("\xE2\x82", 2, -1, UTF8_CUT_SHORT),
	D("\xE2\x82\x41", 2, -1, UTF8_CUT_SHORT),
	D("\xF0\x9F\x98", 3, -1, UTF8_CUT_SHORT),
	D("\xF0\x9F\x98\xF0", 3, -1, UTF8_CUT_SHORT),
	D("\xF1\x80\x80", 3, -1, UTF8_CUT_SHORT),
	D("\xF4\x8F", 2, -1, UTF8_CUT_SHORT),
};

START_TEST(decode_table)
{
	const struct dcase	*c = &dcases[_i];
	enum utf8_status	 st = (enum utf8_status)-1;
	long			 cp = -2;
	size_t			 n;

	n = utf8_decode((const unsigned char *)c->in, c->len, &cp, &st);
	ck_assert_uint_eq(n, c->n);
	ck_assert_int_eq(cp, c->cp);
	ck_assert_int_eq(st, c->st);
}
END_TEST

/* len bounds the input: a sequence cut by it is cut short. */
START_TEST(decode_len_bounds)
{
	static const unsigned char s[] = "\xF0\x9F\x98\x80";
	enum utf8_status	 st;
	long			 cp;
	size_t			 len;

	for (len = 1; len < 4; len++) {
		ck_assert_uint_eq(utf8_decode(s, len, &cp, &st), len);
		ck_assert_int_eq(cp, -1);
		ck_assert_int_eq(st, UTF8_CUT_SHORT);
	}
	ck_assert_uint_eq(utf8_decode(s, 4, &cp, &st), 4);
	ck_assert_int_eq(cp, 0x1F600);
	ck_assert_int_eq(st, UTF8_OK);
}
END_TEST

/* Unicode 15 chapter 3.9, table 3-8: the maximal subparts of a string. */
START_TEST(decode_maximal_subparts)
{
	static const unsigned char s[] = "\x61\xF1\x80\x80\xE1\x80\xC2\x62"
	    "\x80\x63\x80\xBF\x64";
	static const size_t	 want_n[] = { 1, 3, 2, 1, 1, 1, 1, 1, 1, 1 };
	static const long	 want_cp[] = { 'a', -1, -1, -1, 'b', -1, 'c',
	    -1, -1, 'd' };
	static const enum utf8_status want_st[] = { UTF8_OK, UTF8_CUT_SHORT,
	    UTF8_CUT_SHORT, UTF8_CUT_SHORT, UTF8_OK, UTF8_BAD_LEAD, UTF8_OK,
	    UTF8_BAD_LEAD, UTF8_BAD_LEAD, UTF8_OK };
	enum utf8_status	 st;
	size_t			 i = 0, k = 0, n;
	long			 cp;

	while (i < sizeof(s) - 1) {
		ck_assert_uint_lt(k, N(want_n));
		n = utf8_decode(s + i, sizeof(s) - 1 - i, &cp, &st);
		ck_assert_uint_eq(n, want_n[k]);
		ck_assert_int_eq(cp, want_cp[k]);
		ck_assert_int_eq(st, want_st[k]);
		i += n;
		k++;
	}
	ck_assert_uint_eq(k, N(want_n));
}
END_TEST

/* The shortest form of cp, written independently of the module. */
static size_t
encode(long cp, unsigned char *b)
{
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Every code point decodes from its shortest form; every surrogate is one
 * invalid sequence of three bytes; every form one byte longer than the
 * shortest (where one exists) is overlong or a bad lead byte. */
START_TEST(decode_every_code_point)
{
	unsigned char		 b[5];
	enum utf8_status	 st;
	long			 cp, got;
	size_t			 n, bad = 0;

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		n = encode(cp, b);
		b[n] = 0x80;	/* a stray continuation byte after it */
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			if (utf8_decode(b, n + 1, &got, &st) != 3 ||
			    got != -1 || st != UTF8_SURROGATE)
				bad++;
		} else if (utf8_decode(b, n + 1, &got, &st) != n ||
		    got != cp || st != UTF8_OK)
			bad++;
	}
	ck_assert_uint_eq(bad, 0);
	/* Overlong three- and four-byte forms of U+0000..U+FFFF. */
	for (cp = 0; cp < 0x10000; cp++) {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		if (utf8_decode(b, 4, &got, &st) != 1 || got != -1 ||
		    st != UTF8_OVERLONG)
			bad++;
		if (cp >= 0x800)
			continue;
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		if (utf8_decode(b, 3, &got, &st) != 1 || got != -1 ||
		    st != UTF8_OVERLONG)
			bad++;
		if (cp >= 0x80)
			continue;
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		if (utf8_decode(b, 2, &got, &st) != 1 || got != -1 ||
		    st != UTF8_BAD_LEAD)
			bad++;
	}
	ck_assert_uint_eq(bad, 0);
}
END_TEST

/* Every two-byte input: the status agrees with the lead byte's class, and
 * what is covered is one or two bytes. */
START_TEST(decode_every_two_bytes)
{
	unsigned char		 b[2];
	enum utf8_status	 st, want;
	unsigned		 x, y;
	size_t			 n, bad = 0, wantn;
	long			 cp;

	for (x = 0; x < 256; x++)
		for (y = 0; y < 256; y++) {
			b[0] = (unsigned char)x;
			b[1] = (unsigned char)y;
			n = utf8_decode(b, 2, &cp, &st);
			wantn = 1;
			if (x < 0x80)
				want = UTF8_OK;
			else if (x < 0xC2 || x > 0xF4)
				want = UTF8_BAD_LEAD;
			else if (y < 0x80 || y > 0xBF)
				want = UTF8_CUT_SHORT;
			else if ((x == 0xE0 && y < 0xA0) ||
			    (x == 0xF0 && y < 0x90))
				want = UTF8_OVERLONG;
			else if (x == 0xF4 && y > 0x8F)
				want = UTF8_BEYOND;
			else {
				/* Complete, or waiting for more bytes. */
				want = x < 0xE0 ? UTF8_OK : UTF8_CUT_SHORT;
				wantn = 2;
			}
			if (n != wantn || st != want || (st == UTF8_OK) !=
			    (cp >= 0))
				bad++;
		}
	ck_assert_uint_eq(bad, 0);
}
END_TEST

/* utf8_check_text on in[0..len): 0, or -1 and exactly msg. */
struct tcase {
	const char	*in;
	size_t		 len;
	const char	*msg;
};

#define T(in, msg)	{ in, sizeof(in) - 1, msg }
#define CTRL		" is not allowed (only tab, line feed and carriage " \
			"return are)\n"

static const struct tcase tcases[] = {
	T("", NULL),
	T("tab\tcr\r\nlf\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xc2\x80"
	    "\xef\xbf\xbd\xf4\x8f\xbf\xbf", NULL),
	T("\xef\xbb\xbf", NULL),
	/* U+FEFF after the start is a character like any other. */
	T("\xef\xbb\xbf" "a\xef\xbb\xbf", NULL),
	T("a\n\xe2\x82", "t:2:1: error: invalid UTF-8: sequence \\xe2\\x82 is "
	    "cut short\n"),
	T("\xc3(", "t:1:1: error: invalid UTF-8: sequence \\xc3 is cut "
	    "short\n"),
	T("\xed\xa0", "t:1:1: error: invalid UTF-8: sequence \\xed\\xa0 is "
	    "cut short\n"),
	T("x\xe0\x80\xaf", "t:1:2: error: invalid UTF-8: overlong encoding "
	    "\\xe0\\x80\\xaf\n"),
	/* An overlong form shows the bytes its lead announces, no more. */
	T("\xe0\x80\xaf\xaf", "t:1:1: error: invalid UTF-8: overlong encoding "
	    "\\xe0\\x80\\xaf\n"),
	T("\xe0\x80(", "t:1:1: error: invalid UTF-8: overlong encoding "
	    "\\xe0\\x80\n"),
	T("\xf0\x8f\xbf\xbf", "t:1:1: error: invalid UTF-8: overlong encoding "
	    "\\xf0\\x8f\\xbf\\xbf\n"),
	T("\xc0\x80", "t:1:1: error: invalid UTF-8: byte \\xc0 cannot start a "
	    "character\n"),
	T("\xed\xa0\x80", "t:1:1: error: invalid UTF-8: \\xed\\xa0\\x80 "
	    "encodes a UTF-16 surrogate\n"),
	T("\xf4\x90\x80\x80", "t:1:1: error: invalid UTF-8: "
	    "\\xf4\\x90\\x80\\x80 is beyond U+10FFFF\n"),
	T("\xf4\x90", "t:1:1: error: invalid UTF-8: \\xf4\\x90 is beyond "
	    "U+10FFFF\n"),
	T("\n\n\xef\xbf\xbf", "t:3:1: error: noncharacter \\xef\\xbf\\xbf "
	    "(U+FFFE or U+FFFF) is not allowed\n"),
	T("\xef\xbf\xbe", "t:1:1: error: noncharacter \\xef\\xbf\\xbe (U+FFFE "
	    "or U+FFFF) is not allowed\n"),
	T("a\x7f", "t:1:2: error: control character \\x7f" CTRL),
	T("ab\x01", "t:1:3: error: control character \\x01" CTRL),
	T("\x00", "t:1:1: error: control character \\x00" CTRL),
	T("\x80", "t:1:1: error: invalid UTF-8: byte \\x80 cannot start a "
	    "character\n"),
	T("\xff", "t:1:1: error: invalid UTF-8: byte \\xff cannot start a "
	    "character\n"),
	/* Columns count characters, the BOM none; a line feed starts a
	 * line. */
	T("\xef\xbb\xbf\xc3\xa9\xf0\x9f\x98\x80\xe2\x82\xac\x1b",
	    "t:1:4: error: control character \\x1b" CTRL),
	T("a\r\nb\r\n\tc\x0b", "t:3:3: error: control character \\x0b" CTRL),
	/* Only the first problem is reported. */
	T("\x01\xff", "t:1:1: error: control character \\x01" CTRL),
};

START_TEST(check_table)
{
	const struct tcase	*c = &tcases[_i];

	ck_assert_int_eq(utf8_check_text("t", c->in, c->len),
	    c->msg != NULL ? -1 : 0);
	ck_assert_str_eq(support_diags(), c->msg != NULL ? c->msg : "");
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite	*s = suite_create("utf8");
	TCase	*dec = tcase_create("decode");
	TCase	*chk = tcase_create("check");

	tcase_add_loop_test(dec, decode_table, 0, (int)N(dcases));
	tcase_add_test(dec, decode_len_bounds);
	tcase_add_test(dec, decode_maximal_subparts);
	tcase_add_test(dec, decode_every_code_point);
	tcase_add_test(dec, decode_every_two_bytes);
	suite_add_tcase(s, dec);

	tcase_add_checked_fixture(chk, support_diag_capture,
	    support_diag_release);
	tcase_add_loop_test(chk, check_table, 0, (int)N(tcases));
	suite_add_tcase(s, chk);
	return s;
}

int
main(void)
{
	return support_run(utf8_suite());
}
