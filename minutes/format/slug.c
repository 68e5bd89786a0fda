/* slug: safe folder names from committee names, and meeting ids. */
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Base letters of U+00C0..U+017F; digits stand for two letters, '-' for none. */
static const char latin_fold[] =
	"aaaaaa1ceeeeiiiidnooooo-ouuuuy23"      /* U+00C0 */
	"aaaaaa1ceeeeiiiidnooooo-ouuuuy2y"      /* U+00E0 */
	"aaaaaaccccccccdd"                       /* U+0100 */
	"ddeeeeeeeeeegggg"
	"gggghhhhiiiiiiii"
	"ii44jjkkklllllll"
	"lllnnnnnnnnnoooo"
	"oo55rrrrrrssssss"
	"ssttttttuuuuuuuu";                      /* U+0160 */

static const char latin_fold_tail[] =
	"uuuuwwyyyzzzzzzs";                      /* U+0170 */

static const char *const pairs[] = { "", "ae", "th", "ss", "ij", "oe" };

static void add_hyphen(char *out, size_t *n)
{
	if (*n > 0 && out[*n - 1] != '-' && *n < SLUG_MAX)
		out[(*n)++] = '-';
}

static void add_str(char *out, size_t *n, const char *s)
{
	for (; *s && *n < SLUG_MAX; s++)
		out[(*n)++] = *s;
}

void slug_make(const char *name, char out[SLUG_MAX + 1])
{
	const unsigned char *p = (const unsigned char *)name;
	size_t len = strlen(name), n = 0, i = 0;

	while (i < len && n < SLUG_MAX) {
		uint32_t cp;
		int k = utf8_decode(p + i, len - i, &cp);
		if (k <= 0) {
			add_hyphen(out, &n);
			i++;
			continue;
		}
		i += (size_t)k;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			out[n++] = (char)cp;
		} else if (cp >= 'A' && cp <= 'Z') {
			out[n++] = (char)(cp - 'A' + 'a');
		} else if (cp >= 0x300 && cp <= 0x36F) {
			continue;       /* a combining accent: the letter before it stands */
		} else if (cp >= 0xC0 && cp <= 0x17F) {
			char c = cp < 0x170 ? latin_fold[cp - 0xC0] : latin_fold_tail[cp - 0x170];
			if (c == '-')
				add_hyphen(out, &n);
			else if (c >= '1' && c <= '5')
				add_str(out, &n, pairs[c - '0']);
			else
				out[n++] = c;
		} else {
			add_hyphen(out, &n);
		}
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	if (n == 0) {
		/* Nothing Latin in the name: a stable short hash names it. */
		uint32_t h = 2166136261u;
		for (i = 0; i < len; i++)
			h = (h ^ p[i]) * 16777619u;
		snprintf(out, SLUG_MAX + 1, "committee-%08x", h);
	}
}

bool slug_valid(const char *s, size_t len)
{
	if (len == 0 || len > SLUG_MAX || s[0] == '-' || s[len - 1] == '-')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '-') {
			if (s[i + 1] == '-')
				return false;
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			return false;
		}
	}
	return true;
}

bool slug_meeting_folder_valid(const char *s, size_t len)
{
	if (len < 10 || !yr_date_valid(s, 10))
		return false;
	if (len == 10)
		return true;
	if (s[10] != '-' || len > 15 || len == 11 || s[11] == '0')
		return false;
	for (size_t i = 11; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return !(len == 12 && s[11] == '1');    /* the first meeting has no -1 */
}

bool slug_meeting_id_valid(const char *id)
{
	const char *slash = strchr(id, '/');
	if (!slash)
		return false;
	return slug_valid(id, (size_t)(slash - id)) &&
	       slug_meeting_folder_valid(slash + 1, strlen(slash + 1));
}
