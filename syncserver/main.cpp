// secap-syncserver: serve, demo-data and admin commands (DESIGN.md §12).
#include <fmt/core.h>
#include <pwd.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "compaction.h"
#include "demo_data.h"
#include "enroll_qr.h"
#include "enrollment.h"
#include "importers.h"
#include "ingest.h"
#include "inventories.h"
#include "kiosk_pins.h"
#include "person_export.h"
#include "rollups.h"
#include "secap/core/enroll_uri.h"
#include "secap/core/kiosk_pin.h"
#include "secap/core/passwords.h"
#include "secap/core/sqlite.h"
#include "secap/core/text.h"
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
  fmt::print("secap-syncserver: gRPC on {}:{}, HTTP on {}://{}:{}/\n", grpcHost, server.grpcPort(),
             server.tls() ? "https" : "http", httpHost, server.httpPort());
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
    // With a data directory the inspections get photos, stored as blobs first.
    std::vector<DemoBlob> photos;
    const auto changes = generateDemoData(options, where.dataDir.empty() ? nullptr : &photos);
    if (!photos.empty()) {
      auto blobs = openAttachmentBlobs(where.dataDir);
      if (!blobs.isOk()) return fail(blobs.status());
      for (const auto& p : photos)
        if (auto put = (*blobs)->put(p.sha256, p.bytes); !put.isOk()) return fail(put.status());
    }
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
    // The month of invoices the dataset holds back, for the import folder.
    if (!where.dataDir.empty()) {
      const auto invoices = demoInvoiceFile(options);
      const std::string dir = where.dataDir + "/demo-samples";
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      std::ofstream file(dir + "/" + invoices.name, std::ios::binary | std::ios::trunc);
      file << invoices.text;
      file.close();
      if (!ec && file) fmt::print("utility invoices to import: {}/{}\n", dir, invoices.name);
    }
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
  std::vector<std::string> sites;
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
                                  static_cast<int64_t>(o.days) * 24 * 3600 * 1000, o.sites);
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
  if (!o.sites.empty()) fmt::print("the kiosk will show {} site(s) only\n", o.sites.size());
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

int runRebuildRollups(const StoreLocation& where) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto meters = rebuildRollups(**store);
  if (!meters.isOk()) return fail(meters.status());
  fmt::print("rebuilt the monthly rollups of {} meters from their readings\n", *meters);
  return 0;
}

