/* fuzz_frontmatter.c: fuzzing the front matter splitter and the YAML
 * reader with any bytes as a content file. */
#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "fuzzutil.h"

/* What fm_parse promises of every node of the tree. */
static void
check_node(const struct fm_node *n, int first_line, int depth)
{
	size_t	i;

	FUZZ_CHECK(depth <= 64, "nesting capped at 64 levels");
	FUZZ_CHECK(n->line >= first_line && n->col >= 1, "1-based position "
	    "in the file");
	switch (n->kind) {
	case FM_SCALAR:
		FUZZ_CHECK(n->text != NULL && n->text[n->text_len] == '\0',
		    "scalar text NUL-terminated at text_len");
		FUZZ_CHECK(n->items == NULL && n->n == 0, "scalar has no items");
		break;
	case FM_MAP:
		FUZZ_CHECK(n->n % 2 == 0, "map holds key, value pairs");
		for (i = 0; i < n->n; i += 2)
			FUZZ_CHECK(n->items[i]->kind == FM_SCALAR,
			    "map keys are scalars");
		/* FALLTHROUGH */
	case FM_SEQ:
		for (i = 0; i < n->n; i++)
			check_node(n->items[i], first_line, depth +
			    (n->items[i]->kind != FM_SCALAR));
		break;
	default:
		FUZZ_CHECK(0, "known node kind");
	}
}

static void
use_map(const struct fm_node *root, int first_line)
{
	const struct fm_node	*v;

	FUZZ_CHECK(root->kind == FM_MAP, "the root is a map");
	check_node(root, first_line, 1);
	if ((v = fm_map_get(root, "title")) != NULL)
		FUZZ_CHECK(fm_bool(v) >= -1 && fm_bool(v) <= 1, "fm_bool range");
	if ((v = fm_map_get(root, "draft")) != NULL)
		(void)fm_bool(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*d = (const char *)data;
	struct fm_split		 sp;
	struct fm_node		*root;

	fuzz_quiet();
	switch (fm_split("fuzz.md", d, size, &sp)) {
	case FM_SPLIT_OK:
		FUZZ_CHECK(sp.yaml_off <= size && sp.yaml_len <= size -
		    sp.yaml_off, "YAML inside the data");
		FUZZ_CHECK(sp.body_off >= sp.yaml_off + sp.yaml_len &&
		    sp.body_off <= size, "body after the YAML, inside the data");
		FUZZ_CHECK(sp.yaml_line >= 2 && sp.body_line > sp.yaml_line,
		    "lines after the opening ---");
		root = fm_parse("fuzz.md", d + sp.yaml_off, sp.yaml_len,
		    sp.yaml_line);
		if (root != NULL)
			use_map(root, sp.yaml_line);
		fm_node_free(root);
		break;
	case FM_SPLIT_NONE:
	case FM_SPLIT_ERROR:
		FUZZ_CHECK(sp.yaml_off == 0 && sp.yaml_len == 0 &&
		    sp.body_off == 0, "*out zeroed");
		break;
	default:
		FUZZ_CHECK(0, "known fm_split result");
	}
	/* The same bytes as a whole YAML document, as relfeed.yaml is read. */
	root = fm_parse_doc("fuzz.yaml", d, size, 1, "fuzz document");
	if (root != NULL)
		use_map(root, 1);
	fm_node_free(root);
	return 0;
}
