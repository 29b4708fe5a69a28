#pragma once
// Secrets people type (a web user's password, a caretaker's kiosk PIN) are
// stored only as argon2id hashes made by libsodium (DESIGN.md §8). One place
// hashes and verifies them, on the device (kiosk PINs, offline) and on the
// server (PINs and web passwords).

#include <string>
#include <string_view>

#include "secap/core/status.h"

namespace secap::core {

// An argon2id encoded hash ("$argon2id$v=19$m=...") of `secret` with a fresh
// random salt, at libsodium's "interactive" limits (64 MiB, 2 passes: well
// under a second on a wall tablet). kResourceExhausted without the memory.
Result<std::string> hashSecret(std::string_view secret);

// True when `secret` matches `encodedHash`; false for a wrong secret and for
// an empty or malformed hash.
bool verifySecret(std::string_view encodedHash, std::string_view secret);

// Web users' passwords: 10 to 256 characters (NIST SP 800-63B: length, not
// composition rules). kInvalidArgument with the reason otherwise.
inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordChars = 256;
Status checkPassword(std::string_view password);

}  // namespace secap::core
