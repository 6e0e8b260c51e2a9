# SPDX-License-Identifier: MIT
# mend - build, test, install. `make help` lists the targets.
PREFIX ?= /usr/local
# `make install PREFIX=~/.local` from a shell that leaves the ~ as it is (zsh, dash)
override PREFIX := $(patsubst ~/%,$(HOME)/%,$(PREFIX))
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCDIR = $(PREFIX)/include
DATADIR = $(PREFIX)/share/mend
MANDIR = $(PREFIX)/share/man/man1
MAN3DIR = $(PREFIX)/share/man/man3

CC ?= cc
BUILD ?= build
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
# pkg-config is asked once, lazily: after `deps` has installed what is missing.
XML_CFLAGS = $(eval XML_CFLAGS := $(shell pkg-config --cflags libxml-2.0))$(XML_CFLAGS)
XML_LIBS = $(eval XML_LIBS := $(shell pkg-config --libs libxml-2.0))$(XML_LIBS)
RL_CFLAGS = $(eval RL_CFLAGS := $(shell pkg-config --cflags readline))$(RL_CFLAGS)
RL_LIBS = $(eval RL_LIBS := $(shell pkg-config --libs readline))$(RL_LIBS)
SQLITE_CFLAGS = $(eval SQLITE_CFLAGS := $(shell pkg-config --cflags sqlite3))$(SQLITE_CFLAGS)
SQLITE_LIBS = $(eval SQLITE_LIBS := $(shell pkg-config --libs sqlite3))$(SQLITE_LIBS)
U8_CFLAGS = $(eval U8_CFLAGS := $(shell pkg-config --cflags libutf8proc))$(U8_CFLAGS)
U8_LIBS = $(eval U8_LIBS := $(shell pkg-config --libs libutf8proc))$(U8_LIBS)
CMOCKA_CFLAGS = $(eval CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka))$(CMOCKA_CFLAGS)
CMOCKA_LIBS = $(eval CMOCKA_LIBS := $(shell pkg-config --libs cmocka))$(CMOCKA_LIBS)
ALL_CFLAGS = $(WARN) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -D_GNU_SOURCE -Iinclude -Iengine $(XML_CFLAGS) $(U8_CFLAGS) \
             $(SQLITE_CFLAGS) \
             -DMEND_DATADIR='"$(DATADIR)"' -MMD -MP $(REPRO_FLAGS)
# The same sources give the same binaries, wherever they are built: the
# paths of the tree and of the build folder are not written into them.
REPRO_FLAGS = -ffile-prefix-map=$(CURDIR)=. -ffile-prefix-map=$(BUILD)=build
# libstemmer (Snowball) has no pkg-config file in Debian
LDLIBS_ALL = $(XML_LIBS) $(U8_LIBS) -lstemmer -lpthread -lm

ifeq ($(V),1)
Q =
else
Q = @
endif

