// The Covenant of Mayors tables as CSV (../shared/COM_TEMPLATE.md): what an
// export looks like to a coordinator copying it into MyCovenant, that an
// export read back gives the same figures, and that every mistake in a file
// is named by its line and column.
#include "secap/core/com_template.h"

#include <gtest/gtest.h>

#include <string>

#include "secap/core/csv.h"
#include "secap/core/progress.h"

using namespace secap::core;
namespace v1 = secap::v1;

namespace {

v1::PublishedInventory sample() {
  v1::PublishedInventory p;
  p.set_kind(v1::INVENTORY_KIND_BEI);
  p.set_year(2013);
  p.set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
  p.set_unit(v1::EMISSION_UNIT_T_CO2);
  p.set_population(361254);
  auto line = [&](const char* sector, v1::Carrier c, double mwh, std::optional<double> t) {
    auto* l = p.add_lines();
    l->set_com_sector(sector);
    l->set_carrier(c);
    l->set_mwh(mwh);
    if (t) l->set_t_co2(*t);
  };
  line("municipal_buildings", v1::CARRIER_ELECTRICITY, 43320.5, 35176.246);
  line("municipal_buildings", v1::CARRIER_DISTRICT_HEAT, 90250, 33573);
  line("residential", v1::CARRIER_COAL, 252700.25, 86170.785);
  line("residential", v1::CARRIER_LIGNITE, 1200, 436.8);
  line("residential", v1::CARRIER_GEOTHERMAL, 310, 0);
  line("tertiary", v1::CARRIER_OTHER_FOSSIL, 800, std::nullopt);  // as submitted: no emissions given
  line("private_commercial_transport", v1::CARRIER_DIESEL, 685900, 183135.3);
  line("private_commercial_transport", v1::CARRIER_BIOFUEL, 28880, 0);
  line("agriculture_forestry_fishery", v1::CARRIER_PLANT_OIL, 12.345, 0);
  auto* w = p.add_non_energy();
  w->set_source("waste");
  w->set_t_co2(31500);
  auto* pv = p.add_local_electricity();
  pv->set_plant("pv");
  pv->set_produced_mwh(850);
  pv->set_t_co2(0);
  auto* chp = p.add_local_heat();
  chp->set_plant("chp");
  chp->set_produced_mwh(1065000);
  auto* coal = chp->add_inputs();
  coal->set_input("coal");
  coal->set_mwh(1118250);
  chp->set_t_co2(396180);
  p.set_electricity_t_per_mwh(0.812);
  p.set_green_electricity_mwh(0);
  p.set_source("SECAP Bydgoszcz, BEI 2013, approved by resolution XV/312/15");
  p.set_submitted_at(1448841600000);  // 2015-11-30
  return p;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find('\n', start);
    if (end == std::string::npos) break;
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The file with line `n` (1-based) replaced.
std::string withLine(const std::string& text, size_t n, const std::string& replacement) {
  auto all = lines(text);
  all.at(n - 1) = replacement;
  std::string out;
  for (const auto& l : all) out += l + "\n";
  return out;
}

size_t lineOf(const std::string& text, const std::string& startsWith) {
  auto all = lines(text);
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].rfind(startsWith, 0) == 0) return i + 1;
  return 0;
}

std::string errorOf(const std::string& text) {
  auto r = readComInventoryCsv(text, "bei.csv");
  return r.isOk() ? "ok" : r.status().message();
}

}  // namespace

TEST(ComTemplate, TheExportHasTheTemplatesRowsColumnsAndLabelsInOrder) {
  const std::string csv = writeComInventoryCsv(sample(), "Bydgoszcz");
  const auto l = lines(csv);
  EXPECT_EQ(l[0], "# " + std::string(kComTemplateVersion) + "; municipality: Bydgoszcz; inventory: BEI 2013");
  EXPECT_EQ(l[1], "Inventory information,Value");
  const size_t a = lineOf(csv, "A. Final energy consumption [MWh]");
  ASSERT_GT(a, 0u);
  EXPECT_EQ(
      l[a - 1],
      "A. Final energy consumption [MWh],Electricity,Heat/cold,Natural gas,Liquid gas,Heating oil,Diesel,Gasoline,"
      "Lignite,Coal,Other fossil fuels,Plant oil,Biofuel,Other biomass,Solar thermal,Geothermal,Total");
  EXPECT_TRUE(l[a - 2].empty());  // a blank line between tables
  std::vector<std::string> rows;
  for (size_t i = a; i < l.size() && !l[i].empty(); ++i) rows.push_back(l[i].substr(0, l[i].find(",,")));
  ASSERT_EQ(rows.size(), 13u);
  EXPECT_EQ(l[a].rfind("\"Municipal buildings, equipment/facilities\",43320.5,90250,", 0), 0u) << l[a];
  EXPECT_EQ(l[a + 6].rfind("\"Subtotal: Buildings, equipment/facilities and industries\",43320.5,90250,", 0), 0u);
  EXPECT_EQ(l[a + 12].rfind("Total,43320.5,90250,", 0), 0u);
  // The total of table A: every cell once.
  EXPECT_NE(l[a + 12].find(",1103373.095"), std::string::npos) << l[a + 12];
  const size_t b = lineOf(csv, "B. CO2 emissions [t]");
  ASSERT_GT(b, 0u);
  EXPECT_EQ(l[b + 12], "Waste management,,,,,,,,,,,,,,,,31500");
  // Emissions ÷ consumption, to 3 decimals, under each carrier.
  EXPECT_EQ(l[b + 16].rfind("Corresponding CO2-emission factors in [t/MWh],0.812,0.372,", 0), 0u) << l[b + 16];
  EXPECT_GT(lineOf(csv, "C. Local electricity production,Locally generated electricity [MWh]"), 0u);
  EXPECT_GT(lineOf(csv, "D. Local heat/cold production,Locally generated heat/cold [MWh]"), 0u);
}

