/*
 * sync_tags: the confirmation tags' half of archive_sync (see archive.h
 * for the rules, sync.c for the whole).  Every clone is a witness: a tag
 * confirmed/ID, once this clone and the remote agreed on it, is never
 * replaced here nor pushed over there; a difference is kept and reported.
 *
 * Three refs a tag: ours (refs/tags/confirmed/ID), the remote's as just
 * fetched (refs/gavel/fetching/REMOTE/confirmed/ID, a scratch copy that
 * lives only during the sync), and the one both last agreed on
 * (refs/gavel/seen/REMOTE/confirmed/ID).
 */
#include "minutes/git/archive_priv.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG_PREFIX "confirmed/"

enum tag_action {
	TAG_AGREE,      /* the same on both sides, or absent on both */
	TAG_PUSH,       /* only ours, and the remote never had it */
	TAG_TAKE,       /* only theirs, and we never had it */
	TAG_CONFLICT,   /* anything else */
};

struct sync_tag {
	char *name;                     /* confirmed/ID */
	git_oid ours, theirs, seen;
	bool has_ours, has_theirs, has_seen;
	enum tag_action action;
};

static void ref_name(struct buf *b, const char *space, const char *remote, const char *tag)
{
	buf_reset(b);
	if (remote)
		buf_addf(b, "refs/gavel/%s/%s/%s", space, remote, tag);
	else
		buf_addf(b, "refs/tags/%s", tag);
}

void archive_sync_tags_fetch_spec(struct sync *s, struct buf *spec)
{
	buf_addf(spec, "+refs/tags/" TAG_PREFIX "*:refs/gavel/fetching/%s/" TAG_PREFIX "*",
		 s->out->remote);
}

/* Deletes every ref under `prefix` (a scratch namespace). */
static void delete_under(struct archive *a, const char *prefix)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	struct buf glob = BUF_INIT;
	buf_addf(&glob, "%s*", prefix);
	if (git_reference_iterator_glob_new(&it, a->repo, glob.data) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_reference_delete(ref);
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	git_error_clear();
	buf_free(&glob);
}

void archive_sync_tags_clear(struct sync *s)
{
	struct buf prefix = BUF_INIT;
	buf_addf(&prefix, "refs/gavel/fetching/%s/" TAG_PREFIX, s->out->remote);
	delete_under(s->a, prefix.data);
	buf_free(&prefix);
	for (size_t i = 0; i < s->ntags; i++)
		free(s->tags[i].name);
	free(s->tags);
	s->tags = NULL;
	s->ntags = 0;
}

static struct sync_tag *tag_entry(struct sync *s, const char *name, size_t *cap)
{
	for (size_t i = 0; i < s->ntags; i++)
		if (!strcmp(s->tags[i].name, name))
			return &s->tags[i];
	xgrow((void **)&s->tags, cap, s->ntags + 1, sizeof(*s->tags));
	struct sync_tag *t = &s->tags[s->ntags++];
	memset(t, 0, sizeof(*t));
	t->name = xstrdup(name);
	return t;
}

/* Adds the tags under `prefix` (whose names follow it) to the plan, as
 * ours (0), theirs (1) or seen (2). */
static void gather(struct sync *s, const char *prefix, int which, size_t *cap)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	struct buf glob = BUF_INIT;
	size_t pl = strlen(prefix);
	buf_addf(&glob, "%s" TAG_PREFIX "*", prefix);
	if (git_reference_iterator_glob_new(&it, s->a->repo, glob.data) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			const git_oid *id = git_reference_target(ref);
			if (id) {
				struct sync_tag *t = tag_entry(s, git_reference_name(ref) + pl, cap);
				git_oid *slot = which == 0 ? &t->ours : which == 1 ? &t->theirs : &t->seen;
				bool *has = which == 0 ? &t->has_ours : which == 1 ? &t->has_theirs
						       : &t->has_seen;
				git_oid_cpy(slot, id);
				*has = true;
			}
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	git_error_clear();
	buf_free(&glob);
}

