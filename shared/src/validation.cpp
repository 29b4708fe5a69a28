#include "secap/core/validation.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "secap/core/consumption.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/inspection.h"
#include "secap/core/inventory.h"
#include "secap/core/merge.h"

namespace secap::core {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using secap::v1::Change;

// Plausible calendar years for inventories, reference data and plans.
constexpr int kMinYear = 1950;
constexpr int kMaxYear = 2100;
// No month has more heating degree days than 31 days × (18 − (−50 °C)).
constexpr double kMaxMonthlyHdd = 31 * 68.0;
// No fuel emits more than this per MWh (lignite ≈ 0.36, peat ≈ 0.38).
constexpr double kMaxTonnesPerMwh = 5.0;

std::optional<Rejection> reject(std::string code, std::string message) {
  return Rejection{std::move(code), std::move(message)};
}

bool textTooLong(const std::string& s) { return s.size() > kMaxTextBytes; }

// The first string in the message, nested messages and repeated fields
// included, that is longer than its field's limit: its field name.
std::optional<std::string> tooLongField(const Message& m) {
  const auto* desc = m.GetDescriptor();
  const auto* refl = m.GetReflection();
  for (int i = 0; i < desc->field_count(); ++i) {
    const FieldDescriptor* f = desc->field(i);
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      const size_t limit = maxTextBytesOf(f->name());
      if (f->is_repeated()) {
        for (int j = 0; j < refl->FieldSize(m, f); ++j)
          if (refl->GetRepeatedString(m, f, j).size() > limit) return f->name();
      } else if (refl->GetString(m, f).size() > limit) {
        return f->name();
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int j = 0; j < refl->FieldSize(m, f); ++j)
          if (auto name = tooLongField(refl->GetRepeatedMessage(m, f, j))) return name;
      } else if (refl->HasField(m, f)) {
        if (auto name = tooLongField(refl->GetMessage(m, f))) return name;
      }
    }
  }
  return std::nullopt;
}

bool finiteNonNegative(double v) { return std::isfinite(v) && v >= 0; }
bool plausibleYear(int y) { return y >= kMinYear && y <= kMaxYear; }

