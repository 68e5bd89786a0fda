/* pdf_doc: what the printed minutes say, paragraph by paragraph (see
 * pdf_doc.h); the words are those of the text form (tui/render). */
#include "tui/print/pdf_doc.h"

#include <stdlib.h>
#include <string.h>

static bool has(const char *s)
{
	return s && *s;
}

static void add(struct pdf_doc *doc, enum pdf_style st, const char *text)
{
	xgrow((void **)&doc->v, &doc->cap, doc->n + 1, sizeof(*doc->v));
	doc->v[doc->n].style = st;
	/* A summary's closing line break is the paragraph's own. */
	size_t len = text ? strlen(text) : 0;
	while (len && text[len - 1] == '\n')
		len--;
	doc->v[doc->n].text = xstrndup(text ? text : "", len);
	doc->n++;
}

/* Adds the buffer's text as a block and empties the buffer. */
static void take(struct pdf_doc *doc, enum pdf_style st, struct buf *b)
{
	add(doc, st, b->data ? b->data : "");
	buf_reset(b);
}

/* "Name (Role), substitute for X, arrived 18:25 during item 3" */
static void person(struct buf *b, const struct person *p)
{
	render_person(b, p);
	if (has(p->substitute_for))
		buf_addf(b, ", substitute for %s", p->substitute_for);
	if (p->arrived[0])
		buf_addf(b, ", arrived %s", p->arrived);
	if (has(p->arrived_during))
		buf_addf(b, " during item %s", p->arrived_during);
	if (p->left[0])
		buf_addf(b, ", left %s", p->left);
	if (has(p->left_during))
		buf_addf(b, " during item %s", p->left_during);
}

static void people(struct pdf_doc *doc, const char *label, const struct people *l)
{
	if (!l->n)
		return;
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s: ", label);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addstr(&b, "; ");
		person(&b, &l->v[i]);
	}
	take(doc, PDF_BODY, &b);
	buf_free(&b);
}

