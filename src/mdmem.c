/* mdmem.c: chunked, per-thread memory for cmark-gfm, one body at a time.
 *
 * cmark-gfm allocates a node for every block and inline and grows a buffer
 * for every string; through malloc that was a sixth of a full-content run.
 * Here a block is a size header and the bytes after it, cut from the
 * current chunk: the last block of a chunk grows and shrinks in place, any
 * other free only poisons the block for AddressSanitizer, and
 * mdmem_reset() rewinds every chunk. */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mdmem.h"
#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define MDMEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MDMEM_ASAN 1
#endif
#endif
#ifdef MDMEM_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n)	((void)(p), (void)(n))
#define UNPOISON(p, n)	((void)(p), (void)(n))
#endif

#define ALIGN	alignof(max_align_t)
#define HDR	ALIGN			/* the block's size, padded */
#define CHUNK	((size_t)64 << 10)	/* a chunk's usual size */
#define KEEP	((size_t)4 << 20)	/* chunk bytes kept over a reset */
#define NONE	SIZE_MAX

struct chunk {
	struct chunk	*next;
	size_t		 size;		/* bytes in data */
	size_t		 used;		/* bytes cut from data */
	size_t		 last;		/* offset of the last block, or NONE */
	max_align_t	 data[];
};

struct arena {
	struct chunk	*first;
	struct chunk	*cur;		/* where blocks are cut; NULL: none */
};

static _Thread_local struct arena arena;

static unsigned char *
bytes(struct chunk *c)
{
	return (unsigned char *)c->data;
}

static size_t
round_up(size_t n)
{
	if (n > SIZE_MAX - HDR - ALIGN)
		xoom();
	return (n + ALIGN - 1) & ~(ALIGN - 1);
}

static struct chunk *
chunk_new(size_t size, struct chunk *next)
{
	struct chunk	*c;

	if (size > SIZE_MAX - sizeof(*c))
		xoom();
	c = xmalloc(sizeof(*c) + size);
	c->next = next;
	c->size = size;
	c->used = 0;
	c->last = NONE;
	POISON(bytes(c), size);
	return c;
}

/* The chunk the next `need` bytes fit in: the current one, the next one
 * rewound, or a new one put after the current one. */
static struct chunk *
chunk_for(size_t need)
{
	struct arena	*a = &arena;
	struct chunk	*c = a->cur;

	if (c != NULL && c->size - c->used >= need)
		return c;
	if (c != NULL && c->next != NULL && c->next->size >= need) {
		c = c->next;
		c->used = 0;
		c->last = NONE;
	} else if (c != NULL) {
		c = c->next = chunk_new(need > CHUNK ? need : CHUNK, c->next);
	} else {
		c = a->first = chunk_new(need > CHUNK ? need : CHUNK, NULL);
	}
	return a->cur = c;
}

static size_t *
header(void *p)
{
	return (size_t *)(void *)((unsigned char *)p - HDR);
}

/* Whether p is the last block of the current chunk. */
static int
is_last(const void *p)
{
	struct chunk	*c = arena.cur;

	return c != NULL && c->last != NONE &&
	    (const unsigned char *)p == bytes(c) + c->last + HDR;
}

static void *
block_new(size_t size)
{
	size_t		 need = HDR + round_up(size);
	struct chunk	*c = chunk_for(need);
	unsigned char	*p = bytes(c) + c->used;

	UNPOISON(p, HDR + size);
	*(size_t *)(void *)p = size;
	c->last = c->used;
	c->used += need;
	return p + HDR;
}

static void
block_free(void *p)
{
	struct chunk	*c = arena.cur;

	if (p == NULL)
		return;
	if (is_last(p)) {
		c->used = c->last;
		c->last = NONE;
		POISON(header(p), HDR + *header(p));
	} else
		POISON(p, *header(p));
}

static void *
block_calloc(size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		xoom();
	p = block_new(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
block_realloc(void *p, size_t size)
{
	struct chunk	*c = arena.cur;
	size_t		 old;
	void		*q;

	if (p == NULL)
		return block_new(size);
	old = *header(p);
	if (is_last(p) && c->size - c->last - HDR >= round_up(size)) {
		if (size < old)
			POISON((unsigned char *)p + size, old - size);
		else
			UNPOISON(p, size);
		*header(p) = size;
		c->used = c->last + HDR + round_up(size);
		return p;
	}
	q = block_new(size);
	memcpy(q, p, old < size ? old : size);
	POISON(p, old);
	return q;
}

static cmark_mem mdmem = { block_calloc, block_realloc, block_free };

cmark_mem *
mdmem_get(void)
{
	return &mdmem;
}

void
mdmem_reset(void)
{
	struct arena	*a = &arena;
	struct chunk	*c, **pp;
	size_t		 kept = 0;

	for (pp = &a->first; (c = *pp) != NULL; ) {
		if (c->size > CHUNK || kept + c->size > KEEP) {
			*pp = c->next;
			free(c);
			continue;
		}
		kept += c->size;
		POISON(bytes(c), c->size);
		pp = &c->next;
	}
	if ((a->cur = a->first) != NULL) {
		a->cur->used = 0;
		a->cur->last = NONE;
	}
}

void
mdmem_release(void)
{
	struct arena	*a = &arena;
	struct chunk	*c;

	while ((c = a->first) != NULL) {
		a->first = c->next;
		free(c);
	}
	a->cur = NULL;
}
