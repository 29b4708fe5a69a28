// Published inventories on the server, on SQLite and PostgreSQL: a
// coordinator imports the BEI their town submitted years ago and reports
// against it unchanged; the export and the import are one CSV shape; a bad
// file adds nothing; the same file twice adds nothing; and the demo data
// tells every town's story the same way on the server and on a device.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "demo_data.h"
#include "fixtures.h"
#include "harness.h"
#include "ingest.h"
#include "inventories.h"
#include "inventory_fixtures.h"
#include "reports.h"
#include "secap/core/com_template.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/report.h"
#include "secap/core/sync_client.h"
#include "server.h"
#include "test_backend.h"

namespace secap::server {
namespace {

namespace v1 = secap::v1;
using secap::testing::kMunicipalityId;

constexpr int64_t kNow = 1767225600000;  // 2026-01-01T00:00:00Z

class PublishedInventoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = secap::testing::freshDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto opened = openStore(dir, database.url());
    ASSERT_TRUE(opened.isOk()) << opened.status().toString();
    store = std::move(*opened);
    std::vector<v1::Change> seed;
    v1::Change m = change(kMunicipalityId);
    auto* mm = m.mutable_municipality();
    mm->set_id(kMunicipalityId);
    mm->set_name("Sztum");
    mm->set_country("PL");
    mm->set_time_zone("Europe/Warsaw");
    mm->set_population(10000);
    mm->set_baseline_year(2015);
    mm->set_target_year(2030);
    mm->set_target_reduction_pct(40);
    mm->set_emission_factor_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    seed.push_back(m);
    seed.push_back(factor(2015, 0.8));
    seed.push_back(factor(2024, 0.6));
    // Computed, the BEI would be 10 000 × 0.8 + 20 000 × 0.20196 = 12 039.2 t.
    seed.push_back(activity(2015, v1::CARRIER_ELECTRICITY, 10000));
    seed.push_back(activity(2015, v1::CARRIER_NATURAL_GAS, 20000));
    // MEI 2024: 9 000 × 0.6 + 15 000 × 0.20196 = 8 429.4 t.
    seed.push_back(activity(2024, v1::CARRIER_ELECTRICITY, 9000));
    seed.push_back(activity(2024, v1::CARRIER_NATURAL_GAS, 15000));
    push(seed);
  }

  v1::Change change(const std::string& entityId = "") {
    v1::Change c;
    c.set_change_id(core::newUuidV7());
    c.set_entity_id(entityId.empty() ? core::newUuidV7() : entityId);
    c.set_hlc(core::makeHlc(kNow - 100000 + (++m_stamp), 0));
    return c;
  }
  v1::Change factor(int year, double t) {
    v1::Change c = change();
    auto* f = c.mutable_emission_factor();
    f->set_id(c.entity_id());
    f->set_carrier(v1::CARRIER_ELECTRICITY);
    f->set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    f->set_country("PL");
    f->set_year(year);
    f->set_t_per_mwh(t);
    f->set_source("test");
    return c;
  }
  v1::Change activity(int year, v1::Carrier carrier, double mwh) {
    v1::Change c = change();
    auto* a = c.mutable_activity_data();
    a->set_id(c.entity_id());
    a->set_municipality_id(kMunicipalityId);
    a->set_year(year);
    a->set_com_sector("residential");
    a->set_carrier(carrier);
    a->set_mwh(mwh);
    a->set_source("utility");
    return c;
  }
  void push(const std::vector<v1::Change>& changes) {
    v1::PushRequest req;
    for (const auto& c : changes) *req.add_changes() = c;
    auto resp = applyPush(*store, serverWriter(), req, kNow);
    ASSERT_TRUE(resp.isOk()) << resp.status().toString();
    for (const auto& r : resp->results()) ASSERT_NE(r.outcome(), v1::REJECTED) << r.reason_code() << " " << r.message();
  }

