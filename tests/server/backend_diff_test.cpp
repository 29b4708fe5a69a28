// The two store backends must judge the same pushes the same way: every
// outcome, every quality flag. PostgreSQL only (it compares against a
// SQLite store made alongside). Written to settle why load runs flagged more
// spikes on PostgreSQL (docs/PERFORMANCE.md): if the backends agree on the
// same input, the difference is the load generator's pace, not the store.
#include <gtest/gtest.h>

#include <random>

#include "harness.h"
#include "ingest.h"
#include "secap/core/ids.h"

using namespace secap;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::kSiteId;

TEST(BackendDiff, BothBackendsGiveTheSameOutcomesAndFlagsForTheSamePushes) {
  const uint64_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  secap::testing::TestDatabase database;
  const std::string dir = secap::testing::freshDir("backend_diff");
  auto pg = secap::testing::openTestStore(database, dir + "/pg");
  auto sqlite = server::openStore(dir + "/sqlite");
  ASSERT_TRUE(sqlite.isOk()) << sqlite.status().toString();
  server::Store* stores[] = {pg.get(), sqlite->get()};

  core::ManualClock clock(kServerNow);
  std::vector<v1::Change> seed_changes = secap::testing::baseChanges(kServerNow);
  std::vector<std::string> meters;
  for (int i = 0; i < 6; ++i) {
    v1::Change m;
    m.set_change_id(core::newUuidV7(clock));
    m.set_entity_id(core::newUuidV7(clock));
    m.set_hlc(core::makeHlc(clock.nowMs(), 0));
    auto* meter = m.mutable_meter();
    meter->set_id(m.entity_id());
    meter->set_site_id(kSiteId);
    meter->set_serial("D-" + std::to_string(i));
    meter->set_kind(v1::METER_KIND_CUMULATIVE);
    meter->set_register_digits(i % 2 ? 6 : 0);
    meter->set_multiplier(1);
    meters.push_back(m.entity_id());
    seed_changes.push_back(m);
  }
  v1::PushRequest seeding;
  for (const auto& c : seed_changes) *seeding.add_changes() = c;
  for (auto* store : stores) ASSERT_TRUE(server::applyPush(*store, server::serverWriter(), seeding, kServerNow).isOk());

  // Readings a few milliseconds to a few weeks apart, mostly rising at a
  // meter's own pace, with drops, jumps, rollovers, repeats and late ones.
  std::map<std::string, std::pair<int64_t, double>> last;
  for (const auto& m : meters) last[m] = {kServerNow - 400LL * 86400000, 1000};
  const server::Writer writer{"device-1", {{kMunicipalityId, "field"}}, {}};
  int flagged = 0;
  for (int batch = 0; batch < 60; ++batch) {
    v1::PushRequest push;
    push.set_schema_version(1);
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      const std::string& meter = meters[rng() % meters.size()];
      auto& [at, value] = last[meter];
      const int64_t step =
          rng() % 4 == 0 ? 1 + static_cast<int64_t>(rng() % 5000) : static_cast<int64_t>(rng() % (20LL * 86400000));
      const int kind = static_cast<int>(rng() % 20);
      int64_t takenAt = std::min(at + step, kServerNow - 1000);
      double v = value + static_cast<double>(step) / 86400000.0 * (30 + static_cast<double>(rng() % 40));
      if (kind == 0) v = value - 10;           // lower than before
      if (kind == 1) v = value * 3 + 5000;     // a spike
      if (kind == 2) takenAt = at - 86400000;  // a late one
      if (kind == 3) v = value;                // a repeat
      v = std::round(v * 1000) / 1000;
      if (kind != 2) {
        at = takenAt;
        value = v;
      }
      v1::Change c;
      c.set_change_id(core::newUuidV7(clock));
      c.set_entity_id(core::newUuidV7(clock));
      c.set_hlc(core::makeHlc(clock.nowMs(), 0));
      auto* r = c.mutable_reading();
      r->set_id(c.entity_id());
      r->set_meter_id(meter);
      r->set_taken_at(takenAt);
      r->set_value(v);
      *push.add_changes() = c;
    }
    clock.advance(1000);
    auto onPg = server::applyPush(*stores[0], writer, push, clock.nowMs());
    auto onSqlite = server::applyPush(*stores[1], writer, push, clock.nowMs());
    ASSERT_TRUE(onPg.isOk() && onSqlite.isOk());
    ASSERT_EQ(onPg->results_size(), onSqlite->results_size());
    for (int i = 0; i < onPg->results_size(); ++i) {
      const auto& a = onPg->results(i);
      const auto& b = onSqlite->results(i);
      SCOPED_TRACE("batch " + std::to_string(batch) + " change " + std::to_string(i));
      EXPECT_EQ(a.outcome(), b.outcome());
      EXPECT_EQ(a.reason_code(), b.reason_code());
      EXPECT_EQ(a.canonical_entity_id(), b.canonical_entity_id());
      ASSERT_EQ(std::vector<std::string>(a.flags().begin(), a.flags().end()),
                std::vector<std::string>(b.flags().begin(), b.flags().end()));
      if (a.flags_size() > 0) ++flagged;
    }
  }
  EXPECT_GT(flagged, 10);  // the input did exercise the flags
}
