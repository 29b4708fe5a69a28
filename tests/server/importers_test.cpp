// The importers and the drop folder (issue 13 §6): every row checked with
// the file, line and column named; all or nothing; the same file again adds
// nothing; an invoice corrected supersedes; imported records reach the
// reports and the devices. On SQLite, and on PostgreSQL in the "pg:" run.
#include "importers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness.h"
#include "reports.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"

namespace secap::testing {
namespace {

namespace v1 = secap::v1;
namespace fs = std::filesystem;
using server::DeviceRecord;
using server::ImportKind;
using server::StoredEntity;

class ImportersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name());
    h->seed(baseChanges(kServerNow));
    files = h->dir + "/files";
    fs::create_directories(files);
  }

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = files + "/" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return path;
  }

  core::Result<server::ImportOutcome> import(ImportKind kind, const std::string& path,
                                             const std::string& municipality = "") {
    return server::importFile(h->srv->store(), {path, kind, municipality, "admin:test"}, h->clock);
  }

  std::vector<StoredEntity> all(core::EntityType type, const std::string& scope = kMunicipalityId) {
    auto found = h->srv->store().entitiesOf(type, scope);
    EXPECT_TRUE(found.isOk());
    return found.isOk() ? *found : std::vector<StoredEntity>{};
  }

  // The town's name, as a file would write it.
  std::string town() { return all(core::EntityType::kMunicipality).front().entity.municipality().name(); }

  // A street lighting circuit invoiced by its utility, as a coordinator
  // would set it up from files.
  void lightingCircuit() {
    auto sites = import(ImportKind::kSites,
                        write("sites.csv",
                              "name,kind,com_sector\n"
                              "Oświetlenie – obwód Śródmieście,street lighting circuit,public_lighting\n"),
                        kMunicipalityId);
    ASSERT_TRUE(sites.isOk()) << sites.status().toString();
    auto meters = import(ImportKind::kMeters,
                         write("meters.csv",
                               "site,serial,label_code,carrier,unit,kind\n"
                               "Oświetlenie – obwód Śródmieście,PPE-104411,590243831000104411,"
                               "electricity,kWh,period\n"),
                         kMunicipalityId);
    ASSERT_TRUE(meters.isOk()) << meters.status().toString();
  }

  std::string siteIdNamed(const std::string& name) {
    for (const auto& s : all(core::EntityType::kSite))
      if (s.entity.site().name() == name) return s.id;
    return {};
  }

  // kWh of the site in 2025, month by month, as its report shows them.
  std::map<int, double> siteMonths(const std::string& siteId) {
    server::StoreReports reports(h->srv->store(), h->clock);
    DeviceRecord admin;
    admin.roles[kMunicipalityId] = "admin";
    auto report = reports.siteReport(server::Caller{admin}, siteId, 2025);
    EXPECT_TRUE(report.isOk()) << report.status().toString();
    std::map<int, double> out;
    if (!report.isOk()) return out;
    for (const auto& s : report->series())
      for (const auto& m : s.months())
        if (m.year() == 2025) out[m.month()] += m.kwh();
    return out;
  }

  std::unique_ptr<ServerHarness> h;
  std::string files;
};

TEST_F(ImportersTest, SitesAndMetersGoInOnceAndOnlyWhatChangedIsWritten) {
  lightingCircuit();
  const size_t sites = all(core::EntityType::kSite).size();
  const auto watermark = h->srv->store().watermark();
  // The same files again: nothing.
  lightingCircuit();
  EXPECT_EQ(all(core::EntityType::kSite).size(), sites);
  EXPECT_EQ(*h->srv->store().watermark(), *watermark) << "a re-import wrote to the change log";

  // A semicolon file with a decimal comma and a thousands space changes one
  // field of the school: the heated area.
  const std::string school = all(core::EntityType::kSite).front().entity.site().name();
  auto changed =
      import(ImportKind::kSites, write("area.csv", "Name;Heated area m2\n" + school + ";4 812,5\n"), kMunicipalityId);
  ASSERT_TRUE(changed.isOk()) << changed.status().toString();
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(changed->added, 0);
  auto log = h->srv->store().changeLog(*watermark, *h->srv->store().watermark(), 10);
  ASSERT_TRUE(log.isOk());
  ASSERT_EQ(log->size(), 1u);
  const auto& change = log->front().change;
  EXPECT_EQ(std::vector<std::string>(change.fields().begin(), change.fields().end()),
            std::vector<std::string>{"heated_area_m2"});
  EXPECT_EQ(change.site().heated_area_m2(), 4812.5);
}

