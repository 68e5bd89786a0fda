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
#include "tui/screen/clerk_arising.h"
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

/* What the committer did since the last look: the header's commit and
 * count, a failure's message, git's warnings.  True when the screen must
 * be drawn again. */
static bool commits_poll(struct clerk *c)
{
	struct session *s = c->f.s;
	if (!session_poll(s))
		return false;
	if (session_poll_said(s))
		form_say(&c->f, true, "%s", session_poll_said(s));
	for (const char *notice; (notice = session_take_notice(s));)
		form_say(&c->f, false, "%s", notice);
	/* ^S said "committing": now it says what. */
	if (!strcmp(c->f.msg.data ? c->f.msg.data : "", "committing") &&
	    !session_commits_pending(s) && !session_save_error(s))
		form_say(&c->f, false, "committed %s", session_last_commit(s));
	return true;
}

/* Leaving waits for the commits in flight; after a moment the screen
 * says so. */
static void leaving_wait(void *ctx, size_t pending, double waited)
{
	struct clerk *c = ctx;
	if (waited < 0.3)
		return;
	form_say(&c->f, false, "waiting for %zu commit%s to finish before leaving", pending,
		 pending == 1 ? "" : "s");
	clerk_draw(c);
}

struct clerk *clerk_new(struct session *s)
{
	struct clerk *c = xcalloc(1, sizeof(*c));
	/* No key waits for git: commits are made by a thread of their own. */
	session_async(s);
	session_set_wait_hook(s, leaving_wait, c);
	form_init(&c->f, s);
	c->f.date_words = render_date;
	c->cursor_y = -1;
	const char *when;
	const char *ui = session_recovered(s, &when);
	/* A sheet open when gavel stopped comes back open, its text as typed. */
	c->f.sheets_shown = true;
	form_nav_start(&c->f, ui, when);
	c->sheet = c->f.sheet;
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
	session_set_wait_hook(c->f.s, NULL, NULL);
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
		/* While commits are pending the header's count is kept up. */
		timeout(session_commits_pending(c->f.s) ? 100 : 250);
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
			if (commits_poll(c) || time(NULL) != c->clock_drawn)
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
		commits_poll(c);
		clerk_draw(c);
	}
	/* Leaving, however it happens: store, journal, commit. */
	if (c->sheet)
		clerk_sheet_close(c);
	if (c->arising)
		clerk_arising_close(c);
	*farewell = form_nav_finish(&c->f);
	return session_save_error(c->f.s) ? -1 : 0;
}
