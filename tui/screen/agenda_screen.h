/*
 * agenda_screen: the clerk's screen for a meeting's agenda (gavel agenda
 * MEETING; gavel new without --agenda; + and e on the home screen).  The
 * items in order above the selected item's fields; the clerk adds,
 * removes, moves and renumbers items and sets their fields, each change
 * checked as it is typed and committed at once with the minutes kept in
 * step (tui/edit/agenda_edit.h does the work, this draws and reads keys).
 */
#ifndef GAVEL_AGENDA_SCREEN_H
#define GAVEL_AGENDA_SCREEN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "minutes/git/archive.h"
#include "tui/screen/keys.h"

/* The agenda screen's keys: key line, help page, handling, gavel.1. */
extern const struct keymap agenda_keymap;

/* Runs the agenda screen of meeting `id` (curses open) until q, Esc or
 * *stop.  `fresh`: the meeting was just made, so an empty agenda starts
 * from the committee's standard items (committed).  A closing word for
 * the caller's message line goes in msg (may be NULL). */
void agenda_screen_run(struct archive *a, const char *id, bool fresh,
		       volatile sig_atomic_t *stop, char *msg, size_t msglen);

#endif
