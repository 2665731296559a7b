#!/usr/bin/env bash
# Runs Wfm as a cluster on this machine: N servers (each an Orleans silo with the web front end) on consecutive ports,
# sharing one PostgreSQL database, the only service a cluster needs. Put a load balancer in front of the ports, or
# open any of them: every silo serves every page, API and board.
#
#   deploy/cluster.sh start [silos] [first-port]   (defaults: 3 silos, ports 5000, 5001, …)
#   deploy/cluster.sh stop
#   deploy/cluster.sh status
#
# PostgreSQL: WFM_POSTGRES names a server whose user may create databases (e.g. Host=db;Port=5432;Username=wfm;
# Password=…;Database=postgres); without it a local server is started from Debian's postgresql package, durable
# (fsync and synchronous commits on), in $WFM_CLUSTER_DIR/postgres (default ~/wfm-cluster; as root
# /var/lib/postgresql/wfm-cluster) on port 55440.
# The database "wfm" is made on the first start; the first silo seeds the demo center and runs its live traffic,
# the others join it. Logs: $WFM_CLUSTER_DIR/silo-N.log.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${WFM_CLUSTER_DIR:-$HOME/wfm-cluster}
cmd=${1:-start}
mkdir -p "$dir"
# PostgreSQL runs as the package's postgres user when this runs as root, and that user cannot enter /root.
pgdir="$dir/postgres"
[ "$(id -u)" -eq 0 ] && case "$dir" in /root*) pgdir=/var/lib/postgresql/wfm-cluster ;; esac

# Asks every silo to stop (SIGTERM: it leaves the cluster and saves its grains), waits for them to end while the
# database is still up, and kills any that has not ended within a minute.
stop_silos() {
  local pids=()
  for pidfile in "$dir"/silo-*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null && pids+=("$pid")
    rm -f "$pidfile"
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
}

case "$cmd" in
  stop)
    stop_silos
    [ -z "${WFM_POSTGRES:-}" ] && deploy/postgres-throwaway.sh stop "$pgdir"
    echo "stopped"
    exit 0 ;;
  status)
    for pidfile in "$dir"/silo-*.pid; do
      [ -f "$pidfile" ] || continue
      n=$(basename "$pidfile" .pid)
      if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$n: running ($(grep -m1 -o 'http://[^ ]*/ (sign in)' "$dir/$n.log" || echo starting))"; else echo "$n: stopped"; fi
    done
    exit 0 ;;
  start) ;;
  *) echo "usage: deploy/cluster.sh start [silos] [first-port] | stop | status" >&2; exit 2 ;;
esac

silos=${2:-3}
port=${3:-5000}
if [ -z "${WFM_POSTGRES:-}" ]; then
  admin=$(WFM_PG_DURABLE=1 deploy/postgres-throwaway.sh "$pgdir" 55440)
else
  admin=$WFM_POSTGRES
fi

# The database "wfm" on that server (made once). psql reads key=value pairs: the Npgsql string is translated.
libpq=$(echo "$admin" | tr ';' '\n' | sed -E 's/^Host=/host=/I; s/^Port=/port=/I; s/^(Username|User ID|User)=/user=/I; s/^Password=/password=/I; s/^Database=/dbname=/I' | tr '\n' ' ')
if ! psql "$libpq" -tAc "SELECT 1 FROM pg_database WHERE datname = 'wfm'" | grep -q 1; then
  psql "$libpq" -qc "CREATE DATABASE wfm" >/dev/null
fi
connection=$(echo "$admin" | sed -E 's/(^|;)Database=[^;]*//I')
connection="${connection%;};Database=wfm"
echo "database: $connection"

dotnet build -c Release src/Wfm.Server -v q -nologo >/dev/null
server=src/Wfm.Server/bin/Release/net10.0/Wfm.Server.dll
stop_silos
for n in $(seq 1 "$silos"); do
  p=$((port + n - 1))
  args=(--store postgres --connection "$connection" --urls "http://127.0.0.1:$p" --data "$dir/silo-$n.db"
        --Wfm:ClusterId wfm --Wfm:SiloPort $((11111 + n - 1)) --Wfm:GatewayPort $((30000 + n - 1)))
  # The first silo seeds the demo (once) and runs its traffic; the others join, neither seeding nor resetting passwords.
  [ "$n" -gt 1 ] && args+=(--demo false --Wfm:Security:ResetDemoPasswords false)
  nohup dotnet "$server" "${args[@]}" >"$dir/silo-$n.log" 2>&1 &
  echo $! >"$dir/silo-$n.pid"
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null "http://127.0.0.1:$p/login" && break
    kill -0 "$(cat "$dir/silo-$n.pid")" 2>/dev/null || { echo "silo $n ended; see $dir/silo-$n.log" >&2; tail -20 "$dir/silo-$n.log" >&2; exit 1; }
    sleep 1
  done
  echo "silo $n: http://127.0.0.1:$p/"
done
grep -h "Wfm sign-in" "$dir"/silo-*.log | tail -1 || echo "(users were made at an earlier start; an admin resets passwords at /admin)"
