/* test_entry.c: entry metadata from front matter, every tolerance and every
 * error with its place, and a run over the real-world corpus. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "entry.h"
#include "support.h"

static const struct entry_opts utc = { 0, NULL, NULL };
static const struct entry_opts plus2 = { 120, NULL, NULL };
#include "util.h"

#define DAY	86400
/* 2019-06-18T00:00:00Z */
#define JUNE18	((int64_t)18065 * DAY)

static enum entry_load_result
load_as(const char *relpath, const char *s, struct entry **e)
{
	return entry_load("p.md", relpath, s, strlen(s), &utc, e);
}

static enum entry_load_result
load(const char *s, struct entry **e)
{
	return load_as("a/index.md", s, e);
}

/* Load s, expect ENTRY_ERROR, no entry, and exactly msg. */
static void
expect_error(const char *s, const char *msg)
{
	struct entry	*e = (struct entry *)1;

	ck_assert_int_eq(load(s, &e), ENTRY_ERROR);
	ck_assert_ptr_null(e);
	ck_assert_str_eq(support_diags(), msg);
}

START_TEST(full_entry)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: Announcing 1.10\nsubtitle: Minor\n"
	    "description: The release.\npublishdate: 2019-06-18\n"
	    "lastmod: 2019-06-19T10:00:00+02:00\nexpirydate: 2030-01-01\n"
	    "release: 1.10\nurl: /x/\nslug: ann\nid: tag:x,2019:1\n"
	    "attribution: The Team\ntags: [a, b]\ndraft: false\n"
	    "weight: 3\nunknown: {a: [1, 2]}\n---\n\nBody *text*.\n", &e),
	    ENTRY_OK);
	ck_assert_str_eq(e->path, "p.md");
	ck_assert_str_eq(e->relpath, "a/index.md");
	ck_assert_str_eq(e->title, "Announcing 1.10");
	ck_assert_str_eq(e->subtitle, "Minor");
	ck_assert_str_eq(e->description, "The release.");
	ck_assert_str_eq(e->release, "1.10");
	ck_assert_str_eq(e->url, "/x/");
	ck_assert_str_eq(e->slug, "ann");
	ck_assert_str_eq(e->id, "tag:x,2019:1");
	ck_assert_uint_eq(e->authors.n, 1);
	ck_assert_str_eq(e->authors.v[0], "The Team");
	ck_assert_uint_eq(e->categories.n, 2);
	ck_assert_str_eq(e->categories.v[1], "b");
	ck_assert_int_eq(e->has_date, 1);
	ck_assert_int_eq(e->published.sec, JUNE18);
	ck_assert_int_eq(e->published.off, 0);
	ck_assert_int_eq(e->updated.sec, JUNE18 + DAY + 8 * 3600);
	ck_assert_int_eq(e->updated.off, 120);
	ck_assert_int_eq(e->has_expiry, 1);
	ck_assert_int_eq(e->expiry.sec, (int64_t)21915 * DAY);
	ck_assert_int_eq(e->draft, 0);
	ck_assert_int_eq(e->is_list_page, 0);
	ck_assert_str_eq(e->body, "\nBody *text*.\n");
	ck_assert_uint_eq(e->body_len, 14);
	ck_assert_int_eq(e->body_line, 18);
	ck_assert_ptr_null(e->permalink);
	ck_assert_str_eq(support_diags(), "");
	entry_free(e);
}
END_TEST

START_TEST(minimal_entry)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: T\n---\n", &e), ENTRY_OK);
	ck_assert_ptr_null(e->subtitle);
	ck_assert_ptr_null(e->description);
	ck_assert_ptr_null(e->release);
	ck_assert_ptr_null(e->id);
	ck_assert_uint_eq(e->authors.n, 0);
	ck_assert_uint_eq(e->categories.n, 0);
	/* No date is the caller's business, not an error here. */
	ck_assert_int_eq(e->has_date, 0);
	ck_assert_int_eq(e->has_expiry, 0);
	ck_assert_int_eq(e->is_list_page, 0);
	ck_assert_str_eq(e->body, "");
	ck_assert_uint_eq(e->body_len, 0);
	ck_assert_int_eq(e->body_line, 4);
	ck_assert_str_eq(support_diags(), "");
	entry_free(e);
}
END_TEST