/* The commit a tag object (or a commit) names, as hex; "" when none. */
static void commit_of(struct archive *a, const git_oid *id, char out[41])
{
	git_object *o = NULL, *c = NULL;
	out[0] = '\0';
	if (git_object_lookup(&o, a->repo, id, GIT_OBJECT_ANY) == 0 &&
	    git_object_peel(&c, o, GIT_OBJECT_COMMIT) == 0)
		git_oid_tostr(out, 41, git_object_id(c));
	git_object_free(c);
	git_object_free(o);
	git_error_clear();
}

static void add_conflict(struct sync *s, const struct sync_tag *t, const char *kept)
{
	struct archive_sync_result *r = s->out;
	r->tag_conflicts = xrealloc(r->tag_conflicts,
				    (r->ntag_conflicts + 1) * sizeof(*r->tag_conflicts));
	struct archive_sync_tag *c = &r->tag_conflicts[r->ntag_conflicts++];
	memset(c, 0, sizeof(*c));
	c->meeting = xstrdup(t->name + strlen(TAG_PREFIX));
	if (t->has_ours) {
		git_oid_tostr(c->here, sizeof(c->here), &t->ours);
		commit_of(s->a, &t->ours, c->here_commit);
	}
	if (t->has_theirs) {
		git_oid_tostr(c->there, sizeof(c->there), &t->theirs);
		commit_of(s->a, &t->theirs, c->there_commit);
	}
	c->kept = xstrdup(kept);
}

static void tag_conflicts_reset(struct archive_sync_result *r)
{
	for (size_t i = 0; i < r->ntag_conflicts; i++) {
		free(r->tag_conflicts[i].meeting);
		free(r->tag_conflicts[i].kept);
	}
	free(r->tag_conflicts);
	r->tag_conflicts = NULL;
	r->ntag_conflicts = 0;
}

void archive_sync_tags_result_free(struct archive_sync_result *r)
{
	tag_conflicts_reset(r);
	archive_sync_list_free(r->tags_in, r->ntags_in);
	archive_sync_list_free(r->tags_out, r->ntags_out);
	archive_sync_list_free(r->tags_waiting, r->ntags_waiting);
	archive_sync_list_free(r->tags_settled, r->ntags_settled);
}

/* Sets refs/gavel/seen/REMOTE/TAG to `id`. */
static void set_seen(struct sync *s, const char *tag, const git_oid *id)
{
	struct buf name = BUF_INIT;
	git_reference *ref = NULL;
	ref_name(&name, "seen", s->out->remote, tag);
	if (git_reference_create(&ref, s->a->repo, name.data, id, 1,
				 "gavel sync: the confirmation tag both sides hold") == 0)
		git_reference_free(ref);
	git_error_clear();
	buf_free(&name);
}

/* Removes the kept conflict ref of `tag`, if there is one: the two agree. */
static void settle(struct sync *s, const char *tag)
{
	struct buf name = BUF_INIT;
	git_reference *ref = NULL;
	ref_name(&name, "conflicts", s->out->remote, tag);
	if (git_reference_lookup(&ref, s->a->repo, name.data) == 0 &&
	    git_reference_delete(ref) == 0)
		archive_sync_list_add(&s->out->tags_settled, &s->out->ntags_settled,
				      tag + strlen(TAG_PREFIX));
	git_reference_free(ref);
	git_error_clear();
	buf_free(&name);
}

/* Keeps the remote's side of a tag conflict: its tag, or, when it has
 * none, a blob saying so (a ref must name an object). */
