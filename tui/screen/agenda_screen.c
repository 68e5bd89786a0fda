/* agenda_screen: loading, committing and the keys (see agenda_screen.h). */
#include "tui/screen/agenda_screen_priv.h"

#include "minutes/format/slug.h"
#include "minutes/git/meeting.h"
#include "minutes/session/lock.h"
#include "tui/screen/field_editor.h"
#include "tui/screen/field_keys.h"
#include "tui/screen/ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UP_KEYS { KC_FN(KEY_UP), 'k' }
#define DOWN_KEYS { KC_FN(KEY_DOWN), 'j' }
#define ENTER_KEYS '\r', '\n', KC_FN(KEY_ENTER)

static const struct key_binding bindings[] = {
	{ AA_UP, AM_LIST, UP_KEYS, "Up, k", NULL, "The items", "The item above.", 0 },
	{ AA_DOWN, AM_LIST, DOWN_KEYS, "Down, j", NULL, "The items", "The item below.", 0 },
	{ AA_EDIT, AM_LIST, { ENTER_KEYS, 'e' }, "Enter, e", "edit", "The items",
	  "Edits the selected item: number, title, purpose, the meeting it confirms, "
	  "the reason it is exempt, its presenters and its documents.", 0 },
	{ AA_ADD, AM_LIST, { 'a', KC_FN(KEY_IC) }, "a, Insert", "add", "The items",
	  "Adds an item after the selected one, numbered in its place (the items "
	  "after it go one up), and edits its title.", 0 },
	{ AA_REMOVE, AM_LIST, { 'd', KC_FN(KEY_DC) }, "d, Delete", "remove", "The items",
	  "Removes the selected item (after y), from the minutes too.  An item that "
	  "already has minutes cannot be removed: withdraw or defer it in gavel run.", 0 },
	{ AA_MOVE_UP, AM_LIST, { 'K', KC_ALT(KC_FN(KEY_UP)) }, "K, Alt-Up", "move up",
	  "The items", "Moves the selected item up a place (its number stays: n renumbers).", 0 },
	{ AA_MOVE_DOWN, AM_LIST, { 'J', KC_ALT(KC_FN(KEY_DOWN)) }, "J, Alt-Down", "down",
	  "The items", "Moves the selected item down a place.", 0 },
	{ AA_RENUMBER, AM_LIST, { 'n' }, "n", "renumber", "The items",
	  "Numbers the items 1, 2, 3... in their order; declarations and attendance "
	  "in the minutes that name an item follow it.", 0 },
	{ AA_MEETING, AM_LIST, { 'm' }, "m", "meeting", "The items",
	  "Edits the meeting's start time, venue and chair.", 0 },
	{ AA_STANDARD, AM_LIST, { 's' }, "s", NULL, "The items",
	  "Fills an empty agenda with the committee's standard items (apologies, "
	  "declarations, minutes of the previous meeting confirming the latest "
	  "unconfirmed one, matters arising, any other business).", 0 },
	{ AA_NEXT, AM_FORM | AM_ROW, { '\t', KC_FN(KEY_DOWN) }, "Tab, Down", "next",
	  "The form", "Keeps the field (when it is valid) and goes to the next row.", 0 },
	{ AA_PREV, AM_FORM | AM_ROW, { KC_FN(KEY_BTAB), KC_FN(KEY_UP) }, "Shift-Tab, Up",
	  NULL, "The form", "Keeps the field and goes to the row above.", 0 },
	{ AA_ACCEPT, AM_FORM | AM_ROW | AM_PICK, { ENTER_KEYS }, "Enter", "keep",
	  "The form", "Keeps the field: checked, then committed.  On an Add row, opens "
	  "the list to pick from; in that list, takes the highlighted name or file, "
	  "or what was typed.", 0 },
	{ AA_DELETE_ROW, AM_ROW, { 'd', KC_FN(KEY_DC) }, "d, Delete", "remove", "The form",
	  "Removes the presenter or document in hand.", 0 },
	{ AA_BACK, AM_FORM | AM_ROW | AM_PICK, { KC_ESC }, "Esc", "back", "The form",
	  "Back to the items (a field not yet kept goes back to what it was); "
	  "from the list to pick from, back to the form.", 0 },
	{ AA_UP, AM_PICK, { KC_FN(KEY_UP) }, "Up", NULL, "The form",
	  "In the list to pick from: the choice above.", 0 },
	{ AA_DOWN, AM_PICK, { KC_FN(KEY_DOWN) }, "Down", NULL, "The form",
	  "In the list to pick from: the choice below (typing narrows the list).", 0 },
	{ AA_YES, AM_CONFIRM, { 'y', 'Y' }, "y", "remove", "The items",
	  "Removes the item asked about.", KB_NOHELP },
	{ AA_NO, AM_CONFIRM, { 'n', 'N', KC_ESC }, "n, Esc", "keep", "The items",
	  "Keeps it.", KB_NOHELP },
	{ AA_REDRAW, 0, { KC_CTRL('L') }, "^L", NULL, "Other keys", "Draws the screen again.", 0 },
	{ AA_HELP, AM_LIST | AM_FORM | AM_ROW | AM_PICK, { KC_FN(KEY_F(1)) }, "F1", "help",
	  "Other keys", "This page.", KB_PINNED },
	{ AA_HELP, AM_LIST | AM_ROW, { '?' }, "?", NULL, "Other keys", "This page too.", 0 },
	{ AA_QUIT, AM_LIST, { 'q', KC_ESC }, "q, Esc", "quit", "Other keys",
	  "Leaves the agenda (everything is committed already).", KB_PINNED },
};

