/*
 * The torture test's checks: gavel's state read back from the last commit
 * and the journal, checked after each kill (git fsck, the journal whole,
 * every stored comment and decision committed) and after each restart
 * (what was restored, against the model of what was typed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "minutes/base/diag.h"
#include "minutes/session/journal.h"
#include "tests/torture/torture.h"

/* ---- gavel's state: the last commit and the journal ---- */

void state_free(struct state *s)
{
	if (s->has_head)
		yamlfile_free(&s->head);
	if (s->has_part)
		yamlfile_free(&s->part);
	free(s->text);
	memset(s, 0, sizeof(*s));
}

/* The committed minutes into `doc`; 0, or -1 with `why` set. */
static int head_load(const char *repo, struct yamlfile *doc, struct buf *why)
{
	struct buf out = BUF_INIT;
	int rc = run_cmd(&out, "git -C '%s' show 'HEAD:%s'", repo, MINUTES_PATH);
	if (rc != 0) {
		buf_addf(why, "git show HEAD:%s failed (%d): %.300s", MINUTES_PATH, rc,
			 out.data ? out.data : "");
		buf_free(&out);
		return -1;
	}
	struct diags d;
	diags_init(&d);
	rc = yamlfile_load_mem(doc, "HEAD", out.data, out.len, YAMLFILE_MINUTES, &d);
	if (rc != YAMLFILE_OK) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("?");
		buf_addf(why, "the committed minutes do not load: %s", m);
		free(m);
	}
	diags_free(&d);
	buf_free(&out);
	return rc == YAMLFILE_OK ? 0 : -1;
}

char *journal_file(const char *repo)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/.git/gavel/journal/%s.journal", repo, MEETING);
	return buf_detach(&b, NULL);
}

static char *gitdir_of(const char *repo)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/.git", repo);
	return buf_detach(&b, NULL);
}

/* Reads the journal: JOURNAL_FOUND with the payload, JOURNAL_NONE, or an
 * error with `why` set (damaged, or only the previous copy readable). */
static int journal_get(const char *repo, struct buf *payload, struct buf *why)
{
	char *gitdir = gitdir_of(repo);
	struct journal_entry e;
	journal_entry_init(&e);
	struct diags d;
	diags_init(&d);
	int rc = journal_read(gitdir, MEETING, &e, &d);
	if (rc == JOURNAL_FOUND && e.from_previous) {
		buf_addstr(why, "the journal is damaged; only its previous copy reads");
		rc = JOURNAL_DAMAGED;
	} else if (rc != JOURNAL_FOUND && rc != JOURNAL_NONE) {
		buf_addstr(why, "the journal does not read");
	}
	for (size_t k = 0; k < d.n && rc != JOURNAL_FOUND && rc != JOURNAL_NONE; k++) {
		char *m = diag_format(&d.v[k]);
		buf_addf(why, "; %s", m);
		free(m);
	}
	if (rc == JOURNAL_FOUND)
		buf_add(payload, e.payload.data, e.payload.len);
	journal_entry_free(&e);
	diags_free(&d);
	free(gitdir);
	return rc;
}

/* Reads the screen's state from the journal's "ui" part. */
static void ui_parse(struct state *s, const char *p, size_t n)
{
	const char *end = p + n;
	s->view = V_HUB;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char line[128];
		snprintf(line, sizeof(line), "%.*s", (int)(len < 127 ? len : 127), p);
		int a;
		size_t b, c;
		if (sscanf(line, "view %d", &a) == 1)
			s->view = a;
		else if (sscanf(line, "item %zu", &b) == 1)
			s->item = b;
		else if (sscanf(line, "entered %d", &a) == 1)
			s->entered = a;
		else if (sscanf(line, "slot %d %zu", &a, &c) == 2) {
			s->has_slot = true;
			s->kind = a;
			s->index = c;
		} else if (sscanf(line, "cursor %zu", &b) == 1)
			s->cursor = b;
		else if (sscanf(line, "changed %d", &a) == 1)
			s->changed = a;
		else if (sscanf(line, "text %zu", &b) == 1) {
			const char *t = nl ? nl + 1 : end;
			size_t have = (size_t)(end - t);
			s->text = xstrndup(t, b < have ? b : have);
			break;
		}
		p = nl ? nl + 1 : end;
	}
	if (!s->text)
		s->text = xstrdup("");
}

