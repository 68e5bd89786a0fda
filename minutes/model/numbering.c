/* numbering: minute numbers through a committee's year. */
#include "minutes/model/numbering.h"

#include <stdio.h>
#include <string.h>

static bool read_md(const char *s, unsigned *mo, unsigned *d)
{
	char extra;
	if (!s || strlen(s) != 5 || s[2] != '-' ||
	    sscanf(s, "%2u-%2u%c", mo, d, &extra) != 2)
		return false;
	return *mo >= 1 && *mo <= 12 && *d >= 1 && *d <= 31;
}

bool numbering_year_start(const char *date, const char *year_starts, char out[11])
{
	unsigned y, mo, d, smo = 1, sd = 1;
	char extra;
	if (!date || strlen(date) != 10 ||
	    sscanf(date, "%4u-%2u-%2u%c", &y, &mo, &d, &extra) != 3)
		return false;
	if (year_starts && *year_starts && !read_md(year_starts, &smo, &sd))
		return false;
	/* Before this calendar year's start day: the year began last year. */
	if (mo < smo || (mo == smo && d < sd))
		y--;
	snprintf(out, 11, "%04u-%02u-%02u", y % 10000, smo, sd);
	return true;
}

bool numbering_same_year(const char *a, const char *b, const char *year_starts)
{
	char sa[11], sb[11];
	return numbering_year_start(a, year_starts, sa) &&
	       numbering_year_start(b, year_starts, sb) && !strcmp(sa, sb);
}

unsigned numbering_highest(const struct minutes *m)
{
	unsigned hi = 0;
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i]->minute > hi)
			hi = m->items[i]->minute;
	return hi;
}

unsigned numbering_next(const struct minutes *m, unsigned earlier)
{
	unsigned hi = numbering_highest(m);
	return (hi > earlier ? hi : earlier) + 1;
}

bool numbering_assign(struct minutes *m, struct minutes_item *it, unsigned earlier)
{
	if (it->status != ITEM_TAKEN) {
		if (!it->minute)
			return false;
		it->minute = 0;
		return true;
	}
	if (it->minute)
		return false;
	it->minute = numbering_next(m, earlier);
	return true;
}
