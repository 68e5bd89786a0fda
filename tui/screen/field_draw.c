/* field_draw: fields on a curses screen (see field_draw.h). */
#include "tui/screen/field_draw.h"
#include "minutes/base/proc.h"
#include "minutes/base/fsutil.h"
#include "minutes/base/buf.h"
#include "minutes/base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define EDITED_MAX ((size_t)16 << 20)

static struct field_keys keys;
static bool paste_on;

/* ---- keys ---------------------------------------------------------- */

/* A key code ncurses has no use for: past its own and the extended
 * ones it numbers from KEY_MAX up. */
static int free_code(void)
{
	static int next = KEY_MAX + 0x400;
	char *s;
	while ((s = keybound(next, 0)) != NULL) {
		free(s);
		next++;
	}
	return next++;
}

/* The code of terminfo capability `cap`, else of the sequence `seq`,
 * defining it when ncurses does not know it. */
static int find_key(const char *cap, const char *seq)
{
	int code = 0;
	if (cap) {
		char *s = tigetstr(cap);
		if (s && s != (char *)-1)
			code = key_defined(s);
	}
	if (code <= 0 && seq) {
		code = key_defined(seq);
		if (code == 0) {
			code = free_code();
			if (define_key(seq, code) != OK)
				code = 0;
		}
	}
	return code > 0 ? code : 0;
}

const struct field_keys *field_keys_init(void)
{
	keys.paste_begin = find_key(NULL, "\033[200~");
	keys.paste_end = find_key(NULL, "\033[201~");
	if (!keys.paste_begin || !keys.paste_end)
		keys.paste_begin = keys.paste_end = 0;
	keys.ctrl_left = find_key("kLFT5", "\033[1;5D");
	keys.ctrl_right = find_key("kRIT5", "\033[1;5C");
	keys.ctrl_home = find_key("kHOM5", "\033[1;5H");
	keys.ctrl_end = find_key("kEND5", "\033[1;5F");
	keys.ctrl_delete = find_key("kDC5", "\033[3;5~");
	keys.alt_left = find_key("kLFT3", "\033[1;3D");
	keys.alt_right = find_key("kRIT3", "\033[1;3C");
	return &keys;
}

static void term_puts(const char *s)
{
	fputs(s, stdout);
	fflush(stdout);
}

void field_bracketed_paste(bool on)
{
	if (on && !keys.paste_begin)
		return;
	if (on != paste_on)
		term_puts(on ? "\033[?2004h" : "\033[?2004l");
	paste_on = on;
}

int field_read_key(WINDOW *win, wint_t *ch)
{
	int ret = wget_wch(win, ch);
	if (ret == OK && *ch == 27) {
		/* ncurses has waited ESCDELAY for a known sequence already;
		 * whatever follows at once was sent with this ESC. */
		int delay = wgetdelay(win);
		wint_t c2;
		nodelay(win, TRUE);
		int r2 = wget_wch(win, &c2);
		wtimeout(win, delay);
		if (r2 == OK && c2 == '[') {
			/* A control sequence curses does not know (ESC [,
			 * parameters, a final byte): not text, so dropped. */
			do {
				nodelay(win, TRUE);
				r2 = wget_wch(win, &c2);
				wtimeout(win, delay);
			} while (r2 == OK && c2 >= 0x20 && c2 < 0x40);
			return field_read_key(win, ch);
		}
		if (r2 != ERR) {
			*ch = c2 | FIELD_ALT;
			return r2;
		}
	}
	return ret;
}

/* A key the field owns is used even when it could do nothing (Left at
 * the start): it must not fall through to the screen. */
static int use(bool done)
{
	(void)done;
	return FIELD_KEY_USED;
}

/* Up and Down are the field's only when it can move. */
static int vertical(struct field *f, enum field_cmd cmd)
{
	return field_command(f, cmd) ? FIELD_KEY_USED : FIELD_KEY_IGNORED;
}

static int enter(struct field *f, bool alt)
{
	if (!field_multiline(f) || !(alt || (f->flags & FIELD_ENTER_NEWLINE)))
		return FIELD_KEY_IGNORED;
	return use(field_command(f, FIELD_NEWLINE));
}

