/* proc: fork and execvp with pipes for input and output. */
#include "minutes/base/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int cloexec_pipe(int p[2])
{
	if (pipe(p) < 0)
		return -1;
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Feeds `in` to fds[0] and drains fds[1], fds[2] into out, errout, all
 * at once so that no pipe fills while we wait on another. */
static void pump(int fds[3], const char *in, size_t inlen, struct buf *out,
		 struct buf *errout)
{
	size_t off = 0;
	if (fds[0] >= 0 && inlen == 0)
		close_fd(&fds[0]);
	while (fds[0] >= 0 || fds[1] >= 0 || fds[2] >= 0) {
		struct pollfd p[3];
		nfds_t n = 0;
		int which[3];
		for (int i = 0; i < 3; i++) {
			if (fds[i] < 0)
				continue;
			p[n].fd = fds[i];
			p[n].events = i == 0 ? POLLOUT : POLLIN;
			p[n].revents = 0;
			which[n++] = i;
		}
		if (poll(p, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (nfds_t k = 0; k < n; k++) {
			int i = which[k];
			if (!p[k].revents)
				continue;
			if (i == 0) {
				ssize_t w = write(fds[0], in + off, inlen - off);
				if (w < 0 && errno == EINTR)
					continue;
				if (w < 0) {
					close_fd(&fds[0]);
					continue;
				}
				off += (size_t)w;
				if (off == inlen)
					close_fd(&fds[0]);
			} else {
				char chunk[4096];
				ssize_t got = read(fds[i], chunk, sizeof(chunk));
				if (got < 0 && errno == EINTR)
					continue;
				if (got <= 0) {
					close_fd(&fds[i]);
					continue;
				}
				buf_add(i == 1 ? out : errout, chunk, (size_t)got);
			}
		}
	}
	for (int i = 0; i < 3; i++)
		close_fd(&fds[i]);
}

int proc_run(char *const argv[], const char *in, size_t inlen,
	     struct buf *out, struct buf *errout, bool interactive,
	     struct proc_result *r)
{
	int ep[2], io[3][2] = { { -1, -1 }, { -1, -1 }, { -1, -1 } };
	bool want[3] = { in != NULL, out != NULL, errout != NULL };
	struct sigaction ign, old_int, old_quit, old_pipe;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	if (cloexec_pipe(ep) < 0) {
		r->exec_errno = errno;
		return -1;
	}
	for (int i = 0; i < 3; i++)
		if (want[i] && cloexec_pipe(io[i]) < 0) {
			r->exec_errno = errno;
			for (int j = 0; j < i; j++)
				close_fd(&io[j][0]), close_fd(&io[j][1]);
			close(ep[0]);
			close(ep[1]);
			return -1;
		}
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old_pipe);
	if (interactive) {
		sigaction(SIGINT, &ign, &old_int);
		sigaction(SIGQUIT, &ign, &old_quit);
	}
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGPIPE, &old_pipe, NULL);
		if (interactive) {
			sigaction(SIGINT, &old_int, NULL);
			sigaction(SIGQUIT, &old_quit, NULL);
		}
		for (int i = 0; i < 3; i++)
			if (want[i] && dup2(io[i][i == 0 ? 0 : 1], i) < 0)
				_exit(127);
		execvp(argv[0], argv);
		int e = errno;
		ssize_t ignored = write(ep[1], &e, sizeof(e));
		(void)ignored;
		_exit(127);
	}
	close(ep[1]);
	int fds[3];
	for (int i = 0; i < 3; i++) {
		close_fd(&io[i][i == 0 ? 0 : 1]);
		fds[i] = io[i][i == 0 ? 1 : 0];
	}
	if (pid < 0) {
		r->exec_errno = errno;
		for (int i = 0; i < 3; i++)
			close_fd(&fds[i]);
	} else {
		pump(fds, in, inlen, out, errout);
		int e, status;
		ssize_t n;
		while ((n = read(ep[0], &e, sizeof(e))) < 0 && errno == EINTR)
			;
		if (n == (ssize_t)sizeof(e))
			r->exec_errno = e;
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				status = -1;
				if (!r->exec_errno)
					r->exec_errno = errno;
				break;
			}
		}
		if (!r->exec_errno && WIFEXITED(status))
			r->status = WEXITSTATUS(status);
		else if (!r->exec_errno && WIFSIGNALED(status))
			r->signal = WTERMSIG(status);
	}
	close(ep[0]);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (interactive) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
	}
	return r->exec_errno ? -1 : 0;
}

bool proc_on_path(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *s = path; ; ) {
		const char *e = strchr(s, ':');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		struct buf p = BUF_INIT;
		struct stat st;
		if (n)
			buf_addf(&p, "%.*s/%s", (int)n, s, name);
		else
			buf_addf(&p, "./%s", name);
		bool yes = stat(p.data, &st) == 0 && S_ISREG(st.st_mode) && access(p.data, X_OK) == 0;
		buf_free(&p);
		if (yes)
			return true;
		if (!e)
			return false;
		s = e + 1;
	}
}

void proc_describe(const struct proc_result *r, struct buf *b)
{
	if (r->exec_errno)
		buf_addf(b, "could not be started: %s", strerror(r->exec_errno));
	else if (r->signal)
		buf_addf(b, "was ended by signal %d", r->signal);
	else
		buf_addf(b, "exited with status %d", r->status);
}

char **proc_editor_argv(char **words, char *file)
{
	const char *v = getenv("VISUAL");
	if (!v || !v[strspn(v, " \t")])
		v = getenv("EDITOR");
	if (!v || !v[strspn(v, " \t")])
		v = "vi";
	*words = xstrdup(v);
	size_t n = 0, cap = 0;
	char **argv = NULL, *save = NULL;
	for (char *w = strtok_r(*words, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		xgrow((void **)&argv, &cap, n + 3, sizeof(*argv));
		argv[n++] = w;
	}
	xgrow((void **)&argv, &cap, n + 2, sizeof(*argv));
	argv[n++] = file;
	argv[n] = NULL;
	return argv;
}
