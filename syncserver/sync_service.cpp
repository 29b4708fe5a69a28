#include "sync_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "compaction.h"
#include "enrollment.h"
#include "ingest.h"
#include "scope.h"
#include "secap/core/ids.h"
#include "secap/core/sync_transport.h"

namespace secap::server {

using core::StatusCode;

grpc::Status toGrpcStatus(const core::Status& st) {
  switch (st.code()) {
    case StatusCode::kOk:
      return grpc::Status::OK;
    case StatusCode::kInvalidArgument:
      return {grpc::StatusCode::INVALID_ARGUMENT, st.message()};
    case StatusCode::kNotFound:
      return {grpc::StatusCode::NOT_FOUND, st.message()};
    case StatusCode::kAlreadyExists:
      return {grpc::StatusCode::ALREADY_EXISTS, st.message()};
    case StatusCode::kFailedPrecondition:
      return {grpc::StatusCode::FAILED_PRECONDITION, st.message()};
    case StatusCode::kPermissionDenied:
      return {grpc::StatusCode::PERMISSION_DENIED, st.message()};
    case StatusCode::kUnauthenticated:
      return {grpc::StatusCode::UNAUTHENTICATED, st.message()};
    case StatusCode::kResourceExhausted:
      // The server's own disk, not the caller's message size: try later.
      return {grpc::StatusCode::UNAVAILABLE, st.message()};
    case StatusCode::kUnavailable:
      return {grpc::StatusCode::UNAVAILABLE, st.message()};
    case StatusCode::kDataLoss:
      return {grpc::StatusCode::DATA_LOSS, st.message()};
    case StatusCode::kAborted:
      // Still conflicting after the server's own retries: the client retries.
      return {grpc::StatusCode::UNAVAILABLE, st.message()};
    case StatusCode::kInternal:
      break;
  }
  return {grpc::StatusCode::INTERNAL, st.message()};
}

namespace {

grpc::Status checkSchema(int32_t version) {
  // 0 means an older tool that does not send it; it is read as version 1.
  // Older apps stay supported: what they cannot name they keep as unknown
  // and lose nothing (docs/PROTOCOL.md, schema versions).
  if (version < 0 || version > core::kSchemaVersion)
    return {grpc::StatusCode::FAILED_PRECONDITION,
            "this app version is not supported by the server (schema " + std::to_string(version) + ", server speaks " +
                std::to_string(core::kSchemaVersion) + "); please update the app"};
  return grpc::Status::OK;
}

}  // namespace

// --- Devices, roles and limits ---

grpc::Status SyncServiceImpl::authorize(grpc::ServerContext* ctx, Rpc rpc, DeviceRecord& device, bool& rescuePush) {
  rescuePush = false;
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return {grpc::StatusCode::UNAUTHENTICATED, "missing bearer token"};
  const std::string value(it->second.data(), it->second.size());
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.size() <= kPrefix.size() || value.compare(0, kPrefix.size(), kPrefix) != 0)
    return {grpc::StatusCode::UNAUTHENTICATED, "malformed authorization header"};
  auto found = m_store.deviceByTokenHash(core::sha256Hex(value.substr(kPrefix.size())));
  if (!found.isOk()) return toGrpcStatus(found.status());
  if (!found->has_value()) return {grpc::StatusCode::UNAUTHENTICATED, "unknown or replaced token"};
  device = **found;
  if (device.revokedAtMs != 0) {
    if (device.rescue == kRescueUsed) {
      ctx->AddTrailingMetadata(kWipeTrailer, "1");
      return {grpc::StatusCode::PERMISSION_DENIED,
              "this device was withdrawn by your coordinator; its data must be removed from it"};
    }
    if (device.rescue == kRescueAllowed && rpc == Rpc::kPush) {
      auto taken = m_store.takeRescue(device.id);
      if (!taken.isOk()) return toGrpcStatus(taken.status());
      if (*taken) {
        spdlog::warn("accepting the last push of withdrawn device {} ({})", device.id, device.name);
        rescuePush = true;
        return grpc::Status::OK;
      }
    }
    return {grpc::StatusCode::PERMISSION_DENIED,
            "this device was withdrawn by your coordinator; ask them if its unsent data should be saved"};
  }
  if (auto st = checkRate(ctx, device); !st.ok()) return st;
  if (device.roles.empty())
    return {grpc::StatusCode::PERMISSION_DENIED, "this device has no role in any municipality; ask your coordinator"};
  bool onlyPartner =
      std::all_of(device.roles.begin(), device.roles.end(), [](const auto& r) { return r.second == "partner"; });
  if (onlyPartner) return {grpc::StatusCode::PERMISSION_DENIED, "partners see shared aggregates only, not raw data"};
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::checkRate(grpc::ServerContext* ctx, const DeviceRecord& device) {
  if (m_limits.rateLimitPerMinute <= 0) return grpc::Status::OK;
  const int64_t now = m_clock.nowMs();
  const int64_t windowStart = now - now % kRateWindowMs;
  auto calls = m_store.countCall(device.id, windowStart);
  if (!calls.isOk()) return toGrpcStatus(calls.status());
  if (*calls <= m_limits.rateLimitPerMinute) return grpc::Status::OK;
  const int64_t retryAfter = windowStart + kRateWindowMs - now;
  ctx->AddTrailingMetadata(kRetryAfterTrailer, std::to_string(retryAfter));
  return {grpc::StatusCode::RESOURCE_EXHAUSTED, "this device syncs too often (more than " +
                                                    std::to_string(m_limits.rateLimitPerMinute) +
                                                    " calls a minute); it will try again shortly"};
}

grpc::Status SyncServiceImpl::Enroll(grpc::ServerContext*, const secap::v1::EnrollRequest* req,
                                     secap::v1::EnrollResponse* resp) {
  if (req->enrollment_code().empty() || req->enrollment_code().size() > 128)
    return {grpc::StatusCode::INVALID_ARGUMENT, "enrollment_code is required"};
  if (req->install_id().empty() || req->install_id().size() > 64)
    return {grpc::StatusCode::INVALID_ARGUMENT, "install_id is required"};
  if (req->device_name().size() > 200 || req->platform().size() > 100 || req->app_version().size() > 100)
    return {grpc::StatusCode::INVALID_ARGUMENT, "a device field is too long"};

  const std::string token = core::randomHex(32);
  EnrollAttempt attempt;
  attempt.codeHash = core::sha256Hex(normalizeEnrollmentCode(req->enrollment_code()));
  attempt.installId = req->install_id();
  attempt.deviceName = req->device_name();
  attempt.platform = req->platform();
  attempt.appVersion = req->app_version();
  attempt.newDeviceId = core::newUuidV7(m_clock);
  attempt.newTokenHash = core::sha256Hex(token);
  attempt.nowMs = m_clock.nowMs();
  auto device = m_store.enroll(attempt);
  if (!device.isOk()) return toGrpcStatus(device.status());
  // A retry with the code of a withdrawn device must not bring it back.
  if (device->revokedAtMs != 0)
    return {grpc::StatusCode::PERMISSION_DENIED, "this device was withdrawn by your coordinator"};
  spdlog::info("enrolled device {} ({}) as {} of {}", device->id, device->name, device->role, device->municipalityId);
  resp->set_device_id(device->id);
  resp->set_access_token(token);
  resp->set_municipality_id(device->municipalityId);
  resp->set_role(device->role);
  resp->set_server_time_ms(m_clock.nowMs());
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::Push(grpc::ServerContext* ctx, const secap::v1::PushRequest* req,
                                   secap::v1::PushResponse* resp) {
  DeviceRecord device;
  bool rescuePush = false;
  if (auto st = authorize(ctx, Rpc::kPush, device, rescuePush); !st.ok()) return st;
  // A rescue is used up only by a push that got its verdicts.
  struct GiveBack {
    Store& store;
    const std::string& deviceId;
    bool armed;
    ~GiveBack() {
      if (armed) (void)store.giveBackRescue(deviceId);
    }
  } giveBack{m_store, device.id, rescuePush};
  if (auto st = checkSchema(req->schema_version()); !st.ok()) return st;
  if (req->changes_size() > kMaxChangesPerPush)
    return {grpc::StatusCode::INVALID_ARGUMENT,
            "too many changes in one push (" + std::to_string(req->changes_size()) + ", at most 5000)"};
  double rollupSeconds = 0;
  auto result = applyPush(m_store, Writer{device.id, device.roles, device.sites}, *req, m_clock.nowMs(),
                          {.rollupSeconds = &rollupSeconds});
  if (!result.isOk()) {
    spdlog::error("push from {} failed: {}", device.id, result.status().toString());
    return toGrpcStatus(result.status());
  }
  *resp = std::move(result).value();
  if (m_metrics) {
    m_metrics->changes(*resp);
    m_metrics->rollupUpdate(rollupSeconds);
    m_metrics->deviceSeen(device.id, -1);
  }
  giveBack.armed = false;
  if (rescuePush) spdlog::warn("withdrawn device {} pushed its last {} changes", device.id, req->changes_size());
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::Pull(grpc::ServerContext* ctx, const secap::v1::PullRequest* req,
                                   secap::v1::PullResponse* resp) {
  DeviceRecord device;
  bool rescuePush = false;
  if (auto st = authorize(ctx, Rpc::kPull, device, rescuePush); !st.ok()) return st;
  if (auto st = checkSchema(req->schema_version()); !st.ok()) return st;
  if (req->after_seq() < 0) return {grpc::StatusCode::INVALID_ARGUMENT, "after_seq must not be negative"};
  if (m_metrics)
    m_metrics->deviceSeen(device.id, req->has_outbox_size() ? std::max<int64_t>(req->outbox_size(), 0) : -1);
  const int maxChanges = req->max_changes() > 0 ? std::min(req->max_changes(), kMaxChangesPerPull) : kMaxChangesPerPull;
  // The device's municipalities (from its token) and the reference data that
  // applies to everyone (emission factors, global inspection templates).
  auto scoped = pullScopeOf(m_store, device);
  if (!scoped.isOk()) return toGrpcStatus(scoped.status());
  const std::vector<std::string>& scopes = *scoped;
  PullFilter filter(m_store, device);
  if (req->full_resync()) {
    // The mark when this resync began: a scope change after it (a role, a
    // kiosk's photo published) bumps the device's mark, and then this resync
    // does not count as having caught up with it.
    int64_t markAtStart = device.resyncPending;
    if (!req->resync_cursor().empty()) {
      auto mark = resyncCursorMark(req->resync_cursor());
      if (!mark.isOk()) return toGrpcStatus(mark.status());
      markAtStart = *mark;
    }
    auto page = resyncPage(
        m_store, scopes, req->resync_cursor(), maxChanges, kMaxPullPageBytes,
        [&filter](const std::string& municipality, secap::v1::Change& c) { return filter.keep(municipality, c); },
        markAtStart);
    if (!page.isOk()) return toGrpcStatus(page.status());
    *resp = std::move(page).value();
    // The last page of a full resync: the device now holds its new scope.
    if (markAtStart != 0 && resp->resync_cursor().empty()) {
      if (auto st = m_store.clearResyncPending(device.id, markAtStart); !st.isOk()) return toGrpcStatus(st);
    }
    resp->set_server_time_ms(m_clock.nowMs());
    return grpc::Status::OK;
  }
  // A cursor from before the last compaction may have missed entries that
  // are gone now: the device must fetch the current state instead.
  auto horizon = m_store.compactionHorizon();
  if (!horizon.isOk()) return toGrpcStatus(horizon.status());
  // So must a device whose scope changed (a role granted or taken away).
  if ((req->after_seq() > 0 && req->after_seq() < *horizon) || device.resyncPending != 0) {
    resp->set_full_resync_required(true);
    resp->set_last_seq(req->after_seq());
    resp->set_server_time_ms(m_clock.nowMs());
    return grpc::Status::OK;
  }
  auto page = m_store.pull(scopes, req->after_seq(), maxChanges, kMaxPullPageBytes);
  if (!page.isOk()) return toGrpcStatus(page.status());
  for (auto& c : page->changes) *resp->add_changes() = std::move(c);
  if (auto st = filter.apply(*resp->mutable_changes(), page->municipalityIds); !st.isOk()) return toGrpcStatus(st);
  resp->set_last_seq(page->lastSeq);
  resp->set_has_more(page->hasMore);
  resp->set_server_time_ms(m_clock.nowMs());
  return grpc::Status::OK;
}

namespace {

const grpc::Status kNoAttachments{grpc::StatusCode::UNIMPLEMENTED,
                                  "this server stores no attachments (it was started without a data directory)"};

}  // namespace

grpc::Status SyncServiceImpl::UploadAttachment(grpc::ServerContext* ctx,
                                               grpc::ServerReader<secap::v1::AttachmentChunk>* reader,
                                               secap::v1::UploadAttachmentResponse* resp) {
  DeviceRecord device;
  bool rescuePush = false;  // never for attachments: a withdrawn device's rescue is one push of records
  if (auto st = authorize(ctx, Rpc::kAttachment, device, rescuePush); !st.ok()) return st;
  if (!m_attachments) return kNoAttachments;
  auto upload = m_attachments->beginUpload(device);
  secap::v1::AttachmentChunk chunk;
  while (reader->Read(&chunk)) {
    auto settled = upload.onChunk(chunk);
    if (!settled.isOk()) return toGrpcStatus(settled.status());
    if (settled->has_value()) {
      // Complete, or the device is not where the server stands: answer now;
      // gRPC drops whatever the device still sends on this call.
      *resp = std::move(**settled);
      return grpc::Status::OK;
    }
  }
  auto stands = upload.finish();
  if (!stands.isOk()) return toGrpcStatus(stands.status());
  *resp = std::move(stands).value();
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::GetUploadOffset(grpc::ServerContext* ctx, const secap::v1::UploadOffsetRequest* req,
                                              secap::v1::UploadOffsetResponse* resp) {
  DeviceRecord device;
  bool rescuePush = false;  // never for attachments: a withdrawn device's rescue is one push of records
  if (auto st = authorize(ctx, Rpc::kAttachment, device, rescuePush); !st.ok()) return st;
  if (!m_attachments) return kNoAttachments;
  auto r = m_attachments->uploadOffset(device, *req);
  if (!r.isOk()) return toGrpcStatus(r.status());
  *resp = std::move(r).value();
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::DownloadAttachment(grpc::ServerContext* ctx,
                                                 const secap::v1::DownloadAttachmentRequest* req,
                                                 grpc::ServerWriter<secap::v1::AttachmentChunk>* writer) {
  DeviceRecord device;
  bool rescuePush = false;  // never for attachments: a withdrawn device's rescue is one push of records
  if (auto st = authorize(ctx, Rpc::kAttachment, device, rescuePush); !st.ok()) return st;
  if (!m_attachments) return kNoAttachments;
  auto download = m_attachments->openDownload(device, *req);
  if (!download.isOk()) return toGrpcStatus(download.status());
  int64_t offset = download->offset;
  do {
    auto data = download->reader->read(offset, kMaxAttachmentChunkBytes);
    if (!data.isOk()) return toGrpcStatus(data.status());
    secap::v1::AttachmentChunk chunk;
    chunk.set_attachment_id(download->attachmentId);
    chunk.set_sha256(download->sha256);
    chunk.set_total_size(download->totalSize);
    chunk.set_offset(offset);
    offset += static_cast<int64_t>(data->size());
    const bool empty = data->empty();
    chunk.set_data(std::move(data).value());
    if (!writer->Write(chunk)) return {grpc::StatusCode::CANCELLED, "the device went away"};
    if (empty) break;  // an empty file, or a resume at its end: one empty chunk says so
  } while (offset < download->totalSize && !ctx->IsCancelled());
  return grpc::Status::OK;
}

}  // namespace secap::server
