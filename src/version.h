/* version.h: release versions compared as versions, not as text. */
#ifndef VERSION_H
#define VERSION_H

/* Compare two version strings such as "1.10.2", "v1.9", "1.0.0-rc.1".
 * A leading 'v' or 'V' is ignored. Dot-separated numeric parts compare as
 * numbers of any length (1.10 > 1.9, 1.2 == 1.2.0 is false: 1.2 < 1.2.0),
 * a pre-release suffix after '-' sorts before the release itself
 * (1.0.0-rc.1 < 1.0.0), other text compares bytewise. NULL sorts before
 * every version; two NULLs are equal. Strings equal as versions ("1.2",
 * "v1.2", "1.02") are then ordered by strcmp. Returns <0, 0 or >0, and 0
 * only for identical strings, so callers get a total order. */
int	version_cmp(const char *, const char *);

/* 1 if s is a release version: an optional 'v' or 'V', numbers joined by
 * dots ("1", "1.24", "1.24.2"), then optionally '-' and a SemVer
 * pre-release of letters, digits, '-' and single dots ("1.0.0-rc.1"); at
 * most 64 bytes. Else 0. Such a version is safe in a file name. */
int	version_is_valid(const char *s);

#endif
