/*
 * test_search: the search index of a minutes repository
 * (minutes/search/search.h), as a member searching would see it.
 *
 * Each test makes a repository of its own with the archive's API in a
 * temporary folder (HOME inside it, so no git configuration of the user
 * matters), commits minutes to it and searches.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"
#include "minutes/search/query.h"
#include "minutes/search/search.h"
#include "minutes/search/registers.h"
#include "minutes/model/open_actions.h"
#include "minutes/model/yamlfile.h"

static const char board[] =
	"format: gavel-minutes/1\n"
	"committee: Communities Board\n"
	"date: 2018-03-14\n"
	"venue: Town Hall, Committee Room 2\n"
	"status: draft\n"
	"attendance:\n"
	"  present:\n"
	"    - name: Cllr Zoë Reid\n"
	"    - name: Cllr Sam Patel\n"
	"items:\n"
	"  - number: \"5\"\n"
	"    title: Integrated Communities Strategy\n"
	"    summary: The consultation would run until 5 June.\n"
	"    comments:\n"
	"      - Some building blocks of integration had closed.\n"
	"      - text: Asked for a register of home-schooled children.\n"
	"        by: Cllr Zoë Reid\n"
	"    decision: Members noted the strategy.\n";

static const char planning[] =
	"format: gavel-minutes/1\n"
	"committee: Planning Committee\n"
	"date: 2019-01-09\n"
	"status: draft\n"
	"items:\n"
	"  - number: \"1\"\n"
	"    title: Local Plan Review\n"
	"    summary: The children of Mill Lane wrote in about the strategy.\n"
	"    decision: Members approved the café's licence.\n";

struct fx {
	char *root;
	struct archive *a;
};

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void commit(struct fx *fx, const char *path, const char *text)
{
	struct diags err;
	diags_init(&err);
	struct archive_file f = { path, text, text ? strlen(text) : 0 };
	if (archive_commit(fx->a, &f, 1, "Minutes\n", NULL, &err) != 0)
		fail_msg("commit %s: %s", path, err.n ? err.v[0].msg : "?");
	diags_free(&err);
}

static int setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/gavel-search.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fx->root = buf_detach(&b, NULL);
	if (!mkdtemp(fx->root))
		return -1;
	setenv("HOME", fx->root, 1);
	setenv("XDG_CONFIG_HOME", fx->root, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "Ada Clerk", 1);
	setenv("GIT_AUTHOR_EMAIL", "ada@example.org", 1);
	struct diags err;
	diags_init(&err);
	buf_addf(&b, "%s/minutes", fx->root);
	int rc = archive_init(&fx->a, b.data, false, &err);
	buf_free(&b);
	diags_free(&err);
	if (rc != 0)
		return -1;
	*state = fx;
	commit(fx, "communities-board/2018-03-14/minutes.yaml", board);
	commit(fx, "planning-committee/2019-01-09/minutes.yaml", planning);
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	archive_free(fx->a);
	nftw(fx->root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(fx->root);
	free(fx);
	return 0;
}

static int collect(const struct search_hit *h, void *ctx)
{
	struct buf *b = ctx;
	buf_addf(b, "%s %s %s%s%s;", h->meeting, h->item ? h->item : "-", h->kind,
		 h->by ? " by " : "", h->by ? h->by : "");
	return 0;
}

/* The hits of `text`, one "meeting item kind [by NAME];" each, in order. */
static char *hits(struct fx *fx, const char *text, struct search_update *u)
{
	struct search *s = NULL;
	struct query q;
	struct diags err;
	struct buf b = BUF_INIT;
	size_t count = 0;
	diags_init(&err);
	struct search_update ignored;
	if (search_open(&s, fx->a, NULL, NULL, u ? u : &ignored, &err) != 0)
		fail_msg("search_open: %s", err.n ? err.v[0].msg : "?");
	if (query_parse(text, strlen(text), &q, &err) != 0)
		fail_msg("query %s: %s", text, err.n ? err.v[0].msg : "?");
	if (search_run(s, &q, collect, &b, &count, &err) != 0)
		fail_msg("search %s: %s", text, err.n ? err.v[0].msg : "?");
	query_free(&q);
	search_close(s);
	diags_free(&err);
	buf_addstr(&b, "");
	return buf_detach(&b, NULL);
}

