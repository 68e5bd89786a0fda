/* browse: the home screen's keys (its table, and the switch that acts on
 * them) and its loop.  The other jobs are in browse_*.c. */
#include "tui/screen/browse.h"

#include "tui/screen/browse_internal.h"
#include "tui/screen/field_keys.h"
#include "tui/screen/history.h"
#include "tui/screen/keys.h"
#include "minutes/format/slug.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum browse_action {
	BA_UP = 1, BA_DOWN, BA_PAGE_UP, BA_PAGE_DOWN, BA_HOME, BA_END,
	BA_OPEN, BA_BACK, BA_PANE,
	BA_TAKE, BA_HISTORY, BA_NEW, BA_EDIT, BA_FILTER,
	BA_SEARCH, BA_NEXT_HIT, BA_PREV_HIT, BA_TOPIC,
	BA_HELP, BA_QUIT, BA_REDRAW,
	BA_ACCEPT, BA_CANCEL,
	BA_ACTIONS, BA_DECISIONS, BA_ATTENDANCE, BA_REG_BACK,
};

#define BM_BROWSE (BM_LIST | BM_PANE)
#define BM_MOVE (BM_LIST | BM_REGISTER)
#define UP_KEYS { KC_FN(KEY_UP), 'k' }
#define DOWN_KEYS { KC_FN(KEY_DOWN), 'j' }

/* The list's keys apply with the reading pane in hand too (key() passes
 * both modes then); the BM_PANE entries without an action only label the
 * pane's key line.  Table order is the key line's: what matters most comes
 * first, so that it is there at 80 columns (the help page groups by
 * section). */
