#pragma once
// Validation of a change, one implementation for the device (at entry) and
// the server (the final word). It rejects only what is malformed,
// unauthorised or physically impossible (DESIGN.md §4 "Validation"); the
// reason codes are stable strings listed in docs/PROTOCOL.md. Pure functions;
// the lookups are callbacks so each side uses its own store. Thread-safe as
// long as the callbacks are.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "secap/core/entity.h"
#include "secap/v1/sync.pb.h"

namespace secap::core {

// The server rejects an hlc more than this far ahead of its clock.
constexpr int64_t kMaxClockSkewMs = 5 * 60 * 1000;
// A reading may be this far ahead of "now" (phones round, clocks drift).
constexpr int64_t kReadingFutureToleranceMs = 5 * 60 * 1000;
// Longest free-text field accepted, in bytes (notes, descriptions, answers).
constexpr size_t kMaxTextBytes = 4000;
// Longest id (`id`, `*_id`, `*_ids`): UUIDs are 36, reference keys shorter.
constexpr size_t kMaxIdBytes = 64;
// Longest name-like field (names, titles, serials, people): one line.
constexpr size_t kMaxNameBytes = 200;
// The limit of a string field by its proto name (docs/PROTOCOL.md, field.too_long).
size_t maxTextBytesOf(std::string_view fieldName);

struct Rejection {
  std::string reasonCode;  // e.g. "reading.unknown_meter"
  std::string message;     // English, for logs and the API
};

struct ValidationContext {
  int64_t nowMs = 0;
  // Does the referenced parent exist (and is it visible to the writer)?
  std::function<bool(EntityType parentType, const std::string& id)> exists;
  // The meter a reading refers to, when it exists.
  std::function<std::optional<secap::v1::Meter>(const std::string& meterId)> findMeter;
  // The stored copy of the record a change writes, when there is one (the
  // server sets it; it guards submitted inspections and attachment content).
  // Unset: the record is taken as new.
  std::function<std::optional<secap::v1::Change>(EntityType type, const std::string& id)> findStored;
};

// The roles a RoleGrant may name (DESIGN.md §8).
bool isKnownRole(const std::string& role);

// Structural checks and impossible values. Returns the first problem found.
std::optional<Rejection> validateChange(const secap::v1::Change& change, const ValidationContext& ctx);

}  // namespace secap::core
