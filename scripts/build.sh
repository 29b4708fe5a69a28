#!/usr/bin/env bash
# Configures and builds everything into build/ (ccache, Ninja, 2 jobs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/ccache-env.sh"
build=${SECAP_BUILD_DIR:-$root/build}
start=$(date +%s)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON > "$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j "$jobs"
echo "build: done in $(( $(date +%s) - start )) s"
