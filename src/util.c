/* util.c: allocation that never fails quietly, byte buffers, ASCII classes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
xoom(void)
{
	fputs("relfeed: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		xoom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		xoom();
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void	*p = realloc(old, n ? n : 1);

	if (p == NULL)
		xoom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf	 b = { 0 };
	char		 small[256];
	va_list		 ap;
	int		 n;

	/* Paths are made this way per file: one pass when the text is short. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		xoom();
	if ((size_t)n < sizeof(small))
		return xstrndup(small, (size_t)n);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	ap2;
	int	n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xoom();
	buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_add_html(struct buf *b, const char *s, size_t len)
{
	static const char *const ents[256] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;", ['\''] = "&#39;",
	};
	size_t	i, from = 0;

	buf_add(b, "", 0);
	for (i = 0; i < len; i++) {
		const char *ent = ents[(unsigned char)s[i]];

		if (ent == NULL)
			continue;
		buf_add(b, s + from, i - from);
		buf_adds(b, ent);
		from = i + 1;
	}
	buf_add(b, s + from, len - from);
}

char *
html_escape(const char *s)
{
	struct buf	b = { 0 };

	buf_add_html(&b, s, strlen(s));
	return buf_detach(&b);
}

char *
buf_detach(struct buf *b)
{
	char	*s;

	if (b->s == NULL)
		return xstrdup("");
	s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int
is_ascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

int
is_ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
is_ascii_alnum(int c)
{
	return is_ascii_digit(c) || is_ascii_alpha(c);
}

int
is_ascii_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

int
ascii_tolower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

int
ascii_strcasecmp(const char *a, const char *b)
{
	int	ca, cb;

	do {
		ca = ascii_tolower((unsigned char)*a++);
		cb = ascii_tolower((unsigned char)*b++);
	} while (ca == cb && ca != '\0');
	return ca - cb;
}

void
put_field(FILE *f, const char *s)
{
	if (s == NULL || *s == '\0')
		s = "-";
	for (; *s != '\0'; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}
