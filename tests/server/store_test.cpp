// The Store backends on their own (SQLite, and PostgreSQL in the "pg:" runs):
// the commit watermark, durability and byte-capped pages. The watermark
// tests hold transactions open across commits of others, at random, and
// check that a pulling cursor never skips a change that commits late.
#include "store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "compaction.h"
#include "fixtures.h"
#include "ingest.h"
#include "pg_store.h"
#include "secap/core/ids.h"
#include "secap/core/sqlite.h"
#include "sqlite_store.h"
#include "test_backend.h"

using namespace secap;
using secap::testing::freshDir;
using secap::testing::logEntry;
using secap::testing::openTestStore;
using secap::testing::pullAll;
using secap::testing::TestDatabase;

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

TEST(Store, WatermarkFollowsCommittedChangesOnly) {
  TestDatabase db;
  auto store = openTestStore(db, freshDir("store_wm"));
  EXPECT_EQ(*store->watermark(), 0);
  {
    auto tx = store->beginWrite(server::WriteScope::all());
    ASSERT_TRUE(tx.isOk());
    ASSERT_TRUE((*tx)->appendChange(base()[0], secap::testing::kMunicipalityId).isOk());
    // Not committed: invisible to pulls.
    EXPECT_EQ(*store->watermark(), 0);
  }
  // Rolled back: nothing to pull (PostgreSQL may have used up the seq).
  int64_t cursor = 0;
  EXPECT_TRUE(pullAll(*store, {secap::testing::kMunicipalityId}, cursor).empty());
  ASSERT_TRUE(server::applyPush(*store, server::serverWriter(), request(base()), kNow).isOk());
  cursor = 0;
  const auto seqs = pullAll(*store, {secap::testing::kMunicipalityId}, cursor);
  ASSERT_EQ(seqs.size(), 3u);
  // PostgreSQL may have handed out seqs nobody used; the watermark passes them.
  EXPECT_GE(*store->watermark(), seqs.back());
  EXPECT_EQ(cursor, *store->watermark());
}

TEST(Store, AnAcknowledgedPushSurvivesKill9) {
  TestDatabase db;
  const auto dir = freshDir("store_kill9");
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = server::openStore(dir, db.url());
    if (!store.isOk()) _exit(2);
    auto resp = server::applyPush(**store, server::serverWriter(), request(base()), kNow);
    _exit(resp.isOk() && resp->results(2).outcome() == v1::ACCEPTED ? 0 : 3);  // no destructors
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  auto store = openTestStore(db, dir);
  auto page = store->pull({secap::testing::kMunicipalityId}, 0, 100, 1 << 20);
  ASSERT_TRUE(page.isOk());
  EXPECT_EQ(page->changes.size(), 3u);
}

TEST(Store, PullPagesAreCappedInBytes) {
  TestDatabase db;
  auto store = openTestStore(db, freshDir("store_bytes"));
  ASSERT_TRUE(server::applyPush(*store, server::serverWriter(), request(base()), kNow).isOk());
  auto page = store->pull({secap::testing::kMunicipalityId}, 0, 100, 10);
  ASSERT_TRUE(page.isOk());
  ASSERT_EQ(page->changes.size(), 1u);  // the first always fits
  EXPECT_TRUE(page->hasMore);
  EXPECT_EQ(page->lastSeq, page->changes.front().server_seq());
}

// Randomised: writers of several municipalities hold their transactions for
// random times, some roll back, and a reader pulls all the while. The reader
// sees every committed change exactly once, in seq order, and nothing else.
TEST(Store, ConcurrentWritersNeverMakeACursorSkip) {
  TestDatabase db;
  auto store = openTestStore(db, freshDir("store_race"));
  const uint64_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  const std::vector<std::string> scope{"A", "B", "C", "D"};
  std::mutex mu;
  std::set<int64_t> committed;
  std::atomic<int> writersLeft{static_cast<int>(scope.size())};

  std::vector<std::thread> writers;
  for (size_t w = 0; w < scope.size(); ++w) {
    writers.emplace_back([&, w] {
      struct Done {
        std::atomic<int>& left;
        ~Done() { --left; }
      } done{writersLeft};
      std::mt19937_64 rng(seed + w);
      for (int round = 0; round < 25; ++round) {
        auto tx = store->beginWrite({{scope[w]}});
        ASSERT_TRUE(tx.isOk()) << tx.status().toString();
        std::vector<int64_t> mine;
        const int n = 1 + static_cast<int>(rng() % 4);
        for (int i = 0; i < n; ++i) {
          auto seq = (*tx)->appendChange(logEntry(scope[w], round * 10 + i), scope[w]);
          ASSERT_TRUE(seq.isOk()) << seq.status().toString();
          mine.push_back(*seq);
          std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
        }
        if (rng() % 8 == 0) continue;  // rolled back by the destructor
        ASSERT_TRUE((*tx)->commit().isOk());
        std::lock_guard lock(mu);
        committed.insert(mine.begin(), mine.end());
      }
    });
  }

  std::vector<int64_t> seen;
  int64_t cursor = 0;
  while (writersLeft > 0) {
    auto got = pullAll(*store, scope, cursor);
    seen.insert(seen.end(), got.begin(), got.end());
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  for (auto& t : writers) t.join();
  auto rest = pullAll(*store, scope, cursor);
  seen.insert(seen.end(), rest.begin(), rest.end());

  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), seen.size()) << "a change was pulled twice";
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()), committed) << "a committed change was skipped";
}

