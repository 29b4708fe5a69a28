// Randomised convergence (DESIGN.md §11): several devices with random offline
// windows, concurrent edits to different fields and to the same field of one
// measure (and of sites), deletes racing edits, lost replies and retries, and server restarts
// (one in the middle of a push), and a compaction that forces full resyncs.
// At the end every device equals the server
// field by field, stamps included, and every reading recorded anywhere is on
// the server exactly once.
//
// The seed is printed; SECAP_SEED=<n> reruns one seed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "compaction.h"
#include "enrollment.h"
#include "fixtures.h"
#include "ingest.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"
#include "server.h"
#include "test_backend.h"

using namespace secap;

namespace {

constexpr int kDevices = 5;
constexpr int kRounds = 30;
constexpr const char* kMeasureId = "0190a000-0000-7000-8000-0000000000e1";
const std::vector<std::string> kSiteIds{"0190a000-0000-7000-8000-0000000000a1", "0190a000-0000-7000-8000-0000000000a2",
                                        secap::testing::kSiteId};

int freePort() {
  server::ServerConfig probe;
  probe.dataDir = secap::testing::freshDir("port_probe");
  probe.grpcAddress = "127.0.0.1:0";
  probe.httpAddress = "127.0.0.1:0";
  server::SyncServer s(probe);
  EXPECT_TRUE(s.start().isOk());
  const int port = s.grpcPort();
  s.shutdown(0);
  return port;
}

// A link that can be down, or lose the reply after the server acted.
class FaultyLink : public core::SyncTransport {
 public:
  FaultyLink(std::unique_ptr<core::SyncTransport> inner, uint64_t seed) : m_inner(std::move(inner)), m_rng(seed) {}
  bool online = true;
  double lostReply = 0;

  core::Result<v1::EnrollResponse> enroll(const v1::EnrollRequest& r) override { return m_inner->enroll(r); }
  core::Result<v1::PushResponse> push(const v1::PushRequest& r, const std::string& t) override {
    if (!online) return core::unavailable("offline");
    auto resp = m_inner->push(r, t);
    if (resp.isOk() && chance(lostReply)) return core::unavailable("reply lost");
    return resp;
  }
  core::Result<v1::PullResponse> pull(const v1::PullRequest& r, const std::string& t) override {
    if (!online) return core::unavailable("offline");
    auto resp = m_inner->pull(r, t);
    if (resp.isOk() && chance(lostReply)) return core::unavailable("reply lost");
    return resp;
  }

 private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }
  std::unique_ptr<core::SyncTransport> m_inner;
  std::mt19937_64 m_rng;
};

struct SimDevice {
  std::string role;
  std::unique_ptr<core::LocalStore> store;
  std::unique_ptr<FaultyLink> link;
  std::unique_ptr<core::SyncClient> client;
  std::set<std::string> readingsCreated;
};

class ConvergenceTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void startServer() {
    server::ServerConfig config;
    config.dataDir = m_dir + "/server";
    config.databaseUrl = m_database.url();
    config.grpcAddress = "127.0.0.1:" + std::to_string(m_port);
    config.httpAddress = "127.0.0.1:0";
    m_server = std::make_unique<server::SyncServer>(config);
    auto st = m_server->start();
    ASSERT_TRUE(st.isOk()) << st.toString();
  }
  void stopServer(int64_t graceMs) {
    m_server->shutdown(graceMs);
    m_server.reset();
  }

  std::string m_dir;
  secap::testing::TestDatabase m_database;
  int m_port = 0;
  std::unique_ptr<server::SyncServer> m_server;
};

v1::Change siteEdit(std::mt19937_64& rng, const std::string& siteId, int round) {
  v1::Change c;
  c.set_entity_id(siteId);
  auto* s = c.mutable_site();
  s->set_id(siteId);
  const int what = static_cast<int>(rng() % 10);
  switch (what) {
    case 0:
      c.set_deleted(true);
      break;  // a delete racing the others' edits
    case 1:
      c.add_fields("deleted");
      break;  // an explicit undelete
    case 2:
    case 3:
      c.add_fields("name");
      s->set_name("Szkoła " + std::to_string(round) + "-" + std::to_string(rng() % 100));
      break;
    case 4:
      c.add_fields("address");
      s->set_address("ul. Polna " + std::to_string(rng() % 50));
      break;
    case 5:
      c.add_fields("lat");
      if (rng() % 3) s->set_lat(50 + static_cast<double>(rng() % 1000) / 1000);
      break;
    case 6:
      c.add_fields("com_sector");
      s->set_com_sector(rng() % 2 ? "municipal_buildings" : "tertiary");
      break;
    case 7:
      c.add_fields("archived");
      s->set_archived(rng() % 2);
      break;
    default:
      c.add_fields("name");
      c.add_fields("address");
      s->set_name("Przedszkole " + std::to_string(rng() % 100));
      s->set_address("ul. Leśna " + std::to_string(rng() % 50));
      break;
  }
  return c;
}

