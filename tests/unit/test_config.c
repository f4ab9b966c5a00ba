/* test_config.c: unit tests for relfeed.yaml: every key, every mistake. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "support.h"

static struct config *
parse(const char *text)
{
	return config_parse("relfeed.yaml", "/site", text, strlen(text));
}

/* The text must be refused with exactly this diagnostic. */
static void
refused(const char *text, const char *want)
{
	struct config	*c = parse(text);

	ck_assert_ptr_null(c);
	ck_assert_str_eq(support_diags(), want);
	support_diag_capture();
}

START_TEST(every_site_key)
{
	struct config	*c = parse(
	    "title: Istio releases\n"
	    "description: Release announcements\n"
	    "base_url: https://istio.io/latest/\n"
	    "feed_url: https://istio.io/feeds/\n"
	    "language: en\n"
	    "author: { name: The Istio Team, email: a@example.org }\n"
	    "timezone: -07:00\n"
	    "content: news\n"
	    "output: /srv/feeds\n"
	    "limit: 20\n"
	    "formats: [rss, json]\n"
	    "content_mode: summary\n"
	    "hub: https://hub.example.org/\n"
	    "icon: https://istio.io/favicon.ico\n"
	    "logo: https://istio.io/logo.png\n"
	    "copyright: CC BY 4.0\n"
	    "shortcodes:\n"
	    "  relnote: '[notes](/news/{page.release}/)'\n"
	    "  tip: \"**Tip:** {inner}\"\n");

	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->title, "Istio releases");
	ck_assert_str_eq(c->description, "Release announcements");
	ck_assert_str_eq(c->base_url, "https://istio.io/latest/");
	ck_assert_str_eq(c->feed_url, "https://istio.io/feeds/");
	ck_assert_str_eq(c->language, "en");
	ck_assert_str_eq(c->author_name, "The Istio Team");
	ck_assert_str_eq(c->author_email, "a@example.org");
	ck_assert_int_eq(c->has_timezone, 1);
	ck_assert_int_eq(c->tz_off, -420);
	ck_assert_str_eq(c->content, "/site/news");	/* beside the config */
	ck_assert_str_eq(c->output, "/srv/feeds");	/* absolute stays */
	ck_assert_int_eq(c->has_limit, 1);
	ck_assert_uint_eq(c->limit, 20);
	ck_assert_int_eq(c->formats, FORMAT_RSS | FORMAT_JSON);
	ck_assert_int_eq(c->content_mode, CONTENT_SUMMARY);
	ck_assert_str_eq(c->hub, "https://hub.example.org/");
	ck_assert_str_eq(c->icon, "https://istio.io/favicon.ico");
	ck_assert_str_eq(c->logo, "https://istio.io/logo.png");
	ck_assert_str_eq(c->copyright, "CC BY 4.0");
	ck_assert_uint_eq(c->nshortcodes, 2);
	ck_assert_str_eq(c->shortcodes[0].name, "relnote");
	ck_assert_str_eq(c->shortcodes[0].text, "[notes](/news/{page.release}/)");
	ck_assert_str_eq(c->shortcodes[1].name, "tip");
	ck_assert_str_eq(support_diags(), "");
	config_free(c);
}
END_TEST

/* base_url may come from the command line instead. */
START_TEST(no_base_url)
{
	struct config	*c = parse("title: T\n");

	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_null(c->base_url);
	config_free(c);
}
END_TEST

START_TEST(feeds_list)
{
	struct config	*c = parse(
	    "base_url: https://x.example/\n"
	    "feeds:\n"
	    "  - name: releases\n"
	    "    title: Releases\n"
	    "    limit: 5\n"
	    "    formats: atom\n"
	    "    include: { section: news/releases, kind: [minor, patch] }\n"
	    "    exclude: { tag: internal }\n"
	    "  - name: \"tags/{tag}\"\n"
	    "    per: tags\n"
	    "  - name: \"{release_line}\"\n"
	    "    per: release_line\n"
	    "    include: { release_line: [\"1.24\", 1.10] }\n");

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->nfeeds, 3);
	ck_assert_str_eq(c->feeds[0].name, "releases");
	ck_assert_str_eq(c->feeds[0].title, "Releases");
	ck_assert_int_eq(c->feeds[0].line, 3);
	ck_assert_int_eq(c->feeds[0].has_limit, 1);
	ck_assert_uint_eq(c->feeds[0].limit, 5);
	ck_assert_int_eq(c->feeds[0].formats, FORMAT_ATOM);
	ck_assert_uint_eq(c->feeds[0].include.section.n, 1);
	ck_assert_str_eq(c->feeds[0].include.section.v[0], "news/releases");
	ck_assert_uint_eq(c->feeds[0].include.kind.n, 2);
	ck_assert_str_eq(c->feeds[0].exclude.tag.v[0], "internal");
	ck_assert_int_eq(c->feeds[1].per, PER_TAGS);
	ck_assert_int_eq(c->feeds[2].per, PER_RELEASE_LINE);
	/* 1.10 stays "1.10", never 1.1. */
	ck_assert_str_eq(c->feeds[2].include.release_line.v[1], "1.10");
	config_free(c);
}
END_TEST

