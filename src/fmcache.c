/* fmcache.c: the front-matter cache file: its key, reading and checking it,
 * looking files up by path and stat, and writing it back when it changed. */
/* realpath() is X/Open, beyond the POSIX base the build asks for. */
#define _XOPEN_SOURCE 700
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "bounds.h"
#include "diag.h"
#include "fmcache.h"
#include "fsutil.h"
#include "util.h"

/* Raised whenever the layout or the meaning of a record changes. */
#define FMCACHE_FORMAT	1
#define MAGIC		"relfeedC"
#define ENDIAN_MARK	0x01020304u
/* magic, format, endian mark, key, record count, payload length */
#define HEADER_LEN	(8 + 4 + 4 + 8 + 8 + 8)
#define KIND_ENTRY	0
#define KIND_SKIP	1

/* A record of the file read in, pointing into its bytes. */
struct rec {
	const char	*start;		/* the whole record, length first */
	size_t		 len;
	const char	*rel;		/* not NUL-terminated */
	uint32_t	 rellen;
	struct fmcache_key	 key;
	int		 kind;
	const char	*meta;		/* KIND_ENTRY: fmcache_rec_encode's */
	size_t		 metalen;
};

/* What the new cache holds, in the order of the run's lookups: a record of
 * the old file (old >= 0) or bytes in fresh. */
struct seg {
	long	old;
	size_t	off, len;
};

struct fmcache {
	char		*path;
	uint64_t	 key;
	int64_t		 racy_ns;	/* files changed at or after: not stored */
	char		*data;		/* the old file, or NULL */
	size_t		 datalen;
	struct rec	*recs;
	size_t		 nrecs;
	size_t		*table;		/* index + 1 of recs; 0: empty */
	size_t		 tablesize;	/* a power of two */
	struct seg	*segs;
	size_t		 nsegs, segcap;
	struct buf	 fresh;
	size_t		 hits, lookups;
};

/* A 64-bit hash, a word at a time: the checksum of the file, its key, and
 * the lookup table. Not a defence against forgery: the cache is the user's. */
static uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*s = p;
	uint64_t		 w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	w = (uint64_t)n << 56;
	memcpy(&w, s, n);
	h = (h ^ w ^ ((uint64_t)n << 56)) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

static uint64_t
hash_str(uint64_t h, const char *s)
{
	return s == NULL ? hash_bytes(h, "\377", 1) :
	    hash_bytes(h, s, strlen(s) + 1);
}

/* The file at path whole, quietly: NULL if it cannot be read (errno set). */
static char *
slurp(const char *path, size_t *len)
{
	struct stat	 st;
	char		*data = NULL;
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size >= SIZE_MAX / 2) {
		errno = errno ? errno : EINVAL;
		goto out;
	}
	data = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		n = read(fd, data + got, (size_t)st.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != (size_t)st.st_size) {
		free(data);
		data = NULL;
		errno = errno ? errno : EIO;
		goto out;
	}
	data[got] = '\0';
	*len = got;
out:
	close(fd);
	return data;
}

/* The key of everything but a file's own bytes that decides its record. */
static uint64_t
cache_key(const char *content_dir, const char *config_path,
    const struct entry_opts *eo)
{
	struct stat	 st;
	uint64_t	 h = FMCACHE_FORMAT;
	int64_t		 exe[4] = { 0 };
	char		*abs, *cfg = NULL;
	size_t		 i, len = 0;

	h = hash_str(h, RELFEED_VERSION);
	h = hash_str(h, yaml_get_version_string());
	/* A rebuilt relfeed may read heads differently under one version. */
	if (stat("/proc/self/exe", &st) == 0) {
		exe[0] = (int64_t)st.st_size;
		exe[1] = (int64_t)st.st_ino;
		exe[2] = (int64_t)st.st_mtim.tv_sec;
		exe[3] = (int64_t)st.st_mtim.tv_nsec;
	}
	h = hash_bytes(h, exe, sizeof(exe));
	abs = realpath(content_dir, NULL);
	h = hash_str(h, abs);
	free(abs);
	if (config_path != NULL && (cfg = slurp(config_path, &len)) == NULL)
		h = hash_str(h, "unreadable config");
	h = hash_bytes(h, cfg ? cfg : "", len);
	free(cfg);
	h = hash_bytes(h, &eo->default_off, sizeof(eo->default_off));
	/* A limit lowered must catch the files a cache holds. */
	if (eo->bounds != NULL)
		h = hash_bytes(h, eo->bounds, sizeof(*eo->bounds));
	for (i = 0; eo->date_keys != NULL && i < eo->date_keys->n; i++)
		h = hash_str(h, eo->date_keys->v[i]);
	return hash_str(h, eo->date_keys ? "dates" : NULL);
}