const struct keymap agenda_keymap = {
	"agenda", "The agenda screen (gavel agenda; gavel new; + and e on the home screen)",
	"A meeting's agenda: its items in order above the selected item's fields.  "
	"Every change is checked as it is typed and committed at once; the minutes' "
	"items follow the agenda (new items appear, removed ones go).",
	bindings, sizeof(bindings) / sizeof(bindings[0]),
	"In the form, the text field's keys (gavel keys field) edit a field.",
};

void as_say(struct ascreen *s, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
	s->msg_error = error;
}

/* ---- loading and committing ---- */

static void read_committed(struct archive *a, const char *id, const char *name, struct buf *out)
{
	struct diags quiet;
	diags_init(&quiet);
	char *path = meeting_path(id, name);
	buf_reset(out);
	if (archive_read(a, NULL, path, out, &quiet) != 0)
		buf_reset(out);
	free(path);
	diags_free(&quiet);
}

static bool load(struct ascreen *s, struct diags *d)
{
	struct minutes *m = NULL;
	struct agenda *ag = NULL;
	if (meeting_load(s->a, s->id, NULL, &m, &ag, d))
		return false;
	if (!ag) {
		ag = agenda_new(m->committee, m->date);
		snprintf(ag->start, sizeof(ag->start), "%s", m->start);
		record_text_set(&ag->venue, m->venue);
	}
	agenda_free(s->e.agenda);
	minutes_free(s->e.minutes);
	s->e.agenda = ag;
	s->e.minutes = m;
	read_committed(s->a, s->id, MEETING_AGENDA, &s->agenda_bytes);
	read_committed(s->a, s->id, MEETING_MINUTES, &s->minutes_bytes);
	if (s->sel >= ag->nitems)
		s->sel = ag->nitems ? ag->nitems - 1 : 0;
	return true;
}

bool as_commit(struct ascreen *s, const char *what)
{
	struct buf ab = BUF_INIT, mb = BUF_INIT, msg = BUF_INIT;
	agenda_write(s->e.agenda, &ab);
	minutes_write(s->e.minutes, &mb);
	char *apath = meeting_path(s->id, MEETING_AGENDA);
	char *mpath = meeting_path(s->id, MEETING_MINUTES);
	struct archive_file files[2];
	size_t n = 0;
	bool achanged = ab.len != s->agenda_bytes.len ||
			memcmp(ab.data, s->agenda_bytes.data, ab.len);
	bool mchanged = mb.len != s->minutes_bytes.len ||
			memcmp(mb.data, s->minutes_bytes.data, mb.len);
	if (achanged)
		files[n++] = (struct archive_file){ apath, ab.data, ab.len };
	if (mchanged)
		files[n++] = (struct archive_file){ mpath, mb.data, mb.len };
	bool ok = true;
	if (n) {
		struct diags d;
		diags_init(&d);
		buf_addf(&msg, "Agenda of %s: %s", s->id, what);
		if (archive_commit(s->a, files, n, msg.data, NULL, &d) == 0) {
			struct buf t = s->agenda_bytes;
			s->agenda_bytes = ab;
			ab = t;
			t = s->minutes_bytes;
			s->minutes_bytes = mb;
			mb = t;
			as_say(s, false, "Committed: %s", what);
		} else {
			char *why = d.n ? diag_format(&d.v[0]) : xstrdup("the commit failed");
			as_say(s, true, "Not committed (%s); the agenda is as committed before", why);
			free(why);
			diags_clear(&d);
			load(s, &d);
			ok = false;
		}
		diags_free(&d);
	}
	free(apath);
	free(mpath);
	buf_free(&ab);
	buf_free(&mb);
	buf_free(&msg);
	return ok;
}

