/* registers: the registers' queries (registers.h); the tables are filled
 * by registers_index.c. */
#include "minutes/search/registers.h"
#include "minutes/search/search_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Meeting ids by key.  Rows come meeting by meeting in ascending key
 * order, so a register that reads most meetings (`seq`) walks the
 * meetings table alongside them in key order, one step at a time, instead
 * of looking each one up; one that reads few looks each up. */
struct mcache {
	sqlite3_stmt *st;
	bool seq;
	bool started, at_end;   /* seq: the walk begun; past its last meeting */
	long long cur;          /* seq: the key the walk stands on */
	long long key;          /* lookup: the key of `id` */
	char *id;
};

static int mcache_open(struct mcache *c, struct search *s, bool seq)
{
	memset(c, 0, sizeof(*c));
	c->key = -1;
	c->seq = seq;
	return sqlite3_prepare_v2(s->db, seq ? "SELECT key, id FROM meetings WHERE key >= ?"
				  " ORDER BY key" : "SELECT id FROM meetings WHERE key = ?",
				  -1, &c->st, NULL);
}

static void walk_step(struct mcache *c)
{
	if (sqlite3_step(c->st) == SQLITE_ROW)
		c->cur = sqlite3_column_int64(c->st, 0);
	else
		c->at_end = true;
}

