# gavel: committee agendas and minutes in the terminal, kept in git.
#
#   make            build ./gavel
#   make check      install missing packages, build, run every test
#   make demo       install missing packages, build, open a demo meeting
#   make bench      measure gavel beside git's own tools, and keystrokes
#   make bench-keys the keystroke benchmark of the clerk's screen alone
#   make bench-audit   gavel verify and gavel log, measured
#   make check SANITIZE=1   the same, built with ASan and UBSan
#   make valgrind   the command-line tests with gavel under valgrind memcheck
#   make lint       clang's warnings (make clang) and cppcheck
#   make torture    the crash torture test: gavel killed with SIGKILL at 200
#                   moments (TORTURE_SEED, printed, repeats them) and restarted
#   make install PREFIX=/usr/local   /   make uninstall

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR     = $(PREFIX)/bin
MANDIR     = $(PREFIX)/share/man/man1
THEMEDIR   = $(PREFIX)/share/gavel/themes

CC        ?= cc
PKGS       = ncursesw yaml-0.1 libgit2 sqlite3
WARN       = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wcast-qual -Wformat=2 -Wvla
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE \
             -DGAVEL_VERSION='"$(VERSION)"' \
             $(WARN) -MMD -MP \
             -Iminutes -Iagenda -Itui -Ithemes $(PKG_CFLAGS) $(CFLAGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS       = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# Any finding stops the program (and so fails its test): UBSan would
# otherwise print and carry on.
ifeq ($(SANITIZE),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
LDFLAGS    += -fsanitize=address,undefined -fno-sanitize-recover=all
endif

# Debian packages gavel needs to build and test.
DEB_PKGS   = pkg-config libncurses-dev libyaml-dev libgit2-dev \
             libcmocka-dev libsqlite3-dev tmux git libxml2-utils
BENCH_PKGS = hyperfine valgrind
VALGRIND_PKGS = valgrind
LINT_PKGS  = clang cppcheck

# The modules, one concept a file.
MINUTES_SRC = minutes/buf.c minutes/diag.c minutes/utf8.c minutes/slug.c \
              minutes/yamlread.c minutes/emit.c minutes/record.c \
              minutes/committee.c minutes/minutes.c minutes/document.c \
              minutes/archive.c minutes/archive_sync.c minutes/archive_logcache.c \
              minutes/meeting.c \
              minutes/gitstate.c minutes/journal.c minutes/lock.c \
              minutes/session.c minutes/mdiff.c minutes/linediff.c \
              minutes/proc.c minutes/gpg.c minutes/audit.c \
              minutes/query.c minutes/search.c \
              minutes/sha1.c minutes/archive_index.c
AGENDA_SRC  = agenda/agenda.c
THEMES_SRC  = themes/theme.c
# The text field's model has no curses in it, so unit tests link it.
FIELD_SRC   = tui/field.c
TUI_SRC     = tui/cli.c tui/cmd_repo.c tui/cmd_check.c tui/cmd_show.c tui/cmd_export.c \
              tui/cmd_sync.c tui/cmd_diff.c tui/cmd_search.c \
              tui/render.c tui/render_md.c tui/render_html.c \
              tui/theme_apply.c tui/field_draw.c tui/ui.c tui/clerk.c tui/run.c \
              tui/demo.c tui/browse.c tui/cmd_audit.c tui/history.c
LIB_SRC     = $(MINUTES_SRC) $(AGENDA_SRC) $(THEMES_SRC) $(FIELD_SRC)
LIB_OBJ     = $(LIB_SRC:.c=.o)
TUI_OBJ     = $(TUI_SRC:.c=.o)

UNIT_TESTS  = tests/unit/test_yamlread tests/unit/test_emit \
              tests/unit/test_slug tests/unit/test_formats \
              tests/unit/test_archive tests/unit/test_journal \
              tests/unit/test_lock tests/unit/test_theme tests/unit/test_field \
              tests/unit/test_mdiff tests/unit/test_query tests/unit/test_sha1

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

check: deps
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
tests/torture/torture: tests/torture/torture.o tests/lib/ptyrun.o $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lutil

torture: deps
	@$(MAKE) --no-print-directory gavel tests/torture/torture
	@TORTURE_KILLS=$(TORTURE_KILLS) tests/torture/torture ./gavel

# Installs the Debian packages that are missing: apt-get as root, sudo
# when it is there, otherwise one line naming what to install.
deps:
	@sh .ci/deps $(DEB_PKGS) $(if $(filter bench bench-keys bench-audit,$(MAKECMDGOALS)),$(BENCH_PKGS)) \
	    $(if $(filter valgrind,$(MAKECMDGOALS)),$(VALGRIND_PKGS)) \
	    $(if $(filter lint clang,$(MAKECMDGOALS)),$(LINT_PKGS))

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
           -Iminutes -Iagenda -Itui -Ithemes
lint: deps
	@$(MAKE) --no-print-directory build-clang/gavel
	$(CPPCHECK) minutes agenda tui themes gavel.c
	@echo "lint: clang and cppcheck found nothing"

install: gavel
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(THEMEDIR)
	install -m 755 gavel $(DESTDIR)$(BINDIR)/gavel
	install -m 644 gavel.1 $(DESTDIR)$(MANDIR)/gavel.1
	install -m 644 themes/*.theme $(DESTDIR)$(THEMEDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gavel $(DESTDIR)$(MANDIR)/gavel.1
	rm -rf $(DESTDIR)$(THEMEDIR)
	-rmdir $(DESTDIR)$(PREFIX)/share/gavel 2>/dev/null

clean:
	rm -rf build-clang valgrind-logs
	rm -f .flags gavel $(FAILIO) *.o */*.o */*/*.o *.d */*.d */*/*.d $(UNIT_TESTS) \
	      bench/gen bench/yamlscan bench/commit bench/meeting bench/keys bench/bigmeeting \
	      tests/torture/torture

.PHONY: all check demo bench bench-keys bench-audit torture deps install uninstall clean \
        valgrind clang lint
.SECONDARY:

-include $(wildcard *.d */*.d */*/*.d)

# Fuzzing (clang's libFuzzer): make fuzz FUZZ_SECONDS=N runs each target.
FUZZ_SECONDS ?= 60
FUZZ_SRC     = $(filter-out minutes/archive.c minutes/archive_sync.c minutes/archive_logcache.c \
                minutes/archive_index.c \
                minutes/meeting.c minutes/session.c minutes/audit.c minutes/search.c \
                $(FIELD_SRC),$(LIB_SRC))
THEME_FUZZ_SRC = $(THEMES_SRC) minutes/buf.c minutes/diag.c minutes/utf8.c
QUERY_FUZZ_SRC = minutes/query.c minutes/buf.c minutes/diag.c minutes/utf8.c \
                 minutes/slug.c minutes/yamlread.c
fuzz: deps
	@mkdir -p fuzz/corpus-load
	@for f in tests/data/*.yaml tests/cli/data/*.yaml; do \
	    cp "$$f" "fuzz/corpus-load/$$(echo "$$f" | tr / _)"; done
	clang -std=c11 -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined -Iminutes -Iagenda \
	    -o fuzz/fuzz_load tests/fuzz/fuzz_load.c $(FUZZ_SRC) -lyaml
	fuzz/fuzz_load -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -timeout=5 fuzz/corpus-load
	@mkdir -p fuzz/corpus-theme
	@for f in themes/*.theme; do \
	    cp "$$f" "fuzz/corpus-theme/$$(echo "$$f" | tr / _)"; done
	clang -std=c11 -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined -Iminutes -Ithemes \
	    -o fuzz/fuzz_theme tests/fuzz/fuzz_theme.c $(THEME_FUZZ_SRC)
	fuzz/fuzz_theme -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -timeout=5 fuzz/corpus-theme
	@mkdir -p fuzz/corpus-query
	@printf '%s' 'budget "integrated communities" by:"Zoë Reid"' >fuzz/corpus-query/words
	@printf '%s' 'committee:planning title:strategy decision:approved since:2018-01-01 until:2019-12-31' >fuzz/corpus-query/filters
	@printf '%s' 'since:2018-13-01 "unclosed' >fuzz/corpus-query/errors
	clang -std=c11 -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined -Iminutes -Iagenda \
	    -o fuzz/fuzz_query tests/fuzz/fuzz_query.c $(QUERY_FUZZ_SRC) -lyaml
	fuzz/fuzz_query -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -timeout=5 fuzz/corpus-query
.PHONY: fuzz
