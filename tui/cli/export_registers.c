/*
 * export_registers: a committee's registers as pages of the HTML export
 * (COMMITTEE/decisions.html, attendance.html, actions.html), from the
 * same register queries as gavel decisions, attendance and actions
 * (minutes/search/registers.h), linked from the committee's index.
 *
 * The registers are answered by the search index, which follows HEAD, so
 * the pages are written only when the export is of HEAD's commit (every
 * page names one revision).  Decisions and actions of exempt business are
 * left out, as the meeting pages leave them out, unless --include-exempt:
 * export.c records each exempt item as it writes the meeting's page.  An
 * update's note recorded in exempt business is left out too ("note
 * exempt"), the status it gives still shown.
 */
#include "tui/cli/cli.h"
#include "tui/cli/export.h"
#include "minutes/search/registers.h"
#include "minutes/format/slug.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[] = { "open", "in progress", "done", "dropped" };

void export_note_exempt(struct export *x, const char *id, const char *item)
{
	if (!x->exempt.len)
		buf_addch(&x->exempt, '\n');
	buf_addf(&x->exempt, "%s#%s\n", id, item ? item : "");
}

static bool exempt(const struct export *x, const char *id, const char *item)
{
	if (x->ro.include_exempt || !x->exempt.len)
		return false;
	struct buf k = BUF_INIT;
	buf_addf(&k, "\n%s#%s\n", id, item ? item : "");
	bool found = strstr(x->exempt.data, k.data) != NULL;
	buf_free(&k);
	return found;
}

/* The meeting's folder, as a register's page names it. */
static const char *folder_of(const char *id)
{
	const char *f = strchr(id, '/');
	return f ? f + 1 : id;
}

/* The meeting's page, beside the register's, or NULL for no link. */
static const char *meeting_href(struct buf *b, const char *id)
{
	const char *folder = strchr(id, '/');
	buf_reset(b);
	if (!folder || !slug_meeting_folder_valid(folder + 1, strlen(folder + 1)))
		return NULL;
	buf_addf(b, "%s.html", folder + 1);
	return b->data;
}

struct page {
	struct export *x;
	struct buf out, href, t[3];
	size_t rows;
};

static int decision_row(const struct reg_decision *d, void *ctx)
{
	struct page *p = ctx;
	if (exempt(p->x, d->meeting, d->item))
		return 0;
	buf_reset(&p->t[0]);
	if (d->minute)
		buf_addf(&p->t[0], "%u", d->minute);
	const char *cells[] = { folder_of(d->meeting), p->t[0].data ? p->t[0].data : "", d->item,
				d->title, d->text };
	render_html_table_row(&p->out, meeting_href(&p->href, d->meeting), cells, 5);
	p->rows++;
	return 0;
}

static int action_row(const struct reg_action *a, void *ctx)
{
	struct page *p = ctx;
	if (exempt(p->x, a->meeting, a->item))
		return 0;
	const char *id = strchr(a->ref, '/');
	buf_reset(&p->t[0]);
	buf_addstr(&p->t[0], state_names[a->state <= REG_DROPPED ? a->state : 0]);
	if (a->updated && a->note && a->note_exempt && !p->x->ro.include_exempt) {
		buf_addf(&p->t[0], " (%s: note exempt, not for publication)", folder_of(a->updated));
	} else if (a->updated) {
		buf_addf(&p->t[0], " (%s%s%s)", folder_of(a->updated), a->note ? ": " : "",
			 a->note ? a->note : "");
	} else if (a->done && a->state == REG_DONE) {
		buf_addf(&p->t[0], " (%s)", a->done);
	}
	const char *cells[] = { folder_of(a->meeting), a->item, id ? id + 1 : a->ref, a->owner,
				a->due, p->t[0].data, a->text };
	render_html_table_row(&p->out, meeting_href(&p->href, a->meeting), cells, 7);
	p->rows++;
	return 0;
}

