/* search: the full-text index of the minutes and searching it (search.h). */
#include "minutes/search/search.h"
#include "minutes/model/yamlfile.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bump when the tables or what goes in them change: an index of another
 * version is built again. */
#define SCHEMA_VERSION 3

/* A row's id: DAY_MAX less the meeting's date (22 bits), the meeting's
 * slot among the meetings of that date (14 bits), and the row's place in
 * the meeting (27 bits), so that ascending ids run newest meeting first
 * and, within a meeting, in the order of the minutes.  The top 36 bits
 * are the meeting's key. */
#define ROW_BITS 27
#define SLOT_BITS 14
#define DAY_BITS 22
#define ROW_MAX ((1LL << ROW_BITS) - 1)
#define SLOT_MAX ((1LL << SLOT_BITS) - 1)
#define DAY_MAX ((1LL << DAY_BITS) - 1)

/* The kinds of field, as stored (an index into this table). */
static const char *const kinds[] = {
	"title", "decision", "summary", "comment", "action", "presenter",
	"document", "venue", "present", "apologies", "in attendance",
	"declaration", "confirmed by",
};
enum { K_TITLE, K_DECISION, K_SUMMARY, K_COMMENT, K_ACTION, K_PRESENTER,
       K_DOCUMENT, K_VENUE, K_PRESENT, K_APOLOGIES, K_IN_ATTENDANCE,
       K_DECLARATION, K_CONFIRMED_BY, K_COUNT };

struct search {
	sqlite3 *db;
	struct archive *a;
	char *path;                     /* NULL when in memory */
	search_progress_fn progress;
	void *ctx;
};

static const char schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE meetings(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" blob TEXT NOT NULL, date TEXT NOT NULL, slot INTEGER NOT NULL,"
	" ok INTEGER NOT NULL);"
	"CREATE INDEX meetings_date ON meetings(date, slot);"
	"CREATE VIRTUAL TABLE fields USING fts5(text, by, item UNINDEXED,"
	" kind UNINDEXED, idx UNINDEXED, columnsize = 0,"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO meta VALUES('tree', '');";

static int db_fail(struct search *s, struct diags *err, const char *what)
{
	diags_add(err, s->path ? s->path : "(index in memory)", 0, 0,
		  "%s: %s", what, sqlite3_errmsg(s->db));
	return -1;
}

/* True for SQLite's answers that mean the file is not a sound index. */
static bool damaged(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_ERROR ||
	       rc == SQLITE_SCHEMA || rc == SQLITE_MISMATCH || rc == SQLITE_FORMAT;
}

char *search_index_path(const struct archive *a)
{
	struct buf b = BUF_INIT;
	const char *g = archive_gitdir(a);
	size_t n = strlen(g);
	buf_addf(&b, "%s%s%s/%s", g, n && g[n - 1] == '/' ? "" : "/", SEARCH_DIR,
		 SEARCH_FILE);
	return buf_detach(&b, NULL);
}

static long long day_key(const char *date)
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	return (long long)y * 372 + (m - 1) * 31 + (d - 1);
}

/* The key of a meeting: its date and slot. */
static long long meeting_key(const char *date, long long slot)
{
	return ((DAY_MAX - day_key(date)) << SLOT_BITS) | slot;
}

static long long row_base(const char *date, long long slot)
{
	return meeting_key(date, slot) << ROW_BITS;
}

/* ---- the tables ---- */

/* The tree id the index was brought up to, into out (41 bytes). */
static int read_tree(struct search *s, char out[41])
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

/* Opens an existing index file and checks it is one of this version:
 * SQLITE_OK, SQLITE_CANTOPEN when there is none, or another code when it
 * is damaged or of another version. */
