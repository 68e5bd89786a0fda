/*
 * open_actions: which actions of a committee's earlier meetings are still
 * open when a later meeting is held (FORMAT.md, format 2's
 * action_updates).  An action set at an earlier meeting is open until a
 * later meeting's update (the latest by meeting date; within one meeting
 * the last) says done or dropped; in progress keeps it open, with the
 * update's note.  Format 1's done: date on the action counts as done.
 * Only actions with an id can be named by an update, so only they are
 * listed.  Knows nothing of git or the screen.
 */
#ifndef GAVEL_OPEN_ACTIONS_H
#define GAVEL_OPEN_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/model/minutes.h"

struct open_action {
	char *id;               /* "2018-05-15/2" */
	char *folder;           /* the meeting that set it: "2018-05-15" */
	char *item;             /* that meeting's item number */
	char *text, *owner;     /* owner may be NULL */
	char due[11];
	bool in_progress;       /* an update said in progress */
	char *note;             /* the latest update's note, or NULL */
	char *updated;          /* the folder of the latest update, or NULL */
};

/* One earlier meeting: its folder and minutes. */
struct open_actions_meeting {
	const char *folder;
	const struct minutes *m;
};

/* The actions still open after the meetings `v` (in any order; they are
 * taken by date, then folder), oldest first, into *out (*n of them). */
void open_actions_of(const struct open_actions_meeting *v, size_t nv,
		     struct open_action **out, size_t *n);
/* Frees the list and its strings. */
void open_actions_free(struct open_action *v, size_t n);

#endif
