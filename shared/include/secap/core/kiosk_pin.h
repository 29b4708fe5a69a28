#pragma once
// Kiosk PINs (DESIGN.md §7 kiosk "Enter readings", §8): a caretaker picks
// their name on the wall tablet and types a PIN. Only an argon2id hash of
// the PIN is stored and synced (Person.kiosk_pin_hash), and the tablet
// verifies against it offline. The same code hashes on the server (admin
// kiosk-pin) and verifies on the device.

#include <string>
#include <string_view>

#include "secap/core/status.h"

namespace secap::core {

inline constexpr int kMinPinDigits = 4;
inline constexpr int kMaxPinDigits = 8;

// kInvalidArgument unless the PIN is 4 to 8 digits.
Status checkKioskPin(std::string_view pin);

// An argon2id encoded hash ("$argon2id$v=19$m=...") of a valid PIN, with a
// fresh random salt; sized to take a fraction of a second on a tablet.
Result<std::string> hashKioskPin(std::string_view pin);

// True when `pin` matches `encodedHash`; false for a wrong PIN, an empty or
// malformed hash.
bool verifyKioskPin(std::string_view encodedHash, std::string_view pin);

}  // namespace secap::core