// After a restore from backup, no seq a device saw before can come back for
// another change: new seqs start above the floor, and cursors below it are
// told to resync (the horizon).
TEST(Store, AfterARestoreNewSeqsStartAboveEveryOldCursor) {
  TestDatabase db;
  auto store = openTestStore(db, freshDir("store_restore"));
  ASSERT_TRUE(server::applyPush(*store, server::serverWriter(), request(base()), kNow).isOk());
  const int64_t before = *store->watermark();
  auto horizon = server::resetCursorsAfterRestore(*store);
  ASSERT_TRUE(horizon.isOk()) << horizon.status().toString();
  EXPECT_GT(*horizon, before + 1000000);
  EXPECT_EQ(*store->compactionHorizon(), *horizon);
  EXPECT_GE(*store->watermark(), *horizon) << "a resynced device must be able to start at the floor";

  auto next = base();
  next[1].set_change_id(core::newUuidV7(core::SystemClock::instance()));
  next[1].set_hlc(next[1].hlc() + 1);
  next[1].mutable_site()->set_name("Szkoła po przywróceniu");
  next[1].clear_fields();
  next[1].add_fields("name");
  auto resp = server::applyPush(*store, server::serverWriter(), request({next[1]}), kNow);
  ASSERT_TRUE(resp.isOk());
  ASSERT_EQ(resp->results(0).outcome(), v1::ACCEPTED) << resp->results(0).reason_code();
  EXPECT_GT(resp->results(0).server_seq(), *horizon);
  int64_t cursor = *horizon;
  EXPECT_EQ(pullAll(*store, {secap::testing::kMunicipalityId}, cursor).size(), 1u);
}

// A meter's readings and a municipality's records are found through their
// indexes, not by reading every record of the type (SQLite without ANALYZE
// chose the primary key's type prefix: a recompute read every reading).
TEST(Store, RecordsByScopeAndParentUseTheirIndexes) {
  const std::string dir = freshDir("store_plans");
  auto store = server::SqliteStore::open(dir + "/s.db");
  ASSERT_TRUE(store.isOk());
  auto db = core::sqlite::Db::open(dir + "/s.db");
  ASSERT_TRUE(db.isOk());
  auto planOf = [&](const std::string& sql) {
    auto st = (*db)->prepare("EXPLAIN QUERY PLAN " + sql);
    EXPECT_TRUE(st.isOk()) << st.status().toString();
    std::string plan;
    while (st.isOk()) {
      auto row = st->step();
      if (!row.isOk() || !*row) break;
      plan += st->columnText(3) + "\n";
    }
    return plan;
  };
  const std::string byScope =
      planOf(std::string(server::sqlite_sql::kEntitiesByScope) + "WHERE type=3 AND municipality_id='m' AND deleted=0");
  EXPECT_NE(byScope.find("INDEX entities_by_scope (type=? AND municipality_id=?)"), std::string::npos) << byScope;
  const std::string byParent =
      planOf(std::string(server::sqlite_sql::kEntitiesByParent) + "WHERE type=4 AND parent_id='meter'");
  EXPECT_NE(byParent.find("INDEX entities_by_parent (type=? AND parent_id=?)"), std::string::npos) << byParent;
}

namespace {

v1::Change readingChange(const std::string& changeId, const std::string& id, int64_t takenAt, double value) {
  v1::Change c;
  c.set_change_id(changeId);
  c.set_entity_id(id);
  c.set_hlc(core::makeHlc(kNow - 60000, 1));
  auto* r = c.mutable_reading();
  r->set_id(id);
  r->set_meter_id(secap::testing::kMeterId);
  r->set_taken_at(takenAt);
  r->set_value(value);
  r->set_kind(v1::READING_KIND_ACTUAL);
  r->set_source(v1::READING_SOURCE_MANUAL);
  return c;
}

v1::Change siteChange(const std::string& changeId, const std::string& id, const std::string& name, uint16_t counter) {
  v1::Change c;
  c.set_change_id(changeId);
  c.set_entity_id(id);
  c.set_hlc(core::makeHlc(kNow - 60000, counter));
  auto* s = c.mutable_site();
  s->set_id(id);
  s->set_municipality_id(secap::testing::kMunicipalityId);
  s->set_name(name);
  return c;
}

std::string uuid(int n) {
  return "0190b000-0000-7000-9000-" + std::string(12 - std::to_string(n).size(), '0') + std::to_string(n);
}

}  // namespace