START_TEST(bom_crlf_blank_lines)
{
	struct entry	*e;

	ck_assert_int_eq(load("\xef\xbb\xbf\r\n\r\n---  \r\ntitle: T\r\n"
	    "date: 2019-06-18\r\n--- \r\nbody\r\n", &e), ENTRY_OK);
	ck_assert_str_eq(e->title, "T");
	ck_assert_int_eq(e->published.sec, JUNE18);
	ck_assert_str_eq(e->body, "body\r\n");
	ck_assert_int_eq(e->body_line, 7);
	entry_free(e);
}
END_TEST

START_TEST(indented_keys)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\n title: T\n publishdate: 2019-06-18\n"
	    " release: 1.17.3\n---\n", &e), ENTRY_OK);
	ck_assert_str_eq(e->title, "T");
	ck_assert_str_eq(e->release, "1.17.3");
	ck_assert_int_eq(e->has_date, 1);
	entry_free(e);
}
END_TEST

START_TEST(scalars_kept_as_text)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: 1.20\nrelease: 1.0\nslug: 0x10\n"
	    "description: \"quoted: yes\"\n---\n", &e), ENTRY_OK);
	ck_assert_str_eq(e->title, "1.20");
	ck_assert_str_eq(e->release, "1.0");
	ck_assert_str_eq(e->slug, "0x10");
	ck_assert_str_eq(e->description, "quoted: yes");
	entry_free(e);
}
END_TEST

START_TEST(date_aliases_first_wins)
{
	struct entry	*e;

	/* publishdate comes before date in the alias list. */
	ck_assert_int_eq(load("---\ntitle: T\ndate: 2020-01-01\n"
	    "publishdate: 2019-06-18\n---\n", &e), ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18);
	/* updated defaults to the publish date. */
	ck_assert_int_eq(e->updated.sec, JUNE18);
	entry_free(e);
	ck_assert_int_eq(load("---\ntitle: T\npubdate: 2019-06-18\n"
	    "updated: 2019-06-19\n---\n", &e), ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18);
	ck_assert_int_eq(e->updated.sec, JUNE18 + DAY);
	entry_free(e);
	ck_assert_int_eq(load("---\ntitle: T\npublishDate: 2019-06-18\n"
	    "---\n", &e), ENTRY_OK);
	ck_assert_int_eq(e->has_date, 1);
	entry_free(e);
	ck_assert_int_eq(load("---\ntitle: T\npublished: 2019-06-18\n"
	    "date: 2020-01-01\n---\n", &e), ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18);
	entry_free(e);
	/* An empty alias counts as absent: the next one is used. */
	ck_assert_int_eq(load("---\ntitle: T\npublishdate:\n"
	    "date: 2019-06-18\n---\n", &e), ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18);
	entry_free(e);
}
END_TEST

START_TEST(jekyll_dates_and_flag)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: T\ndate: 2019-06-18 10:00:00 -0700\n"
	    "published: false\n---\n", &e), ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18 + 17 * 3600);
	ck_assert_int_eq(e->published.off, -420);
	ck_assert_int_eq(e->draft, 1);
	entry_free(e);
	ck_assert_int_eq(load("---\ntitle: T\npublished: true\n"
	    "date: 2019-06-18\n---\n", &e), ENTRY_OK);
	ck_assert_int_eq(e->draft, 0);
	ck_assert_int_eq(e->has_date, 1);
	ck_assert_int_eq(e->published.sec, JUNE18);
	entry_free(e);
	ck_assert_int_eq(load("---\ntitle: T\npublished: True\n---\n", &e),
	    ENTRY_OK);
	ck_assert_int_eq(e->has_date, 0);
	ck_assert_str_eq(support_diags(), "");
	entry_free(e);
}
END_TEST

