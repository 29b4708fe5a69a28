#pragma once
// Attachments: the server side of UploadAttachment, GetUploadOffset and
// DownloadAttachment (DESIGN.md §4 "Attachments") and of redaction (§8),
// with no gRPC in it: SyncServiceImpl feeds it decoded messages and
// translates its Status. docs/ATTACHMENTS.md describes the protocol.
//
// - The bytes go to a BlobStore (a directory shared by every instance); the
//   upload progress of each (device, sha256) is recorded in the Store, so
//   every instance sees it. An upload is staged per device and content, so
//   a damaged upload from one phone never spoils another's.
// - A device uploads only for an Attachment record that it may see and that
//   was pushed first ("records always sync before photos"), with the same
//   sha256; content the server holds already completes at once.
// - A chunk is appended only at the offset equal to the bytes staged;
//   otherwise the upload stops and answers with that offset.
// - On the last byte the SHA-256 is verified: a mismatch discards the
//   staging (kDataLoss) and the device starts again from offset 0.
//
// Thread-safe: any number of uploads and downloads at once, in any number of
// processes sharing the Store and the blob directory. An Upload and a
// Download each belong to one stream (one thread at a time).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "blob_store.h"
#include "secap/core/clock.h"
#include "secap/v1/sync.pb.h"
#include "store.h"

namespace secap::server {

// DESIGN.md §4: chunks carry at most 64 KiB.
inline constexpr int64_t kMaxAttachmentChunkBytes = 64 * 1024;

// What a redaction did.
struct RedactionOutcome {
  std::string attachmentId;
  std::string sha256;
  bool blobErased = false;  // false: another attachment still uses the content, or it was never uploaded
  int64_t serverSeq = 0;    // of the redacted change
};

class Attachments {
 public:
  Attachments(Store& store, BlobStore& blobs, const core::Clock& clock)
      : m_store(store), m_blobs(blobs), m_clock(clock) {}

  // One UploadAttachment stream of one device.
  class Upload {
   public:
    // Takes the next chunk. Returns the response when the upload is settled
    // (complete, or the chunk was not at the expected offset: the caller
    // stops reading and answers), nothing to keep reading, or an error that
    // ends the call (kInvalidArgument, kNotFound, kPermissionDenied,
    // kDataLoss).
    Result<std::optional<secap::v1::UploadAttachmentResponse>> onChunk(const secap::v1::AttachmentChunk& chunk);
    // The stream ended before the upload was settled: where it stands.
    Result<secap::v1::UploadAttachmentResponse> finish();

   private:
    friend class Attachments;
    Upload(Attachments& owner, DeviceRecord device) : m_owner(owner), m_device(std::move(device)) {}
    Status start(const secap::v1::AttachmentChunk& first);
    [[nodiscard]] std::string uploadId() const;

    Attachments& m_owner;
    DeviceRecord m_device;
    bool m_started = false;
    std::string m_attachmentId;
    std::string m_sha256;
    int64_t m_totalSize = 0;
    int64_t m_offset = 0;
  };

  Upload beginUpload(const DeviceRecord& device) { return Upload(*this, device); }
  Result<secap::v1::UploadOffsetResponse> uploadOffset(const DeviceRecord& device,
                                                       const secap::v1::UploadOffsetRequest& request);

  // One DownloadAttachment stream.
  struct Download {
    std::string attachmentId;
    std::string sha256;
    int64_t totalSize = 0;
    int64_t offset = 0;  // where the stream starts
    std::unique_ptr<BlobReader> reader;
  };
  // Opens the blob of an attachment in the device's scope (its municipality;
  // a kiosk only publishable ones). kNotFound for a redacted, deleted,
  // unknown or out-of-scope attachment, or bytes not uploaded yet.
  Result<Download> openDownload(const DeviceRecord& device, const secap::v1::DownloadAttachmentRequest& request);

  // Redaction (GDPR, DESIGN.md §8): marks the record redacted (and not
  // publishable) through the normal ingest path as the server, so it syncs
  // to every device; then erases the blob unless another attachment that is
  // not redacted has the same content; then writes an audit_log row.
  // `actor` is who asked (an operator's name, or "admin"). kNotFound for an
  // unknown attachment; a repeat is harmless.
  Result<RedactionOutcome> redact(const std::string& attachmentId, const std::string& reason, const std::string& actor);

 private:
  // The attachment record a device may upload to or download, or why not.
  Result<StoredEntity> recordFor(const DeviceRecord& device, const std::string& attachmentId, bool forUpload);

  Store& m_store;
  BlobStore& m_blobs;
  const core::Clock& m_clock;
};

// The staging id of one device's upload of one content.
std::string attachmentUploadId(const std::string& deviceId, const std::string& sha256);

}  // namespace secap::server
