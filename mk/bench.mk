# mk/bench.mk — `make bench` and `make soak`, included from the top-level Makefile.
#   make bench [SIZE=1000000] [PG_SIZE=100000] [DURATION=10]   → BENCHMARKS.md (bench/run.sh)
#   make soak  [SOAK_MINUTES=10] [SOAK_SIZE=100000]            → docs/soak.md (bench/soak.sh)
# Both install what they need (wrk, nginx: bench/deps.sh), build a release tree in
# $(BENCH_BUILD) and keep their databases outside the source tree (WORK=/tmp/…).
BENCH_BUILD ?= build-bench
SIZE ?= 1000000
PG_SIZE ?= 100000
DURATION ?= 10
SOAK_MINUTES ?= 10
SOAK_SIZE ?= 100000

.PHONY: bench soak bench-deps

bench-deps: deps
	@bench/deps.sh

bench: bench-deps
	SIZE=$(SIZE) PG_SIZE=$(PG_SIZE) DURATION=$(DURATION) BUILD=$(BENCH_BUILD) bench/run.sh

soak: bench-deps
	MINUTES=$(SOAK_MINUTES) SIZE=$(SOAK_SIZE) BUILD=$(BENCH_BUILD) bench/soak.sh
