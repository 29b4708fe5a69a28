#pragma once
// Emission factors and emissions (DESIGN.md §6.4): t CO2 = MWh × EF, where EF
// depends on the carrier, the approach (IPCC activity-based or LCA), the
// country and the year. Fuels fall back to the IPCC 2006 defaults, computed
// from t/TJ × 0.0036 TJ/MWh and shipped with their source. Electricity and
// district heat factors, and every LCA factor, are entered as data (they are
// national and yearly). The local electricity factor EFE follows the Covenant
// of Mayors guidebook.
//
// EmissionFactorSet is a value: build it, then query it from any thread.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secap/core/status.h"
#include "secap/core/units.h"

namespace secap::core {

enum class Approach { kIpcc, kLca };
std::string_view approachName(Approach a);
std::optional<Approach> parseApproach(std::string_view name);

// One entered factor (reference data).
struct EmissionFactor {
  Carrier carrier = Carrier::kUnspecified;
  Approach approach = Approach::kIpcc;
  std::string country;  // ISO 3166-1 alpha-2; empty: a default for every country (e.g. LCA defaults)
  int year = 0;
  double tPerMwh = 0;
  std::string source;
  // Set for a municipality's own factor (a district-heat network's). A set
  // is built for one municipality, so any local factor in it is that
  // municipality's, and it outranks the national one.
  bool local = false;
};

// An IPCC 2006 default, per TJ as published.
struct IpccDefault {
  Carrier carrier;
  std::string_view fuel;  // the IPCC fuel name
  double tCo2PerTj;
  std::string_view source;
  [[nodiscard]] double tPerMwh() const;  // tCo2PerTj × tj_per_mwh (0.0036)
};
std::span<const IpccDefault> ipccDefaults();
std::optional<IpccDefault> ipccDefault(Carrier c);

// The factor chosen for one line, with where it came from.
struct ResolvedFactor {
  double tPerMwh = 0;
  std::string source;
  int year = 0;           // the data year of the factor (0 for IPCC defaults)
  bool fallback = false;  // an earlier year's factor, because none exists for the year asked
};

class EmissionFactorSet {
 public:
  void add(EmissionFactor f) { m_factors.push_back(std::move(f)); }
  [[nodiscard]] const std::vector<EmissionFactor>& factors() const { return m_factors; }

  // The first that has a factor for (carrier, approach) in `year` or an
  // earlier year (the latest such year; an earlier year is marked fallback):
  // the municipality's own (local) factors, then the country's, then the
  // defaults entered for every country; else, for the IPCC approach, the
  // built-in IPCC default of a fuel (solar thermal, geothermal and PV are
  // 0). Not found otherwise: electricity and heat need a national or local
  // factor, and every LCA factor must be entered.
  [[nodiscard]] Result<ResolvedFactor> lookup(Carrier c, Approach a, std::string_view country, int year) const;

 private:
  std::vector<EmissionFactor> m_factors;
};

// Inputs of the local electricity factor, all for one year.
struct LocalElectricityInputs {
  double totalConsumptionMwh = 0;    // TCE
  double localProductionMwh = 0;     // LPE (eligible local production)
  double greenPurchasesMwh = 0;      // GEP (certified green electricity bought by the local authority)
  double nationalFactorTPerMwh = 0;  // NEEFE
  double localProductionT = 0;       // CO2LPE
  double greenPurchasesT = 0;        // CO2GEP
};

struct LocalElectricityFactor {
  double tPerMwh = 0;
  bool netExporter = false;  // LPE + GEP > TCE: the guidebook's exporter formula was used
};

// EFE = [(TCE − LPE − GEP) × NEEFE + CO2LPE + CO2GEP] / TCE; when the
// municipality is a net exporter (LPE + GEP > TCE), EFE = (CO2LPE + CO2GEP) /
// (LPE + GEP). Invalid when TCE <= 0 or an input is negative.
Result<LocalElectricityFactor> localElectricityFactor(const LocalElectricityInputs& in);

}  // namespace secap::core
