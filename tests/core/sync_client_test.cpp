#include "secap/core/sync_client.h"

#include <gtest/gtest.h>

#include <condition_variable>

#include "fixtures.h"
#include "pre_vault_database.h"

using namespace secap::core;
using secap::testing::basePage;
using secap::testing::freshDir;
using secap::testing::kMeterId;

namespace {

constexpr int64_t kNow = 1767225600000;

// A scripted server: accepts every change unless told to fail, and serves
// back what it accepted, in pages.
class FakeTransport : public SyncTransport {
 public:
  Status failWith = Status::ok();
  int pageSize = 2;
  std::vector<secap::v1::Change> log;
  int pushes = 0;
  std::mutex mu;
  std::condition_variable cv;

  std::string lastEnrollCode;
  int enrolls = 0;

  Result<secap::v1::EnrollResponse> enroll(const secap::v1::EnrollRequest& req) override {
    ++enrolls;
    lastEnrollCode = req.enrollment_code();
    if (!failWith.isOk()) return failWith;
    secap::v1::EnrollResponse r;
    r.set_device_id("dev-" + req.install_id().substr(0, 4));
    r.set_access_token("token");
    r.set_municipality_id(secap::testing::kMunicipalityId);
    r.set_role("field");
    r.set_server_time_ms(kNow);
    return r;
  }
  Result<secap::v1::PushResponse> push(const secap::v1::PushRequest& req, const std::string& token) override {
    std::lock_guard lock(mu);
    ++pushes;
    cv.notify_all();
    if (!failWith.isOk()) return failWith;
    EXPECT_EQ(token, "token");
    secap::v1::PushResponse resp;
    for (const auto& c : req.changes()) {
      auto stored = c;
      stored.set_server_seq(static_cast<int64_t>(log.size()) + 100);
      log.push_back(stored);
      auto* r = resp.add_results();
      r->set_change_id(c.change_id());
      r->set_outcome(secap::v1::ACCEPTED);
      r->set_server_seq(stored.server_seq());
    }
    resp.set_server_time_ms(kNow);
    return resp;
  }
  Result<secap::v1::PullResponse> pull(const secap::v1::PullRequest& req, const std::string&) override {
    std::lock_guard lock(mu);
    if (!failWith.isOk()) return failWith;
    secap::v1::PullResponse page;
    page.set_last_seq(req.after_seq());
    for (const auto& c : log) {
      if (c.server_seq() <= req.after_seq()) continue;
      if (page.changes_size() == pageSize) {
        page.set_has_more(true);
        break;
      }
      *page.add_changes() = c;
      page.set_last_seq(c.server_seq());
    }
    page.set_server_time_ms(kNow);
    return page;
  }
};

struct Fixture {
  ManualClock clock{kNow};
  std::unique_ptr<LocalStore> store;
  FakeTransport transport;
  std::unique_ptr<SyncClient> client;

  explicit Fixture(const std::string& name) {
    store = std::move(LocalStore::open(freshDir(name) + "/device.db", clock)).value();
    EXPECT_TRUE(store->applyPullPage(basePage(kNow)).isOk());
    SyncOptions o;
    o.minBackoffMs = 10;
    o.maxBackoffMs = 1000;
    o.intervalMs = 60000;
    client = std::make_unique<SyncClient>(*store, transport, o);
  }
  void record(double v) {
    secap::v1::Reading r;
    r.set_meter_id(kMeterId);
    r.set_value(v);
    ASSERT_TRUE(store->recordReading(r).isOk());
  }
};

}  // namespace

TEST(SyncClient, EnrollStoresTheDeviceIdentity) {
  Fixture f("enroll");
  ASSERT_FALSE(f.client->isEnrolled());
  ASSERT_TRUE(f.client->enroll("CODE", "phone", "test", "0").isOk());
  EXPECT_TRUE(f.client->isEnrolled());
  EXPECT_EQ(f.store->accessToken()->value(), "token");
  EXPECT_EQ(f.store->state(state_keys::kRole), "field");
}

