#!/bin/sh
# make browser-check: the exported site in a real browser.  Exports the
# demo repository (gavel demo --no-run) as HTML and opens every page in
# headless chromium: every page loads and its DOM is a whole document,
# every internal link (an href with no scheme) resolves to a file of the
# export, and a meeting's page printed to PDF (--print-to-pdf) is A4 and
# its text, read by poppler's pdftotext, holds every item title.
# Prints "ok - ..." or "not ok - ..." for each, and exits 1 on a failure.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GAVEL="$ROOT/gavel"
T=$(mktemp -d "${TMPDIR:-/tmp}/gavel-browser.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
export TMPDIR="$T" HOME="$T/home" TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
unset GAVEL_REPO XDG_DATA_HOME XDG_CONFIG_HOME GIT_DIR GIT_WORK_TREE
mkdir -p "$HOME"
git config --global user.name "Browser Check"
git config --global user.email "check@example.org"
git config --global init.defaultBranch main
started=$(date +%s)
failed=0
passed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
if [ -z "$CHROME" ]; then
	echo "not ok - chromium is installed (make browser-check installs Debian's chromium)"
	exit 1
fi
# chrome ARGS...: headless, one profile, no sandbox (root in CI), no network.
chrome() {
	timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-dev-shm-usage --user-data-dir="$T/profile" \
		--proxy-server=127.0.0.1:9 "$@" 2>>"$T/chrome.log"
}

"$GAVEL" demo --no-run >"$T/demo" 2>&1 || { cat "$T/demo"; exit 1; }
R=$(sed -n 's/^The demo repository is \(.*\) (meeting \(.*\))\.$/\1/p' "$T/demo")
M=$(sed -n 's/^The demo repository is .* (meeting \(.*\))\.$/\1/p' "$T/demo")
[ -d "$R" ] && [ -n "$M" ] || { echo "not ok - gavel demo names its repository"; cat "$T/demo"; exit 1; }
S="$T/site"
"$GAVEL" -C "$R" export --format html --out "$S" >"$T/export" 2>&1 || {
	echo "not ok - gavel export --format html"; cat "$T/export"; exit 1; }

pages=$(cd "$S" && find . -name '*.html' | sed 's|^\./||' | sort)
n=0
bad_load=""
bad_links=""
for p in $pages; do
	n=$((n + 1))
	if ! chrome --dump-dom "file://$S/$p" >"$T/dom" || ! grep -q '</html>' "$T/dom"; then
		bad_load="$bad_load $p"
		continue
	fi
	# The links chromium saw in the loaded page, checked against the files.
	python3 - "$S" "$p" "$T/dom" >>"$T/links" <<'EOF_PY' || bad_links="$bad_links $p"
import os, sys, urllib.parse
from html.parser import HTMLParser
site, page, dom = sys.argv[1:4]
class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "href" and v is not None:
                self.hrefs.append(v)
l = Links()
l.feed(open(dom, encoding="utf-8").read())
bad = 0
for h in l.hrefs:
    u = urllib.parse.urlsplit(h)
    if u.scheme or u.netloc or not u.path:
        continue                     # external, or within the page
    target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(u.path)))
    if target.startswith("..") or not os.path.isfile(os.path.join(site, target)):
        print("%s: %s does not resolve" % (page, h))
        bad += 1
    else:
        print("%s: %s" % (page, h))
sys.exit(1 if bad else 0)
EOF_PY
done
if [ -z "$bad_load" ] && [ "$n" -ge 3 ]; then ok "every page of the export loads ($n pages)"
else not_ok "every page loads (failed:${bad_load:- none}; $n pages)"; fi
nlinks=$(grep -vc "does not resolve" "$T/links" 2>/dev/null || echo 0)
if [ -z "$bad_links" ] && [ "$nlinks" -gt 0 ]; then ok "every internal link resolves to a file of the export ($nlinks links)"
else not_ok "every internal link resolves"; grep "does not resolve" "$T/links"; fi

# A meeting's page printed as a reader would print it.
chrome --no-pdf-header-footer --print-to-pdf="$T/meeting.pdf" "file://$S/$M.html" >/dev/null
if pdfinfo "$T/meeting.pdf" 2>/dev/null | grep -q '^Page size:.*(A4)'; then
	ok "the meeting's page prints on A4 ($(pdfinfo "$T/meeting.pdf" | awk '/^Pages:/ { print $2 }') pages)"
else
	not_ok "the meeting's page prints on A4"; pdfinfo "$T/meeting.pdf" 2>&1 | grep -i "page size"
fi
pdftotext -enc UTF-8 "$T/meeting.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$T/printed"
"$GAVEL" -C "$R" show "$M" --format json >"$T/minutes.json"
missing=$(python3 - "$T/minutes.json" "$T/printed" <<'EOF_PY'
import json, sys
titles = [i["title"] for i in json.load(open(sys.argv[1], encoding="utf-8")).get("items", [])]
text = open(sys.argv[2], encoding="utf-8").read()
print(len(titles) if not titles else "".join("[%s]" % t for t in titles if " ".join(t.split()) not in text))
EOF_PY
)
if [ -z "$missing" ]; then ok "the printed page holds every item title"
else not_ok "the printed page holds every item title (missing: $missing)"; fi

echo "# browser-check: $passed passed, $failed failed in $(($(date +%s) - started)) s"
[ "$failed" -eq 0 ]
