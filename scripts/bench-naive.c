/*
 * The naive one-thread baseline of scripts/bench: every Markdown file of a
 * tree read, its YAML front matter parsed with libyaml, its body rendered with
 * cmark-gfm, one RSS item written with libxml2's xmlTextWriter.
 *
 *	bench-naive CONTENT_DIR OUT.xml
 *
 * No sort, no limit, no shortcodes, no link resolution: the cost of touching
 * every file with the same libraries relfeed uses, and nothing more. Drafts
 * (draft: true, published: false) and dates after today are skipped so that
 * the item count matches the other tools'. Not part of the CMake build:
 * scripts/bench compiles it with cc and pkg-config.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/xmlwriter.h>
#include <yaml.h>

/* The front matter keys the item needs, as written. */
struct meta {
	char	*title;
	char	*description;
	char	*date;
	int	 draft;
};

static xmlTextWriterPtr writer;
static char today[11];
static int failed;

static char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = malloc(n + 1)) == NULL) {
		perror("bench-naive");
		exit(3);
	}
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Reads the top-level scalars of the front matter; 0 or -1. */
static int
parse_yaml(const char *text, size_t len, struct meta *m)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	char		*key = NULL;
	int		 depth = 0, rc = -1, done = 0;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev))
			goto out;
		switch (ev.type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			if (depth == 1) {
				free(key);
				key = NULL;
			}
			break;
		case YAML_SCALAR_EVENT:
			if (depth != 1)
				break;
			if (key == NULL) {
				key = xstrndup((const char *)ev.data.scalar.value,
				    ev.data.scalar.length);
				break;
			}
			{
				const char *v = (const char *)ev.data.scalar.value;
				size_t n = ev.data.scalar.length;

				if (strcmp(key, "title") == 0 && m->title == NULL)
					m->title = xstrndup(v, n);
				else if (strcmp(key, "description") == 0 &&
				    m->description == NULL)
					m->description = xstrndup(v, n);
				else if ((strcmp(key, "publishdate") == 0 ||
				    strcmp(key, "date") == 0) && m->date == NULL)
					m->date = xstrndup(v, n);
				else if (strcmp(key, "draft") == 0 &&
				    strcmp(v, "true") == 0)
					m->draft = 1;
				else if (strcmp(key, "published") == 0 &&
				    strcmp(v, "false") == 0)
					m->draft = 1;
			}
			free(key);
			key = NULL;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	rc = 0;
out:
	free(key);
	yaml_parser_delete(&parser);
	return rc;
}

static char *
render(const char *md, size_t len)
{
	static const char *const exts[] = { "table", "strikethrough", "autolink" };
	cmark_parser	*p;
	cmark_node	*doc;
	char		*html;
	size_t		 i;

	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
	    cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

static int
one_file(const char *path)
{
	struct meta	 m = { NULL, NULL, NULL, 0 };
	FILE		*f;
	char		*buf = NULL, *end, *html = NULL;
	long		 size;
	size_t		 fmlen;
	int		 rc = -1;

	if ((f = fopen(path, "rb")) == NULL)
		goto out;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		goto out;
	}
	if ((buf = malloc((size_t)size + 1)) == NULL ||
	    fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		goto out;
	}
	fclose(f);
	buf[size] = '\0';
	/* No front matter: not an announcement. */
	if (strncmp(buf, "---\n", 4) != 0 ||
	    (end = strstr(buf + 3, "\n---\n")) == NULL) {
		rc = 0;
		goto out;
	}
	fmlen = (size_t)(end - (buf + 4)) + 1;
	if (parse_yaml(buf + 4, fmlen, &m) == -1) {
		fprintf(stderr, "%s: bad YAML front matter\n", path);
		goto out;
	}
	if (m.draft || m.title == NULL ||
	    (m.date != NULL && strncmp(m.date, today, 10) > 0)) {
		rc = 0;
		goto out;
	}
	end += 5;
	html = render(end, (size_t)(buf + size - end));
	xmlTextWriterStartElement(writer, (const xmlChar *)"item");
	xmlTextWriterWriteElement(writer, (const xmlChar *)"title",
	    (const xmlChar *)m.title);
	xmlTextWriterWriteElement(writer, (const xmlChar *)"link",
	    (const xmlChar *)path);
	if (m.date != NULL)
		xmlTextWriterWriteElement(writer, (const xmlChar *)"pubDate",
		    (const xmlChar *)m.date);
	if (m.description != NULL)
		xmlTextWriterWriteElement(writer,
		    (const xmlChar *)"description",
		    (const xmlChar *)m.description);
	xmlTextWriterWriteElement(writer, (const xmlChar *)"content:encoded",
	    (const xmlChar *)html);
	xmlTextWriterEndElement(writer);
	rc = 0;
out:
	free(m.title);
	free(m.description);
	free(m.date);
	free(html);
	free(buf);
	return rc;
}

static int
visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	size_t	n = strlen(path);

	(void)st;
	(void)ftw;
	if (flag == FTW_F && n > 3 && strcmp(path + n - 3, ".md") == 0 &&
	    one_file(path) == -1) {
		fprintf(stderr, "bench-naive: %s: cannot read\n", path);
		failed = 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	time_t		now = time(NULL);
	struct tm	tm;

	if (argc != 3) {
		fprintf(stderr, "usage: bench-naive CONTENT_DIR OUT.xml\n");
		return 2;
	}
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	cmark_gfm_core_extensions_ensure_registered();
	if ((writer = xmlNewTextWriterFilename(argv[2], 0)) == NULL) {
		perror(argv[2]);
		return 3;
	}
	xmlTextWriterStartDocument(writer, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(writer, (const xmlChar *)"rss");
	xmlTextWriterWriteAttribute(writer, (const xmlChar *)"version",
	    (const xmlChar *)"2.0");
	xmlTextWriterWriteAttribute(writer, (const xmlChar *)"xmlns:content",
	    (const xmlChar *)"http://purl.org/rss/1.0/modules/content/");
	xmlTextWriterStartElement(writer, (const xmlChar *)"channel");
	xmlTextWriterWriteElement(writer, (const xmlChar *)"title",
	    (const xmlChar *)"naive");
	if (nftw(argv[1], visit, 32, FTW_PHYS) != 0) {
		perror(argv[1]);
		failed = 1;
	}
	xmlTextWriterEndDocument(writer);
	xmlFreeTextWriter(writer);
	return failed ? 3 : 0;
}
