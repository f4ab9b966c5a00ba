/* xmltext.h: text made safe for XML 1.0 whatever it holds. */
#ifndef XMLTEXT_H
#define XMLTEXT_H

#include <stddef.h>

/* A copy of s[0..len) with what XML 1.0 section 2.2 forbids removed: C0
 * controls but tab, LF and CR; U+FFFE and U+FFFF; surrogate code points.
 * Invalid UTF-8 sequences become U+FFFD, one per maximal subpart (Unicode
 * chapter 3.9); an encoded surrogate (ED A0..BF xx) is removed whole. NUL
 * bytes inside len are removed; s NULL is read as empty. Returns a
 * NUL-terminated string owned by the caller. */
char	*xmltext_clean(const char *s, size_t len);

/* 1 if s is already clean (xmltext_clean would return the same bytes),
 * else 0. Allocates nothing. */
int	 xmltext_is_clean(const char *s, size_t len);

/* s[0..len) (NUL-terminated) as libxml2's xmlTextWriterWriteString writes
 * it inside an element: xmltext_clean, then xmlEncodeSpecialChars (&, <,
 * >, " and CR escaped). Made once per rendered entry, by the thread that
 * renders it, and written raw (feedw_raw) by every XML feed that takes
 * it. Returns a string owned by the caller. */
char	*xmltext_escape(const char *s, size_t len);

#endif
