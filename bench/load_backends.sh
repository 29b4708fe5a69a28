#!/usr/bin/env bash
# The load figures of docs/PERFORMANCE.md, all in one run on one machine:
# `secap-sim load` with DEVICES devices (spread over the ten seed
# municipalities of the demo dataset) for SECONDS seconds against
#   1. one secap-syncserver on SQLite,
#   2. one secap-syncserver on PostgreSQL,
#   3. three secap-syncserver instances on one PostgreSQL database, each
#      sync going to a random instance.
# PostgreSQL is a throwaway cluster on loopback (scripts/pg-cluster.sh) with
# its durable defaults, as SQLite runs with synchronous=FULL.
# Prints each run's summary on stderr and a Markdown table on stdout; the
# JSON reports stay in OUT_DIR when given.
#
#   bench/load_backends.sh BUILD_DIR [DEVICES] [SECONDS] [BATCH] [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: load_backends.sh BUILD_DIR [DEVICES] [SECONDS] [BATCH] [OUT_DIR]}" && pwd)
devices=${2:-20}
seconds=${3:-30}
batch=${4:-25}
work=$(mktemp -d /tmp/secap-load.XXXXXX)
pgdir=$(mktemp -d /tmp/secap-load-pg.XXXXXX)  # its own, so the postgres user can enter it
out=${5:-$work/reports}
mkdir -p "$out"
server_bin=$build/syncserver/secap-syncserver
sim_bin=$build/tools/sim/secap-sim
pids=()

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "$root/scripts/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work/server" "$work/devices"
}
trap cleanup EXIT

municipalities=("Bydgoszcz" "Sztum" "Besko" "Raciechowice" "Pałecznica" "Siemiatycze" "Zamość" "Żyraków"
  "Schwäbisch Hall" "Ritterhude")

# start_servers N STORE_ARGS...: N instances; their gRPC addresses in $targets.
start_servers() {
  local n=$1
  shift
  targets=""
  for ((k = 0; k < n; k++)); do
    local log="$work/serve-$k.log"
    # No rate limit: this measures throughput, and 20 devices in a tight loop exceed a phone's pace.
    "$server_bin" serve --data-dir "$work/server" "$@" --rate-limit-per-minute 0 --grpc 127.0.0.1:0 --http 127.0.0.1:0 \
      >"$log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
      grep -q "gRPC on" "$log" && break
      sleep 0.1
    done
    local port
    port=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$log")
    [ -n "$port" ] || { cat "$log" >&2; exit 1; }
    targets="${targets:+$targets,}127.0.0.1:$port"
  done
}

stop_servers() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}

# run NAME INSTANCES STORE_ARGS...: a fresh demo dataset, codes, servers, load.
run() {
  local name=$1 instances=$2
  shift 2
  rm -rf "$work/server" "$work/devices"
  "$server_bin" demo-data --data-dir "$work/server" "$@" >/dev/null
  for ((i = 0; i < devices; i++)); do
    "$server_bin" admin enroll-code --data-dir "$work/server" "$@" --role field \
      --municipality "${municipalities[i % ${#municipalities[@]}]}"
  done >"$work/codes.txt"
  start_servers "$instances" "$@"
  echo "== $name: $devices devices, ${seconds} s, batch $batch, servers $targets" >&2
  "$sim_bin" load --server "$targets" --devices "$devices" --duration "$seconds" --batch "$batch" \
    --codes "$work/codes.txt" --work-dir "$work/devices" >"$out/$name.json"
  stop_servers
}

run sqlite 1
# Durable (fsync on), like the SQLite store's synchronous=FULL.
eval "$(SECAP_PG_DURABLE=1 "$root/scripts/pg-cluster.sh" start "$pgdir")"
psql -q "$SECAP_TEST_POSTGRES" -c "CREATE DATABASE load_one" -c "CREATE DATABASE load_three"
run postgresql-1 1 --db "${SECAP_TEST_POSTGRES%/*}/load_one"
run postgresql-3 3 --db "${SECAP_TEST_POSTGRES%/*}/load_three"

# One line per run, from the JSON reports.
field() { sed -n "s/^  \"$2\": \([0-9.]*\).*/\1/p" "$out/$1.json" | head -1; }
latency() { sed -n "s/^  \"$2\": {\"count\": [0-9]*, \"p50\": \([0-9.]*\), \"p95\": \([0-9.]*\), \"p99\": \([0-9.]*\).*/\1 \/ \2 \/ \3/p" "$out/$1.json"; }
echo "| backend | accepted | rejected | changes/s (run) | changes/s (while pushing) | push p50 / p95 / p99 ms | sync round p50 / p95 / p99 ms |"
echo "|---|---|---|---|---|---|---|"
for name in sqlite postgresql-1 postgresql-3; do
  echo "| $name | $(field $name accepted) | $(field $name rejected) | $(field $name throughput_changes_per_s) |" \
    "$(field $name throughput_while_pushing_changes_per_s) | $(latency $name push_latency_ms) |" \
    "$(latency $name sync_round_latency_ms) |"
done
