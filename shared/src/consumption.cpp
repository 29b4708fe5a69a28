#include "secap/core/consumption.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <tuple>

namespace secap::core {

namespace {

using secap::v1::Meter;
using secap::v1::Reading;

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

Unit unitFromProto(secap::v1::Unit u) {
  switch (u) {
    case secap::v1::UNIT_KWH:
      return Unit::kKwh;
    case secap::v1::UNIT_MWH:
      return Unit::kMwh;
    case secap::v1::UNIT_M3:
      return Unit::kM3;
    case secap::v1::UNIT_GJ:
      return Unit::kGj;
    case secap::v1::UNIT_L:
      return Unit::kL;
    case secap::v1::UNIT_KG:
      return Unit::kKg;
    default:
      return Unit::kUnspecified;
  }
}

ReadingKind kindFromProto(secap::v1::ReadingKind k) {
  switch (k) {
    case secap::v1::READING_KIND_ESTIMATED:
      return ReadingKind::kEstimated;
    case secap::v1::READING_KIND_INVOICE:
      return ReadingKind::kInvoice;
    case secap::v1::READING_KIND_EXCHANGE_FINAL:
      return ReadingKind::kExchangeFinal;
    case secap::v1::READING_KIND_EXCHANGE_START:
      return ReadingKind::kExchangeStart;
    default:
      return ReadingKind::kActual;
  }
}

// The synced carrier enum and the calculations' one, side by side.
constexpr std::pair<secap::v1::Carrier, Carrier> kCarrierPairs[] = {
    {secap::v1::CARRIER_ELECTRICITY, Carrier::kElectricity},
    {secap::v1::CARRIER_NATURAL_GAS, Carrier::kNaturalGas},
    {secap::v1::CARRIER_DISTRICT_HEAT, Carrier::kDistrictHeat},
    {secap::v1::CARRIER_HEATING_OIL, Carrier::kHeatingOil},
    {secap::v1::CARRIER_LPG, Carrier::kLpg},
    {secap::v1::CARRIER_COAL, Carrier::kCoal},
    {secap::v1::CARRIER_BIOMASS, Carrier::kBiomass},
    {secap::v1::CARRIER_DIESEL, Carrier::kDiesel},
    {secap::v1::CARRIER_GASOLINE, Carrier::kGasoline},
    {secap::v1::CARRIER_PV_PRODUCTION, Carrier::kPvProduction},
    {secap::v1::CARRIER_SOLAR_THERMAL, Carrier::kSolarThermal},
    {secap::v1::CARRIER_WATER, Carrier::kWater},
    {secap::v1::CARRIER_LIGNITE, Carrier::kLignite},
    {secap::v1::CARRIER_OTHER_FOSSIL, Carrier::kOtherFossil},
    {secap::v1::CARRIER_PLANT_OIL, Carrier::kPlantOil},
    {secap::v1::CARRIER_BIOFUEL, Carrier::kBiofuel},
    {secap::v1::CARRIER_GEOTHERMAL, Carrier::kGeothermal},
};

}  // namespace

Carrier carrierFromProto(secap::v1::Carrier c) {
  for (const auto& [proto, core] : kCarrierPairs)
    if (proto == c) return core;
  return Carrier::kUnspecified;
}

secap::v1::Carrier carrierToProto(Carrier c) {
  // Residual fuel oil has no synced carrier of its own: the Covenant counts it
  // among "Other fossil fuels".
  if (c == Carrier::kResidualFuelOil) return secap::v1::CARRIER_OTHER_FOSSIL;
  for (const auto& [proto, core] : kCarrierPairs)
    if (core == c) return proto;
  return secap::v1::CARRIER_UNSPECIFIED;
}

bool isUsable(ReviewState s) { return s == ReviewState::kUnflagged || s == ReviewState::kConfirmed; }

std::string_view reviewStateName(ReviewState s) {
  switch (s) {
    case ReviewState::kUnflagged:
      return "unflagged";
    case ReviewState::kFlaggedUnconfirmed:
      return "flagged_unconfirmed";
    case ReviewState::kConfirmed:
      return "confirmed";
    case ReviewState::kErroneous:
      return "erroneous";
  }
  return "unflagged";
}

ReviewState reviewStateOf(bool flagged, std::span<const ReviewDecision> decisions) {
  const ReviewDecision* latest = nullptr;
  for (const auto& d : decisions)
    if (latest == nullptr || d.decidedAtMs >= latest->decidedAtMs) latest = &d;
  if (latest != nullptr) return latest->erroneous ? ReviewState::kErroneous : ReviewState::kConfirmed;
  return flagged ? ReviewState::kFlaggedUnconfirmed : ReviewState::kUnflagged;
}

std::optional<ReadingKind> parseReadingKind(std::string_view name) {
  if (name.empty() || name == "actual") return ReadingKind::kActual;
  if (name == "estimated") return ReadingKind::kEstimated;
  if (name == "invoice") return ReadingKind::kInvoice;
  if (name == "exchange_final") return ReadingKind::kExchangeFinal;
  if (name == "exchange_start") return ReadingKind::kExchangeStart;
  return std::nullopt;
}

std::optional<double> kwhPerUnit(const MeterConfig& meter) {
  if (!isConsumedEnergy(meter.carrier) && meter.carrier != Carrier::kPvProduction) return std::nullopt;
  const double multiplier = meter.multiplier > 0 ? meter.multiplier : 1.0;
  if (auto perUnit = kwhPerEnergyUnit(meter.unit)) return *perUnit * multiplier;
  if (meter.unit == Unit::kM3 || meter.unit == Unit::kL || meter.unit == Unit::kKg) {
    if (meter.kwhPerUnit > 0) return meter.kwhPerUnit * multiplier;
    if (auto d = defaultNetKwhPerUnit(meter.carrier, meter.unit)) {
      // The table's defaults are NCV; state them on the meter's basis.
      return (meter.basis == EnergyBasis::kGross ? *d / ncvPerGcv(meter.carrier) : *d) * multiplier;
    }
  }
  return std::nullopt;
}

MeterConsumption meterConsumption(const MeterConfig& meter, std::span<const ReadingRecord> readings) {
  MeterConsumption out;
  const auto factor = kwhPerUnit(meter);

  std::set<std::string_view> superseded;
  for (const auto& r : readings)
    if (r.meterId == meter.id && !r.supersedesId.empty()) superseded.insert(r.supersedesId);

  std::vector<const ReadingRecord*> used;
  used.reserve(readings.size());
  for (const auto& r : readings) {
    if (r.meterId != meter.id) continue;
    auto exclude = [&](std::string reason) { out.excluded.push_back({r.id, r.takenAtMs, std::move(reason)}); };
    if (!r.id.empty() && superseded.count(r.id)) {
      exclude("superseded by a correction");
    } else if (!std::isfinite(r.value)) {
      exclude("value is not a finite number");
    } else if (!isUsable(r.review)) {
      exclude(r.review == ReviewState::kErroneous ? "marked erroneous" : "flagged and not yet confirmed");
    } else if (meter.installedAtMs && r.takenAtMs < *meter.installedAtMs) {
      exclude("taken before the meter was installed");
    } else if (meter.removedAtMs && r.takenAtMs > *meter.removedAtMs) {
      exclude("taken after the meter was removed");
    } else {
      used.push_back(&r);
    }
  }
  // Two readings of one instant (two people, offline, at the same meter) are
  // ordered by id too: the server and every device hold them in different
  // orders, and must still get the same intervals.
  std::sort(used.begin(), used.end(), [](const ReadingRecord* a, const ReadingRecord* b) {
    return std::tie(a->takenAtMs, a->id) < std::tie(b->takenAtMs, b->id);
  });
  if (!factor) {
    for (const auto* r : used) out.excluded.push_back({r->id, r->takenAtMs, "the meter's unit has no kWh conversion"});
    return out;
  }

  auto endAt = [&](const ReadingRecord* r) { out.end = ChainEnd{r->id, r->takenAtMs, r->value, r->kind}; };
  if (!meter.cumulative) {
    int64_t previousEnd = 0;
    for (const auto* r : used) {
      endAt(r);
      const int64_t start = r->periodStartMs ? *r->periodStartMs : previousEnd;
      if (start > 0 && start < r->takenAtMs && r->value >= 0) {
        out.intervals.push_back({start, r->takenAtMs, r->value * *factor, false});
      } else {
        out.excluded.push_back({r->id, r->takenAtMs, "period value without a period start before it"});
      }
      previousEnd = r->takenAtMs;
    }
  } else {
    const double multiplier = meter.multiplier > 0 ? meter.multiplier : 1.0;
    const double range = meter.registerDigits > 0 ? std::pow(10.0, meter.registerDigits) : 0;
    const double perRegisterUnit = *factor / multiplier;  // kWh per unit before the multiplier
    const ReadingRecord* previous = nullptr;
    for (const auto* r : used) {
      const bool opensRegister = previous == nullptr || r->kind == ReadingKind::kExchangeStart ||
                                 previous->kind == ReadingKind::kExchangeFinal;
      if (opensRegister || r->takenAtMs <= previous->takenAtMs) {
        previous = r;
        endAt(r);
        continue;
      }
      double delta = r->value - previous->value;
      bool rollover = false;
      if (delta < 0) {
        const double wrapped = range - previous->value + r->value;
        if (range > 0 && wrapped >= 0 && wrapped < range / 2) {
          delta = wrapped;
          rollover = true;
        } else if (r->review == ReviewState::kConfirmed) {
          previous = r;  // a confirmed drop: the register restarted
          endAt(r);
          continue;
        } else {
          out.excluded.push_back({r->id, r->takenAtMs, "register went down and is not a plausible rollover"});
          continue;
        }
      }
      out.intervals.push_back({previous->takenAtMs, r->takenAtMs, delta * multiplier * perRegisterUnit, rollover});
      previous = r;
      endAt(r);
    }
  }
  for (const auto& iv : out.intervals) out.totalKwh += iv.kwh;
  return out;
}

MeterConfig meterConfigFromProto(const Meter& m) {
  MeterConfig c;
  c.id = m.id();
  c.siteId = m.site_id();
  c.carrier = carrierFromProto(m.carrier());
  c.unit = unitFromProto(m.unit());
  c.cumulative = m.kind() != secap::v1::METER_KIND_PERIOD;
  c.registerDigits = m.register_digits();
  c.multiplier = m.multiplier() > 0 ? m.multiplier() : 1.0;
  c.kwhPerUnit = m.calorific_value_kwh_per_unit();
  // The Meter message has no basis field yet (docs/CALCULATIONS.md): gas
  // calorific values on Polish and German invoices are gross (DESIGN §6.3).
  c.basis = c.carrier == Carrier::kNaturalGas ? EnergyBasis::kGross : EnergyBasis::kNet;
  if (m.has_installed_at()) c.installedAtMs = m.installed_at();
  if (m.has_removed_at()) c.removedAtMs = m.removed_at();
  c.replacesMeterId = m.replaces_meter_id();
  return c;
}

ReadingRecord readingFromProto(const Reading& r, const std::map<std::string, std::vector<ReviewDecision>>* reviews) {
  ReadingRecord rec;
  rec.id = r.id();
  rec.meterId = r.meter_id();
  rec.takenAtMs = r.taken_at();
  rec.value = r.value();
  rec.kind = kindFromProto(r.kind());
  if (r.has_period_start()) rec.periodStartMs = r.period_start();
  rec.supersedesId = r.supersedes_id();
  std::span<const ReviewDecision> decisions;
  if (reviews != nullptr) {
    if (auto it = reviews->find(r.id()); it != reviews->end()) decisions = it->second;
  }
  rec.review = reviewStateOf(r.quality_flags_size() > 0, decisions);
  return rec;
}

double kwhPerUnit(const Meter& meter) { return kwhPerUnit(meterConfigFromProto(meter)).value_or(0.0); }

ReviewIndex reviewIndexFromProto(const std::vector<secap::v1::ReadingReview>& reviews) {
  ReviewIndex index;
  for (const auto& r : reviews) {
    if (r.decision() == secap::v1::REVIEW_DECISION_UNSPECIFIED) continue;
    index[r.reading_id()].push_back(
        ReviewDecision{r.reading_id(), r.decision() == secap::v1::REVIEW_DECISION_ERRONEOUS, r.reviewed_at()});
  }
  return index;
}

std::vector<ConsumptionInterval> consumptionIntervals(const Meter& meter, std::vector<Reading> readings,
                                                      const ReviewIndex* reviews) {
  MeterConfig config = meterConfigFromProto(meter);
  std::vector<ReadingRecord> records;
  records.reserve(readings.size());
  for (const auto& r : readings) {
    records.push_back(readingFromProto(r, reviews));
    records.back().meterId = config.id;  // callers pass one meter's readings
  }
  return meterConsumption(config, records).intervals;
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

std::map<int, double> kwhByYear(const std::vector<ConsumptionInterval>& intervals, const Calendar& cal) {
  return byYear(calendariseMonthly(intervals, cal));
}

secap::v1::MunicipalitySummary summarizeMunicipality(const secap::v1::Municipality& municipality,
                                                     const std::vector<secap::v1::Site>& sites,
                                                     const std::vector<Meter>& meters,
                                                     const std::map<std::string, std::vector<Reading>>& readingsByMeter,
                                                     const std::vector<secap::v1::ReadingReview>& reviews) {
  const ReviewIndex reviewIndex = reviewIndexFromProto(reviews);
  secap::v1::MunicipalitySummary summary;
  summary.set_municipality_id(municipality.id());
  summary.set_name(municipality.name());
  std::map<std::string, const secap::v1::Site*> siteById;
  for (const auto& s : sites) siteById[s.id()] = &s;
  auto zone = Calendar::forZone(municipality.time_zone());
  const Calendar cal = zone.isOk() ? *zone : Calendar{};

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
    for (const auto& [year, kwh] : kwhByYear(consumptionIntervals(*m, it->second, &reviewIndex), cal)) {
      auto* y = ms->add_years();
      y->set_year(year);
      y->set_kwh(kwh);
    }
  }
  return summary;
}

}  // namespace secap::core
