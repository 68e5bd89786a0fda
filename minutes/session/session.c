/* session: one meeting being minuted live, its lock, journal and commits. */
#include "minutes/session/session.h"

#include "minutes/audit/audit.h"
#include "minutes/audit/chain.h"
#include "minutes/model/yamlfile.h"
#include "minutes/session/journal.h"
#include "minutes/session/lock.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NOTES 64

struct session {
	struct archive *archive;
	char *id;
	bool read_only;                 /* asked for, or confirmed minutes */
	bool locked;
	bool confirmed;                 /* the minutes are confirmed (or tagged) */
	char *confirmed_why;            /* "confirmed on <date> by <name>" */
	char *correction;               /* the reason, in correction mode */
	struct minutes *minutes;
	struct agenda *agenda;
	struct committee *committee;

	struct buf committed;           /* minutes.yaml as last committed */
	char base[41];                  /* the commit the session started on */
	char last_short[8];
	time_t saved_at;
	char *journal_error;            /* the last journal write failed */
	char *commit_error;             /* the last commit failed */

	struct note {                   /* what changed since the last commit */
		char *scope;
		struct buf what;
	} notes[MAX_NOTES];
	size_t nnotes;

	bool journal_dirty;
	double journal_at;
	/* Items changed since the last commit: the journal holds only these
	 * (and the meeting's own fields), so writing it costs what the
	 * clerk changed, not the whole meeting. */
	const struct minutes_item **dirty;
	size_t ndirty, dirty_cap;
	bool all_dirty;

	char *recovered_ui;
	char *recovered_when;
	char *notices[4];
	size_t nnotices;
};

static void notes_clear(struct session *s)
{
	for (size_t i = 0; i < s->nnotes; i++) {
		free(s->notes[i].scope);
		buf_free(&s->notes[i].what);
	}
	s->nnotes = 0;
}

