/*
 * fsutil: writing files so that a crash or a full disk never leaves a
 * half-written one where a whole one was.
 *
 * An atomic replace writes a temporary file in the same folder as the
 * target (so the rename cannot cross file systems), checks every write,
 * the fsync and the close, renames it over the target and fsyncs the
 * folder, so that after a crash the target holds either the old bytes or
 * the new ones, and the new ones are on the disk once it returns 0.
 *
 * Messages name the thing written with `what` ("the journal"):
 *   FILE: cannot create the journal: No space left on device
 * and so on for write, sync, replace and the folder's sync; FILE is the
 * temporary file for the first three (it is the one that failed).
 */
#ifndef GAVEL_FSUTIL_H
#define GAVEL_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

/* One part of a file's contents: a file written in parts (a header, a
 * body, a trailer) needs no copy to join them. */
struct fsutil_part {
	const void *data;
	size_t len;
};

/* Writes all `len` bytes to `fd`, again after EINTR and a short write.
 * 0, or -1 with errno (EIO when the system wrote nothing and said no
 * error). */
int fsutil_write_all(int fd, const void *data, size_t len);

/* Writes the `nparts` parts to `fd` in order, as fsutil_write_all does
 * one.  0, or -1 with errno. */
int fsutil_write_parts(int fd, const struct fsutil_part *parts, size_t nparts);

/* fsync of the file `path` (a file written by another library, such as
 * git's index by libgit2).  0, or -1 with errno. */
int fsutil_sync_file(const char *path);

/* fsync of the folder `dir`, so that a rename or a new name in it lasts.
 * 0, or -1 with errno. */
int fsutil_sync_dir(const char *dir);

/* fsync of the folder that holds `path` ("." when it has no slash).
 * 0, or -1 with errno. */
int fsutil_sync_parent(const char *path);

/* Writes the `nparts` parts to the file `tmp` (created, or truncated;
 * never through a symbolic link), fsyncs and closes it.  On failure the
 * file is removed.  0, or -1 with a diagnostic naming `tmp`. */
int fsutil_write_synced(const char *tmp, const struct fsutil_part *parts,
			size_t nparts, mode_t mode, const char *what,
			struct diags *d);

/* Renames `tmp` over `path` and fsyncs their folder.  When the rename
 * fails `tmp` is removed.  0, or -1 with a diagnostic naming `path`. */
int fsutil_rename_synced(const char *tmp, const char *path, const char *what,
			 struct diags *d);

/* The atomic replace: `path` gets exactly `len` bytes of `data`, through
 * the temporary file "PATH.tmp-PID".  0, or -1 with a diagnostic; on
 * failure `path` is as it was and no temporary file is left. */
int fsutil_replace(const char *path, const void *data, size_t len, mode_t mode,
		   const char *what, struct diags *d);

#endif
