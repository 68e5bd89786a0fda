/*
 * gavel: committee agendas and minutes in the terminal, kept in git.
 * The entry point: global options, then one subcommand.
 */
#include "tui/cli/cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fprintf(f, "usage: gavel [-C DIR | --repo DIR] COMMAND [ARGS]\n\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-7s %-32s %s\n", c->name, c->args, c->summary);
	fprintf(f, "\n'gavel COMMAND --help' tells more of each; 'man gavel' tells all.\n");
}

int main(int argc, char **argv)
{
	struct cli cli = { NULL };
	int i = 1;

	setlocale(LC_ALL, "");
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (!strcmp(a, "--version")) {
			printf("gavel %s\n", GAVEL_VERSION);
			return EXIT_YES;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return EXIT_YES;
		} else if (!strcmp(a, "-C") || !strcmp(a, "--repo")) {
			if (i + 1 >= argc) {
				cli_error("%s needs a folder: %s DIR", a, a);
				return EXIT_FAIL;
			}
			cli.repo = argv[++i];
		} else if (!strncmp(a, "--repo=", 7)) {
			cli.repo = a + 7;
		} else if (!strncmp(a, "-C", 2)) {
			cli.repo = a + 2;
		} else {
			cli_error("unknown option '%s'; see 'gavel --help'", a);
			return EXIT_FAIL;
		}
		i++;
	}
	if (i >= argc) {
		/* On a terminal, plain gavel is the home screen. */
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
			char *browse[] = { (char *)"browse", NULL };
			return cmd_browse(&cli, 1, browse);
		}
		usage(stdout);
		return EXIT_YES;
	}
	const struct command *cmd = cli_command(argv[i]);
	if (!cmd) {
		cli_error("'%s' is not a gavel command; see 'gavel --help'", argv[i]);
		return EXIT_FAIL;
	}
	return cmd->run(&cli, argc - i, argv + i);
}
