/*
 * test_sha1: SHA-1 (minutes/sha1.h) against the examples of FIPS 180-4's
 * companion (NIST's "SHA1.pdf" examples and the long messages of the
 * original test suite), whatever way the data is split between calls,
 * and the processor's SHA instructions against the portable C.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minutes/base/sha1.h"

static void hex(const unsigned char d[SHA1_LEN], char out[41])
{
	for (int i = 0; i < SHA1_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void expect_digest(const void *data, size_t len, const char *want)
{
	unsigned char d[SHA1_LEN];
	char h[41];
	sha1_digest(data, len, d);
	hex(d, h);
	assert_string_equal(h, want);
	/* The same, one byte at a time and in uneven pieces. */
	struct sha1 c;
	sha1_init(&c);
	for (size_t i = 0; i < len; i++)
		sha1_update(&c, (const char *)data + i, 1);
	sha1_final(&c, d);
	hex(d, h);
	assert_string_equal(h, want);
	sha1_init(&c);
	for (size_t i = 0, step = 1; i < len; i += step, step = step * 3 % 97 + 1)
		sha1_update(&c, (const char *)data + i, step < len - i ? step : len - i);
	sha1_final(&c, d);
	hex(d, h);
	assert_string_equal(h, want);
}

static void vectors(void)
{
	expect_digest("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	expect_digest("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
	static const char two[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	expect_digest(two, strlen(two), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	static const char four[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
				   "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	expect_digest(four, strlen(four), "a49b2446a02c645bf419f995b67091253a04a259");
	static const char fox[] = "The quick brown fox jumps over the lazy dog";
	expect_digest(fox, strlen(fox), "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
	/* git's name of the blob "hello\n" (git hash-object). */
	expect_digest("blob 6\0hello\n", 13, "ce013625030ba8dba906f756967f9e9ca394464a");
	char *million = malloc(1000000);
	assert_non_null(million);
	memset(million, 'a', 1000000);
	expect_digest(million, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	free(million);
}

static void test_vectors(void **state)
{
	(void)state;
	vectors();
}

static void test_vectors_portable(void **state)
{
	(void)state;
	bool was = sha1_use_hardware(false);
	assert_false(sha1_hardware());
	vectors();
	sha1_use_hardware(was);
}

/* Every length from 0 to 600 bytes (each padding case, several blocks),
 * and a context copied half-way and resumed: hardware and C agree. */
static void test_hardware_and_c_agree(void **state)
{
	(void)state;
	if (!sha1_hardware())
		skip();
	unsigned char data[600];
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < sizeof(data); i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		data[i] = (unsigned char)x;
	}
	for (size_t len = 0; len <= sizeof(data); len++) {
		unsigned char hw[SHA1_LEN], c[SHA1_LEN], resumed[SHA1_LEN];
		sha1_use_hardware(true);
		struct sha1 ctx, half;
		sha1_init(&ctx);
		sha1_update(&ctx, data, len / 3);
		half = ctx;
		sha1_update(&ctx, data + len / 3, len - len / 3);
		sha1_final(&ctx, hw);
		sha1_use_hardware(false);
		sha1_digest(data, len, c);
		sha1_update(&half, data + len / 3, len - len / 3);
		sha1_final(&half, resumed);
		sha1_use_hardware(true);
		if (memcmp(hw, c, SHA1_LEN) || memcmp(resumed, c, SHA1_LEN))
			fail_msg("digests differ at length %zu", len);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_vectors_portable),
		cmocka_unit_test(test_hardware_and_c_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
