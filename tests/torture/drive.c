/*
 * The torture test's driver: gavel on a pseudo-terminal (tests/lib/ptyrun.c),
 * the script typed key by key, the kill loop (busy, idle and startup
 * kills, each followed by a restart) and going on from what gavel restored.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tests/torture/torture.h"

/* ---- one run of the script ---- */

static const char *const mode_names[] = { "busy", "idle", "startup" };

static void drain_for(struct run *r, double ms)
{
	double until = ptyrun_now_ms() + ms;
	for (;;) {
		double left = until - ptyrun_now_ms();
		if (left <= 0)
			break;
		ptyrun_drain(&r->pc, left > 5 ? 5 : (int)left + 1);
	}
}

/* The output as text: escape sequences and control characters out. */
static void screen_text(const char *p, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == 27 && i + 1 < n) {
			if (p[i + 1] == '[') {
				i += 2;
				while (i < n && !((unsigned char)p[i] >= 0x40 && (unsigned char)p[i] <= 0x7e))
					i++;
			} else if (p[i + 1] == ']') {
				while (i < n && p[i] != 7)
					i++;
			} else if (p[i + 1] == '(' || p[i + 1] == ')') {
				i += 2;
			} else {
				i++;
			}
			buf_addch(out, ' ');
		} else if (c >= 0x20) {
			buf_addch(out, (char)c);
		} else {
			buf_addch(out, ' ');
		}
	}
}

/* Looks through what gavel has shown since the last look for what says a
 * save went wrong or a journal did not restore. */
static void output_scan(struct run *r)
{
	static const struct {
		const char *text;
		enum failure kind;
	} bad[] = {
		{ "not committed:", F_COMMIT },
		{ "NOT COMMITTED", F_COMMIT },
		{ "NOT SAVED", F_JOURNAL },
		{ "journal could not be", F_JOURNAL },
		{ "newest journal was damaged", F_JOURNAL },
		{ "the last save failed", F_COMMIT },
	};
	if (!r->pc.nkept)
		return;
	struct buf t = BUF_INIT;
	screen_text(r->pc.kept, r->pc.nkept, &t);
	buf_addstr(&t, "");
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		const char *hit = strstr(t.data, bad[k].text);
		if (hit) {
			/* What follows it on the screen, squeezed. */
			struct buf m = BUF_INIT;
			for (const char *q = hit; *q && m.len < 240; q++)
				if (!(*q == ' ' && m.len && m.data[m.len - 1] == ' '))
					buf_addch(&m, *q);
			fail(bad[k].kind, "gavel said: %s", m.data);
			buf_free(&m);
		}
	}
	buf_free(&t);
	ptyrun_kept_clear(&r->pc);
}

static bool gavel_start(struct run *r)
{
	char *argv[] = { (char *)(uintptr_t)r->gavel, "-C", (char *)(uintptr_t)r->repo,
			 "run", MEETING, NULL };
	if (ptyrun_start(&r->pc, 24, 80, argv, KEEP_OUTPUT) < 0) {
		fail(F_RESTART, "cannot start gavel on a terminal: %s", strerror(errno));
		return false;
	}
	r->pc.min_timeout_ms = 100;
	r->running = true;
	r->proc_started = ptyrun_now_ms();
	return true;
}

static void gavel_stop(struct run *r)
{
	if (!r->running)
		return;
	ptyrun_kill(&r->pc, SIGKILL);
	ptyrun_close(&r->pc);
	r->running = false;
}

void last_screen(struct run *r, struct buf *out)
{
	struct buf t = BUF_INIT;
	size_t from = r->pc.nkept > 2000 ? r->pc.nkept - 2000 : 0;
	screen_text(r->pc.kept + from, r->pc.nkept - from, &t);
	for (size_t i = 0; i < t.len; i++)
		if (!(t.data[i] == ' ' && out->len && out->data[out->len - 1] == ' '))
			buf_addch(out, t.data[i]);
	buf_free(&t);
	buf_addstr(out, "");
}

