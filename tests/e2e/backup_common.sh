# Shared by pg_backup_test.sh and sqlite_backup_test.sh (sourced, not run):
# the device that pushes around the backup, the summaries before and after,
# and the checks on the restored server. The caller sets server_bin,
# sim_bin, work and pids, and defines store_args (the --db or --data-dir of
# a store, by name: "original" or "restored").

# serve STORE LOG: starts a server on the store, sets $grpc and $http.
serve() {
  # shellcheck disable=SC2046
  "$server_bin" serve $(store_args "$1") --grpc 127.0.0.1:0 --http 127.0.0.1:0 >"$2" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q "gRPC on" "$2" && break
    sleep 0.1
  done
  grpc=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$2")
  http=$(sed -n 's/.*HTTP on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$2")
  [ -n "$grpc" ] && [ -n "$http" ] || { cat "$2" >&2; exit 1; }
}

# enroll_devices: a Sztum field device with 200 readings synced, and an
# admin's token in $auth to read every municipality's summary.
enroll_devices() {
  local code admin_code
  # shellcheck disable=SC2046
  code=$("$server_bin" admin enroll-code $(store_args original) --municipality "Sztum" --role field)
  "$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" enroll --code "$code" --name "backup test" >/dev/null
  # shellcheck disable=SC2046
  admin_code=$("$server_bin" admin enroll-code $(store_args original) --municipality "Sztum" --role admin)
  "$sim_bin" --data-dir "$work/admin" --server "127.0.0.1:$grpc" enroll --code "$admin_code" --name "admin" >/dev/null
  auth="Authorization: Bearer $(cat "$work/admin/device.db.token")"
  "$sim_bin" --data-dir "$work/dev" record --count 200 >/dev/null
  "$sim_bin" --data-dir "$work/dev" sync >/dev/null
}

# keep_pushing: in the background, the device records and pushes more
# (wait for $writer).
keep_pushing() {
  ( for _ in 1 2 3 4 5; do
      "$sim_bin" --data-dir "$work/dev" record --count 50 >/dev/null
      "$sim_bin" --data-dir "$work/dev" sync >/dev/null
    done ) &
  writer=$!
}

# summaries NAME: every municipality's summary, into $work/NAME-<id>.json.
summaries() {
  for id in $(cat "$work/ids.txt"); do
    curl -fsS -H "$auth" "http://127.0.0.1:$http/api/v1/municipalities/$id/summary" >"$work/$1-$id.json"
  done
}

# check_restored: on the restored server (already serving), 9 of the 10
# summaries equal those before (only Sztum had pushes after the backup);
# the device, ahead of the backup, resyncs to the restored state and pushes
# again; a device enrolled after the restore holds exactly its readings.
check_restored() {
  local restored_ok=0 code2 old new
  summaries after
  for id in $(cat "$work/ids.txt"); do
    if cmp -s "$work/before-$id.json" "$work/after-$id.json"; then restored_ok=$((restored_ok + 1)); fi
  done
  [ "$restored_ok" -ge 9 ] || { echo "only $restored_ok of 10 summaries are equal after the restore" >&2; exit 1; }
  "$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" record --count 10 >/dev/null
  "$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" sync >/dev/null
  "$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc" sync | tee "$work/sync.txt"
  grep -q "0 pending, 0 need attention" "$work/sync.txt"
  # shellcheck disable=SC2046
  code2=$("$server_bin" admin enroll-code $(store_args restored) --municipality "Sztum" --role field)
  "$sim_bin" --data-dir "$work/dev2" --server "127.0.0.1:$grpc" enroll --code "$code2" --name "after restore" >/dev/null
  "$sim_bin" --data-dir "$work/dev2" sync >/dev/null
  old=$("$sim_bin" --data-dir "$work/dev" status | sed -n 's/^readings //p')
  new=$("$sim_bin" --data-dir "$work/dev2" status | sed -n 's/^readings //p')
  [ "$old" = "$new" ] || { echo "after the restore the old device holds $old readings, a new one $new" >&2; exit 1; }
  echo "$restored_ok of 10 summaries identical, $new readings on both devices"
}
