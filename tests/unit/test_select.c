/* test_select.c: unit tests for named feeds, filters and fan-out. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"
#include "support.h"
#include "util.h"

static struct entry	*ents[6];

/* Entries in feed order: relpath, release, subtitle, tags. */
static struct entry *
mk(const char *relpath, const char *release, const char *subtitle,
    const char *tag1, const char *tag2)
{
	struct entry	*e = xcalloc(1, sizeof(*e));

	e->relpath = xstrdup(relpath);
	e->title = xstrdup(relpath);
	e->release = release ? xstrdup(release) : NULL;
	e->subtitle = subtitle ? xstrdup(subtitle) : NULL;
	if (tag1)
		strlist_push(&e->categories, tag1);
	if (tag2)
		strlist_push(&e->categories, tag2);
	return e;
}

static void
setup(void)
{
	support_diag_capture();
	ents[0] = mk("news/releases/1.10.x/announcing-1.10.1/index.md",
	    "1.10.1", "Patch Release", "security", NULL);
	ents[1] = mk("news/releases/1.9.x/announcing-1.9.4/index.md", "1.9.4",
	    NULL, "security", "Zürich Mode");
	ents[2] = mk("news/security/bulletin-1/index.md", NULL,
	    "Security Bulletin", "security", NULL);
	ents[3] = mk("news/releases/1.10.x/announcing-1.10/_index.md", "1.10",
	    "Major Release", NULL, NULL);
	ents[4] = mk("news/support/eol.md", NULL, "Major news", NULL, NULL);
	ents[5] = mk("news/releases-old/x.md", "2.0.0", NULL, NULL, NULL);
}

static void
teardown(void)
{
	size_t	i;

	for (i = 0; i < 6; i++)
		entry_free(ents[i]);
	support_diag_release();
}

static const struct select_defaults defaults = {
	"Site", "About", 0, FORMAT_RSS | FORMAT_ATOM
};

START_TEST(helpers)
{
	char	*s;

	ck_assert_str_eq(s = select_release_line("1.24.2"), "1.24"); free(s);
	ck_assert_str_eq(s = select_release_line("v1.10"), "1.10"); free(s);
	ck_assert_str_eq(s = select_release_line("2"), "2"); free(s);
	ck_assert_str_eq(s = select_release_line("1.0.0-rc.1"), "1.0"); free(s);
	ck_assert_ptr_null(select_release_line("next"));
	ck_assert_ptr_null(select_release_line(NULL));

	ck_assert_str_eq(select_release_kind(ents[0]), "patch");
	ck_assert_str_eq(select_release_kind(ents[3]), "minor");
	ck_assert_str_eq(select_release_kind(ents[5]), "major");
	ck_assert_str_eq(select_release_kind(ents[4]), "major"); /* subtitle */
	ck_assert_ptr_null(select_release_kind(ents[2]));

	ck_assert_str_eq(s = select_slug("../x"), "x"); free(s);
	ck_assert_str_eq(s = select_slug("Zürich Mode"), "zürich-mode"); free(s);
	ck_assert_str_eq(s = select_slug("/"), ""); free(s);
	ck_assert_str_eq(s = select_slug("a/../../b c"), "a-b-c"); free(s);
	ck_assert_str_eq(s = select_slug("1.24"), "1.24"); free(s);
	ck_assert_str_eq(s = select_slug("..a..b."), "a-b"); free(s);
	ck_assert_str_eq(s = select_slug("v1_2.x"), "v1_2.x"); free(s);

	ck_assert_int_eq(select_in_section(ents[0], "news/releases"), 1);
	ck_assert_int_eq(select_in_section(ents[0], "/news/releases/"), 1);
	ck_assert_int_eq(select_in_section(ents[5], "news/releases"), 0);
	ck_assert_int_eq(select_in_section(ents[0], "news/rel"), 0);
	ck_assert_int_eq(select_in_section(ents[0], ""), 1);
}
END_TEST

