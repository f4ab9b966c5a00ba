/* frontmatter.h: finding the YAML front matter in a file and reading it
 * into a small tree with the line and column of every node. */
#ifndef FRONTMATTER_H
#define FRONTMATTER_H

#include <stddef.h>

/* Where the front matter and the body are in a file's bytes. */
struct fm_split {
	size_t	yaml_off;	/* first byte of the YAML text */
	size_t	yaml_len;
	int	yaml_line;	/* file line (1-based) of yaml_off */
	size_t	body_off;	/* first byte after the closing --- line */
	int	body_line;	/* file line of body_off */
};

enum fm_split_result {
	FM_SPLIT_OK,		/* YAML front matter found */
	FM_SPLIT_NONE,		/* no front matter at all (a README) */
	FM_SPLIT_ERROR		/* reported: unterminated, TOML, JSON */
};

/* Find the front matter in data[0..len). Tolerates a UTF-8 BOM, CRLF line
 * ends, blank lines before the opening "---", and trailing spaces or tabs
 * after the "---" markers. A "+++" opening is TOML, a "{" opening (but not
 * "{{", a Hugo shortcode) is JSON: both are reported as not supported, at
 * their line. An opening "---" with no closing "---" (or "...") line is
 * reported as unterminated, at the opening line. Anything else (a README)
 * is FM_SPLIT_NONE, reported by nobody. Reports errors through diag.h with
 * path. On FM_SPLIT_OK fills *out; otherwise zeroes it. */
enum fm_split_result fm_split(const char *path, const char *data, size_t len,
	    struct fm_split *out);

/* How many bytes of a file's beginning data[0..len) hold everything up to
 * the end of its front matter's closing line: fm_split on that many bytes
 * gives what it gives on the whole file. 0 when data does not show the
 * end of the front matter (read more, or the whole file), or when there is
 * no front matter, or when it is not well formed. Reports nothing. */
size_t	fm_head_len(const char *data, size_t len);

enum fm_kind { FM_SCALAR, FM_SEQ, FM_MAP };

/* A YAML node. Scalars keep their text exactly as written (plain, quoted or
 * block), with the tag resolution left to the reader: "1.10" stays "1.10".
 * A map is a list of key/value pairs in document order (keys are scalars).
 * line and col are 1-based positions in the file. */
struct fm_node {
	enum fm_kind	  kind;
	int		  line;
	int		  col;
	char		 *text;		/* FM_SCALAR: the value, NUL-terminated */
	size_t		  text_len;
	int		  plain;	/* FM_SCALAR: 1 if unquoted plain style */
	struct fm_node	**items;	/* FM_SEQ: items; FM_MAP: key, value, key, value... */
	size_t		  n;		/* number of pointers in items */
};

/* Parse yaml[0..len), which starts at file line yaml_line, with libyaml's
 * event API. The document must be a mapping, or empty (an empty front
 * matter gives an empty map, at yaml_line:1). Anchors and aliases are
 * refused (error), as is nesting of lists and maps deeper than 64 levels
 * (the root map is level 1), a key that is not a scalar, and a second YAML
 * document. Errors are reported once, with path:line:col of the problem in
 * the file (libyaml's marks plus yaml_line). Returns the root map, owned by
 * the caller (free with fm_node_free), or NULL after reporting. */
struct fm_node	*fm_parse(const char *path, const char *yaml, size_t len,
		    int yaml_line);

/* fm_parse with a nesting limit of max_depth levels (the root map is
 * level 1) instead of 64: --max-depth. */
struct fm_node	*fm_parse_depth(const char *path, const char *yaml, size_t len,
		    int yaml_line, size_t max_depth);

/* fm_parse for any YAML document: what names it in messages ("relfeed.yaml"
 * where fm_parse says "front matter"). */
struct fm_node	*fm_parse_doc(const char *path, const char *yaml, size_t len,
		    int yaml_line, const char *what);

void		 fm_node_free(struct fm_node *);

/* A scalar read as a boolean the way people write them in YAML (true,
 * false, yes, no, with a capital or in capitals): 1 or 0; -1 if v is not
 * a scalar or not one of those words. */
int		 fm_bool(const struct fm_node *v);

/* The value for key in a map (the last one when the key repeats), or NULL. */
const struct fm_node *fm_map_get(const struct fm_node *map, const char *key);

#endif
