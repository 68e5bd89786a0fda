/* browse_registers: the selected committee's registers on the home screen
 * (a: open actions, D: decisions, A: attendance), from the same register
 * queries as gavel actions, decisions and attendance
 * (minutes/search/registers.h): a header row and a scrollable list across
 * the whole width; Esc or q goes back to where the view was opened. */
#include "tui/screen/browse_internal.h"

#include "minutes/search/registers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct column {
	const char *head;
	int width;              /* 0: the rest of the line */
};

static const struct column columns[][REG_COLS] = {
	[BR_ACTIONS] = { { "Action", 13 }, { "Due", 11 }, { "Status", 12 }, { "Owner", 18 },
			 { "Action text", 0 } },
	[BR_DECISIONS] = { { "Meeting", 11 }, { "Min.", 5 }, { "Item", 5 }, { "Title", 22 },
			   { "Decision", 0 } },
	[BR_ATTENDANCE] = { { "Member", 30 }, { "Expected", 10 }, { "Attended", 10 },
			    { "Apologies", 11 }, { "Absent", 0 } },
};

static const char *const state_names[] = { "open", "in progress", "done", "dropped" };

void browse_register_clear(struct browse *b)
{
	for (size_t i = 0; i < b->nreg; i++)
		for (int c = 0; c < REG_COLS; c++)
			free(b->reg[i].cells[c]);
	b->nreg = b->rsel = b->rtop = b->reg_total = 0;
}

/* A cell on one line: each line break a space. */
static char *cell(const char *s)
{
	char *c = xstrdup(s ? s : "");
	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return c;
}

static void add_row(struct browse *b, const char *const v[REG_COLS])
{
	b->reg_total++;
	if (b->nreg >= BROWSE_HITS_MAX)
		return;
	xgrow((void **)&b->reg, &b->reg_cap, b->nreg + 1, sizeof(*b->reg));
	for (int c = 0; c < REG_COLS; c++)
		b->reg[b->nreg].cells[c] = cell(v[c]);
	b->nreg++;
}

static const char *folder_of(const char *id)
{
	const char *f = id ? strchr(id, '/') : NULL;
	return f ? f + 1 : id;
}

static int action_row(const struct reg_action *a, void *ctx)
{
	const char *id = strchr(a->ref, '/');
	const char *v[REG_COLS] = { id ? id + 1 : a->ref, a->due ? a->due : "-",
				    state_names[a->state <= REG_DROPPED ? a->state : 0],
				    a->owner ? a->owner : "(no owner)", a->text };
	struct buf t = BUF_INIT;
	buf_addstr(&t, a->text);
	if (a->note)
		buf_addf(&t, " [%s: %s]", folder_of(a->updated), a->note);
	v[4] = t.data;
	add_row(ctx, v);
	buf_free(&t);
	return 0;
}

static int decision_row(const struct reg_decision *d, void *ctx)
{
	char minute[24] = "";
	if (d->minute)
		snprintf(minute, sizeof(minute), "%u", d->minute);
	const char *v[REG_COLS] = { folder_of(d->meeting), minute, d->item, d->title, d->text };
	add_row(ctx, v);
	return 0;
}

static void attendance_row(void *ctx, const char *name, const size_t n[4])
{
	char num[4][24];
	for (int i = 0; i < 4; i++)
		snprintf(num[i], sizeof(num[i]), "%zu", n[i]);
	const char *v[REG_COLS] = { name, num[0], num[1], num[2], num[3] };
	add_row(ctx, v);
}

static int attendance(struct browse *b, struct search *s, const char *slug,
		      struct diags *d)
{
	struct committee *com = NULL;
	struct reg_attendance r;
	if (meeting_committee_by_slug(b->a, slug, &com, d) < 0)
		diags_clear(d);         /* without the file, everyone the minutes name */
	int rc = registers_attendance(s, slug, "", "", &r, d);
	if (rc == 0) {
		registers_attendance_rows(&r, com, attendance_row, b);
		snprintf(b->reg_note, sizeof(b->reg_note), "%zu meeting%s", r.nmeetings,
			 r.nmeetings == 1 ? "" : "s");
		registers_attendance_free(&r);
	}
	committee_free(com);
	return rc;
}

