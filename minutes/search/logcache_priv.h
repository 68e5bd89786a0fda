/*
 * logcache_priv: what logcache.c (answering from the tables) and
 * logcache_tables.c (opening, making and writing them) share.  Only
 * minutes/search includes it.
 */
#ifndef GAVEL_LOGCACHE_PRIV_H
#define GAVEL_LOGCACHE_PRIV_H

#include "minutes/search/logcache.h"
#include "minutes/search/search_priv.h"
#include "minutes/git/walk.h"

#include <stdbool.h>

#define LC_OID ((int)WALK_OID_SIZE)

enum {
	Q_COMMIT,       /* a commit's parents and pos */
	Q_LINE,         /* the line's commits with rows for the keys, newest first */
	Q_ALL,          /* every commit's rows for the keys (a walk with merges) */
	Q_ADD_COMMITS,  /* the new commits, from LC_NEW_COMMITS_TABLE */
	Q_ADD_CHANGES,  /* their changes, from LC_NEW_CHANGES_TABLE */
	Q_ADD_PARENT, Q_ADD_CHANGE, Q_DEL_CHANGE,
	Q_UNPLACE,      /* the places past the fork taken back */
	Q_PLACE,
	Q_NONE,         /* whether no commit is known */
	Q_KNOWN,        /* how many commits are known */
	Q_PATH, Q_ADD_PATH,     /* a path's number; a new path */
	Q_LAST,         /* the highest commit number */
	Q_COUNT
};

enum { LC_NO, LC_YES, LC_DEEP, LC_EXPAND };

/* The rows this call made, as tables of the connection (logcache_rows.c). */
enum { LC_NEW_COMMITS, LC_NEW_CHANGES, LC_SOURCES };
#define LC_NEW_COMMITS_TABLE "gavel_new_commits"
#define LC_NEW_CHANGES_TABLE "gavel_new_changes"
struct logcache;
struct lc_source {
	struct logcache *lc;
	int which;
};

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
	sqlite3_int64 cn;       /* its number, once written */
};

/* One of their units: name number `name` (in nameoff) against the
 * commit's parent `parent`; once written, the numbers of the tables. */
struct lc_unit {
	sqlite3_int64 name;
	sqlite3_int64 commit;   /* in nv */
	sqlite3_int64 parent;
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
	/* The names of the units, each once: NUL-ended in names, found by
	 * hash in slots (index + 1; 0 free). */
	struct buf names;
	size_t *nameoff;
	size_t nnames, nameoff_cap;
	size_t *slots;
	size_t nslots;
	struct lc_source src[LC_SOURCES];
};

/* Makes the tables LC_NEW_COMMITS_TABLE and LC_NEW_CHANGES_TABLE of lc's
 * connection: the commits made (oldest first) and the units (in the order
 * logcache_flush put them), each with its numbers. */
int logcache_rows_register(struct logcache *lc);

/* Notes SQLite's answer `rc`; true when it is not one of success. */
bool logcache_failed(struct logcache *lc, int rc);

/* Opens the file with the tables, made when missing, and prepares the
 * statements.  Tables of another shape are made again; a file SQLite
 * finds damaged is too (the search index in it is damaged as well, and
 * search_open builds it again).  On failure lc->db is NULL. */
void logcache_load(struct logcache *lc);

void logcache_finalize(struct logcache *lc);

/* The transaction, begun the first time something is to be written;
 * false when it cannot be (another gavel writing, a read-only file). */
bool logcache_write(struct logcache *lc);

/* Runs statement `q`, which gives no rows; true when it did. */
bool logcache_run(struct logcache *lc, int q);

void logcache_bind_id(sqlite3_stmt *st, int col, const unsigned char *id);

void logcache_keys_init(struct lc_keys *k, const char *path);

void logcache_keys_free(struct lc_keys *k);

void logcache_bind_keys(struct logcache *lc, sqlite3_stmt *st);

/* The bits of the unit `unit` among the keys. */
unsigned logcache_bits(const struct lc_keys *k, const char *unit);

/* Whether a commit whose lists (one a parent, at least one) hold the
 * units `bits` changed the path: LC_YES (it differs from every parent),
 * LC_NO, LC_DEEP (it is deeper than the units, and its unit differs from
 * every parent: only the trees can tell), or LC_EXPAND (the names in its
 * top-level folder are not listed yet). */
int logcache_changed(const struct lc_keys *k, const unsigned *bits, size_t nl);

/* Makes commit id's rows, kept until logcache_flush; its parents in `parents`
 * (WALK_MAX_PARENTS), *np of them, and the bits of its lists in `bits`
 * (LC_LISTS).  False when they cannot be made (a tree that cannot be
 * read, too many parents): the caller asks the trees then. */
bool logcache_make(struct logcache *lc, const struct walk_oid *id,
		    struct walk_oid *parents, size_t *np, unsigned *bits);

/* Writes the commits this call made, in the order of the tables' keys
 * (each page written once).  False when they cannot be. */
bool logcache_flush(struct logcache *lc);

/* Lists the names inside the top-level folder of the path in place of its
 * marker, in each of commit id's `nl` lists whose bits hold the marker,
 * and sets their bits again.  False when it cannot (the trees, the file). */
bool logcache_expand(struct logcache *lc, const struct walk_oid *id, unsigned *bits,
		      size_t nl);

#endif