START_TEST(err_id_not_a_uri)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: T\nid: (tag:example.org,2020:x\n"
	    "---\n", &e), ENTRY_ERROR);
	ck_assert_str_eq(support_diags(), "p.md:3:5: error: 'id' must be an "
	    "absolute URI without spaces, such as tag:example.org,2019:"
	    "announcing-1.2, not \"(tag:example.org,2020:x\"\n");
	support_diag_capture();
	ck_assert_int_eq(load("---\ntitle: T\nid: urn:a b\n---\n", &e),
	    ENTRY_ERROR);
	support_diag_capture();
	ck_assert_int_eq(load("---\ntitle: T\nid: tag:example.org,2019:x\n"
	    "---\n", &e), ENTRY_OK);
	ck_assert_str_eq(e->id, "tag:example.org,2019:x");
	entry_free(e);
	/* A url becomes the entry's link. */
	ck_assert_int_eq(load("---\ntitle: T\nurl: javascript:alert(1)\n"
	    "---\n", &e), ENTRY_ERROR);
	ck_assert_str_eq(support_diags(), "p.md:3:6: error: 'url' must be a "
	    "path such as /news/x/ or an http(s) URL, not "
	    "\"javascript:alert(1)\"\n");
	support_diag_capture();
	ck_assert_int_eq(load("---\ntitle: T\nurl: //evil.example/x\n---\n",
	    &e), ENTRY_ERROR);
	support_diag_capture();
	ck_assert_int_eq(load("---\ntitle: T\nurl: https://x.example/a/\n"
	    "---\n", &e), ENTRY_OK);
	entry_free(e);
}
END_TEST

START_TEST(date_sources)
{
	struct strlist		 keys = { 0 };
	struct entry_opts	 o = { 0, &keys, NULL };
	struct entry		*e;
	const char		*s = "---\ntitle: T\ndate: 2020-01-01\n"
	    "publishdate: 2019-06-18\n---\n";

	/* The config's order, not the default one. */
	strlist_push(&keys, "date");
	strlist_push(&keys, "publishdate");
	ck_assert_int_eq(entry_load("p.md", "x.md", s, strlen(s), &o, &e),
	    ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18 + 197 * DAY);
	entry_free(e);
	strlist_clear(&keys);

	/* Jekyll's file names: the date and the slug. */
	strlist_push(&keys, ":filename");
	strlist_push(&keys, "date");
	s = "---\ntitle: T\n---\n";
	ck_assert_int_eq(entry_load("p.md", "_posts/2019-06-18-hello-world.md",
	    s, strlen(s), &o, &e), ENTRY_OK);
	ck_assert_int_eq(e->has_date, 1);
	ck_assert_int_eq(e->published.sec, JUNE18);
	ck_assert_str_eq(e->slug, "hello-world");
	entry_free(e);
	/* A bundle directory named so; a slug in the front matter wins. */
	s = "---\ntitle: T\nslug: mine\n---\n";
	ck_assert_int_eq(entry_load("p.md", "blog/2019-06-18-x/index.md",
	    s, strlen(s), &o, &e), ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18);
	ck_assert_str_eq(e->slug, "mine");
	entry_free(e);
	/* No date in the name: the next source. */
	s = "---\ntitle: T\ndate: 2019-06-18\n---\n";
	ck_assert_int_eq(entry_load("p.md", "blog/2019-13-45-x.md", s,
	    strlen(s), &o, &e), ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18);
	ck_assert_ptr_null(e->slug);
	entry_free(e);
	strlist_clear(&keys);
	ck_assert_str_eq(support_diags(), "");
}
END_TEST

START_TEST(default_offset)
{
	struct entry	*e;
	const char	*s = "---\ntitle: T\ndate: 2019-06-18\n---\n";

	ck_assert_int_eq(entry_load("p.md", "x.md", s, strlen(s), &plus2, &e),
	    ENTRY_OK);
	ck_assert_int_eq(e->published.sec, JUNE18 - 7200);
	ck_assert_int_eq(e->published.off, 120);
	entry_free(e);
}
END_TEST

START_TEST(summary_alias_and_empty)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: T\nsummary: S\n---\n", &e),
	    ENTRY_OK);
	ck_assert_str_eq(e->description, "S");
	entry_free(e);
	ck_assert_int_eq(load("---\ntitle: T\ndescription:\nsummary: S\n"
	    "subtitle: ''\nrelease: ~\n---\n", &e), ENTRY_OK);
	ck_assert_str_eq(e->description, "S");
	ck_assert_ptr_null(e->subtitle);
	ck_assert_ptr_null(e->release);
	entry_free(e);
}
END_TEST

