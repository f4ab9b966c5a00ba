/* test_feed_json.c: the JSON Feed 1.1 writer on entries built in memory,
 * its output read back with jansson as a client would. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "diag.h"
#include "feed.h"
#include "util.h"

/* 2019-06-18T08:00:00Z */
#define T0	1560844800

#define SELF	"https://istio.io/feeds/feed.json"

static const struct feed_info INFO = {
	"Istio releases", "Release announcements", "https://istio.io/",
	SELF, "en", "The Istio Team", "relfeed", NULL, NULL, NULL, NULL, NULL,
	0, NULL, NULL, NULL, NULL, NULL
};

struct feedset {
	struct entry	*v[8];
	size_t		 n;
};

static struct entry *
add(struct feedset *fs, const char *title, const char *permalink,
    int64_t sec, int off)
{
	struct entry	*e = xcalloc(1, sizeof(*e));

	e->path = xasprintf("content/%s.md", title);
	e->title = xstrdup(title);
	e->permalink = xstrdup(permalink);
	e->has_date = 1;
	e->published.sec = e->updated.sec = sec;
	e->published.off = e->updated.off = off;
	fs->v[fs->n++] = e;
	return e;
}

static void
fs_free(struct feedset *fs)
{
	size_t	i;

	for (i = 0; i < fs->n; i++)
		entry_free(fs->v[i]);
	fs->n = 0;
}

/* Write the feed; assert success and the output's framing. */
static char *
jfeed(const struct feed_info *info, struct feedset *fs)
{
	char	*out = NULL;
	size_t	 len = 0;

	ck_assert_int_eq(feed_json_write(info, fs->v, fs->n, &out, &len), 0);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(strlen(out), len);
	ck_assert_uint_gt(len, 2);
	ck_assert_int_eq(out[0], '{');
	ck_assert_int_eq(out[len - 2], '}');
	ck_assert_int_eq(out[len - 1], '\n');
	return out;
}

/* The document as a reader sees it: an object, no duplicate keys. */
static json_t *
parse(const char *doc)
{
	json_error_t	 err;
	json_t		*j;

	j = json_loads(doc, JSON_REJECT_DUPLICATES, &err);
	ck_assert_msg(j != NULL, "not JSON (%d:%d %s):\n%s", err.line,
	    err.column, err.text, doc);
	ck_assert(json_is_object(j));
	return j;
}

static json_t *
get(const json_t *o, const char *key)
{
	json_t	*v;

	ck_assert(json_is_object(o));
	v = json_object_get(o, key);
	ck_assert_msg(v != NULL, "no key \"%s\"", key);
	return v;
}

static const char *
sget(const json_t *o, const char *key)
{
	json_t	*v = get(o, key);

	ck_assert_msg(json_is_string(v), "\"%s\" is not a string", key);
	return json_string_value(v);
}

static json_t *
aget(const json_t *o, const char *key, size_t want_size)
{
	json_t	*v = get(o, key);

	ck_assert_msg(json_is_array(v), "\"%s\" is not an array", key);
	ck_assert_uint_eq(json_array_size(v), want_size);
	return v;
}

#define STR_EQ(o, key, want)	ck_assert_str_eq(sget((o), (key)), (want))

/* The keys of o in document order, joined by commas. */
static void
keys_eq(json_t *o, const char *want)
{
	struct buf	 b = { 0 };
	const char	*k;
	json_t		*v;

	ck_assert(json_is_object(o));
	json_object_foreach(o, k, v) {
		(void)v;
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_adds(&b, k);
	}
	buf_addc(&b, '\0');
	ck_assert_str_eq(b.s, want);
	buf_free(&b);
}

#define HAS(doc, frag) ck_assert_msg(strstr((doc), (frag)) != NULL, \
	"missing \"%s\" in:\n%s", (frag), (doc))
#define HASNT(doc, frag) ck_assert_msg(strstr((doc), (frag)) == NULL, \
	"unexpected \"%s\" in:\n%s", (frag), (doc))

/* Diagnostics captured in memory. */
static char	*diag_text;
static size_t	 diag_len;
static FILE	*diag_f;

static void
capture(void)
{
	diag_f = open_memstream(&diag_text, &diag_len);
	ck_assert_ptr_nonnull(diag_f);
	diag_set_stream(diag_f);
	diag_reset();
}

