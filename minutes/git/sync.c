/*
 * archive_sync: the archive's fetch, integrate and push, through libgit2.
 *
 * Part of the archive module (see archive.h for the contract).  The unit
 * of a conflict is the meeting: two clerks who both changed
 * communities-board/2018-03-14 conflict even when git could merge their
 * lines, because a line merge of two YAML documents can make minutes
 * nobody wrote.  Files outside a meeting's folder (committee.yaml, the
 * marker) are units of their own.
 *
 * Nothing is half-done: every check is made before the first change; the
 * work tree's files are each replaced atomically before the branch moves
 * (so a crash in between leaves files that already match, which the next
 * sync accepts), and the branch moves by compare-and-swap.
 */
#include "minutes/git/archive_priv.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


void archive_sync_result_free(struct archive_sync_result *r)
{
	free(r->remote);
	free(r->url);
	free(r->branch);
	archive_sync_list_free(r->meetings, r->nmeetings);
	archive_sync_list_free(r->conflicts, r->nconflicts);
	archive_sync_list_free(r->settled, r->nsettled);
	free(r->conflict_ref);
	archive_sync_tags_result_free(r);
	memset(r, 0, sizeof(*r));
}

/* ---- the transport's callbacks ---- */

static int credentials(git_credential **out, const char *url,
		       const char *user_from_url, unsigned int allowed, void *payload)
{
	struct sync *s = payload;
	const char *user = user_from_url && *user_from_url ? user_from_url : NULL;
	/* cppcheck-suppress getpwuidCalled ; gavel has one thread: the static result is not shared */
	struct passwd *pw = user ? NULL : getpwuid(getuid());
	(void)url;
	if (!user)
		user = pw && pw->pw_name ? pw->pw_name : "git";
	free(s->cred_problem);
	s->cred_problem = NULL;
	if (s->cred_calls++ > 2) {
		s->cred_problem = xstrdup("the remote refused every key the ssh agent "
					  "offered (is the right key added? ssh-add -l lists them)");
		return GIT_EUSER;
	}
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user);
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		const char *sock = getenv("SSH_AUTH_SOCK");
		if (!sock || !*sock) {
			s->cred_problem = xstrdup("the remote wants an ssh key and no ssh agent "
						  "is running (start ssh-agent and ssh-add your key)");
			return GIT_EUSER;
		}
		return git_credential_ssh_key_from_agent(out, user);
	}
	s->cred_problem = xstrdup("the remote asks for a password or token, which gavel "
				  "does not ask for; use an ssh URL with your key in the ssh agent");
	return GIT_EUSER;
}

static int push_status(const char *refname, const char *status, void *payload)
{
	struct sync *s = payload;
	(void)refname;
	if (status && !s->push_rejected)
		s->push_rejected = xstrdup(status);
	return 0;
}

/* A URL git takes as a local path: no scheme, no "host:" before a '/'. */
static bool is_local_path(const char *url)
{
	const char *colon = strchr(url, ':');
	const char *slash = strchr(url, '/');
	return !colon || (slash && slash < colon);
}

static void transport_fail(struct sync *s, int rc, const char *what)
{
	const char *url = s->out->url ? s->out->url : "";
	if (is_local_path(url) && *url && !archive_exists(url))
		diags_add(s->err, s->a->path, 0, 0, "cannot %s %s: there is no repository "
			  "at %s (the path does not exist)", what, s->out->remote, url);
	else if (rc == GIT_EUSER && s->cred_problem)
		diags_add(s->err, s->a->path, 0, 0, "cannot %s %s (%s): %s", what,
			  s->out->remote, url, s->cred_problem);
	else
		archive_fail(s->err, s->a->path, rc, "cannot %s %s (%s)", what,
			     s->out->remote, url);
}

/* ---- the steps ---- */

static int fetch(struct sync *s)
{
	git_fetch_options fo;
	git_oid before, after, head;
	bool had = archive_sync_ref_id(s->a, s->track_ref, &before);
	struct buf spec = BUF_INIT, tags = BUF_INIT;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	fo.callbacks.credentials = credentials;
	fo.callbacks.payload = s;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	buf_addf(&spec, "+%s:%s", s->branch_ref, s->track_ref);
	archive_sync_tags_fetch_spec(s, &tags);
	char *specs[2] = { spec.data, tags.data };
	git_strarray refspecs = { specs, 2 };
	s->cred_calls = 0;
	int rc = git_remote_fetch(s->remote, &refspecs, &fo, "gavel sync: fetch");
	buf_free(&spec);
	buf_free(&tags);
	if (rc < 0) {
		transport_fail(s, rc, "fetch from");
		return ARCHIVE_ERROR;
	}
	if (!archive_sync_ref_id(s->a, s->track_ref, &after))
		return 0;       /* the remote has no such branch (yet) */
	if (had && git_oid_equal(&before, &after))
		return 0;
	/* Count the commits that are new here. */
	git_revwalk *w = NULL;
	git_oid id;
	if (git_revwalk_new(&w, s->a->repo) == 0 && git_revwalk_push(w, &after) == 0) {
		if (had)
			git_revwalk_hide(w, &before);
		if (archive_sync_ref_id(s->a, s->branch_ref, &head))
			git_revwalk_hide(w, &head);
		while (git_revwalk_next(&id, w) == 0)
			s->out->fetched++;
	}
	git_revwalk_free(w);
	return 0;
}

