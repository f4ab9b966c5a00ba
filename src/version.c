/* version.c: release versions ordered as versions, so "1.10" sorts after
 * "1.9" and a release candidate before its release. */
#include <string.h>

#include "util.h"
#include "version.h"

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Length of the run of digits that starts s[0..n). */
static size_t
digit_run(const char *s, size_t n)
{
	size_t	k = 0;

	while (k < n && is_ascii_digit((unsigned char)s[k]))
		k++;
	return k;
}

/*
 * Compare a[0..alen) and b[0..blen) token by token: a run of digits is one
 * token compared by value (any length, leading zeros ignored), any other
 * byte a token of its own. Against a byte, a number sorts as the byte '0'
 * would, so numbers sit between the bytes below '0' and those above '9'
 * and the order stays transitive. A sequence that is a prefix of the
 * other sorts first ("1.2" < "1.2.0").
 */
static int
cmp_tokens(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t	i = 0, j = 0, ea, eb;
	int	da, db, r = 0;

	while (r == 0 && i < alen && j < blen) {
		da = is_ascii_digit((unsigned char)a[i]);
		db = is_ascii_digit((unsigned char)b[j]);
		if (da && db) {
			ea = i + digit_run(a + i, alen - i);
			eb = j + digit_run(b + j, blen - j);
			while (i < ea - 1 && a[i] == '0')
				i++;
			while (j < eb - 1 && b[j] == '0')
				j++;
			/* Without leading zeros the longer number is larger. */
			if (ea - i != eb - j)
				r = ea - i < eb - j ? -1 : 1;
			else
				r = sign(memcmp(a + i, b + j, ea - i));
			i = ea;
			j = eb;
		} else {
			r = sign((da ? '0' : (unsigned char)a[i]) -
			    (db ? '0' : (unsigned char)b[j]));
			i++;
			j++;
		}
	}
	if (r == 0)
		r = (i < alen) - (j < blen);
	return r;
}

int
version_cmp(const char *a, const char *b)
{
	const char	*pa, *pb;
	size_t		 ra, rb;
	int		 prea, preb, r;

	if (a == NULL || b == NULL) {
		/* NULL first; two NULLs are equal. */
		r = (a != NULL) - (b != NULL);
		goto out;
	}
	pa = a + (a[0] == 'v' || a[0] == 'V');
	pb = b + (b[0] == 'v' || b[0] == 'V');
	/* SemVer 2.0.0 section 9: the pre-release follows the first '-'. */
	ra = strcspn(pa, "-");
	rb = strcspn(pb, "-");
	prea = pa[ra] == '-';
	preb = pb[rb] == '-';
	r = cmp_tokens(pa, ra, pb, rb);
	/* SemVer 11.3: a pre-release sorts before its release. */
	if (r == 0 && prea != preb)
		r = prea ? -1 : 1;
	if (r == 0 && prea)
		r = cmp_tokens(pa + ra + 1, strlen(pa + ra + 1),
		    pb + rb + 1, strlen(pb + rb + 1));
	/* Equal as versions ("v1.2", "1.2", "1.02"): the text decides, so
	 * only identical strings compare equal and sorting is total. */
	if (r == 0)
		r = sign(strcmp(a, b));
out:
	return r;
}

int
version_is_valid(const char *s)
{
	const char	*p = s;

	if (*p == 'v' || *p == 'V')
		p++;
	for (;;) {
		if (!is_ascii_digit((unsigned char)*p))
			return 0;
		while (is_ascii_digit((unsigned char)*p))
			p++;
		if (*p != '.')
			break;
		p++;
	}
	if (*p == '-') {
		/* SemVer 2.0.0 section 9: dot-separated [0-9A-Za-z-]. */
		if (p[1] == '\0' || p[1] == '.')
			return 0;
		for (p++; *p != '\0'; p++)
			if (!is_ascii_alnum((unsigned char)*p) && *p != '-' &&
			    !(*p == '.' && p[1] != '\0' && p[1] != '.'))
				return 0;
	}
	return *p == '\0' && p - s <= 64;
}
