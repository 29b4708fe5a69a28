#pragma once
// The raw SyncService calls the server tests make (enroll, push, pull with a
// bearer token) and a reading change on the fixture's meter.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness.h"
#include "secap/core/ids.h"

namespace secap::testing::calls {

struct Device {
  std::string id;
  std::string token;
};

inline Device enroll(ServerHarness& h, const std::string& code, const std::string& installId) {
  grpc::ClientContext ctx;
  secap::v1::EnrollRequest req;
  req.set_enrollment_code(code);
  req.set_install_id(installId);
  req.set_device_name("Tablet kotłowni");
  req.set_platform("test");
  secap::v1::EnrollResponse resp;
  auto st = h.stub->Enroll(&ctx, req, &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return {resp.device_id(), resp.access_token()};
}

inline secap::v1::Change readingChange(secap::core::ManualClock& clock, double value, int64_t takenAt) {
  secap::v1::Change c;
  c.set_change_id(secap::core::newUuidV7(clock));
  c.set_entity_id(secap::core::newUuidV7(clock));
  c.set_hlc(secap::core::makeHlc(clock.nowMs(), 0));
  auto* r = c.mutable_reading();
  r->set_id(c.entity_id());
  r->set_meter_id(secap::testing::kMeterId);
  r->set_value(value);
  r->set_taken_at(takenAt);
  return c;
}

inline grpc::Status push(ServerHarness& h, const Device& d, const std::vector<secap::v1::Change>& changes,
                         secap::v1::PushResponse& resp, int32_t schema = 1) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + d.token);
  secap::v1::PushRequest req;
  req.set_schema_version(schema);
  for (const auto& c : changes) *req.add_changes() = c;
  return h.stub->Push(&ctx, req, &resp);
}

inline grpc::Status pull(ServerHarness& h, const Device& d, int64_t after, secap::v1::PullResponse& resp, int max = 0) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + d.token);
  secap::v1::PullRequest req;
  req.set_after_seq(after);
  req.set_max_changes(max);
  req.set_schema_version(1);
  return h.stub->Pull(&ctx, req, &resp);
}

}  // namespace secap::testing::calls
