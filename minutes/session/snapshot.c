/*
 * snapshot: the session's changes on their way to the journal and to git
 * (session_priv.h says how the snapshots, the dirty items and the
 * committer fit together).
 */
#include "minutes/session/session_priv.h"

#include "minutes/git/meeting.h"
#include "minutes/session/journal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void set_error(char **slot, const struct diags *d, size_t from)
{
	free(*slot);
	*slot = d->n > from ? diag_format(&d->v[d->n - 1]) : xstrdup("saving failed");
}

static void clear_error(char **slot)
{
	free(*slot);
	*slot = NULL;
}

static void ensure_committer(struct session *s)
{
	if (s->committer)
		return;
	char *path = meeting_path(s->id, MEETING_MINUTES);
	s->committer = committer_new_inline(s->archive, path, s->id, &s->committed);
	free(path);
}

void session_async(struct session *s)
{
	if (s->read_only && !session_can_correct(s))
		return;
	if (s->committer && (s->seq || s->staged.has))
		return;         /* only before the first snapshot */
	char *path = meeting_path(s->id, MEETING_MINUTES);
	struct committer *c;
	struct diags quiet;
	diags_init(&quiet);
	if (committer_start(&c, archive_path(s->archive), path, s->id, &s->committed,
			    &quiet) == 0) {
		committer_stop(s->committer);
		s->committer = c;
		s->async = true;
	}
	diags_free(&quiet);
	free(path);
}

void session_stop_committer(struct session *s)
{
	committer_stop(s->committer);
	s->committer = NULL;
}

void session_touch(struct session *s)
{
	s->journal_dirty = true;
}

void session_touch_item(struct session *s, const struct minutes_item *it)
{
	s->journal_dirty = true;
	for (size_t i = 0; i < s->ndirty; i++)
		if (s->dirty[i].it == it) {
			s->dirty[i].gen = s->seq;
			return;
		}
	xgrow((void **)&s->dirty, &s->dirty_cap, s->ndirty + 1, sizeof(*s->dirty));
	s->dirty[s->ndirty++] = (struct dirty){ it, s->seq };
}

void session_touch_all(struct session *s)
{
	s->journal_dirty = true;
	s->all_dirty = true;
	s->all_gen = s->seq;
}

void session_changed(struct session *s, const char *scope, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s->journal_dirty = true;
	notes_add(&s->notes, scope, b.data, b.len);
	buf_free(&b);
}

bool session_pending(const struct session *s)
{
	/* A commit that failed keeps its changes waiting for the next. */
	return s->notes.n > 0 || s->commit_error;
}

size_t session_commits_pending(const struct session *s)
{
	return s->pending + (s->staged.has ? 1 : 0);
}

bool session_journal_due(const struct session *s, double now, double interval)
{
	return !s->read_only && s->journal_dirty && now - s->journal_at >= interval;
}

/* The staged snapshot goes to the committer. */
static void release(struct session *s)
{
	if (!s->staged.has)
		return;
	s->staged.has = false;
	committer_push(s->committer, s->staged.seq, &s->staged.bytes, &s->staged.notes,
		       s->correction);
	s->pending++;
}

int session_journal(struct session *s, const char *ui, double now,
		    struct diags *d)
{
	if (s->read_only)
		return 0;
	struct buf p = BUF_INIT;
	payload_make(s, ui, &p);
	size_t before = d->n;
	int rc = journal_write(archive_gitdir(s->archive), s->id, s->base,
			       p.data, p.len, d);
	buf_free(&p);
	s->journal_at = now;
	/* The journal holds the staged snapshot now (or could not): it may
	 * be committed. */
	release(s);
	if (rc < 0) {
		set_error(&s->journal_error, d, before);
		return rc;
	}
	s->journal_dirty = false;
	s->saved_at = time(NULL);
	clear_error(&s->journal_error);
	return 0;
}