/* The committee, the latest unconfirmed meeting before this one, the
 * presenters of earlier meetings and the files a document may be. */
static char *gather(struct ascreen *s)
{
	struct diags quiet;
	diags_init(&quiet);
	meeting_committee(s->a, s->id, &s->c, &quiet);
	const char *slash = strchr(s->id, '/');
	char *slug = xstrndup(s->id, (size_t)(slash - s->id));
	struct meeting_summary *v = NULL;
	size_t n = 0, loaded = 0;
	char *previous = NULL;
	if (meetings_list(s->a, slug, &v, &n, &quiet) == 0) {
		for (size_t i = 0; i < n; i++) {
			const char *folder = strchr(v[i].id, '/') + 1;
			if (strcmp(folder, slash + 1) >= 0 || v[i].error)
				continue;
			if (!previous && v[i].status == MINUTES_DRAFT)
				previous = xstrdup(v[i].id);
			if (loaded++ >= 12)
				continue;
			struct minutes *m = NULL;
			struct agenda *ag = NULL;
			if (meeting_load(s->a, v[i].id, NULL, &m, &ag, &quiet) == 0 && ag)
				for (size_t k = 0; k < ag->nitems; k++)
					for (size_t p = 0; p < ag->items[k].presenters.n; p++)
						people_add(&s->earlier, ag->items[k].presenters.v[p].name,
							   ag->items[k].presenters.v[p].role);
			minutes_free(m);
			if (!s->last && ag)
				s->last = ag;   /* the newest comes first */
			else
				agenda_free(ag);
		}
	}
	meeting_summaries_free(v, n);
	/* Files: the meeting's folder and its folders, then the committee's. */
	size_t cap = 0;
	const char *dirs[] = { s->id, slug };
	for (size_t d = 0; d < 2; d++) {
		struct archive_entry *e = NULL;
		size_t ne = 0;
		if (archive_list(s->a, NULL, dirs[d], &e, &ne, &quiet) != 0)
			continue;
		for (size_t i = 0; i < ne; i++) {
			struct buf p = BUF_INIT;
			if (e[i].is_dir && d == 0) {
				struct archive_entry *sub = NULL;
				size_t ns = 0;
				buf_addf(&p, "%s/%s", s->id, e[i].name);
				if (archive_list(s->a, NULL, p.data, &sub, &ns, &quiet) == 0)
					for (size_t k = 0; k < ns; k++) {
						if (sub[k].is_dir)
							continue;
						struct buf q = BUF_INIT;
						buf_addf(&q, "%s/%s", e[i].name, sub[k].name);
						xgrow((void **)&s->files, &cap, s->nfiles + 1, sizeof(*s->files));
						s->files[s->nfiles++] = buf_detach(&q, NULL);
					}
				archive_entries_free(sub, ns);
			} else if (!e[i].is_dir && strcmp(e[i].name, MEETING_AGENDA) &&
				   strcmp(e[i].name, MEETING_MINUTES) && strcmp(e[i].name, COMMITTEE_FILE)) {
				if (d == 1)
					buf_addf(&p, "%s/", slug);
				buf_addstr(&p, e[i].name);
				xgrow((void **)&s->files, &cap, s->nfiles + 1, sizeof(*s->files));
				s->files[s->nfiles++] = xstrdup(p.data);
			}
			buf_free(&p);
		}
		archive_entries_free(e, ne);
	}
	free(slug);
	diags_free(&quiet);
	return previous;
}

