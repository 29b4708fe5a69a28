#include "secap/core/progress.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "secap/core/consumption.h"

namespace secap::core {

namespace {

namespace v1 = secap::v1;

constexpr int kDefaultTargetYear = 2030;

// What the MunicipalityYear records say of one year.
struct YearFacts {
  long long population = 0;
  bool locked = false;
};

std::map<int, YearFacts> yearFactsOf(const MonitoringRecords& r) {
  std::map<int, YearFacts> out;
  // Several records of one year (two devices offline): any lock locks, and
  // the population of the highest id wins, so every device picks the same.
  std::vector<const v1::MunicipalityYear*> years;
  for (const auto& y : r.years)
    if (y.municipality_id() == r.municipality.id()) years.push_back(&y);
  std::sort(years.begin(), years.end(), [](auto* a, auto* b) { return a->id() < b->id(); });
  for (const auto* y : years) {
    YearFacts& f = out[y->year()];
    f.locked = f.locked || y->bei_locked();
    if (y->has_population() && y->population() > 0) f.population = y->population();
  }
  return out;
}

// The current published record of each (kind, year).
std::map<std::pair<int, int>, v1::PublishedInventory> publishedByKindYear(const MonitoringRecords& r) {
  std::vector<v1::PublishedInventory> own;
  for (const auto& p : r.published)
    if (p.municipality_id() == r.municipality.id()) own.push_back(p);
  std::map<std::pair<int, int>, v1::PublishedInventory> out;
  for (auto& p : currentPublished(std::move(own))) {
    const auto key = std::make_pair(static_cast<int>(p.kind()), p.year());
    auto it = out.find(key);
    if (it == out.end() || std::make_tuple(p.submitted_at(), p.id()) >
                               std::make_tuple(it->second.submitted_at(), it->second.id()))
      out[key] = std::move(p);
  }
  return out;
}

}  // namespace

Approach approachFromProto(v1::EmissionFactorApproach a) {
  return a == v1::EMISSION_FACTOR_APPROACH_LCA ? Approach::kLca : Approach::kIpcc;
}

EmissionFactorSet factorSetOf(const MonitoringRecords& records) {
  EmissionFactorSet set;
  for (const auto& f : records.factors) {
    const bool local = !f.municipality_id().empty();
    if (local && f.municipality_id() != records.municipality.id()) continue;
    const Carrier carrier = carrierFromProto(f.carrier());
    if (carrier == Carrier::kUnspecified) continue;
    set.add({carrier, approachFromProto(f.approach()), f.country(), f.year(), f.t_per_mwh(), f.source(), local});
  }
  return set;
}

Calendar calendarOf(const v1::Municipality& municipality) {
  auto zone = Calendar::forZone(municipality.time_zone());
  return zone.isOk() ? *zone : Calendar{};
}

DegreeDays degreeDaysOf(const std::vector<v1::DegreeDays>& records, const std::string& municipalityId) {
  DegreeDays hdd;
  for (const auto& d : records)
    if (d.municipality_id() == municipalityId && d.month() >= 1 && d.month() <= 12)
      hdd.setMonth(YearMonth{d.year(), static_cast<unsigned>(d.month())}, d.hdd());
  return hdd;
}

std::map<std::string, MonthlyUse> meterMonths(const MonitoringRecords& records) {
  if (records.rollups) return *records.rollups;
  const std::string& municipalityId = records.municipality.id();
  std::set<std::string> sites;
  for (const auto& s : records.sites)
    if (s.municipality_id() == municipalityId) sites.insert(s.id());
  const Calendar cal = calendarOf(records.municipality);
  const DegreeDays hdd = degreeDaysOf(records.degreeDays, municipalityId);
  const ReviewIndex reviews = reviewIndexFromProto(records.reviews);
  std::map<std::string, std::vector<ReadingRecord>> byMeter;
  for (const auto& r : records.readings) byMeter[r.meter_id()].push_back(readingFromProto(r, &reviews));
  std::map<std::string, MonthlyUse> out;
  for (const auto& m : records.meters)
    if (sites.count(m.site_id()))
      out[m.id()] = rollUpMeter(meterConfigFromProto(m), byMeter[m.id()], cal, &hdd).months;
  return out;
}

std::vector<ActivityData> meterLines(const MonitoringRecords& records) {
  const std::string& municipalityId = records.municipality.id();
  std::map<std::string, const v1::Site*> sites;
  for (const auto& s : records.sites)
    if (s.municipality_id() == municipalityId) sites[s.id()] = &s;
  std::vector<const v1::Meter*> meters;
  for (const auto& m : records.meters)
    if (sites.count(m.site_id())) meters.push_back(&m);
  std::sort(meters.begin(), meters.end(), [](auto* a, auto* b) { return a->id() < b->id(); });
  const auto monthly = meterMonths(records);
  std::vector<ActivityData> out;
  for (const v1::Meter* m : meters) {
    auto it = monthly.find(m->id());
    if (it == monthly.end()) continue;
    const v1::Site& site = *sites.at(m->site_id());
    const std::string sector = site.com_sector().empty() ? "municipal_buildings" : site.com_sector();
    for (auto& line : linesFromMonthly(meterConfigFromProto(*m), sector, it->second)) out.push_back(std::move(line));
  }
  return out;
}

Inventory inventoryFromPublished(const v1::PublishedInventory& published, std::string_view country) {
  Inventory inv;
  inv.year = published.year();
  inv.approach = approachFromProto(published.approach());
  inv.country = std::string(country);
  inv.published = true;
  for (const auto& line : published.lines()) {
    const Carrier carrier = carrierFromProto(line.carrier());
    InventoryCell& cell = inv.cells[line.com_sector()][carrier];
    cell.mwh += line.mwh();
    cell.origin.published = true;
    cell.factorSource = "published inventory";
    if (line.has_t_co2()) {
      cell.tCo2 += line.t_co2();
      cell.tPerMwh = cell.mwh > 0 ? cell.tCo2 / cell.mwh : 0;
    } else {
      cell.missing = true;
      inv.gaps.push_back({line.com_sector(), carrier, line.mwh(), "the published inventory gives no emissions for this cell"});
    }
  }
  for (const auto& e : published.non_energy()) inv.nonEnergyTCo2 += e.t_co2();
  totalUp(inv);
  return inv;
}

std::vector<v1::PublishedInventory> currentPublished(std::vector<v1::PublishedInventory> all) {
  std::set<std::string> superseded;
  for (const auto& p : all)
    if (!p.supersedes_id().empty()) superseded.insert(p.supersedes_id());
  std::erase_if(all, [&](const v1::PublishedInventory& p) { return superseded.count(p.id()) > 0; });
  return all;
}

MunicipalityProgress municipalityProgress(const MonitoringRecords& records) {
  const v1::Municipality& m = records.municipality;
  MunicipalityProgress out;
  out.municipalityId = m.id();
  out.name = m.name();
  out.baselineYear = m.baseline_year();
  out.targetYear = m.target_year() > 0 ? m.target_year() : kDefaultTargetYear;
  out.targetReductionPct = m.target_reduction_pct();
  if (m.has_climate_neutrality_year()) out.climateNeutralityYear = m.climate_neutrality_year();

  const Approach approach = approachFromProto(m.emission_factor_approach());
  const EmissionFactorSet factors = factorSetOf(records);
  const auto facts = yearFactsOf(records);
  const auto published = publishedByKindYear(records);

  std::vector<ActivityData> lines;
  std::set<int> activityYears;
  for (const auto& a : records.activity) {
    if (a.municipality_id() != m.id()) continue;
    lines.push_back({a.year(), a.com_sector(), carrierFromProto(a.carrier()), a.mwh(), a.source()});
    activityYears.insert(a.year());
  }
  for (auto& line : meterLines(records)) lines.push_back(std::move(line));

  auto publishedOf = [&](v1::InventoryKind kind, int year) -> const v1::PublishedInventory* {
    auto it = published.find({static_cast<int>(kind), year});
    return it == published.end() ? nullptr : &it->second;
  };
  auto fromPublished = [&](const v1::PublishedInventory& p) {
    YearInventory y;
    y.inventory = inventoryFromPublished(p, m.country());
    y.publishedId = p.id();
    y.publishedSource = p.source();
    return y;
  };
  auto computed = [&](int year) {
    YearInventory y;
    y.inventory = buildInventory(lines, factors, {year, approach, m.country(), std::nullopt});
    return y;
  };
  // The population of a year: the MunicipalityYear's; a locked BEI's as
  // submitted; else the published record's; else today's, marked estimated.
  auto settle = [&](YearInventory& y, long long publishedPopulation) {
    const int year = y.inventory.year;
    const auto f = facts.find(year);
    const long long recorded = f == facts.end() ? 0 : f->second.population;
    if (y.locked && publishedPopulation > 0)
      y.population = publishedPopulation;
    else if (recorded > 0)
      y.population = recorded;
    else if (publishedPopulation > 0)
      y.population = publishedPopulation;
    else if (m.population() > 0) {
      y.population = m.population();
      y.populationEstimated = true;
    }
    if (y.population > 0) y.perCapitaT = y.inventory.totalTCo2 / static_cast<double>(y.population);
  };

  const int base = m.baseline_year();
  if (base <= 0) {
    out.notes.push_back("the municipality has no baseline year");
  } else {
    const auto f = facts.find(base);
    const bool locked = f != facts.end() && f->second.locked;
    const v1::PublishedInventory* bei = publishedOf(v1::INVENTORY_KIND_BEI, base);
    if (locked && bei) {
      YearInventory y = fromPublished(*bei);
      y.locked = true;
      out.bei = std::move(y);
    } else if (activityYears.count(base)) {
      if (locked) out.notes.push_back("the baseline year is locked but no BEI was published: it is computed");
      out.bei = computed(base);
    } else if (bei) {
      out.notes.push_back("the published BEI is not locked (MunicipalityYear.bei_locked)");
      out.bei = fromPublished(*bei);
    } else {
      out.notes.push_back("no BEI: the baseline year " + std::to_string(base) +
                          " has neither activity data nor a published BEI");
    }
    if (out.bei) {
      out.bei->baseline = true;
      settle(*out.bei, bei && !out.bei->publishedId.empty() ? bei->population() : 0);
    }
  }

  std::set<int> meiYears;
  for (int y : activityYears)
    if (y > base) meiYears.insert(y);
  for (const auto& [key, p] : published)
    if (key.first == v1::INVENTORY_KIND_MEI && p.year() > base) meiYears.insert(p.year());
  for (int year : meiYears) {
    YearInventory y;
    long long publishedPopulation = 0;
    if (activityYears.count(year)) {
      y = computed(year);
    } else {
      const v1::PublishedInventory* p = publishedOf(v1::INVENTORY_KIND_MEI, year);
      y = fromPublished(*p);
      publishedPopulation = p->population();
    }
    settle(y, publishedPopulation);
    out.meis.push_back(std::move(y));
  }
  if (out.meis.empty() && base > 0)
    out.notes.push_back("no MEI yet: no year after the baseline has activity data or a published MEI");

  if (out.bei && !out.meis.empty()) {
    const YearInventory& latest = out.meis.back();
    auto r = reductionAgainstBaseline(out.bei->inventory, out.bei->population, latest.inventory, latest.population,
                                      {base, out.targetYear, out.targetReductionPct, false});
    if (r.isOk())
      out.reduction = *r;
    else
      out.notes.push_back("no reduction: " + r.status().message());
  }
  if (out.climateNeutralityYear && !out.meis.empty()) {
    const YearInventory& latest = out.meis.back();
    out.neutralityGapT = latest.inventory.totalTCo2;
    const int years = std::max(1, *out.climateNeutralityYear - latest.inventory.year);
    out.neutralityCutTPerYear = latest.inventory.totalTCo2 / years;
  }
  return out;
}

v1::PublishedInventory toPublishedShape(const YearInventory& y, const v1::Municipality& m) {
  v1::PublishedInventory p;
  p.set_municipality_id(m.id());
  p.set_kind(y.baseline ? v1::INVENTORY_KIND_BEI : v1::INVENTORY_KIND_MEI);
  p.set_year(y.inventory.year);
  const bool lca = y.inventory.approach == Approach::kLca;
  p.set_approach(lca ? v1::EMISSION_FACTOR_APPROACH_LCA : v1::EMISSION_FACTOR_APPROACH_IPCC);
  p.set_unit(lca ? v1::EMISSION_UNIT_T_CO2_EQ : v1::EMISSION_UNIT_T_CO2);
  if (y.population > 0 && !y.populationEstimated) p.set_population(y.population);
  for (const auto& [sector, byCarrier] : y.inventory.cells) {
    for (const auto& [carrier, cell] : byCarrier) {
      auto* line = p.add_lines();
      line->set_com_sector(sector);
      line->set_carrier(carrierToProto(carrier));
      line->set_mwh(cell.mwh);
      if (!cell.missing) line->set_t_co2(cell.tCo2);
    }
  }
  // Every electricity cell of a computed year has the same factor.
  for (const auto& [sector, byCarrier] : y.inventory.cells) {
    auto e = byCarrier.find(Carrier::kElectricity);
    if (e != byCarrier.end() && !e->second.missing && !p.has_electricity_t_per_mwh())
      p.set_electricity_t_per_mwh(e->second.tPerMwh);
  }
  p.set_source(y.publishedSource.empty() ? "Computed by SECAP Field from meters and activity data"
                                         : y.publishedSource);
  return p;
}

namespace {

bool near(double a, double b) { return std::abs(a - b) <= 0.0005; }

bool nearOpt(bool hasA, double a, bool hasB, double b) { return hasA == hasB && (!hasA || near(a, b)); }

bool sameProduction(const google::protobuf::RepeatedPtrField<v1::LocalProductionLine>& a,
                    const google::protobuf::RepeatedPtrField<v1::LocalProductionLine>& b) {
  if (a.size() != b.size()) return false;
  for (const auto& la : a) {
    auto lb = std::find_if(b.begin(), b.end(), [&](const auto& l) { return l.plant() == la.plant(); });
    if (lb == b.end() || !near(la.produced_mwh(), lb->produced_mwh()) ||
        !nearOpt(la.has_t_co2(), la.t_co2(), lb->has_t_co2(), lb->t_co2()))
      return false;
    std::map<std::string, double> ia, ib;
    for (const auto& in : la.inputs()) ia[in.input()] += in.mwh();
    for (const auto& in : lb->inputs()) ib[in.input()] += in.mwh();
    if (ia.size() != ib.size()) return false;
    for (const auto& [k, v] : ia)
      if (!ib.count(k) || !near(v, ib[k])) return false;
  }
  return true;
}

}  // namespace

bool sameFigures(const v1::PublishedInventory& a, const v1::PublishedInventory& b) {
  if (a.kind() != b.kind() || a.year() != b.year() || a.approach() != b.approach() || a.unit() != b.unit() ||
      a.population() != b.population() || a.lines_size() != b.lines_size() ||
      a.non_energy_size() != b.non_energy_size())
    return false;
  if (!nearOpt(a.has_green_electricity_mwh(), a.green_electricity_mwh(), b.has_green_electricity_mwh(),
               b.green_electricity_mwh()) ||
      !nearOpt(a.has_green_electricity_t_per_mwh(), a.green_electricity_t_per_mwh(),
               b.has_green_electricity_t_per_mwh(), b.green_electricity_t_per_mwh()) ||
      !nearOpt(a.has_electricity_t_per_mwh(), a.electricity_t_per_mwh(), b.has_electricity_t_per_mwh(),
               b.electricity_t_per_mwh()))
    return false;
  for (const auto& la : a.lines()) {
    auto lb = std::find_if(b.lines().begin(), b.lines().end(), [&](const v1::InventoryLine& l) {
      return l.com_sector() == la.com_sector() && l.carrier() == la.carrier();
    });
    if (lb == b.lines().end() || !near(la.mwh(), lb->mwh()) ||
        !nearOpt(la.has_t_co2(), la.t_co2(), lb->has_t_co2(), lb->t_co2()))
      return false;
  }
  for (const auto& ea : a.non_energy()) {
    auto eb = std::find_if(b.non_energy().begin(), b.non_energy().end(),
                           [&](const v1::NonEnergyEmission& e) { return e.source() == ea.source(); });
    if (eb == b.non_energy().end() || !near(ea.t_co2(), eb->t_co2())) return false;
  }
  return sameProduction(a.local_electricity(), b.local_electricity()) &&
         sameProduction(a.local_heat(), b.local_heat());
}

}  // namespace secap::core
