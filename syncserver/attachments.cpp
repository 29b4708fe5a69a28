#include "attachments.h"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "ingest.h"
#include "secap/core/ids.h"

namespace secap::server {

using core::StatusCode;

namespace {

std::string mib(int64_t bytes) { return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0)); }

Status permissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }

}  // namespace

std::string attachmentUploadId(const std::string& deviceId, const std::string& sha256) {
  return deviceId + "_" + sha256;
}

Result<StoredEntity> Attachments::recordFor(const DeviceRecord& device, const std::string& attachmentId,
                                            bool forUpload) {
  // The device's role in the photo's municipality (a consultant holds roles
  // in several); an admin role anywhere reaches everything.
  const bool admin =
      std::any_of(device.roles.begin(), device.roles.end(), [](const auto& r) { return r.second == "admin"; });
  if (attachmentId.empty() || attachmentId.size() > 64) return core::invalidArgument("attachment_id is required");
  auto found = m_store.attachmentById(attachmentId);
  if (!found.isOk()) return found.status();
  std::string role;
  if (found->has_value()) {
    auto it = device.roles.find((*found)->municipalityId);
    role = admin ? "admin" : (it == device.roles.end() ? "" : it->second);
  }
  if (role == "partner") return permissionDenied("partners see shared aggregates only, not photos");
  if (forUpload && role == "kiosk") return permissionDenied("a kiosk cannot upload photos");
  // Another municipality's photo is "not found", so its existence does not leak.
  if (!found->has_value() || role.empty()) {
    return core::notFound(forUpload ? "there is no such attachment record on the server: the record is sent "
                                      "before its photo, so sync the records first"
                                    : "there is no such photo");
  }
  StoredEntity record = std::move(**found);
  if (record.deleted || record.entity.attachment().redacted())
    return core::notFound("this photo was removed for data protection and is no longer available");
  if (!forUpload && role == "kiosk" && !record.entity.attachment().publishable())
    return core::notFound("this photo is not published");
  return record;
}

// --- Upload ---

std::string Attachments::Upload::uploadId() const { return attachmentUploadId(m_device.id, m_sha256); }

Status Attachments::Upload::start(const secap::v1::AttachmentChunk& first) {
  if (!isSha256Hex(first.sha256())) return core::invalidArgument("sha256 must be 64 lowercase hex digits");
  const int64_t limit = m_owner.m_blobs.maxBlobBytes();
  if (first.total_size() <= 0) return core::invalidArgument("total_size must be more than 0 bytes");
  if (first.total_size() > limit)
    return core::invalidArgument("this file is " + mib(first.total_size()) + "; the server accepts at most " +
                                 mib(limit) + " per photo or document");
  auto record = m_owner.recordFor(m_device, first.attachment_id(), /*forUpload=*/true);
  if (!record.isOk()) return record.status();
  const auto& a = record->entity.attachment();
  if (a.sha256() != first.sha256())
    return core::invalidArgument("these bytes are not the content of attachment " + first.attachment_id() +
                                 " (its sha256 differs)");
  if (a.size() > 0 && a.size() != first.total_size())
    return core::invalidArgument("total_size differs from the size in the attachment record");
  m_attachmentId = first.attachment_id();
  m_sha256 = first.sha256();
  m_totalSize = first.total_size();
  m_started = true;
  auto staged = m_owner.m_blobs.stagedSize(uploadId());
  if (!staged.isOk()) return staged.status();
  m_offset = *staged;
  return Status::ok();
}