static void add_notice(struct session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_notice(struct session *s, const char *fmt, ...)
{
	if (s->nnotices == sizeof(s->notices) / sizeof(s->notices[0]))
		return;
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s->notices[s->nnotices++] = buf_detach(&b, NULL);
}

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

static void set_short(struct session *s, const char *id)
{
	snprintf(s->last_short, sizeof(s->last_short), "%.7s", id);
}

/* The journal's payload: in correction mode "correction REASON\n" (so a
 * restart after a crash goes on correcting, for the same reason); "ui
 * LEN\n", the screen's state, "\n", then "items all\n" and the minutes,
 * or "items I J ...\n" and the minutes holding only the items at those
 * positions (the rest are as last committed). */
static void payload_make(const struct session *s, const char *ui, struct buf *out)
{
	size_t len = ui ? strlen(ui) : 0;
	if (s->correction)
		buf_addf(out, "correction %s\n", s->correction);
	buf_addf(out, "ui %zu\n", len);
	buf_add(out, ui ? ui : "", len);
	buf_addch(out, '\n');
	if (s->all_dirty) {
		buf_addstr(out, "items all\n");
		minutes_write(s->minutes, out);
		return;
	}
	struct minutes part = *s->minutes;
	struct minutes_item **v = xcalloc(s->ndirty ? s->ndirty : 1, sizeof(*v));
	part.items = v;
	part.nitems = 0;
	buf_addstr(out, "items");
	for (size_t i = 0; i < s->minutes->nitems; i++)
		for (size_t j = 0; j < s->ndirty; j++)
			if (s->dirty[j] == s->minutes->items[i]) {
				buf_addf(out, " %zu", i);
				v[part.nitems++] = s->minutes->items[i];
				break;
			}
	buf_addch(out, '\n');
	minutes_write(&part, out);
	free(v);
}

/* Puts the journal's items (`m`'s, at positions `at`) in place of the
 * last commit's (`base`'s); `m` keeps the result, `base` is freed. */
static void items_merge(struct minutes *m, struct minutes *base, const size_t *at,
			size_t nat)
{
	size_t n = base->nitems;
	for (size_t k = 0; k < nat; k++)
		if (at[k] >= n)
			n = at[k] + 1;
	struct minutes_item **v = xcalloc(n ? n : 1, sizeof(*v));
	size_t used = 0;
	for (size_t k = 0; k < nat && k < m->nitems; k++) {
		v[at[k]] = m->items[k];
		m->items[k] = NULL;
		used++;
	}
	for (size_t i = 0; i < n; i++)
		if (!v[i] && i < base->nitems) {
			v[i] = base->items[i];
			base->items[i] = NULL;
		}
	/* What is left in either is not part of the result. */
	size_t left = 0;
	for (size_t i = 0; i < base->nitems; i++)
		if (base->items[i])
			base->items[left++] = base->items[i];
	base->nitems = left;
	left = 0;
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i])
			m->items[left++] = m->items[i];
	m->nitems = left;
	minutes_free(base);
	/* Positions the journal named but neither had are closed up. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i])
			v[k++] = v[i];
	for (size_t i = 0; i < m->nitems; i++)
		minutes_free_item(m->items[i]);
	free(m->items);
	m->items = v;
	m->nitems = k;
	m->items_cap = n ? n : 1;
	(void)used;
}

static int payload_parse(struct session *s, const char *name, const char *p,
			 size_t len, struct diags *d)
{
	char *end, *reason = NULL;
	if (len > 11 && !memcmp(p, "correction ", 11)) {
		const char *nl = memchr(p, '\n', len);
		if (!nl)
			goto bad;
		reason = xstrndup(p + 11, (size_t)(nl - p - 11));
		len -= (size_t)(nl + 1 - p);
		p = nl + 1;
		if (!audit_reason_ok(reason))
			goto bad;
	}
	if (len < 4 || memcmp(p, "ui ", 3))
		goto bad;
	unsigned long long n = strtoull(p + 3, &end, 10);
	if (*end != '\n' || n > len)
		goto bad;
	size_t head = (size_t)(end + 1 - p);
	if (head + n + 1 > len || p[head + n] != '\n')
		goto bad;
	const char *items = p + head + n + 1;
	const char *nl = memchr(items, '\n', len - (size_t)(items - p));
	if (!nl || strncmp(items, "items", 5))
		goto bad;
	bool all = !strncmp(items, "items all\n", 10);
	size_t *at = NULL, nat = 0, cap = 0;
	for (const char *q = items + 5; !all && q < nl;) {
		while (q < nl && *q == ' ')
			q++;
		if (q >= nl)
			break;
		unsigned long long v = strtoull(q, &end, 10);
		if (end == q || end > nl || v > 1000000) {
			free(at);
			goto bad;
		}
		xgrow((void **)&at, &cap, nat + 1, sizeof(*at));
		at[nat++] = (size_t)v;
		q = end;
	}
	struct yamlfile doc;
	int rc = yamlfile_load_mem(&doc, name, nl + 1, len - (size_t)(nl + 1 - p), YAMLFILE_MINUTES, d);
	if (rc != YAMLFILE_OK) {
		free(at);
		free(reason);
		return -1;
	}
	if (all)
		minutes_free(s->minutes);
	else
		items_merge(doc.minutes, s->minutes, at, nat);
	free(at);
	s->minutes = doc.minutes;
	s->all_dirty = true;    /* until the next commit, all of it */
	s->recovered_ui = xstrndup(p + head, (size_t)n);
	if (reason && !s->correction) {
		/* A correction was going on: it goes on, for its reason. */
		s->correction = reason;
		add_notice(s, "the correction \"%s\" goes on where it stopped", reason);
	} else {
		free(reason);
	}
	return 0;
bad:
	free(reason);
	diags_add(d, name, 0, 0, "the journal's payload is damaged; expected "
		  "\"ui LENGTH\", \"items ...\" and the minutes");
	return -1;
}

/* Whether HEAD is this session's own commit made right after the
 * journal was written (a crash came before the journal caught up): its
 * parent is the journal's base, its message names this meeting, and it
 * is no older than the journal.  Then the journal is stale; restoring it
 * would undo what was committed.  A commit by anyone else (a sync, an
 * edit with git) keeps the journal, which is then restored over it. */
