# liq — corporate-bond liquidity from TRACE, as small Unix filters.
#
#   make            install missing Debian packages, build bin/*
#   make check      the same, then every unit and bats test through prove
#   make demo       the same, then the example pipeline on simulated data
#   make fuzz       the libFuzzer harnesses of tests/fuzz, FUZZ_SECONDS each
#   make check-asan every test again, built with ASan and UBSan
#   make help       every target
#
# PREFIX, DESTDIR, MANPREFIX are honoured by install/uninstall.
# LIQ_NO_DEPS=1 skips the package check (for packagers and offline builds).

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR     = $(PREFIX)/bin
WWWDIR     = $(PREFIX)/share/liq/www
MANPREFIX ?= $(PREFIX)/share/man
DESTDIR   ?=

CC        ?= cc
CFLAGS    ?= -O2 -g
WARN       = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
ALL_CPPFLAGS = -D_GNU_SOURCE -DLIQ_VERSION='"$(VERSION)"' -iquote lib $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(CFLAGS)
LDLIBS_BASE = -lgsl -lgslcblas -lm

# Debian packages the build and the tests need (scripts/deps installs them):
# libmicrohttpd and jansson for liqserve; curl and jq for its tests;
# chromium for the dashboard's browser test, driven by playwright-core
# from npm (NPM_DIR; node and npm come from Debian when missing).
# clang and libclang-rt-dev (libFuzzer, the sanitizers' runtimes) build the
# fuzzing harnesses of tests/fuzz.
DEB_PKGS = gcc make libc6-dev libgsl-dev libxgboost-dev libcsv-dev \
           libmicrohttpd-dev libjansson-dev clang libclang-rt-dev \
           bats bats-assert bats-support perl groff-base bc parallel curl jq chromium
NPM_DIR  = tests/browser

TOOLS = trace-sim trace-clean trace-facts roll amihud kyle itt liqfeatures liqtrain liqscore \
        impact-fit impact-shrink pretrade liqserve
# per-tool extra libraries
LIBS_trace-clean = -lcsv
LIBS_liqfeatures = -lcsv
LIBS_liqtrain = -lxgboost
LIBS_liqscore = -lxgboost
LIBS_liqserve = -lmicrohttpd -ljansson -lxgboost -lpthread
# unit tests may reach any module
TEST_LIBS = -lcsv -lxgboost -lmicrohttpd -ljansson -lpthread

# where objects and tools go: check-asan builds into other directories
B       ?= build
OUTBIN  ?= bin

