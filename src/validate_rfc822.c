/* validate_rfc822.c: RFC 822 date-times as RSS 2.0 uses them, read strictly
 * enough to tell a reader's guess from a date. */
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "util.h"
#include "validate_int.h"

/* RFC 822 5.1 zone names; "J" is the one military letter not used. */
static const char *const zone_names[] = {
	"UT", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST",
	"PDT", "A", "B", "C", "D", "E", "F", "G", "H", "I", "K", "L", "M",
	"N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y"
};

/* Index of the word at s[0..len) in names (case ignored, as RFC 822 3.4.7
 * says of every syntactic unit), or -1. */
static int
lookup(const char *const *names, size_t n, const char *s, size_t len)
{
	size_t	i, k;
	int	found = -1;

	for (i = 0; i < n && found == -1; i++) {
		if (strlen(names[i]) != len)
			continue;
		for (k = 0; k < len; k++)
			if (ascii_tolower((unsigned char)s[k]) !=
			    ascii_tolower((unsigned char)names[i][k]))
				break;
		if (k == len)
			found = (int)i;
	}
	return found;
}

/* Read 1..max digits at s + *i; returns how many were read. */
static int
digits(const char *s, size_t *i, int max, int *val)
{
	int	n = 0;

	*val = 0;
	while (n < max && is_ascii_digit((unsigned char)s[*i])) {
		*val = *val * 10 + (s[(*i)++] - '0');
		n++;
	}
	return n;
}

static size_t
word(const char *s, size_t i)
{
	size_t	j = i;

	while (is_ascii_alpha((unsigned char)s[j]))
		j++;
	return j - i;
}

static void
blanks(const char *s, size_t *i)
{
	while (is_ascii_space((unsigned char)s[*i]))
		(*i)++;
}

int
validate_rfc822(const char *s, int *wday, int *actual)
{
	size_t	i = 0, n;
	int	d, mo, y, h, mi, sec = 0, z, nd, rc = -1;
	int64_t	days;

	*wday = -1;
	blanks(s, &i);
	if ((n = word(s, i)) > 0) {
		if ((*wday = lookup(date_day_names, 7, s + i, n)) == -1)
			goto out;
		i += n;
		blanks(s, &i);
		if (s[i++] != ',')
			goto out;
		blanks(s, &i);
	}
	if (digits(s, &i, 2, &d) == 0 || !is_ascii_space((unsigned char)s[i]))
		goto out;
	blanks(s, &i);
	n = word(s, i);
	if ((mo = lookup(date_month_names, 12, s + i, n)) == -1)
		goto out;
	i += n;
	blanks(s, &i);
	nd = digits(s, &i, 4, &y);
	if ((nd != 2 && nd != 4) || !is_ascii_space((unsigned char)s[i]))
		goto out;
	/* RFC 2822 4.3: two-digit years 00-49 are 20xx, 50-99 19xx. */
	if (nd == 2)
		y += y < 50 ? 2000 : 1900;
	blanks(s, &i);
	if (digits(s, &i, 2, &h) != 2 || s[i++] != ':' ||
	    digits(s, &i, 2, &mi) != 2)
		goto out;
	if (s[i] == ':') {
		i++;
		if (digits(s, &i, 2, &sec) != 2)
			goto out;
	}
	if (y < 1 || d < 1 || d > date_days_in_month(y, mo + 1) || h > 23 ||
	    mi > 59 || sec > 60)
		goto out;
	if (!is_ascii_space((unsigned char)s[i]))
		goto out;
	blanks(s, &i);
	if (s[i] == '+' || s[i] == '-') {
		i++;
		if (digits(s, &i, 4, &z) != 4 || z % 100 > 59)
			goto out;
	} else {
		n = word(s, i);
		if (lookup(zone_names, sizeof(zone_names) /
		    sizeof(zone_names[0]), s + i, n) == -1)
			goto out;
		i += n;
	}
	blanks(s, &i);
	if (s[i] != '\0')
		goto out;
	days = date_days_from_civil(y, mo + 1, d);
	*actual = date_weekday(days);
	rc = 0;
out:
	return rc;
}

