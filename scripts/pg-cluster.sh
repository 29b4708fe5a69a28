#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests and benchmarks, on
# 127.0.0.1 and a free port, removed afterwards (DESIGN.md §11).
#
#   eval "$(scripts/pg-cluster.sh start DIR)"   # exports SECAP_TEST_POSTGRES=postgresql://...
#   scripts/pg-cluster.sh stop DIR
#
# initdb refuses to run as root (PLATFORM.md), so as root the cluster runs as
# the postgres user. fsync is off for the tests: the cluster is thrown away
# after the run, and a killed secap-syncserver (not a killed PostgreSQL) is
# what the durability tests exercise. SECAP_PG_DURABLE=1 keeps PostgreSQL's
# durable defaults, for benchmarks that compare with SQLite's FULL sync.
set -euo pipefail

cmd=${1:?start or stop}
dir=${2:?cluster directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-cluster: PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${SECAP_PG_DURABLE:-0}" = 1 ] && fast=""
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$(( 20000 + RANDOM % 20000 ))
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
          -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir $fast -c max_connections=300" \
          start >/dev/null 2>&1; then
        echo "export SECAP_TEST_POSTGRES=postgresql://postgres@127.0.0.1:$port/postgres"
        exit 0
      fi
    done
    echo "pg-cluster: could not start PostgreSQL; see $dir/server.log" >&2
    tail -20 "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
