# gavel: committee agendas and minutes in the terminal, kept in git.
#
#   make            build ./gavel
#   make check      install missing packages, build, run every test
#   make layers     check that every #include points down the layers
#   make man        gavel.1's generated parts made again from ./gavel's tables
#   make demo       install missing packages, build, open a demo meeting
#   make bench      measure gavel beside git's own tools, and keystrokes
#   make bench-keys the keystroke benchmark of the clerk's screen alone
#   make bench-keylat  each key's wall time, archives of 100 to 100,000 meetings
#   make bench-audit   gavel verify and gavel log, measured
#   make check SANITIZE=1   the same, built with ASan and UBSan
#   make valgrind   the command-line tests with gavel under valgrind memcheck
#   make lint       clang's warnings (make clang) and cppcheck
#   make browser-check   the exported demo site in headless chromium: every
#                   page loads, every internal link resolves, a meeting
#                   printed to PDF is A4 and holds every item title
#   make torture    the crash torture test: gavel killed with SIGKILL at 200
#                   moments (TORTURE_SEED, printed, repeats them) and restarted
#   make install PREFIX=/usr/local   /   make uninstall

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR     = $(PREFIX)/bin
MANDIR     = $(PREFIX)/share/man/man1
THEMEDIR   = $(PREFIX)/share/gavel/themes
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

