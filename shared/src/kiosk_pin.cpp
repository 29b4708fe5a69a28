#include "secap/core/kiosk_pin.h"

#include <algorithm>

#include "secap/core/passwords.h"

namespace secap::core {

Status checkKioskPin(std::string_view pin) {
  const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || pin.size() < static_cast<size_t>(kMinPinDigits) || pin.size() > static_cast<size_t>(kMaxPinDigits))
    return invalidArgument("a kiosk PIN is " + std::to_string(kMinPinDigits) + " to " + std::to_string(kMaxPinDigits) +
                           " digits");
  return Status::ok();
}

Result<std::string> hashKioskPin(std::string_view pin) {
  SECAP_RETURN_IF_ERROR(checkKioskPin(pin));
  return hashSecret(pin);
}

bool verifyKioskPin(std::string_view encodedHash, std::string_view pin) { return verifySecret(encodedHash, pin); }

}  // namespace secap::core
