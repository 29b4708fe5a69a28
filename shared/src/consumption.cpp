#include "secap/core/consumption.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace secap::core {

namespace {

using secap::v1::Meter;
using secap::v1::Reading;

// GJ to kWh: 1 GJ = 1e9 J / 3.6e6 J per kWh.
constexpr double kKwhPerGj = 1e9 / 3.6e6;

int64_t yearStartMs(int y) {
  using namespace std::chrono;
  const sys_days d = year{y} / January / 1;
  return duration_cast<milliseconds>(d.time_since_epoch()).count();
}

int yearOfMs(int64_t ms) {
  using namespace std::chrono;
  const sys_days d = floor<days>(sys_time<milliseconds>(milliseconds(ms)));
  return static_cast<int>(year_month_day(d).year());
}

}  // namespace

double kwhPerUnit(const Meter& meter) {
  if (meter.carrier() == secap::v1::CARRIER_WATER) return 0;
  const double multiplier = meter.multiplier() > 0 ? meter.multiplier() : 1.0;
  double perUnit = 0;
  switch (meter.unit()) {
    case secap::v1::UNIT_KWH: perUnit = 1; break;
    case secap::v1::UNIT_MWH: perUnit = 1000; break;
    case secap::v1::UNIT_GJ: perUnit = kKwhPerGj; break;
    case secap::v1::UNIT_M3:
    case secap::v1::UNIT_L:
    case secap::v1::UNIT_KG: perUnit = meter.calorific_value_kwh_per_unit(); break;
    default: perUnit = 0; break;
  }
  return perUnit * multiplier;
}

std::vector<ConsumptionInterval> consumptionIntervals(const Meter& meter, std::vector<Reading> readings) {
  std::vector<ConsumptionInterval> out;
  std::sort(readings.begin(), readings.end(),
            [](const Reading& a, const Reading& b) { return a.taken_at() < b.taken_at(); });
  const double factor = kwhPerUnit(meter);
  if (factor <= 0) return out;

  if (meter.kind() == secap::v1::METER_KIND_PERIOD) {
    int64_t previousEnd = 0;
    for (const Reading& r : readings) {
      const int64_t start = r.has_period_start() ? r.period_start() : previousEnd;
      if (start > 0 && start < r.taken_at() && std::isfinite(r.value()))
        out.push_back({start, r.taken_at(), r.value() * factor, false});
      previousEnd = r.taken_at();
    }
    return out;
  }

  const Reading* previous = nullptr;
  for (const Reading& r : readings) {
    if (!std::isfinite(r.value())) continue;
    if (previous && r.kind() != secap::v1::READING_KIND_EXCHANGE_START && r.taken_at() > previous->taken_at()) {
      double delta = r.value() - previous->value();
      bool rollover = false;
      if (delta < 0 && meter.register_digits() > 0) {
        delta = std::pow(10.0, meter.register_digits()) - previous->value() + r.value();
        rollover = true;
      }
      if (delta >= 0) out.push_back({previous->taken_at(), r.taken_at(), delta * factor, rollover});
    }
    previous = &r;
  }
  return out;
}

std::map<int, double> kwhByYear(const std::vector<ConsumptionInterval>& intervals) {
  std::map<int, double> years;
  for (const auto& iv : intervals) {
    const double span = static_cast<double>(iv.endMs - iv.startMs);
    if (span <= 0) continue;
    int64_t cursor = iv.startMs;
    while (cursor < iv.endMs) {
      const int y = yearOfMs(cursor);
      const int64_t end = std::min(iv.endMs, yearStartMs(y + 1));
      years[y] += iv.kwh * static_cast<double>(end - cursor) / span;
      cursor = end;
    }
  }
  return years;
}

secap::v1::MunicipalitySummary summarizeMunicipality(
    const secap::v1::Municipality& municipality, const std::vector<secap::v1::Site>& sites,
    const std::vector<Meter>& meters, const std::map<std::string, std::vector<Reading>>& readingsByMeter) {
  secap::v1::MunicipalitySummary summary;
  summary.set_municipality_id(municipality.id());
  summary.set_name(municipality.name());
  std::map<std::string, const secap::v1::Site*> siteById;
  for (const auto& s : sites) siteById[s.id()] = &s;

  std::vector<const Meter*> ordered;
  for (const auto& m : meters) ordered.push_back(&m);
  std::sort(ordered.begin(), ordered.end(), [](const Meter* a, const Meter* b) { return a->id() < b->id(); });

  for (const Meter* m : ordered) {
    auto* ms = summary.add_meters();
    ms->set_meter_id(m->id());
    ms->set_site_id(m->site_id());
    if (auto it = siteById.find(m->site_id()); it != siteById.end()) ms->set_site_name(it->second->name());
    ms->set_serial(m->serial());
    ms->set_carrier(m->carrier());
    auto it = readingsByMeter.find(m->id());
    if (it == readingsByMeter.end()) continue;
    ms->set_reading_count(static_cast<int64_t>(it->second.size()));
    for (const auto& [year, kwh] : kwhByYear(consumptionIntervals(*m, it->second))) {
      auto* y = ms->add_years();
      y->set_year(year);
      y->set_kwh(kwh);
    }
  }
  return summary;
}

}  // namespace secap::core
