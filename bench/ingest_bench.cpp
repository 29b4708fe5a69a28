// Push ingest on the server store (validated, deduplicated, durable) against
// the reference of DESIGN.md §10: a raw SQLite insert of the same rows with
// the same indexes and the same durability, measured in the same run.
// Run: build/bench/bench_ingest --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>

#include "fixtures.h"
#include "ingest.h"
#include "secap/core/ids.h"
#include "sqlite_store.h"

using namespace secap;

namespace {

constexpr int kBatch = 5000;
constexpr int64_t kNow = 1767225600000;

std::vector<v1::Change> readings(int n, int64_t& takenAt) {
  core::ManualClock clock(kNow);
  std::vector<v1::Change> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    v1::Change c;
    c.set_change_id(core::newUuidV7(clock));
    c.set_entity_id(core::newUuidV7(clock));
    c.set_hlc(core::makeHlc(kNow - 1000, static_cast<uint16_t>(i)));
    auto* r = c.mutable_reading();
    r->set_id(c.entity_id());
    r->set_meter_id(secap::testing::kMeterId);
    r->set_taken_at(++takenAt);
    r->set_value(static_cast<double>(takenAt % 900000));
    r->set_kind(v1::READING_KIND_ACTUAL);
    r->set_source(v1::READING_SOURCE_MANUAL);
    out.push_back(std::move(c));
  }
  return out;
}

void BM_PushIngest(benchmark::State& state) {
  const auto dir = secap::testing::freshDir("bench_ingest");
  auto store = std::move(server::SqliteStore::open(dir + "/s.db")).value();
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
    for (auto& c : readings(kBatch, takenAt)) *req.add_changes() = std::move(c);
    state.ResumeTiming();
    auto resp = server::applyPush(*store, server::serverWriter(), req, kNow);
    if (!resp.isOk()) state.SkipWithError(resp.status().message().c_str());
  }
  state.counters["readings/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PushIngest)->Unit(benchmark::kMillisecond)->MinTime(3);

// The reference: the same rows into tables with the same keys and indexes,
// one transaction per batch, synchronous=FULL, prepared statements.
void BM_RawSqliteInsert(benchmark::State& state) {
  const auto dir = secap::testing::freshDir("bench_raw");
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/raw.db").c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE change_log(seq INTEGER PRIMARY KEY, municipality_id TEXT, entity_type INTEGER,"
               " entity_id TEXT, payload BLOB);"
               "CREATE INDEX change_log_by_scope ON change_log(municipality_id, seq);"
               "CREATE TABLE change_results(change_id TEXT PRIMARY KEY, outcome INTEGER, server_seq INTEGER,"
               " canonical_entity_id TEXT) WITHOUT ROWID;"
               "CREATE TABLE entities(type INTEGER, id TEXT, municipality_id TEXT, parent_id TEXT, hlc INTEGER,"
               " origin_device_id TEXT, deleted INTEGER, server_seq INTEGER, data BLOB, PRIMARY KEY(type, id))"
               " WITHOUT ROWID;"
               "CREATE INDEX entities_by_scope ON entities(type, municipality_id);"
               "CREATE TABLE reading_content(meter_id TEXT, taken_at INTEGER, value REAL, reading_id TEXT,"
               " server_seq INTEGER, PRIMARY KEY(meter_id, taken_at, value)) WITHOUT ROWID;",
               nullptr, nullptr, nullptr);
  sqlite3_stmt *log, *res, *ent, *content;
  sqlite3_prepare_v2(db, "INSERT INTO change_log VALUES(?,?,4,?,?)", -1, &log, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO change_results VALUES(?,1,?,'')", -1, &res, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO entities VALUES(4,?,?,?,?,'server',0,?,?)", -1, &ent, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO reading_content VALUES(?,?,?,?,?)", -1, &content, nullptr);
  int64_t takenAt = kNow - 100000000;
  int64_t seq = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const auto batch = readings(kBatch, takenAt);
    state.ResumeTiming();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (const auto& c : batch) {
      ++seq;
      const std::string payload = c.SerializeAsString();
      const std::string data = c.reading().SerializeAsString();
      sqlite3_bind_int64(log, 1, seq);
      sqlite3_bind_text(log, 2, secap::testing::kMunicipalityId, -1, SQLITE_STATIC);
      sqlite3_bind_text(log, 3, c.entity_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob(log, 4, payload.data(), static_cast<int>(payload.size()), SQLITE_TRANSIENT);
      sqlite3_step(log);
      sqlite3_reset(log);
      sqlite3_bind_text(res, 1, c.change_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(res, 2, seq);
      sqlite3_step(res);
      sqlite3_reset(res);
      sqlite3_bind_text(ent, 1, c.entity_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ent, 2, secap::testing::kMunicipalityId, -1, SQLITE_STATIC);
      sqlite3_bind_text(ent, 3, secap::testing::kMeterId, -1, SQLITE_STATIC);
      sqlite3_bind_int64(ent, 4, static_cast<int64_t>(c.hlc()));
      sqlite3_bind_int64(ent, 5, seq);
      sqlite3_bind_blob(ent, 6, data.data(), static_cast<int>(data.size()), SQLITE_TRANSIENT);
      sqlite3_step(ent);
      sqlite3_reset(ent);
      sqlite3_bind_text(content, 1, secap::testing::kMeterId, -1, SQLITE_STATIC);
      sqlite3_bind_int64(content, 2, c.reading().taken_at());
      sqlite3_bind_double(content, 3, c.reading().value());
      sqlite3_bind_text(content, 4, c.entity_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(content, 5, seq);
      sqlite3_step(content);
      sqlite3_reset(content);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  state.counters["readings/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate);
  for (auto* s : {log, res, ent, content}) sqlite3_finalize(s);
  sqlite3_close(db);
}
BENCHMARK(BM_RawSqliteInsert)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
