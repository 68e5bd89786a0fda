/* chain: the links of the confirmation chain, recorded and read back. */
#include "minutes/audit/chain.h"
#include "minutes/git/meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int chain_links(struct archive *a, struct chain_link **out, size_t *n,
		struct diags *d)
{
	struct meeting_summary *v;
	size_t nv, cap = 0;
	*out = NULL;
	*n = 0;
	int rc = meetings_list(a, NULL, &v, &nv, d);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < nv; i++) {
		if (v[i].error)
			continue;
		struct minutes *m = NULL;
		struct diags quiet;
		diags_init(&quiet);
		int lrc = meeting_load(a, v[i].id, NULL, &m, NULL, &quiet);
		diags_free(&quiet);
		if (lrc)
			continue;
		for (size_t j = 0; j < m->nitems; j++) {
			const struct minutes_item *it = m->items[j];
			if (!it->confirmed_meeting || !*it->confirmed_meeting)
				continue;
			xgrow((void **)out, &cap, *n + 1, sizeof(**out));
			struct chain_link *l = &(*out)[(*n)++];
			l->by = xstrdup(v[i].id);
			l->item = xstrdup(it->number ? it->number : "");
			l->meeting = xstrdup(it->confirmed_meeting);
			memcpy(l->blob, it->confirmed_blob, 41);
		}
		minutes_free(m);
	}
	meeting_summaries_free(v, nv);
	return 0;
}

void chain_links_free(struct chain_link *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].by);
		free(v[i].item);
		free(v[i].meeting);
	}
	free(v);
}

int chain_confirming(struct archive *a, const char *id, char **by_out,
		     char **item_out, bool *draft_out, struct diags *d)
{
	struct meeting_summary *v;
	size_t nv;
	*by_out = *item_out = NULL;
	*draft_out = false;
	int rc = meetings_list(a, NULL, &v, &nv, d);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < nv; i++) {
		if (v[i].error || !strcmp(v[i].id, id))
			continue;
		bool draft = v[i].status != MINUTES_CONFIRMED;
		if (*by_out && (*draft_out || !draft))
			continue;       /* a draft found already beats this one */
		struct minutes *m = NULL;
		struct agenda *ag = NULL;
		struct diags quiet;
		diags_init(&quiet);
		int lrc = meeting_load(a, v[i].id, NULL, &m, &ag, &quiet);
		diags_free(&quiet);
		for (size_t j = 0; lrc == 0 && ag && j < ag->nitems; j++) {
			const struct agenda_item *ai = &ag->items[j];
			if (!ai->confirms || strcmp(ai->confirms, id) || !ai->number)
				continue;
			free(*by_out);
			free(*item_out);
			*by_out = xstrdup(v[i].id);
			*item_out = xstrdup(ai->number);
			*draft_out = draft;
			break;
		}
		minutes_free(m);
		agenda_free(ag);
	}
	meeting_summaries_free(v, nv);
	return 0;
}

bool chain_recorded(const struct minutes *m, const char *item, const char *id,
		    const char *blob)
{
	for (size_t i = 0; i < m->nitems; i++) {
		const struct minutes_item *it = m->items[i];
		if (it->number && !strcmp(it->number, item) && it->confirmed_meeting &&
		    *it->confirmed_meeting && (strcmp(it->confirmed_meeting, id) ||
					       strcmp(it->confirmed_blob, blob)))
			return true;
	}
	return false;
}

bool chain_set(struct minutes *m, const char *item, const char *id,
	       const char *blob)
{
	if (chain_recorded(m, item, id, blob))
		return false;
	for (size_t i = 0; i < m->nitems; i++) {
		struct minutes_item *it = m->items[i];
		if (!it->number || strcmp(it->number, item))
			continue;
		record_text_set(&it->confirmed_meeting, id);
		snprintf(it->confirmed_blob, sizeof(it->confirmed_blob), "%s", blob);
		return true;
	}
	return false;
}

int chain_record(struct archive *a, const char *by, const char *item,
		 const char *id, const char *commit, char commit_out[41],
		 struct diags *d)
{
	struct minutes *m = NULL;
	struct buf msg = BUF_INIT;
	char blob[41];
	char *path = meeting_path(id, MEETING_MINUTES);
	int rc = archive_blob_id(a, commit, path, blob, d);
	free(path);
	if (rc)
		return rc;
	rc = meeting_load(a, by, NULL, &m, NULL, d);
	if (rc)
		return rc;
	if (m->status == MINUTES_CONFIRMED) {
		diags_add(d, NULL, 0, 0, "%s is confirmed itself: the confirmation of %s is "
			  "not recorded in its minutes", by, id);
		rc = MEETING_INVALID;
	} else if (chain_recorded(m, item, id, blob)) {
		diags_add(d, NULL, 0, 0, "%s's item %s records already that it confirmed %s "
			  "as other minutes: the link is not replaced", by, item, id);
		rc = MEETING_INVALID;
	} else if (!chain_set(m, item, id, blob)) {
		diags_add(d, NULL, 0, 0, "%s's minutes have no item \"%s\" (its agenda's item "
			  "that confirms %s)", by, item, id);
		rc = MEETING_INVALID;
	} else {
		buf_addf(&msg, "%s: item %s: confirmation of %s recorded\n\n"
			 "Confirmed minutes: %s\n", by, item, id, blob);
		rc = meeting_save(a, by, m, msg.data, commit_out, d);
	}
	minutes_free(m);
	buf_free(&msg);
	return rc;
}

static bool same(const char *x, const char *y)
{
	return !strcmp(x ? x : "", y ? y : "");
}

bool chain_is_confirmation(struct archive *a, const char *id, const char *commit,
			   const struct minutes *head, struct buf *why)
{
	struct minutes *at = NULL, *before = NULL;
	struct buf parent = BUF_INIT;
	struct diags quiet;
	bool ok = false;
	diags_init(&quiet);
	if (meeting_load(a, id, commit, &at, NULL, &quiet) != 0) {
		buf_addf(why, "its minutes do not load at the tag's commit %.7s", commit);
		goto out;
	}
	if (at->status != MINUTES_CONFIRMED) {
		buf_addf(why, "the tag's commit %.7s is not the confirmation (the minutes "
			 "are a draft there)", commit);
		goto out;
	}
	if (head && head->status == MINUTES_CONFIRMED &&
	    (!same(head->confirmed_date, at->confirmed_date) ||
	     !same(head->confirmed_by, at->confirmed_by))) {
		buf_addf(why, "the tag's commit %.7s confirmed them on %s by %s, the minutes "
			 "now say %s by %s", commit, at->confirmed_date,
			 at->confirmed_by ? at->confirmed_by : "?", head->confirmed_date,
			 head->confirmed_by ? head->confirmed_by : "?");
		goto out;
	}
	buf_addf(&parent, "%s^", commit);
	int prc = meeting_load(a, id, parent.data, &before, NULL, &quiet);
	if (prc == 0 && before->status == MINUTES_CONFIRMED) {
		buf_addf(why, "the tag's commit %.7s is not the confirmation commit (the "
			 "minutes were confirmed before it)", commit);
		goto out;
	}
	ok = true;
out:
	minutes_free(at);
	minutes_free(before);
	buf_free(&parent);
	diags_free(&quiet);
	return ok;
}
