/*
 * logcache_rows: the rows a call made, seen by SQLite as two tables of
 * the connection (eponymous virtual tables, never in the file), so that
 * each table of the cache gets them by one INSERT ... SELECT.
 *
 * Written a row a statement, the rows of a first walk cost SQLite more
 * in running 40,000 statements than in the rows; written many to a
 * statement, each statement copies the pages it finds to its statement
 * journal.  One statement a table runs once, and copies only the few
 * pages the table had before it.
 */
#include "minutes/search/logcache_priv.h"

#include <stdlib.h>
#include <string.h>

struct lc_vtab {
	sqlite3_vtab base;
	const struct lc_source *src;
};

struct lc_cursor {
	sqlite3_vtab_cursor base;
	const struct lc_source *src;
	size_t i;
};

static const char *const lc_shape[LC_SOURCES] = {
	[LC_NEW_COMMITS] = "CREATE TABLE x(cn, id, parents, parent, pos)",
	[LC_NEW_CHANGES] = "CREATE TABLE x(pn, cn, parent)",
};

static int lc_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
		      sqlite3_vtab **out, char **why)
{
	const struct lc_source *src = aux;
	(void)argc;
	(void)argv;
	(void)why;
	int rc = sqlite3_declare_vtab(db, lc_shape[src->which]);
	if (rc != SQLITE_OK)
		return rc;
	struct lc_vtab *v = sqlite3_malloc(sizeof(*v));
	if (!v)
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->src = src;
	*out = &v->base;
	return SQLITE_OK;
}

static int lc_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

static int lc_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
	(void)vt;
	info->estimatedCost = 1e6;   /* read once, in order */
	return SQLITE_OK;
}

static int lc_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	struct lc_cursor *c = sqlite3_malloc(sizeof(*c));
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	c->src = ((struct lc_vtab *)vt)->src;
	*out = &c->base;
	return SQLITE_OK;
}

static int lc_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int lc_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
		     sqlite3_value **argv)
{
	(void)idx;
	(void)idxstr;
	(void)argc;
	(void)argv;
	((struct lc_cursor *)cur)->i = 0;
	return SQLITE_OK;
}

static int lc_next(sqlite3_vtab_cursor *cur)
{
	((struct lc_cursor *)cur)->i++;
	return SQLITE_OK;
}

static size_t lc_count(const struct lc_source *src)
{
	return src->which == LC_NEW_COMMITS ? src->lc->nnew : src->lc->nunits;
}

static int lc_eof(sqlite3_vtab_cursor *cur)
{
	const struct lc_cursor *c = (const struct lc_cursor *)cur;
	return c->i >= lc_count(c->src);
}

static void lc_result_id(sqlite3_context *ctx, const unsigned char *id)
{
	sqlite3_result_blob(ctx, id, LC_OID, SQLITE_STATIC);
}

/* The new commits oldest first (their numbers rise with the line), the
 * changes in the order logcache_flush put them. */
static int lc_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const struct lc_cursor *c = (const struct lc_cursor *)cur;
	const struct logcache *lc = c->src->lc;
	if (c->src->which == LC_NEW_CHANGES) {
		const struct lc_unit *u = &lc->uv[c->i];
		sqlite3_result_int64(ctx, col == 0 ? u->name : col == 1 ? u->commit : u->parent);
		return SQLITE_OK;
	}
	const struct lc_new *v = &lc->nv[lc->nnew - 1 - c->i];
	switch (col) {
	case 0: sqlite3_result_int64(ctx, v->cn); break;
	case 1: lc_result_id(ctx, v->id.id); break;
	case 2: sqlite3_result_int64(ctx, (sqlite3_int64)v->np); break;
	case 3:
		if (v->np)
			lc_result_id(ctx, lc->par[v->parents].id);
		else
			sqlite3_result_null(ctx);
		break;
	default:
		if (v->pos >= 0)
			sqlite3_result_int64(ctx, v->pos);
		else
			sqlite3_result_null(ctx);
	}
	return SQLITE_OK;
}

static int lc_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *out)
{
	*out = (sqlite3_int64)((struct lc_cursor *)cur)->i;
	return SQLITE_OK;
}

/* No xCreate: eponymous only, nothing of it in the file. */
static const sqlite3_module lc_module = {
	.xConnect = lc_connect,
	.xBestIndex = lc_best_index,
	.xDisconnect = lc_disconnect,
	.xOpen = lc_open,
	.xClose = lc_close,
	.xFilter = lc_filter,
	.xNext = lc_next,
	.xEof = lc_eof,
	.xColumn = lc_column,
	.xRowid = lc_rowid,
};

/* Makes the tables LC_NEW_COMMITS_TABLE and LC_NEW_CHANGES_TABLE of lc's
 * connection. */
int logcache_rows_register(struct logcache *lc)
{
	static const char *const names[LC_SOURCES] = {
		[LC_NEW_COMMITS] = LC_NEW_COMMITS_TABLE,
		[LC_NEW_CHANGES] = LC_NEW_CHANGES_TABLE,
	};
	int rc = SQLITE_OK;
	for (int i = 0; rc == SQLITE_OK && i < LC_SOURCES; i++) {
		lc->src[i].lc = lc;
		lc->src[i].which = i;
		rc = sqlite3_create_module(lc->db, names[i], &lc_module, &lc->src[i]);
	}
	return rc;
}
