// Every CSV importer of the server (importers.h: sites, meters, measures,
// readings, invoices, activity, degree days, emission factors) on arbitrary
// bytes, into a SQLite store with the fixture's municipality: each file is
// imported or refused with its errors listed, never a crash.

#include <cstdint>

#include "fixtures.h"
#include "fuzz_server_store.h"
#include "importers.h"

namespace {

secap::server::SqliteStore& store() {
  static auto& s = secap::fuzz::seededStore("import");
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static secap::core::ManualClock clock(secap::fuzz::kFuzzNow);
  // The first byte picks the importer; the rest is the file.
  secap::server::ImportRequest request;
  request.kind = static_cast<secap::server::ImportKind>(data[0] % 8);
  request.path = secap::fuzz::inputFile(data + 1, size - 1, "import.csv");
  request.municipality = secap::testing::kMunicipalityId;
  request.actor = "fuzz";
  (void)secap::server::importFile(store(), request, clock);
  return 0;
}
