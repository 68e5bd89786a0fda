/*
 * bench/meeting: one meeting being minuted, as a `git fast-import` stream,
 * for the keystroke benchmark (bench/keystroke.sh).
 *
 *   bench/meeting [--verify] ITEMS COMMENTS [SEED] | git -C REPO fast-import --quiet
 *
 * One commit holding the `.gavel` marker, the committee's committee.yaml
 * and the meeting communities-board/2026-11-25 (agenda.yaml and
 * minutes.yaml), built in gavel's models and written by gavel's writers.
 * The meeting is under way: the first half of its ITEMS items have been
 * taken (times, summary, decision), the rest not yet begun, and COMMENTS
 * comments of one to three sentences are spread over the items at random,
 * except that the item in the middle (number ITEMS / 2 + 1, the one the
 * benchmark types into) gets the mean share, COMMENTS / ITEMS, so that the
 * form on screen is as long as a typical item's.  The meeting opens on the
 * hub, its first item selected.  The output depends only on the arguments.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda/agenda.h"
#include "minutes/base/buf.h"
#include "agenda/committee.h"
#include "minutes/model/yamlfile.h"
#include "minutes/model/minutes.h"
#include "minutes/format/slug.h"

#define COMMITTEE "Communities Board"
#define DATE "2026-11-25"
#define AUTHOR "Bench Clerk <clerk@bench.invalid>"
#define WHEN "1795600000 +0000"

/* splitmix64: the same few lines as bench/gen's, so that gen and meeting
 * stay independent programs. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t rng_below(size_t n)
{
	return (size_t)(rng_next() % (uint64_t)n);
}

#define PICK(arr) ((arr)[rng_below(sizeof(arr) / sizeof((arr)[0]))])

static const char *const members[] = {
	"Cllr Siân Morgan", "Cllr José Álvarez", "Cllr Priya Patel", "Cllr Jo Reid",
	"Cllr Bartłomiej Nowak", "Cllr Aoife Ní Bhriain", "Cllr Kwame Okafor",
	"Cllr Helen Davies", "Cllr Tom Hughes", "Cllr Zoë Brontë", "Cllr Imran Khan",
	"Cllr Ffion ap Gwilym", "Cllr Peter Clarke", "Cllr Ruth Thompson",
	"Cllr Hamish MacLeod",
};

static const char *const officers[][2] = {
	{ "Anjali Chowdhury", "Democratic Services Officer" },
	{ "Gareth Evans", "Head of Housing Needs" },
	{ "Noémie Dubois", "Chief Finance Officer" },
	{ "Tomás Ó Dónaill", "Director of Public Health" },
};

static const char *const topics[] = {
	"Integrated Communities Strategy", "Revenue Budget Monitoring: Quarter 2",
	"Local Plan Review: Issues and Options", "Air Quality Action Plan",
	"Homelessness Reduction Act: progress report", "Capital Programme Update",
	"Corporate Risk Register", "Tenancy Strategy 2020-2025",
	"Community Safety Strategy", "Library Service Review",
	"Café Quarter Public Realm Improvements", "Digital Inclusion Strategy",
	"Selective Licensing Scheme Review", "Waste Collection Contract",
};

static const char *const sentences[] = {
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
	"Felt that the equality impact assessment should be revisited.",
	"Questioned the value for money of the external consultants: £86,000 so far.",
	"The officer replied that the figures would be circulated after the meeting.",
	"Officers confirmed that the statutory deadline would be met.",
};

static const char *const summaries[] = {
	"The report set out the position at the end of the quarter.\n",
	"Officers explained that the forecast overspend had reduced since the "
	"last report.\nThree options were considered; officers recommended the second.\n",
	"The consultation had received 412 responses, most of them online.\n"
	"The consultation would run until 5 June.\n",
};

static const char *const decisions[] = {
	"Members noted the report.",
	"RESOLVED: that the recommendations be approved.",
	"RESOLVED: that the strategy be recommended to Cabinet for adoption.",
};

static void usage(void)
{
	fputs("usage: bench/meeting [--verify] ITEMS COMMENTS [SEED] | git fast-import\n",
	      stderr);
	exit(2);
}

static unsigned long count_arg(const char *s, unsigned long max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || v > max)
		usage();
	return v;
}

static bool verify_enabled;

/* With --verify: the file loads and writes back to the same bytes. */
static void verify(const char *path, const struct buf *b, enum yamlfile_kind kind)
{
	if (!verify_enabled)
		return;
	struct diags d;
	diags_init(&d);
	if (!yamlfile_round_trips(path, b->data, b->len, kind, &d)) {
		char *s = diag_format(&d.v[0]);
		fprintf(stderr, "meeting: %s\n", s);
		free(s);
		exit(1);
	}
	diags_free(&d);
}

static void fi_file(const char *path, const struct buf *b)
{
	printf("M 100644 inline %s\ndata %zu\n", path, b->len);
	fwrite(b->data, 1, b->len, stdout);
	putchar('\n');
}

static void hhmm(unsigned minute, char out[6])
{
	snprintf(out, 6, "%02u:%02u", (minute / 60) % 24, minute % 60);
}

