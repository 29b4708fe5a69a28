#pragma once
// A published inventory shared by the progress and server tests: the BEI
// 2015 a town submitted in 2017, with the electricity factor of its time.

#include <string>

#include "secap/v1/entities.pb.h"

namespace secap::testing {

// Residential: 10 000 MWh of electricity (`electricityT` t CO2, 8 120 at the
// 0.812 t/MWh of 2015) and 20 000 MWh of gas (4 040 t); population 10 400.
// No id: the test gives it one.
inline secap::v1::PublishedInventory submittedBei(const std::string& municipalityId, double electricityT = 8120) {
  secap::v1::PublishedInventory p;
  p.set_municipality_id(municipalityId);
  p.set_kind(secap::v1::INVENTORY_KIND_BEI);
  p.set_year(2015);
  p.set_approach(secap::v1::EMISSION_FACTOR_APPROACH_IPCC);
  p.set_unit(secap::v1::EMISSION_UNIT_T_CO2);
  p.set_population(10400);
  auto* e = p.add_lines();
  e->set_com_sector("residential");
  e->set_carrier(secap::v1::CARRIER_ELECTRICITY);
  e->set_mwh(10000);
  e->set_t_co2(electricityT);
  auto* g = p.add_lines();
  g->set_com_sector("residential");
  g->set_carrier(secap::v1::CARRIER_NATURAL_GAS);
  g->set_mwh(20000);
  g->set_t_co2(4040);
  p.set_source("SECAP 2017");
  return p;
}

}  // namespace secap::testing
