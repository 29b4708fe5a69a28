#!/usr/bin/env bash
# The load figures of docs/PERFORMANCE.md "Load tool": a single
# secap-syncserver (SQLite) on the demo dataset, on loopback, and
# `secap-sim load` with DEVICES devices spread over the ten seed
# municipalities. Prints the JSON report on stdout, the summary on stderr.
#
#   tools/sim/load_demo.sh BUILD_DIR [DEVICES] [SECONDS] [BATCH]
set -euo pipefail
build=${1:?usage: load_demo.sh BUILD_DIR [DEVICES] [SECONDS] [BATCH]}
devices=${2:-20}
seconds=${3:-30}
batch=${4:-25}
server_bin=$build/syncserver/secap-syncserver
sim_bin=$build/tools/sim/secap-sim
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT

"$server_bin" demo-data --data-dir "$work/server" > /dev/null
municipalities=("Bydgoszcz" "Sztum" "Besko" "Raciechowice" "Pałecznica" "Siemiatycze" "Zamość" "Żyraków"
  "Schwäbisch Hall" "Ritterhude")
for ((i = 0; i < devices; i++)); do
  "$server_bin" admin enroll-code --data-dir "$work/server" --role field \
    --municipality "${municipalities[i % ${#municipalities[@]}]}"
done > "$work/codes.txt"

"$server_bin" serve --data-dir "$work/server" --grpc 127.0.0.1:0 --http 127.0.0.1:0 > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  grep -q "gRPC on" "$work/serve.log" && break
  sleep 0.1
done
grpc_port=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$work/serve.log")
[ -n "$grpc_port" ] || { cat "$work/serve.log" >&2; exit 1; }

"$sim_bin" load --server "127.0.0.1:$grpc_port" --devices "$devices" --duration "$seconds" --batch "$batch" \
  --codes "$work/codes.txt" --work-dir "$work/devices"
