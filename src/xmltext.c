/* xmltext.c: text filtered down to what XML 1.0 allows, because libxml2's
 * writer passes forbidden characters through and reports success. */
#include <stdlib.h>

#include "util.h"
#include "xmltext.h"

/*
 * UTF-8 lead bytes (RFC 3629 section 4): sequence length and the range of
 * the second byte, which is where overlong forms and code points above
 * U+10FFFF are ruled out. Later bytes are always 80..BF.
 */
static const struct lead {
	unsigned char	first, last;
	unsigned char	len;
	unsigned char	lo, hi;
} leads[] = {
	{ 0xC2, 0xDF, 2, 0x80, 0xBF },
	{ 0xE0, 0xE0, 3, 0xA0, 0xBF },	/* E0 80..9F would be overlong */
	/* ED A0..BF encodes a surrogate: decoded whole so the XML filter
	 * drops all three bytes rather than leave two U+FFFD behind. */
	{ 0xE1, 0xEF, 3, 0x80, 0xBF },
	{ 0xF0, 0xF0, 4, 0x90, 0xBF },	/* F0 80..8F would be overlong */
	{ 0xF1, 0xF3, 4, 0x80, 0xBF },
	{ 0xF4, 0xF4, 4, 0x80, 0x8F },	/* F4 90.. is above U+10FFFF */
};

/* XML 1.0 section 2.2, production [2] Char. */
static const struct range {
	long	lo, hi;
} xml_chars[] = {
	{ 0x9, 0xA },
	{ 0xD, 0xD },
	{ 0x20, 0xD7FF },
	{ 0xE000, 0xFFFD },
	{ 0x10000, 0x10FFFF },
};

static const char replacement[] = "\xEF\xBF\xBD";	/* U+FFFD */

/*
 * Decode the sequence at s[0..len), len > 0. Sets *cp to the code point,
 * or to -1 if the sequence is invalid, and returns the bytes it covers:
 * for an invalid one its maximal subpart (Unicode chapter 3.9, "U+FFFD
 * substitution of maximal subparts"), at least one byte.
 */
static size_t
decode(const unsigned char *s, size_t len, long *cp)
{
	const struct lead	*l = NULL;
	size_t			 i, n = 1;
	unsigned char		 lo, hi;
	long			 v;

	*cp = -1;
	if (s[0] < 0x80) {
		*cp = s[0];
		goto out;
	}
	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++)
		if (s[0] >= leads[i].first && s[0] <= leads[i].last)
			l = &leads[i];
	if (l == NULL)
		goto out;	/* 80..C1, F5..FF never start a sequence */
	v = s[0] & (0x7F >> l->len);
	lo = l->lo;
	hi = l->hi;
	for (n = 1; n < l->len; n++) {
		if (n >= len || s[n] < lo || s[n] > hi)
			goto out;
		v = (v << 6) | (s[n] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
out:
	return n;
}

static int
is_xml_char(long cp)
{
	size_t	i;
	int	ok = 0;

	for (i = 0; i < sizeof(xml_chars) / sizeof(xml_chars[0]); i++)
		if (cp >= xml_chars[i].lo && cp <= xml_chars[i].hi)
			ok = 1;
	return ok;
}

/*
 * The one pass both public functions share, so they cannot disagree:
 * copies the clean text to out when out is not NULL, and returns 1 if
 * nothing had to change.
 */
static int
scan(const char *s, size_t len, struct buf *out)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;
	long			 cp;
	int			 clean = 1;

	while (i < len) {
		n = decode(p + i, len - i, &cp);
		if (cp < 0) {
			clean = 0;
			if (out != NULL)
				buf_add(out, replacement, 3);
		} else if (!is_xml_char(cp))
			clean = 0;
		else if (out != NULL)
			buf_add(out, s + i, n);
		i += n;
	}
	return clean;
}

char *
xmltext_clean(const char *s, size_t len)
{
	struct buf	b = { 0 };

	if (s != NULL)
		scan(s, len, &b);
	return buf_detach(&b);
}

int
xmltext_is_clean(const char *s, size_t len)
{
	return s == NULL ? 1 : scan(s, len, NULL);
}
