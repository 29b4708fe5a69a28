// BEI/MEI matrices, reduction, on-track and the locked BEI, checked by hand
// (docs/CALCULATIONS.md §4); cells that cannot be computed are gaps, and
// the rest still counts.
#include "secap/core/inventory.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace secap::core;

namespace {

EmissionFactorSet factors() {
  EmissionFactorSet f;
  f.add({Carrier::kElectricity, Approach::kIpcc, "PL", 2010, 0.8, "example value for tests"});
  f.add({Carrier::kElectricity, Approach::kIpcc, "PL", 2022, 0.7, "example value for tests"});
  return f;
}

ActivityData line(int year, std::string sector, Carrier c, double mwh, std::string source) {
  return {year, std::move(sector), c, mwh, std::move(source)};
}

std::vector<ActivityData> lines() {
  return {
      line(2010, "municipal_buildings", Carrier::kElectricity, 4000, "invoices"),
      line(2010, "residential", Carrier::kElectricity, 6000, "DSO data"),
      line(2010, "residential", Carrier::kNaturalGas, 5000, "DSO data"),
      line(2022, "municipal_buildings", Carrier::kElectricity, 3000, "invoices"),
      line(2022, "residential", Carrier::kElectricity, 6000, "DSO data"),
      line(2022, "residential", Carrier::kNaturalGas, 4000, "DSO data"),
  };
}

InventoryOptions year(int y) { return {y, Approach::kIpcc, "PL", std::nullopt}; }

}  // namespace

TEST(Inventory, SectorByCarrierMatrixAndTotal) {
  // 2010: electricity 10 000 MWh × 0.8 = 8 000 t; gas 5 000 MWh × 0.20196 = 1 009.8 t; total 9 009.8 t.
  const auto l = lines();
  const Inventory bei = buildInventory(l, factors(), year(2010));
  EXPECT_TRUE(bei.complete());
  EXPECT_NEAR(bei.cells.at("municipal_buildings").at(Carrier::kElectricity).tCo2, 3200, 1e-9);
  EXPECT_NEAR(bei.cells.at("residential").at(Carrier::kNaturalGas).tCo2, 1009.8, 1e-9);
  EXPECT_NEAR(bei.sectorTCo2.at("residential"), 4800 + 1009.8, 1e-9);
  EXPECT_NEAR(bei.carrierMwh.at(Carrier::kElectricity), 10000, 1e-9);
  EXPECT_NEAR(bei.totalMwh, 15000, 1e-9);
  EXPECT_NEAR(bei.totalTCo2, 9009.8, 1e-9);
}

TEST(Inventory, ReductionPerCapitaAndOnTrack) {
  // BEI 2010 = 9 009.8 t. MEI 2022: 9 000 MWh × 0.7 = 6 300 t + 4 000 × 0.20196 = 807.84 t -> 7 107.84 t.
  // Reduction = (9 009.8 − 7 107.84) / 9 009.8 = 1 901.96 / 9 009.8 = 21.1099 %.
  // Per capita: 9 009.8 / 50 000 = 0.180196 t; 7 107.84 / 48 000 = 0.14808 t; −17.8228 %.
  // Linear path to −40 % in 2030: 40 × (2022 − 2010) / (2030 − 2010) = 24 % expected -> not on track.
  const auto l = lines();
  const Inventory bei = buildInventory(l, factors(), year(2010));
  const Inventory mei = buildInventory(l, factors(), year(2022));
  EXPECT_NEAR(mei.totalTCo2, 7107.84, 1e-9);
  auto r = reductionAgainstBaseline(bei, 50000, mei, 48000, {2010, 2030, 40, false});
  ASSERT_TRUE(r.isOk()) << r.status().toString();
  EXPECT_NEAR(r->reductionPct, 21.1099, 1e-4);
  EXPECT_NEAR(*r->baselinePerCapitaT, 0.180196, 1e-9);
  EXPECT_NEAR(*r->perCapitaT, 0.14808, 1e-9);
  EXPECT_NEAR(*r->perCapitaReductionPct, 17.8228, 1e-4);
  EXPECT_NEAR(r->expectedReductionPct, 24, 1e-12);
  EXPECT_FALSE(r->onTrack);
  // With a −20 % target the path expects 12 % by 2022: on track.
  EXPECT_TRUE(reductionAgainstBaseline(bei, 50000, mei, 48000, {2010, 2030, 20, false})->onTrack);
}

// The linear path the dashboard draws and the on-track verdict use: 0 % in
// the baseline year, the target in the target year, clamped outside.
TEST(Inventory, TheLinearPathRunsFromTheBaselineToTheTarget) {
  const TargetPath path{2010, 2030, 40, false};
  EXPECT_EQ(linearPathReductionPct(path, 2010), 0);
  EXPECT_NEAR(linearPathReductionPct(path, 2022), 24, 1e-12);
  EXPECT_EQ(linearPathReductionPct(path, 2030), 40);
  EXPECT_EQ(linearPathReductionPct(path, 2005), 0);
  EXPECT_EQ(linearPathReductionPct(path, 2040), 40);
}

