/*
 * gavel --complete CWORD WORD...: what the shells' completion scripts
 * (completion/gavel.bash, completion/_gavel) ask: the words that may
 * stand at WORDS[CWORD], one a line, those that begin with what is typed
 * there.  Commands and options come from the command table (so they
 * cannot drift from --help), committee slugs and meeting ids from the
 * repository (-C DIR in the words, else the current one).  Nothing is
 * printed, and 1 returned, where the shell should complete file names.
 */
#include "tui/cli/cli.h"
#include "minutes/git/meeting.h"

#include <stdlib.h>
#include <string.h>

struct words {
	const char *cur;        /* the word being completed, perhaps "" */
	size_t n;               /* candidates printed */
};

static void offer(struct words *w, const char *s, size_t len)
{
	size_t cl = strlen(w->cur);
	if (len < cl || strncmp(s, w->cur, cl))
		return;
	fwrite(s, 1, len, stdout);
	fputc('\n', stdout);
	w->n++;
}

/* The options a command's synopsis and usage name (--rev, -m), each once,
 * and --help. */
static void options(struct words *w, const struct command *cmd)
{
	struct buf seen = BUF_INIT;
	const char *texts[] = { cmd->synopsis, cmd->usage, "--help" };
	for (size_t t = 0; t < 3; t++) {
		for (const char *p = texts[t]; (p = strchr(p, '-'));) {
			if (p > texts[t] && !strchr(" [|,(", p[-1])) {
				p++;
				continue;
			}
			size_t len = strspn(p, "-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
			bool opt = (len == 2 && p[1] != '-') || (len > 2 && p[1] == '-' && p[2] != '-');
			if (opt && len < 40) {
				char word[48];
				snprintf(word, sizeof(word), "\n%.*s\n", (int)len, p);
				if (!seen.data || !strstr(seen.data, word)) {
					buf_addstr(&seen, word);
					offer(w, p, len);
				}
			}
			p += len ? len : 1;
		}
	}
	buf_free(&seen);
}

/* The values the usage lists for an option: "  --format pdf ...". */
static void option_values(struct words *w, const struct command *cmd, const char *opt)
{
	size_t ol = strlen(opt);
	for (const char *p = cmd->usage; (p = strstr(p, opt)); p += ol) {
		if (p - cmd->usage < 2 || strncmp(p - 2, "  ", 2) || p[ol] != ' ')
			continue;
		const char *v = p + ol + 1;
		size_t len = strcspn(v, " \n");
		if (len && v[0] >= 'a' && v[0] <= 'z')
			offer(w, v, len);
	}
}

/* Committee slugs (with_meetings false) or meeting ids, from HEAD. */
static void from_repo(struct words *w, const char *repo, bool meetings)
{
	struct cli c = { repo };
	struct archive *a = cli_repo(&c);
	if (!a)
		return;
	struct meeting_summary *v = NULL;
	size_t n = 0;
	struct diags d;
	diags_init(&d);
	if (meetings_list(a, NULL, &v, &n, &d) == 0) {
		for (size_t i = 0; i < n; i++) {
			size_t slen = strcspn(v[i].id, "/");
			if (meetings) {
				offer(w, v[i].id, strlen(v[i].id));
				continue;
			}
			bool dup = false;       /* v is newest first, committees mixed */
			for (size_t j = 0; j < i && !dup; j++)
				dup = !strncmp(v[j].id, v[i].id, slen + 1);
			if (!dup)
				offer(w, v[i].id, slen);
		}
	}
	meeting_summaries_free(v, n);
	diags_free(&d);
	archive_free(a);
}

/* Does the option `opt` of cmd take a value ("--rev REV")? */
static bool takes_value(const struct command *cmd, const char *opt)
{
	size_t ol = strlen(opt);
	for (const char *p = cmd->synopsis; (p = strstr(p, opt)); p += ol)
		if (p[ol] == ' ' && p[ol + 1] >= 'A' && p[ol + 1] <= 'Z')
			return true;
	return false;
}

int cli_complete(int argc, char **argv)
{
	if (argc < 2)
		return EXIT_NO;
	int cword = atoi(argv[0]);
	char **words = argv + 1;
	int nwords = argc - 1;
	if (cword < 1 || cword > nwords)
		return EXIT_NO;
	struct words w = { cword < nwords ? words[cword] : "", 0 };
	const char *repo = NULL, *prev = words[cword - 1];
	int i = 1;
	/* The global options before the command. */
	while (i < cword && words[i][0] == '-') {
		if ((!strcmp(words[i], "-C") || !strcmp(words[i], "--repo")) && i + 1 < cword)
			repo = words[++i];
		else if (!strncmp(words[i], "--repo=", 7))
			repo = words[i] + 7;
		i++;
	}
	if (!strcmp(prev, "-C") || !strcmp(prev, "--repo"))
		return EXIT_NO;                 /* a folder: the shell's */
	if (i >= cword) {
		if (w.cur[0] == '-') {
			static const char *const global[] = { "-C", "--repo", "--help", "--version" };
			for (size_t k = 0; k < 4; k++)
				offer(&w, global[k], strlen(global[k]));
		} else {
			for (const struct command *c = commands; c->name; c++)
				offer(&w, c->name, strlen(c->name));
		}
		return w.n ? EXIT_YES : EXIT_NO;
	}
	const struct command *cmd = cli_command(words[i]);
	if (!cmd)
		return EXIT_NO;
	if (prev[0] == '-' && takes_value(cmd, prev)) {
		if (!strcmp(prev, "--committee"))
			from_repo(&w, repo, false);
		else
			option_values(&w, cmd, prev);
		return w.n ? EXIT_YES : EXIT_NO;
	}
	if (w.cur[0] == '-') {
		options(&w, cmd);
		return w.n ? EXIT_YES : EXIT_NO;
	}
	/* The first positional argument the synopsis names. */
	if (!strncmp(cmd->synopsis, "MEETING", 7) || !strncmp(cmd->synopsis, "[MEETING", 8))
		from_repo(&w, repo, true);
	else if (!strncmp(cmd->synopsis, "COMMITTEE", 9))
		from_repo(&w, repo, false);
	return w.n ? EXIT_YES : EXIT_NO;
}
