/*
 * form_arising: the open-actions sheet of the clerk's screen, with no
 * curses in it (tui/screen/clerk_arising.c draws it and gives it keys).
 *
 * Opened on the item in hand (matters arising, as a rule), it lists the
 * actions the committee's earlier meetings left open (open_actions.h:
 * read through minutes/git at HEAD, so no search index is needed), each
 * with what this meeting has recorded of it.  Marking one done, in
 * progress (with a note) or dropped writes an action_update into this
 * meeting's minutes (the item the sheet was opened on, or wherever this
 * meeting already updates that action) and commits; the earlier
 * meetings' files are never written.
 */
#ifndef GAVEL_FORM_ARISING_H
#define GAVEL_FORM_ARISING_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/model/open_actions.h"
#include "tui/edit/field.h"
#include "tui/edit/form.h"

struct arising {
	struct form *f;
	size_t item;                    /* the item the updates go into */
	struct open_action *v;          /* open before this meeting */
	size_t n;
	size_t sel;
	struct field *note;             /* the note being typed, or NULL */
};

/* True for "Matters arising" and "Matters arising from the minutes"
 * (any case). */
bool arising_title(const char *title);

/* Opens the sheet on the item in hand; NULL (with a message) when there
 * is no item in hand or the earlier meetings cannot be listed. */
struct arising *arising_open(struct form *f);
void arising_close(struct arising *ar);

/* This meeting's update of open action i, or NULL. */
const struct action_update *arising_update(const struct arising *ar, size_t i);
/* Marks the selected action and commits; in progress opens its note. */
void arising_mark(struct arising *ar, enum update_status st);
/* Takes back this meeting's update of the selected action and commits. */
void arising_clear(struct arising *ar);
/* Opens the note of the selected action (marking it in progress when
 * this meeting has no update of it yet). */
void arising_note_begin(struct arising *ar);
/* Stores the note typed (empty: none) and commits; closes the note. */
void arising_note_store(struct arising *ar);

#endif