static bool journal_superseded(struct session *s, const struct journal_entry *e)
{
	if (!*e->base || !strcmp(e->base, s->base))
		return false;
	char parent[41];
	struct archive_rev head;
	struct diags quiet;
	diags_init(&quiet);
	bool stale = false;
	if (archive_resolve(s->archive, "HEAD^", parent, &quiet) == 0 &&
	    !strcmp(parent, e->base) &&
	    archive_commit_info(s->archive, NULL, &head, &quiet) == 0) {
		size_t n = strlen(s->id);
		stale = !strncmp(head.message, s->id, n) && !strncmp(head.message + n, ": ", 2) &&
			(time_t)head.time >= e->written_time;
		archive_rev_clear(&head);
	}
	diags_free(&quiet);
	return stale;
}

static void restore_journal(struct session *s)
{
	const char *gitdir = archive_gitdir(s->archive);
	struct journal_entry e;
	journal_entry_init(&e);
	struct diags jd;
	diags_init(&jd);
	int rc = journal_read(gitdir, s->id, &e, &jd);
	if (rc == JOURNAL_FOUND && journal_superseded(s, &e)) {
		/* Killed between a commit and the journal's next write: the
		 * commit holds all the journal had and more. */
		add_notice(s, "the last commit is newer than the journal, and is used");
		journal_entry_free(&e);
		diags_free(&jd);
		struct diags quiet;
		diags_init(&quiet);
		journal_discard(gitdir, s->id, &quiet);
		diags_free(&quiet);
		return;
	}
	if (rc == JOURNAL_FOUND) {
		size_t before = jd.n;
		if (payload_parse(s, "journal", e.payload.data, e.payload.len, &jd) == 0) {
			s->recovered_when = xstrdup(e.written);
			session_changed(s, NULL, "unsaved work recovered from the journal");
			if (e.from_previous)
				add_notice(s, "the newest journal was damaged; the one "
					   "written before it is restored");
			if (*s->base && strcmp(e.base, s->base))
				add_notice(s, "the minutes were committed elsewhere after "
					   "the journal was written; the journal's version "
					   "is restored over them");
		} else {
			rc = JOURNAL_DAMAGED;
			(void)before;
		}
	}
	journal_entry_free(&e);
	if (rc != JOURNAL_FOUND && rc != JOURNAL_NONE) {
		/* A journal that does not read is left on disk for a person to
		 * look at; the run goes on from the last commit. */
		char *msg = jd.n ? diag_format(&jd.v[jd.n - 1]) : xstrdup("unreadable");
		add_notice(s, "the journal could not be restored (%s); "
			   "starting from the last commit", msg);
		free(msg);
	}
	diags_free(&jd);
}

/* Whether the minutes are confirmed: their status says so, or their
 * confirmation tag exists (as gavel edit decides); then why they are
 * read-only, in words. */
static void note_confirmed(struct session *s)
{
	const struct minutes *m = s->minutes;
	struct buf why = BUF_INIT;
	if (m->status == MINUTES_CONFIRMED) {
		buf_addf(&why, "confirmed on %s by %s", *m->confirmed_date ? m->confirmed_date : "?",
			 m->confirmed_by && *m->confirmed_by ? m->confirmed_by : "?");
	} else {
		char *tag = audit_tag_name(s->id);
		struct archive_tag t;
		struct diags quiet;
		diags_init(&quiet);
		if (archive_tag_read(s->archive, tag, &t, &quiet) == 0) {
			buf_addf(&why, "confirmed: the tag %s exists", tag);
			archive_tag_free(&t);
		}
		diags_free(&quiet);
		free(tag);
	}
	s->confirmed = why.len > 0;
	s->confirmed_why = s->confirmed ? buf_detach(&why, NULL) : NULL;
	buf_free(&why);
}

int session_open(struct session **out, struct archive *a, const char *id,
		 bool read_only, char **holder, struct diags *d)
{
	return session_open_correction(out, a, id, read_only, NULL, holder, d);
}

