/* validate_json.c: a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1)
 * parsed with jansson and checked member by member. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <libxml/hash.h>

#include "diag.h"
#include "util.h"
#include "validate_int.h"

#define VERSION_PREFIX	"https://jsonfeed.org/version/1"
#define VERSION_1_1	"https://jsonfeed.org/version/1.1"

/* Members the specification defines; others need a leading underscore. */
static const char *const top_keys[] = {
	"version", "title", "home_page_url", "feed_url", "description",
	"user_comment", "next_url", "icon", "favicon", "author", "authors",
	"language", "expired", "hubs", "items"
};
static const char *const item_keys[] = {
	"id", "url", "external_url", "title", "content_html", "content_text",
	"summary", "image", "banner_image", "date_published",
	"date_modified", "author", "authors", "tags", "language",
	"attachments"
};

/* How a member is checked: its type, and whether it is a URL or a date. */
enum jkind { J_TEXT, J_URL, J_DATE };

struct json_state {
	const char	*path;
	int		 v1_1;		/* version 1.1: stricter item ids */
	xmlHashTablePtr	 ids;		/* item id -> 1 */
};

/* Warn about members the specification does not define. */
static void
check_keys(struct json_state *st, json_t *obj, const char *where,
    const char *const *known, size_t n)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	json_object_foreach(obj, key, v) {
		for (i = 0; i < n && strcmp(key, known[i]) != 0; i++)
			continue;
		/* Extensions start with an underscore (JSON Feed 1.1). */
		if (i == n && key[0] != '_')
			diag_warning(st->path, 0, 0, "%s%sunknown key %s "
			    "(extensions start with \"_\")", where,
			    where[0] != '\0' ? ": " : "",
			    diag_quote(0, key, strlen(key)));
	}
}

/* Check obj[key]: a string, of the given kind; an error if it is missing
 * and required. */
static void
check_str(struct json_state *st, json_t *obj, const char *where,
    const char *key, enum jkind kind, int required)
{
	json_t		*v = json_object_get(obj, key);
	const char	*s;
	char		 name[128];

	snprintf(name, sizeof(name), "%s%s%s", where,
	    where[0] != '\0' ? "." : "", key);
	if (v == NULL) {
		if (required)
			diag_error(st->path, 0, 0, "%s is required", name);
	} else if (!json_is_string(v))
		diag_error(st->path, 0, 0, "%s must be a string", name);
	else if (kind == J_URL &&
	    !validate_is_absolute(s = json_string_value(v)))
		diag_warning(st->path, 0, 0, "%s %s is not an absolute URL",
		    name, diag_quote(0, s, strlen(s)));
	else if (kind == J_DATE &&
	    !validate_is_rfc3339(s = json_string_value(v)))
		diag_error(st->path, 0, 0, "%s %s is not an RFC 3339 date-time "
		    "with a zone, e.g. \"2024-01-31T10:00:00Z\"", name,
		    diag_quote(0, s, strlen(s)));
}

/* JSON Feed 1.1: an author object has at least one of name, url, avatar. */
static void
check_author(struct json_state *st, json_t *a, const char *name)
{
	if (!json_is_object(a)) {
		diag_error(st->path, 0, 0, "%s must be an object", name);
		goto out;
	}
	check_str(st, a, name, "name", J_TEXT, 0);
	check_str(st, a, name, "url", J_URL, 0);
	check_str(st, a, name, "avatar", J_URL, 0);
	if (json_object_get(a, "name") == NULL &&
	    json_object_get(a, "url") == NULL &&
	    json_object_get(a, "avatar") == NULL)
		diag_error(st->path, 0, 0, "%s has none of name, url and "
		    "avatar", name);
out:
	return;
}

static void
check_authors(struct json_state *st, json_t *obj, const char *where)
{
	json_t	*v;
	size_t	 i;
	char	 name[128];

	snprintf(name, sizeof(name), "%s%sauthor", where,
	    where[0] != '\0' ? "." : "");
	/* The singular "author" of version 1, still allowed alongside. */
	if ((v = json_object_get(obj, "author")) != NULL)
		check_author(st, v, name);
	snprintf(name, sizeof(name), "%s%sauthors", where,
	    where[0] != '\0' ? "." : "");
	if ((v = json_object_get(obj, "authors")) == NULL)
		goto out;
	if (!json_is_array(v)) {
		diag_error(st->path, 0, 0, "%s must be an array of objects",
		    name);
		goto out;
	}
	for (i = 0; i < json_array_size(v); i++) {
		snprintf(name, sizeof(name), "%s%sauthors[%zu]", where,
		    where[0] != '\0' ? "." : "", i);
		check_author(st, json_array_get(v, i), name);
	}
out:
	return;
}

static void
check_tags(struct json_state *st, json_t *item, const char *where)
{
	json_t	*v = json_object_get(item, "tags");
	size_t	 i;

	if (v != NULL && !json_is_array(v))
		diag_error(st->path, 0, 0, "%s.tags must be an array of "
		    "strings", where);
	for (i = 0; v != NULL && i < json_array_size(v); i++)
		if (!json_is_string(json_array_get(v, i)))
			diag_error(st->path, 0, 0, "%s.tags[%zu] must be a "
			    "string", where, i);
}

