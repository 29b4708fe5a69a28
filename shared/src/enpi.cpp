#include "secap/core/enpi.h"

#include <algorithm>

namespace secap::core {

namespace {

std::optional<double> perM2(const std::optional<double>& kwh, double area) {
  if (!kwh || !(area > 0)) return std::nullopt;
  return *kwh / area;
}

}  // namespace

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::vector<SiteEnpi> siteEnpis(std::span<const SiteEnergy> sites, std::span<const SiteEnergy> group) {
  std::map<std::string, std::vector<double>> heat, electricity;
  for (const auto& s : group) {
    if (auto v = perM2(s.heatKwhPerYear, s.heatedAreaM2)) heat[s.kind].push_back(*v);
    if (auto v = perM2(s.electricityKwhPerYear, s.heatedAreaM2)) electricity[s.kind].push_back(*v);
  }
  std::vector<SiteEnpi> out;
  for (const auto& s : sites) {
    SiteEnpi e;
    e.siteId = s.siteId;
    e.kind = s.kind;
    e.heatKwhPerM2 = perM2(s.heatKwhPerYear, s.heatedAreaM2);
    e.electricityKwhPerM2 = perM2(s.electricityKwhPerYear, s.heatedAreaM2);
    if (auto it = heat.find(s.kind); it != heat.end()) e.heatMedianOfKind = median(it->second);
    if (auto it = electricity.find(s.kind); it != electricity.end()) e.electricityMedianOfKind = median(it->second);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace secap::core
