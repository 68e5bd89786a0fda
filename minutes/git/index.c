/*
 * archive_index: git's index brought in step with one of gavel's commits
 * by changing only the entries of the commit's files, as git's index
 * format (gitformat-index(5)) allows, instead of libgit2 reading all of
 * it into memory and writing all of it again (libgit2 1.5 cannot update
 * one entry in place; with 20,000 entries that is most of a commit's
 * time).
 *
 * It works as git does: take .git/index.lock (O_EXCL; never anyone
 * else's) and read the index before committing (archive_index_begin), so
 * that an index nobody can update is found before anything is committed;
 * after the commit (archive_index_finish) check it, write the new one to
 * the lock file with its checksum, fsync, rename it over the index, fsync
 * the folder.  The bytes of every other entry are copied as they are,
 * except that an entry git would call "racily clean" (changed in the same
 * second the old index was written) gets its cached size set to 0, as git
 * does when it rewrites an index: the new index is newer than that entry,
 * so without it a change made in that second could hide behind matching
 * stat data.  Git then compares that file by content once.
 *
 * The extensions after the entries are kept, emptied, dropped or refused
 * as index_ext.c says.  It declines (writes nothing, and commit.c does
 * the work with libgit2) whenever the index is anything but the plain
 * case it fully understands: no index yet, a version other than 2 or 3
 * (version 4's compressed paths are walked only to find the extensions),
 * a wrong checksum, entries out of order, a merge in progress (stages 1
 * to 3), flag bits it does not know, an entry it would replace that is
 * not a plain file entry (assume-valid, skip-worktree, intent-to-add, a
 * link or submodule), a new path that would clash with a folder or file
 * of the index, an optional extension it does not know (resolve-undo
 * among them).
 */
#include "minutes/git/archive_priv.h"
#include "minutes/base/fsutil.h"

#include <nettle/sha1.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct archive_index_stats archive_index_stats;

/* Entry layout (version 2 and 3): ctime, mtime (seconds, nanoseconds),
 * dev, ino, mode, uid, gid, size (32 bits each), the object id, 16 bits
 * of flags, (version 3, when the extended flag is set) 16 more, the path,
 * 1 to 8 NULs to a multiple of 8 bytes. */
#define E_MTIME 8
#define E_MODE 24
#define E_SIZE 36
#define E_OID 40
#define E_FLAGS 60
#define E_FIXED 62
#define F_ASSUME_VALID 0x8000
#define F_EXTENDED 0x4000
#define F_STAGE 0x3000
#define F_NAMEMASK 0x0fff
#define F2_KNOWN 0x6000         /* skip-worktree, intent-to-add */
#define HEADER 12

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static size_t entry_size(size_t fixed, size_t namelen)
{
	return (fixed + namelen + 8) & ~(size_t)7;
}

struct change {
	const char *path;
	size_t len;
	const git_oid *id;      /* NULL: removed */
	struct stat st;
	size_t pos;             /* the entry it replaces, or goes before */
	bool found;
	unsigned char *entry;   /* the new entry's bytes */
	size_t entry_len;
};

/* An extension, and what to do with it (INDEX_EXT_*). */
struct ext {
	size_t off, len;        /* header included */
	int action;
};

/* The index as read, and its entries' offsets. */
struct index {
	unsigned char *data;
	size_t size, end;       /* end: where the checksum starts */
	uint32_t version, count;
	size_t *off;            /* count + 1: off[count] is the end of the entries */
	size_t ext_off;         /* where the extensions start */
	struct ext *ext;
	size_t next;
	size_t *racy;           /* entries to smudge, in order */
	size_t nracy;
};

/* What archive_index_begin hands to archive_index_finish. */
struct index_update {
	struct archive *a;
	char *lock, *path;
	int lfd;                /* the lock, ours */
	struct index ix;
};

/* Byte order of git's index: memcmp, the shorter first when one is the
 * other's beginning. */
