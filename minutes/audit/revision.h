/*
 * revision: what a user names as a revision of a meeting's minutes, the
 * one parser behind every command that takes one (show --rev, diff's
 * REV_A and REV_B, blame --rev, export --rev):
 *
 *   confirmed      the commit of the tag confirmed/<meeting>, checked as
 *                  gavel verify checks it (audit_tag_check): a moved,
 *                  deleted or forged tag is an error that says so, never
 *                  a revision to compare with;
 *   @YYYY-MM-DD    the newest commit in HEAD's history that changed the
 *                  meeting's minutes on or before that day (UTC);
 *   anything else  git's revision syntax: a commit id, a tag, a branch,
 *                  HEAD~2, main^, ...
 */
#ifndef GAVEL_REVISION_H
#define GAVEL_REVISION_H

#include "minutes/base/diag.h"
#include "minutes/git/archive.h"

/* The words for a revision, for messages ("a commit id, a tag, ..."). */
#define REVISION_FORMS "a commit id, a tag, a branch, confirmed or @YYYY-MM-DD"

/* The full id of the commit `rev` names for meeting `id` (rev NULL:
 * HEAD).  With `id` NULL, a revision of the whole archive: confirmed is
 * not one, and @YYYY-MM-DD is the newest commit of that day or before.  0; ARCHIVE_ENOTFOUND when there is no such revision (or the
 * meeting is not confirmed, or has no revision by that day);
 * MEETING_INVALID when `rev` is not one (@2018-02-30) or the confirmation
 * tag cannot be trusted; another negative code from git.  Why, in one
 * diagnostic, in `d`. */
int revision_resolve(struct archive *a, const char *id, const char *rev, char out[41],
		     struct diags *d);

#endif
