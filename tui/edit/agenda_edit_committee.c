/* agenda_edit_committee: the committee screen's model (see its header). */
#include "tui/edit/agenda_edit_committee.h"

#include "minutes/base/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REFUSE(err, ...) (buf_reset(err), buf_addf(err, __VA_ARGS__), -1)
#define say(what, ...) do { if (what) buf_addf((what), __VA_ARGS__); } while (0)

size_t committee_edit_count(const struct committee *c, enum committee_field f)
{
	switch (f) {
	case CF_MEMBER: return c->members.n;
	case CF_PHRASE: return c->nphrases;
	case CF_STANDARD: return c->nstandard;
	default: return 1;
	}
}

char *committee_edit_value(const struct committee *c, enum committee_field f, size_t i)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, "");
	switch (f) {
	case CF_NAME: buf_addstr(&b, c->name ? c->name : ""); break;
	case CF_QUORUM:
		if (c->quorum)
			buf_addf(&b, "%u", c->quorum);
		break;
	case CF_YEAR_STARTS: buf_addstr(&b, c->year_starts); break;
	case CF_MEMBER:
		if (i < c->members.n) {
			buf_addstr(&b, c->members.v[i].name);
			if (c->members.v[i].role && *c->members.v[i].role)
				buf_addf(&b, ", %s", c->members.v[i].role);
		}
		break;
	case CF_PHRASE:
		if (i < c->nphrases)
			buf_addstr(&b, c->phrases[i]);
		break;
	case CF_STANDARD:
		if (i < c->nstandard)
			buf_addstr(&b, c->standard_items[i].title);
		break;
	}
	return buf_detach(&b, NULL);
}

static bool one_line(const char *s, const char *what, struct buf *err)
{
	size_t len = strlen(s);
	if (!utf8_clean(s, len, NULL) || strchr(s, '\n')) {
		buf_addf(err, "%s must be one line of text without control characters", what);
		return false;
	}
	if (len && (s[0] == ' ' || s[len - 1] == ' ')) {
		buf_addf(err, "%s cannot start or end with a space", what);
		return false;
	}
	return true;
}

/* "Name, Role" split at the first comma, trimmed; *role NULL when none. */
static void split_member(const char *v, char **name, char **role)
{
	const char *comma = strchr(v, ',');
	size_t n = comma ? (size_t)(comma - v) : strlen(v);
	while (n && v[n - 1] == ' ')
		n--;
	*name = xstrndup(v, n);
	*role = NULL;
	if (comma) {
		const char *r = comma + 1;
		while (*r == ' ')
			r++;
		if (*r)
			*role = xstrdup(r);
	}
}

static bool quorum_parse(const char *v, unsigned *out)
{
	char *end;
	errno = 0;
	long q = strtol(v, &end, 10);
	if (errno || end == v || *end || q < 1 || q > 100000)
		return false;
	*out = (unsigned)q;
	return true;
}

bool committee_edit_check(const struct committee *c, enum committee_field f, size_t i,
			  const char *value, struct buf *err)
{
	buf_reset(err);
	if (!one_line(value, "the text", err))
		return false;
	switch (f) {
	case CF_NAME:
		if (!*value) {
			buf_addstr(err, "the committee's name cannot be empty");
			return false;
		}
		return true;
	case CF_QUORUM: {
		unsigned q;
		if (!*value)
			return true;
		if (!quorum_parse(value, &q)) {
			buf_addf(err, "'%s' is not a quorum; expected a whole number from 1", value);
			return false;
		}
		if (q > c->members.n) {
			buf_addf(err, "a quorum of %u is more than the %zu member%s", q,
				 c->members.n, c->members.n == 1 ? "" : "s");
			return false;
		}
		return true;
	}
	case CF_YEAR_STARTS: {
		if (!*value)
			return true;
		unsigned mm, dd;
		char tail;
		static const unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		if (strlen(value) != 5 || value[2] != '-' ||
		    sscanf(value, "%2u-%2u%c", &mm, &dd, &tail) != 2 || mm < 1 || mm > 12 ||
		    dd < 1 || dd > days[mm - 1]) {
			buf_addf(err, "'%s' is not a day of every year; expected MM-DD, such as "
				 "05-01 (not 02-29)", value);
			return false;
		}
		return true;
	}
	case CF_MEMBER: {
		if (!*value)
			return true;        /* an empty Add row adds nothing */
		char *name, *role;
		split_member(value, &name, &role);
		bool ok = *name != '\0';
		if (!ok)
			buf_addstr(err, "a member needs a name (\"Name\" or \"Name, Role\")");
		for (size_t k = 0; ok && k < c->members.n; k++)
			if (k != i && !strcmp(c->members.v[k].name, name)) {
				buf_addf(err, "%s is a member already", name);
				ok = false;
			}
		free(name);
		free(role);
		return ok;
	}
	case CF_PHRASE:
	case CF_STANDARD:
		if (!*value && i < committee_edit_count(c, f)) {
			buf_addstr(err, f == CF_PHRASE ? "a phrase cannot be empty (^X removes it)"
				   : "a standard item needs a title (^X removes it)");
			return false;
		}
		return true;
	}
	return false;
}

