/* scaffold.c: the placeholders of `relfeed new` patterns and templates,
 * their values for a version and a time, and their expansion. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "scaffold.h"
#include "select.h"
#include "util.h"

/* The placeholders, a table so that expansion and checking agree. */
static const struct placeholder {
	const char	*name;
	size_t		 off;
} placeholders[] = {
	{ "version",	offsetof(struct scaffold_vars, version) },
	{ "line",	offsetof(struct scaffold_vars, line) },
	{ "major",	offsetof(struct scaffold_vars, major) },
	{ "minor",	offsetof(struct scaffold_vars, minor) },
	{ "patch",	offsetof(struct scaffold_vars, patch) },
	{ "year",	offsetof(struct scaffold_vars, year) },
	{ "month",	offsetof(struct scaffold_vars, month) },
	{ "day",	offsetof(struct scaffold_vars, day) },
	{ "date",	offsetof(struct scaffold_vars, date) },
	{ "slug",	offsetof(struct scaffold_vars, slug) },
};

#define NPLACEHOLDERS	(sizeof(placeholders) / sizeof(placeholders[0]))

/* The numeric part i (0-based) of a version, "0" when it has fewer. */
static char *
version_part(const char *v, int i)
{
	const char	*p = v + (*v == 'v' || *v == 'V');
	size_t		 n;

	for (;;) {
		n = 0;
		while (is_ascii_digit((unsigned char)p[n]))
			n++;
		if (i-- == 0)
			return xstrndup(p, n);
		if (p[n] != '.')
			return xstrdup("0");
		p += n + 1;
	}
}

void
scaffold_vars_init(struct scaffold_vars *v, const char *version, int64_t now,
    int off)
{
	struct rf_time	 t;
	char		 buf[DATE_BUFSZ], *s;
	int64_t		 y;
	int		 m, d;

	memset(v, 0, sizeof(*v));
	v->version = xstrdup(version);
	v->line = select_release_line(version);
	if (v->line == NULL)
		v->line = xstrdup(version);
	v->major = version_part(version, 0);
	v->minor = version_part(version, 1);
	v->patch = version_part(version, 2);
	t.sec = now;
	t.off = off;
	date_civil(&t, &y, &m, &d);
	v->year = xasprintf("%04lld", (long long)y);
	v->month = xasprintf("%02d", m);
	v->day = xasprintf("%02d", d);
	date_format_rfc3339(&t, buf);
	v->date = xstrdup(buf);
	v->slug = xstrdup(version);
	for (s = v->slug; *s != '\0'; s++)
		*s = is_ascii_alnum((unsigned char)*s) ?
		    (char)ascii_tolower((unsigned char)*s) : '-';
}

void
scaffold_vars_clear(struct scaffold_vars *v)
{
	size_t	i;

	for (i = 0; i < NPLACEHOLDERS; i++)
		free(*(char **)(void *)((char *)v + placeholders[i].off));
	memset(v, 0, sizeof(*v));
}

/* The placeholder "{name}" at s, or NULL; *len is its length. */
static const struct placeholder *
placeholder_at(const char *s, size_t *len)
{
	size_t	i, n;

	if (*s != '{')
		return NULL;
	for (i = 0; i < NPLACEHOLDERS; i++) {
		n = strlen(placeholders[i].name);
		if (strncmp(s + 1, placeholders[i].name, n) == 0 &&
		    s[n + 1] == '}') {
			*len = n + 2;
			return &placeholders[i];
		}
	}
	return NULL;
}

char *
scaffold_expand(const char *text, const struct scaffold_vars *v)
{
	const struct placeholder	*ph;
	struct buf			 b = { 0 };
	size_t				 len;

	buf_adds(&b, "");
	while (*text != '\0') {
		if ((ph = placeholder_at(text, &len)) != NULL) {
			buf_adds(&b, *(char *const *)(const void *)
			    ((const char *)v + ph->off));
			text += len;
		} else
			buf_addc(&b, *text++);
	}
	return buf_detach(&b);
}

int
scaffold_check_placeholders(const char *text, size_t *errcol)
{
	const char	*p, *q;
	size_t		 len;

	for (p = text; (p = strchr(p, '{')) != NULL; p++) {
		for (q = p + 1; *q >= 'a' && *q <= 'z'; q++)
			;
		if (q > p + 1 && *q == '}' && placeholder_at(p, &len) == NULL) {
			*errcol = (size_t)(p - text);
			return -1;
		}
	}
	return 0;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t	n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

int
scaffold_check_path(const char *path)
{
	const char	*p = path, *end;

	if (!has_suffix(path, ".md") && !has_suffix(path, ".markdown"))
		return -1;
	for (;;) {
		end = strchr(p, '/');
		if (end == NULL)
			end = p + strlen(p);
		/* Empty (absolute, "a//b"), ".", ".." and hidden names:
		 * fsutil_scan reads no hidden file, and nothing may leave the
		 * content directory. */
		if (end == p || *p == '.')
			return -1;
		if (*end == '\0')
			return 0;
		p = end + 1;
	}
}

/* 1 if a version can start at text[i]: not inside a number. */
static int
starts_version(const char *text, size_t i)
{
	return i == 0 || (!is_ascii_digit((unsigned char)text[i - 1]) &&
	    text[i - 1] != '.');
}

/* 1 if a version can end before s: not followed by more of a number. */
static int
ends_version(const char *s)
{
	return !is_ascii_digit((unsigned char)*s) &&
	    !(*s == '.' && is_ascii_digit((unsigned char)s[1]));
}

char *
scaffold_generalize(const char *text, const char *old)
{
	struct buf	 b = { 0 };
	char		*line = select_release_line(old);
	const char	*bare = old + (*old == 'v' || *old == 'V'), *s;
	size_t		 i, n = strlen(old), ln = line ? strlen(line) : 0;

	buf_adds(&b, "");
	for (i = 0; text[i] != '\0'; i++) {
		s = text + i;
		if (!starts_version(text, i))
			buf_addc(&b, *s);
		else if (strncmp(s, old, n) == 0 && ends_version(s + n)) {
			/* "1.11.x" names the line even when the release is
			 * "1.11" itself. */
			if (line != NULL && strcmp(line, bare) == 0 &&
			    s[n] == '.' && s[n + 1] == 'x' &&
			    !is_ascii_alnum((unsigned char)s[n + 2]))
				buf_adds(&b, "{line}");
			else
				buf_adds(&b, "{version}");
			i += n - 1;
		} else if (line != NULL && strncmp(s, line, ln) == 0 &&
		    ends_version(s + ln)) {
			buf_adds(&b, "{line}");
			i += ln - 1;
		} else
			buf_addc(&b, *s);
	}
	free(line);
	return buf_detach(&b);
}
