/*
 * tests/torture/torture: the crash torture test of the clerk's screen.
 *
 *   tests/torture/torture [GAVEL]          (default ./gavel)
 *
 * Environment: TORTURE_SEED (the kill moments; printed; default 20180314,
 * "random" takes one from the clock), TORTURE_KILLS (200), TORTURE_ITEMS (items of the script, 1-5,
 * default 5), TORTURE_GAP_MS (at least this long from one key to the next
 * in the run that is killed, default 20), TORTURE_WAIT_MS (how long gavel
 * may take over one key or a start, 20000), TORTURE_VERBOSE=1 (a line per
 * kill and restart), TORTURE_KEEP=1 (keep the folder even when all went
 * well; it is always kept after a failure, and named).
 *
 * In a folder of its own (a pinned HOME with a git identity, TZ=UTC), it
 * makes two demo repositories (`gavel demo --no-run`) and records the same
 * scripted meeting in each with `gavel -C REPO run MEETING` on an 80x24
 * pseudo-terminal (tests/lib/ptyrun.c, shared with bench/keys): attendance
 * Enter, ^N to item 1; for each item a summary, Tab, three comments (each
 * typed character by character, then Enter, which stores and commits it),
 * Tab to the decision and a digit that picks its phrase, ^N to the next
 * item; after the last, Esc, E (end the meeting) and q.  Every key is typed
 * alone: the next one only once gavel has read it and waits again.
 *
 * The first run is never interrupted; its minutes are the reference.  The
 * second is killed with SIGKILL at TORTURE_KILLS moments drawn from the
 * seed: each is a position in the script and one of
 *   busy     the key at that position is typed and gavel killed 0-40 ms
 *            later, while it handles the key (storing, committing, journal);
 *   idle     gavel is killed 0-1500 ms after it took the key before, with
 *            nothing typed meanwhile;
 *   startup  gavel is killed 0-400 ms after the restart that follows the
 *            kill before, while it starts, restores and rewrites its journal.
 * The driver keeps a model of the meeting: when each byte of each field was
 * typed, which comments and decisions are stored (the Enter, the digit was
 * handled), which item changes (^N) and the end were handled.  After each
 * kill:
 *   - the journal, when there is one, reads whole (not damaged, not only
 *     its previous copy);
 *   - `git fsck --strict` is clean;
 *   - the last commit holds every stored comment and decision, the end and
 *     start times of every item change, the meeting's end once E was
 *     handled;
 * then gavel is started again and, once it has restored its journal and
 * written it anew (the restored minutes and where the clerk was: view,
 * item, field, its text and cursor), that state is checked:
 *   - every stored comment and decision is there, as stored;
 *   - every field holds a prefix of what was typed into it, and what is
 *     missing was all typed less than 1 s before the kill (the issue's
 *     rule; 0.25 s more is allowed for scheduling, TORTURE_MARGIN_MS);
 *     blanks at the end of a field that gavel stored (it trims them) are
 *     not counted;
 *   - the cursor is at the end of the restored text;
 *   - items entered and changed are stamped, the end once E was handled.
 * The driver then goes on from what gavel restored: it types the rest of
 * the restored field, or (when gavel opened elsewhere) goes there by the
 * hub (Esc, Home, Down to the item, Enter, Tab or Shift-Tab to the field),
 * so the meeting is finished as if nothing had happened.  At the end gavel
 * must exit 0 and leave no journal, a clean tree and a clean `git fsck`,
 * and the committed minutes must equal the reference, the stamped times
 * (start, end, started, ended) made "HH:MM" in both.
 *
 * The kill moments are reproducible from the seed; what gavel has done by
 * a moment depends on timing, so a run is not repeated byte for byte.
 * Results are TAP lines ("ok - ", "not ok - "), details on "# " lines.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/model/yamlfile.h"
#include "minutes/session/journal.h"
#include "minutes/model/minutes.h"

#include "tests/lib/ptyrun.h"

#define MEETING "communities-board/2018-03-14"
#define MINUTES_PATH MEETING "/minutes.yaml"
#define NC 3                    /* comments an item */
#define NF (NC + 2)             /* fields an item: summary, comments, decision */
#define MAX_ITEMS 5
#define MAX_TEXT 256
#define RULE_MS 1000.0          /* the "one second of typing" */
#define KEEP_OUTPUT (1 << 20)

