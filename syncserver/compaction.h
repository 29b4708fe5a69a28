#pragma once
// Compaction and full resync (DESIGN.md §4), on top of any Store.
//
// compact() removes change-log entries at or below a horizon whose every
// field has since been overwritten: the stored record's stamp for each field
// the change wrote is no longer the change's own stamp. Such an entry can
// never decide a field again, so dropping it changes nothing a device ends
// with. Append-only records are never compacted, and neither is the highest
// entry (it carries the next seq). Remembered verdicts stay, so a late
// retry is still a DUPLICATE. Cursors below the horizon (the highest entry
// ever removed) are told full_resync_required.
//
// resyncPage() serves the current state instead of the log: one Change per
// record per group of fields that share a stamp (merge.h recordAsChanges),
// in (type, id) order, with an opaque cursor. The log cursor to continue
// with is the watermark taken when the resync started.
//
// Thread-safe as the Store is.

#include <functional>
#include <string>
#include <vector>

#include "secap/v1/sync.pb.h"
#include "store.h"

namespace secap::server {

struct CompactionStats {
  int64_t examined = 0;
  int64_t removed = 0;
  int64_t horizon = 0;  // the highest seq removed by this run (0: none)
};

// Compacts up to `horizonSeq` (clamped below the highest seq).
Result<CompactionStats> compact(Store& store, int64_t horizonSeq);

// After a restore from backup. Devices may hold cursors (and records) from
// after the backup was taken, and the restored store would hand those seqs
// out again to other changes, which those devices would then skip. This
// moves the next seq and the watermark far above anything the old server
// can have handed out (2^32 past the restored highest) and raises the
// compaction horizon to it, so every device does one full resync and ends
// equal to the restored state. Returns the new horizon.
Result<int64_t> resetCursorsAfterRestore(Store& store);

// Keeps or drops (and may trim) one change of a municipality: the device's
// scope filter (scope.h). Empty: keep everything.
using ResyncFilter = std::function<Result<bool>(const std::string& municipalityId, secap::v1::Change& change)>;

// One page of a full resync for the given scope. `markAtStart` is the
// device's resync mark (DeviceRecord::resyncPending) when the resync began;
// the cursor carries it to the last page, so the caller can clear the mark
// only if no scope change came in between.
Result<secap::v1::PullResponse> resyncPage(Store& store, const std::vector<std::string>& municipalityIds,
                                           const std::string& cursor, int maxChanges, size_t maxBytes,
                                           const ResyncFilter& keep = {}, int64_t markAtStart = 0);
// The mark a resync cursor carries (0 for the first page's empty cursor).
Result<int64_t> resyncCursorMark(const std::string& cursor);

}  // namespace secap::server
