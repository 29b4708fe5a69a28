#!/usr/bin/env bash
# The core, server or PostgreSQL tests (LABEL: core, server, postgresql) as built with ASan and UBSan
# in the fuzz build (scripts/fuzz-build.sh), run by CTest there: any
# sanitizer report fails its test. tests/fuzz/sanitizers.sh FUZZ_BUILD_DIR
# LABEL. Exit 77 (skipped) when that build is absent, unless
# SECAP_REQUIRE_FUZZ=1.
set -euo pipefail
build=$1
label=$2
if [ ! -f "$build/tests/core/CTestTestfile.cmake" ]; then
  if [ "${SECAP_REQUIRE_FUZZ:-0}" = 1 ]; then
    echo "the sanitizer build of the $label tests is missing: run scripts/fuzz-build.sh"
    exit 1
  fi
  echo "skipped: no sanitizer build of the $label tests (scripts/fuzz-build.sh)"
  exit 77
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
exec ctest --test-dir "$build" -L "^$label\$" --output-on-failure -j1 --timeout 300
