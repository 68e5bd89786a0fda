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
	free(c);
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
