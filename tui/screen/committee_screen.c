/* committee_screen: a committee's file on a screen (committee_screen.h). */
#include "tui/screen/committee_screen.h"

#include "minutes/git/meeting.h"
#include "tui/edit/agenda_edit_committee.h"
#include "tui/screen/field_draw.h"
#include "tui/screen/ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum committee_action {
	CA_NEXT = 1, CA_PREV, CA_KEEP, CA_REMOVE, CA_KIND, CA_HELP, CA_QUIT, CA_REDRAW,
};

#define CM_FIELD 1u
#define CM_HELP 2u

static const struct key_binding bindings[] = {
	{ CA_NEXT, CM_FIELD, { '\t', KC_FN(KEY_DOWN) }, "Tab, Down", "next", "The committee",
	  "Keeps the field (when it is valid: it is checked as it is typed) and goes "
	  "to the next.", 0 },
	{ CA_PREV, CM_FIELD, { KC_FN(KEY_BTAB), KC_FN(KEY_UP) }, "Shift-Tab, Up", NULL,
	  "The committee", "Keeps the field and goes to the one above.", 0 },
	{ CA_KEEP, CM_FIELD, { '\r', '\n', KC_FN(KEY_ENTER) }, "Enter", "keep", "The committee",
	  "Keeps the field: checked, then committed.  On an Add row, adds the member, "
	  "phrase or standard item typed there.", 0 },
	{ CA_REMOVE, CM_FIELD, { KC_CTRL('X') }, "^X", "remove", "The committee",
	  "Removes the member, phrase or standard item in hand.", 0 },
	{ CA_KIND, CM_FIELD, { KC_CTRL('T') }, "^T", "kind", "The committee",
	  "The next kind of the standard item in hand: plain, minutes (confirms the "
	  "latest unconfirmed meeting), matters-arising, apologies, declarations, aob.", 0 },
	{ CA_REDRAW, 0, { KC_CTRL('L') }, "^L", NULL, "Other keys", "Draws the screen again.", 0 },
	{ CA_HELP, CM_FIELD, { KC_FN(KEY_F(1)) }, "F1", "help", "Other keys", "This page.",
	  KB_PINNED },
	{ CA_QUIT, CM_FIELD, { KC_ESC }, "Esc", "done", "Other keys",
	  "Leaves (a field not yet kept is kept first when it is valid).", KB_PINNED },
};

const struct keymap committee_keymap = {
	"committee", "The committee screen (gavel committee edit; e on a committee)",
	"A committee's file: name, quorum, the day its year starts (minute numbers "
	"start again at 1), members with their roles (\"Name, Role\"), the clerk's "
	"decision phrases, and the standard items a new agenda starts from.  Every "
	"change is committed at once.",
	bindings, sizeof(bindings) / sizeof(bindings[0]),
	"The text field's keys (gavel keys field) edit the field in hand.",
};

struct crow {
	enum committee_field f;
	size_t i;               /* list entry; == count: the Add row */
};

struct cscreen {
	struct archive *a;
	const char *slug;
	struct committee *c;
	struct buf bytes;       /* committee.yaml as committed */
	struct crow *rows;
	size_t nrows, row, top;
	struct field *field;
	char msg[512];
	bool msg_error, help, quit;
	size_t help_top;
};

