/* test_xmltext.c: unit tests for filtering text down to what XML 1.0 allows. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "xmltext.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))
#define FFFD	"\xEF\xBF\xBD"

struct tcase {
	const char	*in;
	size_t		 len;
	const char	*out;
};

#define T(in, out)	{ in, sizeof(in) - 1, out }

static const struct tcase cases[] = {
	T("", ""),
	T("plain ASCII text", "plain ASCII text"),
	T("tab\tlf\ncr\r", "tab\tlf\ncr\r"),
	T("a\0b", "ab"),
	T("\x01\x02\x03\x04\x05\x06\x07\x08", ""),
	T("a\x0B" "b\x0C" "c\x1B" "d\x1F", "abcd"),
	T("del\x7F", "del\x7F"),
	/* C1 controls are allowed (discouraged) in XML 1.0. */
	T("\xC2\x80\xC2\x9F", "\xC2\x80\xC2\x9F"),
	/* Valid multi-byte sequences are kept. */
	T("caf\xC3\xA9", "caf\xC3\xA9"),
	T("\xE2\x82\xAC 5", "\xE2\x82\xAC 5"),
	T("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"),
	T("\xF0\x90\x80\x80", "\xF0\x90\x80\x80"),		/* U+10000 */
	T("\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"),		/* U+10FFFF */
	T("\xED\x9F\xBF", "\xED\x9F\xBF"),			/* U+D7FF */
	T("\xEE\x80\x80", "\xEE\x80\x80"),			/* U+E000 */
	T(FFFD, FFFD),
	T("\xEF\xB7\x90", "\xEF\xB7\x90"),			/* U+FDD0 */
	T("\xF0\x9F\xBF\xBE", "\xF0\x9F\xBF\xBE"),		/* U+1FFFE */
	/* U+FFFE and U+FFFF are not XML characters. */
	T("a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c", "abc"),
	/* Encoded surrogates go whole. */
	T("a\xED\xA0\x80" "b", "ab"),
	T("\xED\xB0\x80\xED\xBF\xBF", ""),
	T("\xED\xA0\xBD\xED\xB8\x80!", "!"),		/* CESU-8 pair */
	/* Invalid sequences: one U+FFFD per maximal subpart. */
	T("\x80", FFFD),
	T("a\xBF" "b", "a" FFFD "b"),
	T("\xC0\xAF", FFFD FFFD),			/* overlong '/' */
	T("\xC1\xBF", FFFD FFFD),
	T("\xE0\x80\xAF", FFFD FFFD FFFD),			/* overlong */
	T("\xE0\x9F\xBF", FFFD FFFD FFFD),
	T("\xF0\x80\x80\xAF", FFFD FFFD FFFD FFFD),		/* overlong */
	T("\xF0\x8F\xBF\xBF", FFFD FFFD FFFD FFFD),
	T("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD),		/* > U+10FFFF */
	T("\xF5\x80", FFFD FFFD),
	T("\xF8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD),
	T("\xFE\xFF", FFFD FFFD),
	T("\xC3", FFFD),					/* truncated */
	T("\xE2\x82", FFFD),
	T("\xF0\x9F\x98", FFFD),
	T("\xE2\x82" "A", FFFD "A"),
	T("\xC3\xC3\xA9", FFFD "\xC3\xA9"),
	T("\xED\xA0", FFFD),
	T("\xED\xA0" "x", FFFD "x"),
	/* Unicode 15 chapter 3.9, table 3-8's example. */
	T("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
	    "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d"),
	/* Both kinds of trouble at once. */
	T("\x01\xFF\x02", FFFD),
};

START_TEST(test_clean_table)
{
	const struct tcase	*c = &cases[_i];
	char			*out;
	int			 same;

	out = xmltext_clean(c->in, c->len);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, c->out);
	same = strlen(c->out) == c->len && memcmp(c->in, c->out, c->len) == 0;
	ck_assert_int_eq(xmltext_is_clean(c->in, c->len), same);
	ck_assert_int_eq(xmltext_is_clean(out, strlen(out)), 1);
	free(out);
}
END_TEST

/* Each C0 control but tab, LF and CR goes; every other ASCII byte stays. */
START_TEST(test_each_ascii)
{
	char	in[3] = { 'x', (char)_i, 'y' };
	char	*out = xmltext_clean(in, 3);
	int	keep = _i == '\t' || _i == '\n' || _i == '\r' || _i >= 0x20;

	if (keep) {
		ck_assert_uint_eq(strlen(out), 3);
		ck_assert_int_eq(out[1], _i);
	} else
		ck_assert_str_eq(out, "xy");
	ck_assert_int_eq(xmltext_is_clean(in, 3), keep);
	free(out);
}
END_TEST

