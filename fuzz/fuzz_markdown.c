/* fuzz_markdown.c: fuzzing Markdown rendering: no script and no
 * javascript: link may reach a feed reader, whatever the body holds. */
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "htmlsafe.h"
#include "markdown.h"
#include "util.h"

/* HTML's whitespace (WHATWG 13.2.5): not \v. */
static int
is_html_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* 1 if s (a NUL-terminated HTML text) opens a script element: "<script"
 * in any case, as a whole tag name. */
static int
has_script_tag(const char *s)
{
	static const char	tag[] = "<script";
	size_t			i;

	for (; (s = strchr(s, '<')) != NULL; s++) {
		for (i = 1; tag[i] != '\0' &&
		    ascii_tolower((unsigned char)s[i]) == tag[i]; i++)
			continue;
		/* HTML's tokenizer ends a tag name at '/', '>' or
		 * whitespace: "<scriptx" is another element. */
		if (tag[i] == '\0' && (s[i] == '\0' || s[i] == '/' ||
		    s[i] == '>' || is_html_space((unsigned char)s[i])))
			return 1;
	}
	return 0;
}

/* Length of the tag name at s if it is one GFM's tagfilter disallows,
 * read as HTML's tokenizer does (any case, ended by whitespace, '/' or
 * '>'; "<scriptx" is another element), else 0. */
static size_t
bad_tag_at(const char *s)
{
	static const char *const bad[] = { "title", "textarea", "style",
	    "xmp", "iframe", "noembed", "noframes", "script", "plaintext" };
	size_t	i, k;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (k = 0; bad[i][k] != '\0' &&
		    ascii_tolower((unsigned char)s[k]) == bad[i][k]; k++)
			continue;
		if (bad[i][k] == '\0' && (s[k] == '\0' || s[k] == '/' ||
		    s[k] == '>' || is_html_space((unsigned char)s[k])))
			return k;
	}
	return 0;
}

/* 1 if a browser would open a disallowed element in html: a small HTML
 * tokenizer that skips comments ("<!--" to "-->"), bogus comments ("<!",
 * "<?" to '>') and the inside of other tags (quoted values included), so
 * "<script" in those places, harmless, is not counted. */
static int
opens_bad_element(const char *html)
{
	const char	*p = html, *e;
	char		 q;
	int		 bad, eq;

	while ((p = strchr(p, '<')) != NULL) {
		p++;
		if (strncmp(p, "!--", 3) == 0) {
			/* "<!-->" and "<!--->" close at once (HTML 13.2.5.43). */
			if (p[3] == '>' || strncmp(p + 3, "->", 2) == 0)
				continue;
			e = strstr(p + 3, "-->");
			p = e != NULL ? e + 3 : p + strlen(p);
		} else if (*p == '!' || *p == '?' || (*p == '/' &&
		    !is_ascii_alpha((unsigned char)p[1]) && p[1] != '>'))
			p += strcspn(p, ">");
		else if (is_ascii_alpha((unsigned char)*p) || (*p == '/' &&
		    is_ascii_alpha((unsigned char)p[1]))) {
			bad = *p != '/' && bad_tag_at(p) > 0;
			/* Skip the tag: '>' ends it outside quoted values,
			 * which open with a quote after '=' and spaces. */
			for (q = 0, eq = 0; *p != '\0' && (q != 0 ||
			    *p != '>'); p++)
				if (q != 0)
					q = *p == q ? 0 : q;
				else if (eq && (*p == '"' || *p == '\''))
					q = *p;
				else if (*p == '=')
					eq = 1;
				else if (!is_html_space((unsigned char)*p))
					eq = 0;
			/* A tag the end of the text cuts is never emitted. */
			if (bad && *p == '>')
				return 1;
		}
	}
	return 0;
}

/* Decode an attribute value v[0..n) the way a browser does: character
 * references (&amp; &#106; &#x6A;) read, into out (cap bytes, ASCII
 * only: anything else becomes '?'). */
static void
decode_attr(const char *v, size_t n, char *out, size_t cap)
{
	size_t		i, o = 0;
	unsigned long	c;
	char		*end;

	for (i = 0; i < n && o + 1 < cap; i++) {
		c = (unsigned char)v[i];
		if (v[i] == '&' && i + 1 < n && v[i + 1] == '#') {
			c = strtoul(v + i + 2 + (v[i + 2] == 'x' ||
			    v[i + 2] == 'X'), &end, v[i + 2] == 'x' ||
			    v[i + 2] == 'X' ? 16 : 10);
			i = (size_t)(end - v) - (*end != ';');
		} else if (v[i] == '&' && strncmp(v + i, "&amp;", 5) == 0) {
			c = '&';
			i += 4;
		}
		out[o++] = c < 0x80 ? (char)c : '?';
	}
	out[o] = '\0';
}

/* 1 if url starts with scheme as a browser reads it (WHATWG URL):
 * leading C0 controls and spaces stripped, tabs and newlines ignored,
 * letters in any case. */
static int
is_scheme(const char *url, const char *scheme)
{
	const unsigned char	*u = (const unsigned char *)url;

	while (*u != '\0' && *u <= 0x20)
		u++;
	for (; *scheme != '\0'; u++) {
		if (*u == '\t' || *u == '\n' || *u == '\r')
			continue;
		if (ascii_tolower(*u) != *scheme)
			return 0;
		scheme++;
	}
	return 1;
}

/* 1 if name[0..n) is attr, in any case. */
static int
is_attr(const char *name, size_t n, const char *attr)
{
	size_t	i;

	if (n != strlen(attr))
		return 0;
	for (i = 0; i < n; i++)
		if (ascii_tolower((unsigned char)name[i]) != attr[i])
			return 0;
	return 1;
}