START_TEST(authors_forms)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: T\nauthors: [Ann, {name: Bob, "
	    "email: b@x}, Ann]\n---\n", &e), ENTRY_OK);
	ck_assert_uint_eq(e->authors.n, 2);
	ck_assert_str_eq(e->authors.v[0], "Ann");
	ck_assert_str_eq(e->authors.v[1], "Bob");
	entry_free(e);
	ck_assert_int_eq(load("---\ntitle: T\nauthor:\n  name: Cy\n"
	    "  email: c@x\n---\n", &e), ENTRY_OK);
	ck_assert_uint_eq(e->authors.n, 1);
	ck_assert_str_eq(e->authors.v[0], "Cy");
	entry_free(e);
	/* attribution is the first alias. */
	ck_assert_int_eq(load("---\ntitle: T\nauthor: B\nattribution: A\n"
	    "---\n", &e), ENTRY_OK);
	ck_assert_uint_eq(e->authors.n, 1);
	ck_assert_str_eq(e->authors.v[0], "A");
	entry_free(e);
}
END_TEST

START_TEST(categories_merged)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: T\nkeywords: [c, a]\n"
	    "categories: b\ntags:\n  - a\n  - b\n  - ''\n---\n", &e),
	    ENTRY_OK);
	ck_assert_uint_eq(e->categories.n, 3);
	ck_assert_str_eq(e->categories.v[0], "a");
	ck_assert_str_eq(e->categories.v[1], "b");
	ck_assert_str_eq(e->categories.v[2], "c");
	entry_free(e);
	ck_assert_int_eq(load("---\ntitle: T\nkeywords: []\n---\n", &e),
	    ENTRY_OK);
	ck_assert_uint_eq(e->categories.n, 0);
	entry_free(e);
}
END_TEST

START_TEST(draft_values)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes",
	    NULL };
	static const char *const no[] = { "false", "False", "FALSE", "no",
	    "", NULL };
	struct entry	*e;
	char		 buf[128];
	size_t		 i;

	for (i = 0; yes[i] != NULL; i++) {
		snprintf(buf, sizeof(buf), "---\ntitle: T\ndraft: %s\n---\n",
		    yes[i]);
		ck_assert_int_eq(load(buf, &e), ENTRY_OK);
		ck_assert_int_eq(e->draft, 1);
		entry_free(e);
	}
	for (i = 0; no[i] != NULL; i++) {
		snprintf(buf, sizeof(buf), "---\ntitle: T\ndraft: %s\n---\n",
		    no[i]);
		ck_assert_int_eq(load(buf, &e), ENTRY_OK);
		ck_assert_int_eq(e->draft, 0);
		entry_free(e);
	}
	ck_assert_str_eq(support_diags(), "");
}
END_TEST

START_TEST(duplicate_key)
{
	struct entry	*e;

	ck_assert_int_eq(load("---\ntitle: A\ndate: 2019-06-18\ntitle: B\n"
	    "date: 2019-06-19\ntitle: C\n---\n", &e), ENTRY_OK);
	ck_assert_str_eq(e->title, "C");
	ck_assert_int_eq(e->published.sec, JUNE18 + DAY);
	ck_assert_str_eq(support_diags(),
	    "p.md:4:1: warning: duplicate key 'title' (the last one is used)\n"
	    "p.md:5:1: warning: duplicate key 'date' (the last one is used)\n"
	    "p.md:6:1: warning: duplicate key 'title' (the last one is used)\n");
	ck_assert_int_eq(diag_warnings(), 3);
	ck_assert_int_eq(diag_errors(), 0);
	entry_free(e);
}
END_TEST

START_TEST(list_pages)
{
	struct entry	*e;

	ck_assert_int_eq(load_as("releases/_index.md", "---\ntitle: T\n---\n",
	    &e), ENTRY_OK);
	ck_assert_int_eq(e->is_list_page, 1);
	entry_free(e);
	ck_assert_int_eq(load_as("_index.md", "---\ntitle: T\n---\n", &e),
	    ENTRY_OK);
	ck_assert_int_eq(e->is_list_page, 1);
	entry_free(e);
	ck_assert_int_eq(load_as("r/1.2/_index.md", "---\ntitle: T\n"
	    "publishdate: 2019-06-18\n---\n", &e), ENTRY_OK);
	ck_assert_int_eq(e->is_list_page, 0);
	entry_free(e);
	ck_assert_int_eq(load_as("r/x_index.md", "---\ntitle: T\n---\n", &e),
	    ENTRY_OK);
	ck_assert_int_eq(e->is_list_page, 0);
	entry_free(e);
}
END_TEST

