#include "server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pg_store.h"
#include "rollups.h"
#include "secap/core/tls_pin.h"
#include "sqlite_store.h"

namespace secap::server {

bool isPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

namespace {

Result<std::unique_ptr<Store>> openBackend(const std::string& dataDir, const std::string& databaseUrl) {
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

}  // namespace

Result<std::unique_ptr<Store>> openStore(const std::string& dataDir, const std::string& databaseUrl) {
  auto store = openBackend(dataDir, databaseUrl);
  if (!store.isOk()) return store.status();
  // A store from before rollups gets them once, from its readings.
  SECAP_RETURN_IF_ERROR(ensureRollups(**store));
  return store;
}

Result<std::unique_ptr<DirectoryBlobStore>> openAttachmentBlobs(const std::string& dataDir, int64_t maxBytes) {
  // With PostgreSQL nothing else creates the data directory.
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec)
    return core::Status(core::StatusCode::kFailedPrecondition,
                        "cannot create data directory " + dataDir + ": " + ec.message());
  DirectoryBlobStoreOptions options;
  options.maxBlobBytes = maxBytes;
  return DirectoryBlobStore::open(dataDir, options);
}

namespace {

Result<std::string> readTextFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return core::Status(core::StatusCode::kFailedPrecondition,
                        std::string("cannot read the ") + what + " file " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<std::shared_ptr<grpc::ServerCredentials>> grpcCredentials(const ServerConfig& config) {
  if (config.tlsCertFile.empty() != config.tlsKeyFile.empty())
    return core::invalidArgument("TLS needs both --tls-cert and --tls-key (a PEM certificate and its private key)");
  if (config.tlsCertFile.empty()) {
    if (!isLoopbackHost(config.grpcAddress) && !config.insecure)
      return core::Status(core::StatusCode::kFailedPrecondition,
                          "refusing to serve gRPC without encryption on " + config.grpcAddress +
                              ": give the server a certificate with --tls-cert FILE --tls-key FILE, listen on "
                              "loopback (127.0.0.1), or pass --insecure on a network you trust");
    return grpc::InsecureServerCredentials();
  }
  auto cert = readTextFile(config.tlsCertFile, "TLS certificate (--tls-cert)");
  if (!cert.isOk()) return cert.status();
  auto key = readTextFile(config.tlsKeyFile, "TLS key (--tls-key)");
  if (!key.isOk()) return key.status();
  if (auto st = core::checkCertificateAndKeyPem(*cert, *key); !st.isOk())
    return core::invalidArgument(st.message() + " (--tls-cert " + config.tlsCertFile + ", --tls-key " +
                                 config.tlsKeyFile + ")");
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(options);
}

SyncServer::SyncServer(ServerConfig config, const core::Clock& clock) : m_config(std::move(config)), m_clock(clock) {}

SyncServer::~SyncServer() { shutdown(0); }

Status SyncServer::start() {
  auto credentials = grpcCredentials(m_config);
  if (!credentials.isOk()) return credentials.status();
  // HTTP follows the same rule as gRPC, with the same certificate: HTTPS
  // with --tls-cert and --tls-key, plain text only on loopback or --insecure.
  if (!tls() && !isLoopbackHost(m_config.httpAddress) && !m_config.insecure)
    return core::Status(core::StatusCode::kFailedPrecondition,
                        "refusing to serve the HTTP API and dashboard without encryption on " + m_config.httpAddress +
                            ": give the server a certificate with --tls-cert FILE --tls-key FILE, keep --http on "
                            "loopback (127.0.0.1), or pass --insecure behind a TLS proxy");
  auto store = openStore(m_config.dataDir, m_config.databaseUrl);
  if (!store.isOk()) return store.status();
  m_store = std::move(store).value();
  if (!m_config.dataDir.empty()) {
    // <dataDir>/blobs and <dataDir>/staging; shared by every instance.
    auto blobs = openAttachmentBlobs(m_config.dataDir, m_config.maxAttachmentBytes);
    if (!blobs.isOk()) return blobs.status();
    m_blobs = std::move(blobs).value();
    m_attachments = std::make_unique<Attachments>(*m_store, *m_blobs, m_clock);
  }
  m_metrics = std::make_unique<Metrics>(*m_store, m_clock);
  m_service = std::make_unique<SyncServiceImpl>(*m_store, m_clock, m_attachments.get(),
                                                ServiceLimits{m_config.rateLimitPerMinute}, m_metrics.get());
  m_reports = std::make_unique<StoreReports>(*m_store, m_clock, m_metrics.get());
  m_monitoring = std::make_unique<MonitoringServiceImpl>(*m_reports);
  m_webAuth = std::make_unique<WebAuth>(*m_store, m_clock);
  const std::string webRoot = m_config.webRoot.empty() ? std::string(SECAP_DASHBOARD_DIR) : m_config.webRoot;
  if (auto assets = WebAssets::load(webRoot); assets.isOk()) {
    m_webAssets = std::make_unique<WebAssets>(std::move(*assets));
    spdlog::info("web dashboard: {} files from {}", m_webAssets->size(), webRoot);
  } else {
    spdlog::warn("no web dashboard: {}", assets.status().message());
  }
  // Secure cookies over HTTPS, and wherever the browser is not on this
  // machine (behind a TLS proxy with --insecure).
  m_reports->enableWeb(m_webAuth.get(), m_webAssets.get(), tls() || !isLoopbackHost(m_config.httpAddress));
  m_reports->enablePhotos(m_blobs.get(), m_attachments.get());

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(m_config.grpcAddress, *credentials, &m_grpcPort);
  builder.RegisterService(m_service.get());
  builder.RegisterService(m_monitoring.get());
  builder.SetDefaultCompressionAlgorithm(GRPC_COMPRESS_GZIP);
  builder.SetMaxReceiveMessageSize(4 * 1024 * 1024);
  builder.SetMaxSendMessageSize(4 * 1024 * 1024);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(m_metrics->interceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  m_grpc = builder.BuildAndStart();
  if (!m_grpc || m_grpcPort == 0)
    return core::unavailable("cannot listen for gRPC on " + m_config.grpcAddress + " (is the port in use?)");

  std::string host;
  uint16_t port = 0;
  if (!splitHostPort(m_config.httpAddress, host, port))
    return core::invalidArgument("bad --http address " + m_config.httpAddress);
  m_http = std::make_unique<HttpServer>(*m_reports, 1);
  if (tls()) {
    auto cert = readTextFile(m_config.tlsCertFile, "TLS certificate (--tls-cert)");
    if (!cert.isOk()) return cert.status();
    auto key = readTextFile(m_config.tlsKeyFile, "TLS key (--tls-key)");
    if (!key.isOk()) return key.status();
    SECAP_RETURN_IF_ERROR(m_http->useTls(*cert, *key));
  }
  auto bound = m_http->start(host, port);
  if (!bound.isOk()) return bound.status();
  m_httpPort = *bound;
  spdlog::info("gRPC ({}) on port {}, HTTP on port {}, data in {}", tls() ? "TLS" : "plain text", m_grpcPort,
               m_httpPort, m_config.dataDir);
  if (m_blobs) m_housekeeper = std::thread([this] { housekeeping(); });
  if (!m_config.importDir.empty()) {
    m_imports = std::make_unique<ImportFolder>(*m_store, m_clock, m_config.importDir, m_config.importMunicipality,
                                               m_config.importSettleMs);
    SECAP_RETURN_IF_ERROR(m_imports->start(m_config.importPollMs));
  }
  return Status::ok();
}

void SyncServer::housekeeping() {
  std::unique_lock lock(m_housekeepingMu);
  while (!m_stopping) {
    lock.unlock();
    // Every instance may do this at once: the blob store skips uploads that
    // someone is writing to, and removing a file twice is harmless.
    auto removed = m_blobs->removeStaleUploads(m_config.staleUploadSeconds);
    if (!removed.isOk())
      spdlog::warn("cleaning up abandoned uploads failed: {}", removed.status().toString());
    else if (*removed > 0)
      spdlog::info("removed {} abandoned partial upload(s)", *removed);
    lock.lock();
    m_housekeepingWake.wait_for(lock, std::chrono::hours(1), [this] { return m_stopping; });
  }
}

void SyncServer::shutdown(int64_t graceMs) {
  {
    std::lock_guard lock(m_housekeepingMu);
    m_stopping = true;
  }
  m_housekeepingWake.notify_all();
  if (m_housekeeper.joinable()) m_housekeeper.join();
  if (m_imports) m_imports->stop();  // an import under way finishes first
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
