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

/* Commits and paths are numbered (their rowids) and the changes keyed by
 * the numbers: small rows, compared as integers, written in key order.
 * pos has no index: a path's history reads its own few rows and sorts
 * them; an index would be a third place to write each commit (2% of a
 * first walk).  lc_line checks that no two of them share a place.
 * A commit's first parent is in its row; LC_PARENTS has only the others
 * (a merge's), so a line of commits is written as one row each. */
static const char lc_schema[] =
	"CREATE TABLE IF NOT EXISTS " LC_TABLE "(cn INTEGER PRIMARY KEY,"
	" id BLOB NOT NULL UNIQUE CHECK(length(id) = 20),"
	" parents INTEGER NOT NULL CHECK(parents >= 0),"
	" parent BLOB CHECK(CASE WHEN parents = 0 THEN parent IS NULL"
	" ELSE ifnull(length(parent), 0) = 20 END),"
	" pos INTEGER CHECK(pos >= 0));"
	"CREATE TABLE IF NOT EXISTS " LC_PARENTS "(cn INTEGER NOT NULL,"
	" n INTEGER NOT NULL CHECK(n > 0),"
	" parent BLOB NOT NULL CHECK(length(parent) = 20), PRIMARY KEY(cn, n))"
	" WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS " LC_PATHS "(pn INTEGER PRIMARY KEY,"
	" path TEXT NOT NULL UNIQUE CHECK(length(path) > 0));"
	"CREATE TABLE IF NOT EXISTS " LC_CHANGES "(pn INTEGER NOT NULL,"
	" cn INTEGER NOT NULL, parent INTEGER NOT NULL CHECK(parent >= 0),"
	" PRIMARY KEY(pn, cn, parent)) WITHOUT ROWID;";

static const char lc_drop[] =
	"DROP TABLE IF EXISTS " LC_TABLE "; DROP TABLE IF EXISTS " LC_PARENTS ";"
	"DROP TABLE IF EXISTS " LC_PATHS "; DROP TABLE IF EXISTS " LC_CHANGES ";";

/* A path's rows: its changes joined with their commits. */
#define LC_ROWS_OF_KEYS(cols) "SELECT " cols " FROM " LC_PATHS " p JOIN " LC_CHANGES \
	" ch ON ch.pn = p.pn JOIN " LC_TABLE " c ON c.cn = ch.cn" \
	" WHERE p.path IN (?1, ?2, ?3)"

/* The statements, prepared once a call.  The rows written are known to
 * be new (no OR REPLACE, no lookup first): one already there says the
 * tables contradict themselves (lc_inserted). */
static const char *const lc_sql[Q_COUNT] = {
	[Q_COMMIT] = "SELECT parents, pos, cn, parent FROM " LC_TABLE " WHERE id = ?1",
	[Q_LINE] = LC_ROWS_OF_KEYS("c.id, p.path, c.pos") " AND c.pos <= ?4 ORDER BY c.pos DESC",
	[Q_ALL] = LC_ROWS_OF_KEYS("c.id, p.path, ch.parent"),
	[Q_ADD_COMMITS] = "INSERT INTO " LC_TABLE "(cn, id, parents, parent, pos)"
			  " SELECT cn, id, parents, parent, pos FROM " LC_NEW_COMMITS_TABLE,
	[Q_ADD_CHANGES] = "INSERT INTO " LC_CHANGES "(pn, cn, parent)"
			  " SELECT pn, cn, parent FROM " LC_NEW_CHANGES_TABLE,
	[Q_ADD_PARENT] = "INSERT INTO " LC_PARENTS "(cn, n, parent) VALUES(?1, ?2, ?3)",
	[Q_ADD_CHANGE] = "INSERT INTO " LC_CHANGES "(pn, cn, parent) VALUES(?, ?, ?)",
	[Q_DEL_CHANGE] = "DELETE FROM " LC_CHANGES " WHERE pn = (SELECT pn FROM " LC_PATHS
			 " WHERE path = ?1) AND cn = ?2 AND parent = ?3",
	[Q_UNPLACE] = "UPDATE " LC_TABLE " SET pos = NULL WHERE pos > ?1",
	[Q_PLACE] = "UPDATE " LC_TABLE " SET pos = ?1 WHERE id = ?2",
	[Q_NONE] = "SELECT NOT EXISTS(SELECT 1 FROM " LC_TABLE ")",
	[Q_KNOWN] = ("SELECT count(*) FROM " LC_TABLE),
	[Q_PATH] = "SELECT pn FROM " LC_PATHS " WHERE path = ?1",
	[Q_ADD_PATH] = "INSERT INTO " LC_PATHS "(path) VALUES(?1)",
	[Q_LAST] = "SELECT max(cn) FROM " LC_TABLE,
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
	int rc = logcache_rows_register(lc);
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
				    LC_PARENTS "', '" LC_PATHS "', '" LC_CHANGES "')", -1, &st, NULL);
	int n = 0;
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK && n > 0 && n < 4)
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

