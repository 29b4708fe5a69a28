#!/usr/bin/env bash
# Backup and restore on SQLite (DESIGN.md §9, docs/DEPLOY.md): the demo
# dataset and a device's pushes, `admin backup` (SQLite's online backup API)
# taken while the device keeps pushing, a restore into a new data directory,
# `admin after-restore`, and a server on it that serves the same summaries
# and lets the device carry on. The PostgreSQL twin is pg_backup_test.sh;
# both use backup_common.sh.
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
store_args() { [ "$1" = original ] && echo "--data-dir $work/server" || echo "--data-dir $work/restored"; }
# shellcheck source=backup_common.sh
source "$(dirname "$0")/backup_common.sh"

"$server_bin" demo-data --data-dir "$work/server" | grep -E '^  [0-9a-f-]{36}  ' | awk '{print $1}' >"$work/ids.txt"
serve original "$work/serve1.log"
enroll_devices

# Online: the backup runs while the device records and pushes more.
keep_pushing
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
summaries before
kill "${pids[@]}"; wait 2>/dev/null || true; pids=()

# Restore into a new data directory (the store file and the blobs), prepare
# it for devices that are ahead of it, and serve from it.
mkdir -p "$work/restored"
cp "$work/secap-backup.db" "$work/restored/secap.db"
cp -a "$work/server/blobs" "$work/restored/blobs"
"$server_bin" admin after-restore --data-dir "$work/restored" | grep -q "every device will do one full resync"
serve restored "$work/serve2.log"
result=$(check_restored | tail -1)
echo "sqlite backup: ok ($(stat -c %s "$work/secap-backup.db") bytes, $result)"
