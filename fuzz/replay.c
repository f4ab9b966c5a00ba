/* replay.c: a main() that runs a fuzz harness over files, so every build
 * (any compiler, no libFuzzer) replays the seed and regression corpora.
 *
 * usage: replay_NAME [-s] PATH...
 * Each PATH is a file or a directory walked recursively (names starting
 * with '.' skipped, in byte order). Each file's bytes go to
 * LLVMFuzzerTestOneInput in a buffer of exactly their size, so reads past
 * the end are caught by AddressSanitizer as under libFuzzer. A failed
 * property aborts. With -s a missing PATH is not an error, and the run
 * exits 77 (ctest's "skipped") when no PATH exists. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "util.h"

#define REPLAY_SKIP	77

static size_t	nfiles;

static int
run_file(const char *path)
{
	FILE	*f;
	uint8_t	*data = NULL;
	size_t	 len = 0, cap = 0, n;
	int	 rc = -1;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		goto out;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			data = xrealloc(data, cap);
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		goto out;
	}
	/* Exactly len bytes, as libFuzzer hands them over. */
	data = xrealloc(data, len > 0 ? len : 1);
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(data, len);
	nfiles++;
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	free(data);
	return rc;
}

static int
skip_dot(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static int
run_path(const char *path)
{
	struct dirent	**names = NULL;
	struct stat	  st;
	char		 *sub;
	int		  i, n = 0, rc = -1;

	if (stat(path, &st) == -1) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		rc = run_file(path);
		goto out;
	}
	if ((n = scandir(path, &names, skip_dot, alphasort)) == -1) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		n = 0;
		goto out;
	}
	rc = 0;
	for (i = 0; i < n; i++) {
		sub = xasprintf("%s/%s", path, names[i]->d_name);
		if (run_path(sub) == -1)
			rc = -1;
		free(sub);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct stat	st;
	int		i, first = 1, skip_missing = 0, found = 0, rc = 0;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		skip_missing = 1;
		first = 2;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: %s [-s] PATH...\n", argv[0]);
		return 2;
	}
	for (i = first; i < argc; i++) {
		if (skip_missing && stat(argv[i], &st) == -1 &&
		    errno == ENOENT) {
			fprintf(stderr, "replay: %s: absent; skipped\n",
			    argv[i]);
			continue;
		}
		found = 1;
		if (run_path(argv[i]) == -1)
			rc = 1;
	}
	if (!found)
		return REPLAY_SKIP;
	printf("replay: %zu inputs run, %s\n", nfiles, rc ? "with errors" :
	    "no property failed");
	return rc;
}
