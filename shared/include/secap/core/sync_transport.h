#pragma once
// SyncTransport: how the SyncClient reaches the server. GrpcSyncTransport is
// the real one (gzip, deadlines, bearer token); tests may wrap it to inject
// faults. Implementations are thread-safe.

#include <cstdint>
#include <memory>
#include <string>

#include "secap/core/status.h"
#include "secap/v1/sync.pb.h"

namespace secap::core {

// The protocol schema version this build speaks.
constexpr int32_t kSchemaVersion = 1;

class SyncTransport {
 public:
  virtual ~SyncTransport() = default;
  virtual Result<secap::v1::EnrollResponse> enroll(const secap::v1::EnrollRequest& request) = 0;
  virtual Result<secap::v1::PushResponse> push(const secap::v1::PushRequest& request, const std::string& token) = 0;
  virtual Result<secap::v1::PullResponse> pull(const secap::v1::PullRequest& request, const std::string& token) = 0;
};

// gRPC over plain text (loopback) for now. `target` is "host:port".
std::unique_ptr<SyncTransport> makeGrpcTransport(const std::string& target, int64_t deadlineMs = 30000);

}  // namespace secap::core
