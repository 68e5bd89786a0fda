/* gavel committee edit SLUG: the committee screen (committee_screen.h). */
#include "tui/cli/cli.h"
#include "tui/cli/cli_screen.h"
#include "minutes/format/slug.h"
#include "minutes/git/meeting.h"
#include "tui/screen/committee_screen.h"
#include "tui/screen/ui.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* argv[0] is "edit". */
int cmd_committee_edit(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("committee");
	const char *theme;
	int rc = cli_screen_options(c, argc, argv, cmd, &theme);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc) {
		cli_usage_error(cmd, "name the committee to edit by its slug");
		return EXIT_FAIL;
	}
	char slug[SLUG_MAX + 1];
	slug_make(argv[optind], slug);   /* a name works too */
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	/* A committee is its file, or its meetings: said before any screen. */
	struct diags d;
	struct committee *cm = NULL;
	struct meeting_summary *v = NULL;
	size_t n = 0;
	diags_init(&d);
	int found = meeting_committee_by_slug(a, slug, &cm, &d);
	if (found == 0 && !cm && (meetings_list(a, slug, &v, &n, &d) != 0 || !n))
		found = -1;
	committee_free(cm);
	meeting_summaries_free(v, n);
	if (found) {
		if (found == MEETING_INVALID && d.n)
			cli_diags(&d, false);
		else
			cli_error("there is no committee %s in %s; gavel committee new NAME makes one",
				  slug, archive_path(a));
		diags_free(&d);
		archive_free(a);
		return EXIT_NO;
	}
	diags_free(&d);
	if (!cli_screen_possible("gavel committee edit")) {
		archive_free(a);
		return EXIT_FAIL;
	}
	char *problem = NULL;
	if (!cli_screen_start(theme, &problem)) {
		archive_free(a);
		return EXIT_FAIL;
	}
	free(problem);
	char msg[512] = "";
	rc = committee_screen_run(a, slug, &cli_stop_signal, msg, sizeof(msg));
	ui_close();
	archive_free(a);
	if (rc) {
		cli_error("%s", msg);
		return EXIT_NO;
	}
	if (msg[0])
		fprintf(stderr, "%s\n", msg);
	return cli_stop_signal ? 128 + cli_stop_signal : EXIT_YES;
}