static void names(struct buf *b, const char *label, const struct names *l)
{
	if (!l->n)
		return;
	buf_addf(b, " %s: ", label);
	for (size_t i = 0; i < l->n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", l->v[i]);
	buf_addch(b, '.');
}

/* "Votes: 6 for, 3 against, 0 abstained. For: A, B. Against: C." */
static bool votes(struct buf *b, unsigned f, unsigned a, unsigned ab,
		  const struct recorded_vote *r)
{
	bool named = minutes_recorded_any(r);
	if (!f && !a && !ab && !named)
		return false;
	buf_addf(b, "Votes: %u for, %u against, %u abstained.", f, a, ab);
	if (named) {
		buf_addstr(b, " Recorded vote.");
		names(b, "For", &r->voted_for);
		names(b, "Against", &r->against);
		names(b, "Abstained", &r->abstained);
	}
	return true;
}

static void proposal(struct buf *b, const char *kind, const char *text, const char *mover,
		     const char *seconder, const struct votes *v, enum outcome o)
{
	buf_addf(b, "%s: %s", kind, has(text) ? text : "(no text)");
	if (has(mover))
		buf_addf(b, " Moved by %s", mover);
	if (has(seconder))
		buf_addf(b, "%s seconded by %s", has(mover) ? "," : " Seconded", seconder);
	if (has(mover) || has(seconder))
		buf_addch(b, '.');
	buf_addch(b, ' ');
	votes(b, v->n_for, v->n_against, v->n_abstained, &v->recorded);
	if (minutes_outcome_name(o))
		buf_addf(b, " Outcome: %s.", minutes_outcome_name(o));
}

static void item(struct pdf_doc *doc, const struct minutes *m, const struct minutes_item *it)
{
	struct buf b = BUF_INIT;
	render_item_heading(&b, m, it);
	take(doc, PDF_HEADING, &b);
	if (render_item_times(&b, m, it))
		take(doc, PDF_BODY, &b);
	if (render_item_fate(&b, it))
		take(doc, PDF_BODY, &b);
	if (has(it->exempt)) {
		/* FORMAT.md: public outputs print number, title and reason only. */
		buf_addf(&b, "Exempt item: minute not for publication (%s).", it->exempt);
		take(doc, PDF_BODY, &b);
		buf_free(&b);
		return;
	}
	if (it->presenters.n || has(it->summary) || it->ncomments) {
		add(doc, PDF_LABEL, "Minutes:");
		if (it->presenters.n) {
			render_introduced(&b, &it->presenters);
			take(doc, PDF_BODY, &b);
		}
		if (has(it->summary))
			add(doc, PDF_BODY, it->summary);
		if (it->ncomments) {
			add(doc, PDF_LABEL, "The following comments were made:");
			for (size_t i = 0; i < it->ncomments; i++) {
				const struct comment *c = &it->comments[i];
				if (has(c->by))
					buf_addf(&b, "%s: ", c->by);
				buf_addstr(&b, has(c->text) ? c->text : "");
				take(doc, PDF_BULLET, &b);
			}
		}
	}
	if (has(it->confirmed_meeting)) {
		buf_addf(&b, "The minutes of %s were confirmed as a correct record.",
			 it->confirmed_meeting);
		take(doc, PDF_BODY, &b);
	}
	if (it->nupdates) {
		add(doc, PDF_LABEL, "Progress of earlier actions:");
		for (size_t i = 0; i < it->nupdates; i++) {
			const struct action_update *u = &it->updates[i];
			buf_addf(&b, "%s: %s.", has(u->action) ? u->action : "(no id)",
				 minutes_update_status_name(u->status));
			if (has(u->note))
				buf_addf(&b, " %s", u->note);
			take(doc, PDF_BULLET, &b);
		}
	}
	if (it->nmotions) {
		add(doc, PDF_LABEL, "Motions:");
		for (size_t i = 0; i < it->nmotions; i++) {
			const struct motion *mo = &it->motions[i];
			for (size_t j = 0; j < mo->namendments; j++) {
				const struct amendment *am = &mo->amendments[j];
				proposal(&b, "Amendment", am->text, am->mover, am->seconder,
					 &am->votes, am->outcome);
				take(doc, PDF_BULLET, &b);
			}
			proposal(&b, "Motion", mo->text, mo->mover, mo->seconder, &mo->votes,
				 mo->outcome);
			take(doc, PDF_BULLET, &b);
		}
	}
	if (has(it->decision)) {
		add(doc, PDF_LABEL, "Decision:");
		add(doc, PDF_BODY, it->decision);
	}
	if (votes(&b, it->votes_for, it->votes_against, it->votes_abstained, &it->recorded))
		take(doc, PDF_BODY, &b);
	if (it->nactions) {
		add(doc, PDF_LABEL, "Actions:");
		for (size_t i = 0; i < it->nactions; i++) {
			if (has(it->actions[i].id))
				buf_addf(&b, "[%s] ", it->actions[i].id);
			render_action(&b, &it->actions[i]);
			take(doc, PDF_BULLET, &b);
		}
	}
	if (it->documents.n) {
		add(doc, PDF_LABEL, "Supporting documents:");
		for (size_t i = 0; i < it->documents.n; i++) {
			const struct document *d = &it->documents.v[i];
			buf_addstr(&b, has(d->title) ? d->title : "(untitled)");
			if (has(d->ref))
				buf_addf(&b, " (%s)", d->ref);
			take(doc, PDF_BULLET, &b);
		}
	}
	buf_free(&b);
}

/* Draft minutes end with the lines the chair signs; confirmed ones say
 * who signed them and when. */
static void signature(struct pdf_doc *doc, const struct minutes *m)
{
	struct buf b = BUF_INIT;
	if (m->status == MINUTES_CONFIRMED) {
		buf_addstr(&b, "Confirmed as a correct record");
		if (m->confirmed_date[0]) {
			buf_addstr(&b, " on ");
			render_short_date(&b, m->confirmed_date);
		}
		if (has(m->confirmed_by))
			buf_addf(&b, ", signed by %s", m->confirmed_by);
		buf_addch(&b, '.');
	} else {
		buf_addstr(&b, "Signed .............................. Chair"
			   "      Date ...................");
	}
	take(doc, PDF_SIGN, &b);
	buf_free(&b);
}

void pdf_doc_build(struct pdf_doc *doc, const struct minutes *m, const struct agenda *ag,
		   const struct render_origin *origin)
{
	struct buf b = BUF_INIT;
	memset(doc, 0, sizeof(*doc));
	const char *committee = has(m->committee) ? m->committee : "(no committee)";

	buf_addf(&b, "%s: minutes of ", committee);
	render_short_date(&b, m->date);
	doc->title = buf_detach(&b, NULL);
	buf_addf(&b, "%s \xe2\x80\x94 ", committee);
	render_date(&b, m->date);
	doc->running = buf_detach(&b, NULL);
	buf_addstr(&b, m->status == MINUTES_CONFIRMED ? "Confirmed minutes" : "Draft minutes");
	if (origin)
		buf_addf(&b, ", revision %.7s", origin->rev);
	doc->footer = buf_detach(&b, NULL);
	doc->date = xstrdup(origin ? origin->date : "");

	add(doc, PDF_TITLE, committee);
	render_held(&b, m);
	take(doc, PDF_SUBTITLE, &b);
	if (has(m->venue)) {
		buf_addf(&b, "Venue: %s", m->venue);
		take(doc, PDF_BODY, &b);
	}
	if (ag && has(ag->chair)) {
		buf_addf(&b, "Chair: %s", ag->chair);
		take(doc, PDF_BODY, &b);
	}
	render_status(&b, m);
	take(doc, PDF_BODY, &b);
	if (m->present.n || m->apologies.n || m->in_attendance.n || m->absent.n)
		add(doc, PDF_LABEL, "Attendance");
	people(doc, "Present", &m->present);
	people(doc, "Apologies", &m->apologies);
	people(doc, "Absent", &m->absent);
	people(doc, "In attendance", &m->in_attendance);
	if (m->ndeclarations) {
		add(doc, PDF_LABEL, "Declarations of interest:");
		for (size_t i = 0; i < m->ndeclarations; i++) {
			const struct declaration *d = &m->declarations[i];
			render_declaration(&b, m, d);
			take(doc, PDF_BULLET, &b);
		}
	}
	for (size_t i = 0; i < m->nitems; i++)
		item(doc, m, m->items[i]);
	signature(doc, m);
	if (origin) {
		render_provenance(m, origin, &b);
		take(doc, PDF_SMALL, &b);
	}
	buf_free(&b);
}

void pdf_doc_free(struct pdf_doc *doc)
{
	for (size_t i = 0; i < doc->n; i++)
		free(doc->v[i].text);
	free(doc->v);
	free(doc->title);
	free(doc->running);
	free(doc->footer);
	free(doc->date);
	memset(doc, 0, sizeof(*doc));
}