static void
release(void)
{
	diag_set_stream(NULL);
	fclose(diag_f);
	free(diag_text);
	diag_text = NULL;
}

START_TEST(whole_document)
{
	struct feedset	 fs = { 0 };
	struct entry	*e;
	char		*out;

	e = add(&fs, "Istio 1.2", "https://istio.io/news/1.2/", T0, 120);
	e->id = xstrdup("tag:istio.io,2019:1.2");
	e->html = xstrdup("<p>Hi & bye</p>\n");
	e->summary = xstrdup("Hi & bye");
	e->updated.sec = T0 + 3600;
	strlist_push(&e->categories, "security");
	strlist_push(&e->categories, "1.2");
	strlist_push(&e->authors, "Jane Doe <jane@istio.io>");
	strlist_push(&e->authors, "Bob");
	e = add(&fs, "Istio 1.1", "https://istio.io/news/1.1/", T0 - 86400,
	    0);
	out = jfeed(&INFO, &fs);
	/* Two-space indent, keys in a fixed order, "/" not escaped. */
	ck_assert_str_eq(out,
	    "{\n"
	    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
	    "  \"title\": \"Istio releases\",\n"
	    "  \"home_page_url\": \"https://istio.io/\",\n"
	    "  \"feed_url\": \"https://istio.io/feeds/feed.json\",\n"
	    "  \"description\": \"Release announcements\",\n"
	    "  \"language\": \"en\",\n"
	    "  \"authors\": [\n"
	    "    {\n"
	    "      \"name\": \"The Istio Team\"\n"
	    "    }\n"
	    "  ],\n"
	    "  \"items\": [\n"
	    "    {\n"
	    "      \"id\": \"tag:istio.io,2019:1.2\",\n"
	    "      \"url\": \"https://istio.io/news/1.2/\",\n"
	    "      \"title\": \"Istio 1.2\",\n"
	    "      \"content_html\": \"<p>Hi & bye</p>\\n\",\n"
	    "      \"summary\": \"Hi & bye\",\n"
	    "      \"date_published\": \"2019-06-18T10:00:00+02:00\",\n"
	    "      \"date_modified\": \"2019-06-18T11:00:00+02:00\",\n"
	    "      \"tags\": [\n"
	    "        \"security\",\n"
	    "        \"1.2\"\n"
	    "      ],\n"
	    "      \"authors\": [\n"
	    "        {\n"
	    "          \"name\": \"Jane Doe\",\n"
	    "          \"url\": \"mailto:jane@istio.io\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"name\": \"Bob\"\n"
	    "        }\n"
	    "      ]\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"https://istio.io/news/1.1/\",\n"
	    "      \"url\": \"https://istio.io/news/1.1/\",\n"
	    "      \"title\": \"Istio 1.1\",\n"
	    "      \"content_text\": \"\",\n"
	    "      \"date_published\": \"2019-06-17T08:00:00Z\",\n"
	    "      \"date_modified\": \"2019-06-17T08:00:00Z\"\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(head_fields)
{
	struct feedset	 fs = { 0 };
	json_t		*j, *a;
	char		*out;

	add(&fs, "a", "https://istio.io/a/", T0, 0);
	out = jfeed(&INFO, &fs);
	j = parse(out);
	keys_eq(j, "version,title,home_page_url,feed_url,description,"
	    "language,authors,items");
	STR_EQ(j, "version", "https://jsonfeed.org/version/1.1");
	STR_EQ(j, "title", "Istio releases");
	STR_EQ(j, "home_page_url", "https://istio.io/");
	STR_EQ(j, "feed_url", SELF);
	STR_EQ(j, "description", "Release announcements");
	STR_EQ(j, "language", "en");
	a = aget(j, "authors", 1);
	keys_eq(json_array_get(a, 0), "name");
	STR_EQ(json_array_get(a, 0), "name", "The Istio Team");
	aget(j, "items", 1);
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(head_defaults)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	json_t		*j, *a;
	char		*out;

	/* Unset and empty are the same: the key is left out. */
	info.description = NULL;
	info.language = "";
	info.author = NULL;
	info.generator = NULL;
	out = jfeed(&info, &fs);
	j = parse(out);
	keys_eq(j, "version,title,home_page_url,feed_url,authors,items");
	/* Like Atom's feed-level author: the title stands in for it. */
	a = aget(j, "authors", 1);
	STR_EQ(json_array_get(a, 0), "name", "Istio releases");
	json_decref(j);
	free(out);

	info.description = "";
	info.author = "Team <team@istio.io>";
	out = jfeed(&info, &fs);
	j = parse(out);
	keys_eq(j, "version,title,home_page_url,feed_url,authors,items");
	a = aget(j, "authors", 1);
	keys_eq(json_array_get(a, 0), "name,url");
	STR_EQ(json_array_get(a, 0), "name", "Team");
	STR_EQ(json_array_get(a, 0), "url", "mailto:team@istio.io");
	json_decref(j);
	free(out);
}
END_TEST

START_TEST(empty_feed)
{
	struct feedset	 fs = { 0 };
	json_t		*j;
	char		*out;

	out = jfeed(&INFO, &fs);
	/* JSON Feed 1.1: items is required, so an empty feed has []. */
	HAS(out, "\n  \"items\": []\n}\n");
	j = parse(out);
	aget(j, "items", 0);
	json_decref(j);
	free(out);
}
END_TEST

START_TEST(item_fields)
{
	struct feedset	 fs = { 0 };
	struct entry	*e;
	json_t		*j, *items, *it, *tags;
	char		*out;

	e = add(&fs, "a", "https://istio.io/a/", T0, 120);
	e->id = xstrdup("tag:istio.io,2019:a");
	e->description = xstrdup("What the author wrote");
	e->summary = xstrdup("First paragraph");
	e->html = xstrdup("<p>A</p>\n");
	strlist_push(&e->categories, "security");
	strlist_push(&e->categories, "1.2");
	e = add(&fs, "b", "https://istio.io/b/", T0 - 60, 0);
	e->description = xstrdup("");
	e->summary = xstrdup("First paragraph of b");
	e->html = xstrdup("");
	e = add(&fs, "c", "https://istio.io/c/", T0 - 120, 0);
	e->id = xstrdup("");
	e->html = xstrdup("<p>C</p>");
	out = jfeed(&INFO, &fs);
	j = parse(out);
	items = aget(j, "items", 3);

	it = json_array_get(items, 0);
	keys_eq(it, "id,url,title,content_html,summary,date_published,"
	    "date_modified,tags");
	STR_EQ(it, "id", "tag:istio.io,2019:a");
	STR_EQ(it, "url", "https://istio.io/a/");
	STR_EQ(it, "title", "a");
	STR_EQ(it, "content_html", "<p>A</p>\n");
	/* The description the author wrote wins over the rendered one. */
	STR_EQ(it, "summary", "What the author wrote");
	STR_EQ(it, "date_published", "2019-06-18T10:00:00+02:00");
	STR_EQ(it, "date_modified", "2019-06-18T10:00:00+02:00");
	tags = aget(it, "tags", 2);
	ck_assert(json_is_string(json_array_get(tags, 0)));
	ck_assert_str_eq(json_string_value(json_array_get(tags, 0)),
	    "security");
	/* A version-like tag stays a string. */
	ck_assert(json_is_string(json_array_get(tags, 1)));
	ck_assert_str_eq(json_string_value(json_array_get(tags, 1)), "1.2");

	/* No id: the permalink, as a string. Empty description: the
	 * rendered summary. No categories, no authors: no such keys. */
	it = json_array_get(items, 1);
	keys_eq(it, "id,url,title,content_html,summary,date_published,"
	    "date_modified");
	STR_EQ(it, "id", "https://istio.io/b/");
	STR_EQ(it, "content_html", "");
	STR_EQ(it, "summary", "First paragraph of b");
	STR_EQ(it, "date_published", "2019-06-18T07:59:00Z");

	/* An empty id is no id; no summary at all: no summary key. */
	it = json_array_get(items, 2);
	keys_eq(it, "id,url,title,content_html,date_published,"
	    "date_modified");
	STR_EQ(it, "id", "https://istio.io/c/");
	HASNT(out, "\"tags\": []");
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(no_html)
{
	struct feedset	 fs = { 0 };
	struct entry	*e;
	json_t		*j, *it;
	char		*out;

	/* JSON Feed 1.1: content_html or content_text must be present. */
	e = add(&fs, "a", "https://istio.io/a/", T0, 0);
	e->summary = xstrdup("Plain <text>");
	add(&fs, "b", "https://istio.io/b/", T0, 0);
	out = jfeed(&INFO, &fs);
	j = parse(out);
	it = json_array_get(aget(j, "items", 2), 0);
	keys_eq(it, "id,url,title,content_text,summary,date_published,"
	    "date_modified");
	STR_EQ(it, "content_text", "Plain <text>");
	STR_EQ(it, "summary", "Plain <text>");
	it = json_array_get(json_object_get(j, "items"), 1);
	STR_EQ(it, "content_text", "");
	HASNT(out, "content_html");
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(dates)
{
	struct feedset	 fs = { 0 };
	struct entry	*e;
	json_t		*j, *items, *it;
	char		*out;
	size_t		 i;

	/* Updated before published: modified is the publish time (RFC
	 * 4287 readers and JSON Feed readers alike expect modified >=
	 * published). */
	e = add(&fs, "a", "https://istio.io/a/", T0, 120);
	e->updated.sec = T0 - 86400;
	e->updated.off = 0;
	/* Updated later, in another zone: kept as written. */
	e = add(&fs, "b", "https://istio.io/b/", T0, -420);
	e->updated.sec = T0 + 90;
	e->updated.off = 330;
	/* No publish date: only date_modified. */
	e = add(&fs, "c", "https://istio.io/c/", 0, 0);
	e->has_date = 0;
	e->updated.sec = T0 - 30;
	out = jfeed(&INFO, &fs);
	j = parse(out);
	items = aget(j, "items", 3);
	it = json_array_get(items, 0);
	STR_EQ(it, "date_published", "2019-06-18T10:00:00+02:00");
	STR_EQ(it, "date_modified", "2019-06-18T10:00:00+02:00");
	it = json_array_get(items, 1);
	STR_EQ(it, "date_published", "2019-06-18T01:00:00-07:00");
	STR_EQ(it, "date_modified", "2019-06-18T13:31:30+05:30");
	it = json_array_get(items, 2);
	ck_assert_ptr_null(json_object_get(it, "date_published"));
	STR_EQ(it, "date_modified", "2019-06-18T07:59:30Z");
	for (i = 0; i < fs.n; i++) {
		struct rf_time	u = feed_entry_updated(fs.v[i]);

		ck_assert(!fs.v[i]->has_date ||
		    u.sec >= fs.v[i]->published.sec);
	}
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(authors)
{
	struct feedset	 fs = { 0 };
	struct entry	*e;
	json_t		*j, *items, *a, *p;
	char		*out;

	e = add(&fs, "a", "https://istio.io/a/", T0, 0);
	strlist_push(&e->authors, "Jane Doe <jane@istio.io>");
	strlist_push(&e->authors, "Bob");
	strlist_push(&e->authors, "carol@istio.io (Carol)");
	strlist_push(&e->authors, "dave@istio.io");
	strlist_push(&e->authors, "mailto:erin@istio.io");
	strlist_push(&e->authors, "Not <an address>");
	add(&fs, "b", "https://istio.io/b/", T0 - 60, 0);
	out = jfeed(&INFO, &fs);
	j = parse(out);
	items = aget(j, "items", 2);
	a = aget(json_array_get(items, 0), "authors", 6);
	p = json_array_get(a, 0);
	keys_eq(p, "name,url");
	STR_EQ(p, "name", "Jane Doe");
	STR_EQ(p, "url", "mailto:jane@istio.io");
	p = json_array_get(a, 1);
	keys_eq(p, "name");
	STR_EQ(p, "name", "Bob");
	p = json_array_get(a, 2);
	STR_EQ(p, "name", "Carol");
	STR_EQ(p, "url", "mailto:carol@istio.io");
	/* A bare address is its own name, as in Atom. */
	p = json_array_get(a, 3);
	STR_EQ(p, "name", "dave@istio.io");
	STR_EQ(p, "url", "mailto:dave@istio.io");
	p = json_array_get(a, 4);
	STR_EQ(p, "name", "erin@istio.io");
	STR_EQ(p, "url", "mailto:erin@istio.io");
	p = json_array_get(a, 5);
	keys_eq(p, "name");
	STR_EQ(p, "name", "Not <an address>");
	/* No authors: the item inherits the feed's (JSON Feed 1.1). */
	ck_assert_ptr_null(json_object_get(json_array_get(items, 1),
	    "authors"));
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

/* Everything a front matter can smuggle in, and what survives of it:
 * control characters go, invalid UTF-8 becomes U+FFFD, the rest stays. */
#define HOSTILE	"A & B <c> \"q\" back\\slash \x01\x1f\x7f tab\there " \
	"\xff\xc3( Gr\xc3\xbc\xc3\x9f" "e \xe6\x97\xa5 \xf0\x9f\x98\x80 " \
	"\xed\xa0\x80!"
#define CLEANED	"A & B <c> \"q\" back\\slash \x7f tab\there " \
	"\xef\xbf\xbd\xef\xbf\xbd( Gr\xc3\xbc\xc3\x9f" "e \xe6\x97\xa5 " \
	"\xf0\x9f\x98\x80 !"

START_TEST(hostile_text)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	struct entry	*e;
	json_t		*j, *it;
	char		*out;
	const char	*p;

	info.title = HOSTILE;
	info.description = HOSTILE;
	info.site_url = HOSTILE;
	info.self_url = HOSTILE;
	info.language = HOSTILE;
	info.author = HOSTILE;
	e = add(&fs, HOSTILE, HOSTILE, T0, 0);
	e->id = xstrdup(HOSTILE);
	e->html = xstrdup(HOSTILE);
	e->description = xstrdup(HOSTILE);
	strlist_push(&e->categories, HOSTILE);
	strlist_push(&e->authors, HOSTILE);
	out = jfeed(&info, &fs);
	/* Escaped by jansson, non-ASCII left as UTF-8 (no ENSURE_ASCII). */
	HAS(out, "\"A & B <c> \\\"q\\\" back\\\\slash \x7f tab\\there "
	    "\xef\xbf\xbd\xef\xbf\xbd( Gr\xc3\xbc\xc3\x9f" "e");
	HASNT(out, "\\u");
	for (p = out; *p != '\0'; p++)
		ck_assert_msg((unsigned char)*p >= 0x20 || *p == '\n',
		    "raw control byte 0x%02x", (unsigned char)*p);
	j = parse(out);
	STR_EQ(j, "title", CLEANED);
	STR_EQ(j, "description", CLEANED);
	STR_EQ(j, "home_page_url", CLEANED);
	STR_EQ(j, "feed_url", CLEANED);
	STR_EQ(j, "language", CLEANED);
	STR_EQ(json_array_get(aget(j, "authors", 1), 0), "name", CLEANED);
	it = json_array_get(aget(j, "items", 1), 0);
	STR_EQ(it, "id", CLEANED);
	STR_EQ(it, "url", CLEANED);
	STR_EQ(it, "title", CLEANED);
	STR_EQ(it, "content_html", CLEANED);
	STR_EQ(it, "summary", CLEANED);
	ck_assert_str_eq(json_string_value(json_array_get(aget(it, "tags",
	    1), 0)), CLEANED);
	STR_EQ(json_array_get(aget(it, "authors", 1), 0), "name", CLEANED);
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(hostile_address)
{
	struct feedset	 fs = { 0 };
	struct entry	*e;
	json_t		*j, *p;
	char		*out;

	/* An address with invalid UTF-8 in the name part still gives a
	 * valid document. */
	e = add(&fs, "a", "https://istio.io/a/", T0, 0);
	strlist_push(&e->authors, "J\xff\x01 <j@istio.io>");
	out = jfeed(&INFO, &fs);
	j = parse(out);
	p = json_array_get(aget(json_array_get(aget(j, "items", 1), 0),
	    "authors", 1), 0);
	STR_EQ(p, "name", "J\xef\xbf\xbd");
	STR_EQ(p, "url", "mailto:j@istio.io");
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(deterministic)
{
	struct feedset	 fs = { 0 };
	struct entry	*e;
	char		*a, *b;
	int		 i;

	for (i = 0; i < 6; i++) {
		char	title[16], url[64];

		snprintf(title, sizeof(title), "t%d", i);
		snprintf(url, sizeof(url), "https://istio.io/%d/", i);
		e = add(&fs, title, url, T0 - i * 3600, i * 60);
		e->html = xasprintf("<p>%d</p>", i);
		strlist_push(&e->categories, "z");
		strlist_push(&e->categories, "a");
		strlist_push(&e->authors, "A <a@istio.io>");
	}
	a = jfeed(&INFO, &fs);
	b = jfeed(&INFO, &fs);
	ck_assert_str_eq(a, b);
	/* Tags keep the front matter's order: no sorting anywhere. */
	HAS(a, "\"tags\": [\n        \"z\",\n        \"a\"\n      ]");
	free(a);
	free(b);
	fs_free(&fs);
}
END_TEST

START_TEST(site_settings)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	struct entry	*e;
	char		*out;

	e = add(&fs, "a", "https://istio.io/a/", T0, 0);
	e->html = xstrdup("<p>Body</p>");
	e->summary = xstrdup("Sum");
	info.author_email = "team@istio.io";
	info.hub = "https://pubsubhubbub.appspot.com/";
	info.icon = "https://istio.io/favicon.png";
	info.logo = "https://istio.io/logo.png";
	info.copyright = "Copyright 2019 Istio Authors";
	out = jfeed(&info, &fs);
	/* icon is JSON Feed's large image, favicon its small one; JSON
	 * Feed 1.1 has no copyright. */
	ck_assert_str_eq(out,
	    "{\n"
	    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
	    "  \"title\": \"Istio releases\",\n"
	    "  \"home_page_url\": \"https://istio.io/\",\n"
	    "  \"feed_url\": \"https://istio.io/feeds/feed.json\",\n"
	    "  \"description\": \"Release announcements\",\n"
	    "  \"icon\": \"https://istio.io/logo.png\",\n"
	    "  \"favicon\": \"https://istio.io/favicon.png\",\n"
	    "  \"language\": \"en\",\n"
	    "  \"authors\": [\n"
	    "    {\n"
	    "      \"name\": \"The Istio Team\",\n"
	    "      \"url\": \"mailto:team@istio.io\"\n"
	    "    }\n"
	    "  ],\n"
	    "  \"hubs\": [\n"
	    "    {\n"
	    "      \"type\": \"WebSub\",\n"
	    "      \"url\": \"https://pubsubhubbub.appspot.com/\"\n"
	    "    }\n"
	    "  ],\n"
	    "  \"items\": [\n"
	    "    {\n"
	    "      \"id\": \"https://istio.io/a/\",\n"
	    "      \"url\": \"https://istio.io/a/\",\n"
	    "      \"title\": \"a\",\n"
	    "      \"content_html\": \"<p>Body</p>\",\n"
	    "      \"summary\": \"Sum\",\n"
	    "      \"date_published\": \"2019-06-18T08:00:00Z\",\n"
	    "      \"date_modified\": \"2019-06-18T08:00:00Z\"\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	HASNT(out, "Copyright");
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(images)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	json_t		*j;
	char		*out;

	info.icon = "https://istio.io/favicon.png";
	out = jfeed(&info, &fs);
	j = parse(out);
	keys_eq(j, "version,title,home_page_url,feed_url,description,icon,"
	    "favicon,language,authors,items");
	STR_EQ(j, "icon", "https://istio.io/favicon.png");
	STR_EQ(j, "favicon", "https://istio.io/favicon.png");
	json_decref(j);
	free(out);

	info.icon = "";
	info.logo = "https://istio.io/logo.png";
	out = jfeed(&info, &fs);
	j = parse(out);
	keys_eq(j, "version,title,home_page_url,feed_url,description,icon,"
	    "language,authors,items");
	STR_EQ(j, "icon", "https://istio.io/logo.png");
	json_decref(j);
	free(out);
}
END_TEST

START_TEST(author_email)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	struct entry	*e;
	json_t		*j, *a;
	char		*out;

	e = add(&fs, "a", "https://istio.io/a/", T0, 0);
	strlist_push(&e->authors, "Jane");
	add(&fs, "b", "https://istio.io/b/", T0 - 60, 0);
	/* The setting's address wins over the author's; its name stays. */
	info.author = "Team <old@istio.io>";
	info.author_email = "mailto:team@istio.io";
	out = jfeed(&info, &fs);
	j = parse(out);
	a = aget(j, "authors", 1);
	keys_eq(json_array_get(a, 0), "name,url");
	STR_EQ(json_array_get(a, 0), "name", "Team");
	STR_EQ(json_array_get(a, 0), "url", "mailto:team@istio.io");
	/* Items keep their own or inherit, as before. */
	a = aget(json_array_get(aget(j, "items", 2), 0), "authors", 1);
	keys_eq(json_array_get(a, 0), "name");
	ck_assert_ptr_null(json_object_get(json_array_get(json_object_get(j,
	    "items"), 1), "authors"));
	json_decref(j);
	free(out);

	/* No author: the title names the address. */
	info.author = NULL;
	out = jfeed(&info, &fs);
	j = parse(out);
	a = aget(j, "authors", 1);
	STR_EQ(json_array_get(a, 0), "name", "Istio releases");
	STR_EQ(json_array_get(a, 0), "url", "mailto:team@istio.io");
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(summary_only)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	struct entry	*e;
	json_t		*j, *items, *it;
	char		*out;

	e = add(&fs, "a", "https://istio.io/a/", T0, 0);
	e->description = xstrdup("What the author wrote");
	e->summary = xstrdup("First paragraph");
	e->html = xstrdup("<p>First paragraph</p><p>More</p>");
	e = add(&fs, "b", "https://istio.io/b/", T0 - 60, 0);
	e->html = xstrdup("<p>No summary</p>");
	info.summary_only = 1;
	out = jfeed(&info, &fs);
	HASNT(out, "content_html");
	HASNT(out, "<p>");
	j = parse(out);
	items = aget(j, "items", 2);
	/* JSON Feed 1.1 requires content_html or content_text: the
	 * summary is the text. */
	it = json_array_get(items, 0);
	keys_eq(it, "id,url,title,content_text,summary,date_published,"
	    "date_modified");
	STR_EQ(it, "content_text", "What the author wrote");
	STR_EQ(it, "summary", "What the author wrote");
	it = json_array_get(items, 1);
	keys_eq(it, "id,url,title,content_text,date_published,"
	    "date_modified");
	STR_EQ(it, "content_text", "");
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(settings_empty_or_hostile)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	json_t		*j;
	char		*want, *out;

	add(&fs, "a", "https://istio.io/a/", T0, 0);
	want = jfeed(&info, &fs);
	/* "" is no setting: the bytes are those of NULL. */
	info.author_email = "";
	info.hub = "";
	info.icon = "";
	info.logo = "";
	info.copyright = "";
	out = jfeed(&info, &fs);
	ck_assert_str_eq(out, want);
	free(out);
	free(want);

	info.hub = HOSTILE;
	info.icon = HOSTILE;
	info.logo = HOSTILE;
	out = jfeed(&info, &fs);
	j = parse(out);
	STR_EQ(j, "icon", CLEANED);
	STR_EQ(j, "favicon", CLEANED);
	STR_EQ(json_array_get(aget(j, "hubs", 1), 0), "url", CLEANED);
	json_decref(j);
	free(out);
	fs_free(&fs);
}
END_TEST

START_TEST(bad_author_email)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	char		*out = (char *)1;
	size_t		 len = 1;

	capture();
	info.author_email = "team at istio.io";
	ck_assert_int_eq(feed_json_write(&info, fs.v, 0, &out, &len), -1);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	fflush(diag_f);
	ck_assert_str_eq(diag_text,
	    "relfeed: error: JSON feed author e-mail \"team at istio.io\" is "
	    "not an address (expected name@example.com)\n");
	release();
}
END_TEST

START_TEST(bad_input)
{
	struct feed_info info = INFO;
	struct feedset	 fs = { 0 };
	struct entry	*e;
	char		*out = (char *)1;
	size_t		 len = 1;

	capture();
	info.title = NULL;
	ck_assert_int_eq(feed_json_write(&info, fs.v, 0, &out, &len), -1);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	e = add(&fs, "a", "https://istio.io/a/", T0, 0);
	free(e->permalink);
	e->permalink = NULL;
	out = (char *)1;
	len = 1;
	ck_assert_int_eq(feed_json_write(&INFO, fs.v, 1, &out, &len), -1);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	fflush(diag_f);
	ck_assert_str_eq(diag_text,
	    "relfeed: error: JSON feed needs a title, a site URL and its own "
	    "URL\n"
	    "content/a.md: error: JSON feed entry needs a title and a "
	    "permalink\n");
	release();
	fs_free(&fs);
}
END_TEST

/* jansson's allocations, made to fail after a given number. */
static long	alloc_left;

static void *
failing_malloc(size_t n)
{
	if (alloc_left <= 0)
		return NULL;
	alloc_left--;
	return malloc(n);
}

START_TEST(jansson_failure)
{
	struct feedset	 fs = { 0 };
	struct entry	*e;
	char		*out, *ok;
	size_t		 len;
	long		 k;
	int		 r, seen_add = 0, seen_print = 0, seen_read = 0;

	e = add(&fs, "a", "https://istio.io/a/", T0, 0);
	e->html = xstrdup("<p>A</p>");
	strlist_push(&e->categories, "x");
	strlist_push(&e->authors, "A <a@istio.io>");
	add(&fs, "b", "https://istio.io/b/", T0 - 60, 0);
	ok = jfeed(&INFO, &fs);
	/* Fail the first, second, ... allocation until none fails: every
	 * failure is reported once, naming the feed, and leaks nothing
	 * (the sanitizer build proves that part). */
	for (k = 0; ; k++) {
		ck_assert_int_lt(k, 100000);
		capture();
		alloc_left = k;
		out = (char *)1;
		len = 1;
		json_set_alloc_funcs(failing_malloc, free);
		r = feed_json_write(&INFO, fs.v, fs.n, &out, &len);
		json_set_alloc_funcs(malloc, free);
		fflush(diag_f);
		if (r == 0) {
			ck_assert_str_eq(diag_text, "");
			ck_assert_str_eq(out, ok);
			free(out);
			release();
			break;
		}
		ck_assert_int_eq(r, -1);
		ck_assert_ptr_null(out);
		ck_assert_uint_eq(len, 0);
		ck_assert_int_eq(diag_errors(), 1);
		/* jansson's reader reports running out of memory as a
		 * syntax error with a position. */
		ck_assert_msg(strncmp(diag_text, SELF ":",
		    strlen(SELF ":")) == 0, "got %s", diag_text);
		if (strstr(diag_text, "JSON writer failed to add \"") != NULL)
			seen_add = 1;
		else if (strcmp(diag_text, SELF ": error: JSON writer failed "
		    "to print the document\n") == 0)
			seen_print = 1;
		else if (strstr(diag_text, "output is not valid JSON: ") !=
		    NULL)
			seen_read = 1;
		else
			ck_abort_msg("unexpected: %s", diag_text);
		release();
	}
	ck_assert(seen_add && seen_print && seen_read);
	/* The first failure is the one reported. */
	capture();
	alloc_left = 0;
	json_set_alloc_funcs(failing_malloc, free);
	r = feed_json_write(&INFO, fs.v, fs.n, &out, &len);
	json_set_alloc_funcs(malloc, free);
	fflush(diag_f);
	ck_assert_int_eq(r, -1);
	ck_assert_str_eq(diag_text, SELF ": error: JSON writer failed to "
	    "add \"feed\"\n");
	release();
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	free(ok);
	fs_free(&fs);
}
END_TEST

static Suite *
feed_json_suite(void)
{
	Suite	*s = suite_create("feed_json");
	TCase	*tc;

	tc = tcase_create("document");
	tcase_add_test(tc, whole_document);
	tcase_add_test(tc, head_fields);
	tcase_add_test(tc, head_defaults);
	tcase_add_test(tc, empty_feed);
	tcase_add_test(tc, item_fields);
	tcase_add_test(tc, no_html);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, authors);
	tcase_add_test(tc, site_settings);
	tcase_add_test(tc, images);
	tcase_add_test(tc, author_email);
	tcase_add_test(tc, summary_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("robust");
	tcase_add_test(tc, hostile_text);
	tcase_add_test(tc, hostile_address);
	tcase_add_test(tc, deterministic);
	tcase_add_test(tc, settings_empty_or_hostile);
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, bad_author_email);
	tcase_add_test(tc, jansson_failure);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(feed_json_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
