/* xmltext.c: text filtered down to what XML 1.0 allows, because libxml2's
 * writer passes forbidden characters through and reports success. */
#include <stdlib.h>

#include <libxml/entities.h>
#include <libxml/xmlmemory.h>

#include "utf8.h"
#include "util.h"
#include "xmltext.h"

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
	enum utf8_status	 st;
	size_t			 i = 0, run = 0, n;
	long			 cp;
	int			 clean = 1;

	/* Good bytes are copied in runs: feeds are mostly clean text. */
	while (i < len) {
		if ((n = utf8_ascii_run(p + i, len - i)) > 0 ||
		    (p[i] < 0x20 && is_xml_char(p[i]))) {
			i += n > 0 ? n : 1;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp, &st);
		if (st == UTF8_OK && is_xml_char(cp)) {
			i += n;
			continue;
		}
		clean = 0;
		if (out != NULL) {
			buf_add(out, s + run, i - run);
			/* Not an XML Char: dropped; not UTF-8: U+FFFD. */
			if (st != UTF8_OK && st != UTF8_SURROGATE)
				buf_add(out, replacement, 3);
		}
		i += n;
		run = i;
	}
	if (out != NULL)
		buf_add(out, s + run, i - run);
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

char *
xmltext_escape(const char *s, size_t len)
{
	char	*clean = NULL, *out;
	xmlChar	*x;

	/* Most HTML is clean: no copy for it. */
	if (!xmltext_is_clean(s, len))
		s = clean = xmltext_clean(s, len);
	if ((x = xmlEncodeSpecialChars(NULL, (const xmlChar *)s)) == NULL)
		xoom();
	free(clean);
	/* libxml2 allocates with malloc unless told otherwise: then its
	 * result is the caller's to free() as it is, without a copy. */
	if (xmlFree == free)
		return (char *)x;
	out = xstrdup((const char *)x);
	xmlFree(x);
	return out;
}
