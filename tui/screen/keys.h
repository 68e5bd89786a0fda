/*
 * keys: what each key does on each screen, one table a screen.
 *
 * Everything a user reads about keys comes from these tables, so that it
 * cannot drift: the key line at the foot of the screen (keys_line), the
 * F1 / ? help page (keys_help_lines), the handling (keys_action gives the
 * action that the screen's switch acts on) and the KEYS section of gavel.1
 * (keys_roff, through `gavel keys --roff`; a test compares the man page
 * with it).
 *
 * A screen names its actions in an enum of its own (values above 0) and
 * its modes as bits (the hub, a form, a prompt...).  A binding applies in
 * the modes of its `modes` mask (0: in all of them); the first binding in
 * table order that holds the key and applies in the mode wins, so a key
 * can mean one thing in a list and another in a form.
 */
#ifndef GAVEL_KEYS_H
#define GAVEL_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

/* Keys as codes: a character (what wget_wch returns with OK), or a
 * function key (KEY_CODE_YES) marked with KC_FN.  KC_CTRL('N') is ^N.
 * KC_ALT marks a key pressed with Alt (or after Esc), as the text field's
 * field_read_key reads it (its FIELD_ALT): KC_ALT('b') is M-b,
 * KC_ALT(KC_FN(KEY_LEFT)) is M-Left.  A key pressed with Alt never
 * matches the same key without it. */
#define KC_FN(k) (0x20000000 | (int)(k))
#define KC_ALT(k) (0x40000000 | (int)(k))
#define KC_CTRL(c) ((int)((c) & 0x1f))
#define KC_ESC 27
#define KC_MAX 12

/* Flags of a binding. */
#define KB_PINNED 1u   /* kept on the key line however narrow (help, quit) */
#define KB_NOHELP 2u   /* on the key line only; the help page says it elsewhere */
/* When the key line is too narrow for every label, those with the highest
 * KB_DROP go first (of equals, the last in the table): none for the keys
 * used most, up to KB_DROP(3) for the least used. */
#define KB_DROP(n) ((unsigned)(n) << 4)
#define KB_DROP_OF(flags) (((flags) >> 4) & 15u)

struct key_binding {
	int action;             /* the screen's action; > 0 */
	unsigned modes;         /* the modes it applies in; 0: every mode */
	int codes[KC_MAX];      /* the keys; the list ends at the first 0 */
	const char *keys;       /* the keys as people write them: "^X, ^Q" */
	const char *label;      /* the key line's word for it; NULL: not there */
	const char *section;    /* the help page's heading it stands under */
	const char *help;       /* what it does, a sentence or two */
	unsigned flags;         /* KB_*, KB_DROP */
};

/* Keys described but handled by a widget (the text field's editing keys):
 * listed in help and man page, never matched by keys_action. */
#define KEYS_WIDGET 0

struct keymap {
	const char *name;       /* `gavel keys NAME`: "run", "browse", ... */
	const char *title;      /* "The clerk's screen (gavel run)" */
	const char *intro;      /* a paragraph before the keys, or NULL */
	const struct key_binding *bindings;
	size_t n;
	const char *outro;      /* a paragraph after them, or NULL */
};

/* The keys of every help page (F1, ?): one table, so that they are the
 * same on every screen.  keys_help_page_key acts on them. */
extern const struct keymap keys_help_keymap;

/* Acts on a key read on a help page: scrolls *top by a line or by `page`
 * lines (the caller keeps it on the page).  Returns false when the key
 * leaves the help page (any key the table does not hold). */
bool keys_help_page_key(int r, wint_t ch, size_t *top, long page);

/* Every screen's table, in the order of the man page; NULL-ended. */
extern const struct keymap *const keymaps[];
/* The one named `name`, or NULL. */
const struct keymap *keys_find(const char *name);

/* True when the key read by wget_wch (its return `r` and `ch`) is one of
 * binding `b`'s. */
bool keys_match(const struct key_binding *b, int r, wint_t ch);
/* The action of the key in `mode`: the first binding that holds it and
 * applies there, or 0 when none does. */
int keys_action(const struct keymap *m, unsigned mode, int r, wint_t ch);

/* Draws the key line of `mode` on row y: the labelled bindings in table
 * order, as many as fit, dropping the least used (`drop`) first, and the
 * pinned ones always (at the right end). */
void keys_line(const struct keymap *m, unsigned mode, int y);

/* The help page as lines `width` columns wide: the intro, then each
 * section's heading and its keys with what they do, then the outro, and
 * after them the tables in `also` (NULL-ended, may be NULL: the text
 * field's keys under the clerk's).  *out is malloc'd, each line too;
 * free with keys_lines_free.  Returns the number of lines. */
size_t keys_help_lines(const struct keymap *m, const struct keymap *const *also,
		       int width, char ***out);
void keys_lines_free(char **lines, size_t n);

/* Draws the whole help page of `m` (with `also`) at the terminal's width
 * as it is now: "gavel: keys of" its title in the bar, the lines from
 * *top, and the help page's own key line.  *top is kept on the page (the
 * last page full), so a screen only moves it (keys_help_page_key). */
void keys_help_page(const struct keymap *m, const struct keymap *const *also,
		    size_t *top);

/* The table as plain text (gavel keys) or as the man page's roff
 * (gavel keys --roff): a .SS heading, the intro, and a .TP entry a
 * binding. */
void keys_print(FILE *out, const struct keymap *m);
void keys_roff(FILE *out, const struct keymap *m);

#endif
