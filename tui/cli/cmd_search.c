/* gavel search QUERY...: full-text search of every meeting's minutes. */
#include "tui/cli/cli.h"
#include "minutes/search/query.h"
#include "minutes/search/search.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct printer {
	bool tty;               /* stdout is a terminal: mark the words bold */
};

/* "4200" as "4,200". */
static void add_count(struct buf *b, size_t n)
{
	if (n >= 1000) {
		add_count(b, n / 1000);
		buf_addf(b, ",%03zu", n % 1000);
	} else {
		buf_addf(b, "%zu", n);
	}
}

static void progress(size_t done, size_t total, void *ctx)
{
	(void)ctx;
	struct buf b = BUF_INIT;
	buf_addstr(&b, "\rindexing ");
	add_count(&b, done);
	buf_addstr(&b, " of ");
	add_count(&b, total);
	buf_addstr(&b, total == 1 ? " meeting" : " meetings");
	/* Cleared once indexing is done. */
	if (done == total)
		buf_addstr(&b, "\r\033[K");
	fwrite(b.data, 1, b.len, stderr);
	fflush(stderr);
	buf_free(&b);
}

/* Writes `s` with every run of spaces and line breaks as one space, the
 * matched words between the markers bold on a terminal. */
static void write_snippet(const struct printer *p, const char *s)
{
	struct buf b = BUF_INIT;
	bool space = false, any = false;
	for (; *s; s++) {
		char ch = *s;
		if (ch == ' ' || ch == '\n' || ch == '\t') {
			space = any;
			continue;
		}
		if (ch == SEARCH_MARK_ON || ch == SEARCH_MARK_OFF) {
			if (space && ch == SEARCH_MARK_ON) {
				buf_addch(&b, ' ');
				space = false;
			}
			cli_write(b.data, b.len);
			buf_reset(&b);
			if (p->tty)
				fputs(ch == SEARCH_MARK_ON ? "\033[1m" : "\033[22m", stdout);
			continue;
		}
		if (space)
			buf_addch(&b, ' ');
		space = false;
		any = true;
		buf_addch(&b, ch);
	}
	cli_write(b.data, b.len);
	buf_free(&b);
}

static int print_hit(const struct search_hit *h, void *ctx)
{
	const struct printer *p = ctx;
	struct buf b = BUF_INIT;
	buf_addstr(&b, h->meeting);
	if (h->item)
		buf_addf(&b, "  item %s", h->item);
	buf_addf(&b, "  %s", h->kind);
	if (h->index)
		buf_addf(&b, " %u", h->index);
	if (h->exempt)
		buf_addstr(&b, " (exempt)");
	buf_addstr(&b, "  ");
	if (h->by)
		buf_addf(&b, "%s: ", h->by);
	cli_write(b.data, b.len);
	buf_free(&b);
	write_snippet(p, h->snippet);
	putchar('\n');
	return 0;
}

int cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("search");
	bool count_only = false;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'n')
			count_only = true;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind >= argc) {
		cli_usage_error(cmd, "say what to search for");
		return EXIT_FAIL;
	}
	struct buf text = BUF_INIT;
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			buf_addch(&text, ' ');
		buf_addstr(&text, argv[i]);
	}
	struct query q;
	struct diags d;
	diags_init(&d);
	int rc = query_parse(text.data, text.len, &q, &d);
	buf_free(&text);
	if (rc < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a) {
		query_free(&q);
		diags_free(&d);
		return EXIT_FAIL;
	}
	struct search *s;
	struct search_update u;
	int result = EXIT_FAIL;
	if (search_open(&s, a, isatty(STDERR_FILENO) ? progress : NULL, NULL, &u, &d) < 0) {
		cli_diags(&d, true);
		goto out;
	}
	if (u.in_memory)
		cli_warn("cannot keep a search index under %s; one was built in memory "
			 "for this search", archive_gitdir(a));
	if (u.unreadable)
		cli_warn("%zu %s not load and %s not searched (gavel check tells why)",
			 u.unreadable, u.unreadable == 1 ? "meeting's minutes do" :
			 "meetings' minutes do", u.unreadable == 1 ? "is" : "are");
	struct printer p = { isatty(STDOUT_FILENO) };
	size_t n = 0;
	if (search_run(s, &q, count_only ? NULL : print_hit, &p, &n, &d) < 0) {
		cli_diags(&d, true);
	} else {
		if (count_only)
			printf("%zu\n", n);
		result = n ? EXIT_YES : EXIT_NO;
	}
	search_close(s);
out:
	query_free(&q);
	diags_free(&d);
	archive_free(a);
	return result;
}
