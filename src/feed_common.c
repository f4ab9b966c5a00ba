/* feed_common.c: what the RSS and Atom writers share: the libxml2 text
 * writer with sticky errors, entry times and authors. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "diag.h"
#include "feed.h"
#include "util.h"
#include "xmltext.h"

struct feedw {
	const char		*what;
	struct buf		 doc;		/* what the writer has put out */
	xmlTextWriterPtr	 w;
	const char		*failed;	/* first call that failed, or NULL */
	const char		*failed_name;	/* element or attribute it wrote */
};

int
feed_check_input(const char *kind, const struct feed_info *info,
    struct entry *const *entries, size_t n)
{
	char	*email = NULL, *name = NULL;
	size_t	 i;
	int	 rc = -1;

	if (info->title == NULL || info->site_url == NULL ||
	    info->self_url == NULL) {
		diag_error(NULL, 0, 0, "%s feed needs a title, a site URL and "
		    "its own URL", kind);
		goto out;
	}
	/* RSS 2.0 managingEditor and RFC 4287 atom:email hold an address;
	 * anything else would come out as the author's name. */
	if (feed_is_set(info->author_email) &&
	    !feed_author_email(info->author_email, &email, &name)) {
		diag_error(NULL, 0, 0, "%s feed author e-mail \"%s\" is not an "
		    "address (expected name@example.com)", kind,
		    info->author_email);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (entries[i]->title == NULL ||
		    entries[i]->permalink == NULL) {
			diag_error(entries[i]->path, 0, 0, "%s feed entry "
			    "needs a title and a permalink", kind);
			goto out;
		}
	}
	rc = 0;
out:
	free(email);
	free(name);
	return rc;
}

int
feed_is_set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

const char *
feed_default_author(const struct feed_info *info)
{
	return feed_is_set(info->site_title) ? info->site_title : info->title;
}

char *
feed_author_of(const struct feed_info *info)
{
	char		*email = NULL, *name = NULL, *s = NULL;
	char		*aemail = NULL, *aname = NULL;
	const char	*nm;

	if (!feed_is_set(info->author_email)) {
		if (feed_is_set(info->author))
			s = xstrdup(info->author);
		goto out;
	}
	/* feed_check_input accepted it, so there is an address. */
	if (!feed_author_email(info->author_email, &email, &name))
		goto out;
	nm = feed_default_author(info);
	if (feed_is_set(info->author)) {
		if (!feed_author_email(info->author, &aemail, &aname))
			nm = info->author;
		else if (aname != NULL)
			nm = aname;
	}
	/* The "a@b (Name)" form: feed_author_email splits it at the first
	 * '(' and an address holds none, so any name survives the trip. */
	s = xasprintf("%s (%s)", email, nm);
out:
	free(email);
	free(name);
	free(aemail);
	free(aname);
	return s;
}

const char *
feed_summary_of(const struct entry *e)
{
	if (e->description != NULL && e->description[0] != '\0')
		return e->description;
	if (e->summary != NULL && e->summary[0] != '\0')
		return e->summary;
	return NULL;
}

struct rf_time
feed_entry_updated(const struct entry *e)
{
	if (e->has_date && e->published.sec > e->updated.sec)
		return e->published;
	return e->updated;
}

struct rf_time
feed_newest_updated(struct entry *const *entries, size_t n)
{
	struct rf_time	newest = { 0, 0 }, t;
	size_t		i;

	for (i = 0; i < n; i++) {
		t = feed_entry_updated(entries[i]);
		if (i == 0 || t.sec > newest.sec)
			newest = t;
	}
	return newest;
}

/* Trim ASCII whitespace at both ends of s[0..*len); returns the new start. */
static const char *
trim(const char *s, size_t *len)
{
	while (*len > 0 && is_ascii_space((unsigned char)s[0])) {
		s++;
		(*len)--;
	}
	while (*len > 0 && is_ascii_space((unsigned char)s[*len - 1]))
		(*len)--;
	return s;
}

