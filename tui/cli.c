/* cli: the table of subcommands and the helpers they share. */
#include "cli.h"
#include "utf8.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

const struct command commands[] = {
	{ "init", cmd_init, "[--bare] [DIR]", "create a minutes repository",
	  "Creates a gavel minutes repository in DIR (the current folder when\n"
	  "DIR is left out): a git repository on the branch main, with a .gavel\n"
	  "file at its root that marks it as minutes.\n\n"
	  "  --bare        a bare repository, with no work tree\n" },
	{ "new", cmd_new, "COMMITTEE DATE [OPTIONS]", "start a meeting from its agenda",
	  "Creates the meeting's folder COMMITTEE-SLUG/DATE (DATE-2 for a second\n"
	  "meeting that day) with its agenda.yaml and minutes.yaml, in one commit,\n"
	  "and prints the meeting's id.  COMMITTEE is the committee's name or slug.\n\n"
	  "  --agenda FILE   the agenda (checked first); otherwise an empty one\n"
	  "  --start HH:MM   the time the meeting starts\n"
	  "  --venue TEXT    where it is held\n" },
	{ "list", cmd_list, "[--committee SLUG]", "list the meetings, newest first",
	  "Prints one line per meeting: id, committee, status, number of items.\n\n"
	  "  --committee SLUG   only that committee's meetings\n" },
	{ "show", cmd_show, "MEETING [--rev REV] [--format F]", "print a meeting's minutes",
	  "Prints the minutes of MEETING (such as communities-board/2018-03-14).\n\n"
	  "  --rev REV        as they stood at revision REV (a commit id, tag...)\n"
	  "  --format text    as published minutes read, wrapped (the default)\n"
	  "  --format yaml    the minutes file itself\n" },
	{ "search", cmd_search, "[--count] QUERY...", "search the minutes of every meeting",
	  "Searches the minutes of every meeting as committed (HEAD) and prints\n"
	  "one line per hit, newest meeting first: the meeting, the item, what\n"
	  "was matched (title, summary, comment 3, decision, action 2...), who\n"
	  "said it, and the words around the match.  Exits 1 when nothing matches.\n\n"
	  "The query (the arguments, joined by spaces); every term must match:\n"
	  "  WORD              a word; case and accents do not matter (zoe finds Zoë)\n"
	  "  \"a phrase\"        these words next to each other, in this order\n"
	  "  committee:SLUG    only that committee's meetings (given twice: either)\n"
	  "  title:WORD        only item titles holding WORD (or title:\"a phrase\")\n"
	  "  decision:WORD     only decisions holding WORD (or decision:\"a phrase\")\n"
	  "  by:NAME           only what NAME said, owns or declared (by:\"Jo Reid\")\n"
	  "  since:YYYY-MM-DD  only meetings on or after that date\n"
	  "  until:YYYY-MM-DD  only meetings on or before that date\n\n"
	  "  --count           print the number of hits only\n\n"
	  "Quote a phrase for the shell too: gavel search '\"home-schooled children\"'.\n"
	  "The index is kept in the git folder (gavel/search.sqlite), never\n"
	  "committed; each search first brings it up to date with HEAD, and it is\n"
	  "built again when missing or damaged.\n" },
	{ "log", cmd_log, "MEETING", "list the revisions of a meeting's minutes",
	  "Prints the revisions of MEETING's files, newest first: short id,\n"
	  "date and time, author, message.\n" },
	{ "check", cmd_check, "FILE...", "check agenda, minutes and committee files",
	  "Checks each FILE against gavel's format (its kind comes from its\n"
	  "format: key).  Each problem is printed as FILE:LINE:COL: message.\n"
	  "Exits 1 when any file is invalid.\n" },
	{ "run", cmd_run, "MEETING [--read-only] [--theme NAME]", "take the minutes of a meeting",
	  "Opens the clerk's screen on MEETING: attendance, declarations, then\n"
	  "each agenda item (presenters, summary, comments, decision, votes,\n"
	  "actions), committed to git as you go.  A journal under the repository's\n"
	  "git folder catches every keystroke within a second; after a crash,\n"
	  "gavel run restores it.  F1 on the screen lists every key.\n\n"
	  "  --read-only     look without changing anything (when another gavel\n"
	  "                  holds the meeting)\n"
	  "  --theme NAME    default, light, high-contrast, mono or your own\n" },
	{ "demo", cmd_demo, "[--theme NAME] [--no-run]", "try gavel on a demo meeting",
	  "Makes a throwaway repository (its path is printed on exit) holding the\n"
	  "Communities Board meeting of 14 March 2018, and opens gavel run on it.\n\n"
	  "  --theme NAME    as for gavel run\n"
	  "  --no-run        make the repository only\n" },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct command *cli_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* ---- output ---- */

void cli_write(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	utf8_add_visible(&b, s, len);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

void cli_printf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	cli_write(b.data, b.len);
	buf_free(&b);
}

static void to_stderr(const char *prefix, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static void to_stderr(const char *prefix, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT, safe = BUF_INIT;
	buf_vaddf(&b, fmt, ap);
	/* One line: a message never carries a line break of its own. */
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n')
			b.data[i] = ' ';
	buf_addstr(&safe, prefix);
	utf8_add_visible(&safe, b.data, b.len);
	buf_addch(&safe, '\n');
	fflush(stdout);
	fwrite(safe.data, 1, safe.len, stderr);
	buf_free(&b);
	buf_free(&safe);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	to_stderr("gavel: ", fmt, ap);
	va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	to_stderr("gavel: warning: ", fmt, ap);
	va_end(ap);
}

void cli_diags(const struct diags *d, bool prefix)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		if (prefix) {
			cli_error("%s", s);
		} else {
			cli_write(s, strlen(s));
			putchar('\n');
		}
		free(s);
	}
	if (d->dropped && prefix)
		cli_error("... and %zu more problems", d->dropped);
	else if (d->dropped)
		printf("... and %zu more problems\n", d->dropped);
}

/* ---- options ---- */

void cli_usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	cli_error("%s; usage: gavel %s %s", b.data, cmd->name, cmd->args);
	buf_free(&b);
}

int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
	       const struct option *extra, const struct command *cmd)
{
	static struct option all[16];
	static char shorts[64];
	size_t n = 0;
	if (optind <= 1) {
		/* First call for this command: build the tables. */
		for (; extra && extra[n].name && n < 12; n++)
			all[n] = extra[n];
		all[n++] = (struct option){ "repo", required_argument, NULL, 'C' };
		all[n++] = (struct option){ "help", no_argument, NULL, 'h' };
		all[n] = (struct option){ NULL, 0, NULL, 0 };
		snprintf(shorts, sizeof(shorts), ":%sC:h", shortopts);
	}
	opterr = 0;
	int o = getopt_long(argc, argv, shorts, all, NULL);
	switch (o) {
	case 'C':
		c->repo = optarg;
		return cli_getopt(c, argc, argv, shortopts, extra, cmd);
	case 'h':
		printf("usage: gavel %s %s\n\n%s", cmd->name, cmd->args, cmd->help);
		return 'h';
	case ':':
		cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
		return '?';
	case '?':
		cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
		return '?';
	}
	return o;
}

/* ---- the repository ---- */

struct archive *cli_repo(struct cli *c)
{
	struct archive *a = NULL;
	struct diags d;
	diags_init(&d);
	if (archive_locate(&a, c->repo, NULL, &d) < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return NULL;
	}
	diags_free(&d);
	return a;
}

void cli_repo_warnings(struct archive *a)
{
	const char *w = archive_take_warning(a);
	if (w)
		cli_warn("%s", w);
}

unsigned cli_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}