  // The BEI Sztum submitted in 2017, with the electricity factor of its time.
  v1::PublishedInventory submittedBei(double electricityT = 8120) {
    auto p = secap::testing::submittedBei("", electricityT);
    p.set_source("PGN Sztum 2017");
    return p;
  }
  std::string file(const std::string& name, const std::string& text) {
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  Result<InventoryImportOutcome> import(const std::string& path, const std::string& municipality = "") {
    return importPublishedInventory(*store, {path, municipality, true}, core::SystemClock::instance(), "admin:test");
  }
  int64_t seq() { return store->watermark().value(); }
  // Changes logged after `seq` (a rolled-back transaction may use up a seq
  // on PostgreSQL, but logs nothing).
  size_t loggedSince(int64_t after) { return store->changeLog(after, seq(), 1000).value().size(); }
  core::MunicipalityProgress progress() { return progressOf(*store, kMunicipalityId).value(); }

  secap::testing::TestDatabase database;
  std::string dir;
  std::unique_ptr<Store> store;
  int m_stamp = 0;
};

TEST_F(PublishedInventoryTest, AnImportedBeiIsLockedAndReportedAgainstAsSubmitted) {
  EXPECT_NEAR(progress().bei->inventory.totalTCo2, 12039.2, 1e-9);  // computed before the import
  auto done = import(file("bei.csv", core::writeComInventoryCsv(submittedBei(), "Sztum")));
  ASSERT_TRUE(done.isOk()) << done.status().toString();
  EXPECT_TRUE(done->added);
  EXPECT_TRUE(done->lockedNow);
  EXPECT_EQ(done->municipalityName, "Sztum");  // named by the file's first line
  const auto p = progress();
  ASSERT_TRUE(p.bei && p.reduction);
  EXPECT_EQ(p.bei->publishedId, done->inventoryId);
  EXPECT_TRUE(p.bei->locked);
  EXPECT_NEAR(p.bei->inventory.totalTCo2, 12160, 1e-9);
  EXPECT_EQ(p.bei->population, 10400);

  // Later the national factor for 2015 is revised and the utility corrects
  // its 2024 figure: the MEI moves, the BEI and the baseline do not.
  v1::Change revised = factor(2015, 0.9);
  push({revised, activity(2024, v1::CARRIER_ELECTRICITY, 500)});
  const auto later = progress();
  EXPECT_NEAR(later.meis.back().inventory.totalTCo2, 8429.4 + 500 * 0.6, 1e-6);
  EXPECT_NEAR(later.bei->inventory.totalTCo2, 12160, 1e-9);
  EXPECT_NEAR(later.reduction->baselineTCo2, 12160, 1e-9);
  EXPECT_NEAR(later.reduction->reductionPct, (12160 - 8729.4) / 12160 * 100, 1e-6);
  // The import is in the audit log.
  auto audit = store->auditEntries("inventory.import");
  ASSERT_TRUE(audit.isOk());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_NE(audit->front().detail.find("BEI=2015"), std::string::npos);
}

TEST_F(PublishedInventoryTest, TheSameFileAgainAddsNothing) {
  const std::string path = file("bei.csv", core::writeComInventoryCsv(submittedBei(), "Sztum"));
  ASSERT_TRUE(import(path).isOk());
  const int64_t before = seq();
  auto again = import(path);
  ASSERT_TRUE(again.isOk()) << again.status().toString();
  EXPECT_FALSE(again->added);
  EXPECT_FALSE(again->lockedNow);
  EXPECT_EQ(loggedSince(before), 0u);
  auto records = store->entitiesOf(core::EntityType::kPublishedInventory, kMunicipalityId);
  ASSERT_TRUE(records.isOk());
  EXPECT_EQ(records->size(), 1u);
}

TEST_F(PublishedInventoryTest, ACorrectedFileSupersedesTheFirst) {
  auto first = import(file("bei.csv", core::writeComInventoryCsv(submittedBei(), "Sztum")));
  ASSERT_TRUE(first.isOk());
  auto second = import(file("bei-corrected.csv", core::writeComInventoryCsv(submittedBei(8000), "Sztum")));
  ASSERT_TRUE(second.isOk()) << second.status().toString();
  EXPECT_TRUE(second->added);
  EXPECT_EQ(second->supersededId, first->inventoryId);
  EXPECT_FALSE(second->lockedNow);  // locked already
  EXPECT_EQ(progress().bei->publishedId, second->inventoryId);
  EXPECT_NEAR(progress().bei->inventory.totalTCo2, 12040, 1e-9);
}

TEST_F(PublishedInventoryTest, ABadFileIsNamedByLineAndColumnAndAddsNothing) {
  std::string csv = core::writeComInventoryCsv(submittedBei(), "Sztum");
  const size_t at = csv.find("Residential buildings,10000");
  ASSERT_NE(at, std::string::npos);
  csv.replace(at, std::string("Residential buildings,10000").size(), "Residential buildings,1O000");
  const int64_t before = seq();
  auto done = import(file("typo.csv", csv));
  ASSERT_FALSE(done.isOk());
  EXPECT_NE(done.status().message().find("typo.csv:"), std::string::npos) << done.status().message();
  EXPECT_NE(done.status().message().find(":2 (Electricity): '1O000' is not a number"), std::string::npos)
      << done.status().message();
  EXPECT_EQ(loggedSince(before), 0u);
  EXPECT_TRUE(store->entitiesOf(core::EntityType::kPublishedInventory, kMunicipalityId)->empty());
  EXPECT_TRUE(store->entitiesOf(core::EntityType::kMunicipalityYear, kMunicipalityId)->empty());
}

TEST_F(PublishedInventoryTest, AFileOfAnotherTownIsRefused) {
  auto done = import(file("bei.csv", core::writeComInventoryCsv(submittedBei(), "Sztum")), "Besko");
  ASSERT_FALSE(done.isOk());  // there is no Besko here
  done = import(file("zamosc.csv", core::writeComInventoryCsv(submittedBei(), "Zamość")), kMunicipalityId);
  ASSERT_FALSE(done.isOk());
  EXPECT_NE(done.status().message().find("the inventory of Zamość, not of Sztum"), std::string::npos)
      << done.status().message();
}

TEST_F(PublishedInventoryTest, AnAllOrNothingBatchWithOneBadChangeWritesNothing) {
  v1::Change good = change();
  auto* p = good.mutable_published_inventory();
  *p = secap::testing::submittedBei(kMunicipalityId);
  p->set_id(good.entity_id());
  v1::Change bad = good;
  bad.set_change_id(core::newUuidV7());
  bad.set_entity_id(core::newUuidV7());
  bad.mutable_published_inventory()->set_id(bad.entity_id());
  bad.mutable_published_inventory()->mutable_lines(0)->set_mwh(-1);
  v1::PushRequest req;
  *req.add_changes() = good;
  *req.add_changes() = bad;
  const int64_t before = seq();
  auto resp = applyPush(*store, serverWriter(), req, kNow, {.allOrNothing = true});
  ASSERT_FALSE(resp.isOk());
  EXPECT_NE(resp.status().message().find("published_inventory.bad_value"), std::string::npos);
  EXPECT_EQ(loggedSince(before), 0u);
  EXPECT_TRUE(store->entitiesOf(core::EntityType::kPublishedInventory, kMunicipalityId)->empty());
}

TEST_F(PublishedInventoryTest, AnExportImportedAgainGivesTheSameFigures) {
  // The computed MEI 2024, exported, then imported as the MEI submitted.
  auto csv = exportInventoryCsv(*store, "Sztum", 2024);
  ASSERT_TRUE(csv.isOk()) << csv.status().toString();
  auto done = import(file("mei-2024.csv", *csv));
  ASSERT_TRUE(done.isOk()) << done.status().toString();
  const auto computed = progress().meis.back().inventory;
  const core::Inventory imported = core::inventoryFromPublished(done->inventory, "PL");
  EXPECT_NEAR(imported.totalTCo2, computed.totalTCo2, 0.001);
  EXPECT_NEAR(imported.totalMwh, computed.totalMwh, 0.001);
  for (const auto& [sector, byCarrier] : computed.cells)
    for (const auto& [carrier, cell] : byCarrier) {
      EXPECT_NEAR(imported.cells.at(sector).at(carrier).mwh, cell.mwh, 0.001);
      EXPECT_NEAR(imported.cells.at(sector).at(carrier).tCo2, cell.tCo2, 0.001);
    }
  EXPECT_FALSE(done->lockedNow);  // an MEI locks nothing
  // A year that is no inventory says which years are.
  auto none = exportInventoryCsv(*store, "Sztum", 2020);
  ASSERT_FALSE(none.isOk());
  EXPECT_NE(none.status().message().find("it has 2015 (BEI), 2024"), std::string::npos) << none.status().message();
}

// ---------------------------------------------------------------------------
// The demo data: every town's story, on the server and on a device alike.

const std::vector<v1::Change>& demo() {
  static const std::vector<v1::Change> kData = generateDemoData({.seed = 2030, .nowMs = kNow, .years = 3});
  return kData;
}

class DemoProgressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h = std::make_unique<secap::testing::ServerHarness>(
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    h->seed(demo());
  }
  // A token of an admin device.
  std::string adminToken() {
    v1::EnrollRequest req;
    req.set_enrollment_code(h->code(demoMunicipalityId("Besko"), "admin"));
    req.set_install_id("admin-" + core::randomHex(4));
    auto enrolled = core::makeGrpcTransport(h->target())->enroll(req);
    EXPECT_TRUE(enrolled.isOk());
    return enrolled.isOk() ? enrolled->access_token() : "";
  }
  std::unique_ptr<secap::testing::ServerHarness> h;
};