TEST(SyncClient, AnUpgradedDeviceSyncsWithTheTokenItsOldDatabaseHeld) {
  const auto dbPath = freshDir("upgrade_token") + "/device.db";
  ASSERT_NO_FATAL_FAILURE(secap::testing::writePreVaultDatabase(dbPath, "token"));
  ManualClock clock(kNow);
  auto store = std::move(LocalStore::open(dbPath, clock)).value();
  ASSERT_TRUE(store->applyPullPage(basePage(kNow)).isOk());
  FakeTransport transport;  // its push expects "token"
  SyncClient client(*store, transport);
  EXPECT_TRUE(client.isEnrolled());
  secap::v1::Reading r;
  r.set_meter_id(kMeterId);
  r.set_value(42);
  ASSERT_TRUE(store->recordReading(r).isOk());
  const Status st = client.syncOnce();
  ASSERT_TRUE(st.isOk()) << st.toString();
  EXPECT_EQ(transport.pushes, 1);
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_EQ(secap::testing::stateRows(dbPath, "access_token"), 0);
}

TEST(SyncClient, ATokenVaultThatCannotAnswerIsShownNotTakenForNotEnrolled) {
  // A locked keychain: the device is still enrolled, and says why it cannot sync.
  struct LockedVault : TokenVault {
    Result<std::optional<std::string>> get() override { return unavailable("the keychain is locked"); }
    Status set(const std::string&) override { return unavailable("the keychain is locked"); }
    Status clear() override { return Status::ok(); }
  };
  auto store = std::move(LocalStore::open(freshDir("locked_vault") + "/device.db", SystemClock::instance(),
                                          std::make_unique<LockedVault>()))
                   .value();
  FakeTransport transport;
  SyncClient client(*store, transport);
  EXPECT_TRUE(client.isEnrolled());
  const Status st = client.syncOnce();
  EXPECT_EQ(st.code(), StatusCode::kUnavailable);
  EXPECT_EQ(client.status().lastError, "the keychain is locked");
  EXPECT_EQ(transport.pushes, 0);
}

TEST(SyncClient, EnrollWithALinkSendsTheLinksCode) {
  Fixture f("enroll_link");
  ASSERT_TRUE(f.client->enroll("secap://enroll?server=127.0.0.1:50051&code=ABCDE-FGHJK", "phone", "test", "0").isOk());
  EXPECT_EQ(f.transport.lastEnrollCode, "ABCDE-FGHJK");
  EXPECT_TRUE(f.client->isEnrolled());
}

TEST(SyncClient, ADamagedLinkIsRefusedWithoutCallingTheServer) {
  Fixture f("enroll_bad_link");
  const Status st = f.client->enroll("secap://enroll?server=127.0.0.1:50051", "phone", "test", "0");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "the enrollment link has no enrollment code (code=...)");
  EXPECT_EQ(f.transport.enrolls, 0);
  EXPECT_FALSE(f.client->isEnrolled());
}

TEST(SyncClient, AServerWithTheWrongKeyDoesNotCountAsOnline) {
  Fixture f("enroll_wrong_key");
  f.transport.failWith = Status(StatusCode::kUnauthenticated, kServerKeyMismatchMessage);
  EXPECT_FALSE(f.client->enroll("CODE", "phone", "test", "0").isOk());
  EXPECT_FALSE(f.client->status().online);
  EXPECT_EQ(f.client->status().lastError, kServerKeyMismatchMessage);
}

TEST(SyncClient, PushEmptiesTheOutboxAndPullConfirmsInPages) {
  Fixture f("push_pull");
  ASSERT_TRUE(f.client->enroll("CODE", "phone", "test", "0").isOk());
  for (int i = 0; i < 5; ++i) f.record(100 + i);
  ASSERT_TRUE(f.client->syncOnce().isOk());
  EXPECT_EQ(f.store->pendingCount(), 0);
  EXPECT_EQ(f.transport.log.size(), 5u);
  EXPECT_EQ(f.store->cursor(), 104);  // all three pages of two were applied
  EXPECT_EQ(f.store->readingCount(), 5);
  EXPECT_GT(f.client->status().lastSyncMs, 0);
}