TEST_F(ImportersTest, AnInvoiceFileFillsTheMonthsAndACorrectionReplacesTheFigure) {
  lightingCircuit();
  const std::string site = siteIdNamed("Oświetlenie – obwód Śródmieście");
  ASSERT_FALSE(site.empty());
  const std::string path = write("invoices-2025.csv",
                                 "meter;period_start;period_end;consumption;unit;invoice_number;supplier\n"
                                 "590243831000104411;2025-01-01;2025-01-31;21 700;kWh;F/01/2025;ENEA\n"
                                 "590243831000104411;2025-02-01;2025-02-28;18,6;MWh;F/02/2025;ENEA\n"
                                 "PPE-104411;2025-03-01;2025-03-31;16 100;kWh;F/03/2025;ENEA\n");
  auto first = import(ImportKind::kInvoices, path, town());
  ASSERT_TRUE(first.isOk()) << first.status().toString();
  EXPECT_EQ(first->added, 3);
  auto months = siteMonths(site);
  EXPECT_NEAR(months[1], 21700, 1e-6);
  EXPECT_NEAR(months[2], 18600, 1e-6);
  EXPECT_NEAR(months[3], 16100, 1e-6);

  auto again = import(ImportKind::kInvoices, path, town());
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(again->added, 0);

  // The utility corrects February: the new figure replaces the old one.
  auto corrected = import(ImportKind::kInvoices,
                          write("invoices-2025-02-korekta.csv",
                                "meter,period_start,period_end,consumption,invoice_number\n"
                                "590243831000104411,2025-02-01,2025-02-28,18200,FK/02/2025\n"),
                          town());
  ASSERT_TRUE(corrected.isOk()) << corrected.status().toString();
  EXPECT_EQ(corrected->updated, 1);
  months = siteMonths(site);
  EXPECT_NEAR(months[2], 18200, 1e-6);
  int invoices = 0;
  for (const auto& r : all(core::EntityType::kReading))
    if (r.entity.reading().kind() == v1::READING_KIND_INVOICE) {
      ++invoices;
      EXPECT_EQ(r.entity.reading().source(), v1::READING_SOURCE_INVOICE_IMPORT);
    }
  EXPECT_EQ(invoices, 4);  // the correction supersedes; the original stays, for the record
}

