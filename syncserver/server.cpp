#include "server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "pg_store.h"
#include "sqlite_store.h"

namespace secap::server {

bool isPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> openStore(const std::string& dataDir, const std::string& databaseUrl) {
  if (isPostgresUrl(databaseUrl)) {
    auto store = PgStore::open(databaseUrl);
    if (!store.isOk()) return store.status();
    return std::unique_ptr<Store>(std::move(store).value());
  }
  if (!databaseUrl.empty())
    return core::invalidArgument("--db must be a postgresql:// URL (leave it out for SQLite in the data directory)");
  if (dataDir.empty()) return core::invalidArgument("give --data-dir (SQLite) or --db postgresql://...");
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec)
    return core::Status(core::StatusCode::kFailedPrecondition,
                        "cannot create data directory " + dataDir + ": " + ec.message());
  auto store = SqliteStore::open((std::filesystem::path(dataDir) / "secap.db").string());
  if (!store.isOk()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

bool splitHostPort(const std::string& hostPort, std::string& host, uint16_t& port) {
  const auto colon = hostPort.rfind(':');
  if (colon == std::string::npos) return false;
  host = hostPort.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    const int p = std::stoi(hostPort.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    port = static_cast<uint16_t>(p);
  } catch (...) {
    return false;
  }
  return !host.empty();
}

bool isLoopbackHost(const std::string& hostPort) {
  std::string host;
  uint16_t port = 0;
  if (!splitHostPort(hostPort, host, port)) return false;
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

SyncServer::SyncServer(ServerConfig config, const core::Clock& clock) : m_config(std::move(config)), m_clock(clock) {}

SyncServer::~SyncServer() { shutdown(0); }

Status SyncServer::start() {
  for (const auto* addr : {&m_config.grpcAddress, &m_config.httpAddress}) {
    if (!isLoopbackHost(*addr) && !m_config.insecure)
      return core::Status(core::StatusCode::kFailedPrecondition,
                          "refusing to serve plain text on " + *addr +
                              ": TLS is not available yet, so listen on loopback or pass --insecure");
  }
  auto store = openStore(m_config.dataDir, m_config.databaseUrl);
  if (!store.isOk()) return store.status();
  m_store = std::move(store).value();
  m_service = std::make_unique<SyncServiceImpl>(*m_store, m_clock);
  m_reports = std::make_unique<StoreReports>(*m_store);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(m_config.grpcAddress, grpc::InsecureServerCredentials(), &m_grpcPort);
  builder.RegisterService(m_service.get());
  builder.SetDefaultCompressionAlgorithm(GRPC_COMPRESS_GZIP);
  builder.SetMaxReceiveMessageSize(4 * 1024 * 1024);
  builder.SetMaxSendMessageSize(4 * 1024 * 1024);
  m_grpc = builder.BuildAndStart();
  if (!m_grpc || m_grpcPort == 0)
    return core::unavailable("cannot listen for gRPC on " + m_config.grpcAddress + " (is the port in use?)");

  std::string host;
  uint16_t port = 0;
  if (!splitHostPort(m_config.httpAddress, host, port))
    return core::invalidArgument("bad --http address " + m_config.httpAddress);
  m_http = std::make_unique<HttpServer>(*m_reports, 1);
  auto bound = m_http->start(host, port);
  if (!bound.isOk()) return bound.status();
  m_httpPort = *bound;
  spdlog::info("gRPC on port {}, HTTP on port {}, data in {}", m_grpcPort, m_httpPort, m_config.dataDir);
  return Status::ok();
}

void SyncServer::shutdown(int64_t graceMs) {
  if (m_grpc) {
    m_grpc->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(graceMs));
    m_grpc->Wait();
    m_grpc.reset();
  }
  if (m_http) {
    m_http->stop();
    m_http.reset();
  }
}

void SyncServer::wait() {
  if (m_grpc) m_grpc->Wait();
}

}  // namespace secap::server