void browse_register_open(struct browse *b, enum browse_register which)
{
	if (b->csel >= b->nc) {
		browse_say(b, true, "no committee yet: + starts a meeting, and its committee");
		return;
	}
	const struct browse_committee *c = &b->cs[b->csel];
	struct search *s = NULL;
	struct diags d;
	diags_init(&d);
	browse_register_clear(b);
	b->reg_note[0] = 0;
	b->reg_kind = which;
	int rc = search_open(&s, b->a, browse_index_progress, b, NULL, &d);
	if (rc == 0 && which == BR_ACTIONS) {
		struct reg_action_filter f = { .committee = c->slug, .open_only = true };
		size_t n;
		rc = registers_actions(s, &f, action_row, b, &n, &d);
	} else if (rc == 0 && which == BR_DECISIONS) {
		struct query q;
		char *slug = c->slug;
		memset(&q, 0, sizeof(q));
		q.committees = &slug;
		q.ncommittees = 1;
		size_t n;
		rc = registers_decisions(s, &q, decision_row, b, &n, &d);
	} else if (rc == 0) {
		rc = attendance(b, s, c->slug, &d);
	}
	if (s)
		search_close(s);
	if (rc < 0) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("the registers cannot be read");
		browse_say(b, true, "%s", m);
		free(m);
		diags_free(&d);
		return;
	}
	diags_free(&d);
	static const char *const names[] = { "Open actions", "Decisions", "Attendance" };
	snprintf(b->reg_title, sizeof(b->reg_title), "%s: %s", names[which], c->name);
	if (b->level != L_REGISTER)
		b->reg_from = b->level;
	b->level = L_REGISTER;
	b->pane_focus = false;
	if (which != BR_ATTENDANCE)
		snprintf(b->reg_note, sizeof(b->reg_note), "%zu %s%s", b->reg_total,
			 which == BR_ACTIONS ? "open action" : "decision",
			 b->reg_total == 1 ? "" : "s");
	browse_say(b, false, "%s%s; Esc or q goes back", b->reg_total ? "" : "none yet: ",
		   b->nreg < b->reg_total ? "the newest shown" : b->reg_note);
}

static void draw_cells(int y, const char *const v[REG_COLS], const struct column *col,
		       attr_t a)
{
	int x = 1;
	ui_line(y, 0, COLS, "", a);
	for (int c = 0; c < REG_COLS && x < COLS - 1; c++) {
		int w = col[c].width ? col[c].width : COLS - 1 - x;
		if (x + w > COLS - 1)
			w = COLS - 1 - x;
		const char *s = v[c] ? v[c] : "";
		ui_text_cut(y, x, w - (col[c].width ? 1 : 0), s, strlen(s), a);
		x += w;
	}
}

void browse_register_draw(struct browse *b, int top, int bottom)
{
	const struct column *col = columns[b->reg_kind];
	const char *heads[REG_COLS];
	for (int c = 0; c < REG_COLS; c++)
		heads[c] = col[c].head;
	draw_cells(top, heads, col, ui_attr(THEME_LABEL));
	top++;
	size_t h = bottom > top ? (size_t)(bottom - top) : 1;
	if (b->rsel >= b->nreg && b->nreg)
		b->rsel = b->nreg - 1;
	if (b->rsel < b->rtop)
		b->rtop = b->rsel;
	if (b->rsel >= b->rtop + h)
		b->rtop = b->rsel - h + 1;
	/* The selected row's last cell whole on the message line: a narrow
	 * screen cuts it in the list. */
	if (!b->msg[0] && b->rsel < b->nreg)
		browse_say(b, false, "%s", b->reg[b->rsel].cells[REG_COLS - 1]);
	for (int y = top; y < bottom; y++) {
		size_t i = b->rtop + (size_t)(y - top);
		if (i >= b->nreg)
			break;
		draw_cells(y, (const char *const *)b->reg[i].cells, col,
			   i == b->rsel ? ui_attr(THEME_SELECTED) : A_NORMAL);
	}
}