static int open_existing(struct search *s)
{
	int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_busy_timeout(s->db, 10000);
	/* Reading through a mapping saves a copy of every page read. */
	sqlite3_exec(s->db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
	sqlite3_stmt *st;
	rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	int version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc;
	if (version != SCHEMA_VERSION)
		return SQLITE_SCHEMA;
	char tree[41];
	rc = read_tree(s, tree);
	if (rc != SQLITE_OK)
		return rc;
	/* The full-text table answers too (a damaged one fails here). */
	return sqlite3_exec(s->db, "SELECT rowid FROM fields LIMIT 1", NULL, NULL, NULL);
}

static int create_schema(struct search *s, struct diags *err)
{
	char v[64];
	snprintf(v, sizeof(v), "PRAGMA user_version = %d;", SCHEMA_VERSION);
	if (sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, v, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s, err, "cannot create the search index");
	return 0;
}

static void remove_files(const char *path)
{
	static const char *const ext[] = { "", "-journal", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s%s", path, ext[i]);
		unlink(b.data);
		buf_free(&b);
	}
}

/* ---- indexing ---- */

struct indexer {
	struct search *s;
	sqlite3_stmt *ins, *del, *get, *put, *drop, *maxslot;
	long long base, row;
	int rc;
	struct search_update *u;
};

static const char *const ix_sql[] = {
	"INSERT INTO fields(rowid, text, by, item, kind, idx) VALUES(?, ?, ?, ?, ?, ?)",
	"DELETE FROM fields WHERE rowid >= ? AND rowid <= ?",
	"SELECT blob, date, slot FROM meetings WHERE id = ?",
	("INSERT OR REPLACE INTO meetings(id, blob, date, slot, key, ok)"
	 " VALUES(?, ?, ?, ?, ?, ?)"),
	"DELETE FROM meetings WHERE id = ?",
	"SELECT max(slot) FROM meetings WHERE date = ?",
};

static int ix_prepare(struct indexer *ix)
{
	sqlite3_stmt **st[] = { &ix->ins, &ix->del, &ix->get, &ix->put, &ix->drop,
				&ix->maxslot };
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (sqlite3_prepare_v2(ix->s->db, ix_sql[i], -1, st[i], NULL) != SQLITE_OK)
			return -1;
	return 0;
}

static void ix_finalize(struct indexer *ix)
{
	sqlite3_finalize(ix->ins);
	sqlite3_finalize(ix->del);
	sqlite3_finalize(ix->get);
	sqlite3_finalize(ix->put);
	sqlite3_finalize(ix->drop);
	sqlite3_finalize(ix->maxslot);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void step_done(struct indexer *ix, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW && ix->rc == SQLITE_OK)
		ix->rc = rc;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void add_row(struct indexer *ix, const char *item, int kind,
		    size_t idx, const char *by, const char *text)
{
	if (!text || !*text || ix->row > ROW_MAX)
		return;
	sqlite3_stmt *st = ix->ins;
	sqlite3_bind_int64(st, 1, ix->base | ix->row++);
	bind_text(st, 2, text);
	bind_text(st, 3, by);
	bind_text(st, 4, item);
	sqlite3_bind_int(st, 5, kind);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)idx);
	step_done(ix, st);
}

/* "Name, role" or "Name". */
static void add_person(struct indexer *ix, const char *item, int kind,
		       size_t idx, const struct person *p)
{
	if (p->role && *p->role) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s, %s", p->name ? p->name : "", p->role);
		add_row(ix, item, kind, idx, NULL, b.data);
		buf_free(&b);
	} else {
		add_row(ix, item, kind, idx, NULL, p->name);
	}
}

static void add_people(struct indexer *ix, int kind, const struct people *l)
{
	for (size_t i = 0; i < l->n; i++)
		add_person(ix, NULL, kind, i + 1, &l->v[i]);
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
		add_row(ix, n, K_TITLE, 0, NULL, it->title);
		for (size_t j = 0; j < it->presenters.n; j++)
			add_person(ix, n, K_PRESENTER, j + 1, &it->presenters.v[j]);
		add_row(ix, n, K_SUMMARY, 0, NULL, it->summary);
		for (size_t j = 0; j < it->ncomments; j++)
			add_row(ix, n, K_COMMENT, j + 1, it->comments[j].by,
				it->comments[j].text);
		add_row(ix, n, K_DECISION, 0, NULL, it->decision);
		for (size_t j = 0; j < it->nactions; j++)
			add_row(ix, n, K_ACTION, j + 1, it->actions[j].owner,
				it->actions[j].text);
		for (size_t j = 0; j < it->documents.n; j++)
			add_row(ix, n, K_DOCUMENT, j + 1, NULL, it->documents.v[j].title);
	}
	add_row(ix, NULL, K_CONFIRMED_BY, 0, NULL, m->confirmed_by);
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
	long long base = row_base(date, slot);
	sqlite3_bind_int64(ix->del, 1, base);
	sqlite3_bind_int64(ix->del, 2, base | ROW_MAX);
	step_done(ix, ix->del);
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
	step_done(ix, ix->drop);
	ix->u->removed++;
}

