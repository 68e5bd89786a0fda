/*
 * committee: a committee's own file (committee.yaml): its name, the
 * members ticked off at attendance and the clerk's decision phrases.
 */
#ifndef GAVEL_COMMITTEE_H
#define GAVEL_COMMITTEE_H

#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/format/record.h"
#include "minutes/format/yamlread.h"

#define COMMITTEE_FORMAT "gavel-committee/1"
#define COMMITTEE_FORMAT_2 "gavel-committee/2"

struct committee {
	int version;
	char *name;
	struct people members;
	char **phrases;
	size_t nphrases, cap;
};

struct committee *committee_new(const char *name);
void committee_free(struct committee *c);
struct committee *committee_read(struct yr *r, struct yr_map *m);
extern const char *const committee_keys[];
void committee_write(const struct committee *c, struct buf *out);

#endif
