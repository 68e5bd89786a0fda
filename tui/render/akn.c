/*
 * akn: minutes as an Akoma Ntoso 3.0 debate (OASIS LegalDocML), the XML
 * parliaments and their tools exchange.  People are named once, as
 * TLCPerson entries in meta/references (eId person_N), and referred to
 * from speeches (by="#person_N") and the roll call; votes are counted in
 * meta/analysis/parliamentary, each voting pointing at its item's
 * section.  Every text goes through xml(); ids are made by gavel, never
 * from the data.
 */
#include "tui/render/data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AKN_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

static bool has(const char *s)
{
	return s && *s;
}

/* XML's escaping is HTML's: &#39; is a character reference in both. */
static void xml(struct buf *out, const char *s)
{
	render_html_escape(out, s);
}

/* The people of the minutes, each once, in order of first mention. */
struct roster {
	const char **v;
	size_t n, cap;
};

static size_t person_id(struct roster *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i], name))
			return i + 1;
	xgrow((void **)&r->v, &r->cap, r->n + 1, sizeof(*r->v));
	r->v[r->n++] = name;
	return r->n;
}

static void note_people(struct roster *r, const struct people *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (has(l->v[i].name))
			person_id(r, l->v[i].name);
}

static void note_names(struct roster *r, const struct recorded_vote *v)
{
	const struct names *lists[] = { &v->voted_for, &v->against, &v->abstained };
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < lists[k]->n; i++)
			if (has(lists[k]->v[i]))
				person_id(r, lists[k]->v[i]);
}

static void note_all(struct roster *r, const struct minutes *m)
{
	note_people(r, &m->present);
	note_people(r, &m->apologies);
	note_people(r, &m->absent);
	note_people(r, &m->in_attendance);
	for (size_t i = 0; i < m->nitems; i++) {
		const struct minutes_item *it = m->items[i];
		if (has(it->exempt))
			continue;
		note_people(r, &it->presenters);
		for (size_t j = 0; j < it->ncomments; j++)
			if (has(it->comments[j].by))
				person_id(r, it->comments[j].by);
		for (size_t j = 0; j < it->nmotions; j++) {
			const struct motion *mo = &it->motions[j];
			if (has(mo->mover))
				person_id(r, mo->mover);
			if (has(mo->seconder))
				person_id(r, mo->seconder);
			note_names(r, &mo->votes.recorded);
			for (size_t k = 0; k < mo->namendments; k++)
				note_names(r, &mo->amendments[k].votes.recorded);
		}
		note_names(r, &it->recorded);
	}
}

/* <person refersTo="#person_N">Name</person> */
static void person_ref(struct buf *out, struct roster *r, const char *name)
{
	buf_addf(out, "<person refersTo=\"#person_%zu\">", person_id(r, name));
	xml(out, name);
	buf_addstr(out, "</person>");
}

static void people_p(struct buf *out, struct roster *r, const char *label,
		     const struct people *l)
{
	if (!l->n)
		return;
	buf_addstr(out, "        <p>");
	xml(out, label);
	buf_addstr(out, ": ");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addstr(out, ", ");
		if (has(l->v[i].name))
			person_ref(out, r, l->v[i].name);
		if (has(l->v[i].role)) {
			buf_addstr(out, " (");
			xml(out, l->v[i].role);
			buf_addch(out, ')');
		}
	}
	buf_addstr(out, "</p>\n");
}

/* A paragraph a line of the text. */
static void paras(struct buf *out, const char *indent, const char *text)
{
	const char *p = text ? text : "";
	do {
		size_t n = strcspn(p, "\n");
		if (n || !*p) {
			char *line = xstrndup(p, n);
			buf_addf(out, "%s<p>", indent);
			xml(out, line);
			buf_addstr(out, "</p>\n");
			free(line);
		}
		p += n;
		if (*p)
			p++;
	} while (*p);
}

struct votes_list {
	struct buf b;           /* the <voting> elements, for analysis */
	size_t n;
};

