/*
 * session_priv: the session's state, shared by session.c (opening,
 * changes, commits) and payload.c (the journal's payload, made and read).
 *
 * Commits: session_commit takes a snapshot (the minutes' bytes and the
 * notes), numbered 1, 2, ... (`seq`); in the screen's mode (async) it is
 * staged until the journal has been written after it (so the journal on
 * disk is never older than a commit of this session), then handed to the
 * committer.  `landed` is the newest snapshot known committed (as of the
 * last session_poll); `base` its commit.
 *
 * Dirty items carry the number of snapshots taken when they were last
 * touched (`gen`): a commit of snapshot K covers those touched before it
 * (gen < K), and only those leave the journal when it lands.  `crcs` are
 * the checksums of the snapshots taken and not known committed; the
 * journal lists them ("pending"), so that a restart knows a commit that
 * landed after the journal was written but holds no more than it.
 */
#ifndef GAVEL_SESSION_PRIV_H
#define GAVEL_SESSION_PRIV_H

#include "minutes/session/committer.h"
#include "minutes/session/notes.h"
#include "minutes/session/session.h"

struct session {
	struct archive *archive;
	char *id;
	bool read_only;                 /* asked for, or confirmed minutes */
	bool locked;
	bool confirmed;                 /* the minutes are confirmed (or tagged) */
	char *confirmed_why;            /* "confirmed on <date> by <name>" */
	char *correction;               /* the reason, in correction mode */
	struct minutes *minutes;
	struct agenda *agenda;
	struct committee *committee;

	struct buf committed;           /* minutes.yaml as last snapshotted */
	char base[41];                  /* the commit the work stands on */
	char last_short[8];
	time_t saved_at;
	char *journal_error;            /* the last journal write failed */
	char *commit_error;             /* the last commit failed */

	struct notes notes;             /* what changed since the last snapshot */

	bool journal_dirty;
	double journal_at;
	/* Items changed since the last commit: the journal holds only these
	 * (and the meeting's own fields), so writing it costs what the
	 * clerk changed, not the whole meeting. */
	struct dirty {
		const struct minutes_item *it;
		unsigned long gen;
	} *dirty;
	size_t ndirty, dirty_cap;
	bool all_dirty;
	unsigned long all_gen;

	struct committer *committer;
	bool async;
	unsigned long seq, landed, failures_seen;
	size_t pending;                 /* the committer's, as last polled */
	struct staged {
		bool has;
		unsigned long seq;
		struct buf bytes;
		struct notes notes;
	} staged;
	struct snap_crc {
		unsigned long seq, crc;
	} *crcs;
	size_t ncrcs, crcs_cap;
	char *said;                     /* session_poll's last message */
	void (*wait_hook)(void *ctx, size_t pending, double waited);
	void *wait_ctx;

	char *recovered_ui;
	char *recovered_when;
	char *notices[4];
	size_t nnotices;
};

/* Ends the committer, after every snapshot handed to it. */
void session_stop_committer(struct session *s);

void session_add_notice(struct session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The journal's payload (payload.c). */
void payload_make(const struct session *s, const char *ui, struct buf *out);
int payload_parse(struct session *s, const char *name, const char *p, size_t len,
		  struct diags *d);
/* Whether the payload lists pending snapshots (*listed), and `crc` among
 * them. */
bool payload_pending_has(const char *p, size_t len, unsigned long crc, bool *listed);

#endif