/* Types one key (no sooner than r->gap_ms after the one before; when, in
 * `*sent` unless NULL) and waits until gavel has handled it. */
static bool key_at(struct run *r, const char *bytes, size_t len, double *sent)
{
	double gap = r->gap_ms - (ptyrun_now_ms() - r->last_key);
	if (gap > 0)
		drain_for(r, gap);
	r->last_key = ptyrun_now_ms();
	if (sent)
		*sent = r->last_key;
	if (!ptyrun_key(&r->pc, bytes, len, r->wait_ms)) {
		struct buf s = BUF_INIT;
		last_screen(r, &s);
		fail(F_RESTART, "gavel did not take a key within %ld ms; the screen ends: %.300s",
		     r->wait_ms, s.data);
		buf_free(&s);
		r->aborted = true;
		return false;
	}
	return true;
}

static bool key(struct run *r, const char *bytes, size_t len)
{
	return key_at(r, bytes, len, NULL);
}

/* ---- going on after a restart ---- */

/* The value of field f of item i once the open field is stored (as Esc
 * would store it); `nc` the item's comments then. */
static void after_store(const struct state *s, int i, int f, struct buf *out, size_t *nc,
			bool *has_summary)
{
	const struct minutes_item *it = state_item(s, i);
	size_t n = it ? it->ncomments : 0;
	if (it && it->summary && *it->summary) {
		/* gavel's opening alone is a summary the clerk has not begun:
		 * entering the item puts the cursor after it. */
		buf_reset(out);
		buf_addstr(out, it->summary);
		drop_introduction(0, out);
		*has_summary = out->len != 0;
	} else {
		*has_summary = false;
	}
	stored_value(s, i, f, out);
	int fo = focused(s);
	if (fo >= 0 && fo / NF == i && s->changed) {
		int ff = fo % NF;
		char *t = trim(s->text);
		if (ff == 0) {
			struct buf typed = BUF_INIT;
			buf_addstr(&typed, t);
			drop_introduction(0, &typed);
			*has_summary = typed.len != 0;
			buf_free(&typed);
			if (f == 0) {
				buf_reset(out);
				buf_addstr(out, t);
				drop_introduction(0, out);
			}
		} else if (ff <= NC) {
			size_t j = (size_t)(ff - 1);
			if (j >= n && *t) {
				if (f == ff) {
					buf_reset(out);
					buf_addstr(out, t);
				}
				n++;
			} else if (j < n && !*t) {
				n--;            /* removed; later ones move up (not in the script) */
			} else if (j < n && f == ff) {
				buf_reset(out);
				buf_addstr(out, t);
			}
		} else if (f == ff) {
			buf_reset(out);
			buf_addstr(out, t);
		}
		free(t);
	}
	*nc = n;
}

static bool keys_n(struct run *r, const char *bytes, int n)
{
	for (int k = 0; k < n; k++)
		if (!key(r, bytes, strlen(bytes)))
			return false;
	return true;
}

/* Where the script goes on, given text `v` in field (i, f) with the cursor
 * at its end: the step index; `clear` when the text must go first. */
static size_t continue_at(int i, int f, const char *v, bool *clear)
{
	const char *t = target(i, f);
	*clear = false;
	if (f == NC + 1) {
		if (!*v)
			return step_find(A_PHRASE, i, f, 0);
		if (!strcmp(v, t))
			return i + 1 < nitems ? step_find(A_NEXT_ITEM, i, 0, 0)
					      : step_find(A_HUB, i, 0, 0);
		*clear = true;
		return step_find(A_PHRASE, i, f, 0);
	}
	if (!strcmp(v, t))
		return f == 0 ? step_find(A_SUMMARY_TAB, i, 0, 0)
			      : step_find(A_COMMENT_ENTER, i, f, 0);
	size_t n = strlen(v);
	if (!is_prefix(v, t) || (((unsigned char)t[n]) & 0xC0) == 0x80) {
		*clear = true;
		n = 0;
	}
	return step_find(A_CHAR, i, f, n);
}