int main(int argc, char **argv)
{
	int ai = 1;
	if (ai < argc && !strcmp(argv[ai], "--verify")) {
		verify_enabled = true;
		ai++;
	}
	if (argc - ai < 2 || argc - ai > 3)
		usage();
	size_t nitems = count_arg(argv[ai], 10000);
	size_t ncomments = count_arg(argv[ai + 1], 1000000);
	rng_state = argc - ai == 3 ? count_arg(argv[ai + 2], UINT32_MAX) : 1;
	if (nitems < 1)
		usage();
	size_t middle = nitems / 2;

	char slug[SLUG_MAX + 1];
	slug_make(COMMITTEE, slug);
	struct buf b = BUF_INIT, path = BUF_INIT, text = BUF_INIT;

	struct committee *com = committee_new(COMMITTEE);
	for (size_t i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		people_add(&com->members, members[i], i == 0 ? "Chair" : i == 1 ? "Vice-Chair" : NULL);
	for (size_t i = 0; i < sizeof(decisions) / sizeof(decisions[0]); i++) {
		xgrow((void **)&com->phrases, &com->cap, com->nphrases + 1, sizeof(*com->phrases));
		com->phrases[com->nphrases++] = xstrdup(decisions[i]);
	}

	struct agenda *a = agenda_new(COMMITTEE, DATE);
	snprintf(a->start, sizeof(a->start), "18:30");
	record_text_set(&a->venue, "Town Hall, Committee Room 2");
	record_text_set(&a->chair, members[0]);
	for (size_t i = 0; i < nitems; i++) {
		char number[24];
		snprintf(number, sizeof(number), "%zu", i + 1);
		struct agenda_item *ai_ = agenda_add_item(a, number,
			i == 0 ? "Apologies for absence" : PICK(topics));
		if (i > 0 && rng_below(2)) {
			size_t o = rng_below(sizeof(officers) / sizeof(officers[0]));
			people_add(&ai_->presenters, officers[o][0], officers[o][1]);
		}
	}

	struct minutes *m = minutes_from_agenda(a, NULL);
	snprintf(m->start, sizeof(m->start), "18:32");
	for (size_t i = 0; i < 11; i++)
		people_add(&m->present, members[i], i == 0 ? "Chair" : NULL);
	people_add(&m->apologies, members[12], NULL);
	people_add(&m->in_attendance, officers[0][0], officers[0][1]);

	unsigned now = 18 * 60 + 32;
	for (size_t i = 0; i < middle; i++) {
		struct minutes_item *it = m->items[i];
		hhmm(now, it->started);
		now += 1 + (unsigned)rng_below(4);
		hhmm(now, it->ended);
		record_text_set(&it->summary, PICK(summaries));
		record_text_set(&it->decision, PICK(decisions));
	}

	/* The comments: the middle item's share first, the rest at random. */
	size_t share = ncomments / nitems;
	for (size_t k = 0; k < ncomments; k++) {
		struct minutes_item *it = k < share ? m->items[middle]
			: m->items[nitems > 1 ? (middle + 1 + rng_below(nitems - 1)) % nitems : 0];
		buf_reset(&text);
		size_t nsent = 1 + rng_below(3);
		for (size_t s = 0; s < nsent; s++)
			buf_addf(&text, "%s%s", s ? " " : "", PICK(sentences));
		const char *by = rng_below(10) < 4 ? members[rng_below(11)] : NULL;
		minutes_item_add_comment(it, text.data, by);
	}

	printf("feature done\ncommit refs/heads/main\n"
	       "author " AUTHOR " " WHEN "\ncommitter " AUTHOR " " WHEN "\n");
	static const char msg[] = "A meeting under way, for the keystroke benchmark\n";
	printf("data %zu\n%s\n", strlen(msg), msg);

	buf_addstr(&b, "format: gavel-repository/1\n");
	fi_file(".gavel", &b);

	buf_reset(&b);
	committee_write(com, &b);
	buf_addf(&path, "%s/committee.yaml", slug);
	verify(path.data, &b, YAMLFILE_COMMITTEE);
	fi_file(path.data, &b);

	buf_reset(&b);
	agenda_write(a, &b);
	buf_reset(&path);
	buf_addf(&path, "%s/%s/agenda.yaml", slug, DATE);
	verify(path.data, &b, YAMLFILE_AGENDA);
	fi_file(path.data, &b);

	buf_reset(&b);
	minutes_write(m, &b);
	buf_reset(&path);
	buf_addf(&path, "%s/%s/minutes.yaml", slug, DATE);
	verify(path.data, &b, YAMLFILE_MINUTES);
	fi_file(path.data, &b);
	fprintf(stderr, "meeting: %s/%s: %zu items, %zu comments, minutes.yaml %zu bytes\n",
		slug, DATE, nitems, ncomments, b.len);
	printf("done\n");

	committee_free(com);
	agenda_free(a);
	minutes_free(m);
	buf_free(&b);
	buf_free(&path);
	buf_free(&text);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("meeting: writing the stream");
		return 1;
	}
	return 0;
}
