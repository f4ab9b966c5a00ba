/* test_mdmem.c: unit tests for the memory cmark-gfm renders a body in. */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mdmem.h"
#include "support.h"

START_TEST(calloc_zeroes_reused_memory)
{
	cmark_mem	*m = mdmem_get();
	unsigned char	*p, *q;
	size_t		 i;

	p = m->calloc(100, 1);
	memset(p, 0xab, 100);
	mdmem_reset();
	/* The same bytes again, dirty, must come back zeroed. */
	q = m->calloc(10, 10);
	ck_assert_ptr_eq(p, q);
	for (i = 0; i < 100; i++)
		ck_assert_uint_eq(q[i], 0);
	ck_assert_uint_eq((uintptr_t)q % _Alignof(max_align_t), 0);
	mdmem_release();
}
END_TEST

START_TEST(realloc_grows_the_last_block_in_place)
{
	cmark_mem	*m = mdmem_get();
	char		*a, *b, *c;

	a = m->realloc(NULL, 10);
	memcpy(a, "0123456789", 10);
	b = m->realloc(a, 4000);
	ck_assert_ptr_eq(a, b);			/* the last block grows */
	ck_assert_int_eq(memcmp(b, "0123456789", 10), 0);
	c = m->calloc(1, 16);			/* now b is not the last */
	a = m->realloc(b, 8000);
	ck_assert_ptr_ne(a, b);			/* so it moves, with its bytes */
	ck_assert_int_eq(memcmp(a, "0123456789", 10), 0);
	ck_assert_ptr_ne(a, c);
	/* Freeing the last block gives its bytes back at once. */
	m->free(a);
	b = m->calloc(1, 32);
	ck_assert_ptr_eq(a, b);
	m->free(NULL);
	mdmem_release();
}
END_TEST

START_TEST(large_blocks_and_many_chunks)
{
	cmark_mem	*m = mdmem_get();
	char		*big, *p[4096];
	size_t		 i;

	/* Over a chunk: a chunk of its own, and it keeps its bytes. */
	big = m->calloc(1, (size_t)1 << 20);
	big[((size_t)1 << 20) - 1] = 'z';
	for (i = 0; i < 4096; i++) {
		p[i] = m->calloc(1, 200);
		p[i][0] = (char)i;
		p[i][199] = (char)(i + 1);
	}
	for (i = 0; i < 4096; i++) {
		ck_assert_int_eq(p[i][0], (char)i);
		ck_assert_int_eq(p[i][199], (char)(i + 1));
	}
	ck_assert_int_eq(big[((size_t)1 << 20) - 1], 'z');
	/* After a reset the memory serves the next document. */
	mdmem_reset();
	for (i = 0; i < 4096; i++)
		ck_assert_ptr_nonnull(m->calloc(1, 200));
	mdmem_release();
	/* Released: it starts over. */
	ck_assert_ptr_nonnull(m->realloc(NULL, 1));
	mdmem_release();
}
END_TEST

static void *
fill(void *arg)
{
	cmark_mem	*m = mdmem_get();
	char		*p[64];
	size_t		 i, round;

	for (round = 0; round < 50; round++) {
		for (i = 0; i < 64; i++) {
			p[i] = m->realloc(NULL, 100 + i);
			memset(p[i], *(const char *)arg, 100 + i);
		}
		for (i = 0; i < 64; i++)
			if (p[i][99 + i] != *(const char *)arg)
				return arg;
		mdmem_reset();
	}
	mdmem_release();
	return NULL;
}

/* Each thread has memory of its own. */
START_TEST(threads_do_not_share)
{
	pthread_t	 t[4];
	static const char marks[4] = { 'a', 'b', 'c', 'd' };
	void		*res;
	size_t		 i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, fill,
		    (void *)(uintptr_t)&marks[i]), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(t[i], &res), 0);
		ck_assert_ptr_null(res);
	}
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("mdmem");
	TCase	*tc = tcase_create("mdmem");

	tcase_add_test(tc, calloc_zeroes_reused_memory);
	tcase_add_test(tc, realloc_grows_the_last_block_in_place);
	tcase_add_test(tc, large_blocks_and_many_chunks);
	tcase_add_test(tc, threads_do_not_share);
	suite_add_tcase(s, tc);
	return support_run(s);
}
