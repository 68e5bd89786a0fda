/*
 * clerk_priv: what the files of the clerk's screen share.  The model
 * (tui/edit/form*.h) holds the meeting and the fields; this adds what is
 * only the screen's: the prompt and the speaker list open over the form,
 * the help page, scrolling and where the terminal's cursor goes.
 *
 *   clerk.c         opening, the loop that reads keys, leaving
 *   clerk_keys.c    the key table (clerk_keymap) and its modes
 *   clerk_input.c   what each action does
 *   clerk_draw.c    drawing
 */
#ifndef GAVEL_CLERK_PRIV_H
#define GAVEL_CLERK_PRIV_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "tui/edit/field.h"
#include "tui/edit/form.h"
#include "tui/screen/clerk.h"
#include "tui/screen/keys.h"
#include "tui/screen/ui.h"

/* A one-line question at the bottom of the screen (a name to add, the
 * title of urgent business). */
enum prompt_kind { P_NONE, P_PERSON_NAME, P_PERSON_ROLE, P_URGENT_TITLE, P_CORRECTION,
		   P_REASON, P_CONFIRM_EMPTY, P_EXEMPT_REASON };

struct clerk {
	struct form f;

	enum prompt_kind prompt;
	struct field *prompt_field;
	char *pending_name;             /* the name asked, while its role is */
	int pending_status;             /* the status (enum item_status) whose
					 * reason is asked */

	struct sheet *sheet;            /* motions, declarations, a person: open over
					 * the screen (clerk_sheet.h), or NULL */
	size_t sheet_top;
	bool picking;                   /* the speaker list is open */
	size_t pick_sel;
	bool pick_return;               /* ... for a flagged comment: back after */
	bool help;
	size_t help_top;
	bool quit;
	volatile sig_atomic_t *stop;

	unsigned long entries;          /* f.entries when scroll was set */
	int scroll;                     /* first row of the form shown */
	size_t hub_top;                 /* first row of a list shown */
	int cursor_y, cursor_x;         /* where the form's cursor is, or -1 */
	time_t clock_drawn;
};

/* The modes of clerk_keymap: where the clerk is decides what a key does
 * and what the key line shows. */
enum {
	CM_ATTENDANCE = 1u << 0,
	CM_OPENING = 1u << 1,
	CM_ITEM = 1u << 2,              /* an item's form, any other field */
	CM_SUMMARY = 1u << 3,           /* its summary (Enter is a new line) */
	CM_DECISION = 1u << 4,          /* its empty decision: phrases offered */
	CM_HUB = 1u << 5,
	CM_END = 1u << 6,
	CM_PROMPT = 1u << 7,
	CM_PICK = 1u << 8,              /* the speaker list */
	CM_HELP = 1u << 9,
};
#define CM_FORM (CM_OPENING | CM_ITEM | CM_SUMMARY | CM_DECISION)
#define CM_LIST (CM_ATTENDANCE | CM_HUB | CM_END)
#define CM_VIEWS (CM_FORM | CM_LIST)

/* The actions of clerk_keymap. */
enum clerk_action {
	CA_HELP = 1, CA_QUIT, CA_COMMIT, CA_NEXT, CA_PREV, CA_BACK, CA_CORRECT,
	/* in a form */
	CA_PHRASE, CA_FIELD_NEXT, CA_FIELD_PREV, CA_STORE, CA_SPEAKER,
	CA_CONFIRM, CA_EDITOR, CA_FIELD_UP, CA_FIELD_DOWN, CA_FIELD_PGUP,
	CA_FIELD_PGDN, CA_FIELD_MOVE,
	/* in a list */
	CA_UP, CA_DOWN, CA_TOP, CA_BOTTOM, CA_PGUP, CA_PGDN,
	CA_PRESENT, CA_APOLOGIES, CA_ABSENT, CA_ATTENDING, CA_ADD, CA_BEGIN,
	CA_OPEN, CA_URGENT, CA_WITHDRAWN, CA_DEFERRED, CA_TAKEN, CA_END,
	CA_HISTORY,
	/* a council's procedure (clerk_sheet.c) */
	CA_MOTIONS, CA_DECLARATIONS, CA_LEAVE, CA_PERSON, CA_EXEMPT,
	/* the prompt, the speaker list (the help page's are keys.c's) */
	CA_ACCEPT, CA_CANCEL, CA_PICK_UP, CA_PICK_DOWN, CA_PICK_DIGIT, CA_PICK,
};

/* The keys that start a correction, as the key table writes them ("^R"). */
const char *clerk_correct_keys(void);
/* The mode the clerk is in now. */
unsigned clerk_mode(const struct clerk *c);
/* Acts on a key read by field_read_key. */
void clerk_key(struct clerk *c, int r, wint_t ch);
/* Draws the whole screen. */
void clerk_draw(struct clerk *c);

#endif
