/* gavel run MEETING: the clerk's screen; gavel demo: a meeting to try it on. */
#include "tui/screen/browse.h"
#include "tui/screen/clerk.h"
#include "tui/cli/cli.h"
#include "tui/cli/demo.h"
#include "minutes/git/meeting.h"
#include "minutes/session/session.h"
#include "tui/screen/ui.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
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
static bool screen_possible(const char *what)
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
static bool screen_start(const char *theme_name, char **problem)
{
	struct theme theme;
	theme_choose(theme_name, &theme, problem);
	signals_catch();
	char err[256];
	if (!ui_open(&theme, err, sizeof(err))) {
		cli_error("%s", err);
		free(*problem);
		*problem = NULL;
		return false;
	}
	return true;
}

/* Runs the clerk's screen on meeting `id`; the exit code. */
static int run_meeting(struct archive *a, const char *id, bool read_only,
		       const char *theme_name)
{
	struct diags d;
	struct session *s = NULL;
	char *holder = NULL;

	if (!screen_possible("gavel run"))
		return EXIT_FAIL;
	diags_init(&d);
	int rc = session_open(&s, a, id, read_only, &holder, &d);
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
	if (!screen_start(theme_name, &theme_problem)) {
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
	int crc = clerk_run(c, &stop_signal, &farewell);
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
	if (stop_signal)
		return 128 + stop_signal;
	return crc < 0 || close_rc < 0 ? EXIT_FAIL : EXIT_YES;
}

/* The home screen's way into the clerk's screen, curses already open. */
static int take_minutes(struct archive *a, const char *id, char *msg, size_t msglen)
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
	int crc = clerk_run(c, &stop_signal, &farewell);
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

int cmd_browse(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("browse");
	const char *theme = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 't')
			theme = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind != argc) {
		cli_usage_error(cmd, "browse takes no arguments");
		return EXIT_FAIL;
	}
	if (!screen_possible("gavel browse"))
		return EXIT_FAIL;
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	char *problem = NULL;
	if (!screen_start(theme, &problem)) {
		archive_free(a);
		return EXIT_FAIL;
	}
	free(problem);
	browse_run(a, &stop_signal, take_minutes);
	ui_close();
	archive_free(a);
	return stop_signal ? 128 + stop_signal : EXIT_YES;
}

int cmd_run(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "read-only", no_argument, NULL, 'r' },
		{ "theme", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("run");
	bool read_only = false;
	const char *theme = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'r')
			read_only = true;
		else if (o == 't')
			theme = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind + 1 != argc) {
		cli_usage_error(cmd, optind >= argc ? "name the meeting to take minutes of"
				      : "name one meeting only");
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	int rc = run_meeting(a, argv[optind], read_only, theme);
	archive_free(a);
	return rc;
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "no-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("demo");
	const char *theme = NULL;
	bool run = true;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 't')
			theme = optarg;
		else if (o == 'n')
			run = false;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind != argc) {
		cli_usage_error(cmd, "demo takes no arguments");
		return EXIT_FAIL;
	}
	const char *tmp = getenv("TMPDIR");
	struct buf dir = BUF_INIT;
	buf_addf(&dir, "%s/gavel-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.data)) {
		cli_error("cannot make a folder for the demo in %s: %s",
			  tmp && *tmp ? tmp : "/tmp", strerror(errno));
		buf_free(&dir);
		return EXIT_FAIL;
	}
	struct diags d;
	diags_init(&d);
	struct archive *a = NULL;
	char *id = NULL;
	int rc = demo_create(dir.data, &a, &id, &d);
	if (rc) {
		cli_diags(&d, true);
		diags_free(&d);
		buf_free(&dir);
		return EXIT_FAIL;
	}
	diags_free(&d);
	int result = EXIT_YES;
	if (run)
		result = run_meeting(a, id, false, theme);
	archive_free(a);
	printf("The demo repository is %s (meeting %s).\n"
	       "  gavel -C %s show %s     the minutes as text\n"
	       "  git -C %s log           its commits\n",
	       dir.data, id, dir.data, id, dir.data);
	free(id);
	buf_free(&dir);
	return result;
}
