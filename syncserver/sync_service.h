#pragma once
// SyncServiceImpl: the gRPC face of SyncService (DESIGN.md §4). It checks the
// bearer token and the schema version, takes the device's scope from its
// token (never from the request), and translates Status to grpc::Status.
// The work itself is in ingest.h and the Store. Thread-safe: gRPC calls it
// from its thread pool.

#include <grpcpp/grpcpp.h>

#include "attachments.h"
#include "secap/core/clock.h"
#include "secap/v1/sync.grpc.pb.h"
#include "store.h"

namespace secap::server {

// Limits of DESIGN.md §4 and §8.
inline constexpr int kMaxChangesPerPush = 5000;
inline constexpr int kMaxChangesPerPull = 5000;
inline constexpr size_t kMaxPullPageBytes = 4 * 1024 * 1024 - 64 * 1024;  // under the 4 MiB message cap
inline constexpr int64_t kEnrollmentCodeLifetimeMs = 7LL * 24 * 3600 * 1000;

class SyncServiceImpl final : public secap::v1::SyncService::Service {
 public:
  // `attachments` may be null: the attachment calls then answer UNIMPLEMENTED.
  SyncServiceImpl(Store& store, const core::Clock& clock, Attachments* attachments = nullptr)
      : m_store(store), m_clock(clock), m_attachments(attachments) {}

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
  // The calling device, or UNAUTHENTICATED / PERMISSION_DENIED.
  grpc::Status authenticate(grpc::ServerContext* ctx, DeviceRecord& device);

  Store& m_store;
  const core::Clock& m_clock;
  Attachments* m_attachments;
};

grpc::Status toGrpcStatus(const core::Status& st);

}  // namespace secap::server
