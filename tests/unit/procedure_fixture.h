/*
 * procedure_fixture: what test_form, test_procedure and test_procedure_votes share:
 * a live session over a repository made from tests/data (members Cllr
 * Alex Morgan, Cllr Sam Patel, Cllr Zoë Reid; items 3, 5 and 12.1), its
 * form started, and the clerk's hands on a sheet (focus a row, pick a
 * choice by name, type into a row and go on).
 */
#ifndef GAVEL_TEST_PROCEDURE_FIXTURE_H
#define GAVEL_TEST_PROCEDURE_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"
#include "minutes/git/meeting.h"
#include "minutes/session/session.h"
#include "tui/edit/form.h"
#include "tui/edit/form_arising.h"
#include "tui/edit/form_journal.h"
#include "tui/edit/form_nav.h"
#include "tui/edit/form_phrases.h"
#include "tui/edit/form_roll.h"
#include "tui/edit/form_proc.h"
#include "tui/edit/form_sheet.h"

#define ID "communities-board/2018-03-14"
#define ITEM_3 0        /* Minutes of the previous meeting (confirms) */
#define ITEM_5 1        /* Integrated Communities Strategy */

struct fx {
	char *root;
	struct archive *a;
	struct session *s;
	struct form f;
};

static inline void fail_diags(const char *what, struct diags *d)
{
	char *m = d->n ? diag_format(&d->v[0]) : xstrdup("?");
	fail_msg("%s: %s", what, m);
}

static inline int setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/gavel-proc.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fx->root = buf_detach(&b, NULL);
	if (!mkdtemp(fx->root))
		return -1;
	char path[4096];

	struct diags d;
	diags_init(&d);
	snprintf(path, sizeof(path), "%s/repo", fx->root);
	if (archive_init(&fx->a, path, false, &d))
		fail_diags("archive_init", &d);
	FILE *cf = fopen("tests/data/committee-full.yaml", "r");
	assert_non_null(cf);
	struct buf com = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), cf)) > 0)
		buf_add(&com, chunk, n);
	fclose(cf);
	struct archive_file file = { "communities-board/committee.yaml", com.data, com.len };
	if (archive_commit(fx->a, &file, 1, "committee", NULL, &d))
		fail_diags("archive_commit", &d);
	buf_free(&com);
	struct meeting_spec spec = { "communities-board", "2018-03-14",
				     "tests/data/agenda-full.yaml", NULL, NULL };
	char *id = NULL;
	if (meeting_create(fx->a, &spec, &id, &d))
		fail_diags("meeting_create", &d);
	assert_string_equal(id, ID);
	free(id);
	if (session_open(&fx->s, fx->a, ID, false, NULL, &d))
		fail_diags("session_open", &d);
	diags_free(&d);
	form_init(&fx->f, fx->s);
	form_nav_start(&fx->f, NULL, NULL);
	*state = fx;
	return 0;
}

static inline int teardown(void **state)
{
	struct fx *fx = *state;
	struct diags d;
	diags_init(&d);
	form_free(&fx->f);
	session_close(fx->s, false, &d);
	archive_free(fx->a);
	diags_free(&d);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->root);
	if (system(cmd) != 0)
		return -1;
	free(fx->root);
	free(fx);
	return 0;
}

/* ---- the clerk's hands ---- */

static inline struct person *present(struct minutes *m, const char *name)
{
	for (size_t i = 0; i < m->present.n; i++)
		if (!strcmp(m->present.v[i].name, name))
			return &m->present.v[i];
	return NULL;
}

/* Selects `name` on the attendance list. */
static inline void select_person(struct form *f, const char *name)
{
	for (f->sel = 0; f->sel < f->roll.n; f->sel++)
		if (!strcmp(f->roll.v[f->sel].name, name))
			return;
	fail_msg("%s is not on the list", name);
}

/* Focuses the sheet's row `what` of entry (a, b). */
static inline void row(struct sheet *sh, enum sheet_what what, size_t a, size_t b)
{
	for (size_t i = 0; i < sh->nrows; i++)
		if (sh->rows[i].what == what && sh->rows[i].a == a && sh->rows[i].b == b) {
			long delta = (long)i - (long)sh->focus;
			assert_true(sheet_move(sh, delta));
			assert_int_equal(sh->focus, i);
			return;
		}
	fail_msg("no row %d (%zu, %zu)", (int)what, a, b);
}

/* Picks the choice named `name` on the focused row. */
static inline void pick(struct sheet *sh, const char *name)
{
	size_t n = sheet_choices(sh, sheet_focused(sh));
	for (size_t i = 0; i < n; i++)
		if (!strcmp(sh->choices[i], name) || !strncmp(sh->choices[i], name, strlen(name))) {
			assert_true(sheet_pick(sh, i));
			return;
		}
	fail_msg("no choice %s", name);
}

static inline void type(struct sheet *sh, const char *text)
{
	sheet_set_text(sh, text);
	assert_true(sheet_move(sh, 1));
}

#endif
