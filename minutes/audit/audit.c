/* audit: confirmation tags, corrections and their verification. */
#include "minutes/audit/audit.h"
#include "minutes/audit/chain.h"
#include "minutes/model/yamlfile.h"
#include "minutes/base/gpg.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *audit_tag_name(const char *id)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s%s", AUDIT_TAG_PREFIX, id);
	return buf_detach(&b, NULL);
}

/* ---- confirming ---- */

int audit_confirm(struct archive *a, const char *id, const char *date,
		  const char *by, char commit_out[41], bool *signed_out,
		  struct diags *d)
{
	struct minutes *m = NULL;
	struct buf bytes = BUF_INIT, msg = BUF_INIT, tagmsg = BUF_INIT;
	char *tag = NULL, *path = NULL;
	char commit[41], blob[41];
	int rc;

	if (signed_out)
		*signed_out = false;
	if (!yr_date_valid(date, strlen(date))) {
		diags_add(d, NULL, 0, 0, "'%s' is not a date; expected YYYY-MM-DD", date);
		return MEETING_INVALID;
	}
	if (!by[strspn(by, " \t")] || strchr(by, '\n') || !utf8_clean(by, strlen(by), NULL)) {
		diags_add(d, NULL, 0, 0, "who confirms the minutes must be a name on one line");
		return MEETING_INVALID;
	}
	rc = meeting_load(a, id, NULL, &m, NULL, d);
	if (rc)
		return rc;
	if (m->status == MINUTES_CONFIRMED) {
		diags_add(d, NULL, 0, 0, "%s is already confirmed (on %s by %s); change it "
			  "with gavel edit -m REASON", id, m->confirmed_date,
			  m->confirmed_by ? m->confirmed_by : "?");
		rc = MEETING_INVALID;
		goto out;
	}
	tag = audit_tag_name(id);
	struct archive_tag t;
	struct diags quiet;
	diags_init(&quiet);
	rc = archive_tag_read(a, tag, &t, &quiet);
	diags_free(&quiet);
	if (rc == 0) {
		archive_tag_free(&t);
		diags_add(d, NULL, 0, 0, "the tag %s already exists, though the minutes are "
			  "a draft; see gavel verify %s", tag, id);
		rc = MEETING_INVALID;
		goto out;
	}
	if (rc != ARCHIVE_ENOTFOUND)
		goto out;
	m->status = MINUTES_CONFIRMED;
	snprintf(m->confirmed_date, sizeof(m->confirmed_date), "%s", date);
	record_text_set(&m->confirmed_by, by);
	buf_addf(&msg, "%s: confirmed as a correct record\n\nConfirmed on %s by %s.\n",
		 id, date, by);
	rc = meeting_save(a, id, m, msg.data, commit, d);
	if (rc)
		goto out;
	path = meeting_path(id, MEETING_MINUTES);
	rc = archive_blob_id(a, commit, path, blob, d);
	if (rc)
		goto out;
	buf_addf(&tagmsg, "%s\nmeeting: %s\n%s%s\n", msg.data, id, AUDIT_BLOB_KEY, blob);
	bool sign = archive_can_sign(a, NULL);
	rc = archive_tag_create(a, tag, commit, tagmsg.data, sign, d);
	if (rc < 0)
		diags_add(d, NULL, 0, 0, "the minutes were committed as confirmed (%.7s), but "
			  "the tag %s was not made; gavel verify reports %s as altered until "
			  "it is", commit, tag, id);
	if (rc == 0 && signed_out)
		*signed_out = sign;
	if (commit_out)
		memcpy(commit_out, commit, 41);
out:
	minutes_free(m);
	buf_free(&bytes);
	buf_free(&msg);
	buf_free(&tagmsg);
	free(tag);
	free(path);
	return rc;
}

/* ---- corrections ---- */

bool audit_is_correction(const char *message)
{
	size_t len = strlen(message);
	while (len && (message[len - 1] == '\n' || message[len - 1] == ' ' ||
		       message[len - 1] == '\t' || message[len - 1] == '\r'))
		len--;
	/* The last paragraph: after the last blank line. */
	size_t start = 0;
	for (size_t i = 0; i + 1 < len; i++)
		if (message[i] == '\n' && message[i + 1] == '\n')
			start = i + 2;
	if (start == 0)
		return false;       /* only one paragraph: no trailers */
	size_t kl = strlen(AUDIT_TRAILER);
	for (size_t s = start; s < len; ) {
		const char *nl = memchr(message + s, '\n', len - s);
		size_t e = nl ? (size_t)(nl - message) : len;
		if (e - s > kl && !strncasecmp(message + s, AUDIT_TRAILER, kl)) {
			size_t v = s + kl;
			while (v < e && (message[v] == ' ' || message[v] == '\t'))
				v++;
			if (v < e)
				return true;
		}
		s = e + 1;
	}
	return false;
}