// A push is judged against what the same push wrote before it, not only
// against what was stored before it began: PostgreSQL loads a push's lookups
// in a few queries up front, and must not answer from that stale picture.
TEST(Store, APushSeesWhatItsOwnEarlierChangesWrote) {
  TestDatabase db;
  auto store = openTestStore(db, freshDir("store_own_writes"));
  ASSERT_TRUE(server::applyPush(*store, server::serverWriter(), request(base()), kNow).isOk());
  const auto stored = readingChange(uuid(1), uuid(101), kNow - 50000, 100);
  ASSERT_TRUE(server::applyPush(*store, server::serverWriter(), request({stored}), kNow).isOk());

  const auto pushed = server::applyPush(*store, server::serverWriter(),
                                        request({
                                            stored,                                                 // seen before
                                            readingChange(uuid(2), uuid(102), kNow - 50000, 100),   // content stored
                                            readingChange(uuid(3), uuid(103), kNow - 40000, 200),   // new
                                            readingChange(uuid(3), uuid(103), kNow - 40000, 200),   // again, same id
                                            readingChange(uuid(4), uuid(104), kNow - 40000, 200),   // content of 103
                                            siteChange(uuid(5), uuid(201), "Przedszkole", 1),       // new site
                                            siteChange(uuid(6), uuid(201), "Przedszkole nr 2", 2),  // renamed
                                        }),
                                        kNow);
  ASSERT_TRUE(pushed.isOk()) << pushed.status().toString();
  const auto& r = pushed->results();
  ASSERT_EQ(r.size(), 7);
  EXPECT_EQ(r[0].outcome(), v1::DUPLICATE);
  EXPECT_EQ(r[1].outcome(), v1::DUPLICATE);
  EXPECT_EQ(r[1].canonical_entity_id(), uuid(101));
  EXPECT_EQ(r[2].outcome(), v1::ACCEPTED);
  EXPECT_EQ(r[3].outcome(), v1::DUPLICATE);
  EXPECT_EQ(r[3].server_seq(), r[2].server_seq());
  EXPECT_EQ(r[4].outcome(), v1::DUPLICATE);
  EXPECT_EQ(r[4].canonical_entity_id(), uuid(103));
  EXPECT_EQ(r[5].outcome(), v1::ACCEPTED);
  EXPECT_EQ(r[6].outcome(), v1::ACCEPTED);
  auto site = store->entity(core::EntityType::kSite, uuid(201));
  ASSERT_TRUE(site.isOk() && site->has_value());
  EXPECT_EQ((*site)->entity.site().name(), "Przedszkole nr 2");
  auto readings = store->entitiesOf(core::EntityType::kReading, secap::testing::kMunicipalityId);
  ASSERT_TRUE(readings.isOk());
  EXPECT_EQ(readings->size(), 2u);  // 101 and 103, each once
}

// DESIGN.md §10 and issue 15: on PostgreSQL a push no longer costs about
// seven round trips a change. Its lookups are loaded together and its writes
// are queued (pipeline mode), so a push of 1 000 readings takes a handful.
TEST(Store, OnPostgresAPushOfAThousandReadingsTakesAFewRoundTrips) {
  if (!secap::testing::onPostgres()) GTEST_SKIP() << "the embedded store makes no round trips";
  TestDatabase db;
  auto store = openTestStore(db, freshDir("store_round_trips"));
  ASSERT_TRUE(server::applyPush(*store, server::serverWriter(), request(base()), kNow).isOk());
  std::vector<v1::Change> batch;
  for (int i = 0; i < 1000; ++i)
    batch.push_back(readingChange(uuid(1000 + i), uuid(5000 + i), kNow - 900000 + i * 100, 1000 + i));
  const int64_t before = server::pg::roundTrips();
  const auto pushed = server::applyPush(*store, server::serverWriter(), request(batch), kNow);
  const int64_t trips = server::pg::roundTrips() - before;
  ASSERT_TRUE(pushed.isOk()) << pushed.status().toString();
  for (const auto& r : pushed->results()) ASSERT_EQ(r.outcome(), v1::ACCEPTED) << r.message();
  EXPECT_LT(trips, 40) << "round trips for a push of 1 000 readings";
  auto readings = store->entitiesOf(core::EntityType::kReading, secap::testing::kMunicipalityId);
  ASSERT_TRUE(readings.isOk());
  EXPECT_EQ(readings->size(), 1000u);
}
