# motcua — the two commands of the README, and a few more for developers.
#   make run     install what is missing, build, load the demo province, serve on :8080
#   make test    install what is missing, build, run every test: lint, unit and
#                integration (SQLite), the same on PostgreSQL, sanitizers, browser
#   make bench   benchmarks (BENCHMARKS.md)      make fuzz   libFuzzer runs
BUILD    ?= build
SANBUILD ?= build-san
DB       ?= var/motcua.db
PORT     ?= 8080
NPM_CI   := npm ci --no-audit --no-fund --loglevel=error

.PHONY: all deps node-deps build run test test-quick test-pg test-san bench soak clean

all: build

deps:
	@scripts/deps.sh

# Node packages used by tests (pinned by their lock files; quick when done).
tests/node_modules/.motcua-stamp: tests/package.json tests/package-lock.json
	cd tests && $(NPM_CI)
	@touch $@

node-deps: tests/node_modules/.motcua-stamp oidc-deps web-deps

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

# First run: the demo province plus five years of simulated history (20,000
# dossiers, a few seconds) so the desk, the IOC and the index have something to show.
run: build web-deps
	@mkdir -p var
	@[ -f $(DB) ] || { $(BUILD)/motcua --db $(DB) demo >/dev/null && \
	  $(BUILD)/motcua --db $(DB) simulate --dossiers 20000 --quiet; }
	@$(BUILD)/motcua --db $(DB) demo
	$(BUILD)/motcua --db $(DB) serve --port $(PORT) --web web

test: build node-deps test-quick test-pg test-san test-browser

test-quick: build node-deps
	meson test -C $(BUILD) --print-errorlogs --num-processes 2

# Every suite again, on a private PostgreSQL 15 cluster (scripts/pg.sh).
PGDIR ?= $(BUILD)/pg
test-pg: build node-deps
	@scripts/pg.sh stop $(PGDIR) 2>/dev/null || true
	@rm -rf $(PGDIR) $(BUILD)/tests/tmp/template-pg-*
	@url=$$(scripts/pg.sh start $(PGDIR)) && base=$${url%motcua} && \
	  MOTCUA_TEST_PG=$$base meson test -C $(BUILD) --print-errorlogs --num-processes 2 \
	    --no-suite browser; rc=$$?; scripts/pg.sh stop $(PGDIR); exit $$rc

$(SANBUILD)/build.ninja:
	CC=clang meson setup $(SANBUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

test-san: deps node-deps $(SANBUILD)/build.ninja
	ninja -C $(SANBUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  meson test -C $(SANBUILD) --print-errorlogs --num-processes 2 --no-suite slow

clean:
	rm -rf $(BUILD) $(SANBUILD)

include mk/web.mk mk/security.mk
-include mk/bench.mk
