/* fuzz_shortcode.c: fuzzing Hugo shortcode expansion and the template
 * language. Input is a body, or "TEMPLATE\0BODY": the template is checked
 * as the config loader checks it and, when good, is shortcode "t". */
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "shortcode.h"

static void
expand(const char *body, size_t len, const struct shortcode_env *env)
{
	char	*out;
	size_t	 outlen = (size_t)-1;

	out = shortcode_expand("fuzz.md", 3, body, len, env, &outlen);
	if (out != NULL) {
		FUZZ_CHECK(outlen != (size_t)-1 && out[outlen] == '\0',
		    "NUL-terminated output of *outlen bytes");
		/* Without templates tags only go away (or unescape): the
		 * text cannot grow. */
		if (env == NULL)
			FUZZ_CHECK(outlen <= len, "no templates: no growth");
	}
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shortcode_tmpl	 tmpls[FUZZ_NTMPLS];
	struct shortcode_env	 env;
	const uint8_t		*nul = memchr(data, '\0', size);
	const char		*body = (const char *)data;
	char			*tmpl = fuzz_strndup(data, size);
	size_t			 len = size;
	int			 good;

	fuzz_quiet();
	/* Up to the first NUL, the input as a template in the config. */
	good = shortcode_check_template("fuzz.yaml", 7, 3, tmpl) == 0;
	if (nul != NULL) {
		body = (const char *)nul + 1;
		len = size - (size_t)(nul - data) - 1;
	}
	expand(body, len, NULL);
	fuzz_env(&env, tmpls, FUZZ_NTMPLS, nul != NULL && good ? tmpl : NULL);
	expand(body, len, &env);
	free(tmpl);
	return 0;
}
