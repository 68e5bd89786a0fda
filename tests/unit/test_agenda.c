/*
 * test_agenda: what is prepared before a meeting: agenda and committee
 * files (FORMAT.md) loaded, written and round-tripped, awkward texts in
 * them, and minutes started from an agenda.  (The memory a hostile file
 * can make the reader use: test_yamlread_limits.c.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "agenda/agenda.h"
#include "minutes/base/buf.h"
#include "agenda/committee.h"
#include "minutes/base/diag.h"
#include "minutes/model/yamlfile.h"
#include "minutes/model/minutes.h"
#include "minutes/format/yamlread.h"

#define AGENDA_FULL "tests/data/agenda-full.yaml"
#define COMMITTEE_FULL "tests/data/committee-full.yaml"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	if (!f)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

static void dump(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		print_error("  %s\n", s);
		free(s);
	}
}

/* Loads a file that must be valid and of kind `want`. */
static struct yamlfile load_ok(const char *path, enum yamlfile_kind want)
{
	struct diags d;
	struct yamlfile doc;
	diags_init(&d);
	int rc = yamlfile_load(&doc, path, want, &d);
	if (rc != YAMLFILE_OK) {
		dump(&d);
		diags_free(&d);
		fail_msg("%s did not load", path);
	}
	diags_free(&d);
	assert_int_equal(doc.kind, want);
	assert_int_equal(doc.version, 1);
	return doc;
}

static struct yamlfile load_mem_ok(const char *data, size_t len, enum yamlfile_kind want)
{
	struct diags d;
	struct yamlfile doc;
	diags_init(&d);
	int rc = yamlfile_load_mem(&doc, "mem.yaml", data, len, want, &d);
	if (rc != YAMLFILE_OK) {
		dump(&d);
		print_error("--- the text:\n%s---\n", data);
		diags_free(&d);
		fail_msg("the text did not load");
	}
	diags_free(&d);
	return doc;
}

/* ---- agenda.yaml ---- */

static void test_agenda_full_loads(void **state)
{
	(void)state;
	struct yamlfile doc = load_ok(AGENDA_FULL, YAMLFILE_AGENDA);
	const struct agenda *a = doc.agenda;
	assert_non_null(a);
	assert_null(doc.minutes);
	assert_string_equal(a->committee, "Communities Board");
	assert_string_equal(a->date, "2018-03-14");
	assert_string_equal(a->start, "11:00");
	assert_string_equal(a->venue, "Town Hall, Committee Room 2");
	assert_string_equal(a->chair, "Cllr Alex Morgan");
	assert_int_equal(a->nitems, 3);

	const struct agenda_item *it = &a->items[0];
	assert_string_equal(it->number, "3");
	assert_string_equal(it->title, "Minutes of the previous meeting");
	assert_string_equal(it->purpose, "For approval");
	assert_string_equal(it->confirms, "communities-board/2018-02-07");
	assert_int_equal(it->presenters.n, 1);
	assert_string_equal(it->presenters.v[0].name, "Cllr Alex Morgan");
	assert_string_equal(it->presenters.v[0].role, "Chairman");
	assert_int_equal(it->documents.n, 1);
	assert_string_equal(it->documents.v[0].ref, "communities-board/2018-02-07/minutes.yaml");

	it = &a->items[1];
	assert_string_equal(it->number, "5");
	assert_string_equal(it->purpose, "For discussion");
	assert_null(it->confirms);
	assert_int_equal(it->presenters.n, 2);
	assert_string_equal(it->presenters.v[1].name, "Penny Hobman");
	assert_string_equal(it->presenters.v[1].role,
			    "Ministry of Housing, Communities and Local Government");
	assert_int_equal(it->documents.n, 2);
	assert_string_equal(it->documents.v[0].title, "Integrated Communities Strategy green paper");
	assert_string_equal(it->documents.v[0].ref, "green-paper.pdf");

	it = &a->items[2];
	assert_string_equal(it->number, "12.1");
	assert_string_equal(it->title, "Any other business: urgent items");
	assert_null(it->purpose);
	assert_int_equal(it->presenters.n, 0);
	assert_int_equal(it->documents.n, 0);
	yamlfile_free(&doc);
}