// An online backup of the SQLite store (PostgreSQL: pg_dump, docs/DEPLOY.md).
int runBackup(const StoreLocation& where, const std::string& out) {
  if (isPostgresUrl(where.databaseUrl))
    return fail(core::invalidArgument(
        "a PostgreSQL store is backed up with pg_dump (docs/DEPLOY.md, Backup and restore), not this command"));
  if (where.dataDir.empty()) return fail(core::invalidArgument("give the server's --data-dir"));
  const std::string path = (std::filesystem::path(where.dataDir) / "secap.db").string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fail(core::notFound("there is no store at " + path));
  auto db = core::sqlite::Db::open(path);
  if (!db.isOk()) return fail(db.status());
  if (auto st = (*db)->backupTo(out); !st.isOk()) return fail(st);
  fmt::print("backup of {} written to {} ({} bytes); keep {}/blobs with it\n", path, out,
             std::filesystem::file_size(out, ec), where.dataDir);
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

// --- Devices, roles and limits ---

// Who runs an admin command, for the audit log.
std::string adminActor() {
  const char* user = std::getenv("USER");
  if (!user || !*user) user = std::getenv("LOGNAME");
  if (!user || !*user) {
    const passwd* pw = getpwuid(getuid());
    user = pw ? pw->pw_name : nullptr;
  }
  if (!user || !*user) return "admin:uid" + std::to_string(getuid());
  return std::string("admin:") + user;
}

std::string formatTime(int64_t ms) { return core::formatUtc(ms, "%Y-%m-%d %H:%M:%S UTC"); }

// "2026-11-23" or "2026-11-23T14:05[:00]" (UTC) in ms; nullopt if malformed.
std::optional<int64_t> parseDate(const std::string& text) {
  for (const char* format : {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"}) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), format, &tm);
    if (end && *end == '\0') return static_cast<int64_t>(timegm(&tm)) * 1000;
  }
  return std::nullopt;
}

struct DeviceCommand {
  StoreLocation where;
  std::string deviceId;
  std::string municipality;
  std::string role;
  bool allowRescue = false;
  std::string since;
  int limit = 100;
  std::vector<std::string> sites;
};

int runRevoke(const DeviceCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  const int64_t now = core::SystemClock::instance().nowMs();
  if (auto st = (*store)->revokeDevice(o.deviceId, o.allowRescue, now, adminActor()); !st.isOk()) return fail(st);
  fmt::print("device {} is withdrawn: every sync call it makes is refused from now on\n", o.deviceId);
  if (o.allowRescue)
    fmt::print("its next push of unsent data is still accepted once; after that it is told to wipe its data\n");
  else
    fmt::print("to save its unsent data first, run: secap-syncserver admin rescue --device {}\n", o.deviceId);
  return 0;
}

int runRescue(const DeviceCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  const int64_t now = core::SystemClock::instance().nowMs();
  if (auto st = (*store)->allowRescue(o.deviceId, now, adminActor()); !st.isOk()) return fail(st);
  fmt::print("withdrawn device {} may push its unsent data once more; after that it is told to wipe its data\n",
             o.deviceId);
  return 0;
}

int runGrant(const DeviceCommand& o, bool grant) {
  if (grant && !isKnownRole(o.role))
    return fail(
        core::invalidArgument("unknown role '" + o.role + "': use admin, coordinator, field, kiosk or partner"));
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto m = findMunicipality(**store, o.municipality);
  if (!m.isOk()) return fail(m.status());
  const int64_t now = core::SystemClock::instance().nowMs();
  const auto st = grant ? (*store)->grantRole(o.deviceId, m->id, o.role, now, adminActor())
                        : (*store)->ungrantRole(o.deviceId, m->id, now, adminActor());
  if (!st.isOk()) return fail(st);
  if (grant)
    fmt::print("device {} is now {} in {}\n", o.deviceId, o.role, m->entity.municipality().name());
  else
    fmt::print("device {} no longer has a role in {}\n", o.deviceId, m->entity.municipality().name());
  fmt::print("it will download its data afresh at its next sync\n");
  return 0;
}

int runBindSites(const DeviceCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto device = (*store)->deviceById(o.deviceId);
  if (!device.isOk()) return fail(device.status());
  if (!*device) return fail(core::notFound("there is no device " + o.deviceId));
  // Only sites of the municipalities where it is a kiosk.
  std::vector<std::string> kioskOf;
  for (const auto& [municipality, role] : (*device)->roles)
    if (role == "kiosk") kioskOf.push_back(municipality);
  if (kioskOf.empty()) return fail(core::invalidArgument("device " + o.deviceId + " is not a kiosk anywhere"));
  if (auto st = checkKioskSites(**store, kioskOf, o.sites); !st.isOk()) return fail(st);
  const int64_t now = core::SystemClock::instance().nowMs();
  if (auto st = (*store)->bindSites(o.deviceId, o.sites, now, adminActor()); !st.isOk()) return fail(st);
  if (o.sites.empty())
    fmt::print("kiosk {} is bound to no site: it shows its whole municipality\n", o.deviceId);
  else
    fmt::print("kiosk {} now shows {} site(s) only, from its next sync\n", o.deviceId, o.sites.size());
  return 0;
}

// The sites of a municipality with their ids, for --sites of enroll-code,
// bind-sites and kiosk-pin.
int runSites(const StoreLocation& where, const std::string& municipality) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto m = findMunicipality(**store, municipality);
  if (!m.isOk()) return fail(m.status());
  auto sites = (*store)->entitiesOf(core::EntityType::kSite, m->id);
  if (!sites.isOk()) return fail(sites.status());
  auto meters = (*store)->entitiesOf(core::EntityType::kMeter, m->id);
  if (!meters.isOk()) return fail(meters.status());
  std::sort(sites->begin(), sites->end(), [](const StoredEntity& a, const StoredEntity& b) {
    return a.entity.site().name() < b.entity.site().name();
  });
  for (const auto& site : *sites) {
    const auto count = std::count_if(meters->begin(), meters->end(), [&](const StoredEntity& meter) {
      return meter.entity.meter().site_id() == site.id;
    });
    fmt::print("{}  {}  ({} meter{}){}\n", site.id, site.entity.site().name(), count, count == 1 ? "" : "s",
               site.entity.site().address().empty() ? "" : ", " + site.entity.site().address());
  }
  if (sites->empty()) fmt::print("{} has no sites yet\n", m->entity.municipality().name());
  return 0;
}

struct KioskPinCommand {
  StoreLocation where;
  std::string municipality;
  KioskPinRequest request;
};

// A secret (PIN, password) from standard input: typed without echo at a
// terminal, or one line from a pipe. Never an argument, so it stays out of
// shell history and the process list.
std::string readSecret(const std::string& prompt) {
  const bool terminal = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (terminal) {
    fmt::print(stderr, "{}: ", prompt);
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string pin;
  std::getline(std::cin, pin);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    fmt::print(stderr, "\n");
  }
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == '\n')) pin.pop_back();
  return pin;
}