TEST(Inventory, ALockedBeiStaysAsPublished) {
  const auto l = lines();
  Inventory published = buildInventory(l, factors(), year(2010));
  published.published = true;
  // The national factor for 2010 is later revised to 0.85: recomputing gives 10 000 × 0.85 + 1 009.8 = 9 509.8 t.
  EmissionFactorSet revised;
  revised.add({Carrier::kElectricity, Approach::kIpcc, "PL", 2010, 0.85, "revised"});
  const Inventory recomputed = buildInventory(l, revised, year(2010));
  EXPECT_NEAR(recomputed.totalTCo2, 9509.8, 1e-9);
  EXPECT_NEAR(baselineOf(recomputed, &published, true).totalTCo2, 9009.8, 1e-9);
  EXPECT_NEAR(baselineOf(recomputed, &published, false).totalTCo2, 9509.8, 1e-9);
}

TEST(Inventory, LocalElectricityFactorReplacesTheNationalOne) {
  const auto l = lines();
  auto opts = year(2010);
  opts.localElectricityTPerMwh = 0.6;
  EXPECT_NEAR(buildInventory(l, factors(), opts).totalTCo2, 10000 * 0.6 + 1009.8, 1e-9);
}

TEST(Inventory, AMissingFactorMarksItsCellAndTheRestStillCounts) {
  // District heat has no national factor and no IPCC default: its cell keeps
  // its 2 000 MWh, has no t CO2, and is a gap with the reason; electricity
  // and gas still give 9 009.8 t.
  auto l = lines();
  l.push_back(line(2010, "residential", Carrier::kDistrictHeat, 2000, "heat utility"));
  const Inventory inv = buildInventory(l, factors(), year(2010));
  EXPECT_FALSE(inv.complete());
  const InventoryCell& heat = inv.cells.at("residential").at(Carrier::kDistrictHeat);
  EXPECT_TRUE(heat.missing);
  EXPECT_NEAR(heat.mwh, 2000, 1e-9);
  EXPECT_NEAR(inv.totalMwh, 17000, 1e-9);
  EXPECT_NEAR(inv.totalTCo2, 9009.8, 1e-9);
  ASSERT_EQ(inv.gaps.size(), 1u);
  EXPECT_EQ(inv.gaps[0].carrier, Carrier::kDistrictHeat);
  EXPECT_NE(inv.gaps[0].reason.find("no ipcc emission factor for district_heat"), std::string::npos)
      << inv.gaps[0].reason;
}

TEST(Inventory, BadLinesAreGapsThatNameTheirSource) {
  std::vector<ActivityData> l = lines();
  l.push_back(line(2010, "space_station", Carrier::kElectricity, 1, "typo"));
  l.push_back(line(2010, "residential", Carrier::kWater, 10, "utility"));
  l.push_back(line(2010, "tertiary", Carrier::kElectricity, std::nan(""), "broken sheet"));
  ActivityData meter{2010,
                     "municipal_buildings",
                     Carrier::kNaturalGas,
                     0,
                     "",
                     "meter-7",
                     12,
                     "its m3 readings cannot be converted to kWh"};
  l.push_back(meter);
  const Inventory inv = buildInventory(l, factors(), year(2010));
  ASSERT_EQ(inv.gaps.size(), 4u);
  EXPECT_NE(inv.gaps[0].reason.find("unknown Covenant of Mayors sector 'space_station'"), std::string::npos);
  EXPECT_NE(inv.gaps[0].reason.find("typo"), std::string::npos);
  EXPECT_NE(inv.gaps[1].reason.find("water is not final energy"), std::string::npos);
  EXPECT_NE(inv.gaps[2].reason.find("broken sheet"), std::string::npos);
  EXPECT_NE(inv.gaps[3].reason.find("meter meter-7"), std::string::npos);
  EXPECT_NEAR(inv.totalTCo2, 9009.8, 1e-9);  // the good lines still count
}

TEST(Inventory, EachCellSaysWhereItsFigureComesFrom) {
  std::vector<ActivityData> l{line(2022, "municipal_buildings", Carrier::kElectricity, 100, "invoices of the others"),
                              {2022, "municipal_buildings", Carrier::kElectricity, 40, "", "meter-1", 12, ""},
                              {2022, "municipal_buildings", Carrier::kElectricity, 60, "", "meter-2", 13, ""}};
  const Inventory inv = buildInventory(l, factors(), year(2022));
  const InventoryCell& cell = inv.cells.at("municipal_buildings").at(Carrier::kElectricity);
  EXPECT_NEAR(cell.mwh, 200, 1e-9);
  EXPECT_EQ(cell.origin.meters, (std::set<std::string>{"meter-1", "meter-2"}));
  EXPECT_EQ(cell.origin.readings, 25);
  EXPECT_EQ(cell.origin.activitySources, (std::set<std::string>{"invoices of the others"}));
  EXPECT_FALSE(cell.origin.published);
}
