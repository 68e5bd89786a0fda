/* clerk_input: what the clerk's keys do, by the action clerk_keymap gives. */
#include "tui/screen/clerk_priv.h"

#include "tui/edit/form_nav.h"
#include "tui/edit/form_phrases.h"
#include "tui/edit/form_speakers.h"
#include "tui/edit/form_proc.h"
#include "tui/screen/clerk_arising.h"
#include "tui/screen/clerk_sheet.h"
#include "tui/screen/field_editor.h"
#include "tui/screen/field_keys.h"
#include "tui/screen/history.h"

#include <stdlib.h>
#include <string.h>

static void prompt_open(struct clerk *c, enum prompt_kind k)
{
	c->prompt = k;
	field_delete(c->prompt_field);
	c->prompt_field = field_new(0);
}

static void external_edit(struct clerk *c)
{
	if (!c->f.field || form_refuse_read_only(&c->f))
		return;
	struct diags d;
	diags_init(&d);
	const char *tmp = getenv("TMPDIR");
	int rc = field_edit_external(c->f.field, tmp && *tmp ? tmp : NULL, &d);
	if (rc < 0 && d.n) {
		char *m = diag_format(&d.v[0]);
		form_say(&c->f, true, "%s", m);
		free(m);
	} else if (rc > 0) {
		form_touched(&c->f);
	}
	diags_free(&d);
	clearok(stdscr, TRUE);
}

/* Gives a key to a field (the focused one or the prompt's); true when
 * the field used it. */
static bool field_key(struct clerk *c, struct field *fl, int r, wint_t ch)
{
	if (fl == c->f.field && r == OK && !form_typable(&c->f, ch))
		return true;    /* refused, and said */
	unsigned long before = field_changes(fl);
	int res = field_handle_key(fl, r, ch);
	if (res == FIELD_KEY_EDITOR) {
		external_edit(c);
		return true;
	}
	if (field_changes(fl) != before && fl == c->f.field)
		form_touched(&c->f);
	return res == FIELD_KEY_USED;
}

static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

static void prompt_accept(struct clerk *c)
{
	char *v = trimmed(field_text(c->prompt_field, NULL));
	enum prompt_kind k = c->prompt;
	c->prompt = P_NONE;
	if (k == P_PERSON_NAME && *v) {
		free(c->pending_name);
		c->pending_name = v;
		prompt_open(c, P_PERSON_ROLE);
		return;
	}
	if (k == P_PERSON_ROLE && c->pending_name) {
		form_roll_add_person(&c->f, c->pending_name, v);
		free(c->pending_name);
		c->pending_name = NULL;
	}
	if (k == P_URGENT_TITLE && *v)
		form_nav_urgent(&c->f, v);
	if (k == P_REASON)
		form_nav_status(&c->f, (enum item_status)c->pending_status, v);
	if (k == P_CONFIRM_EMPTY && (*v == 'y' || *v == 'Y'))
		form_phrases_confirm_now(&c->f);
	else if (k == P_CONFIRM_EMPTY)
		form_say(&c->f, false, "not confirmed");
	if (k == P_EXEMPT_REASON)
		form_proc_exempt(&c->f, c->f.sel - 2, v);
	if (k == P_CORRECTION && *v) {
		struct diags d;
		diags_init(&d);
		if (session_correct(c->f.s, v, &d) == 0) {
			form_say(&c->f, false, "correcting: every commit from now on says "
				 "Correction: %s", v);
		} else {
			char *m = d.n ? diag_format(&d.v[0]) : xstrdup("cannot correct");
			form_say(&c->f, true, "%s", m);
			free(m);
		}
		diags_free(&d);
	} else if (k == P_CORRECTION) {
		form_say(&c->f, true, "no reason given: the minutes stay read-only");
	}
	free(v);
}

/* The correction key: asks for the reason when confirmed minutes are
 * read-only; says why not otherwise. */
static void correct_key(struct clerk *c)
{
	struct session *s = c->f.s;
	if (session_can_correct(s))
		prompt_open(c, P_CORRECTION);
	else if (session_correction(s))
		form_say(&c->f, false, "correcting: every commit says Correction: %s",
			 session_correction(s));
	else if (session_read_only(s))
		form_say(&c->f, true, "read-only (%s): a correction cannot start here; leave "
			 "and run gavel run %s --correct REASON", session_read_only_why(s),
			 session_id(s));
	else
		form_say(&c->f, true, "these minutes are not confirmed: no correction is needed");
}

