/* test_frontmatter.c: splitting front matter from a file and parsing it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "support.h"

static enum fm_split_result
split(const char *s, struct fm_split *sp)
{
	return fm_split("p.md", s, strlen(s), sp);
}

static struct fm_node *
parse(const char *s, int line0)
{
	return fm_parse("p.md", s, strlen(s), line0);
}

START_TEST(split_plain)
{
	struct fm_split	sp;

	ck_assert_int_eq(split("---\ntitle: x\n---\nbody\n", &sp), FM_SPLIT_OK);
	ck_assert_uint_eq(sp.yaml_off, 4);
	ck_assert_uint_eq(sp.yaml_len, 9);
	ck_assert_int_eq(sp.yaml_line, 2);
	ck_assert_uint_eq(sp.body_off, 17);
	ck_assert_int_eq(sp.body_line, 4);
	ck_assert_str_eq(support_diags(), "");
}
END_TEST

START_TEST(split_bom_crlf_blank_lines)
{
	const char	*s = "\xef\xbb\xbf\r\n  \t\r\n--- \t\r\ntitle: x\r\n---  \r\nb";
	struct fm_split	 sp;

	ck_assert_int_eq(split(s, &sp), FM_SPLIT_OK);
	ck_assert_uint_eq(sp.yaml_off, 17);
	ck_assert_uint_eq(sp.yaml_len, 10);
	ck_assert_int_eq(memcmp(s + sp.yaml_off, "title: x\r\n", 10), 0);
	ck_assert_int_eq(sp.yaml_line, 4);
	ck_assert_str_eq(s + sp.body_off, "b");
	ck_assert_int_eq(sp.body_line, 6);
	ck_assert_str_eq(support_diags(), "");
}
END_TEST

START_TEST(split_dots_and_eof)
{
	struct fm_split	sp;

	ck_assert_int_eq(split("---\na: 1\n...\nx", &sp), FM_SPLIT_OK);
	ck_assert_uint_eq(sp.yaml_len, 5);
	ck_assert_uint_eq(sp.body_off, 13);
	/* A closing line at the end of the file without a newline. */
	ck_assert_int_eq(split("---\na: 1\n---", &sp), FM_SPLIT_OK);
	ck_assert_uint_eq(sp.yaml_len, 5);
	ck_assert_uint_eq(sp.body_off, 12);
	ck_assert_int_eq(sp.body_line, 4);
	/* Empty front matter. */
	ck_assert_int_eq(split("---\n---\n", &sp), FM_SPLIT_OK);
	ck_assert_uint_eq(sp.yaml_off, 4);
	ck_assert_uint_eq(sp.yaml_len, 0);
	ck_assert_int_eq(sp.body_line, 3);
}
END_TEST

START_TEST(split_none)
{
	static const char *const none[] = { "", "\n\n  \n", "# README\n---\n",
	    "----\nx\n----\n", "--- x\n", "{{< relnote >}}\n", "text", NULL };
	struct fm_split	sp;
	size_t		i;

	for (i = 0; none[i] != NULL; i++)
		ck_assert_int_eq(split(none[i], &sp), FM_SPLIT_NONE);
	ck_assert_str_eq(support_diags(), "");
	ck_assert_int_eq(diag_errors(), 0);
}
END_TEST

START_TEST(split_toml)
{
	struct fm_split	sp;

	ck_assert_int_eq(split("+++\ntitle = \"x\"\n+++\n", &sp), FM_SPLIT_ERROR);
	ck_assert_int_eq(split("\xef\xbb\xbf\n+++ \r\n", &sp), FM_SPLIT_ERROR);
	ck_assert_str_eq(support_diags(),
	    "p.md:1:1: error: TOML front matter ('+++') is not supported; "
	    "write YAML between '---' lines\n"
	    "p.md:2:1: error: TOML front matter ('+++') is not supported; "
	    "write YAML between '---' lines\n");
	ck_assert_int_eq(diag_errors(), 2);
}
END_TEST

