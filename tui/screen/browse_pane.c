/* browse_pane: the home screen's reading pane, the selection as
 * published minutes read (a committee: its members). */
#include "tui/screen/browse_internal.h"

#include "tui/render/render.h"

#include <stdlib.h>
#include <string.h>

int browse_pane_x(void)
{
	int w = COLS * 2 / 5;
	return w > 48 ? 48 : w < 28 ? 28 : w;
}

static void committee_text(struct browse *b)
{
	if (b->csel >= b->nc) {
		buf_addstr(&b->pane, "This repository holds no meetings yet.\n\n"
			   "+ starts one: the committee's name and the date.\n");
		return;
	}
	struct committee *com = NULL;
	struct diags d;
	diags_init(&d);
	meeting_committee_by_slug(b->a, b->cs[b->csel].slug, &com, &d);
	buf_addf(&b->pane, "%s\n\n", b->cs[b->csel].name);
	if (com && com->members.n) {
		buf_addstr(&b->pane, "Members:\n");
		for (size_t i = 0; i < com->members.n; i++)
			buf_addf(&b->pane, "  %s%s%s\n", com->members.v[i].name,
				 com->members.v[i].role ? ", " : "",
				 com->members.v[i].role ? com->members.v[i].role : "");
	}
	if (d.n) {
		char *m = diag_format(&d.v[0]);
		buf_addf(&b->pane, "\nIts committee.yaml does not load:\n%s\n", m);
		free(m);
	}
	buf_addstr(&b->pane, "\nEnter lists its meetings, newest first.\n");
	committee_free(com);
	diags_free(&d);
}

/* An item: the pane opens at its heading. */
static void scroll_to_item(struct browse *b)
{
	struct browse_meeting *r = b->level == L_ITEMS ? browse_meeting_sel(b) : NULL;
	if (!r || !r->m || b->isel >= r->m->nitems)
		return;
	const struct minutes_item *it = r->m->items[b->isel];
	size_t nl = strlen(it->number);
	for (size_t i = 0; i < b->nlines; i++) {
		const char *l = b->pane.data + b->lines[i].start;
		size_t len = b->lines[i].end - b->lines[i].start;
		if (len > nl && !strncmp(l, it->number, nl) &&
		    (l[nl] == ' ' || l[nl] == '.') && strstr(l, it->title ? it->title : "")) {
			b->ptop = i;
			return;
		}
	}
}

void browse_pane_set(struct browse *b)
{
	buf_reset(&b->pane);
	if (b->level == L_HITS || b->level == L_REGISTER) {
		b->nlines = 0;
		b->pane_stale = false;
		return;
	}
	int width = COLS - browse_pane_x() - 3;
	if (width < 20)
		width = 20;
	if (b->level == L_COMMITTEES) {
		committee_text(b);
	} else {
		struct browse_meeting *r = browse_meeting_sel(b);
		if (!r)
			buf_addstr(&b->pane, "No meetings in this range.\n");
		else if (r->error)
			buf_addf(&b->pane, "%s\n\nThis meeting's minutes do not load:\n%s\n",
				 r->id, r->error);
		else
			render_text(r->m, r->ag, NULL, NULL, (unsigned)width, &b->pane);
	}
	size_t n = ui_wrap(b->pane.data, b->pane.len, width, NULL, 0);
	xgrow((void **)&b->lines, &b->lines_cap, n, sizeof(*b->lines));
	b->nlines = ui_wrap(b->pane.data, b->pane.len, width, b->lines, n);
	b->ptop = 0;
	b->pane_stale = false;
	scroll_to_item(b);
}
