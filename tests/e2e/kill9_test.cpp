// kill -9 of the server in the middle of a push loop loses no acknowledged
// change (DESIGN.md §9): a device pushes batches as fast as it can, the
// server is killed at a random moment and restarted, and every change whose
// ACCEPTED or DUPLICATE verdict reached the device is on the server. The
// device then carries on and nothing is duplicated.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <set>

#include "secap/core/ids.h"
#include "server_process.h"
#include "sim_device.h"

namespace {

namespace fs = std::filesystem;
using namespace secap;

std::set<std::string> serverChangeIds(sim::SimDevice& probe) {
  // A fresh device's full pull lists every stored change of the municipality.
  std::set<std::string> ids;
  int64_t cursor = 0;
  const auto token = probe.store().accessToken()->value();
  while (true) {
    v1::PullRequest req;
    req.set_after_seq(cursor);
    req.set_schema_version(core::kSchemaVersion);
    auto page = probe.transport().pull(req, token);
    EXPECT_TRUE(page.isOk()) << page.status().toString();
    if (!page.isOk()) break;
    for (const auto& c : page->changes()) ids.insert(c.change_id());
    cursor = page->last_seq();
    if (!page->has_more()) break;
  }
  return ids;
}

// A spawned server on the demo data and a Sztum field device enrolled on
// it, in a fresh folder; the tests then push at the server and stop it.
class PushScene : public ::testing::Test {
 protected:
  void start(const std::string& name) {
    root = fs::temp_directory_path() / ("secap_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(root);
    data = (root / "server").string();
    e2e::run(bin + " demo-data --data-dir " + data + " > /dev/null");
    server = std::make_unique<e2e::ServerProcess>(data, e2e::freePort(), e2e::freePort());
    ASSERT_NO_FATAL_FAILURE(server->start());
    device = std::move(sim::SimDevice::open((root / "dev").string(), server->grpcTarget())).value();
    ASSERT_TRUE(device->enroll(code(), "pusher").isOk());
    ASSERT_TRUE(device->sync().isOk());
    token = device->store().accessToken()->value();
  }
  void TearDown() override {
    if (server) server->stop();
    fs::remove_all(root);
  }
  // A fresh one-time enrollment code for Sztum.
  std::string code() {
    std::string c = e2e::run(bin + " admin enroll-code --data-dir " + data + " --municipality Sztum");
    while (!c.empty() && c.back() == '\n') c.pop_back();
    return c;
  }
  // A device enrolled after the fact, to read what the server holds.
  std::unique_ptr<sim::SimDevice> probe() {
    auto p = std::move(sim::SimDevice::open((root / "probe").string(), server->grpcTarget())).value();
    const std::string c = code();
    auto st = p->enroll(c, "probe");
    EXPECT_TRUE(st.isOk()) << "probe enroll with code '" << c << "' failed: " << st.toString();
    return p;
  }

  const std::string bin = SECAP_SYNCSERVER_BIN;
  fs::path root;
  std::string data;
  std::unique_ptr<e2e::ServerProcess> server;
  std::unique_ptr<sim::SimDevice> device;
  std::string token;
};
class Kill9 : public PushScene {};
class Sigterm : public PushScene {};

}  // namespace

TEST_F(Kill9, AcknowledgedChangesSurviveTheServerBeingKilledMidPush) {
  const uint64_t seed = std::random_device{}();
  std::cout << "kill9 seed " << seed << std::endl;
  std::mt19937_64 rng(seed);
  ASSERT_NO_FATAL_FAILURE(start("kill9"));

  // Readings prepared offline, pushed in small batches by a loop that keeps
  // every verdict it receives.
  ASSERT_EQ(*device->recordReadings(600, seed), 600);
  const auto outbox = device->store().pendingOutbox(1000, 1 << 24);
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::thread pusher([&] {
    for (size_t i = 0; i < outbox.size() && !stop; i += 20) {
      v1::PushRequest req;
      req.set_schema_version(core::kSchemaVersion);
      for (size_t j = i; j < std::min(outbox.size(), i + 20); ++j) *req.add_changes() = outbox[j].change;
      auto resp = device->transport().push(req, token);
      if (!resp.isOk()) break;  // the server died under us
      for (const auto& r : resp->results())
        if (r.outcome() == v1::ACCEPTED || r.outcome() == v1::DUPLICATE) acknowledged.insert(r.change_id());
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 400));
  server->kill9();
  stop = true;
  pusher.join();
  std::cout << acknowledged.size() << " changes acknowledged before kill -9" << std::endl;

  ASSERT_NO_FATAL_FAILURE(server->start());
  auto probe = this->probe();
  const auto stored = serverChangeIds(*probe);
  for (const auto& id : acknowledged) EXPECT_TRUE(stored.count(id)) << "acknowledged change " << id << " was lost";

  // The device carries on through its normal sync: everything lands once.
  ASSERT_TRUE(device->sync().isOk());
  EXPECT_EQ(device->store().pendingCount(), 0);
  const auto after = serverChangeIds(*probe);
  for (const auto& e : outbox) EXPECT_TRUE(after.count(e.change.change_id()));
  std::set<std::string> readingIds;
  ASSERT_TRUE(probe->sync().isOk());
  for (const auto& m : probe->meters())
    for (const auto& r : probe->store().readings(m.id())) EXPECT_TRUE(readingIds.insert(r.id()).second);
}

// SIGTERM in the middle of a push loop (DESIGN.md §9, "the server drains
// in-flight calls"): every push call that was running is answered whole
// (each change with its verdict) or refused whole, the server exits with
// status 0 well within its 10 s grace, and after a restart every
// acknowledged change is there.
TEST_F(Sigterm, InFlightPushesAreAnsweredAndTheServerExitsWithinItsGrace) {
  ASSERT_NO_FATAL_FAILURE(start("sigterm"));
  ASSERT_EQ(*device->recordReadings(4000, 7), 4000);
  const auto outbox = device->store().pendingOutbox(5000, 1 << 26);

  std::set<std::string> acknowledged;
  std::atomic<int> answered{0};
  std::atomic<bool> partial{false};
  std::thread pusher([&] {
    for (size_t i = 0; i < outbox.size(); i += 400) {
      v1::PushRequest req;
      req.set_schema_version(core::kSchemaVersion);
      for (size_t j = i; j < std::min(outbox.size(), i + 400); ++j) *req.add_changes() = outbox[j].change;
      auto resp = device->transport().push(req, token);
      if (!resp.isOk()) break;  // refused whole: the server is going
      if (resp->results_size() != req.changes_size()) partial = true;
      for (const auto& r : resp->results())
        if (r.outcome() == v1::ACCEPTED || r.outcome() == v1::DUPLICATE) acknowledged.insert(r.change_id());
      ++answered;
    }
  });
  while (answered == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto t0 = std::chrono::steady_clock::now();
  const int status = server->terminate(std::chrono::seconds(15));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  pusher.join();
  std::cout << answered << " push calls answered, " << acknowledged.size() << " changes acknowledged; exit after "
            << took.count() << " ms" << std::endl;
  EXPECT_EQ(status, 0) << "the server did not drain and exit cleanly on SIGTERM";
  EXPECT_FALSE(partial) << "a push was answered for part of its changes";

  ASSERT_NO_FATAL_FAILURE(server->start());
  auto probe = this->probe();
  const auto stored = serverChangeIds(*probe);
  for (const auto& id : acknowledged) EXPECT_TRUE(stored.count(id)) << "acknowledged change " << id << " was lost";
  // The device carries on: everything lands once.
  ASSERT_TRUE(device->sync().isOk());
  EXPECT_EQ(device->store().pendingCount(), 0);
}
