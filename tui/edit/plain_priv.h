/*
 * plain_priv: what the dialogue's files share (plain.c: the output, the
 * prompt and the commands' dispatch; plain_cmd.c: attendance, the
 * opening and the item's fields; plain_proc.c: a council's procedure,
 * asked step by step).  Not for callers: plain.h is.
 */
#ifndef GAVEL_PLAIN_PRIV_H
#define GAVEL_PLAIN_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/edit/form.h"
#include "tui/edit/form_sheet.h"
#include "tui/edit/plain.h"

/* Writes text a line at a time, controls shown visibly. */
void plain_text(struct plain *p, const char *s);
void plain_say(struct plain *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The model's message (its keys put as commands) and the committer's. */
void plain_messages(struct plain *p);

/* False, having said so, when the minutes are read-only. */
bool plain_writable(struct plain *p);
/* False, having said so, when the clerk is at no item. */
bool plain_at_item(struct plain *p);
/* Puts text in a slot of the form on show and stores it, as if typed. */
bool plain_set_slot(struct plain *p, enum form_slot_kind kind, size_t index,
		    const char *text);
/* The focus back on a fresh comment, and what is pending committed. */
void plain_settle(struct plain *p);
char *plain_trim(char *s);
/* Splits s at the first ';' (the rest, trimmed, or NULL). */
char *plain_split(char *s);
/* The attendance list's person a name or list number names, or SIZE_MAX
 * having said why not. */
size_t plain_person(struct plain *p, const char *want);

void plain_cmd_mark(struct plain *p, enum form_presence st, char *args);
void plain_cmd_list(struct plain *p);
void plain_cmd_read(struct plain *p);
void plain_cmd_decision(struct plain *p, char *args);
void plain_cmd_votes(struct plain *p, char *args);
void plain_cmd_action(struct plain *p, char *args);
void plain_cmd_comment(struct plain *p, const char *text);
void plain_cmd_status(struct plain *p, enum item_status st, const char *reason);
void plain_cmd_confirm(struct plain *p, const char *args);
void plain_cmd_item(struct plain *p, const char *num);
void plain_cmd_opening(struct plain *p, const char *word, char *args);
void plain_cmd_back(struct plain *p);
void plain_cmd_end(struct plain *p);
void plain_cmd_save(struct plain *p);
void plain_cmd_add(struct plain *p, char *args);

/* plain_proc.c: a council's procedure.  Each starts an entry that may
 * be asked for step by step (struct plain's `ask`). */
void plain_cmd_motion(struct plain *p, char *args);
void plain_cmd_amendment(struct plain *p, char *args);
void plain_cmd_result(struct plain *p, char *args);
void plain_cmd_named(struct plain *p, char *args);
void plain_cmd_declare(struct plain *p, char *args);
void plain_cmd_leave(struct plain *p, char *args, bool back);
void plain_cmd_substitute(struct plain *p, char *args);
void plain_cmd_motions(struct plain *p);
void plain_cmd_arising(struct plain *p, char *args);
enum ask_kind { ASK_NONE, ASK_MOTION, ASK_AMENDMENT, ASK_RESULT, ASK_NAMED, ASK_DECL };
/* plain_ask.c: starts asking for an entry of `kind` on motion (or
 * declaration) a, amendment b (SIZE_MAX: none); answers its first
 * nparts steps with the ';'-separated parts of args, then stops unless
 * one was wrong (asked again). */
void plain_ask_start(struct plain *p, int kind, size_t a, size_t b);
void plain_ask_parts(struct plain *p, char *args, size_t nparts);
/* Starts asking for the named vote on motion a, amendment b (SIZE_MAX:
 * the motion): who voted for, against, abstained, then the outcome. */
void plain_ask_named(struct plain *p, size_t a, size_t b);
/* Says whom the step in hand picks from, when it picks a name. */
void plain_ask_choices(struct plain *p);
/* The sheet `type` (a person's: `name`) focused on row (what, a, b,
 * fresh); NULL, having said why, when there is none.  sheet_close it. */
struct sheet *plain_sheet_at(struct plain *p, enum sheet_type type, const char *name,
			     enum sheet_what what, size_t a, size_t b, bool fresh);
/* "WHAT: 1. name; 2. name." for the focused row's choices. */
void plain_choices(struct plain *p, struct sheet *sh, const char *what);
/* While an entry is asked for: its prompt, and the line answering it. */
bool plain_asking(const struct plain *p);
void plain_ask_prompt(struct plain *p);
/* A line while a question is asked: true when it was taken as an answer
 * (or cancel, help, list); false for quit, exit, end and save, which stop
 * the question and are then run as commands. */
bool plain_ask_line(struct plain *p, char *line);

#endif