/* The model starts again from what is there now: each field holds what it
 * shows (the open field after `nav_field`, when the hub was used). */
static void model_rebase(const struct state *s, bool via_hub, int ti, int tf, const char *tv)
{
	struct buf v = BUF_INIT;
	for (int i = 0; i < nitems; i++)
		for (int f = 0; f < NF; f++) {
			if (via_hub) {
				size_t nc;
				bool hs;
				after_store(s, i, f, &v, &nc, &hs);
			} else {
				shown_value(s, i, f, &v);
			}
			if (i == ti && f == tf && tv) {
				buf_reset(&v);
				buf_addstr(&v, tv);
			}
			const char *t = target(i, f);
			model[i][f].sent = is_prefix(v.data, t) ? v.len : 0;
		}
	buf_free(&v);
}

/* Goes to where the script can go on from state `s`, typing what it takes;
 * the step to go on with (nsteps when gavel could not be driven). */
static size_t resume(struct run *r, const struct state *s)
{
	struct buf v = BUF_INIT;
	int ti = -1, tf = -1;
	/* The first field not complete: stored as the script has it, and not
	 * open with other text. */
	for (int i = 0; i < nitems && ti < 0; i++)
		for (int f = 0; f < NF && ti < 0; f++) {
			stored_value(s, i, f, &v);
			bool done = !strcmp(v.data, target(i, f));
			if (done && focused(s) == i * NF + f && strcmp(s->text, target(i, f)))
				done = false;
			if (!done) {
				ti = i;
				tf = f;
			}
		}
	size_t at;
	bool clear = false;
	const struct minutes_item *first = state_item(s, 0);
	if (ti < 0) {
		/* Every field is done: the end. */
		model_rebase(s, false, -1, -1, NULL);
		if (*s->meet->end) {
			at = step_find(A_QUIT, nitems - 1, 0, 0);
			if (s->view != V_HUB && s->view != V_ATTENDANCE && s->view != V_END &&
			    !keys_n(r, "\033", 1))
				at = nsteps;
		} else {
			at = s->view == V_HUB ? step_find(A_END, nitems - 1, 0, 0)
					      : step_find(A_HUB, nitems - 1, 0, 0);
		}
		buf_free(&v);
		return at;
	}
	shown_value(s, ti, tf, &v);
	if (focused(s) == ti * NF + tf && s->cursor == strlen(s->text)) {
		/* In the field: type on. */
		model_rebase(s, false, -1, -1, NULL);
		struct buf typed = BUF_INIT;
		buf_addstr(&typed, s->text);
		drop_introduction(tf, &typed);
		at = continue_at(ti, tf, typed.data, &clear);
		buf_free(&typed);
	} else if (ti == 0 && tf == 0 && !v.len && (!first || !*first->started) &&
		   (s->view == V_ATTENDANCE || s->view == V_OPENING)) {
		/* Not begun. */
		model_rebase(s, false, -1, -1, NULL);
		at = step_find(s->view == V_ATTENDANCE ? A_BEGIN_ENTER : A_BEGIN_NEXT, 0, 0, 0);
	} else if (tf == 0 && ti > 0 && !v.len && s->view == V_ITEM &&
		   s->item == (size_t)ti - 1 && !(state_item(s, ti) && *state_item(s, ti)->started) &&
		   focused(s) == (ti - 1) * NF + NC + 1) {
		/* At the previous item's decision: ^N. */
		model_rebase(s, false, -1, -1, NULL);
		at = step_find(A_NEXT_ITEM, ti - 1, 0, 0);
	} else {
		/* By the hub: Esc stores the open field; Home, Down to the item,
		 * Enter; then to the field from where entering puts the cursor
		 * (the summary of an item with neither summary nor comments, else
		 * the fresh comment). */
		r->navigations++;
		size_t nc;
		bool has_summary;
		after_store(s, ti, tf, &v, &nc, &has_summary);
		if (verbose)
			note("  by the hub to item %d field %d (\"%s\")", ti + 1, tf, v.data);
		bool ok = true;
		if (s->view != V_HUB)
			ok = keys_n(r, "\033", 1);
		ok = ok && keys_n(r, "\033OH", 1) && keys_n(r, "\033OB", ti + 2) &&
		     keys_n(r, "\r", 1);
		bool at_summary = !has_summary && nc == 0;
		if (ok) {
			if (tf == 0)
				ok = at_summary || keys_n(r, "\033[Z", (int)nc + 1);
			else if (tf <= NC) {
				int j = tf - 1;
				ok = at_summary ? keys_n(r, "\t", 1 + j)
						: keys_n(r, "\033[Z", (int)nc - j);
			} else {
				ok = at_summary ? keys_n(r, "\t", (int)nc + 2) : keys_n(r, "\t", 1);
			}
		}
		model_rebase(s, true, ti, tf, v.data);
		at = ok ? continue_at(ti, tf, v.data, &clear) : nsteps;
	}
	if (clear && at < nsteps) {
		model[ti][tf].sent = 0;
		if (!keys_n(r, "\025", 1))     /* ^U: erase to the start */
			at = nsteps;
	}
	/* Stored flags stand only for what is stored now. */
	for (int i = 0; i < nitems; i++)
		for (int f = 0; f < NF; f++) {
			stored_value(s, i, f, &v);
			if (strcmp(v.data, target(i, f)))
				model[i][f].stored = false;
		}
	buf_free(&v);
	return at;
}

