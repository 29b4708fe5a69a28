#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang, ASan and UBSan into
# build-fuzz/ (its own folder: nothing mixed with the g++ tree; ccache,
# Ninja, 2 jobs). The CTest runs fuzz_* (tests/fuzz/run.sh) use them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export CCACHE_BASEDIR="$root"
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-12G}
jobs=${SECAP_JOBS:-2}
build=${SECAP_FUZZ_BUILD_DIR:-$root/build-fuzz}
start=$(date +%s)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DSECAP_FUZZ=ON -DSECAP_BUILD_MOBILE=OFF -DBUILD_TESTING=OFF -DSECAP_BUILD_BENCH=OFF \
  > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
targets=()
for f in "$root"/tests/fuzz/fuzz_*.cpp; do targets+=(--target "$(basename "$f" .cpp)"); done
cmake --build "$build" -j "$jobs" "${targets[@]}"
echo "fuzz build: done in $(( $(date +%s) - start )) s"
