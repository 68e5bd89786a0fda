/*
 * logcache: archive_log_max without reading trees for each commit
 * (logcache.h).
 *
 * Which paths a commit changed never changes, so it is worked out once
 * (minutes/git/walk.h) and kept in three tables of the search index's
 * SQLite file:
 *
 *   LC_TABLE (commits)  id, number of parents, pos: the commit's place in
 *                       the line of commits without merges that ends at
 *                       the last HEAD seen (0 for its root), else NULL
 *   LC_PARENTS          id, n, parent: the commit's parents, in order
 *   LC_CHANGES          path, id, parent: the "units" whose tree entries
 *                       differ between the commit and its parent number
 *                       `parent` (for a first commit, 0: against nothing)
 *
 * The units are the top-level names (a committee's folder, a top-level
 * file) and, inside the top-level folders among them, the names one level
 * down (a meeting's folder, committee.yaml), as "a" and "a/b".  A path of
 * one or two levels is answered from the units alone; a deeper one (a file
 * in a meeting's folder) is "unchanged" when its meeting's folder is, and
 * otherwise is looked up in the trees (only for the few commits that
 * touched the meeting).  The names inside a top-level folder are listed
 * the first time a path under it is asked for, only for the commits that
 * changed that folder (the marker unit "a/" stands for them until then).
 *
 * While HEAD's history is a line (no merge), the commits with a pos are
 * exactly its commits, pos descending being the walk's order: a path's
 * history is one query on LC_CHANGES's key (path first) joined with the
 * commits up to HEAD's pos.  Commits newer than the line are made and
 * given the next places; when HEAD moved to another branch, the places
 * past the fork are taken back first.  At a merge, git's walk gives the
 * order and the tables answer for each commit, still reading no tree for
 * one known.
 *
 * Everything a call writes is written in one transaction, at its end.
 * The tables are derived data: when they, or the file, are damaged they
 * are made again, and failing to write them (a read-only repository,
 * another gavel writing) costs time, never an answer: whatever the tables
 * cannot answer, archive_log_max does.  Shallow clones are not cached.
 */
#include "minutes/search/logcache.h"
#include "minutes/search/search_priv.h"
#include "minutes/git/walk.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LC_OID ((int)WALK_OID_SIZE)

static const char lc_schema[] =
	"CREATE TABLE IF NOT EXISTS " LC_TABLE "(id BLOB PRIMARY KEY"
	" CHECK(length(id) = 20), parents INTEGER NOT NULL CHECK(parents >= 0),"
	" pos INTEGER UNIQUE CHECK(pos >= 0)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS " LC_PARENTS "(id BLOB NOT NULL, n INTEGER NOT NULL,"
	" parent BLOB NOT NULL CHECK(length(parent) = 20), PRIMARY KEY(id, n))"
	" WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS " LC_CHANGES "(path TEXT NOT NULL"
	" CHECK(length(path) > 0), id BLOB NOT NULL, parent INTEGER NOT NULL,"
	" PRIMARY KEY(path, id, parent)) WITHOUT ROWID;";

static const char lc_drop[] =
	"DROP TABLE IF EXISTS " LC_TABLE "; DROP TABLE IF EXISTS " LC_PARENTS ";"
	"DROP TABLE IF EXISTS " LC_CHANGES ";";

/* The statements, prepared once a call. */
enum {
	Q_COMMIT,       /* a commit's parents and pos */
	Q_LINE,         /* the line's commits with rows for the keys, newest first */
	Q_ROWS,         /* one commit's rows for the keys */
	Q_ALL,          /* every commit's rows for the keys (a walk with merges) */
	Q_ADD_COMMIT, Q_ADD_PARENT, Q_ADD_CHANGE, Q_DEL_CHANGE,
	Q_UNPLACE,      /* the places past the fork taken back */
	Q_PLACE,
	Q_PARENT,       /* a commit's first parent */
	Q_KNOWN,        /* how many commits are known */
	Q_COUNT
};

