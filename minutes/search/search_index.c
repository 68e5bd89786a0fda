/*
 * search_index: bringing the search index up to date with HEAD (see
 * search.h): the meetings whose minutes.yaml changed indexed again, the
 * ones gone dropped, in one transaction.
 */
#include "minutes/search/search_priv.h"
#include "minutes/model/yamlfile.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fewer meetings than this are read inline: a thread would not pay. */
#define FEED_MIN 64

const char *const search_kinds[] = {
	"title", "decision", "summary", "comment", "action", "presenter",
	"document", "venue", "present", "apologies", "in attendance",
	"declaration", "confirmed by", "motion", "amendment", "reason",
};

static long long day_key(const char *date)
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	return (long long)y * 372 + (m - 1) * 31 + (d - 1);
}

/* The key of a meeting: its date and slot. */
long long search_meeting_key(const char *date, long long slot)
{
	return ((DAY_MAX - day_key(date)) << SLOT_BITS) | slot;
}

long long search_row_base(const char *date, long long slot)
{
	return search_meeting_key(date, slot) << ROW_BITS;
}

int search_read_tree(struct search *s, char out[41])
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'tree'",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	out[0] = '\0';
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		snprintf(out, 41, "%s", v ? v : "");
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_CORRUPT;    /* no row: not an index of ours */
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- indexing ---- */

static const char *const ix_sql[] = {
	"INSERT INTO fieldtext(id, text, by, item, kind, idx, exempt) VALUES(?, ?, ?, ?, ?, ?, ?)",
	"DELETE FROM fieldtext WHERE id >= ? AND id <= ?",
	"SELECT blob, date, slot FROM meetings WHERE id = ?",
	/* Not OR REPLACE: a statement that may write more than one row and
	 * abort has a statement journal, and at every statement savepoint
	 * FTS5 flushes its pending rows into a new segment of their own:
	 * one segment a meeting, merged again and again (most of the first
	 * build's time).  A meeting indexed again is deleted first. */
	("INSERT INTO meetings(id, blob, date, slot, key, ok)"
	 " VALUES(?, ?, ?, ?, ?, ?)"),
	"DELETE FROM meetings WHERE id = ?",
	"SELECT max(slot) FROM meetings WHERE date = ?",
	/* The index reads the text it removes from fieldtext: rows leave the
	 * index before they leave fieldtext, and enter it after. */
	"INSERT INTO fields(rowid, text, by) SELECT id, text, by FROM fieldtext"
	" WHERE id >= ? AND id <= ?",
	"DELETE FROM fields WHERE rowid >= ? AND rowid <= ?",
	"INSERT INTO fields(rowid, text, by) VALUES(?, ?, ?)",
};

/* A first build indexes this many meetings' rows in one statement, a
 * segment of FTS5's (fifty at 100,000 meetings, merged at its end). */
#define BATCH_MEETINGS 2048


static int ix_prepare(struct indexer *ix)
{
	sqlite3_stmt **st[] = { &ix->ins, &ix->del, &ix->get, &ix->put, &ix->drop,
				&ix->maxslot, &ix->fts, &ix->unfts, &ix->fts_row };
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (sqlite3_prepare_v2(ix->s->db, ix_sql[i], -1, st[i], NULL) != SQLITE_OK)
			return -1;
	return registers_prepare(ix);
}

static void ix_finalize(struct indexer *ix)
{
	sqlite3_finalize(ix->ins);
	sqlite3_finalize(ix->del);
	sqlite3_finalize(ix->get);
	sqlite3_finalize(ix->put);
	sqlite3_finalize(ix->drop);
	sqlite3_finalize(ix->maxslot);
	sqlite3_finalize(ix->fts);
	sqlite3_finalize(ix->unfts);
	sqlite3_finalize(ix->fts_row);
	for (size_t i = 0; i <= MULTI_ROWS; i++)
		sqlite3_finalize(ix->multi[i]);
	for (size_t i = 0; i < ix->nrows; i++)
		free(ix->rows[i].owned);
	free(ix->rows);
	registers_finalize(ix);
}

