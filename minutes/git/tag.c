/*
 * tag: annotated tags, signed as git tag -s signs them (archive.h).
 */
#include "minutes/git/archive_priv.h"
#include "minutes/base/gpg.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- tags ---- */

#define SIGNATURE_START "-----BEGIN PGP SIGNATURE-----"

bool archive_can_sign(struct archive *a, struct buf *key)
{
	git_config *cfg = NULL;
	git_buf v = { NULL, 0, 0 };
	bool yes = false;
	if (git_repository_config_snapshot(&cfg, a->repo) == 0 &&
	    git_config_get_string_buf(&v, cfg, "user.signingkey") == 0 && v.size > 0 &&
	    gpg_available()) {
		yes = true;
		if (key)
			buf_add(key, v.ptr, v.size);
	}
	git_buf_dispose(&v);
	git_config_free(cfg);
	return yes;
}

/* "Name <email> TIME +HHMM", as git writes a tagger. */
static void add_ident(struct buf *b, const git_signature *s)
{
	int off = s->when.offset;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	buf_addf(b, "%s <%s> %lld %c%02d%02d", s->name, s->email, (long long)s->when.time,
		 sign, off / 60, off % 60);
}

int archive_tag_create(struct archive *a, const char *name, const char *target,
		       const char *message, bool sign, struct diags *err)
{
	git_oid oid, tag_id;
	git_object *obj = NULL;
	git_reference *existing = NULL;
	git_signature *sig = NULL;
	struct buf ref = BUF_INIT, key = BUF_INIT, content = BUF_INIT, armor = BUF_INIT;
	int rc = ARCHIVE_ERROR;

	buf_addf(&ref, "refs/tags/%s", name);
	if (git_oid_fromstr(&oid, target) < 0) {
		diags_add(err, a->path, 0, 0, "cannot tag '%s': not a commit id", target);
		goto out;
	}
	if (!git_reference_is_valid_name(ref.data)) {
		diags_add(err, a->path, 0, 0, "cannot make the tag '%s': not a valid tag name", name);
		goto out;
	}
	if (git_reference_lookup(&existing, a->repo, ref.data) == 0) {
		diags_add(err, a->path, 0, 0, "the tag %s already exists", name);
		goto out;
	}
	int grc = git_object_lookup(&obj, a->repo, &oid, GIT_OBJECT_COMMIT);
	if (grc < 0) {
		archive_fail(err, a->path, grc, "cannot tag the commit %s", target);
		goto out;
	}
	if (archive_signature(a, &sig, err) < 0)
		goto out;
	if (!sign) {
		grc = git_tag_create(&tag_id, a->repo, name, obj, sig, message, 0);
	} else {
		if (!archive_can_sign(a, &key)) {
			diags_add(err, a->path, 0, 0, "cannot sign the tag %s: git's configuration "
				  "has no user.signingkey, or gpg is not installed", name);
			goto out;
		}
		/* The tag as git writes it; the signature covers all of it. */
		buf_addf(&content, "object %s\ntype commit\ntag %s\ntagger ", target, name);
		add_ident(&content, sig);
		buf_addf(&content, "\n\n%s", message);
		if (content.len && content.data[content.len - 1] != '\n')
			buf_addch(&content, '\n');
		if (gpg_sign(key.data, content.data, content.len, &armor, err) < 0) {
			/* gpg_sign's diagnostic names no path: add ours. */
			diags_add(err, a->path, 0, 0, "the tag %s was not made: it could not be "
				  "signed", name);
			goto out;
		}
		buf_add(&content, armor.data, armor.len);
		grc = git_tag_create_from_buffer(&tag_id, a->repo, content.data, 0);
	}
	if (grc < 0) {
		archive_fail(err, a->path, grc, "cannot make the tag %s", name);
		goto out;
	}
	rc = 0;
out:
	git_reference_free(existing);
	git_object_free(obj);
	git_signature_free(sig);
	buf_free(&ref);
	buf_free(&key);
	buf_free(&content);
	buf_free(&armor);
	return rc;
}

/* Where an armored signature starts in a tag's raw bytes (at the start
 * of a line of the message), or `len` when it has none. */
