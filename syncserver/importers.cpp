#include "importers.h"

#include <google/protobuf/descriptor.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>

#include "ingest.h"
#include "secap/core/calendar.h"
#include "secap/core/com_template.h"
#include "secap/core/csv.h"
#include "secap/core/entity.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/inventory.h"
#include "secap/core/text.h"

namespace secap::server {
namespace {

namespace v1 = secap::v1;
namespace fs = std::filesystem;
using core::EntityType;
using google::protobuf::EnumDescriptor;

constexpr size_t kMaxErrors = 50;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "Heated area m2" → "heated_area_m2".
std::string columnKey(std::string_view s) {
  std::string out = lower(s);
  out.erase(0, out.find_first_not_of(" \t"));
  out.erase(out.find_last_not_of(" \t") + 1);
  for (char& c : out)
    if (c == ' ' || c == '-') c = '_';
  return out;
}

struct KindInfo {
  ImportKind kind;
  std::string_view name;
  std::vector<std::string_view> columns;   // every column it knows
  std::vector<std::string_view> required;  // those every row needs
};

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> kKinds = {
      {ImportKind::kSites,
       "sites",
       {"municipality", "name", "kind", "com_sector", "address", "lat", "lon", "heated_area_m2", "year_built",
        "archived"},
       {"name"}},
      {ImportKind::kMeters,
       "meters",
       {"municipality", "site", "serial", "label_code", "carrier", "unit", "kind", "register_digits", "multiplier",
        "calorific_value_kwh_per_unit", "installed_at", "removed_at"},
       {"site", "serial", "carrier", "unit"}},
      {ImportKind::kMeasures,
       "measures",
       {"municipality", "code", "title", "description", "type", "com_sector", "area_of_intervention",
        "policy_instrument", "responsible_body", "planned_start", "planned_end", "budget_eur", "funding_sources",
        "expected_savings_mwh_per_year", "expected_renewable_mwh_per_year", "expected_co2_reduction_t_per_year",
        "key_action", "sites", "implemented_at"},
       {"code", "title"}},
      {ImportKind::kReadings,
       "readings",
       {"municipality", "meter", "taken_at", "value", "kind", "period_start", "note"},
       {"meter", "taken_at", "value"}},
      {ImportKind::kInvoices,
       "invoices",
       {"municipality", "meter", "period_start", "period_end", "consumption", "unit", "invoice_number", "supplier"},
       {"meter", "period_start", "period_end", "consumption"}},
      {ImportKind::kActivity,
       "activity",
       {"municipality", "year", "com_sector", "carrier", "mwh", "source"},
       {"year", "com_sector", "carrier", "mwh"}},
      {ImportKind::kDegreeDays, "degree-days", {"municipality", "month", "hdd", "source"}, {"month", "hdd"}},
      {ImportKind::kEmissionFactors,
       "emission-factors",
       {"municipality", "carrier", "approach", "country", "year", "t_per_mwh", "source"},
       {"carrier", "approach", "t_per_mwh"}},
  };
  return kKinds;
}

const KindInfo& infoOf(ImportKind kind) {
  for (const auto& k : kinds())
    if (k.kind == kind) return k;
  return kinds().front();
}

// --- Errors, the table and its rows ---

struct Errors {
  std::string file;
  std::vector<std::string> list;
  size_t total = 0;
  void add(int line, std::string_view column, const std::string& message) {
    ++total;
    if (list.size() >= kMaxErrors) return;
    std::string e = file + ":" + std::to_string(line) + ": ";
    if (!column.empty()) e += std::string(column) + ": ";
    list.push_back(e + message);
  }
  [[nodiscard]] bool any() const { return total > 0; }
  [[nodiscard]] core::Status status() const {
    std::string text =
        total == 1 ? "1 error, nothing was imported:" : std::to_string(total) + " errors, nothing was imported:";
    for (const auto& e : list) text += "\n  " + e;
    if (total > list.size()) text += "\n  ... and " + std::to_string(total - list.size()) + " more";
    return core::invalidArgument(text);
  }
};

struct Table {
  char delimiter = ',';
  size_t width = 0;                       // cells in the header
  std::map<std::string, size_t> columns;  // key → index
  std::vector<core::CsvRecord> rows;
};

Result<Table> readTable(const std::string& path, const KindInfo& kind, Errors& errors) {
  auto text = core::readTextFile(path);
  if (!text.isOk()) return text.status();
  Table table;
  table.delimiter = core::guessCsvDelimiter(*text);
  auto records = core::parseCsv(*text, errors.file, table.delimiter);
  if (!records.isOk()) return records.status();
  bool header = false;
  for (auto& r : *records) {
    if (r.blank() || r.comment()) continue;
    if (header) {
      table.rows.push_back(std::move(r));
      continue;
    }
    header = true;
    table.width = r.fields.size();
    for (size_t i = 0; i < r.fields.size(); ++i) {
      const std::string key = columnKey(r.fields[i]);
      if (key.empty()) continue;
      if (std::find(kind.columns.begin(), kind.columns.end(), key) == kind.columns.end()) {
        std::string known;
        for (auto c : kind.columns) known += (known.empty() ? "" : ", ") + std::string(c);
        errors.add(r.line, r.fields[i], "not a column of " + std::string(kind.name) + " (they are: " + known + ")");
      } else if (!table.columns.emplace(key, i).second) {
        errors.add(r.line, r.fields[i], "this column is there twice");
      }
    }
    for (auto need : kind.required)
      if (!table.columns.count(std::string(need)))
        errors.add(r.line, need, "this column is required for " + std::string(kind.name));
  }
  if (!header) return core::invalidArgument(errors.file + ": the file is empty (the first line names the columns)");
  return table;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

class Row {
 public:
  Row(const Table& t, const core::CsvRecord& r, Errors& e) : m_table(t), m_record(r), m_errors(e) {}

  [[nodiscard]] int line() const { return m_record.line; }
  void error(std::string_view column, const std::string& message) const { m_errors.add(line(), column, message); }

  [[nodiscard]] std::string text(std::string_view column) const {
    auto it = m_table.columns.find(std::string(column));
    if (it == m_table.columns.end() || it->second >= m_record.fields.size()) return {};
    return m_record.fields[it->second];
  }
  [[nodiscard]] bool given(std::string_view column) const { return !text(column).empty(); }
  std::optional<std::string> required(std::string_view column) const {
    std::string t = text(column);
    if (t.empty()) {
      error(column, "is required");
      return std::nullopt;
    }
    return t;
  }

  // A number in the file's notation; nullopt (and an error) when it is not
  // one, or nullopt without error when the cell is empty and not required.
  std::optional<double> number(std::string_view column, bool isRequired = false) const {
    std::string t = text(column);
    if (t.empty()) {
      if (isRequired) error(column, "is required");
      return std::nullopt;
    }
    std::string s;
    for (size_t i = 0; i < t.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(t[i]);
      if (c == ' ') continue;
      if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) {  // no-break space
        ++i;
        continue;
      }
      s += static_cast<char>(c);
    }
    if (m_table.delimiter == ';') {
      if (s.find(',') != std::string::npos) {
        // A decimal comma; dots may group thousands (1.234,5).
        s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
        std::replace(s.begin(), s.end(), ',', '.');
      } else if (groupsOfThousands(s)) {
        error(column, "'" + t + "' could be read two ways; write it without a thousands separator (1234,5)");
        return std::nullopt;
      }
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) {
      error(column, "'" + t + "' is not a number");
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> integer(std::string_view column, int lo, int hi, bool isRequired = false) const {
    auto v = number(column, isRequired);
    if (!v) return std::nullopt;
    if (*v != std::floor(*v) || *v < lo || *v > hi) {
      error(column,
            "'" + text(column) + "' is not a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  std::optional<core::LocalDate> date(std::string_view column, bool isRequired = false) const {
    std::string t = text(column);
    if (t.empty()) {
      if (isRequired) error(column, "is required");
      return std::nullopt;
    }
    auto d = core::parseLocalDate(t);
    if (!d.isOk() || t.size() != 10) {
      error(column, "'" + t + "' is not a date like 2026-11-03");
      return std::nullopt;
    }
    return *d;
  }

  // "2026-11-03" (local midnight), "2026-11-03 08:15[:00]" or with 'T'
  // (local time in the municipality's zone), or with "Z" or "+01:00".
  std::optional<int64_t> instant(std::string_view column, const core::Calendar& calendar,
                                 bool isRequired = false) const {
    std::string t = text(column);
    if (t.empty()) {
      if (isRequired) error(column, "is required");
      return std::nullopt;
    }
    auto bad = [&]() -> std::optional<int64_t> {
      error(column, "'" + t + "' is not a date or time like 2026-11-03 or 2026-11-03 08:15");
      return std::nullopt;
    };
    if (t.size() < 10) return bad();
    auto d = core::parseLocalDate(t.substr(0, 10));
    if (!d.isOk()) return bad();
    if (t.size() == 10) return calendar.dayStartMs(*d);
    if (t[10] != ' ' && t[10] != 'T') return bad();
    std::string rest = t.substr(11);
    int offsetMinutes = 0;
    bool absolute = false;
    if (!rest.empty() && (rest.back() == 'Z' || rest.back() == 'z')) {
      absolute = true;
      rest.pop_back();
    } else if (rest.size() > 6 && (rest[rest.size() - 6] == '+' || rest[rest.size() - 6] == '-') &&
               rest[rest.size() - 3] == ':') {
      const std::string off = rest.substr(rest.size() - 6);
      if (!isDigit(off[1]) || !isDigit(off[2]) || !isDigit(off[4]) || !isDigit(off[5])) return bad();
      offsetMinutes = ((off[1] - '0') * 10 + (off[2] - '0')) * 60 + (off[4] - '0') * 10 + (off[5] - '0');
      if (off[0] == '-') offsetMinutes = -offsetMinutes;
      absolute = true;
      rest.resize(rest.size() - 6);
    }
    int h = 0, m = 0, s = 0;
    auto two = [&](size_t at, int& out) {
      if (at + 2 > rest.size() || !isDigit(rest[at]) || !isDigit(rest[at + 1])) return false;
      out = (rest[at] - '0') * 10 + (rest[at + 1] - '0');
      return true;
    };
    if (!two(0, h) || rest.size() < 5 || rest[2] != ':' || !two(3, m)) return bad();
    if (rest.size() > 5) {
      if (rest.size() != 8 || rest[5] != ':' || !two(6, s)) return bad();
    }
    if (h > 23 || m > 59 || s > 59) return bad();
    if (absolute) {
      const int64_t dayMs = static_cast<int64_t>(d->dayNumber()) * 86400000LL;
      return dayMs + ((h * 60 + m - offsetMinutes) * 60 + s) * 1000LL;
    }
    return calendar.localToUtcMs(*d, h, m, s);
  }

  std::optional<bool> flag(std::string_view column) const {
    const std::string t = lower(text(column));
    if (t.empty()) return std::nullopt;
    for (auto yes : {"yes", "y", "true", "1", "tak", "ja", "x"})
      if (t == yes) return true;
    for (auto no : {"no", "n", "false", "0", "nie", "nein"})
      if (t == no) return false;
    error(column, "'" + text(column) + "' is neither yes nor no");
    return std::nullopt;
  }

  // An enum value by its name without the prefix ("school" for
  // SITE_KIND_SCHOOL), its full name, in any case; never the UNSPECIFIED one.
  std::optional<int> enumValue(std::string_view column, const EnumDescriptor* e, std::string_view prefix,
                               bool isRequired = false) const {
    std::string t = text(column);
    if (t.empty()) {
      if (isRequired) error(column, "is required");
      return std::nullopt;
    }
    std::string key;
    for (char c : t)
      key += (c == ' ' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (key == "M³") key = "M3";
    std::string choices;
    for (int i = 0; i < e->value_count(); ++i) {
      const auto* v = e->value(i);
      if (v->number() == 0) continue;
      const std::string& full = v->name();
      const std::string shortName = full.rfind(prefix, 0) == 0 ? full.substr(prefix.size()) : full;
      if (key == full || key == shortName) return v->number();
      choices += (choices.empty() ? "" : ", ") + lower(shortName);
    }
    error(column, "'" + t + "' is not one of " + choices);
    return std::nullopt;
  }

  // A Covenant sector key, or its row label in the template.
  std::optional<std::string> sector(std::string_view column, bool consumptionOnly, bool isRequired = false) const {
    std::string t = text(column);
    if (t.empty()) {
      if (isRequired) error(column, "is required");
      return std::nullopt;
    }
    const std::string key = columnKey(t);
    for (auto s : core::comSectors()) {
      auto label = core::comSectorLabel(s);
      if (key == s || (label && lower(*label) == lower(t))) {
        if (consumptionOnly && !core::isConsumptionSector(s)) break;
        return std::string(s);
      }
    }
    std::string keys;
    for (auto s : core::comSectors())
      if (!consumptionOnly || core::isConsumptionSector(s)) keys += (keys.empty() ? "" : ", ") + std::string(s);
    error(column, "'" + t + "' is not a Covenant sector (" + keys + ")");
    return std::nullopt;
  }

 private:
  // "1.234" or "12.345.678": dots that look like thousands separators.
  static bool groupsOfThousands(const std::string& s) {
    const size_t first = s.find('.');
    if (first == std::string::npos || first == 0 || first > 3) return false;
    size_t pos = first;
    while (pos != std::string::npos) {
      const size_t next = s.find('.', pos + 1);
      const size_t len = (next == std::string::npos ? s.size() : next) - pos - 1;
      if (len != 3) return false;
      pos = next;
    }
    return true;
  }

  const Table& m_table;
  const core::CsvRecord& m_record;
  Errors& m_errors;
};

// --- The store as the importer sees it ---

const google::protobuf::Message& entityOf(const v1::Change& c) {
  const auto* oneof = c.GetDescriptor()->FindOneofByName("entity");
  const auto* field = c.GetReflection()->GetOneofFieldDescriptor(c, oneof);
  return c.GetReflection()->GetMessage(c, field);
}

// The given fields of `after` that differ from `before`.
std::vector<std::string> changedFields(const google::protobuf::Message& before, const google::protobuf::Message& after,
                                       const std::vector<std::string>& given) {
  std::vector<std::string> out;
  const auto* desc = after.GetDescriptor();
  for (const auto& name : given) {
    const auto* fd = desc->FindFieldByName(name);
    if (!fd) continue;
    auto only = [&](const google::protobuf::Message& m) {
      std::unique_ptr<google::protobuf::Message> copy(m.New());
      copy->CopyFrom(m);
      for (int i = 0; i < desc->field_count(); ++i)
        if (desc->field(i) != fd) copy->GetReflection()->ClearField(copy.get(), desc->field(i));
      return copy->SerializeAsString();
    };
    if (only(before) != only(after)) out.push_back(name);
  }
  return out;
}

class Towns {
 public:
  explicit Towns(Store& store) : m_store(store) {}

  Status load() {
    auto all = m_store.allMunicipalities();
    if (!all.isOk()) return all.status();
    m_all = std::move(*all);
    return Status::ok();
  }

  // The row's municipality (its column, else the default); null after an error.
  const StoredEntity* of(const Row& row, const std::string& fallback, bool optional = false) {
    std::string wanted = row.text("municipality");
    if (wanted.empty()) wanted = fallback;
    if (wanted.empty()) {
      if (!optional) row.error("municipality", "name the municipality (a column, or --municipality)");
      return nullptr;
    }
    for (const auto& m : m_all)
      if (m.id == wanted || m.entity.municipality().name() == wanted) return &m;
    row.error("municipality", "no municipality is named or has the id '" + wanted + "'");
    return nullptr;
  }

  const core::Calendar& calendarOf(const StoredEntity& town) {
    auto it = m_calendars.find(town.id);
    if (it != m_calendars.end()) return it->second;
    auto c = core::Calendar::forZone(town.entity.municipality().time_zone());
    return m_calendars.emplace(town.id, c.isOk() ? *c : core::Calendar{}).first->second;
  }

  // The records of one type in a scope (a municipality id or the global scope).
  Result<const std::vector<StoredEntity>*> records(EntityType type, const std::string& scope) {
    auto key = std::make_pair(static_cast<int>(type), scope);
    auto it = m_records.find(key);
    if (it == m_records.end()) {
      auto found = m_store.entitiesOf(type, scope);
      if (!found.isOk()) return found.status();
      it = m_records.emplace(key, std::move(*found)).first;
    }
    return &it->second;
  }

 private:
  Store& m_store;
  std::vector<StoredEntity> m_all;
  std::map<std::string, core::Calendar> m_calendars;
  std::map<std::pair<int, std::string>, std::vector<StoredEntity>> m_records;
};

// The changes a file makes, with the line each comes from.
struct Plan {
  int64_t now = 0;
  const core::Clock* clock = nullptr;
  v1::PushRequest push;
  std::vector<int> lines;
  ImportOutcome outcome;
  std::map<std::string, int> keys;  // natural key → the line that has it

  // False (and an error) when another row has the same key.
  bool claim(const Row& row, std::string_view column, const std::string& key) {
    auto [it, fresh] = keys.emplace(key, row.line());
    if (!fresh) row.error(column, "the same record as line " + std::to_string(it->second));
    return fresh;
  }

  std::string newId() const { return core::newUuidV7(*clock); }

  // A new record: `change` holds it whole.
  void add(int line, v1::Change change) {
    change.set_change_id(newId());
    change.set_hlc(core::makeHlc(now, 0));
    lines.push_back(line);
    *push.add_changes() = std::move(change);
    ++outcome.added;
  }

  // A mutable record: new, or the given fields that changed, or nothing.
  void upsert(int line, const StoredEntity* existing, v1::Change desired, const std::vector<std::string>& given) {
    if (!existing) {
      add(line, std::move(desired));
      return;
    }
    auto fields = changedFields(entityOf(existing->entity), entityOf(desired), given);
    if (fields.empty()) {
      ++outcome.unchanged;
      return;
    }
    desired.set_change_id(newId());
    desired.set_entity_id(existing->id);
    // Later than any stamp the record has, so the file's figures win.
    desired.set_hlc(std::max(core::makeHlc(now, 0), existing->hlc + 1));
    for (auto& f : fields) desired.add_fields(f);
    lines.push_back(line);
    *push.add_changes() = std::move(desired);
    ++outcome.updated;
  }
};

// The record a row writes into `c`: a copy of the stored one, or a new
// record with a fresh id (the caller fills in what a new one needs).
template <typename Message>
Message& recordOf(const Plan& plan, v1::Change& c, Message* record, const StoredEntity* existing,
                  const Message& (v1::Change::*stored)() const) {
  if (existing) {
    *record = (existing->entity.*stored)();
  } else {
    c.set_entity_id(plan.newId());
    record->set_id(c.entity_id());
  }
  return *record;
}

const StoredEntity* findBy(const std::vector<StoredEntity>& list,
                           const std::function<bool(const StoredEntity&)>& match) {
  for (const auto& e : list)
    if (!e.deleted && match(e)) return &e;
  return nullptr;
}

// A meter of the town by serial or label code.
const StoredEntity* meterNamed(const std::vector<StoredEntity>& meters, const std::string& name) {
  const StoredEntity* bySerial =
      findBy(meters, [&](const StoredEntity& e) { return e.entity.meter().serial() == name; });
  if (bySerial) return bySerial;
  return findBy(meters, [&](const StoredEntity& e) { return e.entity.meter().label_code() == name; });
}

// --- Each kind ---

using RowFn = std::function<Status(const Row&, const StoredEntity* town)>;

Status planSites(Plan& plan, Towns& towns, const Row& row, const StoredEntity& town) {
  auto name = row.required("name");
  if (!name) return Status::ok();
  auto sites = towns.records(EntityType::kSite, town.id);
  if (!sites.isOk()) return sites.status();
  if (!plan.claim(row, "name", town.id + "|" + *name)) return Status::ok();
  const StoredEntity* existing =
      findBy(**sites, [&](const StoredEntity& e) { return e.entity.site().name() == *name; });
  v1::Change c;
  v1::Site& s = recordOf(plan, c, c.mutable_site(), existing, &v1::Change::site);
  if (!existing) {
    s.set_municipality_id(town.id);
    s.set_name(*name);
  }
  std::vector<std::string> given;
  if (auto k = row.enumValue("kind", v1::SiteKind_descriptor(), "SITE_KIND_")) {
    s.set_kind(static_cast<v1::SiteKind>(*k));
    given.push_back("kind");
  }
  if (auto sector = row.sector("com_sector", false)) {
    s.set_com_sector(*sector);
    given.push_back("com_sector");
  }
  if (row.given("address")) {
    s.set_address(row.text("address"));
    given.push_back("address");
  }
  if (auto lat = row.number("lat")) {
    if (*lat < -90 || *lat > 90) row.error("lat", "a latitude is from -90 to 90");
    s.set_lat(*lat);
    given.push_back("lat");
  }
  if (auto lon = row.number("lon")) {
    if (*lon < -180 || *lon > 180) row.error("lon", "a longitude is from -180 to 180");
    s.set_lon(*lon);
    given.push_back("lon");
  }
  if (auto area = row.number("heated_area_m2")) {
    if (*area <= 0) row.error("heated_area_m2", "a heated area is more than 0 m²");
    s.set_heated_area_m2(*area);
    given.push_back("heated_area_m2");
  }
  if (auto year = row.integer("year_built", 1000, 2100)) {
    s.set_year_built(*year);
    given.push_back("year_built");
  }
  if (auto archived = row.flag("archived")) {
    s.set_archived(*archived);
    given.push_back("archived");
  }
  plan.upsert(row.line(), existing, std::move(c), given);
  return Status::ok();
}

Status planMeters(Plan& plan, Towns& towns, const Row& row, const StoredEntity& town) {
  auto serial = row.required("serial");
  auto siteName = row.required("site");
  if (!serial || !siteName) return Status::ok();
  auto sites = towns.records(EntityType::kSite, town.id);
  auto meters = towns.records(EntityType::kMeter, town.id);
  if (!sites.isOk()) return sites.status();
  if (!meters.isOk()) return meters.status();
  if (!plan.claim(row, "serial", town.id + "|" + *serial)) return Status::ok();
  const StoredEntity* site =
      findBy(**sites, [&](const StoredEntity& e) { return e.entity.site().name() == *siteName || e.id == *siteName; });
  if (!site) {
    row.error("site", "no site of " + town.entity.municipality().name() + " is named '" + *siteName +
                          "' (import the sites first)");
    return Status::ok();
  }
  const StoredEntity* existing =
      findBy(**meters, [&](const StoredEntity& e) { return e.entity.meter().serial() == *serial; });
  v1::Change c;
  v1::Meter& m = recordOf(plan, c, c.mutable_meter(), existing, &v1::Change::meter);
  if (!existing) {
    m.set_serial(*serial);
    m.set_kind(v1::METER_KIND_CUMULATIVE);
  }
  std::vector<std::string> given{"site_id"};
  m.set_site_id(site->id);
  if (row.given("label_code")) {
    m.set_label_code(row.text("label_code"));
    given.push_back("label_code");
  }
  if (auto carrier = row.enumValue("carrier", v1::Carrier_descriptor(), "CARRIER_", true)) {
    m.set_carrier(static_cast<v1::Carrier>(*carrier));
    given.push_back("carrier");
  }
  if (auto unit = row.enumValue("unit", v1::Unit_descriptor(), "UNIT_", true)) {
    m.set_unit(static_cast<v1::Unit>(*unit));
    given.push_back("unit");
  }
  if (auto kind = row.enumValue("kind", v1::MeterKind_descriptor(), "METER_KIND_")) {
    m.set_kind(static_cast<v1::MeterKind>(*kind));
    given.push_back("kind");
  }
  if (auto digits = row.integer("register_digits", 0, 12)) {
    m.set_register_digits(*digits);
    given.push_back("register_digits");
  }
  if (auto multiplier = row.number("multiplier")) {
    if (*multiplier <= 0) row.error("multiplier", "a multiplier is more than 0");
    m.set_multiplier(*multiplier);
    given.push_back("multiplier");
  }
  if (auto cv = row.number("calorific_value_kwh_per_unit")) {
    if (*cv <= 0) row.error("calorific_value_kwh_per_unit", "a calorific value is more than 0 kWh per unit");
    m.set_calorific_value_kwh_per_unit(*cv);
    given.push_back("calorific_value_kwh_per_unit");
  }
  const auto& calendar = towns.calendarOf(town);
  if (auto at = row.instant("installed_at", calendar)) {
    m.set_installed_at(*at);
    given.push_back("installed_at");
  }
  if (auto at = row.instant("removed_at", calendar)) {
    m.set_removed_at(*at);
    given.push_back("removed_at");
  }
  plan.upsert(row.line(), existing, std::move(c), given);
  return Status::ok();
}

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    const size_t bar = std::min(s.find('|', pos), s.size());
    std::string item = s.substr(pos, bar - pos);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    pos = bar + 1;
  }
  return out;
}

Status planMeasures(Plan& plan, Towns& towns, const Row& row, const StoredEntity& town) {
  auto code = row.required("code");
  if (!code) return Status::ok();
  auto measures = towns.records(EntityType::kMeasure, town.id);
  auto sites = towns.records(EntityType::kSite, town.id);
  if (!measures.isOk()) return measures.status();
  if (!sites.isOk()) return sites.status();
  if (!plan.claim(row, "code", town.id + "|" + *code)) return Status::ok();
  const StoredEntity* existing =
      findBy(**measures, [&](const StoredEntity& e) { return e.entity.measure().code() == *code; });
  v1::Change c;
  v1::Measure& m = recordOf(plan, c, c.mutable_measure(), existing, &v1::Change::measure);
  if (!existing) {
    m.set_municipality_id(town.id);
    m.set_code(*code);
    m.set_type(v1::MEASURE_TYPE_MITIGATION);
  }
  std::vector<std::string> given;
  auto textField = [&](std::string_view column, std::string* field) {
    if (!row.given(column)) return;
    *field = row.text(column);
    given.emplace_back(column);
  };
  textField("title", m.mutable_title());
  textField("description", m.mutable_description());
  textField("area_of_intervention", m.mutable_area_of_intervention());
  textField("policy_instrument", m.mutable_policy_instrument());
  textField("responsible_body", m.mutable_responsible_body());
  if (auto type = row.enumValue("type", v1::MeasureType_descriptor(), "MEASURE_TYPE_")) {
    m.set_type(static_cast<v1::MeasureType>(*type));
    given.push_back("type");
  }
  if (auto sector = row.sector("com_sector", false)) {
    m.set_com_sector(*sector);
    given.push_back("com_sector");
  }
  const auto& calendar = towns.calendarOf(town);
  if (auto d = row.date("planned_start")) {
    m.set_planned_start(calendar.dayStartMs(*d));
    given.push_back("planned_start");
  }
  if (auto d = row.date("planned_end")) {
    m.set_planned_end(calendar.dayStartMs(*d));
    given.push_back("planned_end");
  }
  if (auto d = row.date("implemented_at")) {
    m.set_implemented_at(calendar.dayStartMs(*d));
    given.push_back("implemented_at");
  }
  auto amount = [&](std::string_view column, const std::function<void(double)>& set) {
    if (auto v = row.number(column)) {
      if (*v < 0) row.error(column, "cannot be below zero");
      set(*v);
      given.emplace_back(column);
    }
  };
  amount("budget_eur", [&](double v) { m.set_budget_eur(v); });
  amount("expected_savings_mwh_per_year", [&](double v) { m.set_expected_savings_mwh_per_year(v); });
  amount("expected_renewable_mwh_per_year", [&](double v) { m.set_expected_renewable_mwh_per_year(v); });
  amount("expected_co2_reduction_t_per_year", [&](double v) { m.set_expected_co2_reduction_t_per_year(v); });
  if (auto key = row.flag("key_action")) {
    m.set_key_action(*key);
    given.push_back("key_action");
  }
  if (row.given("funding_sources")) {
    m.clear_funding_sources();
    for (auto& f : splitList(row.text("funding_sources"))) m.add_funding_sources(f);
    given.push_back("funding_sources");
  }
  if (row.given("sites")) {
    m.clear_site_ids();
    for (const auto& name : splitList(row.text("sites"))) {
      const StoredEntity* site =
          findBy(**sites, [&](const StoredEntity& e) { return e.entity.site().name() == name || e.id == name; });
      if (site)
        m.add_site_ids(site->id);
      else
        row.error("sites", "no site of " + town.entity.municipality().name() + " is named '" + name + "'");
    }
    given.push_back("site_ids");
  }
  plan.upsert(row.line(), existing, std::move(c), given);
  return Status::ok();
}

// The readings already stored for a town's meters, to skip those again.
struct StoredReadings {
  std::set<std::tuple<std::string, int64_t, double>> content;  // meter, taken_at, value
  std::set<std::string> superseded;
  std::map<std::tuple<std::string, int64_t, int64_t>, const StoredEntity*> invoices;  // meter, start, end
};

Result<StoredReadings*> storedReadingsOf(Towns& towns, const std::string& townId,
                                         std::map<std::string, StoredReadings>& cache) {
  auto it = cache.find(townId);
  if (it != cache.end()) return &it->second;
  auto readings = towns.records(EntityType::kReading, townId);
  if (!readings.isOk()) return readings.status();
  StoredReadings out;
  for (const auto& e : **readings)
    if (!e.entity.reading().supersedes_id().empty()) out.superseded.insert(e.entity.reading().supersedes_id());
  for (const auto& e : **readings) {
    const auto& r = e.entity.reading();
    out.content.emplace(r.meter_id(), r.taken_at(), r.value());
    if (r.kind() == v1::READING_KIND_INVOICE && r.has_period_start() && !out.superseded.count(e.id))
      out.invoices[{r.meter_id(), r.period_start(), r.taken_at()}] = &e;
  }
  return &cache.emplace(townId, std::move(out)).first->second;
}

Status planReadings(Plan& plan, Towns& towns, const Row& row, const StoredEntity& town,
                    std::map<std::string, StoredReadings>& cache) {
  auto meterName = row.required("meter");
  const auto& calendar = towns.calendarOf(town);
  auto takenAt = row.instant("taken_at", calendar, true);
  auto value = row.number("value", true);
  if (!meterName) return Status::ok();
  auto meters = towns.records(EntityType::kMeter, town.id);
  if (!meters.isOk()) return meters.status();
  const StoredEntity* meter = meterNamed(**meters, *meterName);
  if (!meter) {
    row.error("meter",
              "no meter of " + town.entity.municipality().name() + " has the serial or code '" + *meterName + "'");
    return Status::ok();
  }
  if (!takenAt || !value) return Status::ok();
  if (*takenAt > plan.now) row.error("taken_at", "is in the future");
  auto stored = storedReadingsOf(towns, town.id, cache);
  if (!stored.isOk()) return stored.status();
  if (!plan.claim(row, "taken_at", meter->id + "|" + std::to_string(*takenAt) + "|" + row.text("value")))
    return Status::ok();
  if ((*stored)->content.count({meter->id, *takenAt, *value})) {
    ++plan.outcome.unchanged;
    return Status::ok();
  }
  v1::Change c;
  c.set_entity_id(plan.newId());
  v1::Reading& r = *c.mutable_reading();
  r.set_id(c.entity_id());
  r.set_meter_id(meter->id);
  r.set_taken_at(*takenAt);
  r.set_value(*value);
  r.set_source(v1::READING_SOURCE_AUTOMATIC);
  r.set_kind(v1::READING_KIND_ACTUAL);
  if (auto kind = row.enumValue("kind", v1::ReadingKind_descriptor(), "READING_KIND_"))
    r.set_kind(static_cast<v1::ReadingKind>(*kind));
  if (auto start = row.instant("period_start", calendar)) r.set_period_start(*start);
  r.set_note(row.text("note"));
  plan.add(row.line(), std::move(c));
  return Status::ok();
}

// A utility's invoice: the use of [period_start, period_end] (whole local
// days), as a period reading of kind invoice. The same period again with
// another figure is a correction of the stored one.
Status planInvoices(Plan& plan, Towns& towns, const Row& row, const StoredEntity& town,
                    std::map<std::string, StoredReadings>& cache) {
  auto meterName = row.required("meter");
  auto start = row.date("period_start", true);
  auto end = row.date("period_end", true);
  auto consumption = row.number("consumption", true);
  if (!meterName) return Status::ok();
  auto meters = towns.records(EntityType::kMeter, town.id);
  if (!meters.isOk()) return meters.status();
  const StoredEntity* meter = meterNamed(**meters, *meterName);
  if (!meter) {
    row.error("meter",
              "no meter of " + town.entity.municipality().name() + " has the serial or code '" + *meterName + "'");
    return Status::ok();
  }
  const v1::Meter& m = meter->entity.meter();
  if (m.kind() != v1::METER_KIND_PERIOD) {
    row.error("meter", "meter " + m.serial() +
                           " counts up (a register): an invoice needs a meter that records each period's use "
                           "(kind period); import register values as readings");
    return Status::ok();
  }
  if (!start || !end || !consumption) return Status::ok();
  if (*end < *start) {
    row.error("period_end", "is before period_start");
    return Status::ok();
  }
  if (*consumption < 0) row.error("consumption", "cannot be below zero");
  double value = *consumption;
  if (row.given("unit")) {
    auto unit = row.enumValue("unit", v1::Unit_descriptor(), "UNIT_");
    if (!unit) return Status::ok();
    if (*unit != m.unit()) {
      // Energy units convert; others must be the meter's own.
      auto kwhOf = [](int u) -> double {
        switch (u) {
          case v1::UNIT_KWH:
            return 1;
          case v1::UNIT_MWH:
            return 1000;
          case v1::UNIT_GJ:
            return 1000.0 / 3.6;
          default:
            return 0;
        }
      };
      if (kwhOf(*unit) == 0 || kwhOf(m.unit()) == 0) {
        row.error("unit", "meter " + m.serial() + " counts in " + lower(v1::Unit_Name(m.unit()).substr(5)) +
                              "; the invoice must state that unit");
        return Status::ok();
      }
      value = value * kwhOf(*unit) / kwhOf(m.unit());
    }
  }
  const auto& calendar = towns.calendarOf(town);
  const int64_t from = calendar.dayStartMs(*start);
  const int64_t to = calendar.dayStartMs(core::LocalDate::fromDayNumber(end->dayNumber() + 1));
  if (to > plan.now) {
    row.error("period_end", "the period has not ended yet");
    return Status::ok();
  }
  if (!plan.claim(row, "period_start", meter->id + "|" + std::to_string(from) + "|" + std::to_string(to)))
    return Status::ok();
  auto stored = storedReadingsOf(towns, town.id, cache);
  if (!stored.isOk()) return stored.status();
  const StoredEntity* before = nullptr;
  if (auto it = (*stored)->invoices.find({meter->id, from, to}); it != (*stored)->invoices.end()) {
    before = it->second;
    if (before->entity.reading().value() == value) {
      ++plan.outcome.unchanged;
      return Status::ok();
    }
  }
  v1::Change c;
  c.set_entity_id(plan.newId());
  v1::Reading& r = *c.mutable_reading();
  r.set_id(c.entity_id());
  r.set_meter_id(meter->id);
  r.set_kind(v1::READING_KIND_INVOICE);
  r.set_source(v1::READING_SOURCE_INVOICE_IMPORT);
  r.set_period_start(from);
  r.set_taken_at(to);
  r.set_value(value);
  std::string note;
  if (row.given("invoice_number")) note = "invoice " + row.text("invoice_number");
  if (row.given("supplier")) note += (note.empty() ? "invoice from " : " from ") + row.text("supplier");
  r.set_note(note);
  if (before) {
    r.set_supersedes_id(before->id);
    plan.add(row.line(), std::move(c));
    --plan.outcome.added;
    ++plan.outcome.updated;
    return Status::ok();
  }
  plan.add(row.line(), std::move(c));
  return Status::ok();
}

Status planActivity(Plan& plan, Towns& towns, const Row& row, const StoredEntity& town) {
  auto year = row.integer("year", 1990, 2100, true);
  auto sector = row.sector("com_sector", true, true);
  auto carrier = row.enumValue("carrier", v1::Carrier_descriptor(), "CARRIER_", true);
  auto mwh = row.number("mwh", true);
  if (!year || !sector || !carrier || !mwh) return Status::ok();
  if (*mwh < 0) row.error("mwh", "cannot be below zero");
  auto lines = towns.records(EntityType::kActivityData, town.id);
  if (!lines.isOk()) return lines.status();
  if (!plan.claim(row, "com_sector",
                  town.id + "|" + std::to_string(*year) + "|" + *sector + "|" + std::to_string(*carrier)))
    return Status::ok();
  const StoredEntity* existing = findBy(**lines, [&](const StoredEntity& e) {
    const auto& a = e.entity.activity_data();
    return a.year() == *year && a.com_sector() == *sector && a.carrier() == *carrier;
  });
  v1::Change c;
  v1::ActivityData& a = recordOf(plan, c, c.mutable_activity_data(), existing, &v1::Change::activity_data);
  if (!existing) {
    a.set_municipality_id(town.id);
    a.set_year(*year);
    a.set_com_sector(*sector);
    a.set_carrier(static_cast<v1::Carrier>(*carrier));
  }
  std::vector<std::string> given{"mwh"};
  a.set_mwh(*mwh);
  if (row.given("source")) {
    a.set_source(row.text("source"));
    given.push_back("source");
  }
  plan.upsert(row.line(), existing, std::move(c), given);
  return Status::ok();
}

Status planDegreeDays(Plan& plan, Towns& towns, const Row& row, const StoredEntity& town) {
  auto monthText = row.required("month");
  auto hdd = row.number("hdd", true);
  if (!monthText) return Status::ok();
  auto month = core::parseYearMonth(*monthText);
  if (!month.isOk() || monthText->size() != 7) {
    row.error("month", "'" + *monthText + "' is not a month like 2026-01");
    return Status::ok();
  }
  if (!hdd) return Status::ok();
  if (*hdd < 0) row.error("hdd", "cannot be below zero");
  auto list = towns.records(EntityType::kDegreeDays, town.id);
  if (!list.isOk()) return list.status();
  if (!plan.claim(row, "month", town.id + "|" + *monthText)) return Status::ok();
  const StoredEntity* existing = findBy(**list, [&](const StoredEntity& e) {
    const auto& d = e.entity.degree_days();
    return d.year() == month->year && static_cast<unsigned>(d.month()) == month->month;
  });
  v1::Change c;
  v1::DegreeDays& d = recordOf(plan, c, c.mutable_degree_days(), existing, &v1::Change::degree_days);
  if (!existing) {
    d.set_municipality_id(town.id);
    d.set_year(month->year);
    d.set_month(static_cast<int>(month->month));
  }
  std::vector<std::string> given{"hdd"};
  d.set_hdd(*hdd);
  if (row.given("source")) {
    d.set_source(row.text("source"));
    given.push_back("source");
  }
  plan.upsert(row.line(), existing, std::move(c), given);
  return Status::ok();
}

Status planEmissionFactors(Plan& plan, Towns& towns, const Row& row, const StoredEntity* town) {
  auto carrier = row.enumValue("carrier", v1::Carrier_descriptor(), "CARRIER_", true);
  auto approach = row.enumValue("approach", v1::EmissionFactorApproach_descriptor(), "EMISSION_FACTOR_APPROACH_", true);
  auto factor = row.number("t_per_mwh", true);
  int year = 0;  // every year
  if (row.given("year") && row.text("year") != "0") {
    auto y = row.integer("year", 1990, 2100);
    if (!y) return Status::ok();
    year = *y;
  }
  std::string country;
  for (char c : row.text("country")) country += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!country.empty() && (country.size() != 2 || !std::isalpha(static_cast<unsigned char>(country[0])) ||
                           !std::isalpha(static_cast<unsigned char>(country[1])))) {
    row.error("country", "'" + row.text("country") + "' is not a two-letter ISO country code (PL, DE)");
    return Status::ok();
  }
  if (!carrier || !approach || !factor) return Status::ok();
  if (*factor < 0 || *factor > 5) row.error("t_per_mwh", "a factor is from 0 to 5 t per MWh");
  const std::string scope = town ? town->id : core::kGlobalScope;
  auto list = towns.records(EntityType::kEmissionFactor, scope);
  if (!list.isOk()) return list.status();
  if (!plan.claim(row, "carrier",
                  scope + "|" + std::to_string(*carrier) + "|" + std::to_string(*approach) + "|" + country + "|" +
                      std::to_string(year)))
    return Status::ok();
  const std::string municipalityId = town ? town->id : "";
  const StoredEntity* existing = findBy(**list, [&](const StoredEntity& e) {
    const auto& f = e.entity.emission_factor();
    return f.carrier() == *carrier && f.approach() == *approach && f.country() == country && f.year() == year &&
           f.municipality_id() == municipalityId;
  });
  v1::Change c;
  v1::EmissionFactor& f = recordOf(plan, c, c.mutable_emission_factor(), existing, &v1::Change::emission_factor);
  if (!existing) {
    f.set_carrier(static_cast<v1::Carrier>(*carrier));
    f.set_approach(static_cast<v1::EmissionFactorApproach>(*approach));
    f.set_country(country);
    f.set_year(year);
    f.set_municipality_id(municipalityId);
  }
  std::vector<std::string> given{"t_per_mwh"};
  f.set_t_per_mwh(*factor);
  if (row.given("source")) {
    f.set_source(row.text("source"));
    given.push_back("source");
  }
  plan.upsert(row.line(), existing, std::move(c), given);
  return Status::ok();
}

std::string stampOf(int64_t ms) { return core::formatUtc(ms, "%Y%m%dT%H%M%SZ"); }

}  // namespace

std::optional<ImportKind> parseImportKind(std::string_view name) {
  std::string key = lower(name);
  std::replace(key.begin(), key.end(), '_', '-');
  for (const auto& k : kinds())
    if (key == k.name) return k.kind;
  return std::nullopt;
}

std::string_view importKindName(ImportKind kind) { return infoOf(kind).name; }

std::optional<ImportKind> importKindOfFile(std::string_view fileName) {
  std::string key = lower(fs::path(std::string(fileName)).filename().string());
  std::replace(key.begin(), key.end(), '_', '-');
  std::optional<ImportKind> best;
  size_t bestLength = 0;
  for (const auto& k : kinds())
    if (key.rfind(k.name, 0) == 0 && k.name.size() > bestLength) {
      best = k.kind;
      bestLength = k.name.size();
    }
  return best;
}

Result<ImportOutcome> importFile(Store& store, const ImportRequest& request, const core::Clock& clock) {
  const KindInfo& kind = infoOf(request.kind);
  Errors errors;
  errors.file = fs::path(request.path).filename().string();
  auto table = readTable(request.path, kind, errors);
  if (!table.isOk()) return table.status();
  if (errors.any()) return errors.status();

  Towns towns(store);
  SECAP_RETURN_IF_ERROR(towns.load());
  Plan plan;
  plan.now = clock.nowMs();
  plan.clock = &clock;
  plan.outcome.path = request.path;
  plan.outcome.kind = request.kind;
  std::map<std::string, StoredReadings> readings;
  for (const auto& record : table->rows) {
    if (record.blank() || record.comment()) continue;
    ++plan.outcome.rows;
    Row row(*table, record, errors);
    // More cells than the header: a stray delimiter has moved every value.
    if (record.fields.size() > table->width &&
        std::any_of(record.fields.begin() + static_cast<long>(table->width), record.fields.end(),
                    [](const std::string& f) { return !f.empty(); })) {
      row.error("", "this row has " + std::to_string(record.fields.size()) + " cells, the header " +
                        std::to_string(table->width));
      continue;
    }
    const bool global = request.kind == ImportKind::kEmissionFactors;
    const StoredEntity* town = towns.of(row, request.municipality, global);
    if (!town && (!global || row.given("municipality") || !request.municipality.empty())) continue;
    if (town) plan.outcome.municipalities.insert(town->entity.municipality().name());
    Status st;
    switch (request.kind) {
      case ImportKind::kSites:
        st = planSites(plan, towns, row, *town);
        break;
      case ImportKind::kMeters:
        st = planMeters(plan, towns, row, *town);
        break;
      case ImportKind::kMeasures:
        st = planMeasures(plan, towns, row, *town);
        break;
      case ImportKind::kReadings:
        st = planReadings(plan, towns, row, *town, readings);
        break;
      case ImportKind::kInvoices:
        st = planInvoices(plan, towns, row, *town, readings);
        break;
      case ImportKind::kActivity:
        st = planActivity(plan, towns, row, *town);
        break;
      case ImportKind::kDegreeDays:
        st = planDegreeDays(plan, towns, row, *town);
        break;
      case ImportKind::kEmissionFactors:
        st = planEmissionFactors(plan, towns, row, town);
        break;
    }
    SECAP_RETURN_IF_ERROR(st);
  }
  if (errors.any()) return errors.status();
  if (plan.push.changes_size() > 0) {
    secap::v1::PushResponse verdicts;
    auto pushed = applyPush(store, serverWriter(), plan.push, plan.now, {.allOrNothing = true, .verdicts = &verdicts});
    if (!pushed.isOk()) {
      // Name each refused change by its row.
      for (int i = 0; i < verdicts.results_size() && i < static_cast<int>(plan.lines.size()); ++i) {
        const auto& r = verdicts.results(i);
        if (r.outcome() == secap::v1::REJECTED)
          errors.add(plan.lines[i], "", r.message() + " (" + r.reason_code() + ")");
      }
      if (errors.any()) return errors.status();
      return core::Status(pushed.status().code(), errors.file + ": " + pushed.status().message());
    }
    // A reading the store had under other words (same meter, time and value).
    for (const auto& r : pushed->results())
      if (r.outcome() == secap::v1::DUPLICATE) {
        --plan.outcome.added;
        ++plan.outcome.unchanged;
      }
  }
  SECAP_RETURN_IF_ERROR(store.addAuditEntry(
      {.atMs = plan.now,
       .actor = request.actor,
       .action = "import." + std::string(kind.name),
       .detail = "file=" + errors.file + " rows=" + std::to_string(plan.outcome.rows) +
                 " added=" + std::to_string(plan.outcome.added) + " updated=" + std::to_string(plan.outcome.updated) +
                 " unchanged=" + std::to_string(plan.outcome.unchanged)}));
  return plan.outcome;
}

std::string describeImport(const ImportOutcome& o) {
  std::string towns;
  for (const auto& t : o.municipalities) towns += (towns.empty() ? "" : ", ") + t;
  const bool readings = o.kind == ImportKind::kInvoices || o.kind == ImportKind::kReadings;
  return fs::path(o.path).filename().string() + ": " + std::to_string(o.rows) +
         (o.rows == 1 ? " row of " : " rows of ") + std::string(importKindName(o.kind)) + ": " +
         std::to_string(o.added) + " added, " + std::to_string(o.updated) + (readings ? " corrected, " : " updated, ") +
         std::to_string(o.unchanged) + " unchanged" + (towns.empty() ? "" : " (" + towns + ")");
}

// --- The drop folder ---

ImportFolder::ImportFolder(Store& store, const core::Clock& clock, fs::path dir, std::string defaultMunicipality,
                           int settleMs)
    : m_store(store),
      m_clock(clock),
      m_dir(std::move(dir)),
      m_defaultMunicipality(std::move(defaultMunicipality)),
      m_settleMs(settleMs) {}

ImportFolder::~ImportFolder() { stop(); }

Status ImportFolder::prepare() {
  std::error_code ec;
  for (const char* sub : {"done", "failed", ".claimed"}) {
    fs::create_directories(m_dir / sub, ec);
    if (ec) return core::unavailable("cannot create " + (m_dir / sub).string() + ": " + ec.message());
  }
  return Status::ok();
}

Status ImportFolder::start(int pollMs) {
  SECAP_RETURN_IF_ERROR(prepare());
  m_thread = std::thread([this, pollMs] {
    std::unique_lock lock(m_mu);
    while (!m_stopping) {
      lock.unlock();
      scanOnce();
      lock.lock();
      m_wake.wait_for(lock, std::chrono::milliseconds(pollMs), [&] { return m_stopping; });
    }
  });
  spdlog::info("importing files dropped into {}", m_dir.string());
  return Status::ok();
}

void ImportFolder::stop() {
  {
    std::lock_guard lock(m_mu);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

int ImportFolder::scanOnce() {
  if (auto st = prepare(); !st.isOk()) {
    spdlog::error("the import folder cannot be used: {}", st.toString());
    return 0;
  }
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(m_dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || name[0] == '~') continue;  // hidden, or a spreadsheet's lock file
    const std::string ext = lower(entry.path().extension().string());
    if (ext == ".part" || ext == ".tmp" || ext == ".crdownload") continue;  // still being copied
    // Still being written: wait until it has not changed for a while.
    const auto age = fs::file_time_type::clock::now() - entry.last_write_time(ec);
    if (ec || age < std::chrono::milliseconds(m_settleMs)) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) handle(f);
  return static_cast<int>(files.size());
}

void ImportFolder::handle(const fs::path& file) {
  const std::string name = file.filename().string();
  const std::string stamped = stampOf(m_clock.nowMs()) + "-" + name;
  const fs::path claimed = m_dir / ".claimed" / stamped;
  std::error_code ec;
  fs::rename(file, claimed, ec);
  if (ec) return;  // another instance took it
  std::string report;
  bool ok = false;
  if (auto kind = importKindOfFile(name)) {
    auto done = importFile(m_store, {claimed.string(), *kind, m_defaultMunicipality, "import-dir"}, m_clock);
    if (done.isOk()) {
      done->path = name;
      report = describeImport(*done);
      ok = true;
    } else {
      report = done.status().message();
      // The errors name the claimed copy; name the file as dropped.
      for (size_t at = report.find(stamped); at != std::string::npos; at = report.find(stamped, at + name.size()))
        report.replace(at, stamped.size(), name);
    }
  } else {
    std::string prefixes;
    for (const auto& k : kinds()) prefixes += (prefixes.empty() ? "" : ", ") + std::string(k.name) + "-…";
    report = name + ": the name does not say what the file holds; start it with one of " + prefixes;
  }
  const fs::path target = m_dir / (ok ? "done" : "failed") / stamped;
  fs::rename(claimed, target, ec);
  if (ec) spdlog::error("could not move {} to {}: {}", claimed.string(), target.string(), ec.message());
  std::ofstream out(target.string() + ".report.txt", std::ios::trunc);
  out << report << "\n";
  if (ok)
    spdlog::info("imported {}", report);
  else
    spdlog::warn("could not import {}: {}", name, report);
}

}  // namespace secap::server