void search_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void search_step_done(struct indexer *ix, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW && ix->rc == SQLITE_OK)
		ix->rc = rc;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void bind_range(sqlite3_stmt *st, long long lo, long long hi)
{
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
}

static void step_row(struct indexer *ix, sqlite3_stmt *st)
{
	/* Every parameter is bound anew: no clearing (millions of rows). */
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && ix->rc == SQLITE_OK)
		ix->rc = rc;
	sqlite3_reset(st);
}

/* Puts the rows waiting in fieldtext into the full-text index. */
static void flush_pending(struct indexer *ix)
{
	if (ix->pend_lo < 0)
		return;
	bind_range(ix->fts, ix->pend_lo, ix->pend_hi);
	search_step_done(ix, ix->fts);
	if (ix->pend_hi > ix->indexed_hi)
		ix->indexed_hi = ix->pend_hi;
	ix->pend_lo = -1;
	ix->pend_meetings = 0;
}

/* In a first build, the rows of the meeting just added, [lo, hi], go
 * into the index with the next meetings' (an update's went in one by one,
 * add_row).  A statement of many rows makes FTS5 write its pending terms
 * out as a segment of their own: a batch is a segment.  Batching needs
 * ascending ids, which a first build gives (newest meeting first); a
 * meeting out of that order is indexed on its own, so no row is ever
 * indexed twice. */
static void index_rows(struct indexer *ix, long long lo, long long hi)
{
	if (!ix->batch)
		return;
	if (lo > ix->indexed_hi && (ix->pend_lo < 0 || lo > ix->pend_hi)) {
		if (ix->pend_lo < 0)
			ix->pend_lo = lo;
		ix->pend_hi = hi;
		if (++ix->pend_meetings >= BATCH_MEETINGS)
			flush_pending(ix);
		return;
	}
	flush_pending(ix);
	ix->pend_lo = lo;
	ix->pend_hi = hi;
	flush_pending(ix);
}

static void bind_field(sqlite3_stmt *st, int p, const struct field_row *r)
{
	sqlite3_bind_int64(st, p, r->id);
	search_bind_text(st, p + 1, r->text);
	search_bind_text(st, p + 2, r->by);
	search_bind_text(st, p + 3, r->item);
	sqlite3_bind_int(st, p + 4, r->kind);
	sqlite3_bind_int64(st, p + 5, r->idx);
	if (r->exempt)
		sqlite3_bind_int(st, p + 6, 1);
	else
		sqlite3_bind_null(st, p + 6);
}

/* The statement that inserts n fields at once, prepared when first used. */
static sqlite3_stmt *multi_insert(struct indexer *ix, size_t n)
{
	if (!ix->multi[n]) {
		struct buf sql = BUF_INIT;
		buf_addstr(&sql, "INSERT INTO fieldtext(id, text, by, item, kind, idx, exempt) VALUES");
		for (size_t i = 0; i < n; i++)
			buf_addstr(&sql, i ? ", (?, ?, ?, ?, ?, ?, ?)" : " (?, ?, ?, ?, ?, ?, ?)");
		if (sqlite3_prepare_v2(ix->s->db, sql.data, -1, &ix->multi[n], NULL) != SQLITE_OK &&
		    ix->rc == SQLITE_OK)
			ix->rc = sqlite3_errcode(ix->s->db);
		buf_free(&sql);
	}
	return ix->multi[n];
}

/* In a first build, a meeting's fields wait in ix->rows and go in a few
 * statements of up to MULTI_ROWS rows each: a statement a row cost a
 * fifth of the build.  (In an update, a statement of many rows would make
 * FTS5 write out each meeting's terms as a segment of its own.) */
static void flush_fields(struct indexer *ix)
{
	for (size_t i = 0; i < ix->nrows && ix->rc == SQLITE_OK; i += MULTI_ROWS) {
		size_t n = ix->nrows - i < MULTI_ROWS ? ix->nrows - i : MULTI_ROWS;
		sqlite3_stmt *st = multi_insert(ix, n);
		if (!st)
			break;
		for (size_t j = 0; j < n; j++)
			bind_field(st, (int)(7 * j + 1), &ix->rows[i + j]);
		step_row(ix, st);
	}
	for (size_t i = 0; i < ix->nrows; i++)
		free(ix->rows[i].owned);
	ix->nrows = 0;
}