static void test_agenda_round_trip(void **state)
{
	(void)state;
	size_t len;
	char *data = slurp(AGENDA_FULL, &len);
	struct yamlfile doc = load_mem_ok(data, len, YAMLFILE_AGENDA);
	struct buf out = BUF_INIT;
	agenda_write(doc.agenda, &out);
	assert_int_equal(out.len, len);
	assert_memory_equal(out.data, data, len);
	yamlfile_free(&doc);
	buf_free(&out);
	free(data);
}

static void test_agenda_lenient_to_written_form(void **state)
{
	(void)state;
	/* Flow style, single quotes, unquoted numbers: read, then written in
	 * the one form, which reads back to the same bytes. */
	static const char lenient[] =
		"# An agenda as another system might write it.\n"
		"format: gavel-agenda/1\n"
		"committee: Communities Board\n"
		"date: 2018-03-14\n"
		"start: '11:00'\n"
		"venue: Town Hall, Committee Room 2\n"
		"items:\n"
		"- {number: 3, title: Minutes of the previous meeting, confirms: communities-board/2018-02-07}\n"
		"- number: \"5\"\n"
		"  title: >-\n"
		"    Integrated Communities\n"
		"    Strategy\n"
		"  presenters: [{name: Peter Fenn}]\n"
		"- number: 6\n"
		"  title: \"Any other business\"\n";
	struct yamlfile doc = load_mem_ok(lenient, sizeof(lenient) - 1, YAMLFILE_AGENDA);
	struct buf out = BUF_INIT, again = BUF_INIT;
	agenda_write(doc.agenda, &out);
	assert_non_null(strstr(out.data, "  - number: \"3\"\n    title: Minutes of the previous meeting\n"
				"    confirms: communities-board/2018-02-07\n"));
	assert_non_null(strstr(out.data, "start: \"11:00\"\n"));
	assert_non_null(strstr(out.data, "  - number: \"5\"\n    title: Integrated Communities Strategy\n"
				"    presenters:\n      - name: Peter Fenn\n"));
	assert_non_null(strstr(out.data, "  - number: \"6\"\n    title: Any other business\n"));
	struct yamlfile back = load_mem_ok(out.data, out.len, YAMLFILE_AGENDA);
	agenda_write(back.agenda, &again);
	assert_string_equal(out.data, again.data);
	yamlfile_free(&back);
	yamlfile_free(&doc);
	buf_free(&out);
	buf_free(&again);
}

static void test_agenda_written_form_minimal(void **state)
{
	(void)state;
	struct agenda *a = agenda_new("Communities Board", "2018-03-14");
	struct buf out = BUF_INIT;
	agenda_write(a, &out);
	assert_string_equal(out.data, "format: gavel-agenda/1\ncommittee: Communities Board\n"
			    "date: 2018-03-14\nitems: []\n");
	buf_reset(&out);
	agenda_add_item(a, "3a", "yes");
	agenda_write(a, &out);
	assert_string_equal(out.data, "format: gavel-agenda/1\ncommittee: Communities Board\n"
			    "date: 2018-03-14\nitems:\n  - number: \"3a\"\n    title: \"yes\"\n");
	agenda_free(a);
	buf_free(&out);
}

/* ---- committee.yaml ---- */

static void test_committee_full_loads(void **state)
{
	(void)state;
	struct yamlfile doc = load_ok(COMMITTEE_FULL, YAMLFILE_COMMITTEE);
	const struct committee *c = doc.committee;
	assert_non_null(c);
	assert_string_equal(c->name, "Communities Board");
	assert_int_equal(c->members.n, 3);
	assert_string_equal(c->members.v[0].name, "Cllr Alex Morgan");
	assert_string_equal(c->members.v[0].role, "Chairman");
	assert_string_equal(c->members.v[1].name, "Cllr Sam Patel");
	assert_null(c->members.v[1].role);
	assert_string_equal(c->members.v[2].name, "Cllr Zoë Reid");
	assert_int_equal(c->nphrases, 3);
	assert_string_equal(c->phrases[0], "Members noted the presentation.");
	assert_string_equal(c->phrases[2], "RESOLVED: that the recommendations be approved.");
	yamlfile_free(&doc);
}

