/*
 * archive_logcache: archive_log without reading trees for each commit.
 *
 * Which paths a commit changed never changes, so it is worked out once and
 * kept in GITDIR/gavel/logcache: for each commit, its parents and, against
 * each parent (against nothing for a first commit), the "units" whose tree
 * entries differ: the top-level names (a committee's folder, a top-level
 * file) and, inside the top-level folders among them, the names one level
 * down (a meeting's folder, committee.yaml), as "a" and "a/b".  Entries are
 * compared as archive_commit_changed compares them (looked up by name,
 * equal when their ids are), so a path of one or two levels is answered
 * from the units alone; a deeper one (a file in a meeting's folder) is
 * "unchanged" when its meeting's folder is, and otherwise is looked up in
 * the trees as before (only for the few commits that touched the meeting).
 *
 * While the history from HEAD is a line (no merge), the walk follows the
 * cached parents and reads only the commits it lists.  At a merge it starts
 * again with libgit2's walk, for libgit2's order, still reading no tree for
 * a cached commit.
 *
 * The file is derived data, never committed, and rebuilt whenever it is
 * missing, damaged or of another version (numbers little-endian):
 *
 *     header    8  "GVLOGC\r\n"
 *               4  version (1)
 *               4  number of commits N
 *               4  length of the records
 *               4  zero
 *               8  FNV-1a 64 of everything after the header
 *     index     N x (20 commit id, 4 offset of its record), ids ascending
 *     records   1 number of parents P, P x 20 parent ids, then max(P, 1)
 *               lists (one a parent): 4 number of units, 4 bytes, the
 *               units, each ended by a NUL
 *
 * New commits' records are added as the walk meets them; when it is done
 * the whole file is written again (temporary file, fsync, rename).  Failing
 * to write it (a read-only repository) costs the next walk time, never an
 * answer.  Shallow clones are not cached (archive_log_shallow).
 */
#include "minutes/git/archive_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/git/gitstate.h"

#define LC_MAGIC "GVLOGC\r\n"
#define LC_VERSION 1u
#define LC_HEADER 32u
#define LC_OID ((size_t)GIT_OID_RAWSZ)
#define LC_ENTRY (LC_OID + 4u)
#define LC_TREES 256u           /* trees kept while records are made */
#define LC_MAXPARENTS 255u

enum { LC_NO, LC_YES, LC_DEEP, LC_EXPAND };

struct lc_new {
	git_oid id;
	size_t off;             /* its record, in pend */
};

struct lc_tree {
	git_oid id;
	git_tree *t;
};

struct logcache {
	git_repository *repo;
	char *path;             /* GITDIR/gavel/logcache */
	unsigned char *file;    /* the file as read and found sound, or NULL */
	size_t count;           /* commits in it */
	const unsigned char *index, *recs;
	size_t recs_len;
	struct buf pend;        /* records made by this walk, back to back */
	struct lc_new *nv;
	size_t nnew, nnew_cap;
	size_t *slots;          /* hash of nv by id: index + 1, 0 when empty */
	size_t nslots;
	struct lc_tree trees[LC_TREES];
};