/* Adds a full-text row; its id, or -1 when there is none.  `owned`, when
 * not NULL, is `text` or `by`, made for this row: the indexer frees it
 * once the row is in (a first build keeps a meeting's rows until its
 * end: every string they point to must last as long). */
static long long add_field(struct indexer *ix, const char *item, int kind,
			   size_t idx, const char *by, const char *text, char *owned)
{
	if (!text || !*text || ix->row > ROW_MAX) {
		free(owned);
		return -1;
	}
	struct field_row r = {
		.id = ix->base | ix->row++, .text = text, .by = by, .item = item, .kind = kind,
		.idx = (long long)idx, .exempt = ix->exempt, .owned = owned,
	};
	if (ix->batch) {
		if (ix->nrows == ix->cap) {
			ix->cap = ix->cap ? 2 * ix->cap : 128;
			ix->rows = xrealloc(ix->rows, ix->cap * sizeof(*ix->rows));
		}
		ix->rows[ix->nrows++] = r;
		return r.id;
	}
	bind_field(ix->ins, 1, &r);
	step_row(ix, ix->ins);
	/* An update's rows go into the index one by one: a statement of many
	 * rows would make FTS5 write each meeting's terms out as a segment of
	 * its own. */
	sqlite3_bind_int64(ix->fts_row, 1, r.id);
	search_bind_text(ix->fts_row, 2, text);
	search_bind_text(ix->fts_row, 3, by);
	step_row(ix, ix->fts_row);
	free(owned);
	return r.id;
}

static long long add_row(struct indexer *ix, const char *item, int kind,
			 size_t idx, const char *by, const char *text)
{
	return add_field(ix, item, kind, idx, by, text, NULL);
}

/* "Name, role" or "Name". */
static void add_person(struct indexer *ix, const char *item, int kind,
		       size_t idx, const struct person *p)
{
	if (p->role && *p->role) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s, %s", p->name ? p->name : "", p->role);
		char *text = buf_detach(&b, NULL);
		add_field(ix, item, kind, idx, NULL, text, text);
	} else {
		add_row(ix, item, kind, idx, NULL, p->name);
	}
}

static void add_people(struct indexer *ix, int kind, const struct people *l)
{
	for (size_t i = 0; i < l->n; i++)
		add_person(ix, NULL, kind, i + 1, &l->v[i]);
}

/* Who moved it, in the `by` column that by: searches: "A", "A,
 * seconded by B" or "seconded by B". */
static long long add_moved(struct indexer *ix, const char *item, int kind, size_t idx,
			   const char *text, const char *mover, const char *seconder)
{
	struct buf by = BUF_INIT;
	if (mover && *mover)
		buf_addstr(&by, mover);
	if (seconder && *seconder)
		buf_addf(&by, "%sseconded by %s", by.len ? ", " : "", seconder);
	if (!by.len) {
		buf_free(&by);
		return add_row(ix, item, kind, idx, NULL, text);
	}
	char *who = buf_detach(&by, NULL);
	return add_field(ix, item, kind, idx, who, text, who);
}

/* Motions, numbered 1 up in the item; amendments numbered on through the
 * item too, so each hit names one.  A motion carried in an item with no
 * decision typed is the item's decision (minutes_motion_decides): the
 * register of decisions has it, on the motion's row. */
static void add_motions(struct indexer *ix, const char *n, const struct minutes_item *it)
{
	size_t amendment = 0;
	for (size_t j = 0; j < it->nmotions; j++) {
		const struct motion *mo = &it->motions[j];
		long long row = add_moved(ix, n, K_MOTION, j + 1, mo->text, mo->mover,
					  mo->seconder);
		if (minutes_motion_decides(it, mo)) {
			struct buf r = BUF_INIT;
			minutes_motion_resolution(&r, mo);
			registers_decision_add(ix, it, r.data, row);
			buf_free(&r);
		}
		for (size_t k = 0; k < mo->namendments; k++) {
			const struct amendment *a = &mo->amendments[k];
			add_moved(ix, n, K_AMENDMENT, ++amendment, a->text, a->mover, a->seconder);
		}
	}
}

