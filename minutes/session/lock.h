/*
 * lock: one gavel at a time on a meeting.
 *
 * The lock of a meeting is the file
 *     <gitdir>/gavel/locks/<committee slug>/<meeting folder>.lock   (0600)
 * holding four lines, fsynced:
 *     user: alice
 *     host: council-pc
 *     pid: 4242
 *     since: 2026-11-25T11:02:37+01:00
 *
 * Who holds it, and whether the holder is alive, are separate questions.
 * The lines say who (for the message to the second gavel).  Liveness is an
 * flock(LOCK_EX) on the lock file, held for as long as the process keeps
 * the lock: the kernel drops it the moment the process ends, however it
 * ends (kill -9 included), so a lock whose flock anyone can take is stale.
 * Why flock and not the pid: a pid is reused, so "kill(pid, 0) succeeds"
 * can keep a dead gavel's lock alive for ever, and "the pid is gone"
 * races with a second gavel taking over at the same moment.  Why flock and
 * not fcntl record locks: those belong to the process and vanish when it
 * closes *any* descriptor of the file (reading the lock to describe it
 * would drop our own lock), and a second attempt in the same process would
 * succeed; flock belongs to the open file, so both are right.
 *
 * The rules, in meeting_lock:
 *   - no lock file: create it (O_CREAT|O_EXCL), flock it, write the lines;
 *   - the flock is taken by another: LOCK_HELD, holder from the lines (if
 *     the lines are still being written, or name a dead process because a
 *     take-over is under way, it waits up to a second for the new ones);
 *   - the flock is free: the holder is gone, and the lock is taken over
 *     (taken_over, holder = the gone holder, or unknown when the file was
 *     unreadable: garbage needs no age limit, since a live holder keeps its
 *     flock whatever the file says) - unless the lines name another host:
 *     locks of other computers on a shared file system cannot be trusted
 *     to be seen, so such a lock is never assumed stale (LOCK_HELD,
 *     holder.other_host; the message says to remove the file by hand when
 *     that computer no longer runs gavel).
 * Taking over never rewrites the old file: a new one is written complete
 * under "<name>.lock.<pid>.tmp", flocked, and renamed over the lock while
 * the old file's flock is held.  After taking any flock, gavel checks that
 * the file it locked is still the one at the path (not renamed over or
 * removed meanwhile) and starts again when not.  So of two gavels taking
 * over the same stale lock at once, exactly one wins and the other is told
 * who did.  Only the holder of the file's flock replaces or removes it.
 *
 * The lines are fsynced; the folder is fsynced too, but a failure there
 * is not an error: after a crash no process holds the flock anyway.
 *
 * When the file system refuses flock (ENOLCK, EOPNOTSUPP, ENOSYS), gavel
 * falls back to the pid: a lock of this host whose process exists is held.
 *
 * The descriptors of the locks this process holds are kept in a small
 * table in lock.c (the flock lives as long as the descriptor); they are
 * close-on-exec, so programs gavel starts do not inherit them.
 */
#ifndef GAVEL_LOCK_H
#define GAVEL_LOCK_H

#include <stdbool.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

#define LOCK_HELD 1

struct lock_holder {
	char user[64];     /* "" when the lock file could not be read */
	char host[256];
	long pid;          /* 0 when unknown */
	char since[32];    /* ISO 8601, the holder's local time and offset */
	bool other_host;   /* host is not this computer's name */
};

/* The path of the lock of meeting `id`; -1 with a diagnostic when `id` is
 * not a meeting id. */
int lock_path(const char *gitdir, const char *id, struct buf *out,
		      struct diags *d);

/* Takes the lock of meeting `id` for this process.
 *   0          locked; *taken_over is true when a stale lock was replaced,
 *              and then `holder` describes the gone holder (user "" when
 *              its file was unreadable); otherwise `holder` is us;
 *   LOCK_HELD  another live process holds it (or one on another host):
 *              `holder` says who; the caller may open the meeting
 *              read-only;
 *   -1         error (a diagnostic names the file and the reason).
 * `holder` and `taken_over` may be NULL. */
int lock_acquire(const char *gitdir, const char *id, struct lock_holder *holder,
		 bool *taken_over, struct diags *d);

/* Releases and removes the lock of `id` if this process holds it (taken
 * by meeting_lock in this process, and the file names this pid on this
 * host); otherwise does nothing. */
void lock_release(const char *gitdir, const char *id);

/* "held by alice on council-pc (process 4242) since 2026-11-25 11:02",
 * plus a note for a lock of another host; a new string (free() it). */
char *lock_holder_describe(const struct lock_holder *h);

#endif
