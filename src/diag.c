/* diag.c: counted diagnostics on stderr in the form path:line:col: kind: msg. */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"
#include "progress.h"

static FILE	*stream;
static FILE	*buffer;	/* a renderer's diagnostics, for later */
static int	 quiet;
static int	 verbose;
static int	 nerrors;
static int	 nwarnings;

static void emit(const char *, const char *, int, int, const char *, va_list)
    __attribute__((format(printf, 5, 0)));

static void
emit(const char *kind, const char *path, int line, int col, const char *fmt,
    va_list ap)
{
	FILE	*f = buffer ? buffer : stream ? stream : stderr;

	if (f == stderr)
		progress_clear();
	if (path == NULL)
		fputs("relfeed", f);
	else
		fputs(path, f);
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
diag_set_buffer(FILE *f)
{
	buffer = f;
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

void
diag_reset(void)
{
	nerrors = nwarnings = 0;
}

const char *
diag_quote(int slot, const char *s, size_t len)
{
	static char	 bufs[4][256];
	static const char hex[] = "0123456789abcdef";
	char		*b = bufs[slot & 3];
	size_t		 i, o = 0;

	b[o++] = '"';
	for (i = 0; i < len && o < 60 + 1; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
			if (c == '"' || c == '\\') {
				b[o++] = '\\';
				b[o++] = (char)c;
			} else {
				b[o++] = '\\';
				b[o++] = 'x';
				b[o++] = hex[c >> 4];
				b[o++] = hex[c & 15];
			}
		} else
			b[o++] = (char)c;
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
