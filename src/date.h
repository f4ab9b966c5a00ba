/* date.h: the date forms front matter uses, parsed and printed with integer
 * calendar arithmetic (no locale, no mktime, no strftime). */
#ifndef DATE_H
#define DATE_H

#include <stddef.h>
#include <stdint.h>
#include "relfeed.h"

/* Parse one of:
 *   2019-06-18                          (midnight in default_off)
 *   2019-06-18T10:00:00 | 2019-06-18 10:00:00   (in default_off)
 *   ...T10:00 (no seconds), fractional seconds ".123456" (dropped)
 *   zone suffix: Z | z | +02:00 | -0700 | +02 | " -0700" (Jekyll, space before)
 *   a lower-case 't' separator is accepted as RFC 3339 allows.
 * Surrounding ASCII whitespace is ignored. Month 1-12, day valid for the month
 * (leap years), hour 0-23, minute 0-59, second 0-60 (60 read as 59), year
 * 1-9999 (in UTC as well: readers convert), offset magnitude at most
 * 14:00 (the zones in use; XML Schema's dateTime allows no more).
 * default_off is minutes east of UTC for dates written without a zone.
 * On success fills *out and returns 0. On failure returns -1, reports
 * nothing, and if errcol is not NULL sets *errcol to the 0-based byte offset
 * in s where the problem starts. */
int	date_parse(const char *s, int default_off, struct rf_time *out,
	    size_t *errcol);

/* Parse a zone: "UTC", "GMT", "Z", "+02:00", "-0700", "+02". Sets *off in
 * minutes east. Returns 0, or -1 if s is not such a zone. */
int	date_parse_zone(const char *s, int *off);

/* RFC 822 as RSS 2.0 wants, four-digit year, numeric zone:
 * "Tue, 18 Jun 2019 10:00:00 +0200". buf holds at least DATE_BUFSZ bytes. */
#define DATE_BUFSZ 40
void	date_format_rfc822(const struct rf_time *, char *buf);

/* RFC 3339 as Atom wants: "2019-06-18T10:00:00+02:00", "Z" for offset 0. */
void	date_format_rfc3339(const struct rf_time *, char *buf);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t	date_days_from_civil(int64_t y, int m, int d);
void	date_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* RFC 822 section 5.1's English names, whatever the locale: "Sun".."Sat"
 * (index 0 is Sunday) and "Jan".."Dec". */
extern const char *const	date_day_names[7];
extern const char *const	date_month_names[12];

/* Days in month m (1-12) of year y, leap years counted. */
int	date_days_in_month(int64_t y, int m);

/* The day of the week of a day number from date_days_from_civil: 0 is
 * Sunday. */
int	date_weekday(int64_t days);

/* The calendar date of t in the offset it was written in. */
void	date_civil(const struct rf_time *t, int64_t *y, int *m, int *d);

#endif
