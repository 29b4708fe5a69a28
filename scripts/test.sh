#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test.
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
cd "${SECAP_BUILD_DIR:-$root/build}"
# Tests use loopback only and start their own servers; offscreen Qt.
export QT_QPA_PLATFORM=offscreen
echo "stage test: starting"
exec ctest --output-on-failure -j2 --timeout 900
