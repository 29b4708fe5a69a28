#include <grpcpp/grpcpp.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <atomic>
#include <cstdlib>

#include "secap/core/sync_transport.h"
#include "secap/core/tls_pin.h"
#include "secap/v1/sync.grpc.pb.h"

namespace secap::core {

namespace {

// What the last handshake of one transport found: shared between the
// transport and its verifier, which gRPC calls on its own threads.
struct PinState {
  std::atomic<bool> mismatch{false};
};

// Accepts the server when the SPKI pin of its leaf certificate equals the
// expected one. gRPC has skipped the chain and host name checks (pin = trust).
class SpkiPinVerifier final : public grpc::experimental::ExternalCertificateVerifier {
 public:
  SpkiPinVerifier(std::string pin, std::shared_ptr<PinState> state)
      : m_pin(std::move(pin)), m_state(std::move(state)) {}

  bool Verify(grpc::experimental::TlsCustomVerificationCheckRequest* request, std::function<void(grpc::Status)>,
              grpc::Status* syncStatus) override {
    const grpc::string_ref pem = request->peer_cert();
    auto pin = spkiPinOfCertificatePem(std::string_view(pem.data(), pem.size()));
    const bool match = pin.isOk() && *pin == m_pin;
    m_state->mismatch = !match;
    *syncStatus = match ? grpc::Status::OK : grpc::Status(grpc::StatusCode::UNAUTHENTICATED, kServerKeyMismatchMessage);
    return true;  // decided synchronously
  }

  void Cancel(grpc::experimental::TlsCustomVerificationCheckRequest*) override {}

 private:
  const std::string m_pin;
  std::shared_ptr<PinState> m_state;
};

std::shared_ptr<grpc::ChannelCredentials> pinnedCredentials(const std::string& pin,
                                                            const std::shared_ptr<PinState>& state) {
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_verify_server_certs(false);
  options.set_check_call_host(false);
  options.set_certificate_verifier(
      grpc::experimental::ExternalCertificateVerifier::Create<SpkiPinVerifier>(pin, state));
  return grpc::experimental::TlsCredentials(options);
}

Status fromGrpc(const grpc::Status& s) {
  const std::string msg = s.error_message();
  switch (s.error_code()) {
    case grpc::StatusCode::OK:
      return Status::ok();
    case grpc::StatusCode::INVALID_ARGUMENT:
      return {StatusCode::kInvalidArgument, msg};
    case grpc::StatusCode::NOT_FOUND:
      return {StatusCode::kNotFound, msg};
    case grpc::StatusCode::ALREADY_EXISTS:
      return {StatusCode::kAlreadyExists, msg};
    case grpc::StatusCode::FAILED_PRECONDITION:
      return {StatusCode::kFailedPrecondition, msg};
    case grpc::StatusCode::PERMISSION_DENIED:
      return {StatusCode::kPermissionDenied, msg};
    case grpc::StatusCode::UNAUTHENTICATED:
      return {StatusCode::kUnauthenticated, msg};
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return {StatusCode::kResourceExhausted, msg};
    case grpc::StatusCode::DATA_LOSS:
      return {StatusCode::kDataLoss, msg};
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::ABORTED:
      return {StatusCode::kUnavailable, msg.empty() ? "server unreachable" : msg};
    default:
      return {StatusCode::kInternal, msg};
  }
}

class GrpcSyncTransport final : public SyncTransport {
 public:
  GrpcSyncTransport(const std::string& target, const TransportOptions& options) : m_deadlineMs(options.deadlineMs) {
    grpc::ChannelArguments args;
    args.SetCompressionAlgorithm(GRPC_COMPRESS_GZIP);
    args.SetMaxReceiveMessageSize(16 * 1024 * 1024);
    // Reconnect quickly after the server comes back; the SyncClient backs off itself.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    // Each transport owns its connection, as each phone does: no sharing of
    // a connection that a server crash left half-dead.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (options.spkiPin.empty()) {
      credentials = grpc::InsecureChannelCredentials();
    } else {
      m_pinState = std::make_shared<PinState>();
      credentials = pinnedCredentials(options.spkiPin, m_pinState);
    }
    m_channel = grpc::CreateCustomChannel(target, credentials, args);
    m_stub = secap::v1::SyncService::NewStub(m_channel);
  }