TEST(ComTemplate, AnExportReadBackGivesTheSameFigures) {
  const v1::PublishedInventory original = sample();
  const std::string csv = writeComInventoryCsv(original, "Żyraków");
  auto back = readComInventoryCsv(csv, "export.csv");
  ASSERT_TRUE(back.isOk()) << back.status().toString();
  EXPECT_EQ(back->municipalityName, "Żyraków");
  EXPECT_TRUE(sameFigures(original, back->inventory)) << back->inventory.ShortDebugString();
  EXPECT_EQ(back->inventory.source(), original.source());
  EXPECT_EQ(back->inventory.submitted_at(), original.submitted_at());
  // The cell given without emissions stays without.
  for (const auto& l : back->inventory.lines())
    if (l.carrier() == v1::CARRIER_OTHER_FOSSIL) EXPECT_FALSE(l.has_t_co2());
  // And once more: the second export is the first, byte for byte.
  EXPECT_EQ(writeComInventoryCsv(back->inventory, "Żyraków"), csv);
}

TEST(ComTemplate, AnLcaInventoryIsInTonnesCo2Equivalent) {
  v1::PublishedInventory p = sample();
  p.set_approach(v1::EMISSION_FACTOR_APPROACH_LCA);
  p.set_unit(v1::EMISSION_UNIT_T_CO2_EQ);
  const std::string csv = writeComInventoryCsv(p, "Schwäbisch Hall");
  EXPECT_GT(lineOf(csv, "B. CO2-eq emissions [t],"), 0u);
  EXPECT_GT(lineOf(csv, "Reporting unit,t CO2-eq"), 0u);
  auto back = readComInventoryCsv(csv, "lca.csv");
  ASSERT_TRUE(back.isOk()) << back.status().toString();
  EXPECT_EQ(back->inventory.unit(), v1::EMISSION_UNIT_T_CO2_EQ);
  EXPECT_EQ(back->inventory.approach(), v1::EMISSION_FACTOR_APPROACH_LCA);
}

TEST(ComTemplate, ABadNumberIsNamedByFileLineAndColumn) {
  const std::string csv = writeComInventoryCsv(sample(), "Bydgoszcz");
  const size_t row = lineOf(csv, "Residential buildings");
  ASSERT_GT(row, 0u);
  // Coal is the 9th carrier column: field 10, and the total no longer adds up
  // either, but the number is the first thing wrong.
  std::string bad = withLine(csv, row, "Residential buildings,,,,,,,,,12a,,,,,,310,");
  EXPECT_EQ(errorOf(bad), "bei.csv:" + std::to_string(row) + ":10 (Coal): '12a' is not a number");
  bad = withLine(csv, row, "Residential buildings,,,,,,,,,\"252 700,25\",,,,,,310,");
  EXPECT_NE(errorOf(bad).find("use a decimal point and no thousands separator"), std::string::npos) << errorOf(bad);
  bad = withLine(csv, row, "Residential buildings,,,,,,,,1200,-5,,,,,,310,");
  EXPECT_NE(errorOf(bad).find(":10 (Coal): '-5' must not be negative"), std::string::npos) << errorOf(bad);
}

TEST(ComTemplate, TotalsThatDoNotAddUpAreRefused) {
  const std::string csv = writeComInventoryCsv(sample(), "Bydgoszcz");
  const size_t row = lineOf(csv, "Residential buildings");
  // Coal up by 100 MWh, the row's Total with it: the subtotal four rows
  // below no longer adds up, in the Coal column.
  const std::string bad = withLine(csv, row, "Residential buildings,,,,,,,,1200,252800.25,,,,,,310,254310.25");
  EXPECT_EQ(errorOf(bad), "bei.csv:" + std::to_string(row + 4) +
                              ":10 (Coal): 252700.25 is not the sum of the cells it totals (252800.25)");
  // A row whose Total is off.
  const std::string badTotal = withLine(csv, row, "Residential buildings,,,,,,,,1200,252700.25,,,,,,310,999");
  EXPECT_EQ(errorOf(badTotal),
            "bei.csv:" + std::to_string(row) + ":17 (Total): 999 is not the sum of the cells it totals (254210.25)");
}

