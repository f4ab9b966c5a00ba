/* date.c: front matter dates read and RFC 822 / RFC 3339 dates written with
 * integer calendar arithmetic, so neither the locale nor the host's zone
 * database can change a feed. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "util.h"

/* RFC 822 section 5.1: English names whatever the locale. */
const char *const date_day_names[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
const char *const date_month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const int month_days[12] = {
	31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

/* Zone names a configuration may use besides numeric offsets. */
static const char *const utc_names[] = { "UTC", "GMT", "Z" };

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int64_t y, int m)
{
	return month_days[m - 1] + (m == 2 && is_leap(y));
}

/*
 * Read exactly n digits at s + *i into *val. On failure *i is left on the
 * first byte that is not a digit, which is where the error column points.
 */
static int
read_digits(const char *s, size_t *i, int n, int *val)
{
	int	k, v = 0, rc = -1;

	for (k = 0; k < n; k++) {
		if (!is_ascii_digit((unsigned char)s[*i]))
			goto out;
		v = v * 10 + (s[*i] - '0');
		(*i)++;
	}
	*val = v;
	rc = 0;
out:
	return rc;
}

/*
 * Read a numeric offset "+HH", "+HH:MM" or "+HHMM" at s + *i into *off
 * (minutes east). On failure *i points at the offending byte.
 */
static int
read_offset(const char *s, size_t *i, int *off)
{
	size_t	at;
	int	sign, h, m = 0, rc = -1;

	if (s[*i] != '+' && s[*i] != '-')
		goto out;
	sign = s[*i] == '-' ? -1 : 1;
	(*i)++;
	at = *i;
	if (read_digits(s, i, 2, &h) == -1)
		goto out;
	/* The zones in use span -12:00 to +14:00, and XML Schema's dateTime
	 * (the Atom schema's) allows no more than 14:00 either way. */
	if (h > 14) {
		*i = at;
		goto out;
	}
	if (s[*i] == ':')
		(*i)++;
	else if (!is_ascii_digit((unsigned char)s[*i]))
		goto done;	/* "+HH" alone */
	at = *i;
	if (read_digits(s, i, 2, &m) == -1)
		goto out;
	if (m > 59 || (h == 14 && m > 0)) {
		*i = at;
		goto out;
	}
done:
	*off = sign * (h * 60 + m);
	rc = 0;
out:
	return rc;
}

/*
 * Read a two-digit field no greater than max; on failure *i points at the
 * field (out of range) or at the byte that is not a digit.
 */
static int
read_field(const char *s, size_t *i, int max, int *val)
{
	size_t	at = *i;
	int	rc = -1;

	if (read_digits(s, i, 2, val) == -1)
		goto out;
	if (*val > max) {
		*i = at;
		goto out;
	}
	rc = 0;
out:
	return rc;
}

/* Read the time of day and zone after the date's separator. */
static int
read_time(const char *s, size_t *i, int *h, int *mi, int *sec, int *off)
{
	int	rc = -1;

	if (read_field(s, i, 23, h) == -1)
		goto out;
	if (s[*i] != ':')
		goto out;
	(*i)++;
	if (read_field(s, i, 59, mi) == -1)
		goto out;
	if (s[*i] == ':') {
		(*i)++;
		if (read_field(s, i, 60, sec) == -1)
			goto out;
		/* RFC 3339 5.7: a leap second; the model has none. */
		if (*sec == 60)
			*sec = 59;
		if (s[*i] == '.') {
			/* Fractional seconds: one digit or more, dropped. */
			(*i)++;
			if (!is_ascii_digit((unsigned char)s[*i]))
				goto out;
			while (is_ascii_digit((unsigned char)s[*i]))
				(*i)++;
		}
	}
	if (s[*i] == 'Z' || s[*i] == 'z') {
		*off = 0;
		(*i)++;
	} else if (s[*i] == '+' || s[*i] == '-') {
		if (read_offset(s, i, off) == -1)
			goto out;
	} else if (s[*i] == ' ' && (s[*i + 1] == '+' || s[*i + 1] == '-')) {
		/* Jekyll writes "2019-06-18 10:00:00 -0700". */
		(*i)++;
		if (read_offset(s, i, off) == -1)
			goto out;
	}
	rc = 0;
out:
	return rc;
}

int
date_parse(const char *s, int default_off, struct rf_time *out,
    size_t *errcol)
{
	size_t	i = 0, at;
	int64_t	utc;
	int	y, mo, d, h = 0, mi = 0, sec = 0, off = default_off;
	int	rc = -1;

	if (s == NULL)
		goto fail;
	while (is_ascii_space((unsigned char)s[i]))
		i++;
	at = i;
	if (read_digits(s, &i, 4, &y) == -1)
		goto fail;
	if (y < 1) {
		i = at;
		goto fail;
	}
	if (s[i] != '-')
		goto fail;
	i++;
	at = i;
	if (read_digits(s, &i, 2, &mo) == -1)
		goto fail;
	if (mo < 1 || mo > 12) {
		i = at;
		goto fail;
	}
	if (s[i] != '-')
		goto fail;
	i++;
	at = i;
	if (read_digits(s, &i, 2, &d) == -1)
		goto fail;
	if (d < 1 || d > date_days_in_month(y, mo)) {
		i = at;
		goto fail;
	}
	/* RFC 3339 5.6 allows 't' and, by note, a space for 'T'. */
	if ((s[i] == 'T' || s[i] == 't' || s[i] == ' ') &&
	    is_ascii_digit((unsigned char)s[i + 1])) {
		i++;
		if (read_time(s, &i, &h, &mi, &sec, &off) == -1)
			goto fail;
	}
	while (is_ascii_space((unsigned char)s[i]))
		i++;
	if (s[i] != '\0')
		goto fail;
	utc = date_days_from_civil(y, mo, d) * 86400 +
	    h * 3600 + mi * 60 + sec - (int64_t)off * 60;
	/* In UTC too the year must have four digits: readers convert. */
	if (utc < date_days_from_civil(1, 1, 1) * 86400 ||
	    utc >= date_days_from_civil(10000, 1, 1) * 86400) {
		i = 0;
		goto fail;
	}
	out->sec = utc;
	out->off = off;
	rc = 0;
	goto done;
fail:
	if (errcol != NULL)
		*errcol = i;
done:
	return rc;
}

int
date_parse_zone(const char *s, int *off)
{
	size_t	i = 0, k;
	int	v, rc = -1;

	if (s == NULL)
		goto out;
	for (k = 0; k < sizeof(utc_names) / sizeof(utc_names[0]); k++)
		if (ascii_strcasecmp(s, utc_names[k]) == 0) {
			*off = 0;
			rc = 0;
			goto out;
		}
	if (read_offset(s, &i, &v) == -1 || s[i] != '\0')
		goto out;
	*off = v;
	rc = 0;
out:
	return rc;
}

/*
 * Days from civil and back: the era-based algorithm (400-year cycles of
 * 146097 days, years starting in March so the leap day comes last), exact
 * for every proleptic Gregorian date and free of floating point.
 */
int64_t
date_days_from_civil(int64_t y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t	z, era, doe, yoe, doy, mp;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* The wall clock of t in its own offset, broken down. */
struct civil {
	int64_t	y;
	int	mo, d, h, mi, s, wday;
};

static void
to_civil(const struct rf_time *t, struct civil *c)
{
	int64_t	days, rem;

	/* Split before adding the offset so no sum can overflow. */
	days = t->sec / 86400;
	rem = t->sec % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	rem += (int64_t)t->off * 60;
	days += rem / 86400;
	rem %= 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	date_civil_from_days(days, &c->y, &c->mo, &c->d);
	c->h = (int)(rem / 3600);
	c->mi = (int)(rem / 60 % 60);
	c->s = (int)(rem % 60);
	c->wday = date_weekday(days);
}

void
date_format_rfc822(const struct rf_time *t, char *buf)
{
	struct civil	c;
	long long	a = t->off < 0 ? -(long long)t->off : t->off;

	to_civil(t, &c);
	/* RFC 822 5.1 with RFC 1123 5.2.14's four-digit year. */
	snprintf(buf, DATE_BUFSZ,
	    "%s, %02d %s %04lld %02d:%02d:%02d %c%02lld%02lld",
	    date_day_names[c.wday], c.d, date_month_names[c.mo - 1], (long long)c.y,
	    c.h, c.mi, c.s, t->off < 0 ? '-' : '+', a / 60, a % 60);
}

void
date_format_rfc3339(const struct rf_time *t, char *buf)
{
	struct civil	c;
	long long	a = t->off < 0 ? -(long long)t->off : t->off;
	int		n;

	to_civil(t, &c);
	n = snprintf(buf, DATE_BUFSZ, "%04lld-%02d-%02dT%02d:%02d:%02d",
	    (long long)c.y, c.mo, c.d, c.h, c.mi, c.s);
	/* RFC 3339 5.6: time-offset = "Z" / time-numoffset. */
	if (n < 0 || n >= DATE_BUFSZ)
		;	/* truncated: only for years far beyond 9999 */
	else if (t->off == 0)
		snprintf(buf + n, DATE_BUFSZ - (size_t)n, "Z");
	else
		snprintf(buf + n, DATE_BUFSZ - (size_t)n, "%c%02lld:%02lld",
		    t->off < 0 ? '-' : '+', a / 60, a % 60);
}

void
date_civil(const struct rf_time *t, int64_t *y, int *m, int *d)
{
	int64_t	local = t->sec + (int64_t)t->off * 60;
	int64_t	days = local / 86400;

	if (local % 86400 < 0)
		days--;			/* floor, also before 1970 */
	date_civil_from_days(days, y, m, d);
}

int
date_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday. */
	return (int)(((days % 7) + 7 + 4) % 7);
}
