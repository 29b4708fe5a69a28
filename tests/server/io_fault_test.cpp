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

#include "faulty_vfs.h"
#include "fixtures.h"
#include "ingest.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "sqlite_store.h"

using namespace secap;
using namespace secap::testing::faulty_vfs;

namespace {

constexpr int64_t kNow = 1767225600000;

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
