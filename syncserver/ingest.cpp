#include "ingest.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "rollups.h"
#include "scope.h"
#include "secap/core/entity.h"
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

// The batch's view of stored parents (municipalities, sites, meters,
// measures, ...): a thousand readings of one meter look it up once, not a
// thousand times. The batch's own writes update the cache; a reading written
// is only dropped from it (a review or attachment looks it up afresh).
class ParentCache {
 public:
  explicit ParentCache(WriteTx& tx) : m_tx(tx) {}

  Result<const StoredEntity*> get(EntityType type, const std::string& id) {
    const auto key = std::make_pair(type, id);
    if (auto it = m_cache.find(key); it != m_cache.end()) return it->second ? &*it->second : nullptr;
    auto e = m_tx.getEntity(type, id);
    if (!e.isOk()) return e.status();
    auto& slot = m_cache[key];
    slot = std::move(*e);
    return slot ? &*slot : nullptr;
  }
  void put(const StoredEntity& e) {
    if (e.type == EntityType::kReading)
      m_cache.erase({e.type, e.id});
    else
      m_cache[{e.type, e.id}] = e;
  }

 private:
  WriteTx& m_tx;
  std::map<std::pair<EntityType, std::string>, std::optional<StoredEntity>> m_cache;
};

// Each meter's recent readings, loaded once per batch and kept up to date as
// the batch adds readings, for the quality flags.
class HistoryCache {
 public:
  static constexpr int kDepth = 400;  // covers a year of daily readings
  explicit HistoryCache(WriteTx& tx) : m_tx(tx) {}

  Result<std::vector<core::ReadingPoint>*> of(const std::string& meterId) {
    auto it = m_cache.find(meterId);
    if (it == m_cache.end()) {
      auto loaded = m_tx.recentReadings(meterId, kDepth);
      if (!loaded.isOk()) return loaded.status();
      it = m_cache.emplace(meterId, std::move(loaded).value()).first;
    }
    return &it->second;
  }
  void add(const secap::v1::Reading& r) {
    auto it = m_cache.find(r.meter_id());
    if (it == m_cache.end()) return;
    auto& v = it->second;
    const core::ReadingPoint p{r.taken_at(), r.value(), r.has_period_start() ? r.period_start() : 0};
    v.insert(std::upper_bound(v.begin(), v.end(), p.takenAt,
                              [](int64_t at, const core::ReadingPoint& q) { return at < q.takenAt; }),
             p);
  }

 private:
  WriteTx& m_tx;
  std::map<std::string, std::vector<core::ReadingPoint>> m_cache;
};

// Which municipality a record belongs to: through the parent the change
// names (a review → its reading → meter → site → municipality), or, for an
// edit that does not touch the parent, the stored record's. Global reference
// data (emission factors, templates without a municipality) is in
// core::kGlobalScope. Empty when a new record names no parent.
Result<std::string> municipalityOf(ParentCache& parents, const Change& change, const StoredEntity* existing) {
  const EntityType type = core::entityTypeOf(change);
  if (type == EntityType::kMunicipality) return change.municipality().id();
  const auto parentField = core::parentFieldOf(type);
  const bool parentWritten =
      !parentField.empty() && core::fieldMaskIsValid(change) && core::writesField(change, parentField);
  const std::string parentId = parentWritten ? core::parentIdOf(change) : std::string();
  // Emission factors and templates without a municipality are global.
  const bool mayBeGlobal = type == EntityType::kEmissionFactor || type == EntityType::kInspectionTemplate;
  if (parentId.empty()) {
    if (mayBeGlobal && parentWritten) return std::string(core::kGlobalScope);
    if (existing) return existing->municipalityId;
    if (type == EntityType::kEmissionFactor) return std::string(core::kGlobalScope);
    return std::string();
  }
  const EntityType parentType = core::parentTypeOf(change);
  if (parentType == EntityType::kMunicipality) return parentId;
  auto parent = parents.get(parentType, parentId);
  if (!parent.isOk()) return parent.status();
  return *parent ? (*parent)->municipalityId : std::string();
}

