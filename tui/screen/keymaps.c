/*
 * keymaps: every screen's key table, in the order gavel.1's KEYS section
 * and `gavel keys` list them.  Each screen defines its table beside its
 * handling; this is only the list.
 */
#include "tui/screen/keys.h"

#include "tui/screen/agenda_screen.h"
#include "tui/screen/browse.h"
#include "tui/screen/committee_screen.h"
#include "tui/screen/clerk.h"
#include "tui/screen/clerk_sheet.h"
#include "tui/screen/field_keys.h"
#include "tui/screen/history.h"

const struct keymap *const keymaps[] = {
	&clerk_keymap,
	&sheet_keymap,
	&field_keymap,
	&browse_keymap,
	&history_keymap,
	&agenda_keymap,
	&committee_keymap,
	&keys_help_keymap,
	NULL
};