/* ---- the file ---- */

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint64_t fnv64(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The length of the record at `p` (within `avail` bytes); 0 when it is
 * not a sound one. */
static size_t rec_len(const unsigned char *p, size_t avail)
{
	if (avail < 1)
		return 0;
	size_t np = p[0], off = 1 + np * LC_OID;
	if (off > avail)
		return 0;
	for (size_t l = 0; l < (np ? np : 1); l++) {
		if (avail - off < 8)
			return 0;
		uint32_t units = get32(p + off), bytes = get32(p + off + 4);
		off += 8;
		if (bytes > avail - off)
			return 0;
		const unsigned char *s = p + off, *e = s + bytes;
		for (uint32_t u = 0; u < units; u++) {
			const unsigned char *z = s < e ? memchr(s, '\0', (size_t)(e - s)) : NULL;
			if (!z || z == s)
				return 0;
			s = z + 1;
		}
		if (s != e)
			return 0;
		off += bytes;
	}
	return off;
}

/* Whether `d` (len bytes) is a whole, sound cache file. */
static bool file_sound(const unsigned char *d, size_t len)
{
	if (len < LC_HEADER || memcmp(d, LC_MAGIC, 8) != 0 ||
	    get32(d + 8) != LC_VERSION || get32(d + 20) != 0)
		return false;
	size_t count = get32(d + 12), rlen = get32(d + 16);
	if (count > (len - LC_HEADER) / LC_ENTRY ||
	    len - LC_HEADER - count * LC_ENTRY != rlen)
		return false;
	if (fnv64(d + LC_HEADER, len - LC_HEADER) != get64(d + 24))
		return false;
	const unsigned char *index = d + LC_HEADER, *recs = index + count * LC_ENTRY;
	for (size_t i = 0; i < count; i++) {
		const unsigned char *e = index + i * LC_ENTRY;
		if (i > 0 && memcmp(e - LC_ENTRY, e, LC_OID) >= 0)
			return false;
		size_t off = get32(e + LC_OID);
		if (off >= rlen || rec_len(recs + off, rlen - off) == 0)
			return false;
	}
	return true;
}

static void lc_load(struct logcache *lc)
{
	int fd = open(lc->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	struct stat st;
	unsigned char *d = NULL;
	size_t len = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= (off_t)LC_HEADER &&
	    (uint64_t)st.st_size < UINT32_MAX) {
		len = (size_t)st.st_size;
		d = xmalloc(len);
		for (size_t got = 0; got < len; ) {
			ssize_t r = read(fd, d + got, len - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				free(d);
				d = NULL;
				break;
			}
			got += (size_t)r;
		}
	}
	close(fd);
	if (!d || !file_sound(d, len)) {
		free(d);        /* damaged or another version: made again */
		return;
	}
	lc->file = d;
	lc->count = get32(d + 12);
	lc->recs_len = get32(d + 16);
	lc->index = d + LC_HEADER;
	lc->recs = lc->index + lc->count * LC_ENTRY;
}

static void lc_open(struct logcache *lc, struct archive *a)
{
	memset(lc, 0, sizeof(*lc));
	lc->repo = a->repo;
	lc->path = archive_join(a->gitdir, "gavel/logcache");
	buf_init(&lc->pend);
	lc_load(lc);
}

static void lc_close(struct logcache *lc)
{
	for (size_t i = 0; i < LC_TREES; i++)
		git_tree_free(lc->trees[i].t);
	free(lc->path);
	free(lc->file);
	buf_free(&lc->pend);
	free(lc->nv);
	free(lc->slots);
}

static size_t slot_of(const git_oid *id, size_t nslots)
{
	return get32(id->id) & (nslots - 1);
}

/* Commit `id`'s record: made (or made again) by this walk, or from the
 * file; NULL if none. */
static const unsigned char *lc_find(const struct logcache *lc, const git_oid *id)
{
	for (size_t h = lc->nslots ? slot_of(id, lc->nslots) : 0;
	     lc->nslots && lc->slots[h]; h = (h + 1) & (lc->nslots - 1)) {
		const struct lc_new *v = &lc->nv[lc->slots[h] - 1];
		if (git_oid_equal(&v->id, id))
			return (const unsigned char *)lc->pend.data + v->off;
	}
	size_t lo = 0, hi = lc->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const unsigned char *e = lc->index + mid * LC_ENTRY;
		int c = memcmp(e, id->id, LC_OID);
		if (c == 0)
			return lc->recs + get32(e + LC_OID);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void slot_put(struct logcache *lc, size_t i)
{
	size_t h = slot_of(&lc->nv[i].id, lc->nslots);
	while (lc->slots[h])
		h = (h + 1) & (lc->nslots - 1);
	lc->slots[h] = i + 1;
}

static void lc_add(struct logcache *lc, const git_oid *id, size_t off)
{
	xgrow((void **)&lc->nv, &lc->nnew_cap, lc->nnew + 1, sizeof(*lc->nv));
	git_oid_cpy(&lc->nv[lc->nnew].id, id);
	lc->nv[lc->nnew].off = off;
	lc->nnew++;
	if (lc->nnew * 2 > lc->nslots) {
		size_t ns = lc->nslots ? lc->nslots * 2 : 64;
		free(lc->slots);
		lc->slots = xcalloc(ns, sizeof(*lc->slots));
		lc->nslots = ns;
		for (size_t i = 0; i < lc->nnew; i++)
			slot_put(lc, i);
	} else {
		slot_put(lc, lc->nnew - 1);
	}
}

struct lc_ent {
	const unsigned char *id, *rec;
	size_t len;
	int old;                /* 1 from the file, 0 made now (and newer) */
};

static int by_id(const void *x, const void *y)
{
	const struct lc_ent *a = x, *b = y;
	int c = memcmp(a->id, b->id, LC_OID);
	return c ? c : a->old - b->old;
}

/* Writes the file again with the records this walk made; quietly does
 * nothing when it cannot. */
static void lc_save(struct logcache *lc)
{
	if (!lc->nnew)
		return;
	size_t total = lc->count + lc->nnew, rlen = 0;
	struct lc_ent *v = xcalloc(total, sizeof(*v));
	for (size_t i = 0; i < lc->count; i++) {
		const unsigned char *e = lc->index + i * LC_ENTRY;
		size_t off = get32(e + LC_OID);
		v[i].id = e;
		v[i].rec = lc->recs + off;
		v[i].len = rec_len(v[i].rec, lc->recs_len - off);
		v[i].old = 1;
	}
	for (size_t i = 0; i < lc->nnew; i++) {
		struct lc_ent *x = &v[lc->count + i];
		x->id = lc->nv[i].id.id;
		x->rec = (const unsigned char *)lc->pend.data + lc->nv[i].off;
		x->len = rec_len(x->rec, lc->pend.len - lc->nv[i].off);
	}
	qsort(v, total, sizeof(*v), by_id);
	size_t k = 0;           /* a commit's newest record, once */
	for (size_t i = 0; i < total; i++)
		if (k == 0 || memcmp(v[k - 1].id, v[i].id, LC_OID) != 0)
			v[k++] = v[i];
	total = k;
	for (size_t i = 0; i < total; i++)
		rlen += v[i].len;
	if (rlen + total * LC_ENTRY + LC_HEADER >= UINT32_MAX) {
		free(v);
		return;
	}
	size_t len = LC_HEADER + total * LC_ENTRY + rlen;
	unsigned char *d = xcalloc(len, 1);
	unsigned char *index = d + LC_HEADER, *recs = index + total * LC_ENTRY;
	size_t off = 0;
	for (size_t i = 0; i < total; i++) {
		memcpy(index + i * LC_ENTRY, v[i].id, LC_OID);
		put32(index + i * LC_ENTRY + LC_OID, (uint32_t)off);
		memcpy(recs + off, v[i].rec, v[i].len);
		off += v[i].len;
	}
	memcpy(d, LC_MAGIC, 8);
	put32(d + 8, LC_VERSION);
	put32(d + 12, (uint32_t)total);
	put32(d + 16, (uint32_t)rlen);
	put64(d + 24, fnv64(d + LC_HEADER, len - LC_HEADER));
	char *slash = strrchr(lc->path, '/');
	*slash = '\0';
	if (mkdir(lc->path, 0700) == 0)
		gitstate_sync_folder(lc->path);
	*slash = '/';
	struct diags quiet;
	diags_init(&quiet);
	archive_write_atomic(lc->path, (const char *)d, len, &quiet);
	diags_free(&quiet);
	free(d);
	free(v);
}

/* ---- making a record ---- */

/* The tree `id` (a new reference), from the trees kept or read and kept:
 * a commit's tree is its child's parent's tree, and a committee's folder
 * that one commit changes is often the one an older commit left. */
static int lc_tree(struct logcache *lc, const git_oid *id, git_tree **out)
{
	struct lc_tree *k = &lc->trees[id->id[0] % LC_TREES];
	git_object *o = NULL;
	int rc;
	if (k->t && git_oid_equal(&k->id, id)) {
		rc = git_object_dup(&o, (git_object *)k->t);
		*out = (git_tree *)o;
		return rc;
	}
	if ((rc = git_tree_lookup(out, lc->repo, id)) < 0)
		return rc;
	git_tree_free(k->t);
	k->t = NULL;
	if (git_object_dup(&o, (git_object *)*out) == 0) {
		k->t = (git_tree *)o;
		git_oid_cpy(&k->id, id);
	}
	return 0;
}

/* Adds to `u` the names of the trees x and y (either may be NULL) whose
 * entries differ, as archive_commit_changed looks (by name, by id), each
 * after `prefix`.  At the top (prefix ""), a name that is a folder on
 * either side gets its marker "name/" too: the names one level down are
 * not listed yet (lc_expand lists them).  < 0 when a name could not be
 * told from a path. */
static int lc_units(const git_tree *x, const git_tree *y, const char *prefix,
		    struct buf *u, uint32_t *count)
{
	for (int side = 0; side < 2; side++) {
		const git_tree *t = side ? y : x, *other = side ? x : y;
		size_t ne = t ? git_tree_entrycount(t) : 0;
		for (size_t i = 0; i < ne; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(t, i);
			const char *name = git_tree_entry_name(e);
			const git_tree_entry *o = other ? git_tree_entry_byname(other, name) : NULL;
			if (o && (side || git_oid_equal(git_tree_entry_id(e), git_tree_entry_id(o))))
				continue;       /* the same, or seen from x's side */
			if (!*name || strchr(name, '/') || *count >= UINT32_MAX - 1)
				return -1;
			buf_addstr(u, prefix);
			buf_addstr(u, name);
			buf_add(u, "", 1);
			(*count)++;
			if (!*prefix && (git_tree_entry_type(e) == GIT_OBJECT_TREE ||
					 (o && git_tree_entry_type(o) == GIT_OBJECT_TREE))) {
				buf_addstr(u, name);
				buf_add(u, "/", 2);
				(*count)++;
			}
		}
	}
	return 0;
}

/* The tree of the entry `name` in `t` (NULL: none, or not a folder), as
 * path_differs goes down. */
static int lc_subtree(struct logcache *lc, const git_tree *t, const char *name,
		      git_tree **out)
{
	const git_tree_entry *e = t ? git_tree_entry_byname(t, name) : NULL;
	*out = NULL;
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return 0;
	return lc_tree(lc, git_tree_entry_id(e), out);
}

/* Keeps the record at pend[start..] as commit `id`'s (in place of any
 * other) and returns it. */
static const unsigned char *lc_keep(struct logcache *lc, const git_oid *id, size_t start)
{
	for (size_t h = lc->nslots ? slot_of(id, lc->nslots) : 0;
	     lc->nslots && lc->slots[h]; h = (h + 1) & (lc->nslots - 1)) {
		struct lc_new *v = &lc->nv[lc->slots[h] - 1];
		if (git_oid_equal(&v->id, id)) {
			v->off = start;
			return (const unsigned char *)lc->pend.data + start;
		}
	}
	lc_add(lc, id, start);
	return (const unsigned char *)lc->pend.data + start;
}

/* The parents' trees of `c` (np of them; one NULL for a first commit). */
static int parent_trees(struct logcache *lc, git_commit *c, unsigned np, git_tree **pt)
{
	int rc = 0;
	for (unsigned i = 0; rc == 0 && i < np; i++) {
		git_commit *p = NULL;
		rc = git_commit_parent(&p, c, i);
		if (rc == 0)
			rc = lc_tree(lc, git_commit_tree_id(p), &pt[i]);
		git_commit_free(p);
	}
	return rc;
}

static void free_trees(git_tree **v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		git_tree_free(v[i]);
	free(v);
}

/* Makes commit c's record, keeps it among the new ones and returns it
 * (valid until the next one is made); NULL when it cannot be made (a tree
 * that cannot be read, too many parents): the caller compares the trees
 * itself then. */
static const unsigned char *lc_make(struct logcache *lc, git_commit *c)
{
	unsigned np = git_commit_parentcount(c);
	if (np > LC_MAXPARENTS)
		return NULL;
	unsigned nl = np ? np : 1;
	struct buf *b = &lc->pend;
	size_t start = b->len;
	git_tree *t = NULL, **pt = xcalloc(nl, sizeof(*pt));
	int rc = lc_tree(lc, git_commit_tree_id(c), &t);
	if (rc == 0)
		rc = parent_trees(lc, c, np, pt);
	unsigned char npb = (unsigned char)np;
	buf_add(b, &npb, 1);
	for (unsigned i = 0; i < np; i++)
		buf_add(b, git_commit_parent_id(c, i)->id, LC_OID);
	for (unsigned i = 0; rc == 0 && i < nl; i++) {
		size_t head = b->len;
		uint32_t count = 0;
		buf_add(b, "\0\0\0\0\0\0\0\0", 8);
		rc = lc_units(t, pt[i], "", b, &count);
		size_t bytes = b->len - head - 8;
		if (bytes > UINT32_MAX)
			rc = -1;
		put32((unsigned char *)b->data + head, count);
		put32((unsigned char *)b->data + head + 4, (uint32_t)bytes);
	}
	git_tree_free(t);
	free_trees(pt, nl);
	if (rc < 0) {
		b->len = start;
		b->data[start] = '\0';
		return NULL;
	}
	return lc_keep(lc, git_commit_id(c), start);
}

/* Record `rec` of commit c again, with the names inside the top-level
 * folder `name` (len bytes) listed in place of its marker; NULL when the
 * trees cannot be read (the caller compares them itself). */
static const unsigned char *lc_expand(struct logcache *lc, git_commit *c,
				      const unsigned char *rec, const char *name,
				      size_t len)
{
	size_t rlen = rec_len(rec, SIZE_MAX);
	unsigned char *old = xmalloc(rlen);     /* rec may be in pend */
	memcpy(old, rec, rlen);
	unsigned np = old[0], nl = np ? np : 1;
	char *top = xstrndup(name, len), *prefix = archive_join(top, "");
	struct buf *b = &lc->pend;
	size_t start = b->len;
	git_tree *t = NULL, *sx = NULL, **pt = xcalloc(nl, sizeof(*pt));
	int rc = np != git_commit_parentcount(c) ? -1 : lc_tree(lc, git_commit_tree_id(c), &t);
	if (rc == 0)
		rc = parent_trees(lc, c, np, pt);
	if (rc == 0)
		rc = lc_subtree(lc, t, top, &sx);
	const unsigned char *p = old + 1 + np * LC_OID;
	buf_add(b, old, (size_t)(p - old));
	for (unsigned i = 0; rc == 0 && i < nl; i++) {
		uint32_t units = get32(p), count = 0;
		const unsigned char *u = p + 8;
		p = u + get32(p + 4);
		size_t head = b->len;
		buf_add(b, "\0\0\0\0\0\0\0\0", 8);
		for (uint32_t k = 0; rc == 0 && k < units; k++) {
			size_t l = strlen((const char *)u);
			if (l == len + 1 && memcmp(u, prefix, l) == 0) {
				git_tree *sy = NULL;
				rc = lc_subtree(lc, pt[i], top, &sy);
				if (rc == 0)
					rc = lc_units(sx, sy, prefix, b, &count);
				git_tree_free(sy);
			} else if (count < UINT32_MAX) {
				buf_add(b, u, l + 1);
				count++;
			} else {
				rc = -1;
			}
			u += l + 1;
		}
		size_t bytes = b->len - head - 8;
		if (bytes > UINT32_MAX)
			rc = -1;
		put32((unsigned char *)b->data + head, count);
		put32((unsigned char *)b->data + head + 4, (uint32_t)bytes);
	}
	git_tree_free(t);
	git_tree_free(sx);
	free_trees(pt, nl);
	free(prefix);
	free(top);
	free(old);
	if (rc < 0) {
		b->len = start;
		b->data[start] = '\0';
		return NULL;
	}
	return lc_keep(lc, git_commit_id(c), start);
}

/* ---- answering from a record ---- */

static bool has_unit(const unsigned char *s, uint32_t units, const char *name, size_t len)
{
	for (uint32_t i = 0; i < units; i++) {
		size_t l = strlen((const char *)s);
		if (l == len && memcmp(s, name, len) == 0)
			return true;
		s += l + 1;
	}
	return false;
}

/* Whether the commit of record `rec` changed `path`: LC_YES (it differs
 * from every parent), LC_NO, LC_DEEP (it is deeper than the units, and its
 * unit differs from every parent: only the trees can tell), or LC_EXPAND
 * (the names in its top-level folder are not listed yet). */
static int rec_changed(const unsigned char *rec, const char *path)
{
	size_t np = rec[0];
	const unsigned char *p = rec + 1 + np * LC_OID;
	const char *s1 = strchr(path, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
	size_t l1 = s1 ? (size_t)(s1 - path) : strlen(path);
	size_t l2 = s2 ? (size_t)(s2 - path) : strlen(path);
	bool expand = false;
	for (size_t l = 0; l < (np ? np : 1); l++) {
		uint32_t units = get32(p), bytes = get32(p + 4);
		const unsigned char *u = p + 8;
		p = u + bytes;
		if (!has_unit(u, units, path, l1))
			return LC_NO;
		if (!s1)
			continue;
		if (has_unit(u, units, path, l1 + 1))
			expand = true;
		else if (!has_unit(u, units, path, l2))
			return LC_NO;
	}
	return expand ? LC_EXPAND : s2 ? LC_DEEP : LC_YES;
}

/* ---- the walks ---- */

struct lc_step {
	git_commit *c;          /* read when listed (or needed); the caller frees */
	bool listed;
	unsigned np;
	git_oid parent;         /* the first, when np > 0 */
};

/* Whether commit `id` changed `path`, and its parents. */
static int lc_visit(struct logcache *lc, const git_oid *id, const char *path,
		    struct lc_step *st)
{
	memset(st, 0, sizeof(*st));
	const unsigned char *rec = lc_find(lc, id);
	int rc, r = LC_DEEP;
	if (!rec) {
		if ((rc = git_commit_lookup(&st->c, lc->repo, id)) < 0)
			return rc;
		rec = lc_make(lc, st->c);
	}
	if (rec) {
		st->np = rec[0];
		if (st->np)
			git_oid_fromraw(&st->parent, rec + 1);
		r = rec_changed(rec, path);
	} else {
		st->np = git_commit_parentcount(st->c);
		if (st->np)
			git_oid_cpy(&st->parent, git_commit_parent_id(st->c, 0));
	}
	if (r == LC_NO)
		return 0;
	if (!st->c && (rc = git_commit_lookup(&st->c, lc->repo, id)) < 0)
		return rc;
	if (r == LC_EXPAND) {
		rec = lc_expand(lc, st->c, rec, path, (size_t)(strchr(path, '/') - path));
		r = rec ? rec_changed(rec, path) : LC_DEEP;
		if (r == LC_NO)
			return 0;
	}
	if (r == LC_YES) {
		st->listed = true;
		return 0;
	}
	git_tree *t = NULL;
	if ((rc = git_commit_tree(&t, st->c)) < 0)
		return rc;
	st->listed = archive_commit_changed(st->c, t, path);
	git_tree_free(t);
	return 0;
}

/* HEAD's history while it is a line: each commit after its child, which
 * is the only order there is.  1 when it is not a line (a merge), or any
 * error: libgit2's walk then answers, or says what went wrong. */
static int walk_line(struct logcache *lc, const char *path, size_t max,
		     struct archive_rev **out, size_t *n)
{
	git_oid id;
	size_t cap = 0, steps = 0;
	if (git_reference_name_to_id(&id, lc->repo, "HEAD") < 0)
		return 1;
	while (*n < max) {
		struct lc_step st;
		int rc = lc_visit(lc, &id, path, &st);
		if (rc == 0 && st.np > 1)
			rc = 1;
		/* A line visits each commit once: more steps than commits
		 * known is a loop, which only a forged file could make. */
		if (rc == 0 && ++steps > lc->count + lc->nnew + 1)
			rc = 1;
		if (rc == 0 && st.listed)
			archive_rev_push(out, n, &cap, st.c);
		git_commit_free(st.c);
		if (rc != 0)
			return 1;
		if (st.np == 0)
			break;
		id = st.parent;
	}
	return 0;
}

/* libgit2's walk of HEAD's history, in its order. */
static int walk_all(struct logcache *lc, struct archive *a, const char *path,
		    size_t max, struct archive_rev **out, size_t *n, struct diags *err)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	size_t cap = 0;
	int rc = archive_head_walk(a, &walk, err);
	if (rc)
		return rc > 0 ? 0 : rc;
	while (*n < max && (rc = git_revwalk_next(&oid, walk)) == 0) {
		struct lc_step st;
		rc = lc_visit(lc, &oid, path, &st);
		if (rc == 0 && st.listed)
			archive_rev_push(out, n, &cap, st.c);
		git_commit_free(st.c);
		if (rc < 0)
			break;
	}
	git_revwalk_free(walk);
	if (rc < 0 && rc != GIT_ITEROVER) {
		archive_fail(err, a->path, rc, "cannot read the history of %s", path);
		archive_revs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ARCHIVE_ERROR;
	}
	return 0;
}

int archive_log_max(struct archive *a, const char *path, size_t max,
		    struct archive_rev **out, size_t *n, struct diags *err)
{
	*out = NULL;
	*n = 0;
	if (git_repository_head_unborn(a->repo) == 1)
		return 0;       /* nothing committed yet: no history */
	if (git_repository_is_shallow(a->repo) == 1)
		return archive_log_shallow(a, path, max, out, n, err);
	struct logcache lc;
	lc_open(&lc, a);
	int rc = walk_line(&lc, path, max, out, n);
	if (rc != 0) {
		archive_revs_free(*out, *n);
		*out = NULL;
		*n = 0;
		rc = walk_all(&lc, a, path, max, out, n, err);
	}
	if (rc == 0)
		lc_save(&lc);
	lc_close(&lc);
	return rc;
}