static void start_standard(struct ascreen *s, const char *previous)
{
	struct agenda *old = s->e.agenda;
	struct agenda *ag = agenda_edit_start(old->committee, old->date, s->c, previous);
	/* What the clerk gave (gavel new --start, --venue), else as the
	 * committee's last meeting had it: most meet at one time and place. */
	const struct agenda *last = s->last;
	snprintf(ag->start, sizeof(ag->start), "%s",
		 old->start[0] || !last ? old->start : last->start);
	record_text_set(&ag->venue, old->venue || !last ? old->venue : last->venue);
	record_text_set(&ag->chair, old->chair || !last ? old->chair : last->chair);
	bool carried = last && ((!old->start[0] && last->start[0]) || (!old->venue && last->venue) ||
				(!old->chair && last->chair));
	ag->version = old->version;
	s->e.agenda = ag;
	agenda_free(old);
	struct minutes *m = s->e.minutes;
	if (carried && m) {     /* as agenda_edit_set_meeting keeps them */
		if (!m->start[0])
			snprintf(m->start, sizeof(m->start), "%s", ag->start);
		if (!m->venue)
			record_text_set(&m->venue, ag->venue);
	}
	agenda_edit_sync(&s->e);
	s->sel = 0;
	const char *what = s->c && s->c->nstandard ? "started from the committee's standard items"
			   : "started from the usual items";
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s%s", what, carried ? ", time and venue as last time" : "");
	as_commit(s, b.data);
	buf_free(&b);
}

/* ---- the form ---- */

static void field_open(struct ascreen *s)
{
	field_delete(s->field);
	s->field = NULL;
	if (s->row >= s->nrows || s->rows[s->row].kind != R_TEXT) {
		s->mode = AM_ROW;
		return;
	}
	s->field = field_new(0);
	const char *v = as_row_value(s, &s->rows[s->row]);
	field_set_text(s->field, v ? v : "", v ? strlen(v) : 0);
	s->mode = AM_FORM;
}

static void form_open(struct ascreen *s, bool meeting, size_t row)
{
	s->meeting_form = meeting;
	as_rows(s);
	s->row = row < s->nrows ? row : 0;
	field_open(s);
}

/* Keeps the text row in hand: checked, set, committed.  False (and a
 * message) when the value is refused. */
static bool field_keep(struct ascreen *s)
{
	if (s->mode != AM_FORM || !s->field)
		return true;
	const struct form_row *r = &s->rows[s->row];
	const char *v = field_text(s->field, NULL);
	struct buf what = BUF_INIT, err = BUF_INIT;
	int rc = r->meeting
		 ? agenda_edit_set_meeting(&s->e, (enum agenda_meeting_field)r->field, v, &what, &err)
		 : agenda_edit_set(&s->e, s->sel, (enum agenda_field)r->field, v, &what, &err);
	if (rc)
		as_say(s, true, "%s", err.data);
	else if (what.len)
		as_commit(s, what.data);
	buf_free(&what);
	buf_free(&err);
	return rc == 0;
}

static void form_move(struct ascreen *s, int delta)
{
	if (!field_keep(s))
		return;
	as_rows(s);
	if (delta < 0 && s->row > 0)
		s->row--;
	else if (delta > 0 && s->row + 1 < s->nrows)
		s->row++;
	field_open(s);
}

static void form_back(struct ascreen *s)
{
	field_delete(s->field);
	s->field = NULL;
	s->mode = AM_LIST;
}

/* ---- the picker ---- */

static void pick_open(struct ascreen *s, enum pick_kind k, const char *text)
{
	s->pick = k;
	field_delete(s->pfield);
	s->pfield = field_new(0);
	field_set_text(s->pfield, text, strlen(text));
	s->mode = AM_PICK;
	as_pick_filter(s);
	s->psel = s->nchoices;
}

