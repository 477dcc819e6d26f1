#!/bin/sh
# soak.sh — `make soak`: MINUTES of mixed load on a server over a simulated
# province (readers, submissions and whole dossier lives: bench/lua/life.lua),
# sampling the server's resident memory and open files every 10 s. Fails when
# any answer is not 2xx, a socket error occurs, memory or open files grow after
# the warm-up, or the database is not consistent afterwards. See docs/soak.md.
#   MINUTES=10 SIZE=100000 BUILD=build-bench WORK=/tmp/motcua-soak CONNECTIONS=8
set -eu
cd "$(dirname "$0")/.."
MINUTES=${MINUTES:-10}; SIZE=${SIZE:-100000}; BUILD=${BUILD:-build-bench}
WORK=${WORK:-/tmp/motcua-soak}; CONNECTIONS=${CONNECTIONS:-8}
BIN=$BUILD/motcua
say() { printf '%s soak: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" --buildtype=release -Dwerror=false >/dev/null
ninja -C "$BUILD" motcua >/dev/null
rm -rf "$WORK"
mkdir -p "$WORK"
if [ "$(nproc)" -ge 2 ]; then SRV="taskset -c 0"; GEN="taskset -c 1"; else SRV=""; GEN=""; fi
DB=$WORK/motcua.db

say "demo province and $SIZE simulated dossiers"
"$BIN" --db "$DB" demo > /dev/null
"$BIN" --db "$DB" simulate --dossiers "$SIZE" --data "$WORK/data" --quiet > "$WORK/simulate.txt"

$SRV "$BIN" --db "$DB" serve --port 0 --port-file "$WORK/port" --data "$WORK/data" --web /nonexistent \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
i=0; while [ ! -s "$WORK/port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
PORT=$(cat "$WORK/port")
API=http://127.0.0.1:$PORT/api/v1
login() { curl -s "$API/auth/login" -H 'Content-Type: application/json' \
            -d "{\"username\":\"$1\",\"password\":\"demo1234\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
OFFICER=$(login motcua.tdm); SPECIALIST=$(login chuyenvien.tdm); LEADER=$(login lanhdao.tdm)
for q in khai+sinh ket+hon dat+dai giay+phep+xay+dung chung+thuc ho+kinh+doanh; do
  echo "/api/v1/procedures?q=$q"
done > "$WORK/paths.txt"
curl -s "$API/procedures?limit=200" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["items"]: print("/api/v1/procedures/" + p["code"])' >> "$WORK/paths.txt"
sqlite3 -separator ' ' "$DB" "SELECT code, applicant_phone FROM dossiers WHERE applicant_phone IS NOT NULL ORDER BY id DESC LIMIT 2000" |
  awk '{print "/api/v1/lookup?code=" $1 "&key=" $2}' >> "$WORK/paths.txt"

say "$MINUTES minutes of mixed load ($CONNECTIONS connections); samples in $WORK/samples.csv"
echo "seconds,rss_kb,open_files" > "$WORK/samples.csv"
$GEN wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${MINUTES}m" --timeout 10s --latency -s bench/lua/life.lua \
  "http://127.0.0.1:$PORT" -- "$OFFICER" "$SPECIALIST" "$LEADER" "$WORK/paths.txt" > "$WORK/wrk.txt" 2>&1 &
WRK=$!
t=0
while kill -0 "$WRK" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER/status")
  fds=$(ls "/proc/$SERVER/fd" | wc -l)
  echo "$t,$rss,$fds" >> "$WORK/samples.csv"
  sleep 10
  t=$((t + 10))
done
wait "$WRK" || true
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
trap - EXIT
"$BIN" --db "$DB" simulate --check > "$WORK/check.txt" || true

python3 - "$WORK" <<'PY'
import re, sys
work = sys.argv[1]
wrk = open(work + "/wrk.txt").read()
rows = [l.split(",") for l in open(work + "/samples.csv").read().split()[1:]]
rows = [(int(a), int(b), int(c)) for a, b, c in rows if b]
check = open(work + "/check.txt").read().strip()
problems = []
m = re.search(r"non-2xx answers: (\d+)", wrk)
non2xx = int(m.group(1)) if m else -1
m = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
non2xx = max(non2xx, int(m.group(1)) if m else 0)
if non2xx != 0: problems.append("%s answers were not 2xx" % ("some" if non2xx < 0 else non2xx))
m = re.search(r"Socket errors: (.*)", wrk)
if m: problems.append("socket errors: " + m.group(1))
req = re.search(r"(\d+) requests in ([\d.]+)(\w+)", wrk)
rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk)
p99 = re.search(r"^\s+99%\s+(\S+)", wrk, re.M)
# Flat: after a minute of warm-up, the second half may not exceed the first half.
warm = [r for r in rows if r[0] >= 60] or rows
half = len(warm) // 2
first, second = warm[:half] or warm, warm[half:] or warm
rss1, rss2 = max(r[1] for r in first), max(r[1] for r in second)
fd1, fd2 = max(r[2] for r in first), max(r[2] for r in second)
if rss2 > rss1 * 1.10 + 4096: problems.append("memory grew: %d kB → %d kB" % (rss1, rss2))
if fd2 > fd1 + 2: problems.append("open files grew: %d → %d" % (fd1, fd2))
if "consistent" not in check: problems.append("database check: " + check)
lines = [
  "requests: %s in %s%s (%s/s), p99 %s" % (req.group(1) if req else "?", req.group(2) if req else "?",
                                           req.group(3) if req else "", rps.group(1) if rps else "?", p99.group(1) if p99 else "?"),
  "answers not 2xx: %d" % max(non2xx, 0),
  "server RSS: %d → %d kB (max of the first and second half after warm-up; %d samples)" % (rss1, rss2, len(rows)),
  "open files: %d → %d" % (fd1, fd2),
  "check: " + check.splitlines()[0] if check else "check: ?",
  "result: " + ("PASS" if not problems else "FAIL: " + "; ".join(problems)),
]
open(work + "/report.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(1 if problems else 0)
PY
