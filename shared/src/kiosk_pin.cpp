#include "secap/core/kiosk_pin.h"

#include <sodium.h>

#include <algorithm>

#include "secap/core/ids.h"

namespace secap::core {

namespace {

// libsodium's "interactive" limits: 64 MiB and 2 passes, well under a second
// on a wall tablet, and enough to make trying every 4-digit PIN against a
// stolen hash cost hours rather than milliseconds.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

}  // namespace

Status checkKioskPin(std::string_view pin) {
  const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || pin.size() < static_cast<size_t>(kMinPinDigits) || pin.size() > static_cast<size_t>(kMaxPinDigits))
    return invalidArgument("a kiosk PIN is " + std::to_string(kMinPinDigits) + " to " + std::to_string(kMaxPinDigits) +
                           " digits");
  return Status::ok();
}

Result<std::string> hashKioskPin(std::string_view pin) {
  SECAP_RETURN_IF_ERROR(checkKioskPin(pin));
  (void)randomHex(1);  // makes sure libsodium is initialised
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), kOpsLimit, kMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status(StatusCode::kResourceExhausted, "not enough memory to hash the PIN");
  return std::string(out);
}

bool verifyKioskPin(std::string_view encodedHash, std::string_view pin) {
  if (encodedHash.empty() || encodedHash.size() >= crypto_pwhash_STRBYTES) return false;
  (void)randomHex(1);
  const std::string hash(encodedHash);  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace secap::core
