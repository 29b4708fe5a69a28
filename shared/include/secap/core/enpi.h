#pragma once
// Energy performance indicators (DESIGN.md §6.7, ISO 50006): kWh per m² of
// heated area per year, for heat (weather-normalised) and for electricity,
// benchmarked against the median of sites of the same kind in the
// municipality and across shared peers.
//
// Pure functions over values; thread-safe.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace secap::core {

struct SiteEnergy {
  std::string siteId;
  std::string kind;                             // site kind key, e.g. "school"
  double heatedAreaM2 = 0;                      // 0 = unknown: no EnPI
  std::optional<double> heatKwhPerYear;         // normalised annual heat use
  std::optional<double> electricityKwhPerYear;  // annual electricity use
};

struct SiteEnpi {
  std::string siteId;
  std::string kind;
  std::optional<double> heatKwhPerM2;
  std::optional<double> electricityKwhPerM2;
  std::optional<double> heatMedianOfKind;  // the group's median (the municipality or the peers)
  std::optional<double> electricityMedianOfKind;
};

// Median of values (the mean of the two middle ones for an even count);
// nullopt for none.
std::optional<double> median(std::vector<double> values);

// EnPIs of `sites`, each with the median of its kind over `group` (pass the
// same sites for the municipality's median, or all sharing municipalities'
// sites for the peer median).
std::vector<SiteEnpi> siteEnpis(std::span<const SiteEnergy> sites, std::span<const SiteEnergy> group);

}  // namespace secap::core
