/*
 * csv: the votes of the minutes as rows for a spreadsheet or a
 * transparency site (RFC 4180).  A vote's row has its counts and outcome
 * and no voter; each named voter of a recorded vote then has a row of its
 * own with the vote's name, no counts, and how they voted.
 */
#include "tui/render/data.h"

#include <stdio.h>
#include <string.h>

static void field(struct buf *out, const char *s, bool last)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		buf_addch(out, '"');
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				buf_addch(out, '"');
			buf_addch(out, *p);
		}
		buf_addch(out, '"');
	} else {
		buf_addstr(out, s);
	}
	buf_addstr(out, last ? "\r\n" : ",");
}

void render_csv_votes_header(struct buf *out)
{
	buf_addstr(out, "meeting,date,minute,item,title,vote,for,against,abstained,"
		   "outcome,voter,voted\r\n");
}

struct row {
	const char *id, *date, *item, *title;
	char minute[16];
};

static void start(struct buf *out, const struct row *r, const char *vote)
{
	field(out, r->id, false);
	field(out, r->date, false);
	field(out, r->minute, false);
	field(out, r->item, false);
	field(out, r->title, false);
	field(out, vote, false);
}

static void voters(struct buf *out, const struct row *r, const char *vote,
		   const struct names *l, const char *how)
{
	for (size_t i = 0; i < l->n; i++) {
		start(out, r, vote);
		buf_addstr(out, ",,,,");
		field(out, l->v[i], false);
		field(out, how, true);
	}
}

static void vote(struct buf *out, const struct row *r, const char *name, unsigned f,
		 unsigned a, unsigned ab, const struct recorded_vote *rec, enum outcome o)
{
	if (!f && !a && !ab && !minutes_recorded_any(rec))
		return;
	start(out, r, name);
	buf_addf(out, "%u,%u,%u,", f, a, ab);
	field(out, minutes_outcome_name(o), false);
	buf_addstr(out, ",\r\n");
	voters(out, r, name, &rec->voted_for, "for");
	voters(out, r, name, &rec->against, "against");
	voters(out, r, name, &rec->abstained, "abstained");
}

void render_csv_votes(const char *id, const struct minutes *m, struct buf *out)
{
	struct buf name = BUF_INIT;
	for (size_t i = 0; i < m->nitems; i++) {
		const struct minutes_item *it = m->items[i];
		if (it->exempt && *it->exempt)
			continue;
		struct row r = { id, m->date, it->number, it->title, "" };
		if (it->minute)
			snprintf(r.minute, sizeof(r.minute), "%u", it->minute);
		for (size_t j = 0; j < it->nmotions; j++) {
			const struct motion *mo = &it->motions[j];
			for (size_t k = 0; k < mo->namendments; k++) {
				const struct amendment *am = &mo->amendments[k];
				buf_reset(&name);
				buf_addf(&name, "motion %zu amendment %zu", j + 1, k + 1);
				vote(out, &r, name.data, am->votes.n_for, am->votes.n_against,
				     am->votes.n_abstained, &am->votes.recorded, am->outcome);
			}
			buf_reset(&name);
			buf_addf(&name, "motion %zu", j + 1);
			vote(out, &r, name.data, mo->votes.n_for, mo->votes.n_against,
			     mo->votes.n_abstained, &mo->votes.recorded, mo->outcome);
		}
		vote(out, &r, "decision", it->votes_for, it->votes_against, it->votes_abstained,
		     &it->recorded, OUTCOME_UNSAID);
	}
	buf_free(&name);
}