std::string readPin(const std::string& forWhom) {
  std::string pin =
      readSecret(fmt::format("PIN for {} ({} to {} digits)", forWhom, core::kMinPinDigits, core::kMaxPinDigits));
  while (!pin.empty() && pin.back() == ' ') pin.pop_back();
  return pin;
}

// --- Web dashboard users ---

struct WebUserCommand {
  StoreLocation where;
  std::string login;
  std::string municipality;
  std::string role = "coordinator";
  bool link = false;  // a one-time sign-in link instead of a password
  std::string baseUrl = "http://127.0.0.1:8080";
};

void printLink(const WebUserCommand& o, const std::string& token) {
  std::string base = o.baseUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  fmt::print("sign-in link for {} (one use, valid 24 hours):\n{}/signin#link={}\n", o.login, base, token);
}

int runWebUserAdd(const WebUserCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto m = findMunicipality(**store, o.municipality);
  if (!m.isOk()) return fail(m.status());
  std::string password;
  if (!o.link)
    password = readSecret(fmt::format("password for {} (at least {} characters)", o.login, core::kMinPasswordChars));
  WebAuth auth(**store);
  auto user = auth.addUser(o.login, m->id, o.role, password, adminActor());
  if (!user.isOk()) return fail(user.status());
  fmt::print("web user {} ({} in {}) added\n", user->login, o.role, m->entity.municipality().name());
  if (o.link) {
    auto token = auth.issueLink(user->login, adminActor());
    if (!token.isOk()) return fail(token.status());
    printLink(o, *token);
  }
  return 0;
}

int runWebUserLink(const WebUserCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto token = WebAuth(**store).issueLink(o.login, adminActor());
  if (!token.isOk()) return fail(token.status());
  printLink(o, *token);
  return 0;
}

int runWebUserPassword(const WebUserCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  const std::string password = readSecret(fmt::format("new password for {}", o.login));
  if (auto st = WebAuth(**store).setPassword(o.login, password, adminActor()); !st.isOk()) return fail(st);
  fmt::print("password of {} changed; their sessions have ended\n", o.login);
  return 0;
}

int runWebUserRevoke(const WebUserCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  if (auto st = WebAuth(**store).revoke(o.login, adminActor()); !st.isOk()) return fail(st);
  fmt::print("web user {} withdrawn: signed out everywhere, and cannot sign in again\n", o.login);
  return 0;
}

