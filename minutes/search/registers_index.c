/*
 * registers_index: the registers' tables beside the full-text index
 * (registers.h says what they answer), filled as each meeting is indexed
 * and dropped with its rows, in the same transaction.
 *
 * Every row's id is in its meeting's range of ids (search_priv.h), so
 * ascending ids run newest meeting first and a meeting's rows go with
 * one range delete.  A decision's and an action's row has the id of its
 * full-text row, so a query's words find them through the FTS5 table (a
 * motion carried as the item's decision: the motion's row).
 *
 * An action's latest status (state, note, upd: the update's row,
 * note_exempt: the update is in exempt business) is
 * derived: the newest update of a later meeting naming its ref, else
 * done when the action has a done: date, else open.  Indexing a meeting
 * marks the refs of its actions and of its updates (added or dropped) in
 * the temporary table dirty; registers_settle works their status out again
 * before the transaction commits.
 */
#include "minutes/search/search_priv.h"

#include <stdio.h>
#include <string.h>

const char registers_schema[] =
	"CREATE TABLE actions(row INTEGER PRIMARY KEY, ref TEXT NOT NULL, item TEXT,"
	" idx INTEGER NOT NULL, text TEXT NOT NULL, owner TEXT, due TEXT, done TEXT,"
	" state INTEGER, note TEXT, upd INTEGER, note_exempt INTEGER,"
	" open INTEGER GENERATED ALWAYS AS (state < 2) VIRTUAL);"
	"CREATE INDEX actions_ref ON actions(ref);"
	"CREATE INDEX actions_open ON actions(open, row);"
	"CREATE TABLE updates(row INTEGER PRIMARY KEY, action TEXT NOT NULL,"
	" status INTEGER NOT NULL, note TEXT, item TEXT, exempt INTEGER);"
	"CREATE INDEX updates_action ON updates(action, row);"
	"CREATE TABLE decisions(row INTEGER PRIMARY KEY, item TEXT, minute INTEGER,"
	" title TEXT, text TEXT NOT NULL);"
	"CREATE TABLE attendance(row INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" kind INTEGER NOT NULL);";

/* The statements, in ix->reg: the inserts, then the four range deletes. */
enum { R_ACTION, R_UPDATE, R_DECISION, R_ATTEND, R_DIRTY_UPD, R_DIRTY, R_DEL, R_N = R_DEL + 4 };

static const char *const reg_sql[] = {
	("INSERT INTO actions(row, ref, item, idx, text, owner, due, done)"
	 " VALUES(?, ?, ?, ?, ?, ?, ?, ?)"),
	"INSERT INTO updates(row, action, status, note, item, exempt) VALUES(?, ?, ?, ?, ?, ?)",
	"INSERT INTO decisions(row, item, minute, title, text) VALUES(?, ?, ?, ?, ?)",
	"INSERT INTO attendance(row, name, kind) VALUES(?, ?, ?)",
	"INSERT OR IGNORE INTO dirty SELECT action FROM updates WHERE row BETWEEN ? AND ?",
	"INSERT OR IGNORE INTO dirty VALUES(?)",
	"DELETE FROM actions WHERE row BETWEEN ? AND ?",
	"DELETE FROM updates WHERE row BETWEEN ? AND ?",
	"DELETE FROM decisions WHERE row BETWEEN ? AND ?",
	"DELETE FROM attendance WHERE row BETWEEN ? AND ?",
};

int registers_prepare(struct indexer *ix)
{
	sqlite3 *db = ix->s->db;
	if (sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS dirty(ref TEXT PRIMARY KEY)",
			 NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < R_N; i++)
		if (sqlite3_prepare_v2(db, reg_sql[i], -1, &ix->reg[i], NULL) != SQLITE_OK)
			return -1;
	return 0;
}

void registers_finalize(struct indexer *ix)
{
	for (size_t i = 0; i < R_N; i++) {
		sqlite3_finalize(ix->reg[i]);
		ix->reg[i] = NULL;
	}
}

/* In a first build, every action's status is worked out once at the end
 * (registers_settle): no ref is marked. */
static void dirty(struct indexer *ix, const char *ref)
{
	if (ix->batch)
		return;
	sqlite3_bind_text(ix->reg[R_DIRTY], 1, ref, -1, SQLITE_STATIC);
	search_step_done(ix, ix->reg[R_DIRTY]);
}

void registers_drop(struct indexer *ix, long long lo, long long hi)
{
	sqlite3_bind_int64(ix->reg[R_DIRTY_UPD], 1, lo);
	sqlite3_bind_int64(ix->reg[R_DIRTY_UPD], 2, hi);
	search_step_done(ix, ix->reg[R_DIRTY_UPD]);
	for (size_t i = R_DEL; i < R_N; i++) {
		sqlite3_bind_int64(ix->reg[i], 1, lo);
		sqlite3_bind_int64(ix->reg[i], 2, hi);
		search_step_done(ix, ix->reg[i]);
	}
}