// Concurrent edits of one SECAP measure: its title, budget, funding sources
// (a repeated field, replaced whole), dates and key-action flag.
v1::Change measureEdit(std::mt19937_64& rng, int round) {
  v1::Change c;
  c.set_entity_id(kMeasureId);
  auto* m = c.mutable_measure();
  m->set_id(kMeasureId);
  switch (rng() % 6) {
    case 0:
      c.add_fields("title");
      m->set_title("Termomodernizacja SP nr 3, etap " + std::to_string(round));
      break;
    case 1:
      c.add_fields("budget_eur");
      m->set_budget_eur(100000.0 + static_cast<double>(rng() % 50) * 1000);
      break;
    case 2:
      c.add_fields("funding_sources");
      m->add_funding_sources("NFOŚiGW");
      if (rng() % 2) m->add_funding_sources("RPO WM 2014-2020");
      break;
    case 3:
      c.add_fields("planned_end");
      m->set_planned_end(1893456000000 + static_cast<int64_t>(rng() % 1000) * 86400000);
      break;
    case 4:
      c.add_fields("key_action");
      m->set_key_action(rng() % 2);
      break;
    default:
      c.add_fields("title");
      c.add_fields("budget_eur");
      m->set_title("Termomodernizacja (korekta " + std::to_string(round) + ")");
      m->set_budget_eur(90000);
      break;
  }
  return c;
}

}  // namespace

