/*
 * form_speakers: who may speak on the item in hand, and "Name: text" in a
 * comment read as the comment of a known speaker.
 */
#ifndef GAVEL_FORM_SPEAKERS_H
#define GAVEL_FORM_SPEAKERS_H

#include <stddef.h>

struct form;

/* Everyone who may speak on the item in hand: its presenters, then those
 * present or in attendance, each once; up to `max` names into `out`
 * (pointers into the minutes and the attendance list).  The count. */
size_t form_speakers(const struct form *f, const char **out, size_t max);

/* The speaker `prefix` (len bytes) names: a whole name, the name without
 * its title ("Jo Reid" for "Cllr Jo Reid"), or a surname only one person
 * has, all regardless of case.  NULL when nobody matches. */
const char *form_speakers_match(const struct form *f, const char *prefix, size_t len);

/* Splits "Name: text" into a known speaker (*by, NULL when the text
 * names none) and the text, which is returned (a pointer into s). */
const char *form_speakers_split(const struct form *f, const char *s, const char **by);

/* Puts `name` as the speaker of the focused comment: "name: text",
 * replacing the speaker it named before. */
void form_speakers_set(struct form *f, const char *name);

#endif
