// What a user pastes or a camera reads as an enrollment code or
// secap://enroll link (enroll_uri.h): any text gets an invite or a clear
// error, and an invite built again from what was parsed parses the same.

#include <cstdint>
#include <string_view>

#include "secap/core/enroll_uri.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto invite = secap::core::parseEnrollmentInput(text);
  if (!invite.isOk() || invite->server.empty()) return 0;  // a bare code has no URI of its own
  auto again = secap::core::parseEnrollmentInput(secap::core::buildEnrollUri(*invite));
  if (!again.isOk() || again->code != invite->code) std::abort();
  return 0;
}
