/* search: the full-text index of the minutes and searching it (search.h). */
#include "minutes/search/search_priv.h"
#include "minutes/search/logcache.h"
#include "minutes/git/meeting.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE meetings(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" blob TEXT NOT NULL, date TEXT NOT NULL, slot INTEGER NOT NULL,"
	" ok INTEGER NOT NULL);"
	"CREATE INDEX meetings_date ON meetings(date, slot);"
	/* The fields' text in a plain table, and the full-text index over
	 * it ("external content"): FTS5 storing the text itself costs a
	 * nested statement a row, a third of a first build. */
	"CREATE TABLE fieldtext(id INTEGER PRIMARY KEY, text, by, item, kind, idx, exempt);"
	"CREATE VIRTUAL TABLE fields USING fts5(text, by, item UNINDEXED,"
	" kind UNINDEXED, idx UNINDEXED, exempt UNINDEXED, columnsize = 0,"
	" content = 'fieldtext', content_rowid = 'id',"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO meta VALUES('tree', '');";

int search_db_fail(struct search *s, struct diags *err, const char *what)
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

/* ---- the tables ---- */

/* Opens an existing index file and checks it is one of this version:
 * SQLITE_OK, SQLITE_CANTOPEN when there is none, or another code when it
 * is damaged or of another version. */
