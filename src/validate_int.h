/* validate_int.h: what the validate_*.c files share; not for other modules.
 *
 * The per-format checkers return nothing: they report every problem
 * through diag.h, and validate_buffer() decides from diag_errors(). */
#ifndef VALIDATE_INT_H
#define VALIDATE_INT_H

#include <stddef.h>

#include <libxml/tree.h>

#define VALIDATE_NS_ATOM	"http://www.w3.org/2005/Atom"
#define VALIDATE_NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"

/* data/atom.rng, embedded at build time (atom_rng.c in the build dir). */
extern const unsigned char	validate_atom_rng[];
extern const size_t		validate_atom_rng_len;

/* Check a parsed document whose root is rss / atom:feed. doc is borrowed;
 * validate_atom() replaces the text of Atom dates once it has judged them,
 * so that the schema does not repeat the diagnostic. */
void	validate_rss(const char *path, xmlDocPtr doc);
void	validate_atom(const char *path, xmlDocPtr doc);

/* Validate an Atom document against the built-in RFC 4287 schema and
 * report each problem once (libxml2 repeats itself). doc is borrowed. */
void	validate_atom_schema(const char *path, xmlDocPtr doc);

/* Check data[0..len) as JSON Feed; it was detected as JSON (first byte
 * '{' after an optional BOM and whitespace). Reports the "not a feed"
 * error itself when the version does not name JSON Feed. */
void	validate_json(const char *path, const char *data, size_t len);

/* 1 if s is an RFC 3339 date-time with a zone ("Z" or +hh:mm), the form
 * Atom (3.3) and JSON Feed require, with valid calendar values; else 0. */
int	validate_is_rfc3339(const char *s);

/* 1 if s (ASCII blanks around it ignored) starts with an RFC 3986 scheme
 * and a colon ("https:", "mailto:", "tag:", "urn:"), else 0. */
int	validate_is_absolute(const char *s);

/* RFC 822 5.1 date-time as RSS 2.0 allows it (two- or four-digit year):
 *   [ day "," ] 1*2DIGIT month year hh ":" mm [ ":" ss ] zone
 * with zones UT, GMT, EST..PDT, military letters and +/-HHMM, names in any
 * case (RFC 822 3.4.7). Returns 0 and sets *wday to the day named (0 for
 * Sunday; -1 if none) and *actual to the date's real weekday, or returns
 * -1 if s is not such a date. Reports nothing. */
int	validate_rfc822(const char *s, int *wday, int *actual);

/* The element's line for diagnostics (libxml2 keeps it per node). */
int	validate_line(const xmlNode *);

/* Text of an element, its children's text and CDATA concatenated, or NULL
 * if it has none; the caller frees it with xmlFree(). */
char	*validate_text(const xmlNode *);

/* Parse html (an RSS description, an Atom type="html" text) as HTML and
 * warn once, at line, about its first relative href or src: many readers
 * resolve them against the wrong base or not at all. what names the
 * element in the message. */
void	validate_html_refs(const char *path, int line, const char *what,
	    const char *html);

#endif
