/*
 * search_priv: what search.c (opening the index, searching it) and
 * search_index.c (bringing it up to date) share.  Only minutes/search
 * includes it.
 */
#ifndef GAVEL_SEARCH_PRIV_H
#define GAVEL_SEARCH_PRIV_H

#include <sqlite3.h>

#include "minutes/search/search.h"
#include "minutes/model/minutes.h"

/* Bump when the tables or what goes in them change: an index of another
 * version is built again. */
#define SCHEMA_VERSION 7      /* 4: format 2's motions, amendments, reasons; exempt.
				 * 5: the registers' tables.
				 * 6: an update's exempt, an action's note_exempt.
				 * 7: a motion carried as its item's decision; the
				 * fields' text in a table of its own (fieldtext),
				 * the full-text index over it */

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

/* The kinds of field, as stored (an index into search_kinds, their
 * names as a hit gives them). */
extern const char *const search_kinds[];
enum { K_TITLE, K_DECISION, K_SUMMARY, K_COMMENT, K_ACTION, K_PRESENTER,
       K_DOCUMENT, K_VENUE, K_PRESENT, K_APOLOGIES, K_IN_ATTENDANCE,
       K_DECLARATION, K_CONFIRMED_BY, K_MOTION, K_AMENDMENT, K_REASON, K_COUNT };

struct search {
	sqlite3 *db;
	struct archive *a;
	char *path;                     /* NULL when in memory */
	search_progress_fn progress;
	void *ctx;
};

/* Bringing the index up to date (search_index.c, with the registers'
 * rows from registers_index.c).  `base | row` is the next row id of the
 * meeting being indexed; every table's rows of a meeting take their ids
 * from that one counter, so a meeting's rows in every table lie in
 * [base, base | ROW_MAX]. */
/* A field waiting to go into fieldtext (search_index.c). */
struct field_row {
	long long id, idx;
	const char *text, *by, *item;
	int kind;
	bool exempt;
	char *owned;                    /* text or by, when the indexer must free it */
};
#define MULTI_ROWS 32

struct indexer {
	struct search *s;
	sqlite3_stmt *ins, *del, *get, *put, *drop, *maxslot;
	sqlite3_stmt *fts, *unfts;      /* a range of rows into the full-text index, out */
	sqlite3_stmt *fts_row;          /* a row into it */
	sqlite3_stmt *multi[MULTI_ROWS + 1];  /* n fields into fieldtext at once */
	struct field_row *rows;         /* a first build's fields of the meeting */
	size_t nrows, cap;
	/* Rows in fieldtext not yet in the full-text index: [pend_lo,
	 * pend_hi] (pend_lo < 0: none), and the highest row indexed, so
	 * that a first build indexes many meetings' rows in one statement. */
	long long pend_lo, pend_hi, indexed_hi;
	bool batch;                     /* a first build: rows indexed in batches */
	size_t pend_meetings;
	sqlite3_stmt *reg[12];          /* registers_index.c's statements */
	long long base, row;
	const char *committee;          /* the slug of the meeting indexed */
	const char *folder;             /* its folder ("2018-03-14") */
	bool exempt;                    /* the item being indexed is exempt */
	int rc;
	struct search_update *u;
};

/* The registers' tables (registers_index.c): created with the index,
 * their statements prepared and finalized with the indexer's, a
 * meeting's rows added after its fields and dropped with them, and the
 * actions' latest status worked out before the transaction commits. */
extern const char registers_schema[];
int registers_prepare(struct indexer *ix);
void registers_finalize(struct indexer *ix);
void registers_attendance_add(struct indexer *ix, const struct minutes *m);
/* An item's decision (`text`: its decision, or a motion's resolution when
 * the motion decides), and its j-th action, whose full-text rows are `row`. */
void registers_decision_add(struct indexer *ix, const struct minutes_item *it,
			    const char *text, long long row);
void registers_action_add(struct indexer *ix, const struct minutes_item *it, size_t j,
			  long long row);
void registers_updates_add(struct indexer *ix, const struct minutes_item *it);
void registers_drop(struct indexer *ix, long long lo, long long hi);
int registers_settle(struct indexer *ix);
void search_step_done(struct indexer *ix, sqlite3_stmt *st);
void search_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Adds "<what>: <what SQLite said>" about the index; -1. */
int search_db_fail(struct search *s, struct diags *err, const char *what);
/* The tree id the index was brought up to, into out (41 bytes). */
int search_read_tree(struct search *s, char out[41]);
/* The key of a meeting (its date and slot), and the first row id of its
 * rows. */
long long search_meeting_key(const char *date, long long slot);
long long search_row_base(const char *date, long long slot);
/* Removes the SQLite file `path` and its sidecars (-journal, -wal,
 * -shm), those that are there. */
void search_remove_files(const char *path);
/* The first build's minutes, read and loaded on a thread of their own
 * (search_feed.c), file by file in the order of `files`: feed_take(i)
 * waits for file i and gives FEED_LOADED with `*doc` pointing to it
 * (the feed's, good until the next feed_take or feed_stop),
 * FEED_UNREADABLE, or FEED_NONE for a file that is no meeting's minutes
 * (meeting_of gives NULL) or removed; every i is taken in turn.  feed_start gives NULL when it cannot start (then read inline);
 * feed_stop ends the thread, whether or not every file was taken. */
enum { FEED_NONE, FEED_LOADED, FEED_UNREADABLE };
struct yamlfile;
/* Reads blob `blob` of meeting `id` and loads it as minutes into *doc:
 * true when it loaded (then yamlfile_free it), false when unreadable. */
bool search_load_minutes(struct archive *a, const char *blob, const char *id,
			 struct yamlfile *doc);

struct feed;
struct yamlfile;
struct feed *feed_start(struct archive *a, const struct archive_blob *files, size_t n,
			char *(*meeting_of)(const char *path));
int feed_take(struct feed *f, size_t i, const struct yamlfile **doc);
void feed_stop(struct feed *f);

/* Brings the open index up to date with HEAD (search_index.c). */
int search_update_index(struct search *s, struct search_update *u, struct diags *err);

#endif
