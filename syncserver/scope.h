#pragma once
// Scope: what a device may pull (DESIGN.md §4 "Scopes", §8 "Roles"). The one
// owner of these rules; the Pull handler, the full resync and ingest (which
// must tell when a kiosk's scope moved) all ask here.
//
// - Admin: every municipality.
// - Coordinator and field: every record of the municipalities where they
//   hold the role.
// - Kiosk, per municipality where the device is a kiosk: the municipality
//   record, its measures and progress updates, degree days and yearly
//   figures; its bound sites (every site while it is bound to none) with
//   their meters and readings; the persons who hold a kiosk PIN for those
//   sites, without their roles; and the attachments a coordinator marked
//   publishable. No inspections, reviews, templates or activity data.
// - Partner: no raw pull at all (refused in authorize).
// - Everyone also gets the global reference data (core::kGlobalScope).
//
// Kiosk membership is judged on each record's current state. When a change
// moves a record into or out of a kiosk's view (a PIN set or withdrawn, a
// photo published or redacted, a meter moved, a record deleted), ingest
// marks the municipality's kiosks for a full resync (changesKioskView), so
// what left the view is also removed from the tablet.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "secap/v1/sync.pb.h"
#include "store.h"

namespace secap::server {

// The municipalities a device pulls: every one it holds a role in (all of
// them for an admin), plus core::kGlobalScope (reference data).
Result<std::vector<std::string>> pullScopeOf(Store& store, const DeviceRecord& device);

// Filters one device's pulls. Build one per request: it caches what it reads
// (a kiosk's sites, meters, persons and published photos) for that request.
class PullFilter {
 public:
  PullFilter(Store& store, const DeviceRecord& device);
  // Whether the device may hold this change of `municipalityId`; may strip
  // fields it must not hold (a person's roles, on a kiosk).
  Result<bool> keep(const std::string& municipalityId, secap::v1::Change& change);
  // Drops, in place, what keep() refuses; `municipalityIds` runs parallel.
  Status apply(google::protobuf::RepeatedPtrField<secap::v1::Change>& changes,
               const std::vector<std::string>& municipalityIds);

 private:
  struct KioskView {
    std::set<std::string> sites, meters, persons, attachments;
  };
  Result<const KioskView*> kioskView(const std::string& municipalityId);

  Store& m_store;
  const DeviceRecord& m_device;
  bool m_admin = false;
  std::map<std::string, KioskView> m_kiosk;
};

// Ingest asks this after merging a change into a record that existed:
// `changedFields` are the fields whose value the merge replaced. True when a
// kiosk of the record's municipality may now have to gain or drop it.
bool changesKioskView(const secap::v1::Change& change, const std::vector<std::string>& changedFields);

}  // namespace secap::server