LIB_SRC  = $(wildcard lib/*/*.c)
LIB_OBJ  = $(LIB_SRC:lib/%.c=$(B)/lib/%.o) $(B)/gen/openapi.o
LIB_A    = $(B)/libliq.a
BINS     = $(TOOLS:%=$(OUTBIN)/%)
UNIT_SRC = $(wildcard tests/unit/t-*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MAN1     = $(TOOLS:%=man/man1/%.1)
MAN7     = man/man7/liq.7
WWW      = $(wildcard www/*)

.PHONY: all deps check unit demo demo-full facts bench memcheck install uninstall clean help \
        fuzz fuzz-bin fuzz-replay replay-bin check-asan
.DEFAULT_GOAL := all
.SUFFIXES:
.SECONDARY:

all: deps $(BINS)

deps:
ifeq ($(LIQ_NO_DEPS),)
	@scripts/deps $(DEB_PKGS)
	@command -v npm >/dev/null 2>&1 || scripts/deps nodejs npm
	@scripts/npm-deps $(NPM_DIR)
endif

$(B)/lib/%.o: lib/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/src/%.o: src/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# the OpenAPI document liqserve serves, compiled in as a C string
$(B)/gen/openapi.c: lib/serve/openapi.json scripts/embed
	@mkdir -p $(@D)
	scripts/embed liq_openapi_json < lib/serve/openapi.json > $@.tmp && mv $@.tmp $@

$(B)/gen/%.o: $(B)/gen/%.c | deps
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(OUTBIN)/%: $(B)/src/%.o $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LIBS_$*) $(LDLIBS_BASE) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(LIB_A) tests/unit/tap.h | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_A) $(TEST_LIBS) $(LDLIBS_BASE) $(LDLIBS)

unit: $(UNIT_BIN)

# Every unit test and every bats file, through one prove run: its last line
# is the verdict.
# (prove runs two files at a time: XGBoost's OpenMP threads must not spin
# while they wait, see examples/Makefile)
check: export OMP_WAIT_POLICY ?= PASSIVE
check: all unit replay-bin
	prove -j2 -e tests/run-test $(UNIT_BIN) tests/*.bats

demo: all
	@echo "running the pipeline (examples/Makefile) into examples/out ..."
	@$(MAKE) -s --no-print-directory -j2 -C examples demo LIQBIN=$(CURDIR)/bin

# the 2015-2023 scale run: 3,000 bonds, the per-bond steps in 2 shards
demo-full: all
	@echo "running the pipeline on 3,000 bonds, 2015-2023, into examples/out-full ..."
	@$(MAKE) -s --no-print-directory -j2 -C examples demo LIQBIN=$(CURDIR)/bin \
	    OUT=out-full BONDS=3000 START=2015-01-02 END=2023-12-29 SPLIT=2021-01-01 \
	    SHARDS=2 JOBS=2

# the simulator next to the published record of TRACE (README.md, "How
# realistic is the simulator"): trace-facts on the default universe
facts: all
	@mkdir -p $(B)/facts
	@$(OUTBIN)/trace-sim -q --clean-out $(B)/facts/trades.tsv --bonds-out $(B)/facts/bonds.tsv > /dev/null
	@$(OUTBIN)/trace-facts -q -b $(B)/facts/bonds.tsv $(B)/facts/trades.tsv > $(B)/facts/facts.tsv
	@scripts/facts-table $(B)/facts/facts.tsv

BENCH_BIN = build/bench/tsv-read

build/bench/%: bench/%.c $(LIB_A) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LDLIBS_BASE) $(LDLIBS)

bench: all $(BENCH_BIN)
ifeq ($(LIQ_NO_DEPS),)
	@scripts/deps wrk
endif
	bench/run

# liqserve under valgrind (not part of check: about a minute)
memcheck: all
ifeq ($(LIQ_NO_DEPS),)
	@scripts/deps valgrind
endif
	scripts/memcheck-liqserve

# ---- fuzzing (tests/fuzz/README) -------------------------------------
# The harnesses are built with clang, libFuzzer, ASan and UBSan into
# build-fuzz/ (the library too, with a small TSV read buffer); the replay
# binaries run a harness once over files, with $(CC), for `make check`.
FUZZ       = fuzz-tsv fuzz-traceread fuzz-macro fuzz-http
FUZZ_CC    = clang
FUZZ_SAN   = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -O1 -g $(FUZZ_SAN) -DLIQ_TSV_BUF=4096
FUZZ_SECONDS ?= 300
FUZZ_JOBS  ?= 1
# fuzz.h: what one input allocates and opens is recorded through these
FUZZ_WRAP  = $(foreach f,malloc calloc realloc free strdup open close fopen fclose,-Wl,--wrap=$(f))
# libcsv statically, so that its allocations are recorded too
FUZZ_LIBS  = -l:libcsv.a -lmicrohttpd -ljansson -lxgboost -lpthread $(LDLIBS_BASE)
FUZZ_DEFS  = -DFUZZ_ROOT='"$(CURDIR)"'
FUZZ_LIB_OBJ = $(LIB_SRC:lib/%.c=build-fuzz/lib/%.o) build-fuzz/gen/openapi.o
FUZZ_BIN   = $(FUZZ:%=build-fuzz/%)
REPLAY_BIN = $(FUZZ:fuzz-%=$(B)/fuzz/replay-%)
FUZZ_HDR   = tests/fuzz/fuzz.h

build-fuzz/lib/%.o: lib/%.c | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build-fuzz/gen/openapi.o: $(B)/gen/openapi.c | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(WARN) $(FUZZ_CFLAGS) -c -o $@ $<

build-fuzz/libliq.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJ)

build-fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.c $(FUZZ_HDR) build-fuzz/libliq.a | deps
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(FUZZ_DEFS) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ \
	    tests/fuzz/fuzz-$*.c tests/fuzz/fuzz.c build-fuzz/libliq.a $(FUZZ_WRAP) $(FUZZ_LIBS)

$(B)/fuzz/replay-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.c tests/fuzz/replay.c $(FUZZ_HDR) $(LIB_A) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(FUZZ_DEFS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/fuzz-$*.c \
	    tests/fuzz/fuzz.c tests/fuzz/replay.c $(LIB_A) $(FUZZ_WRAP) $(FUZZ_LIBS) $(LDLIBS)

fuzz-bin: $(FUZZ_BIN)
replay-bin: $(REPLAY_BIN)

# each harness for FUZZ_SECONDS, FUZZ_JOBS of them at a time; the table
# at the end has the executions and crashes of each (logs, new inputs and
# crashing inputs in build-fuzz/)
fuzz: fuzz-bin
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz $(FUZZ)

# every harness once over its seeds and its regression inputs (seconds)
fuzz-replay: replay-bin
	@for h in $(FUZZ:fuzz-%=%); do \
	    $(B)/fuzz/replay-$$h tests/fuzz/corpus/fuzz-$$h tests/fuzz/regress/fuzz-$$h \
	        > /dev/null 2> $(B)/fuzz/replay-$$h.err || { cat $(B)/fuzz/replay-$$h.err; exit 1; }; \
	    echo "fuzz-$$h: replayed, no crash"; \
	done

# Every unit and bats test against tools, unit tests and replay binaries
# built with AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/,
# bin-asan/; the tests take the tools from LIQ_BIN). Leaks count; the
# suppressions in tests/lsan.supp cover the uninstrumented libxgboost.
ASAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
check-asan: export OMP_WAIT_POLICY ?= PASSIVE
check-asan: export ASAN_OPTIONS = detect_leaks=1:abort_on_error=0:exitcode=86
check-asan: export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
check-asan: export UBSAN_OPTIONS = halt_on_error=1:print_stacktrace=1:exitcode=87
check-asan: export LIQ_BIN = $(CURDIR)/bin-asan
check-asan: export LIQ_BUILD = $(CURDIR)/build-asan
check-asan: deps
	$(MAKE) --no-print-directory B=build-asan OUTBIN=bin-asan LIQ_NO_DEPS=1 \
	    CFLAGS='$(ASAN_CFLAGS)' LDFLAGS='-fsanitize=address,undefined' \
	    build-asan/libliq.a $(TOOLS:%=bin-asan/%) \
	    $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%) $(FUZZ:fuzz-%=build-asan/fuzz/replay-%)
	prove -j2 -e tests/run-test $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%) tests/*.bats

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man7 \
		$(DESTDIR)$(WWWDIR)
	cp -f $(BINS) $(DESTDIR)$(BINDIR)/
	cp -f $(WWW) $(DESTDIR)$(WWWDIR)/
	cp -f $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/
	cp -f $(MAN7) $(DESTDIR)$(MANPREFIX)/man7/

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(TOOLS:%=$(DESTDIR)$(MANPREFIX)/man1/%.1)
	rm -f $(DESTDIR)$(MANPREFIX)/man7/liq.7
	rm -f $(WWW:www/%=$(DESTDIR)$(WWWDIR)/%)
	-rmdir $(DESTDIR)$(WWWDIR) $(DESTDIR)$(PREFIX)/share/liq 2>/dev/null

clean:
	rm -rf build $(BINS) examples/out build-fuzz build-asan bin-asan

help:
	@echo 'make            install missing packages (scripts/deps) and build bin/*'
	@echo 'make check      build, then run every unit test and bats test (prove)'
	@echo 'make demo       build, then run the example pipeline on simulated data'
	@echo 'make demo-full  the same on 3,000 bonds over 2015-2023 (examples/out-full; 20 min, 5.7 GB)'
	@echo 'make facts      the simulator next to the published TRACE record (seconds)'
	@echo 'make bench      run the benchmarks in bench/ (minutes; needs disk)'
	@echo 'make memcheck   liqserve under valgrind (a minute)'
	@echo 'make fuzz       each libFuzzer harness of tests/fuzz for FUZZ_SECONDS (300),'
	@echo '                FUZZ_JOBS (1) at a time; executions and crashes per harness'
	@echo 'make fuzz-replay  each harness once over its seeds and regression inputs'
	@echo 'make check-asan every unit and bats test, built with ASan and UBSan'
	@echo '                into build-asan/ and bin-asan/ (slow)'
	@echo 'make install    tools to $$(DESTDIR)$$(PREFIX)/bin, pages to $$(MANPREFIX),'
	@echo '                the dashboard to $$(PREFIX)/share/liq/www'
	@echo 'make uninstall  remove what install put there'
	@echo 'make clean      remove build/ and bin/*'
	@echo 'variables: PREFIX=$(PREFIX) MANPREFIX=$(MANPREFIX) DESTDIR= CC= CFLAGS= LIQ_NO_DEPS=1'

-include $(LIB_OBJ:.o=.d) $(TOOLS:%=$(B)/src/%.d) $(UNIT_BIN:=.d) $(FUZZ_LIB_OBJ:.o=.d)