/* (Re)indexes meeting `id` from the blob `blob_id` of its minutes.yaml. */
static void index_meeting(struct indexer *ix, const char *id, const char *blob_id)
{
	char old[41];
	char date[11];
	long long slot = known_slot(ix, id, old);
	if (slot >= 0 && !strcmp(old, blob_id))
		return;                 /* unchanged */
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
		struct buf b = BUF_INIT;
		struct diags quiet;
		struct yamlfile doc;
		diags_init(&quiet);
		if (archive_read_blob(ix->s->a, blob_id, &b, &quiet) == 0 &&
		    yamlfile_load_mem(&doc, id, b.data, b.len, YAMLFILE_MINUTES, &quiet) == YAMLFILE_OK) {
			ix->base = row_base(date, slot);
			ix->row = 0;
			add_minutes(ix, doc.minutes);
			yamlfile_free(&doc);
			ok = true;
		}
		diags_free(&quiet);
		buf_free(&b);
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
	sqlite3_bind_int64(st, 5, slot > SLOT_MAX ? -((meeting_key(date, 0) << 24) |
						      (slot & 0xffffff))
			   : meeting_key(date, slot));
	sqlite3_bind_int(st, 6, ok);
	step_done(ix, st);
	ix->u->indexed++;
}

/* The meeting id of a path "<committee>/<folder>/minutes.yaml", or NULL
 * when it is not a meeting's. */
