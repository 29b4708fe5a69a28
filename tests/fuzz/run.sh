#!/usr/bin/env bash
# One bounded fuzz run, as CTest runs it: tests/fuzz/run.sh FUZZ_BUILD_DIR
# TARGET SECONDS. Starts from the committed seed corpus (tests/fuzz/corpus/
# TARGET, every crash found so far included, so each is replayed first) in a
# scratch copy, for SECONDS. A crash, a leak, a UBSan report or a timeout
# fails the test and leaves the input in FUZZ_BUILD_DIR/fuzz-artifacts.
# Exit 77 (skipped) when the target is not built, unless SECAP_REQUIRE_FUZZ=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" 2>/dev/null && pwd || echo "$1")
target=$2
seconds=$3
bin="$build/tests/fuzz/fuzz_$target"
if [ ! -x "$bin" ]; then
  if [ "${SECAP_REQUIRE_FUZZ:-0}" = 1 ]; then
    echo "fuzz_$target is not built: run scripts/fuzz-build.sh"
    exit 1
  fi
  echo "skipped: fuzz_$target is not built (scripts/fuzz-build.sh)"
  exit 77
fi
work=$(mktemp -d "/tmp/secap-fuzz-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$build/fuzz-artifacts"
cp -r "$here/corpus/$target/." "$work/corpus/" 2>/dev/null || true
cd "$work"
# New inputs go to the scratch copy (the first folder); the committed corpus
# only seeds it. UBSan stops at its first report.
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "$bin" -max_total_time="$seconds" -timeout=10 -error_exitcode=1 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$build/fuzz-artifacts/$target-" "$work/corpus"