START_TEST(split_json)
{
	struct fm_split	sp;

	ck_assert_int_eq(split("{\n  \"title\": \"x\"\n}\nbody\n", &sp),
	    FM_SPLIT_ERROR);
	ck_assert_int_eq(split("\n\n  {\"title\": \"x\"}\n", &sp),
	    FM_SPLIT_ERROR);
	ck_assert_str_eq(support_diags(),
	    "p.md:1:1: error: JSON front matter is not supported; "
	    "write YAML between '---' lines\n"
	    "p.md:3:3: error: JSON front matter is not supported; "
	    "write YAML between '---' lines\n");
}
END_TEST

START_TEST(split_unterminated)
{
	struct fm_split	sp;

	ck_assert_int_eq(split("\n---\ntitle: x\n\nbody\n", &sp),
	    FM_SPLIT_ERROR);
	ck_assert_int_eq(split("---", &sp), FM_SPLIT_ERROR);
	/* "----" and "--- x" do not close it. */
	ck_assert_int_eq(split("---\na: 1\n----\n--- x\n", &sp),
	    FM_SPLIT_ERROR);
	ck_assert_str_eq(support_diags(),
	    "p.md:2:1: error: unterminated front matter: no closing '---' "
	    "line was found after this opening '---'\n"
	    "p.md:1:1: error: unterminated front matter: no closing '---' "
	    "line was found after this opening '---'\n"
	    "p.md:1:1: error: unterminated front matter: no closing '---' "
	    "line was found after this opening '---'\n");
	ck_assert_uint_eq(sp.yaml_len, 0);
}
END_TEST

START_TEST(parse_scalars_as_written)
{
	struct fm_node		*m = parse("release: 1.10\nn: 010\nb: yes\n"
	    "z: ~\nq: \"1.10\"\ns: 'it''s'\nlit: |\n  a\n  b\ne:\n", 2);
	const struct fm_node	*v;

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->kind, FM_MAP);
	ck_assert_uint_eq(m->n, 16);
	v = fm_map_get(m, "release");
	ck_assert_str_eq(v->text, "1.10");
	ck_assert_uint_eq(v->text_len, 4);
	ck_assert_int_eq(v->plain, 1);
	ck_assert_int_eq(v->line, 2);
	ck_assert_int_eq(v->col, 10);
	ck_assert_str_eq(fm_map_get(m, "n")->text, "010");
	ck_assert_str_eq(fm_map_get(m, "b")->text, "yes");
	ck_assert_str_eq(fm_map_get(m, "z")->text, "~");
	v = fm_map_get(m, "q");
	ck_assert_str_eq(v->text, "1.10");
	ck_assert_int_eq(v->plain, 0);
	ck_assert_int_eq(v->col, 4);
	ck_assert_str_eq(fm_map_get(m, "s")->text, "it's");
	ck_assert_str_eq(fm_map_get(m, "lit")->text, "a\nb\n");
	v = fm_map_get(m, "e");
	ck_assert_int_eq(v->kind, FM_SCALAR);
	ck_assert_str_eq(v->text, "");
	ck_assert_uint_eq(v->text_len, 0);
	ck_assert_int_eq(v->plain, 1);
	/* Keys carry their positions too. */
	ck_assert_int_eq(m->items[2]->line, 3);
	ck_assert_int_eq(m->items[2]->col, 1);
	ck_assert_ptr_null(fm_map_get(m, "missing"));
	ck_assert_ptr_null(fm_map_get(v, "x"));
	ck_assert_str_eq(support_diags(), "");
	fm_node_free(m);
}
END_TEST