TEST_F(ImportersTest, EveryErrorNamesItsLineAndColumnAndNothingIsWritten) {
  lightingCircuit();
  const auto watermark = h->srv->store().watermark();
  auto bad = import(ImportKind::kInvoices,
                    write("invoices-bad.csv",
                          "meter,period_start,period_end,consumption\n"
                          "590243831000104411,2025-01-01,2025-01-31,21700\n"    // fine
                          "590243831000104411,2025-02-01,2025-01-31,100\n"      // ends before it starts
                          "nope,2025-03-01,2025-03-31,100\n"                    // no such meter
                          "590243831000104411,2025-04-01,2025-04-30,abc\n"      // not a number
                          "E-1,2025-05-01,2025-05-31,100\n"                     // a register, not a period meter
                          "590243831000104411,2025-06-01,2099-06-30,100\n"      // not over yet
                          "590243831000104411,2025-01-01,2025-01-31,21800\n"),  // line 2's period again
                    town());
  ASSERT_FALSE(bad.isOk());
  EXPECT_EQ(bad.status().code(), core::StatusCode::kInvalidArgument);
  const std::string& m = bad.status().message();
  EXPECT_NE(m.find("invoices-bad.csv:3: period_end: is before period_start"), std::string::npos) << m;
  EXPECT_NE(m.find("invoices-bad.csv:4: meter: no meter"), std::string::npos) << m;
  EXPECT_NE(m.find("invoices-bad.csv:5: consumption: 'abc' is not a number"), std::string::npos) << m;
  EXPECT_NE(m.find("invoices-bad.csv:6: meter: meter E-1 counts up"), std::string::npos) << m;
  EXPECT_NE(m.find("invoices-bad.csv:7: period_end: the period has not ended yet"), std::string::npos) << m;
  EXPECT_NE(m.find("invoices-bad.csv:8: period_start: the same record as line 2"), std::string::npos) << m;
  EXPECT_EQ(*h->srv->store().watermark(), *watermark) << "a file with errors wrote something";

  auto unknownColumn = import(ImportKind::kSites, write("s.csv", "name,colour\nX,red\n"), town());
  ASSERT_FALSE(unknownColumn.isOk());
  EXPECT_NE(unknownColumn.status().message().find("s.csv:1: colour: not a column of sites"), std::string::npos);
  auto missing = import(ImportKind::kMeters, write("m.csv", "serial,carrier\nX,electricity\n"), town());
  ASSERT_FALSE(missing.isOk());
  EXPECT_NE(missing.status().message().find("m.csv:1: site: this column is required"), std::string::npos);
  auto noTown =
      import(ImportKind::kActivity, write("a.csv", "year,com_sector,carrier,mwh\n2024,residential,coal,10\n"));
  ASSERT_FALSE(noTown.isOk());
  EXPECT_NE(noTown.status().message().find("a.csv:2: municipality: name the municipality"), std::string::npos);
  auto ambiguous = import(ImportKind::kActivity,
                          write("b.csv", "year;com_sector;carrier;mwh\n2024;residential;coal;1.234\n"), town());
  ASSERT_FALSE(ambiguous.isOk());
  EXPECT_NE(ambiguous.status().message().find("could be read two ways"), std::string::npos);
  auto shifted =
      import(ImportKind::kActivity, write("c.csv", "year,com_sector,carrier,mwh\n2024,residential,coal,1,5\n"), town());
  ASSERT_FALSE(shifted.isOk());
  EXPECT_NE(shifted.status().message().find("c.csv:2: this row has 5 cells, the header 4"), std::string::npos);
}

TEST_F(ImportersTest, ReferenceDataAndMeasuresAreFoundByTheirKeys) {
  const std::string name = town();
  const std::string activity = write("activity-2024.csv", "municipality,year,com_sector,carrier,mwh,source\n" + name +
                                                              ",2024,residential,natural_gas,41250,PSG 2024\n" + name +
                                                              ",2024,Residential buildings,coal,18300,GUS BDL\n");
  auto a = import(ImportKind::kActivity, activity);
  ASSERT_TRUE(a.isOk()) << a.status().toString();
  EXPECT_EQ(a->added, 2);
  EXPECT_EQ(import(ImportKind::kActivity, activity)->unchanged, 2);
  ASSERT_EQ(all(core::EntityType::kActivityData).size(), 2u);

  const std::string hdd = write("degree-days.csv", "month,hdd,source\n2025-01,612.4,IMGW\n2025-02,540\n");
  auto d = import(ImportKind::kDegreeDays, hdd, kMunicipalityId);
  ASSERT_TRUE(d.isOk()) << d.status().toString();
  EXPECT_EQ(d->added, 2);
  EXPECT_EQ(import(ImportKind::kDegreeDays, write("dd2.csv", "month,hdd\n2025-01,600\n"), kMunicipalityId)->updated, 1);

  // National factors have no municipality; a heat network's own has one.
  auto f = import(ImportKind::kEmissionFactors, write("emission-factors.csv",
                                                      "municipality,carrier,approach,country,year,t_per_mwh,source\n"
                                                      ",electricity,ipcc,pl,2024,0.597,KOBiZE 2025\n" +
                                                          name + ",district_heat,ipcc,,0,0.31,MPEC 2024\n"));
  ASSERT_TRUE(f.isOk()) << f.status().toString();
  EXPECT_EQ(f->added, 2);
  const auto national = all(core::EntityType::kEmissionFactor, core::kGlobalScope);
  ASSERT_EQ(national.size(), 1u);
  EXPECT_EQ(national.front().entity.emission_factor().country(), "PL");
  EXPECT_EQ(all(core::EntityType::kEmissionFactor).size(), 1u);

  lightingCircuit();
  auto measures = import(ImportKind::kMeasures,
                         write("measures.csv",
                               "code,title,type,com_sector,area_of_intervention,budget_eur,funding_sources,key_action,"
                               "sites,implemented_at\n"
                               "L.4,Modernizacja oświetlenia – Śródmieście,mitigation,public_lighting,"
                               "efficient_lighting,240000,NFOŚiGW | RPO,tak,Oświetlenie – obwód Śródmieście,"
                               "2025-04-01\n"),
                         kMunicipalityId);
  ASSERT_TRUE(measures.isOk()) << measures.status().toString();
  auto list = all(core::EntityType::kMeasure);
  ASSERT_EQ(list.size(), 1u);
  const auto& m = list.front().entity.measure();
  EXPECT_EQ(m.funding_sources_size(), 2);
  EXPECT_TRUE(m.key_action());
  ASSERT_EQ(m.site_ids_size(), 1);
  EXPECT_EQ(m.site_ids(0), siteIdNamed("Oświetlenie – obwód Śródmieście"));
}

