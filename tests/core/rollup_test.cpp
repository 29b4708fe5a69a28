// Monthly rollups of one meter (rollup.h): what a month holds, that
// appending batch after batch gives what recomputing from all readings
// gives (randomised), when appending is not allowed, and the inventory lines
// made from the months.
#include "secap/core/rollup.h"

#include <gtest/gtest.h>

#include <random>

using namespace secap::core;

namespace {

const Calendar& warsaw() {
  static const Calendar cal = Calendar::forZone("Europe/Warsaw").value();
  return cal;
}

int64_t localMidnight(int y, unsigned m, unsigned d) { return warsaw().dayStartMs({y, m, d}); }

ReadingRecord reading(const std::string& id, int64_t at, double value, ReadingKind kind = ReadingKind::kActual) {
  ReadingRecord r;
  r.id = id;
  r.meterId = "m1";
  r.takenAtMs = at;
  r.value = value;
  r.kind = kind;
  return r;
}

MeterConfig electricity() {
  MeterConfig m;
  m.id = "m1";
  m.carrier = Carrier::kElectricity;
  m.unit = Unit::kKwh;
  return m;
}

void expectSameMonths(const MonthlyUse& a, const MonthlyUse& b) {
  MonthlyUse all = a;
  for (const auto& [k, v] : b) all[k];
  for (const auto& [month, unused] : all) {
    const MonthUse x = a.count(month) ? a.at(month) : MonthUse{};
    const MonthUse y = b.count(month) ? b.at(month) : MonthUse{};
    EXPECT_NEAR(x.kwh, y.kwh, 1e-6 * std::max(1.0, std::abs(y.kwh))) << month.year << "-" << month.month;
    EXPECT_EQ(x.readings, y.readings) << month.year << "-" << month.month;
  }
}

}  // namespace

TEST(Rollup, AMonthHoldsItsCalendarisedUseAndTheReadingsTakenInIt) {
  // Read at local midnight on 1 March, 1 April and 1 May 2025: 3 100 and
  // 1 500 kWh, exactly March's and April's use; one more reading on 15 May
  // (a 14-day interval, all in May: 700 kWh).
  const std::vector<ReadingRecord> rs{reading("a", localMidnight(2025, 3, 1), 10000),
                                      reading("b", localMidnight(2025, 4, 1), 13100),
                                      reading("c", localMidnight(2025, 5, 1), 14600),
                                      reading("d", localMidnight(2025, 5, 15), 15300)};
  const MeterRollup r = rollUpMeter(electricity(), rs, warsaw(), nullptr);
  EXPECT_NEAR(r.months.at({2025, 3}).kwh, 3100, 1e-9);
  EXPECT_NEAR(r.months.at({2025, 4}).kwh, 1500, 1e-9);
  EXPECT_NEAR(r.months.at({2025, 5}).kwh, 700, 1e-9);
  EXPECT_EQ(r.months.at({2025, 3}).readings, 1);
  EXPECT_EQ(r.months.at({2025, 5}).readings, 2);
  ASSERT_TRUE(r.end);
  EXPECT_EQ(r.end->readingId, "d");
}

TEST(Rollup, AppendingOnlyAfterTheChainEndAndNeverACorrection) {
  const MeterConfig m = electricity();
  const ChainEnd end{"b", 2000, 50, ReadingKind::kActual};
  EXPECT_TRUE(appendsAfter(m, end, std::vector{reading("c", 3000, 60)}));
  EXPECT_TRUE(appendsAfter(m, end, std::vector{reading("c", 2000, 60)}));   // same instant, later id
  EXPECT_FALSE(appendsAfter(m, end, std::vector{reading("a", 2000, 60)}));  // same instant, earlier id
  EXPECT_FALSE(appendsAfter(m, end, std::vector{reading("c", 1500, 60)}));  // a late reading
  auto correction = reading("c", 3000, 60);
  correction.supersedesId = "b";
  EXPECT_FALSE(appendsAfter(m, end, std::vector{correction}));
  EXPECT_TRUE(appendsAfter(m, std::nullopt, std::vector{reading("c", 10, 1)}));
}