static void pick_accept(struct ascreen *s)
{
	const char *typed = field_text(s->pfield, NULL);
	const char *v = s->psel < s->nchoices ? s->choices[s->psel] : typed;
	struct buf what = BUF_INIT, err = BUF_INIT;
	int rc = 0;
	if (s->pick == PICK_PRESENTER) {
		/* "Name, Role", or a choice: its role from where it was found. */
		const struct person **pv = NULL;
		size_t n = agenda_edit_presenter_choices(&s->e, s->c, &s->earlier, &pv);
		const struct person *found = NULL;
		for (size_t i = 0; i < n && !found; i++)
			if (!strcmp(pv[i]->name, v))
				found = pv[i];
		char *name = xstrdup(v), *role = NULL;
		char *comma = found ? NULL : strchr(name, ',');
		if (comma) {
			*comma = '\0';
			role = comma + 1;
			while (*role == ' ')
				role++;
			for (size_t l = strlen(name); l && name[l - 1] == ' '; l--)
				name[l - 1] = '\0';
		}
		rc = agenda_edit_add_presenter(&s->e, s->sel, name,
					       found ? found->role : role, &what, &err);
		free(name);
		free(pv);
	} else if (s->pick == PICK_DOCUMENT_REF) {
		if (!*v) {
			as_say(s, true, "type a URL or a path, or pick a file with Up and Down");
			goto out;
		}
		if (!agenda_edit_ref_valid(v, &err)) {
			as_say(s, true, "%s", err.data);
			goto out;
		}
		free(s->pick_ref);
		s->pick_ref = xstrdup(v);
		/* The title: the file's name without folder and extension. */
		const char *base = strrchr(v, '/');
		base = base && base[1] ? base + 1 : v;
		char *t = xstrdup(base);
		char *dot = strrchr(t, '.');
		if (dot && dot != t && !strstr(v, "://"))
			*dot = '\0';
		pick_open(s, PICK_DOCUMENT_TITLE, strstr(v, "://") ? "" : t);
		free(t);
		as_say(s, false, "The document's title, then Enter");
		goto out;
	} else {
		rc = agenda_edit_add_document(&s->e, s->sel, typed, s->pick_ref, &what, &err);
	}
	if (rc) {
		as_say(s, true, "%s", err.data);
		goto out;
	}
	as_commit(s, what.data);
	as_rows(s);
	s->row++;               /* still on the Add row, one further down */
	s->mode = AM_ROW;
	field_delete(s->pfield);
	s->pfield = NULL;
out:
	buf_free(&what);
	buf_free(&err);
}

/* ---- the keys ---- */

static void item_add(struct ascreen *s)
{
	struct buf what = BUF_INIT, err = BUF_INIT;
	size_t at = s->e.agenda->nitems ? s->sel + 1 : 0;
	if (agenda_edit_add(&s->e, at, "New item", &what, &err) == 0) {
		s->sel = at;
		as_commit(s, what.data);
		form_open(s, false, 1);     /* its title */
		if (s->field)
			field_command(s->field, FIELD_KILL_TO_START);
	} else {
		as_say(s, true, "%s", err.data);
	}
	buf_free(&what);
	buf_free(&err);
}

static void edit_result(struct ascreen *s, int rc, struct buf *what, struct buf *err)
{
	if (rc)
		as_say(s, true, "%s", err->data);
	else if (what->len)
		as_commit(s, what->data);
	else
		as_say(s, false, "The items are numbered in order already");
}

