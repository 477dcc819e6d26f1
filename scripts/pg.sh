#!/bin/sh
# pg.sh — a private, throw-away PostgreSQL 15 cluster for tests and benchmarks.
#   scripts/pg.sh start DIR   initdb in DIR (if new), start on a free loopback
#                             port, create database "motcua"; prints the URL
#   scripts/pg.sh stop DIR    stop it (the data stays in DIR)
# PostgreSQL refuses to run as root: when root, the cluster runs as the
# "postgres" system user (created by the Debian package).
set -eu
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pg.sh start|stop DIR" >&2; exit 2; }
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "pg.sh: PostgreSQL 15 is not installed (scripts/deps.sh installs it)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)      # the server runs elsewhere: absolute paths only
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$dir" -A trust -U motcua -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
  echo "$port" > "$dir/port"
  as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U motcua -d postgres -qAtc "SELECT 1 FROM pg_database WHERE datname='motcua'" | grep -q 1 ||
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U motcua motcua
  echo "postgresql://motcua@127.0.0.1:$port/motcua"
  ;;
stop)
  [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
  ;;
*) echo "usage: pg.sh start|stop DIR" >&2; exit 2;;
esac
