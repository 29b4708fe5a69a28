// EnPIs and a measure's realisation rate, checked by hand (docs/CALCULATIONS.md §6-7).
#include <gtest/gtest.h>

#include "secap/core/enpi.h"
#include "secap/core/measures.h"

using namespace secap::core;

TEST(Enpi, KwhPerSquareMetreAgainstTheMedianOfItsKind) {
  // Schools: 180 000 / 1 200 = 150; 100 000 / 1 000 = 100; 250 000 / 2 000 = 125 kWh/m²·a -> median 125.
  const std::vector<SiteEnergy> sites{{"a", "school", 1200, 180000, 30000},
                                      {"b", "school", 1000, 100000, std::nullopt},
                                      {"c", "school", 2000, 250000, 50000},
                                      {"d", "town_hall", 0, 90000, 10000}};
  const auto e = siteEnpis(sites, sites);
  ASSERT_EQ(e.size(), 4u);
  EXPECT_NEAR(*e[0].heatKwhPerM2, 150, 1e-12);
  EXPECT_NEAR(*e[0].heatMedianOfKind, 125, 1e-12);
  EXPECT_NEAR(*e[0].electricityKwhPerM2, 25, 1e-12);
  EXPECT_NEAR(*e[0].electricityMedianOfKind, 25, 1e-12);  // (25 + 25) / 2
  EXPECT_FALSE(e[3].heatKwhPerM2.has_value());            // no heated area
  EXPECT_EQ(median({3, 1, 2, 10}), 2.5);
}

TEST(Measure, RealisationRateFromAvoidedEnergy) {
  // Go-live 1 Jan 2025. Baseline: four 30-day periods in 2024 with a = 100, b = 20 exactly.
  // Reporting: (31 d, 400 HDD, 8 000 kWh) and (30 d, 300 HDD, 7 000 kWh): avoided 5 100 kWh over 61 days.
  // Annualised: 5 100 × 365 / 61 = 30 516.39 kWh = 30.51639 MWh/a; expected 40 MWh/a -> 0.762910.
  const int64_t day = 86400000;
  const int64_t goLive = Calendar{}.dayStartMs({2025, 1, 1});
  std::vector<BillingPeriod> p;
  const double hdds[] = {0, 100, 200, 300};
  for (int i = 0; i < 4; ++i) {
    const int64_t start = goLive - (4 - i) * 30 * day;
    p.push_back({start, start + 30 * day, 30, hdds[i], 3000 + 20 * hdds[i]});
  }
  p.push_back({goLive - 5 * day, goLive + 5 * day, 10, 50, 999});  // straddles go-live: left out
  p.push_back({goLive, goLive + 31 * day, 31, 400, 8000});
  p.push_back({goLive + 31 * day, goLive + 61 * day, 30, 300, 7000});
  const std::vector<InspectionOutcome> inspections{InspectionOutcome::kFollowUpNeeded, InspectionOutcome::kVerified};
  auto o = measureOutcome(p, {goLive, 365, 0, std::nullopt}, 40.0, inspections);
  ASSERT_TRUE(o.isOk()) << o.status().toString();
  EXPECT_NEAR(o->model.a, 100, 1e-9);
  EXPECT_NEAR(o->model.b, 20, 1e-9);
  EXPECT_NEAR(o->avoided.avoidedKwh, 5100, 1e-6);
  EXPECT_NEAR(o->verifiedSavingsMwhPerYear, 30.51639, 1e-5);
  EXPECT_NEAR(*o->realisationRate, 0.762910, 1e-6);
  EXPECT_TRUE(o->verified);
  EXPECT_EQ(o->straddling, 1);
}