int committee_edit_set(struct committee *c, enum committee_field f, size_t i,
		       const char *value, struct buf *what, struct buf *err)
{
	if (!committee_edit_check(c, f, i, value, err))
		return -1;
	char *old = committee_edit_value(c, f, i);
	bool same = !strcmp(old, value);
	free(old);
	if (same)
		return 0;
	switch (f) {
	case CF_NAME:
		record_text_set(&c->name, value);
		say(what, "name set to %s", value);
		break;
	case CF_QUORUM:
		if (!*value) {
			c->quorum = 0;
			say(what, "quorum cleared");
		} else {
			quorum_parse(value, &c->quorum);
			say(what, "quorum set to %u", c->quorum);
		}
		break;
	case CF_YEAR_STARTS:
		snprintf(c->year_starts, sizeof(c->year_starts), "%s", value);
		say(what, *value ? "year starts on %s" : "year start cleared%s", value);
		break;
	case CF_MEMBER: {
		char *name, *role;
		split_member(value, &name, &role);
		if (i >= c->members.n) {
			people_add(&c->members, name, role);
			say(what, "member %s added", name);
		} else {
			record_text_set(&c->members.v[i].name, name);
			record_text_set(&c->members.v[i].role, role);
			say(what, "member %s changed", name);
		}
		free(name);
		free(role);
		break;
	}
	case CF_PHRASE:
		if (i >= c->nphrases) {
			xgrow((void **)&c->phrases, &c->cap, c->nphrases + 1, sizeof(*c->phrases));
			c->phrases[c->nphrases++] = xstrdup(value);
			say(what, "phrase added: %s", value);
		} else {
			record_text_set(&c->phrases[i], value);
			say(what, "phrase %zu changed", i + 1);
		}
		break;
	case CF_STANDARD:
		if (i >= c->nstandard) {
			committee_add_standard(c, value, NULL, STANDARD_PLAIN);
			say(what, "standard item added: %s", value);
		} else {
			record_text_set(&c->standard_items[i].title, value);
			say(what, "standard item %zu retitled", i + 1);
		}
		break;
	}
	return 0;
}

int committee_edit_remove(struct committee *c, enum committee_field f, size_t i,
			  struct buf *what, struct buf *err)
{
	buf_reset(err);
	if (i >= committee_edit_count(c, f) || f < CF_MEMBER)
		return REFUSE(err, "nothing to remove here");
	switch (f) {
	case CF_MEMBER:
		if (c->quorum > c->members.n - 1)
			return REFUSE(err, "the quorum (%u) would be more than the members; "
				      "lower it first", c->quorum);
		say(what, "member %s removed", c->members.v[i].name);
		people_remove(&c->members, i);
		break;
	case CF_PHRASE:
		say(what, "phrase removed: %s", c->phrases[i]);
		free(c->phrases[i]);
		memmove(&c->phrases[i], &c->phrases[i + 1], (c->nphrases - i - 1) * sizeof(*c->phrases));
		c->nphrases--;
		break;
	default:
		say(what, "standard item removed: %s", c->standard_items[i].title);
		free(c->standard_items[i].title);
		free(c->standard_items[i].purpose);
		memmove(&c->standard_items[i], &c->standard_items[i + 1],
			(c->nstandard - i - 1) * sizeof(*c->standard_items));
		c->nstandard--;
		break;
	}
	return 0;
}

int committee_edit_next_kind(struct committee *c, size_t i, struct buf *what,
			     struct buf *err)
{
	buf_reset(err);
	if (i >= c->nstandard)
		return REFUSE(err, "^T sets the kind of a standard item; add the item first");
	struct standard_item *s = &c->standard_items[i];
	s->kind = s->kind == STANDARD_AOB ? STANDARD_PLAIN : s->kind + 1;
	const char *k = committee_standard_kind_name(s->kind);
	say(what, "standard item %zu: kind %s", i + 1, k ? k : "plain");
	return 0;
}
