/* fuzz_config.c: fuzzing relfeed.yaml; a config that loads must hold
 * what config.h promises of it. */
#include <string.h>

#include "config.h"
#include "fuzzutil.h"
#include "permalink.h"
#include "shortcode.h"
#include "url.h"

/* A feed name is a path under the output directory: no empty, "." or
 * ".." segment, not absolute, no backslash. */
static int
name_stays_inside(const char *s)
{
	const char	*seg = s, *end;
	size_t		 n;

	if (*s == '/')
		return 0;
	for (;;) {
		end = strchr(seg, '/');
		n = end ? (size_t)(end - seg) : strlen(seg);
		if (n == 0 || strncmp(seg, ".", n) == 0 ||
		    strncmp(seg, "..", n) == 0 || memchr(seg, '\\', n) != NULL)
			return 0;
		if (end == NULL)
			return 1;
		seg = end + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*c;
	size_t		 i;

	fuzz_quiet();
	c = config_parse("fuzz/relfeed.yaml", "fuzz", (const char *)data, size);
	if (c == NULL)
		return 0;
	FUZZ_CHECK(c->base_url == NULL || url_check_base(c->base_url) == 0,
	    "base_url absolute");
	FUZZ_CHECK(c->feed_url == NULL || url_check_base(c->feed_url) == 0,
	    "feed_url absolute");
	for (i = 0; i < c->nshortcodes; i++)
		FUZZ_CHECK(shortcode_check_template("t", 1, 1,
		    c->shortcodes[i].text) == 0, "templates checked");
	for (i = 0; i < c->npermalinks; i++)
		FUZZ_CHECK(permalink_check(c->permalinks[i].pattern) == 0,
		    "permalink patterns checked");
	for (i = 0; i < c->nfeeds; i++)
		FUZZ_CHECK(c->feeds[i].name != NULL &&
		    name_stays_inside(c->feeds[i].name),
		    "feed names inside the output directory");
	config_free(c);
	return 0;
}