void audit_add_correction(struct buf *msg, const char *reason)
{
	buf_addf(msg, "\n%s %s\n", AUDIT_TRAILER, reason);
}

bool audit_reason_ok(const char *reason)
{
	return reason && reason[strspn(reason, " \t")] && !strchr(reason, '\n') &&
	       utf8_clean(reason, strlen(reason), NULL);
}

int audit_commit_edit(struct archive *a, const char *id, const char *data,
		      size_t len, const char *reason, bool correction,
		      char commit_out[41], struct diags *d)
{
	struct buf msg = BUF_INIT;
	if (correction) {
		buf_addf(&msg, "%s: corrected\n\n%s\n", id, reason);
		audit_add_correction(&msg, reason);
	} else if (reason)
		buf_addf(&msg, "%s: edited\n\n%s\n", id, reason);
	else
		buf_addf(&msg, "%s: edited\n", id);
	char *path = meeting_path(id, MEETING_MINUTES);
	struct archive_file f = { path, data, len };
	int rc = archive_commit(a, &f, 1, msg.data, commit_out, d);
	free(path);
	buf_free(&msg);
	return rc;
}

/* ---- verifying ---- */

const char *audit_state_name(enum audit_state s)
{
	switch (s) {
	case AUDIT_OK: return "OK";
	case AUDIT_CORRECTED: return "CORRECTED";
	case AUDIT_ALTERED: return "ALTERED";
	case AUDIT_DRAFT: return "DRAFT";
	}
	return "?";
}

static void problem(struct audit_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void problem(struct audit_result *r, const char *fmt, ...)
{
	va_list ap;
	r->state = AUDIT_ALTERED;
	if (r->why.len)
		buf_addstr(&r->why, "; ");
	va_start(ap, fmt);
	buf_vaddf(&r->why, fmt, ap);
	va_end(ap);
}

/* The blob id recorded in a tag's message, or false. */
static bool recorded_blob(const char *message, char out[41])
{
	size_t kl = strlen(AUDIT_BLOB_KEY);
	for (const char *s = message; s && *s; ) {
		if (!strncmp(s, AUDIT_BLOB_KEY, kl)) {
			const char *v = s + kl;
			size_t n = strspn(v, "0123456789abcdef");
			if (n == 40 && (v[40] == '\n' || v[40] == '\0')) {
				memcpy(out, v, 40);
				out[40] = '\0';
				return true;
			}
		}
		s = strchr(s, '\n');
		s = s ? s + 1 : NULL;
	}
	return false;
}

/* Whether gavel sync found this meeting's confirmation tag to differ
 * from a remote's (it keeps the remote's under refs/gavel/conflicts/):
 * every clone is a witness, so that is an alteration somewhere. */
static int check_remote_tags(struct archive *a, const char *id, struct audit_result *r,
			     struct diags *d)
{
	struct archive_tag_conflict *v = NULL;
	size_t n = 0;
	char *tag = audit_tag_name(id);
	int rc = archive_tag_conflicts(a, tag, &v, &n, d);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (v[i].there[0])
			problem(r, "confirmation tag differs from %s's (%s's is %.7s, kept as %s)",
				v[i].remote, v[i].remote, v[i].there, v[i].ref);
		else
			problem(r, "confirmation tag differs from %s's (%s has none: deleted "
				"there; see %s)", v[i].remote, v[i].remote, v[i].ref);
	}
	archive_tag_conflicts_free(v, n);
	free(tag);
	return rc;
}

struct subject {
	char *id;
	int head;               /* 1 confirmed at HEAD, 0 draft, -1 no minutes there */
};

static int by_id(const void *x, const void *y)
{
	return strcmp(((const struct subject *)x)->id, ((const struct subject *)y)->id);
}