START_TEST(site_feed_and_limit)
{
	struct feed_set		set;
	struct select_defaults	d = defaults;

	d.limit = 2;
	ck_assert_int_eq(select_feeds("c.yaml", &d, NULL, 0, ents, 6, &set), 0);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_str_eq(set.v[0].name, "");
	ck_assert_str_eq(set.v[0].title, "Site");
	ck_assert_str_eq(set.v[0].description, "About");
	ck_assert_uint_eq(set.v[0].n, 2);
	ck_assert_ptr_eq(set.v[0].v[0], ents[0]);
	ck_assert_ptr_eq(set.v[0].v[1], ents[1]);
	feed_set_free(&set);
}
END_TEST

START_TEST(named_filters)
{
	struct feed_spec	spec[3];
	struct feed_set		set;

	memset(spec, 0, sizeof(spec));
	spec[0].name = (char *)(uintptr_t)"releases";
	strlist_push(&spec[0].include.section, "news/releases");
	strlist_push(&spec[0].exclude.kind, "minor");
	spec[1].name = (char *)(uintptr_t)"merged";
	spec[1].title = (char *)(uintptr_t)"Merged";
	spec[1].formats = FORMAT_JSON;
	spec[1].has_limit = 1;
	spec[1].limit = 2;
	strlist_push(&spec[1].include.section, "news/security");
	strlist_push(&spec[1].include.section, "news/support");
	strlist_push(&spec[1].include.section, "news/releases");
	spec[2].name = (char *)(uintptr_t)"line";
	strlist_push(&spec[2].include.release_line, "1.10");
	strlist_push(&spec[2].include.tag, "security");

	ck_assert_int_eq(select_feeds("c.yaml", &defaults, spec, 3, ents, 6,
	    &set), 0);
	ck_assert_uint_eq(set.n, 4);
	ck_assert_str_eq(set.v[1].name, "releases");
	ck_assert_str_eq(set.v[1].title, "Site");
	ck_assert_uint_eq(set.v[1].n, 2);		/* 1.10 is minor */
	ck_assert_ptr_eq(set.v[1].v[1], ents[1]);
	ck_assert_str_eq(set.v[2].title, "Merged");
	ck_assert_int_eq(set.v[2].formats, FORMAT_JSON);
	ck_assert_uint_eq(set.v[2].n, 2);		/* date order, limit */
	ck_assert_ptr_eq(set.v[2].v[0], ents[0]);
	ck_assert_ptr_eq(set.v[2].v[1], ents[1]);
	ck_assert_uint_eq(set.v[3].n, 1);		/* both filters */
	ck_assert_ptr_eq(set.v[3].v[0], ents[0]);
	feed_set_free(&set);
	for (size_t i = 0; i < 3; i++) {
		strlist_clear(&spec[i].include.section);
		strlist_clear(&spec[i].include.release_line);
		strlist_clear(&spec[i].include.tag);
		strlist_clear(&spec[i].exclude.kind);
	}
}
END_TEST

START_TEST(fan_out)
{
	struct feed_spec	spec[2];
	struct feed_set		set;

	memset(spec, 0, sizeof(spec));
	spec[0].name = (char *)(uintptr_t)"tags/{tag}";
	spec[0].per = PER_TAGS;
	spec[1].name = (char *)(uintptr_t)"{release_line}";
	spec[1].title = (char *)(uintptr_t)"Line {release_line}";
	spec[1].per = PER_RELEASE_LINE;
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, spec, 2, ents, 6,
	    &set), 0);
	ck_assert_uint_eq(set.n, 1 + 2 + 3);
	ck_assert_str_eq(set.v[1].name, "tags/security");
	ck_assert_str_eq(set.v[1].title, "Site: security");
	ck_assert_uint_eq(set.v[1].n, 3);
	ck_assert_str_eq(set.v[2].name, "tags/zürich-mode");
	ck_assert_uint_eq(set.v[2].n, 1);
	ck_assert_str_eq(set.v[3].name, "1.10");
	ck_assert_str_eq(set.v[3].title, "Line 1.10");
	ck_assert_uint_eq(set.v[3].n, 2);
	ck_assert_str_eq(set.v[4].name, "1.9");
	ck_assert_str_eq(set.v[5].name, "2.0");
	feed_set_free(&set);
}
END_TEST

