#!/usr/bin/env bash
# Builds, with clang, ASan and UBSan on every library, into build-fuzz/ (its
# own folder: nothing mixed with the g++ tree; ccache, Ninja, 2 jobs): the
# libFuzzer targets of tests/fuzz and the core and server tests. The main
# build's CTest runs them: fuzz_* (tests/fuzz/run.sh) and sanitizers_*
# (tests/fuzz/sanitizers.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/ccache-env.sh"
build=${SECAP_FUZZ_BUILD_DIR:-$root/build-fuzz}
start=$(date +%s)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DSECAP_FUZZ=ON -DSECAP_BUILD_MOBILE=OFF -DBUILD_TESTING=ON -DSECAP_BUILD_BENCH=OFF \
  > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j "$jobs"
echo "fuzz build: done in $(( $(date +%s) - start )) s"
