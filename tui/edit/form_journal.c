/* form_journal: the clerk's screen as the journal keeps it. */
#include "tui/edit/form_journal.h"

#include "tui/edit/form.h"
#include "tui/edit/form_nav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

static double now_seconds(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

void form_journal_state(const struct form *f, struct buf *out)
{
	const struct form_slot *sl = form_focused(f);
	buf_addf(out, "view %d\nitem %zu\nentered %d\n", (int)f->view, f->item,
		 f->entered ? 1 : 0);
	if (sl && f->field) {
		const char *t = field_text(f->field, NULL);
		buf_addf(out, "slot %d %zu\ncursor %zu\nchanged %d\ntext %zu\n",
			 (int)sl->kind, sl->index, field_cursor(f->field),
			 f->field_changed ? 1 : 0, strlen(t));
		buf_addstr(out, t);
	}
}

void form_journal_restore(struct form *f, const char *s)
{
	int view = FORM_ATTENDANCE, kind = -1, entered = 0, chg = 0;
	size_t item = 0, index = 0, cursor = 0, len = 0;
	const char *text = NULL;
	for (const char *p = s; p && *p;) {
		if (sscanf(p, "view %d", &view) == 1 || sscanf(p, "item %zu", &item) == 1 ||
		    sscanf(p, "entered %d", &entered) == 1 ||
		    sscanf(p, "slot %d %zu", &kind, &index) == 2 ||
		    sscanf(p, "cursor %zu", &cursor) == 1 || sscanf(p, "changed %d", &chg) == 1) {
			/* taken */
		} else if (sscanf(p, "text %zu", &len) == 1) {
			const char *nl = strchr(p, '\n');
			if (nl && strlen(nl + 1) >= len)
				text = nl + 1;
			break;
		}
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : NULL;
	}
	if (view < FORM_ATTENDANCE || view > FORM_HUB)
		view = FORM_HUB;
	f->entered = entered != 0;
	f->item = item < f->m->nitems ? item : 0;
	if (view == FORM_ITEM && !f->m->nitems)
		view = FORM_HUB;
	form_nav_enter(f, (enum form_view)view);
	if (kind >= 0 && f->nslots) {
		for (size_t i = 0; i < f->nslots; i++)
			if ((int)f->slots[i].kind == kind && f->slots[i].index == index)
				f->focus = i;
		form_load(f);
		if (text) {
			field_set_text(f->field, text, len);
			field_set_cursor(f->field, cursor);
			f->field_changed = chg != 0;
		}
	}
}

void form_journal_write(struct form *f, bool force)
{
	double now = now_seconds();
	if (!session_journal_due(f->s, now, force ? 0 : FORM_JOURNAL_INTERVAL))
		return;
	struct buf ui = BUF_INIT;
	struct diags d;
	diags_init(&d);
	form_journal_state(f, &ui);
	if (session_journal(f->s, ui.data, now, &d) < 0 && d.n) {
		char *msg = diag_format(&d.v[d.n - 1]);
		form_say(f, true, "the journal could not be written: %s", msg);
		free(msg);
	}
	diags_free(&d);
	buf_free(&ui);
}