/* An address as RSS readers accept it: local@domain, both non-empty, one
 * '@', nothing that would end the address in "a@b (Name)" or "<a@b>". */
static int
is_address(const char *s, size_t len)
{
	size_t	i, at = 0, nat = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c == 0x7f || strchr("<>()[],;:\"\\", c) != NULL)
			return 0;
		if (c == '@') {
			at = i;
			nat++;
		}
	}
	return nat == 1 && at > 0 && at + 1 < len;
}

int
feed_author_email(const char *author, char **email, char **name)
{
	const char	*s, *addr, *nm = NULL, *p;
	size_t		 len, alen, nlen = 0;
	int		 rc = 0;

	*email = *name = NULL;
	len = strlen(author);
	s = trim(author, &len);
	if (len > 0 && s[len - 1] == '>' && (p = memchr(s, '<', len)) != NULL) {
		/* "Name <a@b>", RFC 5322 name-addr */
		addr = p + 1;
		alen = (size_t)(s + len - 1 - addr);
		nm = s;
		nlen = (size_t)(p - s);
	} else if (len > 0 && s[len - 1] == ')' &&
	    (p = memchr(s, '(', len)) != NULL) {
		/* "a@b (Name)", the form RSS 2.0 shows */
		addr = s;
		alen = (size_t)(p - s);
		nm = p + 1;
		nlen = (size_t)(s + len - 1 - nm);
	} else {
		addr = s;
		alen = len;
	}
	addr = trim(addr, &alen);
	if (alen > 7 && strncmp(addr, "mailto:", 7) == 0) {
		addr += 7;
		alen -= 7;
	}
	if (!is_address(addr, alen))
		goto out;
	if (nm != NULL) {
		nm = trim(nm, &nlen);
		if (nlen >= 2 && nm[0] == '"' && nm[nlen - 1] == '"') {
			nm++;
			nlen -= 2;
			nm = trim(nm, &nlen);
		}
	}
	*email = xstrndup(addr, alen);
	if (nm != NULL && nlen > 0)
		*name = xstrndup(nm, nlen);
	rc = 1;
out:
	return rc;
}

/* Where libxml2's output buffer flushes to: our own buffer, which is
 * handed over whole at the end, with no copy. */
static int
write_out(void *ctx, const char *s, int len)
{
	struct feedw	*fw = ctx;

	buf_add(&fw->doc, s, (size_t)len);
	return len;
}

static int
close_out(void *ctx)
{
	(void)ctx;
	return 0;
}

struct feedw *
feedw_new(const char *what)
{
	struct feedw		*fw;
	xmlOutputBufferPtr	 out;

	fw = xcalloc(1, sizeof(*fw));
	fw->what = what;
	/* The writer frees out with itself. */
	if ((out = xmlOutputBufferCreateIO(write_out, close_out, fw,
	    NULL)) == NULL) {
		diag_error(what, 0, 0, "cannot create the XML writer");
		goto fail;
	}
	if ((fw->w = xmlNewTextWriter(out)) == NULL) {
		xmlOutputBufferClose(out);
		diag_error(what, 0, 0, "cannot create the XML writer");
		goto fail;
	}
	/* Indented, so a changed feed shows as a readable diff. */
	if (xmlTextWriterSetIndent(fw->w, 1) < 0 ||
	    xmlTextWriterSetIndentString(fw->w,
	    (const xmlChar *)"  ") < 0 ||
	    xmlTextWriterStartDocument(fw->w, "1.0", "UTF-8", NULL) < 0) {
		diag_error(what, 0, 0, "cannot start the XML document");
		goto fail;
	}
	return fw;
fail:
	if (fw->w != NULL)
		xmlFreeTextWriter(fw->w);
	buf_free(&fw->doc);
	free(fw);
	return NULL;
}

/* Record the first failing call; later calls are skipped by the callers. */
static void
check(struct feedw *fw, int r, const char *call, const char *name)
{
	if (r < 0 && fw->failed == NULL) {
		fw->failed = call;
		fw->failed_name = name;
	}
}