static void test_committee_round_trip(void **state)
{
	(void)state;
	size_t len;
	char *data = slurp(COMMITTEE_FULL, &len);
	struct yamlfile doc = load_mem_ok(data, len, YAMLFILE_COMMITTEE);
	struct buf out = BUF_INIT;
	committee_write(doc.committee, &out);
	assert_int_equal(out.len, len);
	assert_memory_equal(out.data, data, len);
	yamlfile_free(&doc);
	buf_free(&out);
	free(data);

	struct committee *c = committee_new("Audit");
	committee_write(c, &out);
	assert_string_equal(out.data, "format: gavel-committee/1\nname: Audit\n");
	committee_free(c);
	buf_free(&out);
}

/* ---- awkward texts in agendas and committee files ---- */

static const char *const awkward[] = {
	"RESOLVED: that it be approved.", "# hash", "- dash", "\"quoted\"",
	"'single'", "| pipe", "trailing  ", "  leading", "yes", "12:30",
	"2018-03-14", "Zoë 会议 مرحبا", "tab\there", "back\\slash",
	"two\nlines", "two\nlines\n", "three breaks\n\n\n", " indented\nfirst\n",
	"\tfirst\nline", "a\n  \nb", "\n", "\n\tafter\n",
};
#define NAWKWARD (sizeof(awkward) / sizeof(awkward[0]))

static void test_agenda_awkward_texts(void **state)
{
	(void)state;
	for (size_t i = 0; i < NAWKWARD; i++) {
		const char *t = awkward[i];
		struct agenda *a = agenda_new(t, "2018-03-14");
		a->venue = xstrdup(t);
		a->chair = xstrdup(t);
		struct agenda_item *it = agenda_add_item(a, "5", t);
		it->purpose = xstrdup(t);
		it->confirms = xstrdup(t);
		people_add(&it->presenters, t, t);
		documents_add(&it->documents, t, t);
		agenda_add_item(a, "6", "Next");
		struct buf out = BUF_INIT, again = BUF_INIT;
		agenda_write(a, &out);
		struct yamlfile d = load_mem_ok(out.data, out.len, YAMLFILE_AGENDA);
		const struct agenda *b = d.agenda;
		assert_string_equal(b->committee, t);
		assert_string_equal(b->venue, t);
		assert_string_equal(b->chair, t);
		assert_string_equal(b->items[0].title, t);
		assert_string_equal(b->items[0].purpose, t);
		assert_string_equal(b->items[0].confirms, t);
		assert_string_equal(b->items[0].presenters.v[0].name, t);
		assert_string_equal(b->items[0].presenters.v[0].role, t);
		assert_string_equal(b->items[0].documents.v[0].title, t);
		assert_string_equal(b->items[0].documents.v[0].ref, t);
		assert_string_equal(b->items[1].title, "Next");
		agenda_write(b, &again);
		assert_string_equal(out.data, again.data);
		yamlfile_free(&d);
		agenda_free(a);
		buf_free(&out);
		buf_free(&again);
	}
}

