/*
 * sha1: SHA-1 as FIPS 180-4 specifies it (section 6.1), in portable C,
 * and the same compression with the x86 SHA extensions (SHA1RNDS4,
 * SHA1NEXTE, SHA1MSG1, SHA1MSG2) when the processor has them.
 */
#include "minutes/base/sha1.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SHA1_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static uint32_t rol(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* FIPS 180-4 6.1.2, one 512-bit block at a time; the message schedule
 * kept as the 16 words it needs (W[t] for t >= 16 overwrites W[t-16]). */
static void compress_c(uint32_t h[5], const unsigned char *p, size_t nblocks)
{
	for (; nblocks; nblocks--, p += 64) {
		uint32_t w[16];
		for (int t = 0; t < 16; t++)
			w[t] = be32(p + 4 * t);
		uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
		for (int t = 0; t < 80; t++) {
			uint32_t wt;
			if (t < 16) {
				wt = w[t];
			} else {
				wt = rol(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^
					 w[t & 15], 1);
				w[t & 15] = wt;
			}
			uint32_t f, k;
			if (t < 20) {
				f = (b & c) ^ (~b & d);
				k = 0x5a827999;
			} else if (t < 40) {
				f = b ^ c ^ d;
				k = 0x6ed9eba1;
			} else if (t < 60) {
				f = (b & c) ^ (b & d) ^ (c & d);
				k = 0x8f1bbcdc;
			} else {
				f = b ^ c ^ d;
				k = 0xca62c1d6;
			}
			uint32_t tmp = rol(a, 5) + f + e + k + wt;
			e = d;
			d = c;
			c = rol(b, 30);
			b = a;
			a = tmp;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
	}
}

#ifdef SHA1_X86
/*
 * The same with the SHA extensions.  A, B, C, D live in one register
 * (A in the highest lane); E is carried in the highest lane of another.
 * Each group g of four rounds uses the schedule words W[4g..4g+3], also
 * one register with W[4g] in the highest lane; for g >= 4 they come from
 * the four groups before (W[t] = rol1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16])):
 * SHA1MSG1 gives W[t-16] ^ W[t-14], a XOR adds W[t-8], and SHA1MSG2 adds
 * W[t-3] and rotates.  SHA1NEXTE makes the next group's E from the A of
 * four rounds earlier (rotated by 30) plus its schedule words; SHA1RNDS4
 * does four rounds with the round function and constant of its immediate.
 */
#define SHA1_TARGET __attribute__((target("sha,sse4.1,ssse3")))

SHA1_TARGET static void compress_x86(uint32_t h[5], const unsigned char *p, size_t nblocks)
{
	/* Reverses the 16 bytes: big-endian words, W[0] in the highest lane. */
	const __m128i swap = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
	__m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)h), 0x1b);
	__m128i e0 = _mm_set_epi32((int)h[4], 0, 0, 0);

	for (; nblocks; nblocks--, p += 64) {
		__m128i abcd_in = abcd, e_in = e0, m[4], e, prev;
		for (int i = 0; i < 4; i++)
			m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)
								(p + 16 * i)), swap);
		prev = abcd;
		e = _mm_add_epi32(e0, m[0]);
		abcd = _mm_sha1rnds4_epu32(abcd, e, 0);
		/* Group g, with round function (and constant) f = g / 5. */
#define GROUP(g, f)                                                                 \
		do {                                                                \
			if ((g) >= 4)                                               \
				m[(g) & 3] = _mm_sha1msg2_epu32(                    \
					_mm_xor_si128(_mm_sha1msg1_epu32(m[(g) & 3], \
									 m[((g) + 1) & 3]), \
						      m[((g) + 2) & 3]),            \
					m[((g) + 3) & 3]);                          \
			e = _mm_sha1nexte_epu32(prev, m[(g) & 3]);                  \
			prev = abcd;                                                \
			abcd = _mm_sha1rnds4_epu32(abcd, e, f);                     \
		} while (0)
		GROUP(1, 0); GROUP(2, 0); GROUP(3, 0); GROUP(4, 0);
		GROUP(5, 1); GROUP(6, 1); GROUP(7, 1); GROUP(8, 1); GROUP(9, 1);
		GROUP(10, 2); GROUP(11, 2); GROUP(12, 2); GROUP(13, 2); GROUP(14, 2);
		GROUP(15, 3); GROUP(16, 3); GROUP(17, 3); GROUP(18, 3); GROUP(19, 3);
#undef GROUP
		/* E after 80 rounds is the A of round 76 rotated by 30. */
		e0 = _mm_sha1nexte_epu32(prev, e_in);
		abcd = _mm_add_epi32(abcd, abcd_in);
	}
	_mm_storeu_si128((__m128i *)(void *)h, _mm_shuffle_epi32(abcd, 0x1b));
	h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

static bool cpu_has_sha(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3))
		return false;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return false;
	return (b & (1u << 29)) != 0;     /* SHA */
}
#endif

/* -1: not looked at yet; 0: portable C; 1: the SHA instructions. */
static int hw = -1;

bool sha1_hardware(void)
{
	if (hw < 0) {
#ifdef SHA1_X86
		hw = cpu_has_sha();
#else
		hw = 0;
#endif
	}
	return hw == 1;
}

bool sha1_use_hardware(bool on)
{
	bool was = sha1_hardware();
	if (!on)
		hw = 0;
	else
		hw = -1, (void)sha1_hardware();
	return was;
}

static void compress(uint32_t h[5], const unsigned char *p, size_t nblocks)
{
#ifdef SHA1_X86
	if (sha1_hardware()) {
		compress_x86(h, p, nblocks);
		return;
	}
#endif
	compress_c(h, p, nblocks);
}

void sha1_init(struct sha1 *c)
{
	static const uint32_t h0[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
	};
	memcpy(c->h, h0, sizeof(h0));
	c->total = 0;
	c->used = 0;
}

void sha1_update(struct sha1 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	c->total += len;
	if (c->used) {
		size_t take = 64 - c->used < len ? 64 - c->used : len;
		memcpy(c->block + c->used, p, take);
		c->used += take;
		p += take;
		len -= take;
		if (c->used < 64)
			return;
		compress(c->h, c->block, 1);
		c->used = 0;
	}
	if (len >= 64) {
		compress(c->h, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
	}
	if (len) {
		memcpy(c->block, p, len);
		c->used = len;
	}
}

/* 5.1.1: a 1 bit, zeros to 448 bits mod 512, the length in bits. */
void sha1_final(struct sha1 *c, unsigned char out[SHA1_LEN])
{
	uint64_t bits = c->total * 8;
	unsigned char pad[72];
	size_t n = (c->used < 56 ? 56 : 120) - c->used;
	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	for (int i = 0; i < 8; i++)
		pad[n + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(c, pad, n + 8);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void sha1_digest(const void *data, size_t len, unsigned char out[SHA1_LEN])
{
	struct sha1 c;
	sha1_init(&c);
	sha1_update(&c, data, len);
	sha1_final(&c, out);
}