ENGINE_SRC = $(wildcard engine/*.c)
TOOLS_SRC = $(wildcard tools/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
ENGINE_OBJ = $(ENGINE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/schema.o
TOOLS_OBJ = $(TOOLS_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB = $(BUILD)/libmend.a
BIN = $(BUILD)/mend
# The version is written in one place, include/mend/mend.h; the shared
# library's SONAME changes only when its ABI breaks.
VERSION := $(shell sed -n 's/^\#define MEND_VERSION "\(.*\)"$$/\1/p' include/mend/mend.h)
SOVERSION = 0
SOLIB = $(BUILD)/libmend.so.$(VERSION)
# the fuzz harnesses (see "fuzzing" below)
FUZZ_NAMES = load expr restore session safety plan cache include player image
FUZZ ?= $(FUZZ_NAMES)
FUZZ_SECONDS ?= 60
FUZZ_COMMON = tests/fuzz/common.c $(BUILD)/fuzz/story.c
# the tools' modules but main, for the harnesses of the plan reader, the
# library cache and the player
TOOLS_LIB = $(BUILD)/libmendtools.a
FUZZ_DEPS = $(FUZZ_COMMON) tests/fuzz/fuzz.h $(LIB) $(TOOLS_LIB) Makefile $(BUILD)/flags
FUZZ_CFLAGS = $(filter-out -MMD -MP,$(ALL_CFLAGS)) -Itests/fuzz -Itools
FUZZ_LIBS = $(TOOLS_LIB) $(LIB) $(RL_LIBS) $(SQLITE_LIBS) $(LDLIBS_ALL)
FUZZ_REPLAY = $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz_%)

.DELETE_ON_ERROR:
.PHONY: FORCE all deps test-deps play test check unit fixtures e2e asan valgrind install uninstall \
        clean fmt fmt-check lint-code help bench fuzz fuzz-deps fuzz-run \
        fresh-check web web-deps web-check-build explore

all: $(BIN) $(SOLIB)

help:
	@echo "make            build $(BIN) and $(LIB)"
	@echo "make play       build and open the scenario library"
	@echo "make test       build and run every test (unit, fixtures, end-to-end, ASan+UBSan, valgrind)"
	@echo "make check      the same tests on this build only (no sanitizer/valgrind passes)"
	@echo "make asan       the suite under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "make valgrind   the unit tests under valgrind"
	@echo "make fuzz       the libFuzzer harnesses, FUZZ_SECONDS=$(FUZZ_SECONDS) each (FUZZ=\"$(FUZZ)\")"
	@echo "make bench      benchmarks: figures and ratios against baselines (never fails)"
	@echo "make fresh-check  the README's quick start on a new minimal Debian 12, as root (~17 min)"
	@echo "make install    install under PREFIX=$(PREFIX) (DESTDIR honoured); make uninstall"
	@echo "make fmt        clang-format the sources; make fmt-check to verify"

# Plain `make` (and `make check`, `make web`...) only checks the build's
# dependencies and says what to install; `make play` and `make test`, the
# README's two commands, install what is missing.
DEPS_MODE ?= check
play test: DEPS_MODE = install
deps:
	$(Q)MEND_DEPS=$(DEPS_MODE) sh tools/install-deps.sh

test-deps:
	$(Q)MEND_DEPS=$(DEPS_MODE) sh tools/install-deps.sh test

# Objects are rebuilt when the compiler, the flags or PREFIX change.
$(BUILD)/flags: FORCE
	@mkdir -p $(BUILD)
	@echo "$(CC) $(CFLAGS) $(SANFLAGS) $(PREFIX)" | cmp -s - $@ || \
	  echo "$(CC) $(CFLAGS) $(SANFLAGS) $(PREFIX)" > $@

$(BUILD)/%.o: %.c Makefile $(BUILD)/flags | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/schema.c: stories/mend.rng tools/embed.sh | deps
	@mkdir -p $(dir $@)
	$(Q)sh tools/embed.sh $< mend_schema_rng > $@

$(BUILD)/schema.o: $(BUILD)/schema.c Makefile $(BUILD)/flags
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(TOOLS_LIB): $(filter-out $(BUILD)/tools/main.o,$(TOOLS_OBJ))
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(LIB): $(ENGINE_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# The engine's objects serve the static and the shared library alike:
# position-independent, and exporting only what the headers mark MEND_API
# (the mend_ functions), so that no internal name can clash with a host's.
$(ENGINE_OBJ): ALL_CFLAGS += -fPIC -fvisibility=hidden

$(SOLIB): $(ENGINE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -shared -Wl,-soname,libmend.so.$(SOVERSION) \
	  -Wl,-z,defs -o $@ $^ $(LDLIBS_ALL)
	$(Q)ln -sf libmend.so.$(VERSION) $(BUILD)/libmend.so.$(SOVERSION)
	$(Q)ln -sf libmend.so.$(SOVERSION) $(BUILD)/libmend.so

$(BIN): $(TOOLS_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $(TOOLS_OBJ) $(LIB) $(RL_LIBS) \
	  $(SQLITE_LIBS) $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/helpers.c tests/unit/helpers.h $(LIB) Makefile \
                  $(BUILD)/flags | test-deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit -Itools -DFIXTURES='"tests/fixtures"' $< \
	  tests/unit/helpers.c -o $@ \
	  $(UNIT_TOOLS) $(LIB) $(CMOCKA_LIBS) $(LDLIBS_ALL)

# the suites of the program's own modules (tools/) link them too
TOOLS_UNITS = $(BUILD)/tests/test_chart $(BUILD)/tests/test_term $(BUILD)/tests/test_invoked \
              $(BUILD)/tests/test_show \
              $(BUILD)/tests/test_alloc
$(TOOLS_UNITS): $(TOOLS_LIB)
$(TOOLS_UNITS): UNIT_TOOLS = $(TOOLS_LIB) $(LIB) $(RL_LIBS) $(SQLITE_LIBS)

# web/page.c natively, for the sanitizers and valgrind (tests/web/native.c)
$(BUILD)/tests/web_page: tests/web/native.c web/page.c web/page.h $(LIB) $(TOOLS_LIB) Makefile \
                         $(BUILD)/flags | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      web/page.c (native)")
	$(Q)$(CC) $(FUZZ_CFLAGS) -Iweb tests/web/native.c web/page.c -o $@ $(FUZZ_LIBS)

# Leaving the library with Ctrl-D (or with no input at all) is leaving it, not
# a failed build: mend's status 3, "input ended", ends `make play` quietly.
play: $(BIN)
	$(Q)./$(BIN) || [ $$? -eq 3 ]

# The whole suite for one build; prints one closing "N passed, N failed" line.
# With WEB_CHECK=1 (not in the sanitizer build: the page's engine is the same
# WebAssembly there), also the page's tests: tests/web/*.
# The stories' exhaustive explorations run on half of each budget here
# (EXPLORE_SHARE=2); `make explore` runs the whole budgets and checks that
# they reach every node, choice and ending (tests/e2e/tester.sh).
WEB_CHECK ?= 1
EXPLORE_SHARE ?= 2
check: $(BIN) $(SOLIB) $(UNIT_BIN) $(FUZZ_REPLAY) $(BUILD)/tests/web_page $(if $(filter 1,$(WEB_CHECK)),web-check-build) | test-deps
	$(Q)MEND_WEB=$(WEB_CHECK) MEND_EXPLORE_SHARE=$(EXPLORE_SHARE) sh tests/run.sh $(BUILD)

explore: $(BIN) | test-deps
	$(Q)MEND=$(CURDIR)/$(BIN) MEND_EXPLORE_SHARE=1 sh tests/e2e/tester.sh

unit: $(UNIT_BIN)
	$(Q)for t in $(UNIT_BIN); do $$t || exit 1; done

asan:
	$(Q)MEND_SANITIZED=1 $(MAKE) --no-print-directory BUILD=build-asan WEB_CHECK=0 \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" check

valgrind: $(UNIT_BIN) $(BIN) $(BUILD)/tests/web_page | test-deps
	$(Q)sh tests/valgrind.sh $(BUILD)

test: | test-deps
	$(Q)$(MAKE) --no-print-directory DEPS_MODE=install check
	$(Q)$(MAKE) --no-print-directory DEPS_MODE=install asan
	$(Q)$(MAKE) --no-print-directory DEPS_MODE=install valgrind

# Benchmarks: they print figures and ratios against baselines; never fail.
bench: $(BIN) $(LIB)
	@mkdir -p $(BUILD)/bench
	$(Q)$(CC) $(ALL_CFLAGS) tests/bench/storysize.c -o $(BUILD)/bench/storysize $(LIB) $(LDLIBS_ALL)
	$(Q)$(CC) $(ALL_CFLAGS) tests/bench/safety.c -o $(BUILD)/bench/safety $(LIB) $(LDLIBS_ALL)
	$(Q)sh tests/bench/run.sh $(BUILD)

# The README's two quick-start commands, read from the README, run as root
# without a terminal on a minimal Debian 12 that debootstrap builds in a
# temporary folder (tests/fresh-check.sh: root, network). Not in `make test`.
fresh-check:
	$(Q)sh tests/fresh-check.sh

# ---- fuzzing --------------------------------------------------------------------
# `make fuzz` builds the libFuzzer harnesses of tests/fuzz/ with clang into
# build-fuzz/ and runs each FUZZ_SECONDS (FUZZ= picks some: load expr restore
# session plan cache include player image). `make check` builds the same harnesses as ordinary programs
# ($(BUILD)/tests/fuzz_NAME, with tests/fuzz/replay.c) and replays the
# regression corpus tests/fuzz/regressions/ and the seeds through them.
$(BUILD)/fuzz/story.c: tests/fuzz/story.xml tools/embed.sh
	@mkdir -p $(dir $@)
	$(Q)sh tools/embed.sh $< mend_fuzz_story > $@

$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_DEPS) | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(FUZZ_CFLAGS) $< tests/fuzz/replay.c $(FUZZ_COMMON) -o $@ $(FUZZ_LIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS)
	@$(if $(Q),echo "  CC      $< (libFuzzer)")
	$(Q)$(CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_COMMON) -o $@ $(FUZZ_LIBS)

fuzz: | fuzz-deps
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" fuzz-run

fuzz-deps:
	$(Q)MEND_DEPS=$(DEPS_MODE) sh tools/install-deps.sh fuzz

fuzz-run: $(FUZZ:%=$(BUILD)/fuzz/fuzz_%) $(BIN)
	$(Q)sh tests/fuzz/run.sh $(BUILD) $(FUZZ_SECONDS) $(FUZZ)

# ---- the page's engine: libmend in WebAssembly -----------------------------------
# `make web` compiles libmend (without xml.c and xmlerr.c: the page reads story images), the
# player's words and web/page.c for wasm32-wasi with Debian's clang, lld and
# wasi-libc, with utf8proc and Snowball's stemmers built from Debian's source
# packages of the versions installed here (tools/web-src.sh fetches them once
# into $(WEB)/src). The result is $(WEB)/mend.wasm; `mend export --html` puts it
# in the page with web/page.html, page.css, engine.js and page.js.
WEB = $(BUILD)/web
WEB_SRC = $(WEB)/src
WASM_CC ?= clang
WASM_FLAGS = --target=wasm32-wasi -O2
# (regex.h is gnulib's: see below)
WASM_CFLAGS = $(WASM_FLAGS) $(WARN) -D_GNU_SOURCE -DMEND_NO_XML -DUTF8PROC_STATIC \
              -I$(WEB)/include -Iinclude -Iengine -Itools -I$(WEB_SRC)/utf8proc
WASM_SRC = $(filter-out engine/xml.c engine/xmlerr.c,$(ENGINE_SRC)) tools/term.c tools/notes.c tools/show.c \
           tools/screen.c tools/emit.c tools/xalloc.c tools/markdown.c web/page.c web/wctype.c
WASM_OBJ = $(WASM_SRC:%.c=$(WEB)/obj/%.o)
# Regular expressions: glibc's own code, as gnulib keeps it (Debian's gnulib
# package), with glibc's character tables for C.UTF-8 (web/wctype-table.c
# writes them from this machine's glibc), in place of wasi-libc's regex
# (musl's TRE), which matches differently (tests/web/regex.sh)
GNULIB ?= /usr/share/gnulib/lib
GNULIB_SRC = regex.c malloc/dynarray_resize.c malloc/dynarray_emplace_enlarge.c \
             malloc/dynarray_finalize.c malloc/dynarray_at_failure.c
GNULIB_OBJ = $(GNULIB_SRC:%.c=$(WEB)/gnulib/%.o)

WEB_PAGE = $(WEB)/page.html $(WEB)/page.css $(WEB)/page.js $(WEB)/engine.js

web: $(WEB)/mend.wasm $(WEB_PAGE)

# what tests/web needs built: the page, and the regex program both ways
web-check-build: web $(WEB)/regex-native $(WEB)/regex.wasm $(WEB)/regex-musl.wasm

# the page's parts beside the engine, where mend export --html finds them
# when it runs from this build tree
$(WEB_PAGE): $(WEB)/%: web/%
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

web-deps:
	$(Q)MEND_DEPS=$(DEPS_MODE) sh tools/install-deps.sh web

$(WEB_SRC)/stamp: tools/web-src.sh | web-deps
	@$(if $(Q),echo "  SRC     utf8proc and snowball (Debian source packages)")
	$(Q)sh tools/web-src.sh $(WEB_SRC)

$(WEB)/include/regex.h: | web-deps
	@mkdir -p $(dir $@)
	$(Q)cp $(GNULIB)/regex.h $@

$(WEB)/include/wctype-table.h: web/wctype-table.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@ (glibc's C.UTF-8 tables)")
	$(Q)$(CC) -std=c11 -O1 $< -o $(WEB)/wctype-table && $(WEB)/wctype-table >$@.tmp && mv $@.tmp $@

$(WEB)/gnulib/%.o: $(GNULIB)/%.c web/gnulib/config.h | web-deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC wasm gnulib/$*.c")
	$(Q)$(WASM_CC) $(WASM_FLAGS) -std=gnu11 -w -DHAVE_CONFIG_H -Iweb/gnulib -I$(GNULIB) -c $< -o $@

$(WEB)/obj/%.o: %.c Makefile $(WEB_SRC)/stamp $(WEB)/include/regex.h $(WEB)/include/wctype-table.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC wasm $<")
	$(Q)$(WASM_CC) $(WASM_CFLAGS) -MMD -MP -c $< -o $@

# the libraries' own sources, compiled as their build compiles them (their
# warnings are theirs): utf8proc, Snowball's runtime and UTF-8 stemmers
$(WEB)/third.list: $(WEB_SRC)/stamp Makefile
	@mkdir -p $(WEB)/third
	@$(if $(Q),echo "  CC wasm utf8proc and snowball")
	$(Q)s=$(WEB_SRC)/snowball; : >$@.tmp; \
	for f in $(WEB_SRC)/utf8proc/utf8proc.c $$s/runtime/api.c $$s/runtime/utilities.c \
	  $$s/libstemmer/libstemmer_utf8.c $$(sed "s|^|$$s/|" $$s/utf8-sources); do \
	  o=$(WEB)/third/$$(basename $$f .c).o; \
	  $(WASM_CC) $(WASM_FLAGS) -w -DUTF8PROC_STATIC -I$$s/include -c $$f -o $$o || exit 1; \
	  echo $$o >>$@.tmp; \
	done; mv $@.tmp $@

$(WEB)/mend.wasm: $(WASM_OBJ) $(GNULIB_OBJ) $(WEB)/third.list
	@$(if $(Q),echo "  LD wasm $@")
	$(Q)$(WASM_CC) $(WASM_FLAGS) -mexec-model=reactor -Wl,--gc-sections -Wl,--strip-all \
	  -o $@ $(WASM_OBJ) $(GNULIB_OBJ) @$(WEB)/third.list

# tests/web/regex.sh: the same program of patterns, for glibc and for wasm
$(WEB)/regex-native: tests/web/regex.c engine/pattern.c engine/mem.c Makefile
	$(Q)$(CC) $(ALL_CFLAGS) tests/web/regex.c engine/pattern.c engine/mem.c -o $@
$(WEB)/regex.wasm: tests/web/regex.c $(WEB)/obj/engine/pattern.o $(WEB)/obj/engine/mem.o \
                   $(WEB)/obj/web/wctype.o $(GNULIB_OBJ)
	$(Q)$(WASM_CC) $(WASM_CFLAGS) tests/web/regex.c $(WEB)/obj/engine/pattern.o \
	  $(WEB)/obj/engine/mem.o $(WEB)/obj/web/wctype.o $(GNULIB_OBJ) -o $@
$(WEB)/regex-musl.wasm: tests/web/regex.c engine/pattern.c engine/mem.c Makefile | web-deps
	$(Q)$(WASM_CC) $(filter-out -I$(WEB)/include,$(WASM_CFLAGS)) tests/web/regex.c \
	  engine/pattern.c engine/mem.c -o $@

install: $(BIN) $(SOLIB)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR)/mend \
	  $(DESTDIR)$(DATADIR)/stories/safety $(DESTDIR)$(DATADIR)/stories/lang $(DESTDIR)$(MANDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/mend
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libmend.a
	install -m 644 $(SOLIB) $(DESTDIR)$(LIBDIR)/libmend.so.$(VERSION)
	ln -sf libmend.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libmend.so.$(SOVERSION)
	ln -sf libmend.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libmend.so
	install -m 644 include/mend/*.h $(DESTDIR)$(INCDIR)/mend/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 644 tools/completions/mend.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mend
	install -m 644 tools/completions/_mend $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_mend
	install -m 644 tools/completions/mend.fish \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/mend.fish
	install -m 644 stories/*.xml stories/mend.rng stories/README.md $(DESTDIR)$(DATADIR)/stories/
	install -d $(DESTDIR)$(DATADIR)/stories/plans $(DESTDIR)$(DATADIR)/stories/examples/plans
	install -m 644 stories/plans/*.plan $(DESTDIR)$(DATADIR)/stories/plans/
	install -m 644 stories/examples/*.xml $(DESTDIR)$(DATADIR)/stories/examples/
	install -m 644 stories/examples/plans/*.plan $(DESTDIR)$(DATADIR)/stories/examples/plans/
	install -m 644 stories/safety/*.lexicon stories/safety/resources stories/safety/README.md \
	  $(DESTDIR)$(DATADIR)/stories/safety/
	install -m 644 stories/lang/*.words $(DESTDIR)$(DATADIR)/stories/lang/
	sed 's/^\(\.TH MEND 1 "[^"]*" "mend \)[^"]*"/\1$(VERSION)"/' tools/mend.1 \
	  > $(DESTDIR)$(MANDIR)/mend.1 && chmod 644 $(DESTDIR)$(MANDIR)/mend.1
	install -d $(DESTDIR)$(MAN3DIR)
	sed 's/^\(\.TH MEND 3 "[^"]*" "mend \)[^"]*"/\1$(VERSION)"/' tools/mend.3 \
	  > $(DESTDIR)$(MAN3DIR)/mend.3 && chmod 644 $(DESTDIR)$(MAN3DIR)/mend.3
	$(Q)if [ -f $(WEB)/mend.wasm ]; then \
	  install -d $(DESTDIR)$(DATADIR)/web && \
	  install -m 644 $(WEB)/mend.wasm $(WEB_PAGE) $(DESTDIR)$(DATADIR)/web/; \
	else \
	  echo "make install: the page's engine is not built (make web): mend export --html will say so"; \
	fi
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCDIR@|$(INCDIR)|' \
	  -e 's|@DATADIR@|$(DATADIR)|' -e 's|@VERSION@|$(VERSION)|' tools/mend.pc.in \
	  > $(DESTDIR)$(LIBDIR)/pkgconfig/mend.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mend $(DESTDIR)$(LIBDIR)/libmend.a \
	  $(DESTDIR)$(LIBDIR)/libmend.so $(DESTDIR)$(LIBDIR)/libmend.so.$(SOVERSION) \
	  $(DESTDIR)$(LIBDIR)/libmend.so.$(VERSION) \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mend \
	  $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_mend \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/mend.fish \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/mend.pc $(DESTDIR)$(MANDIR)/mend.1 $(DESTDIR)$(MAN3DIR)/mend.3
	rm -rf $(DESTDIR)$(INCDIR)/mend $(DESTDIR)$(DATADIR)

FMT_FILES = examples/*.c engine/*.c engine/*.h include/mend/*.h tools/*.c tools/*.h web/*.c web/*.h tests/web/*.c tests/unit/*.c \
            tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h tests/bench/*.c

fmt:
	clang-format -i $(FMT_FILES)

fmt-check:
	clang-format --dry-run --Werror $(FMT_FILES)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