TEST(SyncClient, AnUnreachableServerLosesNothingAndShowsOffline) {
  Fixture f("offline");
  ASSERT_TRUE(f.client->enroll("CODE", "phone", "test", "0").isOk());
  f.record(1);
  f.record(2);
  f.transport.failWith = unavailable("connection refused");
  EXPECT_FALSE(f.client->syncOnce().isOk());
  EXPECT_EQ(f.store->pendingCount(), 2);
  EXPECT_FALSE(f.client->status().online);
  f.transport.failWith = Status::ok();
  ASSERT_TRUE(f.client->syncOnce().isOk());
  EXPECT_EQ(f.store->pendingCount(), 0);
  EXPECT_TRUE(f.client->status().online);
}

TEST(SyncClient, AnUnsupportedAppVersionAsksForAnUpdateAndKeepsTheOutbox) {
  Fixture f("upgrade");
  ASSERT_TRUE(f.client->enroll("CODE", "phone", "test", "0").isOk());
  f.record(1);
  f.transport.failWith = Status(StatusCode::kFailedPrecondition, "please update the app");
  EXPECT_FALSE(f.client->syncOnce().isOk());
  EXPECT_TRUE(f.client->status().upgradeRequired);
  EXPECT_EQ(f.store->pendingCount(), 1);
}

TEST(SyncClient, BackoffGrowsIsCappedAndJittered) {
  Fixture f("backoff");
  std::set<int64_t> distinct;
  for (int attempt = 0; attempt < 12; ++attempt) {
    const int64_t cap = std::min<int64_t>(1000, int64_t{10} << attempt);
    for (int i = 0; i < 20; ++i) {
      const int64_t d = f.client->backoffDelayMs(attempt);
      EXPECT_GE(d, cap / 2);
      EXPECT_LE(d, cap);
      distinct.insert(d);
    }
  }
  EXPECT_GT(distinct.size(), 20u);  // jitter spreads devices out
}

TEST(SyncClient, BackgroundThreadSyncsOnRequest) {
  Fixture f("background");
  ASSERT_TRUE(f.client->enroll("CODE", "phone", "test", "0").isOk());
  f.client->start();
  f.record(7);
  f.client->requestSync();
  {
    std::unique_lock lock(f.transport.mu);
    ASSERT_TRUE(f.transport.cv.wait_for(lock, std::chrono::seconds(20), [&] { return f.transport.log.size() == 1; }));
  }
  f.client->stop();
  EXPECT_EQ(f.store->pendingCount(), 0);
}

TEST(SyncClient, APhoneClockAnHourFastIsCorrectedAndItsChangesResent) {
  // The server's clock says kNow; the phone says kNow + 1 h.
  struct SkewServer : FakeTransport {
    Result<secap::v1::PushResponse> push(const secap::v1::PushRequest& req, const std::string&) override {
      secap::v1::PushResponse resp;
      for (const auto& c : req.changes()) {
        auto* r = resp.add_results();
        r->set_change_id(c.change_id());
        if (hlcPhysicalMs(c.hlc()) > kNow + kMaxClockSkewMs) {
          r->set_outcome(secap::v1::REJECTED);
          r->set_reason_code("clock.skew");
        } else {
          r->set_outcome(secap::v1::ACCEPTED);
          accepted.push_back(c);
        }
      }
      resp.set_server_time_ms(kNow);
      return resp;
    }
    std::vector<secap::v1::Change> accepted;
  } server;
  ManualClock phone(kNow + 3600 * 1000);
  auto store = std::move(LocalStore::open(freshDir("skew") + "/device.db", phone)).value();
  ASSERT_TRUE(store->applyPullPage(basePage(kNow)).isOk());
  ASSERT_TRUE(store->setAccessToken("token").isOk());
  secap::v1::Reading r;
  r.set_meter_id(kMeterId);
  r.set_value(10);
  r.set_taken_at(kNow - 1000);
  ASSERT_TRUE(store->recordReading(r).isOk());
  SyncClient client(*store, server);
  ASSERT_TRUE(client.pushAll().isOk());
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_EQ(store->rejectedCount(), 0);
  ASSERT_EQ(server.accepted.size(), 1u);
  EXPECT_LE(hlcPhysicalMs(server.accepted[0].hlc()), kNow + 1000);
  EXPECT_NEAR(static_cast<double>(store->hlc().serverOffsetMs()), -3600.0 * 1000, 1000);
}