/* How tui/clerk.c numbers its views and fields in the journal. */
enum { V_ATTENDANCE, V_OPENING, V_ITEM, V_HUB, V_END };
enum { K_SUMMARY = 10, K_COMMENT = 11, K_DECISION = 12 };

/* ---- the script ---- */

struct item_script {
	const char *summary;
	const char *comments[NC];
	char key;               /* the decision phrase's digit */
	const char *decision;   /* the phrase it picks */
};

/* The demo's items 1-5; phrases as the clerk's screen lists them (the
 * committee's, after the confirmation for item 2). */
static const struct item_script script[MAX_ITEMS] = {
	{ "The Chair welcomed members and officers to the meeting.",
	  { "Apologies were received from Cllr Sam Patel.",
	    "Cllr Jo Reid declared an interest as a trustee of a café charity.",
	    "No other interests were declared." },
	  '1', "Members noted the presentation." },
	{ "The minutes of 17 January 2018 were presented for approval.",
	  { "Members asked that the action on good practice be carried forward.",
	    "The clerk confirmed the correction to page 3 – the date of the visit.",
	    "There were no matters arising." },
	  '1', "RESOLVED: that the minutes of the meeting held on 17 January 2018 "
	       "be confirmed as a correct record." },
	{ "Officers of the Ministry presented the green paper and its pilots.",
	  { "Peter Fenn: The consultation closes on 5 June; responses are welcome.",
	    "Penny Hobman: Funding of £50 million is set aside for the pilots.",
	    "Members asked how the success of the pilots would be measured." },
	  '3', "RESOLVED: that the recommendations be approved." },
	{ "Rebecca Cox introduced the report on loneliness among older residents.",
	  { "Rebecca Cox: Half of those surveyed had no visitor in a typical week.",
	    "Members praised the befriending schemes run by Zoë Ní Bhriain.",
	    "Officers will report back on the role of libraries." },
	  '2', "Members noted the report." },
	{ "The Board considered its work programme for the coming year.",
	  { "Members asked for a session on integration in rural areas.",
	    "The Chair asked that housing be added for the autumn.",
	    "Officers agreed to circulate a revised programme." },
	  '4', "Members agreed the work programme." },
};

static int nitems = MAX_ITEMS;

static const char *target(int i, int f)
{
	if (f == 0)
		return script[i].summary;
	if (f <= NC)
		return script[i].comments[f - 1];
	return script[i].decision;
}

static const char *field_name(int f, char *buf, size_t n)
{
	if (f == 0)
		snprintf(buf, n, "summary");
	else if (f <= NC)
		snprintf(buf, n, "comment %d", f);
	else
		snprintf(buf, n, "decision");
	return buf;
}

enum act {
	A_BEGIN_ENTER,          /* attendance: Enter, to the opening */
	A_BEGIN_NEXT,           /* opening: ^N, to item 1 */
	A_CHAR,                 /* one character of a field */
	A_SUMMARY_TAB,          /* from the summary to the fresh comment */
	A_COMMENT_ENTER,        /* stores the comment, opens the next */
	A_DECISION_TAB,         /* from the fresh comment to the decision */
	A_PHRASE,               /* the digit: the decision, stored */
	A_NEXT_ITEM,            /* ^N */
	A_HUB,                  /* Esc after the last item */
	A_END,                  /* E */
	A_QUIT,                 /* q */
};

static const char *const act_names[] = {
	"attendance Enter", "opening ^N", "a character", "Tab after the summary",
	"Enter after the comment", "Tab to the decision", "the phrase's digit",
	"^N", "Esc", "E", "q",
};

struct step {
	enum act act;
	int item, field;
	size_t off, len;        /* A_CHAR: the bytes of the target */
};

static struct step *steps;
static size_t nsteps;

