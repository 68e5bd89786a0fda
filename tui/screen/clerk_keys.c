/*
 * clerk_keys: the clerk's key table.  The key line of each mode, the F1
 * help page, `gavel keys run` and gavel.1 are all made from it, and
 * clerk_input.c acts on its actions.
 *
 * Some keys have a binding for each group of modes, because the key line
 * names them differently there (^N is "next item" in an item, "first
 * item" in the opening) or not at all; the one with a section and help
 * text is what the help page and the man page say.  The key line shows
 * the labelled bindings in table order, so the order here is the order
 * on the key line of every mode.
 */
#include "tui/screen/clerk_priv.h"

#include "tui/edit/form_phrases.h"

#define ENTER '\r', '\n', KC_FN(KEY_ENTER)
#define DIGITS '1', '2', '3', '4', '5', '6', '7', '8', '9'

#define ANYWHERE "Anywhere"
#define STEPS "From step to step (attendance, the opening, the items)"
#define FORM "In a form"
#define LISTS "In the lists (attendance and the hub)"
#define ATTEND "Attendance"
#define HUB "The hub"
#define PROMPT "Answering a question (a name, a role, a title)"
#define PICK "The speaker list (F2 in a comment)"

static const struct key_binding clerk_bindings[] = {
	{ CA_HELP, CM_FORM, { KC_FN(KEY_F(1)) }, "F1", "help", ANYWHERE,
	  "this help (? on lists)", KB_PINNED },
	{ CA_HELP, CM_LIST, { KC_FN(KEY_F(1)) }, "F1", NULL, NULL, NULL, 0 },

	/* A form: the decision's phrases come first on its key line. */
	{ CA_PHRASE, CM_DECISION, { DIGITS }, "1-9", "pick phrase", FORM,
	  "in an empty decision, pick a listed phrase (a number past the list "
	  "types the digit)", 0 },
	{ CA_FIELD_PREV, CM_FORM, { KC_FN(KEY_BTAB) }, "Shift-Tab", NULL, NULL, NULL, 0 },
	{ CA_FIELD_NEXT, CM_FORM, { '\t' }, "Tab, Shift-Tab", "next field", FORM,
	  "next / previous field (Up and Down too)", KB_DROP(1) },
	{ CA_FIELD_UP, CM_FORM, { KC_FN(KEY_UP) }, "Up", NULL, NULL, NULL, 0 },
	{ CA_FIELD_DOWN, CM_FORM, { KC_FN(KEY_DOWN) }, "Down", NULL, NULL, NULL, 0 },
	{ CA_FIELD_PGUP, CM_FORM, { KC_FN(KEY_PPAGE) }, "PgUp", NULL, NULL, NULL, 0 },
	{ CA_FIELD_PGDN, CM_FORM, { KC_FN(KEY_NPAGE) }, "PgDn, PgUp", NULL, FORM,
	  "several fields down / up", 0 },
	/* Moving the cursor in the field, allowed in read-only minutes; the
	 * text field's table (under this one on the help page) says them. */
	{ CA_FIELD_MOVE, CM_FORM, { KC_FN(KEY_LEFT), KC_FN(KEY_RIGHT), KC_FN(KEY_HOME),
				    KC_FN(KEY_END) }, "Left, Right, Home, End",
	  NULL, NULL, NULL, KB_NOHELP },
	{ KEYS_WIDGET, CM_SUMMARY, { 0 }, "Enter", "new line", NULL, NULL, KB_NOHELP },
	{ CA_STORE, CM_ITEM | CM_OPENING | CM_DECISION, { ENTER }, "Enter", "store", FORM,
	  "store the field and go on; in a fresh comment, store it and start the "
	  "next one; in the summary, a new line", 0 },
	{ KEYS_WIDGET, CM_ITEM, { 0 }, "Name: text", NULL, FORM,
	  "in a comment, records who spoke: a name, a name without its title, a "
	  "title and surname (Cllr Reid), a surname only one person has, or a role "
	  "(Chair, Vice-Chair); a name that names nobody is flagged, its row "
	  "marked ? until F2 picks the speaker", 0 },

	/* Attendance, before Esc: its key line ends with Enter and Esc. */
	{ CA_UP, CM_ATTENDANCE | CM_HUB, { KC_FN(KEY_UP), 'k' }, "Up, k", NULL, LISTS,
	  "the row above", 0 },
	{ CA_DOWN, CM_ATTENDANCE | CM_HUB, { KC_FN(KEY_DOWN), 'j' }, "Down, j", NULL, LISTS,
	  "the row below", 0 },
	{ CA_TOP, CM_ATTENDANCE | CM_HUB, { KC_FN(KEY_HOME) }, "Home", NULL, LISTS,
	  "the first row", 0 },
	{ CA_BOTTOM, CM_ATTENDANCE | CM_HUB, { KC_FN(KEY_END) }, "End", NULL, LISTS,
	  "the last row", 0 },
	{ CA_PGUP, CM_ATTENDANCE | CM_HUB, { KC_FN(KEY_PPAGE) }, "PgUp", NULL, LISTS,
	  "ten rows up", 0 },
	{ CA_PGDN, CM_ATTENDANCE | CM_HUB, { KC_FN(KEY_NPAGE) }, "PgDn", NULL, LISTS,
	  "ten rows down", 0 },
	{ CA_PRESENT, CM_ATTENDANCE, { 'p' }, "p", "present", ATTEND, "present", 0 },
	{ CA_APOLOGIES, CM_ATTENDANCE, { 'a' }, "a", "apologies", ATTEND, "apologies", 0 },
	{ CA_ABSENT, CM_ATTENDANCE, { 'x' }, "x", "absent", ATTEND, "absent", KB_DROP(2) },
	{ CA_ATTENDING, CM_ATTENDANCE, { 'i' }, "i", "attending", ATTEND, "in attendance", KB_DROP(1) },
	{ CA_ADD, CM_ATTENDANCE, { '+' }, "+", "add", ATTEND,
	  "add someone (an officer, a guest) with a role", KB_DROP(1) },
	{ CA_BEGIN, CM_ATTENDANCE, { 'b' }, "b", "begin", ATTEND,
	  "begin the meeting: its start time is stamped now (once; the opening's "
	  "Started field corrects it)", 0 },
	{ CA_LEAVE, CM_ATTENDANCE, { 'l' }, "l", "left", ATTEND,
	  "the selected person leaves now, during the item in hand (again: is back); "
	  "p once an item is taken records an arrival the same way", 0 },
	{ CA_PERSON, CM_ATTENDANCE, { 's' }, "s", NULL, ATTEND,
	  "the selected person's substitution (the member they stand in for), "
	  "arrival and departure", 0 },
	{ CA_NEXT, CM_ATTENDANCE, { '\r', '\n', '\t', KC_FN(KEY_RIGHT) }, "Enter, Tab, Right",
	  "next", ATTEND, "done: on to the opening (as ^N)", 0 },

	/* The steps and the hub, from everywhere. */
	{ CA_PREV, CM_ATTENDANCE | CM_FORM, { KC_CTRL('P') }, "^P", NULL, NULL, NULL, 0 },
	{ CA_NEXT, CM_ITEM | CM_SUMMARY | CM_DECISION, { KC_CTRL('N') }, "^N, ^P",
	  "next item", STEPS, "next / previous step: attendance, the opening, each "
	  "item in turn (in the hub, open one instead)", 0 },
	{ CA_NEXT, CM_OPENING, { KC_CTRL('N') }, "^N", "first item", NULL, NULL, KB_NOHELP },
	{ CA_NEXT, CM_ATTENDANCE, { KC_CTRL('N') }, "^N", NULL, NULL, NULL, 0 },
	{ CA_BACK, CM_FORM | CM_ATTENDANCE, { KC_ESC, KC_CTRL('G') }, "Esc, ^G", "hub",
	  STEPS, "the meeting's hub: attendance, declarations, every item", KB_DROP(1) },
	{ CA_BACK, CM_HUB, { KC_ESC, KC_CTRL('G') }, "Esc, ^G", NULL, HUB,
	  "back to the step you were at; after E, from what is missing back to the "
	  "hub", 0 },
	{ CA_BACK, CM_END, { KC_ESC, KC_CTRL('G') }, "Esc", "back to the meeting",
	  NULL, NULL, KB_NOHELP },

	/* The rest of a form. */
	{ CA_SPEAKER, CM_ITEM, { KC_FN(KEY_F(2)) }, "F2", "speaker", FORM,
	  "pick who spoke from a list (replacing a name typed); in a fresh comment "
	  "just after one whose name was flagged, for that one", 0 },
	{ CA_CONFIRM, CM_ITEM | CM_SUMMARY | CM_DECISION, { KC_FN(KEY_F(5)) }, "F5", NULL,
	  FORM, "on an item that confirms an earlier meeting's minutes (Minutes of "
	  "the previous meeting), confirm them now, signed by the chair", 0 },
	{ CA_MOTIONS, CM_ITEM | CM_SUMMARY | CM_DECISION, { KC_FN(KEY_F(3)) }, "F3",
	  "motions", FORM, "the item's motions and amendments: text, mover, seconder, "
	  "votes, named vote, outcome", 0 },
	{ CA_ARISING, CM_ITEM | CM_SUMMARY | CM_DECISION, { KC_FN(KEY_F(6)) }, "F6",
	  NULL, FORM, "the actions earlier meetings left open, to mark done, in progress "
	  "(with a note) or dropped in this item (matters arising)", 0 },
	{ CA_DECLARATIONS, CM_OPENING, { KC_FN(KEY_F(4)) }, "F4", "declarations", FORM,
	  "declarations of interest: member, item, interest, kind, left the room; "
	  "the opening lists them, and Enter on one opens it here", 0 },
	{ CA_DECLARATIONS, CM_ITEM | CM_SUMMARY | CM_DECISION | CM_HUB | CM_ATTENDANCE,
	  { KC_FN(KEY_F(4)) }, "F4", NULL, NULL, NULL, 0 },
	{ CA_EDITOR, CM_ITEM | CM_SUMMARY, { KC_CTRL('O') }, "^O", "editor", FORM,
	  "edit the field in $VISUAL or $EDITOR", KB_DROP(2) },
	{ CA_EDITOR, CM_OPENING | CM_DECISION, { KC_CTRL('O') }, "^O", NULL, NULL, NULL, 0 },
	{ KEYS_WIDGET, CM_SUMMARY, { 0 }, "^Z", "undo", NULL, NULL, KB_NOHELP | KB_DROP(2) },
	{ KEYS_WIDGET, CM_FORM, { 0 }, "empty a field", NULL, FORM,
	  "and leave it: that comment, action, presenter or document is removed", 0 },

	{ CA_COMMIT, CM_VIEWS, { KC_CTRL('S') }, "^S", NULL, ANYWHERE, "commit now", 0 },
	{ CA_CORRECT, CM_VIEWS, { KC_CTRL('R') }, "^R", NULL, ANYWHERE,
	  "confirmed minutes open read-only: correct them, after giving the "
	  "correction's reason, which every commit from then on carries as its "
	  "Correction: trailer (as gavel run --correct REASON)", 0 },
	{ CA_QUIT, CM_ITEM | CM_OPENING, { KC_CTRL('X'), KC_CTRL('Q'), KC_CTRL('C') },
	  "^X, ^Q, ^C", "quit", ANYWHERE, "store, commit and leave (q on lists)", KB_PINNED },
	{ CA_QUIT, CM_SUMMARY | CM_DECISION | CM_LIST,
	  { KC_CTRL('X'), KC_CTRL('Q'), KC_CTRL('C') }, "^X, ^Q, ^C", NULL, NULL, NULL, 0 },
	{ CA_HELP, CM_ATTENDANCE | CM_HUB, { '?' }, "?", "help", NULL, NULL,
	  KB_PINNED | KB_NOHELP },
	{ CA_HELP, CM_END, { '?' }, "?", NULL, NULL, NULL, 0 },
	{ CA_QUIT, CM_LIST, { 'q' }, "q", "quit", NULL, NULL, KB_PINNED | KB_NOHELP },

	/* The hub. */
	{ CA_OPEN, CM_HUB, { '\r', '\n', KC_FN(KEY_RIGHT) }, "Enter, Right", "open", HUB,
	  "open the selected row: attendance, the opening, an item, the end", 0 },
	{ CA_URGENT, CM_HUB, { 'u' }, "u", "urgent", HUB,
	  "add urgent business after the item in hand (or the selected one), "
	  "numbered after it: 5a, 5b", 0 },
	{ CA_WITHDRAWN, CM_HUB, { 'w' }, "w", "withdrawn", HUB,
	  "withdrawn, with a reason if you give one; ^N steps over it", KB_DROP(1) },
	{ CA_DEFERRED, CM_HUB, { 'd' }, "d", "deferred", HUB,
	  "deferred, with a reason if you give one; ^N steps over it", 0 },
	{ CA_TAKEN, CM_HUB, { 't' }, "t", "taken", HUB, "taken after all", KB_DROP(2) },
	{ CA_EXEMPT, CM_HUB, { 'X' }, "X", NULL, HUB,
	  "make the selected urgent item exempt from publication, giving the "
	  "reason (empty: public again)", 0 },
	{ CA_END, CM_HUB, { 'E' }, "E", "end", HUB,
	  "end the meeting: stamps the end time, commits, shows what is missing", 0 },
	{ CA_HISTORY, CM_HUB, { 'h' }, "h", "history", HUB,
	  "the meeting's history: its revisions, the changes between two, blame", KB_DROP(2) },

	/* The prompt and the speaker list.  The help page's own keys are
	 * keys_help_keymap's, the same on every screen. */
	{ CA_ACCEPT, CM_PROMPT, { ENTER }, "Enter", "accept", PROMPT, "accept the answer", 0 },
	{ CA_CANCEL, CM_PROMPT, { KC_ESC }, "Esc", "cancel", PROMPT, "cancel the question", 0 },
	{ CA_PICK_DIGIT, CM_PICK, { DIGITS }, "1-9", "pick", PICK, "pick that speaker", 0 },
	{ CA_PICK_UP, CM_PICK, { KC_FN(KEY_UP) }, "Up, Down", NULL, PICK,
	  "move in the list", 0 },
	{ CA_PICK_DOWN, CM_PICK, { KC_FN(KEY_DOWN) }, "Up/Down", "move", NULL, NULL,
	  KB_NOHELP },
	{ CA_PICK, CM_PICK, { '\r', '\n' }, "Enter", "pick", PICK, "pick the selected speaker", 0 },
	{ CA_CANCEL, CM_PICK, { KC_ESC, KC_FN(KEY_F(2)) }, "Esc, F2", "cancel", PICK,
	  "close the list, nobody picked", 0 },
};

