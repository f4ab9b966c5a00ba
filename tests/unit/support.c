/* support.c: the helpers every unit test program links: diagnostic
 * capture, the shared corpus, file reading and the suite runner. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "support.h"
#include "util.h"

static FILE	*diag_f;
static char	*diag_text;
static size_t	 diag_len;
static char	 tmpdir[64];

void
support_diag_capture(void)
{
	support_diag_release();
	diag_f = open_memstream(&diag_text, &diag_len);
	ck_assert_ptr_nonnull(diag_f);
	diag_set_stream(diag_f);
	diag_reset();
}

const char *
support_diags(void)
{
	if (diag_f == NULL)
		return "";
	fflush(diag_f);
	return diag_text;
}

void
support_diag_release(void)
{
	if (diag_f == NULL)
		return;
	diag_set_stream(NULL);
	fclose(diag_f);
	diag_f = NULL;
	free(diag_text);
	diag_text = NULL;
	diag_len = 0;
}

const char *
support_tmpdir(const char *name)
{
	support_tmpdir_remove();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/relfeed-%s-XXXXXX", name);
	ck_assert_msg(mkdtemp(tmpdir) != NULL, "%s: cannot create", tmpdir);
	return tmpdir;
}

void
support_tmpdir_remove(void)
{
	char	*cmd;

	if (tmpdir[0] == '\0')
		return;
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	tmpdir[0] = '\0';
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

void
support_put(const char *rel, const char *text)
{
	char	*p = xasprintf("%s/%s", tmpdir, rel), *slash;
	FILE	*f;

	for (slash = strchr(p + strlen(tmpdir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		(void)mkdir(p, 0755);
		*slash = '/';
	}
	ck_assert_msg((f = fopen(p, "w")) != NULL, "%s: cannot create", p);
	fputs(text, f);
	ck_assert_msg(fclose(f) == 0, "%s: cannot write", p);
	free(p);
}

char *
support_shared_path(const char *name)
{
	const char	*src = getenv("RELFEED_SRCDIR");
	struct stat	 st;
	char		*p;

	if (src != NULL) {
		p = xasprintf("%s/../shared/%s", src, name);
		if (stat(p, &st) == 0)
			return p;
		free(p);
	}
	return NULL;
}

char *
support_read_file(const char *path, size_t *len)
{
	struct buf	 b = { 0 };
	char		 chunk[8192];
	size_t		 n;
	FILE		*f = fopen(path, "rb");

	ck_assert_msg(f != NULL, "%s: cannot open", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	ck_assert_msg(!ferror(f), "%s: cannot read", path);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	return buf_detach(&b);
}

struct walk {
	void	(*fn)(const char *, const char *, const char *, size_t,
		    void *);
	void	 *arg;
	size_t	  files;
};

static int
is_visible(const struct dirent *de)
{
	return de->d_name[0] != '.';
}

static int
is_md(const char *name)
{
	size_t	n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static void
walk(const char *dir, const char *rel, struct walk *w)
{
	struct dirent	**names;
	struct stat	  st;
	char		 *path, *sub, *data;
	size_t		  len;
	int		  i, n;

	/* Name order, so a failure names the same file on every machine. */
	n = scandir(dir, &names, is_visible, alphasort);
	ck_assert_msg(n >= 0, "%s: cannot read the directory", dir);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]->d_name);
		sub = xasprintf("%s%s%s", rel, *rel != '\0' ? "/" : "",
		    names[i]->d_name);
		ck_assert_msg(stat(path, &st) == 0, "%s: cannot stat", path);
		if (S_ISDIR(st.st_mode))
			walk(path, sub, w);
		else if (is_md(names[i]->d_name)) {
			data = support_read_file(path, &len);
			w->fn(path, sub, data, len, w->arg);
			w->files++;
			free(data);
		}
		free(sub);
		free(path);
		free(names[i]);
	}
	free(names);
}

size_t
support_walk_md(const char *dir, void (*fn)(const char *, const char *,
    const char *, size_t, void *), void *arg)
{
	struct walk	w = { fn, arg, 0 };

	walk(dir, "", &w);
	return w.files;
}

int
support_walk_corpus(void (*fn)(const char *, const char *, const char *,
    size_t, void *), void *arg)
{
	char	*dir = support_shared_path("corpus");

	if (dir == NULL) {
		fputs("no corpus directory: skipped\n", stderr);
		return -1;
	}
	support_diag_capture();
	support_walk_md(dir, fn, arg);
	support_diag_release();
	free(dir);
	return 0;
}

const char *
support_body(const char *path, const char *data, size_t len,
    size_t *body_len, int *body_line)
{
	struct fm_split		sp;
	enum fm_split_result	rc = fm_split(path, data, len, &sp);

	ck_assert_msg(rc != FM_SPLIT_ERROR, "%s: bad front matter", path);
	if (rc == FM_SPLIT_NONE)
		return NULL;
	*body_len = len - sp.body_off;
	*body_line = sp.body_line;
	return data + sp.body_off;
}

size_t
support_count(const char *s, const char *needle)
{
	size_t	n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

int
support_run(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	support_diag_release();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