CC        ?= cc
PKGS       = ncursesw yaml-0.1 libgit2 sqlite3 zlib libutf8proc nettle
# The printed minutes' libraries: their flags for tui/print alone, the
# one layer that includes them.  They are not linked: tui/print/pdf_libs.c
# dlopen()s them when a PDF is made, so that the other commands do not
# pay for mapping them and their ~34 dependencies at every start (dlopen
# is in glibc's libc since 2.34: no -ldl).
PRINT_PKGS = cairo pangocairo
WARN       = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wcast-qual -Wformat=2 -Wvla
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -pthread -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE \
             -DGAVEL_VERSION='"$(VERSION)"' \
             $(WARN) -MMD -MP \
             -I. $(PKG_CFLAGS) $(CFLAGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS       = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -pthread
tui/print/%.o build-clang/tui/print/%.o: PKG_CFLAGS += $(shell pkg-config --cflags $(PRINT_PKGS) 2>/dev/null)

# Any finding stops the program (and so fails its test): UBSan would
# otherwise print and carry on.
ifeq ($(SANITIZE),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
LDFLAGS    += -fsanitize=address,undefined -fno-sanitize-recover=all
endif

# Debian packages gavel needs to build and test.
DEB_PKGS   = pkg-config libncurses-dev libyaml-dev libgit2-dev \
             libcmocka-dev libsqlite3-dev zlib1g-dev libutf8proc-dev \
             nettle-dev tmux git libxml2-utils groff-base man-db patch \
             libcairo2-dev libpango1.0-dev fonts-dejavu fonts-noto-cjk \
             poppler-utils python3-yaml zsh
BENCH_PKGS = hyperfine valgrind
VALGRIND_PKGS = valgrind
LINT_PKGS  = clang cppcheck
BROWSER_PKGS = chromium

# The layers, lowest first.  A file may include headers of its own layer
# and of the layers before it, never of one after it; <git2.h> belongs to
# minutes/git alone, <sqlite3.h> to minutes/search, <curses.h> to
# tui/screen, <cairo.h> and pango's headers to tui/print (make layers
# checks all of it; README.md draws it).
LAYERS      = minutes/base minutes/format agenda minutes/model minutes/git \
              minutes/audit minutes/session minutes/search themes \
              tui/edit tui/render tui/print tui/screen tui/cli
src_of      = $(sort $(wildcard $(addsuffix /*.c,$(1))))
# Everything below the screens has no curses in it, so unit tests link it.
LIB_LAYERS  = $(filter-out tui/screen tui/cli,$(LAYERS))
LIB_SRC     = $(call src_of,$(LIB_LAYERS))
TUI_SRC     = $(call src_of,tui/screen tui/cli)
LIB_OBJ     = $(LIB_SRC:.c=.o)
TUI_OBJ     = $(TUI_SRC:.c=.o)

UNIT_TESTS  = tests/unit/test_yamlread tests/unit/test_yamlread_scalars \
              tests/unit/test_yamlread_limits tests/unit/test_format2 \
              tests/unit/test_format2_keys tests/unit/test_format2_checks \
              tests/unit/test_format2_mdiff \
              tests/unit/test_required tests/unit/test_emit \
              tests/unit/test_slug tests/unit/test_agenda \
              tests/unit/test_archive tests/unit/test_archive_log \
              tests/unit/test_archive_index tests/unit/test_journal \
              tests/unit/test_lock tests/unit/test_theme tests/unit/test_field \
              tests/unit/test_mdiff tests/unit/test_query tests/unit/test_search \
              tests/unit/test_audit tests/unit/test_session \
              tests/unit/test_session_async tests/unit/test_form \
              tests/unit/test_keys tests/unit/test_revision \
              tests/unit/test_blame tests/unit/test_action_id \
              tests/unit/test_render tests/unit/test_agenda_edit \
              tests/unit/test_outputs tests/unit/test_speaker \
              tests/unit/test_utf8_cut tests/unit/test_numbering \
              tests/unit/test_procedure tests/unit/test_procedure_votes \
              tests/unit/test_registers_rows \
              tests/unit/test_open_actions tests/unit/test_plain \
              tests/unit/test_form_roll

# The fault tests' shim (LD_PRELOAD): makes chosen writes, fsyncs and
# renames fail as a full disk would.
FAILIO      = tests/faults/failio.so

all: gavel $(FAILIO)

gavel: gavel.o $(TUI_OBJ) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# Objects are rebuilt when the flags change (make check SANITIZE=1 after
# a plain build, say): .flags holds the last ones used.
BUILD_FLAGS = $(CC) $(ALL_CFLAGS) $(LDFLAGS)
ifneq ($(file <.flags),$(BUILD_FLAGS))
$(file >.flags,$(BUILD_FLAGS))
endif
# In a fresh tree make has already noted .flags as missing when the line
# above writes it; this rule keeps the pattern rule below usable then.
.flags: ;


%.o: %.c .flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(FAILIO): tests/faults/failio.c
	$(CC) -Wall -Wextra -Werror -O2 -shared -fPIC -o $@ $< -ldl

tests/unit/%: tests/unit/%.o $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

# The key tables live beside the screens that act on them: this test links
# the screens (curses) too.
tests/unit/test_keys: tests/unit/test_keys.o $(TUI_OBJ) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

layers:
	@sh tests/layers.sh $(LAYERS)

# gavel.1's synopses under COMMANDS come from the command table and its
# KEYS section from the screens' key tables: this puts in what ./gavel
# prints for each part between its markers (tests/lib/man.sh), and
# tests/cli/test_man.sh fails until it has been run after a table changed.
man: gavel
	@sh tests/lib/man.sh ./gavel gavel.1 >gavel.1.new && mv gavel.1.new gavel.1 || \
	    { rm -f gavel.1.new; exit 1; }

check: deps
	@sh tests/layers.sh $(LAYERS)
	@$(MAKE) --no-print-directory gavel $(UNIT_TESTS) $(FAILIO) tests/torture/torture
	@tests/run-all $(UNIT_TESTS)

demo: deps
	@$(MAKE) --no-print-directory gavel
	@./gavel demo

bench: deps
	@$(MAKE) --no-print-directory gavel bench/gen bench/yamlscan bench/commit \
	    bench/meeting bench/keys bench/bigmeeting
	@sh bench/run.sh
	@echo
	@sh bench/browse.sh
	@echo
	@sh bench/diff.sh
	@echo
	@sh bench/keystroke.sh
	@echo
	@sh bench/keylat.sh

# Each key's wall time on the clerk's screen in archives of 100, 10,000
# and 100,000 meetings (bench/keylat.sh).
bench-keylat: deps
	@$(MAKE) --no-print-directory gavel bench/gen bench/meeting bench/keys
	@sh bench/keylat.sh

bench-keys: deps
	@$(MAKE) --no-print-directory gavel bench/meeting bench/keys
	@sh bench/keystroke.sh

bench-audit: deps
	@$(MAKE) --no-print-directory gavel bench/gen
	@sh bench/audit.sh

bench/%: bench/%.o $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# The pseudo-terminal driver needs none of gavel; forkpty is in libutil
# before glibc 2.34 (an empty library after it).
# The pseudo-terminal driving is shared with the crash torture test.
bench/keys: bench/keys.o tests/lib/ptyrun.o
	$(CC) $(LDFLAGS) -o $@ $^ -lutil

# The crash torture test: gavel killed with SIGKILL at TORTURE_KILLS
# (200) moments drawn from TORTURE_SEED (printed), restarted each time;
# make check runs a short one (tests/tui/test_torture.sh).
TORTURE_KILLS ?= 200
TORTURE_OBJ = $(patsubst %.c,%.o,$(wildcard tests/torture/*.c))
tests/torture/torture: $(TORTURE_OBJ) tests/lib/ptyrun.o $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lutil

torture: deps
	@$(MAKE) --no-print-directory gavel tests/torture/torture
	@TORTURE_KILLS=$(TORTURE_KILLS) tests/torture/torture ./gavel

# Installs the Debian packages that are missing: apt-get as root, sudo
# when it is there, otherwise one line naming what to install.
deps:
	@sh .ci/deps $(DEB_PKGS) $(if $(filter bench bench-keys bench-keylat bench-audit,$(MAKECMDGOALS)),$(BENCH_PKGS)) \
	    $(if $(filter valgrind,$(MAKECMDGOALS)),$(VALGRIND_PKGS)) \
	    $(if $(filter lint clang,$(MAKECMDGOALS)),$(LINT_PKGS)) \
	    $(if $(filter browser-check,$(MAKECMDGOALS)),$(BROWSER_PKGS))

browser-check: deps
	@$(MAKE) --no-print-directory gavel
	@sh tests/browser/check.sh

# The command-line tests with every gavel they run under valgrind's
# memcheck (tests/cli/lib.sh runs gavel through $$GAVEL_WRAP).  Any error,
# and any definite or indirect leak outside the suppressed library
# internals (tests/valgrind.supp), fails the run; the reports are kept in
# valgrind-logs/, one file a process, and printed.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
           --show-leak-kinds=definite,indirect \
           --errors-for-leak-kinds=definite,indirect \
           --suppressions=$(CURDIR)/tests/valgrind.supp \
           --log-file=$(CURDIR)/valgrind-logs/%p.log
valgrind: deps
	@if [ "$(SANITIZE)" = 1 ]; then \
	    echo "make valgrind: not with SANITIZE=1 (valgrind and ASan exclude each other)" >&2; \
	    exit 2; fi
	@$(MAKE) --no-print-directory gavel
	@rm -rf valgrind-logs && mkdir valgrind-logs && chmod 1777 valgrind-logs
	@GAVEL_WRAP="$(VALGRIND)" tests/run-all --cli; rc=$$?; \
	    for f in valgrind-logs/*.log; do \
	        [ -s "$$f" ] || { rm -f "$$f"; continue; }; \
	        echo "== $$f"; cat "$$f"; rc=1; done; \
	    [ $$rc -eq 0 ] && echo "valgrind: no errors, no leaks" && rm -rf valgrind-logs; \
	    exit $$rc

# The warnings again with clang, objects apart (build-clang/) so that they
# leave gcc's alone; then cppcheck, whose findings are errors (a false one
# is suppressed where it is, with a comment saying why).
CLANG_OBJ = $(addprefix build-clang/,$(patsubst %.c,%.o,gavel.c $(TUI_SRC) $(LIB_SRC)))
clang: deps
	@$(MAKE) --no-print-directory build-clang/gavel
build-clang/gavel: $(CLANG_OBJ)
	clang $(LDFLAGS) -o $@ $^ $(LIBS)
build-clang/%.o: %.c .flags
	@mkdir -p $(dir $@)
	clang $(ALL_CFLAGS) -c -o $@ $<

CPPCHECK = cppcheck --enable=warning,performance,portability --inline-suppr \
           --error-exitcode=1 -q --std=c11 --library=posix \
           -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE -DGAVEL_VERSION='"$(VERSION)"' \
           -I.
lint: deps
	@$(MAKE) --no-print-directory build-clang/gavel
	$(CPPCHECK) $(LAYERS) gavel.c
	@echo "lint: clang and cppcheck found nothing"

install: gavel
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(THEMEDIR) \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 gavel $(DESTDIR)$(BINDIR)/gavel
	install -m 644 gavel.1 $(DESTDIR)$(MANDIR)/gavel.1
	install -m 644 themes/*.theme $(DESTDIR)$(THEMEDIR)/
	install -m 644 completion/gavel.bash $(DESTDIR)$(BASHCOMPDIR)/gavel
	install -m 644 completion/_gavel $(DESTDIR)$(ZSHCOMPDIR)/_gavel

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gavel $(DESTDIR)$(MANDIR)/gavel.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/gavel $(DESTDIR)$(ZSHCOMPDIR)/_gavel
	rm -rf $(DESTDIR)$(THEMEDIR)
	-rmdir $(DESTDIR)$(PREFIX)/share/gavel 2>/dev/null

clean:
	rm -rf build-clang valgrind-logs
	rm -f .flags gavel $(FAILIO) *.o */*.o */*/*.o */*/*/*.o *.d */*.d */*/*.d */*/*/*.d $(UNIT_TESTS) \
	      bench/gen bench/yamlscan bench/commit bench/meeting bench/keys bench/bigmeeting \
	      tests/torture/torture

.PHONY: all check layers man demo bench bench-keys bench-keylat bench-audit torture deps install uninstall clean \
        valgrind clang lint browser-check
.SECONDARY:

-include $(wildcard *.d */*.d */*/*.d */*/*/*.d)

# Fuzzing (clang's libFuzzer): make fuzz FUZZ_SECONDS=N runs each target.
FUZZ_SECONDS ?= 60
# The fuzzed code is the file format and the models: no git, no SQLite.
FUZZ_SRC       = $(call src_of,minutes/base minutes/format agenda minutes/model)
THEME_FUZZ_SRC = themes/theme.c minutes/base/buf.c minutes/base/diag.c minutes/base/utf8.c
QUERY_FUZZ_SRC = minutes/search/query.c minutes/base/buf.c minutes/base/diag.c \
                 minutes/base/utf8.c minutes/format/slug.c minutes/format/yamlread.c \
                 minutes/format/yamlread_values.c
fuzz: deps
	@mkdir -p fuzz/corpus-load
	@for f in tests/data/*.yaml tests/cli/data/*.yaml; do \
	    cp "$$f" "fuzz/corpus-load/$$(echo "$$f" | tr / _)"; done
	clang -std=c11 -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined -I. \
	    -o fuzz/fuzz_load tests/fuzz/fuzz_load.c $(FUZZ_SRC) -lyaml -lutf8proc
	fuzz/fuzz_load -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -timeout=5 fuzz/corpus-load
	@mkdir -p fuzz/corpus-theme
	@for f in themes/*.theme; do \
	    cp "$$f" "fuzz/corpus-theme/$$(echo "$$f" | tr / _)"; done
	clang -std=c11 -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined -I. \
	    -o fuzz/fuzz_theme tests/fuzz/fuzz_theme.c $(THEME_FUZZ_SRC) -lutf8proc
	fuzz/fuzz_theme -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -timeout=5 fuzz/corpus-theme
	@mkdir -p fuzz/corpus-query
	@printf '%s' 'budget "integrated communities" by:"Zoë Reid"' >fuzz/corpus-query/words
	@printf '%s' 'committee:planning title:strategy decision:approved since:2018-01-01 until:2019-12-31' >fuzz/corpus-query/filters
	@printf '%s' 'since:2018-13-01 "unclosed' >fuzz/corpus-query/errors
	clang -std=c11 -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined -I. \
	    -o fuzz/fuzz_query tests/fuzz/fuzz_query.c $(QUERY_FUZZ_SRC) -lyaml -lutf8proc
	fuzz/fuzz_query -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -timeout=5 fuzz/corpus-query
.PHONY: fuzz