/* The meetings to verify, sorted, each once. */
static int subjects(struct archive *a, char *const *ids, size_t nids,
		    const struct chain_link *links, size_t nlinks,
		    struct subject **out, size_t *n, struct diags *d)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (nids) {
		for (size_t i = 0; i < nids; i++) {
			if (!slug_meeting_id_valid(ids[i])) {
				diags_add(d, NULL, 0, 0, "'%s' is not a meeting id; expected "
					  "committee/YYYY-MM-DD", ids[i]);
				return MEETING_INVALID;
			}
			struct minutes *m = NULL;
			struct diags quiet;
			diags_init(&quiet);
			int rc = meeting_load(a, ids[i], NULL, &m, NULL, &quiet);
			diags_free(&quiet);
			if (rc < 0 && rc != ARCHIVE_ENOTFOUND)
				return meeting_load(a, ids[i], NULL, &m, NULL, d);
			xgrow((void **)out, &cap, *n + 1, sizeof(**out));
			(*out)[*n].id = xstrdup(ids[i]);
			(*out)[*n].head = rc == 0 ? m->status == MINUTES_CONFIRMED
					  : rc == ARCHIVE_ENOTFOUND ? -1 : 0;
			(*n)++;
			minutes_free(m);
		}
	} else {
		struct meeting_summary *v;
		size_t nv;
		char **tags;
		size_t nt;
		int rc = meetings_list(a, NULL, &v, &nv, d);
		if (rc < 0)
			return rc;
		for (size_t i = 0; i < nv; i++) {
			if (v[i].error || v[i].status != MINUTES_CONFIRMED)
				continue;
			xgrow((void **)out, &cap, *n + 1, sizeof(**out));
			(*out)[*n].id = xstrdup(v[i].id);
			(*out)[(*n)++].head = 1;
		}
		meeting_summaries_free(v, nv);
		rc = archive_tag_list(a, AUDIT_TAG_PREFIX, &tags, &nt, d);
		if (rc < 0)
			return rc;
		size_t have = *n;
		/* No meeting confirmed at HEAD: *out is still NULL, which
		 * qsort and bsearch must not be given (even with no elements). */
		if (have > 0)
			qsort(*out, have, sizeof(**out), by_id);
		for (size_t i = 0; i < nt; i++) {
			const char *id = tags[i] + strlen(AUDIT_TAG_PREFIX);
			struct subject key = { (char *)(uintptr_t)id, 0 };
			if (slug_meeting_id_valid(id) &&
			    (have == 0 || !bsearch(&key, *out, have, sizeof(**out), by_id))) {
				xgrow((void **)out, &cap, *n + 1, sizeof(**out));
				(*out)[*n].id = xstrdup(id);
				(*out)[(*n)++].head = 0;   /* a tag, yet not confirmed at HEAD */
			}
			free(tags[i]);
		}
		free(tags);
		/* Meetings a chain link names, confirmed at HEAD or not. */
		for (size_t i = 0; i < nlinks; i++) {
			struct minutes *m = NULL;
			struct diags quiet;
			diags_init(&quiet);
			int lrc = meeting_load(a, links[i].meeting, NULL, &m, NULL, &quiet);
			diags_free(&quiet);
			xgrow((void **)out, &cap, *n + 1, sizeof(**out));
			(*out)[*n].id = xstrdup(links[i].meeting);
			(*out)[(*n)++].head = lrc == 0 ? m->status == MINUTES_CONFIRMED
					      : lrc == ARCHIVE_ENOTFOUND ? -1 : 0;
			minutes_free(m);
		}
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), by_id);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (k && !strcmp((*out)[k - 1].id, (*out)[i].id)) {
			if ((*out)[i].head > (*out)[k - 1].head)
				(*out)[k - 1].head = (*out)[i].head;
			free((*out)[i].id);
			continue;
		}
		(*out)[k++] = (*out)[i];
	}
	*n = k;
	return 0;
}

/* Holds meeting r->id to every chain link that names it: the blob each
 * confirming meeting recorded must be `tagged` (the blob its tag
 * records; NULL when it has no tag).  True when a link names it. */
static bool check_links(struct audit_result *r, int head, const char *tagged,
			const struct chain_link *links, size_t nlinks)
{
	bool linked = false;
	for (size_t i = 0; i < nlinks; i++) {
		const struct chain_link *l = &links[i];
		if (strcmp(l->meeting, r->id))
			continue;
		linked = true;
		buf_addf(&r->links, "%s%s item %s", r->links.len ? ", " : "", l->by, l->item);
		if (tagged && tagged[0] && strcmp(tagged, l->blob))
			problem(r, "the minutes %s confirmed (item %s) were %.7s, not the %.7s "
				"its tag names", l->by, l->item, l->blob, tagged);
		else if (!tagged && head == 0)
			problem(r, "%s records them as confirmed (item %s), yet they are a "
				"draft with no tag", l->by, l->item);
		else if (!tagged && head < 0)
			problem(r, "%s records them as confirmed (item %s), yet their "
				"minutes are gone", l->by, l->item);
	}
	return linked;
}

