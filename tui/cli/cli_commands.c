/*
 * cli_commands: the table of gavel's commands, and everything printed from
 * it: `gavel --help`, `gavel COMMAND --help`, a usage error's usage line,
 * and the synopses of gavel.1's COMMANDS section (gavel --synopsis-roff,
 * which make man puts in the page and tests/cli/test_man.sh compares).
 */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <string.h>

const struct command commands[] = {
	{ "init", cmd_init, "[--bare] [DIR]", "create a minutes repository",
	  "Creates a gavel minutes repository in DIR (the current folder when\n"
	  "DIR is left out): a git repository on the branch main, with a .gavel\n"
	  "file at its root that marks it as minutes.\n\n"
	  "  --bare        a bare repository, with no work tree\n" },
	{ "new", cmd_new, "COMMITTEE DATE [--agenda FILE] [--start HH:MM] [--venue TEXT]",
	   "start a meeting from its agenda",
	  "Creates the meeting's folder COMMITTEE-SLUG/DATE (DATE-2 for a second\n"
	  "meeting that day) with its agenda.yaml and minutes.yaml, in one commit,\n"
	  "and prints the meeting's id.  COMMITTEE is the committee's name or slug.\n"
	  "Without --agenda, on a terminal, the agenda screen opens on it (as\n"
	  "gavel agenda does), the agenda started from the committee's standard\n"
	  "items; elsewhere the agenda is empty.\n\n"
	  "  --agenda FILE   the agenda (checked first)\n"
	  "  --start HH:MM   the time the meeting starts\n"
	  "  --venue TEXT    where it is held\n" },
	{ "agenda", cmd_agenda, "MEETING [--theme NAME]", "edit a meeting's agenda on a screen",
	  "Opens the agenda screen on MEETING: its items in order, each with its\n"
	  "number, title, purpose, the meeting it confirms, the reason it is\n"
	  "exempt, its presenters (picked from the committee's members and earlier\n"
	  "presenters, or typed) and its supporting documents (a file in the\n"
	  "repository, or a URL).  Items are added (numbered in their place, the\n"
	  "items after going one up), removed, moved and renumbered; every\n"
	  "change is checked and committed at once.  The minutes' items\n"
	  "follow: new items appear, removed ones go, and an item that already\n"
	  "has minutes cannot be removed.  Confirmed minutes, or a meeting another\n"
	  "gavel holds, show the agenda read-only.  'gavel keys agenda' lists the\n"
	  "keys.\n\n"
	  "  --theme NAME    as for gavel run\n" },
	{ "list", cmd_list, "[--committee SLUG]", "list the meetings, newest first",
	  "Prints one line per meeting: id, committee, status, number of items.\n\n"
	  "  --committee SLUG   only that committee's meetings\n" },
	{ "show", cmd_show,
	  "MEETING [--agenda] [--rev REV] [--format FORMAT] [--include-exempt] [--akn-country CC]",
	   "print a meeting's minutes or its agenda",
	  "Prints the minutes of MEETING (such as communities-board/2018-03-14).\n\n"
	  "  --agenda         the notice of the meeting instead, as councils publish\n"
	  "                   it before: date, time, venue, chair, membership and\n"
	  "                   the numbered agenda (yaml: the agenda file itself)\n"
	  "  --rev REV        as they stood at revision REV (as for gavel diff:\n"
	  "                   a commit id, a tag, confirmed, @YYYY-MM-DD...)\n"
	  "  --format FORMAT  text, yaml, json, markdown, html, pdf or akn:\n"
	  "  --format text    as published minutes read, wrapped (the default)\n"
	  "  --format yaml    the minutes file itself\n"
	  "  --format json    the minutes file as JSON (the same content)\n"
	  "  --format markdown  as published minutes read, in Markdown\n"
	  "  --format html    one standalone HTML page\n"
	  "  --format pdf     A4 pages to print and sign (redirect it to a file)\n"
	  "  --format akn     an Akoma Ntoso 3.0 debate document (XML)\n"
	  "  --include-exempt print exempt business in full (not for publication)\n"
	  "  --akn-country CC the country of akn's Work (FRBRcountry and its URI):\n"
	  "                   two lowercase letters, ISO 3166-1; gb unless given\n\n"
	  "Text, Markdown, HTML and PDF end with the revision they were made from\n"
	  "(commit id and date) and whether the minutes are draft or confirmed.\n"
	  "An item exempt from publication gives its number, title and reason and\n"
	  "\"Exempt item: minute not for publication\" unless --include-exempt.\n"
	  "With --agenda: text, markdown, html, yaml or json.\n" },
	{ "export", cmd_export,
	  "--format FORMAT [--out DIR] [--committee SLUG] [--rev REV] [--include-exempt] [--base-url URL] [--akn-country CC]",
	  "write the archive as a web site, PDFs or data",
	  "Writes every meeting's minutes as a static site a council can publish\n"
	  "as it stands: DIR/index.html lists the committees, DIR/COMMITTEE/index.html\n"
	  "a committee's meetings (newest first, with their status), and\n"
	  "DIR/COMMITTEE/MEETING.html each meeting's minutes, linked to the\n"
	  "indexes and to the previous and next meeting.  Supporting documents\n"
	  "kept in the repository are copied beside the pages.  DIR is made if\n"
	  "needed; a folder that is not empty is refused unless it holds an\n"
	  "earlier export (a .gavel-export file), whose pages are replaced.\n"
	  "A meeting whose minutes do not load gets a page saying why, and the\n"
	  "export goes on; gavel then exits 1.\n\n"
	  "  --format html      the web site, into --out DIR\n"
	  "  --format pdf       DIR/COMMITTEE/MEETING.pdf, as show --format pdf\n"
	  "  --format json      DIR/COMMITTEE/MEETING/minutes.json and agenda.json\n"
	  "  --format akn       DIR/COMMITTEE/MEETING.xml, Akoma Ntoso 3.0 debates\n"
	  "  --format csv       the votes on standard output: a row a vote (meeting,\n"
	  "                     date, minute, item, title, vote, for, against,\n"
	  "                     abstained, outcome) and a row a named voter\n"
	  "  --format ics       the meetings as an iCalendar feed on standard output\n"
	  "  --out DIR          where to write (html, pdf, json, akn: required)\n"
	  "  --committee SLUG   only that committee's meetings\n"
	  "  --rev REV          the archive as it stood at revision REV (a commit\n"
	  "                     id, a tag, a branch, git's syntax, @YYYY-MM-DD)\n"
	  "  --include-exempt   exempt business in full (a site not for publication)\n"
	  "  --base-url URL     where the html export is published: each calendar\n"
	  "                     event links to its meeting's page there\n"
	  "  --akn-country CC   the country of each akn Work, as for show (gb)\n" },
	{ "log", cmd_log, "MEETING", "list the revisions of a meeting's minutes",
	  "Prints the revisions of MEETING's files, newest first: short id,\n"
	  "date and time, author, message.  A commit gavel did not make (one\n"
	  "without its Made-by trailer) says \"(not made by gavel)\" before\n"
	  "the author.\n" },
	{ "sync", cmd_sync, "[REMOTE]", "fetch, merge and push the minutes",
	  "Fetches the current branch from REMOTE (the branch's upstream remote,\n"
	  "else origin), brings in what others committed, and pushes yours: a\n"
	  "path, a file:// URL or an ssh URL as git has them (ssh keys come from\n"
	  "the ssh agent).  Work on different meetings merges by itself.  When\n"
	  "the same meeting changed on both sides, nothing is merged or pushed:\n"
	  "yours stays, theirs is kept under refs/gavel/conflicts/REMOTE/TIME,\n"
	  "each such meeting is named, and gavel sync exits 1.  A remote that\n"
	  "cannot be reached leaves the repository as it was (exit 2).\n" },
	{ "diff", cmd_diff, "MEETING [REV_A [REV_B]] [--yaml]", "what changed between two revisions",
	  "Compares MEETING's minutes at two revisions field by field: the meeting's\n"
	  "times, venue and status, attendance, declarations, and each item by\n"
	  "number and title (title, summary, each comment, decision, votes, each\n"
	  "action, presenters, documents), with the old and new text and the words\n"
	  "that changed marked ([-old-]{+new+}, or in colour on a terminal).  Items\n"
	  "are matched by number and title, so a reordered item shows as a move.\n\n"
	  "REV_B is the latest revision of the meeting when left out, REV_A the one\n"
	  "before it.  A revision (here and for show, blame and export --rev) is a\n"
	  "commit id, a tag, a branch or any of git's revision syntax (HEAD~2);\n"
	  "confirmed (the version tagged confirmed/COMMITTEE/DATE, checked as gavel\n"
	  "verify checks it: a moved, deleted or forged tag is an error, exit 2);\n"
	  "or @YYYY-MM-DD (as it stood at the end of that day, UTC).  Exits 1 when\n"
	  "they differ, 0 when not.\n\n"
	  "  --yaml    the unified diff of the minutes.yaml files instead\n" },
	{ "blame", cmd_blame, "MEETING [--rev REV]", "who last changed each field of the minutes",
	  "Prints every field of MEETING's latest minutes (every key of the\n"
	  "format: times, venue, status, the confirmed block, each attendee and\n"
	  "declaration, each item's title, status, times, presenters, summary,\n"
	  "comments, decision, votes, actions with their owner, due and done\n"
	  "dates, and documents) beside the revision, date and author that last\n"
	  "changed it.  A change that came in through a merge is the commit's\n"
	  "that made it.  A star after the author marks a commit gavel did not\n"
	  "make, each named below the fields.  A revision whose minutes do not\n"
	  "load is skipped with a warning.\n\n"
	  "  --rev REV      the minutes as they stood at REV (as for gavel diff),\n"
	  "                 such as confirmed: who wrote what was confirmed\n" },
	{ "edit", cmd_edit, "MEETING [-m REASON]", "edit a meeting's minutes in your editor",
	  "Opens MEETING's minutes.yaml in $VISUAL or $EDITOR (else vi), started\n"
	  "directly, never by a shell.  On saving, gavel checks the file: when it\n"
	  "breaks the format, the problems are shown (FILE:LINE:COL) and gavel asks\n"
	  "whether to edit again or abandon, reading the answer from standard input\n"
	  "(at its end: abandon).  Nothing invalid is ever committed; an unchanged\n"
	  "file commits nothing.  The date and the status cannot change here.\n\n"
	  "  -m, --message REASON   why; the commit's message.  Confirmed minutes\n"
	  "                         need one: the commit is a correction, with a\n"
	  "                         'Correction: REASON' trailer\n" },
	{ "confirm", cmd_confirm, "MEETING --by NAME [--date DATE]", "confirm minutes as a correct record",
	  "Sets the minutes' status to confirmed with who confirmed them and when,\n"
	  "commits, and makes the annotated tag confirmed/MEETING on that commit,\n"
	  "recording the confirmed file's git blob id.  The tag is signed with gpg\n"
	  "when git's configuration has user.signingkey and gpg is installed.\n"
	  "Exits 1 when the minutes are already confirmed.\n\n"
	  "  --by NAME      who signed them as a correct record (the chair)\n"
	  "  --date DATE    the meeting that confirmed them (default: today)\n" },
	{ "verify", cmd_verify, "[MEETING...]", "check confirmed minutes were not altered",
	  "For every confirmed meeting (or each MEETING): the minutes at HEAD must\n"
	  "be those its confirmed/ tag holds, or differ from them only through\n"
	  "commits with a 'Correction:' trailer.  One line per meeting: OK,\n"
	  "CORRECTED (n) or ALTERED with why (the commits that changed it without a\n"
	  "correction, a missing or moved tag, a tag no longer in HEAD's history, a\n"
	  "bad signature).  A signed tag is checked with gpg and its signer shown.\n"
	  "Exits 1 when anything is altered.\n" },
	{ "check", cmd_check, "FILE...", "check agenda, minutes and committee files",
	  "Checks each FILE against gavel's format (its kind comes from its\n"
	  "format: key).  Each problem is printed as FILE:LINE:COL: message.\n"
	  "Exits 1 when any file is invalid.\n" },
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
	{ "actions", cmd_actions,
	  "[--committee SLUG] [--owner NAME] [--open|--overdue|--done] [--format text|csv]"
	  " [--include-exempt]",
	  "list the actions and how far each has got",
	  "Prints every action recorded in the minutes, newest meeting first: its\n"
	  "id, the meeting and item that set it, its status, due date, owner and\n"
	  "text.  The status is the latest update a later meeting of the\n"
	  "committee recorded for it (done, in progress or dropped, with its note\n"
	  "and meeting); without one, done when the action has a done: date, else\n"
	  "open.  An action recorded without an id (format 1) is shown as\n"
	  "DATE#ITEM.N: its meeting's folder, item number and place in the item.\n"
	  "An update's note recorded in exempt business is not for publication:\n"
	  "\"note exempt\" stands for it unless --include-exempt.\n"
	  "Exits 1 when none is listed.\n\n"
	  "  --committee SLUG   only that committee's actions\n"
	  "  --owner NAME       only those whose owner's name holds NAME (any case)\n"
	  "  --open             only open or in progress\n"
	  "  --overdue          only open or in progress, due before today\n"
	  "  --done             only done\n"
	  "  --format csv       comma-separated, every field quoted, with a header\n"
	  "  --include-exempt   notes of exempt business in full (not for publication)\n" },
	{ "decisions", cmd_decisions, "[--committee SLUG] [--format text|csv] [QUERY...]",
	  "list every decision, newest first",
	  "Prints the register of decisions: every item's decision, newest meeting\n"
	  "first, with its meeting, minute number (the item's number when it has\n"
	  "none) and item title.  QUERY is as for gavel search: words and \"phrases\"\n"
	  "that must be in the decision, committee:SLUG, since:DATE and until:DATE.\n"
	  "Exits 1 when none is listed.\n\n"
	  "  --committee SLUG   only that committee's decisions (as committee:SLUG)\n"
	  "  --format csv       comma-separated, every field quoted, with a header\n" },
	{ "attendance", cmd_attendance, "[--committee SLUG] [--year YYYY] [--format text|csv]",
	  "each member's attendance at a committee's meetings",
	  "Prints, for each committee (or SLUG's), every member with the meetings\n"
	  "they were expected at, attended, sent apologies for, and were absent\n"
	  "from.  The members are those of committee.yaml as committed; a member\n"
	  "is expected at every meeting from the first one whose minutes name them\n"
	  "(present, apologies or absent; every meeting when none does), and is\n"
	  "absent from those that name them nowhere.  Anyone else the minutes name\n"
	  "present, with apologies or absent follows, expected where named.\n\n"
	  "  --committee SLUG   only that committee\n"
	  "  --year YYYY        only the committee's year YYYY (from its year_starts\n"
	  "                     day, else 1 January)\n"
	  "  --format csv       comma-separated, every field quoted, with a header\n" },
	{ "committee", cmd_committee,
	  "new NAME [--member \"NAME[, ROLE]\"]... [--quorum N] | edit SLUG [--theme NAME] | commit SLUG",
	  "create a committee, edit it on a screen, or commit its changed file",
	  "gavel committee new NAME creates the committee: its folder and\n"
	  "committee.yaml, committed, and prints its slug.  No terminal is needed.\n"
	  "A committee that exists already is refused (exit 1).\n\n"
	  "  --member \"NAME[, ROLE]\"   a member (repeat for each), with a role\n"
	  "                           after the first comma\n"
	  "  --quorum N               members present for business to be done,\n"
	  "                           from 1 to the number of members\n\n"
	  "gavel committee commit SLUG commits the committee.yaml of SLUG as it\n"
	  "is in the work tree, once it loads.  gavel reads a committee's file as\n"
	  "committed; gavel new and gavel run say when the work tree's differs,\n"
	  "naming it, and on a terminal ask whether to commit it first.\n\n"
	  "gavel committee edit SLUG opens the committee screen: the committee's\n"
	  "name, its members with their roles, the quorum, the decision phrases,\n"
	  "the day its year starts (MM-DD: minute numbers start again at 1) and\n"
	  "the standard items a new agenda starts from, each with its kind\n"
	  "(minutes, matters-arising, apologies, declarations, aob).  Every\n"
	  "change is checked as it is typed and committed at once.  SLUG may be\n"
	  "the committee's name.  'gavel keys committee' lists the keys.\n\n"
	  "  --theme NAME    as for gavel run\n" },
	{ "browse", cmd_browse, "[--theme NAME]", "the home screen: every meeting, to read",
	  "Opens the home screen (also what plain 'gavel' does on a terminal):\n"
	  "committees, their meetings newest first, the items of a meeting, and a\n"
	  "reading pane showing the selection as published minutes.  From there\n"
	  "you take a meeting's minutes, start a new meeting, search every meeting\n"
	  "and read a meeting's history.  ? or F1 on the screen lists every key,\n"
	  "as 'gavel keys browse' does.\n\n"
	  "  --theme NAME    as for gavel run\n" },
	{ "run", cmd_run, "MEETING [--read-only] [--correct REASON] [--theme NAME] [--plain]",
	  "take the minutes of a meeting",
	  "Opens the clerk's screen on MEETING: attendance, declarations, then\n"
	  "each agenda item (presenters, summary, comments, decision, votes,\n"
	  "actions), committed to git as you go.  A journal under the repository's\n"
	  "git folder catches every keystroke within a second; after a crash,\n"
	  "gavel run restores it.  F1 on the screen lists every key, as 'gavel\n"
	  "keys run' does.\n\n"
	  "Confirmed minutes open read-only, the screen says so and why: a change\n"
	  "to them is a correction, which needs its reason first (^R on the\n"
	  "screen asks for it, or --correct).  Every commit made while correcting\n"
	  "carries the trailer 'Correction: REASON', so that gavel verify counts\n"
	  "it (CORRECTED).\n\n"
	  "With --plain there is no screen: the same meeting as a dialogue on\n"
	  "standard input and output, a line at a time, with no cursor movement\n"
	  "or colour, for a screen reader, a braille display or a pipe.  Each\n"
	  "prompt says where the clerk is; a plain line is a comment, and 'help'\n"
	  "lists the commands.  The end of input saves and leaves.\n\n"
	  "  --read-only     look without changing anything (when another gavel\n"
	  "                  holds the meeting)\n"
	  "  --correct REASON  correct confirmed minutes, for REASON (one line)\n"
	  "  --theme NAME    default, light, high-contrast, mono or your own\n"
	  "  --plain         the line dialogue instead of the screen\n" },
	{ "demo", cmd_demo, "[--theme NAME] [--no-run]", "try gavel on a demo meeting",
	  "Makes a throwaway repository (its path is printed on exit) holding the\n"
	  "Communities Board meeting of 14 March 2018, and opens gavel run on it.\n\n"
	  "  --theme NAME    as for gavel run\n"
	  "  --no-run        make the repository only\n" },
	{ "keys", cmd_keys, "[--roff] [SCREEN]", "print the keys of gavel's screens",
	  "Prints what each key does on SCREEN (run, browse, history, ...), or on\n"
	  "every screen, as the screen's own help page (? or F1) lists them: to read\n"
	  "beside a terminal, or over ssh.\n\n"
	  "  --roff    the KEYS section of the man page, as roff\n" },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct command *cli_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void cli_usage(FILE *f)
{
	fprintf(f, "usage: gavel [-C DIR | --repo DIR] COMMAND [ARGS]\n\n");
	for (const struct command *c = commands; c->name; c++) {
		/* A long synopsis has its summary under it, in the column. */
		if (strlen(c->synopsis) > 32)
			fprintf(f, "  %-7s %s\n  %-7s %-32s %s\n", c->name, c->synopsis,
				"", "", c->summary);
		else
			fprintf(f, "  %-7s %-32s %s\n", c->name, c->synopsis, c->summary);
	}
	fprintf(f, "\n'gavel COMMAND --help' tells more of each; 'man gavel' tells all.\n");
}

void cli_help(FILE *f, const struct command *cmd)
{
	fprintf(f, "usage: gavel %s %s\n\n%s", cmd->name, cmd->synopsis, cmd->usage);
}

/* ---- the man page ---- */

enum font { ROMAN, BOLD, ITALIC };

static void roff_font(FILE *f, enum font *cur, enum font want)
{
	if (*cur != want)
		fputs(want == BOLD ? "\\fB" : want == ITALIC ? "\\fI" : "\\fR", f);
	*cur = want;
}

static void roff_chars(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '-')
			fputs("\\-", f);
		else if (s[i] == '\\')
			fputs("\\e", f);
		else
			fputc(s[i], f);
	}
}

