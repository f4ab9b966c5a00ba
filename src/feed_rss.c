/* feed_rss.c: the model as an RSS 2.0 document with the atom, content and
 * dc namespaces, as feed readers and the W3C validator expect it. */
#include <stdlib.h>

#include "date.h"
#include "feed.h"
#include "util.h"

#define NS_ATOM		"http://www.w3.org/2005/Atom"
#define NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define NS_DC		"http://purl.org/dc/elements/1.1/"

/* RSS 2.0 <author> must hold an e-mail address ("a@b (Name)"): only the
 * first author with an address gets it, one element per item as the spec
 * describes; every other author is a <dc:creator> (a name). */
static void
write_authors(struct feedw *fw, const struct strlist *authors)
{
	char	*email, *name, *s;
	size_t	 i;
	int	 have_author = 0;

	for (i = 0; i < authors->n; i++) {
		if (!feed_author_email(authors->v[i], &email, &name)) {
			feedw_elem(fw, "dc:creator", authors->v[i]);
			continue;
		}
		if (!have_author) {
			s = name ? xasprintf("%s (%s)", email, name) :
			    xstrdup(email);
			feedw_elem(fw, "author", s);
			free(s);
			have_author = 1;
		} else
			feedw_elem(fw, "dc:creator", name ? name : email);
		free(email);
		free(name);
	}
}

/* feed_author is the feed's author text (feed_author_of), or NULL. */
static void
write_item(struct feedw *fw, const struct feed_info *info,
    const char *feed_author, const struct entry *e)
{
	struct strlist	 fallback = { 0 };
	const char	*summary;
	char		*html;
	char		 date[DATE_BUFSZ];
	size_t		 i;

	feed_need(info, e);
	feedw_start(fw, "item");
	feedw_elem(fw, "title", e->title);
	feedw_elem(fw, "link", e->permalink);
	/* A guid that is not the item's URL must say so, or readers open it. */
	feedw_start(fw, "guid");
	if (e->id != NULL && e->id[0] != '\0') {
		feedw_attr(fw, "isPermaLink", "false");
		feedw_text(fw, e->id);
	} else {
		feedw_attr(fw, "isPermaLink", "true");
		feedw_text(fw, e->permalink);
	}
	feedw_end(fw);
	if (e->has_date) {
		date_format_rfc822(&e->published, date);
		feedw_elem(fw, "pubDate", date);
	}
	/* Entries without an author carry the feed's, as Atom entries
	 * inherit the feed-level author. */
	if (e->authors.n > 0)
		write_authors(fw, &e->authors);
	else if (feed_author != NULL) {
		strlist_push(&fallback, feed_author);
		write_authors(fw, &fallback);
		strlist_clear(&fallback);
	}
	for (i = 0; i < e->categories.n; i++)
		feedw_elem(fw, "category", e->categories.v[i]);
	/* Readers take an RSS description as HTML: plain text is escaped
	 * for HTML, then again for XML by the writer. */
	if ((summary = feed_summary_of(e)) != NULL) {
		html = html_escape(summary);
		feedw_elem(fw, "description", html);
		free(html);
	}
	/* Escaped text, not CDATA: a "]]>" in the HTML would end a CDATA
	 * section early. */
	if (feed_has_html(info, e)) {
		feedw_start(fw, "content:encoded");
		feedw_html(fw, e);
		feedw_end(fw);
	}
	feedw_end(fw);
}

int
feed_rss_write(const struct feed_info *info, struct entry *const *entries,
    size_t n, char **out, size_t *outlen)
{
	struct feedw	*fw = NULL;
	struct rf_time	 newest;
	const char	*image;
	char		*author = NULL, *html, date[DATE_BUFSZ];
	size_t		 i;
	int		 rc = -1;

	*out = NULL;
	*outlen = 0;
	if (feed_check_input("RSS", info, entries, n) < 0)
		goto out;
	author = feed_author_of(info);
	if ((fw = feedw_new(info->self_url)) == NULL)
		goto out;
	if (feed_is_set(info->stylesheet))
		feedw_stylesheet(fw, info->stylesheet);
	feedw_start(fw, "rss");
	feedw_attr(fw, "version", "2.0");
	feedw_attr(fw, "xmlns:atom", NS_ATOM);
	feedw_attr(fw, "xmlns:content", NS_CONTENT);
	feedw_attr(fw, "xmlns:dc", NS_DC);
	feedw_start(fw, "channel");
	feedw_elem(fw, "title", info->title);
	feedw_elem(fw, "link", info->site_url);
	html = html_escape(info->description != NULL &&
	    info->description[0] != '\0' ? info->description : info->title);
	feedw_elem(fw, "description", html);
	free(html);
	if (info->language != NULL && info->language[0] != '\0')
		feedw_elem(fw, "language", info->language);
	if (feed_is_set(info->copyright))
		feedw_elem(fw, "copyright", info->copyright);
	/* RSS 2.0: managingEditor is an address with the name after it,
	 * the form feed_author_of gives when there is one. */
	if (feed_is_set(info->author_email) && author != NULL)
		feedw_elem(fw, "managingEditor", author);
	feedw_start(fw, "atom:link");
	feedw_attr(fw, "href", info->self_url);
	feedw_attr(fw, "rel", "self");
	feedw_attr(fw, "type", "application/rss+xml");
	feedw_end(fw);
	/* WebSub 4: a hub is advertised by an atom:link rel="hub" in RSS. */
	if (feed_is_set(info->hub)) {
		feedw_start(fw, "atom:link");
		feedw_attr(fw, "href", info->hub);
		feedw_attr(fw, "rel", "hub");
		feedw_end(fw);
	}
	if (info->generator != NULL)
		feedw_elem(fw, "generator", info->generator);
	/* The newest entry's time, never the clock: an unchanged tree must
	 * give an unchanged file. */
	if (n > 0) {
		newest = feed_newest_updated(entries, n);
		date_format_rfc822(&newest, date);
		feedw_elem(fw, "lastBuildDate", date);
	}
	/* RSS 2.0 image: url, title and link are required, and readers
	 * show it as the channel's picture: the larger logo if there is
	 * one. */
	image = feed_is_set(info->logo) ? info->logo :
	    feed_is_set(info->icon) ? info->icon : NULL;
	if (image != NULL) {
		feedw_start(fw, "image");
		feedw_elem(fw, "url", image);
		feedw_elem(fw, "title", info->title);
		feedw_elem(fw, "link", info->site_url);
		feedw_end(fw);
	}
	for (i = 0; i < n; i++) {
		write_item(fw, info, author, entries[i]);
		feed_done(info, entries[i]);
	}
	rc = feedw_finish(fw, out, outlen);
out:
	free(author);
	return rc;
}