#define expect_hits(fx, text, want) do { \
	char *got_ = hits(fx, text, NULL); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void test_words(void **state)
{
	struct fx *fx = *state;
	struct search_update u;
	char *got = hits(fx, "integration", &u);
	assert_true(u.rebuilt);
	assert_int_equal(u.indexed, 2);
	assert_string_equal(got, "communities-board/2018-03-14 5 comment;");
	free(got);
	/* Every word must match; newest meeting first. */
	expect_hits(fx, "strategy", "planning-committee/2019-01-09 1 summary;"
		    "communities-board/2018-03-14 5 title;"
		    "communities-board/2018-03-14 5 decision;");
	expect_hits(fx, "strategy noted", "communities-board/2018-03-14 5 decision;");
	expect_hits(fx, "nowhere", "");
	/* The venue and the attendance are searched too. */
	expect_hits(fx, "patel", "communities-board/2018-03-14 - present;");
	expect_hits(fx, "committee room", "communities-board/2018-03-14 - venue;");
}

static void test_accents_and_case(void **state)
{
	struct fx *fx = *state;
	static const char *const zoe[] = { "zoe", "ZOË", "Zoë" };
	for (size_t i = 0; i < 3; i++)
		expect_hits(fx, zoe[i], "communities-board/2018-03-14 - present;"
			    "communities-board/2018-03-14 5 comment by Cllr Zoë Reid;");
	expect_hits(fx, "CAFE", "planning-committee/2019-01-09 1 decision;");
}

static void test_phrases(void **state)
{
	struct fx *fx = *state;
	expect_hits(fx, "\"register of home\"",
		    "communities-board/2018-03-14 5 comment by Cllr Zoë Reid;");
	expect_hits(fx, "\"home register\"", "");
}

static void test_filters(void **state)
{
	struct fx *fx = *state;
	expect_hits(fx, "committee:planning-committee strategy",
		    "planning-committee/2019-01-09 1 summary;");
	expect_hits(fx, "since:2019-01-01 strategy", "planning-committee/2019-01-09 1 summary;");
	expect_hits(fx, "until:2018-12-31 strategy", "communities-board/2018-03-14 5 title;"
		    "communities-board/2018-03-14 5 decision;");
	expect_hits(fx, "title:strategy", "communities-board/2018-03-14 5 title;");
	expect_hits(fx, "decision:members", "planning-committee/2019-01-09 1 decision;"
		    "communities-board/2018-03-14 5 decision;");
	expect_hits(fx, "by:reid", "communities-board/2018-03-14 5 comment by Cllr Zoë Reid;");
	expect_hits(fx, "by:patel", "");
}

static void test_update_after_commits(void **state)
{
	struct fx *fx = *state;
	struct search_update u;
	free(hits(fx, "strategy", &u));
	char *got = hits(fx, "strategy", &u);
	assert_false(u.rebuilt);
	assert_int_equal(u.indexed, 0);
	free(got);
	/* A new meeting, a changed one, and then one removed. */
	commit(fx, "planning-committee/2019-02-13/minutes.yaml",
	       "format: gavel-minutes/1\ncommittee: Planning Committee\ndate: 2019-02-13\n"
	       "status: draft\nitems:\n  - number: \"1\"\n    title: Xylophone Strategy\n");
	got = hits(fx, "xylophone", &u);
	assert_int_equal(u.indexed, 1);
	assert_string_equal(got, "planning-committee/2019-02-13 1 title;");
	free(got);
	commit(fx, "communities-board/2018-03-14/minutes.yaml",
	       "format: gavel-minutes/1\ncommittee: Communities Board\ndate: 2018-03-14\n"
	       "status: draft\nitems:\n  - number: \"5\"\n    title: Xylophones Again\n");
	expect_hits(fx, "integration", "");
	expect_hits(fx, "xylophones", "communities-board/2018-03-14 5 title;");
	commit(fx, "planning-committee/2019-02-13/minutes.yaml", NULL);
	got = hits(fx, "xylophone", &u);
	assert_int_equal(u.removed, 1);
	assert_string_equal(got, "");
	free(got);
}

static void test_unreadable_minutes_are_not_searched(void **state)
{
	struct fx *fx = *state;
	commit(fx, "planning-committee/2019-03-13/minutes.yaml", "items: [strategy\n");
	struct search_update u;
	char *got = hits(fx, "strategy", &u);
	assert_int_equal(u.unreadable, 1);
	assert_string_equal(got, "planning-committee/2019-01-09 1 summary;"
			    "communities-board/2018-03-14 5 title;"
			    "communities-board/2018-03-14 5 decision;");
	free(got);
}

