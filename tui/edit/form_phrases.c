/* form_phrases: decision phrases and confirming earlier minutes. */
#include "tui/edit/form_phrases.h"

#include "minutes/git/meeting.h"
#include "tui/edit/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *form_phrases_confirms(const struct form *f)
{
	const struct minutes_item *it = form_item(f);
	const struct agenda_item *ai = it ? session_agenda_item(f->s, it->number) : NULL;
	return ai && ai->confirms && *ai->confirms ? ai->confirms : NULL;
}

bool form_phrases_shown(const struct form *f)
{
	const struct form_slot *sl = form_focused(f);
	return f->view == FORM_ITEM && sl && sl->kind == SLOT_DECISION && f->field &&
	       !session_read_only(f->s);
}

bool form_phrases_open(const struct form *f)
{
	return form_phrases_shown(f) && !*field_text(f->field, NULL);
}

/* "RESOLVED: that the minutes of the meeting held on 17 January 2018 be
 * confirmed as a correct record." for an item that confirms a meeting;
 * NULL for another. */
static const char *confirm_phrase(struct form *f)
{
	const char *id = form_phrases_confirms(f);
	const char *slash = id ? strchr(id, '/') : NULL;
	if (!slash)
		return NULL;
	char date[11];
	snprintf(date, sizeof(date), "%.10s", slash + 1);
	struct buf b = BUF_INIT;
	const char *held = date;
	if (f->date_words) {
		f->date_words(&b, date);
		/* "Wednesday 17 January 2018" -> "17 January 2018" */
		const char *sp = strchr(b.data, ' ');
		held = sp ? sp + 1 : b.data;
	}
	snprintf(f->confirm, sizeof(f->confirm), "RESOLVED: that the minutes of the "
		 "meeting held on %s be confirmed as a correct record.", held);
	buf_free(&b);
	return f->confirm;
}

size_t form_phrases(struct form *f, const char **out)
{
	static const char *const builtin[] = {
		"Members noted the presentation.",
		"Members noted the report.",
		"RESOLVED: that ",
	};
	size_t n = 0;
	const char *confirm = confirm_phrase(f);
	if (confirm)
		out[n++] = confirm;
	const struct committee *com = session_committee(f->s);
	if (com)
		for (size_t i = 0; i < com->nphrases && n < FORM_PHRASES_MAX; i++)
			out[n++] = com->phrases[i];
	for (size_t i = 0; i < 3 && n < FORM_PHRASES_MAX; i++) {
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = !strcmp(out[j], builtin[i]);
		if (!dup)
			out[n++] = builtin[i];
	}
	return n;
}

bool form_phrases_pick(struct form *f, size_t i)
{
	const char *ph[FORM_PHRASES_MAX];
	size_t n = form_phrases(f, ph);
	if (i >= n)
		return false;
	const char *p = ph[i];
	form_set_text(f, p);
	f->phrase_space = p[strlen(p) - 1] == ' ';
	if (!f->phrase_space) {
		form_store(f);
		form_commit(f);
	}
	return true;
}

char *form_phrases_tidy(struct form *f, const char *decision)
{
	const char *ph[FORM_PHRASES_MAX];
	size_t n = form_phrases(f, ph);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(ph[i]);
		if (!len || ph[i][len - 1] != ' ' || strncmp(decision, ph[i], len))
			continue;
		const char *rest = decision + len;
		while (*rest == ' ')
			rest++;
		struct buf b = BUF_INIT;
		buf_add(&b, ph[i], len);
		buf_addstr(&b, rest);
		return buf_detach(&b, NULL);
	}
	return xstrdup(decision);
}

bool form_phrases_confirms_empty(struct form *f)
{
	const char *id = form_phrases_confirms(f);
	if (!id)
		return false;
	struct minutes *m = NULL;
	struct diags d;
	diags_init(&d);
	bool empty = true;
	if (meeting_load(session_archive(f->s), id, NULL, &m, NULL, &d) == 0 && m) {
		for (size_t i = 0; i < m->nitems && empty; i++) {
			const struct minutes_item *it = m->items[i];
			empty = !(it->summary && *it->summary) && !it->ncomments &&
				!(it->decision && *it->decision) && !it->nactions;
		}
	}
	minutes_free(m);
	diags_free(&d);
	return empty;
}

void form_phrases_confirm_now(struct form *f)
{
	const char *id = form_phrases_confirms(f);
	struct minutes_item *it = form_item(f);
	if (!id) {
		form_say(f, true, "this item confirms no meeting (its agenda entry has "
			 "no confirms:)");
		return;
	}
	if (!it || !it->decision || !*it->decision) {
		form_say(f, true, "record the decision first (its phrase 1 is the usual one); "
			 "then F5 confirms %s", id);
		return;
	}
	const char *chair = session_chair(f->s);
	if (!chair) {
		form_say(f, true, "nobody is named chair (the agenda's chair: or a member's "
			 "role); use gavel confirm %s --by NAME", id);
		return;
	}
	struct diags d;
	diags_init(&d);
	if (session_confirm_other(f->s, id, f->m->date, chair, &d) != 0) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not confirmed");
		form_say(f, true, "%s", m);
		free(m);
	} else {
		form_commit(f);         /* the item's record of what it confirmed */
		form_say(f, false, "%s confirmed as a correct record, signed by %s on %s "
			 "(tag confirmed/%s)", id, chair, f->m->date, id);
	}
	diags_free(&d);
}

void form_phrases_introduced(const struct people *l, struct buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->v[i].name && *l->v[i].name;
	if (!n)
		return;
	buf_addstr(out, "The Chair introduced ");
	size_t i = 0;
	/* People with the same role named together, the role once. */
	while (i < l->n) {
		size_t j = i + 1;
		const char *role = l->v[i].role;
		bool has_role = role && *role;
		while (j < l->n && has_role && l->v[j].role && !strcmp(role, l->v[j].role))
			j++;
		if (i)
			buf_addstr(out, j >= l->n ? " and " : "; ");
		for (size_t k = i; k < j; k++) {
			if (k > i)
				buf_addstr(out, k + 1 == j ? " and " : ", ");
			buf_addstr(out, l->v[k].name && *l->v[k].name ? l->v[k].name : "(no name)");
		}
		if (has_role)
			buf_addf(out, ", %s", role);
		i = j;
	}
	buf_addch(out, '.');
}
