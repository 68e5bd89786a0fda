/*
 * gavel actions: every action of the minutes with its latest status,
 * carried forward from meeting to meeting by the action_updates of later
 * meetings (minutes/search/registers.h), from the search index's
 * database.
 */
#include "tui/cli/cli.h"
#include "minutes/format/slug.h"
#include "minutes/search/registers.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const state_names[] = { "open", "in progress", "done", "dropped" };

struct aprint {
	bool csv;
	bool include_exempt;
	struct buf b;
};

static const char exempt_note[] = "note exempt, not for publication";

static int print_action(const struct reg_action *a, void *ctx)
{
	struct aprint *p = ctx;
	const char *id = strchr(a->ref, '/');
	id = id ? id + 1 : a->ref;
	const char *state = state_names[a->state <= REG_DROPPED ? a->state : 0];
	/* An update's note in exempt business is not for publication. */
	bool hide = a->note && a->note_exempt && !p->include_exempt;
	if (p->csv) {
		char idx[24];
		snprintf(idx, sizeof(idx), "%u", a->index);
		cli_csv(&p->b, id, false);
		cli_csv(&p->b, a->meeting, false);
		cli_csv(&p->b, a->item, false);
		cli_csv(&p->b, idx, false);
		cli_csv(&p->b, a->owner, false);
		cli_csv(&p->b, a->due, false);
		cli_csv(&p->b, state, false);
		cli_csv(&p->b, a->updated, false);
		cli_csv(&p->b, hide ? exempt_note : a->note, false);
		cli_csv(&p->b, a->text, true);
	} else {
		buf_addf(&p->b, "%s  %s  item %s  %s  due %s  %s: ", id, a->meeting,
			 a->item ? a->item : "", state, a->due ? a->due : "-",
			 a->owner ? a->owner : "(no owner)");
		cli_add_line(&p->b, a->text);
		if (a->updated) {
			buf_addf(&p->b, "  [%s %s", state, a->updated);
			if (hide) {
				buf_addf(&p->b, " (%s)", exempt_note);
			} else if (a->note) {
				buf_addstr(&p->b, ": ");
				cli_add_line(&p->b, a->note);
			}
			buf_addch(&p->b, ']');
		} else if (a->done && a->state == REG_DONE) {
			buf_addf(&p->b, "  [done %s]", a->done);
		}
		buf_addch(&p->b, '\n');
	}
	if (p->b.len > 65536)
		cli_flush_buf(&p->b, p->csv);
	return 0;
}

int cmd_actions(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "committee", required_argument, NULL, 'c' },
		{ "owner", required_argument, NULL, 'o' },
		{ "open", no_argument, NULL, 'O' },
		{ "overdue", no_argument, NULL, 'D' },
		{ "done", no_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "include-exempt", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("actions");
	struct reg_action_filter f = { 0 };
	struct aprint p = { false, false, BUF_INIT };
	char today[11];
	int o, which = 0;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'c') {
			f.committee = optarg;
		} else if (o == 'o') {
			f.owner = optarg;
		} else if (o == 'O' || o == 'D' || o == 'd') {
			if (which && which != o) {
				cli_usage_error(cmd, "--open, --overdue and --done: one at a time");
				return EXIT_FAIL;
			}
			which = o;
		} else if (o == 'x') {
			p.include_exempt = true;
		} else if (o == 'f') {
			if (cli_format_arg(cmd, optarg, &p.csv) < 0)
				return EXIT_FAIL;
		} else {
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
		}
	}
	if (optind < argc) {
		cli_usage_error(cmd, "unexpected '%s'", argv[optind]);
		return EXIT_FAIL;
	}
	if (f.committee && !slug_valid(f.committee, strlen(f.committee))) {
		cli_usage_error(cmd, "--committee '%s': expected a committee's folder, such as "
				"communities-board", f.committee);
		return EXIT_FAIL;
	}
	if (f.owner && !*f.owner) {
		cli_usage_error(cmd, "--owner: the name is empty");
		return EXIT_FAIL;
	}
	f.open_only = which == 'O';
	f.done_only = which == 'd';
	if (which == 'D') {
		time_t now = time(NULL);
		struct tm t;
		localtime_r(&now, &t);
		strftime(today, sizeof(today), "%Y-%m-%d", &t);
		f.due_before = today;
	}
	struct archive *a = cli_repo(c);
	struct search *s = a ? cli_registers_open(a) : NULL;
	int result = EXIT_FAIL;
	if (s) {
		struct diags d;
		diags_init(&d);
		size_t n = 0;
		if (p.csv)
			buf_addstr(&p.b, "id,meeting,item,index,owner,due,status,updated,note,text\r\n");
		if (registers_actions(s, &f, print_action, &p, &n, &d) < 0) {
			cli_diags(&d, true);
		} else {
			cli_flush_buf(&p.b, p.csv);
			result = n ? EXIT_YES : EXIT_NO;
		}
		diags_free(&d);
		search_close(s);
	}
	buf_free(&p.b);
	archive_free(a);
	return result;
}