/* Whether gavel is committing now: its thread's marker is there
 * (minutes/session/committer.c), or the screen's last header counts
 * commits pending. */
static bool committing(struct run *r)
{
	struct buf p = BUF_INIT;
	buf_addf(&p, "%s/.git/gavel", r->repo);
	DIR *dp = opendir(p.data);
	struct dirent *e;
	bool yes = false;
	while (dp && !yes && (e = readdir(dp)))
		yes = !strncmp(e->d_name, "committing-", 11);
	if (dp)
		closedir(dp);
	buf_free(&p);
	return yes;
}

/* Kills gavel now; checks what it left. */
static void kill_now(struct run *r, bool typing)
{
	double t = ptyrun_now_ms();
	bool in_flight = committing(r);
	gavel_stop(r);
	if (in_flight || committing(r))
		r->kills_in_commit++;
	if (typing)
		r->kill_t = t;
	r->kills_done++;
	check_after_kill(r);
}

/* Restarts gavel after a kill (killing it again while it starts when the
 * next kill says so), checks what it restored and goes to where the
 * script goes on: the step, or nsteps when that failed. */
static size_t restart(struct run *r)
{
	for (;;) {
		struct stat st;
		bool had = stat(r->journal, &st) == 0;
		ino_t ino = had ? st.st_ino : 0;
		r->restarts++;
		if (!gavel_start(r)) {
			r->aborted = true;
			return nsteps;
		}
		if (r->next_kill < r->nkills && r->kills[r->next_kill].mode == KILL_STARTUP) {
			const struct kill *k = &r->kills[r->next_kill++];
			snprintf(context, sizeof(context), "kill %zu of %zu (seed draw %u: startup, "
				 "%.0f ms after the restart that followed %.500s)", r->kills_done + 1,
				 r->nkills, k->n, k->delay_ms, r->typing_kill);
			if (verbose)
				note("%s", context);
			drain_for(r, k->delay_ms);
			output_scan(r);
			kill_now(r, false);
			continue;
		}
		struct state s;
		memset(&s, 0, sizeof(s));
		if (!restored_state(r, had, ino, &s)) {
			state_free(&s);
			gavel_stop(r);
			r->aborted = true;
			return nsteps;
		}
		/* What gavel said on restoring, for the report. */
		size_t clen = strlen(context);
		if (ptyrun_kept_has(&r->pc, "committed elsewhere"))
			snprintf(context + clen, sizeof(context) - clen, "; on restart gavel said "
				 "\"the minutes were committed elsewhere after the journal was "
				 "written; the journal's version is restored over them\"");
		check_restored(r, &s);
		output_scan(r);
		size_t at = resume(r, &s);
		state_free(&s);
		return at;
	}
}