static void add_minutes(struct indexer *ix, const struct minutes *m)
{
	add_row(ix, NULL, K_VENUE, 0, NULL, m->venue);
	add_people(ix, K_PRESENT, &m->present);
	add_people(ix, K_APOLOGIES, &m->apologies);
	add_people(ix, K_IN_ATTENDANCE, &m->in_attendance);
	for (size_t i = 0; i < m->ndeclarations; i++) {
		const struct declaration *d = &m->declarations[i];
		add_row(ix, d->item, K_DECLARATION, i + 1, d->member, d->interest);
	}
	for (size_t i = 0; i < m->nitems; i++) {
		const struct minutes_item *it = m->items[i];
		const char *n = it->number;
		ix->exempt = it->exempt && *it->exempt;
		add_row(ix, n, K_TITLE, 0, NULL, it->title);
		for (size_t j = 0; j < it->presenters.n; j++)
			add_person(ix, n, K_PRESENTER, j + 1, &it->presenters.v[j]);
		add_row(ix, n, K_SUMMARY, 0, NULL, it->summary);
		for (size_t j = 0; j < it->ncomments; j++)
			add_row(ix, n, K_COMMENT, j + 1, it->comments[j].by,
				it->comments[j].text);
		if (it->status != ITEM_TAKEN)
			add_row(ix, n, K_REASON, 0, NULL, it->reason);
		add_motions(ix, n, it);
		registers_decision_add(ix, it, it->decision,
				       add_row(ix, n, K_DECISION, 0, NULL, it->decision));
		for (size_t j = 0; j < it->nactions; j++)
			registers_action_add(ix, it, j, add_row(ix, n, K_ACTION, j + 1,
							       it->actions[j].owner,
							       it->actions[j].text));
		registers_updates_add(ix, it);
		for (size_t j = 0; j < it->documents.n; j++)
			add_row(ix, n, K_DOCUMENT, j + 1, NULL, it->documents.v[j].title);
	}
	ix->exempt = false;
	add_row(ix, NULL, K_CONFIRMED_BY, 0, NULL, m->confirmed_by);
	registers_attendance_add(ix, m);
}

