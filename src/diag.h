/* diag.h: diagnostics in the form "path:line:col: error: message".
 *
 * Errors and warnings are counted, so a caller can run over every input,
 * report every problem once, and decide at the end. Output goes to stderr
 * unless diag_set_stream() says otherwise (tests capture it). */
#ifndef DIAG_H
#define DIAG_H

#include <stdarg.h>
#include <stdio.h>

/* line and col are 1-based; 0 omits them ("path: error: ..."), and a NULL
 * path gives "relfeed: error: ...". The path is printed as diag_quote()
 * prints a value, without the quotes: one message stays one line. */
void	diag_error(const char *path, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
void	diag_verror(const char *path, int line, int col, const char *fmt,
	    va_list) __attribute__((format(printf, 4, 0)));
void	diag_warning(const char *path, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* Printed only in verbose mode. */
void	diag_note(const char *path, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

void	diag_set_stream(FILE *);	/* NULL: back to stderr */
/* Diagnostics of the calling thread, kept for the caller to print in a
 * fixed order (a renderer, a loading thread) whatever the stream. */
struct diag_collect {
	char			**text;
	size_t			  len;
	FILE			 *f;	/* opened by the first diagnostic */
	struct diag_collect	 *prev;
};
/* From diag_collect_start to diag_collect_end (the calls pair up, and
 * nest, in one thread), the calling thread's diagnostics go to *text: NULL
 * if none came, else a string the caller frees. Errors and warnings are
 * counted as they are reported, from any thread. c is the caller's, and
 * lives until the end. */
void	diag_collect_start(struct diag_collect *c, char **text);
void	diag_collect_end(struct diag_collect *c);
/* Print text, buffered diagnostics, on the stream. */
void	diag_print(const char *text);
void	diag_set_quiet(int);		/* 1: warnings and notes are not printed */
void	diag_set_verbose(int);		/* 1: notes are printed */
int	diag_errors(void);		/* errors reported since diag_reset() */
int	diag_warnings(void);
/* Warnings reported by the calling thread, however many others report. */
int	diag_thread_warnings(void);
void	diag_reset(void);

/* Quote a value for a message: at most 60 bytes, control characters (C0,
 * DEL, C1) and bytes that are not UTF-8 shown as \xHH, as paths are. Returns a pointer to a static buffer, valid until the next call
 * with the same slot (0..3) in the same thread. */
const char *diag_quote(int slot, const char *s, size_t len);

#endif