static void voting(struct votes_list *vl, size_t section, const char *what, unsigned f,
		   unsigned a, unsigned ab, bool recorded, enum outcome o)
{
	if (!f && !a && !ab && !recorded)
		return;
	size_t k = ++vl->n;
	buf_addf(&vl->b, "        <voting eId=\"vote_%zu\" href=\"#dbsect_%zu\" refersTo=\"#%s\"", k,
		 section, what);
	if (minutes_outcome_name(o))
		buf_addf(&vl->b, " outcome=\"#%s\"", minutes_outcome_name(o));
	buf_addstr(&vl->b, ">\n");
	buf_addf(&vl->b, "          <count eId=\"vote_%zu__for\" value=\"%u\" refersTo=\"#for\"/>\n"
		 "          <count eId=\"vote_%zu__against\" value=\"%u\" refersTo=\"#against\"/>\n"
		 "          <count eId=\"vote_%zu__abstained\" value=\"%u\" refersTo=\"#abstained\"/>\n",
		 k, f, k, a, k, ab);
	buf_addstr(&vl->b, "        </voting>\n");
}

static void recorded_p(struct buf *out, struct roster *r, const struct recorded_vote *v)
{
	if (!minutes_recorded_any(v))
		return;
	const struct names *lists[] = { &v->voted_for, &v->against, &v->abstained };
	static const char *const label[] = { "For", "Against", "Abstained" };
	buf_addstr(out, "          <narrative>\n");
	for (size_t k = 0; k < 3; k++) {
		if (!lists[k]->n)
			continue;
		buf_addf(out, "            <p>Recorded vote, %s: ", label[k]);
		for (size_t i = 0; i < lists[k]->n; i++) {
			if (i)
				buf_addstr(out, ", ");
			person_ref(out, r, lists[k]->v[i]);
		}
		buf_addstr(out, "</p>\n");
	}
	buf_addstr(out, "          </narrative>\n");
}

static void motion_section(struct buf *out, struct roster *r, struct votes_list *vl,
			   size_t *sect, const char *name, const char *text, const char *mover,
			   const char *seconder, const struct votes *v, enum outcome o)
{
	size_t s = ++*sect;
	buf_addf(out, "        <debateSection eId=\"dbsect_%zu\" name=\"%s\">\n", s, name);
	buf_addf(out, "          <heading>%s</heading>\n", !strcmp(name, "motion") ? "Motion"
		 : "Amendment");
	buf_addstr(out, "          <narrative>\n");
	paras(out, "            ", text);
	if (has(mover) || has(seconder)) {
		buf_addstr(out, "            <p>");
		if (has(mover)) {
			buf_addstr(out, "Moved by ");
			person_ref(out, r, mover);
		}
		if (has(seconder)) {
			buf_addstr(out, has(mover) ? ", seconded by " : "Seconded by ");
			person_ref(out, r, seconder);
		}
		buf_addstr(out, ".</p>\n");
	}
	buf_addstr(out, "          </narrative>\n");
	recorded_p(out, r, &v->recorded);
	buf_addstr(out, "        </debateSection>\n");
	voting(vl, s, name, v->n_for, v->n_against, v->n_abstained,
	       minutes_recorded_any(&v->recorded), o);
}

