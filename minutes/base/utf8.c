/* utf8: validating and describing UTF-8 text. */
#include "minutes/base/utf8.h"

#include <string.h>
#include <utf8proc.h>

int utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	int n;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; v = c & 0x07; min = 0x10000;
	} else {
		return -1;
	}
	for (int i = 1; i < n; i++) {
		if ((size_t)i >= len)
			return 0;
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		v = (v << 6) | (s[i] & 0x3F);
		/* Reject overlong and out-of-range forms as early as possible,
		 * so a truncated sequence is told apart from a wrong one. */
		if (i == 1 && n == 3 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F)))
			return -1;
		if (i == 1 && n == 4 && ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F)))
			return -1;
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	*cp = v;
	return n;
}

bool utf8_forbidden(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n';
	if (cp >= 0x7F && cp <= 0x9F)
		return true;
	return cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
	       cp == 0xFFFE || cp == 0xFFFF;
}

bool utf8_clean(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			i++;
			continue;
		}
		int n = utf8_decode(p + i, len - i, &cp);
		if (n <= 0 || utf8_forbidden(cp)) {
			if (bad)
				*bad = i;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

static const char *const c0_names[32] = {
	"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
	"BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI",
	"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
	"CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
};

void utf8_describe(struct buf *out, uint32_t cp)
{
	const char *name = NULL;
	if (cp < 32)
		name = c0_names[cp];
	else if (cp == 0x7F)
		name = "DEL";
	else if (cp == 0x85)
		name = "NEL, next line";
	else if (cp == 0x2028)
		name = "line separator";
	else if (cp == 0x2029)
		name = "paragraph separator";
	else if (cp == 0xFEFF)
		name = "byte order mark";
	else if (cp >= 0x80 && cp <= 0x9F)
		name = "C1 control";
	buf_addf(out, "U+%04X", (unsigned)cp);
	if (name)
		buf_addf(out, " (%s)", name);
}

void utf8_add_visible(struct buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(p + i, len - i, &cp);
		if (n <= 0) {
			buf_addf(out, "\\x%02X", p[i]);
			i++;
			continue;
		}
		if (cp < 0x20 && cp != '\t' && cp != '\n')
			buf_addf(out, "^%c", (char)(cp + 0x40));
		else if (cp == 0x7F)
			buf_addstr(out, "^?");
		else if (cp >= 0x80 && cp <= 0x9F)
			buf_addf(out, "\\u%04X", (unsigned)cp);
		else if (utf8_forbidden(cp))	/* U+2028, U+FEFF, ... */
			buf_addf(out, "\\u%04X", (unsigned)cp);
		else
			buf_add(out, s + i, (size_t)n);
		i += (size_t)n;
	}
}

/* ---- columns and clusters ---- */

int utf8_char_width(uint32_t cp)
{
	if ((cp >= 0x20 && cp < 0x7F) || cp == '\t' || cp == '\n')
		return 1;
	if (cp < 0x20 || cp == 0x7F)
		return 2;			/* ^[ */
	if (utf8_forbidden(cp))
		return 6;			/* \u0085 */
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
	/* Unassigned: drawn as U+FFFD, one column. */
	return p->category == UTF8PROC_CATEGORY_CN ? 1 : p->charwidth;
}

unsigned utf8_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			w++;
			i++;
			continue;
		}
		int n = utf8_decode(p + i, len - i, &cp);
		if (n <= 0) {
			w += UTF8_BAD_BYTE_WIDTH;
			i++;
			continue;
		}
		w += (unsigned)utf8_char_width(cp);
		i += (size_t)n;
	}
	return w;
}

bool utf8_assigned(uint32_t cp)
{
	return utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_CN;
}

/* The character at p, or -1 for a byte that is not UTF-8 (*n = 1). */
static int32_t char_at(const char *s, size_t len, size_t p, size_t *n)
{
	uint32_t cp;
	int k = utf8_decode((const unsigned char *)s + p, len - p, &cp);
	if (k <= 0) {
		*n = 1;
		return -1;
	}
	*n = (size_t)k;
	return (int32_t)cp;
}

size_t utf8_cluster_next(const char *s, size_t len, size_t pos)
{
	size_t n;
	if (pos >= len)
		return len;
	int32_t prev = char_at(s, len, pos, &n);
	utf8proc_int32_t state = 0;
	pos += n;
	if (prev < 0)
		return pos;
	while (pos < len) {
		int32_t cp = char_at(s, len, pos, &n);
		if (cp < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		pos += n;
	}
	return pos;
}

/* A position at or before `pos` (< len) where a cluster surely starts,
 * so that walking forward from it finds the boundaries: the start, the
 * character after a LF, or an ASCII character after another (Unicode
 * breaks between two of them, CR LF aside).  Near in any text with
 * ASCII in it. */
static size_t sure_start(const char *s, size_t pos)
{
	const unsigned char *p = (const unsigned char *)s;
	while (pos > 0) {
		if (p[pos - 1] == '\n')
			return pos;
		if (p[pos] < 0x80 && p[pos - 1] < 0x80 && p[pos - 1] != '\r')
			return pos;
		pos--;
	}
	return 0;
}

size_t utf8_cluster_prev(const char *s, size_t len, size_t pos)
{
	if (pos == 0)
		return 0;
	if (pos > len)
		pos = len;
	size_t b = sure_start(s, pos - 1);
	for (;;) {
		size_t next = utf8_cluster_next(s, len, b);
		if (next >= pos)
			return b;
		b = next;
	}
}

bool utf8_cluster_boundary(const char *s, size_t len, size_t pos)
{
	if (pos == 0 || pos >= len)
		return true;
	if (((unsigned char)s[pos] & 0xC0) == 0x80)
		return false;
	size_t b = sure_start(s, pos);
	while (b < pos)
		b = utf8_cluster_next(s, len, b);
	return b == pos;
}

int utf8_cluster_width(const char *s, size_t len)
{
	size_t p = 0, n;
	int w = 0;
	while (p < len) {
		int32_t cp = char_at(s, len, p, &n);
		int cw = cp < 0 ? UTF8_BAD_BYTE_WIDTH : utf8_char_width((uint32_t)cp);
		/* A mark with no base is drawn on a space. */
		if (p == 0 && cw == 0)
			cw = 1;
		w += cw;
		p += n;
	}
	return w;
}

size_t utf8_fit(const char *s, size_t len, unsigned cols, bool at_least_one)
{
	size_t i = 0;
	unsigned used = 0;
	while (i < len) {
		size_t next = utf8_cluster_next(s, len, i);
		unsigned w = (unsigned)utf8_cluster_width(s + i, next - i);
		if (used + w > cols && !(at_least_one && i == 0))
			break;
		used += w;
		i = next;
	}
	return i;
}

size_t utf8_fit_words(const char *s, size_t len, unsigned cols, bool *cut)
{
	*cut = false;
	if (utf8_width(s, len) <= cols)
		return len;
	*cut = true;
	if (!cols)
		return 0;
	size_t fit = utf8_fit(s, len, cols - 1, false);
	size_t end = fit;
	if (fit < len && s[fit] != ' ') {
		/* Back to the space before the word the room cuts. */
		size_t k = fit;
		while (k > 0 && s[k - 1] != ' ')
			k--;
		if (k > 0)
			end = k;
	}
	while (end > 0 && strchr(" ,;:-(", s[end - 1]))
		end--;
	return end;
}
