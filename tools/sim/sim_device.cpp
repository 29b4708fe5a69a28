#include "sim_device.h"

#include <cmath>
#include <filesystem>

namespace secap::sim {

core::Result<std::unique_ptr<SimDevice>> SimDevice::open(const std::string& dataDir, const std::string& server) {
  return open(dataDir, server, nullptr);
}

core::Result<std::unique_ptr<SimDevice>> SimDevice::open(const std::string& dataDir, const std::string& serverLabel,
                                                         std::unique_ptr<core::SyncTransport> transport) {
  const std::string& server = serverLabel;
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec) return core::Status(core::StatusCode::kFailedPrecondition, "cannot create " + dataDir + ": " + ec.message());
  auto store = core::LocalStore::open((std::filesystem::path(dataDir) / "device.db").string());
  if (!store.isOk()) return store.status();
  std::unique_ptr<SimDevice> d(new SimDevice());
  d->m_store = std::move(store).value();
  std::string target = server;
  if (target.empty()) target = d->m_store->state(core::state_keys::kServer).value_or("");
  if (target.empty()) return core::invalidArgument("no server address: pass --server HOST:PORT");
  SECAP_RETURN_IF_ERROR(d->m_store->setState(core::state_keys::kServer, target));
  d->m_transport = transport ? std::move(transport) : core::makeGrpcTransport(target, 20000);
  core::SyncOptions options;
  options.minBackoffMs = 100;
  d->m_client = std::make_unique<core::SyncClient>(*d->m_store, *d->m_transport, options);
  return d;
}

core::Status SimDevice::enroll(const std::string& code, const std::string& name) {
  if (m_client->isEnrolled()) return core::Status::ok();
  return m_client->enroll(code, name, "secap-sim", "0.1.0");
}

std::vector<secap::v1::Meter> SimDevice::meters() {
  std::vector<secap::v1::Meter> out;
  const auto municipalityId = m_store->state(core::state_keys::kMunicipalityId).value_or("");
  for (const auto& site : m_store->sites(municipalityId))
    for (auto& m : m_store->meters(site.id())) out.push_back(std::move(m));
  return out;
}

core::Result<int> SimDevice::recordReadings(int count, uint64_t seed) {
  auto all = meters();
  if (all.empty()) return core::Status(core::StatusCode::kFailedPrecondition, "no meters: sync once after enrolling");
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> step(0.5, 40.0);
  const int64_t now = m_store->hlc().correctedNowMs();
  int saved = 0;
  for (int i = 0; i < count; ++i) {
    const auto& meter = all[rng() % all.size()];
    secap::v1::Reading r;
    r.set_meter_id(meter.id());
    // Spread over the last hour, oldest first, each after the meter's last one.
    const auto last = m_store->lastReading(meter.id());
    int64_t takenAt = now - static_cast<int64_t>(count - i) * 1000 - static_cast<int64_t>(rng() % 1000);
    if (last && takenAt <= last->taken_at()) takenAt = last->taken_at() + 1;
    if (takenAt > now) takenAt = now;
    r.set_taken_at(takenAt);
    double value = (last ? last->value() : 1000.0) + std::round(step(rng) * 10) / 10;
    if (meter.register_digits() > 0 && value >= std::pow(10.0, meter.register_digits())) value = step(rng);
    r.set_value(value);
    auto st = m_store->recordReading(r);
    if (!st.isOk()) return st.status();
    ++saved;
  }
  return saved;
}

}  // namespace secap::sim
