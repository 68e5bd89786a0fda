/*
 * mdiff_priv: what the parts of mdiff share and nothing else uses: the
 * word diff (mdiff_words.c) gives the sequence alignment and the
 * likeness of two texts, the list alignment (mdiff_align.c) the pairing
 * of entries; the comparison (mdiff.c) and blame (mdiff_blame.c) use them.
 */
#ifndef GAVEL_MDIFF_PRIV_H
#define GAVEL_MDIFF_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/audit/mdiff.h"

/* s, or "" for NULL; and whether two texts (NULL as "") are equal. */
const char *mdiff_str(const char *s);
bool mdiff_same_text(const char *a, const char *b);

/* Whether entry i of the first sequence equals (or may pair with) entry
 * j of the second; ctx is the caller's pair of sequences. */
typedef bool (*mdiff_eq_fn)(const void *ctx, size_t i, size_t j);

/* For each element of b, its equal in a along a longest common
 * subsequence, or MDIFF_NONE (b_to_a holds nb entries). */
void mdiff_lcs(size_t na, size_t nb, mdiff_eq_fn eq, const void *ctx, size_t *b_to_a);

/* How alike two texts are: words in common (in order) against the words
 * of both, 0 to 1. */
double mdiff_alike(const char *x, const char *y);

/* mdiff_lcs, then between two equal entries an entry of b with the first
 * unpaired one of a that `pair` accepts. */
void mdiff_align(size_t na, size_t nb, mdiff_eq_fn eq, mdiff_eq_fn pair,
		 const void *ctx, size_t *b_to_a);

/* Equal people (by name) and documents (by title); ctx is a pair of
 * struct people * (struct documents *). */
bool mdiff_person_eq(const void *ctx, size_t i, size_t j);
bool mdiff_document_eq(const void *ctx, size_t i, size_t j);

/* Marks in `kept` the matched items of b that stay in order. */
void mdiff_in_order(const size_t *b_to_a, size_t nb, bool *kept);

/* Attendees of the four lists as one, matched by name. */
extern const char *const mdiff_list_names[4];  /* "present", ... "absent" */
struct mdiff_attendee {
	const char *name;
	const struct person *p;
	int list;               /* 0 present, 1 apologies, 2 in attendance, 3 absent */
	size_t idx;             /* order within the minutes */
};
/* All of m's attendees in the order of the minutes, or sorted by name;
 * malloc'd, *n of them. */
struct mdiff_attendee *mdiff_attendees(const struct minutes *m, size_t *n, bool sorted);
/* The first attendee named `name` in the sorted list, or NULL. */
const struct mdiff_attendee *mdiff_find_attendee(const struct mdiff_attendee *v, size_t n,
						 const char *name);

/* Format 2's procedure as one line of text each, for diff and blame:
 * "for 2, against 1, abstained 0; recorded for: A, B; against: C";
 * an attendee's "substituting for X, arrived 18:25 during item 3, left
 * 20:05 during item 9"; a declaration's "pecuniary, left the room";
 * a motion's "That ... (moved by A, seconded by B)".  Appended to b
 * (nothing added when there is nothing to say). */
void mdiff_votes_text(struct buf *b, unsigned n_for, unsigned n_against,
		      unsigned n_abstained, const struct recorded_vote *rec);
void mdiff_attendance_text(struct buf *b, const struct person *p);
void mdiff_declaration_text(struct buf *b, const struct declaration *d);
void mdiff_moved_text(struct buf *b, const char *text, const char *mover,
		      const char *seconder);

#endif
