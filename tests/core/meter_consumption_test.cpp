// Register deltas on plain structs: multiplier, rollover, exchanges, the review
// rule, unit conversion (docs/CALCULATIONS.md §1).
#include <gtest/gtest.h>

#include "secap/core/consumption.h"

using namespace secap::core;

namespace {

int64_t day(int y, unsigned m, unsigned d) { return Calendar{}.dayStartMs({y, m, d}); }

ReadingRecord reading(std::string id, std::string meter, int64_t at, double v, ReadingKind kind = ReadingKind::kActual,
                      ReviewState review = ReviewState::kUnflagged) {
  ReadingRecord r;
  r.id = std::move(id);
  r.meterId = std::move(meter);
  r.takenAtMs = at;
  r.value = v;
  r.kind = kind;
  r.review = review;
  return r;
}

MeterConfig electricityMeter(std::string id, int digits, double multiplier) {
  MeterConfig m;
  m.id = std::move(id);
  m.carrier = Carrier::kElectricity;
  m.unit = Unit::kKwh;
  m.registerDigits = digits;
  m.multiplier = multiplier;
  return m;
}

}  // namespace

TEST(MeterConsumption, RolloverWithATransformerMultiplier) {
  // 5 digits, CT ratio 40: 99 950 -> 00 030 gives (10^5 − 99 950 + 30) × 40 = 80 × 40 = 3 200 kWh.
  const auto m = electricityMeter("e", 5, 40);
  const std::vector<ReadingRecord> rs{reading("1", "e", day(2025, 1, 1), 99950),
                                      reading("2", "e", day(2025, 2, 1), 30)};
  const auto c = meterConsumption(m, rs);
  ASSERT_EQ(c.intervals.size(), 1u);
  EXPECT_DOUBLE_EQ(c.intervals[0].kwh, 3200);
  EXPECT_TRUE(c.intervals[0].rollover);
}

// Found by the offline e2e test: two devices read one meter at the same
// millisecond, and the server and a device listed the pair in opposite
// orders, so their yearly totals differed.
TEST(MeterConsumption, TwoReadingsOfOneInstantGiveTheSameIntervalsInEitherOrder) {
  const auto m = electricityMeter("e", 0, 1);
  const std::vector<ReadingRecord> forward{
      reading("a", "e", day(2025, 1, 1), 100), reading("b", "e", day(2025, 2, 1), 150),
      reading("c", "e", day(2025, 2, 1), 170), reading("d", "e", day(2025, 3, 1), 200)};
  const std::vector<ReadingRecord> backward(forward.rbegin(), forward.rend());
  const auto x = meterConsumption(m, forward);
  const auto y = meterConsumption(m, backward);
  EXPECT_DOUBLE_EQ(x.totalKwh, y.totalKwh);
  ASSERT_EQ(x.intervals.size(), y.intervals.size());
  for (size_t i = 0; i < x.intervals.size(); ++i) EXPECT_DOUBLE_EQ(x.intervals[i].kwh, y.intervals[i].kwh);
}

TEST(MeterConsumption, AnImplausibleDropIsLeftOutNotTakenAsRollover) {
  // 12 345 -> 12 335 on 5 digits would be a 99 990-unit "rollover": left out; the next reading
  // 12 400 is counted from 12 345: 55 kWh.
  const auto m = electricityMeter("e", 5, 1);
  const std::vector<ReadingRecord> rs{reading("1", "e", day(2025, 1, 1), 12345),
                                      reading("2", "e", day(2025, 2, 1), 12335),
                                      reading("3", "e", day(2025, 3, 1), 12400)};
  const auto c = meterConsumption(m, rs);
  ASSERT_EQ(c.intervals.size(), 1u);
  EXPECT_DOUBLE_EQ(c.totalKwh, 55);
  ASSERT_EQ(c.excluded.size(), 1u);
  EXPECT_EQ(c.excluded[0].readingId, "2");
}

TEST(MeterConsumption, ExchangeBetweenTwoMeterRecords) {
  // Old meter: 12 000 on 1 Jan, final 12 500 on 1 Mar -> 500 kWh.
  // New meter (replaces it): start 0 on 1 Mar, 210 on 1 Apr -> 210 kWh. Site total 710 kWh.
  const auto oldMeter = electricityMeter("old", 6, 1);
  auto newMeter = electricityMeter("new", 6, 1);
  newMeter.replacesMeterId = "old";
  const std::vector<ReadingRecord> rs{reading("1", "old", day(2025, 1, 1), 12000),
                                      reading("2", "old", day(2025, 3, 1), 12500, ReadingKind::kExchangeFinal),
                                      reading("3", "new", day(2025, 3, 1), 0, ReadingKind::kExchangeStart),
                                      reading("4", "new", day(2025, 4, 1), 210)};
  const auto a = meterConsumption(oldMeter, rs);
  const auto b = meterConsumption(newMeter, rs);
  EXPECT_DOUBLE_EQ(a.totalKwh, 500);
  EXPECT_DOUBLE_EQ(b.totalKwh, 210);
  EXPECT_DOUBLE_EQ(a.totalKwh + b.totalKwh, 710);
}

