/*
 * mdiff: what changed between two versions of a meeting's minutes, field
 * by field, as an auditor reads it: "Cllr Reid: apologies -> present",
 * "item 5 Integrated Communities Strategy: decision changed", "comment
 * added after comment 4", "action 1 owner changed", with the old and new
 * text and, within them, the words that changed.  Also which field of the
 * latest minutes was last set in which revision (blame).  Knows nothing of
 * git or of the screen.
 *
 * Matching.  Items are matched by number and title, then by title alone
 * (a renumbered item), then by number alone (a retitled one); a matched
 * item out of the order of the others is reported as moved.  Comments,
 * actions, declarations, presenters and documents are aligned in order
 * (longest common subsequence of equal entries; between those, entries
 * alike enough are paired as changed), so an inserted comment does not
 * make every later one look changed.  Attendees are matched by name.
 *
 * The jobs are in four files: the word diff and the subsequence under
 * every alignment (mdiff_words.c), aligning lists and items
 * (mdiff_align.c), comparing field by field (mdiff.c) and blame
 * (mdiff_blame.c); mdiff_priv.h is what they share.
 */
#ifndef GAVEL_MDIFF_H
#define GAVEL_MDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/model/minutes.h"

#define MDIFF_NONE ((size_t)-1)

enum mdiff_kind {
	MDIFF_CHANGED,          /* a field's value changed */
	MDIFF_ADDED,            /* an entry (item, comment, attendee...) added */
	MDIFF_REMOVED,
	MDIFF_MOVED,            /* an item moved among the others */
};

enum mdiff_area {
	MDIFF_MEETING,          /* committee, date, start, end, venue, status, confirmed */
	MDIFF_ATTENDANCE,
	MDIFF_DECLARATIONS,
	MDIFF_ITEM,
};

struct mdiff_change {
	enum mdiff_kind kind;
	enum mdiff_area area;
	char *number;           /* MDIFF_ITEM: the item's number and title */
	char *title;            /*   (the new ones; the old when removed) */
	char *field;            /* "decision", "comment", "action owner",
	                         * "present", a member's name... */
	size_t index;           /* the entry's number (1-based; the old one
	                         * unless added), 0 when none */
	char *label;            /* the whole line: "item 5 Integrated
	                         * Communities Strategy: comment 3 changed" */
	char *old_text;         /* NULL when there is none */
	char *new_text;
};

struct mdiff {
	struct mdiff_change *v;
	size_t n, cap;
};

/* Compares `a` (older) with `b` (newer); the changes go to `out` (start
 * it zeroed: struct mdiff d = { 0 }), in the order of the minutes: the
 * meeting's fields, attendance, declarations, then each item. */
void mdiff_compare(const struct minutes *a, const struct minutes *b, struct mdiff *out);
void mdiff_free(struct mdiff *d);

/* ---- matching, as mdiff_compare does it ---- */

/* For each item of b, the index of the item of a it is, or MDIFF_NONE
 * (b_to_a holds b->nitems entries). */
void mdiff_match_items(const struct minutes *a, const struct minutes *b, size_t *b_to_a);
/* For each comment (action) of b, the one of a it continues, changed or
 * not, or MDIFF_NONE when it is new. */
void mdiff_match_comments(const struct minutes_item *a, const struct minutes_item *b,
			  size_t *b_to_a);
void mdiff_match_actions(const struct minutes_item *a, const struct minutes_item *b,
			 size_t *b_to_a);
void mdiff_match_declarations(const struct minutes *a, const struct minutes *b,
			      size_t *b_to_a);

/* ---- the words that changed ---- */

enum mdiff_span { MDIFF_SAME, MDIFF_DEL, MDIFF_INS };

/* Calls `put` with the runs of the word diff of `old` and `new` in
 * reading order: unchanged text, then for each change the removed words
 * (MDIFF_DEL) followed by the added ones (MDIFF_INS).  Words are the
 * text between spaces, punctuation kept with its word; the spaces are
 * compared too.  Splitting only at ASCII white space keeps UTF-8 whole.
 * NULL is the empty text. */
typedef void (*mdiff_put_fn)(void *ctx, enum mdiff_span kind, const char *s, size_t len);
void mdiff_words(const char *old, const char *new, mdiff_put_fn put, void *ctx);
/* The same as text: "Members [-noted-]{+approved+} the report." */
void mdiff_words_marked(const char *old, const char *new, struct buf *out);

/* ---- blame ---- */

/* Which revision last set each field of a version of the minutes: every
 * key of the format (the meeting's fields, the confirmed block, each
 * attendee, declaration, and each item's title, status, urgency, times,
 * presenters, summary, comments, decision, votes, actions with their
 * owner, due and done dates, and documents), each with the caller's
 * number for the revision that gave it its value. */
struct mdiff_blame;

struct mdiff_blame_field {
	char *label;            /* "item 5 comment 3", "present", "venue" */
	char *text;             /* its value as one line of text */
	size_t rev;
};

/* The blame of `m`, revision `rev` (the blame owns m then), from the
 * blames of its parents (a NULL one is left out): each field takes the
 * revision it has in the first parent where it has the same value (a
 * merge that kept one side's value credits that side's revision, as git
 * blame does), else `rev`.  Free with mdiff_blame_free. */
struct mdiff_blame *mdiff_blame_of(struct minutes *m, size_t rev,
				   struct mdiff_blame *const *parents, size_t nparents);

/* A line of revisions: start with mdiff_blame_new and feed them oldest
 * first with mdiff_blame_add (takes m). */
struct mdiff_blame *mdiff_blame_new(void);
void mdiff_blame_add(struct mdiff_blame *bl, struct minutes *m, size_t rev);
/* Every field of the minutes, in their order.  Free with
 * mdiff_blame_fields_free. */
void mdiff_blame_fields(const struct mdiff_blame *bl, struct mdiff_blame_field **out,
			size_t *n);
void mdiff_blame_fields_free(struct mdiff_blame_field *v, size_t n);
void mdiff_blame_free(struct mdiff_blame *bl);

#endif
