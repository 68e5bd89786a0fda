/* browse_new: starting a meeting from the home screen (+): the
 * committee's name, then the date, asked on the message line. */
#include "tui/screen/browse_internal.h"
#include "tui/screen/agenda_screen.h"
#include "tui/screen/committee_screen.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void browse_prompt_open(struct browse *b, enum browse_prompt p, const char *text)
{
	field_delete(b->field);
	b->field = field_new(0);
	field_set_text(b->field, text, strlen(text));
	b->prompt = p;
}

void browse_new_start(struct browse *b)
{
	browse_prompt_open(b, P_NEW_COMMITTEE, b->csel < b->nc ? b->cs[b->csel].name : "");
}

void browse_new_committee_done(struct browse *b, const char *name)
{
	if (!*name)
		return;
	free(b->new_committee);
	b->new_committee = xstrdup(name);
	char today[11];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	browse_prompt_open(b, P_NEW_DATE, today);
}

void browse_new_date_done(struct browse *b, const char *date)
{
	struct meeting_spec spec = { b->new_committee, date, NULL, NULL, NULL };
	struct diags d;
	diags_init(&d);
	char *id = NULL;
	if (meeting_create(b->a, &spec, &id, &d) != 0) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("the meeting was not created");
		browse_say(b, true, "%s", m);
		free(m);
	} else {
		agenda_screen_run(b->a, id, true, b->stop, b->msg, sizeof(b->msg));
		b->msg_error = false;
		clearok(stdscr, TRUE);
		browse_committees_load(b);
		browse_select_meeting(b, id);
	}
	free(id);
	diags_free(&d);
}

void browse_edit(struct browse *b)
{
	if (b->level == L_COMMITTEES && b->csel < b->nc) {
		char *slug = xstrdup(b->cs[b->csel].slug);
		b->msg[0] = 0;
		b->msg_error = committee_screen_run(b->a, slug, b->stop, b->msg, sizeof(b->msg)) != 0;
		clearok(stdscr, TRUE);
		browse_committees_load(b);
		for (size_t i = 0; i < b->nc; i++)
			if (!strcmp(b->cs[i].slug, slug))
				b->csel = i;
		free(slug);
		return;
	}
	struct browse_meeting *m = b->level >= L_MEETINGS ? browse_meeting_sel(b) : NULL;
	if (!m) {
		browse_say(b, true, "select a committee or a meeting first");
		return;
	}
	char *id = xstrdup(m->id);
	agenda_screen_run(b->a, id, false, b->stop, b->msg, sizeof(b->msg));
	b->msg_error = false;
	clearok(stdscr, TRUE);
	/* The agenda's changes show at once. */
	size_t c = b->csel;
	browse_committees_load(b);
	b->csel = c;
	browse_select_meeting(b, id);
	b->level = L_MEETINGS;
	free(id);
}