// Does a field device's change create the new meter of a meter exchange: a
// new meter that replaces a stored meter of the same municipality?
Result<bool> isMeterExchange(ParentCache& parents, const Change& change, const StoredEntity* current,
                             const std::string& municipalityId) {
  if (current || change.meter().replaces_meter_id().empty()) return false;
  auto replaced = parents.get(EntityType::kMeter, change.meter().replaces_meter_id());
  if (!replaced.isOk()) return replaced.status();
  return *replaced && !(*replaced)->deleted && (*replaced)->municipalityId == municipalityId;
}

// A coordinator manages persons of its own municipality only, and never
// grants admin: every role, before and after, must be in its municipality.
bool coordinatorMayWritePerson(const Writer& w, const Change& change, const StoredEntity* current) {
  auto allOwn = [&](const secap::v1::Person& p) {
    return std::all_of(p.roles().begin(), p.roles().end(), [&](const secap::v1::RoleGrant& g) {
      return w.roleIn(g.municipality_id()) == "coordinator" && g.role() != "admin";
    });
  };
  return allOwn(change.person()) && (!current || allOwn(current->entity.person()));
}

// The role × entity rule of DESIGN.md §8 for writes. Global records are the
// admin's alone.
Result<bool> mayWrite(ParentCache& parents, const Writer& w, const Change& change, const StoredEntity* current,
                      const std::string& municipalityId) {
  if (w.isAdmin()) return true;
  if (municipalityId == core::kGlobalScope) return false;
  const std::string role = w.roleIn(municipalityId);
  const EntityType type = core::entityTypeOf(change);
  if (role == "coordinator") return type != EntityType::kPerson || coordinatorMayWritePerson(w, change, current);
  if (role == "field") {
    switch (type) {
      case EntityType::kReading:
      case EntityType::kProgressUpdate:
      case EntityType::kInspection:
        return true;
      case EntityType::kAttachment: {
        // Field staff add evidence; publishing, redacting and deleting it is
        // a coordinator's decision.
        const auto& a = change.attachment();
        return !current && !change.deleted() && !a.publishable() && !a.redacted();
      }
      case EntityType::kMeter:
        return isMeterExchange(parents, change, current, municipalityId);
      default:
        return false;  // Measures (the header), reviews, sites, templates, persons...
    }
  }
  if (role == "kiosk") {
    // Readings only, and only for the meters of its bound sites (DESIGN.md §8).
    if (type != EntityType::kReading) return false;
    if (w.kioskSites.empty()) return true;
    auto meter = parents.get(EntityType::kMeter, change.reading().meter_id());
    if (!meter.isOk()) return meter.status();
    return *meter && std::find(w.kioskSites.begin(), w.kioskSites.end(), (*meter)->entity.meter().site_id()) !=
                         w.kioskSites.end();
  }
  return false;
}

}  // namespace

bool Writer::isAdmin() const {
  return std::any_of(roles.begin(), roles.end(), [](const auto& r) { return r.second == "admin"; });
}

std::string Writer::roleIn(const std::string& municipalityId) const {
  auto it = roles.find(municipalityId);
  return it == roles.end() ? std::string() : it->second;
}

Writer serverWriter() { return Writer{kServerOriginId, {{core::kGlobalScope, "admin"}}}; }

