/* agenda_screen_priv: what the agenda screen's files share. */
#ifndef GAVEL_AGENDA_SCREEN_PRIV_H
#define GAVEL_AGENDA_SCREEN_PRIV_H

#include "tui/screen/agenda_screen.h"

#include "minutes/base/buf.h"
#include "tui/edit/agenda_edit.h"
#include "tui/edit/field.h"

enum agenda_action {
	AA_UP = 1, AA_DOWN, AA_MOVE_UP, AA_MOVE_DOWN, AA_ADD, AA_REMOVE,
	AA_RENUMBER, AA_EDIT, AA_MEETING, AA_STANDARD, AA_HELP, AA_QUIT,
	AA_NEXT, AA_PREV, AA_ACCEPT, AA_BACK, AA_DELETE_ROW, AA_YES, AA_NO,
	AA_REDRAW,
};

/* Modes, as bits for the key table. */
#define AM_LIST 1u      /* the items */
#define AM_FORM 2u      /* a text field of the form in hand */
#define AM_ROW 4u       /* a presenter, a document or an "add" row in hand */
#define AM_PICK 8u      /* picking a presenter or a document */
#define AM_CONFIRM 16u  /* y or n to removing an item */
#define AM_HELP 32u

/* A row of the form. */
enum row_kind {
	R_TEXT,         /* an item's field (field) or the meeting's (mfield) */
	R_PRESENTER, R_ADD_PRESENTER, R_DOCUMENT, R_ADD_DOCUMENT,
};

struct form_row {
	enum row_kind kind;
	int field;              /* enum agenda_field, or the meeting's */
	bool meeting;           /* one of the meeting's own fields */
	size_t index;           /* the presenter's or document's */
};

enum pick_kind { PICK_PRESENTER, PICK_DOCUMENT_REF, PICK_DOCUMENT_TITLE };

struct ascreen {
	struct archive *a;
	const char *id;
	struct agenda_edit e;
	struct committee *c;
	struct people earlier;          /* presenters of earlier meetings */
	struct agenda *last;            /* the committee's latest agenda before this one */
	char **files;                   /* documents in the repository */
	size_t nfiles;
	struct buf agenda_bytes, minutes_bytes;    /* as committed */
	bool read_only;

	unsigned mode;
	size_t sel, top;                /* the selected item, the list's top */
	bool meeting_form;              /* the form is the meeting's */
	struct form_row *rows;
	size_t nrows, row;
	struct field *field;            /* the text row in hand */

	enum pick_kind pick;
	struct field *pfield;
	const char **choices;           /* filtered, pointing into c/earlier/files */
	size_t nchoices, psel;          /* psel == nchoices: the typed text */
	char *pick_ref;

	char msg[512];
	bool msg_error;
	bool help, quit;
	size_t help_top;
};

void as_say(struct ascreen *s, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Commits the agenda (and the minutes when they changed) with a message
 * saying `what`; on failure says why and reloads from HEAD. */
bool as_commit(struct ascreen *s, const char *what);
/* The form's rows for the selected item (or the meeting). */
void as_rows(struct ascreen *s);
/* The current value of a text row. */
const char *as_row_value(const struct ascreen *s, const struct form_row *r);
/* The picker's choices for the text typed so far. */
void as_pick_filter(struct ascreen *s);

void as_draw(struct ascreen *s);

#endif
