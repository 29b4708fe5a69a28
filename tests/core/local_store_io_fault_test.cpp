// An I/O error inside the device's own database (DESIGN.md §9, issue 15's
// "LevelDB Env" idea), as the server's store is tested in
// tests/server/io_fault_test.cpp: a fault-injecting SQLite VFS fails the Nth
// write or sync while the device saves a reading or applies a pulled page.
// Whatever the point of failure, the save or the page lands whole or not at
// all: a reading is never stored without its outbox entry (it would never
// reach the server) nor the other way round, a page never half-applied with
// its cursor moved; the error says it is a storage error (kDataLoss, which
// the app shows as "storage.io" in the user's language); what was saved
// before stays; the file passes integrity_check and reopens whole.
// Randomised; the seed is printed.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "faulty_vfs.h"
#include "fixtures.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"

using namespace secap;
using namespace secap::testing::faulty_vfs;

namespace {

constexpr int64_t kNow = 1767225600000;

// The readings the device holds, and the reading ids waiting in its outbox.
std::set<std::string> readingIds(core::LocalStore& store) {
  std::set<std::string> out;
  for (const auto& r : store.readings(secap::testing::kMeterId, 100000)) out.insert(r.id());
  return out;
}

std::set<std::string> outboxIds(core::LocalStore& store) {
  std::set<std::string> out;
  for (const auto& e : store.pendingOutbox(5000, 64u << 20)) out.insert(e.change.entity_id());
  return out;
}

// A page as the server sends it: `n` readings of another device, after `seq`.
v1::PullResponse page(int n, int64_t& seq, int64_t& takenAt) {
  core::ManualClock clock(kNow);
  v1::PullResponse p;
  for (int i = 0; i < n; ++i) {
    auto* c = p.add_changes();
    c->set_entity_id(core::newUuidV7(clock));
    c->set_change_id(c->entity_id());
    c->set_hlc(core::makeHlc(kNow - 5000, static_cast<uint16_t>(i)));
    c->set_server_seq(++seq);
    c->set_origin_device_id("0190a000-0000-7000-8000-0000000000ee");
    c->set_received_at_ms(kNow);
    auto* r = c->mutable_reading();
    r->set_id(c->entity_id());
    r->set_meter_id(secap::testing::kMeterId);
    takenAt += 3'600'000;
    r->set_taken_at(takenAt);
    r->set_value(static_cast<double>(takenAt / 3'600'000 % 900'000));
    r->set_kind(v1::READING_KIND_ACTUAL);
    r->set_source(v1::READING_SOURCE_MANUAL);
  }
  p.set_last_seq(seq);
  return p;
}

}  // namespace

TEST(LocalStoreIoFault, AFailingWriteOrSyncLeavesEachSaveAndPageWholeOrAbsent) {
  installFaultyVfs();
  const uint64_t seed0 = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed0));
  std::mt19937_64 rng(seed0);
  const std::string path = secap::testing::freshDir("device_io_fault") + "/device.db";
  core::ManualClock clock(kNow);
  std::set<std::string> acknowledged;  // saves the app was told succeeded
  std::set<std::string> pulled;        // readings of the other device, from pages
  int failedSaves = 0;
  int failedPages = 0;
  {
    auto opened = core::LocalStore::open(path, clock);
    ASSERT_TRUE(opened.isOk()) << opened.status().toString();
    auto& store = **opened;
    ASSERT_TRUE(store.applyPullPage(secap::testing::basePage(kNow)).isOk());
    int64_t seq = 3;
    int64_t pulledAt = kNow - 200LL * 86'400'000;
    double value = 1000;
    for (int round = 0; round < 60; ++round) {
      clock.advance(60'000);
      if (rng() % 3 == 0) {
        // A pulled page: all of it and its cursor, or none of either.
        const int64_t cursorBefore = store.cursor();
        const auto before = readingIds(store);
        const auto p = page(1 + static_cast<int>(rng() % 40), seq, pulledAt);
        for (const auto& c : p.changes()) pulled.insert(c.entity_id());
        g_countdown = static_cast<int>(rng() % 8);
        const auto applied = store.applyPullPage(p);
        g_countdown = -1;
        const auto after = readingIds(store);
        if (applied.isOk()) {
          ASSERT_EQ(store.cursor(), p.last_seq()) << "round " << round;
          ASSERT_EQ(after.size(), before.size() + static_cast<size_t>(p.changes_size())) << "round " << round;
        } else {
          ++failedPages;
          EXPECT_EQ(applied.code(), core::StatusCode::kDataLoss) << applied.toString();
          const bool none = after == before && store.cursor() == cursorBefore;
          const bool whole =
              after.size() == before.size() + static_cast<size_t>(p.changes_size()) && store.cursor() == p.last_seq();
          ASSERT_TRUE(none || whole) << "round " << round << ": " << after.size() - before.size() << " of "
                                     << p.changes_size() << " readings, cursor " << store.cursor();
          // The next round pulls the same page again: then it is whole.
          ASSERT_TRUE(store.applyPullPage(p).isOk()) << "round " << round;
          ASSERT_EQ(store.cursor(), p.last_seq());
        }
      } else {
        // The caretaker saves a reading.
        v1::Reading r;
        r.set_meter_id(secap::testing::kMeterId);
        value += 10 + static_cast<double>(rng() % 50);
        r.set_value(value);
        g_countdown = static_cast<int>(rng() % 8);
        const auto saved = store.recordReading(r);
        g_countdown = -1;
        if (saved.isOk()) {
          acknowledged.insert(saved->id());
        } else {
          ++failedSaves;
          EXPECT_EQ(saved.status().code(), core::StatusCode::kDataLoss) << saved.status().toString();
          EXPECT_FALSE(saved.status().message().empty());
        }
      }
      // Never a reading without its outbox entry, nor an entry without its
      // reading; nothing acknowledged is missing.
      std::set<std::string> own;
      for (const auto& id : readingIds(store))
        if (!pulled.count(id)) own.insert(id);
      ASSERT_EQ(own, outboxIds(store)) << "round " << round;
      for (const auto& id : acknowledged) ASSERT_TRUE(own.count(id)) << "round " << round << ": lost " << id;
    }
    EXPECT_GT(failedSaves, 0) << "no fault hit a save: the test tested nothing";
    EXPECT_GT(failedPages, 0) << "no fault hit a page: the test tested nothing";
  }
  EXPECT_TRUE(intact(path));
  auto reopened = core::LocalStore::open(path, clock);
  ASSERT_TRUE(reopened.isOk()) << reopened.status().toString();
  const auto outbox = outboxIds(**reopened);
  for (const auto& id : acknowledged) EXPECT_TRUE(outbox.count(id)) << "lost after reopening: " << id;
}
