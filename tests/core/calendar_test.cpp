// Local months and days in Europe/Warsaw, HDD weighting, and the property that
// calendarised months sum to the total (docs/CALCULATIONS.md §1.2).
#include "secap/core/calendar.h"

#include <gtest/gtest.h>

#include <random>

#include "secap/core/consumption.h"

using namespace secap::core;

namespace {
constexpr int64_t kHourMs = 3600000;

Calendar warsaw() {
  auto c = Calendar::forZone("Europe/Warsaw");
  EXPECT_TRUE(c.isOk()) << c.status().toString();
  return *c;
}
}  // namespace

TEST(Calendar, LocalMidnightsFollowCetAndCest) {
  const Calendar cal = warsaw();
  // 2025-03-15 00:00 CET (UTC+1) = 2025-03-14T23:00Z; 2025-04-15 00:00 CEST (UTC+2) = 2025-04-14T22:00Z.
  EXPECT_EQ(cal.dayStartMs({2025, 3, 15}), Calendar{}.dayStartMs({2025, 3, 15}) - 1 * kHourMs);
  EXPECT_EQ(cal.dayStartMs({2025, 4, 15}), Calendar{}.dayStartMs({2025, 4, 15}) - 2 * kHourMs);
  // 30 March 2025 has 23 hours in Warsaw.
  EXPECT_EQ(cal.dayStartMs({2025, 3, 31}) - cal.dayStartMs({2025, 3, 30}), 23 * kHourMs);
  // 2025-03-31T22:30Z is already 1 April in Warsaw, still March in UTC.
  const int64_t t = Calendar{}.dayStartMs({2025, 3, 31}) + 22 * kHourMs + 30 * 60000;
  EXPECT_EQ(cal.monthOf(t), (YearMonth{2025, 4}));
  EXPECT_EQ(Calendar{}.monthOf(t), (YearMonth{2025, 3}));
}

TEST(Calendar, UnknownZoneIsAnError) {
  EXPECT_FALSE(Calendar::forZone("Europe/Atlantis").isOk());
  EXPECT_TRUE(Calendar::forZone("").isOk());
}

TEST(Calendar, MonthEndSplitInWarsawAcrossTheSpringDstChange) {
  // Reading 1: 15 Mar 2025 00:00 local; reading 2: 15 Apr 2025 00:00 local; 743 kWh between.
  // Elapsed: 31 days − 1 hour (the DST change on 30 March) = 743 h, so 1 kWh per hour.
  // March: 15..31 March = 17 days = 408 h − 1 h = 407 h -> 407 kWh. April: 14 days = 336 h -> 336 kWh.
  const Calendar cal = warsaw();
  const std::vector<ConsumptionInterval> iv{{cal.dayStartMs({2025, 3, 15}), cal.dayStartMs({2025, 4, 15}), 743}};
  const auto months = calendariseMonthly(iv, cal);
  ASSERT_EQ(months.size(), 2u);
  EXPECT_NEAR(months.at({2025, 3}), 407, 1e-9);
  EXPECT_NEAR(months.at({2025, 4}), 336, 1e-9);
  // The UTC calendar would give March 17 days + 1 h = 409 h: the zone matters.
  EXPECT_NEAR(calendariseMonthly(iv, Calendar{}).at({2025, 3}), 409, 1e-9);
}

TEST(Calendar, MonthEndSplitInWarsawAcrossTheAutumnDstChange) {
  // 15 Oct 2025 00:00 CEST to 15 Nov 2025 00:00 CET: 31 days + 1 h = 745 h, 745 kWh.
  // October: 17 days + 1 h (26 Oct has 25 h) = 409 h; November: 14 days = 336 h.
  const Calendar cal = warsaw();
  const auto months = calendariseMonthly({{cal.dayStartMs({2025, 10, 15}), cal.dayStartMs({2025, 11, 15}), 745}}, cal);
  EXPECT_NEAR(months.at({2025, 10}), 409, 1e-9);
  EXPECT_NEAR(months.at({2025, 11}), 336, 1e-9);
}

TEST(Calendar, HeatingUseIsSpreadByDegreeDays) {
  // 1 Mar to 1 May, 920 kWh of gas. HDD: March 310, April 150 (spread evenly by day).
  // March = 920 × 310 / 460 = 620 kWh; April = 920 × 150 / 460 = 300 kWh.
  const Calendar cal = warsaw();
  DegreeDays hdd;
  hdd.setMonth({2025, 3}, 310);
  hdd.setMonth({2025, 4}, 150);
  const auto months =
      calendariseMonthly({{cal.dayStartMs({2025, 3, 1}), cal.dayStartMs({2025, 5, 1}), 920}}, cal, &hdd);
  EXPECT_NEAR(months.at({2025, 3}), 620, 1e-9);
  EXPECT_NEAR(months.at({2025, 4}), 300, 1e-9);
  EXPECT_NEAR(hdd.over(cal.dayStartMs({2025, 3, 1}), cal.dayStartMs({2025, 5, 1}), cal), 460, 1e-9);
}