static uint32_t
rd_u32(const char *p)
{
	uint32_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t
rd_u64(const char *p)
{
	uint64_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static size_t
table_slot(const struct fmcache *c, const char *rel, size_t rellen)
{
	size_t	 i = (size_t)hash_bytes(0, rel, rellen) & (c->tablesize - 1);
	const struct rec *r;

	for (; c->table[i] != 0; i = (i + 1) & (c->tablesize - 1)) {
		r = &c->recs[c->table[i] - 1];
		if (r->rellen == rellen && memcmp(r->rel, rel, rellen) == 0)
			break;
	}
	return i;
}

/* Split the payload into records and index them; -1 if any record is not
 * well formed (or a path comes twice). */
static int
index_records(struct fmcache *c, const char *p, size_t len, size_t n)
{
	struct rec	*r;
	size_t		 i, off = 0, slot, fixed = 4 + 6 * 8 + 1;

	if (n > len / (4 + fixed))
		return -1;
	c->recs = xcalloc(n + 1, sizeof(*c->recs));
	for (c->tablesize = 16; c->tablesize < 2 * n; c->tablesize *= 2)
		;
	c->table = xcalloc(c->tablesize, sizeof(*c->table));
	for (i = 0; i < n; i++) {
		r = &c->recs[i];
		if (len - off < 4 || (r->len = rd_u32(p + off)) > len - off - 4 ||
		    r->len < fixed)
			return -1;
		r->start = p + off;
		r->rellen = rd_u32(p + off + 4);
		if (r->rellen > r->len - fixed)
			return -1;
		r->rel = p + off + 8;
		memcpy(&r->key, r->rel + r->rellen, sizeof(r->key));
		r->kind = (unsigned char)r->rel[r->rellen + sizeof(r->key)];
		r->meta = r->rel + r->rellen + sizeof(r->key) + 1;
		r->metalen = r->len - fixed - r->rellen;
		r->len += 4;
		off += r->len;
		if (r->kind != KIND_ENTRY && r->kind != KIND_SKIP)
			return -1;
		slot = table_slot(c, r->rel, r->rellen);
		if (c->table[slot] != 0)
			return -1;
		c->table[slot] = i + 1;
	}
	c->nrecs = n;
	return off == len ? 0 : -1;
}

/* Read and check the file; on any problem c stays empty. */
static void
load(struct fmcache *c)
{
	const char	*why = NULL;
	char		*d;
	size_t		 len = 0;
	uint64_t	 n, plen;

	if ((d = slurp(c->path, &len)) == NULL) {
		if (errno != ENOENT)
			diag_note(c->path, "cache not read: %s", strerror(errno));
		return;
	}
	if (len < HEADER_LEN + 8 || memcmp(d, MAGIC, 8) != 0)
		why = "not a relfeed cache";
	else if (rd_u32(d + 8) != FMCACHE_FORMAT ||
	    rd_u32(d + 12) != ENDIAN_MARK)
		why = "written by another relfeed";
	else if ((plen = rd_u64(d + 32)) != len - HEADER_LEN - 8 ||
	    rd_u64(d + len - 8) != hash_bytes(0, d, len - 8))
		why = "truncated or corrupt";
	else if (rd_u64(d + 16) != c->key)
		why = "made for another configuration or relfeed build";
	else if ((n = rd_u64(d + 24)) > SIZE_MAX ||
	    index_records(c, d + HEADER_LEN, (size_t)plen, (size_t)n) == -1)
		why = "corrupt";
	if (why != NULL) {
		diag_note(c->path, "cache ignored and rebuilt: %s", why);
		free(c->recs);
		free(c->table);
		c->recs = NULL;
		c->table = NULL;
		c->nrecs = c->tablesize = 0;
		free(d);
		return;
	}
	c->data = d;
	c->datalen = len;
}

char *
fmcache_default_path(const char *content_dir, const char *config_path)
{
	const char	*home, *xdg = getenv("XDG_CACHE_HOME"), *name;
	char		*croot, *cfg = NULL, *dir = NULL, *path = NULL;
	char		 base[33];
	uint64_t	 h;
	size_t		 i;

	if ((croot = realpath(content_dir, NULL)) == NULL ||
	    (config_path != NULL && (cfg = realpath(config_path, NULL)) == NULL))
		goto out;
	/* XDG Base Directory: a relative XDG_CACHE_HOME is to be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		dir = xasprintf("%s/relfeed", xdg);
	else if ((home = getenv("HOME")) != NULL && home[0] == '/')
		dir = xasprintf("%s/.cache/relfeed", home);
	else
		goto out;
	/* The content root's name, for people, and a hash, for uniqueness. */
	name = strrchr(croot, '/');
	name = name != NULL && name[1] != '\0' ? name + 1 : "root";
	for (i = 0; i < sizeof(base) - 1 && name[i] != '\0'; i++)
		base[i] = is_ascii_alnum((unsigned char)name[i]) ||
		    name[i] == '-' || name[i] == '_' ? name[i] : '_';
	base[i] = '\0';
	h = hash_str(hash_str(0, croot), cfg);
	path = xasprintf("%s/%s-%016llx.fmcache", dir, base,
	    (unsigned long long)h);
out:
	free(croot);
	free(cfg);
	free(dir);
	return path;
}

struct fmcache *
fmcache_open(const char *path, const char *content_dir,
    const char *config_path, const struct entry_opts *eo, int64_t now_ns)
{
	struct fmcache	*c = xcalloc(1, sizeof(*c));
	struct timespec	 ts;

	if (now_ns == 0 && clock_gettime(CLOCK_REALTIME, &ts) == 0)
		now_ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	c->path = xstrdup(path);
	c->racy_ns = now_ns - (int64_t)FMCACHE_RACY_SEC * 1000000000;
	c->key = cache_key(content_dir, config_path, eo);
	load(c);
	return c;
}

static void
push_seg(struct fmcache *c, long old, size_t off, size_t len)
{
	if (c->nsegs == c->segcap) {
		c->segcap = c->segcap ? c->segcap * 2 : 256;
		c->segs = xrealloc(c->segs, c->segcap * sizeof(*c->segs));
	}
	c->segs[c->nsegs].old = old;
	c->segs[c->nsegs].off = off;
	c->segs[c->nsegs].len = len;
	c->nsegs++;
}

int
fmcache_lookup(const struct fmcache *c, const char *path,
    const char *relpath, enum entry_load_result *res, struct entry **out,
    struct fmcache_look *lk)
{
	struct stat	 st;
	const struct rec *r;
	size_t		 rellen, slot;

	*out = NULL;
	memset(lk, 0, sizeof(*lk));
	lk->rec = -1;
	if (c == NULL || lstat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	lk->key.size = (int64_t)st.st_size;
	lk->key.ino = (int64_t)st.st_ino;
	lk->key.mtime_s = (int64_t)st.st_mtim.tv_sec;
	lk->key.mtime_ns = (int64_t)st.st_mtim.tv_nsec;
	lk->key.ctime_s = (int64_t)st.st_ctim.tv_sec;
	lk->key.ctime_ns = (int64_t)st.st_ctim.tv_nsec;
	lk->stat_ok = 1;
	if (c->nrecs == 0)
		return 0;
	rellen = strlen(relpath);
	slot = table_slot(c, relpath, rellen);
	if (c->table[slot] == 0)
		return 0;
	r = &c->recs[c->table[slot] - 1];
	if (memcmp(&r->key, &lk->key, sizeof(r->key)) != 0)
		return 0;
	if (r->kind == KIND_ENTRY &&
	    (*out = fmcache_rec_decode(r->meta, r->metalen)) == NULL)
		return 0;
	if (*out != NULL) {
		(*out)->path = xstrdup(path);
		(*out)->relpath = xstrdup(relpath);
	}
	*res = r->kind == KIND_ENTRY ? ENTRY_OK : ENTRY_SKIP;
	lk->rec = (long)(r - c->recs);
	return 1;
}

void
fmcache_keep(struct fmcache *c, const struct fmcache_look *lk,
    const char *relpath, enum entry_load_result res, const struct entry *e,
    int warned)
{
	const struct fmcache_key *k = &lk->key;
	uint32_t	 u;
	size_t		 start, rellen;
	char		 kind;

	if (c == NULL)
		return;
	c->lookups++;
	if (lk->rec >= 0) {
		push_seg(c, lk->rec, 0, 0);
		c->hits++;
		return;
	}
	if (!lk->stat_ok || warned || res == ENTRY_ERROR ||
	    (res == ENTRY_OK && e == NULL))
		return;
	/* Racy: a change within this timestamp granule would keep the key. */
	if (k->mtime_s * 1000000000 + k->mtime_ns >= c->racy_ns ||
	    k->ctime_s * 1000000000 + k->ctime_ns >= c->racy_ns)
		return;
	rellen = strlen(relpath);
	if (rellen > UINT32_MAX / 2)
		return;
	start = c->fresh.len;
	u = 0;
	buf_add(&c->fresh, (const char *)&u, 4);	/* the length, below */
	u = (uint32_t)rellen;
	buf_add(&c->fresh, (const char *)&u, 4);
	buf_add(&c->fresh, relpath, rellen);
	buf_add(&c->fresh, (const char *)k, sizeof(*k));
	kind = res == ENTRY_OK ? KIND_ENTRY : KIND_SKIP;
	buf_add(&c->fresh, &kind, 1);
	if (res == ENTRY_OK)
		fmcache_rec_encode(&c->fresh, e);
	if (c->fresh.len - start - 4 > UINT32_MAX) {
		c->fresh.len = start;
		return;
	}
	u = (uint32_t)(c->fresh.len - start - 4);
	memcpy(c->fresh.s + start, &u, 4);
	push_seg(c, -1, start, c->fresh.len - start);
}

/* Whether the run's records are exactly the old file's, in its order. */
static int
is_unchanged(const struct fmcache *c)
{
	size_t	i;

	if (c->data == NULL || c->nsegs != c->nrecs)
		return 0;
	for (i = 0; i < c->nsegs; i++)
		if (c->segs[i].old != (long)i)
			return 0;
	return 1;
}

static void
write_cache(const struct fmcache *c)
{
	struct buf	 b = { 0 };
	const char	*slash = strrchr(c->path, '/'), *base, *what;
	char		*dir, *parent;
	uint64_t	 u64;
	uint32_t	 u32;
	size_t		 i;

	buf_add(&b, MAGIC, 8);
	u32 = FMCACHE_FORMAT;
	buf_add(&b, (const char *)&u32, 4);
	u32 = ENDIAN_MARK;
	buf_add(&b, (const char *)&u32, 4);
	buf_add(&b, (const char *)&c->key, 8);
	u64 = c->nsegs;
	buf_add(&b, (const char *)&u64, 8);
	buf_add(&b, (const char *)&u64, 8);	/* payload length, below */
	for (i = 0; i < c->nsegs; i++)
		if (c->segs[i].old >= 0)
			buf_add(&b, c->recs[c->segs[i].old].start,
			    c->recs[c->segs[i].old].len);
		else
			buf_add(&b, c->fresh.s + c->segs[i].off,
			    c->segs[i].len);
	u64 = b.len - HEADER_LEN;
	memcpy(b.s + 32, &u64, 8);
	u64 = hash_bytes(0, b.s, b.len);
	buf_add(&b, (const char *)&u64, 8);
	base = slash == NULL ? c->path : slash + 1;
	dir = slash == NULL ? xstrdup(".") : slash == c->path ? xstrdup("/") :
	    xstrndup(c->path, (size_t)(slash - c->path));
	/* XDG: the cache directories are the user's alone (0700). */
	slash = strrchr(dir, '/');
	parent = slash != NULL && slash != dir ?
	    xstrndup(dir, (size_t)(slash - dir)) : NULL;
	if (parent != NULL)
		(void)mkdir(parent, 0700);
	(void)mkdir(dir, 0700);
	if (fsutil_try_write_atomic(dir, base, b.s, b.len, &what) == -1)
		diag_note(c->path, "cache not written: %s: %s", what,
		    strerror(errno));
	free(parent);
	free(dir);
	buf_free(&b);
}

void
fmcache_close(struct fmcache *c, int write)
{
	if (c == NULL)
		return;
	if (c->hits > 0)
		diag_note(c->path, "%zu of %zu files read from the cache",
		    c->hits, c->lookups);
	if (write && !is_unchanged(c))
		write_cache(c);
	free(c->path);
	free(c->data);
	free(c->recs);
	free(c->table);
	free(c->segs);
	buf_free(&c->fresh);
	free(c);
}

size_t
fmcache_hits(const struct fmcache *c)
{
	return c ? c->hits : 0;
}
