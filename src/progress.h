/* progress.h: a one-line progress report on a terminal for long runs.
 *
 * Shown only when stderr is a terminal, not with -q, and only once a run
 * has taken more than a second (RELFEED_PROGRESS_DELAY, in milliseconds,
 * says otherwise): a cron job or a pipe never sees it. Every call is cheap
 * and does nothing when progress is off. Any thread may count
 * (progress_count); only the thread that called progress_start() may draw
 * (progress_tick, progress_show, progress_clear, progress_end), and only in
 * its process. */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>

enum progress_counter {
	PROGRESS_LOADED,	/* content files read */
	PROGRESS_RENDERED,	/* entry bodies made HTML */
	PROGRESS_NCOUNTERS
};

/* Start counting; enabled 0 (quiet) keeps progress off. */
void	progress_start(int enabled);
/* How many the counter will reach; the counter starts again at 0. */
void	progress_total(enum progress_counter, size_t total);
/* One more done; redraws the line now and then. */
void	progress_tick(enum progress_counter);
/* One more done, counted only: for a thread other than the one drawing. */
void	progress_count(enum progress_counter);
/* Redraw the line if it is due: for a process that waits on others. */
void	progress_show(void);
/* Erase the line, so other output starts on a clean line; it is drawn
 * again at the next tick. */
void	progress_clear(void);
/* Erase the line and stop. */
void	progress_end(void);

#endif
