/* form_phrases: decision phrases and confirming earlier minutes. */
#include "tui/edit/form_phrases.h"

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

bool form_phrases_open(const struct form *f)
{
	const struct form_slot *sl = form_focused(f);
	return f->view == FORM_ITEM && sl && sl->kind == SLOT_DECISION && f->field &&
	       !*field_text(f->field, NULL) && !session_read_only(f->s);
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
	if (p[strlen(p) - 1] != ' ') {
		form_store(f);
		form_commit(f);
	}
	return true;
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
		form_say(f, true, "record the decision first; then F5 confirms %s", id);
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