static void att_head(void *ctx, size_t nmeetings, const char *since, const char *until)
{
	struct page *p = ctx;
	(void)since;
	(void)until;
	buf_addf(&p->t[1], "%zu meeting%s. Expected: the meetings since the first that "
		 "names the member.", nmeetings, nmeetings == 1 ? "" : "s");
}

static void att_row(void *ctx, const char *name, const size_t n[4])
{
	struct page *p = ctx;
	char num[4][24];
	for (int i = 0; i < 4; i++)
		snprintf(num[i], sizeof(num[i]), "%zu", n[i]);
	const char *cells[] = { name, num[0], num[1], num[2], num[3] };
	render_html_table_row(&p->t[2], NULL, cells, 5);
	p->rows++;
}

static void put(struct page *p, const char *slug, const char *file)
{
	struct buf rel = BUF_INIT;
	buf_addf(&rel, "%s/%s", slug, file);
	export_put(p->x, rel.data, p->out.data, p->out.len);
	buf_free(&rel);
	buf_reset(&p->out);
	p->rows = 0;
}

int export_registers(struct export *x, struct search *s, const char *slug,
		     const char *name, const struct html_nav *nav)
{
	struct page p = { .x = x, .out = BUF_INIT, .href = BUF_INIT };
	for (int i = 0; i < 3; i++)
		buf_init(&p.t[i]);
	struct buf h = BUF_INIT;
	struct diags d;
	diags_init(&d);
	int rc = 0;

	/* Decisions, newest first. */
	struct query q;
	char *committee = xstrdup(slug);
	memset(&q, 0, sizeof(q));
	q.committees = &committee;
	q.ncommittees = 1;
	static const char *const dh[] = { "Meeting", "Minute", "Item", "Title", "Decision" };
	buf_addf(&h, "Decisions: %s", name);
	render_html_table_begin(&p.out, h.data, "Every decision of the committee, newest "
				"first.", nav, dh, 5);
	size_t n;
	if (registers_decisions(s, &q, decision_row, &p, &n, &d) < 0)
		rc = -1;
	free(committee);
	render_html_table_end(&p.out, p.rows, "No decisions are recorded.", &x->origin);
	put(&p, slug, "decisions.html");

	/* Actions with their latest status. */
	struct reg_action_filter f = { .committee = slug };
	static const char *const ah[] = { "Meeting", "Item", "Action", "Owner", "Due",
					  "Status", "Text" };
	buf_reset(&h);
	buf_addf(&h, "Actions: %s", name);
	render_html_table_begin(&p.out, h.data, "Every action of the committee, newest "
				"first, with its latest status as later minutes report it.",
				nav, ah, 7);
	if (rc == 0 && registers_actions(s, &f, action_row, &p, &n, &d) < 0)
		rc = -1;
	render_html_table_end(&p.out, p.rows, "No actions are recorded.", &x->origin);
	put(&p, slug, "actions.html");

	/* Attendance of every meeting. */
	static const char *const th[] = { "Member", "Expected", "Attended", "Apologies",
					  "Absent" };
	struct cli_attendance_out o = { att_head, att_row, &p };
	if (rc == 0 && cli_attendance(x->a, s, slug, 0, &o) < 0)
		rc = -1;
	buf_reset(&h);
	buf_addf(&h, "Attendance: %s", name);
	render_html_table_begin(&p.out, h.data, p.t[1].data, nav, th, 5);
	if (p.t[2].len)
		buf_add(&p.out, p.t[2].data, p.t[2].len);
	render_html_table_end(&p.out, p.rows, "No attendance is recorded.", &x->origin);
	put(&p, slug, "attendance.html");

	if (rc < 0)
		cli_diags(&d, true);
	diags_free(&d);
	buf_free(&h);
	buf_free(&p.out);
	buf_free(&p.href);
	for (int i = 0; i < 3; i++)
		buf_free(&p.t[i]);
	return rc;
}
