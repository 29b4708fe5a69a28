#include "secap/core/rollup.h"

#include <algorithm>
#include <tuple>

namespace secap::core {

namespace {

// Months of the intervals, plus the readings taken in each month.
MonthlyUse monthsOf(const MeterConfig& meter, const MeterConsumption& consumption,
                    std::span<const ReadingRecord> readings, const Calendar& cal, const DegreeDays* hdd) {
  MonthlyUse out;
  const DegreeDays* weights = isHeatingCarrier(meter.carrier) && hdd != nullptr && !hdd->empty() ? hdd : nullptr;
  for (const auto& [month, kwh] : calendariseMonthly(consumption.intervals, cal, weights)) out[month].kwh += kwh;
  for (const auto& r : readings)
    if (r.meterId == meter.id) ++out[cal.monthOf(r.takenAtMs)].readings;
  return out;
}

bool sortsAfter(const ReadingRecord& r, const ChainEnd& end) {
  return std::tie(r.takenAtMs, r.id) > std::tie(end.takenAtMs, end.readingId);
}

}  // namespace

MeterRollup rollUpMeter(const MeterConfig& meter, std::span<const ReadingRecord> readings, const Calendar& cal,
                        const DegreeDays* hdd) {
  const MeterConsumption consumption = meterConsumption(meter, readings);
  return {monthsOf(meter, consumption, readings, cal, hdd), consumption.end};
}

bool appendsAfter(const MeterConfig& meter, const std::optional<ChainEnd>& end,
                  std::span<const ReadingRecord> added) {
  for (const auto& r : added) {
    if (r.meterId != meter.id) continue;
    if (!r.supersedesId.empty()) return false;
    if (end && !sortsAfter(r, *end)) return false;
  }
  return true;
}

MeterRollup appendToMeter(const MeterConfig& meter, const std::optional<ChainEnd>& end,
                          std::span<const ReadingRecord> added, const Calendar& cal, const DegreeDays* hdd) {
  std::vector<ReadingRecord> chain;
  chain.reserve(added.size() + 1);
  if (end) {
    // The chain end, as the calculation saw it: used, so neither flagged nor
    // superseded, and inside the meter's life.
    ReadingRecord anchor;
    anchor.id = end->readingId;
    anchor.meterId = meter.id;
    anchor.takenAtMs = end->takenAtMs;
    anchor.value = end->value;
    anchor.kind = end->kind;
    chain.push_back(std::move(anchor));
  }
  for (const auto& r : added)
    if (r.meterId == meter.id) chain.push_back(r);
  const MeterConsumption consumption = meterConsumption(meter, chain);
  MeterRollup out;
  out.months = monthsOf(meter, consumption, added, cal, hdd);
  out.end = consumption.end ? consumption.end : end;
  return out;
}

void addMonths(MonthlyUse& into, const MonthlyUse& delta) {
  for (const auto& [month, use] : delta) {
    MonthUse& m = into[month];
    m.kwh += use.kwh;
    m.readings += use.readings;
  }
}

std::vector<ActivityData> linesFromMonthly(const MeterConfig& meter, const std::string& sector,
                                           const MonthlyUse& months) {
  std::vector<ActivityData> out;
  if (!isConsumedEnergy(meter.carrier)) return out;
  std::map<int, MonthUse> years;
  for (const auto& [month, use] : months) {
    MonthUse& y = years[month.year];
    y.kwh += use.kwh;
    y.readings += use.readings;
  }
  const bool convertible = kwhPerUnit(meter).has_value();
  for (const auto& [year, use] : years) {
    if (!convertible) {
      if (use.readings > 0)
        out.push_back({year, sector, meter.carrier, 0, "", meter.id, use.readings,
                       "its " + std::string(unitName(meter.unit)) +
                           " readings cannot be converted to kWh (the meter has no calorific value)"});
      continue;
    }
    // A year with readings but no interval yet (the first reading) is no line.
    if (use.kwh == 0) continue;
    out.push_back({year, sector, meter.carrier, toNetKwh(use.kwh, meter.carrier, meter.basis) / 1000.0, "", meter.id,
                   use.readings, ""});
  }
  return out;
}

}  // namespace secap::core
