/*
 * index_ext: what gavel's in-place index writer (index.c) does with each
 * extension git may put after the index's entries (gitformat-index(5)),
 * decided by its signature:
 *
 * - TREE (the cache tree) is kept, each folder above a changed path
 *   marked invalid ("-1"), as git does when a path changes.
 * - UNTR (the untracked cache) is kept, emptied: its header (which system
 *   and folder it belongs to, the exclude files' stat data and ids, its
 *   flags and the per-folder exclude file's name) and no folder in it,
 *   which is what `git update-index --untracked-cache` itself writes; the
 *   next `git status` fills it again.  Only what it knows about the changed
 *   folders would be stale, but its folders are in bitmaps over a tree of
 *   names, so all of it goes.
 * - FSMN (fsmonitor data), EOIE and IEOT (where the entries end, and an
 *   offset table for reading them in threads) are dropped: each describes
 *   the old entries by position or offset, and git works without them and
 *   writes them again (FSMN whenever core.fsmonitor is set).
 * - Any other optional extension (an upper-case first letter: REUC, NAME
 *   and future ones) makes the writer decline; libgit2 then writes the
 *   index, dropping what it does not know, as git allows.
 * - A mandatory one (a lower-case first letter) cannot be dropped, and
 *   libgit2 1.5 reads none of them: the commit is refused before anything
 *   is committed, naming the setting that made it: "link" (a split index,
 *   core.splitIndex), "sdir" (a sparse index, index.sparse).
 */
#include "minutes/git/archive_priv.h"

#include <string.h>

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

int index_ext_action(const unsigned char sig[4], struct buf *why)
{
	if (!memcmp(sig, "TREE", 4))
		return INDEX_EXT_TREE;
	if (!memcmp(sig, "UNTR", 4))
		return INDEX_EXT_UNTRACKED;
	if (!memcmp(sig, "FSMN", 4) || !memcmp(sig, "EOIE", 4) || !memcmp(sig, "IEOT", 4))
		return INDEX_EXT_DROP;
	buf_reset(why);
	if (sig[0] >= 'A' && sig[0] <= 'Z') {
		buf_addf(why, "the index has the extension '%.4s'", (const char *)sig);
		return INDEX_EXT_DECLINE;
	}
	if (!memcmp(sig, "link", 4))
		buf_addstr(why, "git's index here is split (core.splitIndex), which gavel cannot "
			   "update, so nothing was committed; run git config core.splitIndex "
			   "false && git update-index --no-split-index, then try again");
	else if (!memcmp(sig, "sdir", 4))
		buf_addstr(why, "git's index here is sparse (index.sparse), which gavel cannot "
			   "update, so nothing was committed; run git sparse-checkout reapply "
			   "--no-sparse-index, then try again");
	else
		buf_addf(why, "git's index here has the extension '%.4s', which gavel does not "
			 "know, so nothing was committed; a newer git wrote it: turn off the "
			 "setting that needs it, then try again", (const char *)sig);
	return INDEX_EXT_REFUSE;
}

/* git's varint (varint.c): 7 bits a byte, the high bit says "more", and
 * each continuation adds one so that every number has one encoding. */
static bool varint(const unsigned char *p, size_t len, size_t *at, uint64_t *out)
{
	size_t i = *at;
	if (i >= len)
		return false;
	unsigned char c = p[i++];
	uint64_t v = c & 127;
	while (c & 128) {
		if (i >= len || v > (UINT64_MAX >> 8))
			return false;
		c = p[i++];
		v = ((v + 1) << 7) | (c & 127);
	}
	*at = i;
	*out = v;
	return true;
}

/* The untracked cache's data after its ident: the stat data of
 * .git/info/exclude and core.excludesFile (36 bytes each), the flags (4)
 * and both files' ids (20 each), then the per-folder exclude file's name
 * with its NUL, then the number of folders cached. */
#define UNTR_FIXED (36 + 36 + 4 + 20 + 20)

