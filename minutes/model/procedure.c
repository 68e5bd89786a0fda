/* procedure: the parts of the minutes format 2 added for a council's
 * procedure (motions, amendments, recorded votes, action updates) and the
 * names FORMAT.md gives their values. */
#include "minutes/model/minutes.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void minutes_recorded_free(struct recorded_vote *r)
{
	names_free(&r->voted_for);
	names_free(&r->against);
	names_free(&r->abstained);
}

bool minutes_recorded_any(const struct recorded_vote *r)
{
	return r->voted_for.n || r->against.n || r->abstained.n;
}

bool minutes_motion_decides(const struct minutes_item *it, const struct motion *mo)
{
	return !(it->decision && *it->decision) && mo->outcome == OUTCOME_CARRIED &&
	       mo->text && *mo->text;
}

bool minutes_item_decided(const struct minutes_item *it)
{
	if (it->decision && *it->decision)
		return true;
	for (size_t i = 0; i < it->nmotions; i++)
		if (minutes_motion_decides(it, &it->motions[i]))
			return true;
	return false;
}

void minutes_motion_resolution(struct buf *b, const struct motion *mo)
{
	const char *t = mo->text ? mo->text : "";
	buf_addstr(b, "RESOLVED: ");
	if (!strncmp(t, "That ", 5)) {
		buf_addstr(b, "that ");
		t += 5;
	}
	buf_addstr(b, t);
}

void minutes_votes_free(struct votes *v)
{
	minutes_recorded_free(&v->recorded);
	memset(v, 0, sizeof(*v));
}

struct motion *minutes_item_add_motion(struct minutes_item *it, const char *text,
				       const char *mover, const char *seconder)
{
	xgrow((void **)&it->motions, &it->motions_cap, it->nmotions + 1,
	      sizeof(*it->motions));
	struct motion *mo = &it->motions[it->nmotions++];
	memset(mo, 0, sizeof(*mo));
	mo->text = dup_or_null(text);
	mo->mover = dup_or_null(mover);
	mo->seconder = dup_or_null(seconder);
	return mo;
}

struct amendment *minutes_motion_add_amendment(struct motion *mo, const char *text,
					       const char *mover,
					       const char *seconder)
{
	xgrow((void **)&mo->amendments, &mo->amendments_cap, mo->namendments + 1,
	      sizeof(*mo->amendments));
	struct amendment *a = &mo->amendments[mo->namendments++];
	memset(a, 0, sizeof(*a));
	a->text = dup_or_null(text);
	a->mover = dup_or_null(mover);
	a->seconder = dup_or_null(seconder);
	return a;
}

struct action_update *minutes_item_add_update(struct minutes_item *it,
					      const char *action,
					      enum update_status status,
					      const char *note)
{
	xgrow((void **)&it->updates, &it->updates_cap, it->nupdates + 1,
	      sizeof(*it->updates));
	struct action_update *u = &it->updates[it->nupdates++];
	u->action = dup_or_null(action);
	u->status = status;
	u->note = dup_or_null(note);
	return u;
}

static void amendment_free(struct amendment *a)
{
	free(a->text);
	free(a->mover);
	free(a->seconder);
	minutes_votes_free(&a->votes);
}

void minutes_item_remove_motion(struct minutes_item *it, size_t i)
{
	if (i >= it->nmotions)
		return;
	struct motion *mo = &it->motions[i];
	free(mo->text);
	free(mo->mover);
	free(mo->seconder);
	for (size_t k = 0; k < mo->namendments; k++)
		amendment_free(&mo->amendments[k]);
	free(mo->amendments);
	minutes_votes_free(&mo->votes);
	memmove(mo, mo + 1, (it->nmotions - i - 1) * sizeof(*mo));
	it->nmotions--;
}

void minutes_item_remove_update(struct minutes_item *it, size_t i)
{
	if (i >= it->nupdates)
		return;
	free(it->updates[i].action);
	free(it->updates[i].note);
	memmove(it->updates + i, it->updates + i + 1,
		(it->nupdates - i - 1) * sizeof(*it->updates));
	it->nupdates--;
}

static int parse(const char *const *names, size_t n, size_t first, const char *s)
{
	for (size_t k = first; s && k < n; k++)
		if (names[k] && strcmp(s, names[k]) == 0)
			return (int)k;
	return -1;
}

#define COUNT(a) (sizeof(a) / sizeof(*(a)))
#define NAME(a, k) ((unsigned)(k) < COUNT(a) ? (a)[k] : NULL)

static const char *const decl_kinds[] = {
	[DECL_UNSAID] = NULL,
	[DECL_PECUNIARY] = "pecuniary",
	[DECL_OTHER_REGISTRABLE] = "other-registrable",
	[DECL_NON_REGISTRABLE] = "non-registrable",
};

static const char *const outcomes[] = {
	[OUTCOME_UNSAID] = NULL,
	[OUTCOME_CARRIED] = "carried",
	[OUTCOME_LOST] = "lost",
	[OUTCOME_WITHDRAWN] = "withdrawn",
};

static const char *const update_statuses[] = {
	[UPDATE_DONE] = "done",
	[UPDATE_IN_PROGRESS] = "in-progress",
	[UPDATE_DROPPED] = "dropped",
};

const char *minutes_declaration_kind_name(enum declaration_kind k)
{
	return NAME(decl_kinds, k);
}

int minutes_declaration_kind_parse(const char *s)
{
	return parse(decl_kinds, COUNT(decl_kinds), 1, s);
}

const char *minutes_outcome_name(enum outcome o)
{
	return NAME(outcomes, o);
}

int minutes_outcome_parse(const char *s)
{
	return parse(outcomes, COUNT(outcomes), 1, s);
}

const char *minutes_update_status_name(enum update_status s)
{
	return NAME(update_statuses, s);
}

int minutes_update_status_parse(const char *s)
{
	return parse(update_statuses, COUNT(update_statuses), 0, s);
}
