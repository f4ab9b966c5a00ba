/* utf8.h: UTF-8 decoded in one place, for the XML filter and the check of
 * a content file's bytes. */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* Why a sequence is not UTF-8 (RFC 3629 section 4). */
enum utf8_status {
	UTF8_OK,
	UTF8_BAD_LEAD,		/* 80..C1 or F5..FF: no character starts so */
	UTF8_CUT_SHORT,		/* fewer continuation bytes than the lead
				 * byte announces */
	UTF8_OVERLONG,		/* E0 80..9F, F0 80..8F: a shorter form
				 * exists (C0 and C1 are UTF8_BAD_LEAD) */
	UTF8_SURROGATE,		/* ED A0..BF xx: U+D800..U+DFFF */
	UTF8_BEYOND		/* F4 90..BF: above U+10FFFF */
};

/* Decode the sequence at s[0..len), len > 0. Sets *cp to the code point, or
 * to -1 when the sequence is invalid, and *st to why. Returns the bytes the
 * sequence covers, at least 1: for an invalid one its maximal subpart
 * (Unicode chapter 3.9, "U+FFFD substitution of maximal subparts"), so
 * E0 80 AF is three invalid sequences of one byte, and E2 82 followed by
 * "A" one of two bytes. One exception: an encoded surrogate ED A0..BF xx
 * whose bytes are all there is one invalid sequence of three bytes
 * (UTF8_SURROGATE), so a filter can drop it whole. */
size_t	utf8_decode(const unsigned char *s, size_t len, long *cp,
	    enum utf8_status *st);

/* How many of the first bytes of s[0..len) are printable ASCII (20..7E):
 * most of any text, skipped eight bytes at a time before the decoder is
 * needed. */
size_t	utf8_ascii_run(const unsigned char *s, size_t len);

/* Check data[0..len) is UTF-8 (no overlong forms, no surrogates, nothing
 * past U+10FFFF, no U+FFFE/U+FFFF) with no C0 control character but tab,
 * LF and CR, and no DEL. C1 characters (U+0080-U+009F) are allowed here
 * (libyaml still refuses them inside the front matter). A leading UTF-8 BOM
 * is fine. Reports the first problem at path:line:col (col counts
 * characters, the BOM none) with the bytes shown as \xHH (for an overlong
 * form or a code point past U+10FFFF, all the bytes its lead byte
 * announces), and returns -1; else 0. */
int	utf8_check_text(const char *path, const char *data, size_t len);

#endif
