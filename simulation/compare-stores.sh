#!/usr/bin/env bash
# The same build, the same center and load, on SQLite and on PostgreSQL, one after the other: accepted events/s and
# event→board latency of each (the figures docs/benchmarks.md reports side by side).
#   simulation/compare-stores.sh [agents] [queues] [duration] [volume] [time-zone]
#   (defaults: 5000 200 00:05:00 17 Asia/Tehran; PostgreSQL: WFM_POSTGRES, else a durable local one on port 55450;
#   WFM_STORES=postgres runs one store only)
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-5000}; queues=${2:-200}; duration=${3:-00:05:00}; volume=${4:-17}; zone=${5:-Asia/Tehran}
work=$(mktemp -d /tmp/wfm-compare.XXXXXX)
admin=${WFM_POSTGRES:-$(WFM_PG_DURABLE=1 deploy/postgres-throwaway.sh /tmp/wfm-compare-postgres 55450)}
libpq=$(echo "$admin" | tr ';' '\n' | sed -E 's/^Host=/host=/I; s/^Port=/port=/I; s/^(Username|User ID|User)=/user=/I; s/^Password=/password=/I; s/^Database=/dbname=/I' | tr '\n' ' ')
database=wfm_compare_$(date +%s)
psql "$libpq" -qc "CREATE DATABASE $database" >/dev/null
connection="$(echo "$admin" | sed -E 's/(^|;)Database=[^;]*//I');Database=$database"
dotnet build -c Release src/Wfm.Server -v q -nologo >/dev/null
dotnet build -c Release simulation/Wfm.Simulator -v q -nologo >/dev/null
key=wfm_cmpstore_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

for store in ${WFM_STORES:-sqlite postgres}; do
  args=(--data "$work/$store/wfm.db" --demo false --demo-agents "$agents" --demo-queues "$queues" --time-zone "$zone"
        --simulator-key "$key" --urls http://127.0.0.1:5390 --Wfm:SiloPort 11390 --Wfm:GatewayPort 30390)
  [ "$store" = postgres ] && args+=(--store postgres --connection "$connection")
  dotnet src/Wfm.Server/bin/Release/net10.0/Wfm.Server.dll "${args[@]}" >"$work/$store.server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null http://127.0.0.1:5390/login && break; sleep 1; done
  echo "== $store: load $(cat /proc/loadavg | cut -d' ' -f1-3) before the run"
  dotnet simulation/Wfm.Simulator/bin/Release/net10.0/wfm-sim.dll load --url http://127.0.0.1:5390/ --api-key "$key" --agents "$agents" --queues "$queues" \
    --time-zone "$zone" --duration "$duration" --batch 2000 --volume "$volume" --json >"$work/$store.json" || true
  echo "== $store: load $(cat /proc/loadavg | cut -d' ' -f1-3) at the end"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f\"{sys.argv[2]}: {r['eventsAccepted']:,} events in {r['elapsedSeconds']:.0f} s = {r['acceptedPerSecond']:,.0f}/s, p50/p95/p99 {r['latencyP50Ms']:.0f}/{r['latencyP95Ms']:.0f}/{r['latencyP99Ms']:.0f} ms ({r['latencySamples']:,} samples), peak {r['serverPeakWorkingSetBytes']/2**20:,.0f} MiB, stopped: {r['stopped']}\")" "$work/$store.json" "$store"
  kill "$server"; wait "$server" 2>/dev/null || true
done
psql "$libpq" -qc "DROP DATABASE $database WITH (FORCE)" >/dev/null
echo "reports: $work/sqlite.json $work/postgres.json"
