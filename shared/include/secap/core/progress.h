#pragma once
// A municipality's SECAP progress from its synced records (DESIGN.md §6.5):
// its BEI, its MEIs, the reduction of the latest MEI against the BEI (total
// and per capita) and the on-track verdict, and the climate-neutrality gap
// where it has such a target. The device (offline) and the server run this
// same code on the same records, so they show the same reduction.
//
// Which inventory stands for a year:
// - the baseline year, when MunicipalityYear.bei_locked is set and a
//   PublishedInventory BEI exists: that record, as submitted (a locked BEI
//   is never recomputed; later factors and activity data do not move it);
// - otherwise a year with ActivityData: computed from the activity data plus
//   the municipality's meters (their sites' sectors), by buildInventory;
// - otherwise a year with a published inventory: that record.
// A year with meters only is no inventory: the municipality's own buildings
// are a few per cent of its territory, and comparing them with a whole-
// territory BEI would show a reduction that is not there.
//
// Of several published records for one kind and year, the current one is
// the one no other record supersedes (the latest submitted_at, then the
// highest id, when two are current).
//
// Pure functions over values; thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/core/emissions.h"
#include "secap/core/inventory.h"
#include "secap/core/rollup.h"
#include "secap/v1/entities.pb.h"

namespace secap::core {

// Everything the calculation reads, as synced. `factors` holds the global
// ones and the municipality's own; records of other municipalities are
// ignored.
struct MonitoringRecords {
  secap::v1::Municipality municipality;
  std::vector<secap::v1::MunicipalityYear> years;
  std::vector<secap::v1::PublishedInventory> published;
  std::vector<secap::v1::ActivityData> activity;
  std::vector<secap::v1::Site> sites;
  std::vector<secap::v1::Meter> meters;
  std::vector<secap::v1::Reading> readings;
  std::vector<secap::v1::ReadingReview> reviews;
  std::vector<secap::v1::EmissionFactor> factors;
  std::vector<secap::v1::DegreeDays> degreeDays;
  // The meters' monthly rollups by meter id, when the caller keeps them (the
  // server): the lines come from these, and `readings`/`reviews` may stay
  // empty. Unset: computed from the readings (a device).
  std::optional<std::map<std::string, MonthlyUse>> rollups;
  // For the report's measures (report.h).
  std::vector<secap::v1::Measure> measures;
  std::vector<secap::v1::ProgressUpdate> progress;
  std::vector<secap::v1::Inspection> inspections;
};

// Every meter's months: `rollups` when set, else from the readings.
std::map<std::string, MonthlyUse> meterMonths(const MonitoringRecords& records);

// The municipality's time zone (UTC when unknown) and its monthly HDD.
Calendar calendarOf(const secap::v1::Municipality& municipality);
DegreeDays degreeDaysOf(const std::vector<secap::v1::DegreeDays>& records, const std::string& municipalityId);

Approach approachFromProto(secap::v1::EmissionFactorApproach a);

// The factor set for one municipality: the global factors and its own
// (marked local).
EmissionFactorSet factorSetOf(const MonitoringRecords& records);

// Inventory lines from the municipality's meters: one per meter and
// calendar year (the municipality's time zone), in MWh on the NCV basis,
// spread by heating degree days for heating carriers where HDD are known
// (rollup.h: from `rollups` when set, else from the readings). Water and PV
// meters give none; a meter whose unit cannot be converted gives lines with
// a problem (a gap) for the years it has readings.
std::vector<ActivityData> meterLines(const MonitoringRecords& records);

// A published inventory as an Inventory (published = true): its cells as
// submitted, their factors t/MWh derived, non-energy emissions included.
Inventory inventoryFromPublished(const secap::v1::PublishedInventory& published, std::string_view country);

// The published records no other record supersedes.
std::vector<secap::v1::PublishedInventory> currentPublished(std::vector<secap::v1::PublishedInventory> all);

// One year's inventory and how it was arrived at.
struct YearInventory {
  Inventory inventory;
  bool baseline = false;          // the BEI
  std::string publishedId;        // set when the figures are a published record's
  std::string publishedSource;
  bool locked = false;            // a locked BEI
  long long population = 0;       // 0 when unknown
  bool populationEstimated = false;  // the municipality's current population stood in
  std::optional<double> perCapitaT;
};

struct MunicipalityProgress {
  std::string municipalityId;
  std::string name;
  int baselineYear = 0;
  int targetYear = 0;
  double targetReductionPct = 0;
  std::optional<YearInventory> bei;
  std::vector<YearInventory> meis;  // ascending by year, every inventory year after the baseline
  std::optional<Reduction> reduction;  // the latest MEI against the BEI
  std::optional<int> climateNeutralityYear;
  std::optional<double> neutralityGapT;            // the latest MEI's emissions, all still to go
  std::optional<double> neutralityCutTPerYear;     // the gap spread evenly to the neutrality year
  std::vector<std::string> notes;  // why something is absent, in English
};

MunicipalityProgress municipalityProgress(const MonitoringRecords& records);

// A computed year's inventory in the shape of a published record, for the
// Covenant CSV (com_template.h): one line per cell (a missing cell without
// t CO2), the year's population, the municipality's approach (t CO2 for
// IPCC, t CO2-eq for LCA). Ids are left empty.
secap::v1::PublishedInventory toPublishedShape(const YearInventory& year, const secap::v1::Municipality& municipality);

// Do two inventories carry the same figures (to 0.0005 MWh and t): kind,
// year, approach, unit, population, every line, non-energy and local
// production line, and the header factors? Ids, source and dates are not
// compared.
bool sameFigures(const secap::v1::PublishedInventory& a, const secap::v1::PublishedInventory& b);

}  // namespace secap::core
