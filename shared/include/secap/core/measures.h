#pragma once
// Measure results (DESIGN.md §6.8, IPMVP option C): a measure's go-live date
// splits a site's billing periods into a baseline (the 12 months before) and a
// reporting period (after); the baseline model's avoided energy over the
// reporting period, annualised, is the verified saving, and its ratio to the
// expected saving is the realisation rate. An inspection with outcome
// `verified` marks the measure as verified.
//
// Pure functions over values; thread-safe.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "secap/core/mv.h"
#include "secap/core/status.h"

namespace secap::core {

struct MeasureDates {
  int64_t implementedAtMs = 0;            // go-live
  int baselineDays = 365;                 // the baseline window before go-live
  int blackoutDays = 0;                   // installation time after go-live left out
  std::optional<int64_t> reportingEndMs;  // default: all periods after
};

enum class InspectionOutcome { kVerified, kPartiallyVerified, kNotVerified, kFollowUpNeeded };

struct PeriodSplit {
  std::vector<BillingPeriod> baseline;   // periods inside [go-live − baselineDays, go-live]
  std::vector<BillingPeriod> reporting;  // periods inside [go-live + blackout, reportingEnd]
  int straddling = 0;                    // periods that cross a boundary, left out
};
PeriodSplit splitPeriods(std::span<const BillingPeriod> periods, const MeasureDates& dates);

struct MeasureOutcome {
  BillingModel model;
  AvoidedEnergy avoided;
  double verifiedSavingsMwhPerYear = 0;  // avoided × 365 / reporting days, in MWh
  std::optional<double> expectedSavingsMwhPerYear;
  std::optional<double> realisationRate;  // verified / expected
  bool verified = false;                  // an inspection found it `verified`
  int straddling = 0;
};

// The whole chain: split, fit the baseline, avoided energy, realisation rate.
Result<MeasureOutcome> measureOutcome(std::span<const BillingPeriod> periods, const MeasureDates& dates,
                                      std::optional<double> expectedSavingsMwhPerYear,
                                      std::span<const InspectionOutcome> inspections);

}  // namespace secap::core