static void step_add(enum act a, int i, int f, size_t off, size_t len)
{
	static size_t cap;
	if (nsteps == cap) {
		cap = cap ? 2 * cap : 1024;
		steps = xrealloc(steps, cap * sizeof(*steps));
	}
	steps[nsteps++] = (struct step){ a, i, f, off, len };
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void chars_add(int i, int f)
{
	const char *t = target(i, f);
	for (size_t off = 0; t[off];) {
		size_t l = utf8_len((unsigned char)t[off]);
		step_add(A_CHAR, i, f, off, l);
		off += l;
	}
}

static void script_build(void)
{
	step_add(A_BEGIN_ENTER, 0, 0, 0, 0);
	step_add(A_BEGIN_NEXT, 0, 0, 0, 0);
	for (int i = 0; i < nitems; i++) {
		chars_add(i, 0);
		step_add(A_SUMMARY_TAB, i, 0, 0, 0);
		for (int f = 1; f <= NC; f++) {
			chars_add(i, f);
			step_add(A_COMMENT_ENTER, i, f, 0, 0);
		}
		step_add(A_DECISION_TAB, i, NC + 1, 0, 0);
		step_add(A_PHRASE, i, NC + 1, 0, 0);
		if (i + 1 < nitems)
			step_add(A_NEXT_ITEM, i, 0, 0, 0);
	}
	step_add(A_HUB, nitems - 1, 0, 0, 0);
	step_add(A_END, nitems - 1, 0, 0, 0);
	step_add(A_QUIT, nitems - 1, 0, 0, 0);
}

/* The step of `act` for item i, field f (and `off` for A_CHAR). */
static size_t step_find(enum act a, int i, int f, size_t off)
{
	for (size_t k = 0; k < nsteps; k++)
		if (steps[k].act == a && steps[k].item == i &&
		    (a == A_NEXT_ITEM || a == A_HUB || a == A_END || a == A_QUIT ||
		     steps[k].field == f) &&
		    (a != A_CHAR || steps[k].off == off))
			return k;
	fprintf(stderr, "torture: no step %d for item %d field %d offset %zu\n", (int)a, i, f,
		off);
	exit(2);
}

static const char *step_bytes(const struct step *s, size_t *len)
{
	static char digit[2];
	*len = 1;
	switch (s->act) {
	case A_BEGIN_ENTER: return "\r";
	case A_BEGIN_NEXT: return "\016";
	case A_CHAR:
		*len = s->len;
		return target(s->item, s->field) + s->off;
	case A_SUMMARY_TAB: return "\t";
	case A_COMMENT_ENTER: return "\r";
	case A_DECISION_TAB: return "\t";
	case A_PHRASE:
		digit[0] = script[s->item].key;
		return digit;
	case A_NEXT_ITEM: return "\016";
	case A_HUB: return "\033";
	case A_END: return "E";
	case A_QUIT: return "q";
	}
	return "";
}

static void step_describe(size_t k, char *out, size_t n)
{
	if (k >= nsteps) {
		snprintf(out, n, "the end");
		return;
	}
	const struct step *s = &steps[k];
	char f[32];
	if (s->act == A_CHAR)
		snprintf(out, n, "step %zu: item %d %s, byte %zu ('%.*s')", k, s->item + 1,
			 field_name(s->field, f, sizeof(f)), s->off, (int)s->len,
			 target(s->item, s->field) + s->off);
	else
		snprintf(out, n, "step %zu: item %d, %s", k, s->item + 1, act_names[s->act]);
}

/* ---- reporting ---- */

enum failure {
	F_STORED, F_LOST, F_WRONG, F_CURSOR, F_FSCK, F_JOURNAL, F_COMMIT, F_RESTART,
	F_NKINDS
};
static const char *const failure_names[] = {
	"stored comment, decision or item missing", "typing lost beyond the rule",
	"restored text that was not typed", "cursor not at the end",
	"git fsck", "damaged or unrestored journal", "commit failed", "restart",
};

static unsigned failures[F_NKINDS];
static unsigned printed;
static struct buf report;       /* every failure, for the report file */
static char context[1024];      /* the kill being checked */
static bool verbose;

static void fail(enum failure k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(enum failure k, const char *fmt, ...)
{
	struct buf m = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&m, fmt, ap);
	va_end(ap);
	failures[k]++;
	buf_addf(&report, "[%s] %s\n    %s\n", failure_names[k], context, m.data);
	if (printed++ < 40)
		printf("# FAIL [%s] %s\n#     %s\n", failure_names[k], context, m.data);
	fflush(stdout);
	buf_free(&m);
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	fflush(stdout);
}

static unsigned tap_passed, tap_failed;

static void tap(bool good, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tap(bool good, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs(good ? "ok - " : "not ok - ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	fflush(stdout);
	if (good)
		tap_passed++;
	else
		tap_failed++;
}

/* ---- commands ---- */

static char *workdir;

/* Runs `sh -c CMD` with its output (both streams) in `out`; its exit
 * status, or -1. */
static int run_cmd(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int run_cmd(struct buf *out, const char *fmt, ...)
{
	struct buf c = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&c, fmt, ap);
	va_end(ap);
	buf_addstr(&c, " 2>&1");
	fflush(stdout);
	FILE *p = popen(c.data, "r");
	buf_free(&c);
	if (!p)
		return -1;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		if (out)
			buf_add(out, chunk, n);
	int st = pclose(p);
	return st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* ---- gavel's state: the last commit and the journal ---- */

struct state {
	struct yamlfile head, part;
	bool has_head, has_part;
	const struct minutes *meet;
	const struct minutes_item *items[64];
	size_t nitems;
	/* Where the clerk is, from the journal (or as gavel opens without). */
	int view;
	size_t item;
	int entered;
	bool has_slot;
	int kind;
	size_t index, cursor;
	int changed;
	char *text;
};

static void state_free(struct state *s)
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

static char *journal_file(const char *repo)
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
	unsigned long long uilen;
	char *e;
	if (payload->len < 4 || memcmp(p, "ui ", 3) ||
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

static const struct minutes_item *state_item(const struct state *s, int i)
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

/* The value of field f of item i in the minutes (not the open field). */
static void stored_value(const struct state *s, int i, int f, struct buf *out)
{
	buf_reset(out);
	buf_addstr(out, "");
	const struct minutes_item *it = state_item(s, i);
	if (!it)
		return;
	if (f == 0)
		buf_addstr(out, it->summary ? it->summary : "");
	else if (f <= NC) {
		if ((size_t)(f - 1) < it->ncomments)
			comment_text(&it->comments[f - 1], out);
	} else
		buf_addstr(out, it->decision ? it->decision : "");
}

/* The script's field the clerk's cursor is in: item*NF+field, or -1. */
static int focused(const struct state *s)
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
static void shown_value(const struct state *s, int i, int f, struct buf *out)
{
	if (focused(s) == i * NF + f) {
		buf_reset(out);
		buf_addstr(out, s->text);
	} else {
		stored_value(s, i, f, out);
	}
}

static bool is_prefix(const char *p, const char *of)
{
	size_t n = strlen(p);
	return n <= strlen(of) && !memcmp(p, of, n);
}

static char *trim(const char *s)
{
	while (*s == ' ' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

/* ---- the model of what was typed ---- */

struct fmodel {
	size_t sent;            /* bytes of the target typed */
	double t[MAX_TEXT];     /* when each was typed */
	bool stored;            /* its Enter or digit was handled */
};

static struct fmodel model[MAX_ITEMS][NF];
static bool item_entered[MAX_ITEMS];    /* ^N into it handled */
static double item_entered_at[MAX_ITEMS];
static bool item_left[MAX_ITEMS];       /* ^N from it to the next handled */
static bool end_done;                   /* E handled */

static void model_reset(void)
{
	memset(model, 0, sizeof(model));
	memset(item_entered, 0, sizeof(item_entered));
	memset(item_left, 0, sizeof(item_left));
	end_done = false;
}

/* ---- one run of the script ---- */

enum kill_mode { KILL_BUSY, KILL_IDLE, KILL_STARTUP };
static const char *const mode_names[] = { "busy", "idle", "startup" };

struct kill {
	size_t pos;
	enum kill_mode mode;
	double delay_ms;
	unsigned n;             /* its number, in the order drawn */
};

struct run {
	const char *name;
	const char *gavel;
	const char *repo;
	char *journal;
	double gap_ms;
	long wait_ms;
	double margin_ms;
	struct ptyrun pc;
	bool running;
	double last_key;
	struct kill *kills;
	size_t nkills, next_kill, kills_done;
	double kill_t;          /* the last kill while typing */
	char typing_kill[512];  /* that kill, described */
	size_t kill_step;
	bool aborted;
	unsigned restarts, navigations;
	double started_ms;
};

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

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

static void last_screen(struct run *r, struct buf *out)
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

/* The model learns that step k was typed (at `when`) ... */
static void model_sent(size_t k, double when)
{
	const struct step *s = &steps[k];
	struct fmodel *m = &model[s->item][s->field];
	if (s->act == A_CHAR) {
		for (size_t b = s->off; b < s->off + s->len && b < MAX_TEXT; b++)
			m->t[b] = when;
		if (m->sent < s->off + s->len)
			m->sent = s->off + s->len;
	} else if (s->act == A_PHRASE) {
		size_t n = strlen(target(s->item, s->field));
		for (size_t b = 0; b < n && b < MAX_TEXT; b++)
			m->t[b] = when;
		m->sent = n;
	}
}

/* ... and that gavel handled it. */
static void model_done(size_t k, double when)
{
	const struct step *s = &steps[k];
	switch (s->act) {
	case A_COMMENT_ENTER:
	case A_PHRASE:
		model[s->item][s->field].stored = true;
		break;
	case A_BEGIN_NEXT:
		item_entered[0] = true;
		item_entered_at[0] = when;
		break;
	case A_NEXT_ITEM:
		item_left[s->item] = true;
		item_entered[s->item + 1] = true;
		item_entered_at[s->item + 1] = when;
		break;
	case A_END:
		end_done = true;
		break;
	default:
		break;
	}
}

/* After a kill: the repository and the journal as gavel left them. */
static void check_after_kill(struct run *r)
{
	struct buf out = BUF_INIT, why = BUF_INIT, v = BUF_INIT;
	int rc = run_cmd(&out, "git -C '%s' fsck --strict --no-dangling --no-progress", r->repo);
	if (rc != 0)
		fail(F_FSCK, "git fsck --strict exits %d: %.400s", rc, out.data ? out.data : "");
	buf_reset(&out);
	if (journal_get(r->repo, &out, &why) < 0)
		fail(F_JOURNAL, "after the kill: %s", why.data);
	buf_reset(&why);
	struct yamlfile head;
	if (head_load(r->repo, &head, &why) < 0) {
		fail(F_STORED, "after the kill: %s", why.data);
	} else {
		struct state s;
		memset(&s, 0, sizeof(s));
		s.meet = head.minutes;
		s.nitems = head.minutes->nitems;
		for (size_t i = 0; i < s.nitems && i < 64; i++)
			s.items[i] = head.minutes->items[i];
		for (int i = 0; i < nitems; i++) {
			for (int f = 1; f < NF; f++) {
				if (!model[i][f].stored)
					continue;
				stored_value(&s, i, f, &v);
				char fn[32];
				if (strcmp(v.data, target(i, f)))
					fail(F_STORED, "the last commit lacks item %d's %s, stored "
					     "before the kill: it has \"%s\", not \"%s\"", i + 1,
					     field_name(f, fn, sizeof(fn)), v.data, target(i, f));
			}
			const struct minutes_item *it = state_item(&s, i);
			const struct minutes_item *next = state_item(&s, i + 1);
			if (item_left[i] && (!it || !*it->ended || !next || !*next->started))
				fail(F_STORED, "the last commit lacks the change from item %d to "
				     "item %d (its end and start times), handled before the kill",
				     i + 1, i + 2);
		}
		if (end_done && !*s.meet->end)
			fail(F_STORED, "the last commit lacks the meeting's end, handled before "
			     "the kill");
		yamlfile_free(&head);
	}
	buf_free(&out);
	buf_free(&why);
	buf_free(&v);
}

/* After a restart: what gavel restored, against the model. */
static void check_restored(struct run *r, const struct state *s)
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
static bool restored_state(struct run *r, bool had_journal, ino_t old_ino, struct state *s)
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

/* ---- going on after a restart ---- */

/* The value of field f of item i once the open field is stored (as Esc
 * would store it); `nc` the item's comments then. */
static void after_store(const struct state *s, int i, int f, struct buf *out, size_t *nc,
			bool *has_summary)
{
	const struct minutes_item *it = state_item(s, i);
	size_t n = it ? it->ncomments : 0;
	stored_value(s, i, f, out);
	*has_summary = it && it->summary && *it->summary;
	int fo = focused(s);
	if (fo >= 0 && fo / NF == i && s->changed) {
		int ff = fo % NF;
		char *t = trim(s->text);
		if (ff == 0) {
			*has_summary = *t != 0;
			if (f == 0) {
				buf_reset(out);
				buf_addstr(out, t);
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
		at = continue_at(ti, tf, s->text, &clear);
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

/* Kills gavel now; checks what it left. */
static void kill_now(struct run *r, bool typing)
{
	double t = ptyrun_now_ms();
	gavel_stop(r);
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
static bool drive(struct run *r)
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

/* ---- setting up and comparing ---- */

static char *demo_repo(const char *gavel)
{
	struct buf out = BUF_INIT;
	int rc = run_cmd(&out, "'%s' demo --no-run </dev/null", gavel);
	const char *p = out.data ? strstr(out.data, "The demo repository is ") : NULL;
	const char *e = p ? strstr(p, " (meeting ") : NULL;
	if (rc != 0 || !e) {
		printf("# gavel demo --no-run failed (%d): %s\n", rc, out.data ? out.data : "");
		buf_free(&out);
		return NULL;
	}
	p += strlen("The demo repository is ");
	char *repo = xstrndup(p, (size_t)(e - p));
	buf_free(&out);
	return repo;
}

/* The committed minutes with the stamped times made "HH:MM". */
static bool normalised(const char *repo, struct buf *out)
{
	struct buf raw = BUF_INIT;
	int rc = run_cmd(&raw, "git -C '%s' show 'HEAD:%s'", repo, MINUTES_PATH);
	if (rc != 0) {
		buf_free(&raw);
		return false;
	}
	static const char *const keys[] = { "start: \"", "end: \"", "started: \"", "ended: \"" };
	for (const char *p = raw.data; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		const char *q = p;
		while (*q == ' ')
			q++;
		bool done = false;
		for (size_t k = 0; k < 4 && !done; k++) {
			size_t kl = strlen(keys[k]);
			if (!strncmp(q, keys[k], kl) && (size_t)(q - p) + kl + 7 <= len &&
			    isdigit((unsigned char)q[kl]) && isdigit((unsigned char)q[kl + 1]) &&
			    q[kl + 2] == ':' && isdigit((unsigned char)q[kl + 3]) &&
			    isdigit((unsigned char)q[kl + 4]) && q[kl + 5] == '"') {
				buf_add(out, p, (size_t)(q - p) + kl);
				buf_addstr(out, "HH:MM\"\n");
				done = true;
			}
		}
		if (!done)
			buf_add(out, p, len);
		p += len;
	}
	buf_addstr(out, "");
	buf_free(&raw);
	return true;
}

static bool write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	bool ok = fwrite(b->data, 1, b->len, f) == b->len;
	return fclose(f) == 0 && ok;
}

static long env_number(const char *name, long def, long lo, long hi)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return def;
	char *e;
	long n = strtol(v, &e, 10);
	if (*e || n < lo || n > hi) {
		fprintf(stderr, "torture: %s must be a number from %ld to %ld\n", name, lo, hi);
		exit(2);
	}
	return n;
}

static int kill_order(const void *a, const void *b)
{
	const struct kill *x = a, *y = b;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* The final state of a finished run: no journal, a clean tree and fsck. */
static void check_final(const char *name, const char *repo)
{
	struct buf out = BUF_INIT;
	char *j = journal_file(repo);
	tap(!file_exists(j), "%s run: no journal is left", name);
	free(j);
	int rc = run_cmd(&out, "git -C '%s' status --porcelain", repo);
	tap(rc == 0 && out.len == 0, "%s run: git status is clean", name);
	if (out.len)
		printf("#   %.*s\n", (int)(out.len > 400 ? 400 : out.len), out.data);
	buf_reset(&out);
	rc = run_cmd(&out, "git -C '%s' fsck --strict --no-dangling --no-progress", repo);
	tap(rc == 0, "%s run: git fsck --strict is clean", name);
	if (rc)
		printf("#   %.*s\n", (int)(out.len > 400 ? 400 : out.len), out.data);
	buf_free(&out);
}

int main(int argc, char **argv)
{
	const char *gavel_arg = argc > 1 ? argv[1] : "./gavel";
	char gavel[4096];
	if (!realpath(gavel_arg, gavel)) {
		fprintf(stderr, "torture: %s: %s\n", gavel_arg, strerror(errno));
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	verbose = getenv("TORTURE_VERBOSE") && *getenv("TORTURE_VERBOSE") == '1';
	long kills = env_number("TORTURE_KILLS", 200, 0, 100000);
	nitems = (int)env_number("TORTURE_ITEMS", MAX_ITEMS, 1, MAX_ITEMS);
	long gap = env_number("TORTURE_GAP_MS", 20, 0, 10000);
	long wait_ms = env_number("TORTURE_WAIT_MS", 20000, 100, 3600000);
	long margin = env_number("TORTURE_MARGIN_MS", 250, 0, 100000);
	uint64_t seed = 20180314;
	const char *sv = getenv("TORTURE_SEED");
	if (sv && !strcmp(sv, "random")) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		seed = ((uint64_t)ts.tv_sec * 1000003u ^ (uint64_t)ts.tv_nsec ^
			(uint64_t)getpid()) % 1000000000u;
	} else if (sv && *sv) {
		char *e;
		seed = strtoull(sv, &e, 10);
		if (*e) {
			fprintf(stderr, "torture: TORTURE_SEED must be a number\n");
			return 2;
		}
	}
	script_build();
	printf("# seed %llu (TORTURE_SEED=%llu repeats these kill moments), %ld kills, "
	       "%d items, %zu keys in the script, %ld ms between keys\n",
	       (unsigned long long)seed, (unsigned long long)seed, kills, nitems, nsteps, gap);

	/* The folder: a pinned HOME with a git identity, TZ=UTC. */
	const char *tmp = getenv("TMPDIR");
	struct buf dir = BUF_INIT;
	buf_addf(&dir, "%s/gavel-torture-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.data)) {
		perror("torture: mkdtemp");
		return 2;
	}
	workdir = dir.data;
	struct buf home = BUF_INIT, tmpd = BUF_INIT, gc = BUF_INIT;
	buf_addf(&home, "%s/home", workdir);
	buf_addf(&tmpd, "%s/tmp", workdir);
	mkdir(home.data, 0700);
	mkdir(tmpd.data, 0700);
	buf_addf(&gc, "%s/.gitconfig", home.data);
	struct buf gcfg = BUF_INIT;
	buf_addstr(&gcfg, "[user]\n\tname = Test Clerk\n\temail = clerk@example.org\n"
		   "[init]\n\tdefaultBranch = main\n");
	write_file(gc.data, &gcfg);
	buf_free(&gcfg);
	setenv("HOME", home.data, 1);
	setenv("TMPDIR", tmpd.data, 1);
	setenv("TZ", "UTC", 1);
	setenv("LANG", "C.UTF-8", 1);
	static const char *const drop[] = {
		"LC_ALL", "GAVEL_REPO", "GAVEL_THEME", "NO_COLOR", "XDG_DATA_HOME",
		"XDG_CONFIG_HOME", "GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_NAME",
		"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "VISUAL",
		"EDITOR", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
	};
	for (size_t k = 0; k < sizeof(drop) / sizeof(drop[0]); k++)
		unsetenv(drop[k]);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);

	char *ref_repo = demo_repo(gavel), *tor_repo = demo_repo(gavel);
	if (!ref_repo || !tor_repo) {
		tap(false, "gavel demo --no-run makes the repositories");
		printf("# kept: %s\n", workdir);
		return 1;
	}

	/* The uninterrupted run, as fast as gavel takes the keys. */
	buf_init(&report);
	double t0 = ptyrun_now_ms();
	struct run ref = { .name = "uninterrupted", .gavel = gavel, .repo = ref_repo,
			   .gap_ms = 0, .wait_ms = wait_ms, .margin_ms = (double)margin };
	snprintf(context, sizeof(context), "uninterrupted run");
	bool ref_ok = drive(&ref);
	unsigned ref_failures = 0;
	for (int k = 0; k < F_NKINDS; k++)
		ref_failures += failures[k];
	tap(ref_ok && !ref_failures, "the uninterrupted run records the meeting (%.1f s)",
	    (ptyrun_now_ms() - t0) / 1000);
	if (ref_ok)
		check_final("uninterrupted", ref_repo);
	memset(failures, 0, sizeof(failures));

	/* The kill moments. */
	rng_state = seed;
	struct kill *kv = xcalloc((size_t)kills + 1, sizeof(*kv));
	for (long k = 0; k < kills; k++) {
		kv[k].n = (unsigned)k + 1;
		kv[k].pos = (size_t)(rng() % nsteps);
		unsigned m = (unsigned)(rng() % 100);
		kv[k].mode = m < 45 ? KILL_BUSY : m < 80 ? KILL_IDLE : KILL_STARTUP;
		double u = (double)(rng() % 1000000) / 1e6;
		kv[k].delay_ms = kv[k].mode == KILL_BUSY ? 40 * u
			       : kv[k].mode == KILL_IDLE ? 1500 * u : 400 * u;
	}
	qsort(kv, (size_t)kills, sizeof(*kv), kill_order);
	/* A startup kill follows the kill before it: none comes first. */
	if (kills && kv[0].mode == KILL_STARTUP)
		kv[0].mode = KILL_IDLE;

	t0 = ptyrun_now_ms();
	struct run tor = { .name = "killed", .gavel = gavel, .repo = tor_repo,
			   .gap_ms = (double)gap, .wait_ms = wait_ms,
			   .margin_ms = (double)margin, .kills = kv, .nkills = (size_t)kills };
	bool tor_ok = drive(&tor);
	double took = (ptyrun_now_ms() - t0) / 1000;
	note("%zu kills in %.1f s (%u restarts, %u times by the hub); seed %llu", tor.kills_done,
	     took, tor.restarts, tor.navigations, (unsigned long long)seed);
	tap(tor_ok && tor.kills_done == (size_t)kills,
	    "gavel, killed %zu times, restarted each time and finished the meeting",
	    tor.kills_done);
	tap(!failures[F_RESTART], "gavel restarted and took the keys every time (%u failures)",
	    failures[F_RESTART]);
	tap(!failures[F_STORED], "every stored comment, decision and item change was in the "
	    "last commit after each kill and restored after each restart (%u failures)",
	    failures[F_STORED]);
	tap(!failures[F_LOST] && !failures[F_WRONG] && !failures[F_CURSOR],
	    "at most one second of typing was missing after each restart, nothing else "
	    "changed, the cursor at its end (%u, %u, %u failures)", failures[F_LOST],
	    failures[F_WRONG], failures[F_CURSOR]);
	tap(!failures[F_JOURNAL], "the journal read whole after every kill and was restored "
	    "(%u failures)", failures[F_JOURNAL]);
	tap(!failures[F_COMMIT], "no commit failed (%u failures)", failures[F_COMMIT]);
	tap(!failures[F_FSCK], "git fsck --strict was clean after every kill (%u failures)",
	    failures[F_FSCK]);
	if (tor_ok) {
		check_final("killed", tor_repo);
		struct buf a = BUF_INIT, b = BUF_INIT;
		bool same = ref_ok && normalised(ref_repo, &a) && normalised(tor_repo, &b) &&
			    a.len == b.len && !memcmp(a.data, b.data, a.len);
		tap(same, "the final minutes equal those of the uninterrupted run "
		    "(stamped times aside)");
		if (!same && ref_ok) {
			struct buf pa = BUF_INIT, pb = BUF_INIT, d = BUF_INIT;
			buf_addf(&pa, "%s/uninterrupted.yaml", workdir);
			buf_addf(&pb, "%s/killed.yaml", workdir);
			write_file(pa.data, &a);
			write_file(pb.data, &b);
			run_cmd(&d, "diff -u '%s' '%s'", pa.data, pb.data);
			for (const char *p = d.data; p && *p;) {
				const char *nl = strchr(p, '\n');
				printf("#   %.*s\n", (int)(nl ? nl - p : (long)strlen(p)), p);
				p = nl ? nl + 1 : "";
			}
			buf_free(&pa);
			buf_free(&pb);
			buf_free(&d);
		}
		buf_free(&a);
		buf_free(&b);
	} else {
		tap(false, "the final minutes equal those of the uninterrupted run "
		    "(the killed run did not finish)");
	}
	bool keep = tap_failed || (getenv("TORTURE_KEEP") && *getenv("TORTURE_KEEP") == '1');
	if (report.len) {
		struct buf rp = BUF_INIT;
		buf_addf(&rp, "%s/report.txt", workdir);
		struct buf head = BUF_INIT;
		buf_addf(&head, "seed %llu, %ld kills, %d items, gap %ld ms\n",
			 (unsigned long long)seed, kills, nitems, gap);
		buf_add(&head, report.data, report.len);
		write_file(rp.data, &head);
		note("every failure is in %s", rp.data);
		buf_free(&rp);
		buf_free(&head);
	}
	if (keep) {
		note("kept: %s (uninterrupted: %s, killed: %s)", workdir, ref_repo, tor_repo);
		if (tap_failed)
			note("seed %llu: TORTURE_SEED=%llu TORTURE_KILLS=%ld TORTURE_ITEMS=%d "
			     "repeats the kill moments", (unsigned long long)seed,
			     (unsigned long long)seed, kills, nitems);
	} else {
		run_cmd(NULL, "rm -rf '%s'", workdir);
	}
	printf("# %u passed, %u failed\n", tap_passed, tap_failed);
	free(kv);
	free(ref_repo);
	free(tor_repo);
	free(ref.journal);
	free(tor.journal);
	free(steps);
	buf_free(&report);
	buf_free(&home);
	buf_free(&tmpd);
	buf_free(&gc);
	buf_free(&dir);
	return tap_failed ? 1 : 0;
}