START_TEST(mistakes)
{
	refused("base_url: https://x/\nshortcodes: { a: x }\n"
	    "shortcodes: { b: y }\n", "relfeed.yaml:2:1: error: 'shortcodes' "
	    "is given twice (again at line 3); give each key once\n");
	refused("base_url: /relative/\n", "relfeed.yaml:1:11: error: "
	    "'base_url' must be an absolute http or https URL such as "
	    "https://example.org/, not \"/relative/\"\n");
	refused("base_url: https://x/\ntitel: typo\n", "relfeed.yaml:2:1: "
	    "error: unknown key 'titel' (see relfeed.yaml(5) for the keys)\n");
	refused("base_url: https://x/\nlimit: ten\n", "relfeed.yaml:2:8: "
	    "error: 'limit' must be a whole number (0 for all), not \"ten\"\n");
	refused("base_url: https://x/\nlimit: -1\n", "relfeed.yaml:2:8: "
	    "error: 'limit' must be a whole number (0 for all), not \"-1\"\n");
	refused("base_url: https://x/\ntitle: [a, b]\n", "relfeed.yaml:2:8: "
	    "error: 'title' must be a single value, not a list\n");
	refused("base_url: https://x/\nformats: [rss, pdf]\n",
	    "relfeed.yaml:2:10: error: 'formats' must name formats among rss, "
	    "atom and json, not \"rss,pdf\"\n");
	refused("base_url: https://x/\ncontent_mode: some\n",
	    "relfeed.yaml:2:15: error: 'content_mode' must be full or summary, "
	    "not \"some\"\n");
	refused("base_url: https://x/\ntimezone: Mars/Base\n",
	    "relfeed.yaml:2:11: error: 'timezone' must be UTC or an offset "
	    "such as +02:00 or -0700, not \"Mars/Base\"\n");
	refused("base_url: https://x/\nauthor: { name: A, mail: b }\n",
	    "relfeed.yaml:2:20: error: unknown key 'mail' in 'author' "
	    "(expected name, email)\n");
	refused("base_url: https://x/\nshortcodes: [a]\n", "relfeed.yaml:2:13: "
	    "error: 'shortcodes' must map shortcode names to templates, not "
	    "a list\n");
	refused("base_url: https://x/\nshortcodes:\n  x: \"{?a}b\"\n",
	    "relfeed.yaml:3:6: error: shortcode template: section \"{?a}\" is "
	    "never closed: expected \"{/a}\"\n");
	/* Every mistake is reported, not just the first. */
	refused("base_url: nope\nlimit: x\n", "relfeed.yaml:1:11: error: "
	    "'base_url' must be an absolute http or https URL such as "
	    "https://example.org/, not \"nope\"\nrelfeed.yaml:2:8: error: "
	    "'limit' must be a whole number (0 for all), not \"x\"\n");
	refused("- a\n", "relfeed.yaml:1:1: error: the config file must be a "
	    "mapping of keys to values ('key: value' lines), not a list\n");
}
END_TEST

START_TEST(feed_mistakes)
{
	refused("base_url: https://x/\nfeeds: { name: a }\n",
	    "relfeed.yaml:2:8: error: 'feeds' must be a list of feeds, not a "
	    "mapping\n");
	refused("base_url: https://x/\nfeeds:\n  - title: T\n",
	    "relfeed.yaml:3:5: error: a feed needs a 'name'\n");
	refused("base_url: https://x/\nfeeds:\n  - name: ../etc\n",
	    "relfeed.yaml:3:11: error: feed name \"../etc\" would leave the "
	    "output directory or has an empty part\n");
	refused("base_url: https://x/\nfeeds:\n  - name: /abs\n",
	    "relfeed.yaml:3:11: error: feed name \"/abs\" must be a relative "
	    "path inside the output directory\n");
	refused("base_url: https://x/\nfeeds:\n  - name: a//b\n",
	    "relfeed.yaml:3:11: error: feed name \"a//b\" would leave the "
	    "output directory or has an empty part\n");
	refused("base_url: https://x/\nfeeds:\n  - name: a\n    per: tags\n",
	    "relfeed.yaml:3:11: error: the name of a feed made per tag must "
	    "hold {tag}\n");
	refused("base_url: https://x/\nfeeds:\n  - name: \"{tag}\"\n",
	    "relfeed.yaml:3:11: error: feed name \"{tag}\" has a placeholder "
	    "but no 'per'\n");
	refused("base_url: https://x/\nfeeds:\n  - name: a\n    per: month\n",
	    "relfeed.yaml:4:10: error: 'per' must be tags or release_line, not "
	    "\"month\"\n");
	refused("base_url: https://x/\nfeeds:\n  - name: a\n    lmit: 3\n",
	    "relfeed.yaml:4:5: error: unknown key 'lmit' in a feed (expected "
	    "name, title, description, limit, formats, per, include, "
	    "exclude)\n");
	refused("base_url: https://x/\nfeeds:\n  - name: a\n"
	    "    include: { sektion: x }\n", "relfeed.yaml:4:16: error: unknown "
	    "key 'sektion' in 'include' (expected section, tag, release_line, "
	    "kind, key)\n");
	refused("base_url: https://x/\nfeeds:\n  - name: a\n"
	    "    include: { kind: huge }\n", "relfeed.yaml:4:14: error: kind "
	    "\"huge\" is not one of major, minor, patch\n");
	refused("base_url: https://x/\nfeeds:\n  - name: a\n    title: x\n"
	    "    title: y\n", "relfeed.yaml:4:5: error: 'title' is given twice "
	    "(again at line 5); give each key once\n");
	refused("base_url: https://x/\nfeeds:\n  - name: a\n  - name: a\n",
	    "relfeed.yaml:4:5: error: feed name \"a\" is used twice (first at "
	    "line 3)\n");
}
END_TEST