/* Runs insert statement `st`, of `rows` rows.  Rows that break a key
 * or a CHECK, or fewer rows than asked, mean the tables contradict
 * themselves: they are made again. */
static bool lc_inserted(struct logcache *lc, sqlite3_stmt *st, int rows)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT ||
	    (rc == SQLITE_DONE && sqlite3_changes(lc->db) != rows))
		lc->damaged = true;
	return !logcache_failed(lc, rc) && !lc->damaged;
}

static bool lc_insert(struct logcache *lc, int q)
{
	return lc_inserted(lc, lc->q[q], 1);
}

/* Path `path`'s number in LC_PATHS, given one when it has none. */
static bool lc_path_number(struct logcache *lc, const char *path, sqlite3_int64 *pn)
{
	sqlite3_stmt *st = lc->q[Q_PATH];
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*pn = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (logcache_failed(lc, s))
		return false;
	if (s == SQLITE_ROW)
		return true;
	sqlite3_bind_text(lc->q[Q_ADD_PATH], 1, path, -1, SQLITE_STATIC);
	if (!lc_insert(lc, Q_ADD_PATH))
		return false;
	*pn = sqlite3_last_insert_rowid(lc->db);
	return true;
}

/* Commit id's number in LC_TABLE; false when it has none. */
static bool lc_commit_number(struct logcache *lc, const unsigned char *id, sqlite3_int64 *cn)
{
	sqlite3_stmt *st = lc->q[Q_COMMIT];
	logcache_bind_id(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*cn = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	return !logcache_failed(lc, s) && s == SQLITE_ROW;
}

static size_t lc_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The number of the unit name `s` in this call's names, added when new:
 * the tables get each name's number once, not once a row. */
static size_t lc_intern(struct logcache *lc, const char *s)
{
	if (2 * (lc->nnames + 1) > lc->nslots) {
		size_t n = lc->nslots ? 2 * lc->nslots : 256;
		free(lc->slots);
		lc->slots = xcalloc(n, sizeof(*lc->slots));
		lc->nslots = n;
		for (size_t i = 0; i < lc->nnames; i++) {
			size_t h = lc_hash(lc->names.data + lc->nameoff[i]) & (n - 1);
			while (lc->slots[h])
				h = (h + 1) & (n - 1);
			lc->slots[h] = i + 1;
		}
	}
	size_t h = lc_hash(s) & (lc->nslots - 1);
	for (; lc->slots[h]; h = (h + 1) & (lc->nslots - 1))
		if (!strcmp(lc->names.data + lc->nameoff[lc->slots[h] - 1], s))
			return lc->slots[h] - 1;
	xgrow((void **)&lc->nameoff, &lc->nameoff_cap, lc->nnames + 1, sizeof(*lc->nameoff));
	lc->nameoff[lc->nnames] = lc->names.len;
	buf_add(&lc->names, s, strlen(s) + 1);
	lc->slots[h] = lc->nnames + 1;
	return lc->nnames++;
}

/* Adds the units listed back to back in `u` (each ended by a NUL, `count`
 * of them) as commit cn's rows against parent `parent`. */
static bool lc_add_units(struct logcache *lc, sqlite3_int64 cn, size_t parent,
			 const struct buf *u, uint32_t count)
{
	sqlite3_stmt *st = lc->q[Q_ADD_CHANGE];
	const char *s = u->data;
	for (uint32_t i = 0; i < count; i++, s += strlen(s) + 1) {
		sqlite3_int64 pn;
		if (!lc_path_number(lc, s, &pn))
			return false;
		sqlite3_bind_int64(st, 1, pn);
		sqlite3_bind_int64(st, 2, cn);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)parent);
		if (!lc_inserted(lc, st, 1))
			return false;
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
		lc->uv[lc->nunits].name = (sqlite3_int64)lc_intern(lc, s);
		lc->uv[lc->nunits].commit = (sqlite3_int64)c;
		lc->uv[lc->nunits++].parent = (sqlite3_int64)parent;
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
	size_t c = lc->nnew, units = lc->nunits;
	xgrow((void **)&lc->nv, &lc->nv_cap, c + 1, sizeof(*lc->nv));
	lc->nv[c].id = *id;
	lc->nv[c].np = *np;
	lc->nv[c].parents = lc->npar;
	lc->nv[c].pos = -1;
	lc->nv[c].cn = -1;
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
	if (!ok) {              /* names it interned stay: unused, harmless */
		lc->nnew = c;
		lc->npar = lc->nv[c].parents;
		lc->nunits = units;
	}
	return ok;
}

static const sqlite3_int64 *sort_pn;

static int by_number(const void *x, const void *y)
{
	sqlite3_int64 a = sort_pn[*(const size_t *)x], b = sort_pn[*(const size_t *)y];
	return a < b ? -1 : a > b;
}

/* Puts the units in the order of LC_CHANGES's key (path, commit, parent)
 * with their numbers, names numbered `pn`.  They were made commit by
 * commit, each commit's in the order of its parents, and the numbers of
 * the commits fall as they were made: read back commit by commit, they
 * need only be dealt out by path. */
