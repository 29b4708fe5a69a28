// secap-syncserver: serve, demo-data and admin commands (DESIGN.md §12).
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include "compaction.h"
#include "demo_data.h"
#include "enroll_qr.h"
#include "enrollment.h"
#include "ingest.h"
#include "secap/core/enroll_uri.h"
#include "secap/core/tls_pin.h"
#include "server.h"

namespace {

using namespace secap;
using namespace secap::server;

int fail(const core::Status& st) {
  fmt::print(stderr, "error: {}\n", st.message());
  return 1;
}

int runServe(const ServerConfig& config) {
  // Signals are taken by one thread with sigwait, so shutdown runs outside a handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  SyncServer server(config);
  if (auto st = server.start(); !st.isOk()) return fail(st);
  std::string grpcHost, httpHost;
  uint16_t ignored = 0;
  splitHostPort(config.grpcAddress, grpcHost, ignored);
  splitHostPort(config.httpAddress, httpHost, ignored);
  fmt::print("secap-syncserver: gRPC on {}:{}, HTTP on http://{}:{}/\n", grpcHost, server.grpcPort(), httpHost,
             server.httpPort());
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {}: draining in-flight calls", sig);
    server.shutdown(10000);
  });
  server.wait();
  waiter.join();
  spdlog::info("stopped");
  return 0;
}

// Where the admin commands find the store: --data-dir (SQLite) or --db.
struct StoreLocation {
  std::string dataDir;
  std::string databaseUrl;
};

void addStoreOptions(CLI::App* cmd, StoreLocation& where) {
  cmd->add_option("--data-dir", where.dataDir, "Data directory (SQLite database, attachment blobs)");
  cmd->add_option("--db", where.databaseUrl, "postgresql://user@host:port/db selects PostgreSQL instead of SQLite");
}

int runDemoData(const StoreLocation& where, uint64_t seed) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto existing = (*store)->allMunicipalities();
  if (!existing.isOk()) return fail(existing.status());
  if (existing->empty()) {
    DemoOptions options;
    options.seed = seed;
    options.nowMs = core::SystemClock::instance().nowMs();
    const auto changes = generateDemoData(options);
    size_t accepted = 0;
    for (size_t i = 0; i < changes.size(); i += 5000) {
      secap::v1::PushRequest batch;
      for (size_t j = i; j < std::min(changes.size(), i + 5000); ++j) *batch.add_changes() = changes[j];
      auto resp = applyPush(**store, serverWriter(), batch, options.nowMs);
      if (!resp.isOk()) return fail(resp.status());
      for (const auto& r : resp->results()) {
        if (r.outcome() == secap::v1::REJECTED) {
          fmt::print(stderr, "demo change {} rejected: {} {}\n", r.change_id(), r.reason_code(), r.message());
          return 1;
        }
        ++accepted;
      }
    }
    fmt::print("demo dataset created: {} records\n", accepted);
    existing = (*store)->allMunicipalities();
    if (!existing.isOk()) return fail(existing.status());
  } else {
    fmt::print("demo dataset already present; nothing changed\n");
  }
  for (const auto& m : *existing)
    fmt::print("  {}  {} ({})\n", m.id, m.entity.municipality().name(), m.entity.municipality().country());
  return 0;
}

struct EnrollCodeOptions {
  StoreLocation where;
  std::string municipality;
  std::string role = "field";
  int days = 7;
  std::string server = "127.0.0.1:50051";  // what devices will dial
  std::string tlsCertFile;                 // the server's certificate, for the pin
  std::string qrPngFile;
  bool qr = false;  // the URI and QR code too (implied by --server, --tls-cert, --qr-png)
  bool qrDarkOnLight = false;
};

// The pin of the certificate in `path`.
core::Result<std::string> pinOfCertificateFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::invalidArgument("cannot read the certificate file " + path);
  std::ostringstream pem;
  pem << in.rdbuf();
  auto pin = core::spkiPinOfCertificatePem(pem.str());
  if (!pin.isOk()) return core::invalidArgument(path + ": " + pin.status().message());
  return pin;
}

