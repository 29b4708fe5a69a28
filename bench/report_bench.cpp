// The municipality report from the rollups (DESIGN.md §10: under 50 ms with
// 10 million readings across 100 municipalities) against the reference of
// issue 13: the same report computed from the raw readings, measured in the
// same run on the same store.
//
// The store: 100 municipalities, each with 10 sites of 10 meters (4
// electricity, 3 gas, 3 district heat) read daily, monthly degree days, a
// published BEI, activity data for two years and 3 measures at sites with a
// completed progress update and a verifying inspection (so the report fits
// their M&V models). SECAP_BENCH_READINGS sets the readings (default 10
// million: about 1 000 a meter); it is built once through applyPush with the
// rollups, in SECAP_BENCH_DIR (default /tmp/secap_bench_report), and reused
// by later runs with the same size.
//
// Run: build/bench/bench_report --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ingest.h"
#include "reports.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/report.h"
#include "sqlite_store.h"

using namespace secap;

namespace {

constexpr int kMunicipalities = 100;
constexpr int kSitesPer = 10;
constexpr int kMetersPerSite = 10;
constexpr int64_t kDay = 86'400'000;
constexpr int64_t kStart = 1704067200000;  // 2024-01-01T00:00:00Z

int64_t wantedReadings() {
  const char* env = std::getenv("SECAP_BENCH_READINGS");
  return env ? std::max<int64_t>(std::atoll(env), 100'000) : 10'000'000;
}

std::string benchDir() {
  const char* env = std::getenv("SECAP_BENCH_DIR");
  return env ? env : "/tmp/secap_bench_report";
}

struct Fixture {
  std::unique_ptr<server::SqliteStore> store;
  std::vector<std::string> municipalities;
  int64_t readings = 0;
  int64_t nowMs = 0;
};

// A mean daily temperature with a winter (coldest mid-January).
double hddOn(int64_t day) {
  const double t = 8.5 - 10.5 * std::cos(2 * M_PI * (static_cast<double>(day % 365) - 18) / 365.0);
  return t <= 15 ? 18 - t : 0;
}

class Builder {
 public:
  Builder(server::Store& store, int64_t nowMs) : m_store(store), m_clock(nowMs - 3'600'000), m_now(nowMs) {}

  v1::Change change() {
    v1::Change c;
    c.set_change_id(core::newUuidV7(m_clock));
    c.set_entity_id(core::newUuidV7(m_clock));
    c.set_hlc(core::makeHlc(m_now - 3'600'000, m_counter++ & 0xffff));
    return c;
  }

  void add(v1::Change c) {
    *m_batch.add_changes() = std::move(c);
    if (m_batch.changes_size() >= 5000) flush();
  }

  void flush() {
    if (m_batch.changes_size() == 0) return;
    auto resp = server::applyPush(m_store, server::serverWriter(), m_batch, m_now);
    if (!resp.isOk()) throw std::runtime_error(resp.status().toString());
    for (const auto& r : resp->results())
      if (r.outcome() == v1::REJECTED) throw std::runtime_error("rejected: " + r.reason_code() + " " + r.message());
    m_batch.Clear();
  }

 private:
  server::Store& m_store;
  core::ManualClock m_clock;
  int64_t m_now;
  uint32_t m_counter = 0;
  v1::PushRequest m_batch;
};

void build(Fixture& f, int days) {
  Builder b(*f.store, f.nowMs);
  v1::Change tmpl = b.change();
  auto* t = tmpl.mutable_inspection_template();
  t->set_id(tmpl.entity_id());
  t->set_name("Measure verification");
  t->set_version(1);
  auto* item = t->add_items();
  item->set_key("implemented_as_planned");
  item->set_kind(v1::INSPECTION_ITEM_KIND_YES_NO);
  item->set_required(true);
  auto* prompt = item->add_prompt();
  prompt->set_language("en");
  prompt->set_text("Was the measure implemented as planned?");
  b.add(tmpl);
  v1::Change factor = b.change();
  auto* ef = factor.mutable_emission_factor();
  ef->set_id(factor.entity_id());
  ef->set_carrier(v1::CARRIER_ELECTRICITY);
  ef->set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
  ef->set_country("PL");
  ef->set_t_per_mwh(0.6);
  ef->set_source("bench");
  b.add(factor);

  uint64_t noise = 2030;
  auto jitter = [&] {
    noise = noise * 6364136223846793005ULL + 1442695040888963407ULL;
    return 0.9 + 0.2 * static_cast<double>(noise >> 11) / static_cast<double>(1ULL << 53);
  };
  for (int mi = 0; mi < kMunicipalities; ++mi) {
    v1::Change town = b.change();
    auto* m = town.mutable_municipality();
    m->set_id(town.entity_id());
    m->set_name("Gmina " + std::to_string(mi + 1));
    m->set_country("PL");
    m->set_time_zone("Europe/Warsaw");
    m->set_population(10'000 + mi * 997);
    m->set_baseline_year(2014);
    m->set_target_year(2030);
    m->set_target_reduction_pct(40);
    m->set_emission_factor_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    m->set_share_progress(mi % 2 == 0);
    b.add(town);
    f.municipalities.push_back(m->id());

    v1::Change bei = b.change();
    auto* inv = bei.mutable_published_inventory();
    inv->set_id(bei.entity_id());
    inv->set_municipality_id(m->id());
    inv->set_kind(v1::INVENTORY_KIND_BEI);
    inv->set_year(2014);
    inv->set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    inv->set_unit(v1::EMISSION_UNIT_T_CO2);
    inv->set_population(m->population());
    for (auto [sector, carrier, mwh] : {std::tuple{"residential", v1::CARRIER_NATURAL_GAS, 90'000.0},
                                        std::tuple{"residential", v1::CARRIER_ELECTRICITY, 30'000.0},
                                        std::tuple{"municipal_buildings", v1::CARRIER_ELECTRICITY, 6'000.0}}) {
      auto* line = inv->add_lines();
      line->set_com_sector(sector);
      line->set_carrier(carrier);
      line->set_mwh(mwh);
      line->set_t_co2(mwh * (carrier == v1::CARRIER_ELECTRICITY ? 0.8 : 0.2));
    }
    inv->set_source("bench");
    inv->set_submitted_at(kStart - 400 * kDay);
    b.add(bei);
    for (int year : {2024, 2025})
      for (auto [sector, carrier, mwh] : {std::tuple{"residential", v1::CARRIER_NATURAL_GAS, 80'000.0},
                                          std::tuple{"residential", v1::CARRIER_ELECTRICITY, 28'000.0}}) {
        v1::Change a = b.change();
        auto* ad = a.mutable_activity_data();
        ad->set_id(a.entity_id());
        ad->set_municipality_id(m->id());
        ad->set_year(year);
        ad->set_com_sector(sector);
        ad->set_carrier(carrier);
        ad->set_mwh(mwh);
        ad->set_source("bench");
        b.add(a);
      }
    for (int64_t month = 0; month * 30 < days + 31; ++month) {
      const int index = 2024 * 12 + static_cast<int>(month);
      v1::Change dd = b.change();
      auto* d = dd.mutable_degree_days();
      d->set_id(dd.entity_id());
      d->set_municipality_id(m->id());
      d->set_year(index / 12);
      d->set_month(index % 12 + 1);
      double sum = 0;
      for (int k = 0; k < 30; ++k) sum += hddOn(month * 30 + k);
      d->set_hdd(std::round(sum));
      d->set_source("bench");
      b.add(dd);
    }

    std::vector<std::string> siteIds;
    for (int si = 0; si < kSitesPer; ++si) {
      v1::Change sc = b.change();
      auto* s = sc.mutable_site();
      s->set_id(sc.entity_id());
      s->set_municipality_id(m->id());
      s->set_name("Szkoła " + std::to_string(si + 1));
      s->set_kind(v1::SITE_KIND_SCHOOL);
      s->set_com_sector("municipal_buildings");
      s->set_heated_area_m2(2000 + 150 * si);
      b.add(sc);
      siteIds.push_back(s->id());
      for (int k = 0; k < kMetersPerSite; ++k) {
        v1::Change mc = b.change();
        auto* meter = mc.mutable_meter();
        meter->set_id(mc.entity_id());
        meter->set_site_id(s->id());
        meter->set_serial("M-" + std::to_string(mi) + "-" + std::to_string(si) + "-" + std::to_string(k));
        meter->set_kind(v1::METER_KIND_CUMULATIVE);
        meter->set_register_digits(9);
        const bool heat = k >= 4;
        meter->set_carrier(k < 4   ? v1::CARRIER_ELECTRICITY
                           : k < 7 ? v1::CARRIER_NATURAL_GAS
                                   : v1::CARRIER_DISTRICT_HEAT);
        meter->set_unit(k < 4 ? v1::UNIT_KWH : k < 7 ? v1::UNIT_M3 : v1::UNIT_GJ);
        if (k >= 4 && k < 7) meter->set_calorific_value_kwh_per_unit(10.5);
        const std::string meterId = meter->id();
        b.add(mc);
        // Daily readings at 07:00 UTC, use driven by degree days for heat.
        double value = 1000;
        const double perUnit = k < 4 ? 1 : k < 7 ? 10.5 : 277.8;
        for (int d = 0; d < days; ++d) {
          const double kwh = (heat ? 40 + 25 * hddOn(d) : 120) * jitter();
          value += kwh / perUnit;
          v1::Change rc = b.change();
          auto* r = rc.mutable_reading();
          r->set_id(rc.entity_id());
          r->set_meter_id(meterId);
          r->set_taken_at(kStart + d * kDay + 7 * 3'600'000);
          r->set_value(std::round(value * 100) / 100);
          r->set_kind(v1::READING_KIND_ACTUAL);
          r->set_source(v1::READING_SOURCE_AUTOMATIC);
          b.add(rc);
          ++f.readings;
        }
      }
    }
    // Measures go live 40 % into the readings (day 400 of 1 000).
    const int64_t liveMs = kStart + static_cast<int64_t>(days) * 2 / 5 * kDay;
    for (int k = 0; k < 3; ++k) {
      v1::Change mc = b.change();
      auto* measure = mc.mutable_measure();
      measure->set_id(mc.entity_id());
      measure->set_municipality_id(m->id());
      measure->set_code("B." + std::to_string(k + 1));
      measure->set_title("Termomodernizacja szkoły " + std::to_string(k + 1));
      measure->set_type(v1::MEASURE_TYPE_MITIGATION);
      measure->set_com_sector("municipal_buildings");
      measure->set_area_of_intervention("building_envelope");
      measure->set_budget_eur(400'000);
      measure->set_expected_savings_mwh_per_year(150);
      measure->add_site_ids(siteIds[static_cast<size_t>(k)]);
      measure->set_implemented_at(liveMs);
      b.add(mc);
      v1::Change pc = b.change();
      auto* p = pc.mutable_progress_update();
      p->set_id(pc.entity_id());
      p->set_measure_id(measure->id());
      p->set_reported_at(liveMs + kDay / 2);
      p->set_status(v1::PROGRESS_STATUS_COMPLETED);
      p->set_percent_complete(100);
      p->set_spent_eur(390'000);
      b.add(pc);
      v1::Change ic = b.change();
      auto* i = ic.mutable_inspection();
      i->set_id(ic.entity_id());
      i->set_template_id(t->id());
      i->set_template_version(1);
      i->set_site_id(siteIds[static_cast<size_t>(k)]);
      i->set_measure_id(measure->id());
      i->set_inspector("bench");
      i->set_started_at(liveMs + kDay / 2);
      i->set_submitted_at(liveMs + kDay / 2 + 1'800'000);
      auto* a = i->add_answers();
      a->set_item_key("implemented_as_planned");
      a->set_yes_no(true);
      i->set_outcome(v1::INSPECTION_OUTCOME_VERIFIED);
      b.add(ic);
    }
    if ((mi + 1) % 10 == 0)
      std::fprintf(stderr, "bench_report: %d of %d municipalities stored\n", mi + 1, kMunicipalities);
  }
  b.flush();
}

Fixture& fixture() {
  static Fixture f = [] {
    Fixture out;
    const int64_t wanted = wantedReadings();
    const int days = static_cast<int>(wanted / (kMunicipalities * kSitesPer * kMetersPerSite));
    out.nowMs = kStart + (days + 1) * kDay;
    const std::string dir = benchDir();
    const std::string marker = dir + "/complete-" + std::to_string(days);
    const bool reuse = std::filesystem::exists(marker);
    if (!reuse) {
      std::filesystem::remove_all(dir);
      std::filesystem::create_directories(dir);
    }
    out.store = std::move(server::SqliteStore::open(dir + "/s.db")).value();
    if (reuse) {
      auto all = out.store->allMunicipalities();
      for (const auto& m : *all) out.municipalities.push_back(m.id);
      out.readings = static_cast<int64_t>(days) * kMunicipalities * kSitesPer * kMetersPerSite;
    } else {
      std::fprintf(stderr, "bench_report: storing %lld readings through ingest, once (a few minutes)...\n",
                   static_cast<long long>(wanted));
      build(out, days);
      std::ofstream(marker) << out.readings << "\n";
    }
    return out;
  }();
  return f;
}

server::Caller admin() {
  server::DeviceRecord d;
  d.id = "bench";
  d.roles["global"] = "admin";
  return server::Caller{d};
}

// What GET /api/v1/municipalities/{id}/report does: the records and the
// meters' monthly rollups, then the shared report.
void BM_MunicipalityReport(benchmark::State& state) {
  Fixture& f = fixture();
  core::ManualClock clock(f.nowMs);
  server::StoreReports reports(*f.store, clock);
  const auto caller = admin();
  size_t i = 0;
  for (auto _ : state) {
    auto r = reports.municipalityReport(caller, f.municipalities[i++ % f.municipalities.size()]);
    if (!r.isOk()) state.SkipWithError(r.status().message().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.counters["readings"] = static_cast<double>(f.readings);
}
BENCHMARK(BM_MunicipalityReport)->Unit(benchmark::kMillisecond)->MinTime(5)->UseRealTime();

// The reference: the same report from the raw readings (each meter's
// readings loaded and calendarised), as without rollups.
void BM_MunicipalityReportFromReadings(benchmark::State& state) {
  Fixture& f = fixture();
  size_t i = 0;
  for (auto _ : state) {
    const std::string& id = f.municipalities[i++ % f.municipalities.size()];
    auto records = server::monitoringRecordsOf(*f.store, id);
    if (!records.isOk()) {
      state.SkipWithError(records.status().message().c_str());
      break;
    }
    records->rollups.reset();
    auto readings = f.store->entitiesOf(core::EntityType::kReading, id);
    auto reviews = f.store->entitiesOf(core::EntityType::kReadingReview, id);
    if (!readings.isOk() || !reviews.isOk()) {
      state.SkipWithError("the readings could not be read");
      break;
    }
    for (const auto& r : *readings) records->readings.push_back(r.entity.reading());
    for (const auto& r : *reviews) records->reviews.push_back(r.entity.reading_review());
    auto report = core::municipalityReport(*records);
    benchmark::DoNotOptimize(report);
  }
  state.counters["readings"] = static_cast<double>(f.readings);
}
BENCHMARK(BM_MunicipalityReportFromReadings)->Unit(benchmark::kMillisecond)->MinTime(5)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
