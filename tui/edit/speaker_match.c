/* speaker_match: a typed speaker's name resolved as clerks type names. */
#include "tui/edit/speaker_match.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define NORM_MAX 256

static const char *const titles[] = {
	"cllr", "councillor", "mr", "mrs", "ms", "miss", "mx", "dr", "doctor",
	"prof", "professor", "sir", "dame", "lord", "lady", "baroness", "baron",
	"rev", "revd", "reverend", "canon", "alderman", "cllr.", "hon", "rt",
	NULL,
};

/* The offices a clerk names by their title, each with the ways it is
 * said; the first is what the others come to. */
static const char *const roles[][6] = {
	{ "chair", "chairman", "chairwoman", "chairperson", "madam chair", "mr chairman" },
	{ "vice chair", "vice chairman", "vice chairwoman", "vice chairperson", NULL, NULL },
	{ "deputy chair", "deputy chairman", "deputy chairwoman", "deputy chairperson",
	  NULL, NULL },
};

bool speaker_is_title(const char *word, size_t len)
{
	if (len && word[len - 1] == '.')
		len--;
	for (size_t i = 0; titles[i]; i++)
		if (strlen(titles[i]) == len && !strncasecmp(titles[i], word, len))
			return true;
	return false;
}

/* s (len bytes) in lower case (ASCII letters), spaces collapsed, the
 * ends trimmed; hyphens as spaces when `hyphens`.  Cut at NORM_MAX. */
static void norm(const char *s, size_t len, char out[NORM_MAX], bool hyphens)
{
	size_t n = 0;
	bool space = true;
	for (size_t i = 0; i < len && n + 1 < NORM_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (hyphens && c == '-')
			c = ' ';
		if (c == ' ' || c == '\t') {
			if (!space)
				out[n++] = ' ';
			space = true;
			continue;
		}
		out[n++] = (char)tolower(c);
		space = false;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
}

/* The normalised name past its titles (and a leading "the"), keeping at
 * least one word. */
static const char *untitled(const char *s)
{
	for (;;) {
		const char *sp = strchr(s, ' ');
		if (!sp)
			return s;
		size_t w = (size_t)(sp - s);
		if (!speaker_is_title(s, w) && !(w == 3 && !strncmp(s, "the", 3)))
			return s;
		s = sp + 1;
	}
}

/* The office `s` names as its first spelling, or NULL. */
static const char *office(const char *s, size_t len)
{
	char n[NORM_MAX];
	const char *cut = memchr(s, ',', len);
	const char *paren = memchr(s, '(', len);
	if (cut)
		len = (size_t)(cut - s);
	if (paren && (size_t)(paren - s) < len)
		len = (size_t)(paren - s);
	norm(s, len, n, true);
	const char *p = n;
	if (!strncmp(p, "the ", 4))
		p += 4;
	for (size_t r = 0; r < sizeof(roles) / sizeof(roles[0]); r++)
		for (size_t k = 0; k < 6 && roles[r][k]; k++)
			if (!strcmp(p, roles[r][k]))
				return roles[r][0];
	return NULL;
}

enum stage { BY_NAME, BY_UNTITLED, BY_TITLED_SURNAME, BY_SURNAME, BY_ROLE };

/* The title a normalised name starts with, as one spelling ("councillor"
 * as "cllr"), or "" when it has none. */
static const char *title_of(const char *s)
{
	static const char *const same[][2] = {
		{ "councillor", "cllr" }, { "doctor", "dr" }, { "professor", "prof" },
		{ "revd", "rev" }, { "reverend", "rev" },
	};
	const char *sp = strchr(s, ' ');
	size_t w = sp ? (size_t)(sp - s) : 0;
	if (!w || !speaker_is_title(s, w))
		return "";
	if (s[w - 1] == '.')
		w--;
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		if (strlen(same[i][0]) == w && !strncmp(s, same[i][0], w))
			return same[i][1];
	for (size_t i = 0; titles[i]; i++)
		if (strlen(titles[i]) == w && !strncmp(s, titles[i], w))
			return titles[i];
	return "";
}

static bool matches(enum stage st, const struct speaker_cand *c, const char *typed,
		    const char *role)
{
	char n[NORM_MAX];
	norm(c->name, strlen(c->name), n, false);
	switch (st) {
	case BY_NAME: return !strcmp(n, typed);
	case BY_UNTITLED: return !strcmp(untitled(n), untitled(typed));
	case BY_TITLED_SURNAME:
		/* "Mr Cole" is the Cole who is a Mr, when one is. */
		if (!*title_of(typed) || strcmp(title_of(typed), title_of(n)))
			return false;
		/* fall through */
	case BY_SURNAME: {
		/* The name's last words: "Reid", and a surname of more than
		 * one word ("Ní Bhriain", "van der Berg"). */
		const char *t = untitled(typed);
		size_t ln = strlen(n), lt = strlen(t);
		return lt < ln && n[ln - lt - 1] == ' ' && !strcmp(n + ln - lt, t);
	}
	case BY_ROLE: {
		const char *o = c->role ? office(c->role, strlen(c->role)) : NULL;
		return o && !strcmp(o, role);
	}
	}
	return false;
}

enum speaker_how speaker_match(const struct speaker_cand *v, size_t n,
			       const char *typed, size_t len, size_t *who)
{
	char t[NORM_MAX];
	norm(typed, len, t, false);
	*who = 0;
	if (!*t)
		return SPEAKER_NONE;
	const char *role = office(typed, len);
	for (enum stage st = role ? BY_ROLE : BY_NAME; st <= BY_ROLE; st++) {
		if (st == BY_ROLE && !role)
			break;
		size_t here = 0, away = 0, first_here = 0, first_away = 0;
		for (size_t i = 0; i < n; i++) {
			if (!v[i].name || !matches(st, &v[i], t, role))
				continue;
			if (v[i].away) {
				if (!away++)
					first_away = i;
			} else if (!here++) {
				first_here = i;
			}
		}
		if (here == 1 || (!here && away == 1)) {
			*who = here ? first_here : first_away;
			return SPEAKER_FOUND;
		}
		if (here || away) {
			*who = here ? first_here : first_away;
			return SPEAKER_AMBIGUOUS;
		}
	}
	return SPEAKER_NONE;
}

/* Lower-case words a name or a role may hold past its first. */
static bool particle(const char *w, size_t len)
{
	static const char *const p[] = {
		"of", "de", "van", "von", "der", "le", "la", "da", "du", "di", "ní",
		"nic", "mac", "bin", "al", "the", "for", NULL,
	};
	for (size_t i = 0; p[i]; i++)
		if (strlen(p[i]) == len && !strncmp(p[i], w, len))
			return true;
	return false;
}

size_t speaker_prefix(const char *s)
{
	const char *colon = strstr(s, ": ");
	if (!colon || colon == s || colon - s > 80)
		return 0;
	size_t len = (size_t)(colon - s), words = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t start = i;
		while (i < len && s[i] != ' ') {
			unsigned char c = (unsigned char)s[i];
			if (isdigit(c) || strchr(",;:()[]?!\"/&*", c))
				return 0;
			i++;
		}
		unsigned char first = (unsigned char)s[start];
		bool capital = isupper(first) || first >= 0x80;
		if (!capital && (words == 0 || !particle(s + start, i - start)))
			return 0;
		if (++words > 6)
			return 0;
	}
	return words ? len : 0;
}