START_TEST(parse_collections)
{
	struct fm_node		*m = parse("tags: [a, [b, c], {d: e}]\n"
	    "author:\n  name: Bob\n  email: b@x\nlist:\n  - x\n  - - y\n"
	    "empty: []\nnone: {}\n", 10);
	const struct fm_node	*v;

	ck_assert_ptr_nonnull(m);
	v = fm_map_get(m, "tags");
	ck_assert_int_eq(v->kind, FM_SEQ);
	ck_assert_uint_eq(v->n, 3);
	ck_assert_int_eq(v->line, 10);
	ck_assert_int_eq(v->col, 7);
	ck_assert_str_eq(v->items[0]->text, "a");
	ck_assert_int_eq(v->items[1]->kind, FM_SEQ);
	ck_assert_str_eq(v->items[1]->items[1]->text, "c");
	ck_assert_int_eq(v->items[1]->items[1]->col, 15);
	ck_assert_int_eq(v->items[2]->kind, FM_MAP);
	ck_assert_str_eq(fm_map_get(v->items[2], "d")->text, "e");
	v = fm_map_get(m, "author");
	ck_assert_int_eq(v->kind, FM_MAP);
	ck_assert_uint_eq(v->n, 4);
	ck_assert_str_eq(fm_map_get(v, "email")->text, "b@x");
	ck_assert_int_eq(fm_map_get(v, "email")->line, 13);
	ck_assert_int_eq(fm_map_get(v, "email")->col, 10);
	v = fm_map_get(m, "list");
	ck_assert_int_eq(v->kind, FM_SEQ);
	ck_assert_uint_eq(v->n, 2);
	ck_assert_int_eq(v->line, 15);
	ck_assert_int_eq(v->col, 3);
	ck_assert_str_eq(v->items[1]->items[0]->text, "y");
	ck_assert_uint_eq(fm_map_get(m, "empty")->n, 0);
	ck_assert_int_eq(fm_map_get(m, "none")->kind, FM_MAP);
	fm_node_free(m);
}
END_TEST

START_TEST(parse_many_items)
{
	char		 buf[4000];
	size_t		 i, o = 0;
	struct fm_node	*m;

	o += (size_t)sprintf(buf + o, "k: [");
	for (i = 0; i < 300; i++)
		o += (size_t)sprintf(buf + o, "%zu, ", i);
	sprintf(buf + o, "end]\n");
	m = parse(buf, 1);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(fm_map_get(m, "k")->n, 301);
	ck_assert_str_eq(fm_map_get(m, "k")->items[299]->text, "299");
	ck_assert_str_eq(fm_map_get(m, "k")->items[300]->text, "end");
	fm_node_free(m);
}
END_TEST

START_TEST(parse_indented_keys_and_crlf)
{
	struct fm_node	*m = parse(" title: T\r\n date: 2020-01-01\r\n", 2);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->n, 4);
	ck_assert_str_eq(fm_map_get(m, "title")->text, "T");
	ck_assert_int_eq(m->items[0]->col, 2);
	ck_assert_int_eq(fm_map_get(m, "date")->line, 3);
	ck_assert_str_eq(fm_map_get(m, "date")->text, "2020-01-01");
	fm_node_free(m);
}
END_TEST

START_TEST(parse_istio_indented_file)
{
	char		*path, *data;
	size_t		 len;
	struct fm_split	 sp;
	struct fm_node	*m;

	path = support_shared_path("corpus/istio/releases/1.17.x/"
	    "announcing-1.17.3/index.md");
	if (path == NULL) {
		fputs("skipped: the istio 1.17.3 announcement is absent\n",
		    stderr);
		return;
	}
	data = support_read_file(path, &len);
	ck_assert_int_eq(fm_split(path, data, len, &sp), FM_SPLIT_OK);
	m = fm_parse(path, data + sp.yaml_off, sp.yaml_len, sp.yaml_line);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(fm_map_get(m, "title")->text, "Announcing Istio 1.17.3");
	ck_assert_str_eq(fm_map_get(m, "release")->text, "1.17.3");
	ck_assert_int_eq(fm_map_get(m, "release")->line, 7);
	ck_assert_int_eq(fm_map_get(m, "release")->col, 11);
	fm_node_free(m);
	free(data);
	free(path);
}
END_TEST

START_TEST(parse_empty)
{
	struct fm_node	*m = parse("", 4);

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->kind, FM_MAP);
	ck_assert_uint_eq(m->n, 0);
	ck_assert_int_eq(m->line, 4);
	ck_assert_int_eq(m->col, 1);
	fm_node_free(m);
	m = parse("# only a comment\n\n", 2);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->n, 0);
	fm_node_free(m);
	fm_node_free(NULL);
	ck_assert_str_eq(support_diags(), "");
}
END_TEST

