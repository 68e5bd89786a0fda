/*
 * session: one meeting being minuted live (gavel run).
 *
 * It holds the minutes being recorded with the agenda and the committee
 * beside them, the meeting's lock, the journal and the commits, and knows
 * nothing of the screen.  The screen changes the minutes in place and then
 * says so: session_touch() for typing (the journal catches it within a
 * second), session_changed() for something worth a commit ("item 5
 * Integrated Communities Strategy: comment 3 recorded"), which
 * session_commit() then makes.
 *
 * Nothing typed is lost: the journal (under the git directory, written
 * with fsync) holds a snapshot of the minutes and of the screen's own state
 * (an opaque string the screen composes: where the clerk was, text in an
 * unfinished field), and session_open() restores it after a crash.
 */
#ifndef GAVEL_SESSION_H
#define GAVEL_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "agenda/agenda.h"
#include "minutes/git/archive.h"
#include "agenda/committee.h"
#include "minutes/base/diag.h"
#include "minutes/model/minutes.h"

struct session;

/* session_open's answers beyond 0 (opened) and a negative error. */
#define SESSION_HELD 1          /* another gavel holds the meeting */
#define SESSION_INVALID 2       /* the meeting's files do not load */

/* Opens meeting `id` to be minuted.  Unless `read_only`, takes the
 * meeting's lock: SESSION_HELD when another live gavel holds it, with
 * *holder (malloc'd) saying who ("alice on council-pc (process 4242)
 * since 2026-11-25 11:02").  A journal left by an earlier run is restored
 * (see session_recovered).  Problems are added to `d`; warnings worth
 * showing the clerk (a stale lock taken over, say) are kept for
 * session_take_notice(). */
int session_open(struct session **out, struct archive *a, const char *id,
		 bool read_only, char **holder, struct diags *d);

/* The same for a correction of confirmed minutes (session_correct), or,
 * with `reason` NULL, as session_open.  SESSION_INVALID when they are not
 * confirmed, or the reason is not one line of text. */
int session_open_correction(struct session **out, struct archive *a, const char *id,
			    bool read_only, const char *reason, char **holder,
			    struct diags *d);

/* Confirmed minutes (their status says so, or their tag exists) open
 * read-only: they are the record.  A correction's reason makes them
 * writable, and from then on every commit of the session carries it as
 * the `Correction: REASON` trailer (audit.h), and so does the journal, so
 * that gavel run after a crash goes on correcting for that reason.
 * SESSION_INVALID with why in `d` when the minutes are not confirmed,
 * the session does not hold the meeting's lock (opened read-only), a
 * correction is already going on, or the reason is not one line. */
int session_correct(struct session *s, const char *reason, struct diags *d);
/* The correction's reason, or NULL when not correcting. */
const char *session_correction(const struct session *s);
/* Whether session_correct can make the session writable. */
bool session_can_correct(const struct session *s);
/* Why the session is read-only ("confirmed on 2018-04-11 by Cllr Simon
 * Blackburn"), or NULL when it is not. */
const char *session_read_only_why(const struct session *s);

/* Commits what is pending (when `commit`), removes the journal when that
 * worked, releases the lock and frees everything. */
int session_close(struct session *s, bool commit, struct diags *d);

const char *session_id(const struct session *s);
struct archive *session_archive(struct session *s);
bool session_read_only(const struct session *s);
struct minutes *session_minutes(struct session *s);
const struct agenda *session_agenda(const struct session *s);      /* may be NULL */
const struct committee *session_committee(const struct session *s); /* may be NULL */
/* The agenda's entry for minutes item `number`, or NULL. */
const struct agenda_item *session_agenda_item(const struct session *s,
					      const char *number);

/* The screen's state restored from the journal, or NULL when this run
 * did not start from one; *when (may be NULL) gets the time the journal
 * was written, as it reads there. */
const char *session_recovered(const struct session *s, const char **when);

/* One message for the clerk (a lock taken over, a journal restored over
 * newer commits), or NULL; each is given once. */
const char *session_take_notice(struct session *s);

/* The minutes changed in a way the journal must catch: the meeting's own
 * fields (times, venue, attendance, declarations) with session_touch,
 * an item with session_touch_item, the list of items itself (an item
 * added) with session_touch_all.  The journal then holds the meeting's
 * fields and the items touched since the last commit. */
void session_touch(struct session *s);
void session_touch_item(struct session *s, const struct minutes_item *it);
void session_touch_all(struct session *s);
/* The minutes changed in a way worth a commit.  `scope` (may be NULL for
 * the meeting as a whole) and `what` name it for the commit message:
 * changes with the same scope are joined, so "item 5 Integrated
 * Communities Strategy" with "comment 3 recorded" and then "decision
 * recorded" gives "item 5 Integrated Communities Strategy: comment 3
 * recorded, decision recorded". */
void session_changed(struct session *s, const char *scope, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Something is waiting to be committed. */
bool session_pending(const struct session *s);

/* True when the journal should be written now: there are changes it has
 * not seen and the last write is `interval` seconds old or more. */
bool session_journal_due(const struct session *s, double now, double interval);
/* Writes the journal: the minutes as they are and the screen's `ui`. */
int session_journal(struct session *s, const char *ui, double now,
		    struct diags *d);

/* Commits the minutes when they differ from the last commit, with a
 * message made of what session_changed() was told.  0 when committed or
 * nothing to do.  After session_async, 0 when handed over: the snapshot
 * waits for the next session_journal (so the journal is never older than
 * a commit), then a thread commits it; session_poll tells how it went. */
int session_commit(struct session *s, struct diags *d);

/* From now on commits are made by a thread of their own, in order, so
 * that no key waits for git (the clerk's screen; committer.h).  Without
 * it (or when the thread cannot be had) session_commit commits at once. */
void session_async(struct session *s);
/* Takes what the thread has done since the last call: commits landed
 * (session_last_commit, and the journal then drops only what they
 * covered), a failure (session_commit_error, and session_poll_said's
 * message for the clerk), git's warnings (session_take_notice).  True
 * when any of it, or the number pending, changed. */
bool session_poll(struct session *s);
const char *session_poll_said(const struct session *s);
/* Snapshots taken and not yet committed (or failed). */
size_t session_commits_pending(const struct session *s);
/* Waits until every snapshot taken is committed or has failed, calling
 * the hook (when set) about every 50 ms meanwhile with how many are
 * pending and how long it has waited, in seconds. */
void session_flush(struct session *s);
void session_set_wait_hook(struct session *s, void (*hook)(void *ctx, size_t pending,
							    double waited),
			   void *ctx);

/* Confirms another meeting's minutes as a correct record (an item of
 * this meeting whose agenda entry `confirms:` it), signed by `by` on
 * `date`: audit_confirm's commit and tag.  Then that item records the
 * confirmed minutes (chain.h's link), a change for the next
 * session_commit().  0, or as audit_confirm. */
int session_confirm_other(struct session *s, const char *id, const char *date,
			  const char *by, struct diags *d);

/* Who chairs the meeting: the agenda's chair, else the committee member
 * whose role says chair; NULL when neither says. */
const char *session_chair(const struct session *s);

/* The last commit this session made or started from: its short id and
 * when ("" and 0 before the first). */
const char *session_last_commit(const struct session *s);
time_t session_saved_at(const struct session *s);
/* The last failure to save (journal or commit), or NULL when the last
 * attempts worked; the journal's and the commit's apart. */
const char *session_save_error(const struct session *s);
const char *session_journal_error(const struct session *s);
const char *session_commit_error(const struct session *s);

#endif
