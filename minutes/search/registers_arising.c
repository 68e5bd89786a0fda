/*
 * registers_arising: the open actions matters arising lists at a meeting
 * (registers.h), answered from the registers' tables instead of reading
 * every earlier meeting: the same list, in the same order, as
 * open_actions_of (minutes/model/open_actions.h) gives from the minutes.
 *
 * The register's own status is the latest of all updates; here only the
 * meetings before the one held count, so the actions and the updates of
 * the committee's earlier meetings are read in meeting order (date, then
 * folder; within a meeting the order of the minutes) and replayed as
 * open_actions_of does: a meeting's updates, then its actions.
 */
#include "minutes/search/registers.h"
#include "minutes/search/search_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arow {
	char *meeting;          /* "<slug>/<folder>" */
	char *date;
	char *ref;              /* "<slug>/<id>" */
	bool added, closed, in_progress;
	char *item, *text, *owner, *due, *note, *updated;
};

static char *dup_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s && *s ? xstrdup(s) : NULL;
}

/* (date, meeting) of a and b, compared. */
static int order(const char *da, const char *ma, const char *db, const char *mb)
{
	int c = strcmp(da, db);
	return c ? c : strcmp(ma, mb);
}

static int by_ref(const void *x, const void *y)
{
	const struct arow *a = *(struct arow *const *)x, *b = *(struct arow *const *)y;
	int c = strcmp(a->ref, b->ref);
	return c ? c : (a < b ? -1 : a > b);    /* the first of a ref first */
}

/* The first action of `ref` in meeting order, or NULL. */
static struct arow *first_of(struct arow **sorted, size_t n, const char *ref)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(sorted[mid]->ref, ref) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(sorted[lo]->ref, ref) ? sorted[lo] : NULL;
}

#define STR_(x) #x
#define STR(x) STR_(x)

static const char q_actions[] =
	"SELECT m.date, m.id, a.ref, a.item, a.text, a.owner, a.due, a.done"
	" FROM actions a JOIN meetings m ON m.key = a.row >> " STR(ROW_BITS)
	" WHERE a.ref >= ?1 AND a.ref < ?2 AND instr(a.ref, '#') = 0 AND m.id < ?3"
	" ORDER BY m.date, m.id, a.row";
static const char q_updates[] =
	"SELECT m.date, m.id, u.action, u.status, u.note"
	" FROM updates u JOIN meetings m ON m.key = u.row >> " STR(ROW_BITS)
	" WHERE u.action >= ?1 AND u.action < ?2 AND m.id < ?3"
	" ORDER BY m.date, m.id, u.row";

static int prepare(struct search *s, const char *sql, const char *slug, const char *id,
		   sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	struct buf lo = BUF_INIT, hi = BUF_INIT;
	buf_addf(&lo, "%s/", slug);
	buf_addf(&hi, "%s0", slug);         /* '0' follows '/' */
	sqlite3_bind_text(*st, 1, lo.data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 2, hi.data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 3, id, -1, SQLITE_TRANSIENT);
	buf_free(&lo);
	buf_free(&hi);
	return SQLITE_OK;
}

static void arow_free(struct arow *r)
{
	free(r->meeting);
	free(r->date);
	free(r->ref);
	free(r->item);
	free(r->text);
	free(r->owner);
	free(r->due);
	free(r->note);
	free(r->updated);
}