static void prompt_key(struct clerk *c, int action, int r, wint_t ch)
{
	switch (action) {
	case CA_CANCEL:
		c->prompt = P_NONE;
		free(c->pending_name);
		c->pending_name = NULL;
		break;
	case CA_ACCEPT:
		prompt_accept(c);
		break;
	default:
		field_key(c, c->prompt_field, r, ch);
		break;
	}
}

/* Enter in a comment: store it, commit, and go on to a fresh one. */
static void comment_enter(struct clerk *c, const struct form_slot *sl)
{
	struct form *f = &c->f;
	if (!*field_text(f->field, NULL) && form_slot_is_new(f, sl))
		return;
	if (form_move(f, 0)) {
		f->focus = form_slot_find(f, SLOT_COMMENT, form_item(f)->ncomments);
		form_load(f);
	}
}

/* The speaker picked: into the comment, which, when it was the flagged
 * one F2 went back to, is stored, and the fresh comment is next. */
static void pick_done(struct clerk *c, const char *name)
{
	form_speakers_set(&c->f, name);
	c->picking = false;
	if (c->pick_return) {
		c->pick_return = false;
		const struct form_slot *sl = form_focused(&c->f);
		if (sl)
			comment_enter(c, sl);
	}
}

static void pick_key(struct clerk *c, int action, wint_t ch)
{
	const char *v[64];
	size_t n = form_speakers(&c->f, v, 64);
	switch (action) {
	case CA_CANCEL:
		c->picking = false;
		if (c->pick_return) {
			c->pick_return = false;
			c->f.focus = form_slot_find(&c->f, SLOT_COMMENT,
						    form_item(&c->f)->ncomments);
			form_load(&c->f);
		}
		break;
	case CA_PICK_UP:
		if (c->pick_sel > 0)
			c->pick_sel--;
		break;
	case CA_PICK_DOWN:
		if (c->pick_sel + 1 < n)
			c->pick_sel++;
		break;
	case CA_PICK_DIGIT:
		if ((size_t)(ch - '1') < n)
			pick_done(c, v[ch - '1']);
		break;
	case CA_PICK:
		if (c->pick_sel < n)
			pick_done(c, v[c->pick_sel]);
		break;
	default:
		break;
	}
}

static void help_key(struct clerk *c, int r, wint_t ch)
{
	/* Drawing keeps help_top on the page. */
	if (!keys_help_page_key(r, ch, &c->help_top, 10))
		c->help = false;
}

/* F2 in a comment: the speaker list, for this comment, or, from an
 * empty fresh one just after a comment whose name was flagged, for that
 * one. */
static void speaker_key(struct clerk *c, const struct form_slot *sl)
{
	struct form *f = &c->f;
	c->pick_return = false;
	if (f->speaker_flag && form_slot_is_new(f, sl) && !*field_text(f->field, NULL) &&
	    form_move(f, 0)) {
		f->focus = form_slot_find(f, SLOT_COMMENT, f->speaker_flag - 1);
		form_load(f);
		c->pick_return = true;
	}
	c->picking = true;
	c->pick_sel = 0;
}

/* A key the form's actions left: the field's, unless the minutes are
 * read-only. */
static void form_type(struct clerk *c, int r, wint_t ch)
{
	if (form_refuse_read_only(&c->f))
		return;
	/* "RESOLVED: that " has its space: the clerk's own is not doubled. */
	bool space = c->f.phrase_space && r == OK && ch == ' ';
	c->f.phrase_space = false;
	if (space)
		return;
	field_key(c, c->f.field, r, ch);
}

/* A key on a row only shown (a declaration on the opening): Enter opens
 * it on the F4 sheet, moving keys move, and typing says where
 * declarations are made.  False for a key it leaves to the form (F4, ^N,
 * ^S...). */
