// An I/O error inside the server's SQLite store (DESIGN.md §9, issue 15's
// "LevelDB Env" idea): a fault-injecting SQLite VFS, registered as the
// default, fails the Nth write or sync of the store's files. Whatever the
// point of failure, a push either lands whole or not at all, the store stays
// intact (integrity_check), and pushing the same batch again then makes it
// whole, each change exactly once. Randomised; the seed is printed.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <random>

#include "fixtures.h"
#include "ingest.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "sqlite_store.h"

using namespace secap;

namespace {

constexpr int64_t kNow = 1767225600000;

// ---- The faulty VFS: forwards to the default one; writes and syncs count
// down while armed, and the one that reaches zero fails.
std::atomic<int> g_countdown{-1};  // -1: disarmed
std::atomic<int> g_faults{0};
sqlite3_vfs* g_real = nullptr;

bool failNow() {
  int left = g_countdown.load();
  while (left >= 0) {
    if (g_countdown.compare_exchange_weak(left, left - 1)) {
      if (left == 0) {
        ++g_faults;
        return true;
      }
      return false;
    }
  }
  return false;
}

struct FaultyFile {
  sqlite3_file base;  // must come first
  sqlite3_file* real;
};

sqlite3_file* realOf(sqlite3_file* f) { return reinterpret_cast<FaultyFile*>(f)->real; }

int xClose(sqlite3_file* f) {
  sqlite3_file* real = realOf(f);
  const int rc = real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
  sqlite3_free(real);
  return rc;
}
int xRead(sqlite3_file* f, void* p, int n, sqlite3_int64 off) {
  return realOf(f)->pMethods->xRead(realOf(f), p, n, off);
}
int xWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
  if (failNow()) return SQLITE_IOERR_WRITE;
  return realOf(f)->pMethods->xWrite(realOf(f), p, n, off);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) { return realOf(f)->pMethods->xTruncate(realOf(f), size); }
int xSync(sqlite3_file* f, int flags) {
  if (failNow()) return SQLITE_IOERR_FSYNC;
  return realOf(f)->pMethods->xSync(realOf(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) { return realOf(f)->pMethods->xFileSize(realOf(f), size); }
int xLock(sqlite3_file* f, int l) { return realOf(f)->pMethods->xLock(realOf(f), l); }
int xUnlock(sqlite3_file* f, int l) { return realOf(f)->pMethods->xUnlock(realOf(f), l); }
int xCheckReservedLock(sqlite3_file* f, int* out) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out); }
int xFileControl(sqlite3_file* f, int op, void* arg) { return realOf(f)->pMethods->xFileControl(realOf(f), op, arg); }
int xSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int xDeviceCharacteristics(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int xShmMap(sqlite3_file* f, int pg, int sz, int extend, void volatile** p) {
  return realOf(f)->pMethods->xShmMap(realOf(f), pg, sz, extend, p);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int xShmUnmap(sqlite3_file* f, int del) { return realOf(f)->pMethods->xShmUnmap(realOf(f), del); }

const sqlite3_io_methods kMethods = {2,
                                     xClose,
                                     xRead,
                                     xWrite,
                                     xTruncate,
                                     xSync,
                                     xFileSize,
                                     xLock,
                                     xUnlock,
                                     xCheckReservedLock,
                                     xFileControl,
                                     xSectorSize,
                                     xDeviceCharacteristics,
                                     xShmMap,
                                     xShmLock,
                                     xShmBarrier,
                                     xShmUnmap,
                                     nullptr,
                                     nullptr};

int vfsOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags) {
  auto* file = reinterpret_cast<FaultyFile*>(f);
  file->base.pMethods = nullptr;
  file->real = static_cast<sqlite3_file*>(sqlite3_malloc(g_real->szOsFile));
  if (!file->real) return SQLITE_NOMEM;
  std::memset(file->real, 0, static_cast<size_t>(g_real->szOsFile));
  const int rc = g_real->xOpen(g_real, name, file->real, flags, outFlags);
  if (rc != SQLITE_OK) {
    sqlite3_free(file->real);
    return rc;
  }
  file->base.pMethods = &kMethods;
  return SQLITE_OK;
}

sqlite3_vfs g_faulty;

void installFaultyVfs() {
  static bool installed = [] {
    g_real = sqlite3_vfs_find(nullptr);
    g_faulty = *g_real;
    g_faulty.zName = "secap-faulty";
    g_faulty.szOsFile = static_cast<int>(sizeof(FaultyFile));
    g_faulty.xOpen = vfsOpen;
    g_faulty.pNext = nullptr;
    return sqlite3_vfs_register(&g_faulty, /*makeDflt=*/1) == SQLITE_OK;
  }();
  ASSERT_TRUE(installed);
}

// ---- The store and its pushes.

v1::PushRequest seed() {
  v1::PushRequest req;
  const auto page = secap::testing::basePage(kNow);
  for (auto c : page.changes()) {
    c.clear_server_seq();
    c.clear_origin_device_id();
    *req.add_changes() = c;
  }
  return req;
}

v1::PushRequest readings(int n, int64_t& takenAt, std::mt19937_64& rng) {
  core::ManualClock clock(kNow);
  v1::PushRequest req;
  for (int i = 0; i < n; ++i) {
    auto* c = req.add_changes();
    c->set_change_id(core::newUuidV7(clock));
    c->set_entity_id(core::newUuidV7(clock));
    c->set_hlc(core::makeHlc(kNow - 1000, static_cast<uint16_t>(i)));
    auto* r = c->mutable_reading();
    r->set_id(c->entity_id());
    r->set_meter_id(secap::testing::kMeterId);
    takenAt += 60'000 + static_cast<int64_t>(rng() % 600'000);
    r->set_taken_at(takenAt);
    r->set_value(static_cast<double>(takenAt / 60'000 % 900'000));
    r->set_kind(v1::READING_KIND_ACTUAL);
    r->set_source(v1::READING_SOURCE_MANUAL);
  }
  return req;
}