static int keep(struct sync *s, struct sync_tag *t)
{
	struct buf name = BUF_INIT, note = BUF_INIT;
	git_reference *ref = NULL;
	git_oid id;
	int rc = 0;
	ref_name(&name, "conflicts", s->out->remote, t->name);
	if (t->has_theirs) {
		git_oid_cpy(&id, &t->theirs);
	} else {
		char here[41] = "";
		if (t->has_seen)
			git_oid_tostr(here, sizeof(here), &t->seen);
		buf_addf(&note, "%s has no tag %s: it was deleted there after both "
			 "sides held %s\n", s->out->remote, t->name, here);
		rc = git_blob_create_from_buffer(&id, s->a->repo, note.data, note.len);
	}
	if (rc == 0)
		rc = git_reference_create(&ref, s->a->repo, name.data, &id, 1,
					  "gavel sync: the remote's side of a tag conflict");
	git_reference_free(ref);
	if (rc < 0) {
		archive_fail(s->err, s->a->path, rc, "cannot keep the remote's tag %s under %s",
			     t->name, name.data);
		rc = ARCHIVE_ERROR;
	} else {
		add_conflict(s, t, name.data);
	}
	buf_free(&name);
	buf_free(&note);
	return rc;
}

int archive_sync_tags_plan(struct sync *s)
{
	struct buf prefix = BUF_INIT;
	size_t cap = 0;
	int rc = 0;
	for (size_t i = 0; i < s->ntags; i++)
		free(s->tags[i].name);
	s->ntags = 0;
	tag_conflicts_reset(s->out);
	gather(s, "refs/tags/", 0, &cap);
	buf_addf(&prefix, "refs/gavel/fetching/%s/", s->out->remote);
	gather(s, prefix.data, 1, &cap);
	buf_reset(&prefix);
	buf_addf(&prefix, "refs/gavel/seen/%s/", s->out->remote);
	gather(s, prefix.data, 2, &cap);
	buf_free(&prefix);
	for (size_t i = 0; i < s->ntags; i++) {
		struct sync_tag *t = &s->tags[i];
		if (t->has_ours && t->has_theirs)
			t->action = git_oid_equal(&t->ours, &t->theirs) ? TAG_AGREE : TAG_CONFLICT;
		else if (!t->has_ours && !t->has_theirs)
			t->action = TAG_AGREE;
		else if (t->has_seen)
			t->action = TAG_CONFLICT;       /* one side deleted it */
		else
			t->action = t->has_ours ? TAG_PUSH : TAG_TAKE;
		if (t->action == TAG_AGREE) {
			if (t->has_ours && (!t->has_seen || !git_oid_equal(&t->seen, &t->ours)))
				set_seen(s, t->name, &t->ours);
			settle(s, t->name);
		} else if (t->action == TAG_CONFLICT && keep(s, t) < 0) {
			rc = ARCHIVE_ERROR;
		}
	}
	return rc;
}

/* Whether the meeting of tag `name` is confirmed in the remote's branch. */
static bool confirmed_there(struct sync *s, const char *name)
{
	const char *id = name + strlen(TAG_PREFIX);
	git_oid tip;
	char hex[41];
	struct minutes *m = NULL;
	struct diags quiet;
	if (!slug_meeting_id_valid(id) || !archive_sync_ref_id(s->a, s->track_ref, &tip))
		return false;
	git_oid_tostr(hex, sizeof(hex), &tip);
	diags_init(&quiet);
	bool yes = meeting_load(s->a, id, hex, &m, NULL, &quiet) == 0 &&
		   m->status == MINUTES_CONFIRMED;
	minutes_free(m);
	diags_free(&quiet);
	return yes;
}