int runEnrollCode(const EnrollCodeOptions& o) {
  std::string host;
  uint16_t port = 0;
  if (!splitHostPort(o.server, host, port) || port == 0 || host == "0.0.0.0" || host == "::")
    return fail(
        core::invalidArgument("--server must be the HOST:PORT that devices dial, e.g. sync.example.org:50051 "
                              "(got '" +
                              o.server + "')"));
  core::EnrollInvite invite;
  invite.server = o.server;
  if (!o.tlsCertFile.empty()) {
    auto pin = pinOfCertificateFile(o.tlsCertFile);
    if (!pin.isOk()) return fail(pin.status());
    invite.spkiPin = *pin;
  }
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto m = findMunicipality(**store, o.municipality);
  if (!m.isOk()) return fail(m.status());
  auto code = issueEnrollmentCode(**store, m->id, o.role, core::SystemClock::instance(),
                                  static_cast<int64_t>(o.days) * 24 * 3600 * 1000);
  if (!code.isOk()) return fail(code.status());
  invite.code = *code;
  if (!o.qr) {
    // The bare code alone, as scripts capture it with $(...).
    fmt::print("{}\n", invite.code);
    return 0;
  }
  const std::string uri = core::buildEnrollUri(invite);
  auto qr = encodeQr(uri);
  if (!qr.isOk()) return fail(qr.status());

  fmt::print("code: {}\n", invite.code);
  fmt::print("uri:  {}\n", uri);
  fmt::print("valid {} days, for one device ({} in {})\n", o.days, o.role, m->entity.municipality().name());
  if (invite.spkiPin.empty() && !isLoopbackHost(invite.server))
    fmt::print(stderr,
               "warning: no --tls-cert, so the code carries no server key and devices will talk plain text to {}; "
               "that only works with a server run with --insecure\n",
               invite.server);
  fmt::print("\n{}\n", renderQrForTerminal(*qr, o.qrDarkOnLight));
  // The code is printed already, so a PNG that cannot be written wastes nothing.
  if (!o.qrPngFile.empty()) {
    if (auto st = writeQrPng(*qr, o.qrPngFile); !st.isOk()) return fail(st);
    fmt::print("QR code written to {}\n", o.qrPngFile);
  }
  return 0;
}

int runCompact(const StoreLocation& where, int64_t horizon) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  if (horizon <= 0) {
    auto wm = (*store)->watermark();
    if (!wm.isOk()) return fail(wm.status());
    horizon = *wm;
  }
  auto stats = compact(**store, horizon);
  if (!stats.isOk()) return fail(stats.status());
  fmt::print("compacted: {} of {} changes up to seq {} were fully superseded and removed\n", stats->removed,
             stats->examined, horizon);
  if (stats->removed > 0) fmt::print("devices whose cursor is below {} will do a full resync\n", stats->horizon);
  return 0;
}

int runAfterRestore(const StoreLocation& where) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto horizon = resetCursorsAfterRestore(**store);
  if (!horizon.isOk()) return fail(horizon.status());
  fmt::print(
      "prepared the restored store: new changes start after seq {}, and every device will do one full resync on its "
      "next sync.\nChanges acknowledged after the backup was taken are not in the restored store; devices drop them "
      "in the resync.\n",
      *horizon);
  return 0;
}

