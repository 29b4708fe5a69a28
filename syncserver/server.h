#pragma once
// SyncServer: the composition root of secap-syncserver serve. It opens the
// store in the data directory, starts the gRPC services (SyncService,
// grpc.health.v1, reflection; gzip) over TLS when given a certificate and key,
// and the HTTP server, and on shutdown drains in-flight calls.
//
// Transport rule (DESIGN.md §8): gRPC and HTTP off loopback need TLS
// (--tls-cert and --tls-key, one certificate for both: gRPC over TLS and
// HTTPS) or an explicit --insecure. Not copyable; start/shutdown from one
// thread.

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "attachments.h"
#include "blob_store.h"
#include "http_server.h"
#include "importers.h"
#include "monitoring_service.h"
#include "reports.h"
#include "secap/core/clock.h"
#include "secap/core/host_port.h"
#include "store.h"
#include "sync_service.h"

namespace secap::server {

struct ServerConfig {
  std::string dataDir;                          // SQLite database (unless databaseUrl) and attachment blobs
  std::string databaseUrl;                      // postgresql://... selects PostgreSQL; empty: SQLite in dataDir
  std::string grpcAddress = "127.0.0.1:50051";  // host:port; port 0 picks a free one
  std::string httpAddress = "127.0.0.1:8080";
  bool insecure = false;    // allow plain text off loopback
  std::string tlsCertFile;  // PEM certificate (chain) for gRPC; with tlsKeyFile enables TLS
  std::string tlsKeyFile;   // PEM private key of tlsCertFile
  // The largest attachment accepted (DESIGN.md §4).
  int64_t maxAttachmentBytes = kDefaultMaxBlobBytes;
  int rateLimitPerMinute = kDefaultRateLimitPerMinute;  // per device; 0: off
  // Partial uploads untouched this long are removed (a device that comes
  // back later starts that photo again); checked at start and then hourly.
  int64_t staleUploadSeconds = 7LL * 24 * 3600;
  // A drop folder: files that appear there are imported (importers.h).
  std::string importDir;
  std::string importMunicipality;  // for files without a municipality column
  int importPollMs = 2000;
  int importSettleMs = 2000;  // a file is taken once unchanged this long
  // The web dashboard's built files (web_assets.h); empty: the build's own
  // <build>/web. Without them the API still serves and / answers 404.
  std::string webRoot;
};

class SyncServer {
 public:
  explicit SyncServer(ServerConfig config, const core::Clock& clock = core::SystemClock::instance());
  ~SyncServer();

  Status start();
  // Stops accepting calls and waits up to `graceMs` for running ones.
  void shutdown(int64_t graceMs = 10000);
  void wait();

  [[nodiscard]] int grpcPort() const { return m_grpcPort; }
  [[nodiscard]] int httpPort() const { return m_httpPort; }
  [[nodiscard]] bool tls() const { return !m_config.tlsCertFile.empty(); }
  Store& store() { return *m_store; }
  // The attachment bytes in <dataDir>/blobs (null without a data directory).
  DirectoryBlobStore* blobs() { return m_blobs.get(); }
  Attachments* attachments() { return m_attachments.get(); }

 private:
  ServerConfig m_config;
  const core::Clock& m_clock;
  std::unique_ptr<Store> m_store;
  std::unique_ptr<DirectoryBlobStore> m_blobs;
  std::unique_ptr<Attachments> m_attachments;
  std::unique_ptr<Metrics> m_metrics;
  std::unique_ptr<SyncServiceImpl> m_service;
  std::unique_ptr<StoreReports> m_reports;
  std::unique_ptr<MonitoringServiceImpl> m_monitoring;
  std::unique_ptr<WebAuth> m_webAuth;
  std::unique_ptr<WebAssets> m_webAssets;
  std::unique_ptr<HttpServer> m_http;
  std::unique_ptr<ImportFolder> m_imports;
  std::unique_ptr<grpc::Server> m_grpc;
  int m_grpcPort = 0;
  int m_httpPort = 0;
  // Housekeeping: removes abandoned partial uploads (staleUploadSeconds).
  void housekeeping();
  std::thread m_housekeeper;
  std::mutex m_housekeepingMu;
  std::condition_variable m_housekeepingWake;
  bool m_stopping = false;
};

// Opens the store: PostgreSQL when `databaseUrl` is a postgresql:// or
// postgres:// URL, otherwise SQLite in `dataDir` (created if needed).
// Migrations run on open, on either backend.
Result<std::unique_ptr<Store>> openStore(const std::string& dataDir, const std::string& databaseUrl = "");

// Opens the attachment blobs of a data directory: <dataDir>/blobs, with
// partial uploads in <dataDir>/staging.
Result<std::unique_ptr<DirectoryBlobStore>> openAttachmentBlobs(const std::string& dataDir,
                                                                int64_t maxBytes = kDefaultMaxBlobBytes);

// True when `url` selects the PostgreSQL backend.
bool isPostgresUrl(const std::string& url);

// Checks the transport rule above and reads the TLS files. Returns the
// server credentials to listen with; public for tests.
Result<std::shared_ptr<grpc::ServerCredentials>> grpcCredentials(const ServerConfig& config);

using core::isLoopbackHost;
using core::splitHostPort;

}  // namespace secap::server
