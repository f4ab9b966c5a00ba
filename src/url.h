/* url.h: making links absolute: site-relative against the base URL,
 * page-relative against the entry's permalink. */
#ifndef URL_H
#define URL_H

/* 1 if ref has a scheme ("https:", "mailto:", "data:"...) or is
 * protocol-relative ("//host/..."), else 0. */
int	 url_has_scheme(const char *ref);

/* Check base is an absolute http(s) URL with a host (port digits only, if
 * any) and without query, fragment, spaces, controls or backslashes,
 * since paths are appended to it; 0 or -1 (no report). */
int	 url_check_base(const char *base);

/* Resolve ref for output. base is the site root (absolute, http or https;
 * with or without a trailing '/'), page the entry's absolute permalink.
 *   "" and "#frag": unchanged (fragment-only links stay in-page);
 *   with a scheme, or "//host": unchanged;
 *   "/x": base + "x", except when the path already starts with base's
 *     path ("/latest/x" against "https://istio.io/latest/"), which gets
 *     only base's scheme and host: never a doubled base; dot segments
 *     are removed first, so "/../x" stays under base;
 *   "x", "./x", "../x", "?q": against page, RFC 3986 section 5.2, with dot
 *     segments removed ("../" never climbs above the host).
 * Never produces "//" inside the path. Query and fragment are kept.
 * page NULL resolves against base; ref NULL is read as "". Nothing is
 * percent-encoded here. Returns a new string owned by the caller. */
char	*url_resolve(const char *base, const char *page, const char *ref);

/* base + path, where path is a '/'-separated path under the site root (no
 * leading '/' needed). Bytes outside RFC 3986 unreserved, '/', and
 * sub-delims are percent-encoded (so are '%', ':' and '@'); runs of '/'
 * become one, and exactly one '/' sits between base and path. path NULL
 * is read as "". Returns a new string owned by the caller. */
char	*url_join(const char *base, const char *path);

/* 1 if a reader must not follow url: a javascript:, vbscript:, file: or
 * data: URL, read as a browser reads it (leading spaces and controls
 * skipped, tabs and line breaks ignored, any case); is_image allows the
 * data:image/png, gif, jpeg and webp URLs an <img> may show. */
int	 url_is_unsafe(const char *url, int is_image);

#endif
