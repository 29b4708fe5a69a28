#pragma once
// Emission inventories (DESIGN.md §6.5): the Baseline Emission Inventory (BEI)
// and Monitoring Emission Inventories (MEI) as Covenant of Mayors sector ×
// carrier matrices in MWh (NCV basis) and t CO2, built from metered
// consumption plus ActivityData; the reduction against the baseline, in total
// and per capita; the on-track test against a linear path to the target; and
// the rule that a locked (published) BEI stays as it was published.
//
// Cells, not all or nothing: every cell that can be computed is; a line
// without usable data or a cell without an emission factor becomes a gap with
// its reason, and the rest still counts. Each cell says where its figure
// comes from (meters and their readings, activity data and its source, or a
// published inventory).
//
// Pure functions over values; thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secap/core/emissions.h"
#include "secap/core/status.h"
#include "secap/core/units.h"

namespace secap::core {

// Covenant of Mayors sector keys (DESIGN §3 sector tree), in the order of
// the Covenant's table A, then the local production sectors.
std::span<const std::string_view> comSectors();
bool isComSector(std::string_view key);
// A sector of final energy consumption (tables A and B), not local production.
bool isConsumptionSector(std::string_view key);

// One inventory line: final energy of one sector and carrier in one year.
// From ActivityData (utilities' and statistics offices' figures), or from a
// meter's rollup (meterId set).
struct ActivityData {
  int year = 0;
  std::string sector;
  Carrier carrier = Carrier::kUnspecified;
  double mwh = 0;  // final energy on the NCV basis
  std::string source;
  std::string meterId;   // set for a line built from a meter
  int64_t readings = 0;  // the meter's readings taken in that year
  std::string problem;   // set when the line's MWh could not be computed: it becomes a gap
};

// Where a cell's figure comes from.
struct CellOrigin {
  std::set<std::string> meters;           // meter ids
  int64_t readings = 0;                   // their readings in the year
  std::set<std::string> activitySources;  // ActivityData sources
  bool published = false;                 // a published inventory, as submitted
};

struct InventoryCell {
  double mwh = 0;
  double tCo2 = 0;
  double tPerMwh = 0;
  std::string factorSource;
  bool factorFallback = false;
  // No emission figure: no factor (computed) or none given (published). The
  // MWh still count; the t CO2 totals leave the cell out.
  bool missing = false;
  CellOrigin origin;
};

// A cell or line that could not be counted, and why.
struct InventoryGap {
  std::string sector;
  Carrier carrier = Carrier::kUnspecified;
  double mwh = 0;  // the energy concerned, when known
  std::string reason;
};

struct Inventory {
  int year = 0;
  Approach approach = Approach::kIpcc;
  std::string country;
  std::map<std::string, std::map<Carrier, InventoryCell>> cells;  // sector → carrier → cell
  std::map<std::string, double> sectorTCo2;
  std::map<Carrier, double> carrierMwh;
  double totalMwh = 0;
  double totalTCo2 = 0;      // energy cells plus nonEnergyTCo2
  double nonEnergyTCo2 = 0;  // waste, waste water... (published inventories)
  std::vector<InventoryGap> gaps;
  bool published = false;  // figures frozen as submitted (a locked BEI)

  [[nodiscard]] bool complete() const { return gaps.empty(); }
};

struct InventoryOptions {
  int year = 0;
  Approach approach = Approach::kIpcc;
  std::string country;
  // When set, electricity uses this local factor (EFE) instead of the national one.
  std::optional<double> localElectricityTPerMwh;
};

// Builds one year's inventory from the lines of that year (other years'
// lines are ignored). A line with an unknown or production sector, a carrier
// that is not final energy, a negative or non-finite MWh, or a problem is a
// gap; a cell whose carrier has no emission factor keeps its MWh, is marked
// missing and is a gap. Never fails.
Inventory buildInventory(std::span<const ActivityData> lines, const EmissionFactorSet& factors,
                         const InventoryOptions& options);

// Recomputes a published inventory's totals from its cells (the cells of a
// published inventory are as submitted: t CO2 given, never a factor).
void totalUp(Inventory& inventory);

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

// The linear path's reduction (%) in `year`: 0 in the baseline year, the
// target in the target year, straight between (clamped outside).
double linearPathReductionPct(const TargetPath& path, int year);

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