static void test_committee_awkward_texts(void **state)
{
	(void)state;
	for (size_t i = 0; i < NAWKWARD; i++) {
		const char *t = awkward[i];
		struct committee *c = committee_new(t);
		people_add(&c->members, t, t);
		people_add(&c->members, "Next", NULL);
		xgrow((void **)&c->phrases, &c->cap, 2, sizeof(*c->phrases));
		c->phrases[c->nphrases++] = xstrdup(t);
		c->phrases[c->nphrases++] = xstrdup("Last.");
		struct buf out = BUF_INIT, again = BUF_INIT;
		committee_write(c, &out);
		struct yamlfile d = load_mem_ok(out.data, out.len, YAMLFILE_COMMITTEE);
		const struct committee *b = d.committee;
		assert_string_equal(b->name, t);
		assert_int_equal(b->members.n, 2);
		assert_string_equal(b->members.v[0].name, t);
		assert_string_equal(b->members.v[0].role, t);
		assert_int_equal(b->nphrases, 2);
		assert_string_equal(b->phrases[0], t);
		assert_string_equal(b->phrases[1], "Last.");
		committee_write(b, &again);
		assert_string_equal(out.data, again.data);
		yamlfile_free(&d);
		committee_free(c);
		buf_free(&out);
		buf_free(&again);
	}
}

/* ---- minutes from an agenda ---- */

static void test_minutes_from_agenda(void **state)
{
	(void)state;
	struct yamlfile ad = load_ok(AGENDA_FULL, YAMLFILE_AGENDA);
	struct yamlfile cd = load_ok(COMMITTEE_FULL, YAMLFILE_COMMITTEE);
	struct minutes *m = minutes_from_agenda(ad.agenda, cd.committee);
	/* The copies are the minutes' own. */
	yamlfile_free(&ad);
	yamlfile_free(&cd);

	assert_string_equal(m->committee, "Communities Board");
	assert_string_equal(m->date, "2018-03-14");
	assert_string_equal(m->start, "11:00");
	assert_string_equal(m->end, "");
	assert_string_equal(m->venue, "Town Hall, Committee Room 2");
	assert_int_equal(m->status, MINUTES_DRAFT);
	assert_int_equal(m->present.n, 3);
	assert_string_equal(m->present.v[0].name, "Cllr Alex Morgan");
	assert_string_equal(m->present.v[0].role, "Chairman");
	assert_null(m->present.v[1].role);
	assert_string_equal(m->present.v[2].name, "Cllr Zoë Reid");
	assert_int_equal(m->apologies.n, 0);
	assert_int_equal(m->in_attendance.n, 0);

	assert_int_equal(m->nitems, 3);
	const struct minutes_item *it = m->items[1];
	assert_string_equal(it->number, "5");
	assert_string_equal(it->title, "Integrated Communities Strategy");
	assert_int_equal(it->status, ITEM_TAKEN);
	assert_false(it->urgent);
	assert_int_equal(it->presenters.n, 2);
	assert_string_equal(it->presenters.v[0].name, "Peter Fenn");
	assert_string_equal(it->presenters.v[0].role,
			    "Ministry of Housing, Communities and Local Government");
	assert_int_equal(it->documents.n, 2);
	assert_string_equal(it->documents.v[1].title, "Consultation page");
	assert_null(it->summary);
	assert_int_equal(it->ncomments, 0);
	assert_string_equal(m->items[0]->number, "3");
	assert_int_equal(m->items[0]->documents.n, 1);
	assert_string_equal(m->items[2]->number, "12.1");
	assert_string_equal(m->items[2]->title, "Any other business: urgent items");

	/* Purpose, confirms and chair stay in agenda.yaml. */
	struct buf out = BUF_INIT;
	minutes_write(m, &out);
	assert_null(strstr(out.data, "purpose"));
	assert_null(strstr(out.data, "confirms"));
	assert_null(strstr(out.data, "chair"));
	assert_string_equal(out.data,
			    "format: gavel-minutes/1\n"
			    "committee: Communities Board\n"
			    "date: 2018-03-14\n"
			    "start: \"11:00\"\n"
			    "venue: Town Hall, Committee Room 2\n"
			    "status: draft\n"
			    "attendance:\n"
			    "  present:\n"
			    "    - name: Cllr Alex Morgan\n"
			    "      role: Chairman\n"
			    "    - name: Cllr Sam Patel\n"
			    "    - name: Cllr Zoë Reid\n"
			    "      role: Vice-Chairman\n"
			    "items:\n"
			    "  - number: \"3\"\n"
			    "    title: Minutes of the previous meeting\n"
			    "    presenters:\n"
			    "      - name: Cllr Alex Morgan\n"
			    "        role: Chairman\n"
			    "    documents:\n"
			    "      - title: Draft minutes of 7 February 2018\n"
			    "        ref: communities-board/2018-02-07/minutes.yaml\n"
			    "  - number: \"5\"\n"
			    "    title: Integrated Communities Strategy\n"
			    "    presenters:\n"
			    "      - name: Peter Fenn\n"
			    "        role: Ministry of Housing, Communities and Local Government\n"
			    "      - name: Penny Hobman\n"
			    "        role: Ministry of Housing, Communities and Local Government\n"
			    "    documents:\n"
			    "      - title: Integrated Communities Strategy green paper\n"
			    "        ref: green-paper.pdf\n"
			    "      - title: Consultation page\n"
			    "        ref: https://www.gov.uk/government/consultations/"
			    "integrated-communities-strategy-green-paper\n"
			    "  - number: \"12.1\"\n"
			    "    title: \"Any other business: urgent items\"\n");

	/* What is written reads back as the same minutes. */
	struct yamlfile back = load_mem_ok(out.data, out.len, YAMLFILE_MINUTES);
	struct buf again = BUF_INIT;
	minutes_write(back.minutes, &again);
	assert_string_equal(out.data, again.data);
	yamlfile_free(&back);
	buf_free(&again);
	buf_free(&out);
	minutes_free(m);
}

