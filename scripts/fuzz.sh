#!/bin/sh
# fuzz.sh — run each libFuzzer target for N seconds, one process at a time.
#   scripts/fuzz.sh [BUILD_DIR] [SECONDS] [TARGET ...]
# BUILD_DIR (default build-fuzz) must be configured with -Dfuzz=true:
#   CC=clang meson setup build-fuzz -Dfuzz=true --buildtype=debugoptimized \
#       -Db_sanitize=address,undefined -Db_lundef=false
# New coverage goes to BUILD_DIR/fuzz-work/<target>/ (not committed; run with
# FUZZ_MERGE=1 to fold the inputs that add coverage into fuzz/corpus/<target>/).
# A crash, leak, sanitizer report or broken invariant is saved as
# fuzz/findings/<target>-crash-… and makes the script exit 1; replay it with
#   BUILD/fuzz/fuzz_<target> fuzz/findings/<file>
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
secs=${2:-60}
[ $# -gt 2 ] && shift 2 || set --
targets=${*:-json eform csv router workflow jwt config}
if [ ! -x "$build/fuzz/fuzz_json" ]; then
  echo "fuzz: no fuzzers in $build; configure it with:"
  echo "  CC=clang meson setup $build -Dfuzz=true --buildtype=debugoptimized -Db_sanitize=address,undefined -Db_lundef=false"
  exit 2
fi
# FUZZ_BUILD=0 runs the fuzzers as they are built, without rebuilding first.
if [ "${FUZZ_BUILD:-1}" != 0 ]; then
  # shellcheck disable=SC2046
  ninja -C "$build" $(for t in $targets; do printf 'fuzz/fuzz_%s ' "$t"; done) >/dev/null
fi
mkdir -p "$build/fuzz-work" fuzz/findings
status=0
for t in $targets; do
  work="$build/fuzz-work/$t"
  log="$build/fuzz-work/$t.log"
  mkdir -p "$work"
  dict=""
  [ -f "fuzz/$t.dict" ] && dict="-dict=fuzz/$t.dict"
  printf 'fuzz: %-9s %4ss ... ' "$t" "$secs"
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     MOTCUA_TEST_DIR="$build/fuzz-work" \
     "$build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="fuzz/findings/$t-" -print_final_stats=1 $dict "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "ok, ${runs:-?} runs, $cov"
  else
    echo "FINDING (see $log and fuzz/findings/)"
    status=1
  fi
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    "$build/fuzz/fuzz_$t" -merge=1 "fuzz/corpus/$t" "$work" >>"$log" 2>&1 || status=1
  fi
done
exit $status
