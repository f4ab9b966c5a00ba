/* validate.h: checking RSS 2.0, Atom 1.0 and JSON Feed 1.1 files that
 * anyone may have written, for `relfeed validate FILE...`.
 *
 * The format is detected from the content:
 *   - a JSON object whose "version" starts "https://jsonfeed.org/version/1"
 *     is JSON Feed (1.0 or 1.1);
 *   - an XML document whose root is `rss` (no namespace) is RSS 2.0;
 *   - an XML document whose root is `feed` in the Atom namespace
 *     (http://www.w3.org/2005/Atom) is Atom 1.0;
 *   - anything else gets "not an RSS 2.0, Atom 1.0 or JSON Feed document".
 *
 * Every problem is reported through diag.h as "path:line: error: ..." or
 * "path:line: warning: ...", where line comes from libxml2's node lines
 * for XML, and from jansson for JSON syntax errors; JSON Feed rules name
 * the member instead ("items[2].id: ...") and give no line (0), as jansson
 * keeps no positions for parsed values.
 *
 * The files can be hostile. XML is parsed without entity substitution,
 * without loading any DTD or external entity and without network access
 * (XML_PARSE_NONET; never NOENT, DTDLOAD, DTDATTR or HUGE); a document
 * whose DOCTYPE declares an entity is rejected as soon as the declaration
 * is read ("DTD with entities is not accepted"), so neither XXE nor
 * "billion laughs" expansion can happen. Input larger than
 * VALIDATE_MAX_SIZE is refused without being parsed.
 *
 * libxml2's RELAX NG validator reports one problem several times and also
 * blames alternatives it tried; only the report on the culprit is kept.
 *
 * Rules checked, beyond well-formedness (libxml2 reports undeclared
 * namespace prefixes as errors):
 * Atom: the RFC 4287 RELAX NG schema (compiled in from data/atom.rng);
 *   then what the schema leaves out: atom:updated and atom:published are
 *   RFC 3339 date-times with a zone and an upper-case T and Z; an entry has an author when the feed
 *   has none (4.1.1); ids are absolute IRIs (4.2.6) and unique (entry ids
 *   among entries, and distinct from the feed id); an entry without
 *   content has a rel="alternate" link (4.1.1); warnings for a missing
 *   rel="self" link, for relative href/src/uri/icon/logo values and for
 *   relative URLs inside type="html" text.
 * RSS 2.0: rss version="2.0" with exactly one channel holding title, link
 *   and description; each item has a title or a description; pubDate and
 *   lastBuildDate are RFC 822 dates (day name optional, 2- or 4-digit
 *   year, zones UT, GMT, EST..PDT, military letters, +HHMM); content:encoded
 *   is in the content module namespace. Warnings: wrong day name, duplicate
 *   guid, a link or permalink guid that is not an absolute URL, author /
 *   managingEditor / webMaster not holding an e-mail address, no atom:link
 *   rel="self", relative URLs inside description and content:encoded HTML.
 * JSON Feed: valid JSON without duplicate keys; version, title and items
 *   required; string fields are strings; items[].id is a string (a number
 *   is an error in 1.1); each item has content_html or content_text; dates
 *   are RFC 3339 with a zone; authors is an array of objects with a name,
 *   url or avatar; tags is an array of strings. Warnings: unknown keys
 *   without a leading underscore (top level and items), duplicate item
 *   ids, no feed_url, URLs that are not absolute.
 */
#ifndef VALIDATE_H
#define VALIDATE_H

#include <stddef.h>

/* Largest document validated: big enough for any real feed, small enough
 * that a hostile file cannot exhaust memory (libxml2 takes an int size). */
#define VALIDATE_MAX_SIZE	((size_t)64 * 1024 * 1024)

/* Validate data[0..len) (need not be NUL-terminated; borrowed) as the
 * file named path, which is used only in diagnostics. Reports every
 * problem found. Returns 0 when no error was reported (warnings allowed),
 * -1 otherwise. */
int	validate_buffer(const char *path, const char *data, size_t len);

/* Read the regular file at path (fsutil_read_file) and validate it as
 * validate_buffer() does. A file larger than VALIDATE_MAX_SIZE is refused
 * before it is read. Returns 0 or -1 as validate_buffer(). */
int	validate_file(const char *path);

#endif