static void list_key(struct ascreen *s, int action)
{
	struct agenda *ag = s->e.agenda;
	struct buf what = BUF_INIT, err = BUF_INIT;
	bool any = ag->nitems > 0;
	if (s->read_only && action != AA_UP && action != AA_DOWN && action != AA_EDIT &&
	    action != AA_QUIT && action != AA_HELP && action != AA_REDRAW) {
		as_say(s, true, "The minutes are confirmed or held by another gavel: "
		       "the agenda cannot change");
		goto out;
	}
	switch (action) {
	case AA_UP: if (s->sel) s->sel--; break;
	case AA_DOWN: if (s->sel + 1 < ag->nitems) s->sel++; break;
	case AA_EDIT:
		if (any)
			form_open(s, false, 0);
		break;
	case AA_ADD: item_add(s); break;
	case AA_REMOVE:
		if (!any)
			break;
		{
			struct minutes_item *it = agenda_edit_minutes_item(&s->e, ag->items[s->sel].number);
			if (it && agenda_edit_item_has_minutes(it)) {
				agenda_edit_remove(&s->e, s->sel, NULL, &err);
				as_say(s, true, "%s", err.data);
				break;
			}
		}
		as_say(s, false, "Remove item %s (%s)? y or n", ag->items[s->sel].number,
		       ag->items[s->sel].title);
		s->mode = AM_CONFIRM;
		break;
	case AA_MOVE_UP:
	case AA_MOVE_DOWN:
		if (!any)
			break;
		if (agenda_edit_move(&s->e, s->sel, action == AA_MOVE_UP ? -1 : 1, &what, &err)) {
			as_say(s, true, "%s", err.data);
			break;
		}
		s->sel += action == AA_MOVE_UP ? (size_t)-1 : 1;
		as_commit(s, what.data);
		break;
	case AA_RENUMBER:
		edit_result(s, agenda_edit_renumber(&s->e, &what, &err), &what, &err);
		break;
	case AA_MEETING: form_open(s, true, 0); break;
	case AA_STANDARD:
		if (any) {
			as_say(s, true, "The agenda has items already; s fills an empty one");
		} else {
			char *previous = NULL;
			const char *slash = strchr(s->id, '/');
			struct meeting_summary *v = NULL;
			size_t n = 0;
			struct diags quiet;
			diags_init(&quiet);
			char *slug = xstrndup(s->id, (size_t)(slash - s->id));
			if (meetings_list(s->a, slug, &v, &n, &quiet) == 0)
				for (size_t i = 0; i < n && !previous; i++)
					if (strcmp(strchr(v[i].id, '/') + 1, slash + 1) < 0 && !v[i].error &&
					    v[i].status == MINUTES_DRAFT)
						previous = xstrdup(v[i].id);
			meeting_summaries_free(v, n);
			diags_free(&quiet);
			free(slug);
			start_standard(s, previous);
			free(previous);
		}
		break;
	case AA_QUIT: s->quit = true; break;
	default: break;
	}
out:
	buf_free(&what);
	buf_free(&err);
}

static void key(struct ascreen *s, int r, wint_t ch)
{
	if (s->help) {
		if (!keys_help_page_key(r, ch, &s->help_top, (long)LINES - 2))
			s->help = false;
		return;
	}
	int action = keys_action(&agenda_keymap, s->mode, r, ch);
	if (action == AA_HELP) {
		s->help = true;
		s->help_top = 0;
		return;
	}
	if (action == AA_REDRAW) {
		clearok(curscr, TRUE);
		return;
	}
	if (s->mode == AM_CONFIRM) {
		if (action == AA_YES) {
			struct buf what = BUF_INIT, err = BUF_INIT;
			edit_result(s, agenda_edit_remove(&s->e, s->sel, &what, &err), &what, &err);
			if (s->sel && s->sel >= s->e.agenda->nitems)
				s->sel--;
			buf_free(&what);
			buf_free(&err);
			s->mode = AM_LIST;
		} else if (action == AA_NO) {
			as_say(s, false, "Kept");
			s->mode = AM_LIST;
		}
		return;
	}
	if (s->mode == AM_LIST) {
		list_key(s, action);
		return;
	}
	if (s->mode == AM_PICK) {
		if (action == AA_ACCEPT) {
			pick_accept(s);
		} else if (action == AA_BACK) {
			field_delete(s->pfield);
			s->pfield = NULL;
			s->mode = AM_ROW;
		} else if (action == AA_UP) {
			s->psel = s->psel == 0 ? s->nchoices : s->psel - 1;
		} else if (action == AA_DOWN) {
			s->psel = s->psel >= s->nchoices ? 0 : s->psel + 1;
		} else if (field_handle_key(s->pfield, r, ch) == FIELD_KEY_USED) {
			as_pick_filter(s);
			s->psel = s->nchoices;
		}
		return;
	}
	/* The form. */
	switch (action) {
	case AA_NEXT: form_move(s, 1); return;
	case AA_PREV: form_move(s, -1); return;
	case AA_BACK: form_back(s); return;
	case AA_ACCEPT:
		if (s->mode == AM_FORM) {
			field_keep(s);
			as_rows(s);
			return;
		}
		if (s->rows[s->row].kind == R_ADD_PRESENTER)
			pick_open(s, PICK_PRESENTER, "");
		else if (s->rows[s->row].kind == R_ADD_DOCUMENT)
			pick_open(s, PICK_DOCUMENT_REF, "");
		return;
	case AA_DELETE_ROW: {
		const struct form_row *row = &s->rows[s->row];
		struct buf what = BUF_INIT, err = BUF_INIT;
		int rc = row->kind == R_PRESENTER
			 ? agenda_edit_remove_presenter(&s->e, s->sel, row->index, &what, &err)
			 : row->kind == R_DOCUMENT
			 ? agenda_edit_remove_document(&s->e, s->sel, row->index, &what, &err) : 1;
		if (rc == 0)
			as_commit(s, what.data);
		else if (rc < 0)
			as_say(s, true, "%s", err.data);
		buf_free(&what);
		buf_free(&err);
		as_rows(s);
		if (s->row >= s->nrows)
			s->row = s->nrows - 1;
		field_open(s);
		return;
	}
	default: break;
	}
	if (s->mode != AM_FORM)
		return;
	int fr = field_handle_key(s->field, r, ch);
	if (fr == FIELD_KEY_EDITOR) {
		struct diags d;
		diags_init(&d);
		if (field_edit_external(s->field, NULL, &d) < 0 && d.n)
			as_say(s, true, "%s", d.v[0].msg);
		diags_free(&d);
		clearok(curscr, TRUE);
	}
	/* Checked as typed. */
	const struct form_row *row = &s->rows[s->row];
	struct buf err = BUF_INIT;
	const char *v = field_text(s->field, NULL);
	if (!row->meeting && !agenda_edit_check(&s->e, s->sel, (enum agenda_field)row->field, v, &err))
		as_say(s, true, "%s", err.data);
	else if (s->msg_error)
		s->msg[0] = '\0';
	buf_free(&err);
}