static int open_existing(struct search *s)
{
	int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_busy_timeout(s->db, 10000);
	/* Reading through a mapping saves a copy of every page read. */
	sqlite3_exec(s->db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
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
	rc = search_read_tree(s, tree);
	if (rc != SQLITE_OK)
		return rc;
	/* The full-text table answers too (a damaged one fails here). */
	return sqlite3_exec(s->db, "SELECT rowid FROM fields LIMIT 1", NULL, NULL, NULL);
}

static int create_schema(struct search *s, struct diags *err)
{
	char v[64];
	snprintf(v, sizeof(v), "PRAGMA user_version = %d;", SCHEMA_VERSION);
	/* Pages of 16 KiB: the index's rows are many and small, its
	 * segments large (the page size holds only before the first table). */
	if (sqlite3_exec(s->db, "PRAGMA page_size = 16384", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, registers_schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, v, NULL, NULL, NULL) != SQLITE_OK)
		return search_db_fail(s, err, "cannot create the search index");
	return 0;
}

void search_remove_files(const char *path)
{
	static const char *const ext[] = { "", "-journal", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s%s", path, ext[i]);
		unlink(b.data);
		buf_free(&b);
	}
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
	search_remove_files(tmp.data);
	int rc = sqlite3_open_v2(tmp.data, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK || sqlite3_exec(s->db, "PRAGMA journal_mode = OFF;"
					    "PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK) {
		int e = errno;
		sqlite3_close(s->db);
		s->db = NULL;
		search_remove_files(tmp.data);
		buf_free(&tmp);
		return (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY ||
		       e == EACCES || e == EROFS ? 1 : -1;
	}
	char *final = s->path;
	s->path = tmp.data;
	rc = create_schema(s, err);
	/* No merging of FTS5's segments while every row goes in, neither
	 * the automatic merges nor the "crisis" merge of a level that reaches
	 * 16 segments (each rewrote the segments so far again: 23 s of the
	 * inserts' 30 s CPU at 100,000 meetings), and pending terms kept to
	 * 64 MiB, not 1, so that a batch of meetings (index_rows) is one
	 * segment; an optimize merges the batches once at the end.  Left
	 * unmerged, the first updates after would pay for it: a crisis merge
	 * of every segment (6 s) once their own small segments add up.  Then
	 * FTS5's defaults again for the updates to come.  Leaf pages of 16 KiB,
	 * as the file's pages: a fifth less work than 4 KiB in all. */
	if (rc == 0 && sqlite3_exec(s->db, "INSERT INTO fields(fields, rank) VALUES('automerge', 0);"
				    "INSERT INTO fields(fields, rank) VALUES('crisismerge', 1000000);"
				    "INSERT INTO fields(fields, rank) VALUES('hashsize', 67108864);"
				    "INSERT INTO fields(fields, rank) VALUES('pgsz', 16300)",
				    NULL, NULL, NULL) != SQLITE_OK)
		rc = search_db_fail(s, err, "cannot build the search index");
	if (rc == 0)
		rc = search_update_index(s, u, err);
	if (rc == 0 && sqlite3_exec(s->db, "INSERT INTO fields(fields, rank) VALUES('automerge', 4);"
				    "INSERT INTO fields(fields, rank) VALUES('crisismerge', 16);"
				    "INSERT INTO fields(fields, rank) VALUES('hashsize', 1048576)",
				    NULL, NULL, NULL) != SQLITE_OK)
		rc = search_db_fail(s, err, "cannot build the search index");
	if (rc == 0 && sqlite3_exec(s->db, "INSERT INTO fields(fields) VALUES('optimize')",
				    NULL, NULL, NULL) != SQLITE_OK)
		rc = search_db_fail(s, err, "cannot build the search index");
	/* The log cache in the old file is still true: keep it. */
	if (rc == 0)
		logcache_carry(s->db, final);
	sqlite3_close(s->db);
	s->db = NULL;
	s->path = final;
	if (rc == 0 && rename(tmp.data, final) < 0) {
		diags_add(err, final, 0, 0, "cannot put the new search index in place: %s",
			  strerror(errno));
		rc = -1;
	}
	if (rc < 0)
		search_remove_files(tmp.data);
	buf_free(&tmp);
	if (rc < 0)
		return rc;
	rc = open_existing(s);
	if (rc != SQLITE_OK)
		return search_db_fail(s, err, "cannot open the new search index");
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
		return search_db_fail(s, err, "cannot make a search index in memory");
	if (create_schema(s, err) < 0)
		return -1;
	return search_update_index(s, u, err);
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
	if (search_update_index(s, u, err) == 0)
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
	/* No count of SQLite's memory in use: keeping it takes a mutex at
	 * every allocation, and nothing reads it.  Only before SQLite's first
	 * use in the process; later calls change nothing. */
	static bool configured;
	if (!configured) {
		configured = true;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
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

int search_open_current(struct search **out, struct archive *a,
			bool (*matters)(const char *meeting, const void *ctx), const void *ctx)
{
	struct search *s = xcalloc(1, sizeof(*s));
	s->a = a;
	s->path = search_index_path(a);
	*out = NULL;
	char head[41], tree[41];
	struct diags quiet;
	diags_init(&quiet);
	bool ok = access(s->path, F_OK) == 0 && open_existing(s) == SQLITE_OK &&
		  archive_head_tree(a, head, &quiet) == 0 &&
		  search_read_tree(s, tree) == SQLITE_OK && *head && *tree;
	if (ok && strcmp(head, tree)) {
		struct archive_blob *files = NULL;
		size_t n = 0;
		ok = matters && archive_tree_files(a, head, tree, MEETING_MINUTES, &files, &n,
						   &quiet) == 0;
		for (size_t i = 0; ok && i < n; i++) {
			char *slash = strrchr(files[i].path, '/');
			char *id = xstrndup(files[i].path, slash ? (size_t)(slash - files[i].path)
					    : strlen(files[i].path));
			ok = !matters(id, ctx);
			free(id);
		}
		archive_blobs_free(files, n);
	}
	diags_free(&quiet);
	if (!ok) {
		search_close(s);
		return 0;
	}
	*out = s;
	return 1;
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
		   "snippet(fields, 0, char(1), char(2), '...', 12), exempt FROM fields"
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
		sqlite3_bind_int64(st, p++, search_row_base(q->since, SLOT_MAX) | ROW_MAX);
	if (*q->until)
		sqlite3_bind_int64(st, p++, search_row_base(q->until, 0));
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
			.kind = kind >= 0 && kind < K_COUNT ? search_kinds[kind] : "text",
			.index = (unsigned)sqlite3_column_int(st, 3),
			.by = (const char *)sqlite3_column_text(st, 4),
			.snippet = (const char *)sqlite3_column_text(st, 5),
			.exempt = sqlite3_column_int(st, 6) != 0,
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
	return search_db_fail(s, err, "cannot search the index");
}
