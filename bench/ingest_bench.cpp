// Push ingest on the server store (validated, deduplicated, durable) against
// the reference of DESIGN.md §10: a raw SQLite insert of the same rows with
// the same indexes and the same durability, measured in the same run.
// Run: build/bench/bench_ingest --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include "bench_common.h"
#include "fixtures.h"
#include "ingest.h"
#include "sqlite_store.h"

using namespace secap;
using secap::bench::kBatch;
using secap::bench::kNow;

namespace {

// state.range(0): 1 keeps the meters' rollups at ingest (as served), 0 does
// not (the reference for what rollups cost).
void BM_PushIngest(benchmark::State& state) {
  const server::PushOptions options{.rollups = state.range(0) != 0};
  bench::ScratchDir dir("bench_ingest");
  auto store = std::move(server::SqliteStore::open(dir.path() + "/s.db")).value();
  v1::PushRequest seed;
  const auto page = secap::testing::basePage(kNow);
  for (auto c : page.changes()) {
    c.clear_server_seq();
    *seed.add_changes() = c;
  }
  (void)server::applyPush(*store, server::serverWriter(), seed, kNow);
  int64_t takenAt = kNow - 100000000;
  for (auto _ : state) {
    state.PauseTiming();
    v1::PushRequest req;
    for (auto& c : bench::readingChanges(kBatch, takenAt)) *req.add_changes() = std::move(c);
    state.ResumeTiming();
    auto resp = server::applyPush(*store, server::serverWriter(), req, kNow, options);
    if (!resp.isOk()) state.SkipWithError(resp.status().message().c_str());
  }
  state.counters["readings/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate);
}
// Real time: the fsync at each commit is part of ingest, and thread CPU time
// (the default) would leave it out.
BENCHMARK(BM_PushIngest)->ArgName("rollups")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();

void BM_RawSqliteInsert(benchmark::State& state) { bench::rawServerInsertBenchmark(state); }
BENCHMARK(BM_RawSqliteInsert)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