/* A word of a synopsis: an option or a literal value (--rev, html) in
 * bold, what the user puts in its place (MEETING, HH:MM) in italics. */
static enum font word_font(const char *w, size_t len)
{
	if (w[0] == '-')
		return BOLD;
	for (size_t i = 0; i < len; i++)
		if (w[i] >= 'a' && w[i] <= 'z')
			return BOLD;
	return ITALIC;
}

void cli_synopsis_roff(FILE *f, const struct command *cmd)
{
	enum font cur = ROMAN;
	fputs(".TP\n", f);
	roff_font(f, &cur, BOLD);
	roff_chars(f, cmd->name, strlen(cmd->name));
	for (const char *p = cmd->synopsis; *p;) {
		size_t punct = strspn(p, " []|.");
		if (punct) {
			roff_font(f, &cur, ROMAN);
			if (p == cmd->synopsis)
				fputc(' ', f);
			roff_chars(f, p, punct);
			p += punct;
			continue;
		}
		if (p == cmd->synopsis) {
			roff_font(f, &cur, ROMAN);
			fputc(' ', f);
		}
		size_t len = strcspn(p, " []|.");
		roff_font(f, &cur, word_font(p, len));
		if (*p == '-')
			fputs("\\%", f);   /* an option is never hyphenated */
		roff_chars(f, p, len);
		p += len;
	}
	roff_font(f, &cur, ROMAN);
	fputc('\n', f);
}
