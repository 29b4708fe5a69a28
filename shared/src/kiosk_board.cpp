#include "secap/core/kiosk_board.h"

#include <cmath>
#include <map>

#include "secap/core/units.h"

namespace secap::core {

std::vector<MeterSeries> meterSeriesOf(const std::vector<secap::v1::Meter>& meters,
                                       const std::vector<secap::v1::Reading>& readings,
                                       const std::vector<secap::v1::ReadingReview>& reviews,
                                       const std::set<std::string>& siteIds) {
  const ReviewIndex index = reviewIndexFromProto(reviews);
  std::vector<MeterSeries> out;
  std::map<std::string, size_t> byMeter;
  for (const auto& m : meters) {
    if (!siteIds.count(m.site_id())) continue;
    byMeter[m.id()] = out.size();
    out.push_back({meterConfigFromProto(m), {}});
  }
  for (const auto& r : readings)
    if (auto it = byMeter.find(r.meter_id()); it != byMeter.end())
      out[it->second].readings.push_back(readingFromProto(r, &index));
  return out;
}

MonthComparison compareMonth(std::span<const MeterSeries> meters, const DegreeDays* hdd, const Calendar& cal,
                             int64_t nowMs) {
  MonthComparison out;
  const int current = cal.monthOf(nowMs).index();
  out.month = YearMonth::fromIndex(current - 1);
  const YearMonth before = YearMonth::fromIndex(current - 13);
  const int64_t beforeStart = cal.monthStartMs(before);
  const int64_t monthEnd = cal.monthStartMs(YearMonth::fromIndex(current));

  // Heat is scaled by this month's HDD over last year's, where both are known.
  double hddRatio = NAN;
  if (hdd && !hdd->empty()) {
    const double now = hdd->month(out.month);
    const double then = hdd->month(before);
    if (std::isfinite(now) && std::isfinite(then) && then > 0) hddRatio = now / then;
  }

  for (const MeterSeries& m : meters) {
    if (!kwhPerUnit(m.config)) continue;  // water: no energy
    const MeterConsumption consumption = meterConsumption(m.config, m.readings);
    if (consumption.intervals.empty()) continue;
    const int64_t from = consumption.intervals.front().startMs;
    const int64_t until = consumption.intervals.back().endMs;
    if (from > beforeStart || until < monthEnd) continue;  // not both whole months
    // Heat by degree days within the intervals, like the report does.
    const bool heat = isHeatingCarrier(m.config.carrier);
    const auto months = calendariseMonthly(consumption.intervals, cal, heat && hdd && !hdd->empty() ? hdd : nullptr);
    auto kwhOf = [&](const YearMonth& ym) {
      auto it = months.find(ym);
      return it == months.end() ? 0.0 : it->second;
    };
    const double now = kwhOf(out.month);
    const double then = kwhOf(before);
    ++out.meters;
    out.kwh += now;
    out.lastYearKwh += then;
    if (heat && std::isfinite(hddRatio)) {
      out.referenceKwh += then * hddRatio;
      out.normalised = true;
    } else {
      out.referenceKwh += then;
    }
  }
  if (out.meters > 0 && out.referenceKwh > 0) out.change = out.kwh / out.referenceKwh - 1.0;
  return out;
}

}  // namespace secap::core
