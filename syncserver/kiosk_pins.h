#pragma once
// Kiosk PINs, set by a coordinator or admin (`secap-syncserver admin
// kiosk-pin`): a caretaker gets a Person record with an argon2id hash of
// their PIN and the sites where they may enter readings at a wall tablet.
// The record is written through the normal ingest path as the server, so it
// is validated, logged and synced like any other change; kiosks of those
// sites then pull it (scope.h) and verify the PIN offline.

#include <string>
#include <vector>

#include "secap/core/clock.h"
#include "store.h"

namespace secap::server {

struct KioskPinRequest {
  std::string municipalityId;
  std::string personId;            // empty: a new person, a caretaker (field role)
  std::string displayName;         // required for a new person; renames an existing one
  std::vector<std::string> sites;  // the sites of the municipality where the PIN works
  std::string pin;                 // 4 to 8 digits; ignored with clear
  bool clear = false;              // take the PIN away (the person stays)
};

// Sets, changes or clears a person's kiosk PIN and sites; returns the
// person's id. Audited as person.kiosk_pin (never with the PIN).
Result<std::string> setKioskPin(Store& store, const KioskPinRequest& request, const core::Clock& clock,
                                const std::string& actor);

}  // namespace secap::server
