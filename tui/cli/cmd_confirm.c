/* gavel confirm MEETING: the minutes confirmed as a correct record, and
 * the tag that records it. */
#include "minutes/audit/audit.h"
#include "minutes/audit/chain.h"
#include "minutes/session/lock.h"
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

/* The chain link (FORMAT.md's confirmed_minutes) in the minutes of the
 * meeting whose agenda item confirms `id`, when there is one and its
 * minutes are a draft nobody is minuting just now.  Returns EXIT_YES, or
 * EXIT_FAIL when recording it failed. */
static int record_link(struct archive *a, const char *id, const char *commit)
{
	struct diags d;
	char *by = NULL, *item = NULL;
	bool draft;
	diags_init(&d);
	int result = EXIT_YES;
	if (chain_confirming(a, id, &by, &item, &draft, &d) < 0) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	} else if (!by) {
		cli_printf("no agenda item confirms %s: no chain link recorded\n", id);
	} else if (!draft) {
		cli_printf("%s (item %s) confirms %s but is confirmed itself: no chain link "
			   "recorded\n", by, item, id);
	} else {
		struct lock_holder h;
		int lrc = lock_acquire(archive_gitdir(a), by, &h, NULL, &d);
		char link_commit[41];
		int crc = 0;
		if (lrc == LOCK_HELD) {
			char *who = lock_holder_describe(&h);
			cli_printf("%s is being minuted (%s): press F5 on its item %s there "
				   "to record the chain link\n", by, who, item);
			free(who);
		} else if (lrc < 0 ||
			   (crc = chain_record(a, by, item, id, commit, link_commit, &d)) != 0) {
			cli_diags(&d, true);
			result = crc == MEETING_INVALID ? EXIT_NO : EXIT_FAIL;
		} else {
			cli_printf("%s: item %s records the confirmed minutes in %.7s\n", by,
				   item, link_commit);
		}
		if (lrc == 0)
			lock_release(archive_gitdir(a), by);
	}
	free(by);
	free(item);
	diags_free(&d);
	return result;
}

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
		result = record_link(a, id, commit);
	} else {
		cli_diags(&d, true);
		result = rc == MEETING_INVALID ? EXIT_NO : EXIT_FAIL;
	}
	diags_free(&d);
	archive_free(a);
	return result;
}
