/* form_speakers: speakers of the item in hand, "Name: text" in comments. */
#include "tui/edit/form_speakers.h"

#include "tui/edit/form.h"
#include "tui/edit/speaker_match.h"

#include <string.h>

#define CANDS_MAX 512

static bool has(const char *s)
{
	return s && *s;
}

size_t form_speakers(const struct form *f, const char **out, size_t max)
{
	size_t n = 0;
	const struct minutes_item *it = form_item(f);
	if (it)
		for (size_t i = 0; i < it->presenters.n && n < max; i++)
			if (it->presenters.v[i].name && *it->presenters.v[i].name)
				out[n++] = it->presenters.v[i].name;
	for (size_t i = 0; i < f->roll.n && n < max; i++) {
		const struct form_person *p = &f->roll.v[i];
		if (p->state == FORM_ABSENT || p->state == FORM_APOLOGIES)
			continue;
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = !strcmp(out[j], p->name);
		if (!dup)
			out[n++] = p->name;
	}
	return n;
}

/* Everyone a name may name: the presenters, then the attendance list
 * (those away marked so). */
static size_t candidates(const struct form *f, struct speaker_cand *v)
{
	size_t n = 0;
	const struct minutes_item *it = form_item(f);
	if (it)
		for (size_t i = 0; i < it->presenters.n && n < CANDS_MAX; i++)
			if (has(it->presenters.v[i].name))
				v[n++] = (struct speaker_cand){ it->presenters.v[i].name,
								it->presenters.v[i].role,
								false };
	for (size_t i = 0; i < f->roll.n && n < CANDS_MAX; i++) {
		const struct form_person *p = &f->roll.v[i];
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = !strcmp(v[j].name, p->name);
		if (!dup)
			v[n++] = (struct speaker_cand){ p->name, p->role,
							p->state == FORM_ABSENT ||
							p->state == FORM_APOLOGIES };
	}
	return n;
}

const char *form_speakers_match(const struct form *f, const char *prefix, size_t len,
				enum form_speaker_check *check, const char **other)
{
	static struct speaker_cand v[CANDS_MAX];
	size_t n = candidates(f, v), who;
	enum speaker_how how = speaker_match(v, n, prefix, len, &who);
	enum form_speaker_check ck = FORM_SPEAKER_UNKNOWN;
	if (other)
		*other = how == SPEAKER_AMBIGUOUS ? v[who].name : NULL;
	if (how == SPEAKER_AMBIGUOUS)
		ck = FORM_SPEAKER_AMBIGUOUS;
	else if (how == SPEAKER_FOUND)
		ck = v[who].away ? FORM_SPEAKER_AWAY : FORM_SPEAKER_FOUND;
	if (check)
		*check = ck;
	return how == SPEAKER_FOUND ? v[who].name : NULL;
}

const char *form_speakers_check(const struct form *f, const char *s, const char **by,
				enum form_speaker_check *check, const char **other)
{
	*by = NULL;
	*check = FORM_SPEAKER_UNNAMED;
	if (other)
		*other = NULL;
	const char *colon = strstr(s, ": ");
	if (!colon || colon - s > 80 || colon == s)
		return s;
	size_t len = (size_t)(colon - s);
	const char *name = form_speakers_match(f, s, len, check, other);
	if (!name) {
		if (*check == FORM_SPEAKER_UNKNOWN && !speaker_prefix(s))
			*check = FORM_SPEAKER_UNNAMED;
		return s;
	}
	*by = name;
	s = colon + 2;
	while (*s == ' ')
		s++;
	return s;
}

const char *form_speakers_split(const struct form *f, const char *s, const char **by)
{
	enum form_speaker_check ck;
	return form_speakers_check(f, s, by, &ck, NULL);
}

void form_speakers_set(struct form *f, const char *name)
{
	if (!f->field)
		return;
	const char *by;
	const char *rest = form_speakers_split(f, field_text(f->field, NULL), &by);
	/* A name typed that named nobody goes too: the pick replaces it. */
	size_t typed = by ? 0 : speaker_prefix(rest);
	if (typed) {
		rest += typed + 2;
		while (*rest == ' ')
			rest++;
	}
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s: %s", name, rest);
	form_set_text(f, b.data);
	buf_free(&b);
}

void form_speakers_note(struct form *f, size_t comment, const char *typed)
{
	const char *by, *other;
	enum form_speaker_check ck;
	form_speakers_check(f, typed, &by, &ck, &other);
	size_t len = speaker_prefix(typed);
	if (ck == FORM_SPEAKER_FOUND || ck == FORM_SPEAKER_UNNAMED) {
		if (f->speaker_flag == comment + 1)
			f->speaker_flag = 0;
		return;
	}
	if (ck == FORM_SPEAKER_AWAY) {
		const struct form_person *p = form_roll_find(&f->roll, by);
		form_say(f, true, "comment %zu: %s is marked %s; the comment is recorded as "
			 "theirs (Esc, then Attendance, if they came)", comment + 1, by,
			 p ? form_roll_state_name(p->state) : "away");
		return;
	}
	f->speaker_flag = comment + 1;
	if (ck == FORM_SPEAKER_AMBIGUOUS)
		form_say(f, true, "comment %zu: \"%.*s\" could be more than one person "
			 "(%s, and another); stored as typed: F2 picks the speaker", comment + 1,
			 (int)len, typed, other ? other : "?");
	else
		form_say(f, true, "comment %zu: \"%.*s\" is nobody here; stored as typed: "
			 "F2 picks the speaker", comment + 1, (int)len, typed);
}

bool form_speakers_flagged(const struct form *f, size_t i)
{
	const struct minutes_item *it = form_item(f);
	if (!it || i >= it->ncomments)
		return false;
	if (f->speaker_flag == i + 1)
		return true;
	const struct comment *c = &it->comments[i];
	if ((c->by && *c->by) || !c->text)
		return false;
	const char *by;
	enum form_speaker_check ck;
	form_speakers_check(f, c->text, &by, &ck, NULL);
	return ck == FORM_SPEAKER_UNKNOWN || ck == FORM_SPEAKER_AMBIGUOUS;
}