int session_open_correction(struct session **out, struct archive *a, const char *id,
			    bool read_only, const char *reason, char **holder,
			    struct diags *d)
{
	*out = NULL;
	if (holder)
		*holder = NULL;
	if (!slug_meeting_id_valid(id)) {
		diags_add(d, NULL, 0, 0, "'%s' is not a meeting id; expected "
			  "committee/YYYY-MM-DD, such as communities-board/2018-03-14", id);
		return SESSION_INVALID;
	}
	if (reason && (read_only || !audit_reason_ok(reason))) {
		diags_add(d, NULL, 0, 0, read_only ? "a correction cannot be made read-only"
			  : "a correction's reason must be one line of text");
		return SESSION_INVALID;
	}
	struct session *s = xcalloc(1, sizeof(*s));
	s->archive = a;
	s->id = xstrdup(id);
	s->read_only = read_only;
	buf_init(&s->committed);

	if (!read_only) {
		struct lock_holder h;
		bool taken_over = false;
		int rc = lock_acquire(archive_gitdir(a), id, &h, &taken_over, d);
		if (rc == LOCK_HELD) {
			if (holder)
				*holder = lock_holder_describe(&h);
			session_close(s, false, d);
			return SESSION_HELD;
		}
		if (rc < 0) {
			session_close(s, false, d);
			return rc;
		}
		s->locked = true;
		if (taken_over) {
			char *who = lock_holder_describe(&h);
			add_notice(s, "took over a lock left by a gavel that is gone (%s)", who);
			free(who);
		}
	}

	int rc = meeting_load(a, id, NULL, &s->minutes, &s->agenda, d);
	if (rc) {
		session_close(s, false, d);
		return rc > 0 ? SESSION_INVALID : rc;
	}
	rc = meeting_committee(a, id, &s->committee, d);
	if (rc) {
		session_close(s, false, d);
		return rc > 0 ? SESSION_INVALID : rc;
	}
	struct diags quiet;
	diags_init(&quiet);
	if (archive_resolve(a, NULL, s->base, &quiet) == 0)
		set_short(s, s->base);
	diags_free(&quiet);
	minutes_write(s->minutes, &s->committed);
	note_confirmed(s);
	if (reason && !s->confirmed) {
		diags_add(d, NULL, 0, 0, "%s is not confirmed: a correction is for confirmed "
			  "minutes (take them without --correct)", id);
		session_close(s, false, d);
		return SESSION_INVALID;
	}
	s->correction = reason ? xstrdup(reason) : NULL;

	if (!read_only)
		restore_journal(s);
	/* Confirmed minutes are the record: read-only until a correction's
	 * reason is given.  The lock stays, so that one can be. */
	if (s->confirmed && !s->correction)
		s->read_only = true;
	*out = s;
	return 0;
}

int session_correct(struct session *s, const char *reason, struct diags *d)
{
	if (s->correction) {
		diags_add(d, NULL, 0, 0, "already correcting: %s", s->correction);
		return SESSION_INVALID;
	}
	if (!s->confirmed) {
		diags_add(d, NULL, 0, 0, "%s is not confirmed: no correction is needed", s->id);
		return SESSION_INVALID;
	}
	if (!s->locked) {
		diags_add(d, NULL, 0, 0, "opened read-only; leave and run gavel run %s "
			  "--correct REASON", s->id);
		return SESSION_INVALID;
	}
	if (!audit_reason_ok(reason)) {
		diags_add(d, NULL, 0, 0, "a correction's reason must be one line of text");
		return SESSION_INVALID;
	}
	s->correction = xstrdup(reason);
	s->read_only = false;
	s->journal_dirty = true;        /* the journal learns the reason */
	return 0;
}

const char *session_correction(const struct session *s) { return s->correction; }

const char *session_read_only_why(const struct session *s)
{
	if (!s->read_only)
		return NULL;
	if (s->confirmed && s->locked)
		return s->confirmed_why;
	return "another gavel is taking these minutes";
}

bool session_can_correct(const struct session *s)
{
	return s->confirmed && s->locked && !s->correction;
}

int session_close(struct session *s, bool commit, struct diags *d)
{
	if (!s)
		return 0;
	int rc = 0;
	if (commit && !s->read_only && s->minutes) {
		rc = session_commit(s, d);
		if (rc == 0)
			rc = journal_discard(archive_gitdir(s->archive), s->id, d);
	}
	if (s->locked)
		lock_release(archive_gitdir(s->archive), s->id);
	minutes_free(s->minutes);
	agenda_free(s->agenda);
	committee_free(s->committee);
	buf_free(&s->committed);
	notes_clear(s);
	for (size_t i = 0; i < s->nnotices; i++)
		free(s->notices[i]);
	free(s->journal_error);
	free(s->commit_error);
	free(s->recovered_ui);
	free(s->confirmed_why);
	free(s->correction);
	free(s->dirty);
	free(s->recovered_when);
	free(s->id);
	free(s);
	return rc;
}

