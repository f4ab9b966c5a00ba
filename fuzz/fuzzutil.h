/* fuzzutil.h: what the fuzz harnesses share: quiet diagnostics, NUL-ended
 * copies of the input, a failed property made a crash, sample templates.
 *
 * Every harness defines
 *	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
 * which libFuzzer calls, or replay.c over files, and which returns 0. */
#ifndef FUZZUTIL_H
#define FUZZUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "shortcode.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Send diagnostics to /dev/null (unless FUZZ_VERBOSE is set in the
 * environment, to see them while reproducing) and reset the counts; call
 * at the start of every input. */
void	fuzz_quiet(void);

/* data[0..size) copied to a new buffer with a NUL after it; the caller
 * frees it. */
char	*fuzz_strndup(const uint8_t *data, size_t size);

/* A property the code under test promises did not hold: print what and
 * where to stderr, then abort(), which both libFuzzer and the replay
 * driver report as a crash. Unlike assert(), never compiled out. */
#define FUZZ_CHECK(cond, what) do {					\
	if (!(cond))							\
		fuzz_fail(__FILE__, __LINE__, #cond, (what));		\
} while (0)

void	fuzz_fail(const char *file, int line, const char *cond,
	    const char *what) __attribute__((noreturn));

/* Templates like a site's config has (sections, named and positional
 * arguments, inner text, page and site values), and a lookup that knows a
 * few page and site keys; extra (may be NULL) is added as template "t". */
void	fuzz_env(struct shortcode_env *env, struct shortcode_tmpl *tmpls,
	    size_t cap, const char *extra);
#define FUZZ_NTMPLS	16

#endif
