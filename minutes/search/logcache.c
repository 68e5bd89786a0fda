/*
 * logcache: archive_log_max without reading trees for each commit
 * (logcache.h).
 *
 * Which paths a commit changed never changes, so it is worked out once
 * (minutes/git/walk.h) and kept in four tables of the search index's
 * SQLite file:
 *
 *   LC_TABLE (commits)  cn (its number), id, number of parents, pos: the
 *                       commit's place in the line of commits without
 *                       merges that ends at the last HEAD seen (0 for its
 *                       root), else NULL
 *   LC_PARENTS          cn, n, parent: the commit's parents (ids), in order
 *   LC_PATHS            pn (its number), path
 *   LC_CHANGES          pn, cn, parent: the "units" whose tree entries
 *                       differ between the commit and its parent number
 *                       `parent` (for a first commit, 0: against nothing)
 *
 * The units are the top-level names (a committee's folder, a top-level
 * file) and, inside the top-level folders among them, the names one level
 * down (a meeting's folder, committee.yaml), as "a" and "a/b".  A path of
 * one or two levels is answered from the units alone; a deeper one (a file
 * in a meeting's folder) is "unchanged" when its meeting's folder is, and
 * otherwise is looked up in the trees (only for the few commits that
 * touched the meeting).  The names inside a top-level folder are listed
 * the first time a path under it is asked for, only for the commits that
 * changed that folder (the marker unit "a/" stands for them until then).
 *
 * While HEAD's history is a line (no merge), the commits with a pos are
 * exactly its commits, pos descending being the walk's order: a path's
 * history is one query on LC_CHANGES's key (path number first) joined with
 * the commits up to HEAD's pos.  Commits newer than the line are made and
 * given the next places; when HEAD moved to another branch, the places
 * past the fork are taken back first.  At a merge, git's walk gives the
 * order and the tables answer for each commit, still reading no tree for
 * one known.
 *
 * Everything a call writes is written in one transaction, at its end.
 * The tables are derived data: when they, or the file, are damaged they
 * are made again, and failing to write them (a read-only repository,
 * another gavel writing) costs time, never an answer: whatever the tables
 * cannot answer, archive_log_max does.  Shallow clones are not cached.
 */
#include "minutes/search/logcache_priv.h"

#include <stdlib.h>
#include <string.h>

/* ---- answering ---- */

/* Adds commit `id` to the growing list `v` (n of cap). */
static int lc_push(struct logcache *lc, const struct walk_oid *id,
		   struct archive_rev **v, size_t *n, size_t *cap, struct diags *err)
{
	xgrow((void **)v, cap, *n + 1, sizeof(**v));
	if (walk_rev(lc->a, id, &(*v)[*n], err) < 0)
		return -1;
	(*n)++;
	return 0;
}

/* Whether commit id, with `nl` lists holding the units `bits`, changed
 * the path: 1, 0, or < 0 when its commit cannot be read. */
static int lc_decide(struct logcache *lc, const struct walk_oid *id, unsigned *bits,
		     size_t nl)
{
	int r = nl <= LC_LISTS ? logcache_changed(&lc->k, bits, nl) : LC_DEEP;
	if (r == LC_EXPAND)
		r = logcache_expand(lc, id, bits, nl) ? logcache_changed(&lc->k, bits, nl) : LC_DEEP;
	if (r == LC_EXPAND)
		r = LC_DEEP;
	if (r == LC_NO || r == LC_YES)
		return r == LC_YES;
	return walk_changed(lc->a, id, lc->k.path);
}

/* Whether no commit is known: a first walk has none to look up. */
static bool lc_none(struct logcache *lc)
{
	sqlite3_stmt *st = lc->q[Q_NONE];
	int s = sqlite3_step(st);
	bool none = s == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_reset(st);
	return !logcache_failed(lc, s) && none;
}

/* How many commits are known (a walk by their rows visits no more). */
static sqlite3_int64 lc_known(struct logcache *lc)
{
	sqlite3_stmt *st = lc->q[Q_KNOWN];
	int s = sqlite3_step(st);
	sqlite3_int64 n = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	logcache_failed(lc, s);
	return n;
}

/* HEAD's history while it is a line: places the commits newer than the
 * line (made when not known, followed by their rows when known), and *top
 * gets HEAD's place.  1 when it is not a line (a merge) or the tables
 * cannot say. */