/* The state from the journal's payload and the last commit; false with
 * `why` set when either does not read. */
static bool state_from_journal(struct state *s, const char *repo, const struct buf *payload,
			       struct buf *why)
{
	const char *p = payload->data, *end = p + payload->len;
	/* Before "ui": the correction's reason and the snapshots pending. */
	while (p < end && (!strncmp(p, "correction ", 11) || !strncmp(p, "pending", 7))) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	unsigned long long uilen;
	char *e;
	if ((size_t)(end - p) < 4 || memcmp(p, "ui ", 3) ||
	    (uilen = strtoull(p + 3, &e, 10), *e != '\n') ||
	    (size_t)(end - (e + 1)) < uilen + 1) {
		buf_addstr(why, "the journal's payload does not start with \"ui LENGTH\"");
		return false;
	}
	const char *ui = e + 1;
	ui_parse(s, ui, (size_t)uilen);
	const char *items = ui + uilen + 1;
	const char *nl = memchr(items, '\n', (size_t)(end - items));
	if (!nl || strncmp(items, "items", 5)) {
		buf_addstr(why, "the journal's payload has no \"items\" line");
		return false;
	}
	struct diags d;
	diags_init(&d);
	int rc = yamlfile_load_mem(&s->part, "journal", nl + 1, (size_t)(end - (nl + 1)),
			      YAMLFILE_MINUTES, &d);
	if (rc != YAMLFILE_OK) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("?");
		buf_addf(why, "the journal's minutes do not load: %s", m);
		free(m);
		diags_free(&d);
		return false;
	}
	diags_free(&d);
	s->has_part = true;
	s->meet = s->part.minutes;
	if (!strncmp(items, "items all\n", 10)) {
		s->nitems = s->part.minutes->nitems;
		for (size_t i = 0; i < s->nitems && i < 64; i++)
			s->items[i] = s->part.minutes->items[i];
		return true;
	}
	/* Only the items changed since the last commit: the rest as committed. */
	if (head_load(repo, &s->head, why) < 0)
		return false;
	s->has_head = true;
	const struct minutes *h = s->head.minutes;
	s->nitems = h->nitems;
	for (size_t i = 0; i < s->nitems && i < 64; i++)
		s->items[i] = h->items[i];
	size_t k = 0;
	for (const char *q = items + 5; q < nl && k < s->part.minutes->nitems;) {
		char *qe;
		unsigned long v = strtoul(q, &qe, 10);
		if (qe == q)
			break;
		if (v < 64) {
			s->items[v] = s->part.minutes->items[k];
			if (v >= s->nitems)
				s->nitems = v + 1;
		}
		k++;
		q = qe;
	}
	return true;
}

/* The state as gavel opens without a journal: the last commit, on the hub
 * when an item has begun (else on the attendance list). */
static bool state_from_head(struct state *s, const char *repo, struct buf *why)
{
	if (head_load(repo, &s->head, why) < 0)
		return false;
	s->has_head = true;
	s->meet = s->head.minutes;
	s->nitems = s->meet->nitems;
	bool begun = false;
	for (size_t i = 0; i < s->nitems && i < 64; i++) {
		s->items[i] = s->meet->items[i];
		begun |= *s->items[i]->started != 0;
	}
	s->view = begun ? V_HUB : V_ATTENDANCE;
	s->text = xstrdup("");
	return true;
}

const struct minutes_item *state_item(const struct state *s, int i)
{
	return (size_t)i < s->nitems ? s->items[i] : NULL;
}

