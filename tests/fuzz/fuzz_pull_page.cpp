// A pull page of arbitrary bytes applied on the device (LocalStore), after a
// page that gave it the fixture's municipality, site and meter: a server
// that sends garbage must get a clear error, never a crash or a broken store.

#include <google/protobuf/stubs/logging.h>

#include <cstdint>

#include "fixtures.h"
#include "fuzz_common.h"
#include "secap/core/clock.h"
#include "secap/core/local_store.h"
#include "secap/v1/sync.pb.h"

namespace {

constexpr int64_t kNow = 1767225600000;

secap::core::LocalStore& device() {
  static secap::core::ManualClock clock(kNow);
  static auto* s = [] {
    auto opened = secap::core::LocalStore::open(secap::fuzz::scratchDir() + "/device.db", clock);
    if (!opened.isOk()) std::abort();
    auto* raw = opened->release();
    if (!raw->applyPullPage(secap::testing::basePage(kNow)).isOk()) std::abort();
    return raw;
  }();
  return *s;
}

}  // namespace

// Protobuf logs every string field that is not UTF-8: most inputs here.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  secap::v1::PullResponse page;
  if (!page.ParseFromArray(data, static_cast<int>(size))) return 0;
  if (page.changes_size() > 200) return 0;
  (void)device().applyPullPage(page);
  return 0;
}
