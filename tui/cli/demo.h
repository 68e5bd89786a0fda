/*
 * demo: a throwaway minutes repository holding one meeting to try gavel
 * on, reconstructed from a real published minute: the Communities Board
 * of 14 March 2018, with the Integrated Communities Strategy presented by
 * two officials of the Ministry of Housing, Communities and Local
 * Government.
 */
#ifndef GAVEL_DEMO_H
#define GAVEL_DEMO_H

#include "minutes/git/archive.h"
#include "minutes/base/diag.h"

/* Creates the repository in `dir` (an empty folder) with the committee's
 * file and the meeting made from its agenda; *id (malloc'd) names it. */
int demo_create(const char *dir, struct archive **out, char **id, struct diags *d);

/* The demo's files, as gavel's format writes them. */
extern const char demo_committee_yaml[];
extern const char demo_agenda_yaml[];

#endif
