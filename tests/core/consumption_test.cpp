#include "secap/core/consumption.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace secap::core;
using secap::v1::Meter;
using secap::v1::Reading;

namespace {

int64_t utcMs(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return duration_cast<milliseconds>(sys_days(year{y} / month{m} / day{d}).time_since_epoch()).count();
}

Reading at(int64_t ms, double v) {
  Reading r;
  r.set_taken_at(ms);
  r.set_value(v);
  r.set_kind(secap::v1::READING_KIND_ACTUAL);
  return r;
}

Meter electricity(int digits = 6, double multiplier = 1) {
  Meter m;
  m.set_carrier(secap::v1::CARRIER_ELECTRICITY);
  m.set_unit(secap::v1::UNIT_KWH);
  m.set_kind(secap::v1::METER_KIND_CUMULATIVE);
  m.set_register_digits(digits);
  m.set_multiplier(multiplier);
  return m;
}

}  // namespace

TEST(Consumption, DifferenceOfRegistersTimesMultiplier) {
  auto iv = consumptionIntervals(electricity(6, 40), {at(utcMs(2025, 1, 1), 100), at(utcMs(2025, 2, 1), 150)});
  ASSERT_EQ(iv.size(), 1u);
  EXPECT_DOUBLE_EQ(iv[0].kwh, 50 * 40);
}

TEST(Consumption, RolloverOfAFiveDigitRegister) {
  // 99 950 -> 00 030 on a 5-digit register: 10^5 - 99 950 + 30 = 80 units.
  auto iv = consumptionIntervals(electricity(5), {at(utcMs(2025, 1, 1), 99950), at(utcMs(2025, 2, 1), 30)});
  ASSERT_EQ(iv.size(), 1u);
  EXPECT_DOUBLE_EQ(iv[0].kwh, 80);
  EXPECT_TRUE(iv[0].rollover);
}

TEST(Consumption, UnsortedReadingsAreOrderedByTime) {
  auto iv = consumptionIntervals(electricity(),
                                 {at(utcMs(2025, 3, 1), 300), at(utcMs(2025, 1, 1), 100), at(utcMs(2025, 2, 1), 180)});
  ASSERT_EQ(iv.size(), 2u);
  EXPECT_DOUBLE_EQ(iv[0].kwh, 80);
  EXPECT_DOUBLE_EQ(iv[1].kwh, 120);
}

TEST(Consumption, GigajoulesAndCubicMetresConvertToKwh) {
  Meter heat;
  heat.set_carrier(secap::v1::CARRIER_DISTRICT_HEAT);
  heat.set_unit(secap::v1::UNIT_GJ);
  heat.set_kind(secap::v1::METER_KIND_CUMULATIVE);
  EXPECT_NEAR(kwhPerUnit(heat), 277.7778, 1e-4);
  Meter gas;
  gas.set_carrier(secap::v1::CARRIER_NATURAL_GAS);
  gas.set_unit(secap::v1::UNIT_M3);
  gas.set_calorific_value_kwh_per_unit(10.55);
  EXPECT_DOUBLE_EQ(kwhPerUnit(gas), 10.55);
  Meter water;
  water.set_carrier(secap::v1::CARRIER_WATER);
  water.set_unit(secap::v1::UNIT_M3);
  EXPECT_EQ(kwhPerUnit(water), 0);
}

TEST(Consumption, AnIntervalAcrossNewYearIsSplitByTime) {
  // 10 days, 4 in 2024 and 6 in 2025: 1000 kWh -> 400 + 600.
  auto years = kwhByYear({{utcMs(2024, 12, 28), utcMs(2025, 1, 7), 1000, false}});
  ASSERT_EQ(years.size(), 2u);
  EXPECT_NEAR(years[2024], 400, 1e-9);
  EXPECT_NEAR(years[2025], 600, 1e-9);
}

TEST(Consumption, PeriodReadingsCoverTheirOwnPeriod) {
  Meter m = electricity();
  m.set_kind(secap::v1::METER_KIND_PERIOD);
  Reading invoice = at(utcMs(2025, 2, 1), 500);
  invoice.set_period_start(utcMs(2025, 1, 1));
  auto iv = consumptionIntervals(m, {invoice});
  ASSERT_EQ(iv.size(), 1u);
  EXPECT_EQ(iv[0].startMs, utcMs(2025, 1, 1));
  EXPECT_DOUBLE_EQ(iv[0].kwh, 500);
}

TEST(Consumption, YearTotalsSumToTheIntervalTotal) {
  std::vector<Reading> readings;
  double value = 0;
  for (int i = 0; i < 40; ++i) {
    readings.push_back(at(utcMs(2023, 1, 1) + static_cast<int64_t>(i) * 31 * 86400000LL, value));
    value += 100 + i;
  }
  const auto iv = consumptionIntervals(electricity(8), readings);
  double total = 0;
  for (const auto& [y, kwh] : kwhByYear(iv)) total += kwh;
  EXPECT_NEAR(total, value - (100 + 39), 1e-6);
}

TEST(Summary, CountsReadingsAndKwhPerMeterAndYear) {
  secap::v1::Municipality mu;
  mu.set_id("m");
  mu.set_name("Żyraków");
  secap::v1::Site site;
  site.set_id("s");
  site.set_name("Urząd Gminy");
  Meter meter = electricity();
  meter.set_id("e");
  meter.set_site_id("s");
  auto summary =
      summarizeMunicipality(mu, {site}, {meter}, {{"e", {at(utcMs(2025, 1, 1), 0), at(utcMs(2025, 7, 1), 500)}}});
  EXPECT_EQ(summary.name(), "Żyraków");
  ASSERT_EQ(summary.meters_size(), 1);
  EXPECT_EQ(summary.meters(0).site_name(), "Urząd Gminy");
  EXPECT_EQ(summary.meters(0).reading_count(), 2);
  ASSERT_EQ(summary.meters(0).years_size(), 1);
  EXPECT_EQ(summary.meters(0).years(0).year(), 2025);
  EXPECT_DOUBLE_EQ(summary.meters(0).years(0).kwh(), 500);
}

TEST(Summary, AFlaggedReadingCountsOnlyOnceAReviewConfirmsIt) {
  secap::v1::Municipality mu;
  mu.set_id("m");
  mu.set_time_zone("Europe/Warsaw");
  Meter meter = electricity(8);
  meter.set_id("e");
  auto flagged = at(utcMs(2025, 3, 1), 90500);  // a spike: 90 000 kWh in a month
  flagged.set_id("r3");
  flagged.add_quality_flags("reading.spike");
  const std::map<std::string, std::vector<Reading>> readings{
      {"e", {at(utcMs(2025, 1, 1), 0), at(utcMs(2025, 2, 1), 500), flagged}}};
  auto total = [&](const std::vector<secap::v1::ReadingReview>& reviews) {
    const auto summary = summarizeMunicipality(mu, {}, {meter}, readings, reviews);
    double kwh = 0;
    for (const auto& y : summary.meters(0).years()) kwh += y.kwh();
    return kwh;
  };
  EXPECT_NEAR(total({}), 500, 1e-9);  // waiting for review: left out
  secap::v1::ReadingReview review;
  review.set_reading_id("r3");
  review.set_decision(secap::v1::REVIEW_DECISION_CONFIRMED);
  EXPECT_NEAR(total({review}), 90500, 1e-9);
  review.set_decision(secap::v1::REVIEW_DECISION_ERRONEOUS);
  EXPECT_NEAR(total({review}), 500, 1e-9);  // never used
}