int runWebUserList(const StoreLocation& where) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto users = (*store)->webUsers();
  if (!users.isOk()) return fail(users.status());
  for (const auto& u : *users) {
    auto d = (*store)->deviceById(u.deviceId);
    if (!d.isOk()) return fail(d.status());
    const std::string role = d->has_value() ? (*d)->role + "@" + (*d)->municipalityId : "?";
    const bool withdrawn = !d->has_value() || (*d)->revokedAtMs != 0;
    fmt::print("{}  {}  {}{}\n", u.login, role, u.passwordHash.empty() ? "links only" : "password",
               withdrawn ? "  withdrawn" : "");
  }
  if (users->empty()) fmt::print("no web users\n");
  return 0;
}

int runKioskPin(KioskPinCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto m = findMunicipality(**store, o.municipality);
  if (!m.isOk()) return fail(m.status());
  o.request.municipalityId = m->id;
  if (!o.request.clear) {
    o.request.pin = readPin(o.request.displayName.empty() ? o.request.personId : o.request.displayName);
    if (auto st = core::checkKioskPin(o.request.pin); !st.isOk()) return fail(st);
  }
  auto person = setKioskPin(**store, o.request, core::SystemClock::instance(), adminActor());
  if (!person.isOk()) return fail(person.status());
  if (o.request.clear)
    fmt::print("person {} has no kiosk PIN any more; tablets drop it at their next sync\n", *person);
  else
    fmt::print("person {} can enter readings at the tablets of {} site(s) from their next sync\n", *person,
               o.request.sites.size());
  return 0;
}

int runDevices(const StoreLocation& where) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto devices = (*store)->allDevices();
  if (!devices.isOk()) return fail(devices.status());
  for (const auto& d : *devices) {
    std::string roles;
    for (const auto& [municipality, role] : d.roles) roles += (roles.empty() ? "" : ", ") + role + "@" + municipality;
    std::string state = "active";
    if (d.revokedAtMs != 0)
      state = "withdrawn " + formatTime(d.revokedAtMs) +
              (d.rescue == kRescueAllowed ? " (rescue allowed)"
               : d.rescue == kRescueUsed  ? " (rescued, wiping)"
                                          : "");
    if (!d.sites.empty()) state += " sites=" + std::to_string(d.sites.size());
    fmt::print("{}  {}  [{}]  {}\n", d.id, d.name, roles.empty() ? "no roles" : roles, state);
  }
  if (devices->empty()) fmt::print("no devices enrolled\n");
  return 0;
}

int runAudit(const DeviceCommand& o) {
  int64_t since = 0;
  if (!o.since.empty()) {
    auto parsed = parseDate(o.since);
    if (!parsed) return fail(core::invalidArgument("--since must look like 2026-11-23 or 2026-11-23T14:05 (UTC)"));
    since = *parsed;
  }
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto entries = (*store)->auditLog(since, o.limit);
  if (!entries.isOk()) return fail(entries.status());
  for (const auto& e : *entries) fmt::print("{}  {:<24} {:<22} {}\n", formatTime(e.atMs), e.actor, e.action, e.detail);
  if (entries->empty()) fmt::print("no administrative actions logged{}\n", o.since.empty() ? "" : " since " + o.since);
  return 0;
}

// --- Inventories ---

struct InventoryCommand {
  StoreLocation where;
  InventoryImportRequest import;
  std::string municipality;
  int year = 0;
  std::string out;
};