static bool readonly_key(struct clerk *c, const struct form_slot *sl, int action)
{
	struct form *f = &c->f;
	long page = LINES > 10 ? (LINES - 6) / 2 : 1;
	switch (action) {
	case CA_STORE: clerk_sheet_open_declaration(c, sl->index); return true;
	case CA_FIELD_NEXT: case CA_FIELD_DOWN: form_move(f, 1); return true;
	case CA_FIELD_PREV: case CA_FIELD_UP: form_move(f, -1); return true;
	case CA_FIELD_PGDN: form_move(f, page); return true;
	case CA_FIELD_PGUP: form_move(f, -page); return true;
	case CA_FIELD_MOVE: return true;
	case 0: case CA_PHRASE: case CA_SPEAKER: case CA_EDITOR:
		if (!form_refuse_read_only(f))
			form_say(f, true, "declarations are made and changed on the F4 "
				 "sheet, every field labelled: F4 declares an interest, "
				 "Enter opens this one");
		return true;
	default:
		return false;
	}
}

static void form_key(struct clerk *c, int action, int r, wint_t ch)
{
	struct form *f = &c->f;
	const struct form_slot *sl = form_focused(f);
	if (!sl || !f->field)
		return;
	if (form_slot_readonly(sl->kind) && readonly_key(c, sl, action))
		return;
	if (field_pasting(f->field)) {
		if (!session_read_only(f->s))
			field_key(c, f->field, r, ch);
		return;
	}
	long page = LINES > 10 ? (LINES - 6) / 2 : 1;
	if (action != CA_PHRASE && action != 0)
		f->phrase_space = false;
	switch (action) {
	case CA_PHRASE:
		if (!form_phrases_pick(f, (size_t)(ch - '1')))
			form_type(c, r, ch);
		break;
	case CA_FIELD_NEXT: form_move(f, 1); break;
	case CA_FIELD_PREV: form_move(f, -1); break;
	case CA_STORE:
		if (sl->kind == SLOT_COMMENT)
			comment_enter(c, sl);
		else
			form_move(f, 1);
		break;
	case CA_CONFIRM:
		if (!form_refuse_read_only(f) && form_store(f)) {
			form_commit(f);
			/* Empty minutes are confirmed only when the clerk says so. */
			if (form_phrases_confirms(f) && form_item(f)->decision &&
			    *form_item(f)->decision && form_phrases_confirms_empty(f))
				prompt_open(c, P_CONFIRM_EMPTY);
			else
				form_phrases_confirm_now(f);
		}
		break;
	case CA_SPEAKER:
		if (sl->kind != SLOT_COMMENT) {
			form_type(c, r, ch);
		} else if (!form_refuse_read_only(f)) {
			speaker_key(c, sl);
		}
		break;
	case CA_EDITOR: external_edit(c); break;
	case CA_MOTIONS: clerk_sheet_open(c, SHEET_MOTIONS, NULL); break;
	case CA_ARISING: clerk_arising_open(c); break;
	case CA_DECLARATIONS: clerk_sheet_open(c, SHEET_DECLARATIONS, NULL); break;
	/* Moving: the field's first, then between fields. */
	case CA_FIELD_MOVE: field_key(c, f->field, r, ch); break;
	case CA_FIELD_UP:
		if (!field_key(c, f->field, r, ch))
			form_move(f, -1);
		break;
	case CA_FIELD_DOWN:
		if (!field_key(c, f->field, r, ch))
			form_move(f, 1);
		break;
	case CA_FIELD_PGUP:
		if (!field_key(c, f->field, r, ch))
			form_move(f, -page);
		break;
	case CA_FIELD_PGDN:
		if (!field_key(c, f->field, r, ch))
			form_move(f, page);
		break;
	default: form_type(c, r, ch); break;
	}
}

static void list_move(struct clerk *c, int action, size_t n)
{
	size_t last = n ? n - 1 : 0;
	size_t *sel = &c->f.sel;
	switch (action) {
	case CA_UP: if (*sel > 0) (*sel)--; break;
	case CA_DOWN: if (*sel + 1 < n) (*sel)++; break;
	case CA_TOP: *sel = 0; break;
	case CA_BOTTOM: *sel = last; break;
	case CA_PGDN: *sel = *sel + 10 < n ? *sel + 10 : last; break;
	case CA_PGUP: *sel = *sel > 10 ? *sel - 10 : 0; break;
	default: break;
	}
}

