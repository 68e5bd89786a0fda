/*
 * bench/gen: a synthetic minutes repository, as a `git fast-import` stream.
 *
 *   bench/gen [--verify] [--confirm] N M [SEED] | git -C REPO fast-import --quiet
 *
 * N meetings spread over 30 committees, each with agenda.yaml and
 * minutes.yaml (and each committee with committee.yaml, the root with the
 * `.gavel` marker), then M commits that each change one meeting's minutes
 * (a comment added or a decision reworded), as a clerk would.  Half the
 * meetings give their actions ids (format 2), and the committee's next
 * meeting records their progress as action_updates (half done, a fifth
 * in progress with a note, a tenth dropped, the rest left open), so the
 * actions register has real work; they come from a random stream of
 * their own, the rest of each meeting as before.  Every file
 * is built in gavel's models and written by gavel's own writers, so the
 * bytes are exactly FORMAT.md's written form.  The output depends only on
 * N, M and SEED.  With --verify each file is also loaded back and written
 * again, and gen stops if the bytes differ or the file does not load.
 *
 * With --confirm each meeting's minutes are confirmed in the commit after
 * the one that adds them, as gavel confirm does: status confirmed, the
 * confirmed block, and an annotated tag confirmed/<meeting> whose message
 * records the blob id; the M edits are then corrections, each with its
 * `Correction:` trailer.
 *
 * Commits go to refs/heads/main, one for the committees, one per meeting
 * in date order, then the M edits, all by one fixed author at increasing
 * times.  Each meeting (and each edit of it) is generated from its own
 * seed, so an edit commit rebuilds the meeting rather than keeping 10,000
 * of them in memory.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agenda/agenda.h"
#include "minutes/git/archive.h"
#include "minutes/base/buf.h"
#include "agenda/committee.h"
#include "minutes/model/yamlfile.h"
#include "minutes/model/minutes.h"
#include "minutes/model/action_id.h"
#include "minutes/format/slug.h"

#define NCOMMITTEES 30
#define AUTHOR "Bench Clerk <clerk@bench.invalid>"
#define EPOCH_2010 1262304000LL     /* 2010-01-01T00:00:00Z */

/* ---- deterministic randomness (splitmix64) ---- */

struct rng {
	uint64_t s;
};

static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t a, uint64_t b, uint64_t c)
{
	r->s = mix(a + 0x9e3779b97f4a7c15ULL * (b + 1)) ^ mix(c * 0xd1b54a32d192ed03ULL + 7);
}

static uint64_t rng_next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix(r->s);
}

