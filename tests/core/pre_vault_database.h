#pragma once
// A device database as versions before the TokenVault left it: the access
// token as a row of the state table (schema 3, the same as now), next to the
// device id. For the upgrade tests of LocalStore and SyncClient.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>

#include "secap/core/local_store.h"
#include "secap/core/sqlite.h"

namespace secap::testing {

inline void writePreVaultDatabase(const std::string& dbPath, const std::string& token) {
  { ASSERT_TRUE(secap::core::LocalStore::open(dbPath).isOk()); }
  auto db = secap::core::sqlite::Db::open(dbPath);
  ASSERT_TRUE(db.isOk());
  for (const auto& [key, value] :
       {std::pair<std::string, std::string>{"device_id", "dev-old"}, {"access_token", token}}) {
    auto insert = (*db)->prepare("INSERT INTO state(key, value) VALUES(?, ?)");
    ASSERT_TRUE(insert.isOk());
    ASSERT_TRUE(insert->bind(1, key).bind(2, value).exec().isOk());
  }
}

// Rows of the state table with this key, read straight from the file.
inline int64_t stateRows(const std::string& dbPath, const std::string& key) {
  auto db = secap::core::sqlite::Db::open(dbPath);
  EXPECT_TRUE(db.isOk());
  auto st = (*db)->prepare("SELECT count(*) FROM state WHERE key=?");
  EXPECT_TRUE(st.isOk());
  st->bind(1, key);
  EXPECT_TRUE(st->step().isOk());
  return st->columnInt(0);
}

}  // namespace secap::testing
