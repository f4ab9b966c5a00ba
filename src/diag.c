/* diag.c: counted diagnostics on stderr in the form path:line:col: kind: msg. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "progress.h"
#include "utf8.h"

static FILE	*stream;
/* What the calling thread collects its diagnostics in, or NULL. */
static _Thread_local struct diag_collect *collecting;
static int	 quiet;
static int	 verbose;
static atomic_int nerrors;
static atomic_int nwarnings;
static _Thread_local int thread_warnings;

/* How many bytes of s[0..len), len > 0, print as they are: one whole
 * UTF-8 character that is no control character (C0, DEL, C1). 0 when
 * s[0] is to be shown as \xHH instead: a file name or a value must not
 * break a diagnostic's line or move a terminal's cursor. */
static size_t
printable(const char *s, size_t len)
{
	enum utf8_status	st;
	unsigned char		c = (unsigned char)s[0];
	long			cp;
	size_t			n;

	if (c >= 0x20 && c < 0x7f)
		return 1;
	n = utf8_decode((const unsigned char *)s, len, &cp, &st);
	if (st != UTF8_OK || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	return n;
}

static void
put_path(FILE *f, const char *path)
{
	size_t	i, n, len = strlen(path);

	for (i = 0; i < len; i += n)
		if ((n = printable(path + i, len - i)) > 0)
			fwrite(path + i, 1, n, f);
		else {
			fprintf(f, "\\x%02x", (unsigned char)path[i]);
			n = 1;
		}
}

static void emit(const char *, const char *, int, int, const char *, va_list)
    __attribute__((format(printf, 5, 0)));

static void
emit(const char *kind, const char *path, int line, int col, const char *fmt,
    va_list ap)
{
	FILE	*f = stream ? stream : stderr;

	/* Most files and bodies have nothing to say: the buffer is made
	 * for the first thing one does. */
	if (collecting != NULL && collecting->f == NULL)
		collecting->f = open_memstream(collecting->text,
		    &collecting->len);
	if (collecting != NULL && collecting->f != NULL)
		f = collecting->f;

	if (f == stderr)
		progress_clear();
	if (path == NULL)
		fputs("relfeed", f);
	else
		put_path(f, path);
	if (path != NULL && line > 0) {
		fprintf(f, ":%d", line);
		if (col > 0)
			fprintf(f, ":%d", col);
	}
	fprintf(f, ": %s: ", kind);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
}

void
diag_error(const char *path, int line, int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_verror(path, line, col, fmt, ap);
	va_end(ap);
}

void
diag_verror(const char *path, int line, int col, const char *fmt, va_list ap)
{
	nerrors++;
	emit("error", path, line, col, fmt, ap);
}

void
diag_warning(const char *path, int line, int col, const char *fmt, ...)
{
	va_list	ap;

	nwarnings++;
	thread_warnings++;
	if (quiet)
		return;
	va_start(ap, fmt);
	emit("warning", path, line, col, fmt, ap);
	va_end(ap);
}

void
diag_note(const char *path, const char *fmt, ...)
{
	va_list	ap;

	if (!verbose || quiet)
		return;
	va_start(ap, fmt);
	emit("note", path, 0, 0, fmt, ap);
	va_end(ap);
}

void
diag_set_stream(FILE *f)
{
	stream = f;
}

void
diag_collect_start(struct diag_collect *c, char **text)
{
	*text = NULL;
	c->text = text;
	c->len = 0;
	c->f = NULL;
	c->prev = collecting;
	collecting = c;
}

void
diag_collect_end(struct diag_collect *c)
{
	if (c->f != NULL)
		fclose(c->f);
	c->f = NULL;
	collecting = c->prev;
}

void
diag_print(const char *text)
{
	FILE	*f = stream ? stream : stderr;

	if (f == stderr && text != NULL)
		progress_clear();
	if (text != NULL)
		fputs(text, f);
}

void
diag_set_quiet(int q)
{
	quiet = q;
}

void
diag_set_verbose(int v)
{
	verbose = v;
}

int
diag_errors(void)
{
	return nerrors;
}

int
diag_warnings(void)
{
	return nwarnings;
}

int
diag_thread_warnings(void)
{
	return thread_warnings;
}

void
diag_reset(void)
{
	nerrors = nwarnings = 0;
}

const char *
diag_quote(int slot, const char *s, size_t len)
{
	static _Thread_local char bufs[4][256];
	static const char hex[] = "0123456789abcdef";
	char		*b = bufs[slot & 3];
	size_t		 i, n, o = 0;

	b[o++] = '"';
	for (i = 0; i < len && o < 60 + 1; i += n) {
		unsigned char c = (unsigned char)s[i];

		n = 1;
		if (c == '"' || c == '\\') {
			b[o++] = '\\';
			b[o++] = (char)c;
		} else if ((n = printable(s + i, len - i)) > 0) {
			memcpy(b + o, s + i, n);
			o += n;
		} else {
			b[o++] = '\\';
			b[o++] = 'x';
			b[o++] = hex[c >> 4];
			b[o++] = hex[c & 15];
			n = 1;
		}
	}
	if (i < len) {
		b[o++] = '.';
		b[o++] = '.';
		b[o++] = '.';
	}
	b[o++] = '"';
	b[o] = '\0';
	return b;
}
