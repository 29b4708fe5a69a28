#pragma once
// An in-process secap-syncserver on loopback with ephemeral ports, for the
// server tests: real gRPC, a real store (SQLite in a fresh directory, or a
// fresh PostgreSQL database in the "pg:" runs: test_backend.h), a manual
// clock.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "enrollment.h"
#include "fixtures.h"
#include "ingest.h"
#include "secap/v1/sync.grpc.pb.h"
#include "server.h"
#include "test_backend.h"

namespace secap::testing {

constexpr int64_t kServerNow = 1767225600000;  // 2026-01-01T00:00:00Z

class ServerHarness {
 public:
  // `configure` may change the config (TLS files, say) before the start.
  explicit ServerHarness(const std::string& name, const std::function<void(server::ServerConfig&)>& configure = {})
      : clock(kServerNow), dir(freshDir(name)) {
    server::ServerConfig config;
    config.dataDir = dir;
    config.databaseUrl = database.url();
    config.grpcAddress = "127.0.0.1:0";
    config.httpAddress = "127.0.0.1:0";
    if (configure) configure(config);
    srv = std::make_unique<server::SyncServer>(config, clock);
    auto st = srv->start();
    if (!st.isOk()) throw std::runtime_error(st.toString());
    channel = grpc::CreateChannel(target(), grpc::InsecureChannelCredentials());
    stub = secap::v1::SyncService::NewStub(channel);
  }

  std::string target() const { return "127.0.0.1:" + std::to_string(srv->grpcPort()); }

  // Seeds the store as the server itself would (admin writer).
  void seed(const std::vector<secap::v1::Change>& changes) {
    secap::v1::PushRequest req;
    for (const auto& c : changes) *req.add_changes() = c;
    auto resp = server::applyPush(srv->store(), server::serverWriter(), req, clock.nowMs());
    if (!resp.isOk()) throw std::runtime_error(resp.status().toString());
    for (const auto& r : resp->results())
      if (r.outcome() == secap::v1::REJECTED) throw std::runtime_error("seed rejected: " + r.reason_code());
  }

  std::string code(const std::string& municipalityId, const std::string& role = "field") {
    auto c = server::issueEnrollmentCode(srv->store(), municipalityId, role, clock, 7LL * 86400000);
    if (!c.isOk()) throw std::runtime_error(c.status().toString());
    return *c;
  }

  core::ManualClock clock;
  std::string dir;
  TestDatabase database;
  std::unique_ptr<server::SyncServer> srv;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<secap::v1::SyncService::Stub> stub;
};

// A second municipality, for tests of scopes across municipalities.
inline constexpr const char* kOtherMunicipality = "0190a000-0000-7000-8000-0000000000b1";

// The record of kOtherMunicipality, as the server would seed it.
inline secap::v1::Change otherMunicipalityChange(int64_t nowMs) {
  secap::v1::Change c;
  c.set_change_id("0190a000-0000-7000-9000-0000000000b1");
  c.set_entity_id(kOtherMunicipality);
  c.set_hlc(core::makeHlc(nowMs - 1000, 0));
  c.mutable_municipality()->set_id(kOtherMunicipality);
  c.mutable_municipality()->set_name("Schwäbisch Hall");
  return c;
}

// A change carrying `page`'s entity as if a device created it.
inline std::vector<secap::v1::Change> baseChanges(int64_t nowMs) {
  auto page = basePage(nowMs);
  std::vector<secap::v1::Change> out;
  for (auto c : page.changes()) {
    c.clear_server_seq();
    c.clear_origin_device_id();
    out.push_back(c);
  }
  return out;
}

}  // namespace secap::testing
