/* gavel log MEETING: the revisions of a meeting's files. */
#include "tui/cli/cli.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"
#include "minutes/search/logcache.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void print_rev(const struct archive_rev *r)
{
	time_t t = (time_t)(r->time + (long long)r->offset * 60);
	struct tm tm;
	char when[32];
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	/* A commit without gavel's trailer was made some other way. */
	cli_printf("%s  %s  %s%s  %s\n", r->short_id, when,
		   archive_made_by_gavel(r->message) ? "" : "(not made by gavel) ", r->author_name,
		   r->summary);
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	const char *id;
	int rc;
	struct archive *a = cli_meeting_repo(c, "log", argc, argv, &id, &rc);
	if (!a)
		return rc;
	struct archive_rev *v;
	size_t n;
	struct diags d;
	diags_init(&d);
	int result = EXIT_YES;
	if (logcache_log(a, id, SIZE_MAX, &v, &n, &d) < 0) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	} else {
		if (n == 0) {
			cli_error("no meeting %s in %s", id, archive_path(a));
			result = EXIT_FAIL;
		}
		for (size_t i = 0; i < n; i++)
			print_rev(&v[i]);
		archive_revs_free(v, n);
	}
	diags_free(&d);
	archive_free(a);
	return result;
}
