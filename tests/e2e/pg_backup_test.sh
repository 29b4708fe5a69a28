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

store_args() { [ "$1" = original ] && echo "--data-dir $work/blobs --db $base/$db" || echo "--data-dir $work/blobs --db $base/$restored"; }
# shellcheck source=backup_common.sh
source "$(dirname "$0")/backup_common.sh"

psql -q "$SECAP_TEST_POSTGRES" -c "CREATE DATABASE $db"
"$server_bin" demo-data --data-dir "$work/blobs" --db "$base/$db" | grep -E '^  [0-9a-f-]{36}  ' | awk '{print $1}' >"$work/ids.txt"
serve original "$work/serve1.log"
enroll_devices

# Online: the dump runs while the device records and pushes more.
keep_pushing
pg_dump -Fc -f "$work/secap.dump" "$base/$db"
wait $writer
"$sim_bin" --data-dir "$work/dev" sync >/dev/null
summaries before
kill "${pids[@]}"; wait 2>/dev/null || true; pids=()

# Restore into a new database, prepare it for devices that are ahead of it,
# and serve from it.
psql -q "$SECAP_TEST_POSTGRES" -c "CREATE DATABASE $restored"
pg_restore --no-owner -d "$base/$restored" "$work/secap.dump"
"$server_bin" admin after-restore --db "$base/$restored" | grep -q "every device will do one full resync"
serve restored "$work/serve2.log"
result=$(check_restored | tail -1)
echo "pg backup: ok (dump $(stat -c %s "$work/secap.dump") bytes, $result)"