TEST(ComTemplate, AWrongLabelOrAMissingTableIsNamed) {
  const std::string csv = writeComInventoryCsv(sample(), "Bydgoszcz");
  const size_t row = lineOf(csv, "Public lighting");
  std::string bad = withLine(csv, row, "Street lights,,,,,,,,,,,,,,,,");
  EXPECT_EQ(errorOf(bad),
            "bei.csv:" + std::to_string(row) + ":1: expected the row 'Public lighting', found 'Street lights'");
  const size_t a = lineOf(csv, "A. Final energy");
  bad =
      withLine(csv, a,
               "A. Final energy consumption [MWh],Electricity,Heat,Natural gas,Liquid gas,Heating oil,Diesel,Gasoline,"
               "Lignite,Coal,Other fossil fuels,Plant oil,Biofuel,Other biomass,Solar thermal,Geothermal,Total");
  EXPECT_EQ(errorOf(bad), "bei.csv:" + std::to_string(a) + ":3: expected the column 'Heat/cold', found 'Heat'");
  // Without table B there are no emissions to report against.
  std::string noB = csv.substr(0, csv.find("B. CO2 emissions"));
  EXPECT_EQ(errorOf(noB), "bei.csv: table B (emissions) is missing");
  EXPECT_NE(errorOf(csv + "\n" + csv.substr(csv.find("Inventory information"))).find("a file holds one inventory"),
            std::string::npos);
  EXPECT_EQ(errorOf(""), "bei.csv: no tables found (an empty file?)");
}

TEST(ComTemplate, TheInventoryInformationIsChecked) {
  const std::string csv = writeComInventoryCsv(sample(), "Bydgoszcz");
  const size_t kind = lineOf(csv, "Inventory,BEI");
  EXPECT_EQ(errorOf(withLine(csv, kind, "Inventory,SEAP")),
            "bei.csv:" + std::to_string(kind) + ":2 (Inventory): 'SEAP' is neither BEI nor MEI");
  const size_t year = lineOf(csv, "Inventory year,");
  EXPECT_EQ(errorOf(withLine(csv, year, "Inventory year,13")),
            "bei.csv:" + std::to_string(year) + ":2 (Inventory year): '13' is not a year");
  const size_t unit = lineOf(csv, "Reporting unit,");
  EXPECT_EQ(errorOf(withLine(csv, unit, "Reporting unit,kg")),
            "bei.csv:" + std::to_string(unit) + ":2 (Reporting unit): 'kg' is neither 't CO2' nor 't CO2-eq'");
}

TEST(ComTemplate, SpreadsheetHabitsAreRead) {
  // A byte-order mark is stripped by readTextFile; CRLF line ends and
  // labels in another case are read as the template's.
  std::string csv = writeComInventoryCsv(sample(), "Bydgoszcz");
  std::string crlf;
  for (char c : csv) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto back = readComInventoryCsv(crlf, "crlf.csv");
  ASSERT_TRUE(back.isOk()) << back.status().toString();
  EXPECT_TRUE(sameFigures(sample(), back->inventory));
  const size_t row = lineOf(csv, "Public lighting");
  auto l = lines(csv);
  std::string upper = l[row - 1];
  upper.replace(0, std::string("Public lighting").size(), "PUBLIC LIGHTING");
  EXPECT_EQ(errorOf(withLine(csv, row, upper)), "ok");
}

// The CSV reader under the Covenant tables and the imports: a Polish or
// German spreadsheet saves with semicolons; quotes, comments and blank lines
// as RFC 4180 and the exports have them.
TEST(Csv, SemicolonFilesAreRecognisedAndRead) {
  const std::string polish = "# eksport z arkusza\nlicznik;okres_od;zużycie\n\"PL;0001\";2026-01-01;1234,5\n";
  EXPECT_EQ(secap::core::guessCsvDelimiter(polish), ';');
  EXPECT_EQ(secap::core::guessCsvDelimiter("meter,period_start,consumption\nA;B,2026-01-01,12\n"), ',');
  EXPECT_EQ(secap::core::guessCsvDelimiter(""), ',');
  auto rows = secap::core::parseCsv(polish, "f.csv", ';');
  ASSERT_TRUE(rows.isOk());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_TRUE((*rows)[0].comment());
  EXPECT_EQ((*rows)[2].line, 3);
  EXPECT_EQ((*rows)[2].fields, (std::vector<std::string>{"PL;0001", "2026-01-01", "1234,5"}));
}
