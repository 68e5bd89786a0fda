/*
 * gavel decisions and gavel attendance: the registers a council
 * publishes beside its minutes, answered from the search index's database
 * (minutes/search/registers.h); and what cmd_actions.c shares with them:
 * opening the index, CSV fields.
 */
#include "tui/cli/cli.h"
#include "minutes/git/meeting.h"
#include "minutes/search/registers.h"
#include "minutes/base/utf8.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void cli_csv(struct buf *out, const char *s, bool last)
{
	buf_addch(out, '"');
	for (; s && *s; s++) {
		if (*s == '"')
			buf_addch(out, '"');
		buf_addch(out, *s);
	}
	buf_addstr(out, last ? "\"\r\n" : "\",");
}

void cli_add_line(struct buf *b, const char *s)
{
	size_t n = strcspn(s, "\n");
	buf_add(b, s, n);
	for (s += n; *s; s++)
		buf_addch(b, *s == '\n' ? ' ' : *s);
}

/* Whether byte c goes out as it is. */
static bool plain(unsigned char c, bool csv)
{
	return (c >= 0x20 && c < 0x7f) || c == '\n' || (csv && c == '\r');
}

/* Runs of printable ASCII (and line ends) go out as they are; anything
 * else through cli_write, which shows controls visibly.  Most register
 * text is ASCII: eight bytes are checked at once while none of them is
 * below 0x20 or above 0x7e. */
void cli_flush_buf(struct buf *b, bool csv)
{
	const unsigned char *p = (const unsigned char *)b->data;
	const unsigned char *end = p + b->len;
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	while (p < end) {
		const unsigned char *q = p;
		for (;;) {
			while (end - q >= 8) {
				uint64_t w;
				memcpy(&w, q, 8);
				uint64_t x = w ^ (0x7f * ones);      /* a zero byte where 0x7f */
				if (((w - 0x20 * ones) | w | ((x - ones) & ~x)) & highs)
					break;
				q += 8;
			}
			if (q < end && plain(*q, csv))
				q++;
			else
				break;
		}
		fwrite(p, 1, (size_t)(q - p), stdout);
		p = q;
		while (q < end && !plain(*q, csv))
			q++;
		if (q > p)
			cli_write((const char *)p, (size_t)(q - p));
		p = q;
	}
	buf_reset(b);
}

int cli_format_arg(const struct command *cmd, const char *arg, bool *csv)
{
	if (!strcmp(arg, "csv") || !strcmp(arg, "text")) {
		*csv = !strcmp(arg, "csv");
		return 0;
	}
	cli_usage_error(cmd, "--format '%s': expected text or csv", arg);
	return -1;
}

struct search *cli_registers_open(struct archive *a)
{
	struct search *s;
	struct search_update u;
	struct diags d;
	diags_init(&d);
	if (search_open(&s, a, NULL, NULL, &u, &d) < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return NULL;
	}
	diags_free(&d);
	if (u.unreadable)
		cli_warn("%zu %s not load and %s left out (gavel check tells why)",
			 u.unreadable, u.unreadable == 1 ? "meeting's minutes do" :
			 "meetings' minutes do", u.unreadable == 1 ? "is" : "are");
	return s;
}

/* ---- decisions ---- */

struct dprint {
	bool csv;
	struct buf b;
};

static int print_decision(const struct reg_decision *d, void *ctx)
{
	struct dprint *p = ctx;
	char minute[24] = "";
	if (d->minute)
		snprintf(minute, sizeof(minute), "%u", d->minute);
	if (p->csv) {
		cli_csv(&p->b, d->meeting, false);
		cli_csv(&p->b, minute, false);
		cli_csv(&p->b, d->item, false);
		cli_csv(&p->b, d->title, false);
		cli_csv(&p->b, d->text, true);
	} else {
		buf_addstr(&p->b, d->meeting);
		if (d->minute)
			buf_addf(&p->b, "  minute %u (item %s)", d->minute, d->item ? d->item : "");
		else
			buf_addf(&p->b, "  item %s", d->item ? d->item : "");
		buf_addf(&p->b, "  %s: ", d->title ? d->title : "");
		cli_add_line(&p->b, d->text);
		buf_addch(&p->b, '\n');
	}
	if (p->b.len > 65536)
		cli_flush_buf(&p->b, p->csv);
	return 0;
}

int cmd_decisions(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "committee", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("decisions");
	struct buf text = BUF_INIT;
	struct dprint p = { false, BUF_INIT };
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'c') {
			buf_addf(&text, "%scommittee:%s", text.len ? " " : "", optarg);
		} else if (o == 'f') {
			if (cli_format_arg(cmd, optarg, &p.csv) < 0) {
				buf_free(&text);
				return EXIT_FAIL;
			}
		} else {
			buf_free(&text);
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
		}
	}
	for (int i = optind; i < argc; i++)
		buf_addf(&text, "%s%s", text.len ? " " : "", argv[i]);
	struct query q;
	struct diags d;
	diags_init(&d);
	int rc = query_parse_filters(text.data ? text.data : "", text.len, &q, true, &d);
	buf_free(&text);
	if (rc < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return EXIT_FAIL;
	}
	if (q.kinds || q.nby) {
		cli_usage_error(cmd, "title:, decision: and by: are search's; here words "
				"are looked for in the decisions");
		query_free(&q);
		diags_free(&d);
		return EXIT_FAIL;
	}
	int result = EXIT_FAIL;
	struct archive *a = cli_repo(c);
	struct search *s = a ? cli_registers_open(a) : NULL;
	if (s) {
		size_t n = 0;
		if (p.csv)
			buf_addstr(&p.b, "meeting,minute,item,title,decision\r\n");
		if (registers_decisions(s, &q, print_decision, &p, &n, &d) < 0) {
			cli_diags(&d, true);
		} else {
			cli_flush_buf(&p.b, p.csv);
			result = n ? EXIT_YES : EXIT_NO;
		}
		search_close(s);
	}
	buf_free(&p.b);
	query_free(&q);
	diags_free(&d);
	archive_free(a);
	return result;
}

