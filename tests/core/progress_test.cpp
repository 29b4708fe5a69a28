// A municipality's progress from its synced records (progress.h): which
// inventory stands for a year, the locked BEI, cells from meters, missing
// factors, corrections, populations and the climate-neutrality gap. Figures
// checked by hand in the comments.
#include "secap/core/progress.h"

#include <gtest/gtest.h>

#include "inventory_fixtures.h"
#include "secap/core/calendar.h"

using namespace secap::core;
namespace v1 = secap::v1;

namespace {

constexpr const char* kM = "0190a000-0000-7000-8000-000000000001";

int64_t utc(int y, unsigned m, unsigned d) { return Calendar{}.dayStartMs({y, m, d}); }

class ProgressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& m = r.municipality;
    m.set_id(kM);
    m.set_name("Raciechowice");
    m.set_country("PL");
    m.set_time_zone("Europe/Warsaw");
    m.set_population(10000);
    m.set_baseline_year(2015);
    m.set_target_year(2030);
    m.set_target_reduction_pct(40);
    m.set_emission_factor_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    factor(v1::CARRIER_ELECTRICITY, 2015, 0.8);
    factor(v1::CARRIER_ELECTRICITY, 2024, 0.6);
    // BEI 2015: 10 000 × 0.8 + 20 000 × 0.20196 = 8 000 + 4 039.2 = 12 039.2 t.
    activity(2015, "residential", v1::CARRIER_ELECTRICITY, 10000);
    activity(2015, "residential", v1::CARRIER_NATURAL_GAS, 20000);
    // MEI 2024: 9 000 × 0.6 + 15 000 × 0.20196 = 5 400 + 3 029.4 = 8 429.4 t.
    activity(2024, "residential", v1::CARRIER_ELECTRICITY, 9000);
    activity(2024, "residential", v1::CARRIER_NATURAL_GAS, 15000);
    year(2015, 10500, false);
    year(2024, 9800, false);
  }

  v1::EmissionFactor& factor(v1::Carrier c, int year, double t, const std::string& municipality = "") {
    auto& f = r.factors.emplace_back();
    f.set_id("f" + std::to_string(r.factors.size()));
    f.set_carrier(c);
    f.set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    f.set_country("PL");
    f.set_year(year);
    f.set_t_per_mwh(t);
    f.set_source("test factor");
    f.set_municipality_id(municipality);
    return f;
  }
  v1::ActivityData& activity(int year, const std::string& sector, v1::Carrier c, double mwh) {
    auto& a = r.activity.emplace_back();
    a.set_id("a" + std::to_string(r.activity.size()));
    a.set_municipality_id(kM);
    a.set_year(year);
    a.set_com_sector(sector);
    a.set_carrier(c);
    a.set_mwh(mwh);
    a.set_source("utility " + std::to_string(year));
    return a;
  }
  void year(int y, int64_t population, bool locked) {
    auto& my = r.years.emplace_back();
    my.set_id("y" + std::to_string(y));
    my.set_municipality_id(kM);
    my.set_year(y);
    my.set_population(population);
    my.set_bei_locked(locked);
  }
  // A school (municipal buildings) with an electricity register, "meter-1".
  void schoolMeter() {
    auto& site = r.sites.emplace_back();
    site.set_id("school");
    site.set_municipality_id(kM);
    site.set_com_sector("municipal_buildings");
    auto& meter = r.meters.emplace_back();
    meter.set_id("meter-1");
    meter.set_site_id("school");
    meter.set_carrier(v1::CARRIER_ELECTRICITY);
    meter.set_unit(v1::UNIT_KWH);
    meter.set_kind(v1::METER_KIND_CUMULATIVE);
  }
  void lock(int y) {
    for (auto& my : r.years)
      if (my.year() == y) my.set_bei_locked(true);
  }
  // The BEI as submitted years ago, with the factor of its time (0.812).
  v1::PublishedInventory& publishedBei(const std::string& id, double electricityT) {
    auto& p = r.published.emplace_back(secap::testing::submittedBei(kM, electricityT));
    p.set_id(id);
    p.set_submitted_at(utc(2017, 3, 1));
    return p;
  }

  MonitoringRecords r;
};

}  // namespace