size_t readingCount(server::Store& store) {
  auto all = store.entitiesOf(core::EntityType::kReading, secap::testing::kMunicipalityId);
  EXPECT_TRUE(all.isOk()) << all.status().toString();
  return all.isOk() ? all->size() : 0;
}

bool intact(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, g_real->zName) != SQLITE_OK) return false;
  sqlite3_stmt* st = nullptr;
  bool ok = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW &&
            std::strcmp(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok") == 0;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return ok;
}

}  // namespace

TEST(IoFault, AWriteOrSyncFailingAnywhereLeavesEachPushWholeOrAbsentAndTheStoreIntact) {
  installFaultyVfs();
  const uint64_t seed0 = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed0));
  std::mt19937_64 rng(seed0);
  const std::string dir = secap::testing::freshDir("io_fault");
  const std::string path = dir + "/server.db";
  auto opened = server::SqliteStore::open(path);
  ASSERT_TRUE(opened.isOk()) << opened.status().toString();
  auto& store = **opened;
  ASSERT_TRUE(server::applyPush(store, server::serverWriter(), seed(), kNow).isOk());
  const server::Writer field{.deviceId = "phone", .roles = {{secap::testing::kMunicipalityId, "field"}}};

  int64_t takenAt = kNow - 400LL * 86'400'000;
  size_t expected = 0;
  int failedPushes = 0;
  for (int round = 0; round < 40; ++round) {
    const auto batch = readings(1 + static_cast<int>(rng() % 60), takenAt, rng);
    g_countdown = static_cast<int>(rng() % 12);  // the Nth write or sync of this push fails
    auto first = server::applyPush(store, field, batch, kNow);
    g_countdown = -1;
    const size_t after = readingCount(store);
    if (first.isOk()) {
      ASSERT_EQ(after, expected + static_cast<size_t>(batch.changes_size())) << "round " << round;
    } else {
      ++failedPushes;
      // The error is an error, with words, and the batch is all or nothing.
      EXPECT_FALSE(first.status().message().empty());
      ASSERT_TRUE(after == expected || after == expected + static_cast<size_t>(batch.changes_size()))
          << "round " << round << ": " << after - expected << " of " << batch.changes_size() << " landed; "
          << first.status().toString();
    }
    // The device pushes the same batch again: it is whole, each change once.
    auto again = server::applyPush(store, field, batch, kNow);
    ASSERT_TRUE(again.isOk()) << "round " << round << ": " << again.status().toString();
    for (const auto& r : again->results())
      ASSERT_TRUE(r.outcome() == v1::ACCEPTED || r.outcome() == v1::DUPLICATE) << r.reason_code();
    expected += static_cast<size_t>(batch.changes_size());
    ASSERT_EQ(readingCount(store), expected) << "round " << round;
  }
  EXPECT_GT(failedPushes, 0) << "no fault hit a push: the test tested nothing";
  EXPECT_GT(g_faults.load(), 0);
  opened->reset();
  EXPECT_TRUE(intact(path));
  // Reopened, it holds every reading.
  auto reopened = server::SqliteStore::open(path);
  ASSERT_TRUE(reopened.isOk()) << reopened.status().toString();
  EXPECT_EQ(readingCount(**reopened), expected);
}
