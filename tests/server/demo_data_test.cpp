#include "demo_data.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "fixtures.h"
#include "ingest.h"
#include "secap/core/entity.h"
#include "secap/core/inspection.h"
#include "server.h"
#include "test_backend.h"

namespace secap::server {
namespace {

namespace v1 = secap::v1;

// 2025-11-23T12:00:00Z
constexpr int64_t kNowMs = 1'763'899'200'000;

// UTF-8 spelled out in bytes, so the test does not depend on the source encoding.
const std::string kPalecznica =
    "Pa\xc5\x82"
    "ecznica";
const std::string kZyrakow = "\xc5\xbbyrak\xc3\xb3w";
const std::string kSchwaebischHall =
    "Schw\xc3\xa4"
    "bisch Hall";

const std::vector<v1::Change>& demo() {
  static const std::vector<v1::Change> kData = generateDemoData({.seed = 2030, .nowMs = kNowMs, .years = 3});
  return kData;
}

std::chrono::year_month_day civilOf(int64_t ms) {
  using namespace std::chrono;
  return year_month_day{floor<days>(sys_time<milliseconds>(milliseconds(ms)))};
}

bool isHeating(v1::Carrier c) { return c == v1::CARRIER_NATURAL_GAS || c == v1::CARRIER_DISTRICT_HEAT; }

std::map<std::string, std::vector<v1::Reading>> readingsByMeter() {
  std::map<std::string, std::vector<v1::Reading>> out;
  for (const auto& c : demo()) {
    if (c.has_reading() && c.reading().recorded_by() != kDemoAnomalyRecorder &&
        c.reading().kind() != v1::READING_KIND_INVOICE)  // the invoiced circuits: their own test
      out[c.reading().meter_id()].push_back(c.reading());
  }
  for (auto& [id, rs] : out) {
    std::sort(rs.begin(), rs.end(), [](const auto& a, const auto& b) { return a.taken_at() < b.taken_at(); });
  }
  return out;
}

std::map<std::string, v1::Meter> metersById() {
  std::map<std::string, v1::Meter> out;
  for (const auto& c : demo()) {
    if (c.has_meter()) out[c.entity_id()] = c.meter();
  }
  return out;
}

TEST(DemoData, IsDeterministicForASeed) {
  const auto again = generateDemoData({.seed = 2030, .nowMs = kNowMs, .years = 3});
  ASSERT_EQ(again.size(), demo().size());
  for (size_t i = 0; i < again.size(); ++i) {
    ASSERT_EQ(again[i].SerializeAsString(), demo()[i].SerializeAsString()) << "change " << i;
  }
  const auto other = generateDemoData({.seed = 7, .nowMs = kNowMs, .years = 3});
  ASSERT_FALSE(other.empty());
  EXPECT_NE(other.back().SerializeAsString(), demo().back().SerializeAsString());
}

TEST(DemoData, HasTheTenSeedMunicipalitiesWithExactUtf8Names) {
  std::map<std::string, v1::Municipality> byName;
  for (const auto& c : demo()) {
    if (c.has_municipality()) byName[c.municipality().name()] = c.municipality();
  }
  ASSERT_EQ(byName.size(), 10u);
  for (const char* name : {"Bydgoszcz", "Sztum", "Besko", "Raciechowice", "Siemiatycze"}) {
    EXPECT_EQ(byName.count(name), 1u) << name;
  }
  EXPECT_EQ(byName.count("Zamo\xc5\x9b\xc4\x87"), 1u);
  EXPECT_EQ(byName.count("Ritterhude"), 1u);
  ASSERT_EQ(byName.count(kPalecznica), 1u);
  ASSERT_EQ(byName.count(kZyrakow), 1u);
  ASSERT_EQ(byName.count(kSchwaebischHall), 1u);
  EXPECT_EQ(byName[kZyrakow].country(), "PL");
  EXPECT_EQ(byName[kZyrakow].time_zone(), "Europe/Warsaw");
  EXPECT_EQ(byName[kSchwaebischHall].country(), "DE");
  EXPECT_EQ(byName[kSchwaebischHall].time_zone(), "Europe/Berlin");
  for (const auto& [name, m] : byName) {
    EXPECT_EQ(m.target_year(), 2030) << name;
    EXPECT_GE(m.target_reduction_pct(), 40) << name;
    EXPECT_GE(m.baseline_year(), 2005) << name;
    EXPECT_LE(m.baseline_year(), 2020) << name;
    EXPECT_GT(m.population(), 1000) << name;
  }
  EXPECT_EQ(demoMunicipalityNames().size(), 10u);
}

TEST(DemoData, MunicipalityIdsAreFixedPerSeedAndFindableByName) {
  const auto later = generateDemoData({.seed = 2030, .nowMs = kNowMs + 40LL * 86'400'000, .years = 2});
  std::map<std::string, std::string> idByName;
  for (const auto& c : later) {
    if (c.has_municipality()) idByName[c.municipality().name()] = c.entity_id();
  }
  for (const auto& c : demo()) {
    if (!c.has_municipality()) continue;
    EXPECT_EQ(c.entity_id(), demoMunicipalityId(c.municipality().name()));
    EXPECT_EQ(c.entity_id(), idByName[c.municipality().name()]);
    EXPECT_EQ(c.municipality().id(), c.entity_id());
  }
  EXPECT_EQ(demoMunicipalityId("Atlantis"), "");
  EXPECT_NE(demoMunicipalityId(kZyrakow, 1), demoMunicipalityId(kZyrakow, 2));
}

TEST(DemoData, IdsAreUniqueLowercaseUuidV7) {
  const std::regex uuidV7("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> changeIds;
  std::set<std::string> entityIds;
  for (const auto& c : demo()) {
    ASSERT_TRUE(std::regex_match(c.change_id(), uuidV7)) << c.change_id();
    ASSERT_TRUE(std::regex_match(c.entity_id(), uuidV7)) << c.entity_id();
    EXPECT_TRUE(changeIds.insert(c.change_id()).second);
    EXPECT_TRUE(entityIds.insert(c.entity_id()).second);
    EXPECT_EQ(c.fields_size(), 0);
    EXPECT_FALSE(c.deleted());
  }
}

TEST(DemoData, HlcStampsIncreaseInListOrderAndPrecedeNow) {
  uint64_t previous = 0;
  for (const auto& c : demo()) {
    EXPECT_GT(c.hlc(), previous);
    previous = c.hlc();
    EXPECT_LT(static_cast<int64_t>(c.hlc() >> 16), kNowMs);
  }
}

TEST(DemoData, EveryParentExistsAndComesFirst) {
  std::set<std::string> municipalities;
  std::set<std::string> sites;
  std::set<std::string> meters;
  std::set<std::string> readings;
  std::set<std::string> measures;
  std::set<std::string> templates;
  for (const auto& c : demo()) {
    switch (c.entity_case()) {
      case v1::Change::kMunicipality:
        municipalities.insert(c.entity_id());
        break;
      case v1::Change::kSite:
        ASSERT_EQ(c.site().id(), c.entity_id());
        ASSERT_EQ(municipalities.count(c.site().municipality_id()), 1u) << c.site().name();
        sites.insert(c.entity_id());
        break;
      case v1::Change::kMeter:
        ASSERT_EQ(c.meter().id(), c.entity_id());
        ASSERT_EQ(sites.count(c.meter().site_id()), 1u) << c.meter().serial();
        meters.insert(c.entity_id());
        break;
      case v1::Change::kReading:
        ASSERT_EQ(c.reading().id(), c.entity_id());
        ASSERT_EQ(meters.count(c.reading().meter_id()), 1u);
        readings.insert(c.entity_id());
        break;
      case v1::Change::kReadingReview:
        ASSERT_EQ(readings.count(c.reading_review().reading_id()), 1u);
        break;
      case v1::Change::kDegreeDays:
        ASSERT_EQ(municipalities.count(c.degree_days().municipality_id()), 1u);
        break;
      case v1::Change::kMunicipalityYear:
        ASSERT_EQ(municipalities.count(c.municipality_year().municipality_id()), 1u);
        break;
      case v1::Change::kEmissionFactor:
        // Global reference data, or a heat network's own factor.
        if (!c.emission_factor().municipality_id().empty())
          ASSERT_EQ(municipalities.count(c.emission_factor().municipality_id()), 1u);
        break;
      case v1::Change::kPublishedInventory:
        ASSERT_EQ(municipalities.count(c.published_inventory().municipality_id()), 1u);
        break;
      case v1::Change::kActivityData:
        ASSERT_EQ(municipalities.count(c.activity_data().municipality_id()), 1u);
        break;
      case v1::Change::kInspectionTemplate:
        templates.insert(c.entity_id());
        break;
      case v1::Change::kMeasure:
        ASSERT_EQ(municipalities.count(c.measure().municipality_id()), 1u);
        for (const auto& s : c.measure().site_ids()) ASSERT_EQ(sites.count(s), 1u);
        measures.insert(c.entity_id());
        break;
      case v1::Change::kProgressUpdate:
        ASSERT_EQ(measures.count(c.progress_update().measure_id()), 1u);
        break;
      case v1::Change::kInspection:
        ASSERT_EQ(sites.count(c.inspection().site_id()), 1u);
        // A measure's verification names it; the SECAP audit is of the whole plan.
        if (c.inspection().has_measure_id()) ASSERT_EQ(measures.count(c.inspection().measure_id()), 1u);
        ASSERT_EQ(templates.count(c.inspection().template_id()), 1u);
        break;
      default:
        FAIL() << "unexpected entity";
    }
  }
}

TEST(DemoData, SizeIsModest) {
  std::map<v1::Change::EntityCase, int> counts;
  for (const auto& c : demo()) ++counts[c.entity_case()];
  EXPECT_EQ(counts[v1::Change::kMunicipality], 10);
  EXPECT_GE(counts[v1::Change::kSite], 60);
  EXPECT_LE(counts[v1::Change::kSite], 80);
  EXPECT_GE(counts[v1::Change::kMeter], 120);
  EXPECT_LE(counts[v1::Change::kMeter], 200);
  EXPECT_GE(counts[v1::Change::kReading], 4000);
  EXPECT_LE(counts[v1::Change::kReading], 7500);
}

TEST(DemoData, SitesAndMetersLookReal) {
  std::set<std::string> labels;
  bool sawCtMeter = false;
  bool sawGas = false;
  bool sawDistrictHeat = false;
  bool sawPolishSchool = false;
  for (const auto& c : demo()) {
    if (c.has_site()) {
      const auto& s = c.site();
      EXPECT_FALSE(s.address().empty()) << s.name();
      EXPECT_TRUE(s.com_sector() == "municipal_buildings" || s.com_sector() == "public_lighting");
      EXPECT_TRUE(s.has_lat() && s.has_lon()) << s.name();
      EXPECT_GT(s.lat(), 49.0);
      EXPECT_LT(s.lat(), 54.5);
      if (s.name().rfind("Szko\xc5\x82"
                         "a Podstawowa",
                         0) == 0)
        sawPolishSchool = true;
      if (s.kind() == v1::SITE_KIND_SCHOOL) {
        EXPECT_GT(s.heated_area_m2(), 0) << s.name();
      }
    }
    if (c.has_meter() && c.meter().kind() != v1::METER_KIND_PERIOD) {  // invoiced: their own test
      const auto& m = c.meter();
      EXPECT_EQ(m.kind(), v1::METER_KIND_CUMULATIVE);
      EXPECT_TRUE(labels.insert(m.label_code()).second) << m.label_code();
      EXPECT_EQ(m.label_code().rfind("SECAP-M-", 0), 0u);
      EXPECT_GE(m.register_digits(), 5);
      EXPECT_LE(m.register_digits(), 9);
      if (m.multiplier() == 40) sawCtMeter = true;
      if (m.carrier() == v1::CARRIER_NATURAL_GAS) {
        sawGas = true;
        EXPECT_EQ(m.unit(), v1::UNIT_M3);
        EXPECT_GT(m.calorific_value_kwh_per_unit(), 9.5);
        EXPECT_LT(m.calorific_value_kwh_per_unit(), 11.5);
      }
      if (m.carrier() == v1::CARRIER_DISTRICT_HEAT) {
        sawDistrictHeat = true;
        EXPECT_EQ(m.unit(), v1::UNIT_GJ);
      }
      if (m.carrier() == v1::CARRIER_ELECTRICITY) {
        EXPECT_EQ(m.unit(), v1::UNIT_KWH);
      }
    }
  }
  EXPECT_TRUE(sawCtMeter);
  EXPECT_TRUE(sawGas);
  EXPECT_TRUE(sawDistrictHeat);
  EXPECT_TRUE(sawPolishSchool);
}

TEST(DemoData, ReadingsAreMonthlyManualAndBeforeNow) {
  for (const auto& [meterId, rs] : readingsByMeter()) {
    EXPECT_GE(rs.size(), 36u);
    EXPECT_LE(rs.size(), 37u);
    for (size_t i = 0; i < rs.size(); ++i) {
      const auto& r = rs[i];
      EXPECT_TRUE(std::isfinite(r.value()) && r.value() > 0) << r.value();
      EXPECT_LT(r.taken_at(), kNowMs);
      EXPECT_EQ(r.kind(), v1::READING_KIND_ACTUAL);
      EXPECT_EQ(r.source(), v1::READING_SOURCE_MANUAL);
      EXPECT_EQ(r.recorded_by(), "demo");
      EXPECT_LE(static_cast<unsigned>(civilOf(r.taken_at()).day()), 6u);
      if (i > 0) {
        const int64_t gapDays = (r.taken_at() - rs[i - 1].taken_at()) / 86'400'000;
        EXPECT_GE(gapDays, 21);  // 6 February to 1 March.
        EXPECT_LE(gapDays, 37);
      }
    }
  }
}

// Bydgoszcz's street lighting bought on invoices: a period meter per supply
// point, one invoice a month that abuts the last, and the last full month
// held back as the file the demo drops into the import folder.
TEST(DemoData, InvoicedLightingHasMonthlyInvoicesAndTheLastMonthAsAFile) {
  std::map<std::string, std::vector<v1::Reading>> invoices;
  for (const auto& c : demo())
    if (c.has_reading() && c.reading().kind() == v1::READING_KIND_INVOICE)
      invoices[c.reading().meter_id()].push_back(c.reading());
  ASSERT_EQ(invoices.size(), 2u);
  const auto meters = metersById();
  const auto file = demoInvoiceFile({.nowMs = kNowMs});
  for (auto& [meterId, rs] : invoices) {
    const v1::Meter& m = meters.at(meterId);
    EXPECT_EQ(m.kind(), v1::METER_KIND_PERIOD);
    EXPECT_EQ(m.label_code().size(), 18u) << "a PPE number";
    EXPECT_NE(file.text.find(m.label_code()), std::string::npos);
    std::sort(rs.begin(), rs.end(), [](const auto& a, const auto& b) { return a.taken_at() < b.taken_at(); });
    EXPECT_EQ(rs.size(), 35u);  // 36 full months, the last one in the file
    for (size_t i = 0; i < rs.size(); ++i) {
      EXPECT_EQ(rs[i].source(), v1::READING_SOURCE_INVOICE_IMPORT);
      EXPECT_GT(rs[i].value(), 3000);  // tens of kW over the nights of a month
      EXPECT_LT(rs[i].value(), 20000);
      if (i > 0) EXPECT_EQ(rs[i].period_start(), rs[i - 1].taken_at());
    }
    EXPECT_LT(rs.back().taken_at(), kNowMs);
  }
  EXPECT_EQ(file.name.rfind("invoices-", 0), 0u);
  EXPECT_EQ(std::count(file.text.begin(), file.text.end(), '\n'), 4);  // comment, header, two circuits
}

TEST(DemoData, RegistersIncreaseExceptMarkedRollovers) {
  const auto meters = metersById();
  int rollovers = 0;
  for (const auto& [meterId, rs] : readingsByMeter()) {
    const v1::Meter& meter = meters.at(meterId);
    for (size_t i = 1; i < rs.size(); ++i) {
      const double prev = rs[i - 1].value();
      const double cur = rs[i].value();
      if (cur > prev) {
        EXPECT_TRUE(rs[i].note().empty());
        continue;
      }
      ++rollovers;
      EXPECT_FALSE(rs[i].note().empty()) << "unmarked drop on " << meter.serial();
      const double modulus = std::pow(10.0, meter.register_digits());
      const double wrapped = modulus - prev + cur;
      EXPECT_GT(wrapped, 0);
      EXPECT_LT(wrapped, modulus / 2) << meter.serial();
      EXPECT_GE(prev, modulus / 2) << "a rollover starts near the top of the register";
    }
  }
  EXPECT_GE(rollovers, 1);
  EXPECT_LE(rollovers, 4);
}

TEST(DemoData, HeatingMetersUseMoreInJanuaryThanInJuly) {
  const auto meters = metersById();
  int compared = 0;
  for (const auto& [meterId, rs] : readingsByMeter()) {
    const v1::Meter& meter = meters.at(meterId);
    if (!isHeating(meter.carrier())) continue;
    const double modulus = std::pow(10.0, meter.register_digits());
    // Increment per (year, month) of the interval's midpoint.
    std::map<std::pair<int, unsigned>, double> byMonth;
    for (size_t i = 1; i < rs.size(); ++i) {
      double delta = rs[i].value() - rs[i - 1].value();
      if (delta < 0) delta += modulus;
      const auto mid = civilOf((rs[i].taken_at() + rs[i - 1].taken_at()) / 2);
      byMonth[{static_cast<int>(mid.year()), static_cast<unsigned>(mid.month())}] = delta;
    }
    for (const auto& [key, january] : byMonth) {
      if (key.second != 1) continue;
      const auto july = byMonth.find({key.first, 7u});
      if (july == byMonth.end()) continue;
      EXPECT_GT(january, 1.5 * july->second) << meter.serial() << " " << key.first;
      ++compared;
    }
  }
  EXPECT_GT(compared, 50);
}

TEST(DemoData, DegreeDaysFollowTheSeasons) {
  const auto hdd = generateDemoDegreeDays({.seed = 2030, .nowMs = kNowMs, .years = 3});
  ASSERT_FALSE(hdd.empty());
  int januaries = 0;
  for (const auto& d : hdd) {
    EXPECT_FALSE(d.municipalityId.empty());
    EXPECT_GE(d.hdd, 0);
    if (d.month == 1) {
      ++januaries;
      EXPECT_GT(d.hdd, 420) << d.year;
      EXPECT_LT(d.hdd, 760) << d.year;
    }
    if (d.month == 7) {
      EXPECT_LT(d.hdd, 90) << d.year;
    }
  }
  EXPECT_EQ(januaries, 30);  // 10 municipalities x 3 Januaries.
}

TEST(DemoData, RejectsMissingNow) {
  EXPECT_THROW(generateDemoData({.seed = 1, .nowMs = 0, .years = 3}), std::invalid_argument);
  EXPECT_THROW(generateDemoData({.seed = 1, .nowMs = kNowMs, .years = 0}), std::invalid_argument);
}

}  // namespace
}  // namespace secap::server

namespace secap::server {
namespace {

// Every demo inspection answers its checklist as the sync rules require, and
// the SECAP internal audit was run in every municipality with a town hall.
TEST(DemoData, InspectionsAnswerTheirChecklists) {
  std::map<std::string, v1::InspectionTemplate> templates;
  int audits = 0;
  for (const auto& c : demo()) {
    if (c.has_inspection_template()) templates[c.entity_id()] = c.inspection_template();
    if (!c.has_inspection()) continue;
    const auto& t = templates.at(c.inspection().template_id());
    EXPECT_TRUE(core::checkAnswers(t, c.inspection()).empty()) << t.name();
    if (t.name().find("SECAP internal audit") != std::string::npos) ++audits;
  }
  EXPECT_GE(audits, 3);
}

TEST(DemoData, HasMeasuresProgressInspectionsAndReferenceData) {
  std::map<v1::Change::EntityCase, int> counts;
  int verified = 0, globalTemplates = 0, exampleFactors = 0, ipccFactors = 0;
  std::set<std::string> fundingSources;
  bool indicators = false;
  for (const auto& c : demo()) {
    ++counts[c.entity_case()];
    if (c.has_inspection()) {
      EXPECT_TRUE(c.inspection().has_submitted_at());
      if (c.inspection().outcome() == v1::INSPECTION_OUTCOME_VERIFIED) ++verified;
    }
    if (c.has_inspection_template()) {
      if (c.inspection_template().municipality_id().empty()) ++globalTemplates;
      for (const auto& item : c.inspection_template().items()) {
        std::set<std::string> languages;
        for (const auto& p : item.prompt()) languages.insert(p.language());
        EXPECT_EQ(languages, (std::set<std::string>{"pl", "en", "de"})) << item.key();
      }
    }
    if (c.has_measure())
      for (const auto& f : c.measure().funding_sources()) fundingSources.insert(f);
    if (c.has_progress_update() && c.progress_update().indicators_size() > 0) indicators = true;
    if (c.has_emission_factor()) {
      if (c.emission_factor().source().find("EXAMPLE") != std::string::npos) ++exampleFactors;
      if (c.emission_factor().source().find("IPCC") != std::string::npos) ++ipccFactors;
      if (c.emission_factor().carrier() == v1::CARRIER_NATURAL_GAS)
        EXPECT_DOUBLE_EQ(c.emission_factor().t_per_mwh(),
                         c.emission_factor().approach() == v1::EMISSION_FACTOR_APPROACH_LCA ? 0.237 : 0.202);
    }
  }
  EXPECT_GE(counts[v1::Change::kMeasure], 30);
  EXPECT_GE(counts[v1::Change::kProgressUpdate], 100);
  EXPECT_GE(verified, 5);
  EXPECT_EQ(globalTemplates, 2);  // measure verification and the SECAP internal audit
  EXPECT_EQ(ipccFactors, 7);
  EXPECT_GE(exampleFactors, 6);
  EXPECT_TRUE(indicators);
  EXPECT_EQ(fundingSources.count("NFOŚiGW"), 1u);
  EXPECT_EQ(fundingSources.count("KfW 432"), 1u);
  EXPECT_EQ(counts[v1::Change::kDegreeDays], static_cast<int>(generateDemoDegreeDays({.nowMs = kNowMs}).size()));
  // Every year from each baseline year (three towns 2013, four 2014, three 2015) to now (2025).
  EXPECT_EQ(counts[v1::Change::kMunicipalityYear], 3 * 13 + 4 * 12 + 3 * 11);
  EXPECT_EQ(counts[v1::Change::kReadingReview], 1);
}

TEST(DemoData, IngestsWithoutRejectionsAndFlagsTheAnomalies) {
  const auto dir = secap::testing::freshDir("demo_ingest");
  secap::testing::TestDatabase database;
  auto store = openStore(dir, database.url());
  ASSERT_TRUE(store.isOk()) << store.status().toString();
  std::map<std::string, std::vector<std::string>> flagsById;
  const auto& changes = demo();
  for (size_t i = 0; i < changes.size(); i += 5000) {
    v1::PushRequest batch;
    for (size_t j = i; j < std::min(changes.size(), i + 5000); ++j) *batch.add_changes() = changes[j];
    auto resp = applyPush(**store, serverWriter(), batch, kNowMs);
    ASSERT_TRUE(resp.isOk()) << resp.status().toString();
    for (int k = 0; k < resp->results_size(); ++k) {
      const auto& r = resp->results(k);
      ASSERT_EQ(r.outcome(), v1::ACCEPTED)
          << r.reason_code() << " " << r.message() << " " << batch.changes(k).ShortDebugString().substr(0, 300);
      flagsById[batch.changes(k).entity_id()] = {r.flags().begin(), r.flags().end()};
    }
  }
  int notMonotonic = 0, spikes = 0;
  for (const auto& c : changes) {
    if (!c.has_reading() || c.reading().recorded_by() != kDemoAnomalyRecorder) continue;
    for (const auto& f : flagsById[c.entity_id()]) {
      notMonotonic += f == "reading.not_monotonic";
      spikes += f == "reading.spike";
    }
  }
  EXPECT_EQ(notMonotonic, 2);
  EXPECT_EQ(spikes, 1);
  auto factors = (*store)->entitiesOf(core::EntityType::kEmissionFactor, core::kGlobalScope);
  ASSERT_TRUE(factors.isOk());
  EXPECT_GE(factors->size(), 13u);
}

}  // namespace
}  // namespace secap::server