static void item_section(struct buf *out, struct roster *r, struct votes_list *vl,
			 size_t *sect, const struct minutes *m, const struct minutes_item *it,
			 struct buf *att, size_t *natt)
{
	size_t s = ++*sect;
	buf_addf(out, "      <debateSection eId=\"dbsect_%zu\" name=\"item\">\n", s);
	if (has(it->number)) {
		buf_addstr(out, "        <num>");
		xml(out, it->number);
		buf_addstr(out, "</num>\n");
	}
	buf_addstr(out, "        <heading>");
	xml(out, has(it->title) ? it->title : "(untitled)");
	buf_addstr(out, "</heading>\n");
	if (it->minute)
		buf_addf(out, "        <subheading>Minute %u</subheading>\n", it->minute);
	struct buf b = BUF_INIT;
	render_item_fate(&b, m, it);
	if (has(it->exempt)) {
		if (b.len)
			buf_addch(&b, '\n');
		buf_addf(&b, "Exempt item: minute not for publication (%s).", it->exempt);
	}
	if (b.len) {
		buf_addstr(out, "        <narrative>\n");
		paras(out, "          ", b.data);
		buf_addstr(out, "        </narrative>\n");
	}
	buf_free(&b);
	if (has(it->exempt)) {
		buf_addstr(out, "      </debateSection>\n");
		return;
	}
	if (it->presenters.n) {
		buf_addstr(out, "        <narrative>\n");
		people_p(out, r, "Presented by", &it->presenters);
		buf_addstr(out, "        </narrative>\n");
	}
	if (has(it->summary)) {
		buf_addstr(out, "        <summary>\n");
		paras(out, "          ", it->summary);
		buf_addstr(out, "        </summary>\n");
	}
	for (size_t i = 0; i < it->ncomments; i++) {
		const struct comment *c = &it->comments[i];
		if (has(c->by)) {
			buf_addf(out, "        <speech by=\"#person_%zu\">\n          <from>",
				 person_id(r, c->by));
			xml(out, c->by);
			buf_addstr(out, "</from>\n");
			paras(out, "          ", c->text);
			buf_addstr(out, "        </speech>\n");
		} else {
			buf_addstr(out, "        <narrative>\n");
			paras(out, "          ", c->text);
			buf_addstr(out, "        </narrative>\n");
		}
	}
	for (size_t i = 0; i < it->nmotions; i++) {
		const struct motion *mo = &it->motions[i];
		for (size_t k = 0; k < mo->namendments; k++) {
			const struct amendment *am = &mo->amendments[k];
			motion_section(out, r, vl, sect, "amendment", am->text, am->mover,
				       am->seconder, &am->votes, am->outcome);
		}
		motion_section(out, r, vl, sect, "motion", mo->text, mo->mover, mo->seconder,
			       &mo->votes, mo->outcome);
	}
	bool votes = it->votes_for || it->votes_against || it->votes_abstained ||
		     minutes_recorded_any(&it->recorded);
	/* Carried with no decision typed: the motion is the decision, as the
	 * other forms print it ("RESOLVED: that ..."). */
	struct buf resolved = BUF_INIT;
	for (size_t i = 0; i < it->nmotions; i++)
		if (minutes_motion_decides(it, &it->motions[i])) {
			if (resolved.len)
				buf_addstr(&resolved, "\n\n");
			minutes_motion_resolution(&resolved, &it->motions[i]);
		}
	if (has(it->decision) || votes || resolved.len) {
		size_t d = ++*sect;
		buf_addf(out, "        <debateSection eId=\"dbsect_%zu\" name=\"decision\">\n"
			 "          <heading>Decision</heading>\n", d);
		if (resolved.len) {
			buf_addstr(out, "          <narrative>\n");
			paras(out, "            ", resolved.data);
			buf_addstr(out, "          </narrative>\n");
		}
		if (has(it->decision)) {
			buf_addstr(out, "          <narrative>\n");
			paras(out, "            ", it->decision);
			buf_addstr(out, "          </narrative>\n");
		}
		if (votes) {
			struct buf v = BUF_INIT;
			buf_addf(&v, "Votes: %u for, %u against, %u abstained.", it->votes_for,
				 it->votes_against, it->votes_abstained);
			buf_addstr(out, "          <narrative>\n");
			paras(out, "            ", v.data);
			buf_addstr(out, "          </narrative>\n");
			buf_free(&v);
		}
		recorded_p(out, r, &it->recorded);
		buf_addstr(out, "        </debateSection>\n");
		voting(vl, d, "decision", it->votes_for, it->votes_against, it->votes_abstained,
		       minutes_recorded_any(&it->recorded), OUTCOME_UNSAID);
	}
	buf_free(&resolved);
	if (it->nactions) {
		buf_addstr(out, "        <narrative>\n");
		for (size_t i = 0; i < it->nactions; i++) {
			struct buf a = BUF_INIT;
			buf_addstr(&a, "Action: ");
			render_action(&a, &it->actions[i]);
			paras(out, "          ", a.data);
			buf_free(&a);
		}
		buf_addstr(out, "        </narrative>\n");
	}
	for (size_t i = 0; i < it->documents.n; i++) {
		const struct document *doc = &it->documents.v[i];
		size_t k = ++*natt;
		buf_addf(att, "    <attachment eId=\"att_%zu\">\n      <documentRef eId=\"att_%zu__ref\" href=\"",
			 k, k);
		if (render_ref_url(doc->ref) || render_ref_path(doc->ref)) {
			struct buf u = BUF_INIT;
			render_url_encode(&u, doc->ref);
			xml(att, u.data);
			buf_free(&u);
		} else {
			buf_addf(att, "#dbsect_%zu", s);
		}
		buf_addstr(att, "\" showAs=\"");
		xml(att, has(doc->title) ? doc->title : "(untitled)");
		buf_addstr(att, "\"/>\n    </attachment>\n");
	}
	buf_addstr(out, "      </debateSection>\n");
}

