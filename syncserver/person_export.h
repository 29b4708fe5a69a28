#pragma once
// The data export for one person (DESIGN.md §8 "Personal data"; GDPR art.
// 15): every record that names them, as JSON. A person is named by a Person
// record's id, and records name the person or device that made them:
// readings (recorded_by), reviews (reviewer), progress updates (reported_by),
// inspections (inspector), the attachments of those records, and, when the
// id is a device's, everything that device wrote and the device itself; and
// the audit log entries whose actor or detail names the id. Secrets are left
// out: a kiosk PIN's hash is reported as set or not, a device's token never.
//
// Reads the whole store, municipality by municipality; thread-safe as the
// Store is. The export itself is logged (person.export).

#include <nlohmann/json.hpp>
#include <string>

#include "store.h"

namespace secap::server {

struct PersonExport {
  nlohmann::json document;
  int records = 0;  // records that name the id
  int audit = 0;    // audit entries that name it
};

// kInvalidArgument for an id that is not a canonical UUID; kNotFound when no
// person, device, record or audit entry names it.
Result<PersonExport> exportPerson(Store& store, const std::string& id, int64_t nowMs, const std::string& actor);

}  // namespace secap::server