int runImportInventory(const InventoryCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto done = importPublishedInventory(**store, o.import, core::SystemClock::instance(), adminActor());
  if (!done.isOk()) return fail(done.status());
  const auto& inv = done->inventory;
  const std::string what = fmt::format("{} {} of {}", inv.kind() == secap::v1::INVENTORY_KIND_MEI ? "MEI" : "BEI",
                                       inv.year(), done->municipalityName);
  if (!done->added)
    fmt::print("the {} with these figures is there already (record {}); nothing added\n", what, done->inventoryId);
  else if (!done->supersededId.empty())
    fmt::print("imported the {} as record {}; it corrects record {}\n", what, done->inventoryId, done->supersededId);
  else
    fmt::print("imported the {} as record {} ({} lines)\n", what, done->inventoryId, inv.lines_size());
  if (done->lockedNow)
    fmt::print("the year {} is locked: reductions are computed against these figures as submitted\n", inv.year());
  if (inv.kind() == secap::v1::INVENTORY_KIND_BEI && done->baselineYear != 0 && inv.year() != done->baselineYear)
    fmt::print(stderr, "warning: the baseline year of {} is {}, not {}; reductions use the BEI of the baseline year\n",
               done->municipalityName, done->baselineYear, inv.year());
  return 0;
}

int runExportInventory(const InventoryCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto csv = exportInventoryCsv(**store, o.municipality, o.year);
  if (!csv.isOk()) return fail(csv.status());
  if (o.out.empty()) {
    fmt::print("{}", *csv);
    return 0;
  }
  std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
  file << *csv;
  file.close();
  if (!file) return fail(core::unavailable("could not write " + o.out + " (is the disk full?)"));
  fmt::print("written to {}\n", o.out);
  return 0;
}

int runImport(const StoreLocation& where, const ImportRequest& request) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto done = importFile(**store, request, core::SystemClock::instance());
  if (!done.isOk()) return fail(done.status());
  fmt::print("{}\n", describeImport(*done));
  return 0;
}

