/* cli_screen: what the commands that open a screen (run, browse, demo)
 * share: the checks before curses starts, signals, the theme, and the
 * clerk's screen run on a meeting. */
#include "tui/cli/cli_screen.h"

#include "tui/screen/clerk.h"
#include "tui/cli/cli.h"
#include "minutes/git/meeting.h"
#include "minutes/session/session.h"
#include "tui/screen/ui.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t cli_stop_signal;

static void on_signal(int sig)
{
	cli_stop_signal = sig;
}

static void signals_catch(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* gavel's screens need UTF-8: the user's locale when it is, else C.UTF-8. */
static bool utf8_locale(void)
{
	setlocale(LC_ALL, "");
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8") && !strcmp(nl_langinfo(CODESET), "UTF-8"))
		return true;
	return false;
}

/* Loads the theme gavel is asked for; a broken one is reported and the
 * built-in default used. */
static void theme_choose(const char *option, struct theme *t, char **problem)
{
	struct diags d;
	diags_init(&d);
	*problem = NULL;
	if (theme_load_named(t, theme_choose_name(option), &d) != 0) {
		cli_diags(&d, true);
		if (d.n)
			*problem = diag_format(&d.v[0]);
	}
	diags_free(&d);
}

static bool ask_read_only(void)
{
	if (!isatty(STDIN_FILENO))
		return false;
	fprintf(stderr, "Open it read-only? [y/N] ");
	fflush(stderr);
	char line[16];
	if (!fgets(line, sizeof(line), stdin))
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

/* What every screen needs before curses starts: a terminal and a UTF-8
 * locale.  False after saying why not. */
int cli_screen_options(struct cli *c, int argc, char **argv, const struct command *cmd,
		       const char **theme)
{
	static const struct option opts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	*theme = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o != 't')
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
		*theme = optarg;
	}
	return -1;
}

bool cli_screen_possible(const char *what)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("%s needs a terminal (standard input and output are not one)", what);
		return false;
	}
	if (!utf8_locale()) {
		cli_error("%s needs a UTF-8 locale (set LANG, e.g. LANG=C.UTF-8)", what);
		return false;
	}
	return true;
}

/* Starts curses with the chosen theme; *problem gets a theme's error
 * for the screen to show.  False after saying why not. */
bool cli_screen_start(const char *theme_name, char **problem)
{
	struct theme theme;
	theme_choose(theme_name, &theme, problem);
	signals_catch();
	struct diags d;
	diags_init(&d);
	if (!ui_open(&theme, &d)) {
		cli_diags(&d, true);
		diags_free(&d);
		free(*problem);
		*problem = NULL;
		return false;
	}
	return true;
}

/* Runs the clerk's screen on meeting `id`; the exit code. */
int cli_run_meeting(struct archive *a, const char *id, bool read_only,
		    const char *reason, const char *theme_name)
{
	struct diags d;
	struct session *s = NULL;
	char *holder = NULL;

	if (!cli_screen_possible("gavel run"))
		return EXIT_FAIL;
	diags_init(&d);
	int rc = session_open_correction(&s, a, id, read_only, reason, &holder, &d);
	if (rc == SESSION_HELD) {
		cli_error("%s is being minuted: %s", id, holder);
		free(holder);
		holder = NULL;
		if (!ask_read_only()) {
			cli_error("not opened; use --read-only to look without changing anything");
			diags_free(&d);
			return EXIT_FAIL;
		}
		read_only = true;
		diags_clear(&d);
		rc = session_open(&s, a, id, true, NULL, &d);
	}
	if (rc) {
		cli_diags(&d, rc != SESSION_INVALID || !d.n || !d.v[0].file);
		diags_free(&d);
		return rc == SESSION_INVALID && d.n ? EXIT_NO : EXIT_FAIL;
	}
	diags_free(&d);

	char *theme_problem;
	if (!cli_screen_start(theme_name, &theme_problem)) {
		diags_init(&d);
		session_close(s, false, &d);
		diags_free(&d);
		return EXIT_FAIL;
	}
	struct clerk *c = clerk_new(s);
	if (theme_problem) {
		struct buf msg = BUF_INIT;
		buf_addf(&msg, "%s (the default theme is used)", theme_problem);
		clerk_say(c, msg.data);
		buf_free(&msg);
		free(theme_problem);
	}
	char *farewell = NULL;
	int crc = clerk_run(c, &cli_stop_signal, &farewell);
	ui_close();
	clerk_free(c);

	diags_init(&d);
	int close_rc = session_close(s, !read_only, &d);
	if (farewell)
		cli_write(farewell, strlen(farewell));
	free(farewell);
	if (close_rc < 0) {
		cli_diags(&d, true);
		cli_error("the journal under the repository's git folder keeps your work; "
			  "gavel run %s restores it", id);
	}
	diags_free(&d);
	if (cli_stop_signal)
		return 128 + cli_stop_signal;
	return crc < 0 || close_rc < 0 ? EXIT_FAIL : EXIT_YES;
}

/* The home screen's way into the clerk's screen, curses already open. */
int cli_take_minutes(struct archive *a, const char *id, char *msg, size_t msglen)
{
	struct diags d;
	struct session *s = NULL;
	char *holder = NULL;
	diags_init(&d);
	int rc = session_open(&s, a, id, false, &holder, &d);
	if (rc == SESSION_HELD) {
		snprintf(msg, msglen, "%s is being minuted: %s", id, holder);
		free(holder);
		diags_free(&d);
		return EXIT_FAIL;
	}
	if (rc) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("cannot open the meeting");
		snprintf(msg, msglen, "%s", m);
		free(m);
		diags_free(&d);
		return EXIT_FAIL;
	}
	struct clerk *c = clerk_new(s);
	char *farewell = NULL;
	int crc = clerk_run(c, &cli_stop_signal, &farewell);
	clerk_free(c);
	diags_clear(&d);
	int close_rc = session_close(s, true, &d);
	if (close_rc < 0 && d.n) {
		char *m = diag_format(&d.v[0]);
		snprintf(msg, msglen, "not saved: %s (the journal keeps the work)", m);
		free(m);
	} else if (farewell) {
		const char *nl = strchr(farewell, '\n');
		snprintf(msg, msglen, "%.*s", nl ? (int)(nl - farewell) : (int)strlen(farewell),
			 farewell);
	}
	free(farewell);
	diags_free(&d);
	return crc < 0 || close_rc < 0 ? EXIT_FAIL : EXIT_YES;
}
