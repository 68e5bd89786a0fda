/*
 * trailer: the line gavel adds to every commit it makes ("Made-by: gavel
 * 0.1.0", archive.h's ARCHIVE_MADE_BY), so that a commit made with plain
 * git, which lacks it, can be told apart in gavel log, the history view
 * and blame.  The line joins the message's trailer paragraph (a
 * Correction:, say) as its last line, or starts one after a blank line,
 * as git interpret-trailers would.
 */
#include "minutes/git/archive.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Where the last paragraph of `s` (len bytes, no final line breaks)
 * starts; 0 when it is the only one. */
static size_t last_paragraph(const char *s, size_t len)
{
	for (size_t i = len; i > 1; i--)
		if (s[i - 1] == '\n' && s[i - 2] == '\n')
			return i;
	return 0;
}

/* Whether a line is a trailer, "Token: value" (git's form). */
static bool trailer_line(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (isalnum((unsigned char)s[i]) || (i && s[i] == '-')))
		i++;
	return i > 0 && i < len && s[i] == ':';
}

/* Whether the paragraph s[from, len) is all trailers. */
static bool trailer_block(const char *s, size_t from, size_t len)
{
	if (from == 0)
		return false;       /* the summary is never a trailer block */
	for (size_t i = from; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		if (!trailer_line(s + i, e - i))
			return false;
		i = e + 1;
	}
	return true;
}

void archive_add_made_by(struct buf *msg)
{
	if (archive_made_by_gavel(msg->data))
		return;
	while (msg->len && (msg->data[msg->len - 1] == '\n' || msg->data[msg->len - 1] == ' '))
		msg->len--;
	msg->data[msg->len] = '\0';
	/* Into the trailer paragraph (a Correction:, say) when there is one,
	 * so that git and audit_is_correction see both; else a new one. */
	if (!trailer_block(msg->data, last_paragraph(msg->data, msg->len), msg->len))
		buf_addch(msg, '\n');
	buf_addf(msg, "\n%s gavel %s\n", ARCHIVE_MADE_BY, GAVEL_VERSION);
}

bool archive_made_by_gavel(const char *message)
{
	if (!message)
		return false;
	size_t len = strlen(message), kl = strlen(ARCHIVE_MADE_BY);
	while (len && (message[len - 1] == '\n' || message[len - 1] == ' '))
		len--;
	size_t from = last_paragraph(message, len);
	if (!trailer_block(message, from, len))
		return false;
	for (size_t i = from; i < len;) {
		const char *nl = memchr(message + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - message) : len;
		if (e - i > kl + 6 && !strncasecmp(message + i, ARCHIVE_MADE_BY, kl) &&
		    !strncmp(message + i + kl, " gavel", 6))
			return true;
		i = e + 1;
	}
	return false;
}
