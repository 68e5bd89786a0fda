/* gpg: signing and checking through the gpg program (never a shell). */
#include "minutes/base/gpg.h"
#include "minutes/base/proc.h"
#include "minutes/base/fsutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool gpg_available(void)
{
	return proc_on_path(GPG_PROGRAM);
}

/* The last line of gpg's own words, for a message. */
static void last_line(const struct buf *b, struct buf *out)
{
	size_t end = b->len;
	while (end && (b->data[end - 1] == '\n' || b->data[end - 1] == '\r'))
		end--;
	size_t start = end;
	while (start && b->data[start - 1] != '\n')
		start--;
	if (end > start)
		buf_add(out, b->data + start, end - start);
	else
		buf_addstr(out, "no message");
}

int gpg_sign(const char *key, const char *data, size_t len, struct buf *sig,
	     struct diags *err)
{
	char *k = xstrdup(key);
	char *argv[] = { GPG_PROGRAM, "--status-fd=2", "--batch", "--yes", "-bsau", k, NULL };
	struct buf out = BUF_INIT, said = BUF_INIT, why = BUF_INIT;
	struct proc_result r;
	int rc = 0;
	if (proc_run(argv, data, len, &out, &said, false, &r) < 0 || r.status != 0 ||
	    !strstr(out.data, "-----BEGIN PGP SIGNATURE-----")) {
		buf_addstr(&why, GPG_PROGRAM " ");
		proc_describe(&r, &why);
		if (said.len) {
			buf_addstr(&why, ": ");
			last_line(&said, &why);
		}
		diags_add(err, NULL, 0, 0, "cannot sign with the key %s: %s", key, why.data);
		rc = -1;
	} else {
		buf_add(sig, out.data, out.len);
	}
	buf_free(&out);
	buf_free(&said);
	buf_free(&why);
	free(k);
	return rc;
}

/* The rest of the status line that starts with `word`, or NULL. */
static char *status_line(const char *status, const char *word)
{
	size_t wl = strlen(word);
	for (const char *s = status; s && *s; ) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n > 9 + wl && !strncmp(s, "[GNUPG:] ", 9) && !strncmp(s + 9, word, wl) &&
		    (s[9 + wl] == ' ' || n == 9 + wl))
			return xstrndup(s + 9 + wl + 1, n - 9 - wl - 1);
		s = e ? e + 1 : NULL;
	}
	return NULL;
}

void gpg_verify(const char *sig, size_t siglen, const char *data, size_t len,
		struct gpg_check *out)
{
	struct buf path = BUF_INIT, status = BUF_INIT, said = BUF_INIT;
	const char *tmp = getenv("TMPDIR");
	memset(out, 0, sizeof(*out));
	out->verdict = GPG_UNCHECKED;
	if (!gpg_available()) {
		out->why = xstrdup("gpg is not installed");
		return;
	}
	buf_addf(&path, "%s/gavel-sig-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path.data);
	if (fd < 0) {
		struct buf w = BUF_INIT;
		buf_addf(&w, "cannot make a temporary file: %s", strerror(errno));
		out->why = buf_detach(&w, NULL);
		buf_free(&path);
		return;
	}
	bool ok = fsutil_write_all(fd, sig, siglen) == 0;
	if (close(fd) < 0)
		ok = false;
	char *argv[] = { GPG_PROGRAM, "--batch", "--status-fd=1", "--verify", path.data, "-", NULL };
	struct proc_result r;
	if (!ok || proc_run(argv, data, len, &status, &said, false, &r) < 0) {
		struct buf w = BUF_INIT;
		buf_addstr(&w, ok ? "gpg could not be started" : "cannot write a temporary file");
		out->why = buf_detach(&w, NULL);
	} else {
		char *good = status_line(status.data, "GOODSIG");
		char *bad = status_line(status.data, "BADSIG");
		char *nokey = status_line(status.data, "NO_PUBKEY");
		char *errsig = status_line(status.data, "ERRSIG");
		if (good && r.status == 0) {
			/* "KEYID Name <email>" */
			char *sp = strchr(good, ' ');
			struct buf s = BUF_INIT;
			if (sp)
				buf_addf(&s, "%s (key %.*s)", sp + 1, (int)(sp - good), good);
			else
				buf_addstr(&s, good);
			out->verdict = GPG_GOOD;
			out->signer = buf_detach(&s, NULL);
		} else if (bad) {
			out->verdict = GPG_BAD;
			out->why = xstrdup("the signature does not match the tag (BADSIG)");
			out->signer = xstrdup(bad);
		} else {
			struct buf w = BUF_INIT;
			if (nokey)
				buf_addf(&w, "no public key %s", nokey);
			else if (errsig)
				buf_addf(&w, "gpg could not check it (%s)", errsig);
			else {
				buf_addstr(&w, "gpg ");
				proc_describe(&r, &w);
				if (said.len) {
					buf_addstr(&w, ": ");
					last_line(&said, &w);
				}
			}
			out->why = buf_detach(&w, NULL);
		}
		free(good);
		free(bad);
		free(nokey);
		free(errsig);
	}
	unlink(path.data);
	buf_free(&path);
	buf_free(&status);
	buf_free(&said);
}

void gpg_check_free(struct gpg_check *c)
{
	free(c->signer);
	free(c->why);
	c->signer = c->why = NULL;
}
