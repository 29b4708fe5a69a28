// The SQLite Store backend on its own: the watermark, durability and dedup.
#include "sqlite_store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "fixtures.h"
#include "ingest.h"
#include "secap/core/ids.h"

using namespace secap;
using secap::testing::freshDir;

namespace {

constexpr int64_t kNow = 1767225600000;

std::vector<v1::Change> base() {
  std::vector<v1::Change> out;
  const auto page = secap::testing::basePage(kNow);
  for (auto c : page.changes()) {
    c.clear_server_seq();
    out.push_back(c);
  }
  return out;
}

v1::PushRequest request(const std::vector<v1::Change>& changes) {
  v1::PushRequest req;
  for (const auto& c : changes) *req.add_changes() = c;
  return req;
}

}  // namespace

TEST(SqliteStore, WatermarkFollowsCommittedChangesOnly) {
  auto store = server::SqliteStore::open(freshDir("store_wm") + "/s.db");
  ASSERT_TRUE(store.isOk());
  EXPECT_EQ(*(*store)->watermark(), 0);
  {
    auto tx = (*store)->beginWrite();
    ASSERT_TRUE(tx.isOk());
    v1::Change c = base()[0];
    ASSERT_TRUE((*tx)->appendChange(c, secap::testing::kMunicipalityId).isOk());
    // Not committed: invisible to pulls.
    EXPECT_EQ(*(*store)->watermark(), 0);
  }
  EXPECT_EQ(*(*store)->watermark(), 0);  // rolled back
  ASSERT_TRUE(server::applyPush(**store, server::serverWriter(), request(base()), kNow).isOk());
  EXPECT_EQ(*(*store)->watermark(), 3);
}

TEST(SqliteStore, AnAcknowledgedPushSurvivesKill9) {
  const auto dir = freshDir("store_kill9");
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = server::SqliteStore::open(dir + "/s.db");
    if (!store.isOk()) _exit(2);
    auto resp = server::applyPush(**store, server::serverWriter(), request(base()), kNow);
    _exit(resp.isOk() && resp->results(2).outcome() == v1::ACCEPTED ? 0 : 3);  // no destructors
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  auto store = server::SqliteStore::open(dir + "/s.db");
  ASSERT_TRUE(store.isOk());
  auto page = (*store)->pull({secap::testing::kMunicipalityId}, 0, 100, 1 << 20);
  ASSERT_TRUE(page.isOk());
  EXPECT_EQ(page->changes.size(), 3u);
}

TEST(SqliteStore, PullPagesAreCappedInBytes) {
  auto store = server::SqliteStore::open(freshDir("store_bytes") + "/s.db");
  ASSERT_TRUE(server::applyPush(**store, server::serverWriter(), request(base()), kNow).isOk());
  auto page = (*store)->pull({secap::testing::kMunicipalityId}, 0, 100, 10);
  ASSERT_TRUE(page.isOk());
  EXPECT_EQ(page->changes.size(), 1u);  // the first always fits
  EXPECT_TRUE(page->hasMore);
  EXPECT_EQ(page->lastSeq, 1);
}
