/* template.c: a shortcode's template expanded, arguments parsed and the
 * template language checked and rendered in one pass. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "template.h"
#include "util.h"

/* Where the values come from: get() returns the value of name[0..namelen)
 * (length in *len, may hold NUL bytes) or NULL when unknown, and sets *raw
 * when it goes in as it is rather than HTML-escaped. */
struct template_vars {
	const char	*(*get)(const void *ctx, const char *name,
			    size_t namelen, size_t *len, int *raw);
	const void	 *ctx;
};

/* An open section: the offset of its tag, its name, and whether output was
 * on before it, so closing it restores that. */
struct tsec {
	size_t	tag;
	size_t	name;
	size_t	namelen;
	int	was_on;
};

static int
is_tname_char(int c)
{
	return is_ascii_alnum(c) || c == '_' || c == '-' || c == '.';
}

/* "false" is false as well, so an argument like linktonote="false" turns a
 * section off as Hugo's templates would. */
static int
is_true(const char *v, size_t len)
{
	return v != NULL && len > 0 &&
	    !(len == 5 && memcmp(v, "false", 5) == 0);
}

static const char *
get(const struct template_vars *vars, const char *name, size_t namelen,
    size_t *len, int *raw)
{
	*len = 0;
	*raw = 0;
	if (vars == NULL || vars->get == NULL)
		return NULL;
	return vars->get(vars->ctx, name, namelen, len, raw);
}

/* Render text with vars onto dst; vars and dst NULL: check only. */
static int
render(const char *text, const struct template_vars *vars,
    struct buf *dst, char **err)
{
	struct tsec	*st = NULL, *top;
	const char	*v;
	size_t		 depth = 0, cap = 0, p = 0, q, name, namelen;
	size_t		 vlen;
	int		 on = 1, raw, rc = -1, t;
	char		 sigil;

	*err = NULL;
	while (text[p] != '\0') {
		if (text[p] == '\\' && (text[p + 1] == '{' ||
		    text[p + 1] == '}' || text[p + 1] == '\\')) {
			if (on && dst != NULL)
				buf_addc(dst, text[p + 1]);
			p += 2;
			continue;
		}
		if (text[p] != '{') {
			/* A run of literal text; a lone backslash is part of
			 * it. */
			for (q = p + 1; text[q] != '\0' && text[q] != '{' &&
			    text[q] != '\\'; q++)
				;
			if (on && dst != NULL)
				buf_add(dst, text + p, q - p);
			p = q;
			continue;
		}
		q = p + 1;
		sigil = 0;
		if (text[q] == '?' || text[q] == '!' || text[q] == '/')
			sigil = text[q++];
		name = q;
		while (is_tname_char((unsigned char)text[q]))
			q++;
		namelen = q - name;
		if (text[q] == '\0') {
			*err = xasprintf("%s is never closed: expected \"}\"",
			    diag_quote(0, text + p, q - p));
			goto out;
		}
		if (namelen == 0 || text[q] != '}') {
			*err = xasprintf("%s: expected a name (letters, "
			    "digits, '_', '-', '.') and \"}\"; write \\{ "
			    "for a literal '{'",
			    diag_quote(0, text + p, q + 1 - p));
			goto out;
		}
		q++;
		if (sigil == '/') {
			if (depth == 0) {
				*err = xasprintf("%s closes no section",
				    diag_quote(0, text + p, q - p));
				goto out;
			}
			top = &st[depth - 1];
			if (top->namelen != namelen || memcmp(text + top->name,
			    text + name, namelen) != 0) {
				*err = xasprintf("%s does not close %s: "
				    "expected \"{/%.*s}\"",
				    diag_quote(0, text + p, q - p),
				    diag_quote(1, text + top->tag,
				    top->name + top->namelen + 1 - top->tag),
				    (int)top->namelen, text + top->name);
				goto out;
			}
			on = top->was_on;
			depth--;
		} else if (sigil != 0) {
			if (depth == cap) {
				cap = cap ? cap * 2 : 8;
				st = xrealloc(st, cap * sizeof(*st));
			}
			st[depth].tag = p;
			st[depth].name = name;
			st[depth].namelen = namelen;
			st[depth++].was_on = on;
			if (on) {
				v = get(vars, text + name, namelen, &vlen,
				    &raw);
				t = is_true(v, vlen);
				on = sigil == '?' ? t : !t;
			}
		} else if (on && dst != NULL) {
			v = get(vars, text + name, namelen, &vlen, &raw);
			if (v != NULL && raw)
				buf_add(dst, v, vlen);
			else if (v != NULL)
				buf_add_html(dst, v, vlen);
		}
		p = q;
	}
	if (depth > 0) {
		top = &st[depth - 1];
		*err = xasprintf("section %s is never closed: expected "
		    "\"{/%.*s}\"", diag_quote(0, text + top->tag,
		    top->name + top->namelen + 1 - top->tag),
		    (int)top->namelen, text + top->name);
		goto out;
	}
	rc = 0;
out:
	free(st);
	return rc;
}

int
template_is_quote(const char *b, size_t start, size_t p)
{
	return (b[p] == '"' || b[p] == '\'' || b[p] == '`') && (p == start ||
	    is_ascii_space((unsigned char)b[p - 1]) || b[p - 1] == '=');
}

/* One argument: key (named only) and value, as offsets into the decoded
 * text of all arguments. */
struct targ {
	size_t	key;
	size_t	keylen;
	size_t	val;
	size_t	vallen;
	int	named;
};

struct targs {
	struct targ	*v;
	size_t		 n;
	size_t		 cap;
	struct buf	 text;
};

