// The kiosk board's building card (kiosk_board.h): last month against the
// same month a year before, like for like, heat scaled by degree days.
#include "secap/core/kiosk_board.h"

#include <gtest/gtest.h>

using namespace secap::core;

namespace {

// Monthly register readings at local midnight of each 1st, from
// `firstMonth` on, with `kwhPerDay(month)` of use per day.
MeterSeries monthly(const std::string& id, Carrier carrier, Unit unit, const Calendar& cal, YearMonth firstMonth,
                    int months, double (*kwhPerDay)(YearMonth)) {
  MeterSeries m;
  m.config.id = id;
  m.config.carrier = carrier;
  m.config.unit = unit;
  double value = 1000;
  for (int i = 0; i <= months; ++i) {
    const YearMonth ym = YearMonth::fromIndex(firstMonth.index() + i);
    ReadingRecord r;
    r.id = id + "-" + std::to_string(i);
    r.meterId = id;
    r.takenAtMs = cal.monthStartMs(ym);
    r.value = value;
    m.readings.push_back(r);
    value += kwhPerDay(ym) * daysInMonth(ym);
  }
  return m;
}

Calendar warsaw() { return Calendar::forZone("Europe/Warsaw").value(); }

// "Now" in the middle of December 2026: the card shows November 2026.
int64_t midDecember(const Calendar& cal) { return cal.dayStartMs({2026, 12, 15}); }

}  // namespace

TEST(KioskBoard, LastMonthAgainstTheSameMonthLastYear) {
  const Calendar cal = warsaw();
  // 100 kWh a day until 2025, 90 a day since 2026.
  auto use = +[](YearMonth ym) { return ym.year >= 2026 ? 90.0 : 100.0; };
  const std::vector<MeterSeries> meters{monthly("e", Carrier::kElectricity, Unit::kKwh, cal, {2025, 10}, 14, use)};
  const auto c = compareMonth(meters, nullptr, cal, midDecember(cal));
  EXPECT_EQ(c.month, (YearMonth{2026, 11}));
  EXPECT_EQ(c.meters, 1);
  EXPECT_NEAR(c.kwh, 90.0 * 30, 1e-6);
  EXPECT_NEAR(c.lastYearKwh, 100.0 * 30, 1e-6);
  EXPECT_NEAR(c.referenceKwh, c.lastYearKwh, 1e-9);
  EXPECT_FALSE(c.normalised);
  ASSERT_TRUE(c.change);
  EXPECT_NEAR(*c.change, -0.10, 1e-9);
}

TEST(KioskBoard, HeatIsScaledToThisMonthsWeather) {
  const Calendar cal = warsaw();
  // Gas used in proportion to the degree days: a colder November last year
  // used more, but the building did not get better.
  DegreeDays hdd;
  for (int i = 0; i < 24; ++i) {
    const YearMonth ym = YearMonth::fromIndex(YearMonth{2025, 1}.index() + i);
    hdd.setMonth(ym, ym == YearMonth{2025, 11} ? 450.0 : 300.0);
  }
  auto gas = +[](YearMonth ym) { return (ym == YearMonth{2025, 11} ? 450.0 : 300.0) * 2.0 / daysInMonth(ym); };
  const std::vector<MeterSeries> meters{monthly("g", Carrier::kNaturalGas, Unit::kKwh, cal, {2025, 9}, 15, gas)};
  const auto c = compareMonth(meters, &hdd, cal, midDecember(cal));
  EXPECT_TRUE(c.normalised);
  EXPECT_NEAR(c.lastYearKwh, 900.0, 1e-6);
  EXPECT_NEAR(c.referenceKwh, 600.0, 1e-6);
  EXPECT_NEAR(c.kwh, 600.0, 1e-6);
  ASSERT_TRUE(c.change);
  EXPECT_NEAR(*c.change, 0.0, 1e-9) << "as measured it looks like a third less; normalised, nothing changed";
}

TEST(KioskBoard, OnlyMetersCoveringBothMonthsAndHoldingEnergyCount) {
  const Calendar cal = warsaw();
  auto flat = +[](YearMonth) { return 50.0; };
  const std::vector<MeterSeries> meters{monthly("old", Carrier::kElectricity, Unit::kKwh, cal, {2025, 1}, 23, flat),
                                        // Installed this spring: no November last year.
                                        monthly("new", Carrier::kElectricity, Unit::kKwh, cal, {2026, 4}, 8, flat),
                                        // Water has no energy.
                                        monthly("water", Carrier::kWater, Unit::kM3, cal, {2025, 1}, 23, flat)};
  const auto c = compareMonth(meters, nullptr, cal, midDecember(cal));
  EXPECT_EQ(c.meters, 1);
  EXPECT_NEAR(c.kwh, 50.0 * 30, 1e-6);
  EXPECT_NEAR(*c.change, 0.0, 1e-9);
}

TEST(KioskBoard, NothingToCompareSaysSo) {
  const Calendar cal = warsaw();
  const auto c = compareMonth({}, nullptr, cal, midDecember(cal));
  EXPECT_EQ(c.meters, 0);
  EXPECT_FALSE(c.change);
}
