/* build.c: rendering the selected entries and writing (or listing) feeds. */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "collect.h"
#include "date.h"
#include "diag.h"
#include "feed.h"
#include "fsutil.h"
#include "markdown.h"
#include "shortcode.h"
#include "url.h"
#include "util.h"

/* The files of a site feed, by format. */
static const struct {
	const char	*name;		/* file name inside the output directory */
	int		 format;
} formats[] = {
	{ "rss.xml", FORMAT_RSS },
	{ "atom.xml", FORMAT_ATOM },
};
#define NOUTPUTS (sizeof(formats) / sizeof(formats[0]))

/* One output file, made in memory before anything is written. */
struct output {
	char	*doc;		/* NULL: format not selected */
	size_t	 len;
};

/* Shortcodes, then Markdown to HTML with absolute links, then the summary. */
static int
render_entry(const struct build_opts *o, struct entry *e)
{
	struct render_opts	 ro;
	char			*md;
	size_t			 mdlen;
	int			 rc;

	md = shortcode_expand(e->path, e->body_line, e->body, e->body_len,
	    &mdlen);
	if (md == NULL)
		return -1;
	memset(&ro, 0, sizeof(ro));
	ro.base_url = o->base_url;
	ro.permalink = e->permalink;
	rc = markdown_render(e->path, md, mdlen, &ro, &e->html, &e->summary);
	free(md);
	return rc;
}

/* The list command: one tab-separated line per entry, tabs and line breaks
 * in values turned into spaces so every line has four fields. */
static void
print_field(FILE *out, const char *s)
{
	for (; *s != '\0'; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void
list_entries(struct entry *const *v, size_t n, FILE *out)
{
	char	date[DATE_BUFSZ];
	size_t	i;

	for (i = 0; i < n; i++) {
		date_format_rfc3339(&v[i]->published, date);
		fprintf(out, "%s\t", date);
		print_field(out, v[i]->release ? v[i]->release : "-");
		fputc('\t', out);
		print_field(out, v[i]->title);
		fputc('\t', out);
		print_field(out, v[i]->permalink);
		fputc('\n', out);
	}
}

/* Make every selected format in memory; nothing touches the disk here. */
static int
make_outputs(const struct build_opts *o, struct entry *const *v, size_t n,
    struct output *outputs)
{
	struct feed_info	 info;
	const char		*feed_url = o->feed_url ? o->feed_url : o->base_url;
	char			*self;
	size_t			 i;
	int			 rc = 0, r;

	memset(&info, 0, sizeof(info));
	info.title = o->title;
	info.description = o->description;
	info.site_url = o->base_url;
	info.language = o->language;
	info.author = o->author;
	info.generator = "relfeed";
	for (i = 0; i < NOUTPUTS; i++) {
		if (!(o->formats & formats[i].format))
			continue;
		self = url_join(feed_url, formats[i].name);
		info.self_url = self;
		if (formats[i].format == FORMAT_RSS)
			r = feed_rss_write(&info, v, n, &outputs[i].doc,
			    &outputs[i].len);
		else
			r = feed_atom_write(&info, v, n, &outputs[i].doc,
			    &outputs[i].len);
		free(self);
		if (r == -1)
			rc = -1;
	}
	return rc;
}

/* Write the outputs that differ from what is on disk. */
static int
write_outputs(const struct build_opts *o, const struct output *outputs)
{
	char	*path;
	size_t	 i;
	int	 rc = 0;

	if (fsutil_mkdirs(o->output_dir) == -1 ||
	    fsutil_check_writable_dir(o->output_dir) == -1)
		return -1;
	for (i = 0; i < NOUTPUTS; i++) {
		if (outputs[i].doc == NULL)
			continue;
		path = xasprintf("%s/%s", o->output_dir, formats[i].name);
		if (fsutil_same_content(path, outputs[i].doc, outputs[i].len))
			diag_note(path, "unchanged; not rewritten");
		else if (fsutil_write_atomic(o->output_dir, formats[i].name,
		    outputs[i].doc, outputs[i].len) == -1)
			rc = -1;
		else
			diag_note(path, "written");
		free(path);
	}
	return rc;
}

int
build_run(const struct build_opts *o, FILE *out)
{
	struct entry_list	 list = { 0 };
	struct output		 outputs[NOUTPUTS];
	size_t			 i, n;
	int			 status;

	memset(outputs, 0, sizeof(outputs));
	if ((status = collect_entries(o, &list)) != 0)
		goto out;
	n = list.n;
	if (o->limit > 0 && n > o->limit)
		n = o->limit;
	if (o->cmd == CMD_LIST) {
		list_entries(list.v, n, out);
		goto out;
	}
	/* Only the entries that make it into a feed are rendered. */
	for (i = 0; i < n; i++)
		if (render_entry(o, list.v[i]) == -1)
			status = EXIT_CONTENT;
	if (status == 0 && make_outputs(o, list.v, n, outputs) == -1)
		status = EXIT_CONTENT;
	if (status == 0 && o->cmd == CMD_BUILD && write_outputs(o, outputs) == -1)
		status = EXIT_SYSTEM;
out:
	for (i = 0; i < NOUTPUTS; i++)
		free(outputs[i].doc);
	entry_list_free(&list);
	return status;
}
