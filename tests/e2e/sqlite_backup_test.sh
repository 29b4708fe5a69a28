#!/usr/bin/env bash
# Backup and restore on SQLite (DESIGN.md §9, docs/DEPLOY.md): the demo
# dataset and a device's pushes, `admin backup` (SQLite's online backup API)
# taken while the device keeps pushing, a restore into a new data directory,
# `admin after-restore`, and a server on it that serves the same summaries
# and lets the device carry on. The PostgreSQL twin is pg_backup_test.sh.
set -euo pipefail
server_bin=$1
sim_bin=$2
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

serve() {  # serve DATA_DIR LOG: starts a server, sets $grpc and $http
  "$server_bin" serve --data-dir "$1" --grpc 127.0.0.1:0 --http 127.0.0.1:0 >"$2" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q "gRPC on" "$2" && break
    sleep 0.1
  done
  grpc=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$2")
  http=$(sed -n 's/.*HTTP on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$2")
  [ -n "$grpc" ] && [ -n "$http" ] || { cat "$2" >&2; exit 1; }
}

"$server_bin" demo-data --data-dir "$work/server" | grep -E '^  [0-9a-f-]{36}  ' | awk '{print $1}' >"$work/ids.txt"
code=$("$server_bin" admin enroll-code --data-dir "$work/server" --municipality "Sztum" --role field)
serve "$work/server" "$work/serve1.log"
"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" enroll --code "$code" --name "backup test" >/dev/null
admin_code=$("$server_bin" admin enroll-code --data-dir "$work/server" --municipality "Sztum" --role admin)
"$sim_bin" --data-dir "$work/admin" --server "127.0.0.1:$grpc" enroll --code "$admin_code" --name "admin" >/dev/null
auth="Authorization: Bearer $(cat "$work/admin/device.db.token")"
"$sim_bin" --data-dir "$work/dev" record --count 200 >/dev/null
"$sim_bin" --data-dir "$work/dev" sync >/dev/null

# Online: the backup runs while the device records and pushes more.
( for _ in 1 2 3 4 5; do
    "$sim_bin" --data-dir "$work/dev" record --count 50 >/dev/null
    "$sim_bin" --data-dir "$work/dev" sync >/dev/null
  done ) &
writer=$!
"$server_bin" admin backup --data-dir "$work/server" --out "$work/secap-backup.db" | tee "$work/backup.txt"
wait $writer
grep -q "written to $work/secap-backup.db" "$work/backup.txt"
# Never over an existing file.
if "$server_bin" admin backup --data-dir "$work/server" --out "$work/secap-backup.db" 2>"$work/again.txt"; then
  echo "a second backup overwrote the first" >&2
  exit 1
fi
grep -q "exists already" "$work/again.txt"
"$sim_bin" --data-dir "$work/dev" sync >/dev/null
for id in $(cat "$work/ids.txt"); do
  curl -fsS -H "$auth" "http://127.0.0.1:$http/api/v1/municipalities/$id/summary" >"$work/before-$id.json"
done
kill "${pids[@]}"; wait 2>/dev/null || true; pids=()

# Restore into a new data directory (the store file and the blobs), prepare
# it for devices that are ahead of it, and serve from it.
mkdir -p "$work/restored"
cp "$work/secap-backup.db" "$work/restored/secap.db"
cp -a "$work/server/blobs" "$work/restored/blobs"
"$server_bin" admin after-restore --data-dir "$work/restored" | grep -q "every device will do one full resync"
serve "$work/restored" "$work/serve2.log"
restored_ok=0
for id in $(cat "$work/ids.txt"); do
  curl -fsS -H "$auth" "http://127.0.0.1:$http/api/v1/municipalities/$id/summary" >"$work/after-$id.json"
  # Only Sztum received pushes during and after the backup; every other municipality is identical.
  if cmp -s "$work/before-$id.json" "$work/after-$id.json"; then restored_ok=$((restored_ok + 1)); fi
done
[ "$restored_ok" -ge 9 ] || { echo "only $restored_ok of 10 summaries are equal after the restore" >&2; exit 1; }

# The device was ahead of the backup: a full resync to the restored state,
# then its new readings push normally, and a device enrolled after the
# restore holds exactly the same readings.
"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" record --count 10 >/dev/null
"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" sync >/dev/null
"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" sync | tee "$work/sync.txt"
grep -q "0 pending, 0 need attention" "$work/sync.txt"
code2=$("$server_bin" admin enroll-code --data-dir "$work/restored" --municipality "Sztum" --role field)
"$sim_bin" --data-dir "$work/dev2" --server "127.0.0.1:$grpc" enroll --code "$code2" --name "after restore" >/dev/null
"$sim_bin" --data-dir "$work/dev2" sync >/dev/null
old=$("$sim_bin" --data-dir "$work/dev" status | sed -n 's/^readings //p')
new=$("$sim_bin" --data-dir "$work/dev2" status | sed -n 's/^readings //p')
[ "$old" = "$new" ] || { echo "after the restore the old device holds $old readings, a new one $new" >&2; exit 1; }
echo "sqlite backup: ok ($(stat -c %s "$work/secap-backup.db") bytes, $restored_ok of 10 summaries identical, $new readings on both devices)"
