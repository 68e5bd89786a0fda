/* gavel agenda MEETING: the agenda screen (agenda_screen.h), also what
 * gavel new opens on a terminal when no --agenda is given. */
#include "tui/cli/cli.h"
#include "tui/cli/cli_screen.h"
#include "minutes/git/meeting.h"
#include "tui/screen/agenda_screen.h"
#include "tui/screen/ui.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

int cli_agenda_screen(struct archive *a, const char *id, bool fresh, const char *theme)
{
	char *problem = NULL;
	if (!cli_screen_start(theme, &problem))
		return EXIT_FAIL;
	free(problem);
	char msg[512] = "";
	agenda_screen_run(a, id, fresh, &cli_stop_signal, msg, sizeof(msg));
	ui_close();
	if (msg[0])
		fprintf(stderr, "%s\n", msg);
	return cli_stop_signal ? 128 + cli_stop_signal : EXIT_YES;
}

int cmd_agenda(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("agenda");
	const char *theme;
	int rc = cli_screen_options(c, argc, argv, cmd, &theme);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc) {
		cli_usage_error(cmd, optind >= argc ? "name the meeting whose agenda to edit"
				      : "name one meeting only");
		return EXIT_FAIL;
	}
	if (!cli_screen_possible("gavel agenda"))
		return EXIT_FAIL;
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	/* The meeting must load before the screen opens. */
	struct diags d;
	struct minutes *m = NULL;
	diags_init(&d);
	rc = meeting_load(a, argv[optind], NULL, &m, NULL, &d);
	minutes_free(m);
	if (rc) {
		cli_diags(&d, rc != MEETING_INVALID);
		diags_free(&d);
		archive_free(a);
		return rc == MEETING_INVALID ? EXIT_NO : EXIT_FAIL;
	}
	diags_free(&d);
	rc = cli_agenda_screen(a, argv[optind], false, theme);
	archive_free(a);
	return rc;
}
