/*
 * logcache: archive_log_max without reading trees for each commit
 * (logcache.h).
 *
 * Which paths a commit changed never changes, so it is worked out once
 * (minutes/git/walk.h) and kept in the table LC_TABLE of the search
 * index's SQLite file: for each commit, its parents and, against each
 * parent (against nothing for a first commit), the "units" whose tree
 * entries differ: the top-level names (a committee's folder, a top-level
 * file) and, inside the top-level folders among them, the names one level
 * down (a meeting's folder, committee.yaml), as "a" and "a/b".  A path of
 * one or two levels is answered from the units alone; a deeper one (a file
 * in a meeting's folder) is "unchanged" when its meeting's folder is, and
 * otherwise is looked up in the trees (only for the few commits that
 * touched the meeting).  The names inside a top-level folder are listed
 * the first time a path under it is asked for, only for the commits that
 * changed that folder (its marker "a/" stands for them until then).
 *
 * While the history from HEAD is a line (no merge), the walk follows the
 * cached parents and reads only the commits it lists.  At a merge it starts
 * again with git's walk, for its order, still reading no tree for a cached
 * commit.
 *
 * A row is (id: the commit's 20 bytes, rec), rec being
 *     1 number of parents P, P x 20 parent ids, then max(P, 1) lists (one
 *     a parent): 4 number of units, 4 bytes, the units, each ended by a
 *     NUL (numbers little-endian).
 * The whole table is read at once (a walk visits every commit anyway) and
 * checked row by row; the records this walk made are added in one
 * transaction at the end.  The table is derived data: when it, or the
 * file, is damaged it is made again, and failing to write it (a read-only
 * repository, another gavel writing) costs the next walk time, never an
 * answer.  Shallow clones are not cached.
 */
#include "minutes/search/logcache.h"
#include "minutes/search/search.h"
#include "minutes/git/walk.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LC_OID ((size_t)WALK_OID_SIZE)
#define LC_CREATE "CREATE TABLE IF NOT EXISTS " LC_TABLE \
	"(id BLOB PRIMARY KEY, rec BLOB NOT NULL) WITHOUT ROWID"

enum { LC_NO, LC_YES, LC_DEEP, LC_EXPAND };

struct lc_old {
	unsigned char id[WALK_OID_SIZE];
	size_t off;             /* its record, in recs */
};

struct lc_new {
	struct walk_oid id;
	size_t off;             /* its record, in pend */
};

struct logcache {
	struct archive *a;
	struct walk_differ *d;
	sqlite3 *db;            /* NULL when there is no file to keep it in */
	struct lc_old *index;   /* the rows read, ids ascending */
	size_t count;
	struct buf recs;        /* their records, back to back */
	struct buf pend;        /* records made by this walk, back to back */
	struct lc_new *nv;
	size_t nnew, nnew_cap;
	size_t *slots;          /* hash of nv by id: index + 1, 0 when empty */
	size_t nslots;
};

/* ---- the records ---- */

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
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

/* ---- the table ---- */