static void test_damaged_index_is_rebuilt(void **state)
{
	struct fx *fx = *state;
	free(hits(fx, "strategy", NULL));
	char *path = search_index_path(fx->a);
	static const char *const damage[] = { "garbage\n", "" };
	for (size_t i = 0; i < 2; i++) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(damage[i], f);
		assert_int_equal(fclose(f), 0);
		struct search_update u;
		char *got = hits(fx, "integration", &u);
		assert_true(u.rebuilt);
		assert_false(u.in_memory);
		assert_string_equal(got, "communities-board/2018-03-14 5 comment;");
		free(got);
	}
	/* Gone altogether: made again. */
	assert_int_equal(unlink(path), 0);
	expect_hits(fx, "integration", "communities-board/2018-03-14 5 comment;");
	assert_int_equal(access(path, F_OK), 0);
	free(path);
}

/* A first build of many meetings reads and loads them on a second
 * thread (search_feed.c): every meeting is there, in the index's order,
 * an unreadable one counted and left out. */
static void test_first_build_of_many_meetings(void **state)
{
	struct fx *fx = *state;
	enum { N = 90 };
	struct archive_file files[N + 1];
	char *paths[N + 1], *texts[N + 1];
	struct buf want = BUF_INIT;
	for (int i = 0; i <= N; i++) {
		struct buf p = BUF_INIT, t = BUF_INIT;
		int month = 1 + i / 28, day = 1 + i % 28;
		buf_addf(&p, "harbour-board/2020-%02d-%02d/minutes.yaml", month, day);
		if (i == N)
			buf_addstr(&t, "items: [harbour\n");
		else
			buf_addf(&t, "format: gavel-minutes/1\ncommittee: Harbour Board\n"
				 "date: 2020-%02d-%02d\nstatus: draft\nitems:\n"
				 "  - number: \"%d\"\n    title: Moorings %d\n"
				 "    summary: The harbour dues were set.\n", month, day, i + 1, i + 1);
		paths[i] = buf_detach(&p, NULL);
		texts[i] = buf_detach(&t, NULL);
		files[i] = (struct archive_file){ paths[i], texts[i], strlen(texts[i]) };
	}
	for (int i = N - 1; i >= 0; i--)
		buf_addf(&want, "harbour-board/2020-%02d-%02d %d summary;", 1 + i / 28,
			 1 + i % 28, i + 1);
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_commit(fx->a, files, N + 1, "Minutes\n", NULL, &err), 0);
	diags_free(&err);
	struct search_update u;
	char *got = hits(fx, "harbour dues", &u);
	assert_true(u.rebuilt);
	assert_int_equal(u.indexed, N + 1 + 2);
	assert_int_equal(u.unreadable, 1);
	assert_string_equal(got, want.data);
	free(got);
	expect_hits(fx, "strategy", "planning-committee/2019-01-09 1 summary;"
		    "communities-board/2018-03-14 5 title;"
		    "communities-board/2018-03-14 5 decision;");
	/* An update after the first build's batches: the old words of the
	 * changed meeting gone from the index, the new ones found, the other
	 * meetings untouched. */
	const char *changed = "format: gavel-minutes/1\ncommittee: Harbour Board\n"
		"date: 2020-01-01\nstatus: draft\nitems:\n  - number: \"1\"\n"
		"    title: Moorings 1\n    summary: The quay fees were set.\n";
	struct archive_file one = { paths[0], changed, strlen(changed) };
	diags_init(&err);
	assert_int_equal(archive_commit(fx->a, &one, 1, "Correction\n", NULL, &err), 0);
	diags_free(&err);
	char *last = strstr(want.data, "harbour-board/2020-01-01 ");
	assert_non_null(last);
	*last = '\0';
	got = hits(fx, "harbour dues", &u);
	assert_false(u.rebuilt);
	assert_int_equal(u.indexed, 1);
	assert_string_equal(got, want.data);
	free(got);
	expect_hits(fx, "quay fees", "harbour-board/2020-01-01 1 summary;");
	for (int i = 0; i <= N; i++) {
		free(paths[i]);
		free(texts[i]);
	}
	buf_free(&want);
}

/* The harbour board's meetings for the open actions: actions set, then
 * updated in later meetings (done, in progress with a note, dropped, an
 * update in the action's own meeting that does not count), a format-1
 * done: date, an action without an id, and two meetings on one date. */
