/* feed.h: the feed writers. Each takes the same model, a list of rendered
 * entries in feed order, and writes a whole document into memory. */
#ifndef FEED_H
#define FEED_H

#include <stddef.h>
#include "relfeed.h"

struct feed_info {
	const char	*title;		/* required */
	const char	*description;	/* or NULL: the title is used */
	const char	*site_url;	/* the site's absolute root URL */
	const char	*self_url;	/* absolute URL this very file is served at */
	const char	*language;	/* or NULL */
	const char	*author;	/* feed-level author name, or NULL */
	const char	*generator;	/* "relfeed", no version: output must not
					 * change when only the binary does */
	/* Site settings; NULL or "" is absent, and a feed with none of them
	 * is byte for byte what it was before they existed. */
	const char	*author_email;	/* the feed author's address: RSS
					 * managingEditor, Atom author email,
					 * JSON author url "mailto:" */
	const char	*hub;		/* WebSub hub URL, in all three */
	const char	*icon;		/* absolute URL of a small image */
	const char	*logo;		/* absolute URL of a larger image */
	const char	*copyright;	/* RSS copyright, Atom rights */
	int		 summary_only;	/* entries carry their summary, not
					 * their HTML */
	const char	*site_title;	/* the author when none is given; NULL:
					 * the title */
	const char	*stylesheet;	/* RSS and Atom: href of an XSLT
					 * stylesheet, relative to the feed, for
					 * an xml-stylesheet processing
					 * instruction; NULL or "": none */
	/* Called with each entry before its html, html_xml or summary is
	 * read, so entries can be rendered while the feed is written; NULL:
	 * all are rendered. */
	void		(*need)(void *need_ctx, const struct entry *);
	/* Called with each entry once the feed has written it; NULL: not
	 * called. The renderer frees the HTML after its last use. */
	void		(*done)(void *need_ctx, const struct entry *);
	void		*need_ctx;
};

/* The name a feed gives as its author when it is told none: the site's
 * title, else the feed's. */
const char	*feed_default_author(const struct feed_info *);

/* Write RSS 2.0 (https://www.rssboard.org/rss-specification) with the
 * atom, content and dc namespaces. entries[0..n) are in feed order, each with
 * permalink, title, published, updated, and html/summary as rendered.
 * Sets *out (owned by the caller, NUL-terminated) and *outlen; the
 * caller parses it back (feed_parse_back) before writing it anywhere, and
 * need not when its bytes are already on disk. Diagnostics name it by
 * info->self_url. Returns 0 or -1 (reported; *out NULL). An item without
 * authors is given the feed's (feed_author_of), as Atom entries inherit
 * the feed's. The channel holds title, link, description, language,
 * copyright, managingEditor (with author_email: feed_author_of), atom:link
 * self and hub, generator, lastBuildDate, image (logo, else icon, with the
 * title and site_url), then the items; with summary_only an item has its
 * description but no content:encoded. */
int	feed_rss_write(const struct feed_info *, struct entry *const *entries,
	    size_t n, char **out, size_t *outlen);

/* Write Atom 1.0 (RFC 4287), same contract as feed_rss_write. The feed
 * holds id, title, subtitle, updated, links self, alternate and hub, the
 * author (feed_author_of, else the title) unless every entry has one,
 * generator, icon, logo and rights; with summary_only an entry has its
 * summary but no content. */
int	feed_atom_write(const struct feed_info *, struct entry *const *entries,
	    size_t n, char **out, size_t *outlen);

/* Write JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) with
 * jansson, same contract as feed_rss_write: *out (owned by the caller,
 * NUL-terminated, ending in a newline) holds UTF-8 JSON, indented by two
 * spaces, keys in a fixed order, so the bytes depend only on the input.
 * The feed has version, title, home_page_url (site_url), feed_url
 * (self_url), description, icon (logo, else icon), favicon (icon) and
 * language when set, authors: the feed's author (feed_author_of), else
 * its title, as Atom's feed-level author, and hubs ([{"type": "WebSub",
 * "url": hub}]) when set; copyright has no place in JSON Feed 1.1. Each
 * item has id (a string: the explicit id, else the permalink), url,
 * title, content_html (the HTML, or when there is none or summary_only is
 * set content_text, the summary or "", as one of the two is required),
 * summary (feed_summary_of), date_published (only
 * with a publish date) and date_modified (feed_entry_updated) in RFC
 * 3339, tags when it has categories and authors when it has any
 * ({"name"}, with "url": "mailto:..." when feed_author_email finds an
 * address); an item without authors inherits the feed's, as the spec
 * says. Every string goes through xmltext_clean() first. The document is
 * read back with jansson and compared with what was built before
 * returning; diagnostics name it by info->self_url. Returns 0 or -1
 * (reported; *out NULL). */