static int keycode(struct field *f, int c, bool alt)
{
	if (c == KEY_ENTER)
		return enter(f, alt);
	if (c == KEY_UP)
		return vertical(f, FIELD_UP);
	if (c == KEY_DOWN)
		return vertical(f, FIELD_DOWN);
	enum field_cmd cmd;
	if (c == KEY_LEFT)
		cmd = alt ? FIELD_WORD_LEFT : FIELD_LEFT;
	else if (c == KEY_RIGHT)
		cmd = alt ? FIELD_WORD_RIGHT : FIELD_RIGHT;
	else if (c == KEY_HOME)
		cmd = alt ? FIELD_TEXT_START : FIELD_HOME;
	else if (c == KEY_END)
		cmd = alt ? FIELD_TEXT_END : FIELD_END;
	else if (c == KEY_BACKSPACE)
		cmd = alt ? FIELD_DELETE_WORD_BACK : FIELD_BACKSPACE;
	else if (c == KEY_DC)
		cmd = alt ? FIELD_DELETE_WORD : FIELD_DELETE;
	else if (c == KEY_SHOME)
		cmd = FIELD_TEXT_START;
	else if (c == KEY_SEND)
		cmd = FIELD_TEXT_END;
	else if (c == keys.ctrl_left || c == keys.alt_left)
		cmd = FIELD_WORD_LEFT;
	else if (c == keys.ctrl_right || c == keys.alt_right)
		cmd = FIELD_WORD_RIGHT;
	else if (c == keys.ctrl_home)
		cmd = FIELD_TEXT_START;
	else if (c == keys.ctrl_end)
		cmd = FIELD_TEXT_END;
	else if (c == keys.ctrl_delete)
		cmd = FIELD_DELETE_WORD;
	else
		return FIELD_KEY_IGNORED;	/* F-keys, Tab, resize, ... */
	return use(field_command(f, cmd));
}

static int alt_char(struct field *f, wint_t c)
{
	switch (c) {
	case 'b': return use(field_command(f, FIELD_WORD_LEFT));
	case 'f': return use(field_command(f, FIELD_WORD_RIGHT));
	case 'd': return use(field_command(f, FIELD_DELETE_WORD));
	case 8: case 127: return use(field_command(f, FIELD_DELETE_WORD_BACK));
	case '<': return use(field_command(f, FIELD_TEXT_START));
	case '>': return use(field_command(f, FIELD_TEXT_END));
	case '_': return use(field_command(f, FIELD_REDO));
	case '\r': case '\n': return enter(f, true);
	default: return FIELD_KEY_IGNORED;
	}
}

int field_handle_key(struct field *f, int ret, wint_t ch)
{
	if (ret != OK && ret != KEY_CODE_YES)
		return FIELD_KEY_IGNORED;
	bool alt = (ch & FIELD_ALT) != 0;
	wint_t c = ch & ~FIELD_ALT;
	bool code = ret == KEY_CODE_YES;

	if (code && keys.paste_begin && (int)c == keys.paste_begin) {
		field_paste_begin(f);
		return FIELD_KEY_USED;
	}
	if (field_pasting(f)) {
		if (code && (int)c == keys.paste_end)
			field_paste_end(f);
		else if (code && c == KEY_RESIZE)
			return FIELD_KEY_IGNORED;
		else if (code && c == KEY_ENTER)
			field_paste_wch(f, L'\n');
		else if (!code)
			field_paste_wch(f, (wchar_t)c);	/* filtered at the end */
		return FIELD_KEY_USED;
	}
	if (code)
		return keycode(f, (int)c, alt);
	if (alt)
		return alt_char(f, c);

	switch (c) {
	case 1: return use(field_command(f, FIELD_HOME));		/* ^A */
	case 2: return use(field_command(f, FIELD_LEFT));		/* ^B */
	case 4: return use(field_command(f, FIELD_DELETE));		/* ^D */
	case 5: return use(field_command(f, FIELD_END));		/* ^E */
	case 6: return use(field_command(f, FIELD_RIGHT));		/* ^F */
	case 8: case 127: return use(field_command(f, FIELD_BACKSPACE));
	case 11: return use(field_command(f, FIELD_KILL_TO_END));	/* ^K */
	case 14: return vertical(f, FIELD_DOWN);			/* ^N */
	case 15: return FIELD_KEY_EDITOR;				/* ^O */
	case 16: return vertical(f, FIELD_UP);				/* ^P */
	case 21: return use(field_command(f, FIELD_KILL_TO_START));	/* ^U */
	case 23: return use(field_command(f, FIELD_DELETE_WORD_BACK));	/* ^W */
	case 25: return use(field_command(f, FIELD_YANK));		/* ^Y */
	case 26: case 31: return use(field_command(f, FIELD_UNDO));	/* ^Z ^_ */
	case '\r': case '\n': return enter(f, false);
	default: break;
	}
	/* Tab, Esc and the other controls are the screen's; they never
	 * reach the text. */
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return FIELD_KEY_IGNORED;
	field_insert_wch(f, (wchar_t)c);	/* refuses what may not be text */
	return FIELD_KEY_USED;
}

