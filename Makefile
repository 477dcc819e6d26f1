# motcua — the two commands of the README, and a few more for developers.
#   make run    install what is missing, build, create the demo database, serve on :8080
#   make test   install what is missing, build, run every test (plain and sanitized)
#   make bench  benchmarks (see BENCHMARKS.md)
BUILD    ?= build
SANBUILD ?= build-san
DB       ?= var/motcua.db
PORT     ?= 8080

.PHONY: all deps build run test test-quick test-san test-pg bench clean

all: build

deps:
	@scripts/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	@mkdir -p var
	@if [ ! -f $(DB) ]; then $(BUILD)/motcua --db $(DB) demo; fi
	$(BUILD)/motcua --db $(DB) serve --port $(PORT)

test: build test-quick test-pg test-san

test-quick:
	meson test -C $(BUILD) --print-errorlogs --num-processes 2

# The storage and API suites again, on a private PostgreSQL 15 cluster.
PGDIR ?= $(BUILD)/pg
test-pg: build
	@scripts/pg.sh stop $(PGDIR) 2>/dev/null || true
	@rm -rf $(PGDIR) $(BUILD)/tests/tmp/template-pg-*
	@url=$$(scripts/pg.sh start $(PGDIR)) && base=$${url%motcua} && \
	  MOTCUA_TEST_PG=$$base meson test -C $(BUILD) --print-errorlogs --num-processes 2 \
	    --suite integration --suite store; rc=$$?; scripts/pg.sh stop $(PGDIR); exit $$rc

$(SANBUILD)/build.ninja:
	CC=clang meson setup $(SANBUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

test-san: deps $(SANBUILD)/build.ninja
	ninja -C $(SANBUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  meson test -C $(SANBUILD) --print-errorlogs --num-processes 2 --no-suite slow

bench: build
	scripts/bench.sh

clean:
	rm -rf $(BUILD) $(SANBUILD)
