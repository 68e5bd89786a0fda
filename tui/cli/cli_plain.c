/* cli_plain: gavel run MEETING --plain, the clerk's screen as a dialogue
 * on standard input and output (tui/edit/plain.h); no curses. */
#include "tui/cli/cli_plain.h"

#include "minutes/session/session.h"
#include "tui/cli/cli.h"
#include "tui/cli/cli_screen.h"
#include "tui/edit/plain.h"
#include "tui/render/render.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_signal(int sig)
{
	cli_stop_signal = sig;
}

/* HUP, TERM and INT end the dialogue as the end of input does: saved.
 * No SA_RESTART, so that a read waiting for the clerk returns. */
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

int cli_run_plain(struct archive *a, const char *id, bool read_only, const char *reason)
{
	struct diags d;
	struct session *s = NULL;
	char *holder = NULL;
	diags_init(&d);
	int rc = session_open_correction(&s, a, id, read_only, reason, &holder, &d);
	if (rc == SESSION_HELD) {
		cli_error("%s is being minuted: %s; not opened (--read-only looks without "
			  "changing anything)", id, holder);
		free(holder);
		diags_free(&d);
		return EXIT_FAIL;
	}
	if (rc) {
		cli_diags(&d, rc != SESSION_INVALID || !d.n || !d.v[0].file);
		diags_free(&d);
		return rc == SESSION_INVALID && d.n ? EXIT_NO : EXIT_FAIL;
	}
	diags_free(&d);
	signals_catch();

	struct plain p;
	plain_init(&p, s, stdout);
	p.f.date_words = render_date;
	char *line = NULL;
	size_t cap = 0;
	while (!p.quit && !cli_stop_signal) {
		plain_prompt(&p);
		errno = 0;
		ssize_t n = getline(&line, &cap, stdin);
		if (n < 0)
			break;
		if (n && line[n - 1] == '\n')
			line[n - 1] = '\0';
		plain_line(&p, line);
	}
	free(line);
	bool saved = plain_finish(&p);
	plain_free(&p);

	diags_init(&d);
	int close_rc = session_close(s, !read_only, &d);
	if (close_rc < 0 || !saved) {
		cli_diags(&d, true);
		cli_error("the journal under the repository's git folder keeps your work; "
			  "gavel run %s --plain restores it", id);
	}
	diags_free(&d);
	if (cli_stop_signal)
		return 128 + cli_stop_signal;
	return !saved || close_rc < 0 ? EXIT_FAIL : EXIT_YES;
}
