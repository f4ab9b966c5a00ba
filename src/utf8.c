/* utf8.c: UTF-8 decoding (RFC 3629), and the check that a content file's
 * bytes are text a feed can carry. */
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"

/*
 * Lead bytes (RFC 3629 section 4): sequence length, the range of the
 * second byte, and what a continuation byte outside that range means. The
 * second byte is where overlong forms, surrogates and code points above
 * U+10FFFF show; later bytes are always 80..BF.
 */
static const struct lead {
	unsigned char		first, last;
	unsigned char		len;
	unsigned char		lo, hi;
	enum utf8_status	outside;
} leads[] = {
	{ 0xC2, 0xDF, 2, 0x80, 0xBF, UTF8_OK },
	{ 0xE0, 0xE0, 3, 0xA0, 0xBF, UTF8_OVERLONG },
	{ 0xE1, 0xEC, 3, 0x80, 0xBF, UTF8_OK },
	{ 0xED, 0xED, 3, 0x80, 0x9F, UTF8_SURROGATE },
	{ 0xEE, 0xEF, 3, 0x80, 0xBF, UTF8_OK },
	{ 0xF0, 0xF0, 4, 0x90, 0xBF, UTF8_OVERLONG },
	{ 0xF1, 0xF3, 4, 0x80, 0xBF, UTF8_OK },
	{ 0xF4, 0xF4, 4, 0x80, 0x8F, UTF8_BEYOND },
};

/* What utf8_check_text says about each status, around the bytes. */
static const struct message {
	const char	*pre, *post;
} messages[] = {
	[UTF8_OK] = { NULL, NULL },
	[UTF8_BAD_LEAD] = { "invalid UTF-8: byte ",
	    " cannot start a character" },
	[UTF8_CUT_SHORT] = { "invalid UTF-8: sequence ", " is cut short" },
	[UTF8_OVERLONG] = { "invalid UTF-8: overlong encoding ", "" },
	[UTF8_SURROGATE] = { "invalid UTF-8: ",
	    " encodes a UTF-16 surrogate" },
	[UTF8_BEYOND] = { "invalid UTF-8: ", " is beyond U+10FFFF" },
};
static const struct message control = { "control character ",
	" is not allowed (only tab, line feed and carriage return are)" };
static const struct message nonchar = { "noncharacter ",
	" (U+FFFE or U+FFFF) is not allowed" };

static const struct lead *
find_lead(unsigned char c)
{
	size_t	i;

	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++)
		if (c >= leads[i].first && c <= leads[i].last)
			return &leads[i];
	return NULL;
}

static int
is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

size_t
utf8_decode(const unsigned char *s, size_t len, long *cp,
    enum utf8_status *st)
{
	const struct lead	*l;
	size_t			 n = 1;
	long			 v;

	*cp = -1;
	*st = UTF8_OK;
	if (s[0] < 0x80) {
		*cp = s[0];
		goto out;
	}
	if ((l = find_lead(s[0])) == NULL) {
		*st = UTF8_BAD_LEAD;
		goto out;
	}
	v = s[0] & (0x7F >> l->len);
	for (n = 1; n < l->len; n++) {
		if (n >= len || !is_continuation(s[n])) {
			*st = UTF8_CUT_SHORT;
			goto out;
		}
		if (n == 1 && (s[1] < l->lo || s[1] > l->hi)) {
			*st = l->outside;
			/* The lead byte alone is the maximal subpart; a
			 * surrogate is read whole so a filter can drop it
			 * as one character. */
			if (*st != UTF8_SURROGATE)
				goto out;
		}
		v = (v << 6) | (s[n] & 0x3F);
	}
	if (*st == UTF8_OK)
		*cp = v;
out:
	return n;
}

/* Byte-wise tests on a 64-bit word: a byte below n (n <= 0x80), and a
 * zero byte. Each is exact about whether any byte matches. */
#define ONES		UINT64_C(0x0101010101010101)
#define HIGHS		UINT64_C(0x8080808080808080)
#define HAS_LESS(w, n)	(((w) - ONES * (n)) & ~(w) & HIGHS)
#define HAS_ZERO(w)	HAS_LESS(w, 1)

size_t
utf8_ascii_run(const unsigned char *s, size_t len)
{
	uint64_t	w;
	size_t		i = 0;

	for (; len - i >= 8; i += 8) {
		memcpy(&w, s + i, 8);
		/* non-ASCII, C0 controls, DEL */
		if ((w & HIGHS) | HAS_LESS(w, 0x20) | HAS_ZERO(w ^ (ONES * 0x7F)))
			break;
	}
	while (i < len && s[i] >= 0x20 && s[i] < 0x7F)
		i++;
	return i;
}

/* The bytes a message shows: the invalid sequence, but for an overlong
 * form or a code point past U+10FFFF, which are well formed but for their
 * value, every continuation byte the lead byte announces. */
static size_t
shown(const unsigned char *s, size_t len, size_t n, enum utf8_status st)
{
	const struct lead	*l = find_lead(s[0]);

	if (st == UTF8_OVERLONG || st == UTF8_BEYOND)
		while (n < l->len && n < len && is_continuation(s[n]))
			n++;
	return n;
}

/* The bytes of a rejected sequence as \xHH, for a message. */
static const char *
hex_bytes(const unsigned char *s, size_t n)
{
	static _Thread_local char b[4 * 4 + 1];
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n && i < 4; i++) {
		b[4 * i] = '\\';
		b[4 * i + 1] = 'x';
		b[4 * i + 2] = hex[s[i] >> 4];
		b[4 * i + 3] = hex[s[i] & 15];
	}
	b[4 * i] = '\0';
	return b;
}

int
utf8_check_text(const char *path, const char *data, size_t len)
{
	const unsigned char	*p = (const unsigned char *)data;
	const struct message	*why = NULL;
	enum utf8_status	 st;
	size_t			 i = 0, n = 0;
	long			 cp;
	int			 line = 1, col = 1, rc = -1;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;			/* the BOM takes no column */
	else if (len >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 ||
	    memcmp(data, "\xfe\xff", 2) == 0)) {
		/* Editors on Windows save "Unicode" so: say what it is. */
		diag_error(path, 1, 1, "the file is UTF-16 (it starts with "
		    "the byte order mark \\x%02x\\x%02x); save it as UTF-8",
		    p[0], p[1]);
		return -1;
	}
	for (; i < len; i += n, col++) {
		if ((n = utf8_ascii_run(p + i, len - i)) > 0) {
			col += (int)n - 1;	/* printable ASCII, one column
						 * a byte */
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp, &st);
		if (st != UTF8_OK) {
			why = &messages[st];
			n = shown(p + i, len - i, n, st);
			goto out;
		}
		if (cp == '\n') {
			line++;
			col = 0;
		} else if ((cp < 0x20 && cp != '\t' && cp != '\r') ||
		    cp == 0x7F) {
			why = &control;
			goto out;
		} else if (cp == 0xFFFE || cp == 0xFFFF) {
			why = &nonchar;
			goto out;
		}
	}
	rc = 0;
out:
	if (why != NULL)
		diag_error(path, line, col, "%s%s%s", why->pre,
		    hex_bytes(p + i, n), why->post);
	return rc;
}
