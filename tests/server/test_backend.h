#pragma once
// The storage backend the server tests run on. CTest registers every server
// test twice: as is (SQLite in a fresh directory) and with the prefix "pg:"
// and SECAP_TEST_BACKEND=postgresql, where each test gets a fresh database
// in the throwaway cluster that scripts/test.sh starts (its URL in
// SECAP_TEST_POSTGRES). Without that cluster the "pg:" tests are skipped,
// unless SECAP_REQUIRE_POSTGRES is set (CI), where they fail instead.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "fixtures.h"
#include "pg.h"
#include "secap/core/ids.h"
#include "server.h"

namespace secap::testing {

inline bool onPostgres() {
  const char* b = std::getenv("SECAP_TEST_BACKEND");
  return b && std::string(b) == "postgresql";
}

inline std::string postgresBaseUrl() {
  const char* u = std::getenv("SECAP_TEST_POSTGRES");
  return u ? u : "";
}

// Skips (or, with SECAP_REQUIRE_POSTGRES, fails) every test of a "pg:" run
// that has no cluster to run on.
class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (!onPostgres() || !postgresBaseUrl().empty()) return;
    if (std::getenv("SECAP_REQUIRE_POSTGRES")) FAIL() << "SECAP_TEST_POSTGRES is not set: no PostgreSQL to test on";
    GTEST_SKIP() << "no PostgreSQL cluster (run scripts/test.sh, or set SECAP_TEST_POSTGRES)";
  }
};
inline ::testing::Environment* const kPostgresEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

// A fresh, empty database for one test: an empty URL on SQLite, or a new
// PostgreSQL database (dropped again at the end) on PostgreSQL.
class TestDatabase {
 public:
  TestDatabase() {
    if (!onPostgres() || postgresBaseUrl().empty()) return;
    const std::string base = postgresBaseUrl();
    m_name = "t_" + core::randomHex(8);
    auto admin = server::pg::Conn::connect(base);
    if (!admin.isOk()) throw std::runtime_error(admin.status().toString());
    auto st = (*admin)->exec("CREATE DATABASE " + m_name);
    if (!st.isOk()) throw std::runtime_error(st.toString());
    m_url = base.substr(0, base.rfind('/') + 1) + m_name;
  }
  ~TestDatabase() {
    if (m_name.empty()) return;
    auto admin = server::pg::Conn::connect(postgresBaseUrl());
    if (admin.isOk()) (void)(*admin)->exec("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  [[nodiscard]] const std::string& url() const { return m_url; }

 private:
  std::string m_name;
  std::string m_url;
};

// Opens the test's store: SQLite in `dir`, or the PostgreSQL database.
inline std::unique_ptr<server::Store> openTestStore(const TestDatabase& db, const std::string& dir) {
  auto store = server::openStore(dir, db.url());
  if (!store.isOk()) throw std::runtime_error(store.status().toString());
  return std::move(store).value();
}

// A change-log entry for the watermark tests (only the log is involved).
inline secap::v1::Change logEntry(const std::string& municipalityId, int n) {
  secap::v1::Change c;
  c.set_change_id("wm-" + municipalityId + "-" + std::to_string(n));
  c.set_entity_id(municipalityId);
  c.mutable_municipality()->set_id(municipalityId);
  return c;
}

// Every seq a cursor pulls from `cursor` on, following pages to the end;
// moves the cursor.
inline std::vector<int64_t> pullAll(server::Store& store, const std::vector<std::string>& scope, int64_t& cursor) {
  std::vector<int64_t> seqs;
  while (true) {
    auto page = store.pull(scope, cursor, 7, 1 << 20);
    EXPECT_TRUE(page.isOk()) << page.status().toString();
    if (!page.isOk()) return seqs;
    for (const auto& c : page->changes) seqs.push_back(c.server_seq());
    EXPECT_GE(page->lastSeq, cursor);
    cursor = page->lastSeq;
    if (!page->hasMore) return seqs;
  }
}

}  // namespace secap::testing