#define EDITING "Editing text"
#define WIDGET(keys, help) { KEYS_WIDGET, 0, { 0 }, keys, NULL, EDITING, help, 0 }

static const struct key_binding field_bindings[] = {
	WIDGET("Left, Right, ^B, ^F", "a character back / on"),
	WIDGET("^Left, ^Right, M-b, M-f", "a word back / on"),
	WIDGET("Home, End, ^A, ^E", "start / end of the line; again: of the field"),
	WIDGET("^Home, ^End, M-<, M->", "start / end of the field"),
	WIDGET("Backspace, Delete, ^D", "erase a character back / on"),
	WIDGET("^W, M-Backspace", "erase a word back"),
	WIDGET("M-d, ^Delete", "erase a word on"),
	WIDGET("^K", "erase to the end of the line"),
	WIDGET("^U", "erase to the start of the line"),
	WIDGET("^Y", "put back what ^K, ^U, ^W or M-d erased"),
	WIDGET("^Z, ^_", "undo"),
	WIDGET("M-_", "redo"),
	WIDGET("M-Enter", "a new line in a text of several lines (the summary)"),
	WIDGET("^O", "edit the text in $VISUAL or $EDITOR"),
};

const struct keymap field_keymap = {
	.name = "field",
	.title = "Editing text (every text field)",
	.intro = "M- is Alt (or Esc before the key).  A paste goes in as text, "
		 "in one piece, and one undo takes it out.",
	.bindings = field_bindings,
	.n = sizeof(field_bindings) / sizeof(field_bindings[0]),
	.outro = NULL,
};

/* ---- drawing ------------------------------------------------------- */

static void put_cell(WINDOW *win, int y, int x, const wchar_t *wcs,
		     attr_t attr, short pair)
{
	cchar_t cc;
	if (setcchar(&cc, wcs, attr, pair, NULL) == ERR) {
		wchar_t base[2] = { wcs[0], 0 };
		if (setcchar(&cc, base, attr, pair, NULL) == ERR)
			return;
	}
	mvwadd_wch(win, y, x, &cc);
}

/* Draws one cluster from column x: a cell for each spacing character
 * with the zero-width ones after it (as many as a cell holds); marks
 * with no base go on a space, characters Unicode has not assigned show
 * as U+FFFD.  The widths are utf8.h's and add up as utf8_cluster_width
 * counts them. */
static void draw_cluster(WINDOW *win, int y, int x, const char *s, size_t len,
			 attr_t attr, short pair)
{
	const unsigned char *p = (const unsigned char *)s;
	wchar_t wcs[CCHARW_MAX + 1];
	int k = 0, cw = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(p + i, len - i, &cp);
		if (n <= 0)
			break;
		i += (size_t)n;
		int w = utf8_char_width(cp);
		if (w != 0) {
			if (k) {
				wcs[k] = 0;
				put_cell(win, y, x, wcs, attr, pair);
				x += cw;
			}
			k = 0;
			cw = w;
			/* U+FFFD is one column, as an unassigned character is. */
			wcs[k++] = utf8_assigned(cp) ? (wchar_t)cp : 0xFFFD;
			continue;
		}
		if (k == 0) {
			wcs[k++] = L' ';
			cw = 1;
		}
		if (k < CCHARW_MAX)
			wcs[k++] = (wchar_t)cp;
	}
	if (k) {
		wcs[k] = 0;
		put_cell(win, y, x, wcs, attr, pair);
	}
}