int index_ext_untracked_empty(const unsigned char *p, size_t len, struct buf *out)
{
	size_t at = 0;
	uint64_t ident;
	if (!varint(p, len, &at, &ident) || ident > len - at || len - at - ident < UNTR_FIXED)
		return -1;
	at += (size_t)ident + UNTR_FIXED;
	const unsigned char *nul = memchr(p + at, '\0', len - at);
	if (!nul)
		return -1;
	at = (size_t)(nul - p) + 1;
	unsigned char size[4];
	put_be32(size, (uint32_t)(at + 1));
	buf_add(out, "UNTR", 4);
	buf_add(out, size, 4);
	buf_add(out, p, at);
	buf_addch(out, '\0');   /* no folder cached */
	return 0;
}

/* A decimal number of the cache tree ("-1", "12"); false when none. */
static bool tree_int(const unsigned char *p, size_t len, size_t *at, long *out, char stop)
{
	size_t i = *at;
	bool neg = false;
	long v = 0;
	if (i < len && p[i] == '-')
		neg = true, i++;
	size_t start = i;
	while (i < len && p[i] >= '0' && p[i] <= '9' && i - start < 9)
		v = v * 10 + (p[i++] - '0');
	if (i == start || i >= len || p[i] != stop)
		return false;
	*at = i + 1;
	*out = neg ? -v : v;
	return true;
}

struct level {
	long left;              /* subtrees still to come */
	size_t pathlen;
};

static bool above_a_change(const struct buf *path, const char *const *paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(paths[i]) > path->len && !memcmp(paths[i], path->data, path->len))
			return true;
	return false;
}

/*
 * The cache tree with every node on the way to a changed path invalid:
 * nodes in depth-first order, each "NAME\0COUNT SUBTREES\n" and, when
 * COUNT is not negative, the tree's object id.  A node above a changed
 * path is written again as "NAME\0-1 SUBTREES\n"; the rest is copied.
 * Adds the extension, its header included, to `out`; -1 when the data is
 * not a cache tree.
 */
int index_ext_tree_invalidate(const unsigned char *p, size_t len, const char *const *paths,
			      size_t n, struct buf *out)
{
	struct level *lv = NULL;
	size_t depth = 0, cap = 0, off = 0, run = 0;
	struct buf path = BUF_INIT;
	size_t base = out->len;
	int rc = -1;
	buf_add(out, "TREE\0\0\0\0", 8);
	xgrow((void **)&lv, &cap, 1, sizeof(*lv));
	lv[depth++] = (struct level){ 1, 0 };
	while (off < len) {
		if (depth == 0)
			goto out;       /* data after the root */
		struct level *top = &lv[depth - 1];
		top->left--;
		path.len = top->pathlen;
		path.data[path.len] = '\0';
		const unsigned char *nul = memchr(p + off, '\0', len - off);
		long count, subtrees;
		if (!nul)
			goto out;
		size_t namelen = (size_t)(nul - (p + off));
		if (depth == 1 && namelen)
			goto out;       /* a named root */
		if (depth > 1) {
			buf_add(&path, p + off, namelen);
			buf_addch(&path, '/');
		}
		off += namelen + 1;
		size_t counts = off;
		if (!tree_int(p, len, &off, &count, ' ') || !tree_int(p, len, &off, &subtrees, '\n') ||
		    subtrees < 0 || (count >= 0 && len - off < GIT_OID_RAWSZ))
			goto out;
		if (count >= 0)
			off += GIT_OID_RAWSZ;
		if (count >= 0 && above_a_change(&path, paths, n)) {
			buf_add(out, p + run, counts - run);
			buf_addf(out, "-1 %ld\n", subtrees);
			run = off;
		}
		if (subtrees > 0) {
			if ((size_t)subtrees > len)
				goto out;
			xgrow((void **)&lv, &cap, depth + 1, sizeof(*lv));
			lv[depth++] = (struct level){ subtrees, path.len };
		}
		while (depth > 0 && lv[depth - 1].left == 0)
			depth--;
	}
	if (depth != 0)
		goto out;       /* subtrees missing */
	buf_add(out, p + run, len - run);
	put_be32((unsigned char *)out->data + base + 4, (uint32_t)(out->len - base - 8));
	rc = 0;
out:
	free(lv);
	buf_free(&path);
	return rc;
}