static const struct key_binding bindings[] = {
	{ BA_UP, BM_MOVE, UP_KEYS, "Up, k", NULL, "Moving",
	  "The previous row; with the reading pane in hand, scrolls it up a line.", 0 },
	{ BA_DOWN, BM_MOVE, DOWN_KEYS, "Down, j", NULL, "Moving",
	  "The next row; with the reading pane in hand, scrolls it down a line.", 0 },
	{ KEYS_WIDGET, BM_PANE, { 0 }, "Up/Down", "scroll", NULL, NULL, KB_NOHELP },
	{ BA_PAGE_UP, BM_MOVE, { KC_FN(KEY_PPAGE) }, "PgUp", NULL, "Moving",
	  "A page up, in the list or the reading pane.", 0 },
	{ BA_PAGE_DOWN, BM_MOVE, { KC_FN(KEY_NPAGE), ' ' }, "PgDn, Space", NULL, "Moving",
	  "A page down, in the list or the reading pane.", 0 },
	{ KEYS_WIDGET, BM_PANE, { 0 }, "PgUp/PgDn", "page", NULL, NULL, KB_NOHELP },
	{ BA_HOME, BM_MOVE, { KC_FN(KEY_HOME) }, "Home", NULL, "Moving", "The first row.", 0 },
	{ BA_END, BM_MOVE, { KC_FN(KEY_END) }, "End", NULL, "Moving", "The last row.", 0 },
	{ BA_OPEN, BM_LIST, { '\r', '\n', KC_FN(KEY_ENTER), KC_FN(KEY_RIGHT), 'l' },
	  "Enter, Right, l", "open", "Moving",
	  "Opens the selection: a committee's meetings, a meeting's items, an item's "
	  "text in the reading pane; on a search hit, its item.", 0 },
	{ BA_BACK, BM_LIST, { KC_FN(KEY_LEFT), KC_FN(KEY_BACKSPACE), 127, KC_CTRL('H'), KC_ESC },
	  "Left, Backspace, Esc", "back", "Moving",
	  "Back up a level; from the reading pane, back to the list; from a search's "
	  "hits, back to where the search began.", 0 },
	{ BA_PANE, BM_LIST, { '\t' }, "Tab", "read", "Moving",
	  "Into the reading pane and back.", 0 },
	{ KEYS_WIDGET, BM_PANE, { 0 }, "Tab", "back to the list", NULL, NULL, KB_NOHELP },
	{ BA_TAKE, BM_LIST, { 'r' }, "r", "take minutes", "Meetings",
	  "Takes the minutes of the selected meeting on the clerk's screen (gavel run), "
	  "and comes back here after.", 0 },
	{ BA_SEARCH, BM_LIST, { '/' }, "/", "search", "Searching",
	  "Searches every meeting, as gavel search does: words, \"a phrase\", "
	  "committee:SLUG, title:, decision:, by:NAME, since:DATE, until:DATE.  "
	  "Enter on a hit opens its item.", 0 },
	{ BA_TOPIC, BM_LIST, { 't' }, "t", "same topic", "Searching",
	  "The same topic elsewhere: every item with the selected item's title, "
	  "oldest first.", 0 },
	{ BA_HISTORY, BM_LIST, { 'h' }, "h", "history", "Meetings",
	  "The selected meeting's history: its revisions, the changes between two, "
	  "and who last changed each field.", 0 },
	{ BA_NEW, BM_LIST, { '+' }, "+", "new", "Meetings",
	  "Starts a new meeting: asks for the committee's name, then the date, and "
	  "opens its agenda, started from the committee's standard items.", 0 },
	{ BA_EDIT, BM_LIST, { 'e' }, "e", "edit", "Meetings",
	  "Edits the selection: a committee on the committee screen (gavel committee "
	  "edit), a meeting's agenda on the agenda screen (gavel agenda).", 0 },
	{ BA_FILTER, BM_LIST, { 'f' }, "f", NULL, "Meetings",
	  "Shows only the meetings between two dates (FROM..TO, either may be empty).", 0 },
	{ BA_NEXT_HIT, BM_LIST, { 'n' }, "n", NULL, "Searching",
	  "The next hit of the last search, opened.", 0 },
	{ BA_PREV_HIT, BM_LIST, { 'N' }, "N", NULL, "Searching",
	  "The previous hit of the last search, opened.", 0 },
	{ BA_ACTIONS, BM_MOVE, { 'a' }, "a", "actions", "Registers",
	  "The selected committee's open actions (as gavel actions --open lists them), "
	  "with owner, due date and latest status.", KB_DROP(1) },
	{ BA_DECISIONS, BM_MOVE, { 'D' }, "D", "decisions", "Registers",
	  "The selected committee's decisions, newest first, with meeting, minute "
	  "number and item (gavel decisions).", KB_DROP(1) },
	{ BA_ATTENDANCE, BM_MOVE, { 'A' }, "A", "attendance", "Registers",
	  "The selected committee's attendance: for each member, meetings expected, "
	  "attended, apologies and absent (gavel attendance).", KB_DROP(1) },
	{ KEYS_WIDGET, BM_REGISTER, { 0 }, "Up/Down", "scroll", NULL, NULL, KB_NOHELP },
	{ BA_REG_BACK, BM_REGISTER, { KC_ESC, 'q', KC_FN(KEY_LEFT), KC_FN(KEY_BACKSPACE), 127,
				      KC_CTRL('H') },
	  "Esc, q, Left, Backspace", "back", "Registers",
	  "Leaves a register's view, back to where it was opened.", 0 },
	{ BA_REDRAW, BM_BROWSE | BM_REGISTER, { KC_CTRL('L') }, "^L", NULL, "Other keys",
	  "Draws the screen again.", 0 },
	{ BA_HELP, BM_BROWSE | BM_REGISTER, { '?', KC_FN(KEY_F(1)) }, "?, F1", "help", "Other keys",
	  "This list of keys.", KB_PINNED },
	{ BA_QUIT, BM_BROWSE, { 'q', KC_CTRL('X'), KC_CTRL('C') }, "q, ^X, ^C", "quit",
	  "Other keys", "Leaves gavel.", KB_PINNED },
	{ BA_ACCEPT, BM_PROMPT, { '\r', '\n' }, "Enter", "accept", "Answering a question",
	  "Accepts the answer on the message line (a committee, a date, a search, a "
	  "range of dates); the text field's editing keys work there.", 0 },
	{ BA_CANCEL, BM_PROMPT, { KC_ESC }, "Esc", "cancel", "Answering a question",
	  "Cancels the question.", 0 },
};

const struct keymap browse_keymap = {
	"browse", "The home screen (gavel, gavel browse)",
	"Committees, then their meetings newest first, then the items of a "
	"meeting, with a reading pane showing the selection as published minutes.",
	bindings, sizeof(bindings) / sizeof(bindings[0]),
	"A meeting whose file does not load shows its error in the reading pane; "
	"everything else still works.",
};

void browse_say(struct browse *b, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->msg, sizeof(b->msg), fmt, ap);
	va_end(ap);
	b->msg_error = error;
}

/* ---- acting ---- */

