#include "secap/core/measures.h"

#include <algorithm>

namespace secap::core {

namespace {
constexpr int64_t kMsPerDay = 86400000;
}

PeriodSplit splitPeriods(std::span<const BillingPeriod> periods, const MeasureDates& d) {
  PeriodSplit out;
  const int64_t baselineStart = d.implementedAtMs - static_cast<int64_t>(d.baselineDays) * kMsPerDay;
  const int64_t reportingStart = d.implementedAtMs + static_cast<int64_t>(d.blackoutDays) * kMsPerDay;
  for (const auto& p : periods) {
    if (p.startMs >= baselineStart && p.endMs <= d.implementedAtMs) {
      out.baseline.push_back(p);
    } else if (p.startMs >= reportingStart && (!d.reportingEndMs || p.endMs <= *d.reportingEndMs)) {
      out.reporting.push_back(p);
    } else if ((p.startMs < d.implementedAtMs && p.endMs > d.implementedAtMs) ||
               (p.startMs < baselineStart && p.endMs > baselineStart) ||
               (p.startMs < reportingStart && p.endMs > reportingStart)) {
      ++out.straddling;
    }
  }
  return out;
}

Result<MeasureOutcome> measureOutcome(std::span<const BillingPeriod> periods, const MeasureDates& dates,
                                      std::optional<double> expectedSavingsMwhPerYear,
                                      std::span<const InspectionOutcome> inspections) {
  const PeriodSplit split = splitPeriods(periods, dates);
  auto model = fitBillingModel(split.baseline);
  if (!model.isOk()) return Status(model.status().code(), "baseline: " + model.status().message());
  if (split.reporting.empty()) return invalidArgument("no reporting periods after the go-live date");
  MeasureOutcome out;
  out.model = *model;
  out.avoided = avoidedEnergy(out.model, split.reporting);
  out.verifiedSavingsMwhPerYear = out.avoided.avoidedKwh / 1000.0 * 365.0 / out.avoided.days;
  out.expectedSavingsMwhPerYear = expectedSavingsMwhPerYear;
  if (expectedSavingsMwhPerYear && *expectedSavingsMwhPerYear > 0)
    out.realisationRate = out.verifiedSavingsMwhPerYear / *expectedSavingsMwhPerYear;
  out.verified = std::find(inspections.begin(), inspections.end(), InspectionOutcome::kVerified) != inspections.end();
  out.straddling = split.straddling;
  return out;
}

}  // namespace secap::core
