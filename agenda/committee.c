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

/* In FORMAT.md's order; quorum, year_starts and standard_items arrived
 * in format 2. */
enum { C_FORMAT, C_NAME, C_QUORUM, C_YEAR_STARTS, C_MEMBERS, C_PHRASES, C_STANDARD };
const char *const committee_keys[] = {
	"format", "name", "quorum", "year_starts", "members", "phrases",
	"standard_items", NULL,
};
static const char *const standard_keys[] = { "title", "purpose", "kind", NULL };

/* "MM-DD", a day that exists in every year (so not 02-29). */
bool committee_year_starts_valid(const char *s, size_t len)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (len != 5 || s[2] != '-')
		return false;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return false;
	int mm = (s[0] - '0') * 10 + (s[1] - '0');
	int dd = (s[3] - '0') * 10 + (s[4] - '0');
	return mm >= 1 && mm <= 12 && dd >= 1 && dd <= days[mm - 1];
}

static void read_year_starts(struct yr *r, const struct yr_node *v, struct committee *c)
{
	if (yr_is_null(v))
		return;
	if (v->type == YR_SCALAR && committee_year_starts_valid(v->value, v->len)) {
		memcpy(c->year_starts, v->value, 5);
		c->year_starts[5] = '\0';
		return;
	}
	struct buf b = BUF_INIT;
	if (v->type == YR_SCALAR)
		yr_quote(&b, v->value, v->len);
	else
		buf_addstr(&b, yr_describe(v));
	yr_error(r, v, "expected the day the committee's year starts, MM-DD (a day "
		 "in every year, so not 02-29), found %s", b.data);
	buf_free(&b);
	yr_skip(r, v);
}

static void read_standard(struct yr *r, const struct yr_node *n, struct committee *c)
{
	struct yr_node e, v;
	if (yr_is_null(n) || !yr_seq_begin(r, n, "a list of standard agenda items"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map m;
		int k;
		if (!yr_count_entry(r, &e, "standard items"))
			break;
		if (!yr_map_begin(r, &m, &e, standard_keys, "a standard item (title, purpose, kind)"))
			continue;
		struct standard_item *s = committee_add_standard(c, NULL, NULL, STANDARD_PLAIN);
		while ((k = yr_map_next(r, &m, &v)) >= 0) {
			if (k == 0) {
				s->title = yr_text(r, &v, "the item's title", true);
			} else if (k == 1) {
				s->purpose = yr_text(r, &v, "the item's purpose", false);
			} else {
				char *kind = yr_text(r, &v, "the kind of item", false);
				int parsed = committee_standard_kind_parse(kind);
				if (kind && parsed < 0) {
					struct buf b = BUF_INIT;
					yr_quote(&b, kind, strlen(kind));
					yr_error(r, &v, "expected the kind of item: minutes or "
						 "matters-arising or apologies or declarations or aob, "
						 "found %s", b.data);
					buf_free(&b);
				}
				s->kind = parsed < 0 ? STANDARD_PLAIN : (enum standard_kind)parsed;
				free(kind);
			}
		}
		yr_map_require(r, &m, 0, "the item's title");
	}
}

struct committee *committee_read(struct yr *r, struct yr_map *m)
{
	struct committee *c = committee_new(NULL);
	struct yr_node v, e, quorum_at = { 0 };   /* its place only: value is gone */
	bool quorum_given = false;
	int k;
	while ((k = yr_map_next(r, m, &v)) >= 0) {
		if ((k == C_QUORUM || k == C_YEAR_STARTS || k == C_STANDARD) &&
		    !yr_map_since(r, m, k, &v, 2))
			continue;
		switch (k) {
		case C_FORMAT:
			break;
		case C_NAME:
			c->name = yr_text(r, &v, "the committee's name", true);
			break;
		case C_QUORUM:
			quorum_at = v;
			quorum_at.value = NULL;
			quorum_at.len = 0;
			quorum_given = !yr_is_null(&v);
			if (quorum_given)
				yr_count(r, &v, &c->quorum);
			break;
		case C_YEAR_STARTS:
			read_year_starts(r, &v, c);
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
		case C_STANDARD:
			read_standard(r, &v, c);
			break;
		}
	}
	yr_map_require(r, m, C_NAME, "the committee's name");
	if (yr_map_has(m, C_QUORUM) && quorum_given &&
	    (c->quorum < 1 || c->quorum > c->members.n) && !yr_stopped(r)) {
		yr_error(r, &quorum_at, "expected a quorum from 1 to the number of members "
			 "(%zu), found %u", c->members.n, c->quorum);
	}
	return c;
}

int committee_format(const struct committee *c)
{
	if (c->quorum || c->year_starts[0])
		return 2;
	for (size_t i = 0; i < c->nstandard; i++)
		if (c->standard_items[i].title && *c->standard_items[i].title)
			return 2;
	return 1;
}

void committee_write(const struct committee *c, struct buf *out)
{
	struct emit e;
	emit_init(&e, out);
	emit_raw(&e, "format", committee_format(c) >= 2 ? COMMITTEE_FORMAT_2 : COMMITTEE_FORMAT);
	emit_text_always(&e, "name", c->name);
	if (c->quorum)
		emit_uint(&e, "quorum", c->quorum);
	emit_raw(&e, "year_starts", c->year_starts);
	people_write(&e, "members", &c->members);
	if (c->nphrases) {
		emit_open(&e, "phrases");
		for (size_t i = 0; i < c->nphrases; i++)
			emit_list_text(&e, c->phrases[i]);
		emit_close(&e);
	}
	if (committee_format(c) >= 2 && c->nstandard) {
		emit_open(&e, "standard_items");
		for (size_t i = 0; i < c->nstandard; i++) {
			const struct standard_item *s = &c->standard_items[i];
			if (!s->title || !*s->title)
				continue;
			emit_entry(&e);
			emit_text(&e, "title", s->title);
			emit_text(&e, "purpose", s->purpose);
			emit_raw(&e, "kind", committee_standard_kind_name(s->kind));
			emit_entry_end(&e);
		}
		emit_close(&e);
	}
}