START_TEST(parse_duplicate_last_wins)
{
	struct fm_node	*m = parse("a: 1\nb: 2\na: 3\n", 2);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->n, 6);
	ck_assert_str_eq(fm_map_get(m, "a")->text, "3");
	ck_assert_int_eq(fm_map_get(m, "a")->line, 4);
	fm_node_free(m);
}
END_TEST

/* Parse s (starting at file line 2), expect failure and exactly msg. */
static void
expect_error(const char *s, const char *msg)
{
	struct fm_node	*m = parse(s, 2);

	ck_assert_ptr_null(m);
	ck_assert_str_eq(support_diags(), msg);
	ck_assert_int_eq(diag_errors(), 1);
}

START_TEST(err_syntax)
{
	expect_error("title: x\ntags: [a, b\n",
	    "p.md:4:1: error: YAML: did not find expected ',' or ']' (while "
	    "parsing a flow sequence started at line 3, column 7)\n");
}
END_TEST

START_TEST(err_unclosed_quote)
{
	expect_error("title: \"abc\n",
	    "p.md:3:1: error: YAML: found unexpected end of stream (while "
	    "scanning a quoted scalar started at line 2, column 8)\n");
}
END_TEST

START_TEST(err_colon_in_value)
{
	expect_error("title: Istio: the mesh\n",
	    "p.md:2:13: error: YAML: mapping values are not allowed in this "
	    "context; quote a value that contains ': ', and indent the keys "
	    "of one map alike\n");
}
END_TEST

START_TEST(err_tab_indent)
{
	expect_error("title: x\nauthor:\n\tname: Bob\n",
	    "p.md:4:1: error: YAML: found character that cannot start any "
	    "token; a tab cannot indent YAML, use spaces (while scanning for "
	    "the next token)\n");
}
END_TEST

START_TEST(err_tab_after_value)
{
	expect_error("title: x\n\tfoo: bar\n",
	    "p.md:3:1: error: YAML: found a tab character that violates "
	    "indentation (while scanning a plain scalar started at line 2, "
	    "column 8)\n");
}
END_TEST

START_TEST(err_alias)
{
	expect_error("title: x\nb: *a\n",
	    "p.md:3:4: error: YAML: alias '*a' is not supported (anchors and "
	    "aliases are refused: they can expand without limit); write the "
	    "value out\n");
}
END_TEST

START_TEST(err_anchor)
{
	expect_error("title: x\nb: &big [1, 2]\nc: *big\n",
	    "p.md:3:4: error: YAML: anchor '&big' is not supported (anchors "
	    "and aliases are refused: they can expand without limit); write "
	    "the value out\n");
}
END_TEST

static char *
nested(size_t depth)
{
	char	*s = malloc(2 * depth + 5);
	size_t	 i, o = 0;

	ck_assert_ptr_nonnull(s);
	memcpy(s, "a: ", 3);
	o = 3;
	for (i = 0; i < depth; i++)
		s[o++] = '[';
	for (i = 0; i < depth; i++)
		s[o++] = ']';
	s[o++] = '\n';
	s[o] = '\0';
	return s;
}

START_TEST(err_deep_nesting)
{
	char	*s = nested(100);

	/* The root map is level 1, so the 64th '[' (column 67) is level 65. */
	expect_error(s, "p.md:2:67: error: YAML: lists and maps nested deeper "
	    "than 64 levels are not supported (raise the limit with "
	    "--max-depth or max_depth)\n");
	free(s);
}
END_TEST

START_TEST(deep_nesting_limits)
{
	char		*s = nested(63);
	struct fm_node	*m = parse(s, 1);

	ck_assert_ptr_nonnull(m);
	fm_node_free(m);
	free(s);
	/* A huge nesting is refused quickly, without deep recursion. */
	s = nested(200000);
	ck_assert_ptr_null(parse(s, 1));
	ck_assert_int_eq(diag_errors(), 1);
	free(s);
}
END_TEST