int audit_verify(struct archive *a, char *const *ids, size_t nids,
		 struct audit_result **out, size_t *n, struct diags *d)
{
	struct subject *s = NULL;
	struct chain_link *links = NULL;
	size_t ns = 0, nlinks = 0;
	*out = NULL;
	*n = 0;
	int rc = chain_links(a, &links, &nlinks, d);
	if (rc)
		goto out;
	rc = subjects(a, ids, nids, links, nlinks, &s, &ns, d);
	if (rc)
		goto out;
	struct audit_result *r = xcalloc(ns ? ns : 1, sizeof(*r));
	struct archive_watch *w = xcalloc(ns ? ns : 1, sizeof(*w));
	char **paths = xcalloc(ns ? ns : 1, sizeof(*paths));
	char (*tagged)[41] = xcalloc(ns ? ns : 1, sizeof(*tagged));
	size_t nw = 0, *wi = xcalloc(ns ? ns : 1, sizeof(*wi));
	*out = r;
	*n = ns;
	for (size_t i = 0; i < ns; i++) {
		char *tag = audit_tag_name(s[i].id);
		struct archive_tag t;
		struct diags quiet;
		diags_init(&quiet);
		r[i].id = xstrdup(s[i].id);
		buf_init(&r[i].why);
		buf_init(&r[i].links);
		paths[i] = meeting_path(s[i].id, MEETING_MINUTES);
		int trc = archive_tag_read(a, tag, &t, &quiet);
		diags_free(&quiet);
		if (trc == ARCHIVE_ENOTFOUND) {
			if (check_links(&r[i], s[i].head, NULL, links, nlinks) && s[i].head < 1) {
				free(tag);
				continue;
			}
			if (s[i].head == 1)
				problem(&r[i], "the tag %s is missing", tag);
			else if (s[i].head == 0)
				r[i].state = AUDIT_DRAFT;
			else {
				diags_add(d, NULL, 0, 0, "no meeting %s in %s", s[i].id, archive_path(a));
				rc = MEETING_INVALID;
			}
			free(tag);
			continue;
		}
		if (trc < 0) {
			rc = archive_tag_read(a, tag, &t, d);
			free(tag);
			goto done;
		}
		if (!t.target[0]) {
			problem(&r[i], "the tag %s does not name a commit", tag);
		} else {
			char at_tag[41];
			struct diags q2;
			diags_init(&q2);
			bool has = archive_blob_id(a, t.target, paths[i], at_tag, &q2) == 0;
			diags_free(&q2);
			if (!recorded_blob(t.message, tagged[i])) {
				problem(&r[i], "the tag %s does not record the confirmed minutes "
					"(no %sline)", tag, AUDIT_BLOB_KEY);
				if (has)
					memcpy(tagged[i], at_tag, 41);
			} else if (!has || strcmp(at_tag, tagged[i])) {
				problem(&r[i], "the tag %s has moved: its commit %.7s does not hold "
					"the minutes that were confirmed", tag, t.target);
			}
			struct minutes *headm = NULL;
			struct buf why = BUF_INIT;
			diags_init(&q2);
			meeting_load(a, s[i].id, NULL, &headm, NULL, &q2);
			diags_free(&q2);
			if (!chain_is_confirmation(a, s[i].id, t.target, headm, &why))
				problem(&r[i], "%s", why.data);
			minutes_free(headm);
			buf_free(&why);
			r[i].tagged = true;
			memcpy(w[nw].since, t.target, 41);
			w[nw].path = paths[i];
			wi[nw++] = i;
		}
		check_links(&r[i], s[i].head, tagged[i], links, nlinks);
		if (t.signature) {
			struct gpg_check g;
			r[i].tag_signed = true;
			gpg_verify(t.signature, strlen(t.signature), t.signed_data, t.signed_len, &g);
			if (g.verdict == GPG_GOOD) {
				r[i].signer = g.signer;
				g.signer = NULL;
			} else if (g.verdict == GPG_BAD) {
				problem(&r[i], "the signature of %s is bad: %s", tag, g.why);
			} else {
				struct buf b = BUF_INIT;
				buf_addf(&b, "signature not checked (%s)", g.why);
				r[i].note = buf_detach(&b, NULL);
			}
			gpg_check_free(&g);
		}
		archive_tag_free(&t);
		free(tag);
	}
	if (rc)
		goto done;
	for (size_t i = 0; i < ns && rc == 0; i++)
		rc = check_remote_tags(a, s[i].id, &r[i], d);
	if (rc)
		goto done;
	rc = archive_changes_since(a, w, nw, d);
	if (rc < 0)
		goto done;
	for (size_t k = 0; k < nw; k++) {
		struct audit_result *x = &r[wi[k]];
		if (!w[k].reachable) {
			problem(x, "the tag's commit %.7s is not in the history of HEAD "
				"(the history was rewritten)", w[k].since);
			continue;
		}
		char tip[41];
		struct diags quiet;
		diags_init(&quiet);
		int brc = archive_blob_id(a, NULL, w[k].path, tip, &quiet);
		diags_free(&quiet);
		if (brc == 0 && tagged[wi[k]][0] && !strcmp(tip, tagged[wi[k]]))
			continue;       /* the very minutes that were confirmed */
		struct buf bad = BUF_INIT;
		for (size_t j = 0; j < w[k].nrevs; j++) {
			if (audit_is_correction(w[k].revs[j].message)) {
				x->corrections++;
			} else {
				buf_addf(&bad, "%s%s", bad.len ? ", " : "", w[k].revs[j].short_id);
			}
		}
		if (brc != 0)
			problem(x, "%s is gone at HEAD", w[k].path);
		if (bad.len)
			problem(x, "changed without a correction by %s", bad.data);
		else if (brc == 0 && x->corrections == 0)
			problem(x, "differs from the confirmed minutes, yet no commit changed it");
		buf_free(&bad);
		if (x->state != AUDIT_ALTERED && x->corrections)
			x->state = AUDIT_CORRECTED;
	}
done:
	archive_watches_free(w, nw);
	for (size_t i = 0; i < ns; i++)
		free(paths[i]);
	free(paths);
	free(w);
	free(wi);
	free(tagged);
	if (rc) {
		audit_results_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
out:
	for (size_t i = 0; i < ns; i++)
		free(s[i].id);
	free(s);
	chain_links_free(links, nlinks);
	return rc;
}

void audit_results_free(struct audit_result *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].id);
		buf_free(&v[i].why);
		buf_free(&v[i].links);
		free(v[i].signer);
		free(v[i].note);
	}
	free(v);
}

