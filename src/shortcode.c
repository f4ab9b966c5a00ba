/* shortcode.c: Hugo shortcodes in a body found, paired and removed. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "shortcode.h"
#include "util.h"

/* Longest shortcode name quoted in a warning; names are only printable
 * ASCII (see is_name_char), so no further quoting is needed. */
#define SC_NAME_SHOWN	60

/* How many open tags a closing tag looks through for its opening one:
 * real nesting is shallow, and a bound keeps a body of thousands of
 * unmatched tags linear. A deeper opening tag stays unpaired, which
 * changes only the wording of the warnings. */
#define SC_MAX_SEARCH	64

enum sc_kind {
	SC_OPEN,	/* {{< x >}}: paired if a {{< /x >}} closes it */
	SC_CLOSE,	/* {{< /x >}} */
	SC_SELF,	/* {{< x />}}: never paired */
	SC_ESCAPED	/* comment inside the delimiters: written out */
};

struct sc_tag {
	size_t		 start;		/* byte span [start, end) in the body */
	size_t		 end;
	size_t		 name;		/* offset and length of the name */
	size_t		 namelen;
	size_t		 lit;		/* SC_ESCAPED: the commented text */
	size_t		 litlen;
	int		 line;		/* file line and 1-based byte column */
	int		 col;
	char		 delim;		/* '<' or '%' */
	char		 close;		/* '>' or '%': "close}}" ends the tag */
	enum sc_kind	 kind;
	int		 paired;
};

struct sc_list {
	struct sc_tag	*v;
	size_t		 n;
	size_t		 cap;
};

static int
is_name_char(int c)
{
	return is_ascii_alnum(c) || c == '_' || c == '-' || c == '.';
}

static size_t
skip_space(const char *b, size_t len, size_t p)
{
	while (p < len && is_ascii_space((unsigned char)b[p]))
		p++;
	return p;
}

/* 1 if the closing delimiter "<c>}}" starts at p. */
static int
is_end(const char *b, size_t len, size_t p, char c)
{
	return p + 2 < len && b[p] == c && b[p + 1] == '}' && b[p + 2] == '}';
}

/* Escaped form: after "{{<" and spaces comes slash-star; the tag ends at the
 * first star-slash followed by optional spaces and the closing delimiter. */
static int
scan_escaped(const char *b, size_t len, size_t p, struct sc_tag *t)
{
	size_t	q, e;

	for (q = p + 2; q + 1 < len; q++) {
		if (b[q] != '*' || b[q + 1] != '/')
			continue;
		e = skip_space(b, len, q + 2);
		if (is_end(b, len, e, t->close)) {
			t->kind = SC_ESCAPED;
			t->lit = p + 2;
			t->litlen = q - (p + 2);
			t->end = e + 3;
			return 0;
		}
	}
	return -1;
}

/* Scan the tag whose "{{" is at b[at]; fill t. Quoted arguments ("..." with
 * backslash escapes, `...` raw, as Go templates quote) may hold the closing
 * delimiter and newlines. Returns -1 when the tag never ends. */
static int
scan_tag(const char *b, size_t len, size_t at, struct sc_tag *t)
{
	size_t	p, k;
	char	q;

	t->delim = b[at + 2];
	t->close = t->delim == '<' ? '>' : '%';
	t->start = at;
	t->kind = SC_OPEN;
	p = skip_space(b, len, at + 3);
	if (p + 1 < len && b[p] == '/' && b[p + 1] == '*')
		return scan_escaped(b, len, p, t);
	if (p < len && b[p] == '/') {
		t->kind = SC_CLOSE;
		p = skip_space(b, len, p + 1);
	}
	/* Names may be paths ("a/b"): a '/' inside counts, a trailing one
	 * is the self-closing mark. */
	t->name = p;
	while (p < len && (is_name_char((unsigned char)b[p]) ||
	    (b[p] == '/' && p > t->name && p + 1 < len &&
	    is_name_char((unsigned char)b[p + 1]))))
		p++;
	t->namelen = p - t->name;
	while (p < len) {
		if (is_end(b, len, p, t->close)) {
			t->end = p + 3;
			k = p;
			while (k > t->name + t->namelen &&
			    is_ascii_space((unsigned char)b[k - 1]))
				k--;
			if (t->kind == SC_OPEN && k > t->name + t->namelen &&
			    b[k - 1] == '/')
				t->kind = SC_SELF;
			return 0;
		}
		if (b[p] == '"' || b[p] == '`') {
			q = b[p++];
			while (p < len && b[p] != q) {
				if (q == '"' && b[p] == '\\' && p + 1 < len)
					p++;
				p++;
			}
			if (p >= len)
				return -1;
		}
		p++;
	}
	return -1;
}

static int
same_name(const char *b, const struct sc_tag *x, const struct sc_tag *y)
{
	return x->namelen == y->namelen &&
	    memcmp(b + x->name, b + y->name, x->namelen) == 0;
}

/* A closing tag pairs with the nearest open tag of its name still open;
 * tags opened after that one and not closed are left unpaired. */
static void
pair_tags(const char *b, struct sc_tag *v, size_t n)
{
	size_t	*stack, depth = 0, i, k;

	stack = xcalloc(n, sizeof(*stack));
	for (i = 0; i < n; i++) {
		if (v[i].kind == SC_OPEN) {
			stack[depth++] = i;
			continue;
		}
		if (v[i].kind != SC_CLOSE)
			continue;
		for (k = depth; k > 0 && depth - k < SC_MAX_SEARCH; k--)
			if (same_name(b, &v[stack[k - 1]], &v[i]))
				break;
		if (k > 0 && depth - k < SC_MAX_SEARCH) {
			v[stack[k - 1]].paired = 1;
			v[i].paired = 1;
			depth = k - 1;
		}
	}
	free(stack);
}

