#include "calc_commands.h"

#include "secap/core/com_template.h"
#include "secap/core/csv.h"
#include "secap/core/progress.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "calc_inputs.h"
#include "secap/core/consumption.h"
#include "secap/core/emissions.h"
#include "secap/core/inventory.h"
#include "secap/core/measures.h"
#include "secap/core/mv.h"
#include "secap/core/units.h"

namespace secap::calc {

namespace {

using nlohmann::json;

// NaN and infinities are not JSON: print null. Values are printed to 10
// significant digits, so floating-point noise (249.99999999999997) does not
// reach an auditor's report; the calculation itself is in full precision.
json num(double v) {
  if (!std::isfinite(v)) return json(nullptr);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return json(std::strtod(buf, nullptr));
}
json opt(const std::optional<double>& v) { return v ? num(*v) : json(nullptr); }

Result<core::Calendar> calendarOf(const std::string& tz) {
  auto cal = core::Calendar::forZone(tz);
  if (!cal.isOk()) return core::invalidArgument("--tz: " + cal.status().message());
  return cal;
}

// Degree days from --hdd or --temperatures (at most one); empty when neither.
Result<std::optional<core::DegreeDays>> degreeDaysOf(const std::string& hdd, const std::string& temperatures) {
  if (!hdd.empty() && !temperatures.empty()) return core::invalidArgument("give --hdd or --temperatures, not both");
  if (!hdd.empty()) {
    auto dd = loadDegreeDays(hdd);
    if (!dd.isOk()) return dd.status();
    return std::optional<core::DegreeDays>(std::move(*dd));
  }
  if (!temperatures.empty()) {
    auto t = loadTemperatures(temperatures);
    if (!t.isOk()) return t.status();
    return std::optional<core::DegreeDays>(core::degreeDaysFromTemperatures(*t));
  }
  return std::optional<core::DegreeDays>{};
}

json monthsJson(const std::map<core::YearMonth, double>& months) {
  json j = json::object();
  for (const auto& [ym, v] : months) j[ym.toString()] = num(v);
  return j;
}

json periodJson(const core::BillingPeriod& p, const core::BillingModel* model) {
  json j{{"start", formatUtc(p.startMs)},
         {"end", formatUtc(p.endMs)},
         {"days", num(p.days)},
         {"hdd", num(p.hdd)},
         {"kwh", num(p.usageKwh)}};
  if (model) j["predicted_kwh"] = num(model->predict(p.days, p.hdd));
  return j;
}

json fitJson(const core::FitStatistics& s) {
  return {{"n", s.n},
          {"p", core::kBillingModelParameters},
          {"mean_kwh", num(s.meanUsage)},
          {"r2", num(s.r2)},
          {"cv_rmse", num(s.cvRmse)},
          {"nmbe", num(s.nmbe)},
          {"ashrae_g14_accepted", s.accepted}};
}

json inventoryJson(const core::Inventory& inv) {
  json sectors = json::object();
  for (const auto& [sector, byCarrier] : inv.cells) {
    json carriers = json::object();
    for (const auto& [carrier, cell] : byCarrier) {
      json c{{"mwh", num(cell.mwh)}};
      if (cell.missing) {
        c["t_co2"] = nullptr;
      } else {
        c["t_co2"] = num(cell.tCo2);
        c["t_per_mwh"] = num(cell.tPerMwh);
        c["factor_source"] = cell.factorSource;
        c["factor_fallback"] = cell.factorFallback;
      }
      json from = json::object();
      if (!cell.origin.meters.empty())
        from["meters"] = {{"count", cell.origin.meters.size()}, {"readings", cell.origin.readings}};
      if (!cell.origin.activitySources.empty()) from["activity_data"] = cell.origin.activitySources;
      if (cell.origin.published) from["published"] = true;
      c["from"] = from;
      carriers[std::string(core::carrierName(carrier))] = c;
    }
    sectors[sector] = carriers;
  }
  json bySector = json::object();
  for (const auto& [s, t] : inv.sectorTCo2) bySector[s] = num(t);
  json byCarrier = json::object();
  for (const auto& [c, m] : inv.carrierMwh) byCarrier[std::string(core::carrierName(c))] = num(m);
  json missing = json::array();
  for (const auto& g : inv.gaps)
    missing.push_back({{"sector", g.sector},
                       {"carrier", core::carrierName(g.carrier)},
                       {"mwh", num(g.mwh)},
                       {"reason", g.reason}});
  json out{{"year", inv.year},
           {"approach", core::approachName(inv.approach)},
           {"country", inv.country},
           {"published", inv.published},
           {"complete", inv.complete()},
           {"total_mwh", num(inv.totalMwh)},
           {"total_t_co2", num(inv.totalTCo2)},
           {"t_co2_by_sector", bySector},
           {"mwh_by_carrier", byCarrier},
           {"cells", sectors},
           {"missing", missing}};
  if (inv.nonEnergyTCo2 != 0) out["non_energy_t_co2"] = num(inv.nonEnergyTCo2);
  return out;
}

}  // namespace

Result<json> runConsumption(const ConsumptionArgs& a) {
  auto cal = calendarOf(a.timeZone);
  if (!cal.isOk()) return cal.status();
  auto meters = loadMeters(a.meters, *cal, nullptr);
  if (!meters.isOk()) return meters.status();
  auto readings = loadReadings(a.readings, *cal, *meters);
  if (!readings.isOk()) return readings.status();
  auto dd = degreeDaysOf(a.hdd, a.temperatures);
  if (!dd.isOk()) return dd.status();

  json out{{"time_zone", cal->zoneName()}, {"meters", json::array()}};
  std::map<std::string, double> byCarrierNet;
  for (const auto& m : *meters) {
    const core::MeterConsumption c = core::meterConsumption(m, *readings);
    const bool weighted = dd->has_value() && core::isHeatingCarrier(m.carrier);
    const auto months = core::calendariseMonthly(c.intervals, *cal, weighted ? &**dd : nullptr);
    json years = json::object();
    for (const auto& [y, v] : core::byYear(months)) years[std::to_string(y)] = num(v);
    json excluded = json::array();
    for (const auto& e : c.excluded)
      excluded.push_back({{"reading_id", e.readingId}, {"taken_at", formatUtc(e.takenAtMs)}, {"reason", e.reason}});
    const double net = core::toNetKwh(c.totalKwh, m.carrier, m.basis);
    byCarrierNet[std::string(core::carrierName(m.carrier))] += net;
    out["meters"].push_back({{"meter_id", m.id},
                             {"carrier", core::carrierName(m.carrier)},
                             {"unit", core::unitName(m.unit)},
                             {"basis", core::basisName(m.basis)},
                             {"kwh_per_unit", num(core::kwhPerUnit(m).value_or(0))},
                             {"intervals", c.intervals.size()},
                             {"rollovers", std::count_if(c.intervals.begin(), c.intervals.end(),
                                                         [](const auto& iv) { return iv.rollover; })},
                             {"total_kwh", num(c.totalKwh)},
                             {"total_kwh_net", num(net)},
                             {"spread_by", weighted ? "hdd" : "time"},
                             {"months", monthsJson(months)},
                             {"years", years},
                             {"excluded", excluded}});
  }
  json carriers = json::object();
  for (const auto& [c, v] : byCarrierNet) carriers[c] = num(v);
  out["total_kwh_net_by_carrier"] = carriers;
  return out;
}

Result<json> runHdd(const std::string& temperatures) {
  auto t = loadTemperatures(temperatures);
  if (!t.isOk()) return t.status();
  const auto months = core::monthlyHdd(*t);
  double total = 0;
  for (const auto& [ym, v] : months) total += v;
  return json{{"method", "Eurostat: 18 - Tm when Tm <= 15 C, else 0"},
              {"days", t->size()},
              {"months", monthsJson(months)},
              {"total", num(total)}};
}

Result<json> runMv(const MvArgs& a) {
  auto cal = calendarOf(a.timeZone);
  if (!cal.isOk()) return cal.status();
  auto meters = loadMeters(a.meters, *cal, nullptr);
  if (!meters.isOk()) return meters.status();
  auto readings = loadReadings(a.readings, *cal, *meters);
  if (!readings.isOk()) return readings.status();
  auto dd = degreeDaysOf(a.hdd, a.temperatures);
  if (!dd.isOk()) return dd.status();
  if (!dd->has_value()) return core::invalidArgument("mv needs degree days: give --hdd or --temperatures");
  auto measure = loadMeasure(a.measure, *cal);
  if (!measure.isOk()) return measure.status();

  std::vector<const core::MeterConfig*> selected;
  for (const auto& id : measure->meterIds) {
    auto it = std::find_if(meters->begin(), meters->end(), [&](const auto& m) { return m.id == id; });
    if (it == meters->end()) return core::invalidArgument(a.measure + ": meter id '" + id + "' is not in " + a.meters);
    selected.push_back(&*it);
  }
  std::vector<core::BillingPeriod> periods;
  std::string periodKind;
  int withoutHdd = 0;
  if (selected.size() == 1) {
    // CalTRACK billing form: the reading-to-reading periods themselves.
    const auto c = core::meterConsumption(*selected[0], *readings);
    auto bp = core::billingPeriodsFromIntervals(c.intervals, **dd, *cal);
    periods = std::move(bp.periods);
    withoutHdd = bp.withoutHdd;
    periodKind = "reading periods";
  } else {
    // Several meters: their use spread by time into local months, then summed.
    std::vector<core::ConsumptionInterval> all;
    for (const auto* m : selected) {
      const auto c = core::meterConsumption(*m, *readings);
      all.insert(all.end(), c.intervals.begin(), c.intervals.end());
    }
    periods = core::billingPeriodsFromMonths(core::calendariseMonthly(all, *cal), **dd, *cal);
    periodKind = "calendar months";
  }
  auto outcome =
      core::measureOutcome(periods, measure->dates, measure->expectedSavingsMwhPerYear, measure->inspections);
  if (!outcome.isOk()) return core::invalidArgument(a.measure + ": " + outcome.status().message());
  const core::PeriodSplit split = core::splitPeriods(periods, measure->dates);

  json baseline = json::array(), reporting = json::array();
  for (const auto& p : split.baseline) baseline.push_back(periodJson(p, &outcome->model));
  for (const auto& p : split.reporting) reporting.push_back(periodJson(p, &outcome->model));
  json out{{"measure", measure->code},
           {"meter_ids", measure->meterIds},
           {"periods", periodKind},
           {"periods_without_hdd", withoutHdd},
           {"periods_straddling", outcome->straddling},
           {"model",
            {{"form", "E = a*d + b*HDD, weighted least squares on E/d with weights d (CalTRACK billing)"},
             {"a_kwh_per_day", num(outcome->model.a)},
             {"b_kwh_per_hdd", num(outcome->model.b)},
             {"fit", fitJson(outcome->model.fit)},
             {"warnings", outcome->model.warnings}}},
           {"avoided_energy",
            {{"predicted_kwh", num(outcome->avoided.predictedKwh)},
             {"actual_kwh", num(outcome->avoided.actualKwh)},
             {"avoided_kwh", num(outcome->avoided.avoidedKwh)},
             {"days", num(outcome->avoided.days)},
             {"periods", outcome->avoided.n}}},
           {"verified_savings_mwh_per_year", num(outcome->verifiedSavingsMwhPerYear)},
           {"expected_savings_mwh_per_year", opt(outcome->expectedSavingsMwhPerYear)},
           {"realisation_rate", opt(outcome->realisationRate)},
           {"verified_by_inspection", outcome->verified},
           {"baseline_periods", baseline},
           {"reporting_periods", reporting}};
  if (measure->normalYearHdd)
    out["normalised_annual_kwh"] = num(core::normalisedAnnualUse(outcome->model, *measure->normalYearHdd));
  return out;
}

Result<json> runInventory(const InventoryArgs& a) {
  auto cal = calendarOf(a.timeZone);
  if (!cal.isOk()) return cal.status();
  const auto approach = core::parseApproach(a.approach);
  if (!approach) return core::invalidArgument("--approach: expected ipcc or lca");
  auto factors = loadFactors(a.factors);
  if (!factors.isOk()) return factors.status();
  std::vector<core::ActivityData> lines;
  if (!a.activity.empty()) {
    auto act = loadActivity(a.activity);
    if (!act.isOk()) return act.status();
    lines = std::move(*act);
  }
  if (!a.meters.empty() || !a.readings.empty()) {
    if (a.meters.empty() || a.readings.empty()) return core::invalidArgument("give both --meters and --readings");
    std::map<std::string, std::string> sectors;
    auto meters = loadMeters(a.meters, *cal, &sectors);
    if (!meters.isOk()) return meters.status();
    auto readings = loadReadings(a.readings, *cal, *meters);
    if (!readings.isOk()) return readings.status();
    for (const auto& m : *meters) {
      if (!core::isConsumedEnergy(m.carrier)) continue;
      std::map<int, int64_t> readingsPerYear;
      for (const auto& r : *readings)
        if (r.meterId == m.id) ++readingsPerYear[cal->localDateOf(r.takenAtMs).year];
      if (!core::kwhPerUnit(m)) {
        for (const auto& [y, count] : readingsPerYear)
          lines.push_back({y, sectors[m.id], m.carrier, 0, "", m.id, count,
                           "its readings cannot be converted to kWh (no calorific value)"});
        continue;
      }
      const auto c = core::meterConsumption(m, *readings);
      for (const auto& [y, kwh] : core::kwhByYear(c.intervals, *cal))
        lines.push_back({y, sectors[m.id], m.carrier, core::toNetKwh(kwh, m.carrier, m.basis) / 1000.0, "", m.id,
                         readingsPerYear[y], ""});
    }
  }
  auto build = [&](int year) {
    return core::buildInventory(lines, *factors, {year, *approach, a.country, a.localElectricityFactor});
  };
  const core::Inventory inv = build(a.year);
  json out{{"inventory", inventoryJson(inv)}};
  std::optional<core::Inventory> bei;
  long long baselinePopulation = a.baselinePopulation;
  if (!a.publishedBei.empty()) {
    auto text = core::readTextFile(a.publishedBei);
    if (!text.isOk()) return text.status();
    auto file = core::readComInventoryCsv(*text, a.publishedBei);
    if (!file.isOk()) return file.status();
    if (file->inventory.kind() != secap::v1::INVENTORY_KIND_BEI)
      return core::invalidArgument(a.publishedBei + ": the file holds an MEI, not a BEI");
    if (a.baselineYear && *a.baselineYear != file->inventory.year())
      return core::invalidArgument(a.publishedBei + ": the published BEI is of " +
                                   std::to_string(file->inventory.year()) + ", not of --baseline-year " +
                                   std::to_string(*a.baselineYear));
    bei = core::inventoryFromPublished(file->inventory, a.country);
    if (baselinePopulation == 0) baselinePopulation = file->inventory.population();
  } else if (a.baselineYear) {
    bei = build(*a.baselineYear);
  }
  if (bei) {
    out["baseline"] = inventoryJson(*bei);
    const core::TargetPath path{bei->year, a.targetYear.value_or(2030), a.targetPct.value_or(0), a.perCapitaTarget};
    auto r = core::reductionAgainstBaseline(*bei, baselinePopulation, inv, a.population, path);
    if (!r.isOk()) return r.status();
    out["reduction"] = {{"baseline_year", r->baselineYear},
                        {"year", r->year},
                        {"baseline_t_co2", num(r->baselineTCo2)},
                        {"t_co2", num(r->tCo2)},
                        {"reduction_pct", num(r->reductionPct)},
                        {"baseline_t_co2_per_capita", opt(r->baselinePerCapitaT)},
                        {"t_co2_per_capita", opt(r->perCapitaT)},
                        {"per_capita_reduction_pct", opt(r->perCapitaReductionPct)},
                        {"target_year", path.targetYear},
                        {"target_reduction_pct", num(path.targetReductionPct)},
                        {"target_per_capita", path.perCapita},
                        {"expected_reduction_pct", num(r->expectedReductionPct)},
                        {"on_track", r->onTrack}};
  }
  return out;
}

Result<json> runEfe(const EfeArgs& a) {
  auto efe = core::localElectricityFactor({a.tce, a.lpe, a.gep, a.neefe, a.co2Lpe, a.co2Gep});
  if (!efe.isOk()) return efe.status();
  return json{{"efe_t_per_mwh", num(efe->tPerMwh)},
              {"net_exporter", efe->netExporter},
              {"formula", efe->netExporter ? "EFE = (CO2LPE + CO2GEP) / (LPE + GEP)"
                                           : "EFE = [(TCE - LPE - GEP) * NEEFE + CO2LPE + CO2GEP] / TCE"}};
}

json runConstants() {
  json constants = json::array();
  for (const auto& c : core::constantsTable())
    constants.push_back({{"key", c.key}, {"value", c.value}, {"unit", c.unit}, {"source", c.source}});
  json ipcc = json::array();
  for (const auto& d : core::ipccDefaults())
    ipcc.push_back({{"carrier", core::carrierName(d.carrier)},
                    {"fuel", d.fuel},
                    {"t_co2_per_tj", d.tCo2PerTj},
                    {"t_co2_per_mwh", d.tPerMwh()},
                    {"source", d.source}});
  return {{"constants", constants}, {"ipcc_2006_defaults", ipcc}};
}

}  // namespace secap::calc
