#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server (Debian's postgresql package) in a folder of its own, on loopback, with trust
# authentication for the user "wfm", and prints the connection string. For tests and trying things out, not for data
# you want to keep (unless WFM_PG_DURABLE=1: then it writes as a production server does, fsync and synchronous commits on).
#   usage: deploy/postgres-throwaway.sh [folder] [port]      (defaults: /tmp/wfm-postgres, 55432)
#   stop:  deploy/postgres-throwaway.sh stop [folder]
set -euo pipefail
if [ "${1:-}" = "stop" ]; then
  dir=${2:-/tmp/wfm-postgres}
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  run() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  run "$bin/pg_ctl -D $dir/data -m fast stop" >/dev/null 2>&1 || true
  exit 0
fi

dir=${1:-/tmp/wfm-postgres}
port=${2:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

# PostgreSQL will not run as root: as root, run it as the package's postgres user.
run() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  run "$bin/initdb -D $dir/data -A trust -U wfm -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1
fi
if ! run "$bin/pg_ctl -D $dir/data status" >/dev/null 2>&1; then
  # Settings for a throw-away server: no fsync (nothing here is worth keeping through a power cut), room for test runs.
  # Durable: PostgreSQL's own defaults for writing (each commit flushed to disk), for data kept and honest benchmarks.
  speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${WFM_PG_DURABLE:-0}" = "1" ] && speed="-c shared_buffers=256MB"
  run "$bin/pg_ctl -D $dir/data -l $dir/server.log -w -o '-p $port -k $dir -c listen_addresses=127.0.0.1 $speed -c max_connections=300' start" >/dev/null
fi
echo "Host=127.0.0.1;Port=$port;Username=wfm;Database=postgres"
