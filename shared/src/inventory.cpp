#include "secap/core/inventory.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace secap::core {

namespace {

constexpr std::array<std::string_view, 11> kSectors{
    "municipal_buildings",
    "public_lighting",
    "tertiary",
    "residential",
    "industry_non_ets",
    "municipal_fleet",
    "public_transport",
    "private_commercial_transport",
    "agriculture_forestry_fishery",
    "local_electricity_production",
    "local_heat_production",
};

double pct(double part, double whole) { return whole != 0 ? part / whole * 100.0 : 0.0; }

}  // namespace

std::span<const std::string_view> comSectors() { return kSectors; }

bool isComSector(std::string_view key) {
  for (auto s : kSectors)
    if (s == key) return true;
  return false;
}

Result<Inventory> buildInventory(std::span<const ActivityData> lines, const EmissionFactorSet& factors,
                                 const InventoryOptions& options) {
  Inventory inv;
  inv.year = options.year;
  inv.approach = options.approach;
  inv.country = options.country;
  for (size_t i = 0; i < lines.size(); ++i) {
    const ActivityData& line = lines[i];
    if (line.year != options.year) continue;
    const std::string where =
        "line " + std::to_string(i + 1) + " (" + line.sector + ", " + std::string(carrierName(line.carrier)) + "): ";
    if (!isComSector(line.sector)) return invalidArgument(where + "unknown Covenant of Mayors sector");
    if (!isConsumedEnergy(line.carrier))
      return invalidArgument(where + "not final energy consumption (local production enters the EFE instead)");
    if (!std::isfinite(line.mwh) || line.mwh < 0) return invalidArgument(where + "MWh must be finite and >= 0");

    ResolvedFactor factor;
    if (line.carrier == Carrier::kElectricity && options.localElectricityTPerMwh) {
      factor = {*options.localElectricityTPerMwh, "local electricity factor (EFE)", options.year, false};
    } else {
      auto found = factors.lookup(line.carrier, options.approach, options.country, options.year);
      if (!found.isOk()) return invalidArgument(where + found.status().message());
      factor = *found;
    }
    InventoryCell& cell = inv.cells[line.sector][line.carrier];
    cell.mwh += line.mwh;
    cell.tPerMwh = factor.tPerMwh;
    cell.factorSource = factor.source;
    cell.factorFallback = factor.fallback;
  }
  for (auto& [sector, byCarrier] : inv.cells) {
    for (auto& [carrier, cell] : byCarrier) {
      cell.tCo2 = cell.mwh * cell.tPerMwh;
      inv.sectorTCo2[sector] += cell.tCo2;
      inv.carrierMwh[carrier] += cell.mwh;
      inv.totalMwh += cell.mwh;
      inv.totalTCo2 += cell.tCo2;
    }
  }
  return inv;
}

const Inventory& baselineOf(const Inventory& computed, const Inventory* published, bool locked) {
  return locked && published != nullptr ? *published : computed;
}

Result<Reduction> reductionAgainstBaseline(const Inventory& bei, long long beiPopulation, const Inventory& mei,
                                           long long meiPopulation, const TargetPath& path) {
  if (!(bei.totalTCo2 > 0)) return invalidArgument("the baseline inventory has no emissions");
  if (path.targetYear <= path.baselineYear) return invalidArgument("the target year must follow the baseline year");
  Reduction r;
  r.baselineYear = bei.year;
  r.year = mei.year;
  r.baselineTCo2 = bei.totalTCo2;
  r.tCo2 = mei.totalTCo2;
  r.reductionPct = pct(bei.totalTCo2 - mei.totalTCo2, bei.totalTCo2);
  if (beiPopulation > 0 && meiPopulation > 0) {
    r.baselinePerCapitaT = bei.totalTCo2 / static_cast<double>(beiPopulation);
    r.perCapitaT = mei.totalTCo2 / static_cast<double>(meiPopulation);
    r.perCapitaReductionPct = pct(*r.baselinePerCapitaT - *r.perCapitaT, *r.baselinePerCapitaT);
  } else if (path.perCapita) {
    return invalidArgument("a per-capita target needs the population of both years");
  }
  const double elapsed = static_cast<double>(mei.year - path.baselineYear);
  const double span = static_cast<double>(path.targetYear - path.baselineYear);
  r.expectedReductionPct = path.targetReductionPct * std::clamp(elapsed / span, 0.0, 1.0);
  const double achieved = path.perCapita ? *r.perCapitaReductionPct : r.reductionPct;
  r.onTrack = achieved >= r.expectedReductionPct;
  return r;
}

}  // namespace secap::core
