/*
 * audit: confirming minutes as a correct record, correcting them after,
 * and verifying that confirmed minutes have not been altered since.
 *
 * Confirming commits `status: confirmed` with the `confirmed` block and
 * puts an annotated tag AUDIT_TAG_PREFIX + meeting id on that commit
 * (confirmed/communities-board/2018-03-14), signed when git's
 * configuration has user.signingkey and gpg is installed.  The tag's
 * message is
 *
 *     <id>: confirmed as a correct record
 *
 *     Confirmed on <date> by <by>.
 *
 *     meeting: <id>
 *     minutes-blob: <the git blob id of minutes.yaml in that commit>
 *
 * A later change to confirmed minutes is a correction: its commit message
 * ends with a trailer paragraph holding `Correction: <reason>`.
 * Knows nothing of the screen; works through archive.h and meeting.h.
 */
#ifndef GAVEL_AUDIT_H
#define GAVEL_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/git/archive.h"
#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/meeting.h"
#include "minutes/model/minutes.h"

#define AUDIT_TAG_PREFIX "confirmed/"
#define AUDIT_BLOB_KEY "minutes-blob: "
#define AUDIT_TRAILER "Correction:"

/* "confirmed/<id>", malloc'd. */
char *audit_tag_name(const char *id);

/* Confirms the meeting's minutes at HEAD: status, the confirmed block
 * (date YYYY-MM-DD, by), one commit, the tag (signed when
 * archive_can_sign says so; *signed_out, when not NULL, says whether it
 * was).  MEETING_INVALID, with the reason in `d`, when they are already
 * confirmed, their tag exists, or they do not load; ARCHIVE_ENOTFOUND
 * when there is no such meeting. */
int audit_confirm(struct archive *a, const char *id, const char *date,
		  const char *by, char commit_out[41], bool *signed_out,
		  struct diags *d);

/* Whether a commit message carries a `Correction: <reason>` trailer (in
 * its last paragraph, which is not its first). */
bool audit_is_correction(const char *message);

/* Ends a commit message (which ends with a newline) with a correction's
 * trailer paragraph: a blank line and `Correction: <reason>`.  Every
 * correction's commit is made with it (gavel edit -m, gavel run in
 * correction mode), so that audit_is_correction knows it. */
void audit_add_correction(struct buf *msg, const char *reason);

/* Whether `reason` can be one: one line of text, not blank. */
bool audit_reason_ok(const char *reason);

/* Commits edited minutes: "<id>: edited" with the reason as the body, or,
 * with `correction`, "<id>: corrected", the reason and the trailer. */
int audit_commit_edit(struct archive *a, const char *id, const char *data,
		      size_t len, const char *reason, bool correction,
		      char commit_out[41], struct diags *d);

enum audit_state { AUDIT_OK, AUDIT_CORRECTED, AUDIT_ALTERED, AUDIT_DRAFT };

struct audit_result {
	char *id;
	enum audit_state state;
	size_t corrections;         /* correction commits since the tag */
	struct buf why;             /* for AUDIT_ALTERED: the problems, "; " between */
	char *signer;               /* who signed the tag (checked), or NULL */
	char *note;                 /* e.g. "signature not checked (...)", or NULL */
	bool tagged;                /* its confirmation tag was found and checked */
	bool tag_signed;            /* the tag carries a signature */
	struct buf links;           /* the chain links checked: "<meeting> item <n>",
				       ", " between; empty when none */
};

/* Verifies the meetings `ids` (all when nids is 0: every meeting whose
 * minutes at HEAD are confirmed, every meeting that has a tag, and every
 * meeting a confirmation chain link names).  Each is held to its tag
 * (which must sit on the confirmation commit itself: chain.h), to the
 * tag's signature when it has one, and to every chain link that names
 * it: the blob a confirming meeting recorded must be the one the tag
 * records, so a tag forged to match altered minutes is found.
 * MEETING_INVALID with `d` for an id that is not one or names no meeting. */
int audit_verify(struct archive *a, char *const *ids, size_t nids,
		 struct audit_result **out, size_t *n, struct diags *d);
void audit_results_free(struct audit_result *v, size_t n);

const char *audit_state_name(enum audit_state s);

/* Checks meeting `id`'s confirmation tag alone, as audit_verify does: it
 * names a commit, records the confirmed minutes' blob (AUDIT_BLOB_KEY),
 * that commit holds that very blob, and it is in HEAD's history.  0 with
 * the commit's id in commit_out; ARCHIVE_ENOTFOUND when there is no tag;
 * MEETING_INVALID, with why in `d`, when it has moved, records no blob or
 * lies outside HEAD's history. */
int audit_tag_check(struct archive *a, const char *id, char commit_out[41],
		    struct diags *d);

#endif
