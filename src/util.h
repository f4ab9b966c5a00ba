/* util.h: allocation that never returns NULL, a growable byte buffer,
 * locale-free ASCII classes. */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Allocation wrappers: on failure they print "relfeed: out of memory" and
 * abort. The caller owns what they return and frees it with free(). */
/* Out of memory: say so and abort (atomic writes keep every feed whole). */
void	 xoom(void) __attribute__((noreturn));
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* A growable buffer, always NUL-terminated after buf_* calls.
 * Zero-initialise; buf_free() releases; buf_detach() hands the string
 * over to the caller (who frees it) and leaves the buffer empty. */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const char *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Append s[0..len) with & < > " ' written as HTML character references. */
void	 buf_add_html(struct buf *, const char *, size_t);
char	*buf_detach(struct buf *);
void	 buf_free(struct buf *);

/* A copy of s escaped for HTML text or attributes (see buf_add_html),
 * owned by the caller. */
char	*html_escape(const char *s);

/* s written to f as one field of a tab-separated line: tabs and line
 * breaks become spaces; NULL or "" is written "-". */
void	 put_field(FILE *f, const char *s);

/* ASCII classes that ignore the locale. */
int	 is_ascii_digit(int);
int	 is_ascii_alpha(int);
int	 is_ascii_alnum(int);
int	 is_ascii_space(int);	/* space, \t, \n, \v, \f, \r */
int	 ascii_tolower(int);
int	 ascii_strcasecmp(const char *, const char *);

#endif
