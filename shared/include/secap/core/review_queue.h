#pragma once
// The review queue (DESIGN.md §4 "Validation"): the readings the server
// flagged (quality_flags) that no ReadingReview has decided on yet, each with
// its meter and the meter's readings either side, for the coordinator to
// decide. One rule for the device and the server: a reading a correction
// superseded, or whose meter is gone, is not in the queue.
//
// Pure function over values; thread-safe.

#include <span>
#include <vector>

#include "secap/v1/entities.pb.h"
#include "secap/v1/monitoring.pb.h"

namespace secap::core {

struct ReviewQueueResult {
  std::vector<secap::v1::QueuedReading> pending;  // oldest first
  int decided = 0;                                // flagged readings with a decision
};

// Inspections that asked for a follow-up (INSPECTION_OUTCOME_FOLLOW_UP_NEEDED)
// and that no later submitted inspection answers yet: one that amends it, or
// any later one of the same measure (of the same site when it has no
// measure). Oldest first.
std::vector<secap::v1::FollowUp> pendingFollowUps(std::span<const secap::v1::Site> sites,
                                                  std::span<const secap::v1::Measure> measures,
                                                  std::span<const secap::v1::Inspection> inspections);

ReviewQueueResult reviewQueue(std::span<const secap::v1::Site> sites, std::span<const secap::v1::Meter> meters,
                              std::span<const secap::v1::Reading> readings,
                              std::span<const secap::v1::ReadingReview> reviews);

}  // namespace secap::core