/* A number from lo to hi, both included. */
static unsigned rng_range(struct rng *r, unsigned lo, unsigned hi)
{
	return lo + (unsigned)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability pct in 100. */
static bool rng_pct(struct rng *r, unsigned pct)
{
	return rng_next(r) % 100 < pct;
}

#define PICK(r, arr) ((arr)[rng_next(r) % (sizeof(arr) / sizeof((arr)[0]))])

/* ---- the words ---- */

static const char *const committee_names[NCOMMITTEES] = {
	"Communities Board", "Planning Committee", "Licensing Committee",
	"Audit and Governance Committee", "Cabinet", "Overview and Scrutiny Committee",
	"Health and Wellbeing Board", "Children's Services Scrutiny Panel",
	"Adult Social Care Scrutiny Committee", "Pensions Committee",
	"Standards Committee", "Housing Scrutiny Panel",
	"Environment and Transport Committee", "Corporate Parenting Board",
	"Strategic Planning Committee", "Employment Committee",
	"Finance and Resources Committee", "Economic Development Committee",
	"Schools Forum", "Police and Crime Panel", "Regulatory Committee",
	"Highways Joint Committee", "Culture, Leisure and Tourism Committee",
	"Climate Emergency Working Group", "Appeals Panel",
	"Area Planning Committee (North)", "Area Planning Committee (South)",
	"Health Scrutiny Committee", "Community Safety Partnership",
	"Café Quarter Regeneration Board",
};

static const char *const first_names[] = {
	"Zoë", "José", "Siân", "Aoife", "Rhodri", "Priya", "Mohammed", "Bartłomiej",
	"Chloé", "Nnamdi", "Ffion", "Seán", "Gráinne", "Joaquín", "Renée", "Alex",
	"Sam", "Margaret", "David", "Helen", "Tom", "Sarah", "Imran", "Kwame",
	"Olu", "Jo", "Peter", "Penny", "Anjali", "Dafydd", "Łucja", "Bríd",
	"Hamish", "Eilidh", "Tomás", "Noémie", "Gareth", "Fatima", "Kieran", "Ruth",
};

static const char *const surnames[] = {
	"Ní Bhriain", "Álvarez", "Morgan", "Patel", "Reid", "Ó Súilleabháin",
	"Nowak", "Brontë", "Müller", "Khan", "Okafor", "Davies", "Jones", "Evans",
	"Smith", "Hughes", "O'Neill", "Lewandowski", "Dubois", "Fenn", "Hobman",
	"Clarke", "Ahmed", "Williams", "Ó Dónaill", "Åkesson", "Nguyễn", "MacLeod",
	"Wójcik", "Łopez-García", "Chowdhury", "Thompson", "ap Gwilym", "Singh",
};

static const char *const officer_roles[] = {
	"Democratic Services Officer", "Monitoring Officer", "Head of Planning",
	"Director of Public Health", "Chief Finance Officer",
	"Head of Legal Services", "Strategic Director, Place",
	"Principal Planning Officer", "Licensing Manager",
	"Head of Housing Needs", "Director of Children's Services",
	"Ministry of Housing, Communities and Local Government",
	"Environment Agency", "Police and Crime Commissioner's Office",
	"Head of Internal Audit", "External Auditor, Grant Thornton",
};

static const char *const venues[] = {
	"Town Hall, Committee Room 2", "Council Chamber, Civic Centre",
	"County Hall, Room 1.14", "Guildhall, Mayor's Parlour",
	"Online: Microsoft Teams", "Civic Offices, Meeting Room B",
};

static const char *const start_times[] = { "09:30", "10:00", "11:00", "14:00", "18:00", "18:30", "19:00" };

static const char *const topics[] = {
	"Integrated Communities Strategy", "Revenue Budget Monitoring: Quarter 2",
	"Local Plan Review: Issues and Options", "Air Quality Action Plan",
	"Treasury Management Strategy 2019/20", "Homelessness Reduction Act: progress report",
	"Capital Programme Update", "Corporate Risk Register",
	"Annual Governance Statement", "Internal Audit Progress Report",
	"Children's Social Care Ofsted Action Plan", "Tenancy Strategy 2020-2025",
	"Statement of Licensing Policy", "Gambling Act 2005: Statement of Principles",
	"Highways Maintenance Programme", "Flood Risk Management Strategy",
	"Public Health Annual Report", "Better Care Fund Plan",
	"Pension Fund Investment Performance", "Council Tax Support Scheme",
	"Climate Emergency Action Plan", "Town Centre Regeneration Masterplan",
	"Leisure Centre Procurement", "Community Safety Strategy",
	"Application 18/01234/FUL: 24 Mill Lane", "Application 19/00871/OUT: Land north of Station Road",
	"Tree Preservation Order 3/2019", "Library Service Review",
	"SEND Transport Policy", "Fees and Charges 2020/21",
	"Equality, Diversity and Inclusion Annual Report", "Waste Collection Contract",
	"Workforce Strategy", "Complaints Annual Report", "Digital Inclusion Strategy",
	"Café Quarter Public Realm Improvements", "Selective Licensing Scheme Review",
	"Draft Work Programme 2019/20", "Cumulative Impact Assessment",
	"Dedicated Schools Grant: High Needs Block",
};

static const char *const purposes[] = {
	"For decision", "For information", "For discussion", "To note", "For approval",
};

static const char *const summary_sentences[] = {
	"The report set out the position at the end of the quarter.",
	"Officers explained that the forecast overspend had reduced since the last report.",
	"The consultation had received 412 responses, most of them online.",
	"The strategy builds on the Casey Review and sets out eight themes.",
	"The consultation would run until 5 June.",
	"Three options were considered; officers recommended the second.",
	"The proposal would be funded from the earmarked reserve.",
	"Demand had risen by 14% compared with the same period last year.",
	"The applicant's agent addressed the committee for three minutes.",
	"Two objectors spoke against the application: traffic and overlooking.",
	"The scheme would deliver 120 homes, 30% of them affordable.",
	"Officers confirmed that the statutory deadline would be met.",
	"Partners from the NHS and the police contributed to the review.",
	"The action plan had 27 actions, of which 19 were complete.",
	"Risks had been re-scored after the workshop held in September.",
	"A further report would come back to the committee in the new year.",
	"The Head of Service thanked staff for their work over the winter.",
	"Savings of £1.2m had been identified, mostly from procurement.",
};

static const char *const comment_texts[] = {
	"Some building blocks of integration had closed through funding cuts.",
	"Asked for a register of home-schooled children.",
	"Asked whether the figures included agency staff.",
	"Concern was expressed about the impact on rural bus routes.",
	"Welcomed the report and thanked officers for their work.",
	"Asked how residents without internet access would be consulted.",
	"Noted that the target had been missed for the third quarter running.",
	"Asked for a breakdown by ward at the next meeting.",
	"Queried the assumption of 2% inflation in the medium-term plan.",
	"Said the parking survey was out of date.",
	"Asked whether the parish council had been consulted.",
	"Raised the waiting times for occupational therapy assessments.",
	"Suggested that the working group include a young people's representative.",
	"Asked what lessons had been learnt from the pilot in Ward 4.",
	"Pointed out a typing error in paragraph 3.2 of the report.",
	"Felt that the equality impact assessment should be revisited.",
	"Asked officers to circulate the map referred to in the presentation.",
	"Questioned the value for money of the external consultants: £86,000 so far.",
	"Praised the volunteers who ran the summer reading challenge.",
	"Asked when the footpath at Church Lane would be repaired.",
};

static const char *const decisions[] = {
	"Members noted the report.",
	"Members noted the presentation.",
	"RESOLVED: that the recommendations be approved.",
	"RESOLVED: that the report be noted.",
	"RESOLVED: that planning permission be granted subject to the conditions in the report.",
	"RESOLVED: that planning permission be refused for the reasons given by officers.",
	"RESOLVED: that the strategy be recommended to Cabinet for adoption.",
	"RESOLVED: that the work programme be agreed, with the additions noted.",
	"Agreed to set up a task and finish group.",
	"The committee agreed to defer a decision until the next meeting.",
};

static const char *const update_notes[] = {
	"Quotes have been asked for.", "A meeting with the residents is arranged.",
	"Delayed by the consultation; expected next month.", "Half of the work is done.",
	"Awaiting the legal advice.", "A draft has been circulated to members.",
};

static const char *const action_texts[] = {
	"Publish information about the strategy in Councillors' News.",
	"Circulate the ward breakdown to all members.",
	"Write to the Secretary of State on behalf of the committee.",
	"Bring a further report on the consultation results.",
	"Arrange a site visit before the application is decided.",
	"Update the risk register with the new scores.",
	"Share the presentation slides with the committee.",
	"Report back on the cost of the external consultants.",
};

static const char *const interests[] = {
	"Trustee of a refugee support charity",
	"Lives in the ward affected by the application",
	"Member of the Pension Fund",
	"Governor of a school named in the report",
	"Spouse employed by the NHS trust",
};

static const char *const edit_decisions[] = {
	"RESOLVED: that the recommendations be approved, as amended at the meeting.",
	"Members noted the report and asked for an update in six months.",
	"RESOLVED: that the item be referred to Cabinet with the committee's comments.",
	"Members noted the report, with the corrections reported at the meeting.",
};

/* ---- dates and times ---- */

static void day_to_date(long day, char out[11])
{
	time_t t = (time_t)(EPOCH_2010 + (long long)day * 86400);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

static void minute_to_time(unsigned m, char out[6])
{
	if (m > 23 * 60 + 59)
		m = 23 * 60 + 59;
	snprintf(out, 6, "%02u:%02u", m / 60, m % 60);
}

static unsigned time_to_minute(const char *t)
{
	return (unsigned)((t[0] - '0') * 600 + (t[1] - '0') * 60 + (t[3] - '0') * 10 + (t[4] - '0'));
}

/* ---- committees ---- */

struct com {
	struct committee *c;
	char slug[SLUG_MAX + 1];
	struct people officers;
	long last_day;          /* its latest meeting so far, -1 for none */
	long last_idx;          /* that meeting's index, -1 for none */
};

static void person_name(struct rng *r, bool cllr, struct buf *out)
{
	buf_reset(out);
	buf_addf(out, "%s%s %s", cllr ? "Cllr " : "", PICK(r, first_names), PICK(r, surnames));
}

static bool people_has(const struct people *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return true;
	return false;
}

static void make_committee(struct com *k, unsigned idx, uint64_t seed)
{
	struct rng r;
	struct buf name = BUF_INIT;
	rng_seed(&r, seed, 0xC0, idx);
	k->c = committee_new(committee_names[idx]);
	slug_make(committee_names[idx], k->slug);
	k->last_day = -1;
	k->last_idx = -1;
	unsigned nmembers = rng_range(&r, 15, 22);
	while (k->c->members.n < nmembers) {
		person_name(&r, true, &name);
		if (people_has(&k->c->members, name.data))
			continue;
		const char *role = k->c->members.n == 0 ? "Chairman" :
				   k->c->members.n == 1 ? "Vice-Chairman" : NULL;
		people_add(&k->c->members, name.data, role);
	}
	unsigned nofficers = rng_range(&r, 3, 6);
	while (k->officers.n < nofficers) {
		person_name(&r, false, &name);
		if (!people_has(&k->officers, name.data))
			people_add(&k->officers, name.data, PICK(&r, officer_roles));
	}
	unsigned nphrases = rng_range(&r, 3, 5);
	for (unsigned i = 0; i < nphrases; i++) {
		xgrow((void **)&k->c->phrases, &k->c->cap, k->c->nphrases + 1, sizeof(*k->c->phrases));
		k->c->phrases[k->c->nphrases++] = xstrdup(decisions[(idx + i) % 10]);
	}
	buf_free(&name);
}

/* ---- meetings ---- */

struct meet {
	unsigned com;
	long day;
	long prev_day;          /* the committee's previous meeting, -1 for none */
	long prev_idx;          /* its index, -1 for none */
	unsigned nids;          /* the actions given ids (format 2), set when built */
	unsigned edits;         /* edit commits applied so far */
};

static void meeting_id(const struct com *coms, const struct meet *mt, long day,
		       struct buf *out)
{
	char date[11];
	day_to_date(day, date);
	buf_reset(out);
	buf_addf(out, "%s/%s", coms[mt->com].slug, date);
}

static void summary_text(struct rng *r, struct buf *b)
{
	buf_reset(b);
	unsigned lines = rng_range(r, 1, 4);
	for (unsigned i = 0; i < lines; i++) {
		buf_addstr(b, PICK(r, summary_sentences));
		if (i + 1 < lines || rng_pct(r, 85))
			buf_addch(b, '\n');
	}
}

/* Builds a meeting's agenda and minutes from its own seed. */
static void build_meeting(const struct com *coms, struct meet *meets,
			  size_t idx, uint64_t seed, struct agenda **ag_out,
			  struct minutes **mi_out)
{
	struct meet *mt = &meets[idx];
	/* Action ids and updates (format 2) come from a stream of their own,
	 * so the rest of the meeting is as it always was. */
	struct rng r2;
	rng_seed(&r2, seed, 0xAC71, idx);
	bool with_ids = rng_pct(&r2, 50);
	mt->nids = 0;
	const struct com *k = &coms[mt->com];
	const struct committee *c = k->c;
	struct rng r;
	struct buf tmp = BUF_INIT, id = BUF_INIT;
	char date[11], due[11];

	rng_seed(&r, seed, 0x3EE7, idx);
	day_to_date(mt->day, date);
	struct agenda *a = agenda_new(c->name, date);
	snprintf(a->start, sizeof(a->start), "%s", PICK(&r, start_times));
	record_text_set(&a->venue, PICK(&r, venues));
	record_text_set(&a->chair, c->members.v[0].name);

	unsigned nitems = rng_range(&r, 6, 15);
	unsigned base = 1;
	char sub = 0;
	for (unsigned i = 0; i < nitems; i++) {
		char number[16];
		if (i >= 4 && sub == 0 && rng_pct(&r, 10)) {
			sub = 'a';
			base--;
		}
		if (sub) {
			snprintf(number, sizeof(number), "%u%c", base, sub);
			sub = sub < 'c' && rng_pct(&r, 60) ? (char)(sub + 1) : 0;
			if (!sub)
				base++;
		} else {
			snprintf(number, sizeof(number), "%u", base++);
		}
		const char *title = i == 0 ? "Apologies for absence" :
				    i == 1 ? "Declarations of interest" :
				    i == 2 ? "Minutes of the previous meeting" :
				    i + 1 == nitems ? "Work programme" : PICK(&r, topics);
		struct agenda_item *ai = agenda_add_item(a, number, title);
		if (i == 2 && mt->prev_day >= 0) {
			meeting_id(coms, mt, mt->prev_day, &id);
			record_text_set(&ai->confirms, id.data);
		}
		if (i >= 3) {
			if (rng_pct(&r, 60))
				record_text_set(&ai->purpose, PICK(&r, purposes));
			if (rng_pct(&r, 50)) {
				const struct person *o = &k->officers.v[rng_next(&r) % k->officers.n];
				people_add(&ai->presenters, o->name, o->role);
			}
			if (rng_pct(&r, 40)) {
				buf_reset(&tmp);
				buf_addf(&tmp, "%s/report-%u.pdf", date, i + 1);
				documents_add(&ai->documents, title, tmp.data);
			}
		}
	}

	struct minutes *m = minutes_from_agenda(a, NULL);
	unsigned now = time_to_minute(a->start) + rng_range(&r, 0, 6);
	minute_to_time(now, m->start);

	/* Attendance: 5 to 15 members present, some apologies, officers. */
	size_t nmem = c->members.n;
	unsigned npresent = rng_range(&r, 5, nmem < 15 ? (unsigned)nmem : 15);
	unsigned napol = rng_range(&r, 0, 3);
	size_t first = rng_next(&r) % nmem;
	/* The chair, then a run of the other members from a random one. */
	people_add(&m->present, c->members.v[0].name, c->members.v[0].role);
	for (unsigned i = 1; i < npresent; i++) {
		const struct person *p = &c->members.v[1 + (first + i - 1) % (nmem - 1)];
		people_add(&m->present, p->name, p->role);
	}
	for (unsigned i = 0; i < napol && npresent + i < nmem; i++)
		people_add(&m->apologies, c->members.v[1 + (first + npresent - 1 + i) % (nmem - 1)].name, NULL);
	unsigned nin = rng_range(&r, 1, (unsigned)k->officers.n);
	for (unsigned i = 0; i < nin; i++)
		people_add(&m->in_attendance, k->officers.v[i].name, k->officers.v[i].role);
	if (rng_pct(&r, 25)) {
		const char *who = m->present.v[rng_next(&r) % m->present.n].name;
		minutes_add_declaration(m, who, m->items[rng_range(&r, 3, (unsigned)m->nitems - 1)]->number,
					PICK(&r, interests));
	}
	if (rng_pct(&r, 3)) {
		struct minutes_item *u = minutes_add_item(m, "99", "Urgent business: flooding at Riverside");
		u->urgent = true;
	}

	for (size_t i = 0; i < m->nitems; i++) {
		struct minutes_item *it = m->items[i];
		if (i >= 3 && rng_pct(&r, 6)) {
			it->status = rng_pct(&r, 50) ? ITEM_WITHDRAWN : ITEM_DEFERRED;
			continue;
		}
		minute_to_time(now, it->started);
		now += rng_range(&r, 2, 12);
		minute_to_time(now, it->ended);
		if (i == 0) {
			if (m->apologies.n) {
				buf_reset(&tmp);
				buf_addf(&tmp, "Apologies were received from %s.", m->apologies.v[0].name);
				record_text_set(&it->summary, tmp.data);
			} else {
				record_text_set(&it->summary, "There were no apologies.");
			}
			continue;
		}
		if (i == 1) {
			record_text_set(&it->summary, m->ndeclarations ? "A declaration was made; see above."
				 : "There were no declarations of interest.");
			continue;
		}
		if (i == 2) {
			record_text_set(&it->decision, "RESOLVED: that the minutes of the previous meeting "
				 "be confirmed as a correct record and signed by the Chairman.");
			/* The previous meeting's actions: half done, a fifth in
			 * progress with a note, a tenth dropped, the rest left open. */
			unsigned nprev = mt->prev_idx >= 0 ? meets[mt->prev_idx].nids : 0;
			char prev[11];
			if (nprev)
				day_to_date(mt->prev_day, prev);
			for (unsigned j = 1; j <= nprev; j++) {
				unsigned roll = rng_range(&r2, 0, 99);
				if (roll >= 80)
					continue;
				buf_reset(&tmp);
				buf_addf(&tmp, "%s/%u", prev, j);
				if (roll < 50)
					minutes_item_add_update(it, tmp.data, UPDATE_DONE, NULL);
				else if (roll < 70)
					minutes_item_add_update(it, tmp.data, UPDATE_IN_PROGRESS,
								PICK(&r2, update_notes));
				else
					minutes_item_add_update(it, tmp.data, UPDATE_DROPPED, NULL);
			}
			continue;
		}
		summary_text(&r, &tmp);
		record_text_set(&it->summary, tmp.data);
		unsigned ncomments = rng_range(&r, 0, 10);
		for (unsigned j = 0; j < ncomments; j++) {
			const char *by = rng_pct(&r, 40) ? m->present.v[rng_next(&r) % m->present.n].name : NULL;
			minutes_item_add_comment(it, PICK(&r, comment_texts), by);
		}
		record_text_set(&it->decision, rng_pct(&r, 50) ? c->phrases[rng_next(&r) % c->nphrases]
			 : PICK(&r, decisions));
		if (rng_pct(&r, 20)) {
			it->votes_for = rng_range(&r, 3, (unsigned)m->present.n);
			it->votes_against = rng_range(&r, 0, (unsigned)m->present.n - it->votes_for);
			it->votes_abstained = (unsigned)m->present.n - it->votes_for - it->votes_against;
		}
		if (rng_pct(&r, 30)) {
			unsigned nact = rng_range(&r, 1, 2);
			for (unsigned j = 0; j < nact; j++) {
				day_to_date(mt->day + rng_range(&r, 14, 60), due);
				struct action *ac = minutes_item_add_action(it, PICK(&r, action_texts),
					k->officers.v[rng_next(&r) % k->officers.n].name,
					rng_pct(&r, 70) ? due : NULL);
				if (rng_pct(&r, 40))
					day_to_date(mt->day + rng_range(&r, 7, 40), ac->done);
				/* Half the meetings give their actions ids: progress is
				 * then recorded by the next meeting's updates. */
				if (with_ids) {
					ac->done[0] = '\0';
					minutes_action_id_assign(m, ac, date);
					mt->nids++;
				}
			}
		}
	}
	minute_to_time(now + rng_range(&r, 0, 5), m->end);
	if (rng_pct(&r, 70)) {
		m->status = MINUTES_CONFIRMED;
		day_to_date(mt->day + rng_range(&r, 21, 42), m->confirmed_date);
		record_text_set(&m->confirmed_by, c->members.v[0].name);
	}
	buf_free(&tmp);
	buf_free(&id);
	*ag_out = a;
	*mi_out = m;
}

/* The clerk's e-th correction of a meeting: a comment added or a decision
 * reworded, on an item chosen from the edit's own seed. */
static void apply_edit(struct minutes *m, size_t idx, unsigned e, uint64_t seed)
{
	struct rng r;
	rng_seed(&r, seed, 0xED17 + e, idx);
	struct minutes_item *it = m->items[rng_next(&r) % m->nitems];
	if (rng_pct(&r, 60) || !it->decision) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s (correction %u)", PICK(&r, comment_texts), e);
		minutes_item_add_comment(it, b.data, rng_pct(&r, 50) ? m->present.v[0].name : NULL);
		buf_free(&b);
	} else {
		record_text_set(&it->decision, PICK(&r, edit_decisions));
	}
}

/* Confirmed at the committee's next meeting, a fortnight later. */
static void confirm_minutes(struct minutes *m, const char *date)
{
	struct tm tm = { 0 };
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8) + 14;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	m->status = MINUTES_CONFIRMED;
	strftime(m->confirmed_date, sizeof(m->confirmed_date), "%Y-%m-%d", &tm);
	record_text_set(&m->confirmed_by, m->present.n ? m->present.v[0].name : "The Chair");
}

