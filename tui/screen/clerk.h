/*
 * clerk: the clerk's screen (gavel run), live minute-taking.
 *
 * The clerk is walked through the meeting: attendance, the opening
 * (start, venue, declarations of interest), then each agenda item, each a
 * form of fields (title, times, presenters, summary, comments, decision,
 * votes, actions, documents), and the end.  A hub (the items list) reaches
 * every part and every item in any order.  What is typed goes into the
 * session's minutes; the session journals and commits it.
 */
#ifndef GAVEL_CLERK_H
#define GAVEL_CLERK_H

#include <signal.h>
#include <stdbool.h>

#include "minutes/session/session.h"
#include "tui/screen/keys.h"

struct clerk;

/* The screen's keys: what each does in each view (gavel keys run). */
extern const struct keymap clerk_keymap;

struct clerk *clerk_new(struct session *s);
void clerk_free(struct clerk *c);

/* Puts a message (a problem found before the screen opened, such as a
 * broken theme file) on the screen's message line. */
void clerk_say(struct clerk *c, const char *msg);

/* Runs the screen (curses must be open) until the clerk leaves or *stop
 * is set by a signal; everything is stored, journaled and committed
 * before it returns.  A message for the terminal after the screen closes
 * (the meeting's summary, an error) goes to *farewell (malloc'd, may be
 * NULL).  Returns 0, or -1 when the last save failed. */
int clerk_run(struct clerk *c, volatile sig_atomic_t *stop, char **farewell);

#endif