/* 1 if an href or src attribute of a start tag in html holds a URL scheme
 * that runs code. Tags are read as HTML's tokenizer reads them, so text
 * that only looks like an attribute (href="javascript:x" outside a tag)
 * does not count. */
static int
has_script_url(const char *html)
{
	const char	*p = html, *name, *v;
	char		 val[64], q[2] = { 0, 0 };
	size_t		 namelen, n;

	while ((p = strchr(p, '<')) != NULL) {
		if (!is_ascii_alpha((unsigned char)*++p))
			continue;
		while (*p != '\0' && !is_html_space((unsigned char)*p) &&
		    *p != '>' && *p != '/')
			p++;
		for (;;) {
			while (is_html_space((unsigned char)*p) || *p == '/')
				p++;
			if (*p == '\0' || *p == '>')
				break;
			name = p;
			while (*p != '\0' && !is_html_space((unsigned char)*p) &&
			    *p != '=' && *p != '>' && *p != '/')
				p++;
			namelen = (size_t)(p - name);
			while (is_html_space((unsigned char)*p))
				p++;
			if (*p != '=')
				continue;
			for (p++; is_html_space((unsigned char)*p); p++)
				;
			if (*p == '"' || *p == '\'') {
				q[0] = *p++;
				v = p;
				n = strcspn(p, q);
				p += n + (p[n] != '\0');
			} else {
				v = p;
				n = strcspn(p, " \t\n\f\r>");
				p += n;
			}
			if (!is_attr(name, namelen, "href") &&
			    !is_attr(name, namelen, "src"))
				continue;
			decode_attr(v, n, val, sizeof(val));
			if (is_scheme(val, "javascript:") ||
			    is_scheme(val, "vbscript:"))
				return 1;
		}
	}
	return 0;
}

static void
check_summary(const char *s)
{
	size_t	i;

	if (s == NULL)
		return;
	FUZZ_CHECK(s[0] != '\0', "NULL, not empty, when there is no text");
	FUZZ_CHECK(!is_ascii_space((unsigned char)s[0]) &&
	    !is_ascii_space((unsigned char)s[strlen(s) - 1]), "trimmed");
	for (i = 1; s[i] != '\0'; i++)
		FUZZ_CHECK(!is_ascii_space((unsigned char)s[i]) ||
		    (s[i] == ' ' && s[i - 1] != ' '),
		    "inner whitespace collapsed to single spaces");
}

/* A fixed mark: the harness plays a template whose text is the input. */
#define FUZZ_MARK	"rf0123456789abcdef0123456789abcdef"

/* 1 if data[0..size) holds the string s once its control bytes are
 * gone (libxml2's HTML parser drops them, which can join two pieces). */
static int
holds(const uint8_t *data, size_t size, const char *s)
{
	uint8_t	*d = xmalloc(size + 1);
	size_t	 i, k = 0, n = strlen(s);
	int	 found = 0;

	for (i = 0; i < size; i++)
		if (data[i] >= 0x20)
			d[k++] = data[i];
	for (i = 0; !found && i + n <= k; i++)
		found = memcmp(d + i, s, n) == 0;
	free(d);
	return found;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_opts	 ro;
	char			*html = NULL, *summary = NULL, *text, *md;
	int			 mode, rc;

	fuzz_quiet();
	memset(&ro, 0, sizeof(ro));
	ro.base_url = "https://example.org/docs/";
	ro.permalink = "https://example.org/docs/news/releases/1.2.x/";
	/* 0: raw HTML dropped; 1: kept; 2: the input marked as a template
	 * would be (htmlsafe_mark_template), so its HTML is kept. */
	for (mode = 0; mode <= 2; mode++) {
		ro.unsafe_html = mode == 1;
		ro.mark = mode == 2 ? FUZZ_MARK : NULL;
		md = NULL;
		if (mode == 2) {
			text = xstrndup((const char *)data, size);
			md = htmlsafe_mark_template(text, FUZZ_MARK);
			free(text);
		}
		rc = markdown_render("fuzz.md", md != NULL ? md :
		    (const char *)data, md != NULL ? strlen(md) : size, &ro,
		    &html, &summary);
		/* Every input in fresh memory: nothing kept to look leaked. */
		markdown_release();
		free(md);
		if (rc == -1) {
			FUZZ_CHECK(html == NULL && summary == NULL,
			    "NULL on failure");
			continue;
		}
		FUZZ_CHECK(html != NULL, "HTML on success");
		FUZZ_CHECK(!has_script_url(html), "no javascript: href or src");
		if (mode == 0)
			/* Raw HTML dropped, text escaped: not even the
			 * text "<script" may remain. */
			FUZZ_CHECK(!has_script_tag(html), "no <script");
		else
			/* Kept HTML goes through the allowlist. */
			FUZZ_CHECK(!opens_bad_element(html),
			    "no script element in kept HTML");
		/* The real mark is drawn at random when the run starts: no
		 * body holds it, and only an input that does may show it. */
		if (mode == 2 && !holds(data, size, FUZZ_MARK)) {
			FUZZ_CHECK(strstr(html, FUZZ_MARK) == NULL,
			    "no mark in HTML");
			FUZZ_CHECK(summary == NULL || strstr(summary,
			    FUZZ_MARK) == NULL, "no mark in the summary");
		}
		check_summary(summary);
		free(html);
		free(summary);
		html = summary = NULL;
	}
	return 0;
}
