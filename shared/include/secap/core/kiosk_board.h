#pragma once
// The kiosk board's building card (DESIGN.md §7 kiosk: "this month against
// the same month last year (normalised)"): a site's energy in the last
// complete local month beside the same month a year before, like for like
// (only meters whose readings cover both months), heat scaled to this
// month's weather by heating degree days where both months' HDD are known.
// The same calculation serves the tablet and any report of the server.
//
// Pure functions over values; thread-safe.

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/core/consumption.h"

namespace secap::core {

// One meter's readings, as the board reads them.
struct MeterSeries {
  MeterConfig config;
  std::vector<ReadingRecord> readings;
};

// The series of the meters of `siteIds` from the synced records; a flagged
// reading counts once a coordinator's review confirmed it (consumption.h).
std::vector<MeterSeries> meterSeriesOf(const std::vector<secap::v1::Meter>& meters,
                                       const std::vector<secap::v1::Reading>& readings,
                                       const std::vector<secap::v1::ReadingReview>& reviews,
                                       const std::set<std::string>& siteIds);

struct MonthComparison {
  YearMonth month;               // the last complete local month before `nowMs`
  int meters = 0;                // meters covering both months (the like-for-like set)
  double kwh = 0;                // their energy in `month`
  double lastYearKwh = 0;        // the same meters' energy a year before, as measured
  double referenceKwh = 0;       // last year's, heat scaled to this month's HDD where known
  bool normalised = false;       // some heat was scaled by degree days
  std::optional<double> change;  // kwh / referenceKwh − 1; none without a reference
};

// The comparison for the meters of one site (or a few): meters whose
// readings do not cover both whole months, and meters with no energy unit
// (water), are left out; `meters` == 0 means there is nothing to compare.
MonthComparison compareMonth(std::span<const MeterSeries> meters, const DegreeDays* hdd, const Calendar& cal,
                             int64_t nowMs);

}  // namespace secap::core