static void filter_done(struct browse *b, const char *v)
{
	char from[32] = "", to[32] = "";
	const char *dots = strstr(v, "..");
	if (dots) {
		snprintf(from, sizeof(from), "%.*s", (int)(dots - v), v);
		snprintf(to, sizeof(to), "%s", dots + 2);
	} else {
		snprintf(from, sizeof(from), "%s", v);
	}
	if ((*from && !yr_date_valid(from, strlen(from))) ||
	    (*to && !yr_date_valid(to, strlen(to)))) {
		browse_say(b, true, "'%s' is not a date range; expected FROM..TO, such as "
			   "2018-01-01..2018-12-31", v);
		return;
	}
	snprintf(b->since, sizeof(b->since), "%s", from);
	snprintf(b->until, sizeof(b->until), "%s", to);
	if (b->level >= L_MEETINGS)
		browse_meetings_load(b);
	b->level = b->level == L_ITEMS ? L_MEETINGS : b->level;
	b->pane_stale = true;
}

static void prompt_done(struct browse *b)
{
	const char *v = field_text(b->field, NULL);
	enum browse_prompt p = b->prompt;
	b->prompt = P_NONE;
	switch (p) {
	case P_NEW_COMMITTEE:
		browse_new_committee_done(b, v);
		break;
	case P_NEW_DATE:
		browse_new_date_done(b, v);
		break;
	case P_SEARCH:
		if (*v) {
			struct buf t = BUF_INIT;
			buf_addf(&t, "Search: %s", v);
			browse_search(b, v, false, t.data);
			buf_free(&t);
		}
		break;
	case P_FILTER:
		filter_done(b, v);
		break;
	case P_NONE:
		break;
	}
}

static void open_sel(struct browse *b)
{
	if (b->level == L_HITS) {
		browse_hit_open(b);
		return;
	}
	if (b->level == L_COMMITTEES && b->csel < b->nc) {
		browse_meetings_load(b);
		b->level = L_MEETINGS;
	} else if (b->level == L_MEETINGS) {
		struct browse_meeting *r = browse_meeting_sel(b);
		if (r && r->m && r->m->nitems) {
			b->level = L_ITEMS;
			b->isel = b->itop = 0;
		} else if (r && r->error) {
			browse_say(b, true, "this meeting's minutes do not load; see the reading pane");
		}
	} else if (b->level == L_ITEMS) {
		b->pane_focus = true;
		return;
	}
	b->pane_stale = true;
}

static void back(struct browse *b)
{
	if (b->pane_focus)
		b->pane_focus = false;
	else if (b->level == L_HITS)
		b->level = b->hits_from;
	else if (b->level == L_ITEMS)
		b->level = L_MEETINGS;
	else if (b->level == L_MEETINGS)
		b->level = L_COMMITTEES;
	b->pane_stale = true;
}

static void move_sel(struct browse *b, long delta)
{
	if (b->pane_focus) {
		long t = (long)b->ptop + delta;
		b->ptop = t < 0 ? 0 : (size_t)t;
		return;
	}
	size_t *top, *sel = browse_sel_of(b, &top), n = browse_rows(b);
	if (!n)
		return;
	long s = (long)*sel + delta;
	*sel = s < 0 ? 0 : (size_t)s >= n ? n - 1 : (size_t)s;
	b->pane_stale = true;
}

typedef int (*take_fn)(struct archive *, const char *, char *, size_t);

static void take(struct browse *b, take_fn take_minutes)
{
	struct browse_meeting *r = b->level >= L_MEETINGS ? browse_meeting_sel(b) : NULL;
	if (!r) {
		browse_say(b, true, "select a meeting first (Enter on a committee lists them)");
		return;
	}
	char *id = xstrdup(r->id);
	b->msg[0] = 0;
	take_minutes(b->a, id, b->msg, sizeof(b->msg));
	b->msg_error = false;
	/* What the clerk recorded shows at once. */
	size_t c = b->csel;
	enum browse_level l = b->level;
	browse_committees_load(b);
	b->csel = c;
	browse_select_meeting(b, id);
	b->level = l == L_ITEMS ? L_MEETINGS : l;
	free(id);
	clearok(stdscr, TRUE);
}

static void history(struct browse *b)
{
	struct browse_meeting *m = b->level >= L_MEETINGS ? browse_meeting_sel(b) : NULL;
	if (m)
		history_run(b->a, m->id, b->stop);
	else
		browse_say(b, true, "select a meeting first (Enter on a committee lists them)");
	clearok(stdscr, TRUE);
}