/* The slot of meeting `id` in the index (-1 when it is not there). */
static long long known_slot(struct indexer *ix, const char *id, char blob[41])
{
	long long slot = -1;
	blob[0] = '\0';
	sqlite3_bind_text(ix->get, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(ix->get);
	if (rc == SQLITE_ROW) {
		const char *b = (const char *)sqlite3_column_text(ix->get, 0);
		snprintf(blob, 41, "%s", b ? b : "");
		slot = sqlite3_column_int64(ix->get, 2);
	} else if (rc != SQLITE_DONE && ix->rc == SQLITE_OK) {
		ix->rc = rc;
	}
	sqlite3_reset(ix->get);
	sqlite3_clear_bindings(ix->get);
	return slot;
}

static void drop_rows(struct indexer *ix, const char *date, long long slot)
{
	if (slot > SLOT_MAX)
		return;
	long long base = search_row_base(date, slot);
	flush_pending(ix);
	bind_range(ix->unfts, base, base | ROW_MAX);
	search_step_done(ix, ix->unfts);
	bind_range(ix->del, base, base | ROW_MAX);
	search_step_done(ix, ix->del);
	registers_drop(ix, base, base | ROW_MAX);
}

/* Drops meeting `id` ("<committee>/<folder>") from the index. */
static void drop_meeting(struct indexer *ix, const char *id)
{
	char blob[41];
	long long slot = known_slot(ix, id, blob);
	if (slot < 0)
		return;
	drop_rows(ix, strchr(id, '/') + 1, slot);
	sqlite3_bind_text(ix->drop, 1, id, -1, SQLITE_STATIC);
	search_step_done(ix, ix->drop);
	ix->u->removed++;
}

/* (Re)indexes meeting `id` from the blob `blob_id` of its minutes.yaml,
 * read here unless `fed` is FEED_LOADED (`pre` loaded already, and the
 * feed's to free) or FEED_UNREADABLE. */
static void index_meeting(struct indexer *ix, const char *id, const char *blob_id,
			  int fed, const struct yamlfile *pre)
{
	char old[41];
	char date[11];
	long long slot = known_slot(ix, id, old);
	if (slot >= 0 && !strcmp(old, blob_id))
		return;                 /* unchanged */
	if (slot >= 0) {
		sqlite3_bind_text(ix->drop, 1, id, -1, SQLITE_STATIC);
		search_step_done(ix, ix->drop);
	}
	snprintf(date, sizeof(date), "%s", strchr(id, '/') + 1);
	if (slot >= 0) {
		drop_rows(ix, date, slot);
	} else {
		sqlite3_bind_text(ix->maxslot, 1, date, -1, SQLITE_STATIC);
		slot = 0;
		if (sqlite3_step(ix->maxslot) == SQLITE_ROW &&
		    sqlite3_column_type(ix->maxslot, 0) != SQLITE_NULL)
			slot = sqlite3_column_int64(ix->maxslot, 0) + 1;
		sqlite3_reset(ix->maxslot);
		sqlite3_clear_bindings(ix->maxslot);
	}
	bool ok = false;
	if (slot <= SLOT_MAX) {
		struct yamlfile own;
		const struct minutes *m = fed == FEED_LOADED ? pre->minutes : NULL;
		bool mine = fed == FEED_NONE && search_load_minutes(ix->s->a, blob_id, id, &own);
		if (mine)
			m = own.minutes;
		if (m) {
			ix->base = search_row_base(date, slot);
			ix->row = 0;
			char *slug = xstrndup(id, (size_t)(strchr(id, '/') - id));
			ix->committee = slug;
			ix->folder = strchr(id, '/') + 1;
			add_minutes(ix, m);
			flush_fields(ix);
			if (ix->row)
				index_rows(ix, ix->base, ix->base | (ix->row - 1));
			free(slug);
			if (mine)
				yamlfile_free(&own);
			ok = true;
		}
	}
	if (!ok)
		ix->u->unreadable++;
	sqlite3_stmt *st = ix->put;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, blob_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, slot);
	/* A meeting past the last slot of its date keeps no rows, and a key
	 * no row can have. */
	sqlite3_bind_int64(st, 5, slot > SLOT_MAX ? -((search_meeting_key(date, 0) << 24) |
						      (slot & 0xffffff))
			   : search_meeting_key(date, slot));
	sqlite3_bind_int(st, 6, ok);
	search_step_done(ix, st);
	ix->u->indexed++;
}

/* The meeting id of a path "<committee>/<folder>/minutes.yaml", or NULL
 * when it is not a meeting's. */
static char *meeting_of(const char *path)
{
	const char *slash = strchr(path, '/');
	const char *last = strrchr(path, '/');
	if (!slash || slash == last || !slug_valid(path, (size_t)(slash - path)) ||
	    !slug_meeting_folder_valid(slash + 1, (size_t)(last - slash - 1)))
		return NULL;
	return xstrndup(path, (size_t)(last - path));
}

/* Newest meeting first, which is the order of the rows' ids. */
static int newest_first(const void *x, const void *y)
{
	const struct archive_blob *p = x, *q = y;
	const char *a = strchr(p->path, '/'), *b = strchr(q->path, '/');
	int c = strncmp(b ? b : "", a ? a : "", 11);
	return c ? c : strcmp(p->path, q->path);
}