int archive_sync_tags_take(struct sync *s)
{
	struct buf name = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < s->ntags; i++) {
		struct sync_tag *t = &s->tags[i];
		const char *id = t->name + strlen(TAG_PREFIX);
		if (t->action != TAG_TAKE)
			continue;
		if (!confirmed_there(s, t->name)) {
			archive_sync_list_add(&s->out->tags_waiting, &s->out->ntags_waiting, id);
			continue;
		}
		git_reference *ref = NULL;
		ref_name(&name, NULL, NULL, t->name);
		int grc = git_reference_create(&ref, s->a->repo, name.data, &t->theirs, 0,
					       "gavel sync: the confirmation tag from the remote");
		git_reference_free(ref);
		if (grc < 0) {
			archive_fail(s->err, s->a->path, grc, "cannot take the tag %s from %s",
				     t->name, s->out->remote);
			rc = ARCHIVE_ERROR;
			break;
		}
		set_seen(s, t->name, &t->theirs);
		settle(s, t->name);
		archive_sync_list_add(&s->out->tags_in, &s->out->ntags_in, id);
	}
	buf_free(&name);
	return rc;
}

/* 1 when the remote refused (someone pushed the tag meanwhile). */
int archive_sync_tags_push(struct sync *s, git_push_options *po)
{
	char **specs = NULL;
	size_t n = 0;
	for (size_t i = 0; i < s->ntags; i++) {
		if (s->tags[i].action != TAG_PUSH)
			continue;
		struct buf spec = BUF_INIT;
		buf_addf(&spec, "refs/tags/%s:refs/tags/%s", s->tags[i].name, s->tags[i].name);
		specs = xrealloc(specs, (n + 1) * sizeof(*specs));
		specs[n++] = buf_detach(&spec, NULL);
	}
	if (!n)
		return 0;
	git_strarray refspecs = { specs, n };
	free(s->push_rejected);
	s->push_rejected = NULL;
	s->cred_calls = 0;
	int rc = git_remote_push(s->remote, &refspecs, po);
	archive_sync_list_free(specs, n);
	if (rc == GIT_ENONFASTFORWARD || (rc == 0 && s->push_rejected))
		return 1;
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < s->ntags; i++) {
		struct sync_tag *t = &s->tags[i];
		if (t->action != TAG_PUSH)
			continue;
		set_seen(s, t->name, &t->ours);
		settle(s, t->name);
		archive_sync_list_add(&s->out->tags_out, &s->out->ntags_out,
				      t->name + strlen(TAG_PREFIX));
	}
	return 0;
}

/* ---- for gavel verify ---- */

int archive_tag_conflicts(struct archive *a, const char *tag,
			  struct archive_tag_conflict **out, size_t *n,
			  struct diags *err)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	const char *base = "refs/gavel/conflicts/";
	size_t bl = strlen(base), tl = strlen(tag), cap = 0;
	*out = NULL;
	*n = 0;
	int rc = git_reference_iterator_glob_new(&it, a->repo, "refs/gavel/conflicts/*");
	while (rc == 0 && (rc = git_reference_next(&ref, it)) == 0) {
		const char *name = git_reference_name(ref);
		size_t nl = strlen(name);
		const git_oid *id = git_reference_target(ref);
		/* refs/gavel/conflicts/REMOTE/<tag>, REMOTE not empty */
		if (id && nl > bl + tl + 1 && !strcmp(name + nl - tl, tag) &&
		    name[nl - tl - 1] == '/') {
			xgrow((void **)out, &cap, *n + 1, sizeof(**out));
			struct archive_tag_conflict *c = &(*out)[(*n)++];
			memset(c, 0, sizeof(*c));
			c->remote = xstrndup(name + bl, nl - tl - 1 - bl);
			c->ref = xstrdup(name);
			git_object *o = NULL;
			if (git_object_lookup(&o, a->repo, id, GIT_OBJECT_ANY) == 0 &&
			    git_object_type(o) != GIT_OBJECT_BLOB)
				git_oid_tostr(c->there, sizeof(c->there), id);
			git_object_free(o);
		}
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (rc < 0 && rc != GIT_ITEROVER) {
		archive_fail(err, a->path, rc, "cannot list the refs under %s", base);
		archive_tag_conflicts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ARCHIVE_ERROR;
	}
	git_error_clear();
	return 0;
}

void archive_tag_conflicts_free(struct archive_tag_conflict *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].remote);
		free(v[i].ref);
	}
	free(v);
}
