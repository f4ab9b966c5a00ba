/* mdmem.h: the allocator cmark-gfm parses and renders one body with.
 *
 * A document's nodes, buffers and HTML come from chunks owned by the
 * calling thread; freeing inside the document is (almost) free, and
 * mdmem_reset() drops the whole document at once and keeps the chunks for
 * the next one. cmark-gfm's own arena (cmark_get_arena_mem_allocator) is
 * not used: it zeroes a fresh 4 MiB chunk for every document and frees it
 * on reset, which made rendering slower than malloc. */
#ifndef MDMEM_H
#define MDMEM_H

#include <cmark-gfm.h>

/* The calling thread's allocator, to pass to cmark_parser_new_with_mem()
 * and cmark_render_html_with_mem(). Out of memory is fatal, as cmark's
 * own allocator makes it. */
cmark_mem	*mdmem_get(void);

/* Everything allocated by this thread through mdmem_get() since the last
 * reset becomes invalid. The chunks stay for the next document, up to a
 * bound; a body that needed more gives the rest back. */
void		 mdmem_reset(void);

/* Gives every chunk of the calling thread back; mdmem_get() starts over. */
void		 mdmem_release(void);

#endif
