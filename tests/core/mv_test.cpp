// The CalTRACK billing-form model, its statistics, avoided energy and
// normalised use, each checked by hand (docs/CALCULATIONS.md §5).
#include "secap/core/mv.h"

#include <gtest/gtest.h>

#include <cmath>

#include "secap/core/consumption.h"

using namespace secap::core;

namespace {
BillingPeriod period(double days, double hdd, double kwh) { return {0, 0, days, hdd, kwh}; }
}  // namespace

TEST(BillingModel, RecoversKnownCoefficientsAndItsStatistics) {
  // Four 30-day periods, true a = 100 kWh/day, b = 20 kWh/HDD, so E = 3 000 + 20·HDD, plus
  // residuals +100, −100, −100, +100 (they sum to 0 and are orthogonal to HDD: the fit is exact).
  // HDD 0, 100, 200, 300 -> E = 3 100, 4 900, 6 900, 9 100.
  // ŷ − y = −100, +100, +100, −100; SSE = 40 000; n − p = 2; RMSE = √20 000 = 141.4214.
  // ȳ = 24 000 / 4 = 6 000 -> CV(RMSE) = 141.4214 / 6 000 = 0.0235702; NMBE = 0 / (2 × 6 000) = 0.
  // SST = 2 900² + 1 100² + 900² + 3 100² = 20 040 000 -> R² = 1 − 40 000 / 20 040 000 = 0.998004.
  const std::vector<BillingPeriod> p{period(30, 0, 3100), period(30, 100, 4900), period(30, 200, 6900),
                                     period(30, 300, 9100)};
  auto m = fitBillingModel(p);
  ASSERT_TRUE(m.isOk()) << m.status().toString();
  EXPECT_NEAR(m->a, 100, 1e-9);
  EXPECT_NEAR(m->b, 20, 1e-9);
  EXPECT_EQ(m->fit.n, 4);
  EXPECT_NEAR(m->fit.meanUsage, 6000, 1e-9);
  EXPECT_NEAR(m->fit.cvRmse, 0.0235702, 1e-7);
  EXPECT_NEAR(m->fit.nmbe, 0, 1e-12);
  EXPECT_NEAR(m->fit.r2, 0.998004, 1e-6);
  EXPECT_TRUE(m->fit.accepted);
}

TEST(BillingModel, IsWeightedByDays) {
  // x = HDD/d, y = E/d, weights d: (d 10, x 0, y 100), (d 20, x 10, y 300), (d 30, x 10, y 200).
  // At x = 10 the weighted mean of y is (20·300 + 30·200) / 50 = 240, so the line passes through
  // (0, 100) and (10, 240): a = 100, b = 14. Unweighted it would be b = 15.
  const std::vector<BillingPeriod> p{period(10, 0, 1000), period(20, 200, 6000), period(30, 300, 6000)};
  auto m = fitBillingModel(p);
  ASSERT_TRUE(m.isOk());
  EXPECT_NEAR(m->a, 100, 1e-9);
  EXPECT_NEAR(m->b, 14, 1e-9);
  // It minimises Σ (E − a·d − b·HDD)² / d: moving b either way raises it.
  auto objective = [&](double a, double b) {
    double s = 0;
    for (const auto& q : p) s += std::pow(q.usageKwh - a * q.days - b * q.hdd, 2) / q.days;
    return s;
  };
  EXPECT_LT(objective(100, 14), objective(100, 14.01));
  EXPECT_LT(objective(100, 14), objective(100.01, 14));
  EXPECT_LT(objective(100, 14), objective(99.99, 13.99));
}

TEST(BillingModel, StatisticsOnAHoldOutSet) {
  // Model a = 100, b = 20 on three 30-day periods:
  // HDD 150: ŷ 6 000, y 5 700; HDD 50: ŷ 4 000, y 4 100; HDD 250: ŷ 8 000, y 8 000.
  // Σ(ŷ − y) = 300 − 100 + 0 = 200; SSE = 90 000 + 10 000 = 100 000; n − p = 1; ȳ = 17 800 / 3 = 5 933.33.
  // NMBE = 200 / 5 933.33 = 0.0337079; CV(RMSE) = √100 000 / 5 933.33 = 0.0532968.
  BillingModel m;
  m.a = 100;
  m.b = 20;
  const std::vector<BillingPeriod> p{period(30, 150, 5700), period(30, 50, 4100), period(30, 250, 8000)};
  const FitStatistics s = goodnessOfFit(m, p);
  EXPECT_NEAR(s.nmbe, 0.0337079, 1e-7);
  EXPECT_NEAR(s.cvRmse, 0.0532968, 1e-7);
  EXPECT_TRUE(s.accepted);
}

TEST(BillingModel, FailsAshraeWhenNoisy) {
  const std::vector<BillingPeriod> p{period(30, 0, 3000), period(30, 100, 9000), period(30, 200, 3000),
                                     period(30, 300, 9000)};
  auto m = fitBillingModel(p);
  ASSERT_TRUE(m.isOk());
  EXPECT_FALSE(m->fit.accepted);
  EXPECT_FALSE(m->warnings.empty());
}

