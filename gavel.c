/*
 * gavel: committee agendas and minutes in the terminal, kept in git.
 * The entry point: global options, then one subcommand.
 */
#include "tui/cli/cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* gavel --synopsis-roff [COMMAND]: the synopses of gavel.1's COMMANDS
 * section (make man puts each in the page between its markers). */
static int synopsis_roff(int argc, char **argv)
{
	if (argc > 1) {
		cli_error("--synopsis-roff takes one command at most");
		return EXIT_FAIL;
	}
	if (argc == 1) {
		const struct command *cmd = cli_command(argv[0]);
		if (!cmd) {
			cli_error("'%s' is not a gavel command; see 'gavel --help'", argv[0]);
			return EXIT_FAIL;
		}
		cli_synopsis_roff(stdout, cmd);
		return EXIT_YES;
	}
	for (const struct command *c = commands; c->name; c++)
		cli_synopsis_roff(stdout, c);
	return EXIT_YES;
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
			cli_usage(stdout);
			return EXIT_YES;
		} else if (!strcmp(a, "--synopsis-roff")) {
			return synopsis_roff(argc - i - 1, argv + i + 1);
		} else if (!strcmp(a, "--complete")) {
			return cli_complete(argc - i - 1, argv + i + 1);
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
		cli_usage(stdout);
		return EXIT_YES;
	}
	const struct command *cmd = cli_command(argv[i]);
	if (!cmd) {
		cli_error("'%s' is not a gavel command; see 'gavel --help'", argv[i]);
		return EXIT_FAIL;
	}
	return cmd->run(&cli, argc - i, argv + i);
}
