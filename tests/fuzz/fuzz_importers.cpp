// Every CSV importer of the server (importers.h: sites, meters, measures,
// readings, invoices, activity, degree days, emission factors) on arbitrary
// bytes, into a SQLite store with the fixture's municipality: each file is
// imported or refused with its errors listed, never a crash.

#include <cstdint>

#include "fixtures.h"
#include "fuzz_common.h"
#include "importers.h"
#include "ingest.h"
#include "sqlite_store.h"

namespace {

constexpr int64_t kNow = 1767225600000;

secap::server::SqliteStore& store() {
  static auto* s = [] {
    auto opened = secap::server::SqliteStore::open(secap::fuzz::scratchDir() + "/import.db");
    if (!opened.isOk()) std::abort();
    auto* raw = opened->release();
    secap::v1::PushRequest seed;
    const auto page = secap::testing::basePage(kNow);
    for (auto c : page.changes()) {
      c.clear_server_seq();
      c.clear_origin_device_id();
      *seed.add_changes() = c;
    }
    if (!secap::server::applyPush(*raw, secap::server::serverWriter(), seed, kNow).isOk()) std::abort();
    return raw;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static secap::core::ManualClock clock(kNow);
  // The first byte picks the importer; the rest is the file.
  secap::server::ImportRequest request;
  request.kind = static_cast<secap::server::ImportKind>(data[0] % 8);
  request.path = secap::fuzz::inputFile(data + 1, size - 1, "import.csv");
  request.municipality = secap::testing::kMunicipalityId;
  request.actor = "fuzz";
  (void)secap::server::importFile(store(), request, clock);
  return 0;
}
