/* gavel new COMMITTEE DATE: a meeting started from its agenda. */
#include "tui/cli/cli.h"
#include "tui/cli/cli_screen.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int cmd_new(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "agenda", required_argument, NULL, 'a' },
		{ "start", required_argument, NULL, 's' },
		{ "venue", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("new");
	struct meeting_spec spec = { 0 };
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'a')
			spec.agenda_path = optarg;
		else if (o == 's')
			spec.start = optarg;
		else if (o == 'v')
			spec.venue = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (argc - optind != 2) {
		cli_usage_error(cmd, "name the committee and the date");
		return EXIT_FAIL;
	}
	spec.committee = argv[optind];
	spec.date = argv[optind + 1];
	if (!yr_date_valid(spec.date, strlen(spec.date))) {
		cli_usage_error(cmd, "'%s' is not a date; expected YYYY-MM-DD", spec.date);
		return EXIT_FAIL;
	}
	if (spec.start && !yr_time_valid(spec.start, strlen(spec.start))) {
		cli_usage_error(cmd, "'%s' is not a time; expected HH:MM, such as 11:00", spec.start);
		return EXIT_FAIL;
	}
	if (!*spec.committee || !utf8_clean(spec.committee, strlen(spec.committee), NULL) ||
	    (spec.venue && !utf8_clean(spec.venue, strlen(spec.venue), NULL))) {
		cli_usage_error(cmd, "the committee and venue must be text without control characters");
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct diags d;
	char *id = NULL;
	diags_init(&d);
	if (cli_committee_check(a, spec.committee) < 0) {
		archive_free(a);
		return EXIT_FAIL;
	}
	int rc = meeting_create(a, &spec, &id, &d);
	cli_repo_warnings(a);
	int result = EXIT_YES;
	if (rc == MEETING_INVALID) {
		diags_sort(&d);
		cli_diags(&d, false);
		result = EXIT_NO;
	} else if (rc) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	} else if (!spec.agenda_path && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		/* On a terminal, the agenda is made on its screen. */
		result = cli_agenda_screen(a, id, true, NULL);
		cli_printf("%s\n", id);
	} else {
		cli_printf("%s\n", id);
	}
	free(id);
	diags_free(&d);
	archive_free(a);
	return result;
}
