// Horizontal scale-out (issue #6): three secap-syncserver processes share
// one PostgreSQL database. 21 simulated devices of three municipalities
// record readings and push and pull, each call through a randomly chosen
// instance, as behind a load balancer. One instance is killed with -9 in the
// middle of the pushes; its devices carry on through the others. At the end
// every device holds every reading of its municipality, and the server holds
// every reading recorded anywhere exactly once: none skipped, none lost,
// none duplicated.
//
// Needs the throwaway cluster of scripts/test.sh (SECAP_TEST_POSTGRES).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "pg.h"
#include "pg_store.h"
#include "secap/core/ids.h"
#include "server_process.h"
#include "sim_device.h"

namespace {

namespace fs = std::filesystem;
using namespace secap;

constexpr int kInstances = 3;
constexpr int kDevicesPerMunicipality = 7;
constexpr int kRounds = 8;
const std::vector<std::string> kMunicipalities{"Sztum", "Besko", "Zamość"};

// Sends each call to a random instance that is up, as a load balancer would.
class BalancedTransport : public core::SyncTransport {
 public:
  BalancedTransport(std::vector<std::unique_ptr<core::SyncTransport>> instances, std::vector<std::atomic<bool>>& up,
                    uint64_t seed)
      : m_instances(std::move(instances)), m_up(up), m_rng(seed) {}

  core::Result<v1::EnrollResponse> enroll(const v1::EnrollRequest& r) override { return pick().enroll(r); }
  core::Result<v1::PushResponse> push(const v1::PushRequest& r, const std::string& t) override {
    return pick().push(r, t);
  }
  core::Result<v1::PullResponse> pull(const v1::PullRequest& r, const std::string& t) override {
    return pick().pull(r, t);
  }

 private:
  core::SyncTransport& pick() {
    std::vector<size_t> live;
    for (size_t i = 0; i < m_up.size(); ++i)
      if (m_up[i]) live.push_back(i);
    // Right after a kill the balancer may still send to the dead instance.
    if (live.empty() || m_rng() % 10 == 0) return *m_instances[m_rng() % m_instances.size()];
    return *m_instances[live[m_rng() % live.size()]];
  }
  std::vector<std::unique_ptr<core::SyncTransport>> m_instances;
  std::vector<std::atomic<bool>>& m_up;
  std::mt19937_64 m_rng;
};

struct Device {
  std::string municipality;
  std::unique_ptr<sim::SimDevice> sim;  // its store, and enrollment
  std::unique_ptr<BalancedTransport> balanced;
  std::unique_ptr<core::SyncClient> client;
};

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::set<std::string> localReadings(core::LocalStore& store) {
  std::set<std::string> ids;
  for (const auto& r : store.allRecords())
    if (r.type == core::EntityType::kReading && !r.deleted) ids.insert(r.id);
  return ids;
}

}  // namespace