int runExportPerson(const StoreLocation& where, const std::string& id, const std::string& out) {
  auto store = openStore(where.dataDir, where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  auto done = exportPerson(**store, id, core::SystemClock::instance().nowMs(), adminActor());
  if (!done.isOk()) return fail(done.status());
  const std::string text = done->document.dump(2) + "\n";
  if (out.empty()) {
    fmt::print("{}", text);
    return 0;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return fail(core::unavailable("could not write " + out + " (is the disk full?)"));
  fmt::print("written to {}: {} records and {} log entries that name {}\n", out, done->records, done->audit, id);
  return 0;
}

int runProgress(const InventoryCommand& o) {
  auto store = openStore(o.where.dataDir, o.where.databaseUrl);
  if (!store.isOk()) return fail(store.status());
  if (!o.municipality.empty()) {
    auto progress = progressOf(**store, o.municipality);
    if (!progress.isOk()) return fail(progress.status());
    fmt::print("{}", describeProgress(*progress));
    return 0;
  }
  auto all = (*store)->allMunicipalities();
  if (!all.isOk()) return fail(all.status());
  std::sort(all->begin(), all->end(), [](const StoredEntity& a, const StoredEntity& b) {
    return a.entity.municipality().name() < b.entity.municipality().name();
  });
  for (const auto& m : *all) {
    auto progress = progressOf(**store, m.id);
    if (!progress.isOk()) return fail(progress.status());
    fmt::print("{}", summarizeProgress(*progress));
  }
  if (all->empty()) fmt::print("no municipalities yet\n");
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
  serve
      ->add_option("--tls-cert", config.tlsCertFile,
                   "PEM certificate: serve gRPC over TLS and HTTP as HTTPS (with --tls-key)")
      ->check(CLI::ExistingFile);
  serve->add_option("--tls-key", config.tlsKeyFile, "PEM private key of --tls-cert")->check(CLI::ExistingFile);
  serve->add_option("--import-dir", config.importDir,
                    "A drop folder: CSV files put there are imported by the kind their name starts with "
                    "(invoices-…, readings-…) and moved to done/ or failed/ with a report");
  serve->add_option("--web-root", config.webRoot,
                    "The web dashboard's built files (default: the build's own dashboard folder)");
  serve->add_option("--import-municipality", config.importMunicipality,
                    "The municipality of dropped files that have no municipality column");
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
  enrollCode
      ->add_option("--sites", enroll.sites,
                   "For a kiosk code: the site ids it shows and takes readings for (default: every site)")
      ->delimiter(',');
  enrollCode->add_flag("--qr-dark-on-light", enroll.qrDarkOnLight,
                       "Draw the terminal QR code for a terminal with a light background");

  int64_t horizon = 0;
  auto* compactCmd = admin->add_subcommand("compact", "Remove fully superseded changes from the change log");
  addStoreOptions(compactCmd, where);
  compactCmd->add_option("--horizon-seq", horizon, "Compact up to this seq (default: everything)");

  auto* rebuildCmd = admin->add_subcommand(
      "rebuild-rollups",
      "Recompute every meter's monthly rollups from its readings (they are kept up to date at ingest)");
  addStoreOptions(rebuildCmd, where);

  std::string backupOut;
  auto* backupCmd = admin->add_subcommand(
      "backup", "Copy the SQLite store while the server runs (SQLite's online backup API) into a new file");
  addStoreOptions(backupCmd, where);
  backupCmd->add_option("--out", backupOut, "The backup file to create (must not exist)")->required();

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

  // --- Devices, roles and limits ---
  serve
      ->add_option("--rate-limit-per-minute", config.rateLimitPerMinute,
                   "Sync calls a device may make per minute (0: no limit); shared by instances on one database")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  DeviceCommand dev;
  auto* revoke = admin->add_subcommand("revoke", "Withdraw a lost or retired device: all its sync calls are refused");
  addStoreOptions(revoke, dev.where);
  revoke->add_option("--device", dev.deviceId, "Device id (see admin devices)")->required();
  revoke->add_flag("--allow-rescue", dev.allowRescue,
                   "Accept its unsent data once more, then have it wipe its local data");
  auto* rescue = admin->add_subcommand("rescue", "Let a withdrawn device push its unsent data once, then wipe");
  addStoreOptions(rescue, dev.where);
  rescue->add_option("--device", dev.deviceId, "Device id")->required();
  auto* grant = admin->add_subcommand("grant", "Give a device a role in a municipality (or change it)");
  addStoreOptions(grant, dev.where);
  grant->add_option("--device", dev.deviceId, "Device id")->required();
  grant->add_option("--municipality", dev.municipality, "Municipality name or id")->required();
  grant->add_option("--role", dev.role, "admin, coordinator, field, kiosk or partner")->required();
  auto* ungrant = admin->add_subcommand("ungrant", "Take a device's role in a municipality away");
  addStoreOptions(ungrant, dev.where);
  ungrant->add_option("--device", dev.deviceId, "Device id")->required();
  ungrant->add_option("--municipality", dev.municipality, "Municipality name or id")->required();
  auto* bindSites = admin->add_subcommand("bind-sites", "Bind a kiosk to its sites: it then shows only those");
  addStoreOptions(bindSites, dev.where);
  bindSites->add_option("--device", dev.deviceId, "Kiosk device id")->required();
  bindSites->add_option("--sites", dev.sites, "Site ids, comma separated; empty (--sites '') unbinds")
      ->required()
      ->delimiter(',');
  std::string sitesOf;
  auto* sitesCmd = admin->add_subcommand("sites", "List a municipality's sites with their ids");
  addStoreOptions(sitesCmd, where);
  sitesCmd->add_option("--municipality", sitesOf, "Municipality name or id")->required();
  KioskPinCommand pinCmd;
  auto* kioskPin = admin->add_subcommand(
      "kiosk-pin", "Give a caretaker a PIN for the wall tablets of some sites (the PIN is read from standard input)");
  addStoreOptions(kioskPin, pinCmd.where);
  kioskPin->add_option("--municipality", pinCmd.municipality, "Municipality name or id")->required();
  kioskPin->add_option("--name", pinCmd.request.displayName, "The caretaker's name, as the tablet lists it");
  kioskPin->add_option("--person", pinCmd.request.personId, "An existing person's id (default: a new person)");
  kioskPin->add_option("--sites", pinCmd.request.sites, "Site ids where the PIN works, comma separated")
      ->delimiter(',');
  kioskPin->add_flag("--clear", pinCmd.request.clear, "Take the person's PIN away");
  WebUserCommand web;
  auto* webUser = admin->add_subcommand("web-user", "Manage the web dashboard's users");
  webUser->require_subcommand(1);
  auto* webAdd = webUser->add_subcommand(
      "add", "Add a web user (the password is read from standard input, or --link prints a sign-in link)");
  auto* webLink = webUser->add_subcommand("link", "Print a one-time sign-in link for a web user");
  auto* webPassword = webUser->add_subcommand("password", "Set a web user's password (read from standard input)");
  auto* webRevoke = webUser->add_subcommand("revoke", "Withdraw a web user: signed out everywhere");
  auto* webList = webUser->add_subcommand("list", "List the web users");
  for (auto* cmd : {webAdd, webLink, webPassword, webRevoke, webList}) addStoreOptions(cmd, web.where);
  for (auto* cmd : {webAdd, webLink, webPassword, webRevoke})
    cmd->add_option("--login", web.login, "The user's login (letters, digits, . _ @ -)")->required();
  webAdd->add_option("--municipality", web.municipality, "Municipality name or id")->required();
  webAdd->add_option("--role", web.role, "coordinator, partner, admin or field")->capture_default_str();
  webAdd->add_flag("--link", web.link, "No password: print a one-time sign-in link instead");
  for (auto* cmd : {webAdd, webLink})
    cmd->add_option("--base-url", web.baseUrl, "The dashboard's address, for the link")->capture_default_str();
  auto* devicesCmd = admin->add_subcommand("devices", "List enrolled devices, their roles and whether withdrawn");
  addStoreOptions(devicesCmd, dev.where);
  auto* auditCmd = admin->add_subcommand("audit", "Show the log of administrative actions, oldest first");
  addStoreOptions(auditCmd, dev.where);
  auditCmd->add_option("--since", dev.since, "Only from this date on (UTC), e.g. 2026-11-23 or 2026-11-23T14:05");
  auditCmd->add_option("--limit", dev.limit, "At most this many (the newest)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));

  // --- Inventories ---
  InventoryCommand inv;
  auto* importCmd = admin->add_subcommand("import", "Import data from files");
  importCmd->require_subcommand(1);
  auto* importInventory = importCmd->add_subcommand(
      "published-inventory",
      "Import a BEI or MEI as submitted to the Covenant of Mayors (the CSV of 'admin export inventory'); a BEI "
      "locks its year");
  addStoreOptions(importInventory, inv.where);
  importInventory->add_option("file", inv.import.path, "The CSV file (tables A and B, C and D where present)")
      ->required()
      ->check(CLI::ExistingFile);
  importInventory->add_option("--municipality", inv.import.municipality,
                              "Municipality name or id (default: the one the file's first line names)");
  bool noLock = false;
  importInventory->add_flag("--no-lock", noLock, "Do not lock the BEI's year (its figures may then be recomputed)");
  // The CSV importers, one subcommand a kind (docs/IMPORT.md).
  ImportRequest importRequest;
  std::vector<std::pair<CLI::App*, ImportKind>> importCmds;
  for (auto [kind, help] : std::initializer_list<std::pair<ImportKind, const char*>>{
           {ImportKind::kSites, "Sites (buildings, lighting circuits): by name"},
           {ImportKind::kMeters, "Meters of the sites: by serial"},
           {ImportKind::kMeasures, "The plan's measures: by code"},
           {ImportKind::kReadings, "Meter readings (a logger's or a portal's export)"},
           {ImportKind::kInvoices, "Utility invoices: each period's consumption of a meter"},
           {ImportKind::kActivity, "Activity data for the inventory: MWh by year, sector and carrier"},
           {ImportKind::kDegreeDays, "Heating degree days by month"},
           {ImportKind::kEmissionFactors, "Emission factors: national (no municipality) or a municipality's own"}}) {
    auto* cmd = importCmd->add_subcommand(std::string(importKindName(kind)),
                                          std::string(help) + "; all or nothing, and the same file again adds nothing");
    addStoreOptions(cmd, where);
    cmd->add_option("file", importRequest.path, "The CSV file (docs/IMPORT.md: its columns)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--municipality", importRequest.municipality,
                    "Municipality name or id, for rows without a municipality column");
    importCmds.emplace_back(cmd, kind);
  }
  auto* exportCmd = admin->add_subcommand("export", "Export data as files");
  exportCmd->require_subcommand(1);
  auto* exportInventory = exportCmd->add_subcommand(
      "inventory", "A year's inventory as the Covenant of Mayors CSV (tables A-D), published or computed");
  addStoreOptions(exportInventory, inv.where);
  exportInventory->add_option("--municipality", inv.municipality, "Municipality name or id")->required();
  exportInventory->add_option("--year", inv.year, "The inventory year (the baseline year for the BEI)")->required();
  exportInventory->add_option("--out", inv.out, "Write to this file instead of standard output");
  std::string personId, personOut;
  auto* exportPersonCmd = admin->add_subcommand(
      "export-person",
      "Everything this server holds that names a person or device, as JSON (a GDPR access request); logged");
  addStoreOptions(exportPersonCmd, where);
  exportPersonCmd->add_option("--person", personId, "The person's id, or a device's id")->required();
  exportPersonCmd->add_option("--out", personOut, "Write to this file instead of standard output");
  auto* progressCmd = admin->add_subcommand(
      "progress", "A municipality's BEI, MEIs, reduction and on-track verdict (the shared calculation)");
  addStoreOptions(progressCmd, inv.where);
  progressCmd->add_option("--municipality", inv.municipality,
                          "Municipality name or id (default: one line for every municipality)");

  CLI11_PARSE(app, argc, argv);
  inv.import.lock = !noLock;
  if (*importInventory) return runImportInventory(inv);
  if (*exportInventory) return runExportInventory(inv);
  if (*progressCmd) return runProgress(inv);
  if (*exportPersonCmd) return runExportPerson(where, personId, personOut);
  for (const auto& [cmd, kind] : importCmds)
    if (*cmd) {
      importRequest.kind = kind;
      importRequest.actor = adminActor();
      return runImport(where, importRequest);
    }
  config.maxAttachmentBytes = maxAttachmentMiB * 1024 * 1024;
  if (*revoke) return runRevoke(dev);
  if (*rescue) return runRescue(dev);
  if (*grant) return runGrant(dev, true);
  if (*ungrant) return runGrant(dev, false);
  if (*bindSites) {
    dev.sites.erase(std::remove(dev.sites.begin(), dev.sites.end(), std::string()), dev.sites.end());
    return runBindSites(dev);
  }
  if (*kioskPin) return runKioskPin(pinCmd);
  if (*webAdd) return runWebUserAdd(web);
  if (*webLink) return runWebUserLink(web);
  if (*webPassword) return runWebUserPassword(web);
  if (*webRevoke) return runWebUserRevoke(web);
  if (*webList) return runWebUserList(web.where);
  if (*sitesCmd) return runSites(where, sitesOf);
  if (*devicesCmd) return runDevices(dev.where);
  if (*auditCmd) return runAudit(dev);
  if (*serve) return runServe(config);
  if (*redactCmd) return runRedact(where, redactId, redactReason, redactActor);
  if (*demo) return runDemoData(where, seed);
  if (*enrollCode) {
    enroll.qr = *qrOpt || *serverOpt || *certOpt || *pngOpt;
    return runEnrollCode(enroll);
  }
  if (*compactCmd) return runCompact(where, horizon);
  if (*afterRestore) return runAfterRestore(where);
  if (*backupCmd) return runBackup(where, backupOut);
  if (*rebuildCmd) return runRebuildRollups(where);
  return 0;
}
