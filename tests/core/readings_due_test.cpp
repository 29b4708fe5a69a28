#include "secap/core/readings_due.h"

#include <gtest/gtest.h>

#include <map>

namespace secap::core {
namespace {

namespace v1 = secap::v1;

// 2026-12-06T08:00Z; December in Warsaw began at 2026-11-30T23:00Z.
constexpr int64_t kNow = 1796544000000;
constexpr int64_t kDecemberWarsaw = 1796079600000;
constexpr int64_t kDay = 86400000;

v1::Site site(const std::string& id, const std::string& name, std::optional<std::pair<double, double>> at = {}) {
  v1::Site s;
  s.set_id(id);
  s.set_name(name);
  if (at) {
    s.set_lat(at->first);
    s.set_lon(at->second);
  }
  return s;
}

v1::Meter meter(const std::string& id, const std::string& siteId, v1::Carrier carrier = v1::CARRIER_ELECTRICITY) {
  v1::Meter m;
  m.set_id(id);
  m.set_site_id(siteId);
  m.set_serial(id);
  m.set_carrier(carrier);
  m.set_kind(v1::METER_KIND_CUMULATIVE);
  return m;
}

Calendar warsaw() { return Calendar::forZone("Europe/Warsaw").value(); }

TEST(ReadingsDue, ThePeriodIsTheLocalCalendarMonth) {
  EXPECT_EQ(periodStartMs(warsaw(), kNow), kDecemberWarsaw);
  // Just after midnight on 1 December in Warsaw is still November in UTC.
  EXPECT_EQ(periodStartMs(warsaw(), kDecemberWarsaw + 60000), kDecemberWarsaw);
  EXPECT_LT(periodStartMs(warsaw(), kDecemberWarsaw - 60000), kDecemberWarsaw);
}

TEST(ReadingsDue, MetersNotReadThisMonthAreDueAndTheRestAreNot) {
  std::vector<v1::Site> sites{site("s1", "Szkoła"), site("s2", "Urząd")};
  sites.push_back(site("s3", "Stara kotłownia"));
  sites.back().set_archived(true);
  std::vector<v1::Meter> meters{meter("read-november", "s1"), meter("read-december", "s1", v1::CARRIER_NATURAL_GAS),
                                meter("never-read", "s2"),    meter("removed", "s2"),
                                meter("invoiced", "s2"),      meter("archived-site", "s3")};
  meters[3].set_removed_at(kNow - 30 * kDay);
  meters[4].set_kind(v1::METER_KIND_PERIOD);
  std::map<std::string, int64_t> lastAt{{"read-november", kDecemberWarsaw - 60000},
                                        {"read-december", kDecemberWarsaw + 60000},
                                        {"removed", kNow - 90 * kDay},
                                        {"invoiced", kNow - 90 * kDay},
                                        {"archived-site", kNow - 90 * kDay}};
  auto last = [&](const std::string& id) -> std::optional<v1::Reading> {
    auto it = lastAt.find(id);
    if (it == lastAt.end()) return std::nullopt;
    v1::Reading r;
    r.set_meter_id(id);
    r.set_taken_at(it->second);
    return r;
  };
  const auto due = readingsDue(sites, meters, last, warsaw(), kNow);
  ASSERT_EQ(due.size(), 2u);
  std::vector<std::string> ids;
  for (const auto& s : due)
    for (const auto& m : s.meters) ids.push_back(m.meter.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"read-november", "never-read"}));
  EXPECT_TRUE(due[0].meters[0].last.has_value());
  EXPECT_FALSE(due[1].meters[0].last.has_value());
}

TEST(ReadingsDue, TheRoundGoesToTheNearestSiteNextAndUnplacedSitesLast) {
  // On one meridian: Alpha at 50.00, Charlie at 50.02, Bravo at 50.01.
  std::vector<v1::Site> sites{site("c", "Charlie", {{50.02, 20.0}}), site("x", "Xray"),
                              site("b", "Bravo", {{50.01, 20.0}}), site("a", "Alpha", {{50.00, 20.0}}),
                              site("d", "Delta", {{49.90, 20.0}})};
  const auto order = routeOrder(sites);
  std::vector<std::string> names;
  for (size_t i : order) names.push_back(sites[i].name());
  EXPECT_EQ(names, (std::vector<std::string>{"Alpha", "Bravo", "Charlie", "Delta", "Xray"}));
}

}  // namespace
}  // namespace secap::core