/* Decode the value at b[p], quoted ("..." and '...' with \q and \\
 * escapes, `...` raw) or bare (a bare key stops at '='), onto text;
 * returns where it ends. */
static size_t
scan_value(const char *b, size_t p, size_t end, int key, int quoted,
    struct buf *text)
{
	char	q = b[p];

	if (quoted) {
		for (p++; p < end && b[p] != q; p++) {
			if (q != '`' && b[p] == '\\' && p + 1 < end &&
			    (b[p + 1] == q || b[p + 1] == '\\'))
				p++;
			buf_addc(text, b[p]);
		}
		return p < end ? p + 1 : end;
	}
	for (; p < end && !is_ascii_space((unsigned char)b[p]) &&
	    !(key && b[p] == '='); p++)
		buf_addc(text, b[p]);
	return p;
}

/* Arguments of b[0..end): key=value pairs and positional values. */
static void
parse_args(const char *b, size_t end, struct targs *a)
{
	struct targ	*g;
	size_t		 p = 0, from;
	int		 quoted;

	buf_add(&a->text, "", 0);
	for (;;) {
		while (p < end && is_ascii_space((unsigned char)b[p]))
			p++;
		if (p >= end)
			break;
		if (a->n == a->cap) {
			a->cap = a->cap ? a->cap * 2 : 8;
			a->v = xrealloc(a->v, a->cap * sizeof(*a->v));
		}
		g = &a->v[a->n++];
		memset(g, 0, sizeof(*g));
		from = a->text.len;
		quoted = template_is_quote(b, 0, p);
		p = scan_value(b, p, end, 1, quoted, &a->text);
		if (!quoted && p < end && b[p] == '=') {
			g->named = 1;
			g->key = from;
			g->keylen = a->text.len - from;
			from = a->text.len;
			if (++p < end && !is_ascii_space((unsigned char)b[p]))
				p = scan_value(b, p, end, 0,
				    template_is_quote(b, 0, p), &a->text);
		}
		g->val = from;
		g->vallen = a->text.len - from;
	}
}

/* What a template sees of one shortcode. */
struct tctx {
	const struct template_call	*call;
	const struct targs		*args;
	const struct buf		*inner;
};

/* {inner} raw; {page.KEY} and {site.KEY} through the lookup; all digits:
 * a positional argument; anything else: a named one. */
static const char *
get_value(const void *ctx, const char *name, size_t n, size_t *len,
    int *raw)
{
	const struct tctx		*c = ctx;
	const struct shortcode_env	*env = c->call->env;
	const struct targ		*g;
	const char			*v = NULL;
	char				*key;
	size_t				 i, idx = 0, k;

	if (n == 5 && memcmp(name, "inner", 5) == 0) {
		*raw = 1;
		*len = c->inner ? c->inner->len : 0;
		return c->inner ? c->inner->s : NULL;
	}
	if (n > 5 && (memcmp(name, "page.", 5) == 0 ||
	    memcmp(name, "site.", 5) == 0)) {
		if (env != NULL && env->lookup != NULL) {
			key = xstrndup(name, n);
			v = env->lookup(env->ctx, key);
			free(key);
		}
		*len = v ? strlen(v) : 0;
		return v;
	}
	for (k = 0; k < n && k < 9 && is_ascii_digit((unsigned char)name[k]);
	    k++)
		idx = idx * 10 + (size_t)(name[k] - '0');
	for (i = 0; i < c->args->n; i++) {
		g = &c->args->v[i];
		if (k == n ? !g->named && idx-- == 0 : g->named &&
		    g->keylen == n &&
		    memcmp(c->args->text.s + g->key, name, n) == 0) {
			*len = g->vallen;
			return c->args->text.s + g->val;
		}
	}
	return NULL;
}

/* Append s[0..len) to out taking up to indlen bytes of ind off the start of
 * each line (the first one too if at_bol), or, with put, adding ind after
 * each line break but a final one or one before an empty line. */
static void
reindent(struct buf *out, const char *s, size_t len, const char *ind,
    size_t indlen, int at_bol, int put)
{
	size_t	i, k;

	for (i = 0; i < len; i++) {
		if (at_bol && !put) {
			for (k = 0; k < indlen && i < len && s[i] == ind[k];
			    k++)
				i++;
			if (i == len)
				break;
		}
		buf_addc(out, s[i]);
		at_bol = s[i] == '\n';
		/* Blank lines stay empty. */
		if (at_bol && put && i + 1 < len && s[i + 1] != '\n' &&
		    s[i + 1] != '\r')
			buf_add(out, ind, indlen);
	}
}

int
template_expand(const char *text, const struct template_call *call,
    struct buf *dst, char **err)
{
	struct targs		 args = { 0 };
	struct buf		 inner = { 0 }, res = { 0 };
	struct template_vars	 tv;
	struct tctx		 c;
	int			 rc;

	c.call = call;
	c.args = &args;
	c.inner = NULL;
	if (call->inner != NULL) {
		buf_add(&inner, "", 0);
		reindent(&inner, call->inner, call->innerlen, call->ind,
		    call->indlen, call->inner_bol, 0);
		c.inner = &inner;
	}
	parse_args(call->args, call->argslen, &args);
	tv.get = get_value;
	tv.ctx = &c;
	rc = render(text, &tv, &res, err);
	if (rc == 0)
		reindent(dst, res.s, res.len, call->ind, call->indlen, 0, 1);
	free(args.v);
	buf_free(&args.text);
	buf_free(&inner);
	buf_free(&res);
	return rc;
}

int
template_check(const char *text, char **err)
{
	return render(text, NULL, NULL, err);
}