/* ---- a confirmation tag, alone ---- */

/* The rule verify holds a tag to (chain.h): it sits on the confirmation
 * commit itself.  A tag forged onto a later commit, its blob line
 * rewritten to match, fails here. */
static bool tag_on_confirmation(struct archive *a, const char *id, const char *commit,
				const char *tag, struct diags *d)
{
	struct buf why = BUF_INIT;
	bool ok = chain_is_confirmation(a, id, commit, NULL, &why);
	if (!ok)
		diags_add(d, NULL, 0, 0, "the tag %s is not on the confirmation commit: %s",
			  tag, why.data);
	buf_free(&why);
	return ok;
}

int audit_tag_check(struct archive *a, const char *id, char commit_out[41],
		    struct diags *d)
{
	char *tag = audit_tag_name(id), *path = meeting_path(id, MEETING_MINUTES);
	char recorded[41], held[41];
	struct archive_tag t;
	struct diags quiet;
	diags_init(&quiet);
	int rc = archive_tag_read(a, tag, &t, &quiet);
	if (rc == ARCHIVE_ENOTFOUND) {
		diags_add(d, NULL, 0, 0, "no tag %s", tag);
		goto out;
	}
	if (rc < 0) {
		rc = archive_tag_read(a, tag, &t, d);
		goto out;
	}
	rc = MEETING_INVALID;
	if (!t.target[0]) {
		diags_add(d, NULL, 0, 0, "the tag %s does not name a commit", tag);
	} else if (!recorded_blob(t.message, recorded)) {
		diags_add(d, NULL, 0, 0, "the tag %s does not record the confirmed minutes "
			  "(no %sline)", tag, AUDIT_BLOB_KEY);
	} else if (archive_blob_id(a, t.target, path, held, &quiet) != 0 ||
		   strcmp(held, recorded)) {
		diags_add(d, NULL, 0, 0, "the tag %s has moved: its commit %.7s does not hold "
			  "the minutes that were confirmed", tag, t.target);
	} else if (!tag_on_confirmation(a, id, t.target, tag, d)) {
		;       /* said: a tag forged onto a later commit */
	} else {
		struct archive_watch w = { .path = path };
		memcpy(w.since, t.target, 41);
		rc = archive_changes_since(a, &w, 1, d);
		if (rc == 0 && !w.reachable) {
			diags_add(d, NULL, 0, 0, "the tag's commit %.7s is not in the history of "
				  "HEAD (the history was rewritten, or the tag moved)", t.target);
			rc = MEETING_INVALID;
		}
		archive_watches_free(&w, 1);
		if (rc == 0)
			memcpy(commit_out, t.target, 41);
	}
	archive_tag_free(&t);
out:
	diags_free(&quiet);
	free(tag);
	free(path);
	return rc;
}