Result<std::optional<secap::v1::UploadAttachmentResponse>> Attachments::Upload::onChunk(
    const secap::v1::AttachmentChunk& chunk) {
  using Response = secap::v1::UploadAttachmentResponse;
  if (static_cast<int64_t>(chunk.data().size()) > kMaxAttachmentChunkBytes)
    return core::invalidArgument("a chunk carries at most 64 KiB (65536 bytes); this one has " +
                                 std::to_string(chunk.data().size()));
  if (!m_started) {
    SECAP_RETURN_IF_ERROR(start(chunk));
    // Content the server holds already (another device's copy, or an upload
    // that finished but whose answer was lost): nothing to store.
    auto exists = m_owner.m_blobs.exists(m_sha256);
    if (!exists.isOk()) return exists.status();
    if (*exists) {
      (void)m_owner.m_blobs.abort(uploadId());
      SECAP_RETURN_IF_ERROR(m_owner.m_store.removeUploadProgress(m_device.id, m_sha256));
      Response r;
      r.set_sha256(m_sha256);
      r.set_offset(m_totalSize);
      r.set_complete(true);
      return std::optional<Response>(r);
    }
  } else if (chunk.sha256() != m_sha256 || chunk.total_size() != m_totalSize ||
             (!chunk.attachment_id().empty() && chunk.attachment_id() != m_attachmentId)) {
    return core::invalidArgument("every chunk of one upload must carry the same attachment_id, sha256 and total_size");
  }
  if (chunk.offset() < 0 || chunk.offset() + static_cast<int64_t>(chunk.data().size()) > m_totalSize)
    return core::invalidArgument("the chunk lies outside the file (offset " + std::to_string(chunk.offset()) +
                                 ", total_size " + std::to_string(m_totalSize) + ")");

  if (!chunk.data().empty()) {
    auto appended = m_owner.m_blobs.append(uploadId(), chunk.offset(), chunk.data());
    if (!appended.isOk()) return appended.status();
    m_offset = appended->offset;
    if (!appended->appended) {
      // Not where the server stands: tell the device where to go on from.
      Response r;
      r.set_sha256(m_sha256);
      r.set_offset(m_offset);
      return std::optional<Response>(r);
    }
    UploadProgress progress{m_device.id, m_sha256, m_attachmentId, m_totalSize, m_offset, m_owner.m_clock.nowMs()};
    SECAP_RETURN_IF_ERROR(m_owner.m_store.putUploadProgress(progress));
  }
  if (m_offset < m_totalSize) return std::optional<Response>();

  auto done = m_owner.m_blobs.finalize(uploadId(), m_sha256);
  // Finished or refused, this upload is over: a refused one starts again at 0.
  SECAP_RETURN_IF_ERROR(m_owner.m_store.removeUploadProgress(m_device.id, m_sha256));
  if (!done.isOk()) {
    if (done.status().code() == StatusCode::kDataLoss) {
      spdlog::warn("attachment {} from device {} arrived damaged; discarded", m_attachmentId, m_device.id);
      return Status(StatusCode::kDataLoss,
                    "the photo arrived damaged (its checksum does not match); it must be sent again from the start");
    }
    return done.status();
  }
  spdlog::info("attachment {} ({} bytes) from device {} stored{}", m_attachmentId, m_totalSize, m_device.id,
               done->alreadyStored ? " (content was already there)" : "");
  Response r;
  r.set_sha256(m_sha256);
  r.set_offset(m_totalSize);
  r.set_complete(true);
  return std::optional<Response>(r);
}

Result<secap::v1::UploadAttachmentResponse> Attachments::Upload::finish() {
  if (!m_started) return core::invalidArgument("the upload carried no chunk");
  secap::v1::UploadAttachmentResponse r;
  r.set_sha256(m_sha256);
  r.set_offset(m_offset);
  return r;
}

Result<secap::v1::UploadOffsetResponse> Attachments::uploadOffset(const DeviceRecord& device,
                                                                  const secap::v1::UploadOffsetRequest& request) {
  if (!isSha256Hex(request.sha256())) return core::invalidArgument("sha256 must be 64 lowercase hex digits");
  auto record = recordFor(device, request.attachment_id(), /*forUpload=*/true);
  if (!record.isOk()) return record.status();
  if (record->entity.attachment().sha256() != request.sha256())
    return core::invalidArgument("sha256 differs from the attachment record's");
  secap::v1::UploadOffsetResponse resp;
  auto exists = m_blobs.exists(request.sha256());
  if (!exists.isOk()) return exists.status();
  if (*exists) {
    auto size = m_blobs.size(request.sha256());
    if (!size.isOk()) return size.status();
    resp.set_offset(*size);
    resp.set_complete(true);
    return resp;
  }
  // The staged bytes are the truth (each append is synced before it is
  // recorded); the Store row is what other instances and cleanup read.
  auto staged = m_blobs.stagedSize(attachmentUploadId(device.id, request.sha256()));
  if (!staged.isOk()) return staged.status();
  resp.set_offset(*staged);
  return resp;
}

