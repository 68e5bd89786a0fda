/*
 * form_phrases: the decision phrases offered in an empty decision (the
 * confirmation of earlier minutes for an item that confirms them, the
 * committee's phrases, three of gavel's own), and confirming those
 * earlier minutes from the item (F5 on the clerk's screen).
 */
#ifndef GAVEL_FORM_PHRASES_H
#define GAVEL_FORM_PHRASES_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/format/record.h"

#define FORM_PHRASES_MAX 9

struct form;

/* The meeting the item in hand confirms (its agenda's `confirms:`), or
 * NULL. */
const char *form_phrases_confirms(const struct form *f);

/* True when the focused field is an empty decision the clerk may write:
 * the digits pick the phrases then. */
bool form_phrases_open(const struct form *f);
/* True when the focus is on a decision the clerk may write, empty or
 * not: the phrases are listed then. */
bool form_phrases_shown(const struct form *f);

/* The phrases, up to FORM_PHRASES_MAX, into `out` (valid until the next
 * call).  The count. */
size_t form_phrases(struct form *f, const char **out);

/* Puts phrase i (from 0) in the decision.  A complete phrase is the
 * decision, stored and committed at once; one that ends in a space
 * ("RESOLVED: that ") waits for the rest.  False when there is no
 * phrase i. */
bool form_phrases_pick(struct form *f, size_t i);

/* "The Chair introduced A and B, Role; and C, Other." for the item's
 * presenters (nothing when it has none): the opening of the summary an
 * item with presenters is given when it is taken, for the clerk to keep,
 * edit or clear. */
void form_phrases_introduced(const struct people *l, struct buf *out);

/* The decision as stored: a phrase that ends in a space ("RESOLVED:
 * that ") followed by the clerk's own space keeps one (malloc'd). */
char *form_phrases_tidy(struct form *f, const char *decision);

/* True when the minutes the item in hand confirms hold nothing: no
 * summary, comment, decision or action in any item (or do not load). */
bool form_phrases_confirms_empty(struct form *f);

/* Confirms the minutes the item in hand confirms, signed by the chair
 * and dated this meeting, once the item's decision is recorded; says
 * what happened either way. */
void form_phrases_confirm_now(struct form *f);

#endif
