/*
 * torture.h: what the crash torture test's files share (torture.c, the
 * main program and its report; script.c, the script and the model of what
 * was typed; drive.c, gavel on a terminal and the kill loop; check.c,
 * gavel's state read back and checked).  torture.c says what the test does.
 */
#ifndef GAVEL_TORTURE_H
#define GAVEL_TORTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "minutes/base/buf.h"
#include "minutes/model/minutes.h"
#include "minutes/model/yamlfile.h"
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

/* The script: an item's texts and its decision. */
struct item_script {
	const char *summary;
	const char *comments[NC];
	char key;               /* the decision phrase's digit */
	const char *decision;   /* the phrase it picks */
};

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

struct step {
	enum act act;
	int item, field;
	size_t off, len;        /* A_CHAR: the bytes of the target */
};

enum failure {
	F_STORED, F_LOST, F_WRONG, F_CURSOR, F_FSCK, F_JOURNAL, F_COMMIT, F_RESTART,
	F_NKINDS
};

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

struct fmodel {
	size_t sent;            /* bytes of the target typed */
	double t[MAX_TEXT];     /* when each was typed */
	bool stored;            /* its Enter or digit was handled */
	double stored_at;       /* when */
};

enum kill_mode { KILL_BUSY, KILL_IDLE, KILL_STARTUP };

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
	size_t kills_in_commit; /* kills that found a commit in flight */
	double kill_t;          /* the last kill while typing */
	char typing_kill[512];  /* that kill, described */
	size_t kill_step;
	bool aborted;
	unsigned restarts, navigations;
	double started_ms;
	double proc_started;    /* when the gavel running (or killed last) began */
};

/* torture.c: the report (fail counts one failure of a kind, in the kill
 * named by `context`), and shell commands. */
extern char context[1024];
extern bool verbose;
void fail(enum failure k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int run_cmd(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* script.c: the script's steps and the model of what was typed. */
extern int nitems;
const char *target(int i, int f);
const char *field_name(int f, char *buf, size_t n);
extern struct step *steps;
extern size_t nsteps;
void script_build(void);
size_t step_find(enum act a, int i, int f, size_t off);
const char *step_bytes(const struct step *s, size_t *len);
void step_describe(size_t k, char *out, size_t n);
extern struct fmodel model[MAX_ITEMS][NF];
extern bool item_entered[MAX_ITEMS];
extern double item_entered_at[MAX_ITEMS];
extern bool item_left[MAX_ITEMS];
extern bool end_done;
extern double end_done_at;
void model_reset(void);
void model_sent(size_t k, double when);
void model_done(size_t k, double when);

/* check.c: gavel's state, read back, and the checks after a kill and
 * after a restart. */
void state_free(struct state *s);
char *journal_file(const char *repo);
const struct minutes_item *state_item(const struct state *s, int i);
/* Drops gavel's opening sentence ("The Chair introduced ...") and its
 * blank line from a summary's value (f 0): the model is of what was typed. */
void drop_introduction(int f, struct buf *out);
void stored_value(const struct state *s, int i, int f, struct buf *out);
int focused(const struct state *s);
void shown_value(const struct state *s, int i, int f, struct buf *out);
bool is_prefix(const char *p, const char *of);
char *trim(const char *s);
void check_after_kill(struct run *r);
void check_restored(struct run *r, const struct state *s);
bool restored_state(struct run *r, bool had_journal, ino_t old_ino, struct state *s);

/* drive.c: the whole script in r->repo, killed as r->kills says. */
void last_screen(struct run *r, struct buf *out);
bool drive(struct run *r);

#endif