void
feedw_start(struct feedw *fw, const char *name)
{
	if (fw->failed != NULL)
		return;
	check(fw, xmlTextWriterStartElement(fw->w, (const xmlChar *)name),
	    "start element", name);
}

void
feedw_attr(struct feedw *fw, const char *name, const char *value)
{
	char	*v;

	if (fw->failed != NULL)
		return;
	v = xmltext_clean(value, strlen(value));
	check(fw, xmlTextWriterWriteAttribute(fw->w, (const xmlChar *)name,
	    (const xmlChar *)v), "write attribute", name);
	free(v);
}

void
feedw_text(struct feedw *fw, const char *text)
{
	char	*v;

	if (fw->failed != NULL)
		return;
	v = xmltext_clean(text, strlen(text));
	/* WriteString escapes &, <, > (so "]]>" too) and CR. */
	check(fw, xmlTextWriterWriteString(fw->w, (const xmlChar *)v),
	    "write text", NULL);
	free(v);
}

int
feed_has_html(const struct feed_info *info, const struct entry *e)
{
	return !info->summary_only && (e->html_xml != NULL || e->html != NULL);
}

void
feedw_html(struct feedw *fw, const struct entry *e)
{
	if (e->html_xml == NULL) {
		feedw_text(fw, e->html);
		return;
	}
	if (fw->failed != NULL)
		return;
	/* What xmlTextWriterWriteString does once it has escaped. */
	check(fw, xmlTextWriterWriteRaw(fw->w, (const xmlChar *)e->html_xml),
	    "write text", NULL);
}

void
feed_need(const struct feed_info *info, const struct entry *e)
{
	if (info->need != NULL)
		info->need(info->need_ctx, e);
}

void
feed_done(const struct feed_info *info, const struct entry *e)
{
	if (info->done != NULL)
		info->done(info->need_ctx, e);
}

void
feedw_end(struct feedw *fw)
{
	if (fw->failed != NULL)
		return;
	check(fw, xmlTextWriterEndElement(fw->w), "end element", NULL);
}

void
feedw_elem(struct feedw *fw, const char *name, const char *text)
{
	feedw_start(fw, name);
	feedw_text(fw, text);
	feedw_end(fw);
}

void
feedw_stylesheet(struct feedw *fw, const char *href)
{
	char	*v, *pi;

	if (fw->failed != NULL)
		return;
	/* Associating Style Sheets with XML documents 1.0, section 2: a
	 * pseudo-attribute value is escaped as an attribute's would be. */
	v = html_escape(href);
	pi = xasprintf("type=\"text/xsl\" href=\"%s\"", v);
	check(fw, xmlTextWriterWritePI(fw->w, (const xmlChar *)"xml-stylesheet",
	    (const xmlChar *)pi), "write processing instruction",
	    "xml-stylesheet");
	free(pi);
	free(v);
}

int
feedw_finish(struct feedw *fw, char **out, size_t *outlen)
{
	int	rc = -1;

	*out = NULL;
	*outlen = 0;
	if (fw->failed == NULL)
		check(fw, xmlTextWriterEndDocument(fw->w), "end document",
		    NULL);
	/* Freeing the writer flushes it into the buffer. */
	xmlFreeTextWriter(fw->w);
	fw->w = NULL;
	if (fw->failed != NULL) {
		diag_error(fw->what, 0, 0, "XML writer failed to %s%s%s",
		    fw->failed, fw->failed_name ? " " : "",
		    fw->failed_name ? fw->failed_name : "");
		goto out;
	}
	if (fw->doc.len == 0) {
		diag_error(fw->what, 0, 0, "XML writer produced no output");
		goto out;
	}
	*outlen = fw->doc.len;
	*out = buf_detach(&fw->doc);
	rc = 0;
out:
	buf_free(&fw->doc);
	free(fw);
	return rc;
}
