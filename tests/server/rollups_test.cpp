// The meters' monthly rollups kept at ingest (rollups.h), on SQLite and
// PostgreSQL: after a randomised run of in-order and late readings,
// corrections, reviews, content duplicates, meter changes, new degree days
// and a new time zone, the rollups equal a rollup of every stored reading
// computed from scratch, and `admin rebuild-rollups` gives the same rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "fixtures.h"
#include "ingest.h"
#include "rollups.h"
#include "secap/core/ids.h"
#include "secap/core/progress.h"
#include "server.h"
#include "test_backend.h"

namespace secap::server {
namespace {

namespace v1 = secap::v1;
using core::EntityType;

constexpr int64_t kNow = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr const char* kM = "0190a000-0000-7000-8000-000000000001";
constexpr int64_t kDay = 86400000;

struct MeterSpec {
  std::string id;
  v1::Carrier carrier;
  v1::Unit unit;
  v1::MeterKind kind;
  double multiplier;
  double calorific;
};

class RollupsTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    dir = secap::testing::freshDir("rollups_" + std::to_string(GetParam()));
    auto opened = openStore(dir, database.url());
    ASSERT_TRUE(opened.isOk()) << opened.status().toString();
    store = std::move(*opened);
    v1::Change m = change(kM);
    m.mutable_municipality()->set_id(kM);
    m.mutable_municipality()->set_name("Besko");
    m.mutable_municipality()->set_time_zone("Europe/Warsaw");
    v1::Change site = change();
    site.mutable_site()->set_id(site.entity_id());
    site.mutable_site()->set_municipality_id(kM);
    site.mutable_site()->set_name("Szkoła");
    siteId = site.entity_id();
    std::vector<v1::Change> seed{m, site};
    meters = {
        {core::newUuidV7(), v1::CARRIER_ELECTRICITY, v1::UNIT_KWH, v1::METER_KIND_CUMULATIVE, 1, 0},
        {core::newUuidV7(), v1::CARRIER_NATURAL_GAS, v1::UNIT_M3, v1::METER_KIND_CUMULATIVE, 1, 11.2},
        {core::newUuidV7(), v1::CARRIER_ELECTRICITY, v1::UNIT_KWH, v1::METER_KIND_CUMULATIVE, 40, 0},
        {core::newUuidV7(), v1::CARRIER_DISTRICT_HEAT, v1::UNIT_MWH, v1::METER_KIND_PERIOD, 1, 0},
    };
    for (const auto& spec : meters) seed.push_back(meterChange(spec));
    push(seed);
  }

  v1::Change change(const std::string& id = "") {
    v1::Change c;
    c.set_change_id(core::newUuidV7());
    c.set_entity_id(id.empty() ? core::newUuidV7() : id);
    c.set_hlc(core::makeHlc(kNow - 1000000 + (++stamp), 0));
    return c;
  }
  v1::Change meterChange(const MeterSpec& spec) {
    v1::Change c = change(spec.id);
    auto* m = c.mutable_meter();
    m->set_id(spec.id);
    m->set_site_id(siteId);
    m->set_carrier(spec.carrier);
    m->set_unit(spec.unit);
    m->set_kind(spec.kind);
    m->set_register_digits(spec.kind == v1::METER_KIND_CUMULATIVE ? 7 : 0);
    m->set_multiplier(spec.multiplier);
    m->set_calorific_value_kwh_per_unit(spec.calorific);
    return c;
  }
  // Pushes as the server; returns the ids of the records stored (a content
  // duplicate is not).
  std::set<std::string> push(const std::vector<v1::Change>& changes) {
    v1::PushRequest req;
    for (const auto& c : changes) *req.add_changes() = c;
    auto resp = applyPush(*store, serverWriter(), req, kNow);
    EXPECT_TRUE(resp.isOk()) << resp.status().toString();
    std::set<std::string> stored;
    if (!resp.isOk()) return stored;
    for (int i = 0; i < resp->results_size(); ++i) {
      const auto& r = resp->results(i);
      EXPECT_NE(r.outcome(), v1::REJECTED) << r.reason_code() << " " << r.message();
      if (r.outcome() == v1::ACCEPTED) stored.insert(changes[static_cast<size_t>(i)].entity_id());
    }
    return stored;
  }