static int integrate(struct sync *s)
{
	struct archive *a = s->a;
	git_oid ours, theirs;
	bool born = archive_sync_ref_id(a, s->branch_ref, &ours);
	if (!archive_sync_ref_id(a, s->track_ref, &theirs))
		return 0;
	if (born && git_oid_equal(&ours, &theirs))
		return 0;
	if (born && git_graph_descendant_of(a->repo, &ours, &theirs) == 1)
		return 0;       /* ours already holds theirs: only a push */
	struct buf why = BUF_INIT;
	buf_addf(&why, "gavel sync: fast-forward to %s/%s", s->out->remote, s->out->branch);
	int rc;
	if (!born || git_graph_descendant_of(a->repo, &theirs, &ours) == 1) {
		git_commit *c = NULL;
		git_tree *t = NULL;
		if (born && (rc = archive_sync_tree_of(a, &ours, &c, &t, s->err)) < 0) {
			buf_free(&why);
			return rc;
		}
		rc = archive_sync_move_branch(s, born ? &ours : NULL, t, &theirs, why.data);
		if (rc == 0)
			s->out->step = ARCHIVE_SYNC_FAST_FORWARD;
		git_tree_free(t);
		git_commit_free(c);
	} else {
		rc = archive_sync_merge(s, &ours, &theirs);
	}
	buf_free(&why);
	return rc;
}

/* Our confirmation tags the remote never had, after the branch. */
static int push_tags(struct sync *s, git_push_options *po)
{
	int rc = archive_sync_tags_push(s, po);
	if (rc < 0) {
		transport_fail(s, rc, "push the confirmation tags to");
		return ARCHIVE_ERROR;
	}
	return rc;
}

/* 1 when the push was refused because the remote moved on meanwhile. */
static int push(struct sync *s)
{
	struct archive *a = s->a;
	git_oid ours, theirs;
	git_push_options po;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	po.callbacks.credentials = credentials;
	po.callbacks.push_update_reference = push_status;
	po.callbacks.payload = s;
	bool had = archive_sync_ref_id(a, s->track_ref, &theirs);
	if (!archive_sync_ref_id(a, s->branch_ref, &ours) || (had && git_oid_equal(&ours, &theirs)))
		return push_tags(s, &po);      /* nothing of the branch is missing there */
	struct buf spec = BUF_INIT;
	buf_addf(&spec, "%s:%s", s->branch_ref, s->branch_ref);
	char *specs[1] = { spec.data };
	git_strarray refspecs = { specs, 1 };
	free(s->push_rejected);
	s->push_rejected = NULL;
	s->cred_calls = 0;
	int rc = git_remote_push(s->remote, &refspecs, &po);
	buf_free(&spec);
	if (rc == GIT_ENONFASTFORWARD || (rc == 0 && s->push_rejected &&
					  strstr(s->push_rejected, "fast")))
		return 1;
	if (rc < 0) {
		transport_fail(s, rc, "push to");
		return ARCHIVE_ERROR;
	}
	if (s->push_rejected) {
		diags_add(s->err, a->path, 0, 0, "%s refused the push of %s: %s",
			  s->out->remote, s->out->branch, s->push_rejected);
		return ARCHIVE_ERROR;
	}
	git_reference *ref = NULL;
	if (git_reference_create(&ref, a->repo, s->track_ref, &ours, 1, "gavel sync: push") == 0)
		git_reference_free(ref);
	s->out->pushed = true;
	s->out->remote_new = !had;
	return push_tags(s, &po);
}

/* Which remote: the one named, else the branch's upstream, else origin. */
static char *remote_name(struct archive *a, const char *given, const char *branch_ref)
{
	git_buf b = { 0 };
	if (given)
		return xstrdup(given);
	if (git_branch_upstream_remote(&b, a->repo, branch_ref) == 0 && b.ptr && *b.ptr) {
		char *name = xstrdup(b.ptr);
		git_buf_dispose(&b);
		return name;
	}
	git_buf_dispose(&b);
	git_error_clear();
	return xstrdup("origin");
}

/* libgit2 pushes to a local repository only when it is bare: say so, and
 * how to make one, before anything is fetched. */