const char *session_id(const struct session *s) { return s->id; }
struct archive *session_archive(struct session *s) { return s->archive; }
bool session_read_only(const struct session *s) { return s->read_only; }
struct minutes *session_minutes(struct session *s) { return s->minutes; }
const struct agenda *session_agenda(const struct session *s) { return s->agenda; }
const struct committee *session_committee(const struct session *s) { return s->committee; }

const struct agenda_item *session_agenda_item(const struct session *s,
					      const char *number)
{
	if (!s->agenda || !number)
		return NULL;
	for (size_t i = 0; i < s->agenda->nitems; i++)
		if (!strcmp(s->agenda->items[i].number, number))
			return &s->agenda->items[i];
	return NULL;
}

const char *session_recovered(const struct session *s, const char **when)
{
	if (when)
		*when = s->recovered_when;
	return s->recovered_ui;
}

const char *session_take_notice(struct session *s)
{
	static char *given;
	free(given);
	given = NULL;
	if (!s->nnotices)
		return NULL;
	given = s->notices[0];
	memmove(s->notices, s->notices + 1, (--s->nnotices) * sizeof(s->notices[0]));
	return given;
}

void session_touch(struct session *s)
{
	s->journal_dirty = true;
}

void session_touch_item(struct session *s, const struct minutes_item *it)
{
	s->journal_dirty = true;
	for (size_t i = 0; i < s->ndirty; i++)
		if (s->dirty[i] == it)
			return;
	xgrow((void **)&s->dirty, &s->dirty_cap, s->ndirty + 1, sizeof(*s->dirty));
	s->dirty[s->ndirty++] = it;
}

void session_touch_all(struct session *s)
{
	s->journal_dirty = true;
	s->all_dirty = true;
}

void session_changed(struct session *s, const char *scope, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s->journal_dirty = true;
	struct note *n = NULL;
	for (size_t i = 0; i < s->nnotes && !n; i++)
		if (!strcmp(s->notes[i].scope ? s->notes[i].scope : "", scope ? scope : ""))
			n = &s->notes[i];
	if (!n) {
		if (s->nnotes == MAX_NOTES)
			n = &s->notes[MAX_NOTES - 1];    /* the rest are "more changes" */
		else {
			n = &s->notes[s->nnotes++];
			n->scope = scope ? xstrdup(scope) : NULL;
			buf_init(&n->what);
		}
	}
	/* "comment 3 recorded" once, however often it is edited. */
	const char *p = n->what.data;
	size_t len = b.len;
	bool seen = false;
	while (p && *p && !seen) {
		const char *q = strstr(p, ", ");
		size_t l = q ? (size_t)(q - p) : strlen(p);
		seen = l == len && !memcmp(p, b.data, len);
		p = q ? q + 2 : NULL;
	}
	if (!seen) {
		if (n->what.len)
			buf_addstr(&n->what, ", ");
		buf_add(&n->what, b.data, b.len);
	}
	buf_free(&b);
}

bool session_pending(const struct session *s)
{
	return s->nnotes > 0;
}

bool session_journal_due(const struct session *s, double now, double interval)
{
	return !s->read_only && s->journal_dirty && now - s->journal_at >= interval;
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
	if (rc < 0) {
		set_error(&s->journal_error, d, before);
		return rc;
	}
	s->journal_dirty = false;
	s->saved_at = time(NULL);
	clear_error(&s->journal_error);
	return 0;
}

static void message_make(const struct session *s, struct buf *msg)
{
	buf_addf(msg, "%s: ", s->id);
	if (!s->nnotes)
		buf_addstr(msg, "minutes edited");
	for (size_t i = 0; i < s->nnotes; i++) {
		if (i)
			buf_addstr(msg, "; ");
		if (s->notes[i].scope)
			buf_addf(msg, "%s: ", s->notes[i].scope);
		buf_add(msg, s->notes[i].what.data, s->notes[i].what.len);
	}
	buf_addch(msg, '\n');
}