TEST(MeterConsumption, ExchangeWithinOneMeterRecord) {
  // 12 000 -> final 12 500 (500), start 3 -> 213 (210): 710 kWh, and no interval 12 500 -> 3.
  const auto m = electricityMeter("e", 6, 1);
  const std::vector<ReadingRecord> rs{reading("1", "e", day(2025, 1, 1), 12000),
                                      reading("2", "e", day(2025, 3, 1), 12500, ReadingKind::kExchangeFinal),
                                      reading("3", "e", day(2025, 3, 1) + 3600000, 3, ReadingKind::kExchangeStart),
                                      reading("4", "e", day(2025, 4, 1), 213)};
  const auto c = meterConsumption(m, rs);
  ASSERT_EQ(c.intervals.size(), 2u);
  EXPECT_DOUBLE_EQ(c.totalKwh, 710);
  EXPECT_TRUE(c.excluded.empty());
}

TEST(MeterConsumption, FlaggedUnconfirmedReadingsAreLeftOut) {
  // 100 -> 150 (flagged, no decision) -> 300: one interval 100 -> 300 = 200 kWh.
  const auto m = electricityMeter("e", 6, 1);
  const std::vector<ReadingRecord> rs{
      reading("1", "e", day(2025, 1, 1), 100),
      reading("2", "e", day(2025, 2, 1), 150, ReadingKind::kActual, ReviewState::kFlaggedUnconfirmed),
      reading("3", "e", day(2025, 3, 1), 300)};
  const auto c = meterConsumption(m, rs);
  ASSERT_EQ(c.intervals.size(), 1u);
  EXPECT_EQ(c.intervals[0].startMs, day(2025, 1, 1));
  EXPECT_DOUBLE_EQ(c.totalKwh, 200);
  ASSERT_EQ(c.excluded.size(), 1u);
  EXPECT_EQ(c.excluded[0].reason, "flagged and not yet confirmed");
}

TEST(MeterConsumption, ConfirmedReadingsAreUsedAndErroneousNever) {
  const auto m = electricityMeter("e", 6, 1);
  std::vector<ReadingRecord> rs{reading("1", "e", day(2025, 1, 1), 100),
                                reading("2", "e", day(2025, 2, 1), 150, ReadingKind::kActual, ReviewState::kConfirmed),
                                reading("3", "e", day(2025, 3, 1), 9000, ReadingKind::kActual, ReviewState::kErroneous),
                                reading("4", "e", day(2025, 4, 1), 300)};
  const auto c = meterConsumption(m, rs);
  ASSERT_EQ(c.intervals.size(), 2u);  // 100 -> 150 -> 300
  EXPECT_DOUBLE_EQ(c.intervals[0].kwh, 50);
  EXPECT_DOUBLE_EQ(c.intervals[1].kwh, 150);
  // The latest decision wins: confirmed, then found erroneous.
  const std::vector<ReviewDecision> decisions{{"3", false, 10}, {"3", true, 20}};
  EXPECT_EQ(reviewStateOf(true, decisions), ReviewState::kErroneous);
  EXPECT_EQ(reviewStateOf(true, {}), ReviewState::kFlaggedUnconfirmed);
  EXPECT_EQ(reviewStateOf(false, {}), ReviewState::kUnflagged);
}

TEST(MeterConsumption, ACorrectionSupersedesTheReadingItNames) {
  const auto m = electricityMeter("e", 6, 1);
  auto fix = reading("2b", "e", day(2025, 2, 1), 150);
  fix.supersedesId = "2";
  const std::vector<ReadingRecord> rs{reading("1", "e", day(2025, 1, 1), 100), reading("2", "e", day(2025, 2, 1), 1500),
                                      fix};
  EXPECT_DOUBLE_EQ(meterConsumption(m, rs).totalKwh, 50);
}

TEST(MeterConsumption, GasCubicMetresUseTheMetersCalorificValue) {
  // 1 000 m3 at 11.2 kWh/m3 (gross) = 11 200 kWh gross.
  MeterConfig gas;
  gas.id = "g";
  gas.carrier = Carrier::kNaturalGas;
  gas.unit = Unit::kM3;
  gas.kwhPerUnit = 11.2;
  gas.basis = EnergyBasis::kGross;
  const std::vector<ReadingRecord> rs{reading("1", "g", day(2025, 1, 1), 5000),
                                      reading("2", "g", day(2025, 2, 1), 6000)};
  EXPECT_NEAR(meterConsumption(gas, rs).totalKwh, 11200, 1e-9);
  gas.kwhPerUnit = 0;  // no calorific value and no table default for m3: nothing is guessed
  EXPECT_EQ(meterConsumption(gas, rs).totalKwh, 0);
}

TEST(MeterConsumptionProperty, ScalingTheMultiplierScalesEveryInterval) {
  auto a = electricityMeter("e", 6, 1);
  auto b = electricityMeter("e", 6, 7.5);
  std::vector<ReadingRecord> rs;
  for (int i = 0; i < 24; ++i)
    rs.push_back(reading(std::to_string(i), "e", day(2024, 1, 1) + i * 29LL * 86400000, (i * 37) % 999990));
  const auto ca = meterConsumption(a, rs);
  const auto cb = meterConsumption(b, rs);
  ASSERT_EQ(ca.intervals.size(), cb.intervals.size());
  for (size_t i = 0; i < ca.intervals.size(); ++i) EXPECT_NEAR(cb.intervals[i].kwh, 7.5 * ca.intervals[i].kwh, 1e-9);
}
