/*
 * committee: a committee's own file (committee.yaml): its name, the
 * members ticked off at attendance and the clerk's decision phrases.
 */
#ifndef GAVEL_COMMITTEE_H
#define GAVEL_COMMITTEE_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/format/record.h"
#include "minutes/format/yamlread.h"

#define COMMITTEE_FORMAT "gavel-committee/1"
#define COMMITTEE_FORMAT_2 "gavel-committee/2"

enum standard_kind {
	STANDARD_PLAIN,
	STANDARD_MINUTES,               /* confirms the latest unconfirmed meeting */
	STANDARD_MATTERS_ARISING,       /* lists the committee's open actions */
	STANDARD_APOLOGIES,
	STANDARD_DECLARATIONS,
	STANDARD_AOB,
};

/* (format 2) An item every new agenda of the committee starts from. */
struct standard_item {
	char *title;
	char *purpose;                  /* may be NULL */
	enum standard_kind kind;
};

struct committee {
	int version;
	char *name;
	unsigned quorum;                /* (2) 0 when not set */
	char year_starts[6];            /* (2) "MM-DD"; "" when not set */
	struct people members;
	char **phrases;
	size_t nphrases, cap;
	struct standard_item *standard_items;   /* (2) */
	size_t nstandard, standard_cap;
};

struct committee *committee_new(const char *name);
void committee_free(struct committee *c);
struct standard_item *committee_add_standard(struct committee *c, const char *title,
					     const char *purpose,
					     enum standard_kind kind);
/* FORMAT.md's names of the kinds (NULL for a plain item), and back: -1
 * when `s` is none of them. */
const char *committee_standard_kind_name(enum standard_kind k);
int committee_standard_kind_parse(const char *s);
struct committee *committee_read(struct yr *r, struct yr_map *m);
extern const char *const committee_keys[];
/* The lowest format that holds the committee (2 when it has a quorum, a
 * year or standard items), and the written form in it. */
int committee_format(const struct committee *c);
void committee_write(const struct committee *c, struct buf *out);
/* Whether text is a valid year_starts: MM-DD, a day in every year. */
bool committee_year_starts_valid(const char *s, size_t len);

#endif