int session_commit(struct session *s, struct diags *d)
{
	if (s->read_only)
		return 0;
	struct buf bytes = BUF_INIT;
	minutes_write(s->minutes, &bytes);
	if (bytes.len == s->committed.len &&
	    !memcmp(bytes.data, s->committed.data, bytes.len)) {
		buf_free(&bytes);
		notes_clear(s);
		return 0;
	}
	struct buf msg = BUF_INIT;
	message_make(s, &msg);
	if (s->correction)
		audit_add_correction(&msg, s->correction);
	char *path = meeting_path(s->id, MEETING_MINUTES);
	struct archive_file f = { path, bytes.data, bytes.len };
	char id[41];
	size_t before = d->n;
	int rc = archive_commit(s->archive, &f, 1, msg.data, id, d);
	free(path);
	buf_free(&msg);
	if (rc < 0) {
		set_error(&s->commit_error, d, before);
		buf_free(&bytes);
		return rc;
	}
	const char *warning = archive_take_warning(s->archive);
	if (warning)
		add_notice(s, "%s", warning);
	buf_free(&s->committed);
	s->committed = bytes;
	memcpy(s->base, id, sizeof(s->base));
	s->ndirty = 0;
	s->all_dirty = false;
	set_short(s, id);
	s->journal_dirty = true;       /* the journal learns the new base */
	s->saved_at = time(NULL);
	notes_clear(s);
	clear_error(&s->commit_error);
	return 0;
}

const char *session_last_commit(const struct session *s) { return s->last_short; }
time_t session_saved_at(const struct session *s) { return s->saved_at; }
const char *session_save_error(const struct session *s)
{
	return s->journal_error ? s->journal_error : s->commit_error;
}

const char *session_commit_error(const struct session *s) { return s->commit_error; }
const char *session_journal_error(const struct session *s) { return s->journal_error; }

int session_confirm_other(struct session *s, const char *id, const char *date,
			  const char *by, struct diags *d)
{
	if (s->read_only)
		return 0;
	char commit[41], blob[41];
	bool sig = false;
	int rc = audit_confirm(s->archive, id, date, by, commit, &sig, d);
	if (rc)
		return rc;
	/* The chain link, on the item whose agenda entry confirms `id`: the
	 * screen's next commit records it. */
	char *path = meeting_path(id, MEETING_MINUTES);
	rc = archive_blob_id(s->archive, commit, path, blob, d);
	free(path);
	for (size_t i = 0; rc == 0 && s->agenda && i < s->agenda->nitems; i++) {
		const struct agenda_item *ai = &s->agenda->items[i];
		if (!ai->confirms || strcmp(ai->confirms, id) || !ai->number ||
		    !chain_set(s->minutes, ai->number, id, blob))
			continue;
		for (size_t j = 0; j < s->minutes->nitems; j++) {
			const struct minutes_item *it = s->minutes->items[j];
			if (!it->number || strcmp(it->number, ai->number))
				continue;
			char *scope = NULL;
			struct buf b = BUF_INIT;
			buf_addf(&b, "item %s %s", it->number, it->title ? it->title : "");
			scope = buf_detach(&b, NULL);
			session_changed(s, scope, "confirmation of %s recorded", id);
			session_touch_item(s, it);
			free(scope);
		}
		break;
	}
	return rc;
}

/* Whether `w` (lower-case ASCII) is in s, whatever the case. */
static bool contains_ci(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && tolower((unsigned char)s[i]) == w[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

const char *session_chair(const struct session *s)
{
	if (s->agenda && s->agenda->chair && *s->agenda->chair)
		return s->agenda->chair;
	if (!s->committee)
		return NULL;
	for (size_t i = 0; i < s->committee->members.n; i++) {
		const struct person *p = &s->committee->members.v[i];
		if (p->role && contains_ci(p->role, "chair") && !contains_ci(p->role, "vice") &&
		    !contains_ci(p->role, "deputy"))
			return p->name;
	}
	return NULL;
}
