/* bounds.c: the bounds on a run's input, their defaults, their parsing and
 * the checks that report a file or a feed past one. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "fsutil.h"
#include "bounds.h"
#include "util.h"

void
bounds_fill(struct bounds *l)
{
	static const struct bounds def = {
		BOUNDS_FILE_SIZE, BOUNDS_FRONT_MATTER, BOUNDS_DEPTH,
		BOUNDS_ENTRIES
	};

	bounds_merge(l, &def);
}

void
bounds_merge(struct bounds *l, const struct bounds *from)
{
	if (l->file_size == 0)
		l->file_size = from->file_size;
	if (l->front_matter == 0)
		l->front_matter = from->front_matter;
	if (l->depth == 0)
		l->depth = from->depth;
	if (l->entries == 0)
		l->entries = from->entries;
}

/* Digits to a number, *end after them; -1 on none or on overflow. */
static int
parse_digits(const char *s, const char **end, size_t *out)
{
	size_t	n = 0;

	if (!is_ascii_digit((unsigned char)*s))
		return -1;
	for (; is_ascii_digit((unsigned char)*s); s++) {
		if (n > (SIZE_MAX - 9) / 10)
			return -1;
		n = n * 10 + (size_t)(*s - '0');
	}
	*end = s;
	*out = n;
	return 0;
}

int
bounds_parse_size(const char *s, size_t *out)
{
	const char	*p;
	size_t		 n, shift = 0;

	if (s == NULL || parse_digits(s, &p, &n) == -1)
		return -1;
	switch (*p) {
	case 'k': case 'K': shift = 10; p++; break;
	case 'm': case 'M': shift = 20; p++; break;
	case 'g': case 'G': shift = 30; p++; break;
	default: break;
	}
	if (*p != '\0' || n == 0 || n > (SIZE_MAX >> shift))
		return -1;
	*out = n << shift;
	return 0;
}

int
bounds_parse_count(const char *s, size_t max, size_t *out)
{
	const char	*p;
	size_t		 n;

	if (s == NULL || parse_digits(s, &p, &n) == -1 || *p != '\0' ||
	    n == 0 || n > max)
		return -1;
	*out = n;
	return 0;
}

/* n for a message: "16777216 (16M)", or "1000" when no k, M or G is exact. */
static const char *
size_text(size_t n, char *buf, size_t bufsz)
{
	static const char	units[] = "kMG";
	size_t			u = 0, m = n;

	while (u < 3 && m >= 1024 && m % 1024 == 0) {
		m /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, bufsz, "%zu", n);
	else
		snprintf(buf, bufsz, "%zu (%zu%c)", n, m, units[u - 1]);
	return buf;
}

static void
report_file_size(const char *path, const char *what, uintmax_t size,
    size_t max)
{
	char	t[48];

	diag_error(path, 0, 0, "file is %s%ju bytes, more than the limit of "
	    "%s; raise it with --max-file-size or max_file_size in "
	    "relfeed.yaml", what, size, size_text(max, t, sizeof(t)));
}

int
bounds_read(const char *path, const struct bounds *l, size_t prefix,
    char **data, size_t *len, int *whole)
{
	size_t		max = l->file_size ? l->file_size : BOUNDS_FILE_SIZE;
	uintmax_t	size;
	int		rc;

	/* A 2 GB file is refused before a byte of it is read. It may grow
	 * between the stat and the read: read one byte past the limit at
	 * most, and refuse the file when that byte is there. */
	rc = fsutil_read_prefix(path, prefix <= max ? prefix : max + 1, max,
	    data, len, whole, &size);
	if (rc == -1)
		return EXIT_SYSTEM;
	if (rc == 1) {
		report_file_size(path, "", size, max);
		return EXIT_CONTENT;
	}
	if (*len > max) {
		free(*data);
		*data = NULL;
		*len = 0;
		*whole = 0;
		report_file_size(path, "at least ", (uintmax_t)max + 1, max);
		return EXIT_CONTENT;
	}
	return 0;
}

int
bounds_check_front_matter(const char *path, int line, size_t len,
    const struct bounds *l)
{
	size_t	max = l->front_matter ? l->front_matter : BOUNDS_FRONT_MATTER;
	char	t[48];

	if (len <= max)
		return 0;
	diag_error(path, line, 1, "front matter is %zu bytes, more than the "
	    "limit of %s; raise it with --max-front-matter or "
	    "max_front_matter in relfeed.yaml", len,
	    size_text(max, t, sizeof(t)));
	return -1;
}

int
bounds_check_entries(const char *cpath, int line, const char *name,
    size_t n, const struct bounds *l)
{
	size_t	max = l->entries ? l->entries : BOUNDS_ENTRIES;

	if (n <= max)
		return 0;
	if (name == NULL || *name == '\0')
		diag_error(cpath, cpath ? line : 0, 0, "the site feed would "
		    "hold %zu entries, more than the limit of %zu; set a "
		    "limit (--limit, limit: in relfeed.yaml) to keep the "
		    "newest, or raise it with --max-entries or max_entries",
		    n, max);
	else
		diag_error(cpath, cpath ? line : 0, 0, "feed %s would hold %zu "
		    "entries, more than the limit of %zu; give it a limit to "
		    "keep the newest, or raise it with --max-entries or "
		    "max_entries", diag_quote(0, name, strlen(name)), n, max);
	return -1;
}