TEST_F(ImportersTest, ReadingsAlreadyStoredAreSkipped) {
  const std::string path = write("readings-logger.csv",
                                 "meter,taken_at,value\n"
                                 "E-1,2025-10-01 06:00,1000\n"
                                 "E-1,2025-11-01T06:00,1100\n"
                                 "E-1,2025-12-01T05:00:00Z,1190\n");
  auto first = import(ImportKind::kReadings, path, kMunicipalityId);
  ASSERT_TRUE(first.isOk()) << first.status().toString();
  EXPECT_EQ(first->added, 3);
  auto again = import(ImportKind::kReadings, path, kMunicipalityId);
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(all(core::EntityType::kReading).size(), 3u);
}

// The drop folder: a file appears, is imported, and lands in done/ or
// failed/ with a report; the invoices reach a device's pull.
TEST_F(ImportersTest, TheDropFolderImportsWhatAppearsAndReports) {
  lightingCircuit();
  const fs::path dir = h->dir + "/drop";
  fs::create_directories(dir);
  server::ImportFolder folder(h->srv->store(), h->clock, dir, kMunicipalityId, 0);  // scanned by hand below
  std::ofstream(dir / "Invoices_ENEA_2025-01.csv")
      << "meter;period_start;period_end;consumption\n590243831000104411;2025-01-01;2025-01-31;21700\n";
  std::ofstream(dir / "invoices-typo.csv")
      << "meter;period_start;period_end;consumption\nnope;2025-01-01;2025-01-31;1\n";
  std::ofstream(dir / "holiday-photos.csv") << "a,b\n";
  std::ofstream(dir / ".hidden.csv") << "x\n";
  EXPECT_EQ(folder.scanOnce(), 3);

  auto names = [](const fs::path& d) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(d)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  };
  auto done = names(dir / "done");
  ASSERT_EQ(done.size(), 2u);  // the file and its report
  EXPECT_NE(done[0].find("Invoices_ENEA_2025-01.csv"), std::string::npos);
  std::ifstream report(dir / "done" / done[1]);
  std::string line;
  std::getline(report, line);
  EXPECT_EQ(line, "Invoices_ENEA_2025-01.csv: 1 row of invoices: 1 added, 0 corrected, 0 unchanged (" + town() + ")");
  auto failed = names(dir / "failed");
  ASSERT_EQ(failed.size(), 4u);
  std::string failures;
  for (const auto& f : failed)
    if (f.find(".report.txt") != std::string::npos) {
      std::ifstream in(dir / "failed" / f);
      failures += std::string(std::istreambuf_iterator<char>(in), {});
    }
  EXPECT_NE(failures.find("invoices-typo.csv:2: meter: no meter"), std::string::npos) << failures;
  EXPECT_NE(failures.find("holiday-photos.csv: the name does not say what the file holds"), std::string::npos)
      << failures;
  EXPECT_TRUE(fs::exists(dir / ".hidden.csv"));

  // A field tablet pulls the invoice like any other reading.
  const v1::PullResponse pulled = h->pullAs(h->enrollToken(kMunicipalityId, "field"));
  int invoices = 0;
  for (const auto& c : pulled.changes())
    if (c.has_reading() && c.reading().kind() == v1::READING_KIND_INVOICE) ++invoices;
  EXPECT_EQ(invoices, 1);
}

}  // namespace
}  // namespace secap::testing
