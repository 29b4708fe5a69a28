// Emission factors, an emissions total and the local electricity factor,
// each checked by hand (docs/CALCULATIONS.md §3).
#include "secap/core/emissions.h"

#include <gtest/gtest.h>

#include <cmath>

#include "secap/core/units.h"

using namespace secap::core;

TEST(Emissions, IpccDefaultsAreTonnesPerTerajouleTimes0_0036) {
  // DESIGN §6.4's rounded values.
  const std::pair<Carrier, double> expected[] = {{Carrier::kNaturalGas, 0.202},      {Carrier::kDiesel, 0.267},
                                                 {Carrier::kGasoline, 0.249},        {Carrier::kLpg, 0.227},
                                                 {Carrier::kResidualFuelOil, 0.279}, {Carrier::kCoal, 0.341},
                                                 {Carrier::kLignite, 0.364},         {Carrier::kBiomass, 0.0}};
  for (const auto& [carrier, rounded] : expected) {
    const auto d = ipccDefault(carrier);
    ASSERT_TRUE(d.has_value()) << carrierName(carrier);
    EXPECT_NEAR(d->tPerMwh(), d->tCo2PerTj * 0.0036, 1e-15);
    EXPECT_NEAR(std::round(d->tPerMwh() * 1000) / 1000, rounded, 1e-12) << carrierName(carrier);
    EXPECT_FALSE(d->source.empty());
  }
  EXPECT_NEAR(ipccDefault(Carrier::kNaturalGas)->tPerMwh(), 0.20196, 1e-12);
}

TEST(Emissions, GrossGasInvoiceToNetMwhToTonnes) {
  // 1 000 m3 × 11.2 kWh/m3 GCV = 11 200 kWh; × 0.9 = 10 080 kWh NCV = 10.08 MWh;
  // × 56.1 t/TJ × 0.0036 TJ/MWh = 10.08 × 0.20196 = 2.0357568 t CO2.
  const double mwh = toNetKwh(1000 * 11.2, Carrier::kNaturalGas, EnergyBasis::kGross) / 1000;
  EmissionFactorSet set;
  auto f = set.lookup(Carrier::kNaturalGas, Approach::kIpcc, "PL", 2024);
  ASSERT_TRUE(f.isOk());
  EXPECT_NEAR(mwh * f->tPerMwh, 2.0357568, 1e-9);
}

TEST(Emissions, ElectricityNeedsANationalFactorAndFallsBackToAnEarlierYear) {
  EmissionFactorSet set;
  EXPECT_EQ(set.lookup(Carrier::kElectricity, Approach::kIpcc, "PL", 2022).status().code(), StatusCode::kNotFound);
  set.add({Carrier::kElectricity, Approach::kIpcc, "PL", 2020, 0.7, "example"});
  set.add({Carrier::kElectricity, Approach::kIpcc, "PL", 2023, 0.6, "example"});
  auto f = set.lookup(Carrier::kElectricity, Approach::kIpcc, "PL", 2022);
  ASSERT_TRUE(f.isOk());
  EXPECT_DOUBLE_EQ(f->tPerMwh, 0.7);
  EXPECT_TRUE(f->fallback);
  EXPECT_EQ(f->year, 2020);
  EXPECT_FALSE(set.lookup(Carrier::kElectricity, Approach::kIpcc, "PL", 2023)->fallback);
  // LCA has no defaults: fuels need entered factors too.
  EXPECT_FALSE(set.lookup(Carrier::kNaturalGas, Approach::kLca, "PL", 2022).isOk());
}

TEST(Emissions, LocalElectricityFactor) {
  // TCE 10 000 MWh, LPE 1 000 MWh (PV, 50 t), GEP 500 MWh (0 t), NEEFE 0.7:
  // [(10 000 − 1 000 − 500) × 0.7 + 50 + 0] / 10 000 = (5 950 + 50) / 10 000 = 0.6 t/MWh.
  auto efe = localElectricityFactor({10000, 1000, 500, 0.7, 50, 0});
  ASSERT_TRUE(efe.isOk());
  EXPECT_NEAR(efe->tPerMwh, 0.6, 1e-12);
  EXPECT_FALSE(efe->netExporter);
}