/* ---- checking our own output ---- */

static bool verify_enabled;

static void verify(const char *path, const struct buf *b, enum yamlfile_kind kind)
{
	if (!verify_enabled)
		return;
	struct diags d;
	diags_init(&d);
	if (!yamlfile_round_trips(path, b->data, b->len, kind, &d)) {
		char *s = diag_format(&d.v[0]);
		fprintf(stderr, "gen: %s\n", s);
		free(s);
		exit(1);
	}
	diags_free(&d);
}

/* ---- the fast-import stream ---- */

static long long commit_time;

static void fi_commit(const char *message)
{
	commit_time += 600 + (commit_time % 7) * 60;
	printf("commit refs/heads/main\n"
	       "author " AUTHOR " %lld +0000\n"
	       "committer " AUTHOR " %lld +0000\n"
	       "data %zu\n%s\n", commit_time, commit_time, strlen(message), message);
}

static void fi_file(const char *path, const struct buf *b)
{
	printf("M 100644 inline %s\ndata %zu\n", path, b->len);
	fwrite(b->data, 1, b->len, stdout);
	putchar('\n');
}

static void usage(void)
{
	fputs("usage: bench/gen [--verify] [--confirm] N M [SEED] | git fast-import\n"
	      "  N meetings over 30 committees, then M commits each changing one minutes.yaml\n",
	      stderr);
	exit(2);
}