static void say(struct cscreen *s, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(struct cscreen *s, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
	s->msg_error = error;
}

static void rows_make(struct cscreen *s)
{
	size_t cap = 0;
	free(s->rows);
	s->rows = NULL;
	s->nrows = 0;
	for (int f = CF_NAME; f <= CF_STANDARD; f++) {
		size_t n = f >= CF_MEMBER ? committee_edit_count(s->c, f) + 1 : 1;
		for (size_t i = 0; i < n; i++) {
			xgrow((void **)&s->rows, &cap, s->nrows + 1, sizeof(*s->rows));
			s->rows[s->nrows++] = (struct crow){ (enum committee_field)f, i };
		}
	}
}

static void field_open(struct cscreen *s)
{
	field_delete(s->field);
	s->field = field_new(0);
	char *v = committee_edit_value(s->c, s->rows[s->row].f, s->rows[s->row].i);
	field_set_text(s->field, v, strlen(v));
	free(v);
}

static bool commit(struct cscreen *s, const char *what)
{
	struct buf b = BUF_INIT, msg = BUF_INIT;
	committee_write(s->c, &b);
	bool ok = true;
	if (b.len != s->bytes.len || memcmp(b.data, s->bytes.data, b.len)) {
		char *path = meeting_path(s->slug, COMMITTEE_FILE);
		struct archive_file f = { path, b.data, b.len };
		struct diags d;
		diags_init(&d);
		buf_addf(&msg, "Committee %s: %s", s->slug, what);
		if (archive_commit(s->a, &f, 1, msg.data, NULL, &d) == 0) {
			struct buf t = s->bytes;
			s->bytes = b;
			b = t;
			say(s, false, "Committed: %s", what);
		} else {
			char *why = d.n ? diag_format(&d.v[0]) : xstrdup("the commit failed");
			say(s, true, "Not committed: %s", why);
			free(why);
			ok = false;
		}
		diags_free(&d);
		free(path);
	}
	buf_free(&b);
	buf_free(&msg);
	return ok;
}

/* Keeps the field in hand; false (with why) when it is refused. */
static bool keep(struct cscreen *s)
{
	const struct crow *r = &s->rows[s->row];
	const char *v = field_text(s->field, NULL);
	struct buf what = BUF_INIT, err = BUF_INIT;
	bool adding = r->f >= CF_MEMBER && r->i >= committee_edit_count(s->c, r->f);
	int rc = committee_edit_set(s->c, r->f, r->i, v, &what, &err);
	if (rc)
		say(s, true, "%s", err.data);
	else if (what.len && commit(s, what.data) && adding) {
		rows_make(s);
		s->row++;               /* the Add row again, one further down */
		field_open(s);
	}
	buf_free(&what);
	buf_free(&err);
	return rc == 0;
}

static void move_to(struct cscreen *s, int delta)
{
	if (!keep(s))
		return;
	rows_make(s);
	if (delta < 0 && s->row > 0)
		s->row--;
	else if (delta > 0 && s->row + 1 < s->nrows)
		s->row++;
	field_open(s);
}

static void draw(struct cscreen *s)
{
	if (ui_too_small()) {
		refresh();
		return;
	}
	if (s->help) {
		static const struct keymap *const also[] = { &keys_help_keymap, NULL };
		keys_help_page(&committee_keymap, also, &s->help_top);
		refresh();
		return;
	}
	erase();
	struct buf b = BUF_INIT;
	buf_addf(&b, "Committee: %s", s->c->name);
	ui_bar(0, b.data, s->slug, ui_attr(THEME_HEADER));
	static const char *const labels[] = { "Name", "Quorum", "Year starts", "Member",
					      "Phrase", "Standard item" };
	static const char *const adds[] = { "", "", "", "+ Add a member", "+ Add a phrase",
					    "+ Add a standard item" };
	int h = LINES - 4;
	if (s->row < s->top)
		s->top = s->row;
	if (s->row >= s->top + (size_t)h)
		s->top = s->row - (size_t)h + 1;
	int fy = -1;
	for (int y = 2; y < 2 + h; y++) {
		size_t k = s->top + (size_t)(y - 2);
		if (k >= s->nrows)
			break;
		const struct crow *r = &s->rows[k];
		bool add = r->f >= CF_MEMBER && r->i >= committee_edit_count(s->c, r->f);
		ui_line(y, 1, 14, add ? "" : labels[r->f], ui_attr(THEME_LABEL));
		if (k == s->row) {
			fy = y;
			continue;
		}
		char *v = committee_edit_value(s->c, r->f, r->i);
		buf_reset(&b);
		buf_addstr(&b, add ? adds[r->f] : v);
		if (r->f == CF_STANDARD && !add) {
			const char *kind = committee_standard_kind_name(s->c->standard_items[r->i].kind);
			if (kind)
				buf_addf(&b, "  [%s]", kind);
		}
		free(v);
		ui_line(y, 16, COLS - 17, b.data, add ? ui_attr(THEME_DIM) : A_NORMAL);
	}
	buf_free(&b);
	move(LINES - 2, 0);
	clrtoeol();
	if (s->msg[0])
		ui_text_cut(LINES - 2, 1, COLS - 2, s->msg, strlen(s->msg),
			s->msg_error ? ui_attr(THEME_ERROR) : ui_attr(THEME_SAVED));
	keys_line(&committee_keymap, CM_FIELD, LINES - 1);
	if (fy >= 0) {
		curs_set(1);
		const struct crow *r = &s->rows[s->row];
		int w = COLS - 17;
		if (r->f == CF_STANDARD && r->i < s->c->nstandard) {
			const char *kind = committee_standard_kind_name(s->c->standard_items[r->i].kind);
			char tag[32];
			snprintf(tag, sizeof(tag), "[%s]", kind ? kind : "plain");
			w -= (int)strlen(tag) + 1;
			ui_line(fy, 16 + w + 1, (int)strlen(tag), tag, ui_attr(THEME_DIM));
		}
		field_draw(s->field, stdscr, fy, 16, 1, w, ui_attr(THEME_FIELD_ACTIVE), 0, true);
	}
	refresh();
}

static void key(struct cscreen *s, int r, wint_t ch)
{
	if (s->help) {
		if (!keys_help_page_key(r, ch, &s->help_top, (long)LINES - 2))
			s->help = false;
		return;
	}
	struct buf what = BUF_INIT, err = BUF_INIT;
	const struct crow *row = &s->rows[s->row];
	switch (keys_action(&committee_keymap, CM_FIELD, r, ch)) {
	case CA_NEXT: move_to(s, 1); break;
	case CA_PREV: move_to(s, -1); break;
	case CA_KEEP: keep(s); break;
	case CA_REMOVE:
		if (committee_edit_remove(s->c, row->f, row->i, &what, &err) == 0) {
			commit(s, what.data);
			rows_make(s);
			field_open(s);
		} else {
			say(s, true, "%s", err.data);
		}
		break;
	case CA_KIND:
		if (row->f == CF_STANDARD && committee_edit_next_kind(s->c, row->i, &what, &err) == 0)
			commit(s, what.data);
		else
			say(s, true, "^T sets the kind of a standard item");
		break;
	case CA_HELP:
		s->help = true;
		s->help_top = 0;
		break;
	case CA_REDRAW: clearok(curscr, TRUE); break;
	case CA_QUIT:
		keep(s);
		s->quit = true;
		break;
	default:
		field_handle_key(s->field, r, ch);
		if (!committee_edit_check(s->c, row->f, row->i, field_text(s->field, NULL), &err))
			say(s, true, "%s", err.data);
		else if (s->msg_error)
			s->msg[0] = '\0';
		break;
	}
	buf_free(&what);
	buf_free(&err);
}

int committee_screen_run(struct archive *a, const char *slug,
			 volatile sig_atomic_t *stop, char *msg, size_t msglen)
{
	struct cscreen s;
	memset(&s, 0, sizeof(s));
	s.a = a;
	s.slug = slug;
	struct diags d;
	diags_init(&d);
	int rc = meeting_committee_by_slug(a, slug, &s.c, &d);
	if (rc == 0 && !s.c) {
		/* No file yet: the name its meetings give. */
		struct meeting_summary *v = NULL;
		size_t n = 0;
		if (meetings_list(a, slug, &v, &n, &d) == 0 && n && v[0].committee)
			s.c = committee_new(v[0].committee);
		meeting_summaries_free(v, n);
		if (!s.c) {
			if (msg)
				snprintf(msg, msglen, "there is no committee %s: gavel committee new "
					 "NAME makes one", slug);
			diags_free(&d);
			return -1;
		}
	} else if (rc) {
		char *why = d.n ? diag_format(&d.v[0]) : xstrdup("the committee's file does not load");
		if (msg)
			snprintf(msg, msglen, "%s", why);
		free(why);
		diags_free(&d);
		return -1;
	} else {
		char *path = meeting_path(slug, COMMITTEE_FILE);
		archive_read(a, NULL, path, &s.bytes, &d);
		free(path);
	}
	diags_free(&d);
	rows_make(&s);
	field_open(&s);
	draw(&s);
	while (!s.quit && !*stop) {
		wint_t ch = 0;
		int r = field_read_key(stdscr, &ch);
		if (r == ERR)
			continue;
		if (!(r == KEY_CODE_YES && ch == KEY_RESIZE))
			key(&s, r, ch);
		draw(&s);
	}
	if (msg)
		snprintf(msg, msglen, "Committee %s: %zu member%s, all committed", slug,
			 s.c->members.n, s.c->members.n == 1 ? "" : "s");
	field_delete(s.field);
	free(s.rows);
	committee_free(s.c);
	buf_free(&s.bytes);
	return 0;
}
