#pragma once
// The review queue on the server (DESIGN.md §4 "Validation", issue 13): the
// flagged readings of a municipality awaiting a decision, and a coordinator's
// decision recorded as a ReadingReview. The decision goes through applyPush
// like one pushed from the coordinator's device: the same validation, role
// check, change log, rollup update and sync to devices.
//
// Who may: a device with the coordinator role in the municipality, or an
// admin. Without a token kUnauthenticated; another role kPermissionDenied; an
// unknown municipality or reading kNotFound.
//
// Thread-safe: the Store is.

#include <string>

#include "http_handler.h"
#include "secap/core/clock.h"
#include "secap/v1/monitoring.pb.h"
#include "store.h"

namespace secap::server {

Result<secap::v1::ReviewQueue> reviewQueueOf(Store& store, const Caller& caller, const std::string& municipalityId);

Result<secap::v1::ReviewReadingResponse> reviewReading(Store& store, const core::Clock& clock, const Caller& caller,
                                                       const secap::v1::ReviewReadingRequest& request);

}  // namespace secap::server
