#pragma once
// SyncTransport: how the SyncClient reaches the server. GrpcSyncTransport is
// the real one (gzip, deadlines, bearer token, TLS pinned to the server's key
// when a pin is given); tests may wrap it to inject faults. Implementations
// are thread-safe.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "secap/core/status.h"
#include "secap/v1/sync.pb.h"

namespace secap::core {

// Gives the chunks of one UploadAttachment call in order; nothing when done.
// Called on the calling thread of uploadAttachment.
using AttachmentChunkSource = std::function<std::optional<secap::v1::AttachmentChunk>()>;

// Receives the chunks of one DownloadAttachment call in order. A non-OK
// Status stops the download (the transport cancels the call and returns it).
using AttachmentChunkSink = std::function<Status(const secap::v1::AttachmentChunk&)>;

// The protocol schema version this build speaks. 2 added PublishedInventory,
// the Covenant table A carriers, EmissionFactor.municipality_id and
// Municipality.climate_neutrality_year; the server still serves 1. A device
// whose last full sync was at an older version resyncs once after the
// upgrade, to fetch what it skipped as unknown.
constexpr int32_t kSchemaVersion = 2;

class SyncTransport {
 public:
  virtual ~SyncTransport() = default;
  virtual Result<secap::v1::EnrollResponse> enroll(const secap::v1::EnrollRequest& request) = 0;
  virtual Result<secap::v1::PushResponse> push(const secap::v1::PushRequest& request, const std::string& token) = 0;
  virtual Result<secap::v1::PullResponse> pull(const secap::v1::PullRequest& request, const std::string& token) = 0;

  // Attachments (docs/ATTACHMENTS.md). Not every transport carries them: the
  // defaults answer kInternal.
  virtual Result<secap::v1::UploadOffsetResponse> uploadOffset(const secap::v1::UploadOffsetRequest& request,
                                                               const std::string& token);
  // One UploadAttachment call that sends what `next` gives until it gives
  // nothing or the server answers early (another offset, or complete).
  virtual Result<secap::v1::UploadAttachmentResponse> uploadAttachment(const AttachmentChunkSource& next,
                                                                       const std::string& token);
  // One DownloadAttachment call: hands every chunk the server streams to
  // `sink`. Not retried: the caller resumes from the bytes it kept.
  virtual Status downloadAttachment(const secap::v1::DownloadAttachmentRequest& request, const std::string& token,
                                    const AttachmentChunkSink& sink);
};

struct TransportOptions {
  int64_t deadlineMs = 30000;
  // The pin of the server's certificate (tls_pin.h). Set: TLS, trusting the
  // server whose key has this pin and nothing else (no certificate
  // authority, no host name check). Empty: plain text, for loopback or a
  // server run with --insecure.
  std::string spkiPin;
};

// The message of the Status a call fails with when the server presents a key
// other than the pinned one (code kUnauthenticated). The app shows it as is.
inline constexpr const char* kServerKeyMismatchMessage =
    "the server's certificate does not match the one in the enrollment code: this may not be your server. "
    "Check the server address, or ask your coordinator for a new enrollment code";

// `target` is "host:port".
std::unique_ptr<SyncTransport> makeGrpcTransport(const std::string& target, const TransportOptions& options);
// Plain text (loopback, or a server run with --insecure).
std::unique_ptr<SyncTransport> makeGrpcTransport(const std::string& target, int64_t deadlineMs = 30000);

// True when `status` is the failure described by kServerKeyMismatchMessage.
bool isServerKeyMismatch(const Status& status);

// Orders in the trailers of a refused call (docs/PROTOCOL.md, SECURITY.md):
// `retry-after-ms` (rate limited: wait at least this long) and `secap-wipe`
// (the device was withdrawn: remove its data). A transport carries them on
// the Status it returns, appended to the message as "(retry-after-ms=N)" and
// "(secap-wipe)"; these functions add and read them.
inline constexpr const char* kRetryAfterTrailer = "retry-after-ms";
inline constexpr const char* kWipeTrailer = "secap-wipe";
Status withRetryAfter(const Status& status, int64_t retryAfterMs);
Status withWipeOrder(const Status& status);
// The wait the server asked for, or 0.
int64_t retryAfterMsOf(const Status& status);
bool isWipeOrder(const Status& status);

}  // namespace secap::core