static void frbr(struct buf *out, const char *level, const char *uri, const char *this,
		 const char *date, const char *date_name, const char *author, const char *tail)
{
	buf_addf(out, "        <%s>\n          <FRBRthis value=\"", level);
	xml(out, this);
	buf_addstr(out, "\"/>\n          <FRBRuri value=\"");
	xml(out, uri);
	buf_addf(out, "\"/>\n          <FRBRdate date=\"%s\" name=\"%s\"/>\n"
		 "          <FRBRauthor href=\"#%s\"/>\n%s        </%s>\n", date, date_name, author,
		 tail, level);
}

bool render_akn_country_valid(const char *country)
{
	return country && country[0] >= 'a' && country[0] <= 'z' && country[1] >= 'a' &&
	       country[1] <= 'z' && !country[2];
}

void render_akn(const char *id, const struct minutes *m, const struct agenda *ag,
		const struct render_origin *origin, const char *country, struct buf *out)
{
	if (!render_akn_country_valid(country))
		country = "gb";
	struct roster r = { 0 };
	struct votes_list vl = { BUF_INIT, 0 };
	struct buf body = BUF_INIT, att = BUF_INIT, b = BUF_INIT, b2 = BUF_INIT;
	size_t sect = 0, natt = 0;
	char rev_date[11] = "";
	if (origin)
		snprintf(rev_date, sizeof(rev_date), "%.10s", origin->date);
	if (!rev_date[0])
		snprintf(rev_date, sizeof(rev_date), "%s", m->date);
	const char *chair = ag && has(ag->chair) ? ag->chair : NULL;

	note_all(&r, m);
	if (chair)
		person_id(&r, chair);

	/* The body first: it numbers the people and the votes. */
	if (m->present.n || m->apologies.n || m->absent.n || m->in_attendance.n || chair) {
		buf_addstr(&body, "      <rollCall eId=\"rollcall\" name=\"attendance\">\n"
			   "        <heading>Attendance</heading>\n        <summary>\n");
		if (chair) {
			buf_addstr(&body, "        <p>Chair: ");
			person_ref(&body, &r, chair);
			buf_addstr(&body, "</p>\n");
		}
		people_p(&body, &r, "Present", &m->present);
		people_p(&body, &r, "Apologies", &m->apologies);
		people_p(&body, &r, "Absent", &m->absent);
		people_p(&body, &r, "In attendance", &m->in_attendance);
		buf_addstr(&body, "        </summary>\n      </rollCall>\n");
	}
	if (m->ndeclarations) {
		buf_addf(&body, "      <debateSection eId=\"dbsect_%zu\" name=\"declarations\">\n"
			 "        <heading>Declarations of interest</heading>\n        <narrative>\n",
			 ++sect);
		for (size_t i = 0; i < m->ndeclarations; i++) {
			buf_reset(&b);
			render_declaration(&b, m, &m->declarations[i]);
			paras(&body, "          ", b.data);
		}
		buf_addstr(&body, "        </narrative>\n      </debateSection>\n");
	}
	for (size_t i = 0; i < m->nitems; i++)
		item_section(&body, &r, &vl, &sect, m, m->items[i], &att, &natt);
	if (!m->nitems && !body.len)
		buf_addstr(&body, "      <debateSection eId=\"dbsect_0\" name=\"business\">\n"
			   "        <narrative>\n          <p>No business was minuted.</p>\n"
			   "        </narrative>\n      </debateSection>\n");

	const char *committee = has(m->committee) ? m->committee : "(no committee)";
	buf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<akomaNtoso xmlns=\"" AKN_NS "\">\n  <debate name=\"minutes\">\n    <meta>\n"
		   "      <identification source=\"#gavel\">\n");
	buf_reset(&b);
	buf_addf(&b, "/akn/%s/debate/", country);
	render_url_encode(&b, id);
	buf_reset(&b2);
	buf_addf(&b2, "%s/!main", b.data);
	struct buf cc = BUF_INIT;
	buf_addf(&cc, "          <FRBRcountry value=\"%s\"/>\n", country);
	frbr(out, "FRBRWork", b.data, b2.data, m->date, "meeting", "committee", cc.data);
	buf_free(&cc);
	buf_addf(&b, "/eng@%s", rev_date);
	buf_reset(&b2);
	buf_addf(&b2, "%s/!main", b.data);
	frbr(out, "FRBRExpression", b.data, b2.data, rev_date, "revision", "clerk",
	     "          <FRBRlanguage language=\"eng\"/>\n");
	buf_addstr(&b, ".akn");
	buf_reset(&b2);
	buf_addf(&b2, "%.*s/!main.xml", (int)(b.len - 4), b.data);
	frbr(out, "FRBRManifestation", b.data, b2.data, rev_date, "export", "gavel", "");
	buf_addstr(out, "      </identification>\n");
	if (vl.n) {
		buf_addstr(out, "      <analysis source=\"#gavel\">\n        <parliamentary>\n");
		buf_add(out, vl.b.data, vl.b.len);
		buf_addstr(out, "        </parliamentary>\n      </analysis>\n");
	}
	buf_addstr(out, "      <references source=\"#gavel\">\n"
		   "        <TLCOrganization eId=\"committee\" href=\"/ontology/organization/");
	buf_reset(&b);
	buf_add(&b, id, strcspn(id, "/"));
	render_url_encode(out, b.data);
	buf_addstr(out, "\" showAs=\"");
	xml(out, committee);
	buf_addstr(out, "\"/>\n        <TLCOrganization eId=\"gavel\" href=\"/ontology/organization/gavel\" "
		   "showAs=\"gavel " GAVEL_VERSION "\"/>\n"
		   "        <TLCRole eId=\"clerk\" href=\"/ontology/role/clerk\" showAs=\"Clerk\"/>\n");
	for (size_t i = 0; i < r.n; i++) {
		buf_addf(out, "        <TLCPerson eId=\"person_%zu\" href=\"/ontology/person/", i + 1);
		buf_reset(&b);
		render_url_encode(&b, r.v[i]);
		xml(out, b.data);
		buf_addstr(out, "\" showAs=\"");
		xml(out, r.v[i]);
		buf_addstr(out, "\"/>\n");
	}
	static const char *const concepts[] = { "for", "against", "abstained", "carried", "lost",
						"withdrawn", "decision", "motion", "amendment" };
	for (size_t i = 0; i < sizeof(concepts) / sizeof(*concepts); i++)
		buf_addf(out, "        <TLCConcept eId=\"%s\" href=\"/ontology/concept/vote/%s\" "
			 "showAs=\"%s\"/>\n", concepts[i], concepts[i], concepts[i]);
	buf_addstr(out, "      </references>\n    </meta>\n    <preface>\n      <p><docTitle>");
	xml(out, committee);
	buf_addstr(out, "</docTitle></p>\n      <p>");
	buf_reset(&b);
	render_held(&b, m);
	xml(out, b.data);
	buf_addf(out, " (<docDate date=\"%s\">", m->date);
	buf_reset(&b);
	render_short_date(&b, m->date);
	xml(out, b.data);
	buf_addstr(out, "</docDate>)</p>\n");
	if (has(m->venue)) {
		buf_addstr(out, "      <p>Venue: ");
		xml(out, m->venue);
		buf_addstr(out, "</p>\n");
	}
	buf_addstr(out, "      <p>");
	buf_reset(&b);
	render_status(&b, m);
	xml(out, b.data);
	buf_addstr(out, "</p>\n    </preface>\n    <debateBody>\n");
	buf_add(out, body.data, body.len);
	buf_addstr(out, "    </debateBody>\n");
	if (origin) {
		buf_addstr(out, "    <conclusions>\n      <p>");
		buf_reset(&b);
		render_provenance(m, origin, &b);
		xml(out, b.data);
		buf_addstr(out, "</p>\n    </conclusions>\n");
	}
	if (natt) {
		buf_addstr(out, "    <attachments>\n");
		buf_add(out, att.data, att.len);
		buf_addstr(out, "    </attachments>\n");
	}
	buf_addstr(out, "  </debate>\n</akomaNtoso>\n");
	free(r.v);
	buf_free(&vl.b);
	buf_free(&body);
	buf_free(&att);
	buf_free(&b);
	buf_free(&b2);
}
