#include "calc_inputs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "secap/core/csv.h"

namespace secap::calc {

namespace {

using core::invalidArgument;

std::string trim(std::string s) {
  const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

std::string cellText(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

// Line numbers of each top-level array element of a JSON text.
std::vector<int> elementLines(const std::string& s) {
  std::vector<int> lines;
  int depth = 0, line = 1;
  bool inString = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') ++line;
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"')
      inString = true;
    else if (c == '[' || c == '{') {
      if (depth == 1) lines.push_back(line);
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return lines;
}

Result<std::vector<Row>> loadJsonTable(const std::string& path, const std::string& text) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number too large
    return invalidArgument(path + ": not valid JSON: " + e.what());
  }
  if (!doc.is_array()) return invalidArgument(path + ":1: expected a JSON array of objects");
  const std::vector<int> lines = elementLines(text);
  std::vector<Row> rows;
  for (size_t i = 0; i < doc.size(); ++i) {
    Row row{path, i < lines.size() ? lines[i] : 0, {}};
    if (!doc[i].is_object()) return row.error("expected an object");
    for (const auto& [k, v] : doc[i].items()) row.cells[k] = trim(cellText(v));
    rows.push_back(std::move(row));
  }
  return rows;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool parseDouble(const std::string& s, double& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parseInt(std::string_view s, int& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

Result<std::optional<int64_t>> optionalInstant(const Row& row, const std::string& column, const core::Calendar& cal) {
  const std::string t = row.text(column);
  if (t.empty()) return std::optional<int64_t>{};
  auto v = parseInstant(t, cal);
  if (!v.isOk()) return row.error(column + ": " + v.status().message());
  return std::optional<int64_t>{*v};
}

}  // namespace

std::string Row::text(const std::string& column) const {
  auto it = cells.find(column);
  return it == cells.end() ? std::string() : it->second;
}

Result<std::string> Row::required(const std::string& column) const {
  std::string t = text(column);
  if (t.empty()) return error("'" + column + "' is empty");
  return t;
}

Result<double> Row::number(const std::string& column) const {
  auto t = required(column);
  if (!t.isOk()) return t.status();
  double v = 0;
  if (!parseDouble(*t, v)) {
    std::string lower = *t;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (lower == "nan" || lower == "inf" || lower == "-inf" || lower == "infinity")
      return error(column + " '" + *t + "' is not a finite number");
    return error(column + " '" + *t + "' is not a number (use a decimal point, no thousands separator)");
  }
  if (!std::isfinite(v)) return error(column + " '" + *t + "' is not a finite number");
  return v;
}

Result<std::optional<double>> Row::optionalNumber(const std::string& column) const {
  if (text(column).empty()) return std::optional<double>{};
  auto v = number(column);
  if (!v.isOk()) return v.status();
  return std::optional<double>{*v};
}

Result<std::vector<Row>> loadTable(const std::string& path, const std::vector<std::string>& requiredColumns) {
  auto text = core::readTextFile(path);
  if (!text.isOk()) return text.status();
  std::vector<Row> rows;
  std::set<std::string> columns;
  if (endsWith(path, ".json")) {
    auto r = loadJsonTable(path, *text);
    if (!r.isOk()) return r.status();
    rows = std::move(*r);
    for (const auto& row : rows)
      for (const std::string& c : requiredColumns)
        if (!row.cells.count(c)) return row.error("missing field '" + c + "'");
    return rows;
  }
  auto parsed = core::parseCsv(*text, path);
  if (!parsed.isOk()) return parsed.status();
  std::vector<core::CsvRecord> records;
  for (auto& r : *parsed)
    if (!r.blank() && !r.comment()) records.push_back(std::move(r));
  if (records.empty()) return invalidArgument(path + ":1: empty file, expected a header row");
  const int headerLine = records.front().line;
  const auto& header = records.front().fields;
  for (const std::string& c : requiredColumns)
    if (std::find(header.begin(), header.end(), c) == header.end())
      return invalidArgument(path + ":" + std::to_string(headerLine) + ": missing column '" + c + "'");
  for (size_t i = 1; i < records.size(); ++i) {
    const int line = records[i].line;
    const auto& fields = records[i].fields;
    Row row{path, line, {}};
    if (fields.size() != header.size())
      return row.error("expected " + std::to_string(header.size()) + " fields as in the header, got " +
                       std::to_string(fields.size()));
    for (size_t c = 0; c < header.size(); ++c) row.cells[header[c]] = fields[c];
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<int64_t> parseInstant(const std::string& text, const core::Calendar& cal) {
  const std::string t = trim(text);
  auto date = core::parseLocalDate(t.substr(0, 10));
  if (!date.isOk()) return invalidArgument("'" + t + "' is not a date or time (YYYY-MM-DD[ HH:MM[:SS]][Z|±HH:MM])");
  int h = 0, m = 0, sec = 0;
  size_t pos = 10;
  if (t.size() > 10) {
    if ((t[10] != ' ' && t[10] != 'T') || t.size() < 16 || t[13] != ':' || !parseInt(t.substr(11, 2), h) ||
        !parseInt(t.substr(14, 2), m))
      return invalidArgument("'" + t + "' has a malformed time of day (HH:MM)");
    pos = 16;
    if (t.size() >= 19 && t[16] == ':') {
      if (!parseInt(t.substr(17, 2), sec)) return invalidArgument("'" + t + "' has malformed seconds");
      pos = 19;
    }
    if (h > 23 || m > 59 || sec > 59) return invalidArgument("'" + t + "' has an impossible time of day");
  }
  const std::string zone = t.substr(pos);
  if (zone.empty()) return cal.localToUtcMs(*date, h, m, sec);
  const int64_t asUtc = core::Calendar{}.localToUtcMs(*date, h, m, sec);
  if (zone == "Z") return asUtc;
  int oh = 0, om = 0;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && parseInt(zone.substr(1, 2), oh) &&
      parseInt(zone.substr(4, 2), om)) {
    const int64_t offset = (oh * 60 + om) * 60000LL;
    return zone[0] == '+' ? asUtc - offset : asUtc + offset;
  }
  return invalidArgument("'" + t + "' has a malformed UTC offset (use Z or ±HH:MM)");
}

std::string formatUtc(int64_t ms) {
  const core::LocalDate d = core::Calendar{}.localDateOf(ms);
  const int64_t rest = ms - core::Calendar{}.dayStartMs(d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.toString().c_str(), static_cast<int>(rest / 3600000),
                static_cast<int>(rest / 60000 % 60), static_cast<int>(rest / 1000 % 60));
  return buf;
}

Result<std::vector<core::MeterConfig>> loadMeters(const std::string& path, const core::Calendar& cal,
                                                  std::map<std::string, std::string>* sectorByMeter) {
  auto rows = loadTable(path, {"id", "carrier", "unit"});
  if (!rows.isOk()) return rows.status();
  std::vector<core::MeterConfig> out;
  std::set<std::string> ids;
  for (const Row& row : *rows) {
    core::MeterConfig m;
    m.id = row.text("id");
    if (m.id.empty()) return row.error("'id' is empty");
    if (!ids.insert(m.id).second) return row.error("meter id '" + m.id + "' appears twice");
    m.siteId = row.text("site_id");
    const auto carrier = core::parseCarrier(row.text("carrier"));
    if (!carrier || *carrier == core::Carrier::kUnspecified)
      return row.error("unknown carrier '" + row.text("carrier") + "'");
    m.carrier = *carrier;
    const auto unit = core::parseUnit(row.text("unit"));
    if (!unit) return row.error("unknown unit '" + row.text("unit") + "' (kWh, MWh, GJ, m3, l, kg)");
    m.unit = *unit;
    const std::string kind = row.text("kind");
    if (kind.empty() || kind == "cumulative")
      m.cumulative = true;
    else if (kind == "period")
      m.cumulative = false;
    else
      return row.error("unknown kind '" + kind + "' (cumulative or period)");
    auto digits = row.optionalNumber("register_digits");
    if (!digits.isOk()) return digits.status();
    if (*digits && (**digits < 0 || **digits > 15 || std::floor(**digits) != **digits))
      return row.error("register_digits must be a whole number from 0 to 15");
    m.registerDigits = digits->has_value() ? static_cast<int>(**digits) : 0;
    auto mult = row.optionalNumber("multiplier");
    if (!mult.isOk()) return mult.status();
    if (*mult && **mult <= 0) return row.error("multiplier must be above 0");
    m.multiplier = mult->value_or(1.0);
    auto cv = row.optionalNumber("kwh_per_unit");
    if (!cv.isOk()) return cv.status();
    if (*cv && **cv <= 0) return row.error("kwh_per_unit must be above 0");
    m.kwhPerUnit = cv->value_or(0.0);
    const std::string basis = row.text("basis");
    if (basis.empty()) {
      m.basis = m.carrier == core::Carrier::kNaturalGas ? core::EnergyBasis::kGross : core::EnergyBasis::kNet;
    } else if (auto b = core::parseBasis(basis)) {
      m.basis = *b;
    } else {
      return row.error("unknown basis '" + basis + "' (gross or net)");
    }
    if (!core::kwhPerUnit(m))
      return row.error("no kWh conversion for " + std::string(core::carrierName(m.carrier)) + " in " +
                       std::string(core::unitName(m.unit)) + ": give kwh_per_unit");
    auto installed = optionalInstant(row, "installed_at", cal);
    if (!installed.isOk()) return installed.status();
    m.installedAtMs = *installed;
    auto removed = optionalInstant(row, "removed_at", cal);
    if (!removed.isOk()) return removed.status();
    m.removedAtMs = *removed;
    m.replacesMeterId = row.text("replaces_meter_id");
    const std::string sector = row.text("sector");
    if (!sector.empty() && !core::isComSector(sector)) return row.error("unknown sector '" + sector + "'");
    if (sectorByMeter) (*sectorByMeter)[m.id] = sector.empty() ? "municipal_buildings" : sector;
    out.push_back(std::move(m));
  }
  for (size_t i = 0; i < out.size(); ++i)
    if (!out[i].replacesMeterId.empty() && !ids.count(out[i].replacesMeterId))
      return (*rows)[i].error("replaces_meter_id '" + out[i].replacesMeterId + "' is not a meter in this file");
  return out;
}

Result<std::vector<core::ReadingRecord>> loadReadings(const std::string& path, const core::Calendar& cal,
                                                      const std::vector<core::MeterConfig>& meters) {
  auto rows = loadTable(path, {"meter_id", "taken_at", "value"});
  if (!rows.isOk()) return rows.status();
  std::map<std::string, const core::MeterConfig*> byId;
  for (const auto& m : meters) byId[m.id] = &m;
  std::vector<core::ReadingRecord> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    core::ReadingRecord r;
    r.id = row.text("id").empty() ? row.where() : row.text("id");
    r.meterId = row.text("meter_id");
    auto meter = byId.find(r.meterId);
    if (meter == byId.end()) return row.error("unknown meter id '" + r.meterId + "'");
    auto at = parseInstant(row.text("taken_at"), cal);
    if (!at.isOk()) return row.error("taken_at: " + at.status().message());
    r.takenAtMs = *at;
    auto v = row.number("value");
    if (!v.isOk()) return v.status();
    if (*v < 0) return row.error("value must not be negative");
    r.value = *v;
    const auto kind = core::parseReadingKind(row.text("kind"));
    if (!kind) return row.error("unknown kind '" + row.text("kind") + "'");
    r.kind = *kind;
    auto start = optionalInstant(row, "period_start", cal);
    if (!start.isOk()) return start.status();
    r.periodStartMs = *start;
    if (r.periodStartMs && *r.periodStartMs >= r.takenAtMs) return row.error("period_start must be before taken_at");
    const std::string review = row.text("review");
    if (review.empty() || review == "unflagged")
      r.review = core::ReviewState::kUnflagged;
    else if (review == "flagged" || review == "flagged_unconfirmed")
      r.review = core::ReviewState::kFlaggedUnconfirmed;
    else if (review == "confirmed")
      r.review = core::ReviewState::kConfirmed;
    else if (review == "erroneous")
      r.review = core::ReviewState::kErroneous;
    else
      return row.error("unknown review '" + review + "' (unflagged, flagged, confirmed, erroneous)");
    r.supersedesId = row.text("supersedes_id");
    out.push_back(std::move(r));
  }
  return out;
}

Result<core::DegreeDays> loadDegreeDays(const std::string& path) {
  auto rows = loadTable(path, {"hdd"});
  if (!rows.isOk()) return rows.status();
  core::DegreeDays dd;
  for (const Row& row : *rows) {
    auto hdd = row.number("hdd");
    if (!hdd.isOk()) return hdd.status();
    if (*hdd < 0) return row.error("hdd must not be negative");
    if (!row.text("month").empty()) {
      auto ym = core::parseYearMonth(row.text("month"));
      if (!ym.isOk()) return row.error(ym.status().message());
      dd.setMonth(*ym, *hdd);
    } else if (!row.text("date").empty()) {
      auto d = core::parseLocalDate(row.text("date"));
      if (!d.isOk()) return row.error(d.status().message());
      dd.setDay(*d, *hdd);
    } else {
      return row.error("needs a 'month' (YYYY-MM) or a 'date' (YYYY-MM-DD)");
    }
  }
  return dd;
}

Result<std::vector<core::DailyTemperature>> loadTemperatures(const std::string& path) {
  auto rows = loadTable(path, {"date", "mean_c"});
  if (!rows.isOk()) return rows.status();
  std::vector<core::DailyTemperature> out;
  for (const Row& row : *rows) {
    auto d = core::parseLocalDate(row.text("date"));
    if (!d.isOk()) return row.error(d.status().message());
    auto t = row.number("mean_c");
    if (!t.isOk()) return t.status();
    if (*t < -90 || *t > 60) return row.error("mean_c is not a plausible outdoor temperature");
    out.push_back({*d, *t});
  }
  return out;
}

Result<core::EmissionFactorSet> loadFactors(const std::string& path) {
  auto rows = loadTable(path, {"carrier", "approach", "country", "year", "t_per_mwh", "source"});
  if (!rows.isOk()) return rows.status();
  core::EmissionFactorSet set;
  for (const Row& row : *rows) {
    core::EmissionFactor f;
    const auto carrier = core::parseCarrier(row.text("carrier"));
    if (!carrier) return row.error("unknown carrier '" + row.text("carrier") + "'");
    f.carrier = *carrier;
    const auto approach = core::parseApproach(row.text("approach"));
    if (!approach) return row.error("unknown approach '" + row.text("approach") + "' (ipcc or lca)");
    f.approach = *approach;
    f.country = row.text("country");
    int year = 0;
    if (!parseInt(row.text("year"), year)) return row.error("year '" + row.text("year") + "' is not a year");
    f.year = year;
    auto t = row.number("t_per_mwh");
    if (!t.isOk()) return t.status();
    if (*t < 0) return row.error("t_per_mwh must not be negative");
    f.tPerMwh = *t;
    auto src = row.required("source");
    if (!src.isOk()) return src.status();
    f.source = *src;
    set.add(std::move(f));
  }
  return set;
}

Result<std::vector<core::ActivityData>> loadActivity(const std::string& path) {
  auto rows = loadTable(path, {"year", "sector", "carrier", "mwh", "source"});
  if (!rows.isOk()) return rows.status();
  std::vector<core::ActivityData> out;
  for (const Row& row : *rows) {
    core::ActivityData a;
    if (!parseInt(row.text("year"), a.year)) return row.error("year '" + row.text("year") + "' is not a year");
    a.sector = row.text("sector");
    if (!core::isComSector(a.sector)) return row.error("unknown sector '" + a.sector + "'");
    const auto carrier = core::parseCarrier(row.text("carrier"));
    if (!carrier || !core::isConsumedEnergy(*carrier))
      return row.error("'" + row.text("carrier") + "' is not an energy carrier of an inventory");
    a.carrier = *carrier;
    auto mwh = row.number("mwh");
    if (!mwh.isOk()) return mwh.status();
    if (*mwh < 0) return row.error("mwh must not be negative");
    a.mwh = *mwh;
    a.source = row.text("source");
    out.push_back(std::move(a));
  }
  return out;
}

namespace {
Result<MeasureInput> readMeasure(const std::string& path, const core::Calendar& cal);
}  // namespace

// A JSON value of an unexpected type (a number where text belongs) is an
// input error like any other, never an exception out of secap-calc (found by
// fuzz_calc_inputs).
Result<MeasureInput> loadMeasure(const std::string& path, const core::Calendar& cal) {
  try {
    return readMeasure(path, cal);
  } catch (const nlohmann::json::exception& e) {
    return invalidArgument(path + ": " + e.what());
  }
}

namespace {
Result<MeasureInput> readMeasure(const std::string& path, const core::Calendar& cal) {
  auto text = core::readTextFile(path);
  if (!text.isOk()) return text.status();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number too large
    return invalidArgument(path + ": not valid JSON: " + e.what());
  }
  auto bad = [&](const std::string& field, const std::string& problem) {
    return invalidArgument(path + ": field '" + field + "': " + problem);
  };
  if (!j.is_object()) return invalidArgument(path + ": expected a JSON object");
  MeasureInput m;
  m.code = j.value("code", "");
  if (!j.contains("meter_ids") || !j["meter_ids"].is_array() || j["meter_ids"].empty())
    return bad("meter_ids", "expected a non-empty array of meter ids");
  for (const auto& id : j["meter_ids"]) {
    if (!id.is_string()) return bad("meter_ids", "expected strings");
    m.meterIds.push_back(id.get<std::string>());
  }
  if (!j.contains("implemented_at") || !j["implemented_at"].is_string())
    return bad("implemented_at", "expected a date, e.g. \"2025-01-01\"");
  auto at = parseInstant(j["implemented_at"].get<std::string>(), cal);
  if (!at.isOk()) return bad("implemented_at", at.status().message());
  m.dates.implementedAtMs = *at;
  auto intField = [&](const char* name, int& out) -> Status {
    if (!j.contains(name)) return Status::ok();
    if (!j[name].is_number_integer() || j[name].get<int>() < 0) return bad(name, "expected a whole number >= 0");
    out = j[name].get<int>();
    return Status::ok();
  };
  SECAP_RETURN_IF_ERROR(intField("baseline_days", m.dates.baselineDays));
  SECAP_RETURN_IF_ERROR(intField("blackout_days", m.dates.blackoutDays));
  if (j.contains("reporting_end")) {
    if (!j["reporting_end"].is_string()) return bad("reporting_end", "expected a date");
    auto end = parseInstant(j["reporting_end"].get<std::string>(), cal);
    if (!end.isOk()) return bad("reporting_end", end.status().message());
    m.dates.reportingEndMs = *end;
  }
  auto numField = [&](const char* name, std::optional<double>& out) -> Status {
    if (!j.contains(name)) return Status::ok();
    if (!j[name].is_number() || !std::isfinite(j[name].get<double>())) return bad(name, "expected a number");
    out = j[name].get<double>();
    return Status::ok();
  };
  SECAP_RETURN_IF_ERROR(numField("expected_savings_mwh_per_year", m.expectedSavingsMwhPerYear));
  SECAP_RETURN_IF_ERROR(numField("normal_year_hdd", m.normalYearHdd));
  if (j.contains("inspections")) {
    if (!j["inspections"].is_array()) return bad("inspections", "expected an array of outcomes");
    for (const auto& o : j["inspections"]) {
      const std::string s = o.is_string() ? o.get<std::string>() : "";
      if (s == "verified")
        m.inspections.push_back(core::InspectionOutcome::kVerified);
      else if (s == "partially_verified")
        m.inspections.push_back(core::InspectionOutcome::kPartiallyVerified);
      else if (s == "not_verified")
        m.inspections.push_back(core::InspectionOutcome::kNotVerified);
      else if (s == "follow_up_needed")
        m.inspections.push_back(core::InspectionOutcome::kFollowUpNeeded);
      else
        return bad("inspections", "unknown outcome '" + s + "'");
    }
  }
  return m;
}
}  // namespace

}  // namespace secap::calc
