#pragma once
// SyncServiceImpl: the gRPC face of SyncService (DESIGN.md §4). It checks the
// bearer token and the schema version, takes the device's scope from its
// token (never from the request), and translates Status to grpc::Status.
// The work itself is in ingest.h and the Store. Thread-safe: gRPC calls it
// from its thread pool.

#include <grpcpp/grpcpp.h>

#include "attachments.h"
#include "metrics.h"
#include "secap/core/clock.h"
#include "secap/v1/sync.grpc.pb.h"
#include "store.h"

namespace secap::server {

// Limits of DESIGN.md §4 and §8.
inline constexpr int kMaxChangesPerPush = 5000;
inline constexpr int kMaxChangesPerPull = 5000;
inline constexpr size_t kMaxPullPageBytes = 4 * 1024 * 1024 - 64 * 1024;  // under the 4 MiB message cap
inline constexpr int64_t kEnrollmentCodeLifetimeMs = 7LL * 24 * 3600 * 1000;

// Trailers of a refused call (docs/PROTOCOL.md): how long to wait when rate
// limited, and the order to wipe a withdrawn device.
inline constexpr const char* kRetryAfterTrailer = "retry-after-ms";
inline constexpr const char* kWipeTrailer = "secap-wipe";
inline constexpr int kDefaultRateLimitPerMinute = 600;
inline constexpr int64_t kRateWindowMs = 60000;

struct ServiceLimits {
  // Push and Pull calls per device per minute; 0 turns the limit off.
  int rateLimitPerMinute = kDefaultRateLimitPerMinute;
};

class SyncServiceImpl final : public secap::v1::SyncService::Service {
 public:
  // `attachments` may be null: the attachment calls then answer UNIMPLEMENTED.
  // `metrics` may be null: nothing is then counted.
  SyncServiceImpl(Store& store, const core::Clock& clock, Attachments* attachments = nullptr, ServiceLimits limits = {},
                  Metrics* metrics = nullptr)
      : m_store(store), m_clock(clock), m_attachments(attachments), m_limits(limits), m_metrics(metrics) {}

  grpc::Status Enroll(grpc::ServerContext* ctx, const secap::v1::EnrollRequest* req,
                      secap::v1::EnrollResponse* resp) override;
  grpc::Status Push(grpc::ServerContext* ctx, const secap::v1::PushRequest* req,
                    secap::v1::PushResponse* resp) override;
  grpc::Status Pull(grpc::ServerContext* ctx, const secap::v1::PullRequest* req,
                    secap::v1::PullResponse* resp) override;
  // Attachments (attachments.h). Synchronous handlers like the others: one
  // thread of gRPC's pool per stream while it runs.
  grpc::Status UploadAttachment(grpc::ServerContext* ctx, grpc::ServerReader<secap::v1::AttachmentChunk>* reader,
                                secap::v1::UploadAttachmentResponse* resp) override;
  grpc::Status GetUploadOffset(grpc::ServerContext* ctx, const secap::v1::UploadOffsetRequest* req,
                               secap::v1::UploadOffsetResponse* resp) override;
  grpc::Status DownloadAttachment(grpc::ServerContext* ctx, const secap::v1::DownloadAttachmentRequest* req,
                                  grpc::ServerWriter<secap::v1::AttachmentChunk>* writer) override;

 private:
  // --- Devices, roles and limits ---
  enum class Rpc { kPush, kPull, kAttachment };
  // The calling device, judged from its token alone: UNAUTHENTICATED (no or
  // an unknown token), PERMISSION_DENIED (revoked, with the wipe trailer once
  // its rescue is used; a partner; no role at all) or RESOURCE_EXHAUSTED
  // with retry-after-ms (rate limit). `rescuePush` is set when this is a
  // revoked device's one last push, which the caller must give back on failure.
  grpc::Status authorize(grpc::ServerContext* ctx, Rpc rpc, DeviceRecord& device, bool& rescuePush);
  grpc::Status checkRate(grpc::ServerContext* ctx, const DeviceRecord& device);

  Store& m_store;
  const core::Clock& m_clock;
  Attachments* m_attachments;
  ServiceLimits m_limits;
  Metrics* m_metrics;
};

grpc::Status toGrpcStatus(const core::Status& st);

}  // namespace secap::server