int session_commit(struct session *s, struct diags *d)
{
	if (s->read_only)
		return 0;
	ensure_committer(s);
	struct buf bytes = BUF_INIT;
	minutes_write(s->minutes, &bytes);
	if (!s->commit_error && bytes.len == s->committed.len &&
	    !memcmp(bytes.data, s->committed.data, bytes.len)) {
		buf_free(&bytes);
		notes_clear(&s->notes);
		return 0;
	}
	release(s);
	unsigned long seq = ++s->seq;
	xgrow((void **)&s->crcs, &s->crcs_cap, s->ncrcs + 1, sizeof(*s->crcs));
	s->crcs[s->ncrcs++] = (struct snap_crc){ seq, journal_crc32(0, bytes.data, bytes.len) };
	buf_reset(&s->committed);
	buf_add(&s->committed, bytes.data, bytes.len);
	s->journal_dirty = true;
	s->staged.has = true;
	s->staged.seq = seq;
	buf_free(&s->staged.bytes);
	s->staged.bytes = bytes;
	notes_move(&s->staged.notes, &s->notes);
	if (s->async)
		return 0;       /* committed once the journal has it */
	release(s);
	session_poll(s);
	if (s->commit_error) {
		diags_add(d, NULL, 0, 0, "%s", s->commit_error);
		return -1;
	}
	(void)d;
	return 0;
}

bool session_poll(struct session *s)
{
	free(s->said);
	s->said = NULL;
	if (!s->committer)
		return false;
	struct committer_status st;
	committer_status(s->committer, &st);
	bool changed = false;
	if (st.landed > s->landed) {
		s->landed = st.landed;
		if (*st.id && strcmp(st.id, s->base)) {
			memcpy(s->base, st.id, sizeof(s->base));
			snprintf(s->last_short, sizeof(s->last_short), "%.7s", st.id);
		}
		s->saved_at = st.landed_at;
		/* Only what the commit covered leaves the journal. */
		size_t k = 0;
		for (size_t i = 0; i < s->ndirty; i++)
			if (s->dirty[i].gen >= st.landed)
				s->dirty[k++] = s->dirty[i];
		s->ndirty = k;
		if (s->all_dirty && s->all_gen < st.landed)
			s->all_dirty = false;
		k = 0;
		for (size_t i = 0; i < s->ncrcs; i++)
			if (s->crcs[i].seq > st.landed)
				s->crcs[k++] = s->crcs[i];
		s->ncrcs = k;
		s->journal_dirty = true;        /* the journal learns the new base */
		changed = true;
	}
	if (st.failures > s->failures_seen && st.error) {
		free(s->commit_error);
		s->commit_error = xstrdup(st.error);
		struct buf b = BUF_INIT;
		buf_addf(&b, "not committed: %s (the journal keeps your work)", st.error);
		s->said = buf_detach(&b, NULL);
		changed = true;
	} else if (!st.error && s->commit_error) {
		clear_error(&s->commit_error);
		changed = true;
	}
	s->failures_seen = st.failures;
	if (st.warning) {
		session_add_notice(s, "%s", st.warning);
		changed = true;
	}
	if (st.pending + (s->staged.has ? 1 : 0) != session_commits_pending(s) ||
	    st.pending != s->pending) {
		s->pending = st.pending;
		changed = true;
	}
	committer_status_clear(&st);
	return changed;
}

const char *session_poll_said(const struct session *s)
{
	return s->said;
}

void session_set_wait_hook(struct session *s, void (*hook)(void *ctx, size_t pending,
							    double waited),
			   void *ctx)
{
	s->wait_hook = hook;
	s->wait_ctx = ctx;
}

void session_flush(struct session *s)
{
	if (!s->committer)
		return;
	release(s);
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!committer_wait(s->committer, 50)) {
		session_poll(s);
		clock_gettime(CLOCK_MONOTONIC, &t);
		double waited = (double)(t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9;
		if (s->wait_hook)
			s->wait_hook(s->wait_ctx, session_commits_pending(s), waited);
	}
	session_poll(s);
}