START_TEST(no_front_matter)
{
	struct entry	*e = (struct entry *)1;

	ck_assert_int_eq(load("# README\n\nSome text.\n", &e), ENTRY_SKIP);
	ck_assert_ptr_null(e);
	ck_assert_int_eq(load("", &e), ENTRY_SKIP);
	ck_assert_str_eq(support_diags(), "");
}
END_TEST

START_TEST(err_unterminated)
{
	expect_error("---\ntitle: T\n\nBody.\n", "p.md:1:1: error: "
	    "unterminated front matter: no closing '---' line was found "
	    "after this opening '---'\n");
}
END_TEST

START_TEST(err_toml)
{
	expect_error("+++\ntitle = \"T\"\n+++\n", "p.md:1:1: error: TOML "
	    "front matter ('+++') is not supported; write YAML between '---' "
	    "lines\n");
}
END_TEST

START_TEST(err_json)
{
	expect_error("{\"title\": \"T\"}\n", "p.md:1:1: error: JSON front "
	    "matter is not supported; write YAML between '---' lines\n");
}
END_TEST

START_TEST(err_yaml_syntax)
{
	expect_error("---\ntitle: T\ntags: [a\n---\n", "p.md:4:1: error: "
	    "YAML: did not find expected ',' or ']' (while parsing a flow "
	    "sequence started at line 3, column 7)\n");
}
END_TEST

START_TEST(err_tab_indent)
{
	expect_error("---\ntitle: T\nauthor:\n\tname: A\n---\n",
	    "p.md:4:1: error: YAML: found character that cannot start any "
	    "token; a tab cannot indent YAML, use spaces (while scanning for "
	    "the next token)\n");
}
END_TEST

START_TEST(err_alias)
{
	expect_error("---\ntitle: &t T\nsubtitle: *t\n---\n", "p.md:2:8: "
	    "error: YAML: anchor '&t' is not supported (anchors and aliases "
	    "are refused: they can expand without limit); write the value "
	    "out\n");
}
END_TEST

START_TEST(err_deep_nesting)
{
	char	buf[256];
	size_t	i, o;

	o = (size_t)sprintf(buf, "---\ntitle: T\nx: ");
	for (i = 0; i < 100; i++)
		buf[o++] = '[';
	for (i = 0; i < 100; i++)
		buf[o++] = ']';
	sprintf(buf + o, "\n---\n");
	expect_error(buf, "p.md:3:67: error: YAML: lists and maps nested "
	    "deeper than 64 levels are not supported (raise the limit with "
	    "--max-depth or max_depth)\n");
}
END_TEST

START_TEST(err_not_a_mapping)
{
	expect_error("---\n- title\n- T\n---\n", "p.md:2:1: error: front "
	    "matter must be a mapping of keys to values ('key: value' lines), "
	    "not a list\n");
}
END_TEST

START_TEST(err_missing_title)
{
	expect_error("---\ndate: 2019-06-18\n---\n",
	    "p.md:1:1: error: missing required key 'title'\n");
}
END_TEST

START_TEST(err_missing_title_late_marker)
{
	expect_error("\n\n---\n---\n",
	    "p.md:3:1: error: missing required key 'title'\n");
}
END_TEST

START_TEST(err_empty_title)
{
	expect_error("---\n date: 2019-06-18\n title: \"\"\n---\n",
	    "p.md:3:2: error: 'title' is empty; a title is required\n");
}
END_TEST

START_TEST(err_title_list)
{
	expect_error("---\ntitle:\n  - A\n  - B\n---\n",
	    "p.md:3:3: error: 'title' must be text, not a list\n");
}
END_TEST

START_TEST(err_bad_date)
{
	expect_error("---\ntitle: T\ndate: 24/01/2024\n---\n",
	    "p.md:3:9: error: invalid date \"24/01/2024\" for 'date': expected "
	    "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS\xc2\xb1HH:MM\n");
}
END_TEST

START_TEST(err_bad_date_quoted)
{
	/* The column points into the value, past the quote. */
	expect_error("---\ntitle: T\nlastmod: \"2024-13-01\"\n---\n",
	    "p.md:3:16: error: invalid date \"2024-13-01\" for 'lastmod': "
	    "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS\xc2\xb1HH:MM\n");
}
END_TEST