/* ---- attendance ---- */

/* The period of committee year `year` (its year_starts, else 1 January). */
static void year_period(const struct committee *com, int year, char since[11],
			char until[11])
{
	int mm = 1, dd = 1;
	if (com && com->year_starts[0])
		sscanf(com->year_starts, "%d-%d", &mm, &dd);
	snprintf(since, 11, "%04d-%02d-%02d", year, mm, dd);
	struct tm t = { .tm_year = year + 1 - 1900, .tm_mon = mm - 1, .tm_mday = dd - 1,
			.tm_hour = 12 };
	time_t when = timegm(&t);
	gmtime_r(&when, &t);
	strftime(until, 11, "%Y-%m-%d", &t);
}

/* The text or CSV table of cmd_attendance. */
struct atable {
	bool csv;
	const char *slug;
	int year;
	const char *since, *until;
	struct buf *b;
};

static void attendance_head(void *ctx, size_t nmeetings, const char *since,
			    const char *until)
{
	struct atable *t = ctx;
	t->since = since;
	t->until = until;
	if (t->csv)
		return;
	buf_addf(t->b, "%s: %zu meeting%s", t->slug, nmeetings, nmeetings == 1 ? "" : "s");
	if (t->year)
		buf_addf(t->b, " from %s to %s", t->since, t->until);
	buf_addf(t->b, "\n  %-32s %8s %8s %9s %6s\n", "member", "expected",
		 "attended", "apologies", "absent");
}

static void attendance_row(void *ctx, const char *name, const size_t n[4])
{
	struct atable *t = ctx;
	if (t->csv) {
		char num[4][24];
		cli_csv(t->b, t->slug, false);
		cli_csv(t->b, name, false);
		for (int i = 0; i < 4; i++) {
			snprintf(num[i], 24, "%zu", n[i]);
			cli_csv(t->b, num[i], i == 3);
		}
	} else {
		unsigned w = utf8_width(name, strlen(name));
		buf_addf(t->b, "  %s%*s %8zu %8zu %9zu %6zu\n", name,
			 w < 32 ? (int)(32 - w) : 0, "", n[0], n[1], n[2], n[3]);
	}
}

int cli_attendance(struct archive *a, struct search *s, const char *slug, int year,
		   const struct cli_attendance_out *o)
{
	struct committee *com = NULL;
	struct diags d;
	diags_init(&d);
	if (meeting_committee_by_slug(a, slug, &com, &d) < 0) {
		cli_diags(&d, true);
		diags_clear(&d);
	}
	char since[11] = "", until[11] = "";
	if (year)
		year_period(com, year, since, until);
	struct reg_attendance r;
	int rc = registers_attendance(s, slug, since, until, &r, &d);
	if (rc < 0) {
		cli_diags(&d, true);
	} else {
		o->head(o->ctx, r.nmeetings, since, until);
		registers_attendance_rows(&r, com, o->row, o->ctx);
		registers_attendance_free(&r);
	}
	committee_free(com);
	diags_free(&d);
	return rc;
}

/* One committee's table. */
static int committee_attendance(struct archive *a, struct search *s, const char *slug,
				int year, bool csv, struct buf *b)
{
	struct atable t = { csv, slug, year, NULL, NULL, b };
	struct cli_attendance_out o = { attendance_head, attendance_row, &t };
	return cli_attendance(a, s, slug, year, &o);
}

int cmd_attendance(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "committee", required_argument, NULL, 'c' },
		{ "year", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("attendance");
	const char *committee = NULL;
	int year = 0;
	bool csv = false;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'c') {
			committee = optarg;
		} else if (o == 'y') {
			char *end;
			long y = strtol(optarg, &end, 10);
			if (*end || end == optarg || y < 1000 || y > 9998 || strlen(optarg) != 4) {
				cli_usage_error(cmd, "--year '%s': expected a year, such as 2018", optarg);
				return EXIT_FAIL;
			}
			year = (int)y;
		} else if (o == 'f') {
			if (cli_format_arg(cmd, optarg, &csv) < 0)
				return EXIT_FAIL;
		} else {
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
		}
	}
	if (optind < argc) {
		cli_usage_error(cmd, "unexpected '%s'", argv[optind]);
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	struct search *s = a ? cli_registers_open(a) : NULL;
	if (!s) {
		archive_free(a);
		return EXIT_FAIL;
	}
	char **slugs = NULL;
	size_t n = 0;
	struct diags d;
	diags_init(&d);
	int result = EXIT_YES;
	if (committee) {
		slugs = xcalloc(1, sizeof(*slugs));
		slugs[n++] = xstrdup(committee);
	} else if (registers_committees(s, &slugs, &n, &d) < 0) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	}
	struct buf b = BUF_INIT;
	if (csv)
		buf_addstr(&b, "committee,member,expected,attended,apologies,absent\r\n");
	for (size_t i = 0; i < n; i++) {
		if (!csv && i)
			buf_addch(&b, '\n');
		if (committee_attendance(a, s, slugs[i], year, csv, &b) < 0)
			result = EXIT_FAIL;
		free(slugs[i]);
	}
	free(slugs);
	cli_flush_buf(&b, csv);
	buf_free(&b);
	diags_free(&d);
	search_close(s);
	archive_free(a);
	return result;
}
