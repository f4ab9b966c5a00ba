/* lint.h: what relfeed check warns about beyond the errors build reports:
 * things that are valid but almost always a mistake. */
#ifndef LINT_H
#define LINT_H

#include <stddef.h>
#include <stdint.h>
#include "relfeed.h"

/* Warnings on one entry's metadata: a publish date far in the future (more
 * than a year after now) or far in the past (before 1995), an empty
 * description. List pages are left alone. */
void	lint_metadata(const struct entry *e, int64_t now);

/* Warnings on entries in feed order: two dated without a time of day on
 * the same day share a timestamp, and readers may show them in any order. */
void	lint_same_time(struct entry *const *v, size_t n);

/* Warnings on a body: a link written "[text]((url)", which Markdown reads
 * as a link to "(url". */
void	lint_body(const struct entry *e);

#endif
