/* fuzzutil.c: the harnesses' common ground: quiet diagnostics, input
 * copies, property failures, a shortcode environment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzzutil.h"
#include "util.h"

void
fuzz_quiet(void)
{
	static FILE	*null;

	/* Opened once and kept: a fuzzer runs millions of inputs. */
	if (null == NULL && getenv("FUZZ_VERBOSE") == NULL) {
		if ((null = fopen("/dev/null", "w")) == NULL) {
			perror("/dev/null");
			abort();
		}
		diag_set_stream(null);
	}
	diag_reset();
}

char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char	*s = xmalloc(size + 1);

	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void
fuzz_fail(const char *file, int line, const char *cond, const char *what)
{
	fprintf(stderr, "%s:%d: property failed: %s: %s\n", file, line, what,
	    cond);
	abort();
}

static const struct shortcode_tmpl fuzz_tmpls[] = {
	{ "relnote", "[Release notes for {page.release}](/news/releases/"
	    "{page.release_line}.x/announcing-{page.release_short}/)" },
	{ "tip", "**Tip:** {inner}" },
	{ "text", "```{0}\n{inner}\n```" },
	{ "image", "![{caption}]({link})" },
	{ "sec", "{?0}first: {0}{/0}{!1}no second{/1}{?inner}<{inner}>{/inner}" },
	{ "a/b", "{page.title} on {site.base_url} \\{x\\} \\\\ }" },
	{ "empty", "" },
	{ "nest", "{?title}{?page.release}{title} {page.release}{/page.release}"
	    "{/title}{!title}{inner}{/title}" },
	{ "gloss", "{inner}" },
};

static const char *
fuzz_lookup(void *ctx, const char *name)
{
	static const char *const kv[] = {
		"page.title", "Fuzz <release> & \"more\"",
		"page.release", "1.2.3",
		"page.release_line", "1.2",
		"page.release_short", "1.2.3",
		"page.empty", "",
		"page.false", "false",
		"site.base_url", "https://example.org/docs/",
		"site.title", "Example",
	};
	size_t	i;

	(void)ctx;
	for (i = 0; i < sizeof(kv) / sizeof(kv[0]); i += 2)
		if (strcmp(kv[i], name) == 0)
			return kv[i + 1];
	return NULL;
}

void
fuzz_env(struct shortcode_env *env, struct shortcode_tmpl *tmpls, size_t cap,
    const char *extra)
{
	size_t	i, n = sizeof(fuzz_tmpls) / sizeof(fuzz_tmpls[0]);

	if (n + 1 > cap)
		fuzz_fail(__FILE__, __LINE__, "n + 1 <= cap", "fuzz_env room");
	for (i = 0; i < n; i++)
		tmpls[i] = fuzz_tmpls[i];
	if (extra != NULL) {
		tmpls[n].name = "t";
		tmpls[n].text = extra;
		n++;
	}
	memset(env, 0, sizeof(*env));
	env->tmpls = tmpls;
	env->ntmpls = n;
	env->lookup = fuzz_lookup;
	env->ctx = NULL;
}
