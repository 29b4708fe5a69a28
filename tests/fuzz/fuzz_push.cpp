// A Push of arbitrary bytes, applied as a field device of the fixture's
// municipality pushes it (ingest.h: validation, scope, merge, flags,
// rollups) to a SQLite store that holds the municipality, a site and a
// meter. Whatever the bytes, the server answers with a verdict per change or
// a clear error; it must never crash or corrupt its store.

#include <google/protobuf/stubs/logging.h>

#include <cstdint>

#include "fixtures.h"
#include "fuzz_server_store.h"
#include "ingest.h"
#include "secap/v1/sync.pb.h"

namespace {

secap::server::SqliteStore& store() {
  static auto& s = secap::fuzz::seededStore("push");
  return s;
}

}  // namespace

// Protobuf logs every string field that is not UTF-8: most inputs here.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  secap::v1::PushRequest req;
  if (!req.ParseFromArray(data, static_cast<int>(size))) return 0;
  if (req.changes_size() > 200) return 0;  // the server refuses over 5 000; keep runs quick
  secap::server::Writer field{.deviceId = "fuzz-device", .roles = {{secap::testing::kMunicipalityId, "field"}}};
  auto resp = secap::server::applyPush(store(), field, req, secap::fuzz::kFuzzNow);
  if (resp.isOk() && resp->results_size() != req.changes_size()) std::abort();  // a verdict per change
  return 0;
}