const struct keymap clerk_keymap = {
	.name = "run",
	.title = "The clerk's screen (gavel run)",
	.intro = "Everything you type is kept: a journal on disk catches it within "
		 "a second, and a stored comment, a decision and leaving an item are "
		 "committed to git.",
	.bindings = clerk_bindings,
	.n = sizeof(clerk_bindings) / sizeof(clerk_bindings[0]),
	.outro = "The meeting's start is stamped by b on the attendance list, its end "
		 "by E; an item's times when you enter and leave it.  Correct them in "
		 "the Started and Ended fields.",
};

const char *clerk_correct_keys(void)
{
	for (size_t i = 0; i < clerk_keymap.n; i++)
		if (clerk_bindings[i].action == CA_CORRECT)
			return clerk_bindings[i].keys;
	return "?";
}

unsigned clerk_mode(const struct clerk *c)
{
	if (c->help)
		return CM_HELP;
	if (c->prompt != P_NONE)
		return CM_PROMPT;
	if (c->picking)
		return CM_PICK;
	switch (c->f.view) {
	case FORM_ATTENDANCE: return CM_ATTENDANCE;
	case FORM_OPENING: return CM_OPENING;
	case FORM_HUB: return CM_HUB;
	case FORM_END: return CM_END;
	case FORM_ITEM: break;
	}
	const struct form_slot *sl = form_focused(&c->f);
	if (form_phrases_open(&c->f))
		return CM_DECISION;
	if (sl && sl->kind == SLOT_SUMMARY)
		return CM_SUMMARY;
	return CM_ITEM;
}
