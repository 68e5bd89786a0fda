/* demo: the demo repository, a meeting of the Communities Board. */
#include "tui/cli/demo.h"

#include "minutes/git/meeting.h"
#include "minutes/base/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char demo_committee_yaml[] =
	"format: gavel-committee/1\n"
	"name: Communities Board\n"
	"members:\n"
	"  - name: Cllr Simon Blackburn\n"
	"    role: Chairman\n"
	"  - name: Cllr Sue Woodward\n"
	"    role: Vice-Chair\n"
	"  - name: Cllr Abdul Jabbar\n"
	"    role: Deputy Chair\n"
	"  - name: Cllr Zoë Ní Bhriain\n"
	"  - name: Cllr Jo Reid\n"
	"  - name: Cllr José Álvarez\n"
	"  - name: Cllr Sam Patel\n"
	"  - name: Cllr Ruth Dombey\n"
	"phrases:\n"
	"  - Members noted the presentation.\n"
	"  - Members noted the report.\n"
	"  - \"RESOLVED: that the recommendations be approved.\"\n"
	"  - Members agreed the work programme.\n";

const char demo_agenda_yaml[] =
	"format: gavel-agenda/1\n"
	"committee: Communities Board\n"
	"date: 2018-03-14\n"
	"start: \"11:00\"\n"
	"venue: Smith Square, Westminster, Meeting Room 1\n"
	"chair: Cllr Simon Blackburn\n"
	"items:\n"
	"  - number: \"1\"\n"
	"    title: Welcome, apologies and declarations of interest\n"
	"  - number: \"2\"\n"
	"    title: Minutes of the previous meeting\n"
	"    confirms: communities-board/2018-01-17\n"
	"  - number: \"3\"\n"
	"    title: Integrated Communities Strategy\n"
	"    purpose: For discussion\n"
	"    presenters:\n"
	"      - name: Peter Fenn\n"
	"        role: Ministry of Housing, Communities and Local Government\n"
	"      - name: Penny Hobman\n"
	"        role: Ministry of Housing, Communities and Local Government\n"
	"    documents:\n"
	"      - title: Integrated Communities Strategy green paper\n"
	"        ref: integrated-communities-strategy-green-paper.pdf\n"
	"  - number: \"4\"\n"
	"    title: Tackling loneliness\n"
	"    purpose: For discussion\n"
	"    presenters:\n"
	"      - name: Rebecca Cox\n"
	"        role: Principal Policy Adviser\n"
	"  - number: \"5\"\n"
	"    title: Communities Board work programme 2018/19\n"
	"    purpose: For decision\n"
	"    documents:\n"
	"      - title: Work programme 2018/19\n"
	"        ref: work-programme-2018-19.pdf\n"
	"  - number: \"6\"\n"
	"    title: Update on other Board business\n"
	"    purpose: For information\n"
	"  - number: \"7\"\n"
	"    title: Any other business\n";

/* The meeting before, whose minutes item 2 confirms. */
static const char previous_agenda_yaml[] =
	"format: gavel-agenda/1\n"
	"committee: Communities Board\n"
	"date: 2018-01-17\n"
	"start: \"11:00\"\n"
	"venue: Smith Square, Westminster, Meeting Room 1\n"
	"chair: Cllr Simon Blackburn\n"
	"items:\n"
	"  - number: \"1\"\n"
	"    title: Welcome, apologies and declarations of interest\n"
	"  - number: \"2\"\n"
	"    title: Casey Review one year on\n";

static const char previous_minutes_yaml[] =
	"format: gavel-minutes/1\n"
	"committee: Communities Board\n"
	"date: 2018-01-17\n"
	"start: \"11:00\"\n"
	"end: \"12:30\"\n"
	"venue: Smith Square, Westminster, Meeting Room 1\n"
	"status: draft\n"
	"attendance:\n"
	"  present:\n"
	"    - name: Cllr Simon Blackburn\n"
	"      role: Chairman\n"
	"    - name: Cllr Sue Woodward\n"
	"      role: Vice-Chair\n"
	"    - name: Cllr Jo Reid\n"
	"  apologies:\n"
	"    - name: Cllr Sam Patel\n"
	"items:\n"
	"  - number: \"1\"\n"
	"    title: Welcome, apologies and declarations of interest\n"
	"    decision: Apologies were noted; no interests were declared.\n"
	"  - number: \"2\"\n"
	"    title: Casey Review one year on\n"
	"    summary: Officers reported on councils' work since the Casey Review.\n"
	"    comments:\n"
	"      - Members asked for examples of good practice to be shared.\n"
	"    decision: Members noted the report.\n";

int demo_create(const char *dir, struct archive **out, char **id, struct diags *d)
{
	*out = NULL;
	*id = NULL;
	struct archive *a = NULL;
	int rc = archive_init(&a, dir, false, d);
	if (rc)
		return rc;
	struct archive_file f[] = {
		{ "communities-board/" COMMITTEE_FILE, demo_committee_yaml,
		  sizeof(demo_committee_yaml) - 1 },
		{ "communities-board/2018-01-17/" MEETING_AGENDA, previous_agenda_yaml,
		  sizeof(previous_agenda_yaml) - 1 },
		{ "communities-board/2018-01-17/" MEETING_MINUTES, previous_minutes_yaml,
		  sizeof(previous_minutes_yaml) - 1 },
	};
	rc = archive_commit(a, f, 3, "communities-board: committee file and the "
			    "meeting of 17 January 2018\n", NULL, d);
	if (rc) {
		archive_free(a);
		return rc;
	}
	/* meeting_create reads the agenda from a file, as `gavel new` does. */
	char path[4096];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof(path), "%s/gavel-agenda-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		diags_add(d, path, 0, 0, "cannot write the demo's agenda: %s", strerror(errno));
		archive_free(a);
		return -1;
	}
	size_t len = sizeof(demo_agenda_yaml) - 1;
	bool ok = fsutil_write_all(fd, demo_agenda_yaml, len) == 0;
	if (close(fd) < 0)
		ok = false;
	if (!ok) {
		diags_add(d, path, 0, 0, "cannot write the demo's agenda: %s", strerror(errno));
		unlink(path);
		archive_free(a);
		return -1;
	}
	struct meeting_spec spec = { "Communities Board", "2018-03-14", path, NULL, NULL };
	rc = meeting_create(a, &spec, id, d);
	unlink(path);
	if (rc) {
		archive_free(a);
		return rc;
	}
	*out = a;
	return 0;
}
