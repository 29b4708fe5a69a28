#pragma once
// Helpers shared by the benchmarks in bench/: the reading changes that the
// ingest benchmarks push, a scratch directory that is removed afterwards, and
// the reference of DESIGN.md §10 for ingest on the server: a raw SQLite
// insert of the same rows into tables with the same keys and indexes as the
// server store (syncserver/sqlite_store.cpp), one transaction per batch,
// synchronous=FULL, prepared statements. Each benchmark binary registers
// the reference under the same name, BM_RawSqliteInsert, so that its ratios
// come from the same run. Single-threaded, for benchmarks only.

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fixtures.h"
#include "secap/core/clock.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/v1/sync.pb.h"

namespace secap::bench {

// DESIGN.md §4: a push carries at most 5 000 changes, a pull page as many.
inline constexpr int kBatch = 5000;
// 2026-01-01T00:00:00Z: the manual clock of the benchmark servers.
inline constexpr int64_t kNow = 1767225600000;

// A directory under the system's temporary directory (a real disk here, so
// fsync costs what it costs), removed with everything in it at the end.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name) : m_path(secap::testing::freshDir(name)) {}
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

// `n` new readings on the fixture's meter (or `meterId`), 1 ms apart after
// `takenAt`, which advances. One meter for the whole batch is the worst case for the quality
// flags, which look at the meter's history.
inline std::vector<v1::Change> readingChanges(int n, int64_t& takenAt,
                                              const std::string& meterId = secap::testing::kMeterId) {
  core::ManualClock clock(kNow);
  std::vector<v1::Change> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    v1::Change c;
    // As the app records a reading: its id is also the change's key.
    c.set_entity_id(core::newUuidV7(clock));
    c.set_change_id(c.entity_id());
    c.set_hlc(core::makeHlc(kNow - 1000, static_cast<uint16_t>(i)));
    auto* r = c.mutable_reading();
    r->set_id(c.entity_id());
    r->set_meter_id(meterId);
    r->set_taken_at(++takenAt);
    r->set_value(static_cast<double>(takenAt % 900000));
    r->set_kind(v1::READING_KIND_ACTUAL);
    r->set_source(v1::READING_SOURCE_MANUAL);
    out.push_back(std::move(c));
  }
  return out;
}

// The server reference: what the store writes for an accepted reading (change
// log, remembered verdict, state row, content key), with nothing checked.
class RawServerInsert {
 public:
  explicit RawServerInsert(const std::string& path) {
    sqlite3_open(path.c_str(), &m_db);
    sqlite3_exec(m_db,
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
    sqlite3_prepare_v2(m_db, "INSERT INTO change_log VALUES(?,?,4,?,?)", -1, &m_log, nullptr);
    sqlite3_prepare_v2(m_db, "INSERT INTO change_results VALUES(?,1,?,'')", -1, &m_res, nullptr);
    sqlite3_prepare_v2(m_db, "INSERT INTO entities VALUES(4,?,?,?,?,'server',0,?,?)", -1, &m_ent, nullptr);
    sqlite3_prepare_v2(m_db, "INSERT INTO reading_content VALUES(?,?,?,?,?)", -1, &m_content, nullptr);
  }
  ~RawServerInsert() {
    for (auto* s : {m_log, m_res, m_ent, m_content}) sqlite3_finalize(s);
    sqlite3_close(m_db);
  }
  RawServerInsert(const RawServerInsert&) = delete;
  RawServerInsert& operator=(const RawServerInsert&) = delete;

  // One transaction for the batch, as one push is.
  void insert(const std::vector<v1::Change>& batch) {
    sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (const auto& c : batch) {
      ++m_seq;
      const std::string payload = c.SerializeAsString();
      const std::string data = c.reading().SerializeAsString();
      sqlite3_bind_int64(m_log, 1, m_seq);
      sqlite3_bind_text(m_log, 2, secap::testing::kMunicipalityId, -1, SQLITE_STATIC);
      sqlite3_bind_text(m_log, 3, c.entity_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob(m_log, 4, payload.data(), static_cast<int>(payload.size()), SQLITE_TRANSIENT);
      sqlite3_step(m_log);
      sqlite3_reset(m_log);
      sqlite3_bind_text(m_res, 1, c.change_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(m_res, 2, m_seq);
      sqlite3_step(m_res);
      sqlite3_reset(m_res);
      sqlite3_bind_text(m_ent, 1, c.entity_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(m_ent, 2, secap::testing::kMunicipalityId, -1, SQLITE_STATIC);
      sqlite3_bind_text(m_ent, 3, secap::testing::kMeterId, -1, SQLITE_STATIC);
      sqlite3_bind_int64(m_ent, 4, static_cast<int64_t>(c.hlc()));
      sqlite3_bind_int64(m_ent, 5, m_seq);
      sqlite3_bind_blob(m_ent, 6, data.data(), static_cast<int>(data.size()), SQLITE_TRANSIENT);
      sqlite3_step(m_ent);
      sqlite3_reset(m_ent);
      sqlite3_bind_text(m_content, 1, secap::testing::kMeterId, -1, SQLITE_STATIC);
      sqlite3_bind_int64(m_content, 2, c.reading().taken_at());
      sqlite3_bind_double(m_content, 3, c.reading().value());
      sqlite3_bind_text(m_content, 4, c.entity_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(m_content, 5, m_seq);
      sqlite3_step(m_content);
      sqlite3_reset(m_content);
    }
    sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
  }

 private:
  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_log = nullptr;
  sqlite3_stmt* m_res = nullptr;
  sqlite3_stmt* m_ent = nullptr;
  sqlite3_stmt* m_content = nullptr;
  int64_t m_seq = 0;
};

// The body of BM_RawSqliteInsert: batches of kBatch readings, generated
// outside the timing. Register it with UseRealTime(): the time spent waiting
// for fsync is part of the cost, and thread CPU time would leave it out.
inline void rawServerInsertBenchmark(benchmark::State& state) {
  ScratchDir dir("bench_raw");
  RawServerInsert raw(dir.path() + "/raw.db");
  int64_t takenAt = kNow - 100000000;
  for (auto _ : state) {
    state.PauseTiming();
    const auto batch = readingChanges(kBatch, takenAt);
    state.ResumeTiming();
    raw.insert(batch);
  }
  state.counters["readings/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate);
}

}  // namespace secap::bench
