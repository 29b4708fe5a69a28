#pragma once
// Enrollment codes: random, single use, expiring, stored hashed (DESIGN.md
// §8). A code is 15 Crockford base32 characters (75 bits) shown in groups of
// five, easy to read aloud and to type on a phone. Thread-safe.

#include <string>
#include <string_view>

#include "secap/core/clock.h"
#include "store.h"

namespace secap::server {

std::string newEnrollmentCode();
// Upper-cases and drops spaces and dashes; reads O as 0 and I, L as 1.
std::string normalizeEnrollmentCode(std::string_view code);

// Creates a code for a municipality and role, stores its hash, and returns
// the code itself (shown once). `kioskSites`, for a kiosk code only, binds
// the device to those sites from its enrollment on (DESIGN.md §4).
Result<std::string> issueEnrollmentCode(Store& store, const std::string& municipalityId, const std::string& role,
                                        const core::Clock& clock, int64_t lifetimeMs,
                                        const std::vector<std::string>& kioskSites = {});

// kInvalidArgument unless every one of `sites` is a site of one of the
// municipalities (what a kiosk may be bound to).
Status checkKioskSites(Store& store, const std::vector<std::string>& municipalityIds,
                       const std::vector<std::string>& sites);

bool isKnownRole(std::string_view role);

// Finds a municipality by its id or its exact name.
Result<StoredEntity> findMunicipality(Store& store, const std::string& idOrName);

}  // namespace secap::server