TEST(Calendar, AnIntervalWithUnknownHddIsSpreadByTime) {
  const Calendar cal = warsaw();
  DegreeDays hdd;
  hdd.setMonth({2025, 3}, 310);  // April unknown
  const auto months =
      calendariseMonthly({{cal.dayStartMs({2025, 4, 1}), cal.dayStartMs({2025, 4, 11}), 100}}, cal, &hdd);
  EXPECT_NEAR(months.at({2025, 4}), 100, 1e-9);
}

TEST(Calendar, EurostatHeatingDegreeDays) {
  // 18 − Tm when Tm ≤ 15 °C, else 0.
  EXPECT_DOUBLE_EQ(eurostatHdd(10), 8);
  EXPECT_DOUBLE_EQ(eurostatHdd(15), 3);
  EXPECT_DOUBLE_EQ(eurostatHdd(15.1), 0);
  EXPECT_DOUBLE_EQ(eurostatHdd(-5), 23);
}

TEST(CalendarProperty, CalendarisedMonthsSumToTheTotal) {
  std::mt19937_64 rng(42);
  const Calendar cal = warsaw();
  DegreeDays hdd;
  std::uniform_real_distribution<double> hddDist(0, 25);
  for (int y = 2019; y <= 2026; ++y)
    for (unsigned m = 1; m <= 12; ++m) hdd.setMonth({y, m}, m >= 5 && m <= 9 ? 0 : hddDist(rng) * 30);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<ConsumptionInterval> iv;
    int64_t t = cal.dayStartMs({2020, 1, 1}) + static_cast<int64_t>(rng() % 1000) * 60000;
    double total = 0;
    for (int i = 0; i < 60; ++i) {
      const int64_t next = t + static_cast<int64_t>(1 + rng() % (90LL * 86400)) * 1000;
      const double kwh = std::uniform_real_distribution<double>(0, 5000)(rng);
      iv.push_back({t, next, kwh});
      total += kwh;
      t = next;
    }
    for (const DegreeDays* w : std::initializer_list<const DegreeDays*>{nullptr, &hdd}) {
      double sum = 0;
      for (const auto& [ym, kwh] : calendariseMonthly(iv, cal, w)) sum += kwh;
      EXPECT_NEAR(sum, total, 1e-9 * total);
      double years = 0;
      for (const auto& [y, kwh] : kwhByYear(iv, cal)) years += kwh;
      EXPECT_NEAR(years, total, 1e-9 * total);
    }
  }
}

TEST(CalendarProperty, ScalingTheUsageScalesEveryMonth) {
  const Calendar cal = warsaw();
  const std::vector<ConsumptionInterval> iv{{cal.dayStartMs({2025, 1, 10}), cal.dayStartMs({2025, 4, 3}), 1234.5}};
  const std::vector<ConsumptionInterval> scaled{{iv[0].startMs, iv[0].endMs, 1234.5 * 3.6}};
  const auto a = calendariseMonthly(iv, cal);
  const auto b = calendariseMonthly(scaled, cal);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [ym, kwh] : a) EXPECT_NEAR(b.at(ym), kwh * 3.6, 1e-9);
}

TEST(CalendarProperty, FastLocalMidnightsEqualTheExactOnes) {
  // Zones with DST at midnight (Santiago, Havana), half-hour DST (Lord Howe) and Warsaw.
  for (const char* zone : {"Europe/Warsaw", "America/Santiago", "America/Havana", "Australia/Lord_Howe", "UTC"}) {
    const Calendar cal = *Calendar::forZone(zone);
    const int first = LocalDate{1990, 1, 1}.dayNumber();
    const int count = LocalDate{2040, 1, 1}.dayNumber() - first;
    std::vector<int64_t> fast;
    cal.localMidnights(first, count, fast);
    for (int i = 0; i < count; ++i)
      ASSERT_EQ(fast[static_cast<size_t>(i)], cal.dayStartMs(LocalDate::fromDayNumber(first + i)))
          << zone << " " << LocalDate::fromDayNumber(first + i).toString();
  }
}