// Batch after batch, appended where allowed and recomputed where not, the
// months equal a rollup of every reading at once: registers with rollovers,
// flagged and erroneous readings, a confirmed drop, a meter exchange's
// readings, and a heating meter spread by degree days.
TEST(Rollup, AppendingBatchByBatchEqualsRecomputingEverything) {
  DegreeDays hdd;
  for (int y = 2023; y <= 2026; ++y)
    for (unsigned mo = 1; mo <= 12; ++mo) hdd.setMonth({y, mo}, mo >= 5 && mo <= 9 ? 0.0 : 300.0 + 20 * mo);
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    MeterConfig m = electricity();
    if (seed % 3 == 0) {
      m.carrier = Carrier::kNaturalGas;
      m.unit = Unit::kM3;
      m.kwhPerUnit = 11.2;
      m.basis = EnergyBasis::kGross;
    }
    m.registerDigits = 5;
    m.multiplier = seed % 2 ? 1 : 40;
    std::vector<ReadingRecord> all;
    double value = 99000;  // close to the 5-digit wrap
    int64_t at = localMidnight(2023, 1, 3) + 9 * 3600000LL;
    for (int i = 0; i < 60; ++i) {
      at += static_cast<int64_t>(std::uniform_int_distribution<int>(2, 40)(rng)) * 86400000LL;
      value += std::uniform_real_distribution<double>(10, 400)(rng);
      if (value >= 100000) value -= 100000;
      auto r = reading("r" + std::to_string(1000 + i), at, std::round(value * 10) / 10);
      const int dice = std::uniform_int_distribution<int>(0, 19)(rng);
      if (dice == 0) r.review = ReviewState::kFlaggedUnconfirmed;
      if (dice == 1) r.review = ReviewState::kErroneous;
      if (dice == 2) {
        r.value = std::round(r.value * 0.5);  // a drop, confirmed: the register restarted
        r.review = ReviewState::kConfirmed;
        value = r.value;
      }
      if (dice == 3) r.kind = ReadingKind::kExchangeFinal;
      if (dice == 4) r.kind = ReadingKind::kExchangeStart;
      all.push_back(r);
    }
    MeterRollup incremental;
    size_t i = 0;
    while (i < all.size()) {
      const size_t n = std::uniform_int_distribution<size_t>(1, 7)(rng);
      std::vector<ReadingRecord> batch(all.begin() + static_cast<long>(i),
                                       all.begin() + static_cast<long>(std::min(all.size(), i + n)));
      i += batch.size();
      ASSERT_TRUE(appendsAfter(m, incremental.end, batch));
      const MeterRollup delta = appendToMeter(m, incremental.end, batch, warsaw(), &hdd);
      addMonths(incremental.months, delta.months);
      incremental.end = delta.end;
    }
    const MeterRollup whole = rollUpMeter(m, all, warsaw(), &hdd);
    expectSameMonths(incremental.months, whole.months);
    ASSERT_EQ(incremental.end.has_value(), whole.end.has_value());
    if (whole.end) EXPECT_EQ(incremental.end->readingId, whole.end->readingId);
  }
}

TEST(Rollup, LinesAreYearsOnTheNetBasisAndAMeterWithoutConversionIsAGap) {
  MeterConfig gas = electricity();
  gas.carrier = Carrier::kNaturalGas;
  gas.unit = Unit::kKwh;
  gas.basis = EnergyBasis::kGross;
  MonthlyUse months;
  months[{2024, 12}] = {1000, 1};
  months[{2025, 1}] = {2000, 1};
  months[{2025, 2}] = {3000, 2};
  const auto lines = linesFromMonthly(gas, "municipal_buildings", months);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].year, 2025);
  EXPECT_NEAR(lines[1].mwh, 5000 * 0.9 / 1000, 1e-12);  // 5 000 kWh GCV → 4.5 MWh NCV
  EXPECT_EQ(lines[1].readings, 3);
  EXPECT_EQ(lines[1].meterId, "m1");

  MeterConfig m3 = gas;
  m3.unit = Unit::kM3;  // no calorific value
  months = {{{2025, 1}, {0, 4}}};
  const auto gap = linesFromMonthly(m3, "municipal_buildings", months);
  ASSERT_EQ(gap.size(), 1u);
  EXPECT_NE(gap[0].problem.find("cannot be converted"), std::string::npos);
  MeterConfig water = electricity();
  water.carrier = Carrier::kWater;
  EXPECT_TRUE(linesFromMonthly(water, "municipal_buildings", months).empty());
}
