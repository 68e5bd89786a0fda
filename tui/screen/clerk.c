/*
 * clerk: the clerk's screen, live minute-taking: opening it, the loop
 * that reads keys and keeps the journal, and leaving it.  The model is
 * tui/edit/form*.c; the keys are clerk_keys.c and clerk_input.c, the
 * drawing clerk_draw.c.
 */
#include "tui/screen/clerk.h"

#include "tui/edit/form_journal.h"
#include "tui/edit/form_nav.h"
#include "tui/render/render.h"
#include "tui/screen/clerk_priv.h"
#include "tui/screen/clerk_sheet.h"
#include "tui/screen/field_draw.h"

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

void clerk_say(struct clerk *c, const char *msg)
{
	form_say(&c->f, true, "%s", msg);
}

struct clerk *clerk_new(struct session *s)
{
	struct clerk *c = xcalloc(1, sizeof(*c));
	form_init(&c->f, s);
	c->f.date_words = render_date;
	c->cursor_y = -1;
	const char *when;
	const char *ui = session_recovered(s, &when);
	form_nav_start(&c->f, ui, when);
	static char hint[64];
	snprintf(hint, sizeof(hint), "%s gives its reason", clerk_correct_keys());
	c->f.correct_hint = hint;
	/* Confirmed minutes say so first, and why they cannot be typed into. */
	struct buf b = BUF_INIT;
	if (session_can_correct(s) && session_read_only(s))
		buf_addf(&b, "Read-only: these minutes are %s.  A change is a correction: "
			 "%s.", session_read_only_why(s), hint);
	else if (session_correction(s))
		buf_addf(&b, "Correcting the confirmed minutes: every commit says "
			 "Correction: %s", session_correction(s));
	if (b.len) {
		if (c->f.msg.len)
			buf_addf(&b, "  %s", c->f.msg.data);
		form_say(&c->f, !session_correction(s), "%s", b.data);
	}
	buf_free(&b);
	/* Everything the session has to say, after what the screen said. */
	for (const char *notice; (notice = session_take_notice(s));)
		buf_addf(&c->f.msg, "%s%s", c->f.msg.len ? "  " : "", notice);
	return c;
}

void clerk_free(struct clerk *c)
{
	if (!c)
		return;
	form_free(&c->f);
	field_delete(c->prompt_field);
	free(c->pending_name);
	free(c);
}

int clerk_run(struct clerk *c, volatile sig_atomic_t *stop, char **farewell)
{
	*farewell = NULL;
	c->stop = stop;
	timeout(250);
	clerk_draw(c);
	int quick_errors = 0;
	while (!c->quit && !*stop) {
		wint_t ch = 0;
		double before = now_seconds();
		int r = field_read_key(stdscr, &ch);
		if (r == ERR) {
			/* A terminal that has gone answers at once, forever. */
			if (now_seconds() - before < 0.05) {
				if (++quick_errors > 50)
					break;
			} else {
				quick_errors = 0;
			}
			form_journal_write(&c->f, false);
			if (time(NULL) != c->clock_drawn)
				clerk_draw(c);
			continue;
		}
		quick_errors = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			clearok(stdscr, TRUE);
			clerk_draw(c);
			continue;
		}
		clerk_key(c, r, ch);
		form_journal_write(&c->f, false);
		clerk_draw(c);
	}
	/* Leaving, however it happens: store, journal, commit. */
	if (c->sheet)
		clerk_sheet_close(c);
	*farewell = form_nav_finish(&c->f);
	return session_save_error(c->f.s) ? -1 : 0;
}
