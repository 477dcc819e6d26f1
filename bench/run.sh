#!/bin/sh
# run.sh — `make bench`: every scenario of BENCHMARKS.md, each against a
# reference measured in the same run, on SQLite and on PostgreSQL, then
# bench/report.py writes BENCHMARKS.md. Loopback only, bounded in time.
#
#   SIZE=1000000     dossiers simulated into SQLite (the index and HTTP scenarios run on them)
#   PG_SIZE=100000   dossiers simulated into PostgreSQL
#   DURATION=10      seconds of each wrk run (the mixed run takes 1.5 ×)
#   BUILD=build-bench  a release build (made if missing)
#   WORK=/tmp/motcua-bench  databases, logs and raw results (large: not in the tree)
#   KEEP=1           keep the databases afterwards (default: removed, results kept)
#   SKIP_PG=1        SQLite only
# The server is pinned to CPU 0 and the load generator to CPU 1 (taskset), as
# in /work/shared/measurements.md, when the machine has two CPUs or more.
set -eu
cd "$(dirname "$0")/.."
SIZE=${SIZE:-1000000}; PG_SIZE=${PG_SIZE:-100000}; DURATION=${DURATION:-10}
BUILD=${BUILD:-build-bench}; WORK=${WORK:-/tmp/motcua-bench}; KEEP=${KEEP:-0}; SKIP_PG=${SKIP_PG:-0}
R=$WORK/results
BIN=$BUILD/motcua
say() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---- build --------------------------------------------------------------------------------
# Release (-O3); warnings that only -O3 raises must not stop a benchmark.
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" --buildtype=release -Dwerror=false >/dev/null
ninja -C "$BUILD" motcua >/dev/null
rm -rf "$WORK"
mkdir -p "$R" "$WORK/bin"
chmod 755 "$WORK"
bench/build.sh "$BUILD" "$WORK/bin"

if [ "$(nproc)" -ge 2 ]; then SRV="taskset -c 0"; GEN="taskset -c 1"; else SRV=""; GEN=""; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wrk_run() {   # NAME WRK-ARGS…: one wrk run into $R/NAME.txt
  run_name=$1; shift
  say "wrk $run_name"
  $GEN wrk --latency -d"${DURATION}s" --timeout 10s "$@" > "$R/$run_name.txt" 2>&1 || true
}

# ---- the machine ---------------------------------------------------------------------------
python3 - "$R/machine.json" "$SIZE" "$PG_SIZE" "$DURATION" <<'EOF'
import json, os, platform, subprocess, sys, shutil, datetime
def out(cmd):
    try: return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception: return ""
cpu = ""
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"): cpu = line.split(":", 1)[1].strip(); break
mem = 0
for line in open("/proc/meminfo"):
    if line.startswith("MemTotal"): mem = int(line.split()[1]) // 1024
json.dump({"date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
           "cpu": cpu, "cpus": os.cpu_count(), "memory_mb": mem, "kernel": platform.release(),
           "os": out(". /etc/os-release && echo $PRETTY_NAME"), "load": out("cat /proc/loadavg"),
           "sqlite": out("sqlite3 --version").split(" ")[0], "postgresql": out("/usr/lib/postgresql/15/bin/postgres --version"),
           "nginx": out("nginx -v 2>&1"), "wrk": out("wrk --version 2>&1 | head -1"),
           "disk_free_gb": shutil.disk_usage(sys.argv[1].rsplit("/", 1)[0]).free // 2**30,
           "size": int(sys.argv[2]), "pg_size": int(sys.argv[3]), "duration": int(sys.argv[4])},
          open(sys.argv[1], "w"))
EOF

# ---- the HTTP limit: nginx serving a static file --------------------------------------------
say "nginx reference"
mkdir -p "$WORK/nginx/www"
printf 'hello, motcua!\n' > "$WORK/nginx/www/hello.txt"
NPORT=$(free_port)
cat > "$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 60;
  server { listen 127.0.0.1:$NPORT; root $WORK/nginx/www; }
}
EOF
$SRV nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX=$!
sleep 1
wrk_run nginx -t1 -c32 "http://127.0.0.1:$NPORT/hello.txt"
kill "$NGINX"; wait "$NGINX" 2>/dev/null || true

