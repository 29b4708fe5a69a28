#pragma once
// SimDevice: a headless device built on secap_core, the same LocalStore and
// SyncClient as the app. secap-sim and the end-to-end tests drive it to
// enroll, record readings and sync. Not thread-safe: one thread drives it
// (the SyncClient inside is).

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"

namespace secap::sim {

class SimDevice {
 public:
  // Opens (or creates) the device database in `dataDir`; `server` is host:port.
  static core::Result<std::unique_ptr<SimDevice>> open(const std::string& dataDir, const std::string& server);
  // The same over a transport of the caller's (the load tool picks a server
  // per sync and times the calls). `serverLabel` is remembered as the server.
  static core::Result<std::unique_ptr<SimDevice>> open(const std::string& dataDir, const std::string& serverLabel,
                                                       std::unique_ptr<core::SyncTransport> transport);

  core::Status enroll(const std::string& code, const std::string& name);
  core::Status sync() { return m_client->syncOnce(); }

  // Records `count` plausible readings across the municipality's meters
  // (cumulative registers move up by a random amount), each saved durably
  // with its outbox row. Returns the number saved.
  core::Result<int> recordReadings(int count, uint64_t seed);

  // Every meter of the device's municipality.
  std::vector<secap::v1::Meter> meters();
  core::LocalStore& store() { return *m_store; }
  core::SyncClient& client() { return *m_client; }
  core::SyncTransport& transport() { return *m_transport; }

 private:
  SimDevice() = default;
  std::unique_ptr<core::LocalStore> m_store;
  std::unique_ptr<core::SyncTransport> m_transport;
  std::unique_ptr<core::SyncClient> m_client;
};

}  // namespace secap::sim