static void attendance_key(struct clerk *c, int action)
{
	switch (action) {
	case CA_PRESENT: form_roll_mark(&c->f, FORM_PRESENT); break;
	case CA_APOLOGIES: form_roll_mark(&c->f, FORM_APOLOGIES); break;
	case CA_ABSENT: form_roll_mark(&c->f, FORM_ABSENT); break;
	case CA_ATTENDING: form_roll_mark(&c->f, FORM_IN_ATTENDANCE); break;
	case CA_ADD:
		if (!form_refuse_read_only(&c->f))
			prompt_open(c, P_PERSON_NAME);
		break;
	case CA_BEGIN: form_nav_begin(&c->f); break;
	case CA_LEAVE: form_roll_leave(&c->f); break;
	case CA_DECLARATIONS: clerk_sheet_open(c, SHEET_DECLARATIONS, NULL); break;
	case CA_PERSON:
		if (c->f.sel < c->f.roll.n)
			clerk_sheet_open(c, SHEET_PERSON, c->f.roll.v[c->f.sel].name);
		break;
	default: list_move(c, action, c->f.roll.n); break;
	}
}

static void hub_key(struct clerk *c, int action)
{
	switch (action) {
	case CA_OPEN: form_nav_open(&c->f); break;
	case CA_END: form_nav_end(&c->f); break;
	case CA_HISTORY:
		form_commit(&c->f);
		history_run(session_archive(c->f.s), session_id(c->f.s), c->stop);
		clearok(stdscr, TRUE);
		break;
	case CA_URGENT:
		if (!form_refuse_read_only(&c->f))
			prompt_open(c, P_URGENT_TITLE);
		break;
	case CA_WITHDRAWN:
	case CA_DEFERRED:
		/* The reason is asked, and may be left empty. */
		if (form_refuse_read_only(&c->f))
			break;
		if (!form_nav_selected(&c->f)) {
			form_say(&c->f, true, "select an item first");
			break;
		}
		c->pending_status = action == CA_DEFERRED ? ITEM_DEFERRED : ITEM_WITHDRAWN;
		prompt_open(c, P_REASON);
		break;
	case CA_TAKEN: form_nav_status(&c->f, ITEM_TAKEN, NULL); break;
	case CA_EXEMPT:
		if (!form_refuse_read_only(&c->f) && form_proc_exempt_allowed(&c->f, c->f.sel - 2))
			prompt_open(c, P_EXEMPT_REASON);
		break;
	case CA_DECLARATIONS: clerk_sheet_open(c, SHEET_DECLARATIONS, NULL); break;
	default: list_move(c, action, form_nav_hub_rows(&c->f)); break;
	}
}

void clerk_key(struct clerk *c, int r, wint_t ch)
{
	buf_reset(&c->f.msg);
	unsigned mode = clerk_mode(c);
	/* A key pressed with Alt is never the screen's: the field's, if any. */
	int action = ch & FIELD_ALT ? 0 : keys_action(&clerk_keymap, mode, r, ch);
	if (mode == CM_HELP) {
		help_key(c, r, ch);
		return;
	}
	if (mode == CM_PROMPT) {
		prompt_key(c, action, r, ch);
		return;
	}
	if (c->arising) {
		clerk_arising_key(c, r, ch);
		return;
	}
	if (c->sheet) {
		clerk_sheet_key(c, r, ch);
		return;
	}
	if (mode == CM_PICK) {
		pick_key(c, action, ch);
		return;
	}
	unsigned long entries = c->f.entries;
	switch (action) {
	case CA_HELP:
		c->help = true;
		c->help_top = 0;
		return;
	case CA_QUIT:
		if (form_nav_leave(&c->f))
			c->quit = true;
		return;
	case CA_COMMIT: form_nav_save(&c->f); return;
	case CA_CORRECT: correct_key(c); return;
	case CA_NEXT: form_nav_next(&c->f); break;
	case CA_PREV: form_nav_prev(&c->f); break;
	case CA_BACK: form_nav_back(&c->f); return;
	default:
		if (mode & CM_FORM)
			form_key(c, action, r, ch);
		else if (mode == CM_ATTENDANCE)
			attendance_key(c, action);
		else if (mode == CM_HUB)
			hub_key(c, action);
		break;
	}
	if (c->f.entries != entries)
		clerk_arising_hint(c);
}