TEST_F(DemoProgressTest, EveryTownHasABeiAndEachWithAMonitoringYearABelievableReduction) {
  std::map<std::string, bool> onTrack;
  for (const std::string& name : demoMunicipalityNames()) {
    SCOPED_TRACE(name);
    auto p = progressOf(h->srv->store(), name);
    ASSERT_TRUE(p.isOk()) << p.status().toString();
    ASSERT_TRUE(p->bei) << "no BEI";
    EXPECT_TRUE(p->bei->inventory.complete()) << p->bei->inventory.gaps.front().reason;
    ASSERT_TRUE(p->bei->perCapitaT);
    EXPECT_GE(*p->bei->perCapitaT, 2.0);
    EXPECT_LE(*p->bei->perCapitaT, 12.0);
    // The whole territory, not only the town's own buildings.
    for (const char* sector :
         {"residential", "tertiary", "private_commercial_transport", "municipal_buildings", "public_lighting"})
      EXPECT_TRUE(p->bei->inventory.cells.count(sector)) << sector;
    if (name == "Besko") {
      EXPECT_TRUE(p->meis.empty());  // a BEI and no MEI yet
      EXPECT_FALSE(p->reduction);
      continue;
    }
    ASSERT_FALSE(p->meis.empty());
    const auto& mei = p->meis.back();
    EXPECT_EQ(mei.inventory.year, 2025);
    EXPECT_TRUE(mei.inventory.complete()) << mei.inventory.gaps.front().reason;
    ASSERT_TRUE(mei.perCapitaT);
    EXPECT_GE(*mei.perCapitaT, 2.0);
    EXPECT_LE(*mei.perCapitaT, 12.0);
    // Its own buildings come from the meters.
    EXPECT_FALSE(mei.inventory.cells.at("municipal_buildings").at(core::Carrier::kElectricity).origin.meters.empty());
    ASSERT_TRUE(p->reduction);
    EXPECT_GT(p->reduction->reductionPct, 5);
    EXPECT_LT(p->reduction->reductionPct, 50);
    onTrack[name] = p->reduction->onTrack;
  }
  EXPECT_EQ(onTrack, (std::map<std::string, bool>{{"Bydgoszcz", true},
                                                  {"Sztum", false},
                                                  {"Raciechowice", true},
                                                  {"Pałecznica", true},
                                                  {"Siemiatycze", false},
                                                  {"Zamość", true},
                                                  {"Żyraków", false},
                                                  {"Schwäbisch Hall", false},
                                                  {"Ritterhude", false}}));
  // The experienced towns report against the BEI they submitted years ago.
  for (const char* name : {"Bydgoszcz", "Sztum"}) {
    auto p = progressOf(h->srv->store(), name);
    EXPECT_TRUE(p->bei->locked) << name;
    EXPECT_FALSE(p->bei->publishedId.empty()) << name;
    EXPECT_FALSE(p->meis.front().publishedId.empty()) << name << ": an MEI published since";
  }
  auto hall = progressOf(h->srv->store(), "Schwäbisch Hall");
  EXPECT_EQ(hall->bei->inventory.approach, core::Approach::kLca);
  EXPECT_EQ(hall->climateNeutralityYear, 2040);
  EXPECT_GT(hall->neutralityGapT.value_or(0), 0);
}

