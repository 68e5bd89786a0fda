/* minute_lookup: the committee's earlier minute numbers of the year. */
#include "minutes/git/minute_lookup.h"

#include "minutes/format/slug.h"
#include "minutes/git/meeting.h"
#include "minutes/model/numbering.h"

#include <stdlib.h>
#include <string.h>

int minute_lookup_earlier(struct archive *a, const char *id, const char *year_starts,
			  unsigned *out, struct diags *d)
{
	*out = 0;
	const char *slash = strchr(id, '/');
	if (!slash || strlen(slash + 1) < 10)
		return 0;
	char *slug = xstrndup(id, (size_t)(slash - id));
	const char *folder = slash + 1;
	char date[11];
	memcpy(date, folder, 10);
	date[10] = 0;
	struct archive_entry *ms = NULL;
	size_t nms = 0;
	int rc = archive_list(a, NULL, slug, &ms, &nms, d);
	if (rc < 0) {
		free(slug);
		return rc;
	}
	for (size_t i = 0; i < nms; i++) {
		const char *name = ms[i].name;
		if (!ms[i].is_dir || !slug_meeting_folder_valid(name, strlen(name)) ||
		    strlen(name) < 10 || strcmp(name, folder) >= 0)
			continue;
		char other[11];
		memcpy(other, name, 10);
		other[10] = 0;
		if (!numbering_same_year(other, date, year_starts))
			continue;
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s/%s", slug, name);
		struct minutes *m = NULL;
		struct diags quiet;
		diags_init(&quiet);
		if (meeting_load(a, b.data, NULL, &m, NULL, &quiet) == 0 && m) {
			unsigned hi = numbering_highest(m);
			if (hi > *out)
				*out = hi;
		}
		minutes_free(m);
		diags_free(&quiet);
		buf_free(&b);
	}
	archive_entries_free(ms, nms);
	free(slug);
	return 0;
}
