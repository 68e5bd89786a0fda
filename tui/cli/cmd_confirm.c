/* gavel confirm MEETING: the minutes confirmed as a correct record, and
 * the tag that records it. */
#include "minutes/audit/audit.h"
#include "tui/cli/cli.h"
#include "minutes/model/yamlfile.h"
#include "minutes/git/meeting.h"
#include "minutes/base/proc.h"
#include "minutes/format/slug.h"
#include "minutes/format/yamlread.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int cmd_confirm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("confirm");
	const char *by = NULL, *date = NULL;
	char today[16];
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'b')
			by = optarg;
		else if (o == 'd')
			date = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	const char *id = cli_meeting_arg(cmd, argc, argv);
	if (!id)
		return EXIT_FAIL;
	if (!by) {
		cli_usage_error(cmd, "say who confirms the minutes with --by NAME");
		return EXIT_FAIL;
	}
	if (!date) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		date = today;
	}
	if (!yr_date_valid(date, strlen(date))) {
		cli_usage_error(cmd, "'%s' is not a date; expected YYYY-MM-DD", date);
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct diags d;
	char commit[41];
	bool is_signed;
	diags_init(&d);
	int rc = audit_confirm(a, id, date, by, commit, &is_signed, &d);
	cli_repo_warnings(a);
	int result = EXIT_YES;
	if (rc == 0) {
		char *tag = audit_tag_name(id);
		cli_printf("%s: confirmed on %s by %s in %.7s, %stag %s\n", id, date, by, commit,
			   is_signed ? "signed " : "", tag);
		free(tag);
	} else {
		cli_diags(&d, true);
		result = rc == MEETING_INVALID ? EXIT_NO : EXIT_FAIL;
	}
	diags_free(&d);
	archive_free(a);
	return result;
}