static const char *const lc_sql[Q_COUNT] = {
	[Q_COMMIT] = "SELECT parents, pos FROM " LC_TABLE " WHERE id = ?1",
	[Q_LINE] = "SELECT c.id, ch.path FROM " LC_CHANGES " ch JOIN " LC_TABLE
		   " c ON c.id = ch.id WHERE ch.path IN (?1, ?2, ?3) AND c.pos <= ?4"
		   " ORDER BY c.pos DESC",
	[Q_ROWS] = "SELECT path, parent FROM " LC_CHANGES
		   " WHERE path IN (?1, ?2, ?3) AND id = ?4",
	[Q_ALL] = "SELECT id, path, parent FROM " LC_CHANGES " WHERE path IN (?1, ?2, ?3)",
	[Q_ADD_COMMIT] = "INSERT OR REPLACE INTO " LC_TABLE "(id, parents, pos)"
			 " VALUES(?1, ?2, ?3)",
	[Q_ADD_PARENT] = "INSERT OR REPLACE INTO " LC_PARENTS "(id, n, parent)"
			 " VALUES(?1, ?2, ?3)",
	[Q_ADD_CHANGE] = "INSERT OR IGNORE INTO " LC_CHANGES "(path, id, parent)"
			 " VALUES(?1, ?2, ?3)",
	[Q_DEL_CHANGE] = "DELETE FROM " LC_CHANGES " WHERE path = ?1 AND id = ?2"
			 " AND parent = ?3",
	[Q_UNPLACE] = "UPDATE " LC_TABLE " SET pos = NULL WHERE pos > ?1",
	[Q_PLACE] = "UPDATE " LC_TABLE " SET pos = ?1 WHERE id = ?2",
	[Q_PARENT] = "SELECT parent FROM " LC_PARENTS " WHERE id = ?1 AND n = 0",
	[Q_KNOWN] = "SELECT count(*) FROM " LC_TABLE,
};

enum { LC_NO, LC_YES, LC_DEEP, LC_EXPAND };

/* The units a path is answered by, as bits: its first name, that name's
 * marker, its first two names. */
enum { K_TOP = 1, K_MARK = 2, K_TWO = 4 };

struct lc_keys {
	const char *path;
	char *key[3];           /* "a", "a/", "a/b" (all "a" for a one-level path) */
	bool deep;              /* more than two levels */
	bool nested;            /* more than one */
};

/* One commit's rows for the keys: bits for each of its first lists. */
#define LC_LISTS 8
struct lc_rows {
	unsigned char id[WALK_OID_SIZE];
	unsigned bits[LC_LISTS];
};

/* A commit made by this call, its rows written at the end. */
struct lc_new {
	struct walk_oid id;
	size_t np;
	size_t parents;         /* its first parent, in par */
	sqlite3_int64 pos;      /* -1: none */
};

/* One of their units: the name at `off` in names. */
struct lc_unit {
	size_t off;
	size_t commit;          /* in nv */
	size_t parent;
};

struct logcache {
	struct archive *a;
	struct walk_differ *d;
	char *path;             /* the file */
	sqlite3 *db;            /* NULL when there is no file to keep it in */
	sqlite3_stmt *q[Q_COUNT];
	bool writing;           /* in the transaction */
	bool readonly;          /* the transaction could not be begun */
	bool reading;           /* in a transaction that only reads: one lock
				 * for every lookup, not one each */
	bool damaged;           /* the file is to be made again */
	bool broken;            /* a write failed half-way: nothing is kept */
	struct lc_keys k;
	struct lc_new *nv;
	size_t nnew, nv_cap;
	struct walk_oid *par;
	size_t npar, par_cap;
	struct lc_unit *uv;
	size_t nunits, uv_cap;
	struct buf names;
};

/* ---- the file ---- */

static bool damaged(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* Notes SQLite's answer `rc`; true when it is not one of success. */
static bool lc_failed(struct logcache *lc, int rc)
{
	if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
		return false;
	if (damaged(rc))
		lc->damaged = true;
	return true;
}

static void lc_finalize(struct logcache *lc)
{
	for (size_t i = 0; i < Q_COUNT; i++) {
		sqlite3_finalize(lc->q[i]);
		lc->q[i] = NULL;
	}
}

static int lc_prepare(struct logcache *lc)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < Q_COUNT; i++)
		rc = sqlite3_prepare_v2(lc->db, lc_sql[i], -1, &lc->q[i], NULL);
	if (rc != SQLITE_OK)
		lc_finalize(lc);
	return rc;
}

/* Drops the tables when some of them are missing: the others cannot be
 * trusted without them. */
