/* form_journal: the clerk's screen as the journal keeps it. */
#include "tui/edit/form_journal.h"

#include "minutes/audit/mdiff.h"
#include "minutes/git/meeting.h"
#include "tui/edit/form.h"
#include "tui/edit/form_nav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

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
	/* Due after the interval while keys come, and at once in the first
	 * pause: a burst typed and then a crash loses nothing the pause saw.
	 * (Only the interval was once the rule: text typed in a burst waited
	 * up to 0.75 s, and a kill 0.3 s after 85 fast characters found the
	 * journal holding the first.) */
	bool idle = now - f->journal_call >= FORM_JOURNAL_IDLE;
	f->journal_call = now;
	if (!session_journal_due(f->s, now, force || idle ? 0 : FORM_JOURNAL_INTERVAL))
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

/* "11:42:07", the local time of a journal's "2026-12-04T11:42:07Z". */
static void local_clock(const char *when, char out[16])
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	snprintf(out, 16, "%s", when ? when : "?");
	if (!when || sscanf(when, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	struct tm local;
	localtime_r(&t, &local);
	strftime(out, 16, "%H:%M:%S", &local);
}

void form_journal_recovered(struct form *f, const char *when)
{
	/* What the journal holds beyond the last commit, field by field. */
	struct minutes *head = NULL;
	struct diags d;
	diags_init(&d);
	struct mdiff diff = { 0 };
	if (meeting_load(session_archive(f->s), session_id(f->s), NULL, &head, NULL, &d) == 0 &&
	    head)
		mdiff_compare(head, f->m, &diff);
	bool typing = f->field && f->field_changed;
	size_t n = diff.n + (typing ? 1 : 0);
	char clock[16];
	local_clock(when, clock);
	struct buf b = BUF_INIT;
	if (!n) {
		buf_addf(&b, "Found the journal of %s: it held nothing beyond the last "
			 "commit.", clock);
	} else {
		buf_addf(&b, "Restored from the journal: %zu field%s, typed up to %s", n,
			 n == 1 ? "" : "s", clock);
		/* Where: the meeting's own fields, then each item once. */
		const char *sep = " (";
		for (size_t i = 0; i < diff.n; i++) {
			const struct mdiff_change *c = &diff.v[i];
			bool seen = false;
			for (size_t j = 0; j < i && !seen; j++)
				seen = diff.v[j].area == c->area &&
				       (c->area != MDIFF_ITEM ||
					!strcmp(diff.v[j].number ? diff.v[j].number : "",
						c->number ? c->number : ""));
			if (seen)
				continue;
			if (c->area == MDIFF_ITEM)
				buf_addf(&b, "%sitem %s", sep, c->number ? c->number : "?");
			else
				buf_addf(&b, "%s%s", sep, c->area == MDIFF_ATTENDANCE ? "attendance"
					 : c->area == MDIFF_DECLARATIONS ? "declarations"
					 : "the meeting");
			sep = ", ";
		}
		if (typing) {
			const struct form_slot *sl = form_focused(f);
			char label[32] = "a field";
			if (sl)
				form_slot_label(f, sl, label, sizeof(label));
			const char *l = label;
			while (*l == ' ')
				l++;
			size_t ll = strlen(l);
			buf_addstr(&b, diff.n ? "; " : " (");
			if (ll > 2 && !strcmp(l + ll - 2, " +")) {
				/* "Comment +": a new comment. */
				buf_addstr(&b, "a new ");
				for (size_t i = 0; i + 2 < ll; i++)
					buf_addch(&b, (char)(i ? l[i] : l[i] | 0x20));
			} else {
				buf_addstr(&b, l);
			}
			buf_addstr(&b, " as it was being typed");
		}
		buf_addstr(&b, ").  What was typed after that was not caught.");
	}
	form_say(f, false, "%s", b.data);
	buf_free(&b);
	mdiff_free(&diff);
	minutes_free(head);
	diags_free(&d);
}