  // Every meter's rollup computed from the stored records alone.
  std::map<std::string, core::MonthlyUse> fromScratch() {
    std::map<std::string, core::MonthlyUse> out;
    auto municipality = store->entitiesOf(EntityType::kMunicipality, kM).value();
    auto days = store->entitiesOf(EntityType::kDegreeDays, kM).value();
    std::vector<v1::DegreeDays> dd;
    for (const auto& d : days) dd.push_back(d.entity.degree_days());
    const core::DegreeDays hdd = core::degreeDaysOf(dd, kM);
    const core::Calendar cal = core::calendarOf(municipality.front().entity.municipality());
    std::vector<v1::ReadingReview> reviews;
    const auto storedReviews = store->entitiesOf(EntityType::kReadingReview, kM).value();
    for (const auto& r : storedReviews) reviews.push_back(r.entity.reading_review());
    const auto index = core::reviewIndexFromProto(reviews);
    std::vector<core::ReadingRecord> records;
    const auto storedReadings = store->entitiesOf(EntityType::kReading, kM).value();
    for (const auto& r : storedReadings) records.push_back(core::readingFromProto(r.entity.reading(), &index));
    const auto storedMeters = store->entitiesOf(EntityType::kMeter, kM).value();
    for (const auto& m : storedMeters) {
      auto rollup = core::rollUpMeter(core::meterConfigFromProto(m.entity.meter()), records, cal, &hdd);
      if (!rollup.months.empty()) out[m.id] = rollup.months;
    }
    return out;
  }


 public:
  static void expectSame(const std::map<std::string, core::MonthlyUse>& got,
                         const std::map<std::string, core::MonthlyUse>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (const auto& [meter, months] : want) {
      ASSERT_TRUE(got.count(meter)) << meter;
      const auto& g = got.at(meter);
      ASSERT_EQ(g.size(), months.size()) << meter;
      for (const auto& [month, use] : months) {
        ASSERT_TRUE(g.count(month)) << meter << " " << month.year << "-" << month.month;
        EXPECT_NEAR(g.at(month).kwh, use.kwh, 1e-6 * std::max(1.0, std::abs(use.kwh)))
            << meter << " " << month.year << "-" << month.month;
        EXPECT_EQ(g.at(month).readings, use.readings) << meter << " " << month.year << "-" << month.month;
      }
    }
  }

  secap::testing::TestDatabase database;
  std::string dir;
  std::unique_ptr<Store> store;
  std::string siteId;
  std::vector<MeterSpec> meters;
  int stamp = 0;
};

TEST_P(RollupsTest, IncrementalRollupsEqualARebuildAfterARandomisedRun) {
  std::mt19937 rng(GetParam());
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  struct Stored {
    std::string id;
    std::string meterId;
    int64_t at;
    double value;
  };
  std::vector<Stored> readings;
  std::map<std::string, double> registerOf;
  std::map<std::string, int64_t> lastAt;
  const int64_t start = kNow - 500 * kDay;
  for (const auto& m : meters) {
    registerOf[m.id] = 1000;
    lastAt[m.id] = start;
  }
  auto reading = [&](const MeterSpec& m, int64_t at, double value, const std::string& supersedes = "") {
    v1::Change c = change();
    auto* r = c.mutable_reading();
    r->set_id(c.entity_id());
    r->set_meter_id(m.id);
    r->set_taken_at(at);
    r->set_value(value);
    r->set_kind(m.kind == v1::METER_KIND_PERIOD ? v1::READING_KIND_INVOICE : v1::READING_KIND_ACTUAL);
    if (m.kind == v1::METER_KIND_PERIOD) r->set_period_start(at - 30 * kDay);
    r->set_supersedes_id(supersedes);
    readings.push_back({c.entity_id(), m.id, at, value});
    return c;
  };

  for (int round = 0; round < 40; ++round) {
    std::vector<v1::Change> batch;
    const int ops = 1 + pick(6);
    for (int op = 0; op < ops; ++op) {
      const MeterSpec& m = meters[static_cast<size_t>(pick(static_cast<int>(meters.size())))];
      const int what = pick(20);
      if (what < 11) {  // in order, sometimes an odd one (a drop: flagged)
        lastAt[m.id] += (3 + pick(40)) * kDay + pick(3600) * 1000;
        if (lastAt[m.id] > kNow - kDay) continue;
        double value = m.kind == v1::METER_KIND_PERIOD ? 5 + pick(50) : (registerOf[m.id] += 50 + pick(900));
        if (what == 0 && m.kind == v1::METER_KIND_CUMULATIVE) value = registerOf[m.id] * 0.5;
        batch.push_back(reading(m, lastAt[m.id], value));
      } else if (what < 13 && !readings.empty()) {  // a late reading between two stored ones
        const Stored& s = readings[static_cast<size_t>(pick(static_cast<int>(readings.size())))];
        const MeterSpec& sm = *std::find_if(meters.begin(), meters.end(), [&](auto& x) { return x.id == s.meterId; });
        batch.push_back(reading(sm, s.at - kDay / 2, s.value - (sm.kind == v1::METER_KIND_PERIOD ? 0 : 1)));
      } else if (what < 15 && !readings.empty()) {  // a correction
        const Stored s = readings[static_cast<size_t>(pick(static_cast<int>(readings.size())))];
        const MeterSpec& sm = *std::find_if(meters.begin(), meters.end(), [&](auto& x) { return x.id == s.meterId; });
        batch.push_back(reading(sm, s.at, s.value + (sm.kind == v1::METER_KIND_PERIOD ? 1 : 0.5), s.id));
      } else if (what < 17 && !readings.empty()) {  // a coordinator's review
        const Stored& s = readings[static_cast<size_t>(pick(static_cast<int>(readings.size())))];
        v1::Change c = change();
        auto* r = c.mutable_reading_review();
        r->set_id(c.entity_id());
        r->set_reading_id(s.id);
        r->set_decision(pick(2) ? v1::REVIEW_DECISION_CONFIRMED : v1::REVIEW_DECISION_ERRONEOUS);
        r->set_reviewed_at(kNow - 1000 + round);
        batch.push_back(c);
      } else if (what == 17 && !readings.empty()) {  // the same content again: a duplicate
        const Stored& s = readings[static_cast<size_t>(pick(static_cast<int>(readings.size())))];
        v1::Change c = change();
        auto* r = c.mutable_reading();
        r->set_id(c.entity_id());
        r->set_meter_id(s.meterId);
        r->set_taken_at(s.at);
        r->set_value(s.value);
        batch.push_back(c);
      } else if (what == 18) {  // degree days of a month
        v1::Change c = change();
        auto* d = c.mutable_degree_days();
        d->set_id(c.entity_id());
        d->set_municipality_id(kM);
        d->set_year(2025);
        d->set_month(1 + pick(12));
        d->set_hdd(100 + pick(400));
        batch.push_back(c);
      } else {  // a new multiplier, or a new time zone
        if (pick(4) == 0) {
          v1::Change c = change(kM);
          c.add_fields("time_zone");
          c.mutable_municipality()->set_id(kM);
          c.mutable_municipality()->set_time_zone(pick(2) ? "UTC" : "Europe/Warsaw");
          batch.push_back(c);
        } else {
          v1::Change c = change(m.id);
          c.add_fields("multiplier");
          c.mutable_meter()->set_id(m.id);
          c.mutable_meter()->set_multiplier(1 + pick(3));
          batch.push_back(c);
        }
      }
    }
    if (!batch.empty()) {
      const auto stored = push(batch);
      // A reading that turned out a content duplicate is not there to review or correct.
      std::erase_if(readings, [&](const Stored& r) {
        return std::any_of(batch.begin(), batch.end(), [&](const v1::Change& c) { return c.entity_id() == r.id; }) &&
               !stored.count(r.id);
      });
    }
    if (HasFailure()) return;
  }
  auto incremental = store->meterRollups(kM);
  ASSERT_TRUE(incremental.isOk()) << incremental.status().toString();
  ASSERT_FALSE(incremental->empty());
  expectSame(*incremental, fromScratch());

  auto rebuilt = rebuildRollups(*store);
  ASSERT_TRUE(rebuilt.isOk()) << rebuilt.status().toString();
  EXPECT_EQ(*rebuilt, 4);
  expectSame(store->meterRollups(kM).value(), *incremental);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RollupsTest, ::testing::Values(1u, 2u, 3u, 4u, 5u));

