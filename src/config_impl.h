/* config_impl.h: what the parts of the config reader share: the state of
 * one load and typed readers of YAML nodes that report their mistakes.
 * Not for use outside config*.c. */
#ifndef CONFIG_IMPL_H
#define CONFIG_IMPL_H

#include <stddef.h>
#include "config.h"
#include "frontmatter.h"

/* The state of one load: the file, for messages, and the directory that
 * relative paths are taken from. */
struct loader {
	const char	*path;
	const char	*dir;
	struct config	*c;
	int		 errors;
};

/* Each reader reports at the node, counts the error in L, returns -1. */
void		 bad(struct loader *, const struct fm_node *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
const char	*kind_name(const struct fm_node *);
const char	*scalar(struct loader *, const char *key, const struct fm_node *);
int		 set_string(struct loader *, const char *key,
		    const struct fm_node *, char **dst);
int		 set_url(struct loader *, const char *key,
		    const struct fm_node *, char **dst);
int		 set_path(struct loader *, const char *key,
		    const struct fm_node *, char **dst);
int		 set_bool(struct loader *, const char *key,
		    const struct fm_node *, int *dst);
int		 parse_count(struct loader *, const char *key,
		    const struct fm_node *, size_t *);
int		 parse_formats_node(struct loader *, const char *key,
		    const struct fm_node *, int *);
int		 parse_strings(struct loader *, const char *key,
		    const struct fm_node *, struct strlist *);

/* 1 after reporting it if the key at map->items[i] comes again later in
 * map, else 0. */
int		 has_dup_key(struct loader *, const struct fm_node *map,
		    size_t i);

/* config_feeds.c: the feeds: list, and freeing what it made. */
int		 config_parse_feeds(struct loader *, const char *key,
		    const struct fm_node *);
void		 config_free_feeds(struct feed_spec *, size_t);

/* config_new.c: the new: mapping (path and template of `relfeed new`). */
int		 config_parse_new(struct loader *, const char *key,
		    const struct fm_node *);

#endif
