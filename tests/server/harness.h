#pragma once
// An in-process secap-syncserver on loopback with ephemeral ports, for the
// server tests: real gRPC, a real store (SQLite in a fresh directory, or a
// fresh PostgreSQL database in the "pg:" runs: test_backend.h), a manual
// clock.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "enrollment.h"
#include "fixtures.h"
#include "ingest.h"
#include "secap/core/ids.h"
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

  // A device enrolled with `role` in the municipality: its access token.
  std::string enrollToken(const std::string& municipalityId, const std::string& role) {
    secap::v1::EnrollRequest req;
    req.set_enrollment_code(code(municipalityId, role));
    req.set_install_id("install-" + core::randomHex(6));
    req.set_device_name(role + " tablet");
    secap::v1::EnrollResponse resp;
    grpc::ClientContext ctx;
    auto st = stub->Enroll(&ctx, req, &resp);
    if (!st.ok()) throw std::runtime_error("enroll: " + st.error_message());
    return resp.access_token();
  }

  // One pull from the start by the device of `token` (its outbox reported
  // when given).
  secap::v1::PullResponse pullAs(const std::string& token, std::optional<int64_t> outbox = std::nullopt) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    secap::v1::PullRequest req;
    req.set_schema_version(2);
    req.set_max_changes(5000);
    if (outbox) req.set_outbox_size(*outbox);
    secap::v1::PullResponse resp;
    auto st = stub->Pull(&ctx, req, &resp);
    if (!st.ok()) throw std::runtime_error("pull: " + st.error_message());
    return resp;
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

// A device's new reading of a meter, stamped now.
inline secap::v1::Change readingChange(const core::Clock& clock, const std::string& meterId, int64_t takenAt,
                                       double value) {
  secap::v1::Change c;
  c.set_change_id(core::newUuidV7(clock));
  c.set_entity_id(core::newUuidV7(clock));
  c.set_hlc(core::makeHlc(clock.nowMs(), 0));
  auto* r = c.mutable_reading();
  r->set_id(c.entity_id());
  r->set_meter_id(meterId);
  r->set_value(value);
  r->set_taken_at(takenAt);
  return c;
}

// A coordinator's change: the municipality now shares its progress.
inline secap::v1::Change shareProgressChange(const std::string& municipalityId, const core::Clock& clock) {
  secap::v1::Change share;
  share.set_change_id(core::newUuidV7(clock));
  share.set_entity_id(municipalityId);
  share.set_hlc(core::makeHlc(clock.nowMs(), 1));
  share.add_fields("share_progress");
  share.mutable_municipality()->set_id(municipalityId);
  share.mutable_municipality()->set_share_progress(true);
  return share;
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