static bool damaged(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* Reads every row; false when one is not sound (the caller empties the
 * table) or the table cannot be read (rc says why). */
static bool lc_read(struct logcache *lc, int *rc)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	bool sound = true;
	*rc = sqlite3_prepare_v2(lc->db, "SELECT id, rec FROM " LC_TABLE, -1, &st, NULL);
	while (*rc == SQLITE_OK || *rc == SQLITE_ROW) {
		if ((*rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		const void *id = sqlite3_column_blob(st, 0);
		size_t idlen = (size_t)sqlite3_column_bytes(st, 0);
		const unsigned char *rec = sqlite3_column_blob(st, 1);
		size_t len = (size_t)sqlite3_column_bytes(st, 1);
		if (!id || idlen != LC_OID || !rec || rec_len(rec, len) != len ||
		    (lc->count && memcmp(lc->index[lc->count - 1].id, id, LC_OID) >= 0)) {
			sound = false;
			break;
		}
		xgrow((void **)&lc->index, &cap, lc->count + 1, sizeof(*lc->index));
		memcpy(lc->index[lc->count].id, id, LC_OID);
		lc->index[lc->count++].off = lc->recs.len;
		buf_add(&lc->recs, rec, len);
	}
	if (*rc == SQLITE_DONE || !sound)
		*rc = SQLITE_OK;        /* read to the end, or to a row not sound */
	sqlite3_finalize(st);
	if (!sound || *rc != SQLITE_OK) {
		lc->count = 0;
		buf_reset(&lc->recs);
	}
	return sound;
}

/* Opens the file and reads the table, made when missing; a file SQLite
 * finds damaged is made again (the search index in it is damaged too, and
 * search_open builds it again). */
static void lc_load(struct logcache *lc)
{
	char *path = search_index_path(lc->a);
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		goto out;
	for (int attempt = 0; attempt < 2; attempt++) {
		int rc = sqlite3_open_v2(path, &lc->db,
					 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_busy_timeout(lc->db, 1000);
			rc = sqlite3_exec(lc->db, LC_CREATE, NULL, NULL, NULL);
			if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_READONLY)
				rc = SQLITE_OK;         /* read what is there, if anything */
		}
		if (rc == SQLITE_OK && !lc_read(lc, &rc) && rc == SQLITE_OK)
			sqlite3_exec(lc->db, "DELETE FROM " LC_TABLE, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			goto out;
		sqlite3_close(lc->db);
		lc->db = NULL;
		if (!damaged(rc) || attempt)
			goto out;       /* busy or unwritable: no cache this time */
		static const char *const ext[] = { "", "-journal", "-wal", "-shm" };
		for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
			struct buf b = BUF_INIT;
			buf_addf(&b, "%s%s", path, ext[i]);
			unlink(b.data);
			buf_free(&b);
		}
	}
out:
	free(dir);
	free(path);
}

static int by_new_id(const void *x, const void *y)
{
	const struct lc_new *a = x, *b = y;
	return memcmp(a->id.id, b->id.id, LC_OID);
}

/* Adds the records this walk made; quietly does nothing when it cannot. */
static void lc_save(struct logcache *lc)
{
	if (!lc->nnew || !lc->db)
		return;
	sqlite3_stmt *st = NULL;
	/* Another gavel writing: do not keep the member waiting. */
	sqlite3_busy_timeout(lc->db, 100);
	if (sqlite3_exec(lc->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return;
	int rc = sqlite3_prepare_v2(lc->db, "INSERT OR REPLACE INTO " LC_TABLE
				    "(id, rec) VALUES(?, ?)", -1, &st, NULL);
	/* In the order of the table's keys, each page is written once. */
	qsort(lc->nv, lc->nnew, sizeof(*lc->nv), by_new_id);
	for (size_t i = 0; rc == SQLITE_OK && i < lc->nnew; i++) {
		const unsigned char *rec = (const unsigned char *)lc->pend.data + lc->nv[i].off;
		size_t len = rec_len(rec, lc->pend.len - lc->nv[i].off);
		sqlite3_bind_blob(st, 1, lc->nv[i].id.id, (int)LC_OID, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, rec, (int)len, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK ||
	    sqlite3_exec(lc->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(lc->db, "ROLLBACK", NULL, NULL, NULL);
	lc->nnew = 0;           /* the hash of nv is stale now */
}

static void lc_open(struct logcache *lc, struct archive *a)
{
	memset(lc, 0, sizeof(*lc));
	lc->a = a;
	lc->d = walk_differ_new(a);
	buf_init(&lc->recs);
	buf_init(&lc->pend);
	lc_load(lc);
}

static void lc_close(struct logcache *lc)
{
	walk_differ_free(lc->d);
	sqlite3_close(lc->db);
	free(lc->index);
	buf_free(&lc->recs);
	buf_free(&lc->pend);
	free(lc->nv);
	free(lc->slots);
}

static size_t slot_of(const struct walk_oid *id, size_t nslots)
{
	return get32(id->id) & (nslots - 1);
}

/* Commit `id`'s record: made (or made again) by this walk, or read; NULL
 * if none. */
static const unsigned char *lc_find(const struct logcache *lc, const struct walk_oid *id)
{
	for (size_t h = lc->nslots ? slot_of(id, lc->nslots) : 0;
	     lc->nslots && lc->slots[h]; h = (h + 1) & (lc->nslots - 1)) {
		const struct lc_new *v = &lc->nv[lc->slots[h] - 1];
		if (!memcmp(v->id.id, id->id, LC_OID))
			return (const unsigned char *)lc->pend.data + v->off;
	}
	size_t lo = 0, hi = lc->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(lc->index[mid].id, id->id, LC_OID);
		if (c == 0)
			return (const unsigned char *)lc->recs.data + lc->index[mid].off;
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

/* Keeps the record at pend[start..] as commit `id`'s (in place of any
 * other) and returns it. */
static const unsigned char *lc_keep(struct logcache *lc, const struct walk_oid *id,
				    size_t start)
{
	for (size_t h = lc->nslots ? slot_of(id, lc->nslots) : 0;
	     lc->nslots && lc->slots[h]; h = (h + 1) & (lc->nslots - 1)) {
		struct lc_new *v = &lc->nv[lc->slots[h] - 1];
		if (!memcmp(v->id.id, id->id, LC_OID)) {
			v->off = start;
			return (const unsigned char *)lc->pend.data + start;
		}
	}
	xgrow((void **)&lc->nv, &lc->nnew_cap, lc->nnew + 1, sizeof(*lc->nv));
	lc->nv[lc->nnew].id = *id;
	lc->nv[lc->nnew].off = start;
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
	return (const unsigned char *)lc->pend.data + start;
}

/* ---- making a record ---- */

/* Drops what was added to pend since `start`; NULL, for the caller. */
static const unsigned char *lc_undo(struct logcache *lc, size_t start)
{
	lc->pend.len = start;
	if (lc->pend.data)
		lc->pend.data[start] = '\0';
	return NULL;
}

/* Fills in the list header at pend[head..] now that its units follow. */
static bool lc_close_list(struct logcache *lc, size_t head, uint32_t count)
{
	size_t bytes = lc->pend.len - head - 8;
	if (bytes > UINT32_MAX)
		return false;
	put32((unsigned char *)lc->pend.data + head, count);
	put32((unsigned char *)lc->pend.data + head + 4, (uint32_t)bytes);
	return true;
}

/* Makes commit id's record, keeps it among the new ones and returns it
 * (valid until the next one is made); NULL when it cannot be made (a tree
 * that cannot be read, too many parents): the caller asks the trees then. */
static const unsigned char *lc_make(struct logcache *lc, const struct walk_oid *id)
{
	struct walk_oid parents[WALK_MAX_PARENTS];
	size_t np = 0;
	if (walk_parents(lc->d, id, parents, WALK_MAX_PARENTS, &np) < 0 ||
	    np > WALK_MAX_PARENTS)
		return NULL;
	struct buf *b = &lc->pend;
	size_t start = b->len;
	unsigned char npb = (unsigned char)np;
	buf_add(b, &npb, 1);
	for (size_t i = 0; i < np; i++)
		buf_add(b, parents[i].id, LC_OID);
	for (size_t i = 0; i < (np ? np : 1); i++) {
		size_t head = b->len;
		uint32_t count = 0;
		buf_add(b, "\0\0\0\0\0\0\0\0", 8);
		if (walk_differ_names(lc->d, id, i, "", b, &count) < 0 ||
		    !lc_close_list(lc, head, count))
			return lc_undo(lc, start);
	}
	return lc_keep(lc, id, start);
}

/* Record `rec` of commit id again, with the names inside the top-level
 * folder `name` (len bytes) listed in place of its marker; NULL when the
 * trees cannot be read (the caller asks them itself). */
static const unsigned char *lc_expand(struct logcache *lc, const struct walk_oid *id,
				      const unsigned char *rec, const char *name,
				      size_t len)
{
	size_t rlen = rec_len(rec, SIZE_MAX);
	unsigned char *old = xmalloc(rlen);     /* rec may be in pend */
	memcpy(old, rec, rlen);
	unsigned np = old[0], nl = np ? np : 1;
	char *top = xstrndup(name, len);
	struct buf *b = &lc->pend;
	size_t start = b->len;
	bool ok = true;
	const unsigned char *p = old + 1 + np * LC_OID;
	buf_add(b, old, (size_t)(p - old));
	for (unsigned i = 0; ok && i < nl; i++) {
		uint32_t units = get32(p), count = 0;
		const unsigned char *u = p + 8;
		p = u + get32(p + 4);
		size_t head = b->len;
		buf_add(b, "\0\0\0\0\0\0\0\0", 8);
		for (uint32_t k = 0; ok && k < units; k++) {
			size_t l = strlen((const char *)u);
			if (l == len + 1 && !memcmp(u, name, len) && u[len] == '/') {
				ok = walk_differ_names(lc->d, id, i, top, b, &count) == 0;
			} else if (count < UINT32_MAX) {
				buf_add(b, u, l + 1);
				count++;
			} else {
				ok = false;
			}
			u += l + 1;
		}
		ok = ok && lc_close_list(lc, head, count);
	}
	free(top);
	free(old);
	if (!ok)
		return lc_undo(lc, start);
	return lc_keep(lc, id, start);
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
	bool listed;
	size_t np;
	struct walk_oid parent;      /* the first, when np > 0 */
};

/* Whether commit `id` changed `path`, and its parents. */
static int lc_visit(struct logcache *lc, const struct walk_oid *id, const char *path,
		    struct lc_step *st)
{
	memset(st, 0, sizeof(*st));
	const unsigned char *rec = lc_find(lc, id);
	int rc, r = LC_DEEP;
	if (!rec)
		rec = lc_make(lc, id);
	if (rec) {
		st->np = rec[0];
		if (st->np)
			memcpy(st->parent.id, rec + 1, LC_OID);
		r = rec_changed(rec, path);
	} else if ((rc = walk_parents(lc->d, id, &st->parent, 1, &st->np)) < 0) {
		return rc;
	}
	if (r == LC_NO)
		return 0;
	if (r == LC_EXPAND) {
		rec = lc_expand(lc, id, rec, path, (size_t)(strchr(path, '/') - path));
		r = rec ? rec_changed(rec, path) : LC_DEEP;
		if (r == LC_NO)
			return 0;
	}
	if (r == LC_YES) {
		st->listed = true;
		return 0;
	}
	if ((rc = walk_changed(lc->a, id, path)) < 0)
		return rc;
	st->listed = rc == 1;
	return 0;
}

/* Adds commit `id` to the growing list `v` (n of cap). */
static int lc_push(struct logcache *lc, const struct walk_oid *id,
		   struct archive_rev **v, size_t *n, size_t *cap, struct diags *err)
{
	xgrow((void **)v, cap, *n + 1, sizeof(**v));
	if (walk_rev(lc->a, id, &(*v)[*n], err) < 0)
		return -1;
	(*n)++;
	return 0;
}

/* HEAD's history while it is a line: each commit after its child, which
 * is the only order there is.  1 when it is not a line (a merge), or any
 * error: git's walk then answers, or says what went wrong. */
static int walk_line(struct logcache *lc, const char *path, size_t max,
		     struct archive_rev **out, size_t *n)
{
	struct walk_oid id;
	size_t cap = 0, steps = 0;
	struct diags quiet;
	int rc = 0;
	if (walk_head(lc->a, &id) != 0)
		return 1;
	diags_init(&quiet);
	while (rc == 0 && *n < max) {
		struct lc_step st;
		rc = lc_visit(lc, &id, path, &st);
		if (rc == 0 && st.np > 1)
			rc = 1;
		/* A line visits each commit once: more steps than commits
		 * known is a loop, which only a forged table could make. */
		if (rc == 0 && ++steps > lc->count + lc->nnew + 1)
			rc = 1;
		if (rc == 0 && st.listed && lc_push(lc, &id, out, n, &cap, &quiet) < 0)
			rc = 1;
		if (rc != 0 || st.np == 0)
			break;
		id = st.parent;
	}
	diags_free(&quiet);
	return rc != 0 ? 1 : 0;
}

/* git's walk of HEAD's history, in its order. */
static int walk_all(struct logcache *lc, const char *path, size_t max,
		    struct archive_rev **out, size_t *n, struct diags *err)
{
	struct walk *walk = NULL;
	struct walk_oid id;
	size_t cap = 0;
	int rc = walk_start(&walk, lc->a, err);
	if (rc)
		return rc > 0 ? 0 : rc;
	while (*n < max && (rc = walk_next(walk, &id)) == 0) {
		struct lc_step st;
		rc = lc_visit(lc, &id, path, &st);
		if (rc == 0 && st.listed)
			rc = lc_push(lc, &id, out, n, &cap, err);
		if (rc < 0)
			break;
	}
	walk_free(walk);
	if (rc < 0) {
		if (!diags_count(err))
			diags_add(err, archive_path(lc->a), 0, 0,
				  "cannot read the history of %s", path);
		archive_revs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ARCHIVE_ERROR;
	}
	return 0;
}

int logcache_log(struct archive *a, const char *path, size_t max,
		 struct archive_rev **out, size_t *n, struct diags *err)
{
	struct walk_oid head;
	*out = NULL;
	*n = 0;
	if (walk_head(a, &head) != 0 || walk_is_shallow(a))
		return archive_log_max(a, path, max, out, n, err);
	struct logcache lc;
	lc_open(&lc, a);
	int rc = walk_line(&lc, path, max, out, n);
	if (rc != 0) {
		archive_revs_free(*out, *n);
		*out = NULL;
		*n = 0;
		rc = walk_all(&lc, path, max, out, n, err);
	}
	if (rc == 0)
		lc_save(&lc);
	lc_close(&lc);
	return rc;
}

void logcache_carry(struct sqlite3 *db, const char *from)
{
	sqlite3 *d = db;
	if (access(from, R_OK) != 0)
		return;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(d, LC_CREATE, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(d, "ATTACH ? AS old", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return;
	/* Rows are checked when read: a damaged one empties the table then. */
	if (sqlite3_exec(d, "INSERT OR IGNORE INTO " LC_TABLE " SELECT id, rec FROM old."
			 LC_TABLE, NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(d, "DELETE FROM " LC_TABLE, NULL, NULL, NULL);
	sqlite3_exec(d, "DETACH old", NULL, NULL, NULL);
}