static void progress(struct run *r, size_t at)
{
	static size_t shown;
	if (!r->nkills || r->kills_done < shown + (r->nkills >= 50 ? r->nkills / 10 : r->nkills))
		return;
	shown = r->kills_done;
	note("%zu of %zu kills, at step %zu of %zu, %.0f s", r->kills_done, r->nkills, at,
	     nsteps, (ptyrun_now_ms() - r->started_ms) / 1000);
}

/* Runs the whole script in r->repo, killing gavel as r->kills says.  True
 * when gavel finished the meeting and exited 0. */
bool drive(struct run *r)
{
	model_reset();
	r->journal = journal_file(r->repo);
	r->started_ms = ptyrun_now_ms();
	r->kill_t = 0;
	if (!gavel_start(r))
		return false;
	if (!ptyrun_settle(&r->pc, 0, r->wait_ms)) {
		fail(F_RESTART, "gavel did not start within %ld ms", r->wait_ms);
		gavel_stop(r);
		return false;
	}
	size_t at = 0;
	while (at < nsteps && !r->aborted) {
		if (r->next_kill < r->nkills && r->kills[r->next_kill].pos <= at) {
			const struct kill *k = &r->kills[r->next_kill++];
			char where[200];
			step_describe(at, where, sizeof(where));
			snprintf(context, sizeof(context), "kill %zu of %zu (seed draw %u: %s, "
				 "%.1f ms, at %s)", r->kills_done + 1, r->nkills, k->n,
				 mode_names[k->mode], k->delay_ms, where);
			snprintf(r->typing_kill, sizeof(r->typing_kill), "%.500s", context);
			if (verbose)
				note("%s", context);
			if (k->mode == KILL_BUSY) {
				size_t len;
				const char *b = step_bytes(&steps[at], &len);
				double gap = r->gap_ms - (ptyrun_now_ms() - r->last_key);
				if (gap > 0)
					drain_for(r, gap);
				double t = ptyrun_now_ms();
				ptyrun_put(&r->pc, b, len);
				r->last_key = t;
				model_sent(at, t);
				drain_for(r, k->delay_ms);
			} else {
				drain_for(r, k->delay_ms);
			}
			output_scan(r);
			r->kill_step = at;
			kill_now(r, true);
			progress(r, at);
			at = restart(r);
			continue;
		}
		size_t len;
		const char *b = step_bytes(&steps[at], &len);
		double t = 0;
		bool ok = key_at(r, b, len, &t);
		model_sent(at, t);
		if (!ok)
			break;
		model_done(at, ptyrun_now_ms());
		at++;
	}
	snprintf(context, sizeof(context), "%s run, the end", r->name);
	if (r->aborted || at < nsteps) {
		r->aborted = true;
		gavel_stop(r);
		return false;
	}
	/* After q: gavel stores, commits, removes the journal and exits. */
	bool ended = ptyrun_wait_end(&r->pc, r->wait_ms);
	output_scan(r);
	int st = r->pc.status;
	if (!ended) {
		fail(F_RESTART, "gavel did not exit after q");
		gavel_stop(r);
		return false;
	}
	ptyrun_close(&r->pc);
	r->running = false;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fail(F_RESTART, "gavel run ended with %s %d after q",
		     WIFEXITED(st) ? "exit status" : "signal",
		     WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
		return false;
	}
	return true;
}