void field_draw(struct field *f, WINDOW *win, int y, int x, int h, int w,
		attr_t attr, short pair, bool focus)
{
	if (h <= 0 || w <= 0)
		return;
	field_layout(f, w);
	int rows = (int)f->nlines;
	if (f->cur_row < f->scroll)
		f->scroll = f->cur_row;
	if (f->cur_row >= f->scroll + h)
		f->scroll = f->cur_row - h + 1;
	if (f->scroll > rows - h)
		f->scroll = rows - h > 0 ? rows - h : 0;
	if (f->scroll < 0)
		f->scroll = 0;

	cchar_t blank;
	setcchar(&blank, L" ", attr, pair, NULL);
	const char *s = field_text(f, NULL);
	for (int row = 0; row < h; row++) {
		int col = 0, r = f->scroll + row;
		if (r < rows) {
			const struct field_line *l = &f->lines[r];
			size_t pos = l->start;
			while (pos < l->end) {
				size_t next = field_next_cluster(s, l->end, pos);
				int cw = utf8_cluster_width(s + pos, next - pos);
				if (col + cw > w)
					break;
				draw_cluster(win, y + row, x + col, s + pos, next - pos, attr, pair);
				col += cw;
				pos = next;
			}
		}
		if (col < w)
			mvwhline_set(win, y + row, x + col, &blank, w - col);
	}
	if (focus && f->cur_row >= f->scroll && f->cur_row < f->scroll + h)
		wmove(win, y + f->cur_row - f->scroll, x + f->cur_col);
}

/* ---- the external editor ------------------------------------------- */

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

/* Runs argv and waits.  Returns the wait status, or -1 with *exec_errno
 * set when it could not be started. */
static int run(char **argv, int *exec_errno)
{
	int pfd[2];
	struct sigaction ign, old_int, old_quit;

	*exec_errno = 0;
	if (pipe(pfd) < 0) {
		*exec_errno = errno;
		return -1;
	}
	fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
	/* As system() does: ^C and ^\ in the editor are the editor's. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);

	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		close(pfd[0]);
		execvp(argv[0], argv);
		int e = errno;
		ssize_t ignored = write(pfd[1], &e, sizeof(e));
		(void)ignored;
		_exit(127);
	}
	int status = -1;
	if (pid < 0) {
		*exec_errno = errno;
	} else {
		int e;
		ssize_t n;
		close(pfd[1]);
		pfd[1] = -1;
		while ((n = read(pfd[0], &e, sizeof(e))) < 0 && errno == EINTR)
			;
		if (n == (ssize_t)sizeof(e))
			*exec_errno = e;
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				status = -1;
				if (!*exec_errno)
					*exec_errno = errno;
				break;
			}
		}
	}
	close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return *exec_errno ? -1 : status;
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
	bool curses = stdscr != NULL && !isendwin();
	bool paste = paste_on;
	if (curses) {
		def_prog_mode();
		endwin();
		if (paste)
			term_puts("\033[?2004l");
	}
	int exec_errno;
	int status = run(argv, &exec_errno);
	if (curses) {
		reset_prog_mode();
		if (paste)
			term_puts("\033[?2004h");
		clearok(curscr, TRUE);
		doupdate();
	}

	if (status < 0) {
		diags_add(d, NULL, 0, 0, "cannot run %s: %s", argv[0], strerror(exec_errno));
	} else if (WIFSIGNALED(status)) {
		diags_add(d, NULL, 0, 0, "%s was ended by signal %d; the text is unchanged",
			 argv[0], WTERMSIG(status));
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		diags_add(d, NULL, 0, 0, "%s exited with status %d; the text is unchanged",
			 argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
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