namespace {

Result<secap::v1::PushResponse> applyPushOnce(Store& store, const Writer& writer, const secap::v1::PushRequest& request,
                                              int64_t nowMs, const PushOptions& options) {
  secap::v1::PushResponse response;
  WriteScope scope;
  if (!writer.isAdmin())
    for (const auto& [municipality, role] : writer.roles) scope.municipalities.push_back(municipality);
  auto txr = store.beginWrite(scope);
  if (!txr.isOk()) return txr.status();
  WriteTx& tx = **txr;
  SECAP_RETURN_IF_ERROR(tx.prefetch(request));
  ParentCache parents(tx);
  HistoryCache history(tx);
  RollupKeeper rollups(tx);
  std::chrono::duration<double> rollupTime{0};

  core::ValidationContext ctx;
  ctx.nowMs = nowMs;
  ctx.exists = [&parents](EntityType type, const std::string& id) {
    auto e = parents.get(type, id);
    return e.isOk() && *e && !(*e)->deleted;
  };
  ctx.findMeter = [&parents](const std::string& id) -> std::optional<secap::v1::Meter> {
    auto e = parents.get(EntityType::kMeter, id);
    if (!e.isOk() || !*e || (*e)->deleted) return std::nullopt;
    return (*e)->entity.meter();
  };
  ctx.findStored = [&tx](EntityType type, const std::string& id) -> std::optional<Change> {
    auto e = tx.getEntity(type, id);
    if (!e.isOk() || !*e) return std::nullopt;
    Change c = (*e)->entity;
    c.set_deleted((*e)->deleted);
    return c;
  };

  Change expanded;
  for (const Change& sent : request.changes()) {
    // A device sends a reading's id once, as entity_id (compactForWire).
    const Change& change = core::withEmbeddedId(sent, expanded);
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
    auto existing = tx.getEntity(type, change.entity_id());
    if (!existing.isOk()) return existing.status();
    const StoredEntity* current = existing->has_value() ? &**existing : nullptr;
    auto municipality = municipalityOf(parents, change, current);
    if (!municipality.isOk()) return municipality.status();
    if (municipality->empty()) {
      setRejected(result, "change.incomplete", "a new record must name its parent");
      continue;
    }
    // Moving a record needs the right to write in both places.
    auto allowed = mayWrite(parents, writer, change, current, *municipality);
    if (!allowed.isOk()) return allowed.status();
    if (*allowed && current && current->municipalityId != *municipality) {
      allowed = mayWrite(parents, writer, change, current, current->municipalityId);
      if (!allowed.isOk()) return allowed.status();
    }
    if (!*allowed) {
      setRejected(result, "auth.forbidden", "this device may not change this record");
      continue;
    }

    if (core::isAppendOnly(type) && type != EntityType::kReading && current) {
      // The same append-only record again under another change_id: one record.
      result.set_outcome(secap::v1::DUPLICATE);
      result.set_server_seq(current->serverSeq);
      result.set_canonical_entity_id(current->id);
      SECAP_RETURN_IF_ERROR(
          tx.rememberChange(change.change_id(), {secap::v1::DUPLICATE, current->serverSeq, current->id}));
      continue;
    }
    if (type == EntityType::kReading) {
      const auto& r = change.reading();
      // Same id, or the same meter, time and value: one reading, not two.
      std::optional<std::pair<std::string, int64_t>> canonical;
      if (current) {
        canonical = std::make_pair(current->id, current->serverSeq);
      } else {
        auto byContent = tx.findReadingByContent(r.meter_id(), r.taken_at(), r.value());
        if (!byContent.isOk()) return byContent.status();
        canonical = *byContent;
      }
      if (canonical) {
        result.set_outcome(secap::v1::DUPLICATE);
        result.set_server_seq(canonical->second);
        result.set_canonical_entity_id(canonical->first);
        SECAP_RETURN_IF_ERROR(
            tx.rememberChange(change.change_id(), {secap::v1::DUPLICATE, canonical->second, canonical->first}));
        continue;
      }
    }

    // From here on `stored` is the change (with what the server sets); a
    // copy made to fill in a reading's id is moved, not copied again.
    Change stored = &change == &expanded ? std::move(expanded) : change;
    stored.set_origin_device_id(writer.deviceId);
    stored.set_received_at_ms(nowMs);
    if (type == EntityType::kReading) {
      // The server's flags are final; whatever the device sent is replaced.
      auto* r = stored.mutable_reading();
      r->clear_quality_flags();
      auto meter = parents.get(EntityType::kMeter, r->meter_id());
      if (!meter.isOk()) return meter.status();
      auto points = history.of(r->meter_id());
      if (!points.isOk()) return points.status();
      for (auto& f : core::readingFlags((*meter)->entity.meter(), *r, **points)) {
        result.add_flags(f);
        r->add_quality_flags(std::move(f));
      }
      history.add(*r);
    }
    auto seq = tx.appendChange(stored, *municipality);
    if (!seq.isOk()) return seq.status();

    // Mutable records merge per field by (hlc, origin); append-only ones are
    // new here (an existing id was a duplicate above).
    core::MergedRecord record;
    if (current) {
      record.entity = current->entity;
      record.stamps = current->stamps;
      record.deleted = current->deleted;
    }
    const bool appendOnly = core::isAppendOnly(type);
    if (appendOnly) record.entity = stored;
    const auto changedFields =
        appendOnly ? std::vector<std::string>{} : core::mergeChange(record, stored, writer.deviceId);
    // A record that existed entered or left what kiosks see (scope.h): they
    // resync, so the tablet also drops what it may no longer hold.
    if (current && changesKioskView(stored, changedFields)) {
      SECAP_RETURN_IF_ERROR(tx.markKiosksForResync(*municipality));
      if (current->municipalityId != *municipality)
        SECAP_RETURN_IF_ERROR(tx.markKiosksForResync(current->municipalityId));
    }
    if (appendOnly || !changedFields.empty()) {
      StoredEntity e;
      e.type = type;
      e.id = stored.entity_id();
      e.municipalityId = *municipality;
      e.parentId = core::parentIdOf(record.entity);
      e.hlc = std::max(stored.hlc(), current ? current->hlc : 0);
      e.originDeviceId = current && current->hlc > stored.hlc() ? current->originDeviceId : writer.deviceId;
      e.deleted = record.deleted;
      e.serverSeq = *seq;
      e.stamps = std::move(record.stamps);
      e.entity = std::move(record.entity);
      SECAP_RETURN_IF_ERROR(tx.putEntity(e));
      if (options.rollups) {
        const auto began = std::chrono::steady_clock::now();
        SECAP_RETURN_IF_ERROR(rollups.noteAccepted(stored, e, current));
        rollupTime += std::chrono::steady_clock::now() - began;
      }
      parents.put(e);
    }
    SECAP_RETURN_IF_ERROR(tx.rememberChange(stored.change_id(), {secap::v1::ACCEPTED, *seq, ""}));
    result.set_outcome(secap::v1::ACCEPTED);
    result.set_server_seq(*seq);
  }
  if (options.allOrNothing) {
    std::string refused;
    for (const auto& r : response.results())
      if (r.outcome() == secap::v1::REJECTED)
        refused += (refused.empty() ? "" : "; ") + r.message() + " (" + r.reason_code() + ")";
    // The transaction rolls back unless committed: nothing is written.
    if (!refused.empty()) {
      if (options.verdicts) *options.verdicts = response;
      return core::failedPrecondition("nothing was saved: " + refused);
    }
  }
  const auto flushBegan = std::chrono::steady_clock::now();
  SECAP_RETURN_IF_ERROR(rollups.flush());
  rollupTime += std::chrono::steady_clock::now() - flushBegan;
  SECAP_RETURN_IF_ERROR(tx.commit());
  if (options.rollupSeconds) *options.rollupSeconds += rollupTime.count();
  response.set_server_time_ms(nowMs);
  return response;
}

}  // namespace

Result<secap::v1::PushResponse> applyPush(Store& store, const Writer& writer, const secap::v1::PushRequest& request,
                                          int64_t nowMs, const PushOptions& options) {
  // A conflict with a concurrent writer (another instance) rolls the whole
  // batch back; nothing was acknowledged, so it is simply applied again.
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    auto response = applyPushOnce(store, writer, request, nowMs, options);
    if (response.isOk() || response.status().code() != core::StatusCode::kAborted || attempt == kAttempts)
      return response;
  }
}

}  // namespace secap::server
