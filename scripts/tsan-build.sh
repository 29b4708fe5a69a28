#!/usr/bin/env bash
# Builds, with clang and ThreadSanitizer on every library (-DSECAP_TSAN=ON),
# into build-tsan/ (its own folder; ccache, Ninja, 2 jobs) only the test
# executables that tests/tsan/run.sh runs: the sync client's tests and the
# server's. No Qt app, benchmarks or fuzz targets. The main build's CTest
# runs them: sanitizers_tsan_client and sanitizers_tsan_server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/ccache-env.sh"
build=${SECAP_TSAN_BUILD_DIR:-$root/build-tsan}
# Only what tests/tsan/run.sh runs: the sync client's test executable and
# every server test executable (Ninja's per-folder "all"; with the
# secap-syncserver two of them run), with the libraries they link.
targets=(core_sync_client_test tests/server/all)
start=$(date +%s)
# -gline-tables-only: TSan's reports need file:line, not the full debug info
# (13-18% less compile time).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
  -DSECAP_TSAN=ON -DSECAP_FUZZ=OFF -DSECAP_BUILD_MOBILE=OFF -DBUILD_TESTING=ON -DSECAP_BUILD_BENCH=OFF \
  > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j "$jobs" --target "${targets[@]}"
# Preloaded by tests/tsan/run.sh: gRPC's send-before-receive, made visible to
# TSan (tests/tsan/grpc_happens_before.c). Not instrumented itself.
cc -shared -fPIC -O2 -Wall -Wextra -o "$build/libsecap_tsan_grpc_hb.so" \
  "$root/tests/tsan/grpc_happens_before.c" -ldl
echo "tsan build: done in $(( $(date +%s) - start )) s"