TEST_P(ConvergenceTest, EveryDeviceEndsEqualToTheServerAndNothingIsLostOrDuplicated) {
  uint64_t seed = GetParam();
  if (const char* env = std::getenv("SECAP_SEED")) seed = std::strtoull(env, nullptr, 10);
  std::cout << "convergence seed " << seed << " (rerun with SECAP_SEED=" << seed << ")" << std::endl;
  std::mt19937_64 rng(seed);
  m_dir = secap::testing::freshDir("convergence_" + std::to_string(seed));
  m_port = freePort();
  ASSERT_NO_FATAL_FAILURE(startServer());

  // Seed: the base municipality, site, meter, and two more sites.
  const int64_t now = core::SystemClock::instance().nowMs();
  auto base = secap::testing::basePage(now);
  v1::PushRequest seedReq;
  for (auto c : base.changes()) {
    c.clear_server_seq();
    c.clear_origin_device_id();
    *seedReq.add_changes() = c;
  }
  for (int i = 0; i < 2; ++i) {
    v1::Change c;
    c.set_change_id(core::newUuidV7());
    c.set_entity_id(kSiteIds[i]);
    c.set_hlc(core::makeHlc(now - 50000, static_cast<uint16_t>(i)));
    c.mutable_site()->set_id(kSiteIds[i]);
    c.mutable_site()->set_municipality_id(secap::testing::kMunicipalityId);
    c.mutable_site()->set_name("Site " + std::to_string(i));
    *seedReq.add_changes() = c;
  }
  {
    v1::Change c;
    c.set_change_id(core::newUuidV7());
    c.set_entity_id(kMeasureId);
    c.set_hlc(core::makeHlc(now - 40000, 0));
    auto* m = c.mutable_measure();
    m->set_id(kMeasureId);
    m->set_municipality_id(secap::testing::kMunicipalityId);
    m->set_code("B.3");
    m->set_title("Termomodernizacja Szkoły Podstawowej nr 3");
    m->set_type(v1::MEASURE_TYPE_MITIGATION);
    *seedReq.add_changes() = c;
  }
  auto seeded = server::applyPush(m_server->store(), server::serverWriter(), seedReq, now);
  ASSERT_TRUE(seeded.isOk());
  for (const auto& r : seeded->results()) ASSERT_NE(r.outcome(), v1::REJECTED) << r.reason_code();

  std::vector<SimDevice> devices(kDevices);
  const std::string target = "127.0.0.1:" + std::to_string(m_port);
  for (int i = 0; i < kDevices; ++i) {
    auto& d = devices[i];
    d.role = i < 3 ? "coordinator" : "field";
    d.store = std::move(core::LocalStore::open(m_dir + "/device" + std::to_string(i) + ".db")).value();
    d.link = std::make_unique<FaultyLink>(core::makeGrpcTransport(target, 10000), seed * 100 + i);
    core::SyncOptions o;
    o.maxChangesPerPush = 7;  // several pushes per round: more interleavings
    o.maxChangesPerPull = 11;
    d.client = std::make_unique<core::SyncClient>(*d.store, *d.link, o);
    auto code = server::issueEnrollmentCode(m_server->store(), secap::testing::kMunicipalityId, d.role,
                                            core::SystemClock::instance(), 86400000);
    ASSERT_TRUE(code.isOk());
    ASSERT_TRUE(d.client->enroll(*code, "device " + std::to_string(i), "test", "0").isOk());
    ASSERT_TRUE(d.client->syncOnce().isOk());
  }

  bool midPushRestartDone = false;
  for (int round = 0; round < kRounds; ++round) {
    for (auto& d : devices) {
      if (rng() % 5 == 0) d.link->online = !d.link->online;  // offline windows
      d.link->lostReply = (rng() % 4 == 0) ? 0.3 : 0.0;
      if (d.role == "coordinator") {
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits; ++e) {
          auto saved = d.store->saveLocalChange(rng() % 2 ? measureEdit(rng, round)
                                                          : siteEdit(rng, kSiteIds[rng() % kSiteIds.size()], round));
          ASSERT_TRUE(saved.isOk()) << saved.status().toString();
        }
      } else {
        const int n = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < n; ++e) {
          v1::Reading r;
          r.set_meter_id(secap::testing::kMeterId);
          r.set_value(static_cast<double>(rng() % 900000) + 0.5);
          auto saved = d.store->recordReading(r);
          ASSERT_TRUE(saved.isOk()) << saved.status().toString();
          d.readingsCreated.insert(saved->id());
        }
      }
      // A resend of an already accepted change by a device whose reply was lost.
      (void)d.client->syncOnce();
    }
    if (!midPushRestartDone && round == kRounds / 2) {
      // A restart in the middle of a push: the push may or may not commit;
      // either way the device's retry settles it.
      auto& d = devices[rng() % 3];
      d.link->online = true;
      d.link->lostReply = 0;
      for (int e = 0; e < 20; ++e)
        ASSERT_TRUE(d.store->saveLocalChange(siteEdit(rng, kSiteIds[rng() % kSiteIds.size()], round)).isOk());
      std::thread pusher([&] { (void)d.client->pushAll(); });
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % 20000));
      stopServer(0);
      pusher.join();
      ASSERT_NO_FATAL_FAILURE(startServer());
      midPushRestartDone = true;
    } else if (round == 2 * kRounds / 3) {
      // Compaction up to the watermark: every device behind it must do a
      // full resync on its next pull.
      auto wm = m_server->store().watermark();
      ASSERT_TRUE(wm.isOk());
      auto stats = server::compact(m_server->store(), *wm);
      ASSERT_TRUE(stats.isOk()) << stats.status().toString();
      std::cout << "compacted " << stats->removed << " of " << stats->examined << " changes" << std::endl;
    } else if (rng() % 8 == 0) {
      stopServer(2000);
      ASSERT_NO_FATAL_FAILURE(startServer());
    }
  }

  // Everyone comes online; two full rounds settle every push and pull.
  for (auto& d : devices) {
    d.link->online = true;
    d.link->lostReply = 0;
  }
  for (int pass = 0; pass < 2; ++pass)
    for (auto& d : devices) ASSERT_TRUE(d.client->syncOnce().isOk());

  auto serverRecords = m_server->store().recordsOf(secap::testing::kMunicipalityId);
  ASSERT_TRUE(serverRecords.isOk());
  std::set<std::string> serverReadings;
  for (const auto& r : *serverRecords)
    if (r.type == core::EntityType::kReading) serverReadings.insert(r.id);

  std::set<std::string> created;
  for (const auto& d : devices) created.insert(d.readingsCreated.begin(), d.readingsCreated.end());
  EXPECT_EQ(serverReadings, created) << "a reading was lost or duplicated";

  for (int i = 0; i < kDevices; ++i) {
    auto& d = devices[i];
    SCOPED_TRACE("device " + std::to_string(i));
    EXPECT_EQ(d.store->pendingCount(), 0);
    EXPECT_EQ(d.store->rejectedCount(), 0);
    const auto local = d.store->allRecords();
    ASSERT_EQ(local.size(), serverRecords->size());
    for (size_t k = 0; k < local.size(); ++k) {
      const auto& s = (*serverRecords)[k];
      const auto& l = local[k];
      ASSERT_EQ(l.type, s.type);
      ASSERT_EQ(l.id, s.id);
      EXPECT_EQ(l.data, core::serializeEntity(s.entity)) << "record " << s.id;
      EXPECT_EQ(l.stamps, s.stamps) << "stamps of " << s.id;
      EXPECT_EQ(l.deleted, s.deleted) << "tombstone of " << s.id;
    }
  }
  stopServer(1000);
}

INSTANTIATE_TEST_SUITE_P(Seeds, ConvergenceTest, ::testing::Values(1, 2, 3, 4, 5));