  Result<secap::v1::EnrollResponse> enroll(const secap::v1::EnrollRequest& request) override {
    secap::v1::EnrollResponse response;
    Status st = withOneRetry([&](grpc::ClientContext& ctx) { return m_stub->Enroll(&ctx, request, &response); }, "");
    if (!st.isOk()) return st;
    return response;
  }

  Result<secap::v1::PushResponse> push(const secap::v1::PushRequest& request, const std::string& token) override {
    secap::v1::PushResponse response;
    Status st = withOneRetry([&](grpc::ClientContext& ctx) { return m_stub->Push(&ctx, request, &response); }, token);
    if (!st.isOk()) return st;
    return response;
  }

  Result<secap::v1::PullResponse> pull(const secap::v1::PullRequest& request, const std::string& token) override {
    secap::v1::PullResponse response;
    Status st = withOneRetry([&](grpc::ClientContext& ctx) { return m_stub->Pull(&ctx, request, &response); }, token);
    if (!st.isOk()) return st;
    return response;
  }

  Result<secap::v1::UploadOffsetResponse> uploadOffset(const secap::v1::UploadOffsetRequest& request,
                                                       const std::string& token) override {
    secap::v1::UploadOffsetResponse response;
    Status st = withOneRetry(
        [&](grpc::ClientContext& ctx) { return m_stub->GetUploadOffset(&ctx, request, &response); }, token);
    if (!st.isOk()) return st;
    return response;
  }

  Result<secap::v1::UploadAttachmentResponse> uploadAttachment(const AttachmentChunkSource& next,
                                                               const std::string& token) override {
    // Not retried here: the chunk source is used up; the SyncClient asks
    // GetUploadOffset and goes on from where the server stands.
    if (Status c = ensureConnected(); !c.isOk()) return c;
    grpc::ClientContext ctx;
    prepare(ctx, token);
    // A whole photo over a slow link takes longer than one push.
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::milliseconds(m_deadlineMs * kUploadDeadlineFactor));
    // JPEG does not shrink under gzip: spare the phone's battery.
    ctx.set_compression_algorithm(GRPC_COMPRESS_NONE);
    secap::v1::UploadAttachmentResponse response;
    auto writer = m_stub->UploadAttachment(&ctx, &response);
    while (auto chunk = next()) {
      if (!writer->Write(*chunk)) break;  // The server answered early, or the link broke: Finish tells.
    }
    writer->WritesDone();
    Status st = fromGrpc(writer->Finish());
    if (!st.isOk()) {
      if (serverKeyMismatched()) return keyMismatch();
      return st;
    }
    return response;
  }

