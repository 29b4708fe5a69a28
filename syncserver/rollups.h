#pragma once
// Keeping the meters' monthly rollups (rollup.h) up to date at ingest, in the
// transaction of the changes that move them (DESIGN.md §5), and rebuilding
// them from the readings (`secap-syncserver admin rebuild-rollups`, and once
// when a store first gets the rollup tables).
//
// What moves a meter's rollup, and how:
// - a new reading after the meter's chain end: its intervals are added;
// - a late reading, a correction (supersedes_id), a review of one of its
//   readings, a change to the meter (a meter exchange, its multiplier, its
//   site): the meter is recomputed from its readings;
// - new degree days: the municipality's heating meters are recomputed; a new
//   time zone: all its meters; a site that moves to another municipality:
//   its meters.
// Emission factors do not: rollups hold energy, and reports apply the
// factors when they read them, so a changed factor shows at once.
//
// A RollupKeeper belongs to one write transaction and its thread.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "store.h"

namespace secap::server {

class RollupKeeper {
 public:
  explicit RollupKeeper(WriteTx& tx) : m_tx(tx) {}

  // Notes an accepted change: `record` is the stored state after it,
  // `before` the state before (null for a new record).
  Status noteAccepted(const secap::v1::Change& change, const StoredEntity& record, const StoredEntity* before);
  // Brings every noted meter's rollup up to date; call before commit.
  Status flush();

 private:
  struct MeterWork {
    std::vector<core::ReadingRecord> added;
    bool recompute = false;
  };
  Status recomputeMunicipality(const std::string& municipalityId, bool heatingOnly);

  WriteTx& m_tx;
  std::map<std::string, MeterWork> m_meters;
  std::set<std::string> m_newDegreeDays;  // municipalities
  std::set<std::string> m_newTimeZone;    // municipalities
};

// Recomputes one meter's rollup from its readings in `tx`.
Status recomputeMeterRollup(WriteTx& tx, const std::string& meterId);

// Recomputes every meter's rollup, one municipality per transaction;
// returns how many meters. Marks the store's rollups as built.
Result<int> rebuildRollups(Store& store);

// Rebuilds the rollups once, if this store has never built them (an
// upgrade from before rollups). Cheap when they are built.
Status ensureRollups(Store& store);

}  // namespace secap::server