START_TEST(fan_out_collisions)
{
	struct feed_spec	spec;
	struct feed_set		set;

	memset(&spec, 0, sizeof(spec));
	spec.name = (char *)(uintptr_t)"t/{tag}";
	spec.per = PER_TAGS;
	spec.line = 7;
	strlist_push(&ents[3]->categories, "Security");
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, &spec, 1, ents, 6,
	    &set), -1);
	ck_assert_str_eq(support_diags(), "c.yaml:7: error: feed \"t/{tag}\": "
	    "tags \"security\" and \"Security\" both give the feed "
	    "\"t/security\"\n");
	ck_assert_uint_eq(set.n, 0);
	support_diag_capture();
	strlist_push(&ents[4]->categories, "../..");
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, &spec, 1, ents, 6,
	    &set), -1);
	ck_assert_ptr_nonnull(strstr(support_diags(), "tag \"../..\" gives an "
	    "empty feed name"));
}
END_TEST

START_TEST(key_filter)
{
	struct feed_spec	spec;
	struct feed_set		set;

	memset(&spec, 0, sizeof(spec));
	spec.name = (char *)(uintptr_t)"majors";
	strlist_push(&ents[3]->params, "subtitle");
	strlist_push(&ents[3]->params, "Major Release");
	strlist_push(&ents[4]->params, "subtitle");
	strlist_push(&ents[4]->params, "Major news");
	strlist_push(&ents[0]->params, "cves");
	strlist_push(&ents[0]->params, "");
	strlist_push(&spec.include.key, "subtitle=Major Release");
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, &spec, 1, ents, 6,
	    &set), 0);
	ck_assert_uint_eq(set.v[1].n, 1);
	ck_assert_ptr_eq(set.v[1].v[0], ents[3]);
	feed_set_free(&set);
	/* A name alone: present and not empty; exclude works the same. */
	strlist_clear(&spec.include.key);
	strlist_push(&spec.exclude.key, "subtitle");
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, &spec, 1, ents, 6,
	    &set), 0);
	ck_assert_uint_eq(set.v[1].n, 4);
	feed_set_free(&set);
	strlist_clear(&spec.exclude.key);
	strlist_push(&spec.include.key, "cves");
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, &spec, 1, ents, 6,
	    &set), 0);
	ck_assert_uint_eq(set.v[1].n, 0);
	feed_set_free(&set);
	strlist_clear(&spec.include.key);
}
END_TEST

START_TEST(names_that_clash)
{
	struct feed_spec	spec[3];
	struct feed_set		set;

	memset(spec, 0, sizeof(spec));
	spec[0].name = (char *)(uintptr_t)"a";
	spec[0].line = 3;
	spec[1].name = (char *)(uintptr_t)"a/rss.xml";
	spec[1].line = 5;
	spec[2].name = (char *)(uintptr_t)"atom.xml";
	spec[2].line = 7;
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, spec, 3, ents, 6,
	    &set), -1);
	ck_assert_str_eq(support_diags(), "c.yaml:5: error: feed \"a/rss.xml\" "
	    "would be written inside a file of feed \"a\"\n"
	    "c.yaml:7: error: feed \"atom.xml\" would be written inside a "
	    "file of the site feed\n");
	support_diag_capture();
	spec[1].name = (char *)(uintptr_t)"a";
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, spec, 2, ents, 6,
	    &set), -1);
	ck_assert_str_eq(support_diags(), "c.yaml:5: error: two feeds are named "
	    "\"a\" (the other at line 3)\n");
	/* Names that only look alike are fine. */
	support_diag_capture();
	spec[1].name = (char *)(uintptr_t)"a/rss.xml.d";
	spec[2].name = (char *)(uintptr_t)"ab";
	ck_assert_int_eq(select_feeds("c.yaml", &defaults, spec, 3, ents, 6,
	    &set), 0);
	feed_set_free(&set);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("select");
	TCase	*tc = tcase_create("select");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, helpers);
	tcase_add_test(tc, site_feed_and_limit);
	tcase_add_test(tc, named_filters);
	tcase_add_test(tc, fan_out);
	tcase_add_test(tc, fan_out_collisions);
	tcase_add_test(tc, names_that_clash);
	tcase_add_test(tc, key_filter);
	suite_add_tcase(s, tc);
	return support_run(s);
}
