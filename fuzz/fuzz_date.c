/* fuzz_date.c: fuzzing the date parser; every date it accepts must print
 * in both feed forms, and the RFC 3339 form must read back as the same
 * instant in the same offset. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fuzzutil.h"
#include "validate_int.h"

static void
check_date(const char *s, int default_off)
{
	struct rf_time	 t, back;
	char		 r822[DATE_BUFSZ], r3339[DATE_BUFSZ];
	int64_t		 y, days;
	size_t		 errcol = (size_t)-1;
	int		 m, d, wday, actual;

	if (date_parse(s, default_off, &t, &errcol) == -1) {
		FUZZ_CHECK(errcol <= strlen(s), "errcol inside the text");
		return;
	}
	FUZZ_CHECK(t.off >= -14 * 60 && t.off <= 14 * 60,
	    "offset at most 14:00");
	FUZZ_CHECK(t.sec >= date_days_from_civil(1, 1, 1) * 86400 &&
	    t.sec < date_days_from_civil(10000, 1, 1) * 86400,
	    "years 1 to 9999 in UTC");
	date_civil(&t, &y, &m, &d);
	FUZZ_CHECK(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= 31, "calendar date in range");
	days = date_days_from_civil(y, m, d);
	date_civil_from_days(days, &y, &m, &d);
	FUZZ_CHECK(date_days_from_civil(y, m, d) == days, "civil round trip");

	memset(r822, 'X', sizeof(r822));
	memset(r3339, 'X', sizeof(r3339));
	date_format_rfc822(&t, r822);
	date_format_rfc3339(&t, r3339);
	FUZZ_CHECK(memchr(r822, '\0', sizeof(r822)) != NULL &&
	    memchr(r3339, '\0', sizeof(r3339)) != NULL, "fits DATE_BUFSZ");

	/* What Atom and JSON Feed readers will make of it. */
	FUZZ_CHECK(validate_is_rfc3339(r3339), "RFC 3339 output is RFC 3339");
	FUZZ_CHECK(date_parse(r3339, 0, &back, NULL) == 0, "RFC 3339 reads back");
	FUZZ_CHECK(back.sec == t.sec, "same instant after the round trip");
	FUZZ_CHECK(back.off == t.off, "same offset after the round trip");
	/* And RSS readers: a valid RFC 822 date with the right day name. */
	FUZZ_CHECK(validate_rfc822(r822, &wday, &actual) == 0,
	    "RFC 822 output is RFC 822");
	FUZZ_CHECK(wday == actual, "RFC 822 day name is the date's");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s = fuzz_strndup(data, size);
	int	 off;

	fuzz_quiet();
	check_date(s, 0);
	check_date(s, 5 * 60 + 30);
	check_date(s, -14 * 60);
	if (date_parse_zone(s, &off) == 0)
		FUZZ_CHECK(off >= -14 * 60 && off <= 14 * 60,
		    "zone offset at most 14:00");
	free(s);
	return 0;
}
