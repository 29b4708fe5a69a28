// Compaction of superseded changes, and the full resync it forces on
// devices whose cursor is older than the horizon.
#include "compaction.h"

#include <gtest/gtest.h>

#include "harness.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"

using namespace secap;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::kSiteId;
using secap::testing::ServerHarness;

namespace {

v1::Change siteField(core::ManualClock& clock, const std::string& field, const std::string& value, int64_t offset) {
  v1::Change c;
  c.set_change_id(core::newUuidV7(clock));
  c.set_entity_id(kSiteId);
  c.set_hlc(core::makeHlc(kServerNow + offset, 0));
  c.add_fields(field);
  c.mutable_site()->set_id(kSiteId);
  if (field == "name") c.mutable_site()->set_name(value);
  if (field == "address") c.mutable_site()->set_address(value);
  return c;
}

std::set<std::string> loggedChangeIds(server::Store& store) {
  std::set<std::string> out;
  auto log = store.changeLog(0, 1 << 30, 100000);
  for (const auto& c : *log) out.insert(c.change.change_id());
  return out;
}

}  // namespace

TEST(Compaction, RemovesOnlyChangesWhoseEveryFieldWasOverwritten) {
  ServerHarness h("compaction_superseded");
  const auto base = secap::testing::baseChanges(kServerNow);
  h.seed(base);
  const auto name1 = siteField(h.clock, "name", "SP nr 1", 10);
  const auto name2 = siteField(h.clock, "name", "SP nr 1 im. Kopernika", 20);
  const auto address = siteField(h.clock, "address", "ul. Szkolna 1", 30);
  const auto late = siteField(h.clock, "address", "older address, arrived late", 5);  // loses on arrival
  h.seed({name1, name2, address, late});
  v1::Change reading;
  reading.set_change_id(core::newUuidV7(h.clock));
  reading.set_entity_id(core::newUuidV7(h.clock));
  reading.set_hlc(core::makeHlc(kServerNow, 9));
  reading.mutable_reading()->set_id(reading.entity_id());
  reading.mutable_reading()->set_meter_id(secap::testing::kMeterId);
  reading.mutable_reading()->set_value(5);
  reading.mutable_reading()->set_taken_at(kServerNow - 1000);
  h.seed({reading});
  const auto tail = siteField(h.clock, "name", "SP nr 1 im. M. Kopernika", 40);  // the highest seq
  h.seed({tail});

  auto stats = server::compact(h.srv->store(), 1 << 30);
  ASSERT_TRUE(stats.isOk()) << stats.status().toString();
  const auto left = loggedChangeIds(h.srv->store());
  EXPECT_FALSE(left.count(name1.change_id()));
  EXPECT_FALSE(left.count(name2.change_id()));  // overwritten by `tail`
  EXPECT_FALSE(left.count(late.change_id()));
  EXPECT_TRUE(left.count(address.change_id()));
  EXPECT_TRUE(left.count(base[1].change_id()));  // the site's creation still decides its other fields
  EXPECT_TRUE(left.count(reading.change_id()));  // append-only: never compacted
  EXPECT_TRUE(left.count(tail.change_id()));
  EXPECT_EQ(stats->removed, 3);
  EXPECT_GT(*h.srv->store().compactionHorizon(), 0);

  // A resent compacted change is still known.
  v1::PushRequest again;
  *again.add_changes() = name1;
  auto resp = server::applyPush(h.srv->store(), server::serverWriter(), again, kServerNow);
  ASSERT_TRUE(resp.isOk());
  EXPECT_EQ(resp->results(0).outcome(), v1::DUPLICATE);
}

TEST(Compaction, ADeviceBehindTheHorizonResyncsAndKeepsItsUnpushedEdits) {
  ServerHarness h("compaction_resync");
  h.seed(secap::testing::baseChanges(kServerNow));
  const auto code = h.code(kMunicipalityId, "coordinator");
  auto store = std::move(core::LocalStore::open(h.dir + "/device.db")).value();
  auto transport = core::makeGrpcTransport("127.0.0.1:" + std::to_string(h.srv->grpcPort()));
  core::SyncClient client(*store, *transport);
  ASSERT_TRUE(client.enroll(code, "tablet", "test", "0").isOk());
  ASSERT_TRUE(client.syncOnce().isOk());
  const int64_t oldCursor = store->cursor();

  // While the device is away: edits, then a compaction past its cursor.
  h.seed({siteField(h.clock, "name", "first", 10), siteField(h.clock, "name", "second", 20),
          siteField(h.clock, "address", "ul. Długa 7", 30), siteField(h.clock, "name", "Szkoła nr 7", 40)});
  ASSERT_TRUE(server::compact(h.srv->store(), 1 << 30).isOk());
  ASSERT_GT(*h.srv->store().compactionHorizon(), oldCursor);
  // The device has an unpushed edit of its own, and a stale row the server
  // never had (as after a lost content duplicate).
  v1::Change local;
  local.set_entity_id(kSiteId);
  local.add_fields("com_sector");
  local.mutable_site()->set_id(kSiteId);
  local.mutable_site()->set_com_sector("municipal_buildings");
  ASSERT_TRUE(store->saveLocalChange(local).isOk());
  v1::PullResponse ghost;
  auto* g = ghost.add_changes();
  g->set_entity_id("0190a000-0000-7000-8000-00000000d0d0");
  g->set_hlc(core::makeHlc(kServerNow, 1));
  g->mutable_site()->set_id(g->entity_id());
  g->mutable_site()->set_municipality_id(kMunicipalityId);
  g->mutable_site()->set_name("a site the server does not have");
  ghost.set_last_seq(oldCursor);
  ASSERT_TRUE(store->applyPullPage(ghost).isOk());

  // A plain pull is refused with full_resync_required...
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + store->accessToken()->value());
  v1::PullRequest req;
  req.set_after_seq(oldCursor);
  v1::PullResponse refused;
  ASSERT_TRUE(h.stub->Pull(&ctx, req, &refused).ok());
  EXPECT_TRUE(refused.full_resync_required());
  EXPECT_EQ(refused.changes_size(), 0);

  // ...and the client resyncs, pushes its edit, and ends equal to the server.
  ASSERT_TRUE(client.syncOnce().isOk());
  ASSERT_TRUE(client.syncOnce().isOk());
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_EQ(store->state(core::state_keys::kResyncNeeded), "0");
  auto serverRecords = h.srv->store().recordsOf(kMunicipalityId);
  const auto local2 = store->allRecords();
  ASSERT_EQ(local2.size(), serverRecords->size());
  for (size_t i = 0; i < local2.size(); ++i) {
    EXPECT_EQ(local2[i].id, (*serverRecords)[i].id);
    EXPECT_EQ(local2[i].data, core::serializeEntity((*serverRecords)[i].entity));
    EXPECT_EQ(local2[i].stamps, (*serverRecords)[i].stamps);
  }
  ASSERT_EQ(store->sites(kMunicipalityId).size(), 1u);  // the stale row is gone
  const auto site = store->sites(kMunicipalityId).at(0);
  EXPECT_EQ(site.name(), "Szkoła nr 7");
  EXPECT_EQ(site.address(), "ul. Długa 7");
  EXPECT_EQ(site.com_sector(), "municipal_buildings");
}