START_TEST(dates_permalinks_bundles)
{
	struct config	*c = parse("base_url: https://x.example/\n"
	    "dates: [\":filename\", publishdate, date]\n"
	    "permalinks:\n  blog: /blog/:year/:month/:day/:slug/\n"
	    "bundle_pages: yes\n");

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->date_keys.n, 3);
	ck_assert_str_eq(c->date_keys.v[0], ":filename");
	ck_assert_str_eq(c->date_keys.v[2], "date");
	ck_assert_uint_eq(c->npermalinks, 1);
	ck_assert_str_eq(c->permalinks[0].section, "blog");
	ck_assert_str_eq(c->permalinks[0].pattern,
	    "/blog/:year/:month/:day/:slug/");
	ck_assert_int_eq(c->bundle_pages, 1);
	config_free(c);

	refused("base_url: https://x/\ndates: [\":mtime\"]\n",
	    "relfeed.yaml:2:8: error: 'dates': unknown date source \":mtime\" "
	    "(expected a front-matter key or :filename)\n");
	refused("base_url: https://x/\npermalinks: { blog: \"blog/:slug\" }\n",
	    "relfeed.yaml:2:21: error: permalink pattern \"blog/:slug\": "
	    "expected a path starting with '/' made of text and :year, :month, "
	    ":day, :section, :slug, :filename, :title\n");
	refused("base_url: https://x/\nbundle_pages: maybe\n",
	    "relfeed.yaml:2:15: error: 'bundle_pages' must be true or false, "
	    "not \"maybe\"\n");
}
END_TEST

START_TEST(formats_flag)
{
	int	f = 0;

	ck_assert_int_eq(config_parse_formats("rss,atom,json", &f), 0);
	ck_assert_int_eq(f, FORMAT_RSS | FORMAT_ATOM | FORMAT_JSON);
	ck_assert_int_eq(config_parse_formats("json", &f), 0);
	ck_assert_int_eq(f, FORMAT_JSON);
	ck_assert_int_eq(config_parse_formats("", &f), -1);
	ck_assert_int_eq(config_parse_formats("rss,", &f), 0);
	ck_assert_int_eq(config_parse_formats("rss,xml", &f), -1);
	ck_assert_int_eq(config_parse_formats("rssx", &f), -1);
}
END_TEST

START_TEST(load_from_disk)
{
	const char	*dir = support_tmpdir("config");
	struct config	*c;
	char		*path;

	support_put("relfeed.yaml", "base_url: https://x.example/\n"
	    "content: ../content\n");
	path = malloc(strlen(dir) + 20);
	strcpy(path, dir);
	strcat(path, "/relfeed.yaml");
	ck_assert_ptr_nonnull(c = config_load(path));
	ck_assert_str_eq(c->path, path);
	ck_assert_int_eq(strncmp(c->content, dir, strlen(dir)), 0);
	ck_assert_str_eq(c->content + strlen(dir), "/../content");
	config_free(c);
	strcat(path, ".none");
	ck_assert_ptr_null(config_load(path));
	ck_assert_ptr_nonnull(strstr(support_diags(), "cannot open"));
	free(path);
	support_tmpdir_remove();
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("config");
	TCase	*tc = tcase_create("config");

	tcase_add_checked_fixture(tc, support_diag_capture,
	    support_diag_release);
	tcase_add_test(tc, every_site_key);
	tcase_add_test(tc, no_base_url);
	tcase_add_test(tc, feeds_list);
	tcase_add_test(tc, mistakes);
	tcase_add_test(tc, feed_mistakes);
	tcase_add_test(tc, dates_permalinks_bundles);
	tcase_add_test(tc, formats_flag);
	tcase_add_test(tc, load_from_disk);
	suite_add_tcase(s, tc);
	return support_run(s);
}
