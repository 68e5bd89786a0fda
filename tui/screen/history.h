/*
 * history: a meeting's revisions, for auditors.  The screen (h on the home
 * screen or in the clerk's hub) lists the revisions newest first; marking
 * two shows the structured diff between them with the changed words
 * highlighted, and blame is a key away.  The text of blame is gavel blame's
 * (tui/render/blame.h).
 */
#ifndef GAVEL_HISTORY_H
#define GAVEL_HISTORY_H

#include <signal.h>

#include "minutes/git/archive.h"
#include "tui/screen/keys.h"

/* The history screen's keys: its key line, help page and handling, the
 * KEYS section of gavel.1 and `gavel keys history`. */
extern const struct keymap history_keymap;

/* Runs the history screen of meeting `id` (curses open) until Esc, q, h or ^C. */
void history_run(struct archive *a, const char *id, volatile sig_atomic_t *stop);

#endif
