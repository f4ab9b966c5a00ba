/* config_new.c: the new: mapping of relfeed.yaml, the path pattern and
 * template `relfeed new` makes a release's announcement from. */
#include <stdlib.h>
#include <string.h>

#include "config_impl.h"
#include "diag.h"
#include "scaffold.h"

/* A pattern or template whose placeholders are all known; reported at
 * the value when one is not. */
static int
set_pattern(struct loader *L, const char *key, const struct fm_node *v,
    char **dst)
{
	size_t	col;

	if (set_string(L, key, v, dst) == -1)
		return -1;
	if (scaffold_check_placeholders(*dst, &col) == 0)
		return 0;
	bad(L, v, "'%s': unknown placeholder %s (expected {version}, {line}, "
	    "{major}, {minor}, {patch}, {year}, {month}, {day}, {date}, "
	    "{slug})", key, diag_quote(0, *dst + col,
	    strcspn(*dst + col, "}") + 1));
	return -1;
}

int
config_parse_new(struct loader *L, const char *key, const struct fm_node *v)
{
	const struct fm_node	*k, *val;
	size_t			 i;
	int			 rc = 0;

	if (v->kind != FM_MAP) {
		bad(L, v, "'%s' must be a mapping with path and template, "
		    "not %s", key, kind_name(v));
		return -1;
	}
	for (i = 0; i + 1 < v->n; i += 2) {
		k = v->items[i];
		val = v->items[i + 1];
		if (has_dup_key(L, v, i))
			rc = -1;
		else if (strcmp(k->text, "path") == 0) {
			if (set_pattern(L, "new.path", val,
			    &L->c->new_path) == -1)
				rc = -1;
			else if (scaffold_check_path(L->c->new_path) == -1) {
				bad(L, val, "'new.path' %s: expected a "
				    "relative path below the content "
				    "directory, without '..' or hidden "
				    "names, ending in .md or .markdown, such "
				    "as releases/{version}.md",
				    diag_quote(0, val->text, val->text_len));
				rc = -1;
			}
		} else if (strcmp(k->text, "template") == 0)
			rc |= set_pattern(L, "new.template", val,
			    &L->c->new_template);
		else {
			bad(L, k, "unknown key '%s' in '%s' (expected path, "
			    "template)", k->text, key);
			rc = -1;
		}
	}
	return rc;
}