static const char *mcache_get(struct mcache *c, long long row)
{
	long long key = row >> ROW_BITS;
	if (c->seq) {
		if (!c->started || key < c->cur) {
			sqlite3_reset(c->st);
			sqlite3_bind_int64(c->st, 1, key);
			c->started = true;
			c->at_end = false;
			walk_step(c);
		}
		while (!c->at_end && c->cur < key)
			walk_step(c);
		return !c->at_end && c->cur == key ? (const char *)sqlite3_column_text(c->st, 1)
			: NULL;
	}
	if (key == c->key)
		return c->id;
	free(c->id);
	c->id = NULL;
	c->key = key;
	sqlite3_bind_int64(c->st, 1, key);
	if (sqlite3_step(c->st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(c->st, 0);
		c->id = id ? xstrdup(id) : NULL;
	}
	sqlite3_reset(c->st);
	return c->id;
}

static void mcache_close(struct mcache *c)
{
	sqlite3_finalize(c->st);
	free(c->id);
}

static bool of_committee(const char *id, const char *slug)
{
	size_t n = strlen(slug);
	return !strncmp(id, slug, n) && id[n] == '/';
}

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Whether `needle` is in `hay`, ASCII case ignored. */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

static int finish(struct search *s, sqlite3_stmt *st, int rc, struct diags *err,
		  const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		search_db_fail(s, err, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int registers_actions(struct search *s, const struct reg_action_filter *f,
		      int (*each)(const struct reg_action *a, void *ctx), void *ctx,
		      size_t *count, struct diags *err)
{
	const char *sql = f->open_only || f->due_before
		? "SELECT row, ref, item, idx, text, owner, due, done, state, note, upd, note_exempt"
		  " FROM actions NOT INDEXED WHERE open = 1 ORDER BY row"
		: f->done_only
		? "SELECT row, ref, item, idx, text, owner, due, done, state, note, upd, note_exempt"
		  " FROM actions WHERE state = 2 ORDER BY row"
		: "SELECT row, ref, item, idx, text, owner, due, done, state, note, upd, note_exempt"
		  " FROM actions ORDER BY row";
	struct mcache mc, uc;
	sqlite3_stmt *st = NULL;
	*count = 0;
	int rc = mcache_open(&mc, s, true);
	if (rc == SQLITE_OK)
		rc = mcache_open(&uc, s, false);
	else
		uc.st = NULL, uc.id = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		const char *id = mcache_get(&mc, sqlite3_column_int64(st, 0));
		if (!id || (f->committee && !of_committee(id, f->committee)))
			continue;
		struct reg_action a = {
			.meeting = id, .ref = col(st, 1), .item = col(st, 2),
			.index = (unsigned)sqlite3_column_int(st, 3), .text = col(st, 4),
			.owner = col(st, 5), .due = col(st, 6), .done = col(st, 7),
			.state = (enum reg_state)sqlite3_column_int(st, 8), .note = col(st, 9),
			.note_exempt = sqlite3_column_int(st, 11) != 0,
		};
		if (f->owner && !contains(a.owner, f->owner))
			continue;
		if (f->due_before && (!a.due || strcmp(a.due, f->due_before) >= 0))
			continue;
		if (sqlite3_column_type(st, 10) != SQLITE_NULL)
			a.updated = mcache_get(&uc, sqlite3_column_int64(st, 10));
		if (!a.text)
			a.text = "";
		++*count;
		if (each && each(&a, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	rc = finish(s, st, rc, err, "cannot read the actions");
	mcache_close(&mc);
	mcache_close(&uc);
	return rc;
}

int registers_decisions(struct search *s, const struct query *q,
			int (*each)(const struct reg_decision *d, void *ctx), void *ctx,
			size_t *count, struct diags *err)
{
	struct buf sql = BUF_INIT, match = BUF_INIT;
	query_match(q, "text", "by", &match);
	if (match.len)
		buf_addf(&sql, "SELECT d.row, d.item, d.minute, d.title, d.text FROM fields f"
			 " JOIN decisions d ON d.row = f.rowid WHERE fields MATCH ?1"
			 " AND f.kind IN (%d, %d)%s%s ORDER BY f.rowid", K_DECISION, K_MOTION,
			 *q->since ? " AND f.rowid <= ?2" : "",
			 *q->until ? " AND f.rowid >= ?3" : "");
	else
		buf_addf(&sql, "SELECT row, item, minute, title, text FROM decisions"
			 " WHERE 1%s%s ORDER BY row",
			 *q->since ? " AND row <= ?2" : "", *q->until ? " AND row >= ?3" : "");
	struct mcache mc;
	sqlite3_stmt *st = NULL;
	*count = 0;
	int rc = mcache_open(&mc, s, !match.len);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL);
	buf_free(&sql);
	if (rc == SQLITE_OK) {
		if (match.len)
			sqlite3_bind_text(st, 1, match.data, (int)match.len, SQLITE_STATIC);
		if (*q->since)
			sqlite3_bind_int64(st, 2, search_row_base(q->since, SLOT_MAX) | ROW_MAX);
		if (*q->until)
			sqlite3_bind_int64(st, 3, search_row_base(q->until, 0));
	}
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		const char *id = mcache_get(&mc, sqlite3_column_int64(st, 0));
		if (!id)
			continue;
		bool wanted = !q->ncommittees;
		for (size_t i = 0; i < q->ncommittees && !wanted; i++)
			wanted = of_committee(id, q->committees[i]);
		if (!wanted)
			continue;
		struct reg_decision d = {
			.meeting = id, .item = col(st, 1),
			.minute = (unsigned)sqlite3_column_int64(st, 2),
			.title = col(st, 3), .text = col(st, 4),
		};
		if (!d.text)
			d.text = "";
		++*count;
		if (each && each(&d, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	rc = finish(s, st, rc, err, "cannot read the decisions");
	mcache_close(&mc);
	buf_free(&match);
	return rc;
}

static struct reg_attendee *attendee(struct reg_attendance *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	struct reg_attendee *a = &r->v[r->n++];
	memset(a, 0, sizeof(*a));
	a->name = xstrdup(name);
	return a;
}

int registers_attendance(struct search *s, const char *slug, const char *since,
			 const char *until, struct reg_attendance *out,
			 struct diags *err)
{
	memset(out, 0, sizeof(*out));
	/* The committee's meetings, by the unique index on id; then each
	 * meeting's rows, by its range of row ids. */
	struct buf lo = BUF_INIT, hi = BUF_INIT;
	buf_addf(&lo, "%s/", slug);
	buf_addf(&hi, "%s0", slug);     /* '0' follows '/' */
	sqlite3_stmt *ms = NULL, *as = NULL;
	int rc = sqlite3_prepare_v2(s->db, "SELECT key, date FROM meetings WHERE id >= ?"
				    " AND id < ? AND ok AND key >= 0 ORDER BY key", -1, &ms, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db, "SELECT name, kind FROM attendance"
					" WHERE row BETWEEN ? AND ? ORDER BY row", -1, &as, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(ms, 1, lo.data, -1, SQLITE_STATIC);
		sqlite3_bind_text(ms, 2, hi.data, -1, SQLITE_STATIC);
	}
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(ms);
		if (rc != SQLITE_ROW)
			break;
		long long key = sqlite3_column_int64(ms, 0);
		const char *date = col(ms, 1);
		if (!date || (*since && strcmp(date, since) < 0) ||
		    (*until && strcmp(date, until) > 0))
			continue;
		out->dates = xrealloc(out->dates, (out->nmeetings + 1) * sizeof(*out->dates));
		out->dates[out->nmeetings++] = xstrdup(date);
		sqlite3_bind_int64(as, 1, key << ROW_BITS);
		sqlite3_bind_int64(as, 2, (key << ROW_BITS) | ROW_MAX);
		while ((rc = sqlite3_step(as)) == SQLITE_ROW) {
			const char *name = col(as, 0);
			int kind = sqlite3_column_int(as, 1);
			if (!name)
				continue;
			struct reg_attendee *a = attendee(out, name);
			/* Newest first: the last seen is the first meeting. */
			snprintf(a->first, sizeof(a->first), "%s", date);
			if (kind == 0)
				a->present++;
			else if (kind == 1)
				a->apologies++;
			else
				a->absent++;
		}
		sqlite3_reset(as);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(as);
	buf_free(&lo);
	buf_free(&hi);
	if (finish(s, ms, rc, err, "cannot read the attendance") < 0) {
		registers_attendance_free(out);
		return -1;
	}
	return 0;
}

void registers_attendance_free(struct reg_attendance *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].name);
	for (size_t i = 0; i < r->nmeetings; i++)
		free(r->dates[i]);
	free(r->v);
	free(r->dates);
	memset(r, 0, sizeof(*r));
}

static bool is_member(const struct committee *com, const char *name)
{
	for (size_t i = 0; com && i < com->members.n; i++)
		if (com->members.v[i].name && !strcmp(com->members.v[i].name, name))
			return true;
	return false;
}

/* Meetings of `r` on or after `date`. */
static size_t meetings_since(const struct reg_attendance *r, const char *date)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nmeetings; i++)
		n += strcmp(r->dates[i], date) >= 0;
	return n;
}

void registers_attendance_rows(const struct reg_attendance *r, const struct committee *com,
			       void (*each)(void *ctx, const char *name, const size_t n[4]),
			       void *ctx)
{
	for (size_t i = 0; com && i < com->members.n; i++) {
		const char *name = com->members.v[i].name;
		const struct reg_attendee *at = NULL;
		if (!name)
			continue;
		for (size_t j = 0; j < r->n && !at; j++)
			if (!strcmp(r->v[j].name, name))
				at = &r->v[j];
		size_t expected = at ? meetings_since(r, at->first) : r->nmeetings;
		size_t pr = at ? at->present : 0, ap = at ? at->apologies : 0;
		each(ctx, name, (size_t[4]){ expected, pr, ap, expected - pr - ap });
	}
	for (size_t j = 0; j < r->n; j++) {
		const struct reg_attendee *at = &r->v[j];
		if (!is_member(com, at->name))
			each(ctx, at->name, (size_t[4]){ at->present + at->apologies + at->absent,
							 at->present, at->apologies, at->absent });
	}
}

int registers_committees(struct search *s, char ***out, size_t *n, struct diags *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	/* Skips from one committee to the next through the index on id. */
	int rc = sqlite3_prepare_v2(s->db, "SELECT id FROM meetings WHERE id >= ? ORDER BY id"
				    " LIMIT 1", -1, &st, NULL);
	struct buf next = BUF_INIT;
	while (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, next.len ? next.data : "", -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		const char *id = col(st, 0);
		const char *slash = id ? strchr(id, '/') : NULL;
		if (!slash) {
			rc = SQLITE_DONE;
			break;
		}
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = xstrndup(id, (size_t)(slash - id));
		buf_reset(&next);
		buf_add(&next, id, (size_t)(slash - id));
		buf_addch(&next, '0');
		sqlite3_reset(st);
		rc = SQLITE_OK;
	}
	buf_free(&next);
	return finish(s, st, rc, err, "cannot read the committees");
}