/* A row of the meeting's range of its own (no full-text row). */
static long long next_row(struct indexer *ix)
{
	return ix->row > ROW_MAX ? -1 : ix->base | ix->row++;
}

void registers_attendance_add(struct indexer *ix, const struct minutes *m)
{
	const struct people *lists[] = { &m->present, &m->apologies, &m->absent };
	sqlite3_stmt *st = ix->reg[R_ATTEND];
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < lists[k]->n; i++) {
			const char *name = lists[k]->v[i].name;
			long long row = next_row(ix);
			if (!name || !*name || row < 0)
				continue;
			sqlite3_bind_int64(st, 1, row);
			sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, k);
			search_step_done(ix, st);
		}
}

void registers_decision_add(struct indexer *ix, const struct minutes_item *it,
			    const char *text, long long row)
{
	if (row < 0)
		return;
	sqlite3_stmt *st = ix->reg[R_DECISION];
	sqlite3_bind_int64(st, 1, row);
	search_bind_text(st, 2, it->number);
	if (it->minute)
		sqlite3_bind_int64(st, 3, it->minute);
	search_bind_text(st, 4, it->title);
	search_bind_text(st, 5, text);
	search_step_done(ix, st);
}

void registers_action_add(struct indexer *ix, const struct minutes_item *it, size_t j,
			  long long row)
{
	const struct action *a = &it->actions[j];
	if (row < 0)
		return;
	/* The ref: "<committee>/<id>", or for an action without one (format
	 * 1) "<committee>/<folder>#<item>.<n>", which no update can name. */
	char ref[512];
	if (a->id && *a->id)
		snprintf(ref, sizeof(ref), "%s/%s", ix->committee, a->id);
	else
		snprintf(ref, sizeof(ref), "%s/%s#%s.%zu", ix->committee, ix->folder,
			 it->number ? it->number : "", j + 1);
	sqlite3_stmt *st = ix->reg[R_ACTION];
	sqlite3_bind_int64(st, 1, row);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
	search_bind_text(st, 3, it->number);
	sqlite3_bind_int64(st, 4, (long long)j + 1);
	search_bind_text(st, 5, a->text);
	search_bind_text(st, 6, a->owner);
	search_bind_text(st, 7, a->due);
	search_bind_text(st, 8, a->done);
	search_step_done(ix, st);
	dirty(ix, ref);
}

void registers_updates_add(struct indexer *ix, const struct minutes_item *it)
{
	sqlite3_stmt *st = ix->reg[R_UPDATE];
	for (size_t j = 0; j < it->nupdates; j++) {
		const struct action_update *u = &it->updates[j];
		long long row = next_row(ix);
		if (!u->action || !*u->action || row < 0)
			continue;
		char ref[512];
		snprintf(ref, sizeof(ref), "%s/%s", ix->committee, u->action);
		sqlite3_bind_int64(st, 1, row);
		sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, (int)u->status);
		search_bind_text(st, 4, u->note);
		search_bind_text(st, 5, it->number);
		sqlite3_bind_int(st, 6, ix->exempt);
		search_step_done(ix, st);
		dirty(ix, ref);
	}
}

int registers_settle(struct indexer *ix)
{
	/* update_status: 0 done, 1 in progress, 2 dropped; a register's
	 * state: 0 open, 1 in progress, 2 done, 3 dropped; the newest update
	 * (the lowest row) first, else the action's own done: date. */
	static const char status[] =
		"UPDATE actions SET (state, note, upd, note_exempt) = (SELECT s, n, r, e FROM"
		" (SELECT 0 AS k, * FROM (SELECT CASE u.status WHEN 0 THEN 2 WHEN 1 THEN 1"
		" ELSE 3 END AS s, u.note AS n, u.row AS r, u.exempt AS e FROM updates u"
		" WHERE u.action = actions.ref AND u.row < actions.row ORDER BY u.row LIMIT 1)"
		" UNION ALL SELECT 1, CASE WHEN actions.done IS NULL THEN 0 ELSE 2 END,"
		" NULL, NULL, NULL) ORDER BY k LIMIT 1)";
	struct buf sql = BUF_INIT;
	buf_addstr(&sql, status);
	if (!ix->batch)
		buf_addstr(&sql, " WHERE ref IN (SELECT ref FROM dirty)");
	buf_addstr(&sql, "; DELETE FROM dirty;");
	int rc = sqlite3_exec(ix->s->db, sql.data, NULL, NULL, NULL);
	buf_free(&sql);
	return rc;
}
