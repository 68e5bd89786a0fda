/*
 * field_editor: a field's text edited in the user's own editor ($VISUAL).
 */
#ifndef GAVEL_FIELD_EDITOR_H
#define GAVEL_FIELD_EDITOR_H

#include "minutes/base/diag.h"
#include "tui/edit/field.h"

/* Opens the text in $VISUAL, else $EDITOR, else vi, started directly
 * (proc_editor_argv: the variable split at spaces into arguments, the
 * file name last; no shell), in a 0600 temporary file under tmpdir
 * (NULL: $TMPDIR or /tmp) that is removed afterwards.  The curses screen
 * is put away and brought back (the screen should redraw everything
 * after).  The result replaces the text as one undo step, filtered like a
 * paste, with one final line break dropped.  Returns 1 when the text
 * changed, 0 when not, -1 with a diagnostic in d (the field unchanged)
 * when the editor could not be started or did not exit with status 0. */
int field_edit_external(struct field *f, const char *tmpdir, struct diags *d);

#endif
