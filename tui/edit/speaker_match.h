/*
 * speaker_match: who "Name" in a comment's "Name: text" is, as clerks
 * type names: the whole name, the name without its title ("Jo Reid" for
 * "Cllr Jo Reid"), a title and the surname ("Cllr Reid", "Councillor
 * Reid", "Mr Fenn"), a surname only one person has, or a role ("Chair",
 * "Chairman", "Vice-Chair", "Deputy Chair") for whoever holds it.  All
 * regardless of case.  Pure: no form, no session, no curses.
 */
#ifndef GAVEL_SPEAKER_MATCH_H
#define GAVEL_SPEAKER_MATCH_H

#include <stdbool.h>
#include <stddef.h>

/* Someone who may be named: `away` when marked absent or with apologies
 * (named all the same, so that the clerk can be told). */
struct speaker_cand {
	const char *name;
	const char *role;       /* may be NULL */
	bool away;
};

enum speaker_how {
	SPEAKER_NONE,           /* names nobody */
	SPEAKER_FOUND,          /* one person: *who */
	SPEAKER_AMBIGUOUS,      /* more than one: *who is the first of them */
};

/* Resolves `typed` (len bytes) among v[0..n).  Someone present wins over
 * someone away of the same name; two present, or none present and two
 * away, are ambiguous. */
enum speaker_how speaker_match(const struct speaker_cand *v, size_t n,
			       const char *typed, size_t len, size_t *who);

/* The length of the name before ": " at the start of s when it reads as
 * a name or a role (words that start with a capital, up to six, no
 * sentence punctuation: "Cllr Reid", "Zoë Ní Bhriain", "Vice-Chair"), else
 * 0 ("Members raised this: ..." is no name). */
size_t speaker_prefix(const char *s);

/* True when `word` (len bytes) is a title: Cllr, Councillor, Mr, Mrs,
 * Ms, Miss, Mx, Dr, Prof, Sir, Dame, Lord, Lady, Baroness..., with or
 * without a full stop. */
bool speaker_is_title(const char *word, size_t len);

#endif
