// The commit watermark on PostgreSQL (DESIGN.md §4, docs/ARCHITECTURE.md):
// writers of different municipalities overlap there, so a transaction that
// took the lower seq can commit after one with a higher seq. These tests hold
// it open (at the store, and inside a real push through a test hook) and
// check that no cursor passes its seq and that it reaches every device once
// it commits. Registered only for the PostgreSQL run ("pg:"): SQLite has one
// writer, so its seqs commit in order (store_test covers its watermark).
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "harness.h"
#include "pg_store.h"
#include "sync_calls.h"
#include "test_backend.h"

using namespace secap;
using namespace secap::testing::calls;
using secap::testing::freshDir;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::logEntry;
using secap::testing::openTestStore;
using secap::testing::pullAll;
using secap::testing::ServerHarness;
using secap::testing::TestDatabase;

namespace {

using secap::testing::kOtherMunicipality;

}  // namespace

// PostgreSQL lets writers of different municipalities overlap. A writer that
// took the lower seq but commits later holds the watermark below its seq.
TEST(Watermark, AHeldTransactionHoldsTheWatermarkBelowItsSeq) {
  ASSERT_TRUE(secap::testing::onPostgres()) << "registered for the PostgreSQL run only";
  TestDatabase db;
  auto store = openTestStore(db, freshDir("store_held"));
  const std::vector<std::string> scope{"A", "B"};
  int64_t cursor = 0;

  auto held = store->beginWrite({{"A"}});
  ASSERT_TRUE(held.isOk());
  auto heldSeq = (*held)->appendChange(logEntry("A", 1), "A");
  ASSERT_TRUE(heldSeq.isOk());

  auto later = store->beginWrite({{"B"}});  // does not wait for A
  ASSERT_TRUE(later.isOk());
  auto laterSeq = (*later)->appendChange(logEntry("B", 1), "B");
  ASSERT_TRUE(laterSeq.isOk());
  ASSERT_GT(*laterSeq, *heldSeq);
  ASSERT_TRUE((*later)->commit().isOk());

  EXPECT_TRUE(pullAll(*store, scope, cursor).empty());
  EXPECT_LT(cursor, *heldSeq) << "the cursor passed a change that has not committed yet";

  ASSERT_TRUE((*held)->commit().isOk());
  EXPECT_EQ(pullAll(*store, scope, cursor), (std::vector<int64_t>{*heldSeq, *laterSeq}));
}

// DESIGN.md §4's commit watermark through real pushes and pulls: a push of
// Pałecznica is held open after taking its server_seq while a push of
// another municipality commits a later seq. No device's cursor may pass the
// held seq, and once it commits, every device gets it.
TEST(Watermark, AChangeThatCommitsLateStillReachesEveryDevice) {
  ASSERT_TRUE(secap::testing::onPostgres()) << "registered for the PostgreSQL run only";
  auto h = std::make_unique<ServerHarness>("watermark_late");
  h->seed(secap::testing::baseChanges(kServerNow));
  h->seed({secap::testing::otherMunicipalityChange(kServerNow)});
  const Device device = enroll(*h, h->code(kMunicipalityId), "install-1");
  auto* pg = dynamic_cast<server::PgStore*>(&h->srv->store());
  ASSERT_NE(pg, nullptr);
  const Device colleague = enroll(*h, h->code(kMunicipalityId), "install-colleague");
  const Device other = enroll(*h, h->code(kOtherMunicipality, "coordinator"), "install-other");
  auto cursorOf = [&](const Device& d) {
    v1::PullResponse resp;
    int64_t cursor = 0;
    do {
      EXPECT_TRUE(pull(*h, d, cursor, resp).ok());
      cursor = resp.last_seq();
    } while (resp.has_more());
    return cursor;
  };
  int64_t colleagueCursor = cursorOf(colleague);
  int64_t otherCursor = cursorOf(other);

  std::promise<int64_t> taken;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> armed{true};
  pg->afterFirstSeqTaken = [&](int64_t seq) {
    if (!armed.exchange(false)) return;
    taken.set_value(seq);
    released.wait();
  };
  const v1::Change heldReading = readingChange(h->clock, 120, kServerNow - 3600000);
  std::thread heldPush([&] {
    v1::PushResponse resp;
    auto st = push(*h, device, {heldReading}, resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(resp.results(0).outcome(), v1::ACCEPTED);
  });
  const int64_t heldSeq = taken.get_future().get();

  v1::Change site;
  site.set_change_id(core::newUuidV7(h->clock));
  site.set_entity_id(core::newUuidV7(h->clock));
  site.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
  site.mutable_site()->set_id(site.entity_id());
  site.mutable_site()->set_municipality_id(kOtherMunicipality);
  site.mutable_site()->set_name("Rathaus");
  v1::PushResponse later;
  ASSERT_TRUE(push(*h, other, {site}, later).ok());
  ASSERT_EQ(later.results(0).outcome(), v1::ACCEPTED) << later.results(0).reason_code();
  EXPECT_GT(later.results(0).server_seq(), heldSeq);

  v1::PullResponse resp;
  ASSERT_TRUE(pull(*h, colleague, colleagueCursor, resp).ok());
  EXPECT_EQ(resp.changes_size(), 0);
  EXPECT_LT(resp.last_seq(), heldSeq) << "the cursor passed a change that has not committed yet";
  colleagueCursor = resp.last_seq();
  ASSERT_TRUE(pull(*h, other, otherCursor, resp).ok());
  EXPECT_EQ(resp.changes_size(), 0);
  EXPECT_LT(resp.last_seq(), heldSeq);
  otherCursor = resp.last_seq();

  release.set_value();
  heldPush.join();
  pg->afterFirstSeqTaken = nullptr;

  ASSERT_TRUE(pull(*h, colleague, colleagueCursor, resp).ok());
  ASSERT_EQ(resp.changes_size(), 1);
  EXPECT_EQ(resp.changes(0).entity_id(), heldReading.entity_id());
  EXPECT_EQ(resp.changes(0).server_seq(), heldSeq);
  ASSERT_TRUE(pull(*h, other, otherCursor, resp).ok());
  ASSERT_EQ(resp.changes_size(), 1);
  EXPECT_EQ(resp.changes(0).entity_id(), site.entity_id());
}
