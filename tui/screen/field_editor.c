/* field_editor: a field's text in the user's editor (see field_editor.h). */
#include "tui/screen/field_editor.h"

#include "minutes/base/buf.h"
#include "minutes/base/fsutil.h"
#include "minutes/base/proc.h"
#include "tui/screen/field_keys.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EDITED_MAX ((size_t)16 << 20)

/* Reads the file at path into out; false with errno, or EFBIG. */
static bool read_file(const char *path, struct buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	for (;;) {
		buf_grow(out, 65536);
		ssize_t n = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return false;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len > EDITED_MAX) {
			close(fd);
			errno = EFBIG;
			return false;
		}
	}
	close(fd);
	return true;
}

/* Runs the editor with the screen put away: curses' terminal modes and
 * bracketed paste off while it runs, back after. */
static void run_editor(char **argv, struct proc_result *r)
{
	bool curses = stdscr != NULL && !isendwin();
	bool paste = field_bracketed_paste_on();
	if (curses) {
		def_prog_mode();
		endwin();
		if (paste)
			field_bracketed_paste(false);
	}
	/* Interactive: ^C and ^\ in the editor are the editor's. */
	proc_run(argv, NULL, 0, NULL, NULL, true, r);
	if (curses) {
		reset_prog_mode();
		if (paste)
			field_bracketed_paste(true);
		clearok(curscr, TRUE);
		doupdate();
	}
}

int field_edit_external(struct field *f, const char *tmpdir, struct diags *d)
{
	struct buf path = BUF_INIT, got = BUF_INIT;
	char *words = NULL, **argv = NULL;
	size_t len;
	const char *text = field_text(f, &len);
	int ret = -1;

	if (!tmpdir || !*tmpdir)
		tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	buf_addf(&path, "%s/gavel-XXXXXX.txt", tmpdir);
	int fd = mkstemps(path.data, 4);
	if (fd < 0) {
		diags_add(d, NULL, 0, 0, "cannot make a temporary file in %s: %s",
			 tmpdir, strerror(errno));
		buf_free(&path);
		return -1;
	}
	fchmod(fd, 0600);
	bool written = fsutil_write_all(fd, text, len) == 0 &&
		       fsutil_write_all(fd, "\n", 1) == 0;
	int werr = errno;
	if (close(fd) < 0 && written) {
		written = false;
		werr = errno;
	}
	if (!written) {
		diags_add(d, NULL, 0, 0, "cannot write %s: %s", path.data, strerror(werr));
		goto out;
	}

	argv = proc_editor_argv(&words, path.data);
	struct proc_result r;
	run_editor(argv, &r);
	if (r.exec_errno || r.signal || r.status != 0) {
		struct buf why = BUF_INIT;
		proc_describe(&r, &why);
		diags_add(d, NULL, 0, 0, "%s %s%s", argv[0], why.data,
			  r.exec_errno ? "" : "; the text is unchanged");
		buf_free(&why);
	} else if (!read_file(path.data, &got)) {
		diags_add(d, NULL, 0, 0, "cannot read %s back: %s", path.data, strerror(errno));
	} else {
		if (got.len && got.data[got.len - 1] == '\n')
			got.len--;
		if (got.len && got.data[got.len - 1] == '\r')
			got.len--;
		ret = field_replace(f, got.data, got.len) ? 1 : 0;
	}
out:
	unlink(path.data);
	free(argv);
	free(words);
	buf_free(&path);
	buf_free(&got);
	return ret;
}
