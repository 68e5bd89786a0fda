/*
 * cli: gavel's command line.  Each subcommand is a short function over the
 * modules; this header names them and the few helpers they share for
 * output (everything printed passes through a filter that shows control
 * characters visibly, so no data can drive the terminal).
 */
#ifndef GAVEL_CLI_H
#define GAVEL_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "minutes/git/archive.h"
#include "minutes/base/diag.h"

/* Exit codes. */
#define EXIT_YES 0      /* success */
#define EXIT_NO 1       /* a negative answer: invalid file, nothing found */
#define EXIT_FAIL 2     /* a usage or runtime error */

struct cli {
	const char *repo;       /* -C DIR / --repo DIR, or NULL */
};

/* A command: `gavel --help` lists each by name, synopsis and summary;
 * `gavel NAME --help` prints its synopsis and usage; gavel.1's COMMANDS
 * section starts each entry with its synopsis (cli_synopsis_roff). */
struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);   /* the handler */
	const char *synopsis;   /* its arguments: "MEETING [--rev REV]" */
	const char *summary;    /* one line */
	const char *usage;      /* the rest of `gavel NAME --help` */
};

/* Every command, in the order gavel --help lists them; NULL-ended. */
extern const struct command commands[];
const struct command *cli_command(const char *name);

/* gavel --help: the usage line and every command's synopsis and summary. */
void cli_usage(FILE *f);
/* gavel NAME --help. */
void cli_help(FILE *f, const struct command *cmd);
/* The entry's head in gavel.1's COMMANDS section: a .TP line, then the
 * name and synopsis with options and literals in bold, what the user
 * fills in in italics. */
void cli_synopsis_roff(FILE *f, const struct command *cmd);
/* gavel --complete CWORD WORD...: the shells' completions (complete.c). */
int cli_complete(int argc, char **argv);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_new(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_sync(struct cli *c, int argc, char **argv);
int cmd_diff(struct cli *c, int argc, char **argv);
int cmd_blame(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_run(struct cli *c, int argc, char **argv);
int cmd_browse(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, int argc, char **argv);
int cmd_confirm(struct cli *c, int argc, char **argv);
int cmd_verify(struct cli *c, int argc, char **argv);
int cmd_keys(struct cli *c, int argc, char **argv);
int cmd_committee(struct cli *c, int argc, char **argv);
int cmd_actions(struct cli *c, int argc, char **argv);
int cmd_decisions(struct cli *c, int argc, char **argv);
int cmd_attendance(struct cli *c, int argc, char **argv);

/* Before a command reads committee `committee` (a name or a slug): when
 * its committee.yaml in the work tree differs from HEAD's, says so on
 * stderr, naming the file, and on a terminal offers to commit it (else
 * tells how: gavel committee commit SLUG).  -1 when the clerk said yes
 * and the commit failed (said why); 0 otherwise. */
int cli_committee_check(struct archive *a, const char *committee);

/* For the registers (cmd_registers.c): the search index opened and
 * brought up to date, its warnings said (NULL, having said why, when it
 * cannot be); --format text|csv parsed (-1 after a usage error); a CSV
 * field appended, always quoted, its quotes doubled, then a comma or, for
 * the `last`, CRLF; and a buffer of output written and emptied, anything that
 * could reach a terminal as a control shown visibly (as cli_write does;
 * with `csv`, CR is left as it is: CSV's line end). */
struct search;
struct search *cli_registers_open(struct archive *a);
int cli_format_arg(const struct command *cmd, const char *arg, bool *csv);
struct buf;
void cli_csv(struct buf *out, const char *s, bool last);
void cli_flush_buf(struct buf *b, bool csv);
/* Appends text on one line: each line break as a space. */
void cli_add_line(struct buf *b, const char *s);
/* Committee `slug`'s attendance (committee year `year`, 0 for every
 * meeting): head() once with the number of meetings and the period ("" for
 * none), then row() per person, members first in committee.yaml's order,
 * with {expected, attended, apologies, absent}.  0, or -1 having said why. */
struct cli_attendance_out {
	void (*head)(void *ctx, size_t nmeetings, const char *since, const char *until);
	void (*row)(void *ctx, const char *name, const size_t n[4]);
	void *ctx;
};
int cli_attendance(struct archive *a, struct search *s, const char *slug, int year,
		   const struct cli_attendance_out *o);
int cmd_agenda(struct cli *c, int argc, char **argv);
/* gavel committee edit SLUG (argv[0] "edit"): the committee screen. */
int cmd_committee_edit(struct cli *c, int argc, char **argv);

/* Parses a subcommand's options.  `extra` are its own (getopt_long style,
 * NULL-terminated by a zero entry); -C/--repo and -h/--help are added.
 * Returns the option letter, -1 at the end, or '?' after reporting a
 * usage error.  --help prints the command's help and returns 'h'. */
struct option;
int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
	       const struct option *extra, const struct command *cmd);
void cli_usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Output, made safe for a terminal. */
void cli_write(const char *s, size_t len);
void cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "gavel: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Each problem as FILE:LINE:COL: message on stderr; with `prefix`,
 * "gavel: " goes first (runtime errors). */
void cli_diags(const struct diags *d, bool prefix);

/* The one argument left after the options, a meeting id; NULL after a
 * usage error saying what was wrong. */
const char *cli_meeting_arg(const struct command *cmd, int argc, char **argv);

/* Opens the repository in gavel's order; prints why not and returns NULL. */
struct archive *cli_repo(struct cli *c);

/* For a command that takes one meeting and no options (log, blame):
 * parses them, sets *id and opens the repository.  NULL when the command
 * is already done, with *rc its exit code (--help answered, or a usage or
 * repository error said). */
struct archive *cli_meeting_repo(struct cli *c, const char *name, int argc,
				 char **argv, const char **id, int *rc);
/* Prints the archive's warning, if it has one. */
void cli_repo_warnings(struct archive *a);

/* The revision `rev` (NULL: HEAD) names, for the provenance line of what
 * gavel renders: its full id and its date (ISO 8601, in the author's
 * offset).  Prints why not and returns -1. */
struct render_origin;
int cli_origin(struct archive *a, const char *rev, struct render_origin *o);

/* The commit `rev` names for meeting `id` (NULL: every meeting, as
 * export reads them), through the one parser of revisions
 * (minutes/audit/revision.h): an id, a tag, a branch, git's syntax,
 * confirmed, @YYYY-MM-DD.  Prints why not and returns false. */
bool cli_revision(struct archive *a, const char *id, const char *rev, char out[41]);

/* Columns to wrap text to: the terminal's width, 80 when not a terminal. */
unsigned cli_width(void);

#endif
