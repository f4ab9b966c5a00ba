/* render.h: making the bodies of the selected entries HTML. */
#ifndef RENDER_H
#define RENDER_H

#include <stddef.h>
#include "build.h"
#include "relfeed.h"

/* A rendering of entries under way. */
struct render_job;

/* Read each of v[0..n) again from its file and render it: the config's
 * shortcode templates, then cmark-gfm with links made absolute; sets its
 * summary, its html when formats (FORMAT_* bits of the feeds to be
 * written; 0 for summaries only) has FORMAT_JSON, its html_xml
 * (xmltext_escape) when it has FORMAT_RSS or FORMAT_ATOM, and frees its
 * body. With o->jobs > 1, o->jobs - 1 threads started now render the
 * entries ahead of the writer, in the order of v, and the calling thread
 * renders any it asks for that none has taken (with o->jobs_batch, only
 * when there are at least 8 entries for each thread); otherwise each is
 * rendered in the calling thread when render_wait first asks for it. This
 * returns at once: render_wait waits for one entry, and render_finish for
 * all. v must live until render_finish, and only the calling thread may
 * use the job. Returns the job, freed by render_finish. */
struct render_job *render_start(const struct build_opts *o, struct entry **v,
	    size_t n, int formats);

/* Wait until e, one of the job's entries, is rendered, rendering it here
 * if no thread has taken it; for any other entry return. Takes a void * to
 * serve as a feed_info need hook. */
void	render_wait(void *job, const struct entry *e);

/* uses[i] (for v[i]) is how many times the feeds will write an entry:
 * render_done frees its html and html_xml at the last, so the memory of
 * the HTML follows the feed being written, not the whole set. The job
 * takes uses (malloc'd, at least n long) and frees it. */
void	render_free_after(struct render_job *job, unsigned *uses);

/* An entry is written: with render_free_after, count it. Takes a void *
 * to serve as a feed_info done hook. */
void	render_done(void *job, const struct entry *e);

/* Wait for every entry and print the diagnostics, in the order of v; the
 * results and the diagnostics are the same whatever o->jobs. Frees job.
 * Returns 0, EXIT_CONTENT when a body is wrong, or EXIT_SYSTEM when a
 * file could not be read again (each reported). */
int	render_finish(struct render_job *job);

#endif
