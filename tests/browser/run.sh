#!/bin/sh
# run.sh — the browser tests: a real `motcua serve` over a fresh demo database,
# Debian's chromium driven headless by playwright-core, screenshots of every
# main page in tests/artifacts/screenshots/. Builds nothing (mk/web.mk's
# test-browser target builds first). Ends with "browser: N passed, M failed"
# and a non-zero status when a test failed or could not run.
#
# usage: tests/browser/run.sh [BUILD_DIR]        (default: build)
#   MOTCUA_BIN=path   the motcua binary (default BUILD_DIR/motcua)
#   CHROMIUM=path     the browser (default /usr/bin/chromium)
#   BROWSER_ONLY=re   run only the tests whose name matches (node RegExp)
#   README_SHOTS=dir  also save the README's screenshots (top of each main page) there
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
BIN=${MOTCUA_BIN:-$BUILD/motcua}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
OUT="$ROOT/tests/artifacts/screenshots"

fail() { echo "browser: $*" >&2; echo "browser: 0 passed, 1 failed"; exit 1; }
[ -x "$BIN" ] || fail "no motcua binary at $BIN (build first: make build)"
[ -x "$CHROMIUM" ] || fail "no chromium at $CHROMIUM (Debian package chromium; scripts/deps.sh installs it)"
command -v node >/dev/null 2>&1 || fail "node is not installed (Debian package nodejs)"
[ -d "$ROOT/tests/browser/node_modules/playwright-core" ] || fail "playwright-core missing: run make web-deps"
[ -f "$ROOT/web/vendor/echarts.esm.min.mjs" ] || fail "ECharts missing in web/vendor: run make web-deps"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/motcua-browser.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

DB="$TMP/motcua.db"
"$BIN" --db "$DB" demo >"$TMP/demo.log" 2>&1 || { cat "$TMP/demo.log" >&2; fail "motcua demo failed"; }
# A second commune's officer, to check that one commune cannot see another's dossiers.
"$BIN" --db "$DB" user add --username motcua.phuloi --role officer --unit HCM.PHULOI \
  --name "Võ Thị Hạnh" --password demo1234 >>"$TMP/demo.log" 2>&1 || { cat "$TMP/demo.log" >&2; fail "could not add the second officer"; }

"$BIN" --db "$DB" serve --port 0 --port-file "$TMP/port" --web "$ROOT/web" --data "$TMP/data" \
  >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
i=0
while [ ! -s "$TMP/port" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$TMP/server.log" >&2; fail "the server did not start"; fi
  sleep 0.1
done
PORT=$(cat "$TMP/port")

mkdir -p "$OUT"
rm -f "$OUT"/*.png
status=0
set -- --base "http://127.0.0.1:$PORT" --out "$OUT" --chromium "$CHROMIUM" --web "$ROOT/web"
[ -n "${README_SHOTS:-}" ] && set -- "$@" --readme "$README_SHOTS"
node "$ROOT/tests/browser/suite.mjs" "$@" || status=$?
if [ $status -ne 0 ]; then
  echo "--- server log (last 40 lines) ---" >&2
  tail -n 40 "$TMP/server.log" >&2
fi
exit $status
