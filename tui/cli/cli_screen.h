/*
 * cli_screen: what the commands that open a screen share (gavel run,
 * browse and demo): the checks before curses starts, the signals that end
 * a screen, the theme, and the clerk's screen run on a meeting.
 */
#ifndef GAVEL_CLI_SCREEN_H
#define GAVEL_CLI_SCREEN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "minutes/git/archive.h"

/* The signal that ended a screen (SIGHUP, SIGTERM, SIGINT), or 0. */
extern volatile sig_atomic_t cli_stop_signal;

struct cli;
struct command;
/* The options of a screen that takes only --theme (agenda, browse,
 * committee edit): *theme set, and -1 to go on, or the exit code after
 * --help or a bad option. */
int cli_screen_options(struct cli *c, int argc, char **argv, const struct command *cmd,
		       const char **theme);

/* A terminal and a UTF-8 locale, what every screen needs before curses
 * starts; false after saying why not (`what`: "gavel run"). */
bool cli_screen_possible(const char *what);
/* Starts curses with the chosen theme (NULL: $GAVEL_THEME, NO_COLOR, the
 * default); *problem gets a broken theme's error for the screen to show.
 * False after saying why not. */
bool cli_screen_start(const char *theme_name, char **problem);

/* Runs the clerk's screen on meeting `id` from the command line, to
 * correct confirmed minutes when `reason` is not NULL; the exit code. */
int cli_run_meeting(struct archive *a, const char *id, bool read_only,
		    const char *reason, const char *theme_name);
/* The agenda screen on meeting `id` (agenda_screen.h), curses started
 * and ended here; `fresh` for a meeting just made.  The exit code. */
int cli_agenda_screen(struct archive *a, const char *id, bool fresh, const char *theme);
/* The home screen's way into the clerk's screen, curses already open;
 * what happened goes in msg. */
int cli_take_minutes(struct archive *a, const char *id, char *msg, size_t msglen);

#endif