static int lc_tables(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE"
				    " type = 'table' AND name IN ('" LC_TABLE "', '"
				    LC_PARENTS "', '" LC_CHANGES "')", -1, &st, NULL);
	int n = 0;
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK && n > 0 && n < 3)
		rc = sqlite3_exec(db, lc_drop, NULL, NULL, NULL);
	return rc;
}

/* Opens the file with the tables, made when missing, and prepares the
 * statements.  Tables of another shape are made again; a file SQLite
 * finds damaged is too (the search index in it is damaged as well, and
 * search_open builds it again).  On failure lc->db is NULL. */
static void lc_load(struct logcache *lc)
{
	char *dir = xstrdup(lc->path);
	*strrchr(dir, '/') = '\0';
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		goto out;
	for (int attempt = 0; attempt < 2; attempt++) {
		int rc = sqlite3_open_v2(lc->path, &lc->db,
					 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_busy_timeout(lc->db, 1000);
			/* A first walk writes every commit in one transaction: in
			 * a small page cache its pages would be spilled and
			 * written more than once. */
			sqlite3_exec(lc->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
			rc = lc_tables(lc->db);
			if (rc == SQLITE_OK)
				rc = sqlite3_exec(lc->db, lc_schema, NULL, NULL, NULL);
			if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_READONLY)
				rc = SQLITE_OK;         /* read what is there, if anything */
		}
		if (rc == SQLITE_OK)
			rc = lc_prepare(lc);
		if ((rc & 0xff) == SQLITE_ERROR &&
		    sqlite3_exec(lc->db, lc_drop, NULL, NULL, NULL) == SQLITE_OK &&
		    (rc = sqlite3_exec(lc->db, lc_schema, NULL, NULL, NULL)) == SQLITE_OK)
			rc = lc_prepare(lc);    /* tables of another shape */
		if (rc == SQLITE_OK)
			goto out;
		sqlite3_close(lc->db);
		lc->db = NULL;
		if (!damaged(rc) || attempt)
			goto out;       /* busy or unwritable: no cache this time */
		search_remove_files(lc->path);
	}
out:
	free(dir);
}

/* The transaction, begun the first time something is to be written;
 * false when it cannot be (another gavel writing, a read-only file). */
