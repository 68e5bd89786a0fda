/*
 * slug: folder names made from names, by FORMAT.md's rules: lower-case
 * ASCII letters, digits and single hyphens, at most 64 characters, never
 * empty, `.` or `..`.  Accented Latin letters fold to their base letter;
 * anything else becomes a hyphen; a name that leaves nothing becomes
 * "committee-" and a short hash of the name.  No name can make a path
 * outside its folder.
 */
#ifndef GAVEL_SLUG_H
#define GAVEL_SLUG_H

#include <stdbool.h>
#include <stddef.h>

#define SLUG_MAX 64

/* Writes the slug of `name` into out (at least SLUG_MAX + 1 bytes). */
void slug_make(const char *name, char out[SLUG_MAX + 1]);
/* True when s is already a slug. */
bool slug_valid(const char *s, size_t len);

/* A meeting's folder inside its committee's: YYYY-MM-DD, or YYYY-MM-DD-N
 * (N from 2) for a later meeting on the same day. */
bool slug_meeting_folder_valid(const char *s, size_t len);
/* A meeting id: "<committee slug>/<meeting folder>". */
bool slug_meeting_id_valid(const char *id);

#endif
