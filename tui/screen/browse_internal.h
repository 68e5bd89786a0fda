/*
 * browse_internal: what the home screen's files share (browse.h is its
 * public face).  The screen is split by job: loading committees and
 * meetings (browse_load.c), the reading pane (browse_pane.c), searching
 * (browse_search.c), drawing (browse_draw.c), creating a meeting
 * (browse_new.c), and the keys with the loop (browse.c).
 */
#ifndef GAVEL_BROWSE_INTERNAL_H
#define GAVEL_BROWSE_INTERNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/git/archive.h"
#include "minutes/git/meeting.h"
#include "tui/edit/field.h"
#include "tui/screen/ui.h"

enum browse_level { L_COMMITTEES, L_MEETINGS, L_ITEMS, L_HITS, L_REGISTER };

struct browse_committee {
	char *slug;
	char *name;
};

struct browse_meeting {          /* a meeting of the committee in hand */
	char *id;
	bool loaded;
	struct minutes *m;
	struct agenda *ag;
	char *error;            /* why its minutes do not load */
};

enum browse_prompt { P_NONE, P_NEW_COMMITTEE, P_NEW_DATE, P_FILTER, P_SEARCH };

struct browse_hit {              /* a search hit, kept */
	char *meeting;
	char *item;
	char *what;             /* "comment 3", "decision" */
	char *snippet;          /* matched words between SEARCH_MARK_ON/OFF */
};

#define BROWSE_HITS_MAX 5000

/* A register's view (browse_registers.c): rows of REG_COLS cells. */
enum browse_register { BR_ACTIONS, BR_DECISIONS, BR_ATTENDANCE };
#define REG_COLS 5
struct browse_reg_row {
	char *cells[REG_COLS];
};

struct browse {
	struct archive *a;
	enum browse_level level;
	struct browse_committee *cs;
	size_t nc, ccap, csel, ctop;
	struct browse_meeting *ms;
	size_t nm, mcap, msel, mtop;
	size_t isel, itop;

	struct buf pane;                /* the reading pane's text */
	struct ui_span *lines;
	size_t nlines, lines_cap, ptop;
	bool pane_focus;
	bool pane_stale;

	char since[11], until[11];
	enum browse_prompt prompt;
	struct field *field;
	char *new_committee;
	bool help;
	size_t help_top;                /* the help page's first line shown */
	char msg[512];
	bool msg_error;
	bool quit;
	volatile sig_atomic_t *stop;

	struct browse_hit *hits;        /* the last search's hits */
	size_t nhits, hits_cap, hsel, htop, hits_total;
	enum browse_level hits_from;    /* where Esc goes back to */
	char hits_title[300];

	struct browse_reg_row *reg;     /* the register shown (the first
					   BROWSE_HITS_MAX of reg_total rows) */
	size_t nreg, reg_cap, rsel, rtop, reg_total;
	enum browse_register reg_kind;
	enum browse_level reg_from;     /* where Esc goes back to */
	char reg_title[300], reg_note[64];
};

/* The modes of the home screen's key table (browse_keymap). */
#define BM_LIST   1u     /* the list in hand */
#define BM_PANE   2u     /* the reading pane in hand (the list's keys work too) */
#define BM_PROMPT 4u     /* a question on the message line */
#define BM_HELP   8u     /* the help page */
#define BM_REGISTER 16u  /* a register's view */

/* The message line. */
void browse_say(struct browse *b, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* browse_load.c: only what is shown is read. */
void browse_committees_load(struct browse *b);
void browse_committees_clear(struct browse *b);
void browse_meetings_load(struct browse *b);
void browse_meetings_clear(struct browse *b);
/* The selected meeting, its minutes loaded; NULL when there is none. */
struct browse_meeting *browse_meeting_sel(struct browse *b);
/* Selects meeting `id` (committee/folder) in the meetings' list. */
void browse_select_meeting(struct browse *b, const char *id);

/* browse_pane.c */
int browse_pane_x(void);
void browse_pane_set(struct browse *b);

/* browse_search.c */
/* Says on the message line how far the search index's first build has got. */
void browse_index_progress(size_t done, size_t total, void *ctx);
void browse_hits_clear(struct browse *b);
/* Runs `text` as a query and lists its hits (oldest first when `oldest`). */
void browse_search(struct browse *b, const char *text, bool oldest, const char *title);
void browse_same_topic(struct browse *b);
void browse_hit_open(struct browse *b);
/* n and N: the next (`step` 1) or previous (-1) hit. */
void browse_hit_step(struct browse *b, int step);
void browse_hit_row(struct browse *b, size_t i, int y, attr_t a);

/* browse_registers.c: the selected committee's register `which`. */
void browse_register_open(struct browse *b, enum browse_register which);
void browse_register_clear(struct browse *b);
void browse_register_draw(struct browse *b, int top, int bottom);

/* browse_draw.c */
size_t browse_rows(struct browse *b);
size_t *browse_sel_of(struct browse *b, size_t **top);
void browse_draw(struct browse *b);

/* browse_new.c: a new meeting, asked for on the message line. */
void browse_prompt_open(struct browse *b, enum browse_prompt p, const char *text);
void browse_new_start(struct browse *b);
void browse_new_committee_done(struct browse *b, const char *name);
void browse_new_date_done(struct browse *b, const char *date);
/* e: the selected committee, or meeting's agenda, on its screen. */
void browse_edit(struct browse *b);

#endif
