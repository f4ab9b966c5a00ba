/* frontmatter.c: finding a file's YAML front matter and reading it into a
 * tree of positioned nodes with libyaml's event API. */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "frontmatter.h"
#include "util.h"

/* libyaml 0.2.5 has no nesting limit of its own; a deep "[[[[..." must not
 * cost unbounded recursion here. */
#define FM_MAX_DEPTH	64	/* as BOUNDS_DEPTH, for the config file */

/* One line of data: [start, end) without its line break, next after it. */
struct line {
	size_t	start;
	size_t	end;
	size_t	next;
};

static void
line_at(const char *data, size_t len, size_t pos, struct line *l)
{
	const char	*nl = memchr(data + pos, '\n', len - pos);

	l->start = pos;
	l->end = nl != NULL ? (size_t)(nl - data) : len;
	l->next = nl != NULL ? l->end + 1 : len;
	if (l->end > l->start && data[l->end - 1] == '\r')
		l->end--;
}

/* Whether the line is the marker followed by nothing but spaces or tabs. */
static int
is_marker(const char *data, const struct line *l, const char *marker)
{
	size_t	i, n = strlen(marker);

	if (l->end - l->start < n || memcmp(data + l->start, marker, n) != 0)
		return 0;
	for (i = l->start + n; i < l->end; i++)
		if (data[i] != ' ' && data[i] != '\t')
			return 0;
	return 1;
}

/* Offset of the first byte of the line that is not a space or tab. */
static size_t
skip_blanks(const char *data, const struct line *l)
{
	size_t	i = l->start;

	while (i < l->end && (data[i] == ' ' || data[i] == '\t'))
		i++;
	return i;
}

/* What fm_split found wrong, for the caller to report or not. */
enum split_error { SPLIT_NO_ERROR, SPLIT_TOML, SPLIT_JSON, SPLIT_UNTERMINATED };

/* The silent scan fm_split reports on and fm_head_len asks: fills out on
 * FM_SPLIT_OK; on FM_SPLIT_ERROR sets *err, *eline and *ecol. */
static enum fm_split_result
split_scan(const char *data, size_t len, struct fm_split *out,
    enum split_error *err, int *eline, int *ecol)
{
	enum fm_split_result	 rc = FM_SPLIT_NONE;
	struct line		 l;
	size_t			 pos = 0, i;
	int			 lineno = 1;

