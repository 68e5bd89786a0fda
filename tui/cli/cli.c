/* cli: the helpers the commands share: output made safe for a terminal,
 * options, the repository.  The table of commands is in cli_commands.c. */
#include "tui/cli/cli.h"
#include "minutes/audit/revision.h"
#include "minutes/format/slug.h"
#include "tui/render/render.h"
#include "minutes/base/utf8.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

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
	cli_error("%s; usage: gavel %s %s", b.data, cmd->name, cmd->synopsis);
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
		cli_help(stdout, cmd);
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

const char *cli_meeting_arg(const struct command *cmd, int argc, char **argv)
{
	if (argc - optind != 1) {
		cli_usage_error(cmd, "name one meeting");
		return NULL;
	}
	const char *id = argv[optind];
	if (!slug_meeting_id_valid(id)) {
		cli_usage_error(cmd, "'%s' is not a meeting id; expected committee/YYYY-MM-DD", id);
		return NULL;
	}
	return id;
}

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

struct archive *cli_meeting_repo(struct cli *c, const char *name, int argc,
				 char **argv, const char **id, int *rc)
{
	const struct command *cmd = cli_command(name);
	int o;
	*rc = EXIT_FAIL;
	while ((o = cli_getopt(c, argc, argv, "", NULL, cmd)) != -1) {
		if (o == 'h')
			*rc = EXIT_YES;
		return NULL;
	}
	*id = cli_meeting_arg(cmd, argc, argv);
	if (!*id)
		return NULL;
	return cli_repo(c);
}

void cli_repo_warnings(struct archive *a)
{
	const char *w = archive_take_warning(a);
	if (w)
		cli_warn("%s", w);
}

int cli_origin(struct archive *a, const char *rev, struct render_origin *o)
{
	struct archive_rev r;
	struct diags d;
	diags_init(&d);
	if (archive_commit_info(a, rev, &r, &d) < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return -1;
	}
	diags_free(&d);
	memcpy(o->rev, r.id, sizeof(o->rev));
	time_t t = (time_t)(r.time + (long long)r.offset * 60);
	struct tm tm;
	int off = r.offset < 0 ? -r.offset : r.offset;
	struct buf b = BUF_INIT;
	if (gmtime_r(&t, &tm))
		buf_addf(&b, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
			 r.offset < 0 ? '-' : '+', off / 60 % 100, off % 60);
	else
		buf_addf(&b, "@%lld", r.time);
	snprintf(o->date, sizeof(o->date), "%.31s", b.data);
	buf_free(&b);
	archive_rev_clear(&r);
	return 0;
}

bool cli_revision(struct archive *a, const char *id, const char *rev, char out[41])
{
	struct diags d;
	diags_init(&d);
	int rc = revision_resolve(a, id, rev, out, &d);
	if (rc)
		cli_diags(&d, true);
	diags_free(&d);
	return rc == 0;
}

unsigned cli_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}
