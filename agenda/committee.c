/* committee: committee.yaml, its model, reading and writing. */
#include "agenda/committee.h"

#include <stdlib.h>
#include <string.h>

struct committee *committee_new(const char *name)
{
	struct committee *c = xcalloc(1, sizeof(*c));
	c->version = 1;
	c->name = name ? xstrdup(name) : NULL;
	return c;
}

void committee_free(struct committee *c)
{
	if (!c)
		return;
	free(c->name);
	people_free(&c->members);
	for (size_t i = 0; i < c->nphrases; i++)
		free(c->phrases[i]);
	free(c->phrases);
	for (size_t i = 0; i < c->nstandard; i++) {
		free(c->standard_items[i].title);
		free(c->standard_items[i].purpose);
	}
	free(c->standard_items);
	free(c);
}

struct standard_item *committee_add_standard(struct committee *c, const char *title,
					     const char *purpose,
					     enum standard_kind kind)
{
	xgrow((void **)&c->standard_items, &c->standard_cap, c->nstandard + 1,
	      sizeof(*c->standard_items));
	struct standard_item *s = &c->standard_items[c->nstandard++];
	s->title = title ? xstrdup(title) : NULL;
	s->purpose = purpose ? xstrdup(purpose) : NULL;
	s->kind = kind;
	return s;
}

static const char *const standard_kinds[] = {
	[STANDARD_PLAIN] = NULL,
	[STANDARD_MINUTES] = "minutes",
	[STANDARD_MATTERS_ARISING] = "matters-arising",
	[STANDARD_APOLOGIES] = "apologies",
	[STANDARD_DECLARATIONS] = "declarations",
	[STANDARD_AOB] = "aob",
};

const char *committee_standard_kind_name(enum standard_kind k)
{
	return (unsigned)k < sizeof(standard_kinds) / sizeof(*standard_kinds)
	       ? standard_kinds[k] : NULL;
}

int committee_standard_kind_parse(const char *s)
{
	for (size_t k = 1; s && k < sizeof(standard_kinds) / sizeof(*standard_kinds); k++)
		if (strcmp(s, standard_kinds[k]) == 0)
			return (int)k;
	return -1;
}

enum { C_FORMAT, C_NAME, C_MEMBERS, C_PHRASES };
const char *const committee_keys[] = { "format", "name", "members", "phrases", NULL };

struct committee *committee_read(struct yr *r, struct yr_map *m)
{
	struct committee *c = committee_new(NULL);
	struct yr_node v, e;
	int k;
	while ((k = yr_map_next(r, m, &v)) >= 0) {
		switch (k) {
		case C_FORMAT:
			break;
		case C_NAME:
			c->name = yr_text(r, &v, "the committee's name", true);
			break;
		case C_MEMBERS:
			people_read(r, &v, &c->members, "members");
			break;
		case C_PHRASES:
			if (!yr_seq_begin(r, &v, "a list of decision phrases"))
				break;
			while (yr_next(r, &e) != YR_END) {
				if (!yr_count_entry(r, &e, "phrases"))
					break;
				char *t = yr_text(r, &e, "a decision phrase", true);
				if (!t)
					continue;
				xgrow((void **)&c->phrases, &c->cap, c->nphrases + 1, sizeof(*c->phrases));
				c->phrases[c->nphrases++] = t;
			}
			break;
		}
	}
	yr_map_require(r, m, C_NAME, "the committee's name");
	return c;
}

void committee_write(const struct committee *c, struct buf *out)
{
	struct emit e;
	emit_init(&e, out);
	emit_raw(&e, "format", COMMITTEE_FORMAT);
	emit_text_always(&e, "name", c->name);
	people_write(&e, "members", &c->members);
	if (c->nphrases) {
		emit_open(&e, "phrases");
		for (size_t i = 0; i < c->nphrases; i++)
			emit_list_text(&e, c->phrases[i]);
		emit_close(&e);
	}
}
