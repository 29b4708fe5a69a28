#include "review_queue.h"

#include <algorithm>

#include "ingest.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/review_queue.h"

namespace secap::server {
namespace {

using core::EntityType;

// May the caller review in this municipality? (The message names the town.)
core::Status mayReview(const Caller& caller, const std::string& municipalityId, const std::string& name) {
  if (!caller.device) return core::Status(core::StatusCode::kUnauthenticated, "sign in with a bearer token");
  const auto& roles = caller.device->roles;
  const bool admin = std::any_of(roles.begin(), roles.end(), [](const auto& r) { return r.second == "admin"; });
  auto role = roles.find(municipalityId);
  if (admin || (role != roles.end() && role->second == "coordinator")) return core::Status::ok();
  return core::Status(core::StatusCode::kPermissionDenied,
                      "reviewing flagged readings is for the coordinators of " + name);
}

template <typename T, typename Get>
Result<std::vector<T>> listOf(Store& store, EntityType type, const std::string& municipalityId, Get get) {
  auto found = store.entitiesOf(type, municipalityId);
  if (!found.isOk()) return found.status();
  std::vector<T> out;
  out.reserve(found->size());
  for (const auto& e : *found) out.push_back(get(e.entity));
  return out;
}

}  // namespace

Result<secap::v1::ReviewQueue> reviewQueueOf(Store& store, const Caller& caller, const std::string& municipalityId) {
  auto found = store.entitiesOf(EntityType::kMunicipality, municipalityId);
  if (!found.isOk()) return found.status();
  if (found->empty()) {
    if (!caller.device) return core::Status(core::StatusCode::kUnauthenticated, "sign in with a bearer token");
    return core::notFound("there is no municipality " + municipalityId);
  }
  const auto& municipality = found->front().entity.municipality();
  SECAP_RETURN_IF_ERROR(mayReview(caller, municipalityId, municipality.name()));

  auto sites = listOf<secap::v1::Site>(store, EntityType::kSite, municipalityId,
                                       [](const secap::v1::Change& c) { return c.site(); });
  auto meters = listOf<secap::v1::Meter>(store, EntityType::kMeter, municipalityId,
                                         [](const secap::v1::Change& c) { return c.meter(); });
  auto readings = listOf<secap::v1::Reading>(store, EntityType::kReading, municipalityId,
                                             [](const secap::v1::Change& c) { return c.reading(); });
  auto reviews = listOf<secap::v1::ReadingReview>(store, EntityType::kReadingReview, municipalityId,
                                                  [](const secap::v1::Change& c) { return c.reading_review(); });
  auto measures = listOf<secap::v1::Measure>(store, EntityType::kMeasure, municipalityId,
                                             [](const secap::v1::Change& c) { return c.measure(); });
  auto inspections = listOf<secap::v1::Inspection>(store, EntityType::kInspection, municipalityId,
                                                   [](const secap::v1::Change& c) { return c.inspection(); });
  for (const core::Status& st :
       {sites.status(), meters.status(), readings.status(), reviews.status(), measures.status(), inspections.status()})
    if (!st.isOk()) return st;
  auto queue = core::reviewQueue(*sites, *meters, *readings, *reviews);
  secap::v1::ReviewQueue out;
  out.set_municipality_id(municipalityId);
  out.set_name(municipality.name());
  out.set_decided(queue.decided);
  for (auto& q : queue.pending) *out.add_readings() = std::move(q);
  for (auto& f : core::pendingFollowUps(*sites, *measures, *inspections)) *out.add_follow_ups() = std::move(f);
  return out;
}

Result<secap::v1::ReviewReadingResponse> reviewReading(Store& store, const core::Clock& clock, const Caller& caller,
                                                       const secap::v1::ReviewReadingRequest& request) {
  if (!core::isCanonicalUuid(request.reading_id()))
    return core::invalidArgument("reading_id must be a canonical lowercase UUID");
  if (!request.review_id().empty() && !core::isCanonicalUuid(request.review_id()))
    return core::invalidArgument("review_id must be empty or a canonical lowercase UUID");
  if (request.decision() != secap::v1::REVIEW_DECISION_CONFIRMED &&
      request.decision() != secap::v1::REVIEW_DECISION_ERRONEOUS)
    return core::invalidArgument("the decision is REVIEW_DECISION_CONFIRMED or REVIEW_DECISION_ERRONEOUS");
  if (!caller.device) return core::Status(core::StatusCode::kUnauthenticated, "sign in with a bearer token");

  auto reading = store.entity(EntityType::kReading, request.reading_id());
  if (!reading.isOk()) return reading.status();
  if (!*reading || (*reading)->deleted) return core::notFound("there is no reading " + request.reading_id());
  const std::string municipalityId = (*reading)->municipalityId;
  auto town = store.entitiesOf(EntityType::kMunicipality, municipalityId);
  if (!town.isOk()) return town.status();
  SECAP_RETURN_IF_ERROR(
      mayReview(caller, municipalityId, town->empty() ? municipalityId : town->front().entity.municipality().name()));

  const int64_t now = clock.nowMs();
  secap::v1::PushRequest push;
  auto* change = push.add_changes();
  const std::string id = request.review_id().empty() ? core::newUuidV7(clock) : request.review_id();
  change->set_change_id(id);
  change->set_entity_id(id);
  change->set_hlc(core::makeHlc(now, 0));
  auto* review = change->mutable_reading_review();
  review->set_id(id);
  review->set_reading_id(request.reading_id());
  review->set_decision(request.decision());
  review->set_note(request.note());
  review->set_reviewer(caller.device->id);
  review->set_reviewed_at(now);

  const auto& device = *caller.device;
  auto pushed = applyPush(store, Writer{device.id, device.roles, device.sites}, push, now);
  if (!pushed.isOk()) return pushed.status();
  const auto& result = pushed->results(0);
  secap::v1::ReviewReadingResponse out;
  switch (result.outcome()) {
    case secap::v1::ACCEPTED:
      *out.mutable_review() = *review;
      return out;
    case secap::v1::DUPLICATE: {
      // A change_id seen before names no canonical record: ours has the same id.
      const std::string storedId = result.canonical_entity_id().empty() ? id : result.canonical_entity_id();
      auto stored = store.entity(EntityType::kReadingReview, storedId);
      if (!stored.isOk()) return stored.status();
      if (!*stored) return core::invalidArgument("review_id " + id + " is already the id of another record");
      *out.mutable_review() = (*stored)->entity.reading_review();
      out.set_duplicate(true);
      return out;
    }
    default:
      break;
  }
  if (result.reason_code() == "auth.forbidden")
    return core::Status(core::StatusCode::kPermissionDenied, result.message());
  if (result.reason_code() == "review.unknown_reading") return core::notFound(result.message());
  return core::invalidArgument(result.reason_code() + ": " + result.message());
}

}  // namespace secap::server