static void filter_start(struct browse *b)
{
	char cur[32];
	snprintf(cur, sizeof(cur), "%s%s%s", b->since,
		 *b->since || *b->until ? ".." : "", b->until);
	browse_prompt_open(b, P_FILTER, cur);
}

static void help_open(struct browse *b)
{
	b->help_top = 0;
	b->help = true;
}

static unsigned mode_of(const struct browse *b)
{
	if (b->help)
		return BM_HELP;
	if (b->prompt != P_NONE)
		return BM_PROMPT;
	if (b->level == L_REGISTER)
		return BM_REGISTER;
	return b->pane_focus ? BM_PANE | BM_LIST : BM_LIST;
}

static void key(struct browse *b, int r, wint_t ch, take_fn take_minutes)
{
	unsigned mode = mode_of(b);
	long page = LINES > 8 ? LINES - 6 : 1;
	if (mode == BM_HELP) {
		/* Drawing keeps help_top on the page. */
		if (!keys_help_page_key(r, ch, &b->help_top, page))
			b->help = false;
		return;
	}
	int action = keys_action(&browse_keymap, mode, r, ch);
	if (mode & (BM_LIST | BM_PANE | BM_REGISTER))
		b->msg[0] = 0;
	switch (action) {
	case BA_UP: move_sel(b, -1); break;
	case BA_DOWN: move_sel(b, 1); break;
	case BA_PAGE_UP: move_sel(b, -page); break;
	case BA_PAGE_DOWN: move_sel(b, page); break;
	case BA_HOME: move_sel(b, -(long)1e9); break;
	case BA_END: move_sel(b, (long)1e9); break;
	case BA_OPEN: open_sel(b); break;
	case BA_BACK: back(b); break;
	case BA_PANE: b->pane_focus = !b->pane_focus; break;
	case BA_TAKE: take(b, take_minutes); break;
	case BA_HISTORY: history(b); break;
	case BA_NEW: browse_new_start(b); break;
	case BA_EDIT: browse_edit(b); break;
	case BA_FILTER: filter_start(b); break;
	case BA_SEARCH: browse_prompt_open(b, P_SEARCH, ""); break;
	case BA_NEXT_HIT: browse_hit_step(b, 1); break;
	case BA_PREV_HIT: browse_hit_step(b, -1); break;
	case BA_TOPIC: browse_same_topic(b); break;
	case BA_HELP: help_open(b); break;
	case BA_QUIT: b->quit = true; break;
	case BA_REDRAW: clearok(stdscr, TRUE); break;
	case BA_ACCEPT: prompt_done(b); break;
	case BA_CANCEL: b->prompt = P_NONE; break;
	case BA_ACTIONS: browse_register_open(b, BR_ACTIONS); break;
	case BA_DECISIONS: browse_register_open(b, BR_DECISIONS); break;
	case BA_ATTENDANCE: browse_register_open(b, BR_ATTENDANCE); break;
	case BA_REG_BACK:
		b->level = b->reg_from;
		b->pane_stale = true;
		break;
	default:
		/* Any other key in a question edits it. */
		if (mode == BM_PROMPT)
			field_handle_key(b->field, r, ch);
		break;
	}
}

int browse_run(struct archive *a, volatile sig_atomic_t *stop,
	       int (*take_minutes)(struct archive *a, const char *id, char *msg,
				   size_t msglen))
{
	struct browse b;
	memset(&b, 0, sizeof(b));
	b.a = a;
	b.stop = stop;
	buf_init(&b.pane);
	browse_committees_load(&b);
	b.pane_stale = true;
	timeout(1000);
	browse_draw(&b);
	int quick_errors = 0;
	while (!b.quit && !*stop) {
		wint_t ch = 0;
		time_t before = time(NULL);
		int r = field_read_key(stdscr, &ch);
		if (r == ERR) {
			/* A terminal that has gone answers at once, forever. */
			if (time(NULL) == before && ++quick_errors > 50)
				break;
			continue;
		}
		quick_errors = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			b.pane_stale = true;
		else
			key(&b, r, ch, take_minutes);
		browse_draw(&b);
	}
	browse_meetings_clear(&b);
	browse_committees_clear(&b);
	browse_hits_clear(&b);
	browse_register_clear(&b);
	free(b.reg);
	free(b.hits);
	free(b.ms);
	free(b.cs);
	free(b.lines);
	buf_free(&b.pane);
	field_delete(b.field);
	free(b.new_committee);
	return 0;
}