static size_t signature_start(const char *data, size_t len, size_t body)
{
	size_t sl = sizeof(SIGNATURE_START) - 1;
	for (size_t i = body; i + sl <= len; i++)
		if ((i == body || data[i - 1] == '\n') && !memcmp(data + i, SIGNATURE_START, sl))
			return i;
	return len;
}

int archive_tag_read(struct archive *a, const char *name, struct archive_tag *out,
		     struct diags *err)
{
	git_reference *ref = NULL, *resolved = NULL;
	git_object *obj = NULL, *peeled = NULL;
	git_odb *odb = NULL;
	git_odb_object *raw = NULL;
	struct buf refname = BUF_INIT;
	int rc = ARCHIVE_ERROR;

	memset(out, 0, sizeof(*out));
	buf_addf(&refname, "refs/tags/%s", name);
	int grc = git_reference_lookup(&ref, a->repo, refname.data);
	if (grc == GIT_ENOTFOUND || grc == GIT_EINVALIDSPEC) {
		diags_add(err, a->path, 0, 0, "no tag %s", name);
		rc = ARCHIVE_ENOTFOUND;
		goto out;
	}
	if (grc == 0)
		grc = git_reference_resolve(&resolved, ref);
	if (grc == 0)
		grc = git_object_lookup(&obj, a->repo, git_reference_target(resolved), GIT_OBJECT_ANY);
	if (grc < 0) {
		archive_fail(err, a->path, grc, "cannot read the tag %s", name);
		goto out;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0)
		git_oid_tostr(out->target, sizeof(out->target), git_object_id(peeled));
	if (git_object_type(obj) != GIT_OBJECT_TAG) {
		out->tagger = xstrdup("");
		out->message = xstrdup("");
		rc = 0;
		goto out;
	}
	const git_signature *t = git_tag_tagger((git_tag *)obj);
	struct buf who = BUF_INIT;
	if (t)
		buf_addf(&who, "%s <%s>", t->name, t->email);
	out->tagger = buf_detach(&who, NULL);
	grc = git_repository_odb(&odb, a->repo);
	if (grc == 0)
		grc = git_odb_read(&raw, odb, git_object_id(obj));
	if (grc < 0) {
		archive_fail(err, a->path, grc, "cannot read the tag %s", name);
		archive_tag_free(out);
		goto out;
	}
	const char *data = git_odb_object_data(raw);
	size_t len = git_odb_object_size(raw);
	const char *blank = NULL;
	for (size_t i = 0; i + 1 < len && !blank; i++)
		if (data[i] == '\n' && data[i + 1] == '\n')
			blank = data + i + 2;
	size_t body = blank ? (size_t)(blank - data) : len;
	size_t sig = signature_start(data, len, body);
	out->message = xstrndup(data + body, sig - body);
	if (sig < len) {
		out->signature = xstrndup(data + sig, len - sig);
		out->signed_data = xstrndup(data, sig);
		out->signed_len = sig;
	}
	rc = 0;
out:
	git_odb_object_free(raw);
	git_odb_free(odb);
	git_object_free(peeled);
	git_object_free(obj);
	git_reference_free(resolved);
	git_reference_free(ref);
	buf_free(&refname);
	return rc;
}

void archive_tag_free(struct archive_tag *t)
{
	free(t->tagger);
	free(t->message);
	free(t->signature);
	free(t->signed_data);
	memset(t, 0, sizeof(*t));
}

static int by_string(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int archive_tag_list(struct archive *a, const char *prefix, char ***out,
		     size_t *n, struct diags *err)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	struct buf full = BUF_INIT;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	buf_addf(&full, "refs/tags/%s", prefix);
	int rc = git_reference_iterator_new(&it, a->repo);
	while (rc == 0 && (rc = git_reference_next(&ref, it)) == 0) {
		const char *name = git_reference_name(ref);
		if (!strncmp(name, full.data, full.len)) {
			xgrow((void **)out, &cap, *n + 1, sizeof(**out));
			(*out)[(*n)++] = xstrdup(name + strlen("refs/tags/"));
		}
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	buf_free(&full);
	if (rc < 0 && rc != GIT_ITEROVER) {
		archive_fail(err, a->path, rc, "cannot list the tags");
		for (size_t i = 0; i < *n; i++)
			free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		return ARCHIVE_ERROR;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), by_string);
	return 0;
}
