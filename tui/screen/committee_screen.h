/*
 * committee_screen: a committee's file on a screen (gavel committee edit
 * SLUG; e on a committee in the home screen): its name, quorum, the day
 * its year starts, its members with their roles, its decision phrases and
 * the standard items a new agenda starts from, each with its kind.  Every
 * change is checked as it is typed and committed at once
 * (tui/edit/agenda_edit_committee.h does the work).
 */
#ifndef GAVEL_COMMITTEE_SCREEN_H
#define GAVEL_COMMITTEE_SCREEN_H

#include <signal.h>
#include <stddef.h>

#include "minutes/git/archive.h"
#include "tui/screen/keys.h"

extern const struct keymap committee_keymap;

/* Runs the committee screen of committee `slug` (curses open) until Esc
 * or *stop.  A committee without a file (only meetings) starts from the
 * name its meetings give; one with neither is refused.  Returns 0, or -1
 * with why in msg; a closing word goes in msg either way (may be NULL). */
int committee_screen_run(struct archive *a, const char *slug,
			 volatile sig_atomic_t *stop, char *msg, size_t msglen);

#endif
