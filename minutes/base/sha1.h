/*
 * sha1: SHA-1 (FIPS 180-4), for the checksum that ends git's index file.
 *
 * Not for security: git's index names its own content with it, and
 * archive_index.c must verify and write that checksum.  On x86-64
 * processors with the SHA extensions the blocks are compressed with
 * them (chosen once, at run time); elsewhere in portable C.
 *
 * A context may be copied (struct assignment) to resume hashing from the
 * same point: archive_index.c hashes the old index once and resumes the
 * new one's checksum where the two files start to differ.
 */
#ifndef GAVEL_SHA1_H
#define GAVEL_SHA1_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHA1_LEN 20

struct sha1 {
	uint32_t h[5];
	uint64_t total;         /* bytes hashed so far */
	unsigned char block[64];
	size_t used;            /* bytes waiting in block */
};

void sha1_init(struct sha1 *c);
void sha1_update(struct sha1 *c, const void *data, size_t len);
void sha1_final(struct sha1 *c, unsigned char out[SHA1_LEN]);
/* One call: the digest of data. */
void sha1_digest(const void *data, size_t len, unsigned char out[SHA1_LEN]);

/* For tests: whether the processor's SHA instructions are in use, and a
 * way to turn them off (false: portable C from now on), so that both
 * paths can be checked against each other.  Returns the previous state. */
bool sha1_hardware(void);
bool sha1_use_hardware(bool on);

#endif
