#pragma once
// UUIDv7 identifiers (RFC 9562) as lowercase canonical strings, and random
// secrets. Ids sort by creation time. Within one millisecond a process-wide
// 12-bit counter (rand_a, RFC 9562 method 1) keeps them strictly increasing.
// Thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "secap/core/clock.h"
#include "secap/core/status.h"

namespace secap::core {

// A new UUIDv7 whose timestamp comes from `clock`.
std::string newUuidV7(const Clock& clock = SystemClock::instance());

// True for a canonical lowercase UUID string (any version).
bool isCanonicalUuid(std::string_view s);

// The millisecond timestamp of a UUIDv7, or -1 when `s` is not one.
int64_t uuidV7TimestampMs(std::string_view s);

// `bytes` cryptographically random bytes, hex encoded (libsodium).
std::string randomHex(size_t bytes);

// Lowercase hex SHA-256 of `data` (libsodium).
std::string sha256Hex(std::string_view data);

// The SHA-256 (lowercase hex) and size of a file, read in 64 KiB pieces.
// kNotFound when it cannot be opened, kDataLoss when it cannot be read to
// the end.
struct FileDigest {
  std::string sha256;
  int64_t size = 0;
};
Result<FileDigest> sha256OfFile(const std::string& path);

}  // namespace secap::core
