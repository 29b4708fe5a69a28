#!/usr/bin/env bash
# Backup and restore on PostgreSQL (DESIGN.md §9, docs/DEPLOY.md): the demo
# dataset and a device's pushes, an online pg_dump taken while a device keeps
# pushing, a restore into a new database, and a server on the restored
# database that serves the same summaries and lets the device carry on.
# Needs SECAP_TEST_POSTGRES (the throwaway cluster of scripts/test.sh).
set -euo pipefail
server_bin=$1
sim_bin=$2
if [ -z "${SECAP_TEST_POSTGRES:-}" ]; then
  [ -n "${SECAP_REQUIRE_POSTGRES:-}" ] && { echo "SECAP_TEST_POSTGRES is not set" >&2; exit 1; }
  echo "no PostgreSQL cluster: skipped"
  exit 0
fi
work=$(mktemp -d)
suffix=$$_$RANDOM
db=backup_$suffix
restored=restored_$suffix
base=${SECAP_TEST_POSTGRES%/*}
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q "$SECAP_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
    -c "DROP DATABASE IF EXISTS $restored WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

serve() {  # serve DB_URL LOG: starts a server, sets $grpc and $http
  "$server_bin" serve --data-dir "$work/blobs" --db "$1" --grpc 127.0.0.1:0 --http 127.0.0.1:0 >"$2" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q "gRPC on" "$2" && break
    sleep 0.1
  done
  grpc=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$2")
  http=$(sed -n 's/.*HTTP on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$2")
  [ -n "$grpc" ] && [ -n "$http" ] || { cat "$2" >&2; exit 1; }
}

psql -q "$SECAP_TEST_POSTGRES" -c "CREATE DATABASE $db"
"$server_bin" demo-data --data-dir "$work/blobs" --db "$base/$db" | grep -E '^  [0-9a-f-]{36}  ' | awk '{print $1}' >"$work/ids.txt"
code=$("$server_bin" admin enroll-code --db "$base/$db" --municipality "Sztum" --role field)
serve "$base/$db" "$work/serve1.log"
"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" enroll --code "$code" --name "backup test" >/dev/null
# An admin's token, to read every municipality's summary.
admin_code=$("$server_bin" admin enroll-code --db "$base/$db" --municipality "Sztum" --role admin)
"$sim_bin" --data-dir "$work/admin" --server "127.0.0.1:$grpc" enroll --code "$admin_code" --name "admin" >/dev/null
auth="Authorization: Bearer $(cat "$work/admin/device.db.token")"
"$sim_bin" --data-dir "$work/dev" record --count 200 >/dev/null
"$sim_bin" --data-dir "$work/dev" sync >/dev/null

# Online: the dump runs while the device records and pushes more.
( for _ in 1 2 3 4 5; do
    "$sim_bin" --data-dir "$work/dev" record --count 50 >/dev/null
    "$sim_bin" --data-dir "$work/dev" sync >/dev/null
  done ) &
writer=$!
pg_dump -Fc -f "$work/secap.dump" "$base/$db"
wait $writer
"$sim_bin" --data-dir "$work/dev" sync >/dev/null
for id in $(cat "$work/ids.txt"); do
  curl -fsS -H "$auth" "http://127.0.0.1:$http/api/v1/municipalities/$id/summary" >"$work/before-$id.json"
done
kill "${pids[@]}"; wait 2>/dev/null || true; pids=()

# Restore into a new database, prepare it for devices that are ahead of it,
# and serve from it.
psql -q "$SECAP_TEST_POSTGRES" -c "CREATE DATABASE $restored"
pg_restore --no-owner -d "$base/$restored" "$work/secap.dump"
"$server_bin" admin after-restore --db "$base/$restored" | grep -q "every device will do one full resync"
serve "$base/$restored" "$work/serve2.log"
restored_ok=0
for id in $(cat "$work/ids.txt"); do
  curl -fsS -H "$auth" "http://127.0.0.1:$http/api/v1/municipalities/$id/summary" >"$work/after-$id.json"
  # Only Sztum received pushes after the dump; every other municipality is identical.
  if cmp -s "$work/before-$id.json" "$work/after-$id.json"; then restored_ok=$((restored_ok + 1)); fi
done
[ "$restored_ok" -ge 9 ] || { echo "only $restored_ok of 10 summaries are equal after the restore" >&2; exit 1; }

# The device was ahead of the backup. Its next sync is a full resync to the
# restored state; then its new readings push normally, and a device enrolled
# after the restore holds exactly the same readings.
"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" record --count 10 >/dev/null
"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" sync >/dev/null
"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" sync | tee "$work/sync.txt"
grep -q "0 pending, 0 need attention" "$work/sync.txt"
code2=$("$server_bin" admin enroll-code --db "$base/$restored" --municipality "Sztum" --role field)
"$sim_bin" --data-dir "$work/dev2" --server "127.0.0.1:$grpc" enroll --code "$code2" --name "after restore" >/dev/null
"$sim_bin" --data-dir "$work/dev2" sync >/dev/null
old=$("$sim_bin" --data-dir "$work/dev" status | sed -n 's/^readings //p')
new=$("$sim_bin" --data-dir "$work/dev2" status | sed -n 's/^readings //p')
[ "$old" = "$new" ] || { echo "after the restore the old device holds $old readings, a new one $new" >&2; exit 1; }
echo "pg backup: ok (dump $(stat -c %s "$work/secap.dump") bytes, $restored_ok of 10 summaries identical, $new readings on both devices)"
