/*
 * render_item: one item of the minutes in the order published minutes
 * give it, told to a sink that each form (text, Markdown, HTML) lays out.
 * Exempt business stops after its heading, reason and the exempt line
 * unless the options include it.
 */
#include "tui/render/render.h"

#include <string.h>

static bool has(const char *s)
{
	return s && *s;
}

void render_item_body(const struct render_sink *s, void *ctx, const struct minutes *m,
		      const struct agenda *ag, const struct minutes_item *it,
		      const struct render_opts *o)
{
	struct buf b = BUF_INIT;
	render_item_heading(&b, m, it);
	s->heading(ctx, 2, b.data);
	buf_reset(&b);
	if (render_item_times(&b, m, it)) {
		s->note(ctx, b.data);
		buf_reset(&b);
	}
	if (render_item_fate(&b, m, it)) {
		s->para(ctx, b.data);
		buf_reset(&b);
	}
	const char *exempt = render_exempt(ag, it);
	if (exempt) {
		buf_addf(&b, "Exempt from publication: %s", exempt);
		if (b.len && !strchr(".?!", b.data[b.len - 1]))
			buf_addch(&b, '.');
		s->para(ctx, b.data);
		buf_reset(&b);
		if (!o || !o->include_exempt) {
			s->para(ctx, RENDER_EXEMPT_LINE);
			buf_free(&b);
			return;
		}
	}
	if (has(it->summary) || it->ncomments || it->nupdates) {
		s->heading(ctx, 3, "Minutes:");
		if (has(it->summary))
			s->para(ctx, it->summary);
		for (size_t i = 0; i < it->nupdates; i++) {
			const struct action_update *u = &it->updates[i];
			const char *text = o && o->action_text ? o->action_text(o->ctx, u->action)
				: NULL;
			render_update(&b, u, text);
			s->para(ctx, b.data);
			buf_reset(&b);
		}
		if (it->ncomments) {
			s->heading(ctx, 4, "The following comments were made:");
			for (size_t i = 0; i < it->ncomments; i++) {
				const struct comment *c = &it->comments[i];
				if (has(c->by))
					buf_addf(&b, "%s: ", c->by);
				buf_addstr(&b, has(c->text) ? c->text : "");
				s->item(ctx, b.data);
				buf_reset(&b);
			}
		}
	}
	if (it->nmotions || has(it->decision) || render_votes(&b, it)) {
		buf_reset(&b);
		s->heading(ctx, 3, "Decision:");
		for (size_t i = 0; i < it->nmotions; i++) {
			render_motion(&b, &it->motions[i]);
			s->para(ctx, b.data);
			buf_reset(&b);
			/* Carried with no decision typed: the motion is the
			 * decision, minuted as councils do. */
			if (minutes_motion_decides(it, &it->motions[i])) {
				minutes_motion_resolution(&b, &it->motions[i]);
				s->para(ctx, b.data);
				buf_reset(&b);
			}
		}
		if (has(it->decision))
			s->para(ctx, it->decision);
		if (render_votes(&b, it)) {
			s->para(ctx, b.data);
			buf_reset(&b);
		}
	}
	for (size_t i = 0; i < it->nactions; i++) {
		render_action(&b, &it->actions[i]);
		s->para(ctx, b.data);
		buf_reset(&b);
	}
	if (it->documents.n) {
		s->heading(ctx, 3, "Supporting documents:");
		for (size_t i = 0; i < it->documents.n; i++)
			s->document(ctx, &it->documents.v[i]);
	}
	buf_free(&b);
}