START_TEST(err_date_list)
{
	expect_error("---\ntitle: T\nexpirydate: [2019-06-18]\n---\n",
	    "p.md:3:13: error: 'expirydate' must be a date (YYYY-MM-DD or "
	    "YYYY-MM-DDTHH:MM:SS\xc2\xb1HH:MM), not a list\n");
}
END_TEST

START_TEST(err_bad_draft)
{
	expect_error("---\ntitle: T\ndraft: maybe\n---\n", "p.md:3:8: error: "
	    "invalid value \"maybe\" for 'draft': expected true or false\n");
}
END_TEST

START_TEST(err_draft_list)
{
	expect_error("---\ntitle: T\ndraft: [yes]\n---\n", "p.md:3:8: error: "
	    "'draft' must be true or false, not a list\n");
}
END_TEST

START_TEST(err_bad_lists)
{
	expect_error("---\ntitle: T\ntags: {a: b}\nauthor: {email: e}\n"
	    "keywords: [a, [b]]\n---\n",
	    "p.md:4:9: error: an author in 'author' given as a map needs a "
	    "'name'\n"
	    "p.md:3:7: error: 'tags' must be a word or a list of words, not a "
	    "map\n"
	    "p.md:5:15: error: 'keywords' must be a list of words; this item "
	    "is a list\n");
}
END_TEST

START_TEST(err_every_error_reported)
{
	expect_error("---\ndate: nope\ndraft: 2\nrelease: [1]\n---\n",
	    "p.md:1:1: error: missing required key 'title'\n"
	    "p.md:2:7: error: invalid date \"nope\" for 'date': expected "
	    "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS\xc2\xb1HH:MM\n"
	    "p.md:4:10: error: 'release' must be text, not a list\n"
	    "p.md:3:8: error: invalid value \"2\" for 'draft': expected true "
	    "or false\n");
	ck_assert_int_eq(diag_errors(), 4);
}
END_TEST

START_TEST(err_control_character)
{
	/* Also in the body: feeds cannot carry it. */
	expect_error("---\ntitle: T\n---\nab\x01\n",
	    "p.md:4:3: error: control character \\x01 is not allowed (only "
	    "tab, line feed and carriage return are)\n");
}
END_TEST

START_TEST(err_nul_byte)
{
	struct entry	*e;
	static const char s[] = "---\ntitle: T\x00\n---\n";

	ck_assert_int_eq(entry_load("p.md", "x.md", s, sizeof(s) - 1, &utc, &e),
	    ENTRY_ERROR);
	ck_assert_str_eq(support_diags(), "p.md:2:9: error: control "
	    "character \\x00 is not allowed (only tab, line feed and carriage "
	    "return are)\n");
}
END_TEST

START_TEST(err_invalid_utf8)
{
	/* Columns count characters; the BOM takes none. */
	expect_error("\xef\xbb\xbf---\ntitle: \xc3\xa9t\xc3\xa9 \xff\n---\n",
	    "p.md:2:12: error: invalid UTF-8: byte \\xff cannot start a "
	    "character\n");
}
END_TEST

struct corpus_counts {
	size_t	ok, skip, release_110;
};

/* Load one corpus file (data NUL-terminated) and count how it went. */
static void
load_file(const char *path, const char *rel, const char *data, size_t len,
    void *arg)
{
	struct corpus_counts	*c = arg;
	struct entry		*e = NULL;

	switch (entry_load(path, rel, data, len, &utc, &e)) {
	case ENTRY_OK:
		c->ok++;
		ck_assert_ptr_nonnull(e->title);
		/* YAML would read it as the float 1.1. */
		if (strstr(data, "\nrelease: 1.10\n") != NULL) {
			ck_assert_str_eq(e->release, "1.10");
			c->release_110++;
		}
		break;
	case ENTRY_SKIP:
		c->skip++;
		break;
	case ENTRY_ERROR:
		ck_abort_msg("%s: entry_load failed", path);
	}
	entry_free(e);
}

static void
load_named(const char *dir, const char *rel, struct corpus_counts *c)
{
	char	*path = xasprintf("%s/%s", dir, rel);
	char	*data;
	size_t	 len;

	data = support_read_file(path, &len);
	load_file(path, rel, data, len, c);
	free(data);
	free(path);
}

