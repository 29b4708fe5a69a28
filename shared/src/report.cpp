#include "secap/core/report.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "secap/core/consumption.h"
#include "secap/core/enpi.h"
#include "secap/core/measures.h"
#include "secap/core/mv.h"

namespace secap::core {

namespace {

namespace v1 = secap::v1;

// Energy use by local month, in kWh on the NCV basis, of the energy meters
// of `sites` that `take` accepts, from complete months only: each meter's
// first and last month start or end at a reading part-way through.
template <typename Take>
std::map<YearMonth, double> completeMonths(const MonitoringRecords& r, const std::set<std::string>& sites,
                                           const std::map<std::string, MonthlyUse>& months, Take take) {
  std::map<YearMonth, double> usage;
  for (const auto& m : r.meters) {
    if (!sites.count(m.site_id())) continue;
    const MeterConfig config = meterConfigFromProto(m);
    if (!isConsumedEnergy(config.carrier) || !kwhPerUnit(config) || !take(config)) continue;
    auto it = months.find(m.id());
    if (it == months.end() || it->second.size() < 3) continue;
    const auto first = it->second.begin()->first;
    const auto last = it->second.rbegin()->first;
    for (const auto& [month, use] : it->second)
      if (month != first && month != last) usage[month] += toNetKwh(use.kwh, config.carrier, config.basis);
  }
  return usage;
}

// The measure's sites' energy use by complete local month.
std::map<YearMonth, double> measureUsage(const MonitoringRecords& r, const v1::Measure& measure,
                                         const std::map<std::string, MonthlyUse>& months) {
  const std::set<std::string> sites(measure.site_ids().begin(), measure.site_ids().end());
  return completeMonths(r, sites, months, [](const MeterConfig&) { return true; });
}

// The whole calendar months before the go-live month: the M&V baseline and
// the energy baseline of a site with a measure.
int baselineDaysBefore(int64_t goLiveMs, const Calendar& cal) {
  const YearMonth goLive = cal.monthOf(goLiveMs);
  const int64_t baselineStart = cal.monthStartMs(YearMonth::fromIndex(goLive.index() - 12));
  return static_cast<int>((goLiveMs - baselineStart + 86'400'000 - 1) / 86'400'000);
}

InspectionOutcome outcomeOf(v1::InspectionOutcome o) {
  switch (o) {
    case v1::INSPECTION_OUTCOME_VERIFIED:
      return InspectionOutcome::kVerified;
    case v1::INSPECTION_OUTCOME_PARTIALLY_VERIFIED:
      return InspectionOutcome::kPartiallyVerified;
    case v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED:
      return InspectionOutcome::kFollowUpNeeded;
    default:
      return InspectionOutcome::kNotVerified;
  }
}

v1::MeasureReport measureReport(const MonitoringRecords& r, const v1::Measure& m,
                                const std::map<std::string, MonthlyUse>& months, const Calendar& cal,
                                const DegreeDays& hdd) {
  v1::MeasureReport out;
  out.set_measure_id(m.id());
  out.set_code(m.code());
  out.set_title(m.title());
  out.set_type(m.type());
  out.set_com_sector(m.com_sector());
  out.set_area_of_intervention(m.area_of_intervention());
  out.set_key_action(m.key_action());
  if (m.has_budget_eur()) out.set_budget_eur(m.budget_eur());
  if (m.has_implemented_at()) out.set_implemented_at(m.implemented_at());
  if (m.has_expected_savings_mwh_per_year()) out.set_expected_savings_mwh_per_year(m.expected_savings_mwh_per_year());
  out.set_policy_instrument(m.policy_instrument());
  for (const auto& f : m.funding_sources()) out.add_funding_sources(f);
  if (m.has_expected_co2_reduction_t_per_year())
    out.set_expected_co2_reduction_t_per_year(m.expected_co2_reduction_t_per_year());
  for (const auto& s : m.site_ids()) out.add_site_ids(s);

  // The latest progress update says where it stands.
  const v1::ProgressUpdate* latest = latestProgressOf(r.progress, m.id());
  out.set_status(statusOf(latest));
  if (latest && latest->has_percent_complete()) out.set_percent_complete(latest->percent_complete());
  if (latest && latest->has_spent_eur()) out.set_spent_eur(latest->spent_eur());

  std::vector<InspectionOutcome> inspections;
  for (const auto& i : r.inspections)
    if (i.has_measure_id() && i.measure_id() == m.id()) inspections.push_back(outcomeOf(i.outcome()));
  out.set_verified(std::find(inspections.begin(), inspections.end(), InspectionOutcome::kVerified) !=
                   inspections.end());

  if (!m.has_implemented_at()) {
    out.set_savings_note("not implemented yet (no go-live date)");
  } else if (m.site_ids().empty()) {
    out.set_savings_note("no site to measure");
  } else {
    const auto usage = measureUsage(r, m, months);
    const auto periods = billingPeriodsFromMonths(usage, hdd, cal);
    std::optional<double> expected;
    if (m.has_expected_savings_mwh_per_year()) expected = m.expected_savings_mwh_per_year();
    // The baseline is the 12 whole calendar months before the go-live month
    // (the month of the go-live itself straddles it and is left out).
    MeasureDates dates;
    dates.implementedAtMs = m.implemented_at();
    dates.baselineDays = baselineDaysBefore(m.implemented_at(), cal);
    auto outcome = measureOutcome(periods, dates, expected, inspections);
    // A figure only from a sufficient baseline (CalTRACK: 12 months) whose
    // model passes ASHRAE Guideline 14; anything less is no verification.
    const auto& fit = outcome.isOk() ? outcome->model.fit : FitStatistics{};
    if (!outcome.isOk()) {
      out.set_savings_note("no verified figure: " + outcome.status().message());
    } else if (fit.n < 12) {
      out.set_savings_note("no verified figure yet: the baseline has " + std::to_string(fit.n) +
                           " complete months before the go-live date, 12 are needed");
    } else if (!fit.accepted) {
      out.set_savings_note("no verified figure: the baseline model does not meet ASHRAE Guideline 14 (CV(RMSE) " +
                           std::to_string(static_cast<int>(std::lround(fit.cvRmse * 100))) + " %, NMBE " +
                           std::to_string(static_cast<int>(std::lround(fit.nmbe * 100))) + " %)");
    } else {
      out.set_verified_savings_mwh_per_year(outcome->verifiedSavingsMwhPerYear);
      if (outcome->realisationRate) out.set_realisation_rate(*outcome->realisationRate);
      std::string warnings;
      for (const auto& w : outcome->model.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
      out.set_savings_note(warnings);
    }
  }
  return out;
}

}  // namespace

v1::InventoryReport inventoryReport(const YearInventory& y) {
  const Inventory& inv = y.inventory;
  v1::InventoryReport out;
  out.set_kind(y.baseline ? v1::INVENTORY_KIND_BEI : v1::INVENTORY_KIND_MEI);
  out.set_year(inv.year);
  const bool lca = inv.approach == Approach::kLca;
  out.set_approach(lca ? v1::EMISSION_FACTOR_APPROACH_LCA : v1::EMISSION_FACTOR_APPROACH_IPCC);
  out.set_unit(lca ? v1::EMISSION_UNIT_T_CO2_EQ : v1::EMISSION_UNIT_T_CO2);
  out.set_total_mwh(inv.totalMwh);
  out.set_total_t_co2(inv.totalTCo2);
  out.set_non_energy_t_co2(inv.nonEnergyTCo2);
  if (y.population > 0) out.set_population(y.population);
  out.set_population_estimated(y.populationEstimated);
  if (y.perCapitaT) out.set_t_co2_per_capita(*y.perCapitaT);
  out.set_published(!y.publishedId.empty());
  out.set_locked(y.locked);
  out.set_published_id(y.publishedId);
  out.set_source(y.publishedSource);
  out.set_complete(inv.complete());
  for (const auto& [sector, byCarrier] : inv.cells) {
    for (const auto& [carrier, cell] : byCarrier) {
      auto* c = out.add_cells();
      c->set_com_sector(sector);
      c->set_carrier(carrierToProto(carrier));
      c->set_mwh(cell.mwh);
      if (!cell.missing) {
        c->set_t_co2(cell.tCo2);
        c->set_t_per_mwh(cell.tPerMwh);
      }
      c->set_factor_source(cell.factorSource);
      c->set_factor_fallback(cell.factorFallback);
      c->set_meters(static_cast<int32_t>(cell.origin.meters.size()));
      c->set_readings(cell.origin.readings);
      for (const auto& s : cell.origin.activitySources) c->add_activity_sources(s);
      c->set_published(cell.origin.published);
    }
  }
  for (const auto& g : inv.gaps) {
    auto* m = out.add_missing();
    m->set_com_sector(g.sector);
    m->set_carrier(carrierToProto(g.carrier));
    m->set_mwh(g.mwh);
    m->set_reason(g.reason);
  }
  return out;
}

v1::MunicipalityReport municipalityReport(const MonitoringRecords& r) {
  const MunicipalityProgress p = municipalityProgress(r);
  const v1::Municipality& m = r.municipality;
  v1::MunicipalityReport out;
  out.set_municipality_id(m.id());
  out.set_name(m.name());
  out.set_country(m.country());
  out.set_baseline_year(p.baselineYear);
  out.set_target_year(p.targetYear);
  out.set_target_reduction_pct(p.targetReductionPct);
  out.set_share_progress(m.share_progress());
  if (p.bei) {
    *out.mutable_bei() = inventoryReport(*p.bei);
    const TargetPath path{p.baselineYear, p.targetYear, p.targetReductionPct, false};  // as the reduction uses
    for (int year = path.baselineYear; year <= p.targetYear; ++year) {
      auto* point = out.add_linear_path();
      point->set_year(year);
      point->set_reduction_pct(linearPathReductionPct(path, year));
      point->set_t_co2(p.bei->inventory.totalTCo2 * (1 - point->reduction_pct() / 100));
    }
  }
  for (const auto& mei : p.meis) *out.add_meis() = inventoryReport(mei);
  if (p.reduction) {
    const Reduction& red = *p.reduction;
    auto* x = out.mutable_reduction();
    x->set_baseline_year(red.baselineYear);
    x->set_year(red.year);
    x->set_baseline_t_co2(red.baselineTCo2);
    x->set_t_co2(red.tCo2);
    x->set_reduction_pct(red.reductionPct);
    if (red.baselinePerCapitaT) x->set_baseline_t_co2_per_capita(*red.baselinePerCapitaT);
    if (red.perCapitaT) x->set_t_co2_per_capita(*red.perCapitaT);
    if (red.perCapitaReductionPct) x->set_per_capita_reduction_pct(*red.perCapitaReductionPct);
    x->set_target_year(p.targetYear);
    x->set_target_reduction_pct(p.targetReductionPct);
    x->set_expected_reduction_pct(red.expectedReductionPct);
    x->set_on_track(red.onTrack);
  }
  if (p.climateNeutralityYear) out.set_climate_neutrality_year(*p.climateNeutralityYear);
  if (p.neutralityGapT) out.set_neutrality_gap_t_co2(*p.neutralityGapT);
  if (p.neutralityCutTPerYear) out.set_neutrality_cut_t_co2_per_year(*p.neutralityCutTPerYear);

  const auto months = meterMonths(r);
  const Calendar cal = calendarOf(m);
  const DegreeDays hdd = degreeDaysOf(r.degreeDays, m.id());
  std::vector<const v1::Measure*> measures;
  for (const auto& x : r.measures)
    if (x.municipality_id() == m.id()) measures.push_back(&x);
  std::sort(measures.begin(), measures.end(),
            [](auto* a, auto* b) { return std::tie(a->code(), a->id()) < std::tie(b->code(), b->id()); });
  std::map<int, v1::MeasureStatusTotal> byStatus;
  double expected = 0, verified = 0;
  int verifiedMeasures = 0;
  for (const v1::Measure* x : measures) {
    v1::MeasureReport report = measureReport(r, *x, months, cal, hdd);
    v1::MeasureStatusTotal& t = byStatus[report.status()];
    t.set_status(report.status());
    t.set_measures(t.measures() + 1);
    t.set_budget_eur(t.budget_eur() + report.budget_eur());
    t.set_spent_eur(t.spent_eur() + report.spent_eur());
    expected += report.expected_savings_mwh_per_year();
    verified += report.verified_savings_mwh_per_year();
    verifiedMeasures += report.verified() ? 1 : 0;
    *out.add_measures() = std::move(report);
  }
  for (auto& [status, total] : byStatus) *out.add_measures_by_status() = std::move(total);
  out.set_expected_savings_mwh_per_year(expected);
  out.set_verified_savings_mwh_per_year(verified);
  out.set_verified_measures(verifiedMeasures);
  for (const auto& n : p.notes) out.add_notes(n);
  return out;
}

std::vector<v1::KindIntensity> kindIntensities(const MonitoringRecords& r, int year) {
  const auto months = meterMonths(r);
  std::map<std::string, double> kwhBySite;
  std::set<std::string> metered;
  for (const auto& m : r.meters) {
    const MeterConfig config = meterConfigFromProto(m);
    if (!isConsumedEnergy(config.carrier) || !kwhPerUnit(config)) continue;
    auto it = months.find(m.id());
    if (it == months.end()) continue;
    for (const auto& [month, use] : it->second)
      if (month.year == year) {
        kwhBySite[m.site_id()] += toNetKwh(use.kwh, config.carrier, config.basis);
        metered.insert(m.site_id());
      }
  }
  std::map<int, v1::KindIntensity> byKind;
  for (const auto& s : r.sites) {
    if (s.municipality_id() != r.municipality.id() || !s.has_heated_area_m2() || s.heated_area_m2() <= 0 ||
        !metered.count(s.id()))
      continue;
    v1::KindIntensity& k = byKind[s.kind()];
    k.set_site_kind(s.kind());
    k.set_sites(k.sites() + 1);
    k.set_heated_area_m2(k.heated_area_m2() + s.heated_area_m2());
    k.set_kwh(k.kwh() + kwhBySite[s.id()]);
  }
  std::vector<v1::KindIntensity> out;
  for (auto& [kind, k] : byKind) {
    k.set_kwh_per_m2(k.kwh() / k.heated_area_m2());
    out.push_back(std::move(k));
  }
  return out;
}

namespace {

// A site's heating model on its energy baseline, or why there is none.
struct HeatModel {
  std::optional<v1::SiteModel> model;
  std::string note;
  std::optional<double> normalisedKwh;  // when the model is accepted
};

// The mean HDD of the complete years the records know.
std::optional<double> normalYearHdd(const DegreeDays& hdd, const MonitoringRecords& r) {
  std::map<int, std::set<int>> monthsOfYear;
  for (const auto& d : r.degreeDays)
    if (d.municipality_id() == r.municipality.id()) monthsOfYear[d.year()].insert(d.month());
  double sum = 0;
  int years = 0;
  for (const auto& [year, months] : monthsOfYear) {
    if (months.size() != 12) continue;
    for (unsigned m = 1; m <= 12; ++m) sum += hdd.month({year, m});
    ++years;
  }
  if (years == 0) return std::nullopt;
  return sum / years;
}

HeatModel heatModel(const MonitoringRecords& r, const v1::Site& site, const std::map<std::string, MonthlyUse>& months,
                    const Calendar& cal, const DegreeDays& hdd) {
  HeatModel out;
  const auto usage =
      completeMonths(r, {site.id()}, months, [](const MeterConfig& c) { return isHeatingCarrier(c.carrier); });
  if (usage.empty()) {
    out.note = "no heating meter with complete months";
    return out;
  }
  const auto periods = billingPeriodsFromMonths(usage, hdd, cal);
  // The energy baseline: the 12 whole months before the latest measure at
  // the site went live, or else its first 12 complete months.
  const v1::Measure* measure = nullptr;
  for (const auto& m : r.measures)
    if (m.has_implemented_at() &&
        std::find(m.site_ids().begin(), m.site_ids().end(), site.id()) != m.site_ids().end() &&
        (!measure || m.implemented_at() > measure->implemented_at()))
      measure = &m;
  std::vector<BillingPeriod> baseline, reporting;
  v1::SiteModel model;
  if (measure) {
    MeasureDates dates;
    dates.implementedAtMs = measure->implemented_at();
    dates.baselineDays = baselineDaysBefore(measure->implemented_at(), cal);
    const PeriodSplit split = splitPeriods(periods, dates);
    baseline = split.baseline;
    reporting = split.reporting;
    model.set_baseline_reason("the 12 months before " + measure->code() + " went live");
  } else {
    for (size_t i = 0; i < periods.size(); ++i) (i < 12 ? baseline : reporting).push_back(periods[i]);
    model.set_baseline_reason("the first 12 complete months with readings and degree days");
  }
  if (baseline.empty()) {
    out.note = "no complete month with degree days for an energy baseline";
    return out;
  }
  auto fit = fitBillingModel(baseline);
  if (!fit.isOk()) {
    out.note = fit.status().message();
    return out;
  }
  model.set_baseline_start(baseline.front().startMs);
  model.set_baseline_end(baseline.back().endMs);
  model.set_a_kwh_per_day(fit->a);
  model.set_b_kwh_per_hdd(fit->b);
  model.set_n(fit->fit.n);
  model.set_r2(fit->fit.r2);
  model.set_cv_rmse(fit->fit.cvRmse);
  model.set_nmbe(fit->fit.nmbe);
  model.set_accepted(fit->fit.accepted && fit->fit.n >= 12);
  for (const auto& w : fit->warnings) model.add_warnings(w);
  if (!reporting.empty()) {
    const AvoidedEnergy avoided = avoidedEnergy(*fit, reporting);
    model.set_avoided_kwh(avoided.avoidedKwh);
    model.set_reporting_days(avoided.days);
  }
  if (auto normal = normalYearHdd(hdd, r)) {
    model.set_normal_year_hdd(*normal);
    model.set_normalised_annual_kwh(normalisedAnnualUse(*fit, *normal));
    if (model.accepted()) out.normalisedKwh = model.normalised_annual_kwh();
  }
  out.model = std::move(model);
  return out;
}

// A site's year: its heat (normalised when its model is accepted) and its
// electricity, NCV kWh.
SiteEnergy energyOf(const MonitoringRecords& r, const v1::Site& site, const std::map<std::string, MonthlyUse>& months,
                    const Calendar& cal, const DegreeDays& hdd, int year, bool* normalised = nullptr) {
  SiteEnergy e;
  e.siteId = site.id();
  e.kind = v1::SiteKind_Name(site.kind());
  e.heatedAreaM2 = site.has_heated_area_m2() ? site.heated_area_m2() : 0;
  double heat = 0, electricity = 0;
  bool anyHeat = false, anyElectricity = false;
  for (const auto& m : r.meters) {
    if (m.site_id() != site.id()) continue;
    const MeterConfig config = meterConfigFromProto(m);
    if (!isConsumedEnergy(config.carrier) || !kwhPerUnit(config)) continue;
    auto it = months.find(m.id());
    if (it == months.end()) continue;
    for (const auto& [month, use] : it->second) {
      if (month.year != year) continue;
      const double kwh = toNetKwh(use.kwh, config.carrier, config.basis);
      if (isHeatingCarrier(config.carrier)) {
        heat += kwh;
        anyHeat = true;
      } else if (config.carrier == Carrier::kElectricity) {
        electricity += kwh;
        anyElectricity = true;
      }
    }
  }
  const HeatModel model = heatModel(r, site, months, cal, hdd);
  if (model.normalisedKwh) {
    e.heatKwhPerYear = *model.normalisedKwh;
  } else if (anyHeat) {
    e.heatKwhPerYear = heat;
  }
  if (normalised) *normalised = model.normalisedKwh.has_value();
  if (anyElectricity) e.electricityKwhPerYear = electricity;
  return e;
}

}  // namespace

std::vector<SiteEnergy> siteEnergies(const MonitoringRecords& r, int year) {
  const auto months = meterMonths(r);
  const Calendar cal = calendarOf(r.municipality);
  const DegreeDays hdd = degreeDaysOf(r.degreeDays, r.municipality.id());
  std::vector<SiteEnergy> out;
  for (const auto& s : r.sites)
    if (s.municipality_id() == r.municipality.id() && !s.archived())
      out.push_back(energyOf(r, s, months, cal, hdd, year));
  return out;
}

std::optional<v1::SiteReport> siteReport(const MonitoringRecords& r, const std::string& siteId, int year,
                                         std::span<const SiteEnergy> peers) {
  const v1::Site* site = nullptr;
  for (const auto& s : r.sites)
    if (s.id() == siteId && s.municipality_id() == r.municipality.id()) site = &s;
  if (!site) return std::nullopt;
  const auto months = meterMonths(r);
  const Calendar cal = calendarOf(r.municipality);
  const DegreeDays hdd = degreeDaysOf(r.degreeDays, r.municipality.id());

  v1::SiteReport out;
  out.set_site_id(site->id());
  out.set_name(site->name());
  out.set_kind(site->kind());
  out.set_municipality_id(site->municipality_id());
  if (site->has_heated_area_m2()) out.set_heated_area_m2(site->heated_area_m2());
  out.set_year(year);

  // Monthly series by carrier, and each meter's use in the year.
  std::map<int, v1::CarrierSeries> series;
  std::map<int, std::map<YearMonth, v1::MonthUse>> byCarrier;
  std::vector<v1::EnergyUse> uses;
  double siteTotal = 0;
  for (const auto& m : r.meters) {
    if (m.site_id() != site->id()) continue;
    const MeterConfig config = meterConfigFromProto(m);
    if (!isConsumedEnergy(config.carrier) || !kwhPerUnit(config)) continue;
    v1::CarrierSeries& cs = series[m.carrier()];
    cs.set_carrier(m.carrier());
    cs.set_meters(cs.meters() + 1);
    double inYear = 0;
    if (auto it = months.find(m.id()); it != months.end()) {
      for (const auto& [month, use] : it->second) {
        const double kwh = toNetKwh(use.kwh, config.carrier, config.basis);
        v1::MonthUse& mu = byCarrier[m.carrier()][month];
        mu.set_year(month.year);
        mu.set_month(static_cast<int32_t>(month.month));
        mu.set_kwh(mu.kwh() + kwh);
        mu.set_readings(mu.readings() + use.readings);
        const double h = hdd.month(month);
        if (!std::isnan(h)) mu.set_hdd(h);
        if (month.year == year) inYear += kwh;
      }
    }
    v1::EnergyUse u;
    u.set_meter_id(m.id());
    u.set_serial(m.serial());
    u.set_carrier(m.carrier());
    u.set_kwh(inYear);
    siteTotal += inYear;
    uses.push_back(std::move(u));
  }
  for (auto& [carrier, cs] : series) {
    for (auto& [month, mu] : byCarrier[carrier]) *cs.add_months() = std::move(mu);
    *out.add_series() = std::move(cs);
  }
  // Significant energy uses (ISO 50001): the largest that together make 80 %
  // of the site's use, and any that makes 20 % alone.
  std::sort(uses.begin(), uses.end(), [](const auto& a, const auto& b) { return a.kwh() > b.kwh(); });
  double cumulative = 0;
  for (auto& u : uses) {
    const double share = siteTotal > 0 ? u.kwh() / siteTotal : 0;
    u.set_share(share);
    u.set_significant(share > 0 && (cumulative < 0.8 || share >= 0.2));
    cumulative += share;
    *out.add_uses() = std::move(u);
  }

  const HeatModel model = heatModel(r, *site, months, cal, hdd);
  if (model.model)
    *out.mutable_heat_model() = *model.model;
  else
    out.set_model_note(model.note);

  bool normalised = false;
  const SiteEnergy mine = energyOf(r, *site, months, cal, hdd, year, &normalised);
  out.set_heat_normalised(normalised);
  const std::vector<SiteEnergy> municipality = siteEnergies(r, year);
  const auto local = siteEnpis(std::span<const SiteEnergy>(&mine, 1), municipality);
  const auto shared = siteEnpis(std::span<const SiteEnergy>(&mine, 1), peers);
  if (local[0].heatKwhPerM2) out.set_heat_kwh_per_m2(*local[0].heatKwhPerM2);
  if (local[0].electricityKwhPerM2) out.set_electricity_kwh_per_m2(*local[0].electricityKwhPerM2);
  if (local[0].heatMedianOfKind) out.set_heat_median_municipality(*local[0].heatMedianOfKind);
  if (local[0].electricityMedianOfKind) out.set_electricity_median_municipality(*local[0].electricityMedianOfKind);
  if (shared[0].heatMedianOfKind) out.set_heat_median_peers(*shared[0].heatMedianOfKind);
  if (shared[0].electricityMedianOfKind) out.set_electricity_median_peers(*shared[0].electricityMedianOfKind);
  return out;
}

const v1::ProgressUpdate* latestProgressOf(std::span<const v1::ProgressUpdate> updates, const std::string& measureId) {
  const v1::ProgressUpdate* latest = nullptr;
  for (const auto& p : updates)
    if (p.measure_id() == measureId &&
        (!latest || std::make_tuple(p.reported_at(), p.id()) > std::make_tuple(latest->reported_at(), latest->id())))
      latest = &p;
  return latest;
}

v1::ProgressStatus statusOf(const v1::ProgressUpdate* latest) {
  return latest && latest->status() != v1::PROGRESS_STATUS_UNSPECIFIED ? latest->status()
                                                                       : v1::PROGRESS_STATUS_NOT_STARTED;
}

}  // namespace secap::core
