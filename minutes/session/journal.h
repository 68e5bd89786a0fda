/*
 * journal: the unsaved work of one meeting, on disk, so that nothing the
 * clerk typed is lost to a crash, a kill -9 or a power cut.
 *
 * Where: <gitdir>/gavel/journal/<committee slug>/<meeting folder>.journal
 * (see gitstate.h; the git directory, never the work tree).  Beside it:
 *   .journal.prev   the copy before the newest, kept as a fallback;
 *   .journal.tmp    the copy being written (never read).
 *
 * The payload is opaque bytes to this module (the screen puts a snapshot
 * of the minutes and its own state in it); the module frames it:
 *
 *     gavel-journal/1
 *     meeting: finance/2018-03-14
 *     base: <commit id the work started from, or nothing>
 *     written: 2026-11-25T11:02:03Z
 *     length: <N>
 *     <blank line>
 *     <N bytes of payload>
 *     <newline>
 *     end crc32 <8 lower-case hex digits>
 *
 * The checksum (CRC-32, the zlib/PNG one) covers every byte before the
 * "end" line; the file must end right after that line.  So a torn,
 * truncated, padded or bit-rotted journal is found, never half-restored.
 *
 * Writing: the whole frame goes to .journal.tmp (0600), every write
 * checked, fsync, close; the current journal is hard-linked to
 * .journal.prev; .journal.tmp is renamed over .journal (atomic); the
 * folder is fsynced.  If any step before the rename fails, the temporary
 * file is removed and the journal already on disk is untouched, so a full
 * disk, a read-only file system or a permission problem costs at most the
 * changes since the last good write, never the earlier ones.
 *
 * Reading prefers .journal; when it is damaged, .journal.prev is used
 * (and the damage reported).  A missing .journal means no journal.
 */
#ifndef GAVEL_JOURNAL_H
#define GAVEL_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

/* The largest payload written or read. */
#define JOURNAL_MAX ((size_t)64 << 20)
/* The longest base (a SHA-256 commit id). */
#define JOURNAL_BASE_MAX 64

enum {
	JOURNAL_FOUND = 0,
	JOURNAL_NONE = 1,
	JOURNAL_ERROR = -1,     /* could not read (permissions, I/O, too big) */
	JOURNAL_DAMAGED = -2,   /* the journal and its previous copy are both damaged */
};

struct journal_entry {
	char base[JOURNAL_BASE_MAX + 1];  /* commit id, or "" */
	char written[32];                 /* as in the file: UTC, ISO 8601 */
	time_t written_time;              /* the same, as a time */
	struct buf payload;
	/* The newest copy was damaged (the diagnostics say how); this is the
	 * one before it, up to one write older. */
	bool from_previous;
};

void journal_entry_init(struct journal_entry *e);
void journal_entry_free(struct journal_entry *e);

/* The path of the journal of meeting `id` ("committee/YYYY-MM-DD").
 * -1 with a diagnostic when `id` is not a meeting id. */
int journal_path(const char *gitdir, const char *meeting_id, struct buf *out,
		 struct diags *d);

/* Replaces the journal of `meeting_id` by `payload` (`len` bytes, any
 * bytes, at most JOURNAL_MAX), durably, as above.  `base` is the commit
 * the work started from: NULL or "" for none, else hexadecimal digits.
 * Makes the folders (0700) as needed.  0, or -1 with a diagnostic naming
 * the file or folder and the system's reason (e.g. "…/2018-03-14.journal.tmp:
 * cannot write the journal: No space left on device"). */
int journal_write(const char *gitdir, const char *meeting_id, const char *base,
		  const void *payload, size_t len, struct diags *d);

/* Reads the journal of `meeting_id` into `out` (initialised by the
 * caller; its payload is replaced).  JOURNAL_FOUND, JOURNAL_NONE when there
 * is none, JOURNAL_ERROR or JOURNAL_DAMAGED with diagnostics (damage names
 * the file and line).  JOURNAL_FOUND with out->from_previous set also
 * leaves a diagnostic about the damaged newer copy, for the clerk. */
int journal_read(const char *gitdir, const char *meeting_id,
		 struct journal_entry *out, struct diags *d);

/* Removes the journal, its previous copy and any temporary file (after the
 * work is committed and the clerk leaves cleanly).  No journal is not an
 * error.  0, or -1 with a diagnostic. */
int journal_discard(const char *gitdir, const char *meeting_id,
		    struct diags *d);

/* CRC-32 (reflected, polynomial 0xEDB88320) of `len` bytes, continuing
 * from `crc` (0 to start). */
unsigned long journal_crc32(unsigned long crc, const void *data, size_t len);

#endif
