/* progress.c: the progress line a long run shows on a terminal, redrawn
 * in place with carriage returns and erased before any other output. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define REDRAW_MS	100	/* between two drawings of the line */
#define DEFAULT_DELAY_MS 1000	/* before the first */

/* Counted by the loading and rendering threads, drawn by one. */
struct counters {
	atomic_size_t	done[PROGRESS_NCOUNTERS];
	size_t		total[PROGRESS_NCOUNTERS];
	int		drawn_done[PROGRESS_NCOUNTERS];	/* drawn at total */
};

static struct counters	 counters;
static struct counters	*ctr;		/* NULL: progress is off */
static int64_t		 start_ms, last_ms;
static long		 delay_ms = DEFAULT_DELAY_MS;
static size_t		 shown;		/* width of the line on screen */

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
progress_start(int enabled)
{
	const char	*d = getenv("RELFEED_PROGRESS_DELAY");
	char		*end;
	long		 v;

	if (!enabled || ctr != NULL || !isatty(STDERR_FILENO))
		return;
	if (d != NULL && *d != '\0') {
		v = strtol(d, &end, 10);
		if (*end == '\0' && v >= 0)
			delay_ms = v;
	}
	ctr = &counters;
	memset(ctr, 0, sizeof(*ctr));
	start_ms = now_ms();
	last_ms = 0;
	shown = 0;
}

void
progress_total(enum progress_counter c, size_t total)
{
	if (ctr == NULL)
		return;
	ctr->total[c] = total;
	ctr->drawn_done[c] = 0;
	atomic_store(&ctr->done[c], 0);
}

static void
draw(void)
{
	static const char *const what[] = { "files loaded", "entries rendered" };
	char	line[160];
	size_t	len = 0, i, done, w;
	int	k;

	len = (size_t)snprintf(line, sizeof(line), "relfeed:");
	for (i = 0; i < PROGRESS_NCOUNTERS; i++) {
		if (ctr->total[i] == 0)
			continue;
		done = atomic_load(&ctr->done[i]);
		k = snprintf(line + len, sizeof(line) - len, "%s %zu/%zu %s",
		    len > 8 ? "," : "", done, ctr->total[i], what[i]);
		if (k > 0 && (size_t)k < sizeof(line) - len)
			len += (size_t)k;
	}
	/* Pad over what a longer line left behind, without escapes a
	 * terminal might not know, and come back to the end of the text. */
	fprintf(stderr, "\r%s", line);
	if (len < shown) {
		for (w = len; w < shown; w++)
			fputc(' ', stderr);
		fprintf(stderr, "\r%s", line);
	}
	shown = len;
	fflush(stderr);
}

/* 1 when some counter has reached its total since the line was drawn:
 * "200/200" is shown, however fast the last ones came. */
static int
phase_done(void)
{
	size_t	i;

	for (i = 0; i < PROGRESS_NCOUNTERS; i++)
		if (ctr->total[i] != 0 && !ctr->drawn_done[i] &&
		    atomic_load(&ctr->done[i]) >= ctr->total[i])
			return 1;
	return 0;
}

void
progress_show(void)
{
	int64_t	t;
	size_t	i;

	if (ctr == NULL)
		return;
	t = now_ms();
	if (t - start_ms < delay_ms ||
	    (t - last_ms < REDRAW_MS && !phase_done()))
		return;
	last_ms = t;
	for (i = 0; i < PROGRESS_NCOUNTERS; i++)
		ctr->drawn_done[i] = ctr->total[i] != 0 &&
		    atomic_load(&ctr->done[i]) >= ctr->total[i];
	draw();
}

void
progress_tick(enum progress_counter c)
{
	if (ctr == NULL)
		return;
	atomic_fetch_add_explicit(&ctr->done[c], 1, memory_order_relaxed);
	progress_show();
}

void
progress_count(enum progress_counter c)
{
	if (ctr != NULL)
		atomic_fetch_add_explicit(&ctr->done[c], 1,
		    memory_order_relaxed);
}

void
progress_clear(void)
{
	size_t	i;

	if (ctr == NULL || shown == 0)
		return;
	fputc('\r', stderr);
	for (i = 0; i < shown; i++)
		fputc(' ', stderr);
	fputc('\r', stderr);
	fflush(stderr);
	shown = 0;
	last_ms = 0;
}

void
progress_end(void)
{
	if (ctr == NULL)
		return;
	progress_clear();
	ctr = NULL;
}