// The measures at a site save what their measurement and verification finds:
// most completed ones get a verified figure from the rollups, near what the
// plan expected.
TEST_F(DemoProgressTest, CompletedMeasuresHaveVerifiedSavingsNearTheirEstimate) {
  StoreReports reports(h->srv->store());
  auto admin = reports.caller(adminToken());
  ASSERT_TRUE(admin.isOk());
  int measured = 0, verifiable = 0;
  for (const std::string& name : demoMunicipalityNames()) {
    auto report = reports.municipalityReport(*admin, demoMunicipalityId(name));
    ASSERT_TRUE(report.isOk()) << report.status().toString();
    for (const auto& m : report->measures()) {
      if (m.status() != v1::PROGRESS_STATUS_COMPLETED || !m.has_expected_savings_mwh_per_year()) continue;
      ++verifiable;
      if (!m.has_verified_savings_mwh_per_year()) {
        EXPECT_FALSE(m.savings_note().empty()) << name << " " << m.code();
        continue;
      }
      ++measured;
      ASSERT_TRUE(m.has_realisation_rate());
      EXPECT_GT(m.realisation_rate(), 0.3) << name << " " << m.code();
      EXPECT_LT(m.realisation_rate(), 1.7) << name << " " << m.code();
    }
    EXPECT_GT(report->verified_measures(), 0) << name;
    // The linear path the dashboard draws: from the BEI to the target, and
    // through the value the on-track verdict uses in the MEI's year.
    ASSERT_GE(report->linear_path_size(), 2) << name;
    const auto& first = report->linear_path(0);
    const auto& last = report->linear_path(report->linear_path_size() - 1);
    EXPECT_EQ(first.year(), report->baseline_year());
    EXPECT_NEAR(first.t_co2(), report->bei().total_t_co2(), 1e-6);
    EXPECT_EQ(last.year(), report->target_year());
    EXPECT_NEAR(last.reduction_pct(), report->target_reduction_pct(), 1e-9);
    if (report->has_reduction())
      for (const auto& point : report->linear_path())
        if (point.year() == report->reduction().year())
          EXPECT_NEAR(point.reduction_pct(), report->reduction().expected_reduction_pct(), 1e-9) << name;
  }
  EXPECT_GT(verifiable, 20);
  EXPECT_GE(measured * 10, verifiable * 7) << measured << " of " << verifiable << " measured";
}

