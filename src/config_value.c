/* config_value.c: typed values read from the config's YAML nodes, each
 * mistake reported at its line and column. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config_impl.h"
#include "diag.h"
#include "url.h"
#include "util.h"

/* Report a mistake at the node it is about. */
void
bad(struct loader *L, const struct fm_node *n, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_verror(L->path, n->line, n->col, fmt, ap);
	va_end(ap);
	L->errors++;
}

const char *
kind_name(const struct fm_node *n)
{
	return n->kind == FM_MAP ? "a mapping" :
	    n->kind == FM_SEQ ? "a list" : "a scalar";
}

/* A scalar's text, or NULL after reporting that key needs one. */
const char *
scalar(struct loader *L, const char *key, const struct fm_node *v)
{
	if (v->kind != FM_SCALAR) {
		bad(L, v, "'%s' must be a single value, not %s", key,
		    kind_name(v));
		return NULL;
	}
	return v->text;
}

int
set_string(struct loader *L, const char *key, const struct fm_node *v,
    char **dst)
{
	const char	*s = scalar(L, key, v);

	if (s == NULL)
		return -1;
	free(*dst);
	*dst = xstrdup(s);
	return 0;
}

int
set_url(struct loader *L, const char *key, const struct fm_node *v,
    char **dst)
{
	const char	*s = scalar(L, key, v);

	if (s == NULL)
		return -1;
	if (url_check_base(s) == -1) {
		bad(L, v, "'%s' must be an absolute http or https URL such as "
		    "https://example.org/, not %s", key,
		    diag_quote(0, s, strlen(s)));
		return -1;
	}
	free(*dst);
	*dst = xstrdup(s);
	return 0;
}

/* A path in the config is relative to the config file's directory. */
int
set_path(struct loader *L, const char *key, const struct fm_node *v,
    char **dst)
{
	const char	*s = scalar(L, key, v);

	if (s == NULL)
		return -1;
	if (*s == '\0') {
		bad(L, v, "'%s' is empty", key);
		return -1;
	}
	free(*dst);
	*dst = (*s == '/' || strcmp(L->dir, ".") == 0) ? xstrdup(s) :
	    xasprintf("%s/%s", L->dir, s);
	return 0;
}

int
set_bool(struct loader *L, const char *key, const struct fm_node *v, int *dst)
{
	int	b = fm_bool(v);

	if (b == -1) {
		bad(L, v, "'%s' must be true or false, not %s", key,
		    v->kind == FM_SCALAR ? diag_quote(0, v->text, v->text_len) :
		    kind_name(v));
		return -1;
	}
	*dst = b;
	return 0;
}

int
parse_count(struct loader *L, const char *key, const struct fm_node *v,
    size_t *out)
{
	const char	*s = scalar(L, key, v), *p;
	size_t		 n = 0;

	if (s == NULL)
		return -1;
	for (p = s; is_ascii_digit((unsigned char)*p); p++) {
		if (n > (SIZE_MAX - 9) / 10)
			break;
		n = n * 10 + (size_t)(*p - '0');
	}
	if (p == s || *p != '\0') {
		bad(L, v, "'%s' must be a whole number (0 for all), not %s",
		    key, diag_quote(0, s, strlen(s)));
		return -1;
	}
	*out = n;
	return 0;
}

int
config_parse_formats(const char *s, int *out)
{
	static const struct { const char *name; int bit; } names[] = {
		{ "rss", FORMAT_RSS }, { "atom", FORMAT_ATOM },
		{ "json", FORMAT_JSON },
	};
	const char	*p = s, *e;
	size_t		 n, i;
	int		 bits = 0, found;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		e = p + strcspn(p, ", ");
		n = (size_t)(e - p);
		for (found = 0, i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n &&
			    strncmp(p, names[i].name, n) == 0) {
				bits |= names[i].bit;
				found = 1;
			}
		if (!found)
			return -1;
		p = e;
		while (*p == ' ' || *p == ',')
			p++;
	}
	if (bits == 0)
		return -1;
	*out = bits;
	return 0;
}

/* formats: a list [rss, atom] or a string "rss,atom". */
int
parse_formats_node(struct loader *L, const char *key, const struct fm_node *v,
    int *out)
{
	struct buf	 b = { 0 };
	size_t		 i;
	int		 rc = -1;

	if (v->kind == FM_MAP) {
		bad(L, v, "'%s' must be a list of rss, atom, json, not %s", key,
		    kind_name(v));
		return -1;
	}
	if (v->kind == FM_SCALAR)
		buf_adds(&b, v->text);
	for (i = 0; v->kind == FM_SEQ && i < v->n; i++) {
		if (v->items[i]->kind != FM_SCALAR) {
			bad(L, v->items[i], "'%s' must be a list of rss, atom, "
			    "json, not a list of %s", key,
			    kind_name(v->items[i]));
			goto out;
		}
		buf_printf(&b, "%s%s", i ? "," : "", v->items[i]->text);
	}
	if (config_parse_formats(b.s ? b.s : "", out) == -1) {
		bad(L, v, "'%s' must name formats among rss, atom and json, "
		    "not %s", key, b.s ? diag_quote(0, b.s, b.len) : "nothing");
		goto out;
	}
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* A value that is one string or a list of strings, appended to l. */
int
parse_strings(struct loader *L, const char *key, const struct fm_node *v,
    struct strlist *l)
{
	size_t	i;

	if (v->kind == FM_SCALAR) {
		strlist_push(l, v->text);
		return 0;
	}
	if (v->kind != FM_SEQ) {
		bad(L, v, "'%s' must be a value or a list of values, not %s",
		    key, kind_name(v));
		return -1;
	}
	for (i = 0; i < v->n; i++) {
		if (v->items[i]->kind != FM_SCALAR) {
			bad(L, v->items[i], "'%s' must be a list of values, "
			    "not a list of %s", key, kind_name(v->items[i]));
			return -1;
		}
		strlist_push(l, v->items[i]->text);
	}
	return 0;
}


int
has_dup_key(struct loader *L, const struct fm_node *map, size_t i)
{
	const struct fm_node	*k = map->items[i], *last;

	if ((last = fm_map_get(map, k->text)) == map->items[i + 1])
		return 0;
	/* A second one would silently undo the first. */
	bad(L, k, "'%s' is given twice (again at line %d); give each key "
	    "once", k->text, last->line);
	return 1;
}
