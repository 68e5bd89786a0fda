/*
 * ics: the meetings as an iCalendar feed (RFC 5545) a council's calendar
 * or a member's phone subscribes to.  Times are floating (the committee's
 * own local time, as the agenda gives it); the UID is the meeting's id,
 * so an event keeps its identity from one export to the next.
 */
#include "tui/render/data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Appends one content line, folded so that no line is over 75 octets
 * (a fold never splits a UTF-8 character), ended by CRLF. */
static void line(struct buf *out, const char *s)
{
	size_t len = strlen(s), col = 0;
	for (size_t i = 0; i < len;) {
		size_t n = 1;
		while (i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80)
			n++;
		if (col + n > 75) {
			buf_addstr(out, "\r\n ");
			col = 1;
		}
		buf_add(out, s + i, n);
		col += n;
		i += n;
	}
	buf_addstr(out, "\r\n");
}

/* A TEXT value: backslash, semicolon, comma and line breaks escaped. */
static void text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			buf_addf(b, "\\%c", *s);
		else if (*s == '\n')
			buf_addstr(b, "\\n");
		else
			buf_addch(b, *s);
	}
}

static void prop(struct buf *out, const char *name, const char *value)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s:", name);
	text(&b, value);
	line(out, b.data);
	buf_free(&b);
}

void render_ics_begin(struct buf *out)
{
	line(out, "BEGIN:VCALENDAR");
	line(out, "VERSION:2.0");
	line(out, "PRODID:-//gavel//gavel " GAVEL_VERSION "//EN");
	line(out, "CALSCALE:GREGORIAN");
	line(out, "METHOD:PUBLISH");
}

void render_ics_end(struct buf *out)
{
	line(out, "END:VCALENDAR");
}

/* "20180315T100000Z" from "2018-03-15T11:00:00+01:00". */
static void utc_stamp(char out[17], const char *iso)
{
	struct tm tm = { 0 };
	int off_h = 0, off_m = 0;
	char sign = '+';
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &tm.tm_year, &tm.tm_mon,
			   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &sign, &off_h,
			   &off_m) < 6) {
		snprintf(out, 17, "19700101T000000Z");
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	long off = (long)off_h * 3600 + (long)off_m * 60;
	t -= sign == '-' ? -off : off;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static bool has(const char *s)
{
	return s && *s;
}

void render_ics_event(struct buf *out, const char *id, const struct agenda *ag,
		      const struct minutes *m, const char *url, const char *stamp)
{
	struct buf b = BUF_INIT;
	const char *date = ag && ag->date[0] ? ag->date : m ? m->date : "";
	const char *start = ag && ag->start[0] ? ag->start : m ? m->start : "";
	const char *venue = ag && has(ag->venue) ? ag->venue : m ? m->venue : NULL;
	const char *committee = ag && has(ag->committee) ? ag->committee
				: m ? m->committee : NULL;
	char ds[9] = "";
	if (strlen(date) == 10)
		snprintf(ds, sizeof(ds), "%.4s%.2s%.2s", date, date + 5, date + 8);
	char st[17];
	utc_stamp(st, stamp);

	line(out, "BEGIN:VEVENT");
	buf_addf(&b, "UID:");
	text(&b, id);
	buf_addstr(&b, "@gavel");
	line(out, b.data);
	buf_reset(&b);
	buf_addf(&b, "DTSTAMP:%s", st);
	line(out, b.data);
	buf_reset(&b);
	if (strlen(start) == 5)
		buf_addf(&b, "DTSTART:%sT%.2s%.2s00", ds, start, start + 3);
	else
		buf_addf(&b, "DTSTART;VALUE=DATE:%s", ds);
	line(out, b.data);
	buf_reset(&b);
	/* The end, when the minutes record it on a meeting with a start. */
	if (strlen(start) == 5 && m && strlen(m->end) == 5 && strcmp(m->end, start) > 0) {
		buf_addf(&b, "DTEND:%sT%.2s%.2s00", ds, m->end, m->end + 3);
		line(out, b.data);
		buf_reset(&b);
	}
	buf_addstr(&b, has(committee) ? committee : id);
	prop(out, "SUMMARY", b.data);
	buf_reset(&b);
	if (has(venue))
		prop(out, "LOCATION", venue);
	if (ag && ag->nitems) {
		buf_addstr(&b, "Agenda:");
		for (size_t i = 0; i < ag->nitems; i++)
			buf_addf(&b, "\n%s%s%s", has(ag->items[i].number) ? ag->items[i].number : "",
				 has(ag->items[i].number) ? ". " : "",
				 has(ag->items[i].title) ? ag->items[i].title : "(untitled)");
		prop(out, "DESCRIPTION", b.data);
		buf_reset(&b);
	}
	if (url) {
		buf_addstr(&b, "URL:");
		render_url_encode(&b, url);
		line(out, b.data);
		buf_reset(&b);
	}
	line(out, "END:VEVENT");
	buf_free(&b);
}
