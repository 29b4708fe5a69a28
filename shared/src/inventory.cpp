#include "secap/core/inventory.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace secap::core {

namespace {

constexpr std::array<std::string_view, 12> kSectors{
    "municipal_buildings",
    "tertiary",
    "residential",
    "public_lighting",
    "industry_non_ets",
    "industry_ets",
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

bool isComSector(std::string_view key) { return std::find(kSectors.begin(), kSectors.end(), key) != kSectors.end(); }

bool isConsumptionSector(std::string_view key) {
  return isComSector(key) && key != "local_electricity_production" && key != "local_heat_production";
}

Inventory buildInventory(std::span<const ActivityData> lines, const EmissionFactorSet& factors,
                         const InventoryOptions& options) {
  Inventory inv;
  inv.year = options.year;
  inv.approach = options.approach;
  inv.country = options.country;
  auto gap = [&](const ActivityData& line, std::string reason) {
    const std::string what = line.meterId.empty()
                                 ? "activity data" + (line.source.empty() ? "" : " (" + line.source + ")")
                                 : "meter " + line.meterId;
    inv.gaps.push_back({line.sector, line.carrier, std::isfinite(line.mwh) ? line.mwh : 0.0, what + ": " + reason});
  };
  for (const ActivityData& line : lines) {
    if (line.year != options.year) continue;
    if (!line.problem.empty()) {
      gap(line, line.problem);
      continue;
    }
    if (!isConsumptionSector(line.sector)) {
      gap(line, isComSector(line.sector) ? "local production is not final energy consumption (it enters the EFE)"
                                         : "unknown Covenant of Mayors sector '" + line.sector + "'");
      continue;
    }
    if (!isConsumedEnergy(line.carrier)) {
      gap(line, std::string(carrierName(line.carrier)) + " is not final energy consumption");
      continue;
    }
    if (!std::isfinite(line.mwh) || line.mwh < 0) {
      gap(line, "MWh must be finite and not negative");
      continue;
    }
    InventoryCell& cell = inv.cells[line.sector][line.carrier];
    cell.mwh += line.mwh;
    if (line.meterId.empty()) {
      cell.origin.activitySources.insert(line.source);
    } else {
      cell.origin.meters.insert(line.meterId);
      cell.origin.readings += line.readings;
    }
  }
  for (auto& [sector, byCarrier] : inv.cells) {
    for (auto& [carrier, cell] : byCarrier) {
      if (carrier == Carrier::kElectricity && options.localElectricityTPerMwh) {
        cell.tPerMwh = *options.localElectricityTPerMwh;
        cell.factorSource = "local electricity factor (EFE)";
        continue;
      }
      auto found = factors.lookup(carrier, options.approach, options.country, options.year);
      if (!found.isOk()) {
        cell.missing = true;
        inv.gaps.push_back({sector, carrier, cell.mwh, found.status().message()});
        continue;
      }
      cell.tPerMwh = found->tPerMwh;
      cell.factorSource = found->source;
      cell.factorFallback = found->fallback;
    }
  }
  for (auto& [sector, byCarrier] : inv.cells)
    for (auto& [carrier, cell] : byCarrier)
      if (!cell.missing) cell.tCo2 = cell.mwh * cell.tPerMwh;
  totalUp(inv);
  return inv;
}

void totalUp(Inventory& inv) {
  inv.sectorTCo2.clear();
  inv.carrierMwh.clear();
  inv.totalMwh = 0;
  inv.totalTCo2 = inv.nonEnergyTCo2;
  for (const auto& [sector, byCarrier] : inv.cells) {
    for (const auto& [carrier, cell] : byCarrier) {
      inv.carrierMwh[carrier] += cell.mwh;
      inv.totalMwh += cell.mwh;
      if (cell.missing) continue;
      inv.sectorTCo2[sector] += cell.tCo2;
      inv.totalTCo2 += cell.tCo2;
    }
  }
}

const Inventory& baselineOf(const Inventory& computed, const Inventory* published, bool locked) {
  return locked && published != nullptr ? *published : computed;
}

double linearPathReductionPct(const TargetPath& path, int year) {
  if (path.targetYear <= path.baselineYear) return year >= path.targetYear ? path.targetReductionPct : 0.0;
  const double elapsed = static_cast<double>(year - path.baselineYear);
  const double span = static_cast<double>(path.targetYear - path.baselineYear);
  return path.targetReductionPct * std::clamp(elapsed / span, 0.0, 1.0);
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
  r.expectedReductionPct = linearPathReductionPct(path, mei.year);
  const double achieved = path.perCapita ? *r.perCapitaReductionPct : r.reductionPct;
  r.onTrack = achieved >= r.expectedReductionPct;
  return r;
}

}  // namespace secap::core