static void
check_id(struct json_state *st, json_t *item, const char *where)
{
	json_t		*v = json_object_get(item, "id");
	const char	*s;

	if (v == NULL) {
		diag_error(st->path, 0, 0, "%s.id is required", where);
		goto out;
	}
	if (!json_is_string(v)) {
		/* 1.1 says plainly what 1.0 implied: a number is not an id. */
		if (st->v1_1 || !json_is_number(v))
			diag_error(st->path, 0, 0, "%s.id must be a string%s",
			    where, json_is_number(v) ? ", not a number "
			    "(JSON Feed 1.1)" : "");
		else
			diag_warning(st->path, 0, 0, "%s.id is a number; "
			    "JSON Feed 1.1 requires a string", where);
		goto out;
	}
	s = json_string_value(v);
	if (xmlHashLookup(st->ids, (const xmlChar *)s) != NULL)
		diag_warning(st->path, 0, 0, "%s.id %s is a duplicate: readers "
		    "will show only one of the items", where,
		    diag_quote(0, s, strlen(s)));
	else
		(void)xmlHashAddEntry(st->ids, (const xmlChar *)s, st);
out:
	return;
}

static void
check_item(struct json_state *st, json_t *item, size_t i)
{
	char	where[64];

	snprintf(where, sizeof(where), "items[%zu]", i);
	if (!json_is_object(item)) {
		diag_error(st->path, 0, 0, "%s must be an object", where);
		goto out;
	}
	check_keys(st, item, where, item_keys,
	    sizeof(item_keys) / sizeof(item_keys[0]));
	check_id(st, item, where);
	check_str(st, item, where, "url", J_URL, 0);
	check_str(st, item, where, "external_url", J_URL, 0);
	check_str(st, item, where, "title", J_TEXT, 0);
	check_str(st, item, where, "content_html", J_TEXT, 0);
	check_str(st, item, where, "content_text", J_TEXT, 0);
	check_str(st, item, where, "summary", J_TEXT, 0);
	check_str(st, item, where, "image", J_URL, 0);
	check_str(st, item, where, "banner_image", J_URL, 0);
	check_str(st, item, where, "date_published", J_DATE, 0);
	check_str(st, item, where, "date_modified", J_DATE, 0);
	check_str(st, item, where, "language", J_TEXT, 0);
	/* "content_html and content_text are each optional strings — but
	 * one or both must be present." */
	if (json_object_get(item, "content_html") == NULL &&
	    json_object_get(item, "content_text") == NULL)
		diag_error(st->path, 0, 0, "%s has neither content_html nor "
		    "content_text", where);
	check_authors(st, item, where);
	check_tags(st, item, where);
out:
	return;
}

static void
check_feed(struct json_state *st, json_t *root)
{
	json_t	*items, *v;
	size_t	 i;

	check_keys(st, root, "", top_keys,
	    sizeof(top_keys) / sizeof(top_keys[0]));
	check_str(st, root, "", "title", J_TEXT, 1);
	check_str(st, root, "", "home_page_url", J_URL, 0);
	check_str(st, root, "", "feed_url", J_URL, 0);
	check_str(st, root, "", "description", J_TEXT, 0);
	check_str(st, root, "", "user_comment", J_TEXT, 0);
	check_str(st, root, "", "next_url", J_URL, 0);
	check_str(st, root, "", "icon", J_URL, 0);
	check_str(st, root, "", "favicon", J_URL, 0);
	check_str(st, root, "", "language", J_TEXT, 0);
	/* "feed_url (optional but strongly recommended)": the self link. */
	if (json_object_get(root, "feed_url") == NULL)
		diag_warning(st->path, 0, 0, "no feed_url (strongly "
		    "recommended: readers need it to find the feed again)");
	if ((v = json_object_get(root, "expired")) != NULL &&
	    !json_is_boolean(v))
		diag_error(st->path, 0, 0, "expired must be true or false");
	check_authors(st, root, "");
	if ((items = json_object_get(root, "items")) == NULL)
		diag_error(st->path, 0, 0, "items is required");
	else if (!json_is_array(items))
		diag_error(st->path, 0, 0, "items must be an array");
	else
		for (i = 0; i < json_array_size(items); i++)
			check_item(st, json_array_get(items, i), i);
}

void
validate_json(const char *path, const char *data, size_t len)
{
	struct json_state	 st = { path, 0, NULL };
	json_error_t		 err;
	json_t			*root, *v;
	const char		*version = NULL;

	/* A duplicate key is a document two readers can read two ways. */
	if ((root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err)) ==
	    NULL) {
		diag_error(path, err.line > 0 ? err.line : 0, 0,
		    "invalid JSON: %s", err.text);
		goto out;
	}
	if (json_is_object(root) &&
	    (v = json_object_get(root, "version")) != NULL &&
	    json_is_string(v))
		version = json_string_value(v);
	if (version == NULL || strncmp(version, VERSION_PREFIX,
	    strlen(VERSION_PREFIX)) != 0) {
		diag_error(path, 0, 0, "not an RSS 2.0, Atom 1.0 or JSON Feed "
		    "document");
		goto out;
	}
	st.v1_1 = strcmp(version, VERSION_1_1) == 0;
	if (!st.v1_1 && strcmp(version, VERSION_PREFIX) != 0)
		diag_warning(path, 0, 0, "unknown JSON Feed version %s; "
		    "expected \"" VERSION_1_1 "\"",
		    diag_quote(0, version, strlen(version)));
	st.ids = xmlHashCreate(64);
	check_feed(&st, root);
out:
	xmlHashFree(st.ids, NULL);
	json_decref(root);
}