static bool lc_write(struct logcache *lc)
{
	if (lc->writing)
		return true;
	if (lc->readonly)
		return false;
	if (lc->reading)        /* the reads' transaction ends here */
		sqlite3_exec(lc->db, "COMMIT", NULL, NULL, NULL);
	lc->reading = false;
	/* Another gavel writing: do not keep the member waiting. */
	sqlite3_busy_timeout(lc->db, 100);
	int rc = sqlite3_exec(lc->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	lc->writing = !lc_failed(lc, rc);
	lc->readonly = !lc->writing;
	return lc->writing;
}

/* Runs statement `q`, which gives no rows; true when it did. */
static bool lc_run(struct logcache *lc, int q)
{
	int rc = sqlite3_step(lc->q[q]);
	sqlite3_reset(lc->q[q]);
	return !lc_failed(lc, rc);
}

static void lc_bind_id(sqlite3_stmt *st, int col, const unsigned char *id)
{
	sqlite3_bind_blob(st, col, id, LC_OID, SQLITE_STATIC);
}

/* ---- the keys ---- */

static void lc_keys_init(struct lc_keys *k, const char *path)
{
	const char *s1 = strchr(path, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
	size_t l1 = s1 ? (size_t)(s1 - path) : strlen(path);
	size_t l2 = s2 ? (size_t)(s2 - path) : strlen(path);
	k->path = path;
	k->nested = s1 != NULL;
	k->deep = s2 != NULL;
	k->key[0] = xstrndup(path, l1);
	k->key[1] = s1 ? xstrndup(path, l1 + 1) : xstrdup(k->key[0]);
	k->key[2] = s1 ? xstrndup(path, l2) : xstrdup(k->key[0]);
}

static void lc_keys_free(struct lc_keys *k)
{
	for (size_t i = 0; i < 3; i++)
		free(k->key[i]);
}

static void lc_bind_keys(struct logcache *lc, sqlite3_stmt *st)
{
	for (int i = 0; i < 3; i++)
		sqlite3_bind_text(st, i + 1, lc->k.key[i], -1, SQLITE_STATIC);
}

/* The bits of the unit `unit` among the keys. */
static unsigned lc_bits(const struct lc_keys *k, const char *unit)
{
	unsigned b = 0;
	if (!unit)
		return 0;
	if (!strcmp(unit, k->key[0]))
		b |= K_TOP;
	if (k->nested && !strcmp(unit, k->key[1]))
		b |= K_MARK;
	if (k->nested && !strcmp(unit, k->key[2]))
		b |= K_TWO;
	return b;
}

/* Whether a commit whose lists (one a parent, at least one) hold the
 * units `bits` changed the path: LC_YES (it differs from every parent),
 * LC_NO, LC_DEEP (it is deeper than the units, and its unit differs from
 * every parent: only the trees can tell), or LC_EXPAND (the names in its
 * top-level folder are not listed yet). */
static int lc_changed(const struct lc_keys *k, const unsigned *bits, size_t nl)
{
	bool expand = false;
	for (size_t l = 0; l < nl; l++) {
		if (!(bits[l] & K_TOP))
			return LC_NO;
		if (!k->nested)
			continue;
		if (bits[l] & K_MARK)
			expand = true;
		else if (!(bits[l] & K_TWO))
			return LC_NO;
	}
	return expand ? LC_EXPAND : k->deep ? LC_DEEP : LC_YES;
}

/* ---- making and mending rows ---- */

/* Adds the units listed back to back in `u` (each ended by a NUL, `count`
 * of them) as commit id's rows against parent `parent`. */
static bool lc_add_units(struct logcache *lc, const unsigned char *id, size_t parent,
			 const struct buf *u, uint32_t count)
{
	sqlite3_stmt *st = lc->q[Q_ADD_CHANGE];
	const char *s = u->data;
	for (uint32_t i = 0; i < count; i++) {
		sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
		lc_bind_id(st, 2, id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)parent);
		if (!lc_run(lc, Q_ADD_CHANGE))
			return false;
		s += strlen(s) + 1;
	}
	return true;
}

/* Keeps the units listed back to back in `u` (`count` of them) as the
 * new commit `c`'s against parent `parent`, and adds their bits to *bits.
 * The names inside the path's top-level folder are listed in place of its
 * marker at once: the path asks for them. */
static bool lc_keep_units(struct logcache *lc, size_t c, size_t parent,
			  const struct buf *u, uint32_t count, unsigned *bits)
{
	const char *s = u->data;
	for (uint32_t i = 0; i < count; i++, s += strlen(s) + 1) {
		unsigned b = lc_bits(&lc->k, s);
		if (b & K_MARK) {
			struct buf in = BUF_INIT;
			uint32_t n = 0;
			bool ok = walk_differ_names(lc->d, &lc->nv[c].id, parent, lc->k.key[0],
						    &in, &n) == 0 &&
				  lc_keep_units(lc, c, parent, &in, n, bits);
			buf_free(&in);
			if (!ok)
				return false;
			continue;
		}
		*bits |= b;
		xgrow((void **)&lc->uv, &lc->uv_cap, lc->nunits + 1, sizeof(*lc->uv));
		lc->uv[lc->nunits].off = lc->names.len;
		lc->uv[lc->nunits].commit = c;
		lc->uv[lc->nunits++].parent = parent;
		buf_add(&lc->names, s, strlen(s) + 1);
	}
	return true;
}

/* Makes commit id's rows, kept until lc_flush; its parents in `parents`
 * (WALK_MAX_PARENTS), *np of them, and the bits of its lists in `bits`
 * (LC_LISTS).  False when they cannot be made (a tree that cannot be
 * read, too many parents): the caller asks the trees then. */
static bool lc_make(struct logcache *lc, const struct walk_oid *id,
		    struct walk_oid *parents, size_t *np, unsigned *bits)
{
	memset(bits, 0, sizeof(*bits) * LC_LISTS);
	if (walk_parents(lc->d, id, parents, WALK_MAX_PARENTS, np) < 0 ||
	    *np > WALK_MAX_PARENTS)
		return false;
	size_t c = lc->nnew, units = lc->nunits, names = lc->names.len;
	xgrow((void **)&lc->nv, &lc->nv_cap, c + 1, sizeof(*lc->nv));
	lc->nv[c].id = *id;
	lc->nv[c].np = *np;
	lc->nv[c].parents = lc->npar;
	lc->nv[c].pos = -1;
	lc->nnew++;
	xgrow((void **)&lc->par, &lc->par_cap, lc->npar + *np, sizeof(*lc->par));
	memcpy(lc->par + lc->npar, parents, *np * sizeof(*parents));
	lc->npar += *np;
	struct buf u = BUF_INIT;
	bool ok = true;
	for (size_t i = 0; ok && i < (*np ? *np : 1); i++) {
		uint32_t count = 0;
		unsigned b = 0;
		buf_reset(&u);
		ok = walk_differ_names(lc->d, id, i, "", &u, &count) == 0 &&
		     lc_keep_units(lc, c, i, &u, count, &b);
		if (i < LC_LISTS)
			bits[i] = b;
	}
	buf_free(&u);
	if (!ok) {
		lc->nnew = c;
		lc->npar = lc->nv[c].parents;
		lc->nunits = units;
		lc->names.len = names;
	}
	return ok;
}

static const struct logcache *sort_lc;

static int by_unit(const void *x, const void *y)
{
	const struct lc_unit *a = x, *b = y;
	int c = strcmp(sort_lc->names.data + a->off, sort_lc->names.data + b->off);
	if (!c)
		c = memcmp(sort_lc->nv[a->commit].id.id, sort_lc->nv[b->commit].id.id,
			   WALK_OID_SIZE);
	return c ? c : a->parent < b->parent ? -1 : a->parent > b->parent;
}

/* Writes the commits this call made, in the order of the tables' keys
 * (each page written once).  False when they cannot be. */
static bool lc_flush(struct logcache *lc)
{
	if (!lc->nnew)
		return true;
	if (!lc_write(lc))
		return false;
	bool ok = true;
	for (size_t c = 0; ok && c < lc->nnew; c++) {
		const struct lc_new *v = &lc->nv[c];
		sqlite3_stmt *st = lc->q[Q_ADD_COMMIT];
		lc_bind_id(st, 1, v->id.id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)v->np);
		if (v->pos >= 0)
			sqlite3_bind_int64(st, 3, v->pos);
		else
			sqlite3_bind_null(st, 3);
		ok = lc_run(lc, Q_ADD_COMMIT);
		for (size_t i = 0; ok && i < v->np; i++) {
			st = lc->q[Q_ADD_PARENT];
			lc_bind_id(st, 1, v->id.id);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
			lc_bind_id(st, 3, lc->par[v->parents + i].id);
			ok = lc_run(lc, Q_ADD_PARENT);
		}
	}
	sort_lc = lc;
	qsort(lc->uv, lc->nunits, sizeof(*lc->uv), by_unit);
	for (size_t i = 0; ok && i < lc->nunits; i++) {
		sqlite3_stmt *st = lc->q[Q_ADD_CHANGE];
		sqlite3_bind_text(st, 1, lc->names.data + lc->uv[i].off, -1, SQLITE_STATIC);
		lc_bind_id(st, 2, lc->nv[lc->uv[i].commit].id.id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)lc->uv[i].parent);
		ok = lc_run(lc, Q_ADD_CHANGE);
	}
	lc->nnew = lc->npar = lc->nunits = 0;
	buf_reset(&lc->names);
	if (!ok)
		lc->broken = true;
	return ok;
}

