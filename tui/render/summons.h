/*
 * summons: a meeting's agenda as councils publish it before the meeting,
 * the notice of the meeting: the committee, "Notice of meeting", when and
 * where it will be held, the chair, the membership, and the numbered
 * agenda with each item's purpose, presenters, supporting documents, the
 * minutes it confirms and, for an exempt item, the reason the public may
 * be excluded.  In text, Markdown and HTML, as the minutes are (render.h).
 */
#ifndef GAVEL_SUMMONS_H
#define GAVEL_SUMMONS_H

#include "agenda/agenda.h"
#include "agenda/committee.h"
#include "minutes/base/buf.h"
#include "tui/render/render.h"

/* `c` (may be NULL: no membership listed) is the committee's file;
 * `origin` (may be NULL) the closing provenance line. */
void render_summons_text(const struct agenda *a, const struct committee *c,
			 const struct render_origin *origin, unsigned width,
			 struct buf *out);
void render_summons_markdown(const struct agenda *a, const struct committee *c,
			     const struct render_origin *origin, struct buf *out);
/* One standalone page, polyglot markup as render_html's; `nav` as there
 * (its home and committee links and its doc_href are used). */
void render_summons_html(const struct agenda *a, const struct committee *c,
			 const struct render_origin *origin, const struct html_nav *nav,
			 struct buf *out);

#endif
