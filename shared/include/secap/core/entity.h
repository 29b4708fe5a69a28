#pragma once
// What kind of record a Change carries, and the structural facts the sync
// code needs about each kind (DESIGN.md §3): its parent, whether it is
// append-only, and how its entity message is stored. One table in entity.cpp
// maps each EntityType to its field of the Change oneof; the rest is protobuf
// reflection over that field. Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "secap/v1/sync.pb.h"

namespace secap::core {

// Numbers are stored in databases: append new ones, never renumber.
enum class EntityType : int {
  kUnknown = 0,
  kMunicipality = 1,
  kSite = 2,
  kMeter = 3,
  kReading = 4,
  kReadingReview = 5,
  kMeasure = 6,
  kProgressUpdate = 7,
  kInspection = 8,
  kInspectionTemplate = 9,
  kAttachment = 10,
  kActivityData = 11,
  kPerson = 12,
  kEmissionFactor = 13,
  kDegreeDays = 14,
  kMunicipalityYear = 15,
  kPublishedInventory = 16,
};

// Every known type, in dependency order (a parent before its children).
inline constexpr EntityType kAllEntityTypes[] = {
    EntityType::kMunicipality,
    EntityType::kMunicipalityYear,
    EntityType::kPerson,
    EntityType::kEmissionFactor,
    EntityType::kDegreeDays,
    EntityType::kActivityData,
    EntityType::kPublishedInventory,
    EntityType::kSite,
    EntityType::kMeter,
    EntityType::kReading,
    EntityType::kReadingReview,
    EntityType::kMeasure,
    EntityType::kProgressUpdate,
    EntityType::kInspectionTemplate,
    EntityType::kInspection,
    EntityType::kAttachment,
};

// The change-log scope of global records (emission factors, global
// inspection templates): they belong to no municipality, only an admin
// writes them, and every device that pulls must also pull this scope.
inline constexpr const char* kGlobalScope = "global";

EntityType entityTypeOf(const secap::v1::Change& change);
// The snake_case name, as in the Change oneof and Attachment.owner_type
// ("reading_review"); "unknown" for kUnknown.
std::string_view entityTypeName(EntityType type);
// The type of a name from entityTypeName; kUnknown when there is none.
EntityType entityTypeFromName(std::string_view name);

// Append-only kinds only ever add records (DESIGN.md §3): Reading,
// ReadingReview, ProgressUpdate, PublishedInventory (a correction
// supersedes), and Inspection (drafts stay on the device; the server stores
// only submitted, immutable ones).
bool isAppendOnly(EntityType type);

// The id of the record this one hangs under: a site's, measure's, activity
// line's, year's, degree-day row's or template's municipality; a meter's or
// inspection's site; a reading's meter; a review's reading; a progress
// update's measure; an attachment's owner; a person's first role's
// municipality; a local emission factor's or a published inventory's
// municipality. Empty for a municipality, a global emission factor
// (reference data) and a global template.
std::string parentIdOf(const secap::v1::Change& change);
// The top-level field that holds the parent id ("roles" for a person,
// "owner_id" for an attachment); "" when the type has no parent.
std::string_view parentFieldOf(EntityType type);
// The type of the parent record parentIdOf names; kUnknown when none (or,
// for an attachment, when owner_type is not a known type).
EntityType parentTypeOf(const secap::v1::Change& change);

// The change's entity message (the set field of the oneof); nullptr when it
// carries none. Points into `change`.
const google::protobuf::Message* entityMessageOf(const secap::v1::Change& change);
// The entity's own id as stored inside the entity message.
std::string embeddedIdOf(const secap::v1::Change& change);
// A reading's own id is its change's entity_id: the device sends it once
// (DESIGN.md §10, wire size). compactForWire clears `reading.id` when it
// equals entity_id; withEmbeddedId gives the change with it filled in again,
// `sent` itself when nothing is missing, else a copy made in `scratch`.
void compactForWire(secap::v1::Change& change);
const secap::v1::Change& withEmbeddedId(const secap::v1::Change& sent, secap::v1::Change& scratch);
// The change serialised with its server_seq set to `seq`, without copying it
// (the change log's payload; `change` has no seq of its own yet).
std::string serializeWithServerSeq(const secap::v1::Change& change, int64_t seq);
// Serialises only the entity message of a change (the stored row's data).
std::string serializeEntity(const secap::v1::Change& change);
// Restores a change's entity message from stored bytes; false when corrupt.
bool parseEntityInto(EntityType type, std::string_view bytes, secap::v1::Change& change);

}  // namespace secap::core
