/* gavel show MEETING: print a meeting's minutes as text, YAML, Markdown,
 * HTML or PDF. */
#include "tui/cli/cli.h"
#include "tui/cli/cli_publish.h"
#include "minutes/format/slug.h"
#include "minutes/git/meeting.h"
#include "tui/render/render.h"
#include "tui/print/pdf.h"
#include "tui/render/data.h"
#include "tui/render/summons.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The file itself, the minutes' (ag NULL) or the agenda's, as YAML or JSON. */
static int show_data(const struct minutes *m, const struct agenda *ag, const char *format,
		     struct buf *out, struct diags *d)
{
	int rc = 0;
	if (!strcmp(format, "json"))
		rc = ag ? render_json_agenda(ag, out, d) : render_json_minutes(m, out, d);
	else if (ag)
		agenda_write(ag, out);
	else
		minutes_write(m, out);
	if (rc < 0)
		cli_diags(d, true);
	return rc < 0 ? EXIT_FAIL : EXIT_YES;
}

/* The PDF's bytes as they are (cli_write would make its binary "visible"),
 * never onto a terminal. */
static int show_pdf(const struct minutes *m, const struct agenda *ag,
		    const struct render_origin *origin, struct diags *d)
{
	if (isatty(STDOUT_FILENO)) {
		cli_error("the PDF is not for a terminal: send it to a file "
			  "(gavel show MEETING --format pdf > minutes.pdf)");
		return EXIT_FAIL;
	}
	struct buf pdf = BUF_INIT;
	int rc = print_pdf(m, ag, origin, &pdf, d);
	if (rc < 0)
		cli_diags(d, true);
	else
		fwrite(pdf.data, 1, pdf.len, stdout);
	buf_free(&pdf);
	return rc < 0 ? EXIT_FAIL : EXIT_YES;
}

/* --agenda: the notice of the meeting and its agenda (summons.h); yaml is
 * the agenda file itself. */
static int show_summons(struct archive *a, const char *id, const char *rev,
			const char *format, const struct agenda *ag)
{
	if (!ag) {
		cli_error("%s has no agenda.yaml%s", id, rev ? " at that revision" : "");
		return EXIT_NO;
	}
	struct diags d;
	struct committee *c = NULL;
	diags_init(&d);
	meeting_committee(a, id, &c, &d);   /* no membership when it does not load */
	diags_free(&d);
	struct buf out = BUF_INIT;
	struct render_origin origin;
	int result = EXIT_YES;
	if (!strcmp(format, "yaml") || !strcmp(format, "json")) {
		diags_init(&d);
		result = show_data(NULL, ag, format, &out, &d);
		diags_free(&d);
	} else if (cli_origin(a, rev, &origin) < 0)
		result = EXIT_FAIL;
	else if (!strcmp(format, "markdown"))
		render_summons_markdown(ag, c, &origin, &out);
	else if (!strcmp(format, "html"))
		render_summons_html(ag, c, &origin, NULL, &out);
	else
		render_summons_text(ag, c, &origin, cli_width(), &out);
	cli_write(out.data, out.len);
	buf_free(&out);
	committee_free(c);
	return result;
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "include-exempt", no_argument, NULL, 'x' },
		{ "agenda", no_argument, NULL, 'A' },
		{ "akn-country", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("show");
	const char *rev = NULL, *format = "text", *country = "gb";
	struct render_opts ro = { 0 };
	bool summons = false;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'r')
			rev = optarg;
		else if (o == 'f')
			format = optarg;
		else if (o == 'x')
			ro.include_exempt = true;
		else if (o == 'A')
			summons = true;
		else if (o == 'k')
			country = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (strcmp(format, "text") && strcmp(format, "yaml") && strcmp(format, "markdown") &&
	    strcmp(format, "html") && strcmp(format, "pdf") && strcmp(format, "json") && strcmp(format, "akn")) {
		cli_usage_error(cmd, "unknown format '%s'; expected text, yaml, json, markdown, "
				"html, pdf or akn",
				format);
		return EXIT_FAIL;
	}
	if (!render_akn_country_valid(country)) {
		cli_usage_error(cmd, "--akn-country '%s' is not a country code; expected two "
				"lowercase letters, such as gb", country);
		return EXIT_FAIL;
	}
	if (summons && (!strcmp(format, "pdf") || !strcmp(format, "akn"))) {
		cli_usage_error(cmd, "--agenda is printed as text, markdown, html, yaml or json");
		return EXIT_FAIL;
	}
	if (optind + 1 != argc) {
		cli_usage_error(cmd, optind >= argc ? "name the meeting to show"
				      : "name one meeting only");
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	/* The revision through the one parser (confirmed, @DATE...); an id
	 * that is not one is meeting_load's to refuse. */
	char at[41];
	if (rev && slug_meeting_id_valid(argv[optind])) {
		if (!cli_revision(a, argv[optind], rev, at)) {
			archive_free(a);
			return EXIT_FAIL;
		}
		rev = at;
	}
	struct diags d;
	struct minutes *m;
	struct agenda *ag;
	diags_init(&d);
	int rc = meeting_load(a, argv[optind], rev, &m, &ag, &d);
	int result = EXIT_YES;
	if (rc == MEETING_INVALID && m == NULL && d.n && d.v[0].file) {
		cli_diags(&d, false);     /* the minutes break the rules */
		result = EXIT_NO;
	} else if (rc) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	} else if (summons) {
		result = show_summons(a, argv[optind], rev, format, ag);
		minutes_free(m);
		agenda_free(ag);
	} else {
		struct buf out = BUF_INIT;
		struct render_origin origin;
		struct publish_lookup *look = publish_lookup_new(a, rev, argv[optind], &ro);
		if (!strcmp(format, "yaml") || !strcmp(format, "json"))
			result = show_data(m, NULL, format, &out, &d);
		else if (cli_origin(a, rev, &origin) < 0)
			result = EXIT_FAIL;
		else if (!strcmp(format, "markdown"))
			render_markdown(m, ag, &origin, &ro, &out);
		else if (!strcmp(format, "html"))
			render_html(m, ag, &origin, NULL, &ro, &out);
		else if (!strcmp(format, "akn"))
			render_akn(argv[optind], m, ag, &origin, country, &out);
		else if (!strcmp(format, "pdf"))
			result = show_pdf(m, ag, &origin, &d);
		else
			render_text(m, ag, &origin, &ro, cli_width(), &out);
		if (strcmp(format, "pdf"))
			cli_write(out.data, out.len);
		buf_free(&out);
		publish_lookup_free(look);
		minutes_free(m);
		agenda_free(ag);
	}
	diags_free(&d);
	archive_free(a);
	return result;
}