static void test_minutes_from_agenda_without_committee(void **state)
{
	(void)state;
	struct yamlfile ad = load_ok(AGENDA_FULL, YAMLFILE_AGENDA);
	struct minutes *m = minutes_from_agenda(ad.agenda, NULL);
	assert_int_equal(m->present.n, 0);
	assert_int_equal(m->nitems, 3);
	struct buf out = BUF_INIT;
	minutes_write(m, &out);
	assert_null(strstr(out.data, "attendance"));
	buf_free(&out);
	minutes_free(m);

	/* An agenda with nothing optional. */
	struct agenda *a = agenda_new("C", "2018-03-14");
	m = minutes_from_agenda(a, NULL);
	assert_string_equal(m->start, "");
	assert_null(m->venue);
	assert_int_equal(m->nitems, 0);
	minutes_free(m);
	agenda_free(a);
	yamlfile_free(&ad);
}

/* yamlfile_round_trips: gavel's own bytes come back the same; the same content
 * in another style does not, and says so. */
static void test_round_trips(void **state)
{
	(void)state;
	const char own[] = "format: gavel-committee/1\nname: Communities Board\n";
	const char other[] = "format: gavel-committee/1\nname: 'Communities Board'\n";
	const char broken[] = "format: gavel-committee/1\nname: [\n";
	struct diags d;
	diags_init(&d);
	assert_true(yamlfile_round_trips("c.yaml", own, sizeof(own) - 1, YAMLFILE_COMMITTEE, &d));
	assert_int_equal(d.n, 0);
	assert_false(yamlfile_round_trips("c.yaml", other, sizeof(other) - 1, YAMLFILE_COMMITTEE, &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "other bytes"));
	diags_clear(&d);
	assert_false(yamlfile_round_trips("c.yaml", broken, sizeof(broken) - 1, YAMLFILE_COMMITTEE, &d));
	assert_true(d.n >= 1);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agenda_full_loads),
		cmocka_unit_test(test_agenda_round_trip),
		cmocka_unit_test(test_agenda_lenient_to_written_form),
		cmocka_unit_test(test_agenda_written_form_minimal),
		cmocka_unit_test(test_committee_full_loads),
		cmocka_unit_test(test_committee_round_trip),
		cmocka_unit_test(test_agenda_awkward_texts),
		cmocka_unit_test(test_committee_awkward_texts),
		cmocka_unit_test(test_minutes_from_agenda),
		cmocka_unit_test(test_minutes_from_agenda_without_committee),
		cmocka_unit_test(test_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
