/*
 * form_sheet_priv: what the two halves of a sheet share: form_sheet.c
 * (its rows, their labels, text and choices, moving between them) and
 * form_sheet_store.c (what picking, clearing and typing change in the
 * minutes).  Not for the screen: form_sheet.h is.
 */
#ifndef GAVEL_FORM_SHEET_PRIV_H
#define GAVEL_FORM_SHEET_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/edit/form_sheet.h"

/* The votes, outcome, text, mover and seconder a motion row is about. */
struct mrow {
	char **text, **mover, **seconder;
	struct votes *votes;
	enum outcome *outcome;
};

/* The motions' item, the person sheet's person; NULL when gone. */
struct minutes_item *sheet_item(const struct sheet *sh);
struct form_person *sheet_person(const struct sheet *sh);
/* Makes the rows again from the minutes (an entry came or went). */
void sheet_build(struct sheet *sh);
/* The motion, the motion's or amendment's parts, the declaration a row
 * is about (NULL or false when it is about none). */
struct motion *sheet_row_motion(const struct sheet *sh, const struct sheet_row *r);
bool sheet_row_parts(const struct sheet *sh, const struct sheet_row *r, struct mrow *p);
struct declaration *sheet_row_decl(const struct sheet *sh, const struct sheet_row *r);
/* Whether `s` is in the list, and where. */
bool sheet_names_has(const struct names *l, const char *s, size_t *at);
/* "", "carried", "lost", "withdrawn" by enum outcome. */
extern const char *const sheet_outcome_words[];

#endif
