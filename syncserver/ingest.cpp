#include "ingest.h"

#include "secap/core/validation.h"

namespace secap::server {

namespace {

using core::EntityType;
using secap::v1::Change;
using secap::v1::ChangeResult;

void setRejected(ChangeResult& r, const std::string& code, const std::string& message) {
  r.set_outcome(secap::v1::REJECTED);
  r.set_reason_code(code);
  r.set_message(message);
}

// Which municipality a record belongs to, through its parents.
Result<std::string> municipalityOf(WriteTx& tx, const Change& change) {
  switch (change.entity_case()) {
    case Change::kMunicipality: return change.municipality().id();
    case Change::kSite: return change.site().municipality_id();
    case Change::kMeter:
    case Change::kReading: {
      const EntityType parentType = change.entity_case() == Change::kMeter ? EntityType::kSite : EntityType::kMeter;
      auto parent = tx.getEntity(parentType, core::parentIdOf(change));
      if (!parent.isOk()) return parent.status();
      return parent->has_value() ? (*parent)->municipalityId : std::string();
    }
    default: return std::string();
  }
}

// The role × entity rule of DESIGN.md §8 for writes.
bool mayWrite(const Writer& w, EntityType type, const std::string& municipalityId) {
  if (w.role == "admin") return true;
  if (municipalityId != w.municipalityId) return false;
  if (w.role == "coordinator") return true;
  if (w.role == "field") return type == EntityType::kReading || type == EntityType::kMeter;
  if (w.role == "kiosk") return type == EntityType::kReading;
  return false;
}

}  // namespace

Writer serverWriter() { return Writer{kServerOriginId, "", "admin"}; }

Result<secap::v1::PushResponse> applyPush(Store& store, const Writer& writer, const secap::v1::PushRequest& request,
                                          int64_t nowMs) {
  secap::v1::PushResponse response;
  auto txr = store.beginWrite();
  if (!txr.isOk()) return txr.status();
  WriteTx& tx = **txr;

  core::ValidationContext ctx;
  ctx.nowMs = nowMs;
  ctx.exists = [&tx](EntityType type, const std::string& id) {
    auto e = tx.getEntity(type, id);
    return e.isOk() && e->has_value() && !(*e)->deleted;
  };
  ctx.findMeter = [&tx](const std::string& id) -> std::optional<secap::v1::Meter> {
    auto e = tx.getEntity(EntityType::kMeter, id);
    if (!e.isOk() || !e->has_value() || (*e)->deleted) return std::nullopt;
    return (*e)->entity.meter();
  };

  for (const Change& change : request.changes()) {
    ChangeResult& result = *response.add_results();
    result.set_change_id(change.change_id());

    auto seen = tx.findChange(change.change_id());
    if (!seen.isOk()) return seen.status();
    if (seen->has_value()) {
      result.set_outcome(secap::v1::DUPLICATE);
      result.set_server_seq((*seen)->serverSeq);
      result.set_canonical_entity_id((*seen)->canonicalEntityId);
      continue;
    }
    if (auto rejection = core::validateChange(change, ctx)) {
      setRejected(result, rejection->reasonCode, rejection->message);
      continue;
    }
    const EntityType type = core::entityTypeOf(change);
    auto municipality = municipalityOf(tx, change);
    if (!municipality.isOk()) return municipality.status();
    if (!mayWrite(writer, type, *municipality)) {
      setRejected(result, "auth.forbidden", "this device may not change this record");
      continue;
    }

    auto existing = tx.getEntity(type, change.entity_id());
    if (!existing.isOk()) return existing.status();

    if (type == EntityType::kReading) {
      const auto& r = change.reading();
      // Same id, or the same meter, time and value: one reading, not two.
      std::optional<std::pair<std::string, int64_t>> canonical;
      if (existing->has_value()) {
        canonical = std::make_pair((*existing)->id, (*existing)->serverSeq);
      } else {
        auto byContent = tx.findReadingByContent(r.meter_id(), r.taken_at(), r.value());
        if (!byContent.isOk()) return byContent.status();
        canonical = *byContent;
      }
      if (canonical) {
        result.set_outcome(secap::v1::DUPLICATE);
        result.set_server_seq(canonical->second);
        result.set_canonical_entity_id(canonical->first);
        SECAP_RETURN_IF_ERROR(tx.rememberChange(
            change.change_id(), {secap::v1::DUPLICATE, canonical->second, canonical->first}));
        continue;
      }
    }

    Change stored = change;
    stored.set_origin_device_id(writer.deviceId);
    stored.set_received_at_ms(nowMs);
    if (type == EntityType::kReading) stored.mutable_reading()->clear_quality_flags();
    auto seq = tx.appendChange(stored, *municipality);
    if (!seq.isOk()) return seq.status();

    // Last writer wins by (hlc, origin). Per-field merging replaces this
    // whole-record rule in the sync-model issue.
    const bool wins = !existing->has_value() || (*existing)->hlc < change.hlc() ||
                      ((*existing)->hlc == change.hlc() && (*existing)->originDeviceId < writer.deviceId);
    if (wins) {
      StoredEntity e;
      e.type = type;
      e.id = change.entity_id();
      e.municipalityId = *municipality;
      e.parentId = core::parentIdOf(change);
      e.hlc = change.hlc();
      e.originDeviceId = writer.deviceId;
      e.deleted = change.deleted();
      e.serverSeq = *seq;
      e.entity = stored;
      SECAP_RETURN_IF_ERROR(tx.putEntity(e));
    }
    SECAP_RETURN_IF_ERROR(tx.rememberChange(change.change_id(), {secap::v1::ACCEPTED, *seq, ""}));
    result.set_outcome(secap::v1::ACCEPTED);
    result.set_server_seq(*seq);
  }
  SECAP_RETURN_IF_ERROR(tx.commit());
  response.set_server_time_ms(nowMs);
  return response;
}

}  // namespace secap::server