START_TEST(corpus_loads)
{
	struct corpus_counts	 c = { 0, 0, 0 };
	int			 rc;

	diag_set_quiet(1);
	rc = support_walk_corpus(load_file, &c);
	diag_set_quiet(0);
	if (rc == -1)
		return;
	ck_assert_int_eq(diag_errors(), 0);
	ck_assert_uint_ge(c.ok, 500);
	/* README.md and the ABOUT files have no front matter. */
	ck_assert_uint_eq(c.skip, 3);
	ck_assert_uint_ge(c.release_110, 1);
}
END_TEST

START_TEST(corpus_istio_files)
{
	static const char *const names[] = {
	    "istio/releases/1.10.x/announcing-1.10/change-notes/index.md",
	    "istio/releases/1.17.x/announcing-1.17.3/index.md",
	    "istio/releases/1.10.x/announcing-1.10/_index.md",
	};
	char			*dir = support_shared_path("corpus");
	struct corpus_counts	 c = { 0, 0, 0 };

	if (dir == NULL) {
		fprintf(stderr, "corpus_istio_files skipped: no corpus\n");
		return;
	}
	load_named(dir, names[0], &c);
	ck_assert_uint_eq(c.release_110, 1);
	load_named(dir, names[1], &c);
	load_named(dir, names[2], &c);
	ck_assert_uint_eq(c.ok, 3);
	ck_assert_str_eq(support_diags(), "");
	free(dir);
}
END_TEST

static Suite *
entry_suite(void)
{
	Suite	*s = suite_create("entry");
	TCase	*ok = tcase_create("keys");
	TCase	*err = tcase_create("errors");
	TCase	*corpus = tcase_create("corpus");

	tcase_add_checked_fixture(ok, support_diag_capture,
	    support_diag_release);
	tcase_add_test(ok, full_entry);
	tcase_add_test(ok, minimal_entry);
	tcase_add_test(ok, bom_crlf_blank_lines);
	tcase_add_test(ok, indented_keys);
	tcase_add_test(ok, scalars_kept_as_text);
	tcase_add_test(ok, date_aliases_first_wins);
	tcase_add_test(ok, jekyll_dates_and_flag);
	tcase_add_test(ok, date_sources);
	tcase_add_test(ok, err_id_not_a_uri);
	tcase_add_test(ok, default_offset);
	tcase_add_test(ok, summary_alias_and_empty);
	tcase_add_test(ok, authors_forms);
	tcase_add_test(ok, categories_merged);
	tcase_add_test(ok, draft_values);
	tcase_add_test(ok, duplicate_key);
	tcase_add_test(ok, list_pages);
	tcase_add_test(ok, no_front_matter);
	suite_add_tcase(s, ok);

	tcase_add_checked_fixture(err, support_diag_capture,
	    support_diag_release);
	tcase_add_test(err, err_unterminated);
	tcase_add_test(err, err_toml);
	tcase_add_test(err, err_json);
	tcase_add_test(err, err_yaml_syntax);
	tcase_add_test(err, err_tab_indent);
	tcase_add_test(err, err_alias);
	tcase_add_test(err, err_deep_nesting);
	tcase_add_test(err, err_not_a_mapping);
	tcase_add_test(err, err_missing_title);
	tcase_add_test(err, err_missing_title_late_marker);
	tcase_add_test(err, err_empty_title);
	tcase_add_test(err, err_title_list);
	tcase_add_test(err, err_bad_date);
	tcase_add_test(err, err_bad_date_quoted);
	tcase_add_test(err, err_date_list);
	tcase_add_test(err, err_bad_draft);
	tcase_add_test(err, err_draft_list);
	tcase_add_test(err, err_bad_lists);
	tcase_add_test(err, err_every_error_reported);
	tcase_add_test(err, err_control_character);
	tcase_add_test(err, err_nul_byte);
	tcase_add_test(err, err_invalid_utf8);
	suite_add_tcase(s, err);

	tcase_add_checked_fixture(corpus, support_diag_capture,
	    support_diag_release);
	tcase_set_timeout(corpus, 60);
	tcase_add_test(corpus, corpus_loads);
	tcase_add_test(corpus, corpus_istio_files);
	suite_add_tcase(s, corpus);
	return s;
}

int
main(void)
{
	return support_run(entry_suite());
}