/* Lists the names inside the top-level folder of the path in place of its
 * marker, in each of commit id's `nl` lists whose bits hold the marker,
 * and sets their bits again.  False when it cannot (the trees, the file). */
static bool lc_expand(struct logcache *lc, const struct walk_oid *id, unsigned *bits,
		      size_t nl)
{
	struct buf u = BUF_INIT;
	if (!lc_write(lc))
		return false;
	bool ok = true;
	for (size_t i = 0; ok && i < nl; i++) {
		if (!(bits[i] & K_MARK))
			continue;
		uint32_t count = 0;
		buf_reset(&u);
		if (walk_differ_names(lc->d, id, i, lc->k.key[0], &u, &count) < 0) {
			ok = false;     /* nothing written: the trees answer */
			break;
		}
		sqlite3_stmt *st = lc->q[Q_DEL_CHANGE];
		sqlite3_bind_text(st, 1, lc->k.key[1], -1, SQLITE_STATIC);
		lc_bind_id(st, 2, id->id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		ok = lc_run(lc, Q_DEL_CHANGE) && lc_add_units(lc, id->id, i, &u, count);
		if (!ok)
			lc->broken = true;      /* half written: not kept */
		/* Listed now: is the path's second name among them? */
		bits[i] &= ~(unsigned)K_MARK;
		const char *s = u.data;
		for (uint32_t c = 0; ok && c < count; c++, s += strlen(s) + 1)
			bits[i] |= lc_bits(&lc->k, s) & (K_TWO | K_MARK);
	}
	buf_free(&u);
	return ok;
}

/* ---- answering ---- */

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

/* Whether commit id, with `nl` lists holding the units `bits`, changed
 * the path: 1, 0, or < 0 when its commit cannot be read. */
static int lc_decide(struct logcache *lc, const struct walk_oid *id, unsigned *bits,
		     size_t nl)
{
	int r = nl <= LC_LISTS ? lc_changed(&lc->k, bits, nl) : LC_DEEP;
	if (r == LC_EXPAND)
		r = lc_expand(lc, id, bits, nl) ? lc_changed(&lc->k, bits, nl) : LC_DEEP;
	if (r == LC_EXPAND)
		r = LC_DEEP;
	if (r == LC_NO || r == LC_YES)
		return r == LC_YES;
	return walk_changed(lc->a, id, lc->k.path);
}

/* Commit id's first parent, from its row; false when there is none. */
static bool lc_parent(struct logcache *lc, const struct walk_oid *id, struct walk_oid *out)
{
	sqlite3_stmt *st = lc->q[Q_PARENT];
	lc_bind_id(st, 1, id->id);
	int s = sqlite3_step(st);
	bool ok = s == SQLITE_ROW && sqlite3_column_bytes(st, 0) == LC_OID;
	if (ok)
		memcpy(out->id, sqlite3_column_blob(st, 0), WALK_OID_SIZE);
	sqlite3_reset(st);
	return !lc_failed(lc, s) && ok;
}

/* How many commits are known (a walk by their rows visits no more). */
static sqlite3_int64 lc_known(struct logcache *lc)
{
	sqlite3_stmt *st = lc->q[Q_KNOWN];
	int s = sqlite3_step(st);
	sqlite3_int64 n = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	lc_failed(lc, s);
	return n;
}

/* HEAD's history while it is a line: places the commits newer than the
 * line (made when not known, followed by their rows when known), and *top
 * gets HEAD's place.  1 when it is not a line (a merge) or the tables
 * cannot say. */
static int lc_place(struct logcache *lc, const struct walk_oid *head, sqlite3_int64 *top)
{
	struct { struct walk_oid id; size_t made; } *news = NULL;
	struct walk_oid id = *head, parents[WALK_MAX_PARENTS];
	unsigned bits[LC_LISTS];
	size_t nnew = 0, cap = 0;
	sqlite3_int64 base = -1, known = -1, followed = 0;
	int rc = 1;
	for (;;) {
		sqlite3_stmt *st = lc->q[Q_COMMIT];
		lc_bind_id(st, 1, id.id);
		int s = sqlite3_step(st);
		bool row = s == SQLITE_ROW;
		bool placed = row && sqlite3_column_type(st, 1) != SQLITE_NULL;
		sqlite3_int64 np = row ? sqlite3_column_int64(st, 0) : 0;
		if (placed)
			base = sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
		if (lc_failed(lc, s))
			goto out;
		if (placed && !nnew) {
			*top = base;    /* HEAD is on the line: nothing to write */
			rc = 0;
			goto out;
		}
		if (placed)
			break;
		size_t n = (size_t)np, made = SIZE_MAX;
		if (row) {
			/* Rows that send the walk round a loop would make it
			 * visit more commits than there are. */
			if (known < 0)
				known = lc_known(lc);
			if (++followed > known || np > 1 || (np == 1 && !lc_parent(lc, &id, parents)))
				goto out;
		} else if (made = lc->nnew, !lc_make(lc, &id, parents, &n, bits)) {
			goto out;
		}
		if (n > 1)
			goto out;       /* a merge: git's walk answers */
		xgrow((void **)&news, &cap, nnew + 1, sizeof(*news));
		news[nnew].id = id;
		news[nnew++].made = made;
		if (n == 0)
			break;          /* the root */
		id = parents[0];
	}
	if (!lc_write(lc))
		goto out;
	sqlite3_bind_int64(lc->q[Q_UNPLACE], 1, base);
	if (!lc_run(lc, Q_UNPLACE))
		goto out;
	for (size_t i = 0; i < nnew; i++) {
		sqlite3_int64 pos = base + 1 + (sqlite3_int64)i;
		size_t made = news[nnew - 1 - i].made;
		if (made != SIZE_MAX) {
			lc->nv[made].pos = pos;
			continue;
		}
		sqlite3_bind_int64(lc->q[Q_PLACE], 1, pos);
		lc_bind_id(lc->q[Q_PLACE], 2, news[nnew - 1 - i].id.id);
		if (!lc_run(lc, Q_PLACE))
			goto out;
	}
	if (!lc_flush(lc))
		goto out;
	*top = base + (sqlite3_int64)nnew;
	rc = 0;
out:
	free(news);
	return rc;
}

/* HEAD's history while it is a line, the commits up to place `top`: the
 * path's rows, newest first.  1 when the tables cannot say (the caller
 * asks the trees), < 0 with a diagnostic. */
static int lc_line(struct logcache *lc, sqlite3_int64 top, size_t max,
		   struct archive_rev **out, size_t *n)
{
	struct diags quiet;
	struct lc_rows *v = NULL;
	size_t nv = 0, vcap = 0, cap = 0;
	sqlite3_stmt *st = lc->q[Q_LINE];
	int s;
	lc_bind_keys(lc, st);
	sqlite3_bind_int64(st, 4, top);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const void *id = sqlite3_column_blob(st, 0);
		if (!id || sqlite3_column_bytes(st, 0) != LC_OID)
			break;
		if (!nv || memcmp(v[nv - 1].id, id, WALK_OID_SIZE)) {
			xgrow((void **)&v, &vcap, nv + 1, sizeof(*v));
			memset(&v[nv], 0, sizeof(*v));
			memcpy(v[nv++].id, id, WALK_OID_SIZE);
		}
		v[nv - 1].bits[0] |= lc_bits(&lc->k, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	int rc = lc_failed(lc, s) ? 1 : 0;
	diags_init(&quiet);
	for (size_t i = 0; rc == 0 && i < nv && *n < max; i++) {
		struct walk_oid id;
		memcpy(id.id, v[i].id, WALK_OID_SIZE);
		rc = lc_decide(lc, &id, v[i].bits, 1);
		if (rc == 1)
			rc = lc_push(lc, &id, out, n, &cap, &quiet);
	}
	diags_free(&quiet);
	free(v);
	return rc < 0 ? 1 : rc;
}

static int by_id(const void *x, const void *y)
{
	return memcmp(((const struct lc_rows *)x)->id, ((const struct lc_rows *)y)->id,
		      WALK_OID_SIZE);
}

/* git's walk of HEAD's history, in its order; the rows of the path read
 * at once, a commit not known made.  1 when the tables cannot say or
 * anything fails (archive_log_max then answers, or says what failed). */
static int lc_walk(struct logcache *lc, size_t max, struct archive_rev **out, size_t *n)
{
	struct diags quiet;
	struct lc_rows *v = NULL;
	size_t nv = 0, vcap = 0, cap = 0;
	sqlite3_stmt *st = lc->q[Q_ALL];
	int s;
	lc_bind_keys(lc, st);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const void *id = sqlite3_column_blob(st, 0);
		sqlite3_int64 p = sqlite3_column_int64(st, 2);
		if (!id || sqlite3_column_bytes(st, 0) != LC_OID || p < 0 || p >= LC_LISTS)
			continue;
		xgrow((void **)&v, &vcap, nv + 1, sizeof(*v));
		memset(&v[nv], 0, sizeof(*v));
		memcpy(v[nv].id, id, WALK_OID_SIZE);
		v[nv++].bits[p] = lc_bits(&lc->k, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (lc_failed(lc, s)) {
		free(v);
		return 1;
	}
	qsort(v, nv, sizeof(*v), by_id);

	struct walk *walk = NULL;
	struct walk_oid id, parents[WALK_MAX_PARENTS];
	diags_init(&quiet);
	int rc = walk_start(&walk, lc->a, &quiet);
	diags_free(&quiet);
	if (rc) {
		free(v);
		return rc > 0 ? 0 : 1;
	}
	diags_init(&quiet);
	while (*n < max && (rc = walk_next(walk, &id)) == 0) {
		unsigned bits[LC_LISTS] = { 0 };
		size_t np = 0;
		sqlite3_stmt *q = lc->q[Q_COMMIT];
		lc_bind_id(q, 1, id.id);
		s = sqlite3_step(q);
		if (s == SQLITE_ROW)
			np = (size_t)sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		if (lc_failed(lc, s)) {
			rc = -1;
			break;
		}
		if (s == SQLITE_ROW) {
			/* Rows for the keys, at the first of the commit's. */
			struct lc_rows key, *hit;
			memcpy(key.id, id.id, WALK_OID_SIZE);
			hit = nv ? bsearch(&key, v, nv, sizeof(*v), by_id) : NULL;
			while (hit && hit > v && !by_id(hit - 1, &key))
				hit--;
			for (; hit && hit < v + nv && !by_id(hit, &key); hit++)
				for (size_t l = 0; l < LC_LISTS; l++)
					bits[l] |= hit->bits[l];
		} else if (!lc_make(lc, &id, parents, &np, bits)) {
			np = SIZE_MAX;  /* not made: the trees answer */
		}
		rc = np == SIZE_MAX ? walk_changed(lc->a, &id, lc->k.path)
				    : lc_decide(lc, &id, bits, np ? np : 1);
		if (rc == 1)
			rc = lc_push(lc, &id, out, n, &cap, &quiet);
		if (rc < 0)
			break;
	}
	walk_free(walk);
	diags_free(&quiet);
	free(v);
	return rc < 0 ? 1 : 0;
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
	memset(&lc, 0, sizeof(lc));
	lc.a = a;
	lc.path = search_index_path(a);
	lc_load(&lc);
	int rc = 1;
	if (lc.db) {
		lc.d = walk_differ_new(a);
		lc_keys_init(&lc.k, path);
		sqlite3_int64 top = 0;
		buf_init(&lc.names);
		lc.reading = sqlite3_exec(lc.db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
		rc = lc_place(&lc, &head, &top);
		if (rc == 0) {
			rc = lc_line(&lc, top, max, out, n);
		} else if (!lc.damaged) {
			lc_flush(&lc);  /* the line's commits, for the walk */
			rc = lc_walk(&lc, max, out, n);
			if (rc == 0)
				lc_flush(&lc);
		}
		if (lc.writing && (rc != 0 || lc.damaged || lc.broken ||
				   sqlite3_exec(lc.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK))
			sqlite3_exec(lc.db, "ROLLBACK", NULL, NULL, NULL);
		if (lc.reading)
			sqlite3_exec(lc.db, "COMMIT", NULL, NULL, NULL);
		lc_keys_free(&lc.k);
		walk_differ_free(lc.d);
		lc_finalize(&lc);
		sqlite3_close(lc.db);
		free(lc.nv);
		free(lc.par);
		free(lc.uv);
		buf_free(&lc.names);
		if (lc.damaged)
			search_remove_files(lc.path);
	}
	free(lc.path);
	if (rc > 0) {
		/* What the tables could not answer, the trees do. */
		archive_revs_free(*out, *n);
		*out = NULL;
		*n = 0;
		rc = archive_log_max(a, path, max, out, n, err);
	}
	return rc;
}

void logcache_carry(struct sqlite3 *db, const char *from)
{
	if (access(from, R_OK) != 0)
		return;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(db, lc_schema, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "ATTACH ? AS old", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return;
	/* All of it or none: tables of another shape are not copied. */
	if (sqlite3_exec(db, "SAVEPOINT carry;"
			 "INSERT OR IGNORE INTO " LC_TABLE "(id, parents, pos)"
			 " SELECT id, parents, pos FROM old." LC_TABLE ";"
			 "INSERT OR IGNORE INTO " LC_PARENTS "(id, n, parent)"
			 " SELECT id, n, parent FROM old." LC_PARENTS ";"
			 "INSERT OR IGNORE INTO " LC_CHANGES "(path, id, parent)"
			 " SELECT path, id, parent FROM old." LC_CHANGES ";"
			 "RELEASE carry", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(db, "ROLLBACK TO carry; RELEASE carry", NULL, NULL, NULL);
		sqlite3_exec(db, "DELETE FROM " LC_TABLE "; DELETE FROM " LC_PARENTS ";"
			     "DELETE FROM " LC_CHANGES, NULL, NULL, NULL);
	}
	sqlite3_exec(db, "DETACH old", NULL, NULL, NULL);
}
