#pragma once
// Per-field last-writer-wins merging of mutable records (DESIGN.md §4
// "Conflicts"). Every top-level field of a stored record has its own stamp
// (hlc, origin_device_id); a change wins a field when its stamp is greater.
// The tombstone is one more field, "deleted": a delete has its own stamp, and
// a later edit does not undelete; only a change that names "deleted" in its
// mask with deleted=false does.
//
// Field masks name top-level fields of the entity message. An empty mask
// means every field except "deleted" (or, on a delete, only "deleted"); a repeated field is replaced whole; a
// field in the mask but unset in the message is cleared.
//
// The same code runs on the server (the stored state) and on the device
// (pulled changes). Pure functions over values; thread-safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secap/core/hlc.h"
#include "secap/v1/sync.pb.h"

namespace secap::core {

inline constexpr const char* kDeletedField = "deleted";

struct FieldStamp {
  HlcValue hlc = 0;
  std::string origin;
  friend bool operator<(const FieldStamp& a, const FieldStamp& b) {
    return a.hlc != b.hlc ? a.hlc < b.hlc : a.origin < b.origin;
  }
  friend bool operator==(const FieldStamp& a, const FieldStamp& b) = default;
};

using FieldStamps = std::map<std::string, FieldStamp>;

// A mutable record as stored: its entity (the oneof of a Change), per-field
// stamps, and the tombstone.
struct MergedRecord {
  secap::v1::Change entity;  // only the oneof entity is meaningful
  FieldStamps stamps;
  bool deleted = false;
};

// The field names a change writes: its mask, or every field of the entity
// message (the id excluded) when the mask is empty; plus "deleted" when the
// change deletes or names it. nullopt when the mask names a field the entity
// does not have.
std::optional<std::vector<std::string>> fieldsWritten(const secap::v1::Change& change);
// The same questions without building the list (ingest asks them of every
// change): whether the mask names only fields the entity has (what makes
// fieldsWritten nullopt), and whether `field` is among those written.
bool fieldMaskIsValid(const secap::v1::Change& change);
bool writesField(const secap::v1::Change& change, std::string_view field);

// Merges `change`, written by `origin`, into `record`. Fields whose stamp is
// not greater than the record's are left alone. Returns the fields that
// changed. `change` must carry the same entity type as `record` (or `record`
// must be empty).
std::vector<std::string> mergeChange(MergedRecord& record, const secap::v1::Change& change, std::string_view origin);

// The record as changes, one per group of fields that share a stamp (for a
// full resync). Each carries its fields' mask, hlc and origin_device_id.
std::vector<secap::v1::Change> recordAsChanges(const MergedRecord& record, const std::string& entityId);

// A compact, stable encoding of stamps for storage.
std::string encodeStamps(const FieldStamps& stamps);
std::optional<FieldStamps> decodeStamps(std::string_view bytes);

}  // namespace secap::core