static int refuse_non_bare(struct sync *s)
{
	const char *url = s->out->url;
	git_repository *r = NULL;
	if (!strncmp(url, "file://", 7))
		url += 7;
	else if (!*url || !is_local_path(url))
		return 0;
	if (git_repository_open_ext(&r, url, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		git_error_clear();
		return 0;       /* the transport says what is wrong */
	}
	bool bare = git_repository_is_bare(r);
	git_repository_free(r);
	if (bare)
		return 0;
	diags_add(s->err, s->a->path, 0, 0, "%s (%s) is not a bare repository, and gavel "
		  "pushes only to a bare one: make the shared repository with gavel init "
		  "--bare PATH, then git remote set-url %s PATH; nothing was changed",
		  s->out->remote, url, s->out->remote);
	return ARCHIVE_ERROR;
}

static int no_remote(struct sync *s, int rc, const char *name)
{
	git_strarray names = { 0 };
	struct buf have = BUF_INIT;
	if (rc != GIT_ENOTFOUND && rc != GIT_EINVALIDSPEC) {
		archive_fail(s->err, s->a->path, rc, "cannot read the remote %s", name);
		return ARCHIVE_ERROR;
	}
	if (git_remote_list(&names, s->a->repo) == 0)
		for (size_t i = 0; i < names.count; i++)
			buf_addf(&have, "%s%s", i ? ", " : "", names.strings[i]);
	if (have.len)
		diags_add(s->err, s->a->path, 0, 0, "no remote named '%s' in this repository "
			  "(it has: %s)", name, have.data);
	else
		diags_add(s->err, s->a->path, 0, 0, "no remote named '%s': this repository "
			  "has none (add one with: git remote add origin URL)", name);
	git_strarray_dispose(&names);
	buf_free(&have);
	return ARCHIVE_ERROR;
}

int archive_sync(struct archive *a, const char *remote,
		 struct archive_sync_result *out, struct diags *err)
{
	struct sync s = { .a = a, .out = out, .err = err };
	git_reference *head = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	archive_init_once();
	rc = git_reference_lookup(&head, a->repo, "HEAD");
	if (rc < 0 || git_reference_type(head) != GIT_REFERENCE_SYMBOLIC ||
	    strncmp(git_reference_symbolic_target(head), "refs/heads/", 11)) {
		if (rc < 0)
			archive_fail(err, a->path, rc, "cannot read HEAD");
		else
			diags_add(err, a->path, 0, 0, "HEAD is not on a branch (detached); "
				  "check out a branch, such as main, before syncing");
		git_reference_free(head);
		return ARCHIVE_ERROR;
	}
	git_reference_free(head);
	if (archive_index_refused(a, err))
		return ARCHIVE_ERROR;   /* said before anything is fetched */
	rc = git_reference_lookup(&head, a->repo, "HEAD");
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read HEAD");
		return ARCHIVE_ERROR;
	}
	s.branch_ref = xstrdup(git_reference_symbolic_target(head));
	git_reference_free(head);
	out->branch = xstrdup(s.branch_ref + 11);
	out->remote = remote_name(a, remote, s.branch_ref);
	rc = git_remote_lookup(&s.remote, a->repo, out->remote);
	if (rc < 0) {
		rc = no_remote(&s, rc, out->remote);
		goto out;
	}
	out->url = xstrdup(git_remote_url(s.remote) ? git_remote_url(s.remote) : "");
	struct buf track = BUF_INIT;
	buf_addf(&track, "refs/remotes/%s/%s", out->remote, out->branch);
	s.track_ref = buf_detach(&track, NULL);

	if ((rc = refuse_non_bare(&s)) < 0)
		goto out;
	for (out->rounds = 1; ; out->rounds++) {
		archive_sync_tags_clear(&s);
		if ((rc = fetch(&s)) < 0)
			break;
		/* Tag conflicts are kept whatever becomes of the branch;
		 * theirs are taken only once the branch holds theirs. */
		if ((rc = archive_sync_tags_plan(&s)) < 0)
			break;
		if ((rc = integrate(&s)) != 0)
			break;
		if ((rc = archive_sync_tags_take(&s)) < 0)
			break;
		rc = push(&s);
		if (rc == 0)
			archive_sync_drop_settled(&s);
		if (rc != 1)
			break;
		if (out->rounds == 2) {
			diags_add(err, a->path, 0, 0, "%s refused the push of %s twice: others "
				  "are pushing to it at this moment; run gavel sync again",
				  out->remote, out->branch);
			rc = ARCHIVE_ERROR;
			break;
		}
	}
out:
	archive_sync_tags_clear(&s);
	if (rc == 0 && out->ntag_conflicts)
		rc = ARCHIVE_SYNC_CONFLICT;
	git_remote_free(s.remote);
	free(s.branch_ref);
	free(s.track_ref);
	free(s.cred_problem);
	free(s.push_rejected);
	return rc;
}
