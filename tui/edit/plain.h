/*
 * plain: the clerk's screen as a line-based dialogue (gavel run MEETING
 * --plain), for a screen reader, a braille display or a pipe.  It drives
 * the same model as the screen (form*.h) with typed commands instead of
 * keys, and writes plain lines: no cursor addressing, colours or redraws.
 * Each prompt is one line naming where the clerk is and what may be
 * typed ("Item 3 of 7, Integrated Communities Strategy. Comment 2. Type
 * the comment, or a command: next, back, decision, help").
 *
 * A plain line is a comment on the item in hand ("Name: text" names its
 * speaker as on the screen); a line starting with a command word is that
 * command (plain_help lists them).  Everything stored goes through the
 * session: the journal after every line, commits in order by the
 * committer thread.
 */
#ifndef GAVEL_PLAIN_H
#define GAVEL_PLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "minutes/session/session.h"
#include "tui/edit/form.h"

/* An entry asked for a step at a time (a motion: its text, mover,
 * seconder, votes, outcome); `cancel` stops it. */
struct plain_ask {
	int kind;               /* 0: none; plain_proc.c's enum ask_kind */
	size_t step;            /* into the kind's steps */
	bool named;             /* the votes are a named vote: for, against,
				 * abstained asked before the outcome */
	bool created;           /* the entry was made by this ask: cancel
				 * removes it */
	size_t item, a, b;      /* the item, the motion (or declaration), the
				 * amendment (SIZE_MAX: the motion itself) */
};

struct plain {
	struct form f;
	FILE *out;
	bool quit;              /* the clerk typed quit (and it could leave) */
	bool brief;             /* the last line was empty: the next prompt
				 * says where the clerk is, not the commands */
	struct plain_ask ask;
};

/* Starts the dialogue on an open session, writing to `out`: where the
 * clerk stands (restored from the journal, or at attendance), and what
 * the session has to say. */
void plain_init(struct plain *p, struct session *s, FILE *out);
void plain_free(struct plain *p);

/* The prompt: one line naming where the clerk is and what may be typed. */
void plain_prompt(struct plain *p);
/* Acts on one line the clerk typed (no newline), and says what happened. */
void plain_line(struct plain *p, const char *line);
/* The last save, however the dialogue ends: stores, writes the journal,
 * commits and waits for the commits; says how it went.  False when the
 * last save failed (the journal keeps the work). */
bool plain_finish(struct plain *p);

#endif