static const char *const harbour[][2] = {
	{ "harbour-board/2020-01-10", "items:\n  - number: \"1\"\n    title: Moorings\n"
	  "    actions:\n      - id: 2020-01-10/1\n        text: Survey the moorings.\n"
	  "        owner: Jo Reid\n        due: 2020-02-01\n"
	  "      - id: 2020-01-10/2\n        text: Write to the council.\n"
	  "      - id: 2020-01-10/3\n        text: Paint the slipway.\n        done: 2020-01-20\n"
	  "      - text: Thank the volunteers.\n"
	  "  - number: \"2\"\n    title: Matters arising\n    action_updates:\n"
	  "      - action: 2020-01-10/2\n        status: done\n" },
	{ "harbour-board/2020-02-14", "items:\n  - number: \"3\"\n    title: Matters arising\n"
	  "    action_updates:\n      - action: 2020-01-10/1\n        status: in-progress\n"
	  "        note: Half the moorings done.\n"
	  "    actions:\n      - id: 2020-02-14/1\n        text: Order new chains.\n"
	  "        owner: Sam Patel\n" },
	{ "harbour-board/2020-02-14-2", "items:\n  - number: \"1\"\n    title: Matters arising\n"
	  "    action_updates:\n      - action: 2020-02-14/1\n        status: dropped\n"
	  "      - action: 2020-01-10/2\n        status: in-progress\n        note: Drafted.\n" },
	{ "harbour-board/2020-03-20", "items:\n  - number: \"4\"\n    title: Matters arising\n"
	  "    action_updates:\n      - action: 2020-01-10/1\n        status: done\n" },
	{ "harbour-board/2020-04-17", "items:\n  - number: \"1\"\n    title: Apologies\n" },
};

static char *harbour_minutes(size_t i)
{
	struct buf b = BUF_INIT;
	const char *folder = strchr(harbour[i][0], '/') + 1;
	buf_addf(&b, "format: gavel-minutes/2\ncommittee: Harbour Board\ndate: %.10s\n"
		 "status: draft\n%s", folder, harbour[i][1]);
	return buf_detach(&b, NULL);
}

static void describe(struct buf *b, const struct open_action *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_addf(b, "%s|%s|%s|%s|%s|%s|%d|%s|%s;", v[i].id, v[i].folder, v[i].item,
			 v[i].text, v[i].owner ? v[i].owner : "-", v[i].due, v[i].in_progress,
			 v[i].note ? v[i].note : "-", v[i].updated ? v[i].updated : "-");
}

static bool before_april(const char *meeting, const void *ctx)
{
	(void)ctx;
	return strcmp(meeting, "harbour-board/2020-04") < 0;
}

/* The registers give matters arising the list reading the minutes gives,
 * at every meeting. */
static void test_open_actions_from_the_registers(void **state)
{
	struct fx *fx = *state;
	enum { N = sizeof(harbour) / sizeof(harbour[0]) };
	struct archive_file files[N];
	char *texts[N], *paths[N];
	struct minutes *mins[N];
	struct yamlfile docs[N];
	for (size_t i = 0; i < N; i++) {
		struct buf p = BUF_INIT;
		buf_addf(&p, "%s/minutes.yaml", harbour[i][0]);
		paths[i] = buf_detach(&p, NULL);
		texts[i] = harbour_minutes(i);
		files[i] = (struct archive_file){ paths[i], texts[i], strlen(texts[i]) };
		struct diags d;
		diags_init(&d);
		if (yamlfile_load_mem(&docs[i], paths[i], texts[i], strlen(texts[i]),
				      YAMLFILE_MINUTES, &d) != YAMLFILE_OK)
			fail_msg("%s: %s", paths[i], d.n ? d.v[0].msg : "?");
		diags_free(&d);
		mins[i] = docs[i].minutes;
	}
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_commit(fx->a, files, N, "Minutes\n", NULL, &err), 0);
	struct search *s = NULL;
	assert_int_equal(search_open_current(&s, fx->a, NULL, NULL), 0);    /* not built yet */
	free(hits(fx, "moorings", NULL));
	assert_int_equal(search_open_current(&s, fx->a, NULL, NULL), 1);
	size_t total = 0;
	for (size_t i = 0; i < N; i++) {
		struct open_actions_meeting ms[N];
		for (size_t j = 0; j < i; j++)
			ms[j] = (struct open_actions_meeting){ strchr(harbour[j][0], '/') + 1, mins[j] };
		struct open_action *want = NULL, *got = NULL;
		size_t nwant = 0, ngot = 0;
		open_actions_of(ms, i, &want, &nwant);
		if (registers_open_actions(s, harbour[i][0], &got, &ngot, &err) != 0)
			fail_msg("%s", err.n ? err.v[0].msg : "?");
		struct buf bw = BUF_INIT, bg = BUF_INIT;
		describe(&bw, want, nwant);
		describe(&bg, got, ngot);
		buf_addstr(&bw, "");
		buf_addstr(&bg, "");
		assert_string_equal(bg.data, bw.data);
		total += ngot;
		if (i == 3)     /* the chains dropped, the council in progress */
			assert_string_equal(bg.data, "2020-01-10/1|2020-01-10|1|Survey the moorings."
					    "|Jo Reid|2020-02-01|1|Half the moorings done.|2020-02-14;"
					    "2020-01-10/2|2020-01-10|1|Write to the council.|-||1|"
					    "Drafted.|2020-02-14-2;");
		buf_free(&bw);
		buf_free(&bg);
		open_actions_free(want, nwant);
		open_actions_free(got, ngot);
	}
	assert_true(total > 0);
	search_close(s);
	/* A commit since: not current until searched again. */
	commit(fx, "harbour-board/2020-05-15/minutes.yaml", planning);
	assert_int_equal(search_open_current(&s, fx->a, NULL, NULL), 0);
	assert_null(s);
	/* ... unless the caller says that meeting does not matter to it. */
	assert_int_equal(search_open_current(&s, fx->a, before_april, NULL), 1);
	search_close(s);
	commit(fx, "harbour-board/2020-03-21/minutes.yaml", planning);
	assert_int_equal(search_open_current(&s, fx->a, before_april, NULL), 0);
	diags_free(&err);
	for (size_t i = 0; i < N; i++) {
		yamlfile_free(&docs[i]);
		free(paths[i]);
		free(texts[i]);
	}
}

