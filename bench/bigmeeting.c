/*
 * bench/bigmeeting: a meeting of many items, in two versions, for timing
 * `gavel diff` (bench/diff.sh).
 *
 *   bench/bigmeeting N VERSION > minutes.yaml
 *
 * Writes the minutes of the Communities Board meeting of 2018-03-14 with
 * N items, each with presenters, a summary, eight comments, a decision,
 * two actions and a document, in gavel's written form.  VERSION 1 is the
 * first draft; VERSION 2 is a clerk's corrections of it: a decision
 * reworded in every fifth item, a comment inserted in every seventh, a
 * comment reworded in every third, an action's owner in every eleventh,
 * two items swapped, and an attendee moved from apologies to present.
 * The output depends only on N and VERSION.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minutes/base/buf.h"
#include "minutes/model/minutes.h"

static const char *const words[] = {
	"the", "council", "strategy", "report", "members", "funding", "housing",
	"consultation", "officers", "budget", "community", "services", "review",
	"residents", "committee", "plan", "progress", "quarter", "schools",
	"integration", "partners", "transport", "health", "council's", "café",
	"Zoë", "proposals", "risk", "audit", "statement", "scheme", "policy",
};

static uint64_t state;

static unsigned next(unsigned n)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((state >> 33) % n);
}

/* A sentence of `n` words, capitalised, with a full stop. */
static void sentence(struct buf *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		const char *w = words[next(sizeof(words) / sizeof(words[0]))];
		if (i == 0)
			buf_addf(b, "%c%s", w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0], w + 1);
		else
			buf_addf(b, " %s", w);
	}
	buf_addch(b, '.');
}

static char *text(unsigned sentences, unsigned words_each)
{
	struct buf b = BUF_INIT;
	for (unsigned s = 0; s < sentences; s++) {
		if (s)
			buf_addch(&b, ' ');
		sentence(&b, words_each + next(6));
	}
	return buf_detach(&b, NULL);
}

int main(int argc, char **argv)
{
	if (argc != 3 || atoi(argv[1]) < 1 || (atoi(argv[2]) != 1 && atoi(argv[2]) != 2)) {
		fputs("usage: bench/bigmeeting N 1|2 > minutes.yaml\n", stderr);
		return 2;
	}
	unsigned n = (unsigned)atoi(argv[1]);
	int version = atoi(argv[2]);
	state = 42;
	struct minutes *m = minutes_new("Communities Board", "2018-03-14");
	snprintf(m->start, sizeof(m->start), "11:00");
	record_text_set(&m->venue, "Town Hall, Committee Room 2");
	people_add(&m->present, "Cllr Alex Morgan", "Chairman");
	people_add(&m->present, "Cllr Sam Patel", NULL);
	people_add(version == 2 ? &m->present : &m->apologies, "Cllr Zoë Reid", NULL);
	people_add(&m->in_attendance, "Peter Fenn", "Ministry of Housing, Communities and Local Government");
	minutes_add_declaration(m, "Cllr Sam Patel", "5", "Trustee of a refugee support charity");
	for (unsigned i = 0; i < n; i++) {
		char number[16], title[64];
		snprintf(number, sizeof(number), "%u", i + 1);
		snprintf(title, sizeof(title), "Item %u: %s %s", i + 1,
			 words[i % 32], words[(i * 7 + 3) % 32]);
		struct minutes_item *it = minutes_add_item(m, number, title);
		people_add(&it->presenters, "Penny Hobman", "Head of Housing");
		it->summary = text(3, 12);
		for (unsigned k = 0; k < 8; k++) {
			char *t = text(1 + next(2), 10);
			if (version == 2 && i % 3 == 0 && k == 2) {
				free(t);
				t = xstrdup("This comment was reworded by the clerk after the meeting.");
			}
			minutes_item_add_comment(it, t, k % 3 ? NULL : "Cllr Sam Patel");
			free(t);
			if (version == 2 && i % 7 == 0 && k == 4)
				minutes_item_add_comment(it, "A comment the clerk had missed.", NULL);
		}
		it->decision = text(1, 8);
		if (version == 2 && i % 5 == 0) {
			free(it->decision);
			it->decision = xstrdup("RESOLVED: that the recommendations be approved, as amended.");
		}
		char *a = text(1, 9);
		minutes_item_add_action(it, a, version == 2 && i % 11 == 0 ? "Cllr Alex Morgan" : "Peter Fenn",
				"2018-04-30");
		free(a);
		a = text(1, 6);
		minutes_item_add_action(it, a, "Penny Hobman", NULL);
		free(a);
		documents_add(&it->documents, "Report to the board", "report.pdf");
	}
	if (version == 2 && n >= 10) {
		struct minutes_item *t = m->items[3];
		m->items[3] = m->items[8];
		m->items[8] = t;
	}
	struct buf out = BUF_INIT;
	minutes_write(m, &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	minutes_free(m);
	return 0;
}
