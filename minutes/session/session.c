/* session: one meeting being minuted live, its lock, journal and commits. */
#include "minutes/session/session_priv.h"

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

void session_add_notice(struct session *s, const char *fmt, ...)
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

static void set_short(struct session *s, const char *id)
{
	snprintf(s->last_short, sizeof(s->last_short), "%.7s", id);
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
	bool listed;
	unsigned long head_crc = journal_crc32(0, s->committed.data, s->committed.len);
	if (payload_pending_has(e->payload.data, e->payload.len, head_crc, &listed))
		return false;   /* a snapshot the journal holds, committed since */
	if (listed) {
		/* The journal knew every snapshot taken before it: a commit of
		 * this meeting's not among them was taken after it. */
		struct archive_rev head;
		struct diags quiet;
		diags_init(&quiet);
		bool stale = false;
		if (archive_commit_info(s->archive, NULL, &head, &quiet) == 0) {
			size_t n = strlen(s->id);
			stale = !strncmp(head.message, s->id, n) &&
				!strncmp(head.message + n, ": ", 2) &&
				(time_t)head.time >= e->written_time;
			archive_rev_clear(&head);
		}
		diags_free(&quiet);
		return stale;
	}
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
		session_add_notice(s, "the last commit is newer than the journal, and is used");
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
				session_add_notice(s, "the newest journal was damaged; the one "
					   "written before it is restored");
			if (*s->base && strcmp(e.base, s->base))
				session_add_notice(s, "the minutes were committed elsewhere after "
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
		session_add_notice(s, "the journal could not be restored (%s); "
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
			session_add_notice(s, "took over a lock left by a gavel that is gone (%s)", who);
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
		/* The commits in flight land before the journal goes. */
		session_flush(s);
		if (rc == 0 && s->commit_error) {
			diags_add(d, NULL, 0, 0, "%s", s->commit_error);
			rc = -1;
		}
		if (rc == 0)
			rc = journal_discard(archive_gitdir(s->archive), s->id, d);
	}
	session_stop_committer(s);
	if (s->locked)
		lock_release(archive_gitdir(s->archive), s->id);
	minutes_free(s->minutes);
	agenda_free(s->agenda);
	committee_free(s->committee);
	buf_free(&s->committed);
	notes_clear(&s->notes);
	buf_free(&s->staged.bytes);
	notes_clear(&s->staged.notes);
	free(s->crcs);
	free(s->said);
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
	/* The confirmation is committed on this thread: the commits before
	 * it land first, in order. */
	session_flush(s);
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