// A store from before rollups (here: its rollups dropped and its "built"
// mark taken away) gets them at its next open, from its readings.
TEST(RollupsUpgrade, AStoreWithoutRollupsGetsThemAtItsNextOpen) {
  const auto dir = secap::testing::freshDir("rollups_upgrade");
  secap::testing::TestDatabase database;
  std::map<std::string, core::MonthlyUse> before;
  {
    auto store = openStore(dir, database.url());
    ASSERT_TRUE(store.isOk()) << store.status().toString();
    v1::PushRequest req;
    const auto page = secap::testing::basePage(kNow);
    for (auto c : page.changes()) {
      c.clear_server_seq();
      *req.add_changes() = c;
    }
    for (int i = 0; i < 5; ++i) {
      v1::Change c;
      c.set_change_id(core::newUuidV7());
      c.set_entity_id(core::newUuidV7());
      c.set_hlc(core::makeHlc(kNow - 1000 + i, 0));
      auto* r = c.mutable_reading();
      r->set_id(c.entity_id());
      r->set_meter_id(secap::testing::kMeterId);
      r->set_taken_at(kNow - (5 - i) * 31 * kDay);
      r->set_value(1000 + 300 * i);
      *req.add_changes() = c;
    }
    ASSERT_TRUE(applyPush(**store, serverWriter(), req, kNow).isOk());
    before = (*store)->meterRollups(secap::testing::kMunicipalityId).value();
    ASSERT_FALSE(before.empty());
    auto tx = (*store)->beginWrite(WriteScope::all());
    ASSERT_TRUE(tx.isOk());
    ASSERT_TRUE((*tx)->clearRollups(secap::testing::kMunicipalityId).isOk());
    ASSERT_TRUE((*tx)->setMeta("rollups_built", 0).isOk());
    ASSERT_TRUE((*tx)->commit().isOk());
    ASSERT_TRUE((*store)->meterRollups(secap::testing::kMunicipalityId).value().empty());
  }
  auto store = openStore(dir, database.url());
  ASSERT_TRUE(store.isOk()) << store.status().toString();
  RollupsTest::expectSame((*store)->meterRollups(secap::testing::kMunicipalityId).value(), before);
}

}  // namespace
}  // namespace secap::server