  Status downloadAttachment(const secap::v1::DownloadAttachmentRequest& request, const std::string& token,
                            const AttachmentChunkSink& sink) override {
    if (Status c = ensureConnected(); !c.isOk()) return c;
    grpc::ClientContext ctx;
    prepare(ctx, token);
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::milliseconds(m_deadlineMs * kUploadDeadlineFactor));
    auto reader = m_stub->DownloadAttachment(&ctx, request);
    secap::v1::AttachmentChunk chunk;
    Status refused;
    while (reader->Read(&chunk)) {
      refused = sink(chunk);
      if (!refused.isOk()) {
        ctx.TryCancel();
        break;
      }
    }
    Status st = fromGrpc(reader->Finish());
    if (!refused.isOk()) return refused;
    if (!st.isOk() && serverKeyMismatched()) return keyMismatch();
    return st;
  }

 private:
  void prepare(grpc::ClientContext& ctx, const std::string& token) const {
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(m_deadlineMs));
    ctx.set_compression_algorithm(GRPC_COMPRESS_GZIP);
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
  }

  // Every call here is safe to repeat (enrollment by install_id, pushes by
  // change_id, pulls by cursor), so a call that met a connection the server
  // had already dropped (a restart, a crash) is tried once more on a fresh
  // connection before the sync engine's backoff takes over.
  template <typename Call>
  Status withOneRetry(Call&& call, const std::string& token) {
    Status st;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (Status c = ensureConnected(); !c.isOk()) return c;
      grpc::ClientContext ctx;
      prepare(ctx, token);
      st = withTrailers(fromGrpc(call(ctx)), ctx);
      if (st.code() != StatusCode::kUnavailable) return st;
      if (serverKeyMismatched()) return keyMismatch();
    }
    return st;
  }

  // The orders a refused call carries in its trailers (sync_transport.h).
  static Status withTrailers(Status st, const grpc::ClientContext& ctx) {
    if (st.isOk()) return st;
    const auto& trailers = ctx.GetServerTrailingMetadata();
    if (auto it = trailers.find(kRetryAfterTrailer); it != trailers.end()) {
      const std::string value(it->second.data(), it->second.size());
      char* end = nullptr;
      const long long ms = std::strtoll(value.c_str(), &end, 10);
      if (end && *end == '\0' && ms > 0) st = withRetryAfter(st, ms);
    }
    if (auto it = trailers.find(kWipeTrailer); it != trailers.end() && it->second == "1") st = withWipeOrder(st);
    return st;
  }

  bool serverKeyMismatched() const { return m_pinState && m_pinState->mismatch; }
  static Status keyMismatch() { return {StatusCode::kUnauthenticated, kServerKeyMismatchMessage}; }

  // A channel that failed before stays in reconnect backoff for a while; a
  // sync attempt asks it to connect now and waits briefly, so a server that
  // is back is used at once and an absent one fails fast. A handshake that
  // found the wrong server key ends the wait at once.
  Status ensureConnected() const {
    auto state = m_channel->GetState(/*try_to_connect=*/true);
    const auto limit = std::min<int64_t>(m_deadlineMs, kConnectWaitMs);
    const auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(limit);
    while (state != GRPC_CHANNEL_READY) {
      if (state == GRPC_CHANNEL_TRANSIENT_FAILURE && serverKeyMismatched()) return keyMismatch();
      if (!m_channel->WaitForStateChange(state, deadline)) {
        if (serverKeyMismatched()) return keyMismatch();
        return unavailable("the server cannot be reached");
      }
      state = m_channel->GetState(/*try_to_connect=*/true);
    }
    return Status::ok();
  }

  static constexpr int64_t kConnectWaitMs = 5000;
  static constexpr int64_t kUploadDeadlineFactor = 20;
  int64_t m_deadlineMs;
  std::shared_ptr<PinState> m_pinState;  // null without a pin
  std::shared_ptr<grpc::Channel> m_channel;
  std::unique_ptr<secap::v1::SyncService::Stub> m_stub;
};

}  // namespace

Result<secap::v1::UploadOffsetResponse> SyncTransport::uploadOffset(const secap::v1::UploadOffsetRequest&,
                                                                    const std::string&) {
  return internalError("this connection cannot carry photos");
}

Result<secap::v1::UploadAttachmentResponse> SyncTransport::uploadAttachment(const AttachmentChunkSource&,
                                                                            const std::string&) {
  return internalError("this connection cannot carry photos");
}

Status SyncTransport::downloadAttachment(const secap::v1::DownloadAttachmentRequest&, const std::string&,
                                         const AttachmentChunkSink&) {
  return internalError("this connection cannot carry photos");
}

std::unique_ptr<SyncTransport> makeGrpcTransport(const std::string& target, const TransportOptions& options) {
  return std::make_unique<GrpcSyncTransport>(target, options);
}

std::unique_ptr<SyncTransport> makeGrpcTransport(const std::string& target, int64_t deadlineMs) {
  TransportOptions options;
  options.deadlineMs = deadlineMs;
  return makeGrpcTransport(target, options);
}

bool isServerKeyMismatch(const Status& status) {
  return status.code() == StatusCode::kUnauthenticated && status.message() == kServerKeyMismatchMessage;
}

}  // namespace secap::core

namespace secap::core {

namespace {
constexpr std::string_view kRetryAfterTag = "(retry-after-ms=";
constexpr std::string_view kWipeTag = "(secap-wipe)";
}  // namespace

Status withRetryAfter(const Status& status, int64_t retryAfterMs) {
  return {status.code(), status.message() + " " + std::string(kRetryAfterTag) + std::to_string(retryAfterMs) + ")"};
}

Status withWipeOrder(const Status& status) { return {status.code(), status.message() + " " + std::string(kWipeTag)}; }

int64_t retryAfterMsOf(const Status& status) {
  if (status.code() != StatusCode::kResourceExhausted) return 0;
  const auto pos = status.message().rfind(kRetryAfterTag);
  if (pos == std::string::npos) return 0;
  return std::strtoll(status.message().c_str() + pos + kRetryAfterTag.size(), nullptr, 10);
}

bool isWipeOrder(const Status& status) {
  return status.code() == StatusCode::kPermissionDenied && status.message().find(kWipeTag) != std::string::npos;
}

}  // namespace secap::core