TEST(Emissions, LocalElectricityFactorOfANetExporter) {
  // TCE 1 000 < LPE 1 500 (30 t): EFE = (30 + 0) / (1 500 + 0) = 0.02 t/MWh.
  auto efe = localElectricityFactor({1000, 1500, 0, 0.7, 30, 0});
  ASSERT_TRUE(efe.isOk());
  EXPECT_NEAR(efe->tPerMwh, 0.02, 1e-12);
  EXPECT_TRUE(efe->netExporter);
  EXPECT_FALSE(localElectricityFactor({0, 0, 0, 0.7, 0, 0}).isOk());
  EXPECT_FALSE(localElectricityFactor({100, -1, 0, 0.7, 0, 0}).isOk());
}

TEST(Emissions, AMunicipalitysOwnFactorOutranksTheCountrysWhichOutranksTheDefault) {
  EmissionFactorSet set;
  set.add({Carrier::kDistrictHeat, Approach::kLca, "", 0, 0.5, "default for every country"});
  auto f = set.lookup(Carrier::kDistrictHeat, Approach::kLca, "DE", 2024);
  ASSERT_TRUE(f.isOk());
  EXPECT_DOUBLE_EQ(f->tPerMwh, 0.5);
  EXPECT_FALSE(f->fallback);  // a year-0 factor holds for every year
  set.add({Carrier::kDistrictHeat, Approach::kLca, "DE", 2020, 0.3, "national"});
  EXPECT_DOUBLE_EQ(set.lookup(Carrier::kDistrictHeat, Approach::kLca, "DE", 2024)->tPerMwh, 0.3);
  EXPECT_TRUE(set.lookup(Carrier::kDistrictHeat, Approach::kLca, "DE", 2024)->fallback);
  EXPECT_DOUBLE_EQ(set.lookup(Carrier::kDistrictHeat, Approach::kLca, "PL", 2024)->tPerMwh, 0.5);
  set.add({Carrier::kDistrictHeat, Approach::kLca, "DE", 2023, 0.12, "Stadtwerke network", true});
  EXPECT_DOUBLE_EQ(set.lookup(Carrier::kDistrictHeat, Approach::kLca, "DE", 2024)->tPerMwh, 0.12);
  // Before the local factor's first year, the national one still holds.
  EXPECT_DOUBLE_EQ(set.lookup(Carrier::kDistrictHeat, Approach::kLca, "DE", 2021)->tPerMwh, 0.3);
}

TEST(Emissions, EveryCovenantColumnHasAnIpccFactorButOtherFossilFuels) {
  const EmissionFactorSet none;
  for (Carrier c : {Carrier::kLignite, Carrier::kPlantOil, Carrier::kBiofuel, Carrier::kGeothermal,
                    Carrier::kSolarThermal, Carrier::kBiomass, Carrier::kCoal})
    EXPECT_TRUE(none.lookup(c, Approach::kIpcc, "PL", 2024).isOk()) << carrierName(c);
  EXPECT_NEAR(none.lookup(Carrier::kLignite, Approach::kIpcc, "PL", 2024)->tPerMwh, 0.3636, 1e-9);
  EXPECT_DOUBLE_EQ(none.lookup(Carrier::kBiofuel, Approach::kIpcc, "PL", 2024)->tPerMwh, 0.0);
  // "Other fossil fuels" differ too much to have one default: it must be entered.
  EXPECT_FALSE(none.lookup(Carrier::kOtherFossil, Approach::kIpcc, "PL", 2024).isOk());
  EXPECT_FALSE(none.lookup(Carrier::kDistrictHeat, Approach::kIpcc, "PL", 2024).isOk());
}