static unsigned long parse_count(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || v > 10000000)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	int ai = 1;
	if (ai < argc && !strcmp(argv[ai], "--verify")) {
		verify_enabled = true;
		ai++;
	}
	bool confirm = false;
	if (ai < argc && !strcmp(argv[ai], "--confirm")) {
		confirm = true;
		ai++;
	}
	if (argc - ai < 2 || argc - ai > 3)
		usage();
	size_t n = parse_count(argv[ai]);
	size_t nedits = parse_count(argv[ai + 1]);
	uint64_t seed = argc - ai == 3 ? parse_count(argv[ai + 2]) : 1;
	static char obuf[1 << 20];
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));

	struct com coms[NCOMMITTEES];
	struct buf b = BUF_INIT, path = BUF_INIT, msg = BUF_INIT;
	memset(coms, 0, sizeof(coms));
	commit_time = EPOCH_2010 - 86400;

	/* fast-import refuses a stream cut short. */
	printf("feature done\n");
	/* The first commit: the marker and the committees. */
	fi_commit("Start a gavel minutes repository with its committees\n");
	buf_addstr(&b, "format: gavel-repository/1\n");
	fi_file(".gavel", &b);
	for (unsigned i = 0; i < NCOMMITTEES; i++) {
		make_committee(&coms[i], i, seed);
		buf_reset(&b);
		committee_write(coms[i].c, &b);
		buf_reset(&path);
		buf_addf(&path, "%s/committee.yaml", coms[i].slug);
		verify(path.data, &b, YAMLFILE_COMMITTEE);
		fi_file(path.data, &b);
	}

	/* Meetings in date order, about a fortnight apart in each committee. */
	struct meet *meets = xcalloc(n ? n : 1, sizeof(*meets));
	struct rng r;
	rng_seed(&r, seed, 0xDA7E, 0);
	long span = (long)(n * 14 / NCOMMITTEES) + 365;
	for (size_t i = 0; i < n; i++) {
		struct meet *mt = &meets[i];
		mt->com = (unsigned)(rng_next(&r) % NCOMMITTEES);
		long day = (long)((long long)i * span / (long long)(n ? n : 1));
		if (day <= coms[mt->com].last_day)
			day = coms[mt->com].last_day + 1;
		mt->day = day;
		mt->prev_day = coms[mt->com].last_day;
		mt->prev_idx = coms[mt->com].last_idx;
		coms[mt->com].last_day = day;
		coms[mt->com].last_idx = (long)i;
	}

	for (size_t i = 0; i < n; i++) {
		struct agenda *a;
		struct minutes *m;
		build_meeting(coms, meets, i, seed, &a, &m);
		buf_reset(&msg);
		buf_addf(&msg, "%s %s: minutes\n", a->committee, a->date);
		long long day_time = EPOCH_2010 + (long long)meets[i].day * 86400 + 20 * 3600;
		if (commit_time < day_time)
			commit_time = day_time;
		fi_commit(msg.data);
		buf_reset(&path);
		buf_addf(&path, "%s/%s/agenda.yaml", coms[meets[i].com].slug, a->date);
		buf_reset(&b);
		agenda_write(a, &b);
		verify(path.data, &b, YAMLFILE_AGENDA);
		fi_file(path.data, &b);
		buf_reset(&path);
		buf_addf(&path, "%s/%s/minutes.yaml", coms[meets[i].com].slug, a->date);
		buf_reset(&b);
		minutes_write(m, &b);
		verify(path.data, &b, YAMLFILE_MINUTES);
		fi_file(path.data, &b);
		if (confirm) {
			confirm_minutes(m, a->date);
			buf_reset(&msg);
			buf_addf(&msg, "%s/%s: confirmed as a correct record\n\nConfirmed on %s by %s.\n",
				 coms[meets[i].com].slug, a->date, m->confirmed_date, m->confirmed_by);
			fi_commit(msg.data);
			buf_reset(&b);
			minutes_write(m, &b);
			verify(path.data, &b, YAMLFILE_MINUTES);
			fi_file(path.data, &b);
			char blob[41];
			archive_blob_hash(b.data, b.len, blob);
			buf_addf(&msg, "\nmeeting: %s/%s\nminutes-blob: %s\n",
				 coms[meets[i].com].slug, a->date, blob);
			printf("tag confirmed/%s/%s\nfrom refs/heads/main\n"
			       "tagger " AUTHOR " %lld +0000\ndata %zu\n%s\n",
			       coms[meets[i].com].slug, a->date, commit_time, msg.len, msg.data);
		}
		agenda_free(a);
		minutes_free(m);
	}

	/* The clerk's corrections, each one commit of one minutes.yaml. */
	for (size_t e = 0; e < nedits && n; e++) {
		size_t i = (size_t)(rng_next(&r) % n);
		struct agenda *a;
		struct minutes *m;
		build_meeting(coms, meets, i, seed, &a, &m);
		meets[i].edits++;
		if (confirm)
			confirm_minutes(m, a->date);
		for (unsigned k = 1; k <= meets[i].edits; k++)
			apply_edit(m, i, k, seed);
		buf_reset(&msg);
		buf_addf(&msg, "%s %s: correct the minutes\n", a->committee, a->date);
		if (confirm)
			buf_addf(&msg, "\nCorrection: correction %u, reported at the meeting\n",
				 meets[i].edits);
		fi_commit(msg.data);
		buf_reset(&path);
		buf_addf(&path, "%s/%s/minutes.yaml", coms[meets[i].com].slug, a->date);
		buf_reset(&b);
		minutes_write(m, &b);
		verify(path.data, &b, YAMLFILE_MINUTES);
		fi_file(path.data, &b);
		agenda_free(a);
		minutes_free(m);
	}
	printf("done\n");

	for (unsigned i = 0; i < NCOMMITTEES; i++) {
		committee_free(coms[i].c);
		people_free(&coms[i].officers);
	}
	free(meets);
	buf_free(&b);
	buf_free(&path);
	buf_free(&msg);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen: writing the stream");
		return 1;
	}
	return 0;
}