TEST_F(ProgressTest, TheBeiIsComputedFromTheBaselineYearsActivityData) {
  const auto p = municipalityProgress(r);
  ASSERT_TRUE(p.bei);
  EXPECT_TRUE(p.bei->publishedId.empty());
  EXPECT_NEAR(p.bei->inventory.totalTCo2, 12039.2, 1e-9);
  ASSERT_EQ(p.meis.size(), 1u);
  EXPECT_NEAR(p.meis[0].inventory.totalTCo2, 8429.4, 1e-9);
  ASSERT_TRUE(p.reduction);
  // (12 039.2 − 8 429.4) / 12 039.2 = 29.984 %; the path expects 40 × 9 / 15 = 24 %.
  EXPECT_NEAR(p.reduction->reductionPct, 29.98372, 1e-4);
  EXPECT_NEAR(p.reduction->expectedReductionPct, 24, 1e-12);
  EXPECT_TRUE(p.reduction->onTrack);
  // Per capita with the MunicipalityYear populations: 12 039.2 / 10 500 and 8 429.4 / 9 800.
  EXPECT_NEAR(*p.bei->perCapitaT, 1.146590, 1e-6);
  EXPECT_NEAR(*p.reduction->perCapitaT, 0.860143, 1e-6);
}

TEST_F(ProgressTest, ALockedBeiStaysAsSubmittedWhenFactorsAndActivityDataChange) {
  publishedBei("bei-2017", 8120);  // 10 000 MWh × 0.812, the factor of 2017
  lock(2015);
  auto before = municipalityProgress(r);
  ASSERT_TRUE(before.bei && before.reduction);
  EXPECT_EQ(before.bei->publishedId, "bei-2017");
  EXPECT_TRUE(before.bei->locked);
  EXPECT_NEAR(before.bei->inventory.totalTCo2, 12160, 1e-9);
  EXPECT_EQ(before.bei->population, 10400);  // as submitted

  // Years later: the national factor for 2015 is revised, the utility
  // corrects its 2015 and 2024 figures.
  r.factors[0].set_t_per_mwh(0.9);
  r.activity[0].set_mwh(12000);
  r.activity[2].set_mwh(9500);
  auto after = municipalityProgress(r);
  ASSERT_TRUE(after.bei && after.reduction);
  // The MEI moves: 9 500 × 0.6 + 3 029.4 = 8 729.4 t ...
  EXPECT_NEAR(after.meis.back().inventory.totalTCo2, 8729.4, 1e-9);
  // ... the BEI and the reduction's baseline do not.
  EXPECT_NEAR(after.bei->inventory.totalTCo2, 12160, 1e-9);
  EXPECT_NEAR(after.reduction->baselineTCo2, 12160, 1e-9);
  EXPECT_NEAR(after.reduction->baselinePerCapitaT.value(), before.reduction->baselinePerCapitaT.value(), 1e-12);
  EXPECT_NEAR(after.reduction->reductionPct, (12160 - 8729.4) / 12160 * 100, 1e-9);

  // Unlocked, the same records recompute the BEI: 12 000 × 0.9 + 4 039.2 = 14 839.2 t.
  r.years[0].set_bei_locked(false);
  auto unlocked = municipalityProgress(r);
  EXPECT_TRUE(unlocked.bei->publishedId.empty());
  EXPECT_NEAR(unlocked.bei->inventory.totalTCo2, 14839.2, 1e-9);
}

TEST_F(ProgressTest, ACorrectionSupersedesThePublishedBei) {
  publishedBei("bei-2017", 8120);
  publishedBei("bei-2018", 8000).set_supersedes_id("bei-2017");
  lock(2015);
  const auto p = municipalityProgress(r);
  EXPECT_EQ(p.bei->publishedId, "bei-2018");
  EXPECT_NEAR(p.bei->inventory.totalTCo2, 12040, 1e-9);
  EXPECT_EQ(currentPublished(r.published).size(), 1u);
}

TEST_F(ProgressTest, AYearWithMetersOnlyIsNoInventory) {
  r.activity.erase(r.activity.begin() + 2, r.activity.end());  // no 2024 activity data
  schoolMeter();
  for (unsigned month = 1; month <= 12; ++month) {
    auto& reading = r.readings.emplace_back();
    reading.set_id("r" + std::to_string(month));
    reading.set_meter_id("meter-1");
    reading.set_taken_at(utc(2024, month, 15));
    reading.set_value(1000.0 * month);
  }
  const auto p = municipalityProgress(r);
  ASSERT_TRUE(p.bei);
  EXPECT_TRUE(p.meis.empty());
  EXPECT_FALSE(p.reduction);
  ASSERT_FALSE(p.notes.empty());
  EXPECT_NE(p.notes.back().find("no MEI yet"), std::string::npos);
}