/* The register of decisions: an item's decision typed, else each motion
 * carried in it, as "RESOLVED: that ..." (an amendment carried, a motion
 * lost or a decision typed beside a motion carried adds none). */
static const char council[] =
	"format: gavel-minutes/2\n"
	"committee: Planning Committee\n"
	"date: 2019-02-13\n"
	"status: draft\n"
	"items:\n"
	"  - number: \"4\"\n"
	"    title: Land at Mill Lane\n"
	"    minute: 44\n"
	"    motions:\n"
	"      - text: That planning permission be refused.\n"
	"        amendments:\n"
	"          - text: That the refusal cite the access.\n"
	"            outcome: carried\n"
	"        outcome: carried\n"
	"  - number: \"5\"\n"
	"    title: Elm Road\n"
	"    motions:\n"
	"      - text: That the order be confirmed.\n"
	"        outcome: lost\n"
	"  - number: \"6\"\n"
	"    title: Station Road\n"
	"    motions:\n"
	"      - text: That permission be granted.\n"
	"        outcome: carried\n"
	"    decision: \"RESOLVED: that permission be granted, with conditions.\"\n";

static int collect_decision(const struct reg_decision *d, void *ctx)
{
	buf_addf(ctx, "%s %s %u %s;", d->meeting, d->item ? d->item : "-", d->minute, d->text);
	return 0;
}

static char *decisions(struct fx *fx, const char *text)
{
	struct search *s = NULL;
	struct search_update u;
	struct query q;
	struct diags err;
	struct buf b = BUF_INIT;
	size_t count = 0;
	diags_init(&err);
	if (search_open(&s, fx->a, NULL, NULL, &u, &err) != 0)
		fail_msg("search_open: %s", err.n ? err.v[0].msg : "?");
	if (query_parse_filters(text, strlen(text), &q, true, &err) != 0)
		fail_msg("query %s: %s", text, err.n ? err.v[0].msg : "?");
	if (registers_decisions(s, &q, collect_decision, &b, &count, &err) != 0)
		fail_msg("decisions %s: %s", text, err.n ? err.v[0].msg : "?");
	query_free(&q);
	search_close(s);
	diags_free(&err);
	buf_addstr(&b, "");
	return buf_detach(&b, NULL);
}

static void test_decisions_of_motions_carried(void **state)
{
	struct fx *fx = *state;
	commit(fx, "planning-committee/2019-02-13/minutes.yaml", council);
	char *got = decisions(fx, "committee:planning-committee since:2019-02-01");
	assert_string_equal(got,
			    "planning-committee/2019-02-13 4 44 RESOLVED: that planning "
			    "permission be refused.;"
			    "planning-committee/2019-02-13 6 0 RESOLVED: that permission be "
			    "granted, with conditions.;");
	free(got);
	/* Its words find it, through the motion's row. */
	got = decisions(fx, "refused");
	assert_string_equal(got, "planning-committee/2019-02-13 4 44 RESOLVED: that "
			    "planning permission be refused.;");
	free(got);
	got = decisions(fx, "confirmed");
	assert_string_equal(got, "");
	free(got);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_words),
		T(test_accents_and_case),
		T(test_phrases),
		T(test_filters),
		T(test_update_after_commits),
		T(test_unreadable_minutes_are_not_searched),
		T(test_damaged_index_is_rebuilt),
		T(test_first_build_of_many_meetings),
		T(test_open_actions_from_the_registers),
		T(test_decisions_of_motions_carried),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
