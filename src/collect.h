/* collect.h: from a content tree to the ordered list of feed entries. */
#ifndef COLLECT_H
#define COLLECT_H

#include "build.h"
#include "relfeed.h"

/* An owning list of entries. Zero-initialise; entry_list_free() frees the
 * entries and the list. */
struct entry_list {
	struct entry	**v;
	size_t		  n;
	size_t		  cap;
};

void	entry_list_free(struct entry_list *);

/* Scan opts->content_dir, load every content file, give each entry its
 * permalink, drop what is not in a feed (files without front matter, list
 * pages, undated pages with a warning, drafts, future and expired entries
 * unless opts allow them), check ids are unique, and sort in feed order
 * (build_entry_cmp). Every problem in every file is reported before
 * returning. Returns 0 and fills *out, or an exit status (EXIT_CONTENT,
 * EXIT_SYSTEM) with *out emptied. */
int	collect_entries(const struct build_opts *, struct entry_list *out);

#endif