int runRedact(const StoreLocation& where, const std::string& attachmentId, const std::string& reason,
              const std::string& actor) {
  if (where.dataDir.empty())
    return fail(core::invalidArgument("give --data-dir: the attachment blobs live there (also with --db)"));
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto blobs = openAttachmentBlobs(where.dataDir);
  if (!blobs.isOk()) return fail(blobs.status());
  Attachments attachments(**store, **blobs, core::SystemClock::instance());
  auto done = attachments.redact(attachmentId, reason, actor);
  if (!done.isOk()) return fail(done.status());
  const RedactionOutcome& outcome = *done;
  fmt::print("attachment {} redacted (change seq {}); it syncs to devices as removed\n", outcome.attachmentId,
             outcome.serverSeq);
  fmt::print("{}\n", outcome.blobErased
                         ? "the photo's bytes were erased"
                         : "the bytes were kept: another attachment still shows the same photo, or it was never "
                           "uploaded");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"secap-syncserver: the SECAP Field sync server"};
  app.require_subcommand(1);

  ServerConfig config;
  auto* serve = app.add_subcommand("serve", "Serve gRPC sync and the HTTP API");
  serve->add_option("--data-dir", config.dataDir, "Data directory (SQLite database, attachment blobs)")->required();
  serve->add_option("--db", config.databaseUrl,
                    "postgresql://user@host:port/db selects PostgreSQL; several instances may share it");
  serve->add_option("--grpc", config.grpcAddress, "gRPC listen address host:port")->capture_default_str();
  serve->add_option("--http", config.httpAddress, "HTTP listen address host:port")->capture_default_str();
  serve->add_flag("--insecure", config.insecure, "Allow plain text on a non-loopback address");
  serve->add_option("--tls-cert", config.tlsCertFile, "PEM certificate: serve gRPC over TLS (with --tls-key)")
      ->check(CLI::ExistingFile);
  serve->add_option("--tls-key", config.tlsKeyFile, "PEM private key of --tls-cert")->check(CLI::ExistingFile);
  int64_t maxAttachmentMiB = kDefaultMaxBlobBytes / (1024 * 1024);
  serve->add_option("--max-attachment-mib", maxAttachmentMiB, "Largest photo or document accepted, in MiB")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));

  StoreLocation where;
  uint64_t seed = 2030;
  auto* demo = app.add_subcommand("demo-data", "Create the demo dataset of the seed municipalities");
  addStoreOptions(demo, where);
  demo->add_option("--seed", seed, "Random seed")->capture_default_str();

  auto* admin = app.add_subcommand("admin", "Administration");
  admin->require_subcommand(1);
  EnrollCodeOptions enroll;
  auto* enrollCode = admin->add_subcommand("enroll-code", "Issue a one-time enrollment code, its URI and QR code");
  addStoreOptions(enrollCode, enroll.where);
  enrollCode->add_option("--municipality", enroll.municipality, "Municipality name or id")->required();
  enrollCode->add_option("--role", enroll.role, "admin, coordinator, field, kiosk or partner")->capture_default_str();
  enrollCode->add_option("--days", enroll.days, "Days until the code expires")
      ->capture_default_str()
      ->check(CLI::Range(1, 90));
  auto* serverOpt = enrollCode->add_option("--server", enroll.server, "The HOST:PORT devices dial, put in the URI")
                        ->capture_default_str();
  auto* certOpt =
      enrollCode
          ->add_option("--tls-cert", enroll.tlsCertFile, "The server's PEM certificate: its key is pinned in the URI")
          ->check(CLI::ExistingFile);
  auto* pngOpt = enrollCode->add_option("--qr-png", enroll.qrPngFile, "Also write the QR code to this PNG file");
  auto* qrOpt = enrollCode->add_flag("--qr", enroll.qr,
                                     "Print the secap:// URI and draw the QR code too (implied by --server, "
                                     "--tls-cert and --qr-png); without them only the code is printed");
  enrollCode->add_flag("--qr-dark-on-light", enroll.qrDarkOnLight,
                       "Draw the terminal QR code for a terminal with a light background");

  int64_t horizon = 0;
  auto* compactCmd = admin->add_subcommand("compact", "Remove fully superseded changes from the change log");
  addStoreOptions(compactCmd, where);
  compactCmd->add_option("--horizon-seq", horizon, "Compact up to this seq (default: everything)");

  auto* afterRestore = admin->add_subcommand(
      "after-restore", "Run once on a store restored from backup, before serving it: devices then resync");
  addStoreOptions(afterRestore, where);

  std::string redactId, redactReason, redactActor = "admin";
  auto* redactCmd = admin->add_subcommand("redact",
                                          "Erase an attachment's photo for data protection (GDPR); the record stays as "
                                          "a logged tombstone");
  addStoreOptions(redactCmd, where);
  redactCmd->add_option("--attachment", redactId, "The attachment id")->required();
  redactCmd->add_option("--reason", redactReason, "Why, for the audit log")->required();
  redactCmd->add_option("--actor", redactActor, "Who asks, for the audit log")->capture_default_str();

  CLI11_PARSE(app, argc, argv);
  config.maxAttachmentBytes = maxAttachmentMiB * 1024 * 1024;
  if (*serve) return runServe(config);
  if (*redactCmd) return runRedact(where, redactId, redactReason, redactActor);
  if (*demo) return runDemoData(where, seed);
  if (*enrollCode) {
    enroll.qr = *qrOpt || *serverOpt || *certOpt || *pngOpt;
    return runEnrollCode(enroll);
  }
  if (*compactCmd) return runCompact(where, horizon);
  if (*afterRestore) return runAfterRestore(where);
  return 0;
}