	memset(out, 0, sizeof(*out));
	*err = SPLIT_NO_ERROR;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	for (;; pos = l.next, lineno++) {
		if (pos >= len)
			goto out;
		line_at(data, len, pos, &l);
		if (skip_blanks(data, &l) < l.end)
			break;
	}
	*eline = lineno;
	*ecol = 1;
	if (is_marker(data, &l, "+++")) {
		*err = SPLIT_TOML;
		rc = FM_SPLIT_ERROR;
		goto out;
	}
	/* "{{" opens a Hugo shortcode or template, never a JSON object. */
	i = skip_blanks(data, &l);
	if (data[i] == '{' && (i + 1 >= l.end || data[i + 1] != '{')) {
		*err = SPLIT_JSON;
		*ecol = (int)(i - l.start) + 1;
		rc = FM_SPLIT_ERROR;
		goto out;
	}
	if (!is_marker(data, &l, "---"))
		goto out;
	out->yaml_off = l.next;
	out->yaml_line = lineno + 1;
	for (pos = l.next, lineno++; pos < len; pos = l.next, lineno++) {
		line_at(data, len, pos, &l);
		if (is_marker(data, &l, "---") || is_marker(data, &l, "...")) {
			out->yaml_len = l.start - out->yaml_off;
			out->body_off = l.next;
			out->body_line = lineno + 1;
			rc = FM_SPLIT_OK;
			goto out;
		}
	}
	*err = SPLIT_UNTERMINATED;
	rc = FM_SPLIT_ERROR;
out:
	if (rc != FM_SPLIT_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

enum fm_split_result
fm_split(const char *path, const char *data, size_t len, struct fm_split *out)
{
	enum fm_split_result	rc;
	enum split_error	err;
	int			line = 0, col = 0;

	rc = split_scan(data, len, out, &err, &line, &col);
	switch (err) {
	case SPLIT_NO_ERROR:
		break;
	case SPLIT_TOML:
		diag_error(path, line, col, "TOML front matter ('+++') is not "
		    "supported; write YAML between '---' lines");
		break;
	case SPLIT_JSON:
		diag_error(path, line, col, "JSON front matter is not "
		    "supported; write YAML between '---' lines");
		break;
	case SPLIT_UNTERMINATED:
		diag_error(path, line, col, "unterminated front matter: no "
		    "closing '---' line was found after this opening '---'");
		break;
	}
	return rc;
}

size_t
fm_head_len(const char *data, size_t len)
{
	struct fm_split		sp;
	enum split_error	err;
	int			line, col;

	if (split_scan(data, len, &sp, &err, &line, &col) != FM_SPLIT_OK)
		return 0;
	/* The closing line must end inside data: "---" at the very end of
	 * a prefix could be the start of "----" in the file. */
	if (sp.body_off == 0 || data[sp.body_off - 1] != '\n')
		return 0;
	return sp.body_off;
}

static struct fm_node *parse_doc(const char *, const char *, size_t, int,
    const char *, size_t);

struct parser {
	yaml_parser_t	 yp;
	const char	*path;
	const char	*yaml;
	size_t		 len;
	int		 line0;		/* file line of yaml[0] */
	size_t		 max_depth;	/* of lists and maps, the root is 1 */
};

/* The byte offset of a mark, found from its line and column (in
 * characters) rather than trusting mark.index to count bytes. */
static size_t
mark_offset(const struct parser *p, const yaml_mark_t *m)
{
	size_t	i = 0, line = 0, col = 0;

	while (i < p->len && line < m->line) {
		if (p->yaml[i++] == '\n')
			line++;
	}
	while (i < p->len && col < m->column && p->yaml[i] != '\n') {
		i++;
		while (i < p->len && ((unsigned char)p->yaml[i] & 0xc0) == 0x80)
			i++;
		col++;
	}
	return i;
}

/* Reader errors leave the marks at 0:0; only problem_offset (bytes) says
 * where: count lines and characters up to it. */
static void
offset_to_linecol(const struct parser *p, size_t off, int *line, int *col)
{
	size_t	i;

	*line = p->line0;
	*col = 1;
	for (i = 0; i < off && i < p->len; i++) {
		if (p->yaml[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)p->yaml[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/* Report libyaml's error once, at its place in the file, in plain words. */
static void
report_libyaml(struct parser *p)
{
	const yaml_parser_t	*y = &p->yp;
	const char		*problem = y->problem ? y->problem : "syntax error";
	const char		*hint = "";
	size_t			 off;
	int			 line, col;

	switch (y->error) {
	case YAML_MEMORY_ERROR:
		diag_error(p->path, p->line0, 1, "YAML: out of memory");
		break;
	case YAML_READER_ERROR:
		offset_to_linecol(p, y->problem_offset, &line, &col);
		/* An "octet" problem_value is a byte, otherwise a character. */
		if (y->problem_value >= 0 && strstr(problem, "octet") != NULL)
			diag_error(p->path, line, col, "YAML: %s (byte \\x%02x)",
			    problem, (unsigned)y->problem_value & 0xff);
		else if (y->problem_value >= 0)
			diag_error(p->path, line, col, "YAML: %s (U+%04X)",
			    problem, (unsigned)y->problem_value);
		else
			diag_error(p->path, line, col, "YAML: %s", problem);
		break;
	default:
		off = mark_offset(p, &y->problem_mark);
		if (off < p->len && p->yaml[off] == '\t' &&
		    strstr(problem, "tab") == NULL)
			hint = "; a tab cannot indent YAML, use spaces";
		else if (strstr(problem, "mapping values are not allowed"))
			hint = "; quote a value that contains ': ', and indent "
			    "the keys of one map alike";
		line = p->line0 + (int)y->problem_mark.line;
		col = (int)y->problem_mark.column + 1;
		if (y->context != NULL && (y->context_mark.line !=
		    y->problem_mark.line || y->context_mark.column !=
		    y->problem_mark.column))
			diag_error(p->path, line, col, "YAML: %s%s (%s started "
			    "at line %d, column %d)", problem, hint, y->context,
			    p->line0 + (int)y->context_mark.line,
			    (int)y->context_mark.column + 1);
		else if (y->context != NULL)
			diag_error(p->path, line, col, "YAML: %s%s (%s)",
			    problem, hint, y->context);
		else
			diag_error(p->path, line, col, "YAML: %s%s", problem,
			    hint);
		break;
	}
}

static int
next_event(struct parser *p, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&p->yp, ev)) {
		report_libyaml(p);
		return -1;
	}
	return 0;
}

static void
mark_pos(const struct parser *p, const yaml_mark_t *m, int *line, int *col)
{
	*line = p->line0 + (int)m->line;
	*col = (int)m->column + 1;
}

static struct fm_node *
node_new(const struct parser *p, enum fm_kind kind, const yaml_mark_t *m)
{
	struct fm_node	*n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	mark_pos(p, m, &n->line, &n->col);
	return n;
}

/* items grows by doubling; its capacity follows from n alone. */
static void
node_push(struct fm_node *n, struct fm_node *child)
{
	if (n->n == 0)
		n->items = xmalloc(4 * sizeof(*n->items));
	else if (n->n >= 4 && (n->n & (n->n - 1)) == 0)
		n->items = xrealloc(n->items, 2 * n->n * sizeof(*n->items));
	n->items[n->n++] = child;
}

/* Build the node that starts with *ev, reading its children; *ev is always
 * deleted. depth counts enclosing collections. NULL after reporting. */
static struct fm_node *
parse_node(struct parser *p, yaml_event_t *ev, int depth)
{
	struct fm_node		*n = NULL, *child;
	yaml_event_t		 ce;
	yaml_event_type_t	 end;
	const yaml_char_t	*anchor = NULL;
	int			 line, col, ok = 0;

	mark_pos(p, &ev->start_mark, &line, &col);
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		diag_error(p->path, line, col, "YAML: alias '*%s' is not "
		    "supported (anchors and aliases are refused: they can "
		    "expand without limit); write the value out",
		    (const char *)ev->data.alias.anchor);
		goto out;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		break;
	default:
		diag_error(p->path, line, col, "YAML: unexpected event");
		goto out;
	}
	if (anchor != NULL) {
		diag_error(p->path, line, col, "YAML: anchor '&%s' is not "
		    "supported (anchors and aliases are refused: they can "
		    "expand without limit); write the value out",
		    (const char *)anchor);
		goto out;
	}
	if (ev->type == YAML_SCALAR_EVENT) {
		n = node_new(p, FM_SCALAR, &ev->start_mark);
		n->text = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->text_len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		ok = 1;
		goto out;
	}
	if ((size_t)depth > p->max_depth) {
		diag_error(p->path, line, col, "YAML: lists and maps nested "
		    "deeper than %zu levels are not supported (raise the limit "
		    "with --max-depth or max_depth)", p->max_depth);
		goto out;
	}
	if (ev->type == YAML_SEQUENCE_START_EVENT) {
		n = node_new(p, FM_SEQ, &ev->start_mark);
		end = YAML_SEQUENCE_END_EVENT;
	} else {
		n = node_new(p, FM_MAP, &ev->start_mark);
		end = YAML_MAPPING_END_EVENT;
	}
	for (;;) {
		if (next_event(p, &ce) == -1)
			goto out;
		if (ce.type == end) {
			yaml_event_delete(&ce);
			break;
		}
		if ((child = parse_node(p, &ce, depth + 1)) == NULL)
			goto out;
		if (n->kind == FM_MAP && n->n % 2 == 0 &&
		    child->kind != FM_SCALAR) {
			diag_error(p->path, child->line, child->col, "YAML: a "
			    "key must be plain text, not a %s",
			    child->kind == FM_SEQ ? "list" : "map");
			fm_node_free(child);
			goto out;
		}
		node_push(n, child);
	}
	ok = 1;
out:
	yaml_event_delete(ev);
	if (!ok) {
		fm_node_free(n);
		n = NULL;
	}
	return n;
}

struct fm_node *
fm_parse(const char *path, const char *yaml, size_t len, int yaml_line)
{
	return fm_parse_depth(path, yaml, len, yaml_line, FM_MAX_DEPTH);
}

struct fm_node *
fm_parse_depth(const char *path, const char *yaml, size_t len, int yaml_line,
    size_t max_depth)
{
	return parse_doc(path, yaml, len, yaml_line, "front matter", max_depth);
}

struct fm_node *
fm_parse_doc(const char *path, const char *yaml, size_t len, int yaml_line,
    const char *what)
{
	return parse_doc(path, yaml, len, yaml_line, what, FM_MAX_DEPTH);
}

static struct fm_node *
parse_doc(const char *path, const char *yaml, size_t len, int yaml_line,
    const char *what, size_t max_depth)
{
	struct parser	 p;
	struct fm_node	*root = NULL, *ret = NULL;
	yaml_event_t	 ev;
	yaml_mark_t	 top = { 0, 0, 0 };
	int		 line, col;

	if (!yaml_parser_initialize(&p.yp)) {
		diag_error(path, yaml_line, 1, "YAML: out of memory");
		return NULL;
	}
	p.path = path;
	p.yaml = yaml;
	p.len = len;
	p.line0 = yaml_line;
	p.max_depth = max_depth;
	yaml_parser_set_input_string(&p.yp, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&p.yp, YAML_UTF8_ENCODING);

	if (next_event(&p, &ev) == -1)		/* STREAM-START */
		goto out;
	yaml_event_delete(&ev);
	if (next_event(&p, &ev) == -1)
		goto out;
	if (ev.type == YAML_STREAM_END_EVENT) {
		/* Nothing but blank lines and comments: no keys. */
		yaml_event_delete(&ev);
		ret = node_new(&p, FM_MAP, &top);
		goto out;
	}
	yaml_event_delete(&ev);			/* DOCUMENT-START */
	if (next_event(&p, &ev) == -1)
		goto out;
	if (ev.type != YAML_MAPPING_START_EVENT) {
		mark_pos(&p, &ev.start_mark, &line, &col);
		diag_error(path, line, col, "%s must be a mapping of keys to "
		    "values ('key: value' lines), not a %s", what,
		    ev.type == YAML_SEQUENCE_START_EVENT ? "list" :
		    "single value");
		yaml_event_delete(&ev);
		goto out;
	}
	if ((root = parse_node(&p, &ev, 1)) == NULL)
		goto out;
	if (next_event(&p, &ev) == -1)		/* DOCUMENT-END */
		goto out;
	yaml_event_delete(&ev);
	if (next_event(&p, &ev) == -1)
		goto out;
	if (ev.type != YAML_STREAM_END_EVENT) {
		mark_pos(&p, &ev.start_mark, &line, &col);
		diag_error(path, line, col, "%s must be one YAML document; "
		    "a second one starts here", what);
		yaml_event_delete(&ev);
		goto out;
	}
	yaml_event_delete(&ev);
	ret = root;
	root = NULL;
out:
	fm_node_free(root);
	yaml_parser_delete(&p.yp);
	return ret;
}

int
fm_bool(const struct fm_node *v)
{
	static const char *const words[][2] = {
		{ "true", "false" }, { "True", "False" }, { "TRUE", "FALSE" },
		{ "yes", "no" }, { "Yes", "No" }, { "YES", "NO" },
	};
	size_t	i;

	if (v == NULL || v->kind != FM_SCALAR)
		return -1;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcmp(v->text, words[i][0]) == 0)
			return 1;
		if (strcmp(v->text, words[i][1]) == 0)
			return 0;
	}
	return -1;
}

void
fm_node_free(struct fm_node *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		fm_node_free(n->items[i]);
	free(n->items);
	free(n->text);
	free(n);
}

const struct fm_node *
fm_map_get(const struct fm_node *map, const char *key)
{
	size_t	i;

	if (map == NULL || map->kind != FM_MAP)
		return NULL;
	for (i = map->n; i >= 2; i -= 2)
		if (strcmp(map->items[i - 2]->text, key) == 0)
			return map->items[i - 1];
	return NULL;
}