void agenda_screen_run(struct archive *a, const char *id, bool fresh,
		       volatile sig_atomic_t *stop, char *msg, size_t msglen)
{
	struct ascreen s;
	memset(&s, 0, sizeof(s));
	s.a = a;
	s.id = id;
	s.mode = AM_LIST;
	struct diags d;
	diags_init(&d);
	bool locked = false;
	if (!load(&s, &d)) {
		char *why = d.n ? diag_format(&d.v[0]) : xstrdup("the meeting does not load");
		if (msg)
			snprintf(msg, msglen, "%s", why);
		free(why);
		diags_free(&d);
		return;
	}
	struct lock_holder holder;
	int lr = lock_acquire(archive_gitdir(a), id, &holder, NULL, &d);
	locked = lr == 0;
	char *previous = gather(&s);
	if (s.e.minutes->status == MINUTES_CONFIRMED) {
		s.read_only = true;
		as_say(&s, true, "The minutes are confirmed: the agenda is shown, not changed");
	} else if (!locked) {
		s.read_only = true;
		as_say(&s, true, "Another gavel holds this meeting (%s): the agenda is shown, "
		       "not changed", holder.user[0] ? holder.user : "someone");
	} else if (fresh && !s.e.agenda->nitems && !s.e.minutes->nitems) {
		start_standard(&s, previous);
	}
	free(previous);
	diags_free(&d);
	as_draw(&s);
	while (!s.quit && !*stop) {
		wint_t ch = 0;
		int r = field_read_key(stdscr, &ch);
		if (r == ERR)
			continue;
		if (!(r == KEY_CODE_YES && ch == KEY_RESIZE))
			key(&s, r, ch);
		as_draw(&s);
	}
	if (locked)
		lock_release(archive_gitdir(a), id);
	if (msg)
		snprintf(msg, msglen, "Agenda of %s: %zu item%s, all committed", id,
			 s.e.agenda->nitems, s.e.agenda->nitems == 1 ? "" : "s");
	field_delete(s.field);
	field_delete(s.pfield);
	free(s.rows);
	free(s.choices);
	free(s.pick_ref);
	for (size_t i = 0; i < s.nfiles; i++)
		free(s.files[i]);
	free(s.files);
	people_free(&s.earlier);
	agenda_free(s.last);
	committee_free(s.c);
	agenda_free(s.e.agenda);
	minutes_free(s.e.minutes);
	buf_free(&s.agenda_bytes);
	buf_free(&s.minutes_bytes);
}