static void lc_order_units(struct logcache *lc, const sqlite3_int64 *pn)
{
	size_t *order = xmalloc((lc->nnames + 1) * sizeof(*order));
	size_t *start = xcalloc(lc->nnames + 1, sizeof(*start));
	struct lc_unit *out = xmalloc((lc->nunits + 1) * sizeof(*out));
	for (size_t i = 0; i < lc->nnames; i++)
		order[i] = i;
	sort_pn = pn;
	if (lc->nnames)
		qsort(order, lc->nnames, sizeof(*order), by_number);
	/* start[name]: where its rows begin. */
	for (size_t i = 0; i < lc->nunits; i++)
		start[lc->uv[i].name]++;
	for (size_t i = 0, at = 0; i < lc->nnames; i++) {
		size_t n = start[order[i]];
		start[order[i]] = at;
		at += n;
	}
	for (size_t end = lc->nunits; end > 0;) {
		size_t first = end;
		while (first > 0 && lc->uv[first - 1].commit == lc->uv[end - 1].commit)
			first--;
		for (size_t i = first; i < end; i++) {
			const struct lc_unit *u = &lc->uv[i];
			struct lc_unit *o = &out[start[u->name]++];
			o->name = pn[u->name];
			o->commit = lc->nv[u->commit].cn;
			o->parent = u->parent;
		}
		end = first;
	}
	memcpy(lc->uv, out, lc->nunits * sizeof(*out));
	free(out);
	free(start);
	free(order);
}

/* Numbers the new commits after the highest known and writes them, with
 * the other parents of the merges among them. */
static bool lc_flush_commits(struct logcache *lc)
{
	sqlite3_stmt *st = lc->q[Q_LAST];
	int s = sqlite3_step(st);
	sqlite3_int64 last = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (logcache_failed(lc, s))
		return false;
	for (size_t i = 0; i < lc->nnew; i++)
		lc->nv[lc->nnew - 1 - i].cn = last + 1 + (sqlite3_int64)i;
	bool ok = lc_inserted(lc, lc->q[Q_ADD_COMMITS], (int)lc->nnew);
	for (size_t c = 0; ok && c < lc->nnew; c++) {
		const struct lc_new *v = &lc->nv[c];
		for (size_t i = 1; ok && i < v->np; i++) {
			st = lc->q[Q_ADD_PARENT];
			sqlite3_bind_int64(st, 1, v->cn);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
			logcache_bind_id(st, 3, lc->par[v->parents + i].id);
			ok = lc_insert(lc, Q_ADD_PARENT);
		}
	}
	return ok;
}

/* Writes the commits this call made, in the order of the tables' keys
 * (each page written once).  False when they cannot be. */
bool logcache_flush(struct logcache *lc)
{
	if (!lc->nnew)
		return true;
	if (!logcache_write(lc))
		return false;
	bool ok = lc_flush_commits(lc);
	sqlite3_int64 *pn = xmalloc((lc->nnames ? lc->nnames : 1) * sizeof(*pn));
	for (size_t i = 0; ok && i < lc->nnames; i++)
		ok = lc_path_number(lc, lc->names.data + lc->nameoff[i], &pn[i]);
	if (ok)
		lc_order_units(lc, pn);
	free(pn);
	if (ok)
		ok = lc_inserted(lc, lc->q[Q_ADD_CHANGES], (int)lc->nunits);
	lc->nnew = lc->npar = lc->nunits = lc->nnames = 0;
	buf_reset(&lc->names);
	if (lc->slots)
		memset(lc->slots, 0, lc->nslots * sizeof(*lc->slots));
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
	sqlite3_int64 cn = 0;
	if (!logcache_write(lc) || !lc_commit_number(lc, id->id, &cn))
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
		sqlite3_bind_int64(st, 2, cn);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		ok = logcache_run(lc, Q_DEL_CHANGE) && lc_add_units(lc, cn, i, &u, count);
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
			 "INSERT INTO " LC_TABLE "(cn, id, parents, parent, pos)"
			 " SELECT cn, id, parents, parent, pos FROM old." LC_TABLE ";"
			 "INSERT INTO " LC_PARENTS "(cn, n, parent)"
			 " SELECT cn, n, parent FROM old." LC_PARENTS ";"
			 "INSERT INTO " LC_PATHS "(pn, path)"
			 " SELECT pn, path FROM old." LC_PATHS ";"
			 "INSERT INTO " LC_CHANGES "(pn, cn, parent)"
			 " SELECT pn, cn, parent FROM old." LC_CHANGES ";"
			 "RELEASE carry", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(db, "ROLLBACK TO carry; RELEASE carry", NULL, NULL, NULL);
		sqlite3_exec(db, "DELETE FROM " LC_TABLE "; DELETE FROM " LC_PARENTS ";"
			     "DELETE FROM " LC_PATHS "; DELETE FROM " LC_CHANGES, NULL, NULL, NULL);
	}
	sqlite3_exec(db, "DETACH old", NULL, NULL, NULL);
}
