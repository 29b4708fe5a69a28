#pragma once
// What kind of record a Change carries, and the structural facts the sync
// code needs about each kind: its parent, and whether it is append-only.
// Pure functions over generated protobuf types; thread-safe.

#include <string>
#include <string_view>

#include "secap/v1/sync.pb.h"

namespace secap::core {

// Numbers are stored in databases: never renumber.
enum class EntityType : int {
  kUnknown = 0,
  kMunicipality = 1,
  kSite = 2,
  kMeter = 3,
  kReading = 4,
};

EntityType entityTypeOf(const secap::v1::Change& change);
std::string_view entityTypeName(EntityType type);
// Append-only kinds only ever add records (DESIGN.md §3).
bool isAppendOnly(EntityType type);
// The id of the record this one belongs to: a site's municipality, a meter's
// site, a reading's meter. Empty for a municipality.
std::string parentIdOf(const secap::v1::Change& change);
// The name of the field that holds the parent id ("" for a municipality).
std::string_view parentFieldOf(EntityType type);
// The entity's own id as stored inside the entity message.
std::string embeddedIdOf(const secap::v1::Change& change);
// Serialises only the entity message of a change (the stored row's data).
std::string serializeEntity(const secap::v1::Change& change);
// Restores a change's entity message from stored bytes; false when corrupt.
bool parseEntityInto(EntityType type, std::string_view bytes, secap::v1::Change& change);

}  // namespace secap::core
