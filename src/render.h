/* render.h: making the bodies of the selected entries HTML. */
#ifndef RENDER_H
#define RENDER_H

#include <stddef.h>
#include "build.h"
#include "relfeed.h"

/* Read each of v[0..n) again from its file and set its html and summary:
 * the config's shortcode templates, then cmark-gfm with links made
 * absolute. With o->jobs > 1 the entries are shared among that many
 * processes; the results and the diagnostics (printed in the order of v)
 * are the same as with one. Returns 0, EXIT_CONTENT when a body is wrong,
 * or EXIT_SYSTEM when a file could not be read again (each reported). */
int	render_entries(const struct build_opts *o, struct entry **v, size_t n);

#endif