TEST(BillingModel, NeedsMoreThanTwoPeriodsAndSomeHddSpread) {
  EXPECT_FALSE(fitBillingModel(std::vector<BillingPeriod>{period(30, 10, 1), period(30, 20, 2)}).isOk());
  EXPECT_FALSE(
      fitBillingModel(std::vector<BillingPeriod>{period(30, 60, 1), period(30, 60, 2), period(30, 60, 3)}).isOk());
}

TEST(AvoidedEnergy, ModelUnderReportingConditionsMinusActual) {
  // a = 100, b = 20. (31 d, 400 HDD, 8 000 kWh): ŷ = 3 100 + 8 000 = 11 100.
  // (30 d, 300 HDD, 7 000 kWh): ŷ = 3 000 + 6 000 = 9 000. Avoided = 20 100 − 15 000 = 5 100 kWh.
  BillingModel m;
  m.a = 100;
  m.b = 20;
  const std::vector<BillingPeriod> r{period(31, 400, 8000), period(30, 300, 7000)};
  const AvoidedEnergy e = avoidedEnergy(m, r);
  EXPECT_NEAR(e.predictedKwh, 20100, 1e-9);
  EXPECT_NEAR(e.actualKwh, 15000, 1e-9);
  EXPECT_NEAR(e.avoidedKwh, 5100, 1e-9);
  EXPECT_NEAR(e.days, 61, 1e-12);
}

TEST(NormalisedUse, BaseLoadForAYearPlusSlopeTimesNormalHdd) {
  // 100 × 365 + 20 × 3 600 = 36 500 + 72 000 = 108 500 kWh.
  BillingModel m;
  m.a = 100;
  m.b = 20;
  EXPECT_NEAR(normalisedAnnualUse(m, 3600), 108500, 1e-9);
}

TEST(BillingModelProperty, ScalingUsageScalesCoefficientsNotStatistics) {
  const std::vector<BillingPeriod> p{period(31, 520, 15500), period(28, 410, 12800), period(31, 300, 9900),
                                     period(30, 120, 6100),  period(31, 10, 3600),   period(30, 0, 3300),
                                     period(31, 0, 3150),    period(31, 15, 3400),   period(30, 140, 6600),
                                     period(31, 310, 10100), period(30, 430, 13200), period(31, 540, 15900)};
  auto m = fitBillingModel(p);
  std::vector<BillingPeriod> scaled = p;
  for (auto& q : scaled) q.usageKwh *= 1000;  // kWh -> Wh
  auto s = fitBillingModel(scaled);
  ASSERT_TRUE(m.isOk() && s.isOk());
  EXPECT_NEAR(s->a, 1000 * m->a, 1e-6 * std::abs(s->a));
  EXPECT_NEAR(s->b, 1000 * m->b, 1e-6 * std::abs(s->b));
  EXPECT_NEAR(s->fit.cvRmse, m->fit.cvRmse, 1e-12);
  EXPECT_NEAR(s->fit.nmbe, m->fit.nmbe, 1e-12);
  EXPECT_NEAR(s->fit.r2, m->fit.r2, 1e-12);
}

TEST(BillingPeriods, FromReadingIntervalsWithDailyTemperatures) {
  // 10 days at 8 °C (10 HDD each) then 5 days at 16 °C (0 HDD): 100 HDD over a 15-day period.
  const Calendar cal = *Calendar::forZone("Europe/Warsaw");
  std::vector<DailyTemperature> temps;
  for (unsigned d = 1; d <= 15; ++d) temps.push_back({{2025, 1, d}, d <= 10 ? 8.0 : 16.0});
  const DegreeDays dd = degreeDaysFromTemperatures(temps);
  const std::vector<ConsumptionInterval> iv{{cal.dayStartMs({2025, 1, 1}), cal.dayStartMs({2025, 1, 16}), 4200},
                                            {cal.dayStartMs({2025, 1, 16}), cal.dayStartMs({2025, 1, 20}), 10}};
  const BillingPeriods bp = billingPeriodsFromIntervals(iv, dd, cal);
  ASSERT_EQ(bp.periods.size(), 1u);
  EXPECT_EQ(bp.withoutHdd, 1);
  EXPECT_NEAR(bp.periods[0].days, 15, 1e-12);
  EXPECT_NEAR(bp.periods[0].hdd, 100, 1e-9);
  EXPECT_NEAR(monthlyHdd(temps).at({2025, 1}), 100, 1e-12);
}

TEST(BillingPeriods, DaysAreLocalDaysAcrossADstChange) {
  // 1 Oct to 1 Nov 2022 in Warsaw lasts 31 days and 1 hour (DST ended on 30 Oct), but it is
  // 31 billing days; HDD 310 in October spread evenly gives the whole 310.
  const Calendar cal = *Calendar::forZone("Europe/Warsaw");
  DegreeDays dd;
  dd.setMonth({2022, 10}, 310);
  const std::vector<ConsumptionInterval> iv{{cal.dayStartMs({2022, 10, 1}), cal.dayStartMs({2022, 11, 1}), 1000}};
  EXPECT_EQ(iv[0].endMs - iv[0].startMs, (31 * 24 + 1) * 3600000LL);
  const BillingPeriods bp = billingPeriodsFromIntervals(iv, dd, cal);
  ASSERT_EQ(bp.periods.size(), 1u);
  EXPECT_NEAR(bp.periods[0].days, 31, 1e-12);
  EXPECT_NEAR(bp.periods[0].hdd, 310, 1e-9);
}
