/*
 * logcache_tables: the log cache's tables (logcache.c tells what they
 * hold): opening them, the keys a path is answered by, and the rows of
 * the commits a walk meets, made and written.
 */
#include "minutes/search/logcache_priv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
static const char *const lc_sql[Q_COUNT] = {
	[Q_COMMIT] = "SELECT parents, pos FROM " LC_TABLE " WHERE id = ?1",
	[Q_LINE] = "SELECT c.id, ch.path FROM " LC_CHANGES " ch JOIN " LC_TABLE
		   " c ON c.id = ch.id WHERE ch.path IN (?1, ?2, ?3) AND c.pos <= ?4"
		   " ORDER BY c.pos DESC",
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
	[Q_KNOWN] = ("SELECT count(*) FROM " LC_TABLE),
};

/* ---- the file ---- */

static bool damaged(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* Notes SQLite's answer `rc`; true when it is not one of success. */
bool logcache_failed(struct logcache *lc, int rc)
{
	if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
		return false;
	if (damaged(rc))
		lc->damaged = true;
	return true;
}

void logcache_finalize(struct logcache *lc)
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
		logcache_finalize(lc);
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
void logcache_load(struct logcache *lc)
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
bool logcache_write(struct logcache *lc)
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
	lc->writing = !logcache_failed(lc, rc);
	lc->readonly = !lc->writing;
	return lc->writing;
}

/* Runs statement `q`, which gives no rows; true when it did. */
bool logcache_run(struct logcache *lc, int q)
{
	int rc = sqlite3_step(lc->q[q]);
	sqlite3_reset(lc->q[q]);
	return !logcache_failed(lc, rc);
}

void logcache_bind_id(sqlite3_stmt *st, int col, const unsigned char *id)
{
	sqlite3_bind_blob(st, col, id, LC_OID, SQLITE_STATIC);
}

/* ---- the keys ---- */

void logcache_keys_init(struct lc_keys *k, const char *path)
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

void logcache_keys_free(struct lc_keys *k)
{
	for (size_t i = 0; i < 3; i++)
		free(k->key[i]);
}

void logcache_bind_keys(struct logcache *lc, sqlite3_stmt *st)
{
	for (int i = 0; i < 3; i++)
		sqlite3_bind_text(st, i + 1, lc->k.key[i], -1, SQLITE_STATIC);
}

/* The bits of the unit `unit` among the keys. */
unsigned logcache_bits(const struct lc_keys *k, const char *unit)
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
int logcache_changed(const struct lc_keys *k, const unsigned *bits, size_t nl)
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
		logcache_bind_id(st, 2, id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)parent);
		if (!logcache_run(lc, Q_ADD_CHANGE))
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
		unsigned b = logcache_bits(&lc->k, s);
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

/* Makes commit id's rows, kept until logcache_flush; its parents in `parents`
 * (WALK_MAX_PARENTS), *np of them, and the bits of its lists in `bits`
 * (LC_LISTS).  False when they cannot be made (a tree that cannot be
 * read, too many parents): the caller asks the trees then. */
bool logcache_make(struct logcache *lc, const struct walk_oid *id,
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
	if (*np)        /* a root commit: lc->par may still be NULL */
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
bool logcache_flush(struct logcache *lc)
{
	if (!lc->nnew)
		return true;
	if (!logcache_write(lc))
		return false;
	bool ok = true;
	for (size_t c = 0; ok && c < lc->nnew; c++) {
		const struct lc_new *v = &lc->nv[c];
		sqlite3_stmt *st = lc->q[Q_ADD_COMMIT];
		logcache_bind_id(st, 1, v->id.id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)v->np);
		if (v->pos >= 0)
			sqlite3_bind_int64(st, 3, v->pos);
		else
			sqlite3_bind_null(st, 3);
		ok = logcache_run(lc, Q_ADD_COMMIT);
		for (size_t i = 0; ok && i < v->np; i++) {
			st = lc->q[Q_ADD_PARENT];
			logcache_bind_id(st, 1, v->id.id);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
			logcache_bind_id(st, 3, lc->par[v->parents + i].id);
			ok = logcache_run(lc, Q_ADD_PARENT);
		}
	}
	sort_lc = lc;
	if (lc->nunits)
		qsort(lc->uv, lc->nunits, sizeof(*lc->uv), by_unit);
	for (size_t i = 0; ok && i < lc->nunits; i++) {
		sqlite3_stmt *st = lc->q[Q_ADD_CHANGE];
		sqlite3_bind_text(st, 1, lc->names.data + lc->uv[i].off, -1, SQLITE_STATIC);
		logcache_bind_id(st, 2, lc->nv[lc->uv[i].commit].id.id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)lc->uv[i].parent);
		ok = logcache_run(lc, Q_ADD_CHANGE);
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
bool logcache_expand(struct logcache *lc, const struct walk_oid *id, unsigned *bits,
		      size_t nl)
{
	struct buf u = BUF_INIT;
	if (!logcache_write(lc))
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
		logcache_bind_id(st, 2, id->id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		ok = logcache_run(lc, Q_DEL_CHANGE) && lc_add_units(lc, id->id, i, &u, count);
		if (!ok)
			lc->broken = true;      /* half written: not kept */
		/* Listed now: is the path's second name among them? */
		bits[i] &= ~(unsigned)K_MARK;
		const char *s = u.data;
		for (uint32_t c = 0; ok && c < count; c++, s += strlen(s) + 1)
			bits[i] |= logcache_bits(&lc->k, s) & (K_TWO | K_MARK);
	}
	buf_free(&u);
	return ok;
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
