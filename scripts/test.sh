#!/usr/bin/env bash
# The test command: installs what is missing, builds (the app and server
# with g++, the fuzz targets with clang), and runs every test.
# The storage tests run on SQLite and, against a throwaway PostgreSQL
# cluster on loopback (scripts/pg-cluster.sh), on PostgreSQL too.
# The output ends with CTest's summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
t0=$(date +%s)
"$root/scripts/deps.sh"
t1=$(date +%s)
echo "stage deps: $(( t1 - t0 )) s"
"$root/scripts/build.sh"
t2=$(date +%s)
echo "stage build: $(( t2 - t1 )) s"
# The libFuzzer targets: clang, ASan and UBSan, in build-fuzz/ (tests/fuzz).
"$root/scripts/fuzz-build.sh"
t3=$(date +%s)
echo "stage fuzz build: $(( t3 - t2 )) s"
export SECAP_REQUIRE_FUZZ=1  # their bounded runs are CTest tests and must run
# The sync client's and server's tests with ThreadSanitizer: clang, in build-tsan/ (tests/tsan).
"$root/scripts/tsan-build.sh"
t4=$(date +%s)
echo "stage tsan build: $(( t4 - t3 )) s"
export SECAP_REQUIRE_TSAN=1  # sanitizers_tsan_client and _server must run, not skip

pgdir=$(mktemp -d /tmp/secap-test-pg.XXXXXX)
cleanup() { "$root/scripts/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
eval "$("$root/scripts/pg-cluster.sh" start "$pgdir")"
export SECAP_TEST_POSTGRES
export SECAP_REQUIRE_POSTGRES=1
export SECAP_REQUIRE_CHROMIUM=1  # the dashboard's browser tests must run, not skip
echo "stage postgres: throwaway cluster at ${SECAP_TEST_POSTGRES}"

cd "${SECAP_BUILD_DIR:-$root/build}"
# Tests use loopback only and start their own servers; offscreen Qt.
export QT_QPA_PLATFORM=offscreen
echo "stage test: starting"
rc=0
ctest --output-on-failure -j2 --timeout 900 || rc=$?
exit $rc