/* A comment as its field shows it: "Name: text". */
static void comment_text(const struct comment *c, struct buf *out)
{
	if (c->by && *c->by)
		buf_addf(out, "%s: ", c->by);
	buf_addstr(out, c->text ? c->text : "");
}

/* An item with presenters opens its summary with gavel's own sentence,
 * "The Chair introduced ...", and a blank line, which the clerk of the
 * script keeps and types after: the model is of what was typed. */
void drop_introduction(int f, struct buf *out)
{
	static const char intro[] = "The Chair introduced ";
	if (f != 0 || strncmp(out->data, intro, sizeof(intro) - 1))
		return;
	/* The sentence alone (trimmed of its blank line) is nothing typed. */
	const char *end = strstr(out->data, "\n\n");
	char *rest = xstrdup(end ? end + 2 : strchr(out->data, '\n') ? out->data : "");
	buf_reset(out);
	buf_addstr(out, rest);
	free(rest);
}

/* The value of field f of item i in the minutes (not the open field). */
void stored_value(const struct state *s, int i, int f, struct buf *out)
{
	buf_reset(out);
	buf_addstr(out, "");
	const struct minutes_item *it = state_item(s, i);
	if (!it)
		return;
	if (f == 0) {
		buf_addstr(out, it->summary ? it->summary : "");
		drop_introduction(f, out);
	} else if (f <= NC) {
		if ((size_t)(f - 1) < it->ncomments)
			comment_text(&it->comments[f - 1], out);
	} else
		buf_addstr(out, it->decision ? it->decision : "");
}

/* The script's field the clerk's cursor is in: item*NF+field, or -1. */
int focused(const struct state *s)
{
	if (s->view != V_ITEM || !s->has_slot || s->item >= (size_t)nitems)
		return -1;
	int i = (int)s->item;
	if (s->kind == K_SUMMARY)
		return i * NF;
	if (s->kind == K_COMMENT && s->index < NC)
		return i * NF + 1 + (int)s->index;
	if (s->kind == K_DECISION)
		return i * NF + NC + 1;
	return -1;
}

/* What the clerk sees in field f of item i: the open field's text there,
 * else the minutes'. */
void shown_value(const struct state *s, int i, int f, struct buf *out)
{
	if (focused(s) == i * NF + f) {
		buf_reset(out);
		buf_addstr(out, s->text);
		drop_introduction(f, out);
	} else {
		stored_value(s, i, f, out);
	}
}

bool is_prefix(const char *p, const char *of)
{
	size_t n = strlen(p);
	return n <= strlen(of) && !memcmp(p, of, n);
}