bool isLowerHex(const std::string& s, size_t length) {
  return s.size() == length &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::optional<Rejection> validateReading(const secap::v1::Reading& r, const ValidationContext& ctx) {
  if (!std::isfinite(r.value())) return reject("reading.not_a_number", "the reading value is not a finite number");
  if (r.taken_at() <= 0) return reject("reading.no_time", "the reading has no taken_at time");
  if (ctx.nowMs > 0 && r.taken_at() > ctx.nowMs + kReadingFutureToleranceMs)
    return reject("reading.future", "the reading is dated in the future");
  if (r.has_period_start() && r.period_start() >= r.taken_at())
    return reject("reading.bad_period", "the period starts after it ends");
  if (textTooLong(r.note())) return reject("field.too_long", "the note is too long");
  std::optional<secap::v1::Meter> meter;
  if (ctx.findMeter) meter = ctx.findMeter(r.meter_id());
  if (!meter) return reject("reading.unknown_meter", "the reading's meter does not exist");
  if (meter->kind() == secap::v1::METER_KIND_CUMULATIVE && r.value() < 0)
    return reject("reading.negative_register", "a meter register cannot be negative");
  if (meter->register_digits() > 0 && meter->register_digits() < 16 &&
      r.value() >= std::pow(10.0, meter->register_digits()))
    return reject("reading.too_many_digits", "the value has more digits than the meter's register");
  return std::nullopt;
}

std::optional<Rejection> validateMeasure(const secap::v1::Measure& m) {
  if (m.has_planned_start() && m.has_planned_end() && m.planned_end() < m.planned_start())
    return reject("measure.bad_dates", "the measure is planned to end before it starts");
  for (const bool bad :
       {m.has_budget_eur() && !finiteNonNegative(m.budget_eur()),
        m.has_expected_savings_mwh_per_year() && !std::isfinite(m.expected_savings_mwh_per_year()),
        m.has_expected_renewable_mwh_per_year() && !finiteNonNegative(m.expected_renewable_mwh_per_year()),
        m.has_expected_co2_reduction_t_per_year() && !std::isfinite(m.expected_co2_reduction_t_per_year())})
    if (bad) return reject("measure.bad_value", "a budget or expected figure is not a valid number");
  return std::nullopt;
}

std::optional<Rejection> validateProgress(const secap::v1::ProgressUpdate& p) {
  if (p.has_percent_complete() &&
      !(std::isfinite(p.percent_complete()) && p.percent_complete() >= 0 && p.percent_complete() <= 100))
    return reject("progress.bad_percent", "percent_complete must be between 0 and 100");
  if (p.has_spent_eur() && !finiteNonNegative(p.spent_eur()))
    return reject("progress.bad_value", "spent_eur must be a number not below zero");
  for (const auto& i : p.indicators())
    if (i.key().empty() || !std::isfinite(i.value()))
      return reject("progress.bad_value", "an indicator needs a key and a finite value");
  if (p.reported_at() <= 0) return reject("progress.no_time", "the progress update has no reported_at time");
  return std::nullopt;
}

std::optional<Rejection> validateInspection(const secap::v1::Inspection& i, const ValidationContext& ctx) {
  if (!i.has_submitted_at() || i.submitted_at() <= 0)
    return reject("inspection.not_submitted", "only submitted inspections are synced; drafts stay on the device");
  if (i.started_at() > 0 && i.submitted_at() < i.started_at())
    return reject("inspection.bad_dates", "the inspection was submitted before it started");
  if (ctx.nowMs > 0 && i.submitted_at() > ctx.nowMs + kReadingFutureToleranceMs)
    return reject("inspection.bad_dates", "the inspection is dated in the future");
  if (i.has_location()) {
    const auto& l = i.location();
    if (!std::isfinite(l.lat()) || !std::isfinite(l.lon()) || std::abs(l.lat()) > 90 || std::abs(l.lon()) > 180 ||
        (l.has_accuracy_m() && !finiteNonNegative(l.accuracy_m())))
      return reject("inspection.bad_location", "the location is not a valid WGS 84 position");
  }
  if (i.outcome() == secap::v1::INSPECTION_OUTCOME_UNSPECIFIED)
    return reject("inspection.no_outcome", "a submitted inspection needs an outcome");
  return std::nullopt;
}

std::optional<Rejection> validateTemplate(const secap::v1::InspectionTemplate& t) {
  if (t.version() < 1) return reject("template.bad_version", "a template version starts at 1");
  std::set<std::string> keys;
  for (const auto& item : t.items()) {
    if (item.key().empty() || !keys.insert(item.key()).second)
      return reject("template.bad_item", "every item needs a key of its own");
    if (item.has_min() && item.has_max() && item.min() > item.max())
      return reject("template.bad_item", "an item's min is above its max");
  }
  return std::nullopt;
}

bool isKeyIn(const std::string& key, std::initializer_list<std::string_view> keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::optional<Rejection> validateProductionLines(
    const google::protobuf::RepeatedPtrField<secap::v1::LocalProductionLine>& lines,
    std::initializer_list<std::string_view> plants) {
  std::set<std::string> seen;
  for (const auto& line : lines) {
    if (!isKeyIn(line.plant(), plants) || !seen.insert(line.plant()).second)
      return reject("published_inventory.bad_line", "a local production line names an unknown or repeated plant");
    if (!finiteNonNegative(line.produced_mwh()) || (line.has_t_co2() && !finiteNonNegative(line.t_co2())))
      return reject("published_inventory.bad_value", "production and emissions must be numbers not below zero");
    for (const auto& in : line.inputs()) {
      if (!isKeyIn(in.input(), {"natural_gas", "liquid_gas", "heating_oil", "lignite", "coal", "steam", "waste",
                                "plant_oil", "other_biomass", "other_renewable", "other"}))
        return reject("published_inventory.bad_line", "a local production input is not a column of the template");
      if (!finiteNonNegative(in.mwh()))
        return reject("published_inventory.bad_value", "an energy input must be a number not below zero");
    }
  }
  return std::nullopt;
}

std::optional<Rejection> validatePublishedInventory(const secap::v1::PublishedInventory& p) {
  if (p.kind() != secap::v1::INVENTORY_KIND_BEI && p.kind() != secap::v1::INVENTORY_KIND_MEI)
    return reject("published_inventory.bad_kind", "a published inventory is a BEI or an MEI");
  if (!plausibleYear(p.year()) || p.population() < 0)
    return reject("published_inventory.bad_value", "a plausible year and a population not below zero");
  if (p.approach() == secap::v1::EMISSION_FACTOR_APPROACH_UNSPECIFIED ||
      p.unit() == secap::v1::EMISSION_UNIT_UNSPECIFIED)
    return reject("published_inventory.bad_value", "the emission factor approach and the reporting unit are required");
  std::set<std::pair<std::string, int>> cells;
  for (const auto& line : p.lines()) {
    if (!isConsumptionSector(line.com_sector()) || !isConsumedEnergy(carrierFromProto(line.carrier())) ||
        !cells.insert({line.com_sector(), static_cast<int>(line.carrier())}).second)
      return reject("published_inventory.bad_line",
                    "every line needs a consumption sector and an energy carrier of the template, once each");
    if (!finiteNonNegative(line.mwh()) || (line.has_t_co2() && !finiteNonNegative(line.t_co2())))
      return reject("published_inventory.bad_value", "MWh and t CO2 must be numbers not below zero");
  }
  for (const auto& e : p.non_energy())
    if (!isKeyIn(e.source(), {"waste", "waste_water", "other"}) || !std::isfinite(e.t_co2()))
      return reject("published_inventory.bad_line", "a non-energy line is waste, waste_water or other, with a number");
  if (auto r = validateProductionLines(p.local_electricity(), {"wind", "hydro", "pv", "chp", "other"})) return r;
  if (auto r = validateProductionLines(p.local_heat(), {"chp", "district_heating", "other"})) return r;
  for (const bool bad : {p.has_green_electricity_mwh() && !finiteNonNegative(p.green_electricity_mwh()),
                         p.has_green_electricity_t_per_mwh() && !finiteNonNegative(p.green_electricity_t_per_mwh()),
                         p.has_electricity_t_per_mwh() && !finiteNonNegative(p.electricity_t_per_mwh())})
    if (bad)
      return reject("published_inventory.bad_value", "green electricity and factors must be numbers not below zero");
  return std::nullopt;
}

// The fields of an attachment that never change once stored.
constexpr const char* kAttachmentContentFields[] = {"sha256", "mime",     "size",       "width",
                                                    "height", "taken_at", "owner_type", "owner_id"};

// Does a change to a stored attachment alter any of its content fields?
bool changesAttachmentContent(const secap::v1::Attachment& incoming, const secap::v1::Attachment& stored,
                              const std::vector<std::string>& written) {
  std::vector<const FieldDescriptor*> content;
  for (const char* name : kAttachmentContentFields)
    if (std::find(written.begin(), written.end(), name) != written.end())
      content.push_back(secap::v1::Attachment::descriptor()->FindFieldByName(name));
  secap::v1::Attachment a = incoming, b = stored, onlyA, onlyB;
  a.GetReflection()->SwapFields(&a, &onlyA, content);
  b.GetReflection()->SwapFields(&b, &onlyB, content);
  return onlyA.SerializeAsString() != onlyB.SerializeAsString();
}

}  // namespace

bool isKnownRole(const std::string& role) {
  return role == "admin" || role == "coordinator" || role == "field" || role == "kiosk" || role == "partner";
}

size_t maxTextBytesOf(std::string_view fieldName) {
  auto endsWith = [&](std::string_view suffix) {
    return fieldName.size() >= suffix.size() && fieldName.substr(fieldName.size() - suffix.size()) == suffix;
  };
  if (fieldName == "id" || endsWith("_id") || endsWith("_ids")) return kMaxIdBytes;
  static const std::set<std::string_view> kNames = {"name",     "display_name", "title",       "site_name",
                                                    "serial",   "caption",      "recorded_by", "reported_by",
                                                    "reviewer", "inspector",    "address",     "responsible_body"};
  if (kNames.count(fieldName)) return kMaxNameBytes;
  return kMaxTextBytes;
}

std::optional<Rejection> validateChange(const Change& change, const ValidationContext& ctx) {
  if (!isCanonicalUuid(change.change_id())) return reject("change.malformed", "change_id is not a canonical UUID");
  if (!isCanonicalUuid(change.entity_id())) return reject("change.malformed", "entity_id is not a canonical UUID");
  const EntityType type = entityTypeOf(change);
  if (type == EntityType::kUnknown) return reject("change.malformed", "the change carries no entity");
  if (embeddedIdOf(change) != change.entity_id())
    return reject("change.malformed", "entity_id differs from the entity's own id");
  if (change.hlc() == 0) return reject("change.malformed", "the change has no hlc");
  if (ctx.nowMs > 0 && hlcPhysicalMs(change.hlc()) > ctx.nowMs + kMaxClockSkewMs)
    return reject("clock.skew", "the device clock is ahead of the server; re-stamp and resend");
  // A submitted inspection never changes (checked before the append-only
  // rules, so an edit gets the reason a person understands).
  std::optional<Change> stored;
  if (ctx.findStored && (type == EntityType::kInspection || type == EntityType::kAttachment))
    stored = ctx.findStored(type, change.entity_id());
  if (type == EntityType::kInspection && stored && stored->inspection().has_submitted_at())
    return reject("inspection.immutable", "a submitted inspection cannot be changed; amend it with a new one");
  if (isAppendOnly(type) && change.deleted())
    return reject("change.append_only", "append-only records cannot be deleted");
  if (!fieldMaskIsValid(change))
    return reject("change.unknown_field", "the field mask names a field this record does not have");
  if (isAppendOnly(type) && change.fields_size() > 0)
    return reject("change.append_only", "append-only records are sent whole, without a field mask");
  auto writes = [&](const char* field) { return writesField(change, field); };

  auto parentExists = [&](EntityType parentType, const std::string& id) {
    return ctx.exists && ctx.exists(parentType, id);
  };
  // "<prefix>.unknown_municipality" for records that hang under a municipality.
  auto municipalityMissing = [&](const std::string& municipalityId) {
    return writes("municipality_id") && !parentExists(EntityType::kMunicipality, municipalityId);
  };
  switch (type) {
    case EntityType::kMunicipality: {
      const auto& m = change.municipality();
      if (writes("name") && m.name().empty()) return reject("municipality.no_name", "a municipality needs a name");
      if (textTooLong(m.name())) return reject("field.too_long", "the name is too long");
      break;
    }
    case EntityType::kSite:
      if (textTooLong(change.site().name()) || textTooLong(change.site().address()))
        return reject("field.too_long", "a text field is too long");
      if (writes("municipality_id") && !parentExists(EntityType::kMunicipality, change.site().municipality_id()))
        return reject("site.unknown_municipality", "the site's municipality does not exist");
      break;
    case EntityType::kMeter: {
      const auto& m = change.meter();
      if (!std::isfinite(m.multiplier()) || m.multiplier() < 0)
        return reject("meter.bad_multiplier", "the meter multiplier must be a positive number");
      if (m.register_digits() < 0 || m.register_digits() > 15)
        return reject("meter.bad_digits", "register_digits must be between 0 and 15");
      if (writes("site_id") && !parentExists(EntityType::kSite, m.site_id()))
        return reject("meter.unknown_site", "the meter's site does not exist");
      break;
    }
    case EntityType::kReading:
      return validateReading(change.reading(), ctx);
    case EntityType::kReadingReview: {
      const auto& r = change.reading_review();
      if (r.decision() != secap::v1::REVIEW_DECISION_CONFIRMED && r.decision() != secap::v1::REVIEW_DECISION_ERRONEOUS)
        return reject("review.bad_decision", "a review decides confirmed or erroneous");
      if (!parentExists(EntityType::kReading, r.reading_id()))
        return reject("review.unknown_reading", "the reviewed reading does not exist");
      break;
    }
    case EntityType::kMeasure:
      if (auto r = validateMeasure(change.measure())) return r;
      if (municipalityMissing(change.measure().municipality_id()))
        return reject("measure.unknown_municipality", "the measure's municipality does not exist");
      break;
    case EntityType::kProgressUpdate:
      if (auto r = validateProgress(change.progress_update())) return r;
      if (!parentExists(EntityType::kMeasure, change.progress_update().measure_id()))
        return reject("progress.unknown_measure", "the progress update's measure does not exist");
      break;
    case EntityType::kInspection: {
      const auto& i = change.inspection();
      if (auto r = validateInspection(i, ctx)) return r;
      if (!parentExists(EntityType::kSite, i.site_id()))
        return reject("inspection.unknown_site", "the inspection's site does not exist");
      if (i.has_measure_id() && !i.measure_id().empty() && !parentExists(EntityType::kMeasure, i.measure_id()))
        return reject("inspection.unknown_measure", "the inspected measure does not exist");
      if (!parentExists(EntityType::kInspectionTemplate, i.template_id()))
        return reject("inspection.unknown_template", "the inspection's template does not exist");
      // The checklist is checked against the version it answered; an older
      // version than the one held here cannot be checked and passes.
      if (ctx.findStored) {
        const auto tmpl = ctx.findStored(EntityType::kInspectionTemplate, i.template_id());
        if (tmpl && tmpl->has_inspection_template() && tmpl->inspection_template().version() == i.template_version()) {
          const auto problems = checkAnswers(tmpl->inspection_template(), i);
          if (!problems.empty()) {
            const auto& p = problems.front();
            return reject(p.reasonCode, p.reasonCode == "inspection.missing_answer"
                                            ? "the required checklist item '" + p.itemKey + "' has no answer"
                                            : "the answer to '" + p.itemKey + "' does not fit the checklist");
          }
        }
      }
      break;
    }
    case EntityType::kInspectionTemplate: {
      const auto& t = change.inspection_template();
      if (auto r = validateTemplate(t)) return r;
      if (!t.municipality_id().empty() && municipalityMissing(t.municipality_id()))
        return reject("template.unknown_municipality", "the template's municipality does not exist");
      break;
    }
    case EntityType::kAttachment: {
      const auto& a = change.attachment();
      if (stored && !stored->deleted() && changesAttachmentContent(a, stored->attachment(), *fieldsWritten(change)))
        return reject("attachment.immutable", "an attachment's content cannot change; add a new one");
      if (writes("sha256") && !isLowerHex(a.sha256(), 64))
        return reject("attachment.bad_sha256", "sha256 must be 64 lowercase hex digits");
      if (a.size() < 0 || (a.has_width() && a.width() < 0) || (a.has_height() && a.height() < 0))
        return reject("attachment.bad_size", "a size cannot be negative");
      if (writes("owner_id") && !parentExists(entityTypeFromName(a.owner_type()), a.owner_id()))
        return reject("attachment.unknown_owner", "the attachment's owner record does not exist");
      break;
    }
    case EntityType::kActivityData: {
      const auto& d = change.activity_data();
      if (!finiteNonNegative(d.mwh()) || (writes("year") && !plausibleYear(d.year())))
        return reject("activity.bad_value", "MWh must be a number not below zero, in a plausible year");
      if (municipalityMissing(d.municipality_id()))
        return reject("activity.unknown_municipality", "the activity line's municipality does not exist");
      break;
    }
    case EntityType::kPerson:
      for (const auto& g : change.person().roles())
        if (!isKnownRole(g.role()) || !isCanonicalUuid(g.municipality_id()))
          return reject("person.bad_role",
                        "a role must be admin, coordinator, field, kiosk or partner in a municipality");
      if (writes("roles"))
        for (const auto& g : change.person().roles())
          if (!parentExists(EntityType::kMunicipality, g.municipality_id()))
            return reject("person.unknown_municipality", "a role names a municipality that does not exist");
      // Only the hash travels: a PIN typed in clear must never be synced.
      if (!change.person().kiosk_pin_hash().empty() && change.person().kiosk_pin_hash().rfind("$argon2id$", 0) != 0)
        return reject("person.bad_pin_hash", "a kiosk PIN must be sent as an argon2id hash, never in clear");
      if (writes("kiosk_site_ids"))
        for (const auto& site : change.person().kiosk_site_ids())
          if (!parentExists(EntityType::kSite, site))
            return reject("person.unknown_site", "a kiosk site of the person does not exist");
      break;
    case EntityType::kEmissionFactor: {
      const auto& f = change.emission_factor();
      const bool countryOk =
          f.country().empty() || (f.country().size() == 2 && std::isupper(static_cast<unsigned char>(f.country()[0])) &&
                                  std::isupper(static_cast<unsigned char>(f.country()[1])));
      if (!finiteNonNegative(f.t_per_mwh()) || f.t_per_mwh() > kMaxTonnesPerMwh || !countryOk ||
          (f.year() != 0 && !plausibleYear(f.year())))
        return reject("emission_factor.bad_value",
                      "the factor must be 0..5 t/MWh, with an ISO country code and a plausible year");
      if (!f.municipality_id().empty() && municipalityMissing(f.municipality_id()))
        return reject("emission_factor.unknown_municipality", "the local factor's municipality does not exist");
      break;
    }
    case EntityType::kDegreeDays: {
      const auto& d = change.degree_days();
      if (!finiteNonNegative(d.hdd()) || d.hdd() > kMaxMonthlyHdd || d.month() < 1 || d.month() > 12 ||
          !plausibleYear(d.year()))
        return reject("degree_days.bad_value", "HDD must be a number not below zero for a month 1..12");
      if (municipalityMissing(d.municipality_id()))
        return reject("degree_days.unknown_municipality", "the degree days' municipality does not exist");
      break;
    }
    case EntityType::kMunicipalityYear: {
      const auto& y = change.municipality_year();
      if (!plausibleYear(y.year()) || (y.has_population() && y.population() < 0))
        return reject("municipality_year.bad_value", "a plausible year and a population not below zero");
      if (municipalityMissing(y.municipality_id()))
        return reject("municipality_year.unknown_municipality", "the year's municipality does not exist");
      break;
    }
    case EntityType::kPublishedInventory: {
      const auto& p = change.published_inventory();
      if (auto r = validatePublishedInventory(p)) return r;
      if (!parentExists(EntityType::kMunicipality, p.municipality_id()))
        return reject("published_inventory.unknown_municipality", "the inventory's municipality does not exist");
      if (!p.supersedes_id().empty() && !parentExists(EntityType::kPublishedInventory, p.supersedes_id()))
        return reject("published_inventory.unknown_supersedes", "the inventory it corrects does not exist");
      break;
    }
    case EntityType::kUnknown:
      break;
  }
  // Every other string, nested ones included (inspection answers, prompts).
  if (const Message* entity = entityMessageOf(change)) {
    if (auto field = tooLongField(*entity))
      return reject("field.too_long", "the field " + *field + " is too long (at most " +
                                          std::to_string(maxTextBytesOf(*field)) + " bytes)");
  }
  return std::nullopt;
}

}  // namespace secap::core
