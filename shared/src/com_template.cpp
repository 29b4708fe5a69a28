#include "secap/core/com_template.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/core/csv.h"

namespace secap::core {

namespace {

namespace v1 = secap::v1;

constexpr std::array<ComSectorRow, 13> kSectorRows{{
    {"Municipal buildings, equipment/facilities", "municipal_buildings"},
    {"Tertiary (non municipal) buildings, equipment/facilities", "tertiary"},
    {"Residential buildings", "residential"},
    {"Public lighting", "public_lighting"},
    {"Industry (Non-ETS)", "industry_non_ets"},
    {"Industry (ETS)", "industry_ets"},
    {"Subtotal: Buildings, equipment/facilities and industries", ""},
    {"Municipal fleet", "municipal_fleet"},
    {"Public transport", "public_transport"},
    {"Private and commercial transport", "private_commercial_transport"},
    {"Subtotal: Transport", ""},
    {"Agriculture, Forestry, Fisheries", "agriculture_forestry_fishery"},
    {"Total", ""},
}};
// Which rows each subtotal and the total sum (indices into kSectorRows).
constexpr int kSubtotalBuildings = 6, kSubtotalTransport = 10, kTotalRow = 12;

constexpr std::array<ComCarrierColumn, 15> kCarrierColumns{{
    {"Electricity", v1::CARRIER_ELECTRICITY},
    {"Heat/cold", v1::CARRIER_DISTRICT_HEAT},
    {"Natural gas", v1::CARRIER_NATURAL_GAS},
    {"Liquid gas", v1::CARRIER_LPG},
    {"Heating oil", v1::CARRIER_HEATING_OIL},
    {"Diesel", v1::CARRIER_DIESEL},
    {"Gasoline", v1::CARRIER_GASOLINE},
    {"Lignite", v1::CARRIER_LIGNITE},
    {"Coal", v1::CARRIER_COAL},
    {"Other fossil fuels", v1::CARRIER_OTHER_FOSSIL},
    {"Plant oil", v1::CARRIER_PLANT_OIL},
    {"Biofuel", v1::CARRIER_BIOFUEL},
    {"Other biomass", v1::CARRIER_BIOMASS},
    {"Solar thermal", v1::CARRIER_SOLAR_THERMAL},
    {"Geothermal", v1::CARRIER_GEOTHERMAL},
}};

struct Keyed {
  std::string_view label;
  std::string_view key;
};
constexpr std::array<Keyed, 3> kNonEnergyRows{{
    {"Waste management", "waste"},
    {"Waste water management", "waste_water"},
    {"Other non-energy related", "other"},
}};
constexpr std::string_view kFactorsRow = "Corresponding CO2-emission factors in [t/MWh]";

constexpr std::array<Keyed, 11> kProductionInputs{{
    {"Natural gas input [MWh]", "natural_gas"},
    {"Liquid gas input [MWh]", "liquid_gas"},
    {"Heating oil input [MWh]", "heating_oil"},
    {"Lignite input [MWh]", "lignite"},
    {"Coal input [MWh]", "coal"},
    {"Steam input [MWh]", "steam"},
    {"Waste input [MWh]", "waste"},
    {"Plant oil input [MWh]", "plant_oil"},
    {"Other biomass input [MWh]", "other_biomass"},
    {"Other renewable input [MWh]", "other_renewable"},
    {"Other input [MWh]", "other"},
}};
constexpr std::array<Keyed, 5> kElectricityPlants{{
    {"Wind power", "wind"},
    {"Hydroelectric power", "hydro"},
    {"Photovoltaics", "pv"},
    {"Combined Heat and Power", "chp"},
    {"Other", "other"},
}};
constexpr std::array<Keyed, 3> kHeatPlants{{
    {"Combined Heat and Power", "chp"},
    {"District heating plant(s)", "district_heating"},
    {"Other", "other"},
}};

// One production table's labels.
struct ProductionTable {
  std::string_view title;
  std::string_view produced;
  std::string_view factor;
  std::span<const Keyed> plants;
};
const ProductionTable kTableC{"C. Local electricity production", "Locally generated electricity [MWh]",
                              "Corresponding CO2-emission factors for electricity production in [t/MWh]",
                              kElectricityPlants};
const ProductionTable kTableD{"D. Local heat/cold production", "Locally generated heat/cold [MWh]",
                              "Corresponding CO2-emission factors for heat/cold production in [t/MWh]", kHeatPlants};
constexpr std::string_view kProductionEmissions = "CO2 / CO2-eq emissions [t]";

constexpr std::string_view kInfoTitle = "Inventory information";
constexpr std::string_view kTableATitle = "A. Final energy consumption [MWh]";
constexpr std::string_view kTableBTitleCo2 = "B. CO2 emissions [t]";
constexpr std::string_view kTableBTitleCo2Eq = "B. CO2-eq emissions [t]";

// The information lines, in order.
constexpr std::string_view kInfoKind = "Inventory";
constexpr std::string_view kInfoYear = "Inventory year";
constexpr std::string_view kInfoPopulation = "Population";
constexpr std::string_view kInfoApproach = "Emission factor approach";
constexpr std::string_view kInfoUnit = "Reporting unit";
constexpr std::string_view kInfoGreenMwh = "Certified green electricity purchased [MWh]";
constexpr std::string_view kInfoGreenFactor = "CO2 emission factor for certified green electricity [t/MWh]";
constexpr std::string_view kInfoElectricityFactor = "CO2 emission factor for electricity not produced locally [t/MWh]";
constexpr std::string_view kInfoSource = "Source";
constexpr std::string_view kInfoSubmitted = "Submitted";

// ---- Writing ----

std::string number(double v, int decimals = 3) {
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%.*f", decimals, v);
  std::string s = buf.data();
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string optionalNumber(const std::optional<double>& v) { return v ? number(*v) : std::string(); }

std::string dateOf(int64_t ms) {
  const LocalDate d = Calendar{}.localDateOf(ms);
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", d.year, d.month, d.day);
  return buf.data();
}

// A sector × column grid of optional figures.
using Grid = std::map<std::pair<std::string, v1::Carrier>, double>;

std::optional<double> sumRows(const Grid& g, std::span<const ComSectorRow> rows, v1::Carrier carrier) {
  std::optional<double> sum;
  for (const auto& row : rows) {
    if (row.sector.empty()) continue;
    auto it = g.find({std::string(row.sector), carrier});
    if (it != g.end()) sum = sum.value_or(0) + it->second;
  }
  return sum;
}

std::span<const ComSectorRow> rowsOf(int subtotal) {
  std::span<const ComSectorRow> all = kSectorRows;
  if (subtotal == kSubtotalBuildings) return all.subspan(0, 6);
  if (subtotal == kSubtotalTransport) return all.subspan(7, 3);
  return all;
}

// Rows of table A or B from a grid; `extra` are rows written before Total.
void writeEnergyTable(std::string& out, std::string_view title, const Grid& g,
                      const std::vector<std::vector<std::string>>& extraBeforeTotal, std::optional<double> extraTotal) {
  std::vector<std::string> header{std::string(title)};
  for (const auto& c : kCarrierColumns) header.emplace_back(c.label);
  header.emplace_back("Total");
  out += csvRow(header) + "\n";
  for (size_t i = 0; i < kSectorRows.size(); ++i) {
    const auto& row = kSectorRows[i];
    if (static_cast<int>(i) == kTotalRow)
      for (const auto& extra : extraBeforeTotal) out += csvRow(extra) + "\n";
    std::vector<std::string> fields{std::string(row.label)};
    std::optional<double> rowTotal;
    for (const auto& c : kCarrierColumns) {
      std::optional<double> v;
      if (!row.sector.empty()) {
        auto it = g.find({std::string(row.sector), c.carrier});
        if (it != g.end()) v = it->second;
      } else {
        v = sumRows(g, rowsOf(static_cast<int>(i)), c.carrier);
      }
      fields.push_back(optionalNumber(v));
      if (v) rowTotal = rowTotal.value_or(0) + *v;
    }
    if (static_cast<int>(i) == kTotalRow && extraTotal) rowTotal = rowTotal.value_or(0) + *extraTotal;
    fields.push_back(optionalNumber(rowTotal));
    out += csvRow(fields) + "\n";
  }
}

void writeProductionTable(std::string& out, const ProductionTable& t,
                          const google::protobuf::RepeatedPtrField<v1::LocalProductionLine>& lines) {
  std::vector<std::string> header{std::string(t.title), std::string(t.produced)};
  for (const auto& in : kProductionInputs) header.emplace_back(in.label);
  header.emplace_back(kProductionEmissions);
  header.emplace_back(t.factor);
  out += csvRow(header) + "\n";
  std::optional<double> totalProduced, totalT;
  std::vector<std::optional<double>> totalInputs(kProductionInputs.size());
  for (const auto& plant : t.plants) {
    const v1::LocalProductionLine* line = nullptr;
    for (const auto& l : lines)
      if (l.plant() == plant.key) line = &l;
    std::vector<std::string> fields{std::string(plant.label)};
    if (!line) {
      fields.resize(header.size());
      out += csvRow(fields) + "\n";
      continue;
    }
    fields.push_back(number(line->produced_mwh()));
    totalProduced = totalProduced.value_or(0) + line->produced_mwh();
    for (size_t k = 0; k < kProductionInputs.size(); ++k) {
      std::optional<double> v;
      for (const auto& in : line->inputs())
        if (in.input() == kProductionInputs[k].key) v = v.value_or(0) + in.mwh();
      fields.push_back(optionalNumber(v));
      if (v) totalInputs[k] = totalInputs[k].value_or(0) + *v;
    }
    std::optional<double> t;
    if (line->has_t_co2()) t = line->t_co2();
    fields.push_back(optionalNumber(t));
    if (t) totalT = totalT.value_or(0) + *t;
    fields.push_back(t && line->produced_mwh() > 0 ? number(*t / line->produced_mwh()) : std::string());
    out += csvRow(fields) + "\n";
  }
  std::vector<std::string> total{"Total", optionalNumber(totalProduced)};
  for (const auto& v : totalInputs) total.push_back(optionalNumber(v));
  total.push_back(optionalNumber(totalT));
  total.push_back(totalT && totalProduced && *totalProduced > 0 ? number(*totalT / *totalProduced) : std::string());
  out += csvRow(total) + "\n";
}

// ---- Reading ----

std::string lowerTrim(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto b = out.find_first_not_of(" \t");
  const auto e = out.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

bool sameLabel(std::string_view a, std::string_view b) { return lowerTrim(a) == lowerTrim(b); }

class Reader {
 public:
  explicit Reader(std::string_view fileName) : m_file(fileName) {}

  Status at(int line, size_t column, std::string_view columnLabel, const std::string& problem) const {
    std::string where = m_file + ":" + std::to_string(line) + ":" + std::to_string(column + 1);
    if (!columnLabel.empty()) where += " (" + std::string(columnLabel) + ")";
    return invalidArgument(where + ": " + problem);
  }

  // An optional number: nullopt for an empty cell.
  Result<std::optional<double>> cell(const CsvRecord& r, size_t column, std::string_view columnLabel,
                                     bool nonNegative) const {
    if (column >= r.fields.size() || r.fields[column].empty()) return std::optional<double>{};
    const std::string& text = r.fields[column];
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
      std::string hint = text.find(',') != std::string::npos || text.find(' ') != std::string::npos
                             ? " (use a decimal point and no thousands separator)"
                             : "";
      return at(r.line, column, columnLabel, "'" + text + "' is not a number" + hint);
    }
    if (nonNegative && v < 0) return at(r.line, column, columnLabel, "'" + text + "' must not be negative");
    return std::optional<double>{v};
  }

  Status expectColumns(const CsvRecord& r, const std::vector<std::string_view>& labels) const {
    if (r.fields.size() != labels.size())
      return at(r.line, std::min(r.fields.size(), labels.size()), "",
                "expected " + std::to_string(labels.size()) + " columns, found " + std::to_string(r.fields.size()));
    for (size_t i = 1; i < labels.size(); ++i)
      if (!sameLabel(r.fields[i], labels[i]))
        return at(r.line, i, "", "expected the column '" + std::string(labels[i]) + "', found '" + r.fields[i] + "'");
    return Status::ok();
  }

  Status expectRow(const std::vector<CsvRecord>& block, size_t index, std::string_view label, size_t columns,
                   int afterLine) const {
    if (index >= block.size())
      return at(afterLine, 0, "", "the table ends early: expected the row '" + std::string(label) + "'");
    const CsvRecord& r = block[index];
    if (!sameLabel(r.fields[0], label))
      return at(r.line, 0, "", "expected the row '" + std::string(label) + "', found '" + r.fields[0] + "'");
    if (r.fields.size() > columns && !std::all_of(r.fields.begin() + static_cast<long>(columns), r.fields.end(),
                                                  [](const std::string& f) { return f.empty(); }))
      return at(r.line, columns, "", "more columns than the header names");
    return Status::ok();
  }

  // A total or subtotal must equal the sum of what it sums (3-decimal rounding
  // of each cell allowed, and a 0.01 % slack for figures typed from a report).
  Status checkSum(int line, size_t column, std::string_view columnLabel, std::optional<double> given,
                  std::optional<double> sum, int terms) const {
    if (!given && !sum) return Status::ok();
    const double g = given.value_or(0), s = sum.value_or(0);
    const double tolerance = 0.0005 * (terms + 1) + 1e-4 * std::abs(s);
    if (std::abs(g - s) > tolerance)
      return at(line, column, columnLabel,
                (given ? number(g) : std::string("an empty cell")) + " is not the sum of the cells it totals (" +
                    number(s) + ")");
    return Status::ok();
  }

 private:
  std::string m_file;
};

struct EnergyTable {
  Grid cells;  // sector row × carrier → figure
  std::map<std::string, double> nonEnergy;
  int lastLine = 0;
};

Result<EnergyTable> readEnergyTable(const Reader& rd, const std::vector<CsvRecord>& block, bool emissions) {
  std::vector<std::string_view> labels{block[0].fields[0]};
  for (const auto& c : kCarrierColumns) labels.push_back(c.label);
  labels.push_back("Total");
  SECAP_RETURN_IF_ERROR(rd.expectColumns(block[0], labels));
  const size_t totalColumn = labels.size() - 1;
  EnergyTable t;
  size_t index = 1;
  std::optional<double> nonEnergySum;
  int nonEnergyTerms = 0;
  for (size_t i = 0; i < kSectorRows.size(); ++i) {
    if (static_cast<int>(i) == kTotalRow && emissions) {
      for (const auto& ne : kNonEnergyRows) {
        SECAP_RETURN_IF_ERROR(rd.expectRow(block, index, ne.label, labels.size(), block[index - 1].line));
        const CsvRecord& r = block[index++];
        for (size_t c = 1; c < totalColumn; ++c)
          if (c < r.fields.size() && !r.fields[c].empty())
            return rd.at(r.line, c, labels[c], "a non-energy row has a figure in its Total column only");
        auto v = rd.cell(r, totalColumn, "Total", false);
        if (!v.isOk()) return v.status();
        if (*v) {
          t.nonEnergy[std::string(ne.key)] = **v;
          nonEnergySum = nonEnergySum.value_or(0) + **v;
          ++nonEnergyTerms;
        }
      }
    }
    const auto& row = kSectorRows[i];
    SECAP_RETURN_IF_ERROR(rd.expectRow(block, index, row.label, labels.size(), block[index - 1].line));
    const CsvRecord& r = block[index++];
    std::optional<double> rowSum;
    int terms = 0;
    for (size_t c = 1; c < totalColumn; ++c) {
      const v1::Carrier carrier = kCarrierColumns[c - 1].carrier;
      auto v = rd.cell(r, c, labels[c], true);
      if (!v.isOk()) return v.status();
      if (row.sector.empty()) {
        const auto sum = sumRows(t.cells, rowsOf(static_cast<int>(i)), carrier);
        SECAP_RETURN_IF_ERROR(rd.checkSum(r.line, c, labels[c], *v, sum, static_cast<int>(rowsOf(static_cast<int>(i)).size())));
      } else if (*v) {
        t.cells[{std::string(row.sector), carrier}] = **v;
      }
      if (*v) {
        rowSum = rowSum.value_or(0) + **v;
        ++terms;
      }
    }
    if (static_cast<int>(i) == kTotalRow && nonEnergySum) {
      rowSum = rowSum.value_or(0) + *nonEnergySum;
      terms += nonEnergyTerms;
    }
    auto total = rd.cell(r, totalColumn, "Total", true);
    if (!total.isOk()) return total.status();
    SECAP_RETURN_IF_ERROR(rd.checkSum(r.line, totalColumn, "Total", *total, rowSum, terms));
    t.lastLine = r.line;
  }
  if (emissions) {
    // The factors row: derived, so only its numbers are checked.
    SECAP_RETURN_IF_ERROR(rd.expectRow(block, index, kFactorsRow, labels.size(), t.lastLine));
    const CsvRecord& r = block[index++];
    for (size_t c = 1; c < labels.size(); ++c) {
      auto v = rd.cell(r, c, labels[c], true);
      if (!v.isOk()) return v.status();
    }
    t.lastLine = r.line;
  }
  if (index < block.size())
    return rd.at(block[index].line, 0, "", "unexpected row '" + block[index].fields[0] + "' after the table");
  return t;
}

Result<google::protobuf::RepeatedPtrField<v1::LocalProductionLine>> readProductionTable(
    const Reader& rd, const std::vector<CsvRecord>& block, const ProductionTable& table) {
  std::vector<std::string_view> labels{table.title, table.produced};
  for (const auto& in : kProductionInputs) labels.push_back(in.label);
  labels.push_back(kProductionEmissions);
  labels.push_back(table.factor);
  SECAP_RETURN_IF_ERROR(rd.expectColumns(block[0], labels));
  const size_t emissionsColumn = labels.size() - 2;
  google::protobuf::RepeatedPtrField<v1::LocalProductionLine> lines;
  std::vector<std::optional<double>> sums(labels.size());
  std::vector<int> terms(labels.size());
  size_t index = 1;
  for (const auto& plant : table.plants) {
    SECAP_RETURN_IF_ERROR(rd.expectRow(block, index, plant.label, labels.size(), block[index - 1].line));
    const CsvRecord& r = block[index++];
    v1::LocalProductionLine line;
    line.set_plant(std::string(plant.key));
    bool any = false;
    for (size_t c = 1; c < emissionsColumn + 1; ++c) {
      auto v = rd.cell(r, c, labels[c], true);
      if (!v.isOk()) return v.status();
      if (!*v) continue;
      any = true;
      sums[c] = sums[c].value_or(0) + **v;
      ++terms[c];
      if (c == 1) {
        line.set_produced_mwh(**v);
      } else if (c == emissionsColumn) {
        line.set_t_co2(**v);
      } else {
        auto* in = line.add_inputs();
        in->set_input(std::string(kProductionInputs[c - 2].key));
        in->set_mwh(**v);
      }
    }
    auto factor = rd.cell(r, labels.size() - 1, labels.back(), true);
    if (!factor.isOk()) return factor.status();
    if (any) *lines.Add() = std::move(line);
  }
  SECAP_RETURN_IF_ERROR(rd.expectRow(block, index, "Total", labels.size(), block[index - 1].line));
  const CsvRecord& r = block[index++];
  for (size_t c = 1; c < emissionsColumn + 1; ++c) {
    auto v = rd.cell(r, c, labels[c], true);
    if (!v.isOk()) return v.status();
    SECAP_RETURN_IF_ERROR(rd.checkSum(r.line, c, labels[c], *v, sums[c], terms[c]));
  }
  if (index < block.size())
    return rd.at(block[index].line, 0, "", "unexpected row '" + block[index].fields[0] + "' after the table");
  return lines;
}

Status readInfo(const Reader& rd, const std::vector<CsvRecord>& block, v1::PublishedInventory& inv) {
  if (block[0].fields.size() < 2 || !sameLabel(block[0].fields[1], "Value"))
    return rd.at(block[0].line, 1, "", "expected the column 'Value'");
  std::map<std::string, const CsvRecord*> items;
  for (size_t i = 1; i < block.size(); ++i) {
    const CsvRecord& r = block[i];
    const std::string key = lowerTrim(r.fields[0]);
    if (items.count(key)) return rd.at(r.line, 0, "", "'" + r.fields[0] + "' is given twice");
    items[key] = &r;
  }
  auto text = [&](std::string_view label) -> const CsvRecord* {
    auto it = items.find(lowerTrim(label));
    return it == items.end() ? nullptr : it->second;
  };
  auto value = [](const CsvRecord& r) { return r.fields.size() > 1 ? r.fields[1] : std::string(); };
  auto required = [&](std::string_view label) -> Result<const CsvRecord*> {
    const CsvRecord* r = text(label);
    if (!r || value(*r).empty())
      return rd.at(block[0].line, 0, "", "the inventory information lacks '" + std::string(label) + "'");
    return r;
  };
  auto number = [&](std::string_view label, std::optional<double>& out) -> Status {
    const CsvRecord* r = text(label);
    if (!r) return Status::ok();
    auto v = rd.cell(*r, 1, label, true);
    if (!v.isOk()) return v.status();
    out = *v;
    return Status::ok();
  };

  auto kind = required(kInfoKind);
  if (!kind.isOk()) return kind.status();
  const std::string k = lowerTrim(value(**kind));
  if (k == "bei")
    inv.set_kind(v1::INVENTORY_KIND_BEI);
  else if (k == "mei")
    inv.set_kind(v1::INVENTORY_KIND_MEI);
  else
    return rd.at((*kind)->line, 1, kInfoKind, "'" + value(**kind) + "' is neither BEI nor MEI");

  auto year = required(kInfoYear);
  if (!year.isOk()) return year.status();
  int y = 0;
  const std::string ys = value(**year);
  const auto [end, ec] = std::from_chars(ys.data(), ys.data() + ys.size(), y);
  if (ec != std::errc() || end != ys.data() + ys.size() || y < 1950 || y > 2100)
    return rd.at((*year)->line, 1, kInfoYear, "'" + ys + "' is not a year");
  inv.set_year(y);

  std::optional<double> population;
  SECAP_RETURN_IF_ERROR(number(kInfoPopulation, population));
  if (population) {
    if (*population != std::floor(*population))
      return rd.at(text(kInfoPopulation)->line, 1, kInfoPopulation, "a population is a whole number");
    inv.set_population(static_cast<int64_t>(*population));
  }

  auto approach = required(kInfoApproach);
  if (!approach.isOk()) return approach.status();
  const std::string a = lowerTrim(value(**approach));
  if (a == "ipcc" || a == "standard" || a == "standard (ipcc)")
    inv.set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
  else if (a == "lca")
    inv.set_approach(v1::EMISSION_FACTOR_APPROACH_LCA);
  else
    return rd.at((*approach)->line, 1, kInfoApproach, "'" + value(**approach) + "' is neither IPCC nor LCA");

  auto unit = required(kInfoUnit);
  if (!unit.isOk()) return unit.status();
  const std::string u = lowerTrim(value(**unit));
  if (u == "t co2")
    inv.set_unit(v1::EMISSION_UNIT_T_CO2);
  else if (u == "t co2-eq" || u == "t co2 eq" || u == "t co2e")
    inv.set_unit(v1::EMISSION_UNIT_T_CO2_EQ);
  else
    return rd.at((*unit)->line, 1, kInfoUnit, "'" + value(**unit) + "' is neither 't CO2' nor 't CO2-eq'");

  std::optional<double> green, greenFactor, electricityFactor;
  SECAP_RETURN_IF_ERROR(number(kInfoGreenMwh, green));
  SECAP_RETURN_IF_ERROR(number(kInfoGreenFactor, greenFactor));
  SECAP_RETURN_IF_ERROR(number(kInfoElectricityFactor, electricityFactor));
  if (green) inv.set_green_electricity_mwh(*green);
  if (greenFactor) inv.set_green_electricity_t_per_mwh(*greenFactor);
  if (electricityFactor) inv.set_electricity_t_per_mwh(*electricityFactor);
  if (const CsvRecord* r = text(kInfoSource)) inv.set_source(value(*r));
  if (const CsvRecord* r = text(kInfoSubmitted); r && !value(*r).empty()) {
    auto d = parseLocalDate(value(*r));
    if (!d.isOk()) return rd.at(r->line, 1, kInfoSubmitted, "'" + value(*r) + "' is not a date (YYYY-MM-DD)");
    inv.set_submitted_at(Calendar{}.dayStartMs(*d));
  }
  static const std::vector<std::string> kKnown = [] {
    std::vector<std::string> k;
    for (auto l : {kInfoKind, kInfoYear, kInfoPopulation, kInfoApproach, kInfoUnit, kInfoGreenMwh, kInfoGreenFactor,
                   kInfoElectricityFactor, kInfoSource, kInfoSubmitted})
      k.push_back(lowerTrim(l));
    return k;
  }();
  for (const auto& [key, r] : items)
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end())
      return rd.at(r->line, 0, "", "unknown inventory information '" + r->fields[0] + "'");
  return Status::ok();
}

std::string municipalityFromComment(const CsvRecord& r) {
  std::string text;
  for (size_t i = 0; i < r.fields.size(); ++i) text += (i ? "," : "") + r.fields[i];
  const std::string key = "municipality:";
  const auto at = text.find(key);
  if (at == std::string::npos) return {};
  std::string rest = text.substr(at + key.size());
  rest = rest.substr(0, rest.find(';'));
  const auto b = rest.find_first_not_of(' ');
  const auto e = rest.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : rest.substr(b, e - b + 1);
}

}  // namespace

std::span<const ComSectorRow> comSectorRows() { return kSectorRows; }
std::span<const ComCarrierColumn> comCarrierColumns() { return kCarrierColumns; }

std::optional<std::string_view> comColumnOf(v1::Carrier carrier) {
  for (const auto& c : kCarrierColumns)
    if (c.carrier == carrier) return c.label;
  return std::nullopt;
}

std::optional<std::string_view> comSectorLabel(std::string_view sector) {
  for (const auto& r : kSectorRows)
    if (!r.sector.empty() && r.sector == sector) return r.label;
  return std::nullopt;
}

std::string writeComInventoryCsv(const v1::PublishedInventory& inv, std::string_view municipalityName) {
  const std::string kind = inv.kind() == v1::INVENTORY_KIND_MEI ? "MEI" : "BEI";
  std::string out = "# " + std::string(kComTemplateVersion) + "; municipality: " + std::string(municipalityName) +
                    "; inventory: " + kind + " " + std::to_string(inv.year()) + "\n";
  const bool eq = inv.unit() == v1::EMISSION_UNIT_T_CO2_EQ;
  out += csvRow({std::string(kInfoTitle), "Value"}) + "\n";
  out += csvRow({std::string(kInfoKind), kind}) + "\n";
  out += csvRow({std::string(kInfoYear), std::to_string(inv.year())}) + "\n";
  out += csvRow({std::string(kInfoPopulation), inv.population() > 0 ? std::to_string(inv.population()) : ""}) + "\n";
  out += csvRow({std::string(kInfoApproach), inv.approach() == v1::EMISSION_FACTOR_APPROACH_LCA ? "LCA" : "IPCC"}) +
         "\n";
  out += csvRow({std::string(kInfoUnit), eq ? "t CO2-eq" : "t CO2"}) + "\n";
  auto opt = [](bool has, double v) { return has ? number(v) : std::string(); };
  out += csvRow({std::string(kInfoGreenMwh), opt(inv.has_green_electricity_mwh(), inv.green_electricity_mwh())}) + "\n";
  out += csvRow({std::string(kInfoGreenFactor),
                 opt(inv.has_green_electricity_t_per_mwh(), inv.green_electricity_t_per_mwh())}) +
         "\n";
  out += csvRow({std::string(kInfoElectricityFactor),
                 opt(inv.has_electricity_t_per_mwh(), inv.electricity_t_per_mwh())}) +
         "\n";
  out += csvRow({std::string(kInfoSource), inv.source()}) + "\n";
  out += csvRow({std::string(kInfoSubmitted), inv.submitted_at() > 0 ? dateOf(inv.submitted_at()) : ""}) + "\n";

  Grid energy, emissions;
  for (const auto& line : inv.lines()) {
    const auto column = comColumnOf(line.carrier());
    if (!column) continue;
    // Carriers that share a column (none today) add up in it.
    v1::Carrier columnCarrier = line.carrier();
    for (const auto& c : kCarrierColumns)
      if (c.label == *column) columnCarrier = c.carrier;
    energy[{line.com_sector(), columnCarrier}] += line.mwh();
    if (line.has_t_co2()) emissions[{line.com_sector(), columnCarrier}] += line.t_co2();
  }
  out += "\n";
  writeEnergyTable(out, kTableATitle, energy, {}, std::nullopt);

  std::vector<std::vector<std::string>> nonEnergyRows;
  std::optional<double> nonEnergyTotal;
  for (const auto& row : kNonEnergyRows) {
    std::optional<double> v;
    for (const auto& e : inv.non_energy())
      if (e.source() == row.key) v = v.value_or(0) + e.t_co2();
    std::vector<std::string> fields{std::string(row.label)};
    fields.resize(kCarrierColumns.size() + 1);
    fields.push_back(optionalNumber(v));
    nonEnergyRows.push_back(std::move(fields));
    if (v) nonEnergyTotal = nonEnergyTotal.value_or(0) + *v;
  }
  out += "\n";
  writeEnergyTable(out, eq ? kTableBTitleCo2Eq : kTableBTitleCo2, emissions, nonEnergyRows, nonEnergyTotal);
  std::vector<std::string> factors{std::string(kFactorsRow)};
  for (const auto& c : kCarrierColumns) {
    const auto mwh = sumRows(energy, kSectorRows, c.carrier);
    const auto t = sumRows(emissions, kSectorRows, c.carrier);
    factors.push_back(mwh && t && *mwh > 0 ? number(*t / *mwh) : std::string());
  }
  factors.emplace_back();
  out += csvRow(factors) + "\n";

  if (inv.local_electricity_size() > 0) {
    out += "\n";
    writeProductionTable(out, kTableC, inv.local_electricity());
  }
  if (inv.local_heat_size() > 0) {
    out += "\n";
    writeProductionTable(out, kTableD, inv.local_heat());
  }
  return out;
}

Result<ComInventoryFile> readComInventoryCsv(std::string_view text, std::string_view fileName) {
  auto records = parseCsv(text, fileName);
  if (!records.isOk()) return records.status();
  const Reader rd(fileName);
  ComInventoryFile file;
  // Tables are blocks of records between blank lines; comments before the
  // first table name the municipality.
  std::vector<std::vector<CsvRecord>> blocks;
  bool inBlock = false;
  for (auto& r : *records) {
    if (r.comment()) {
      if (!blocks.empty()) return rd.at(r.line, 0, "", "a comment line inside the tables");
      if (file.municipalityName.empty()) file.municipalityName = municipalityFromComment(r);
      continue;
    }
    if (r.blank()) {
      inBlock = false;
      continue;
    }
    if (!inBlock) blocks.emplace_back();
    inBlock = true;
    blocks.back().push_back(std::move(r));
  }
  if (blocks.empty()) return invalidArgument(std::string(fileName) + ": no tables found (an empty file?)");

  std::optional<EnergyTable> a, b;
  bool info = false, c = false, d = false;
  v1::PublishedInventory& inv = file.inventory;
  for (const auto& block : blocks) {
    const CsvRecord& head = block[0];
    const std::string& title = head.fields[0];
    auto once = [&](bool& seen) -> Status {
      if (seen) return rd.at(head.line, 0, "", "'" + title + "' appears twice: a file holds one inventory");
      seen = true;
      return Status::ok();
    };
    if (sameLabel(title, kInfoTitle)) {
      SECAP_RETURN_IF_ERROR(once(info));
      SECAP_RETURN_IF_ERROR(readInfo(rd, block, inv));
    } else if (sameLabel(title, kTableATitle)) {
      if (a) return rd.at(head.line, 0, "", "table A appears twice: a file holds one inventory");
      auto t = readEnergyTable(rd, block, false);
      if (!t.isOk()) return t.status();
      a = std::move(*t);
    } else if (sameLabel(title, kTableBTitleCo2) || sameLabel(title, kTableBTitleCo2Eq)) {
      if (b) return rd.at(head.line, 0, "", "table B appears twice: a file holds one inventory");
      auto t = readEnergyTable(rd, block, true);
      if (!t.isOk()) return t.status();
      b = std::move(*t);
    } else if (sameLabel(title, kTableC.title)) {
      SECAP_RETURN_IF_ERROR(once(c));
      auto lines = readProductionTable(rd, block, kTableC);
      if (!lines.isOk()) return lines.status();
      *inv.mutable_local_electricity() = std::move(*lines);
    } else if (sameLabel(title, kTableD.title)) {
      SECAP_RETURN_IF_ERROR(once(d));
      auto lines = readProductionTable(rd, block, kTableD);
      if (!lines.isOk()) return lines.status();
      *inv.mutable_local_heat() = std::move(*lines);
    } else {
      return rd.at(head.line, 0, "",
                   "unknown table '" + title + "' (expected Inventory information, A., B., C. or D.)");
    }
  }
  const std::string file_(fileName);
  if (!info) return invalidArgument(file_ + ": the 'Inventory information' lines are missing");
  if (!a) return invalidArgument(file_ + ": table A (final energy consumption) is missing");
  if (!b) return invalidArgument(file_ + ": table B (emissions) is missing");

  for (const auto& row : kSectorRows) {
    if (row.sector.empty()) continue;
    for (const auto& col : kCarrierColumns) {
      const auto key = std::make_pair(std::string(row.sector), col.carrier);
      const auto energy = a->cells.find(key);
      const auto emitted = b->cells.find(key);
      if (energy == a->cells.end() && emitted == b->cells.end()) continue;
      if (energy == a->cells.end())
        return invalidArgument(file_ + ": table B has emissions for " + std::string(row.label) + " / " +
                               std::string(col.label) + " but table A has no consumption there");
      auto* line = inv.add_lines();
      line->set_com_sector(std::string(row.sector));
      line->set_carrier(col.carrier);
      line->set_mwh(energy->second);
      if (emitted != b->cells.end()) line->set_t_co2(emitted->second);
    }
  }
  for (const auto& row : kNonEnergyRows) {
    auto it = b->nonEnergy.find(std::string(row.key));
    if (it == b->nonEnergy.end()) continue;
    auto* e = inv.add_non_energy();
    e->set_source(std::string(row.key));
    e->set_t_co2(it->second);
  }
  return file;
}

namespace {

std::string statusLabel(v1::ProgressStatus s) {
  switch (s) {
    case v1::PROGRESS_STATUS_COMPLETED:
      return "Completed";
    case v1::PROGRESS_STATUS_ONGOING:
      return "Ongoing";
    case v1::PROGRESS_STATUS_POSTPONED:
      return "Postponed";
    case v1::PROGRESS_STATUS_CANCELLED:
      return "Cancelled";
    default:
      return "Not started";
  }
}

// A key such as "building_envelope" as words: the template's own lists of
// areas and instruments are longer than what the plans use so far.
std::string labelOfKey(std::string_view key) {
  static const std::map<std::string_view, std::string_view> kKnown = {
      {"building_envelope", "Building envelope"},
      {"efficient_lighting", "Energy-efficient lighting systems"},
      {"pv", "Photovoltaics"},
      {"heat_pumps", "Heat pumps"},
      {"water_management", "Water management"},
      {"grants_subsidies", "Grants and subsidies"},
      {"public_procurement", "Public procurement"},
      {"awareness_raising", "Awareness raising / training"},
      {"energy_management", "Energy management"},
      {"local_electricity_production", "Local electricity production"},
      {"local_heat_production", "Local heat/cold production"},
      {"other", "Other"},
  };
  if (auto it = kKnown.find(key); it != kKnown.end()) return std::string(it->second);
  if (auto sector = comSectorLabel(key)) return std::string(*sector);
  std::string out(key);
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string yearOf(bool has, int64_t ms, const Calendar& cal) {
  return has ? std::to_string(cal.localDateOf(ms).year) : std::string();
}

}  // namespace

std::string writeComActionsCsv(const v1::MunicipalityReport& report, const std::vector<v1::Measure>& measures,
                               const Calendar& cal) {
  std::string out = "# " + std::string(kComTemplateVersion) + "; municipality: " + report.name() +
                    "; action report (the last three columns are SECAP Field's own)\n";
  out += csvRow({"Action code", "Title", "Sector", "Area of intervention", "Policy instrument", "Origin of the action",
                 "Responsible body", "Implementation start", "Implementation end", "Status",
                 "Implementation cost [EUR]", "Estimated energy savings [MWh/a]",
                 "Estimated renewable energy production [MWh/a]", "Estimated CO2 reduction [t/a]", "Key action",
                 "Spent so far [EUR]", "Progress [%]", "Verified energy savings [MWh/a]"}) +
         "\n";
  for (const auto& r : report.measures()) {
    auto it = std::find_if(measures.begin(), measures.end(), [&](const v1::Measure& m) { return m.id() == r.measure_id(); });
    if (it == measures.end()) continue;
    const v1::Measure& m = *it;
    auto opt = [](bool has, double v) { return has ? number(v) : std::string(); };
    out += csvRow({m.code(), m.title(), labelOfKey(m.com_sector()), labelOfKey(m.area_of_intervention()),
                   labelOfKey(m.policy_instrument()), "", m.responsible_body(),
                   yearOf(m.has_planned_start(), m.planned_start(), cal),
                   yearOf(m.has_planned_end(), m.planned_end(), cal), statusLabel(r.status()),
                   opt(m.has_budget_eur(), m.budget_eur()),
                   opt(m.has_expected_savings_mwh_per_year(), m.expected_savings_mwh_per_year()),
                   opt(m.has_expected_renewable_mwh_per_year(), m.expected_renewable_mwh_per_year()),
                   opt(m.has_expected_co2_reduction_t_per_year(), m.expected_co2_reduction_t_per_year()),
                   m.key_action() ? "Yes" : "No", opt(r.has_spent_eur(), r.spent_eur()),
                   opt(r.has_percent_complete(), r.percent_complete()),
                   opt(r.has_verified_savings_mwh_per_year(), r.verified_savings_mwh_per_year())}) +
           "\n";
  }
  return out;
}

}  // namespace secap::core
