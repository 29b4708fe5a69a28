// BEI/MEI matrices, reduction, on-track and the locked BEI, checked by hand
// (docs/CALCULATIONS.md §4).
#include "secap/core/inventory.h"

#include <gtest/gtest.h>

using namespace secap::core;

namespace {

EmissionFactorSet factors() {
  EmissionFactorSet f;
  f.add({Carrier::kElectricity, Approach::kIpcc, "PL", 2010, 0.8, "example value for tests"});
  f.add({Carrier::kElectricity, Approach::kIpcc, "PL", 2022, 0.7, "example value for tests"});
  return f;
}

std::vector<ActivityData> lines() {
  return {
      {2010, "municipal_buildings", Carrier::kElectricity, 4000, "meters"},
      {2010, "residential", Carrier::kElectricity, 6000, "DSO data"},
      {2010, "residential", Carrier::kNaturalGas, 5000, "DSO data"},
      {2022, "municipal_buildings", Carrier::kElectricity, 3000, "meters"},
      {2022, "residential", Carrier::kElectricity, 6000, "DSO data"},
      {2022, "residential", Carrier::kNaturalGas, 4000, "DSO data"},
  };
}

InventoryOptions year(int y) { return {y, Approach::kIpcc, "PL", std::nullopt}; }

}  // namespace

TEST(Inventory, SectorByCarrierMatrixAndTotal) {
  // 2010: electricity 10 000 MWh × 0.8 = 8 000 t; gas 5 000 MWh × 0.20196 = 1 009.8 t; total 9 009.8 t.
  const auto l = lines();
  auto bei = buildInventory(l, factors(), year(2010));
  ASSERT_TRUE(bei.isOk()) << bei.status().toString();
  EXPECT_NEAR(bei->cells.at("municipal_buildings").at(Carrier::kElectricity).tCo2, 3200, 1e-9);
  EXPECT_NEAR(bei->cells.at("residential").at(Carrier::kNaturalGas).tCo2, 1009.8, 1e-9);
  EXPECT_NEAR(bei->sectorTCo2.at("residential"), 4800 + 1009.8, 1e-9);
  EXPECT_NEAR(bei->carrierMwh.at(Carrier::kElectricity), 10000, 1e-9);
  EXPECT_NEAR(bei->totalMwh, 15000, 1e-9);
  EXPECT_NEAR(bei->totalTCo2, 9009.8, 1e-9);
}

TEST(Inventory, ReductionPerCapitaAndOnTrack) {
  // BEI 2010 = 9 009.8 t. MEI 2022: 9 000 MWh × 0.7 = 6 300 t + 4 000 × 0.20196 = 807.84 t -> 7 107.84 t.
  // Reduction = (9 009.8 − 7 107.84) / 9 009.8 = 1 901.96 / 9 009.8 = 21.1099 %.
  // Per capita: 9 009.8 / 50 000 = 0.180196 t; 7 107.84 / 48 000 = 0.14808 t; −17.8228 %.
  // Linear path to −40 % in 2030: 40 × (2022 − 2010) / (2030 − 2010) = 24 % expected -> not on track.
  const auto l = lines();
  auto bei = buildInventory(l, factors(), year(2010));
  auto mei = buildInventory(l, factors(), year(2022));
  ASSERT_TRUE(bei.isOk() && mei.isOk());
  EXPECT_NEAR(mei->totalTCo2, 7107.84, 1e-9);
  auto r = reductionAgainstBaseline(*bei, 50000, *mei, 48000, {2010, 2030, 40, false});
  ASSERT_TRUE(r.isOk()) << r.status().toString();
  EXPECT_NEAR(r->reductionPct, 21.1099, 1e-4);
  EXPECT_NEAR(*r->baselinePerCapitaT, 0.180196, 1e-9);
  EXPECT_NEAR(*r->perCapitaT, 0.14808, 1e-9);
  EXPECT_NEAR(*r->perCapitaReductionPct, 17.8228, 1e-4);
  EXPECT_NEAR(r->expectedReductionPct, 24, 1e-12);
  EXPECT_FALSE(r->onTrack);
  // With a −20 % target the path expects 12 % by 2022: on track.
  EXPECT_TRUE(reductionAgainstBaseline(*bei, 50000, *mei, 48000, {2010, 2030, 20, false})->onTrack);
}

TEST(Inventory, ALockedBeiStaysAsPublished) {
  const auto l = lines();
  auto published = buildInventory(l, factors(), year(2010));
  ASSERT_TRUE(published.isOk());
  published->published = true;
  // The national factor for 2010 is later revised to 0.85: recomputing gives 10 000 × 0.85 + 1 009.8 = 9 509.8 t.
  EmissionFactorSet revised;
  revised.add({Carrier::kElectricity, Approach::kIpcc, "PL", 2010, 0.85, "revised"});
  auto recomputed = buildInventory(l, revised, year(2010));
  ASSERT_TRUE(recomputed.isOk());
  EXPECT_NEAR(recomputed->totalTCo2, 9509.8, 1e-9);
  EXPECT_NEAR(baselineOf(*recomputed, &*published, true).totalTCo2, 9009.8, 1e-9);
  EXPECT_NEAR(baselineOf(*recomputed, &*published, false).totalTCo2, 9509.8, 1e-9);
}

TEST(Inventory, LocalElectricityFactorReplacesTheNationalOne) {
  const auto l = lines();
  auto opts = year(2010);
  opts.localElectricityTPerMwh = 0.6;
  auto inv = buildInventory(l, factors(), opts);
  ASSERT_TRUE(inv.isOk());
  EXPECT_NEAR(inv->totalTCo2, 10000 * 0.6 + 1009.8, 1e-9);
}

TEST(Inventory, ErrorsNameTheLine) {
  std::vector<ActivityData> bad{{2010, "space_station", Carrier::kElectricity, 1, ""}};
  auto inv = buildInventory(bad, factors(), year(2010));
  ASSERT_FALSE(inv.isOk());
  EXPECT_NE(inv.status().message().find("line 1"), std::string::npos);
  std::vector<ActivityData> noFactor{{2010, "residential", Carrier::kDistrictHeat, 1, ""}};
  EXPECT_FALSE(buildInventory(noFactor, factors(), year(2010)).isOk());
}
