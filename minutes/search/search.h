/*
 * search: the full-text index of every meeting's minutes at HEAD, and
 * searching it (`gavel search`).
 *
 * The index is derived data, an SQLite database at
 * <gitdir>/gavel/search.sqlite, never in the work tree and never
 * committed.  It holds one row per searchable field of the minutes (an
 * item's title, summary, each comment, motion and amendment, the reason
 * for a deferral, the decision, each action, each presenter and document;
 * the venue, each attendee and each declaration), marked when its item is
 * exempt from publication,
 * in an FTS5 table whose tokenizer ignores case and accents, and the blob
 * id of each meeting's minutes.yaml with the tree it was brought up to.
 *
 * search_open brings it up to date with HEAD first: when HEAD's tree is
 * the one indexed it does nothing more; otherwise it compares the two
 * trees (reading only the folders that changed), indexes again the
 * meetings whose minutes.yaml changed and drops the ones gone, in one
 * transaction.  A missing index, one of another schema version, or one
 * SQLite finds damaged is built again from scratch (into a new file,
 * renamed into place).  When the git directory cannot be written, the
 * index is built in memory for this search alone.
 *
 * Rows are numbered so that FTS5's own order (rowid, descending) is
 * newest meeting first and, within a meeting, the order of the minutes;
 * date filters are rowid ranges, so neither needs a sort.
 *
 * Functions return 0 on success, or a negative number with one
 * diagnostic in `err`.
 */
#ifndef GAVEL_SEARCH_H
#define GAVEL_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/git/archive.h"
#include "minutes/base/diag.h"
#include "minutes/search/query.h"

/* Around each matched word in a hit's snippet. */
#define SEARCH_MARK_ON '\001'
#define SEARCH_MARK_OFF '\002'

/* The index file, under the git directory. */
#define SEARCH_DIR "gavel"
#define SEARCH_FILE "search.sqlite"

struct search;

struct search_hit {
	const char *meeting;    /* "communities-board/2018-03-14" */
	const char *item;       /* the item's number, or NULL */
	const char *kind;       /* "title", "summary", "comment", "decision",
				   "action", "presenter", "document", "venue",
				   "present", "apologies", "in attendance",
				   "declaration", "confirmed by", "motion",
				   "amendment", "reason" */
	unsigned index;         /* 1-based among its kind in the item or
				   meeting; 0 for a kind that occurs once */
	const char *by;         /* who said, owns, declared or moved it
				   ("Cllr Patel, seconded by Cllr Reid"), or NULL */
	const char *snippet;    /* a part of the text around the matched
				   words, which are between SEARCH_MARK_ON and
				   SEARCH_MARK_OFF; "..." where it is cut */
	bool exempt;            /* in an item exempt from publication */
};

/* What bringing the index up to date did. */
struct search_update {
	bool rebuilt;           /* built from scratch */
	bool in_memory;         /* the git directory could not be written */
	size_t indexed;         /* meetings (re)indexed */
	size_t removed;         /* meetings dropped */
	size_t unreadable;      /* meetings whose minutes.yaml did not load
				   (they are not searched) */
};

/* Called now and then while meetings are indexed. */
typedef void (*search_progress_fn)(size_t done, size_t total, void *ctx);

/* Opens the index of `a` and brings it up to date with HEAD.  `progress`
 * (may be NULL) hears how far indexing has got; `update` (may be NULL)
 * receives what was done. */
int search_open(struct search **out, struct archive *a,
		search_progress_fn progress, void *ctx,
		struct search_update *update, struct diags *err);
void search_close(struct search *s);
/* Opens the index of `a` only when it is there, sound and up to date with
 * HEAD, building and updating nothing: 1 with *out open, else 0 with
 * *out NULL (no index, an old one, or none could be opened).  With
 * `matters` (may be NULL), an index behind HEAD counts as up to date when
 * `matters` says no meeting whose minutes changed since matters to the
 * caller (it gets the meeting's id, "<committee>/<folder>"). */
int search_open_current(struct search **out, struct archive *a,
			bool (*matters)(const char *meeting, const void *ctx), const void *ctx);

/* Runs the query: calls `each` for every hit, newest meeting first (within
 * a meeting in the order of the minutes), until it returns non-zero;
 * *count receives the number of hits.  With `each` NULL, only counts. */
int search_run(struct search *s, const struct query *q,
	       int (*each)(const struct search_hit *hit, void *ctx), void *ctx,
	       size_t *count, struct diags *err);

/* The index file's path for `a` (malloc'd). */
char *search_index_path(const struct archive *a);

#endif
