/*
 * minute_lookup: the highest minute number the committee's earlier
 * meetings of the same committee year gave (numbering.h continues from
 * it).  Reads the repository at HEAD.
 */
#ifndef GAVEL_MINUTE_LOOKUP_H
#define GAVEL_MINUTE_LOOKUP_H

#include "minutes/base/diag.h"
#include "minutes/git/archive.h"

/* For meeting `id` ("planning/2018-06-12"), the highest `minute` of the
 * meetings of its committee held before it in the year that starts on
 * `year_starts` ("MM-DD"; NULL or "": 1 January), into *out (0: none).
 * A meeting whose minutes do not load is passed over. */
int minute_lookup_earlier(struct archive *a, const char *id, const char *year_starts,
			  unsigned *out, struct diags *d);

#endif
