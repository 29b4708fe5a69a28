#include "secap/core/emissions.h"

#include <array>
#include <cmath>

namespace secap::core {

namespace {

constexpr std::string_view kIpccSource = "IPCC 2006 Guidelines Vol.2 (Energy) ch.2 Table 2.2, default CO2 EF (kg/TJ)";

constexpr std::array kIpcc{
    IpccDefault{Carrier::kNaturalGas, "Natural Gas", 56.1, kIpccSource},
    IpccDefault{Carrier::kHeatingOil, "Gas/Diesel Oil", 74.1, kIpccSource},
    IpccDefault{Carrier::kDiesel, "Gas/Diesel Oil", 74.1, kIpccSource},
    IpccDefault{Carrier::kGasoline, "Motor Gasoline", 69.3, kIpccSource},
    IpccDefault{Carrier::kLpg, "Liquefied Petroleum Gases", 63.1, kIpccSource},
    IpccDefault{Carrier::kResidualFuelOil, "Residual Fuel Oil", 77.4, kIpccSource},
    IpccDefault{Carrier::kCoal, "Other Bituminous Coal", 94.6, kIpccSource},
    IpccDefault{Carrier::kLignite, "Lignite", 101.0, kIpccSource},
    IpccDefault{Carrier::kBiomass, "Sustainable biomass (CO2 reported as zero)", 0.0,
                "IPCC 2006 Guidelines Vol.2 ch.2 §2.3.3.4; Covenant of Mayors guidebook: sustainable biomass = 0"},
    IpccDefault{Carrier::kPlantOil, "Other liquid biofuels (CO2 reported as zero)", 0.0,
                "IPCC 2006 Guidelines Vol.2 ch.2 §2.3.3.4; Covenant of Mayors guidebook: sustainable plant oil = 0"},
    IpccDefault{Carrier::kBiofuel, "Biodiesels / biogasoline (CO2 reported as zero)", 0.0,
                "IPCC 2006 Guidelines Vol.2 ch.2 §2.3.3.4; Covenant of Mayors guidebook: sustainable biofuels = 0"},
};

}  // namespace

std::string_view approachName(Approach a) { return a == Approach::kLca ? "lca" : "ipcc"; }

std::optional<Approach> parseApproach(std::string_view name) {
  if (name == "ipcc" || name == "IPCC") return Approach::kIpcc;
  if (name == "lca" || name == "LCA") return Approach::kLca;
  return std::nullopt;
}

double IpccDefault::tPerMwh() const { return tCo2PerTj * constant("tj_per_mwh"); }

std::span<const IpccDefault> ipccDefaults() { return kIpcc; }

std::optional<IpccDefault> ipccDefault(Carrier c) {
  for (const auto& d : kIpcc)
    if (d.carrier == c) return d;
  return std::nullopt;
}

Result<ResolvedFactor> EmissionFactorSet::lookup(Carrier c, Approach a, std::string_view country, int year) const {
  // Rank 0: the municipality's own; 1: the country's; 2: every country's.
  auto rankOf = [&](const EmissionFactor& f) { return f.local ? 0 : f.country == country ? 1 : f.country.empty() ? 2 : -1; };
  for (int rank = 0; rank <= 2; ++rank) {
    const EmissionFactor* best = nullptr;
    for (const auto& f : m_factors) {
      if (f.carrier != c || f.approach != a || f.year > year || rankOf(f) != rank) continue;
      // A year-0 factor holds for every year: an exact year beats it, and it is no fallback.
      if (best == nullptr || f.year > best->year) best = &f;
    }
    if (best != nullptr)
      return ResolvedFactor{best->tPerMwh, best->source, best->year, best->year != 0 && best->year != year};
  }
  if (a == Approach::kIpcc) {
    if (auto d = ipccDefault(c)) return ResolvedFactor{d->tPerMwh(), std::string(d->source), 0, false};
    if (c == Carrier::kSolarThermal || c == Carrier::kPvProduction || c == Carrier::kGeothermal)
      return ResolvedFactor{0.0, "IPCC approach: local renewable energy, no combustion CO2", 0, false};
  }
  return notFound("no " + std::string(approachName(a)) + " emission factor for " + std::string(carrierName(c)) +
                  " in " + std::string(country) + " for " + std::to_string(year) + " or earlier");
}

Result<LocalElectricityFactor> localElectricityFactor(const LocalElectricityInputs& in) {
  for (double v : {in.totalConsumptionMwh, in.localProductionMwh, in.greenPurchasesMwh, in.nationalFactorTPerMwh,
                   in.localProductionT, in.greenPurchasesT})
    if (!std::isfinite(v) || v < 0) return invalidArgument("EFE inputs must be finite and not negative");
  if (in.totalConsumptionMwh <= 0) return invalidArgument("EFE needs a total electricity consumption (TCE) above 0");
  const double local = in.localProductionMwh + in.greenPurchasesMwh;
  if (local > in.totalConsumptionMwh) {
    return LocalElectricityFactor{(in.localProductionT + in.greenPurchasesT) / local, true};
  }
  const double t =
      (in.totalConsumptionMwh - local) * in.nationalFactorTPerMwh + in.localProductionT + in.greenPurchasesT;
  return LocalElectricityFactor{t / in.totalConsumptionMwh, false};
}

}  // namespace secap::core