TEST_F(ProgressTest, MetersAddTheirCellsWithTheirReadingsToAnActivityDataYear) {
  schoolMeter();
  // A register read at local midnight on the 1st of each month of 2024 and
  // on 1 January 2025: 2 000 kWh a month, 24 MWh in 2024.
  auto warsaw = Calendar::forZone("Europe/Warsaw");
  ASSERT_TRUE(warsaw.isOk());
  for (int k = 0; k <= 12; ++k) {
    auto& reading = r.readings.emplace_back();
    reading.set_id("r" + std::to_string(k));
    reading.set_meter_id("meter-1");
    reading.set_taken_at(warsaw->dayStartMs({2024 + k / 12, static_cast<unsigned>(k % 12 + 1), 1}));
    reading.set_value(50000 + 2000.0 * k);
  }
  const auto p = municipalityProgress(r);
  ASSERT_EQ(p.meis.size(), 1u);
  const auto& cell = p.meis[0].inventory.cells.at("municipal_buildings").at(Carrier::kElectricity);
  EXPECT_NEAR(cell.mwh, 24, 1e-9);
  EXPECT_NEAR(cell.tCo2, 24 * 0.6, 1e-9);
  EXPECT_EQ(cell.origin.meters, (std::set<std::string>{"meter-1"}));
  EXPECT_EQ(cell.origin.readings, 12);  // taken in 2024 (the 13th is of 2025)
  EXPECT_NEAR(p.meis[0].inventory.totalTCo2, 8429.4 + 14.4, 1e-9);
}

TEST_F(ProgressTest, AMissingHeatFactorMarksItsCellsAndTheRestStillCounts) {
  activity(2024, "residential", v1::CARRIER_DISTRICT_HEAT, 5000);
  auto p = municipalityProgress(r);
  const Inventory& mei = p.meis.back().inventory;
  EXPECT_FALSE(mei.complete());
  EXPECT_TRUE(mei.cells.at("residential").at(Carrier::kDistrictHeat).missing);
  EXPECT_NEAR(mei.totalTCo2, 8429.4, 1e-9);  // electricity and gas still count
  ASSERT_TRUE(p.reduction);
  // The heat network's own factor, entered by the coordinator, fills the cell;
  // another municipality's network's factor does not.
  factor(v1::CARRIER_DISTRICT_HEAT, 2024, 0.9, "0190a000-0000-7000-8000-0000000000ff");
  EXPECT_FALSE(municipalityProgress(r).meis.back().inventory.complete());
  factor(v1::CARRIER_DISTRICT_HEAT, 2020, 0.35, kM);
  p = municipalityProgress(r);
  EXPECT_TRUE(p.meis.back().inventory.complete());
  EXPECT_NEAR(p.meis.back().inventory.totalTCo2, 8429.4 + 5000 * 0.35, 1e-9);
}

TEST_F(ProgressTest, APublishedMeiStandsForAYearWithoutActivityData) {
  auto& mei = publishedBei("mei-2019", 7000);
  mei.set_kind(v1::INVENTORY_KIND_MEI);
  mei.set_year(2019);
  const auto p = municipalityProgress(r);
  ASSERT_EQ(p.meis.size(), 2u);
  EXPECT_EQ(p.meis[0].inventory.year, 2019);
  EXPECT_EQ(p.meis[0].publishedId, "mei-2019");
  EXPECT_NEAR(p.meis[0].inventory.totalTCo2, 11040, 1e-9);
  EXPECT_EQ(p.meis[1].inventory.year, 2024);  // the latest is the one compared
  EXPECT_EQ(p.reduction->year, 2024);
}

TEST_F(ProgressTest, APopulationNotRecordedIsTodaysMarkedEstimated) {
  r.years.clear();
  const auto p = municipalityProgress(r);
  EXPECT_TRUE(p.bei->populationEstimated);
  EXPECT_EQ(p.bei->population, 10000);
}

TEST_F(ProgressTest, TheClimateNeutralityGapIsTheLatestMeisEmissions) {
  r.municipality.set_climate_neutrality_year(2040);
  const auto p = municipalityProgress(r);
  ASSERT_TRUE(p.neutralityGapT);
  EXPECT_NEAR(*p.neutralityGapT, 8429.4, 1e-9);
  EXPECT_NEAR(*p.neutralityCutTPerYear, 8429.4 / 16, 1e-9);
}

TEST_F(ProgressTest, NoBaselineDataSaysSo) {
  r.activity.erase(r.activity.begin(), r.activity.begin() + 2);
  const auto p = municipalityProgress(r);
  EXPECT_FALSE(p.bei);
  EXPECT_FALSE(p.reduction);
  EXPECT_NE(p.notes.front().find("no BEI"), std::string::npos);
}

TEST_F(ProgressTest, AComputedYearExportsInThePublishedShape) {
  const auto p = municipalityProgress(r);
  const v1::PublishedInventory shape = toPublishedShape(p.meis.back(), r.municipality);
  EXPECT_EQ(shape.kind(), v1::INVENTORY_KIND_MEI);
  EXPECT_EQ(shape.year(), 2024);
  EXPECT_EQ(shape.population(), 9800);
  EXPECT_EQ(shape.lines_size(), 2);
  EXPECT_DOUBLE_EQ(shape.electricity_t_per_mwh(), 0.6);
  const Inventory back = inventoryFromPublished(shape, "PL");
  EXPECT_NEAR(back.totalTCo2, 8429.4, 1e-9);
}