START_TEST(err_list_document)
{
	expect_error("- a\n- b\n", "p.md:2:1: error: front matter must be a "
	    "mapping of keys to values ('key: value' lines), not a list\n");
}
END_TEST

START_TEST(err_scalar_document)
{
	expect_error("\n  hello\n", "p.md:3:3: error: front matter must be a "
	    "mapping of keys to values ('key: value' lines), not a single "
	    "value\n");
}
END_TEST

START_TEST(err_complex_key)
{
	expect_error("title: x\n? [a, b]\n: c\n",
	    "p.md:3:3: error: YAML: a key must be plain text, not a list\n");
}
END_TEST

START_TEST(err_second_document)
{
	expect_error("a: 1\n--- b\n", "p.md:3:1: error: front matter must be "
	    "one YAML document; a second one starts here\n");
}
END_TEST

START_TEST(err_reader_utf8)
{
	/* libyaml leaves the marks at 0:0 here: the place comes from the
	 * byte offset, in characters. */
	expect_error("a: b\nc: \xc3\xa9\xff\n",
	    "p.md:3:5: error: YAML: invalid leading UTF-8 octet (byte \\xff)\n");
}
END_TEST

START_TEST(err_reader_control)
{
	expect_error("a: b\nc: \x01\n",
	    "p.md:3:4: error: YAML: control characters are not allowed "
	    "(U+0001)\n");
}
END_TEST

static Suite *
frontmatter_suite(void)
{
	Suite	*s = suite_create("frontmatter");
	TCase	*split_tc = tcase_create("split");
	TCase	*parse_tc = tcase_create("parse");
	TCase	*err_tc = tcase_create("errors");

	tcase_add_checked_fixture(split_tc, support_diag_capture,
	    support_diag_release);
	tcase_add_test(split_tc, split_plain);
	tcase_add_test(split_tc, split_bom_crlf_blank_lines);
	tcase_add_test(split_tc, split_dots_and_eof);
	tcase_add_test(split_tc, split_none);
	tcase_add_test(split_tc, split_toml);
	tcase_add_test(split_tc, split_json);
	tcase_add_test(split_tc, split_unterminated);
	suite_add_tcase(s, split_tc);

	tcase_add_checked_fixture(parse_tc, support_diag_capture,
	    support_diag_release);
	tcase_add_test(parse_tc, parse_scalars_as_written);
	tcase_add_test(parse_tc, parse_collections);
	tcase_add_test(parse_tc, parse_many_items);
	tcase_add_test(parse_tc, parse_indented_keys_and_crlf);
	tcase_add_test(parse_tc, parse_istio_indented_file);
	tcase_add_test(parse_tc, parse_empty);
	tcase_add_test(parse_tc, parse_duplicate_last_wins);
	suite_add_tcase(s, parse_tc);

	tcase_add_checked_fixture(err_tc, support_diag_capture,
	    support_diag_release);
	tcase_add_test(err_tc, err_syntax);
	tcase_add_test(err_tc, err_unclosed_quote);
	tcase_add_test(err_tc, err_colon_in_value);
	tcase_add_test(err_tc, err_tab_indent);
	tcase_add_test(err_tc, err_tab_after_value);
	tcase_add_test(err_tc, err_alias);
	tcase_add_test(err_tc, err_anchor);
	tcase_add_test(err_tc, err_deep_nesting);
	tcase_add_test(err_tc, deep_nesting_limits);
	tcase_add_test(err_tc, err_list_document);
	tcase_add_test(err_tc, err_scalar_document);
	tcase_add_test(err_tc, err_complex_key);
	tcase_add_test(err_tc, err_second_document);
	tcase_add_test(err_tc, err_reader_utf8);
	tcase_add_test(err_tc, err_reader_control);
	suite_add_tcase(s, err_tc);
	return s;
}

int
main(void)
{
	return support_run(frontmatter_suite());
}
