/*
 * form_speakers: who may speak on the item in hand, and "Name: text" in a
 * comment read as the comment of a known speaker (speaker_match.h says
 * how a typed name is read).
 */
#ifndef GAVEL_FORM_SPEAKERS_H
#define GAVEL_FORM_SPEAKERS_H

#include <stdbool.h>
#include <stddef.h>

struct form;

/* Everyone who may speak on the item in hand: its presenters, then those
 * present or in attendance, each once; up to `max` names into `out`
 * (pointers into the minutes and the attendance list).  The count. */
size_t form_speakers(const struct form *f, const char **out, size_t max);

/* What a comment's "Name: " came to. */
enum form_speaker_check {
	FORM_SPEAKER_UNNAMED,   /* no name before ": " */
	FORM_SPEAKER_FOUND,     /* someone here */
	FORM_SPEAKER_AWAY,      /* someone marked absent or with apologies */
	FORM_SPEAKER_UNKNOWN,   /* reads as a name, names nobody */
	FORM_SPEAKER_AMBIGUOUS, /* names more than one */
};

/* The speaker `prefix` (len bytes) names (speaker_match.h), among the
 * presenters and everyone on the attendance list, or NULL.  *check (may
 * be NULL) says how it went; *other (may be NULL) gets a second person
 * an ambiguous name fits. */
const char *form_speakers_match(const struct form *f, const char *prefix, size_t len,
				enum form_speaker_check *check, const char **other);

/* Splits "Name: text" into a known speaker (*by, NULL when the text
 * names none) and the text, which is returned (a pointer into s); a name
 * that names nobody, or more than one, stays in the text. */
const char *form_speakers_split(const struct form *f, const char *s, const char **by);
/* The same, saying how the name went and (*other) a second person an
 * ambiguous one fits. */
const char *form_speakers_check(const struct form *f, const char *s, const char **by,
				enum form_speaker_check *check, const char **other);

/* Comment i of the item in hand names its speaker in a way that names
 * nobody or more than one (stored as typed, its name still in its text),
 * or is the one form_speakers_note flagged: the screen marks its row
 * until F2 picks the speaker. */
bool form_speakers_flagged(const struct form *f, size_t i);

/* Puts `name` as the speaker of the focused comment: "name: text",
 * replacing the name typed before it, known or not. */
void form_speakers_set(struct form *f, const char *name);

/* After a comment is stored: tells the clerk when its "Name: " names
 * nobody, more than one, or someone away, and remembers an unresolved
 * one for F2 (struct form's speaker_flag). */
void form_speakers_note(struct form *f, size_t comment, const char *typed);

#endif