int registers_open_actions(struct search *s, const char *id, struct open_action **out,
			   size_t *n, struct diags *err)
{
	*out = NULL;
	*n = 0;
	const char *slash = strchr(id, '/');
	if (!slash)
		return 0;
	char *slug = xstrndup(id, (size_t)(slash - id));
	size_t skip = strlen(slug) + 1;
	struct arow *v = NULL;
	size_t nv = 0, cap = 0;
	sqlite3_stmt *st = NULL, *up = NULL;
	int rc = prepare(s, q_actions, slug, id, &st);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		xgrow((void **)&v, &cap, nv + 1, sizeof(*v));
		struct arow *r = &v[nv++];
		memset(r, 0, sizeof(*r));
		r->date = dup_col(st, 0);
		r->meeting = dup_col(st, 1);
		r->ref = dup_col(st, 2);
		if (!r->ref)
			r->ref = xstrdup("");
		r->item = dup_col(st, 3);
		r->text = dup_col(st, 4);
		r->owner = dup_col(st, 5);
		r->due = dup_col(st, 6);
		char *done = dup_col(st, 7);
		r->closed = done != NULL;
		free(done);
	}
	if (rc == SQLITE_DONE)
		rc = prepare(s, q_updates, slug, id, &up);
	struct arow **sorted = xcalloc(nv ? nv : 1, sizeof(*sorted));
	for (size_t i = 0; i < nv; i++)
		sorted[i] = &v[i];
	if (nv > 1)
		qsort(sorted, nv, sizeof(*sorted), by_ref);
	/* Replayed in meeting order: a meeting's updates before its actions. */
	size_t next = 0;
	int urc = rc == SQLITE_OK ? sqlite3_step(up) : rc;
	for (;;) {
		bool have_u = urc == SQLITE_ROW;
		if (!have_u && next == nv)
			break;
		const char *ud = have_u ? (const char *)sqlite3_column_text(up, 0) : NULL;
		const char *um = have_u ? (const char *)sqlite3_column_text(up, 1) : NULL;
		if (!ud)
			ud = "";
		if (!um)
			um = "";
		if (have_u && (next == nv || order(ud, um, v[next].date ? v[next].date : "",
						   v[next].meeting ? v[next].meeting : "") <= 0)) {
			const char *ref = (const char *)sqlite3_column_text(up, 2);
			struct arow *a = ref ? first_of(sorted, nv, ref) : NULL;
			if (a && a->added) {
				int status = sqlite3_column_int(up, 3);
				a->closed = status != 1;        /* 1: in progress */
				a->in_progress = status == 1;
				free(a->note);
				a->note = dup_col(up, 4);
				free(a->updated);
				a->updated = xstrdup(strlen(um) > skip ? um + skip : um);
			}
			urc = sqlite3_step(up);
			continue;
		}
		if (!have_u && urc != SQLITE_DONE)
			break;
		struct arow *a = &v[next++];
		if (first_of(sorted, nv, a->ref) == a)
			a->added = true;        /* a later action of the same id is not */
	}
	if (urc != SQLITE_ROW && urc != SQLITE_DONE)
		rc = urc;
	else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	size_t ocap = 0;
	for (size_t i = 0; rc == SQLITE_OK && i < nv; i++) {
		struct arow *a = &v[i];
		if (!a->added || a->closed)
			continue;
		xgrow((void **)out, &ocap, *n + 1, sizeof(**out));
		struct open_action *o = &(*out)[(*n)++];
		memset(o, 0, sizeof(*o));
		o->id = xstrdup(strlen(a->ref) > skip ? a->ref + skip : a->ref);
		o->folder = xstrdup(a->meeting && strlen(a->meeting) > skip ? a->meeting + skip : "");
		o->item = xstrdup(a->item ? a->item : "");
		o->text = xstrdup(a->text ? a->text : "");
		o->owner = a->owner ? xstrdup(a->owner) : NULL;
		snprintf(o->due, sizeof(o->due), "%s", a->due ? a->due : "");
		o->in_progress = a->in_progress;
		o->note = a->note ? xstrdup(a->note) : NULL;
		o->updated = a->updated ? xstrdup(a->updated) : NULL;
	}
	for (size_t i = 0; i < nv; i++)
		arow_free(&v[i]);
	free(v);
	free(sorted);
	free(slug);
	sqlite3_finalize(up);
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		open_actions_free(*out, *n);
		*out = NULL;
		*n = 0;
		search_db_fail(s, err, "cannot read the actions register");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
