/* fuzz_validate.c: fuzzing `relfeed validate` with any bytes, named as an
 * XML and as a JSON file: hostile feeds must give diagnostics, never a
 * crash, and the verdict must not depend on the name. */
#include "fuzzutil.h"
#include "validate.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*d = (const char *)data;
	int		 xml, json;

	fuzz_quiet();
	xml = validate_buffer("fuzz.xml", d, size);
	fuzz_quiet();
	json = validate_buffer("fuzz.json", d, size);
	FUZZ_CHECK(xml == 0 || xml == -1, "0 or -1");
	FUZZ_CHECK(xml == json, "same verdict twice (no state kept between "
	    "documents)");
	return 0;
}
