/* lint.c: warnings relfeed check gives on valid but suspicious content. */
#include <string.h>

#include "date.h"
#include "diag.h"
#include "lint.h"

#define YEAR	(366 * (int64_t)86400)

void
lint_metadata(const struct entry *e, int64_t now)
{
	int64_t	y;
	int	m, d;

	if (e->is_list_page)
		return;
	if (e->has_date) {
		date_civil(&e->published, &y, &m, &d);
		if (e->published.sec > now + YEAR)
			diag_warning(e->path, e->date_line, 0, "publish date "
			    "%04lld-%02d-%02d is more than a year away: a typo?",
			    (long long)y, m, d);
		else if (y < 1995)
			diag_warning(e->path, e->date_line, 0, "publish date "
			    "%04lld-%02d-%02d is older than the web: a typo?",
			    (long long)y, m, d);
	}
	if (e->empty_desc_line > 0)
		diag_warning(e->path, e->empty_desc_line, 0, "empty "
		    "description: the summary will be the first paragraph");
}

void
lint_same_time(struct entry *const *v, size_t n)
{
	size_t	i;

	for (i = 1; i < n; i++)
		if (v[i]->published.sec == v[i - 1]->published.sec &&
		    v[i]->date_only && v[i - 1]->date_only)
			diag_warning(v[i]->path, v[i]->date_line, 0, "published "
			    "the same day as %s, neither with a time: feed "
			    "readers may show them in either order",
			    v[i - 1]->path);
}

void
lint_body(const struct entry *e)
{
	const char	*p, *line;
	int		 lineno = e->body_line;

	if (e->body == NULL)
		return;
	for (p = line = e->body; *p != '\0'; p++) {
		if (*p == '\n') {
			lineno++;
			line = p + 1;
		} else if (p[0] == ']' && p[1] == '(' && p[2] == '(')
			diag_warning(e->path, lineno, (int)(p - line) + 1,
			    "link target starts with '((': Markdown links to "
			    "\"(...\"; one '(' too many?");
	}
}
