#include "person_export.h"

#include <google/protobuf/util/json_util.h>

#include <ctime>
#include <map>
#include <set>

#include "secap/core/entity.h"
#include "secap/core/ids.h"
#include "secap/core/text.h"

namespace secap::server {
namespace {

using core::EntityType;
using nlohmann::json;

std::string utc(int64_t ms) { return core::formatUtc(ms, "%Y-%m-%dT%H:%M:%SZ"); }

// A message as the HTTP API writes it (docs/API.md), as a JSON value.
json jsonOf(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string text;
  (void)google::protobuf::util::MessageToJsonString(message, &text, options);
  return json::parse(text, nullptr, false);
}

// The fields of a record that name `id` ("recorded_by", ...).
std::vector<std::string> namesIn(const StoredEntity& e, const std::string& id) {
  std::vector<std::string> why;
  const auto& c = e.entity;
  switch (e.type) {
    case EntityType::kPerson:
      if (c.person().id() == id) why.push_back("id");
      break;
    case EntityType::kReading:
      if (c.reading().recorded_by() == id) why.push_back("recorded_by");
      break;
    case EntityType::kReadingReview:
      if (c.reading_review().reviewer() == id) why.push_back("reviewer");
      break;
    case EntityType::kProgressUpdate:
      if (c.progress_update().reported_by() == id) why.push_back("reported_by");
      break;
    case EntityType::kInspection:
      if (c.inspection().inspector() == id) why.push_back("inspector");
      break;
    default:
      break;
  }
  if (e.originDeviceId == id) why.push_back("written by this device");
  return why;
}

// The record's entity alone, without secrets.
json recordJson(const StoredEntity& e) {
  if (e.type == EntityType::kPerson) {
    secap::v1::Person p = e.entity.person();
    const bool pin = !p.kiosk_pin_hash().empty();
    p.clear_kiosk_pin_hash();
    json out = jsonOf(p);
    out["kiosk_pin"] = pin ? "set (its hash is not exported)" : "none";
    return out;
  }
  const auto* field = e.entity.GetDescriptor()->FindOneofByName("entity");
  const auto* set = e.entity.GetReflection()->GetOneofFieldDescriptor(e.entity, field);
  if (!set) return json::object();
  return jsonOf(e.entity.GetReflection()->GetMessage(e.entity, set));
}

}  // namespace

Result<PersonExport> exportPerson(Store& store, const std::string& id, int64_t nowMs, const std::string& actor) {
  if (!core::isCanonicalUuid(id)) return core::invalidArgument("the person id must be a canonical lowercase UUID");
  PersonExport out;
  json& doc = out.document;
  doc["subject"] = id;
  doc["exported_at"] = utc(nowMs);
  doc["about"] =
      "Every record of this SECAP Field server that names this person or device: the records themselves, why each "
      "is here, and the administrative log entries that name them.";
  doc["person"] = nullptr;
  doc["device"] = nullptr;

  auto device = store.deviceById(id);
  if (!device.isOk()) return device.status();
  if (*device) {
    const DeviceRecord& d = **device;
    json roles = json::object();
    for (const auto& [m, r] : d.roles) roles[m] = r;
    doc["device"] = {{"id", d.id},
                     {"name", d.name},
                     {"platform", d.platform},
                     {"app_version", d.appVersion},
                     {"roles", roles},
                     {"enrolled_at", utc(d.enrolledAtMs)},
                     {"withdrawn_at", d.revokedAtMs ? json(utc(d.revokedAtMs)) : json(nullptr)},
                     {"kiosk_sites", d.sites}};
  }

  auto municipalities = store.allMunicipalities();
  if (!municipalities.isOk()) return municipalities.status();
  std::vector<std::string> scopes{core::kGlobalScope};
  for (const auto& m : *municipalities) scopes.push_back(m.id);

  json records = json::array();
  std::map<std::string, int> counts;
  std::set<std::string> named;  // ids of records that name the person, and of their attachments
  std::vector<const StoredEntity*> attachments;
  std::vector<std::vector<StoredEntity>> all;
  all.reserve(scopes.size());
  for (const auto& scope : scopes) {
    auto found = store.recordsOf(scope);
    if (!found.isOk()) return found.status();
    all.push_back(std::move(*found));
  }
  auto add = [&](const StoredEntity& e, std::vector<std::string> why) {
    const std::string type(core::entityTypeName(e.type));
    ++counts[type];
    json r = {{"type", type}, {"id", e.id},           {"municipality_id", e.municipalityId},
              {"why", why},   {"deleted", e.deleted}, {"record", recordJson(e)}};
    records.push_back(std::move(r));
  };
  for (const auto& list : all)
    for (const auto& e : list) {
      if (e.type == EntityType::kAttachment) {
        attachments.push_back(&e);
        continue;
      }
      auto why = namesIn(e, id);
      if (why.empty()) continue;
      if (e.type == EntityType::kPerson && e.id == id) doc["person"] = recordJson(e);
      named.insert(e.id);
      if (e.type == EntityType::kReading) named.insert(e.entity.reading().photo_attachment_id());
      if (e.type == EntityType::kProgressUpdate)
        for (const auto& a : e.entity.progress_update().attachment_ids()) named.insert(a);
      if (e.type == EntityType::kInspection)
        for (const auto& a : e.entity.inspection().attachment_ids()) named.insert(a);
      add(e, std::move(why));
    }
  // Photos and documents of those records: they show what the person did.
  named.erase(std::string());
  for (const StoredEntity* a : attachments) {
    auto why = namesIn(*a, id);
    if (named.count(a->entity.attachment().owner_id()) || named.count(a->id))
      why.push_back("attached to a record that names them");
    if (why.empty()) continue;
    add(*a, std::move(why));
  }
  out.records = static_cast<int>(records.size());
  doc["records"] = std::move(records);
  doc["counts"] = counts;

  auto log = store.auditLog(0, 1000000);
  if (!log.isOk()) return log.status();
  json audit = json::array();
  for (const auto& entry : *log)
    if (entry.actor == id || entry.detail.find(id) != std::string::npos)
      audit.push_back(
          {{"at", utc(entry.atMs)}, {"actor", entry.actor}, {"action", entry.action}, {"detail", entry.detail}});
  out.audit = static_cast<int>(audit.size());
  doc["audit"] = std::move(audit);

  if (doc["person"].is_null() && doc["device"].is_null() && out.records == 0 && out.audit == 0)
    return core::notFound("no person, device, record or log entry on this server names " + id);
  SECAP_RETURN_IF_ERROR(store.addAuditEntry({.atMs = nowMs,
                                             .actor = actor,
                                             .action = "person.export",
                                             .detail = "subject=" + id + " records=" + std::to_string(out.records)}));
  return out;
}

}  // namespace secap::server
