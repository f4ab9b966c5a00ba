/* feed_json.c: the model as a JSON Feed 1.1 document
 * (https://www.jsonfeed.org/version/1.1/), built and printed by jansson. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "diag.h"
#include "feed.h"
#include "util.h"
#include "xmltext.h"

#define JSONFEED_VERSION	"https://jsonfeed.org/version/1.1"

/* Printed as a diff-friendly file; jansson keeps insertion order, so the
 * key order is the order of the code below. */
#define JSONFEED_FLAGS		(JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/*
 * A document being built. jansson's setters take a NULL value (a failed
 * constructor) as a failure and free the value they could not store, so
 * building goes on after a failure without leaking; only the first
 * failure is kept, to be reported once at the end.
 */
struct jw {
	const char	*failed;	/* key or part that failed, or NULL */
};

static void
fail(struct jw *jw, const char *what)
{
	if (jw->failed == NULL)
		jw->failed = what;
}

static json_t *
new_object(struct jw *jw, const char *what)
{
	json_t	*o;

	if ((o = json_object()) == NULL)
		fail(jw, what);
	return o;
}

static json_t *
new_array(struct jw *jw, const char *what)
{
	json_t	*a;

	if ((a = json_array()) == NULL)
		fail(jw, what);
	return a;
}

/* A JSON string of s cleaned: jansson refuses invalid UTF-8 (returns
 * NULL), and a control character has no place in a feed reader's text. */
static json_t *
new_string(const char *s)
{
	json_t	*j;
	char	*v;

	v = xmltext_clean(s, strlen(s));
	j = json_string(v);
	free(v);
	return j;
}

/* obj[key] = value, value owned by obj afterwards (or freed). */
static void
put(struct jw *jw, json_t *obj, const char *key, json_t *value)
{
	if (json_object_set_new(obj, key, value) < 0)
		fail(jw, key);
}

static void
put_string(struct jw *jw, json_t *obj, const char *key, const char *s)
{
	put(jw, obj, key, new_string(s));
}

static void
append(struct jw *jw, json_t *arr, const char *what, json_t *value)
{
	if (json_array_append_new(arr, value) < 0)
		fail(jw, what);
}

static void
put_date(struct jw *jw, json_t *obj, const char *key, const struct rf_time *t)
{
	char	buf[DATE_BUFSZ];

	date_format_rfc3339(t, buf);
	put_string(jw, obj, key, buf);
}

/* JSON Feed 1.1 author object: name, and url, which may be a mailto: URL,
 * when the text holds an address. A bare address is also its name, as in
 * Atom, so every author shows a name. */
static json_t *
new_author(struct jw *jw, const char *author)
{
	json_t	*p;
	char	*email, *name, *url;

	p = new_object(jw, "author");
	if (feed_author_email(author, &email, &name)) {
		put_string(jw, p, "name", name != NULL ? name : email);
		url = xasprintf("mailto:%s", email);
		put_string(jw, p, "url", url);
		free(url);
		free(email);
		free(name);
	} else
		put_string(jw, p, "name", author);
	return p;
}

static json_t *
new_item(struct jw *jw, const struct feed_info *info, const struct entry *e)
{
	struct rf_time	 updated;
	const char	*summary;
	json_t		*item, *tags, *authors;
	size_t		 i;

	feed_need(info, e);
	item = new_object(jw, "item");
	/* JSON Feed 1.1: id is a string, unique and never changing; the
	 * explicit one survives a move of the page. */
	put_string(jw, item, "id", e->id != NULL && e->id[0] != '\0' ?
	    e->id : e->permalink);
	put_string(jw, item, "url", e->permalink);
	put_string(jw, item, "title", e->title);
	summary = feed_summary_of(e);
	/* JSON Feed 1.1: content_html or content_text must be present;
	 * summary_only keeps the HTML out, so the summary stands in. */
	if (e->html != NULL && !info->summary_only)
		put_string(jw, item, "content_html", e->html);
	else
		put_string(jw, item, "content_text", summary != NULL ?
		    summary : "");
	if (summary != NULL)
		put_string(jw, item, "summary", summary);
	if (e->has_date)
		put_date(jw, item, "date_published", &e->published);
	updated = feed_entry_updated(e);
	put_date(jw, item, "date_modified", &updated);
	if (e->categories.n > 0) {
		tags = new_array(jw, "tags");
		for (i = 0; i < e->categories.n; i++)
			append(jw, tags, "tags",
			    new_string(e->categories.v[i]));
		put(jw, item, "tags", tags);
	}
	/* Without authors the item has the feed's (JSON Feed 1.1). */
	if (e->authors.n > 0) {
		authors = new_array(jw, "authors");
		for (i = 0; i < e->authors.n; i++)
			append(jw, authors, "authors",
			    new_author(jw, e->authors.v[i]));
		put(jw, item, "authors", authors);
	}
	return item;
}