// A partner's views: the comparison and the replication catalogue show the
// municipalities that share their progress, and never another one.
TEST_F(DemoProgressTest, PartnersCompareAndLearnOnlyFromThoseWhoShare) {
  StoreReports reports(h->srv->store(), h->clock);
  const std::set<std::string> notShared{"Besko", "Raciechowice"};
  auto compared = reports.compare(Caller{}, 0);
  ASSERT_TRUE(compared.isOk()) << compared.status().toString();
  EXPECT_EQ(compared->year(), 2025);  // the last full year before 1 January 2026
  EXPECT_EQ(compared->municipalities_size(), 8);
  for (const auto& m : compared->municipalities()) {
    EXPECT_FALSE(notShared.count(m.name())) << m.name();
    EXPECT_GT(m.mei_t_co2_per_capita(), 2.0) << m.name();
    ASSERT_FALSE(m.intensities().empty()) << m.name();
    for (const auto& k : m.intensities()) {
      EXPECT_GT(k.kwh_per_m2(), 40) << m.name() << " " << v1::SiteKind_Name(k.site_kind());
      EXPECT_LT(k.kwh_per_m2(), 600) << m.name() << " " << v1::SiteKind_Name(k.site_kind());
    }
  }
  auto partner = reports.caller([&] {
    v1::EnrollRequest req;
    req.set_enrollment_code(h->code(demoMunicipalityId("Besko"), "partner"));
    req.set_install_id("partner");
    return core::makeGrpcTransport(h->target())->enroll(req).value().access_token();
  }());
  ASSERT_TRUE(partner.isOk());
  for (const Caller& who : {Caller{}, *partner}) {
    auto catalogue = reports.measureOutcomes(who, {});
    ASSERT_TRUE(catalogue.isOk());
    EXPECT_GT(catalogue->outcomes_size(), 20);
    for (const auto& o : catalogue->outcomes()) {
      EXPECT_FALSE(notShared.count(o.municipality_name())) << o.municipality_name();
      EXPECT_TRUE(o.measure().verified());
    }
  }
  // Filtered by sector, the best realisation first.
  v1::ListMeasureOutcomesRequest lighting;
  lighting.set_com_sector("public_lighting");
  auto lights = reports.measureOutcomes(Caller{}, lighting);
  ASSERT_TRUE(lights.isOk());
  ASSERT_GE(lights->outcomes_size(), 2);
  for (const auto& o : lights->outcomes()) EXPECT_EQ(o.measure().com_sector(), "public_lighting");
  EXPECT_GE(lights->outcomes(0).measure().realisation_rate(), lights->outcomes(1).measure().realisation_rate());
  // A coordinator of Besko finds Besko's own measures there too.
  auto besko = reports.caller([&] {
    v1::EnrollRequest req;
    req.set_enrollment_code(h->code(demoMunicipalityId("Besko"), "coordinator"));
    req.set_install_id("besko");
    return core::makeGrpcTransport(h->target())->enroll(req).value().access_token();
  }());
  ASSERT_TRUE(besko.isOk());
  auto own = reports.measureOutcomes(*besko, {});
  ASSERT_TRUE(own.isOk());
  EXPECT_TRUE(std::any_of(own->outcomes().begin(), own->outcomes().end(),
                          [](const auto& o) { return o.municipality_name() == "Besko"; }));
}

