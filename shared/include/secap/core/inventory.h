#pragma once
// Emission inventories (DESIGN.md §6.5): the Baseline Emission Inventory (BEI)
// and Monitoring Emission Inventories (MEI) as Covenant of Mayors sector ×
// carrier matrices in MWh (NCV basis) and t CO2, built from metered
// consumption plus ActivityData; the reduction against the baseline, in total
// and per capita; the on-track test against a linear path to the target; and
// the rule that a locked (published) BEI stays as it was published.
//
// Pure functions over values; thread-safe.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secap/core/emissions.h"
#include "secap/core/status.h"
#include "secap/core/units.h"

namespace secap::core {

// Covenant of Mayors sector keys (DESIGN §3 sector tree).
std::span<const std::string_view> comSectors();
bool isComSector(std::string_view key);

// An inventory line that meters do not cover (residential, tertiary,
// transport...), or a line built from meter rollups.
struct ActivityData {
  int year = 0;
  std::string sector;
  Carrier carrier = Carrier::kUnspecified;
  double mwh = 0;  // final energy on the NCV basis
  std::string source;
};

struct InventoryCell {
  double mwh = 0;
  double tCo2 = 0;
  double tPerMwh = 0;
  std::string factorSource;
  bool factorFallback = false;
};

struct Inventory {
  int year = 0;
  Approach approach = Approach::kIpcc;
  std::string country;
  std::map<std::string, std::map<Carrier, InventoryCell>> cells;  // sector → carrier → cell
  std::map<std::string, double> sectorTCo2;
  std::map<Carrier, double> carrierMwh;
  double totalMwh = 0;
  double totalTCo2 = 0;
  bool published = false;  // figures frozen as submitted (a locked BEI)
};

struct InventoryOptions {
  int year = 0;
  Approach approach = Approach::kIpcc;
  std::string country;
  // When set, electricity uses this local factor (EFE) instead of the national one.
  std::optional<double> localElectricityTPerMwh;
};

// Builds one year's inventory from the lines of that year (other years'
// lines are ignored). Fails on an unknown sector, a negative or non-finite
// MWh, or a missing emission factor, naming the line.
Result<Inventory> buildInventory(std::span<const ActivityData> lines, const EmissionFactorSet& factors,
                                 const InventoryOptions& options);

// MunicipalityYear (DESIGN §3).
struct MunicipalityYear {
  int year = 0;
  long long population = 0;
  bool beiLocked = false;
};

// The baseline to compare with: the published BEI when the baseline year is
// locked and a published inventory exists, otherwise the freshly computed one.
// Later changes to factors therefore never move a locked BEI.
const Inventory& baselineOf(const Inventory& computed, const Inventory* published, bool locked);

struct TargetPath {
  int baselineYear = 0;
  int targetYear = 0;
  double targetReductionPct = 0;  // e.g. 40 for −40 %
  bool perCapita = false;         // the target is per capita (Covenant allows either)
};

struct Reduction {
  int baselineYear = 0;
  int year = 0;
  double baselineTCo2 = 0;
  double tCo2 = 0;
  double reductionPct = 0;  // (BEI − MEI) / BEI × 100
  std::optional<double> baselinePerCapitaT;
  std::optional<double> perCapitaT;
  std::optional<double> perCapitaReductionPct;
  double expectedReductionPct = 0;  // the linear path's value at `year`
  bool onTrack = false;             // the reduction (per capita if the target is) ≥ the path's value
};

// Reduction of `mei` against `bei`, with populations when known (0 = unknown).
Result<Reduction> reductionAgainstBaseline(const Inventory& bei, long long beiPopulation, const Inventory& mei,
                                           long long meiPopulation, const TargetPath& path);

}  // namespace secap::core
