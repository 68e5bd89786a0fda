/*
 * form_journal: what the journal keeps of the clerk's screen beside the
 * minutes, so that a gavel restarted after a crash opens where the clerk
 * was: the view, the item, the focused field, its cursor and its text as
 * typed.  The text is lines "view N", "item N", "entered 0|1", "slot KIND
 * INDEX", "cursor N", "changed 0|1", "text LEN" and then LEN bytes; the
 * numbers are enum form_view's and enum form_slot_kind's.  Before the
 * slot, what is open over the view, so that text typed there is kept as
 * the form's is: "sheet TYPE ROW CHANGED CURSOR PLEN TLEN", then the
 * person sheet's name (PLEN bytes) and the focused row's text (TLEN
 * bytes) and a newline (TYPE is enum sheet_type's, ROW the focused row);
 * on a declaration with no interest yet (which the minutes' file leaves
 * out), "decl INDEX KIND LEFT MLEN ILEN", its member, item and a newline;
 * "note ILEN TLEN", then an open action's id and its note as typed and
 * a newline.
 */
#ifndef GAVEL_FORM_JOURNAL_H
#define GAVEL_FORM_JOURNAL_H

#include <stdbool.h>

#include "minutes/base/buf.h"

struct form;

/* Seconds between journal writes while the clerk types. */
#define FORM_JOURNAL_INTERVAL 0.5
/* A pause this long (the screen's loop wakes after 0.25 s without a key)
 * writes what was typed at once: a burst of typing is in the journal as
 * soon as it ends, not up to an interval later. */
#define FORM_JOURNAL_IDLE 0.2

/* The screen's state as the journal keeps it. */
void form_journal_state(const struct form *f, struct buf *out);
/* Goes back to a state form_journal_state wrote (what does not fit the
 * minutes, an item that is gone say, falls back to the hub).  A sheet is
 * reopened into f->sheet with its text as typed when f->sheets_shown,
 * else its text is stored; a note is stored into its action's update. */
void form_journal_restore(struct form *f, const char *state);
/* Writes the journal when it is due (or at once with `force`); a failure
 * becomes the message. */
void form_journal_write(struct form *f, bool force);

/* After a restart from the journal: what was restored and from when, as
 * the clerk's message ("Restored from the journal: 3 fields, typed up to
 * 11:42:07 (...)").  `when` is the journal's "written" time
 * (YYYY-MM-DDTHH:MM:SSZ), shown in local time. */
void form_journal_recovered(struct form *f, const char *when);

#endif
