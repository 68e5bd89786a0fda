/*
 * browse: the home screen (gavel, gavel browse).  Committees, then their
 * meetings newest first, then the items of a meeting, with a reading pane
 * showing the selection as published minutes.  From here a clerk starts
 * a meeting or opens one to take minutes.
 *
 * It stays quick on an archive of ten thousand meetings: folders are
 * listed, not read, and a meeting's minutes are loaded only when they are
 * shown.
 */
#ifndef GAVEL_BROWSE_H
#define GAVEL_BROWSE_H

#include <signal.h>

#include "minutes/git/archive.h"
#include "tui/screen/keys.h"

/* The home screen's keys: its key line, help page and handling, the
 * KEYS section of gavel.1 and `gavel keys browse`. */
extern const struct keymap browse_keymap;

/* Runs the home screen (curses must be open) until the user leaves or
 * *stop is set.  `take_minutes` runs the clerk's screen on a meeting and
 * returns to the home screen (it puts a message in msg, msglen). */
int browse_run(struct archive *a, volatile sig_atomic_t *stop,
	       int (*take_minutes)(struct archive *a, const char *id, char *msg,
				   size_t msglen));

#endif