char *trim(const char *s)
{
	while (*s == ' ' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

/* Whether what was handled at `when` must be in the last commit by the
 * kill: commits land after the screen answers (on a thread of their own),
 * within the rule's second (TORTURE_COMMIT_DELAY_MS makes each wait).
 * What a restart restored from the journal waits for the next commit. */
static bool due_in_commit(const struct run *r, double when)
{
	return when >= r->proc_started && r->kill_t - when >= RULE_MS + r->margin_ms;
}

/* Checks every stored comment and decision, item change and the end in
 * `s`; those handled less than the rule's second before the kill only
 * when `all`. */
static void check_stored(struct run *r, const struct state *s, bool all, const char *where)
{
	struct buf v = BUF_INIT;
	for (int i = 0; i < nitems; i++) {
		for (int f = 1; f < NF; f++) {
			if (!model[i][f].stored || (!all && !due_in_commit(r, model[i][f].stored_at)))
				continue;
			stored_value(s, i, f, &v);
			char fn[32];
			if (strcmp(v.data, target(i, f)))
				fail(F_STORED, "%s lacks item %d's %s, stored before the kill: it "
				     "has \"%s\", not \"%s\"", where, i + 1,
				     field_name(f, fn, sizeof(fn)), v.data, target(i, f));
		}
		const struct minutes_item *it = state_item(s, i);
		const struct minutes_item *next = state_item(s, i + 1);
		if (item_left[i] && (all || due_in_commit(r, item_entered_at[i + 1])) &&
		    (!it || !*it->ended || !next || !*next->started))
			fail(F_STORED, "%s lacks the change from item %d to item %d (its end and "
			     "start times), handled before the kill", where, i + 1, i + 2);
	}
	if (end_done && (all || due_in_commit(r, end_done_at)) && !*s->meet->end)
		fail(F_STORED, "%s lacks the meeting's end, handled before the kill", where);
	buf_free(&v);
}

/* After a kill: the repository and the journal as gavel left them.  The
 * journal (over the last commit) holds everything stored; the last commit
 * everything stored a second or more before the kill. */
void check_after_kill(struct run *r)
{
	struct buf out = BUF_INIT, why = BUF_INIT;
	int rc = run_cmd(&out, "git -C '%s' fsck --strict --no-dangling --no-progress", r->repo);
	if (rc != 0)
		fail(F_FSCK, "git fsck --strict exits %d: %.400s", rc, out.data ? out.data : "");
	buf_reset(&out);
	int jr = journal_get(r->repo, &out, &why);
	if (jr < 0)
		fail(F_JOURNAL, "after the kill: %s", why.data);
	buf_reset(&why);
	struct state head;
	memset(&head, 0, sizeof(head));
	if (!state_from_head(&head, r->repo, &why)) {
		fail(F_STORED, "after the kill: %s", why.data);
	} else {
		check_stored(r, &head, false, "the last commit");
		if (jr == JOURNAL_FOUND) {
			struct state js;
			memset(&js, 0, sizeof(js));
			buf_reset(&why);
			if (state_from_journal(&js, r->repo, &out, &why))
				check_stored(r, &js, true, "the journal over the last commit");
			else
				fail(F_JOURNAL, "after the kill: %s", why.data);
			state_free(&js);
		} else {
			check_stored(r, &head, true, "the last commit (no journal)");
		}
	}
	state_free(&head);
	buf_free(&out);
	buf_free(&why);
}

/* After a restart: what gavel restored, against the model. */
void check_restored(struct run *r, const struct state *s)
{
	struct buf v = BUF_INIT, sv = BUF_INIT;
	double limit = RULE_MS + r->margin_ms;
	for (int i = 0; i < nitems; i++) {
		for (int f = 0; f < NF; f++) {
			struct fmodel *m = &model[i][f];
			const char *t = target(i, f);
			char fn[32];
			field_name(f, fn, sizeof(fn));
			stored_value(s, i, f, &sv);
			shown_value(s, i, f, &v);
			bool in_field = focused(s) == i * NF + f;
			if (m->stored && strcmp(sv.data, t)) {
				fail(F_STORED, "item %d's %s was stored before the kill, but the "
				     "restored minutes have \"%s\"%s%s%s", i + 1, fn, sv.data,
				     in_field ? " (the open field: \"" : "",
				     in_field ? s->text : "", in_field ? "\")" : "");
				m->stored = false;
			}
			if (!is_prefix(v.data, t) || v.len > m->sent) {
				fail(F_WRONG, "item %d's %s shows \"%s\"; typed so far: \"%.*s\"",
				     i + 1, fn, v.data, (int)m->sent, t);
				continue;
			}
			/* What is missing, and how long before the kill it was typed. */
			double oldest = 0;
			size_t from = v.len;
			for (size_t b = v.len; b < m->sent; b++) {
				if ((((unsigned char)t[b]) & 0xC0) == 0x80)
					continue;
				bool blanks = !in_field;
				for (size_t q = v.len; q <= b && blanks; q++)
					blanks = t[q] == ' ';
				if (blanks)
					continue;
				double age = r->kill_t - m->t[b];
				if (age > oldest)
					oldest = age;
			}
			if (oldest >= limit)
				fail(F_LOST, "item %d's %s lost \"%.*s\" (%zu bytes), typed up to "
				     "%.0f ms before the kill (the rule: less than %.0f ms); "
				     "restored: \"%s\"", i + 1, fn, (int)(m->sent - from), t + from,
				     m->sent - from, oldest, limit, v.data);
		}
		const struct minutes_item *it = state_item(s, i);
		bool begun = it && *it->started;
		if (item_entered[i] && !begun &&
		    (i > 0 || r->kill_t - item_entered_at[i] >= limit)) {
			fail(F_STORED, "item %d was entered before the kill, but the restored "
			     "minutes have no start time for it", i + 1);
			item_entered[i] = false;
		}
		if (item_left[i] && !(it && *it->ended)) {
			fail(F_STORED, "item %d was left for the next before the kill, but the "
			     "restored minutes have no end time for it", i + 1);
			item_left[i] = false;
		}
		if (it && it->ncomments > NC)
			fail(F_WRONG, "item %d has %zu comments; the script has %d", i + 1,
			     it->ncomments, NC);
	}
	if (end_done && !*s->meet->end) {
		fail(F_STORED, "the meeting's end was handled before the kill, but the "
		     "restored minutes have none");
		end_done = false;
	}
	int fo = focused(s);
	if (fo >= 0 && s->cursor != strlen(s->text))
		fail(F_CURSOR, "the cursor is at byte %zu of the restored text \"%s\" (%zu bytes)",
		     s->cursor, s->text, strlen(s->text));
	buf_free(&v);
	buf_free(&sv);
}

/* Waits until a freshly started gavel is idle and has rewritten its
 * journal (or, without one, long enough that it would have); reads its
 * state.  False when gavel ended or hung. */
bool restored_state(struct run *r, bool had_journal, ino_t old_ino, struct state *s)
{
	double t0 = ptyrun_now_ms();
	double idle_since = -1;
	for (;;) {
		ptyrun_drain(&r->pc, 2);
		ptyrun_reap(&r->pc);
		if (r->pc.gone) {
			struct buf sc = BUF_INIT;
			last_screen(r, &sc);
			int st = r->pc.status;
			fail(F_RESTART, "gavel ended on restart (%s %d); the screen ends: %.400s",
			     WIFEXITED(st) ? "exit" : "signal",
			     WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st), sc.data);
			buf_free(&sc);
			return false;
		}
		struct stat st;
		bool fresh = stat(r->journal, &st) == 0 && (!had_journal || st.st_ino != old_ino);
		bool idle = ptyrun_idle(&r->pc);
		if (idle && idle_since < 0)
			idle_since = ptyrun_now_ms();
		if (!idle)
			idle_since = -1;
		if (idle && fresh)
			break;
		if (idle && idle_since >= 0 && ptyrun_now_ms() - idle_since > 800) {
			if (had_journal)
				fail(F_JOURNAL, "gavel did not restore and rewrite the journal it "
				     "was left (0.8 s idle after starting)");
			break;
		}
		if (ptyrun_now_ms() - t0 > (double)r->wait_ms) {
			struct buf sc = BUF_INIT;
			last_screen(r, &sc);
			fail(F_RESTART, "gavel did not settle within %ld ms of a restart; the "
			     "screen ends: %.400s", r->wait_ms, sc.data);
			buf_free(&sc);
			return false;
		}
	}
	while (ptyrun_drain(&r->pc, 0) > 0)
		;
	struct buf payload = BUF_INIT, why = BUF_INIT;
	int rc = journal_get(r->repo, &payload, &why);
	bool ok;
	if (rc == JOURNAL_FOUND)
		ok = state_from_journal(s, r->repo, &payload, &why);
	else {
		if (rc != JOURNAL_NONE)
			fail(F_JOURNAL, "after the restart: %s", why.data);
		buf_reset(&why);
		ok = state_from_head(s, r->repo, &why);
	}
	if (!ok)
		fail(F_JOURNAL, "gavel's state does not read: %s", why.data);
	buf_free(&payload);
	buf_free(&why);
	return ok;
}