// A site's report: the school whose insulation (B.1) went live shows its
// months, a weather model fitted on the 12 months before, the energy it has
// avoided since, its EnPIs against its kind, and its significant uses.
TEST_F(DemoProgressTest, ASchoolsReportShowsWhatItsRetrofitAvoided) {
  StoreReports reports(h->srv->store(), h->clock);
  auto coordinator = reports.caller([&] {
    v1::EnrollRequest req;
    req.set_enrollment_code(h->code(demoMunicipalityId("Zamość"), "coordinator"));
    req.set_install_id("zamosc");
    return core::makeGrpcTransport(h->target())->enroll(req).value().access_token();
  }());
  ASSERT_TRUE(coordinator.isOk());
  auto town = reports.municipalityReport(*coordinator, demoMunicipalityId("Zamość"));
  ASSERT_TRUE(town.isOk());
  std::string schoolId;
  for (const auto& m : town->measures())
    if (m.code() == "B.1" && m.site_ids_size() == 1) schoolId = m.site_ids(0);
  ASSERT_FALSE(schoolId.empty());
  auto site = reports.siteReport(*coordinator, schoolId, 0);
  ASSERT_TRUE(site.isOk()) << site.status().toString();
  EXPECT_EQ(site->kind(), v1::SITE_KIND_SCHOOL);
  EXPECT_EQ(site->year(), 2025);
  ASSERT_GE(site->series_size(), 2);  // electricity and its heat
  for (const auto& cs : site->series()) EXPECT_GE(cs.months_size(), 24) << v1::Carrier_Name(cs.carrier());
  ASSERT_TRUE(site->has_heat_model()) << site->model_note();
  const auto& model = site->heat_model();
  EXPECT_NE(model.baseline_reason().find("B.1"), std::string::npos) << model.baseline_reason();
  EXPECT_EQ(model.n(), 12);
  EXPECT_GT(model.b_kwh_per_hdd(), 0);
  EXPECT_GT(model.r2(), 0.8);
  ASSERT_TRUE(model.has_avoided_kwh());
  EXPECT_GT(model.avoided_kwh(), 0);
  EXPECT_GT(model.normalised_annual_kwh(), 0);
  ASSERT_TRUE(site->has_heat_kwh_per_m2());
  EXPECT_GT(site->heat_kwh_per_m2(), 20);
  EXPECT_LT(site->heat_kwh_per_m2(), 300);
  EXPECT_TRUE(site->has_heat_median_municipality());
  EXPECT_TRUE(site->has_heat_median_peers());
  double shares = 0;
  int significant = 0;
  for (const auto& u : site->uses()) {
    shares += u.share();
    significant += u.significant();
  }
  EXPECT_NEAR(shares, 1.0, 1e-9);
  EXPECT_GE(significant, 1);
  EXPECT_TRUE(site->uses(0).significant());  // the largest use is significant

  // A site's details are its municipality's own: not a partner's, nor anonymous.
  EXPECT_EQ(reports.siteReport(Caller{}, schoolId, 0).status().code(), core::StatusCode::kUnauthenticated);
  EXPECT_EQ(reports.siteReport(*coordinator, "0190a000-0000-7000-8000-0000000000ff", 0).status().code(),
            core::StatusCode::kNotFound);
}

