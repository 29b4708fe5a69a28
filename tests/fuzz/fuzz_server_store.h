#pragma once
// The server store the server-side fuzz targets work on: SQLite in the
// process's scratch directory, holding the fixture's municipality, site and
// meter as the server seeds them (fixtures.h), at kFuzzNow.

#include <cstdlib>
#include <string>

#include "fixtures.h"
#include "fuzz_common.h"
#include "ingest.h"
#include "sqlite_store.h"

namespace secap::fuzz {

inline constexpr int64_t kFuzzNow = 1767225600000;  // 2026-01-01

// A store of its own for each `name`, opened and seeded once, kept for the
// whole run.
inline server::SqliteStore& seededStore(const std::string& name) {
  auto opened = server::SqliteStore::open(scratchDir() + "/" + name + ".db");
  if (!opened.isOk()) std::abort();
  auto* store = opened->release();
  secap::v1::PushRequest seed;
  const auto page = secap::testing::basePage(kFuzzNow);
  for (auto c : page.changes()) {
    c.clear_server_seq();
    c.clear_origin_device_id();
    *seed.add_changes() = c;
  }
  if (!server::applyPush(*store, server::serverWriter(), seed, kFuzzNow).isOk()) std::abort();
  return *store;
}

}  // namespace secap::fuzz
