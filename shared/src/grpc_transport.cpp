#include <grpcpp/grpcpp.h>

#include "secap/core/sync_transport.h"
#include "secap/v1/sync.grpc.pb.h"

namespace secap::core {

namespace {

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
  GrpcSyncTransport(const std::string& target, int64_t deadlineMs) : m_deadlineMs(deadlineMs) {
    grpc::ChannelArguments args;
    args.SetCompressionAlgorithm(GRPC_COMPRESS_GZIP);
    args.SetMaxReceiveMessageSize(16 * 1024 * 1024);
    // Reconnect quickly after the server comes back; the SyncClient backs off itself.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    // Each transport owns its connection, as each phone does: no sharing of
    // a connection that a server crash left half-dead.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    m_channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
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
    std::string retryAfter;
    Status st = withOneRetry(
        [&](grpc::ClientContext& ctx) {
          grpc::Status s = m_stub->Push(&ctx, request, &response);
          const auto& trailers = ctx.GetServerTrailingMetadata();
          if (auto it = trailers.find("retry-after-ms"); it != trailers.end())
            retryAfter.assign(it->second.data(), it->second.size());
          return s;
        },
        token);
    if (!st.isOk()) {
      if (!retryAfter.empty()) return Status(st.code(), st.message() + " (retry-after-ms=" + retryAfter + ")");
      return st;
    }
    return response;
  }

  Result<secap::v1::PullResponse> pull(const secap::v1::PullRequest& request, const std::string& token) override {
    secap::v1::PullResponse response;
    Status st = withOneRetry([&](grpc::ClientContext& ctx) { return m_stub->Pull(&ctx, request, &response); }, token);
    if (!st.isOk()) return st;
    return response;
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
      st = fromGrpc(call(ctx));
      if (st.code() != StatusCode::kUnavailable) return st;
    }
    return st;
  }

  // A channel that failed before stays in reconnect backoff for a while; a
  // sync attempt asks it to connect now and waits briefly, so a server that
  // is back is used at once and an absent one fails fast.
  Status ensureConnected() const {
    const auto state = m_channel->GetState(/*try_to_connect=*/true);
    if (state == GRPC_CHANNEL_READY) return Status::ok();
    const auto limit = std::min<int64_t>(m_deadlineMs, kConnectWaitMs);
    if (m_channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::milliseconds(limit)))
      return Status::ok();
    return unavailable("the server cannot be reached");
  }

  static constexpr int64_t kConnectWaitMs = 5000;
  int64_t m_deadlineMs;
  std::shared_ptr<grpc::Channel> m_channel;
  std::unique_ptr<secap::v1::SyncService::Stub> m_stub;
};

}  // namespace

std::unique_ptr<SyncTransport> makeGrpcTransport(const std::string& target, int64_t deadlineMs) {
  return std::make_unique<GrpcSyncTransport>(target, deadlineMs);
}

}  // namespace secap::core