/* Every surrogate code point U+D800..U+DFFF, encoded as ED A0..BF xx. */
START_TEST(test_all_surrogates)
{
	unsigned	cp;
	char		in[5], *out;

	for (cp = 0xD800; cp <= 0xDFFF; cp++) {
		in[0] = 'a';
		in[1] = (char)(0xE0 | (cp >> 12));
		in[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		in[3] = (char)(0x80 | (cp & 0x3F));
		in[4] = 'b';
		ck_assert_int_eq((unsigned char)in[1], 0xED);
		out = xmltext_clean(in, 5);
		if (strcmp(out, "ab") != 0)
			ck_abort_msg("U+%04X not removed", cp);
		free(out);
		if (xmltext_is_clean(in, 5) != 0)
			ck_abort_msg("U+%04X reported clean", cp);
	}
}
END_TEST

/* len bounds the input: bytes after it are never read. */
START_TEST(test_len_and_null)
{
	char	*out;

	out = xmltext_clean("abc\x01", 2);
	ck_assert_str_eq(out, "ab");
	free(out);
	ck_assert_int_eq(xmltext_is_clean("ab\x01", 2), 1);
	/* A multi-byte sequence cut by len is invalid. */
	out = xmltext_clean("\xC3\xA9", 1);
	ck_assert_str_eq(out, FFFD);
	free(out);
	ck_assert_int_eq(xmltext_is_clean("\xC3\xA9", 1), 0);
	out = xmltext_clean(NULL, 0);
	ck_assert_str_eq(out, "");
	free(out);
	ck_assert_int_eq(xmltext_is_clean(NULL, 0), 1);
	ck_assert_int_eq(xmltext_is_clean("", 0), 1);
}
END_TEST

/* A UTF-8 check written independently of the module, for the sweep. */
static int
valid_xml_utf8(const unsigned char *s, size_t len)
{
	size_t		i = 0, n, k;
	unsigned long	cp;

	while (i < len) {
		if (s[i] < 0x80) {
			n = 1;
			cp = s[i];
		} else if ((s[i] & 0xE0) == 0xC0) {
			n = 2;
			cp = s[i] & 0x1F;
		} else if ((s[i] & 0xF0) == 0xE0) {
			n = 3;
			cp = s[i] & 0x0F;
		} else if ((s[i] & 0xF8) == 0xF0) {
			n = 4;
			cp = s[i] & 0x07;
		} else
			return 0;
		if (i + n > len)
			return 0;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && cp < 0x10000))
			return 0;
		if (!(cp == 0x9 || cp == 0xA || cp == 0xD ||
		    (cp >= 0x20 && cp <= 0xD7FF) ||
		    (cp >= 0xE000 && cp <= 0xFFFD) ||
		    (cp >= 0x10000 && cp <= 0x10FFFF)))
			return 0;
		i += n;
	}
	return 1;
}

/*
 * Every two-byte input, and every three-byte input led by E0..F4: the output
 * is valid XML UTF-8, cleaning it again changes nothing, and is_clean says
 * 1 exactly when the input came back unchanged (and was itself valid).
 */
START_TEST(test_sweep)
{
	unsigned char	in[3];
	char		*out, *again;
	size_t		len, olen;
	unsigned	a, b, c, bad = 0;

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++)
			for (c = 0; c < 256; c++) {
				if (c > 0 && (a < 0xE0 || a > 0xF4))
					break;
				in[0] = (unsigned char)a;
				in[1] = (unsigned char)b;
				in[2] = (unsigned char)c;
				len = a >= 0xE0 && a <= 0xF4 ? 3 : 2;
				out = xmltext_clean((const char *)in, len);
				olen = strlen(out);
				again = xmltext_clean(out, olen);
				if (!valid_xml_utf8((unsigned char *)out,
				    olen) || strcmp(out, again) != 0 ||
				    xmltext_is_clean(out, olen) != 1 ||
				    xmltext_is_clean((const char *)in, len) !=
				    (olen == len &&
				    memcmp(in, out, len) == 0) ||
				    xmltext_is_clean((const char *)in, len) !=
				    valid_xml_utf8(in, len))
					bad++;
				free(again);
				free(out);
			}
	ck_assert_uint_eq(bad, 0);
}
END_TEST

static Suite *
xmltext_suite(void)
{
	Suite	*s = suite_create("xmltext");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_clean_table, 0, (int)N(cases));
	tcase_add_loop_test(tc, test_each_ascii, 0, 128);
	tcase_add_test(tc, test_all_surrogates);
	tcase_add_test(tc, test_len_and_null);
	tcase_add_test(tc, test_sweep);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return support_run(xmltext_suite());
}
