/*
 * committer: the session's commits, made in order off the clerk's screen.
 *
 * The screen hands over snapshots (the minutes file's bytes as written,
 * the notes for the message, the correction's reason) and goes on at once;
 * a thread of its own, with a git handle of its own (libgit2 is safe when
 * each repository object stays in one thread), commits them one after the
 * other, in the order given.  So reading a key, changing the minutes,
 * drawing and writing the journal never wait on git, its fsyncs or its
 * index.  Every snapshot becomes one commit, as when the screen committed
 * itself: none is folded into a later one, so the history is the same.
 *
 * A snapshot whose bytes equal the last commit's is no commit (as
 * before).  A commit that fails (a full disk, a lock held) is reported
 * (committer_status's error) and its notes go on to the next snapshot,
 * whose commit then says all it holds; the journal keeps the work
 * meanwhile (session.c).
 *
 * Without a thread (committer_new_inline, for a session used without the
 * screen, or when the second git handle cannot be opened) each snapshot
 * is committed at once by committer_push, on the caller's handle.
 *
 * GAVEL_TEST_COMMIT_DELAY_MS, for the tests alone, makes each commit
 * wait that long first, so that a test can act while one is in flight.
 */
#ifndef GAVEL_COMMITTER_H
#define GAVEL_COMMITTER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"
#include "minutes/session/notes.h"

struct committer;

/* What the committer has done; each field as of the call. */
struct committer_status {
	unsigned long landed;           /* the newest snapshot committed (or
					 * found equal to the last commit), 0 */
	char id[41];                    /* the commit that holds it */
	time_t landed_at;
	unsigned long failures;         /* commits failed so far */
	char *error;                    /* why the last one failed, while it
					 * is the last word; NULL (malloc'd) */
	char *warning;                  /* a warning git gave, once (malloc'd) */
	size_t pending;                 /* snapshots not yet done */
};

/* A committer with its thread and its own handle on the repository at
 * `repo_path`; `last` is the minutes file's bytes as last committed.
 * -1 with a diagnostic when the handle or the thread cannot be had. */
int committer_start(struct committer **out, const char *repo_path, const char *file_path,
		    const char *meeting_id, const struct buf *last, struct diags *d);
/* One that commits at once, on `a`. */
struct committer *committer_new_inline(struct archive *a, const char *file_path,
				       const char *meeting_id, const struct buf *last);

/* Hands over snapshot `seq` (increasing): `bytes` and `notes` are taken
 * (left empty), `correction` copied (may be NULL). */
void committer_push(struct committer *c, unsigned long seq, struct buf *bytes,
		    struct notes *notes, const char *correction);

/* Fills `st` (free its strings with committer_status_clear). */
void committer_status(struct committer *c, struct committer_status *st);
void committer_status_clear(struct committer_status *st);

/* Waits until every snapshot handed over is done, or `ms` milliseconds
 * (negative: no limit) have passed; true when done. */
bool committer_wait(struct committer *c, long ms);

/* Waits for every snapshot, ends the thread, frees. */
void committer_stop(struct committer *c);

#endif