static int lc_place(struct logcache *lc, const struct walk_oid *head, sqlite3_int64 *top)
{
	struct { struct walk_oid id; size_t made; } *news = NULL;
	struct walk_oid id = *head, parents[WALK_MAX_PARENTS];
	unsigned bits[LC_LISTS];
	size_t nnew = 0, cap = 0;
	sqlite3_int64 base = -1, known = -1, followed = 0;
	bool none = false;      /* no commit known: none looked up */
	int rc = 1;
	for (;;) {
		bool row = false, placed = false, linked = false;
		sqlite3_int64 np = 0;
		if (!none) {
			sqlite3_stmt *st = lc->q[Q_COMMIT];
			logcache_bind_id(st, 1, id.id);
			int s = sqlite3_step(st);
			row = s == SQLITE_ROW;
			placed = row && sqlite3_column_type(st, 1) != SQLITE_NULL;
			np = row ? sqlite3_column_int64(st, 0) : 0;
			if (placed)
				base = sqlite3_column_int64(st, 1);
			/* Its first parent, from its row. */
			const void *p = row && np == 1 ? sqlite3_column_blob(st, 3) : NULL;
			linked = p && sqlite3_column_bytes(st, 3) == LC_OID;
			if (linked)
				memcpy(parents[0].id, p, WALK_OID_SIZE);
			sqlite3_reset(st);
			if (logcache_failed(lc, s))
				goto out;
			if (!row && !nnew)
				none = lc_none(lc);
		}
		if (placed && !nnew) {
			*top = base;    /* HEAD is on the line: nothing to write */
			rc = 0;
			goto out;
		}
		if (placed)
			break;
		size_t n = (size_t)np, made = SIZE_MAX;
		if (row) {
			/* Rows that send the walk round a loop would make it
			 * visit more commits than there are. */
			if (known < 0)
				known = lc_known(lc);
			if (++followed > known || np > 1 || (np == 1 && !linked))
				goto out;
		} else if (made = lc->nnew, !logcache_make(lc, &id, parents, &n, bits)) {
			goto out;
		}
		if (n > 1)
			goto out;       /* a merge: git's walk answers */
		xgrow((void **)&news, &cap, nnew + 1, sizeof(*news));
		news[nnew].id = id;
		news[nnew++].made = made;
		if (n == 0)
			break;          /* the root */
		id = parents[0];
	}
	if (!logcache_write(lc))
		goto out;
	sqlite3_bind_int64(lc->q[Q_UNPLACE], 1, base);
	if (!logcache_run(lc, Q_UNPLACE))
		goto out;
	for (size_t i = 0; i < nnew; i++) {
		sqlite3_int64 pos = base + 1 + (sqlite3_int64)i;
		size_t made = news[nnew - 1 - i].made;
		if (made != SIZE_MAX) {
			lc->nv[made].pos = pos;
			continue;
		}
		sqlite3_bind_int64(lc->q[Q_PLACE], 1, pos);
		logcache_bind_id(lc->q[Q_PLACE], 2, news[nnew - 1 - i].id.id);
		if (!logcache_run(lc, Q_PLACE))
			goto out;
	}
	if (!logcache_flush(lc))
		goto out;
	*top = base + (sqlite3_int64)nnew;
	rc = 0;
out:
	free(news);
	return rc;
}

/* HEAD's history while it is a line, the commits up to place `top`: the
 * path's rows, newest first.  1 when the tables cannot say (the caller
 * asks the trees), < 0 with a diagnostic. */
