/* gavel init, new, list and log: the repository and its meetings. */
#include "tui/cli/cli.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"
#include "minutes/search/logcache.h"

#include <stdint.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bare", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("init");
	bool bare = false;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'b')
			bare = true;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (argc - optind > 1) {
		cli_usage_error(cmd, "name one folder only");
		return EXIT_FAIL;
	}
	const char *dir = optind < argc ? argv[optind] : c->repo ? c->repo : ".";
	struct archive *a;
	struct diags d;
	diags_init(&d);
	if (archive_init(&a, dir, bare, &d) < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return EXIT_FAIL;
	}
	cli_repo_warnings(a);
	cli_printf("Created a gavel minutes repository in %s\n", archive_path(a));
	archive_free(a);
	diags_free(&d);
	return EXIT_YES;
}

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
	if (!date_valid(spec.date, strlen(spec.date))) {
		cli_usage_error(cmd, "'%s' is not a date; expected YYYY-MM-DD", spec.date);
		return EXIT_FAIL;
	}
	if (spec.start && !time_valid(spec.start, strlen(spec.start))) {
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
	} else {
		cli_printf("%s\n", id);
	}
	free(id);
	diags_free(&d);
	archive_free(a);
	return result;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "committee", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("list");
	const char *committee = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'c')
			committee = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind < argc) {
		cli_usage_error(cmd, "unexpected '%s'", argv[optind]);
		return EXIT_FAIL;
	}
	if (committee && !slug_valid(committee, strlen(committee))) {
		cli_usage_error(cmd, "'%s' is not a committee slug (such as communities-board)", committee);
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct meeting_summary *v;
	size_t n;
	struct diags d;
	diags_init(&d);
	int result = EXIT_YES;
	if (meetings_list(a, committee, &v, &n, &d) < 0) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	} else {
		size_t w = 0;
		for (size_t i = 0; i < n; i++)
			if (strlen(v[i].id) > w)
				w = strlen(v[i].id);
		for (size_t i = 0; i < n; i++) {
			if (v[i].error)
				cli_printf("%-*s  error: %s\n", (int)w, v[i].id, v[i].error);
			else
				cli_printf("%-*s  %s  %s  %zu item%s\n", (int)w, v[i].id,
					   v[i].committee, minutes_status_name(v[i].status),
					   v[i].nitems, v[i].nitems == 1 ? "" : "s");
		}
		meeting_summaries_free(v, n);
		if (committee && n == 0)
			result = EXIT_NO;
	}
	diags_free(&d);
	archive_free(a);
	return result;
}

static void print_rev(const struct archive_rev *r)
{
	time_t t = (time_t)(r->time + (long long)r->offset * 60);
	struct tm tm;
	char when[32];
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	cli_printf("%s  %s  %s  %s\n", r->short_id, when, r->author_name, r->summary);
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("log");
	int o;
	while ((o = cli_getopt(c, argc, argv, "", NULL, cmd)) != -1)
		return o == 'h' ? EXIT_YES : EXIT_FAIL;
	const char *id = cli_meeting_arg(cmd, argc, argv);
	if (!id)
		return EXIT_FAIL;
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
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
