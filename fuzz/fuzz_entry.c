/* fuzz_entry.c: fuzzing the whole path of one content file into the three
 * feeds: loaded, given a permalink, rendered as build.c renders it and
 * written as RSS, Atom and JSON Feed, each of which must parse back and
 * pass relfeed's own validator without an error. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "entry.h"
#include "feed.h"
#include "fuzzutil.h"
#include "markdown.h"
#include "permalink.h"
#include "select.h"
#include "shortcode.h"
#include "url.h"
#include "validate.h"

#define BASE	"https://example.org/docs/"
#define RELPATH	"news/releases/1.2.x/announcing-1.2.3/index.md"

/* What {page.KEY} sees, as build.c's lookup gives it. */
struct page {
	const struct entry	*e;
	char			*line;
};

static const char *
lookup(void *vctx, const char *name)
{
	const struct page	*pg = vctx;
	const struct strlist	*l = &pg->e->params;
	const char		*k;
	size_t			 i;

	if (strcmp(name, "site.base_url") == 0)
		return BASE;
	if (strncmp(name, "page.", 5) != 0)
		return NULL;
	k = name + 5;
	if (strcmp(k, "title") == 0)
		return pg->e->title;
	if (strcmp(k, "release") == 0)
		return pg->e->release;
	if (strcmp(k, "release_line") == 0)
		return pg->line;
	if (strcmp(k, "permalink") == 0)
		return pg->e->permalink;
	if (strcmp(k, "kind") == 0)
		return select_release_kind(pg->e);
	for (i = l->n; i >= 2; i -= 2)
		if (strcmp(l->v[i - 2], k) == 0)
			return l->v[i - 1];
	return NULL;
}

/* Shortcodes, then Markdown: build.c's render_entry. */
static int
render(struct entry *e)
{
	struct shortcode_tmpl	 tmpls[FUZZ_NTMPLS];
	struct shortcode_env	 env;
	struct render_opts	 ro;
	struct page		 pg;
	char			*md;
	size_t			 mdlen;
	int			 rc = -1;

	pg.e = e;
	pg.line = select_release_line(e->release);
	fuzz_env(&env, tmpls, FUZZ_NTMPLS, NULL);
	env.lookup = lookup;
	env.ctx = &pg;
	md = shortcode_expand(e->path, e->body_line, e->body, e->body_len,
	    &env, &mdlen);
	if (md == NULL)
		goto out;
	memset(&ro, 0, sizeof(ro));
	ro.base_url = BASE;
	ro.permalink = e->permalink;
	rc = markdown_render(e->path, md, mdlen, &ro, &e->html, &e->summary);
	markdown_release();
	free(md);
out:
	free(pg.line);
	return rc;
}

static void
check_json(const char *doc, size_t len)
{
	json_error_t	 err;
	json_t		*j = json_loadb(doc, len, JSON_REJECT_DUPLICATES, &err);

	FUZZ_CHECK(j != NULL, "JSON Feed output parses back");
	json_decref(j);
}

/* Write e as a feed of fmt with its writer; the result must be a valid
 * feed. */
static void
write_feed(struct feed_info *info, struct entry *e, const char *file,
    int (*wr)(const struct feed_info *, struct entry *const *, size_t,
    char **, size_t *))
{
	char	*doc = NULL, *self = url_join(BASE, file);
	size_t	 len = 0;

	info->self_url = self;
	fuzz_quiet();
	if (wr(info, &e, 1, &doc, &len) == -1) {
		/* A writer refuses only what it cannot represent; say so. */
		FUZZ_CHECK(doc == NULL, "*out NULL on failure");
		FUZZ_CHECK(0, "feed written for a loaded, rendered entry");
	}
	FUZZ_CHECK(doc != NULL && doc[len] == '\0', "NUL-terminated output");
	if (wr == feed_json_write)
		check_json(doc, len);
	else
		FUZZ_CHECK(feed_parse_back(file, doc, len) == 0,
		    "XML output parses back");
	fuzz_quiet();
	FUZZ_CHECK(validate_buffer(file, doc, len) == 0,
	    "output passes relfeed validate");
	free(doc);
	free(self);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char		 sec[] = "news";
	static char		 pat[] = "/:section/:year/:month/:day/:slug/";
	static const struct config_permalink pats[] = { { sec, pat } };
	struct entry_opts	 eo;
	struct feed_info	 info;
	struct entry		*e = NULL;
	char			*plain;

	fuzz_quiet();
	memset(&eo, 0, sizeof(eo));
	if (entry_load("content/" RELPATH, RELPATH, (const char *)data, size,
	    &eo, &e) != ENTRY_OK) {
		FUZZ_CHECK(e == NULL, "*out NULL unless ENTRY_OK");
		goto out;
	}
	FUZZ_CHECK(e->title != NULL && e->title[0] != '\0', "a title");
	FUZZ_CHECK(e->body != NULL && e->body[e->body_len] == '\0',
	    "NUL-terminated body");
	/* collect.c leaves these out of every feed. */
	if (e->is_list_page || !e->has_date)
		goto out;
	plain = permalink_make(BASE, NULL, NULL, 0, e);
	FUZZ_CHECK(plain != NULL, "a permalink");
	free(plain);
	e->permalink = permalink_make(BASE, NULL, pats, 1, e);
	if (render(e) == -1)
		goto out;

	memset(&info, 0, sizeof(info));
	info.title = "Fuzz releases";
	info.description = "Entries the fuzzer wrote";
	info.site_url = BASE;
	info.language = "en";
	info.author = "The Fuzz Team";
	info.author_email = "releases@example.org";
	info.generator = "relfeed";
	info.hub = "https://hub.example.org/";
	info.icon = BASE "icon.png";
	info.logo = BASE "logo.png";
	info.copyright = "CC-BY-4.0";
	write_feed(&info, e, "rss.xml", feed_rss_write);
	write_feed(&info, e, "atom.xml", feed_atom_write);
	write_feed(&info, e, "feed.json", feed_json_write);
out:
	entry_free(e);
	return 0;
}