static void
warn_tags(const char *path, const char *b, const struct sc_tag *v, size_t n)
{
	const struct sc_tag	*t;
	size_t			 i;
	int			 nl;

	for (i = 0; i < n; i++) {
		t = &v[i];
		nl = t->namelen > SC_NAME_SHOWN ? SC_NAME_SHOWN :
		    (int)t->namelen;
		if (t->kind == SC_OPEN && t->paired)
			diag_warning(path, t->line, t->col, "shortcode '%.*s' "
			    "removed, its inner text kept", nl, b + t->name);
		else if (t->kind == SC_OPEN || t->kind == SC_SELF)
			diag_warning(path, t->line, t->col, "shortcode '%.*s' "
			    "removed (no template for it)", nl, b + t->name);
		else if (t->kind == SC_CLOSE && !t->paired)
			diag_warning(path, t->line, t->col, "closing shortcode "
			    "'/%.*s' removed (no opening tag for it)", nl,
			    b + t->name);
	}
}

/* Index of the first byte of the line holding p. */
static size_t
line_start(const char *b, size_t p)
{
	while (p > 0 && b[p - 1] != '\n')
		p--;
	return p;
}

/* Index of the '\n' ending the line holding p, or len. */
static size_t
line_end(const char *b, size_t len, size_t p)
{
	const char	*nl = memchr(b + p, '\n', len - p);

	return nl ? (size_t)(nl - b) : len;
}

/* 1 if the lines [ls, le) hold only the removed tags v[i..j) and spaces. */
static int
group_is_blank(const char *b, size_t ls, size_t le, const struct sc_tag *v,
    size_t i, size_t j)
{
	size_t	p = ls, k;

	for (k = i; k < j; k++) {
		if (v[k].kind == SC_ESCAPED)
			return 0;
		for (; p < v[k].start; p++)
			if (!is_ascii_space((unsigned char)b[p]))
				return 0;
		p = v[k].end;
	}
	for (; p < le; p++)
		if (!is_ascii_space((unsigned char)b[p]))
			return 0;
	return 1;
}

/* An escaped tag is written as the tag it shows, comment marks removed. */
static void
emit_escaped(struct buf *out, const char *b, const struct sc_tag *t)
{
	buf_printf(out, "{{%c", t->delim);
	buf_add(out, b + t->lit, t->litlen);
	buf_printf(out, "%c}}", t->close);
}

/* Copy the body without its tags. Tags sharing lines form a group; a group
 * whose lines hold nothing else goes with its lines, so no blank line splits
 * a list or leaves an empty paragraph. */
static char *
emit_text(const char *b, size_t len, const struct sc_tag *v, size_t n,
    size_t *outlen)
{
	struct buf	 out = { 0 };
	size_t		 cur = 0, i = 0, j, k, ls, le;

	while (i < n) {
		ls = line_start(b, v[i].start);
		le = line_end(b, len, v[i].end);
		/* A tag ending before le leaves le the line end: searching
		 * again would make one long line of tags quadratic. */
		for (j = i + 1; j < n && v[j].start < le; j++)
			if (v[j].end > le)
				le = line_end(b, len, v[j].end);
		if (group_is_blank(b, ls, le, v, i, j)) {
			buf_add(&out, b + cur, ls - cur);
			cur = le < len ? le + 1 : len;
		} else {
			for (k = i; k < j; k++) {
				buf_add(&out, b + cur, v[k].start - cur);
				if (v[k].kind == SC_ESCAPED)
					emit_escaped(&out, b, &v[k]);
				cur = v[k].end;
			}
		}
		i = j;
	}
	buf_add(&out, b + cur, len - cur);
	*outlen = out.len;
	return buf_detach(&out);
}

char *
shortcode_expand(const char *path, int body_line, const char *body,
    size_t len, size_t *outlen)
{
	struct sc_list	 tags = { 0 };
	struct sc_tag	 t;
	char		*res = NULL;
	size_t		 i = 0, lstart = 0, e;
	int		 line = body_line;

	while (i < len) {
		if (body[i] == '\n') {
			line++;
			lstart = ++i;
			continue;
		}
		if (!(i + 2 < len && body[i] == '{' && body[i + 1] == '{' &&
		    (body[i + 2] == '<' || body[i + 2] == '%'))) {
			i++;
			continue;
		}
		memset(&t, 0, sizeof(t));
		t.line = line;
		t.col = (int)(i - lstart + 1);
		if (scan_tag(body, len, i, &t) == -1) {
			e = line_end(body, len, i);
			diag_error(path, t.line, t.col, "shortcode %s is never "
			    "closed: expected \"%c}}\"",
			    diag_quote(0, body + i, e - i), t.close);
			goto out;
		}
		if (tags.n == tags.cap) {
			tags.cap = tags.cap ? tags.cap * 2 : 16;
			tags.v = xrealloc(tags.v, tags.cap * sizeof(*tags.v));
		}
		tags.v[tags.n++] = t;
		for (; i < t.end; i++)
			if (body[i] == '\n') {
				line++;
				lstart = i + 1;
			}
	}
	pair_tags(body, tags.v, tags.n);
	warn_tags(path, body, tags.v, tags.n);
	res = emit_text(body, len, tags.v, tags.n, outlen);
out:
	free(tags.v);
	return res;
}