static int by_id(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Drops every meeting in the index that is not among `ids` (sorted). */
static void drop_others(struct indexer *ix, char **ids, size_t n)
{
	sqlite3_stmt *st;
	char **gone = NULL;
	size_t ngone = 0;
	if (sqlite3_prepare_v2(ix->s->db, "SELECT id FROM meetings", -1, &st, NULL) != SQLITE_OK) {
		ix->rc = sqlite3_errcode(ix->s->db);
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (id && !bsearch(&id, ids, n, sizeof(*ids), by_id)) {
			gone = xrealloc(gone, (ngone + 1) * sizeof(*gone));
			gone[ngone++] = xstrdup(id);
		}
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < ngone; i++) {
		drop_meeting(ix, gone[i]);
		free(gone[i]);
	}
	free(gone);
}

/* Brings the open index up to date with HEAD. */
int search_update_index(struct search *s, struct search_update *u, struct diags *err)
{
	char head[41], tree[41];
	if (archive_head_tree(s->a, head, err) < 0)
		return -1;
	int rc = search_read_tree(s, tree);
	if (rc != SQLITE_OK)
		return search_db_fail(s, err, "cannot read the search index");
	if (!strcmp(head, tree))
		return 0;
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return search_db_fail(s, err, "cannot update the search index");
	/* Another gavel may have brought it up to date while we waited. */
	if (search_read_tree(s, tree) != SQLITE_OK) {
		search_db_fail(s, err, "cannot read the search index");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	struct archive_blob *files = NULL;
	size_t nfiles = 0;
	bool full = !*tree;
	if (*head && strcmp(head, tree)) {
		struct diags quiet;
		diags_init(&quiet);
		rc = archive_tree_files(s->a, head, *tree ? tree : NULL, MEETING_MINUTES,
					&files, &nfiles, &quiet);
		if (rc == ARCHIVE_ENOTFOUND && *tree) {
			/* The tree indexed last is gone (history rewritten and
			 * pruned): compare every meeting by its blob. */
			diags_clear(&quiet);
			full = true;
			rc = archive_tree_files(s->a, head, NULL, MEETING_MINUTES,
						&files, &nfiles, &quiet);
		}
		if (rc < 0) {
			for (size_t i = 0; i < quiet.n; i++)
				diags_add(err, quiet.v[i].file, 0, 0, "%s", quiet.v[i].msg);
			diags_free(&quiet);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		diags_free(&quiet);
	}
	struct indexer ix = { .s = s, .u = u, .rc = SQLITE_OK, .pend_lo = -1, .indexed_hi = -1,
			      .batch = !*tree };
	if (ix_prepare(&ix) < 0) {
		ix_finalize(&ix);
		archive_blobs_free(files, nfiles);
		search_db_fail(s, err, "cannot update the search index");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (nfiles > 1)
		qsort(files, nfiles, sizeof(*files), newest_first);
	char **ids = xcalloc(nfiles + 1, sizeof(*ids));
	size_t nids = 0;
	/* A first build reads and loads the minutes on a second thread. */
	struct feed *feed = !*tree && nfiles >= FEED_MIN ? feed_start(s->a, files, nfiles, meeting_of)
		: NULL;
	for (size_t i = 0; i < nfiles && ix.rc == SQLITE_OK; i++) {
		const struct yamlfile *pre = NULL;
		int fed = feed ? feed_take(feed, i, &pre) : FEED_NONE;
		char *id = meeting_of(files[i].path);
		if (!id)
			continue;
		if (files[i].id[0]) {
			index_meeting(&ix, id, files[i].id, fed, pre);
			ids[nids++] = id;
		} else {
			drop_meeting(&ix, id);
			free(id);
		}
		if (s->progress && (i % 100 == 99 || i + 1 == nfiles))
			s->progress(i + 1, nfiles, s->ctx);
	}
	if (ix.rc == SQLITE_OK && *tree && (full || !*head)) {
		qsort(ids, nids, sizeof(*ids), by_id);
		drop_others(&ix, ids, nids);
	}
	flush_pending(&ix);
	feed_stop(feed);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	archive_blobs_free(files, nfiles);
	ix_finalize(&ix);
	if (ix.rc == SQLITE_OK)
		ix.rc = registers_settle(&ix);
	if (ix.rc == SQLITE_OK) {
		sqlite3_stmt *st;
		ix.rc = sqlite3_prepare_v2(s->db, "UPDATE meta SET value = ? WHERE key = 'tree'",
					   -1, &st, NULL);
		if (ix.rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, head, -1, SQLITE_STATIC);
			ix.rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(s->db);
			sqlite3_finalize(st);
		}
	}
	if (ix.rc == SQLITE_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	search_db_fail(s, err, "cannot update the search index");
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

