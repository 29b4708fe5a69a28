#pragma once
// Ingest: how the server judges and applies a pushed batch (DESIGN.md §4).
// Each change gets its own result, in request order; one bad change never
// blocks the others. Validation is the shared secap_core code; this file
// adds what only the server knows: idempotency by change_id, content dedup
// of readings, the meters' rollups (rollups.h), the writer's scope (the record's municipality through its
// parents; core::kGlobalScope for global reference data, which only an admin
// writes) and role (DESIGN.md §8), and the merge into the stored state. The
// whole batch is applied in one store transaction and acknowledged only
// after it commits.
//
// Thread-safe: the Store serialises write transactions.

#include <map>
#include <string>
#include <vector>

#include "secap/v1/sync.pb.h"
#include "store.h"

namespace secap::server {

// Who is writing: a device's identity and its roles, or the server itself.
// Each write is judged by the writer's role in the record's municipality; a
// role of admin anywhere is admin everywhere (DESIGN.md §8).
struct Writer {
  std::string deviceId;
  std::map<std::string, std::string> roles;  // municipality id → role
  std::vector<std::string> kioskSites;       // a kiosk's bound sites (empty: every site)

  [[nodiscard]] bool isAdmin() const;
  // The role in `municipalityId`, or "" when it has none there.
  [[nodiscard]] std::string roleIn(const std::string& municipalityId) const;
};

Writer serverWriter();

struct PushOptions {
  // Imports: a file goes in whole or not at all. A batch in which any change
  // is rejected writes nothing and fails with kFailedPrecondition, naming
  // every rejection.
  bool allOrNothing = false;
  // Keep the meters' rollups up to date (rollups.h). Off only for the
  // benchmark that measures what they cost.
  bool rollups = true;
  // When set, the time spent keeping the rollups is added here (seconds),
  // for /metrics.
  double* rollupSeconds = nullptr;
  // When set, every change's verdict, also when allOrNothing refuses the
  // batch (an importer names the rows that were refused).
  secap::v1::PushResponse* verdicts = nullptr;
};

Result<secap::v1::PushResponse> applyPush(Store& store, const Writer& writer, const secap::v1::PushRequest& request,
                                          int64_t nowMs, const PushOptions& options = {});

}  // namespace secap::server
