/*
 * proc: running another program (an editor, gpg) directly, never through
 * a shell: fork and execvp with an argument vector.
 */
#ifndef GAVEL_PROC_H
#define GAVEL_PROC_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"

/* How a program ended. */
struct proc_result {
	int status;         /* its exit status; -1 when it did not exit */
	int signal;         /* the signal that ended it, or 0 */
	int exec_errno;     /* why it could not be started, or 0 */
};

/* Runs argv[0] (found on PATH) with argv and waits for it.  With `in`
 * not NULL, its standard input is those `inlen` bytes (else it shares
 * ours); with `out` / `errout` not NULL, its standard output / error are
 * collected there (else it shares ours).  With `interactive`, ^C and ^\
 * belong to the program while it runs, as with system().
 * Returns 0 when it ran (see r), -1 when it could not be run (r->exec_errno). */
int proc_run(char *const argv[], const char *in, size_t inlen,
	     struct buf *out, struct buf *errout, bool interactive,
	     struct proc_result *r);

/* Whether `name` is an executable file on PATH. */
bool proc_on_path(const char *name);

/* The editor's argument vector for `file`: $VISUAL, else $EDITOR, else vi,
 * split at blanks (an editor is started directly, never by a shell).
 * *words holds the copy the vector points into; free both. */
char **proc_editor_argv(char **words, char *file);

/* "exited with status N" / "was ended by signal N" / "could not be
 * started: why", appended to `b`. */
void proc_describe(const struct proc_result *r, struct buf *b);

#endif
