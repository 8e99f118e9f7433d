# liq — corporate-bond liquidity from TRACE, as small Unix filters.
#
#   make            install missing Debian packages, build bin/*
#   make check      the same, then every unit and bats test through prove
#   make demo       the same, then the example pipeline on simulated data
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
DEB_PKGS = gcc make libc6-dev libgsl-dev libxgboost-dev libcsv-dev \
           libmicrohttpd-dev libjansson-dev \
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

LIB_SRC  = $(wildcard lib/*/*.c)
LIB_OBJ  = $(LIB_SRC:lib/%.c=build/lib/%.o) build/gen/openapi.o
LIB_A    = build/libliq.a
BINS     = $(TOOLS:%=bin/%)
UNIT_SRC = $(wildcard tests/unit/t-*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/tests/%)
MAN1     = $(TOOLS:%=man/man1/%.1)
MAN7     = man/man7/liq.7
WWW      = $(wildcard www/*)

.PHONY: all deps check unit demo demo-full facts bench memcheck install uninstall clean help
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

build/lib/%.o: lib/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/src/%.o: src/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# the OpenAPI document liqserve serves, compiled in as a C string
build/gen/openapi.c: lib/serve/openapi.json scripts/embed
	@mkdir -p $(@D)
	scripts/embed liq_openapi_json < lib/serve/openapi.json > $@.tmp && mv $@.tmp $@

build/gen/%.o: build/gen/%.c | deps
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(LIB_OBJ)

bin/%: build/src/%.o $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LIBS_$*) $(LDLIBS_BASE) $(LDLIBS)

build/tests/%: tests/unit/%.c $(LIB_A) tests/unit/tap.h | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_A) $(TEST_LIBS) $(LDLIBS_BASE) $(LDLIBS)

unit: $(UNIT_BIN)

# Every unit test and every bats file, through one prove run: its last line
# is the verdict.
# (prove runs two files at a time: XGBoost's OpenMP threads must not spin
# while they wait, see examples/Makefile)
check: export OMP_WAIT_POLICY ?= PASSIVE
check: all unit
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
	@mkdir -p build/facts
	@bin/trace-sim -q --clean-out build/facts/trades.tsv --bonds-out build/facts/bonds.tsv > /dev/null
	@bin/trace-facts -q -b build/facts/bonds.tsv build/facts/trades.tsv > build/facts/facts.tsv
	@scripts/facts-table build/facts/facts.tsv

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
	rm -rf build $(BINS) examples/out

help:
	@echo 'make            install missing packages (scripts/deps) and build bin/*'
	@echo 'make check      build, then run every unit test and bats test (prove)'
	@echo 'make demo       build, then run the example pipeline on simulated data'
	@echo 'make demo-full  the same on 3,000 bonds over 2015-2023 (examples/out-full; 20 min, 5.7 GB)'
	@echo 'make facts      the simulator next to the published TRACE record (seconds)'
	@echo 'make bench      run the benchmarks in bench/ (minutes; needs disk)'
	@echo 'make memcheck   liqserve under valgrind (a minute)'
	@echo 'make install    tools to $$(DESTDIR)$$(PREFIX)/bin, pages to $$(MANPREFIX),'
	@echo '                the dashboard to $$(PREFIX)/share/liq/www'
	@echo 'make uninstall  remove what install put there'
	@echo 'make clean      remove build/ and bin/*'
	@echo 'variables: PREFIX=$(PREFIX) MANPREFIX=$(MANPREFIX) DESTDIR= CC= CFLAGS= LIQ_NO_DEPS=1'

-include $(LIB_OBJ:.o=.d) $(TOOLS:%=build/src/%.d) $(UNIT_BIN:=.d)
