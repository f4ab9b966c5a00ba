/* shortcode.c: Hugo shortcodes in a body found, paired, and expanded from
 * their templates or removed. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "shortcode.h"
#include "template.h"
#include "util.h"

/* Longest shortcode name quoted in a warning; names are only printable
 * ASCII (see is_name_char), so no further quoting is needed. */
#define SC_NAME_SHOWN	60

/* How many open tags a closing tag looks through for its opening one:
 * real nesting is shallow, and a bound keeps a body of thousands of
 * unmatched tags linear. A deeper opening tag stays unpaired, which
 * changes only the wording of the warnings. */
#define SC_MAX_SEARCH	64

/* How deep paired shortcodes with templates may nest: expanding recurses,
 * and a template may insert {inner} more than once. */
#define SC_MAX_DEPTH	16

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
	size_t		 args;		/* arguments: [args, argsend) */
	size_t		 argsend;
	size_t		 match;		/* paired SC_OPEN: its closing tag */
	const struct shortcode_tmpl *tmpl; /* SC_OPEN, SC_SELF: or NULL */
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

/* Scan the tag whose "{{" is at b[at]; fill t. Quoted arguments ("..." and
 * '...' with backslash escapes, `...` raw) may hold the closing delimiter
 * and newlines. Returns -1 when the tag never ends. */
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
			    b[k - 1] == '/') {
				t->kind = SC_SELF;
				k--;
			}
			t->args = t->name + t->namelen;
			t->argsend = k;
			return 0;
		}
		if (template_is_quote(b, t->name + t->namelen, p)) {
			q = b[p++];
			while (p < len && b[p] != q) {
				if (q != '`' && b[p] == '\\' && p + 1 < len)
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
			v[stack[k - 1]].match = i;
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
		if (t->tmpl != NULL)
			continue;
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

/* Index of the first byte of the line holding p, or lo if the line starts
 * before it: a region inside a long line is not scanned again for each of
 * its tags. */
static size_t
line_start(const char *b, size_t lo, size_t p)
{
	while (p > lo && b[p - 1] != '\n')
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

/* 1 if b[from..to) holds something other than spaces. */
static int
has_text(const char *b, size_t from, size_t to)
{
	for (; from < to; from++)
		if (!is_ascii_space((unsigned char)b[from]))
			return 1;
	return 0;
}

/* An escaped tag is written as the tag it shows, comment marks removed. */
static void
emit_escaped(struct buf *out, const char *b, const struct sc_tag *t)
{
	buf_printf(out, "{{%c", t->delim);
	buf_add(out, b + t->lit, t->litlen);
	buf_printf(out, "%c}}", t->close);
}

struct sc_run {
	const char			*path;
	const char			*b;
	const struct sc_tag		*v;
	const struct shortcode_env	*env;
	int				 depth;
};

/* A paired tag with a template and its closing one make one item. */
static int
is_tmpl_pair(const struct sc_tag *t)
{
	return t->tmpl != NULL && t->kind == SC_OPEN && t->paired;
}

static size_t
item_end(const struct sc_tag *v, size_t k)
{
	return is_tmpl_pair(&v[k]) ? v[v[k].match].end : v[k].end;
}

static size_t
item_next(const struct sc_tag *v, size_t k)
{
	return is_tmpl_pair(&v[k]) ? v[k].match + 1 : k + 1;
}

static int	emit_region(struct sc_run *, size_t, size_t, size_t, size_t,
		    struct buf *);

/* The inner text of paired v[k], less a line break right after the
 * opening tag and one before a closing tag alone on its line. */
static void
inner_span(const struct sc_run *r, size_t k, size_t *lo, size_t *hi)
{
	const struct sc_tag	*t = &r->v[k], *c = &r->v[t->match];
	const char		*b = r->b;
	size_t			 p = t->end;

	while (p < c->start && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r'))
		p++;
	*lo = p < c->start && b[p] == '\n' ? p + 1 : t->end;
	*hi = c->start;
	for (p = c->start; p > *lo && (b[p - 1] == ' ' || b[p - 1] == '\t');)
		p--;
	if (p == *lo && *lo != t->end)
		*hi = p;
	else if (p > *lo && b[p - 1] == '\n') {
		*hi = p - 1;
		if (*hi > *lo && b[*hi - 1] == '\r')
			(*hi)--;
	}
}

/* Expand v[k], whose template exists, onto out; ind is the indentation
 * before a tag that starts its line, else empty. */
static int
emit_tmpl(struct sc_run *r, size_t k, const char *ind, size_t indlen,
    struct buf *out)
{
	const struct sc_tag	*t = &r->v[k];
	struct template_call	 call;
	struct buf		 inner = { 0 };
	char			*err = NULL;
	size_t			 lo = 0, hi;
	int			 rc = -1;

	if (is_tmpl_pair(t)) {
		if (r->depth >= SC_MAX_DEPTH) {
			diag_error(r->path, t->line, t->col, "shortcodes with "
			    "templates nested more than %d deep", SC_MAX_DEPTH);
			goto out;
		}
		inner_span(r, k, &lo, &hi);
		r->depth++;
		rc = emit_region(r, lo, hi, k + 1, t->match, &inner);
		r->depth--;
		if (rc == -1)
			goto out;
		buf_add(&inner, "", 0);
	}
	memset(&call, 0, sizeof(call));
	call.args = r->b + t->args;
	call.argslen = t->argsend - t->args;
	call.inner = inner.s;
	call.innerlen = inner.len;
	call.inner_bol = lo > 0 && r->b[lo - 1] == '\n';
	call.ind = ind;
	call.indlen = indlen;
	call.env = r->env;
	rc = template_expand(t->tmpl->text, &call, out, &err);
	if (rc == -1)
		diag_error(r->path, t->line, t->col, "shortcode '%.*s': bad "
		    "template: %s", t->namelen > SC_NAME_SHOWN ? SC_NAME_SHOWN :
		    (int)t->namelen, r->b + t->name, err);
out:
	free(err);
	buf_free(&inner);
	return rc;
}

/* Copy b[lo..hi) with the tags v[i..iend) expanded or removed. Items (a tag,
 * or a templated pair with its inner text) sharing lines form a group; a
 * group whose lines show nothing else and which writes nothing goes with
 * its lines, so no blank line splits a list or leaves an empty
 * paragraph. */
static int
emit_region(struct sc_run *r, size_t lo, size_t hi, size_t i, size_t iend,
    struct buf *out)
{
	const struct sc_tag	*v = r->v;
	const char		*b = r->b;
	struct buf		 grp = { 0 };
	size_t			 cur = lo, j, k, ls, le, p, n0, ind;
	int			 shown, rc = -1;

	while (i < iend) {
		ls = line_start(b, lo, v[i].start);
		le = line_end(b, hi, item_end(v, i));
		/* An item ending before le leaves le the line end: searching
		 * again would make one long line of tags quadratic. */
		for (j = item_next(v, i); j < iend && v[j].start < le;
		    j = item_next(v, j))
			if (item_end(v, j) > le)
				le = line_end(b, hi, item_end(v, j));
		ind = (ls == 0 || b[ls - 1] == '\n') &&
		    !has_text(b, ls, v[i].start) ? v[i].start - ls : 0;
		grp.len = 0;
		shown = 0;
		for (p = ls, k = i; k < j; k = item_next(v, k)) {
			shown |= has_text(b, p, v[k].start);
			buf_add(&grp, b + p, v[k].start - p);
			n0 = grp.len;
			if (v[k].kind == SC_ESCAPED)
				emit_escaped(&grp, b, &v[k]);
			else if (v[k].tmpl != NULL && emit_tmpl(r, k, b + ls,
			    k == i ? ind : 0, &grp) == -1)
				goto out;
			shown |= grp.len > n0;
			p = item_end(v, k);
		}
		shown |= has_text(b, p, le);
		buf_add(&grp, b + p, le - p);
		buf_add(out, b + cur, ls - cur);
		if (shown) {
			buf_add(out, grp.s, grp.len);
			cur = le;
		} else
			cur = le < hi ? le + 1 : hi;
		i = j;
	}
	buf_add(out, b + cur, hi - cur);
	rc = 0;
out:
	buf_free(&grp);
	return rc;
}

static const struct shortcode_tmpl *
find_tmpl(const struct shortcode_env *env, const char *name, size_t len)
{
	size_t	i;

	for (i = 0; env != NULL && i < env->ntmpls; i++)
		if (strlen(env->tmpls[i].name) == len &&
		    memcmp(env->tmpls[i].name, name, len) == 0)
			return &env->tmpls[i];
	return NULL;
}

char *
shortcode_expand(const char *path, int body_line, const char *body,
    size_t len, const struct shortcode_env *env, size_t *outlen)
{
	struct sc_list	 tags = { 0 };
	struct sc_tag	 t;
	struct sc_run	 r;
	struct buf	 out = { 0 };
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
		if (t.kind == SC_OPEN || t.kind == SC_SELF)
			t.tmpl = find_tmpl(env, body + t.name, t.namelen);
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
	r.path = path;
	r.b = body;
	r.v = tags.v;
	r.env = env;
	r.depth = 0;
	if (emit_region(&r, 0, len, 0, tags.n, &out) == -1)
		goto out;
	buf_add(&out, "", 0);
	*outlen = out.len;
	res = buf_detach(&out);
out:
	buf_free(&out);
	free(tags.v);
	return res;
}

int
shortcode_check_template(const char *path, int line, int col,
    const char *text)
{
	char	*err = NULL;
	int	 rc;

	rc = template_check(text, &err);
	if (rc == -1)
		diag_error(path, line, col, "shortcode template: %s", err);
	free(err);
	return rc;
}
