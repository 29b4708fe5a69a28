#!/usr/bin/env bash
# Many devices against one server (DESIGN.md §10: 1 000 devices, server RSS
# under 300 MB, p99 push latency, nothing lost): `secap-sim load` with
# DEVICES devices, each syncing at a phone's pace (PAUSE_MS between rounds,
# ±50 %), against one secap-syncserver on SQLite with the demo dataset.
# Prints the load tool's summary and the server's peak and final resident
# memory (VmHWM, VmRSS from /proc); the JSON report goes to OUT_DIR.
#
#   bench/load_many.sh BUILD_DIR [DEVICES] [SECONDS] [BATCH] [PAUSE_MS] [OUT_DIR]
set -euo pipefail
build=$(cd "${1:?usage: load_many.sh BUILD_DIR [DEVICES] [SECONDS] [BATCH] [PAUSE_MS] [OUT_DIR]}" && pwd)
devices=${2:-1000}
seconds=${3:-60}
batch=${4:-10}
pause=${5:-5000}
work=$(mktemp -d /tmp/secap-load-many.XXXXXX)
out=${6:-$work/reports}
mkdir -p "$out"
server_bin=$build/syncserver/secap-syncserver
sim_bin=$build/tools/sim/secap-sim
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work/server" "$work/devices"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true

municipalities=("Bydgoszcz" "Sztum" "Besko" "Raciechowice" "Pałecznica" "Siemiatycze" "Zamość" "Żyraków"
  "Schwäbisch Hall" "Ritterhude")
"$server_bin" demo-data --data-dir "$work/server" >/dev/null
for ((i = 0; i < devices; i++)); do
  "$server_bin" admin enroll-code --data-dir "$work/server" --role field \
    --municipality "${municipalities[i % ${#municipalities[@]}]}"
done >"$work/codes.txt"

# No rate limit: the pace comes from PAUSE_MS.
"$server_bin" serve --data-dir "$work/server" --rate-limit-per-minute 0 --grpc 127.0.0.1:0 --http 127.0.0.1:0 \
  >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  grep -q "gRPC on" "$work/serve.log" && break
  sleep 0.1
done
port=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$work/serve.log")
[ -n "$port" ] || { cat "$work/serve.log" >&2; exit 1; }
rss() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$server_pid/status"; }
echo "== $devices devices, ${seconds} s, batch $batch, pause ${pause} ms; server RSS at start: $(( $(rss VmRSS) / 1024 )) MB" >&2
rc=0
"$sim_bin" load --server "127.0.0.1:$port" --devices "$devices" --duration "$seconds" --batch "$batch" \
  --pause-ms "$pause" --codes "$work/codes.txt" --work-dir "$work/devices" >"$out/load-many.json" || rc=$?
echo "server RSS: peak $(( $(rss VmHWM) / 1024 )) MB, at the end $(( $(rss VmRSS) / 1024 )) MB" | tee -a "$out/server-rss.txt"
exit $rc