int	feed_json_write(const struct feed_info *, struct entry *const *entries,
	    size_t n, char **out, size_t *outlen);

/* Parse doc[0..len) with libxml2 (no network, no entities loaded): 0 if it
 * is well-formed XML, else -1 after reporting what libxml2 said, naming
 * what (e.g. "rss.xml"). */
int	feed_parse_back(const char *what, const char *doc, size_t len);

/* feed_parse_back for doc[i][0..len[i]) (named what[i]), i < n: with
 * thread 1 in a thread of its own, so the caller goes on meanwhile (the
 * arrays must live until feed_check_wait), otherwise before this returns.
 * feed_check_wait waits for the parses, prints what they reported and
 * returns 0 if every document is well-formed, else -1; it frees c (NULL is
 * fine). */
struct feed_check;
struct feed_check *feed_check_start(const char *const *what,
	    const char *const *doc, const size_t *len, size_t n, int thread);
int	feed_check_wait(struct feed_check *c);

/* An RSS author element needs an e-mail address: split "Name <a@b>",
 * "a@b (Name)" or a bare "a@b" (a "mailto:" prefix is dropped) into email
 * and name; returns 1 if an address was found (*email, and *name or NULL
 * when there is no name, newly allocated and owned by the caller), else 0
 * with *email and *name set to NULL. */
int	feed_author_email(const char *author, char **email, char **name);

/*
 * Shared by the writers (feed_common.c), not for callers.
 */

/* Check what every writer needs: info has title, site_url and self_url,
 * an author_email that is set holds an address (feed_author_email), each
 * entry has a title and a permalink. kind ("RSS", "Atom") names the feed
 * in messages. Returns 0, or -1 after reporting. */
int		 feed_check_input(const char *kind, const struct feed_info *,
		    struct entry *const *entries, size_t n);

/* 1 if the optional setting s is present (not NULL, not ""), else 0. */
int		 feed_is_set(const char *s);

/* The feed-level author as text feed_author_email understands, newly
 * allocated (the caller frees), or NULL when there is none: without
 * author_email, info->author as given (NULL when unset); with it, "a@b
 * (Name)", a@b from author_email and Name the name in info->author (all
 * of it when it holds no address), else the title. info must have passed
 * feed_check_input. */
char		*feed_author_of(const struct feed_info *);

/* The text a feed shows as an entry's summary: the front matter
 * description when set (what the author wrote), else the rendered summary,
 * else NULL. Borrowed from the entry. */
const char	*feed_summary_of(const struct entry *);

/* An entry's update time as written to feeds: its updated time, or its
 * publish time when that is later (RFC 4287 readers expect updated >=
 * published). */
struct rf_time	 feed_entry_updated(const struct entry *);

/* The latest feed_entry_updated() over entries[0..n), the first of equal
 * instants winning; 1970-01-01T00:00:00Z when n is 0. */
struct rf_time	 feed_newest_updated(struct entry *const *entries, size_t n);

/* A document being written with libxml2's xmlTextWriter into memory,
 * indented, UTF-8. Write calls record the first failure and do nothing
 * after it; feedw_finish() reports it. Every string written goes through
 * xmltext_clean() first. Element and attribute names are written as given
 * ("dc:creator", "xmlns:atom"). */
struct feedw;

/* Start a document; what names it in diagnostics. Returns the writer
 * (freed by feedw_finish) or NULL after reporting. */
struct feedw	*feedw_new(const char *what);
void		 feedw_start(struct feedw *, const char *name);
void		 feedw_attr(struct feedw *, const char *name, const char *value);
void		 feedw_text(struct feedw *, const char *text);
void		 feedw_end(struct feedw *);
/* 1 if an XML feed carries e's HTML: not summary_only, and e has html_xml
 * or html; else 0. */
int		 feed_has_html(const struct feed_info *, const struct entry *e);
/* e's HTML as text: html_xml, escaped by its renderer, as it is, else
 * html as feedw_text writes it; the same bytes either way. */
void		 feedw_html(struct feedw *, const struct entry *e);
/* Call info->need for e, if set. */
void		 feed_need(const struct feed_info *, const struct entry *e);
/* Call info->done for e, if set. */
void		 feed_done(const struct feed_info *, const struct entry *e);
/* <name>text</name>. */
void		 feedw_elem(struct feedw *, const char *name, const char *text);
/* <?xml-stylesheet type="text/xsl" href="..."?>: before the root element
 * only. */
void		 feedw_stylesheet(struct feedw *, const char *href);
/* End the document and free the writer. On success
 * sets *out (owned by the caller) and *outlen and returns 0; else reports
 * and returns -1. Frees w in every case. */
int		 feedw_finish(struct feedw *w, char **out, size_t *outlen);

#endif