# ---- one backend: load it, then every scenario ------------------------------------------------
# backend NAME DB_URL DOSSIERS COMMIT_JSON_COMMAND
backend() {
  name=$1; url=$2; n=$3
  say "$name: demo province and $n simulated dossiers"
  "$BIN" --db "$url" demo > "$R/$name-demo.txt"
  /usr/bin/time -v "$BIN" --db "$url" simulate --dossiers "$n" --data "$WORK/$name-data" --quiet --json \
    > "$R/$name-backfill.json" 2> "$R/$name-backfill-time.txt"
  if [ "$name" = sqlite ]; then
    du -b "${url}" "${url}-wal" 2>/dev/null | awk '{s+=$1} END {print "{\"db_bytes\": " s "}"}' > "$R/$name-size.json"
  else
    psql "$url" -Atc "SELECT '{\"db_bytes\": ' || pg_database_size('motcua') || '}'" > "$R/$name-size.json"
  fi

  say "$name: server"
  port_file=$WORK/$name-port
  rm -f "$port_file"
  $SRV "$BIN" --db "$url" serve --port 0 --port-file "$port_file" --data "$WORK/$name-data" --web /nonexistent \
    > "$WORK/$name-server.log" 2>&1 &
  SERVER=$!
  i=0; while [ ! -s "$port_file" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
  PORT=$(cat "$port_file")
  API=http://127.0.0.1:$PORT/api/v1
  login() { curl -s "$API/auth/login" -H 'Content-Type: application/json' \
              -d "{\"username\":\"$1\",\"password\":\"demo1234\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
  OFFICER=$(login motcua.tdm); SPECIALIST=$(login chuyenvien.tdm); LEADER=$(login lanhdao.tdm)

  # Paths for the public reads: searches, procedure pages, lookups of simulated dossiers.
  for q in khai+sinh ket+hon dat+dai giay+phep+xay+dung chung+thuc ho+kinh+doanh dang+ky+xe \
           thanh+lap+doanh+nghiep cu+tru bao+tro+xa+hoi giay+phep+lai+xe tu+phap; do
    echo "/api/v1/procedures?q=$q"
  done > "$WORK/$name-search.txt"
  curl -s "$API/procedures?limit=200" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["items"]: print("/api/v1/procedures/" + p["code"])' > "$WORK/$name-procedures.txt"
  sql="SELECT code, applicant_phone FROM dossiers WHERE applicant_phone IS NOT NULL ORDER BY id DESC LIMIT 5000"
  if [ "$name" = sqlite ]; then sqlite3 -separator ' ' "$url" "$sql"; else psql "$url" -AtF ' ' -c "$sql"; fi |
    awk '{print "/api/v1/lookup?code=" $1 "&key=" $2}' > "$WORK/$name-lookup.txt"
  cat "$WORK/$name-search.txt" "$WORK/$name-procedures.txt" "$WORK/$name-lookup.txt" > "$WORK/$name-mixed.txt"

  wrk_run "$name-search" -t1 -c32 -s bench/lua/paths.lua "http://127.0.0.1:$PORT" -- "$WORK/$name-search.txt"
  wrk_run "$name-procedure" -t1 -c32 -s bench/lua/paths.lua "http://127.0.0.1:$PORT" -- "$WORK/$name-procedures.txt"
  wrk_run "$name-lookup" -t1 -c32 -s bench/lua/paths.lua "http://127.0.0.1:$PORT" -- "$WORK/$name-lookup.txt"
  wrk_run "$name-submit" -t1 -c8 -s bench/lua/submit.lua "http://127.0.0.1:$PORT" -- "$OFFICER"
  # Mixed: submissions and public readers at once, each with its own latencies.
  say "wrk $name-mixed"
  D2=$((DURATION * 3 / 2))
  $GEN wrk --latency -d"${D2}s" --timeout 10s -t1 -c4 -s bench/lua/submit.lua "http://127.0.0.1:$PORT" -- "$OFFICER" \
    > "$R/$name-mixed-submit.txt" 2>&1 &
  W1=$!
  $GEN wrk --latency -d"${D2}s" --timeout 10s -t1 -c28 -s bench/lua/paths.lua "http://127.0.0.1:$PORT" -- "$WORK/$name-mixed.txt" \
    > "$R/$name-mixed-read.txt" 2>&1 || true
  wait $W1 || true
  grep -E '^(VmRSS|VmHWM)' "/proc/$SERVER/status" | awk '{sub(":", "", $1); printf "{\"%s_kb\": %s}\n", $1, $2}' > "$R/$name-rss.json"
  ls "/proc/$SERVER/fd" | wc -l | awk '{print "{\"open_files\": " $1 "}"}' > "$R/$name-fds.json"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true

  say "$name: index queries and event costs"
  "$WORK/bin/index_bench" --db "$url" --sql bench/sql/groupby.sql --events 100 > "$R/$name-index.json" \
    2> "$R/$name-index-plans.txt"
  say "$name: check"
  "$BIN" --db "$url" simulate --check > "$R/$name-check.txt" || true
}

# ---- SQLite ---------------------------------------------------------------------------------
say "sqlite: bare commit loop (reference)"
"$WORK/bin/sqlite_commit" "$WORK/commit.db" 5 FULL > "$R/sqlite-commit.json"
rm -f "$WORK"/commit.db*
mkdir -p "$WORK/sqlite"
backend sqlite "$WORK/sqlite/motcua.db" "$SIZE"

# ---- PostgreSQL -----------------------------------------------------------------------------
if [ "$SKIP_PG" != 1 ]; then
  say "postgresql: private cluster"
  PGURL=$(scripts/pg.sh start "$WORK/pg")
  trap 'scripts/pg.sh stop "$WORK/pg" 2>/dev/null || true' EXIT
  "$WORK/bin/pg_commit" "$PGURL" 5 1 > "$R/pg-commit.json"
  "$WORK/bin/pg_commit" "$PGURL" 5 8 > "$R/pg-commit8.json"
  backend pg "$PGURL" "$PG_SIZE"
  scripts/pg.sh stop "$WORK/pg"
  trap - EXIT
fi

python3 bench/report.py "$R" > BENCHMARKS.md
say "wrote BENCHMARKS.md"
[ "$KEEP" = 1 ] || rm -rf "$WORK/sqlite" "$WORK/pg" "$WORK"/*-data