TEST(MultiInstance, ThreeInstancesOnOneDatabaseLoseSkipAndDuplicateNothing) {
  const char* base = std::getenv("SECAP_TEST_POSTGRES");
  if (!base || !*base) {
    if (std::getenv("SECAP_REQUIRE_POSTGRES")) FAIL() << "SECAP_TEST_POSTGRES is not set";
    GTEST_SKIP() << "no PostgreSQL cluster (run scripts/test.sh, or set SECAP_TEST_POSTGRES)";
  }
  const uint64_t seed = std::random_device{}();
  std::cout << "multi-instance seed " << seed << std::endl;
  std::mt19937_64 rng(seed);

  // A fresh database for this test.
  const std::string dbName = "multi_" + core::randomHex(6);
  {
    auto admin = server::pg::Conn::connect(base);
    ASSERT_TRUE(admin.isOk()) << admin.status().toString();
    ASSERT_TRUE((*admin)->exec("CREATE DATABASE " + dbName).isOk());
  }
  const std::string baseUrl = base;
  const std::string url = baseUrl.substr(0, baseUrl.rfind('/') + 1) + dbName;
  const fs::path root = fs::temp_directory_path() / ("secap_multi_" + std::to_string(::getpid()));
  fs::remove_all(root);
  const std::string blobs = (root / "shared").string();
  const std::string bin = SECAP_SYNCSERVER_BIN;
  e2e::run(bin + " demo-data --data-dir " + blobs + " --db " + url + " > /dev/null");

  std::vector<std::unique_ptr<e2e::ServerProcess>> servers;
  std::vector<std::atomic<bool>> up(kInstances);
  for (int i = 0; i < kInstances; ++i) {
    servers.push_back(std::make_unique<e2e::ServerProcess>(blobs, e2e::freePort(), e2e::freePort(),
                                                           std::vector<std::string>{"--db", url}));
    ASSERT_NO_FATAL_FAILURE(servers.back()->start());
    up[i] = true;
  }

  std::vector<Device> devices;
  for (const auto& m : kMunicipalities) {
    for (int k = 0; k < kDevicesPerMunicipality; ++k) {
      Device d;
      d.municipality = m;
      const auto dir = (root / ("dev" + std::to_string(devices.size()))).string();
      auto sim = sim::SimDevice::open(dir, servers[devices.size() % kInstances]->grpcTarget());
      ASSERT_TRUE(sim.isOk()) << sim.status().toString();
      d.sim = std::move(sim).value();
      const auto code = trimmed(e2e::run(bin + " admin enroll-code --db " + url + " --municipality " + m));
      ASSERT_TRUE(d.sim->enroll(code, "device " + std::to_string(devices.size())).isOk());
      std::vector<std::unique_ptr<core::SyncTransport>> instances;
      for (const auto& s : servers) instances.push_back(core::makeGrpcTransport(s->grpcTarget(), 10000));
      d.balanced = std::make_unique<BalancedTransport>(std::move(instances), up, rng());
      core::SyncOptions options;
      options.maxChangesPerPush = 40;  // many small pushes, so the kill lands mid-loop
      d.client = std::make_unique<core::SyncClient>(d.sim->store(), *d.balanced, options);
      ASSERT_TRUE(d.client->syncOnce().isOk());
      devices.push_back(std::move(d));
    }
  }

  // Rounds: every device records and syncs on its own thread. Half way, one
  // instance is killed while the pushes are under way.
  const int victim = static_cast<int>(rng() % kInstances);
  std::atomic<int> failedSyncs{0};
  for (int round = 0; round < kRounds; ++round) {
    std::vector<std::thread> threads;
    for (size_t i = 0; i < devices.size(); ++i) {
      threads.emplace_back([&, i, round] {
        auto& d = devices[i];
        auto saved = d.sim->recordReadings(30 + static_cast<int>((seed + i) % 30), seed + i * 1000 + round);
        ASSERT_TRUE(saved.isOk()) << saved.status().toString();
        if (!d.client->syncOnce().isOk()) ++failedSyncs;  // a dead instance: next round goes elsewhere
      });
    }
    if (round == kRounds / 2) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 80));
      servers[victim]->kill9();
      up[victim] = false;
      std::cout << "killed instance " << victim << " with -9" << std::endl;
    }
    for (auto& t : threads) t.join();
  }
  std::cout << failedSyncs << " sync rounds failed on the killed instance and were retried" << std::endl;

  // Everyone settles through the surviving instances. The balancer still
  // sends a call to the dead one now and then, and a round that meets it
  // fails, as a real device's would; it retries. First every device gets
  // its changes out; then every device completes one round after that, so
  // it has pulled what the others pushed last. A reading the server holds
  // that a device lacks after that was skipped, not merely not fetched yet.
  const auto syncUntilOk = [](Device& d) {
    for (int attempt = 0; attempt < 20; ++attempt)
      if (d.client->syncOnce().isOk()) return true;
    return false;
  };
  for (auto& d : devices) ASSERT_TRUE(syncUntilOk(d)) << "a device never completed a sync round";
  for (auto& d : devices) ASSERT_EQ(d.sim->store().pendingCount(), 0);
  for (auto& d : devices) ASSERT_TRUE(syncUntilOk(d)) << "a device never completed a sync round";

  auto store = server::PgStore::open(url, 2);
  ASSERT_TRUE(store.isOk()) << store.status().toString();
  auto municipalities = (*store)->allMunicipalities();
  ASSERT_TRUE(municipalities.isOk());
  std::map<std::string, std::string> idOf;
  for (const auto& m : *municipalities) idOf[m.entity.municipality().name()] = m.id;

  for (const auto& name : kMunicipalities) {
    SCOPED_TRACE(name);
    auto records = (*store)->recordsOf(idOf[name]);
    ASSERT_TRUE(records.isOk());
    std::set<std::string> onServer;
    for (const auto& r : *records)
      if (r.type == core::EntityType::kReading && !r.deleted) onServer.insert(r.id);
    std::set<std::string> recorded;
    for (auto& d : devices) {
      if (d.municipality != name) continue;
      EXPECT_EQ(d.sim->store().pendingCount(), 0) << "a device still has unsent changes";
      EXPECT_EQ(d.sim->store().rejectedCount(), 0);
      const auto local = localReadings(d.sim->store());
      std::vector<std::string> missing, extra;
      std::set_difference(onServer.begin(), onServer.end(), local.begin(), local.end(), std::back_inserter(missing));
      std::set_difference(local.begin(), local.end(), onServer.begin(), onServer.end(), std::back_inserter(extra));
      if (!missing.empty()) {
        // Where the missing ones sit against the device's cursor: at or
        // below it they were skipped; above it, never fetched.
        auto log = (*store)->changeLog(0, INT64_MAX, 10000000);
        std::map<std::string, const server::LoggedChange*> logged;
        if (log.isOk())
          for (const auto& c : *log) logged[c.change.entity_id()] = &c;
        const auto* first = logged.count(missing.front()) ? logged[missing.front()] : nullptr;
        int64_t lo = INT64_MAX, hi = 0;
        for (const auto& id : missing)
          if (logged.count(id)) lo = std::min(lo, logged[id]->seq), hi = std::max(hi, logged[id]->seq);
        std::cout << "device cursor " << d.sim->store().cursor() << ", missing seqs " << lo << ".." << hi
                  << ", first from " << (first ? first->change.origin_device_id() : "?") << " received at "
                  << (first ? first->change.received_at_ms() : 0) << std::endl;
      }
      EXPECT_TRUE(missing.empty()) << "a device skipped " << missing.size() << " readings, e.g. " << missing.front();
      EXPECT_TRUE(extra.empty()) << "a device holds " << extra.size() << " readings the server lacks, e.g. "
                                 << extra.front();
    }
    // The change log holds each recorded reading exactly once.
    auto log = (*store)->changeLog(0, INT64_MAX, 10000000);
    ASSERT_TRUE(log.isOk());
    std::map<std::string, int> times;
    for (const auto& c : *log)
      if (c.municipalityId == idOf[name] && c.change.has_reading()) ++times[c.change.entity_id()];
    for (const auto& [id, n] : times) EXPECT_EQ(n, 1) << "reading " << id << " was logged " << n << " times";
    EXPECT_EQ(times.size(), onServer.size());
  }

  for (auto& s : servers) s->stop();
  fs::remove_all(root);
  auto admin = server::pg::Conn::connect(base);
  if (admin.isOk()) (void)(*admin)->exec("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
}
