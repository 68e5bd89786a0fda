/* gavel run MEETING: the clerk's screen (or, with --plain, its dialogue). */
#include "minutes/audit/audit.h"
#include "tui/cli/cli.h"
#include "tui/cli/cli_plain.h"
#include "tui/cli/cli_screen.h"
#include "minutes/git/meeting.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cmd_run(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "read-only", no_argument, NULL, 'r' },
		{ "correct", required_argument, NULL, 'c' },
		{ "theme", required_argument, NULL, 't' },
		{ "plain", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("run");
	bool read_only = false, plain = false;
	const char *theme = NULL, *reason = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'r')
			read_only = true;
		else if (o == 'c')
			reason = optarg;
		else if (o == 't')
			theme = optarg;
		else if (o == 'p')
			plain = true;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind + 1 != argc) {
		cli_usage_error(cmd, optind >= argc ? "name the meeting to take minutes of"
				      : "name one meeting only");
		return EXIT_FAIL;
	}
	if (reason && read_only) {
		cli_usage_error(cmd, "a correction cannot be made read-only");
		return EXIT_FAIL;
	}
	if (reason && !audit_reason_ok(reason)) {
		cli_usage_error(cmd, "the correction's reason must be one line of text");
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	/* Before the screen, when the meeting is there to be opened. */
	const char *slash = strchr(argv[optind], '/');
	struct buf probe = BUF_INIT;
	struct diags quiet;
	diags_init(&quiet);
	char *mpath = meeting_path(argv[optind], MEETING_MINUTES);
	if (slash && archive_read(a, NULL, mpath, &probe, &quiet) == 0) {
		char *slug = xstrndup(argv[optind], (size_t)(slash - argv[optind]));
		int bad = cli_committee_check(a, slug);
		free(slug);
		if (bad < 0) {
			free(mpath);
			buf_free(&probe);
			diags_free(&quiet);
			archive_free(a);
			return EXIT_FAIL;
		}
	}
	free(mpath);
	buf_free(&probe);
	diags_free(&quiet);
	int rc;
	if (plain) {
		rc = cli_run_plain(a, argv[optind], read_only, reason);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		/* No curses without a terminal: the dialogue does without one. */
		cli_error("gavel run needs a terminal (standard input and output are not "
			  "one); gavel run %s --plain works without one", argv[optind]);
		rc = EXIT_FAIL;
	} else {
		rc = cli_run_meeting(a, argv[optind], read_only, reason, theme);
	}
	archive_free(a);
	return rc;
}