// A coordinator's tablet pulls its town and computes, offline, what the
// server reports.
TEST_F(DemoProgressTest, ADeviceComputesTheSameProgressAsTheServer) {
  for (const char* name : {"Bydgoszcz", "Zamość", "Schwäbisch Hall"}) {
    SCOPED_TRACE(name);
    const std::string id = demoMunicipalityId(name);
    core::ManualClock clock(kNow);
    auto transport = core::makeGrpcTransport(h->target(), 10000);
    auto local = core::LocalStore::open(secap::testing::freshDir(std::string("device-") + id) + "/app.db", clock);
    ASSERT_TRUE(local.isOk());
    core::SyncClient client(**local, *transport);
    ASSERT_TRUE(client.enroll(h->code(id, "coordinator"), "Tablet", "test", "0").isOk());
    ASSERT_TRUE(client.syncOnce().isOk());

    const auto onServer = progressOf(h->srv->store(), id).value();
    const auto onDevice = core::municipalityProgress((*local)->monitoringRecords(id));
    ASSERT_TRUE(onDevice.bei && onDevice.reduction);
    EXPECT_EQ(onDevice.bei->publishedId, onServer.bei->publishedId);
    EXPECT_NEAR(onDevice.bei->inventory.totalTCo2, onServer.bei->inventory.totalTCo2, 1e-6);
    ASSERT_EQ(onDevice.meis.size(), onServer.meis.size());
    for (size_t i = 0; i < onServer.meis.size(); ++i)
      EXPECT_NEAR(onDevice.meis[i].inventory.totalTCo2, onServer.meis[i].inventory.totalTCo2, 1e-6);
    EXPECT_NEAR(onDevice.reduction->reductionPct, onServer.reduction->reductionPct, 1e-9);
    EXPECT_EQ(onDevice.reduction->onTrack, onServer.reduction->onTrack);

    // The whole report too: the server's from its rollups, the device's from its readings.
    StoreReports reports(h->srv->store());
    auto admin = reports.caller(adminToken());
    ASSERT_TRUE(admin.isOk());
    const auto serverReport = reports.municipalityReport(*admin, id);
    ASSERT_TRUE(serverReport.isOk()) << serverReport.status().toString();
    const auto deviceReport = core::municipalityReport((*local)->monitoringRecords(id));
    EXPECT_NEAR(deviceReport.reduction().reduction_pct(), serverReport->reduction().reduction_pct(), 1e-9);
    ASSERT_EQ(deviceReport.measures_size(), serverReport->measures_size());
    for (int i = 0; i < deviceReport.measures_size(); ++i) {
      EXPECT_EQ(deviceReport.measures(i).status(), serverReport->measures(i).status());
      EXPECT_EQ(deviceReport.measures(i).verified(), serverReport->measures(i).verified());
      EXPECT_EQ(deviceReport.measures(i).has_verified_savings_mwh_per_year(),
                serverReport->measures(i).has_verified_savings_mwh_per_year());
    }
    EXPECT_EQ(deviceReport.measures_by_status_size(), serverReport->measures_by_status_size());
  }
}

}  // namespace
}  // namespace secap::server