static int name_cmp(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	if (c)
		return c;
	return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static const unsigned char *entry_name(const struct index *ix, size_t i, size_t *len)
{
	const unsigned char *e = ix->data + ix->off[i];
	unsigned flags = get16(e + E_FLAGS);
	*len = flags & F_NAMEMASK;
	return e + ((flags & F_EXTENDED) ? E_FIXED + 2 : E_FIXED);
}

/* The first entry whose name is not below key. */
static size_t lower_bound(const struct index *ix, const char *key, size_t klen)
{
	size_t lo = 0, hi = ix->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, len;
		const unsigned char *name = entry_name(ix, mid, &len);
		if (name_cmp(name, len, (const unsigned char *)key, klen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool has_entry(const struct index *ix, const char *key, size_t klen)
{
	size_t i = lower_bound(ix, key, klen), len;
	if (i == ix->count)
		return false;
	const unsigned char *name = entry_name(ix, i, &len);
	return len == klen && !memcmp(name, key, klen);
}

static int decline(struct buf *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int decline(struct buf *why, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_reset(why);
	buf_vaddf(why, fmt, ap);
	va_end(ap);
	return INDEX_DECLINED;
}

static int read_all(int fd, unsigned char *p, size_t n)
{
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* Version 4: each entry's fixed part, then how many bytes of the previous
 * path to drop (a varint) and the rest of its path with a NUL, no
 * padding.  Only walked, to find the extensions. */
static int walk_v4(const struct index *ix, size_t *ext_off, struct buf *why)
{
	const unsigned char *d = ix->data;
	size_t off = HEADER;
	for (uint32_t i = 0; i < ix->count; i++) {
		if (ix->end - off < E_FIXED + 2)
			return decline(why, "entry %u beyond the file", (unsigned)i);
		size_t at = off + ((get16(d + off + E_FLAGS) & F_EXTENDED) ? E_FIXED + 2 : E_FIXED);
		while (at < ix->end && (d[at] & 0x80))
			at++;
		const unsigned char *nul = at + 1 < ix->end ? memchr(d + at + 1, '\0', ix->end - at - 1)
							: NULL;
		if (!nul)
			return decline(why, "entry %u is damaged", (unsigned)i);
		off = (size_t)(nul - d) + 1;
	}
	*ext_off = off;
	return 0;
}

/* The extensions from `off` on, each with what to do with it (index_ext.c):
 * INDEX_REFUSED first, then INDEX_DECLINED (already so when `declined`). */
static int extensions(struct index *ix, size_t off, bool declined, struct buf *why)
{
	const unsigned char *d = ix->data;
	struct buf msg = BUF_INIT;
	size_t cap = 0;
	bool tree = false;
	int rc = declined ? INDEX_DECLINED : 0;
	ix->ext_off = off;
	while (off < ix->end) {
		if (ix->end - off < 8 || ix->end - off - 8 < get32(d + off + 4)) {
			rc = decline(why, "a damaged extension");
			break;
		}
		size_t len = 8 + (size_t)get32(d + off + 4);
		int act = index_ext_action(d + off, &msg);
		if (act == INDEX_EXT_REFUSE) {
			buf_reset(why);
			buf_add(why, msg.data, msg.len);
			rc = INDEX_REFUSED;
			break;
		}
		if (act == INDEX_EXT_TREE && tree) {
			act = INDEX_EXT_DECLINE;
			buf_reset(&msg);
			buf_addstr(&msg, "two cache trees");
		}
		tree = tree || act == INDEX_EXT_TREE;
		if (act == INDEX_EXT_DECLINE && rc == 0) {
			buf_reset(why);
			buf_add(why, msg.data, msg.len);
			rc = INDEX_DECLINED;
		}
		xgrow((void **)&ix->ext, &cap, ix->next + 1, sizeof(*ix->ext));
		ix->ext[ix->next++] = (struct ext){ off, len, act };
		off += len;
	}
	buf_free(&msg);
	return rc;
}

/* The entries: their offsets, order and flags; the extensions.  A split
 * or sparse index is INDEX_REFUSED whatever else declines, so the walk
 * goes on to the extensions after a reason to decline. */
static int parse(struct index *ix, time_t stamp, struct buf *why)
{
	const unsigned char *d = ix->data;
	if (ix->size < HEADER + SHA1_DIGEST_SIZE || memcmp(d, "DIRC", 4))
		return decline(why, "not an index file");
	ix->version = get32(d + 4);
	ix->count = get32(d + 8);
	if (ix->version < 2 || ix->version > 4)
		return decline(why, "index version %u", (unsigned)ix->version);
	ix->end = ix->size - SHA1_DIGEST_SIZE;
	if (ix->count > (ix->end - HEADER) / entry_size(E_FIXED, 0))
		return decline(why, "entry count beyond the file");
	size_t off = HEADER, cap = 0, plen = 0;
	if (ix->version == 4) {
		int rc = walk_v4(ix, &off, why);
		if (rc == 0)
			rc = extensions(ix, off, true, why);
		return rc == INDEX_REFUSED ? rc : decline(why, "index version 4");
	}
	ix->off = xmalloc(((size_t)ix->count + 1) * sizeof(*ix->off));
	const unsigned char *prev = NULL;
	bool declined = false;
#define LATER(...) (void)(declined ? 0 : (declined = true, decline(why, __VA_ARGS__)))
	for (uint32_t i = 0; i < ix->count; i++) {
		if (ix->end - off < E_FIXED + 2)
			return decline(why, "entry %u beyond the file", (unsigned)i);
		const unsigned char *e = d + off;
		unsigned flags = get16(e + E_FLAGS);
		size_t fixed = E_FIXED;
		if (flags & F_STAGE)
			LATER("a merge is in progress (conflict stages)");
		if (flags & F_EXTENDED) {
			if (ix->version < 3)
				LATER("extended flags in a version 2 index");
			if (get16(e + E_FIXED) & ~F2_KNOWN)
				LATER("unknown extended flags");
			fixed += 2;
		}
		size_t len = flags & F_NAMEMASK;
		if (len == F_NAMEMASK) {
			LATER("a path of 4095 bytes or more");
			const unsigned char *nul = ix->end - off > fixed
				? memchr(e + fixed, '\0', ix->end - off - fixed) : NULL;
			if (!nul)
				return decline(why, "entry %u is damaged", (unsigned)i);
			len = (size_t)(nul - (e + fixed));
		}
		size_t sz = entry_size(fixed, len);
		if (ix->end - off < sz || e[fixed + len] != '\0')
			return decline(why, "entry %u is damaged", (unsigned)i);
		if (len == 0)
			LATER("an entry with no path (a split index's)");
		if (prev && name_cmp(prev, plen, e + fixed, len) >= 0)
			LATER("entries out of order");
		prev = e + fixed;
		plen = len;
		/* Racily clean: not older than the index (seconds, as git
		 * compares them by default) and not yet smudged. */
		if ((int64_t)get32(e + E_MTIME) >= (int64_t)(uint32_t)stamp &&
		    get32(e + E_SIZE) != 0) {
			xgrow((void **)&ix->racy, &cap, ix->nracy + 1, sizeof(*ix->racy));
			ix->racy[ix->nracy++] = i;
		}
		ix->off[i] = off;
		off += sz;
	}
#undef LATER
	ix->off[ix->count] = off;
	return extensions(ix, off, declined, why);
}

/* The new index, as pieces of the old one and new bytes. */
struct pieces {
	struct fsutil_part *v;
	size_t n, cap, total;
};

static void add_piece(struct pieces *ps, const unsigned char *p, size_t len)
{
	if (!len)
		return;
	if (ps->n && (const unsigned char *)ps->v[ps->n - 1].data + ps->v[ps->n - 1].len == p) {
		ps->v[ps->n - 1].len += len;
	} else {
		xgrow((void **)&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v));
		ps->v[ps->n++] = (struct fsutil_part){ p, len };
	}
	ps->total += len;
}

static int by_path(const void *x, const void *y)
{
	return strcmp(((const struct change *)x)->path, ((const struct change *)y)->path);
}

static void entry_build(struct change *c)
{
	size_t sz = entry_size(E_FIXED, c->len);
	unsigned char *e = xcalloc(1, sz);
	const struct stat *st = &c->st;
	put32(e, (uint32_t)st->st_ctim.tv_sec);
	put32(e + 4, (uint32_t)st->st_ctim.tv_nsec);
	put32(e + 8, (uint32_t)st->st_mtim.tv_sec);
	put32(e + 12, (uint32_t)st->st_mtim.tv_nsec);
	put32(e + 16, (uint32_t)st->st_dev);
	put32(e + 20, (uint32_t)st->st_ino);
	put32(e + E_MODE, GIT_FILEMODE_BLOB);
	put32(e + 28, (uint32_t)st->st_uid);
	put32(e + 32, (uint32_t)st->st_gid);
	put32(e + E_SIZE, (uint32_t)st->st_size);
	memcpy(e + E_OID, c->id->id, GIT_OID_RAWSZ);
	e[E_FLAGS] = (unsigned char)(c->len >> 8);
	e[E_FLAGS + 1] = (unsigned char)c->len;
	memcpy(e + E_FIXED, c->path, c->len);
	c->entry = e;
	c->entry_len = sz;
}

/* Where each change goes; declines when the old entry is not a plain
 * file entry, or a new path clashes with a folder or file. */
static int locate(const struct index *ix, struct change *ch, size_t n, struct buf *why)
{
	struct buf key = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct change *c = &ch[i];
		c->pos = lower_bound(ix, c->path, c->len);
		size_t len;
		const unsigned char *name = c->pos < ix->count ? entry_name(ix, c->pos, &len) : NULL;
		c->found = name && len == c->len && !memcmp(name, c->path, len);
		if (c->found) {
			const unsigned char *e = ix->data + ix->off[c->pos];
			uint32_t mode = get32(e + E_MODE);
			if ((get16(e + E_FLAGS) & (F_ASSUME_VALID | F_EXTENDED)) ||
			    (mode != 0100644 && mode != 0100755))
				rc = decline(why, "%s is not a plain file entry in the index", c->path);
			continue;
		}
		if (!c->id)
			continue;
		/* A new path: no file where it needs a folder, no folder
		 * where it is a file. */
		for (const char *s = strchr(c->path, '/'); s && rc == 0; s = strchr(s + 1, '/'))
			if (has_entry(ix, c->path, (size_t)(s - c->path)))
				rc = decline(why, "%.*s is a file in the index", (int)(s - c->path),
					     c->path);
		buf_reset(&key);
		buf_add(&key, c->path, c->len);
		buf_addch(&key, '/');
		size_t j = lower_bound(ix, key.data, key.len);
		if (rc == 0 && j < ix->count) {
			name = entry_name(ix, j, &len);
			if (len > key.len && !memcmp(name, key.data, key.len))
				rc = decline(why, "%s is a folder in the index", c->path);
		}
	}
	buf_free(&key);
	return rc;
}

static void release(struct index_update *u)
{
	if (u->lfd >= 0) {
		close(u->lfd);
		unlink(u->lock);
	}
	free(u->ix.data);
	free(u->ix.off);
	free(u->ix.ext);
	free(u->ix.racy);
	free(u->lock);
	free(u->path);
	free(u);
}

/* Counts the outcome and hands the reason, if any, to the caller. */
static int done(int rc, struct buf *why, struct diags *d)
{
	if (rc == INDEX_UPDATED)
		archive_index_stats.updated++;
	else if (rc == INDEX_DECLINED)
		archive_index_stats.declined++;
	else if (rc == INDEX_REFUSED)
		archive_index_stats.refused++;
	if (rc != INDEX_UPDATED)
		diags_add(d, NULL, 0, 0, "%s", why->len ? why->data : "not updated");
	buf_free(why);
	return rc;
}

void archive_index_abort(struct index_update *u)
{
	if (u)
		release(u);
}

int archive_index_begin(struct archive *a, struct index_update **out, struct diags *d)
{
	struct buf why = BUF_INIT;
	struct index_update *u = xcalloc(1, sizeof(*u));
	struct stat st;
	int fd = -1, rc = INDEX_DECLINED;

	*out = NULL;
	u->a = a;
	u->lfd = -1;
	u->lock = archive_join(a->gitdir, "index.lock");
	u->path = archive_join(a->gitdir, "index");
	if (a->bare) {
		decline(&why, "a bare repository");
		goto out;
	}
	/* The lock first, as git takes it: nobody changes the index between
	 * our reading and our writing. */
	u->lfd = open(u->lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (u->lfd < 0) {
		int e = errno;
		if (e == EEXIST)
			buf_addf(&why, "another program holds git's index lock %s; try again "
				 "when it has finished", u->lock);
		else
			buf_addf(&why, "cannot create %s: %s", u->lock, strerror(e));
		rc = INDEX_FAILED;
		goto out;
	}
	fd = open(u->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > (uint64_t)UINT32_MAX) {
		decline(&why, "no index to update");
		goto out;
	}
	u->ix.size = (size_t)st.st_size;
	u->ix.data = xmalloc(u->ix.size ? u->ix.size : 1);
	if (read_all(fd, u->ix.data, u->ix.size) < 0) {
		decline(&why, "cannot read the index");
		goto out;
	}
	rc = parse(&u->ix, st.st_mtim.tv_sec, &why);
out:
	if (fd >= 0)
		close(fd);
	if (rc == INDEX_UPDATED) {
		*out = u;       /* counted when finished */
		buf_free(&why);
		return rc;
	}
	release(u);
	return done(rc, &why, d);
}

/* Removes our lock after a failure; it is ours (O_EXCL). */
static int fail(struct index_update *u, struct buf *why, const char *what)
{
	int e = errno;
	if (u->lfd >= 0)
		close(u->lfd);
	u->lfd = -1;
	unlink(u->lock);
	buf_reset(why);
	buf_addf(why, "%s: %s", what, strerror(e));
	return INDEX_FAILED;
}

/* The changes: sorted, checked, their new entries built. */
static int changes_prepare(struct archive *a, const struct index_change *changes,
			   struct change *ch, size_t n, struct buf *why)
{
	for (size_t i = 0; i < n; i++) {
		ch[i].path = changes[i].path;
		ch[i].len = strlen(changes[i].path);
		ch[i].id = changes[i].id;
		if (ch[i].len == 0 || ch[i].len >= F_NAMEMASK)
			return decline(why, "an empty or very long path");
	}
	qsort(ch, n, sizeof(*ch), by_path);
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(ch[i - 1].path, ch[i].path))
			return decline(why, "%s twice", ch[i].path);
		if (!ch[i].id)
			continue;
		char *full = archive_join(a->path, ch[i].path);
		int st = lstat(full, &ch[i].st);
		free(full);
		if (st < 0 || !S_ISREG(ch[i].st.st_mode))
			return decline(why, "%s is not a file in the work tree", ch[i].path);
		entry_build(&ch[i]);
	}
	return 0;
}

/* The new extensions, one after another in `out`. */
static int extensions_new(const struct index *ix, const struct change *ch, size_t n,
			  struct buf *out, struct buf *why)
{
	const char **paths = xcalloc(n ? n : 1, sizeof(*paths));
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		paths[i] = ch[i].path;
	for (size_t i = 0; i < ix->next && rc == 0; i++) {
		const struct ext *x = &ix->ext[i];
		const unsigned char *p = ix->data + x->off + 8;
		if (x->action == INDEX_EXT_TREE &&
		    index_ext_tree_invalidate(p, x->len - 8, paths, n, out) < 0)
			rc = decline(why, "a damaged cache tree");
		/* An untracked cache it cannot read is dropped: git makes
		 * a new one. */
		if (x->action == INDEX_EXT_UNTRACKED)
			index_ext_untracked_empty(p, x->len - 8, out);
	}
	free(paths);
	return rc;
}

int archive_index_finish(struct index_update *u, const struct index_change *changes,
			 size_t n, struct diags *d)
{
	/* The helpers above say why in one buffer (the last reason wins);
	 * it becomes the caller's diagnostic at the end. */
	struct buf whybuf = BUF_INIT, *why = &whybuf;
	struct change *ch = xcalloc(n ? n : 1, sizeof(*ch));
	struct index *ix = &u->ix;
	struct pieces ps = { NULL, 0, 0, 0 };
	struct buf exts = BUF_INIT;
	unsigned char header[HEADER], zero[4] = { 0 }, sum[SHA1_DIGEST_SIZE];
	int rc = INDEX_DECLINED;

	if (changes_prepare(u->a, changes, ch, n, why) != 0 || locate(ix, ch, n, why) != 0)
		goto out;

	/* The new entry count, and where the new file first differs. */
	uint32_t count = ix->count;
	for (size_t i = 0; i < n; i++) {
		if (ch[i].found && !ch[i].id)
			count--;
		else if (!ch[i].found && ch[i].id)
			count++;
	}
	size_t first = ix->ext_off;
	if (count != ix->count)
		first = 8;
	for (size_t i = 0; i < n; i++)
		if ((ch[i].found || ch[i].id) && ix->off[ch[i].pos] < first)
			first = ix->off[ch[i].pos];
	if (ix->nracy && ix->off[ix->racy[0]] + E_SIZE < first)
		first = ix->off[ix->racy[0]] + E_SIZE;

	/* The old checksum, hashed once; the context where the files part
	 * is kept to start the new one from. */
	struct sha1_ctx old, shared;
	sha1_init(&old);
	sha1_update(&old, first, ix->data);
	shared = old;           /* a plain struct: copied, it resumes */
	sha1_update(&old, ix->end - first, ix->data + first);
	sha1_digest(&old, SHA1_DIGEST_SIZE, sum);
	if (memcmp(sum, ix->data + ix->end, SHA1_DIGEST_SIZE)) {
		decline(why, "the index checksum does not match its content");
		goto out;
	}
	if (extensions_new(ix, ch, n, &exts, why) != 0)
		goto out;

	/* The new index: header, entries with the changes merged in and the
	 * racily clean ones smudged, the extensions, the checksum. */
	memcpy(header, ix->data, 8);
	put32(header + 8, count);
	add_piece(&ps, header, HEADER);
	size_t cur = HEADER, r = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t until = i < n ? ix->off[ch[i].pos] : ix->off[ix->count];
		for (; r < ix->nracy && ix->off[ix->racy[r]] < until; r++) {
			size_t at = ix->off[ix->racy[r]];
			if (at < cur)
				continue;       /* replaced or removed */
			add_piece(&ps, ix->data + cur, at + E_SIZE - cur);
			add_piece(&ps, zero, 4);
			cur = at + E_SIZE + 4;
		}
		if (i == n)
			break;
		add_piece(&ps, ix->data + cur, until - cur);
		cur = until;
		if (ch[i].id)
			add_piece(&ps, ch[i].entry, ch[i].entry_len);
		if (ch[i].found)
			cur = ix->off[ch[i].pos + 1];
	}
	add_piece(&ps, ix->data + cur, ix->off[ix->count] - cur);
	add_piece(&ps, (const unsigned char *)exts.data, exts.len);
	/* The new file's first `first` bytes are the old one's: resume. */
	size_t at = 0;
	for (size_t i = 0; i < ps.n; i++) {
		const struct fsutil_part *pc = &ps.v[i];
		if (at + pc->len > first) {
			size_t s = first > at ? first - at : 0;
			sha1_update(&shared, pc->len - s, (const unsigned char *)pc->data + s);
		}
		at += pc->len;
	}
	sha1_digest(&shared, SHA1_DIGEST_SIZE, sum);
	add_piece(&ps, sum, SHA1_DIGEST_SIZE);

	if (fsutil_write_parts(u->lfd, ps.v, ps.n) < 0) {
		rc = fail(u, why, "cannot write the index");
		goto out;
	}
	if (fsync(u->lfd) < 0) {
		rc = fail(u, why, "cannot save the index to disk (fsync)");
		goto out;
	}
	int c = close(u->lfd);
	u->lfd = -1;
	if (c < 0) {
		rc = fail(u, why, "cannot write the index");
		goto out;
	}
	if (rename(u->lock, u->path) < 0) {
		rc = fail(u, why, "cannot replace the index");
		goto out;
	}
	fsutil_sync_dir(u->a->gitdir);
	rc = INDEX_UPDATED;
	buf_reset(why);
out:
	for (size_t i = 0; i < n; i++)
		free(ch[i].entry);
	free(ch);
	free(ps.v);
	buf_free(&exts);
	release(u);             /* the lock goes unless renamed into place */
	return done(rc, why, d);
}