static int lc_line(struct logcache *lc, sqlite3_int64 top, size_t max,
		   struct archive_rev **out, size_t *n)
{
	struct diags quiet;
	struct lc_rows *v = NULL;
	size_t nv = 0, vcap = 0, cap = 0;
	sqlite3_stmt *st = lc->q[Q_LINE];
	sqlite3_int64 last = -1;
	bool bad = false;
	int s;
	logcache_bind_keys(lc, st);
	sqlite3_bind_int64(st, 4, top);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const void *id = sqlite3_column_blob(st, 0);
		sqlite3_int64 pos = sqlite3_column_int64(st, 2);
		bool same = id && nv && !memcmp(v[nv - 1].id, id, WALK_OID_SIZE);
		/* Each commit its own place: two at one would be answered in
		 * no particular order, one of them not on the line. */
		if (!id || sqlite3_column_bytes(st, 0) != LC_OID ||
		    (nv && (same ? pos != last : pos >= last))) {
			bad = true;
			break;
		}
		last = pos;
		if (!same) {
			xgrow((void **)&v, &vcap, nv + 1, sizeof(*v));
			memset(&v[nv], 0, sizeof(*v));
			memcpy(v[nv++].id, id, WALK_OID_SIZE);
		}
		v[nv - 1].bits[0] |= logcache_bits(&lc->k, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (bad)
		lc->damaged = true;
	int rc = logcache_failed(lc, s) || bad ? 1 : 0;
	diags_init(&quiet);
	for (size_t i = 0; rc == 0 && i < nv && *n < max; i++) {
		struct walk_oid id;
		memcpy(id.id, v[i].id, WALK_OID_SIZE);
		rc = lc_decide(lc, &id, v[i].bits, 1);
		if (rc == 1)
			rc = lc_push(lc, &id, out, n, &cap, &quiet);
	}
	diags_free(&quiet);
	free(v);
	return rc < 0 ? 1 : rc;
}

static int by_id(const void *x, const void *y)
{
	return memcmp(((const struct lc_rows *)x)->id, ((const struct lc_rows *)y)->id,
		      WALK_OID_SIZE);
}

/* git's walk of HEAD's history, in its order; the rows of the path read
 * at once, a commit not known made.  1 when the tables cannot say or
 * anything fails (archive_log_max then answers, or says what failed). */
static int lc_walk(struct logcache *lc, size_t max, struct archive_rev **out, size_t *n)
{
	struct diags quiet;
	struct lc_rows *v = NULL;
	size_t nv = 0, vcap = 0, cap = 0;
	sqlite3_stmt *st = lc->q[Q_ALL];
	int s;
	logcache_bind_keys(lc, st);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const void *id = sqlite3_column_blob(st, 0);
		sqlite3_int64 p = sqlite3_column_int64(st, 2);
		if (!id || sqlite3_column_bytes(st, 0) != LC_OID || p < 0 || p >= LC_LISTS)
			continue;
		xgrow((void **)&v, &vcap, nv + 1, sizeof(*v));
		memset(&v[nv], 0, sizeof(*v));
		memcpy(v[nv].id, id, WALK_OID_SIZE);
		v[nv++].bits[p] = logcache_bits(&lc->k, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (logcache_failed(lc, s)) {
		free(v);
		return 1;
	}
	if (nv)         /* v may be NULL: qsort's pointer must not be */
		qsort(v, nv, sizeof(*v), by_id);

	struct walk *walk = NULL;
	struct walk_oid id, parents[WALK_MAX_PARENTS];
	diags_init(&quiet);
	int rc = walk_start(&walk, lc->a, &quiet);
	diags_free(&quiet);
	if (rc) {
		free(v);
		return rc > 0 ? 0 : 1;
	}
	diags_init(&quiet);
	while (*n < max && (rc = walk_next(walk, &id)) == 0) {
		unsigned bits[LC_LISTS] = { 0 };
		size_t np = 0;
		sqlite3_stmt *q = lc->q[Q_COMMIT];
		logcache_bind_id(q, 1, id.id);
		s = sqlite3_step(q);
		if (s == SQLITE_ROW)
			np = (size_t)sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		if (logcache_failed(lc, s)) {
			rc = -1;
			break;
		}
		if (s == SQLITE_ROW) {
			/* Rows for the keys, at the first of the commit's. */
			struct lc_rows key, *hit;
			memcpy(key.id, id.id, WALK_OID_SIZE);
			hit = nv ? bsearch(&key, v, nv, sizeof(*v), by_id) : NULL;
			while (hit && hit > v && !by_id(hit - 1, &key))
				hit--;
			for (; hit && hit < v + nv && !by_id(hit, &key); hit++)
				for (size_t l = 0; l < LC_LISTS; l++)
					bits[l] |= hit->bits[l];
		} else if (!logcache_make(lc, &id, parents, &np, bits)) {
			np = SIZE_MAX;  /* not made: the trees answer */
		}
		rc = np == SIZE_MAX ? walk_changed(lc->a, &id, lc->k.path)
				    : lc_decide(lc, &id, bits, np ? np : 1);
		if (rc == 1)
			rc = lc_push(lc, &id, out, n, &cap, &quiet);
		if (rc < 0)
			break;
	}
	walk_free(walk);
	diags_free(&quiet);
	free(v);
	return rc < 0 ? 1 : 0;
}

int logcache_log(struct archive *a, const char *path, size_t max,
		 struct archive_rev **out, size_t *n, struct diags *err)
{
	struct walk_oid head;
	*out = NULL;
	*n = 0;
	if (walk_head(a, &head) != 0 || walk_is_shallow(a))
		return archive_log_max(a, path, max, out, n, err);
	struct logcache lc;
	memset(&lc, 0, sizeof(lc));
	lc.a = a;
	lc.path = search_index_path(a);
	logcache_load(&lc);
	int rc = 1;
	if (lc.db) {
		lc.d = walk_differ_new(a);
		logcache_keys_init(&lc.k, path);
		sqlite3_int64 top = 0;
		buf_init(&lc.names);
		lc.reading = sqlite3_exec(lc.db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
		rc = lc_place(&lc, &head, &top);
		if (rc == 0) {
			rc = lc_line(&lc, top, max, out, n);
		} else if (!lc.damaged) {
			logcache_flush(&lc);  /* the line's commits, for the walk */
			rc = lc_walk(&lc, max, out, n);
			if (rc == 0)
				logcache_flush(&lc);
		}
		if (lc.writing && (rc != 0 || lc.damaged || lc.broken ||
				   sqlite3_exec(lc.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK))
			sqlite3_exec(lc.db, "ROLLBACK", NULL, NULL, NULL);
		if (lc.reading)
			sqlite3_exec(lc.db, "COMMIT", NULL, NULL, NULL);
		logcache_keys_free(&lc.k);
		walk_differ_free(lc.d);
		logcache_finalize(&lc);
		sqlite3_close(lc.db);
		free(lc.nv);
		free(lc.par);
		free(lc.uv);
		free(lc.nameoff);
		free(lc.slots);
		buf_free(&lc.names);
		if (lc.damaged)
			search_remove_files(lc.path);
	}
	free(lc.path);
	if (rc > 0) {
		/* What the tables could not answer, the trees do. */
		archive_revs_free(*out, *n);
		*out = NULL;
		*n = 0;
		rc = archive_log_max(a, path, max, out, n, err);
	}
	return rc;
}