// --- Download ---

Result<Attachments::Download> Attachments::openDownload(const DeviceRecord& device,
                                                        const secap::v1::DownloadAttachmentRequest& request) {
  auto record = recordFor(device, request.attachment_id(), /*forUpload=*/false);
  if (!record.isOk()) return record.status();
  const std::string sha = record->entity.attachment().sha256();
  auto reader = m_blobs.openForRead(sha);
  if (!reader.isOk()) {
    if (reader.status().code() == StatusCode::kNotFound)
      return core::notFound("this photo has not been uploaded to the server yet");
    return reader.status();
  }
  Download d;
  d.attachmentId = request.attachment_id();
  d.sha256 = sha;
  d.totalSize = (*reader)->size();
  if (request.offset() < 0 || request.offset() > d.totalSize)
    return core::invalidArgument("offset lies outside the file");
  d.offset = request.offset();
  d.reader = std::move(reader).value();
  return d;
}

// --- Redaction ---

Result<RedactionOutcome> Attachments::redact(const std::string& attachmentId, const std::string& reason,
                                             const std::string& actor) {
  if (reason.empty()) return core::invalidArgument("a reason is required for the audit log");
  auto found = m_store.attachmentById(attachmentId);
  if (!found.isOk()) return found.status();
  if (!found->has_value()) return core::notFound("there is no attachment " + attachmentId);
  const StoredEntity& record = **found;
  RedactionOutcome out;
  out.attachmentId = attachmentId;
  out.sha256 = record.entity.attachment().sha256();

  // 1. The record first, so no device uploads the content again.
  const int64_t now = m_clock.nowMs();
  secap::v1::PushRequest push;
  auto* change = push.add_changes();
  change->set_change_id(core::newUuidV7(m_clock));
  change->set_entity_id(attachmentId);
  change->set_hlc(std::max(core::makeHlc(now, 0), record.hlc + 1));
  change->add_fields("redacted");
  change->add_fields("publishable");
  auto* a = change->mutable_attachment();
  a->set_id(attachmentId);
  a->set_redacted(true);
  a->set_publishable(false);
  auto pushed = applyPush(m_store, serverWriter(), push, now);
  if (!pushed.isOk()) return pushed.status();
  const auto& result = pushed->results(0);
  if (result.outcome() == secap::v1::REJECTED)
    return core::internalError("the redaction was refused: " + result.reason_code() + " " + result.message());
  out.serverSeq = result.server_seq();

  // 2. The bytes, unless another live attachment still shows them.
  auto sharing = m_store.attachmentsWithContent(out.sha256);
  if (!sharing.isOk()) return sharing.status();
  const bool stillNeeded = std::any_of(sharing->begin(), sharing->end(), [&](const StoredEntity& e) {
    return e.id != attachmentId && !e.deleted && !e.entity.attachment().redacted();
  });
  if (!stillNeeded) {
    auto erased = m_blobs.erase(out.sha256);
    if (!erased.isOk()) return erased.status();
    out.blobErased = *erased;
  }

  // 3. Who, what, when.
  SECAP_RETURN_IF_ERROR(m_store.addAuditEntry(
      {.atMs = now,
       .actor = actor,
       .action = "attachment.redact",
       .detail = "attachment=" + attachmentId + " sha256=" + out.sha256 +
                 " blob_erased=" + (out.blobErased ? "yes" : "no") +
                 (stillNeeded ? " (content still used by another attachment)" : "") + " reason=" + reason}));
  spdlog::info("attachment {} redacted by {}: {}", attachmentId, actor, reason);
  return out;
}

}  // namespace secap::server