/* Read the printed document back as a reader would, and compare it with
 * what was built: a cheap proof that it parses and says what we meant. */
static int
read_back(const char *what, const char *doc, size_t len, const json_t *built)
{
	json_error_t	 err;
	json_t		*back;
	int		 rc = -1;

	back = json_loadb(doc, len, JSON_REJECT_DUPLICATES, &err);
	if (back == NULL) {
		diag_error(what, err.line > 0 ? err.line : 0,
		    err.column > 0 ? err.column : 0,
		    "output is not valid JSON: %s", err.text);
		goto out;
	}
	if (!json_is_object(back) || !json_equal(back, built)) {
		diag_error(what, 0, 0, "output does not read back as the "
		    "feed that was written");
		goto out;
	}
	rc = 0;
out:
	json_decref(back);
	return rc;
}

int
feed_json_write(const struct feed_info *info, struct entry *const *entries,
    size_t n, char **out, size_t *outlen)
{
	struct jw	 jw = { NULL };
	json_t		*root = NULL, *authors, *hubs, *hub, *items;
	char		*s = NULL, *author = NULL;
	size_t		 i, len;
	int		 rc = -1;

	*out = NULL;
	*outlen = 0;
	if (feed_check_input("JSON", info, entries, n) < 0)
		goto out;
	root = new_object(&jw, "feed");
	put(&jw, root, "version", json_string(JSONFEED_VERSION));
	put_string(&jw, root, "title", info->title);
	put_string(&jw, root, "home_page_url", info->site_url);
	put_string(&jw, root, "feed_url", info->self_url);
	if (info->description != NULL && info->description[0] != '\0')
		put_string(&jw, root, "description", info->description);
	/* JSON Feed 1.1: icon is the large image, favicon the small one. */
	if (feed_is_set(info->logo))
		put_string(&jw, root, "icon", info->logo);
	else if (feed_is_set(info->icon))
		put_string(&jw, root, "icon", info->icon);
	if (feed_is_set(info->icon))
		put_string(&jw, root, "favicon", info->icon);
	if (info->language != NULL && info->language[0] != '\0')
		put_string(&jw, root, "language", info->language);
	author = feed_author_of(info);
	authors = new_array(&jw, "authors");
	append(&jw, authors, "authors", new_author(&jw,
	    author != NULL ? author : feed_default_author(info)));
	put(&jw, root, "authors", authors);
	if (feed_is_set(info->hub)) {
		hubs = new_array(&jw, "hubs");
		hub = new_object(&jw, "hubs");
		put_string(&jw, hub, "type", "WebSub");
		put_string(&jw, hub, "url", info->hub);
		append(&jw, hubs, "hubs", hub);
		put(&jw, root, "hubs", hubs);
	}
	/* JSON Feed 1.1: items is required, an empty array when empty. */
	items = new_array(&jw, "items");
	for (i = 0; i < n; i++) {
		append(&jw, items, "items", new_item(&jw, info, entries[i]));
		feed_done(info, entries[i]);
	}
	put(&jw, root, "items", items);
	if (jw.failed != NULL) {
		diag_error(info->self_url, 0, 0, "JSON writer failed to add "
		    "\"%s\"", jw.failed);
		goto out;
	}
	if ((s = json_dumps(root, JSONFEED_FLAGS)) == NULL) {
		diag_error(info->self_url, 0, 0, "JSON writer failed to print "
		    "the document");
		goto out;
	}
	len = strlen(s);
	if (read_back(info->self_url, s, len, root) < 0)
		goto out;
	/* A text file ends in a newline; json_dumps writes none. */
	*out = xmalloc(len + 2);
	memcpy(*out, s, len);
	(*out)[len] = '\n';
	(*out)[len + 1] = '\0';
	*outlen = len + 1;
	rc = 0;
out:
	free(author);
	free(s);
	json_decref(root);
	return rc;
}
