/* feed_atom.c: the model as an Atom 1.0 document (RFC 4287). */
#include <stdlib.h>

#include "date.h"
#include "feed.h"
#include "util.h"

#define NS_ATOM		"http://www.w3.org/2005/Atom"

/* RFC 4287 3.2: a Person construct has exactly one name and at most one
 * email. A bare address is also its name, as a name is required. */
static void
write_person(struct feedw *fw, const char *author)
{
	char	*email, *name;

	feedw_start(fw, "author");
	if (feed_author_email(author, &email, &name)) {
		feedw_elem(fw, "name", name ? name : email);
		feedw_elem(fw, "email", email);
		free(email);
		free(name);
	} else
		feedw_elem(fw, "name", author);
	feedw_end(fw);
}

static void
write_link(struct feedw *fw, const char *rel, const char *type,
    const char *href)
{
	feedw_start(fw, "link");
	feedw_attr(fw, "rel", rel);
	feedw_attr(fw, "type", type);
	feedw_attr(fw, "href", href);
	feedw_end(fw);
}

static void
write_date(struct feedw *fw, const char *name, const struct rf_time *t)
{
	char	buf[DATE_BUFSZ];

	date_format_rfc3339(t, buf);
	feedw_elem(fw, name, buf);
}

static void
write_entry(struct feedw *fw, const struct feed_info *info,
    const struct entry *e)
{
	struct rf_time	 updated;
	const char	*summary;
	size_t		 i;

	feed_need(info, e);
	feedw_start(fw, "entry");
	/* RFC 4287 4.2.6: an id that never changes; the explicit one
	 * survives a move of the page. */
	feedw_elem(fw, "id", e->id != NULL && e->id[0] != '\0' ? e->id :
	    e->permalink);
	feedw_start(fw, "title");
	feedw_attr(fw, "type", "text");
	feedw_text(fw, e->title);
	feedw_end(fw);
	updated = feed_entry_updated(e);
	write_date(fw, "updated", &updated);
	if (e->has_date)
		write_date(fw, "published", &e->published);
	write_link(fw, "alternate", "text/html", e->permalink);
	for (i = 0; i < e->authors.n; i++)
		write_person(fw, e->authors.v[i]);
	for (i = 0; i < e->categories.n; i++) {
		feedw_start(fw, "category");
		feedw_attr(fw, "term", e->categories.v[i]);
		feedw_end(fw);
	}
	if ((summary = feed_summary_of(e)) != NULL) {
		feedw_start(fw, "summary");
		feedw_attr(fw, "type", "text");
		feedw_text(fw, summary);
		feedw_end(fw);
	}
	if (feed_has_html(info, e)) {
		feedw_start(fw, "content");
		feedw_attr(fw, "type", "html");
		feedw_html(fw, e);
		feedw_end(fw);
	}
	feedw_end(fw);
}

int
feed_atom_write(const struct feed_info *info, struct entry *const *entries,
    size_t n, char **out, size_t *outlen)
{
	struct feedw	*fw = NULL;
	struct rf_time	 newest;
	char		*author = NULL;
	size_t		 i;
	int		 rc = -1, all_have_authors = n > 0;

	*out = NULL;
	*outlen = 0;
	if (feed_check_input("Atom", info, entries, n) < 0)
		goto out;
	author = feed_author_of(info);
	if ((fw = feedw_new(info->self_url)) == NULL)
		goto out;
	if (feed_is_set(info->stylesheet))
		feedw_stylesheet(fw, info->stylesheet);
	feedw_start(fw, "feed");
	feedw_attr(fw, "xmlns", NS_ATOM);
	if (info->language != NULL && info->language[0] != '\0')
		feedw_attr(fw, "xml:lang", info->language);
	feedw_elem(fw, "id", info->self_url);
	feedw_start(fw, "title");
	feedw_attr(fw, "type", "text");
	feedw_text(fw, info->title);
	feedw_end(fw);
	if (info->description != NULL && info->description[0] != '\0') {
		feedw_start(fw, "subtitle");
		feedw_attr(fw, "type", "text");
		feedw_text(fw, info->description);
		feedw_end(fw);
	}
	/* RFC 4287 4.1.1: exactly one updated; the newest entry's, never
	 * the clock, and the epoch for an empty feed so it stays stable. */
	newest = feed_newest_updated(entries, n);
	write_date(fw, "updated", &newest);
	write_link(fw, "self", "application/atom+xml", info->self_url);
	write_link(fw, "alternate", "text/html", info->site_url);
	/* WebSub 4: the hub link has no media type. */
	if (feed_is_set(info->hub)) {
		feedw_start(fw, "link");
		feedw_attr(fw, "rel", "hub");
		feedw_attr(fw, "href", info->hub);
		feedw_end(fw);
	}
	/* RFC 4287 4.1.1: a feed-level author unless every entry has one;
	 * an empty feed gets one too. */
	for (i = 0; i < n; i++)
		if (entries[i]->authors.n == 0)
			all_have_authors = 0;
	if (!all_have_authors)
		write_person(fw, author != NULL ? author : feed_default_author(info));
	if (info->generator != NULL)
		feedw_elem(fw, "generator", info->generator);
	/* atom:feed children interleave (RFC 4287 4.1.1); these come last
	 * so a feed without them reads as it always did. */
	if (feed_is_set(info->icon))
		feedw_elem(fw, "icon", info->icon);
	if (feed_is_set(info->logo))
		feedw_elem(fw, "logo", info->logo);
	if (feed_is_set(info->copyright)) {
		feedw_start(fw, "rights");
		feedw_attr(fw, "type", "text");
		feedw_text(fw, info->copyright);
		feedw_end(fw);
	}
	for (i = 0; i < n; i++) {
		write_entry(fw, info, entries[i]);
		feed_done(info, entries[i]);
	}
	rc = feedw_finish(fw, out, outlen);
out:
	free(author);
	return rc;
}
