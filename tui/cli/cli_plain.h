/*
 * cli_plain: gavel run MEETING --plain, the clerk's screen as a
 * line-based dialogue on standard input and output (tui/edit/plain.h),
 * for a screen reader, a braille display or a pipe.  No curses starts.
 */
#ifndef GAVEL_CLI_PLAIN_H
#define GAVEL_CLI_PLAIN_H

#include <stdbool.h>

#include "minutes/git/archive.h"

/* Runs the dialogue on meeting `id` (correcting confirmed minutes when
 * `reason` is not NULL) until quit or the end of input; the exit code. */
int cli_run_plain(struct archive *a, const char *id, bool read_only, const char *reason);

#endif
