// Hand-checked conversions from the one constants table (docs/CALCULATIONS.md §2).
#include "secap/core/units.h"

#include <gtest/gtest.h>

#include "secap/core/emissions.h"

using namespace secap::core;

TEST(Units, EveryConstantHasAValueAUnitAndASource) {
  for (const auto& c : constantsTable()) {
    EXPECT_GT(c.value, 0) << c.key;
    EXPECT_FALSE(c.unit.empty()) << c.key;
    EXPECT_FALSE(c.source.empty()) << c.key;
  }
}

TEST(Units, GigajouleAndMegawattHourInKwh) {
  // 1 GJ = 1e9 J / 3.6e6 J per kWh = 277.777… kWh; DESIGN §6.3 rounds to 277.778.
  EXPECT_NEAR(*kwhPerEnergyUnit(Unit::kGj), 277.778, 0.0005);
  EXPECT_DOUBLE_EQ(*kwhPerEnergyUnit(Unit::kMwh), 1000);
  EXPECT_FALSE(kwhPerEnergyUnit(Unit::kM3).has_value());
  EXPECT_DOUBLE_EQ(constant("tj_per_mwh"), 0.0036);
}

TEST(Units, GrossGasKwhBecomeNinetyPercentNet) {
  // An invoice: 1 000 m3 × 11.2 kWh/m3 (GCV) = 11 200 kWh gross; × 0.9 = 10 080 kWh net.
  EXPECT_NEAR(toNetKwh(11200, Carrier::kNaturalGas, EnergyBasis::kGross), 10080, 1e-9);
  EXPECT_NEAR(toNetKwh(11200, Carrier::kNaturalGas, EnergyBasis::kNet), 11200, 1e-9);
  // Electricity has no calorific basis.
  EXPECT_NEAR(toNetKwh(500, Carrier::kElectricity, EnergyBasis::kGross), 500, 1e-9);
}

TEST(Units, DieselLitresUseIpccNcvAndEn590Density) {
  // 43.0 MJ/kg / 3.6 = 11.944 kWh/kg; × 0.8325 kg/l = 9.9438 kWh/l.
  EXPECT_NEAR(*defaultNetKwhPerUnit(Carrier::kDiesel, Unit::kL), 43.0 / 3.6 * 0.8325, 1e-12);
  EXPECT_NEAR(*defaultNetKwhPerUnit(Carrier::kDiesel, Unit::kL), 9.9438, 1e-4);
  EXPECT_FALSE(defaultNetKwhPerUnit(Carrier::kNaturalGas, Unit::kM3).has_value());
}

TEST(Units, NamesRoundTrip) {
  for (Carrier c : {Carrier::kElectricity, Carrier::kNaturalGas, Carrier::kDistrictHeat, Carrier::kLignite})
    EXPECT_EQ(parseCarrier(carrierName(c)), c);
  EXPECT_EQ(parseUnit("m³"), Unit::kM3);
  EXPECT_EQ(parseUnit("MWH"), Unit::kMwh);
  EXPECT_EQ(parseBasis("GCV"), EnergyBasis::kGross);
  EXPECT_FALSE(parseCarrier("unobtainium").has_value());
}

TEST(Units, TheNewCovenantCarriersHaveNamesAndEnergyContentWhereSoldByVolumeOrMass) {
  for (const char* name : {"lignite", "other_fossil", "plant_oil", "biofuel", "geothermal"}) {
    auto c = parseCarrier(name);
    ASSERT_TRUE(c) << name;
    EXPECT_EQ(carrierName(*c), name);
    EXPECT_TRUE(isConsumedEnergy(*c));
  }
  // Litres: heating oil 43.0 MJ/kg × 0.845 kg/l / 3.6 = 10.093 kWh/l; LPG 47.3 × 0.54 / 3.6 = 7.095;
  // biodiesel 27.0 × 0.88 / 3.6 = 6.6; plant oil 27.4 × 0.92 / 3.6 = 7.002.
  EXPECT_NEAR(*defaultNetKwhPerUnit(Carrier::kHeatingOil, Unit::kL), 10.0931, 1e-4);
  EXPECT_NEAR(*defaultNetKwhPerUnit(Carrier::kLpg, Unit::kL), 7.095, 1e-4);
  EXPECT_NEAR(*defaultNetKwhPerUnit(Carrier::kBiofuel, Unit::kL), 6.6, 1e-9);
  EXPECT_NEAR(*defaultNetKwhPerUnit(Carrier::kPlantOil, Unit::kL), 7.00222, 1e-4);
  EXPECT_NEAR(*defaultNetKwhPerUnit(Carrier::kLignite, Unit::kKg), 11.9 / 3.6, 1e-9);
  EXPECT_NEAR(*defaultNetKwhPerUnit(Carrier::kBiofuel, Unit::kKg), 7.5, 1e-9);
  EXPECT_FALSE(defaultNetKwhPerUnit(Carrier::kGeothermal, Unit::kKg));
  EXPECT_FALSE(defaultNetKwhPerUnit(Carrier::kOtherFossil, Unit::kL));
}