static char *meeting_of(const char *path)
{
	const char *slash = strchr(path, '/');
	const char *last = strrchr(path, '/');
	if (!slash || slash == last || !slug_valid(path, (size_t)(slash - path)) ||
	    !meeting_folder_valid(slash + 1, (size_t)(last - slash - 1)))
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
static int update(struct search *s, struct search_update *u, struct diags *err)
{
	char head[41], tree[41];
	if (archive_head_tree(s->a, head, err) < 0)
		return -1;
	int rc = read_tree(s, tree);
	if (rc != SQLITE_OK)
		return db_fail(s, err, "cannot read the search index");
	if (!strcmp(head, tree))
		return 0;
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s, err, "cannot update the search index");
	/* Another gavel may have brought it up to date while we waited. */
	if (read_tree(s, tree) != SQLITE_OK) {
		db_fail(s, err, "cannot read the search index");
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
	struct indexer ix = { .s = s, .u = u, .rc = SQLITE_OK };
	if (ix_prepare(&ix) < 0) {
		ix_finalize(&ix);
		archive_blobs_free(files, nfiles);
		db_fail(s, err, "cannot update the search index");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (nfiles > 1)
		qsort(files, nfiles, sizeof(*files), newest_first);
	char **ids = xcalloc(nfiles + 1, sizeof(*ids));
	size_t nids = 0;
	for (size_t i = 0; i < nfiles && ix.rc == SQLITE_OK; i++) {
		char *id = meeting_of(files[i].path);
		if (!id)
			continue;
		if (files[i].id[0]) {
			index_meeting(&ix, id, files[i].id);
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
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	archive_blobs_free(files, nfiles);
	ix_finalize(&ix);
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
	db_fail(s, err, "cannot update the search index");
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* ---- opening ---- */

/* Builds the index from scratch in a new file beside the old one, then
 * renames it into place.  1 when the file cannot be written at all. */
static int rebuild(struct search *s, struct search_update *u, struct diags *err)
{
	u->rebuilt = true;
	char *dir = xstrdup(s->path);
	*strrchr(dir, '/') = '\0';
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		free(dir);
		return 1;
	}
	free(dir);
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.new-%ld", s->path, (long)getpid());
	remove_files(tmp.data);
	int rc = sqlite3_open_v2(tmp.data, &s->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK || sqlite3_exec(s->db, "PRAGMA journal_mode = OFF;"
					    "PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK) {
		int e = errno;
		sqlite3_close(s->db);
		s->db = NULL;
		remove_files(tmp.data);
		buf_free(&tmp);
		return (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY ||
		       e == EACCES || e == EROFS ? 1 : -1;
	}
	char *final = s->path;
	s->path = tmp.data;
	rc = create_schema(s, err);
	if (rc == 0)
		rc = update(s, u, err);
	if (rc == 0 && sqlite3_exec(s->db, "INSERT INTO fields(fields) VALUES('optimize')",
				    NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(s, err, "cannot build the search index");
	sqlite3_close(s->db);
	s->db = NULL;
	s->path = final;
	if (rc == 0 && rename(tmp.data, final) < 0) {
		diags_add(err, final, 0, 0, "cannot put the new search index in place: %s",
			  strerror(errno));
		rc = -1;
	}
	if (rc < 0)
		remove_files(tmp.data);
	buf_free(&tmp);
	if (rc < 0)
		return rc;
	rc = open_existing(s);
	if (rc != SQLITE_OK)
		return db_fail(s, err, "cannot open the new search index");
	return 0;
}

/* Builds the index in memory, when the git directory cannot hold one. */
static int in_memory(struct search *s, struct search_update *u, struct diags *err)
{
	free(s->path);
	s->path = NULL;
	u->in_memory = true;
	u->rebuilt = true;
	if (sqlite3_open(":memory:", &s->db) != SQLITE_OK)
		return db_fail(s, err, "cannot make a search index in memory");
	if (create_schema(s, err) < 0)
		return -1;
	return update(s, u, err);
}

/* Opens the index, building it when it is missing or damaged. */
static int open_index(struct search *s, struct search_update *u, struct diags *err)
{
	int rc = open_existing(s);
	if (rc != SQLITE_OK) {
		sqlite3_close(s->db);
		s->db = NULL;
		rc = rebuild(s, u, err);
		if (rc > 0)
			return in_memory(s, u, err);
		return rc;
	}
	if (update(s, u, err) == 0)
		return 0;
	/* A damaged file may only show when it is written. */
	if (!damaged(sqlite3_errcode(s->db)))
		return -1;
	diags_clear(err);
	sqlite3_close(s->db);
	s->db = NULL;
	*u = (struct search_update){ 0 };
	rc = rebuild(s, u, err);
	return rc > 0 ? in_memory(s, u, err) : rc;
}

int search_open(struct search **out, struct archive *a,
		search_progress_fn progress, void *ctx,
		struct search_update *update_out, struct diags *err)
{
	struct search_update u = { 0 };
	struct search *s = xcalloc(1, sizeof(*s));
	s->a = a;
	s->path = search_index_path(a);
	s->progress = progress;
	s->ctx = ctx;
	*out = NULL;
	if (open_index(s, &u, err) < 0) {
		search_close(s);
		return -1;
	}
	if (update_out)
		*update_out = u;
	*out = s;
	return 0;
}

void search_close(struct search *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/* ---- searching ---- */

/* The meetings of the hits, looked up by key; hits come meeting by
 * meeting, so one look-up serves a meeting's every hit. */
struct meeting_cache {
	sqlite3_stmt *st;
	long long key;
	char *id;               /* NULL when the key names no meeting */
};

static const char *cached_meeting(struct meeting_cache *c, long long key)
{
	if (key == c->key)
		return c->id;
	free(c->id);
	c->id = NULL;
	c->key = key;
	sqlite3_bind_int64(c->st, 1, key);
	if (sqlite3_step(c->st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(c->st, 0);
		c->id = id ? xstrdup(id) : NULL;
	}
	sqlite3_reset(c->st);
	return c->id;
}

static bool committee_wanted(const struct query *q, const char *id)
{
	if (!q->ncommittees)
		return true;
	size_t n = (size_t)(strchr(id, '/') - id);
	for (size_t i = 0; i < q->ncommittees; i++)
		if (strlen(q->committees[i]) == n && !memcmp(q->committees[i], id, n))
			return true;
	return false;
}

static int run_once(struct search *s, const struct query *q,
		    int (*each)(const struct search_hit *hit, void *ctx), void *ctx,
		    size_t *count, bool *emitted)
{
	struct buf sql = BUF_INIT, match = BUF_INIT;
	bool count_all = !each && !q->ncommittees;
	query_match(q, "text by", "by", &match);
	buf_addstr(&sql, each ? "SELECT rowid, item, kind, idx, by, "
		   "snippet(fields, 0, char(1), char(2), '...', 12) FROM fields"
		   : count_all ? "SELECT count(*) FROM fields" : "SELECT rowid FROM fields");
	buf_addstr(&sql, " WHERE fields MATCH ?");
	if (*q->since)
		buf_addstr(&sql, " AND rowid <= ?");
	if (*q->until)
		buf_addstr(&sql, " AND rowid >= ?");
	if (q->kinds) {
		size_t n = 0;
		if (q->kinds & QUERY_KIND_TITLE)
			buf_addf(&sql, "%s%d", n++ ? ", " : " AND kind IN (", K_TITLE);
		if (q->kinds & QUERY_KIND_DECISION)
			buf_addf(&sql, "%s%d", n++ ? ", " : " AND kind IN (", K_DECISION);
		buf_addch(&sql, ')');
	}
	if (!count_all)
		buf_addstr(&sql, " ORDER BY rowid");

	struct meeting_cache mc = { NULL, -1, NULL };
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "SELECT id FROM meetings WHERE key = ?", -1,
				    &mc.st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL);
	buf_free(&sql);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(mc.st);
		buf_free(&match);
		return rc;
	}
	int p = 1;
	sqlite3_bind_text(st, p++, match.data, (int)match.len, SQLITE_STATIC);
	if (*q->since)
		sqlite3_bind_int64(st, p++, row_base(q->since, SLOT_MAX) | ROW_MAX);
	if (*q->until)
		sqlite3_bind_int64(st, p++, row_base(q->until, 0));
	size_t n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count_all) {
			n = (size_t)sqlite3_column_int64(st, 0);
			continue;
		}
		const char *id = cached_meeting(&mc, sqlite3_column_int64(st, 0) >> ROW_BITS);
		if (!id || !committee_wanted(q, id))
			continue;
		n++;
		if (!each)
			continue;
		int kind = sqlite3_column_int(st, 2);
		struct search_hit h = {
			.meeting = id,
			.item = (const char *)sqlite3_column_text(st, 1),
			.kind = kind >= 0 && kind < K_COUNT ? kinds[kind] : "text",
			.index = (unsigned)sqlite3_column_int(st, 3),
			.by = (const char *)sqlite3_column_text(st, 4),
			.snippet = (const char *)sqlite3_column_text(st, 5),
		};
		if (!h.snippet)
			h.snippet = "";
		*emitted = true;
		if (each(&h, ctx))
			break;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(mc.st);
	free(mc.id);
	buf_free(&match);
	*count = n;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int search_run(struct search *s, const struct query *q,
	       int (*each)(const struct search_hit *hit, void *ctx), void *ctx,
	       size_t *count, struct diags *err)
{
	bool emitted = false;
	*count = 0;
	int rc = run_once(s, q, each, ctx, count, &emitted);
	if (rc == SQLITE_OK)
		return 0;
	if (!emitted && s->path && ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)) {
		/* Damage found only now: build the index again and retry. */
		struct search_update u = { 0 };
		sqlite3_close(s->db);
		s->db = NULL;
		int r = rebuild(s, &u, err);
		if (r > 0)
			r = in_memory(s, &u, err);
		if (r < 0)
			return -1;
		rc = run_once(s, q, each, ctx, count, &emitted);
		if (rc == SQLITE_OK)
			return 0;
	}
	return db_fail(s, err, "cannot search the index");
}
