/*
 * gpg: detached signatures made and checked by the gpg program, started
 * directly (proc.h) as git starts it: `gpg --status-fd=2 -bsau KEY` to
 * sign, `gpg --status-fd=1 --verify SIGFILE -` to check.
 */
#ifndef GAVEL_GPG_H
#define GAVEL_GPG_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

#define GPG_PROGRAM "gpg"

/* Whether gpg is on PATH. */
bool gpg_available(void);

/* An armored detached signature of `data` by `key`, appended to `sig`.
 * 0, or -1 with one diagnostic saying what gpg said. */
int gpg_sign(const char *key, const char *data, size_t len, struct buf *sig,
	     struct diags *err);

enum gpg_verdict {
	GPG_GOOD,           /* a good signature; `signer` names who */
	GPG_BAD,            /* the data do not match the signature */
	GPG_UNCHECKED,      /* no public key, gpg missing...: `why` says */
};

struct gpg_check {
	enum gpg_verdict verdict;
	char *signer;       /* "Name <email>" and key id, or NULL */
	char *why;          /* for GPG_UNCHECKED and GPG_BAD, or NULL */
};

/* Checks the armored signature `sig` of `data`.  Never fails: what could
 * not be checked is GPG_UNCHECKED with the reason. */
void gpg_verify(const char *sig, size_t siglen, const char *data, size_t len,
		struct gpg_check *out);
void gpg_check_free(struct gpg_check *c);

#endif
