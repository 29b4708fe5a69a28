// secap-sim load (load.h): the device threads, the timing transport, the
// report. Each LoadDevice is driven by one thread at a time, and runLoad()
// reads results only after joining; LoadTransport locks its counters anyway.
#include "load.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "secap/core/entity.h"
#include "secap/core/ids.h"
#include "secap/core/sync_transport.h"
#include "secap/core/text.h"
#include "sim_device.h"

namespace secap::sim {

namespace {

using Clock = std::chrono::steady_clock;
using core::EntityType;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double seconds(Clock::time_point t) { return std::chrono::duration<double>(t.time_since_epoch()).count(); }

// Seconds during which at least one of `spans` was open.
double unionSeconds(std::vector<std::pair<double, double>> spans) {
  std::sort(spans.begin(), spans.end());
  double total = 0;
  double start = 0;
  double end = -1;
  for (const auto& [a, b] : spans) {
    if (a > end) {
      if (end > start) total += end - start;
      start = a;
      end = b;
    } else {
      end = std::max(end, b);
    }
  }
  if (end > start) total += end - start;
  return total;
}

// What one device's calls did, as its transport saw them.
struct CallStats {
  std::vector<double> pushMs;
  std::vector<double> pullMs;
  std::vector<std::pair<double, double>> pushSpans;  // Start and end, seconds on the steady clock.
  int64_t pushed = 0;
  int64_t accepted = 0;
  int64_t duplicate = 0;
  int64_t rejected = 0;
  int64_t flagged = 0;
  std::map<std::string, int64_t> rejectedReasons;
  std::map<std::string, int64_t> flags;
};

// A transport over one gRPC channel per server. Each sync round goes to the
// server chosen by pickServer(); push and pull calls are timed and their
// verdicts counted while recording is on. Thread-safe.
class LoadTransport final : public core::SyncTransport {
 public:
  LoadTransport(const std::vector<std::string>& servers, int64_t deadlineMs) {
    for (const auto& s : servers) m_targets.push_back(core::makeGrpcTransport(s, deadlineMs));
  }

  void pickServer(std::mt19937_64& rng) { m_current = static_cast<size_t>(rng() % m_targets.size()); }
  void setRecording(bool on) { m_recording = on; }
  CallStats stats() {
    std::lock_guard lock(m_mu);
    return m_stats;
  }

  core::Result<secap::v1::EnrollResponse> enroll(const secap::v1::EnrollRequest& request) override {
    return target().enroll(request);
  }

  core::Result<secap::v1::PushResponse> push(const secap::v1::PushRequest& request, const std::string& token) override {
    const auto t0 = Clock::now();
    auto resp = target().push(request, token);
    const auto t1 = Clock::now();
    if (!m_recording) return resp;
    std::lock_guard lock(m_mu);
    m_stats.pushMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    m_stats.pushSpans.emplace_back(seconds(t0), seconds(t1));
    m_stats.pushed += request.changes_size();
    if (resp.isOk()) {
      for (const auto& r : resp->results()) {
        switch (r.outcome()) {
          case secap::v1::ACCEPTED:
            ++m_stats.accepted;
            if (r.flags_size() > 0) ++m_stats.flagged;
            for (const auto& f : r.flags()) ++m_stats.flags[f];
            break;
          case secap::v1::DUPLICATE:
            ++m_stats.duplicate;
            break;
          default:
            ++m_stats.rejected;
            ++m_stats.rejectedReasons[r.reason_code().empty() ? "(no reason code)" : r.reason_code()];
        }
      }
    }
    return resp;
  }

  core::Result<secap::v1::PullResponse> pull(const secap::v1::PullRequest& request, const std::string& token) override {
    const auto t0 = Clock::now();
    auto resp = target().pull(request, token);
    const double ms = msSince(t0);
    if (m_recording) {
      std::lock_guard lock(m_mu);
      m_stats.pullMs.push_back(ms);
    }
    return resp;
  }

 private:
  core::SyncTransport& target() { return *m_targets[m_current.load()]; }

  std::vector<std::unique_ptr<core::SyncTransport>> m_targets;
  std::atomic<size_t> m_current{0};
  std::atomic<bool> m_recording{false};
  std::mutex m_mu;
  CallStats m_stats;
};

// A measure this device reports on, with what it last knew of it.
struct MeasureState {
  secap::v1::Measure measure;
  secap::v1::ProgressUpdate latest;  // reported_at == 0: none yet.
};

// One simulated field worker: its device, its share of the meters, and what
// it records. Driven by one thread at a time.
class LoadDevice {
 public:
  LoadDevice(int index, std::string dir, uint64_t seed) : m_index(index), m_dir(std::move(dir)), m_rng(seed) {}

  core::Status open(const LoadOptions& options) {
    auto transport = std::make_unique<LoadTransport>(options.servers, options.callDeadlineMs);
    m_transport = transport.get();
    auto device = SimDevice::open(m_dir, options.servers.front(), std::move(transport));
    if (!device.isOk()) return device.status();
    m_device = std::move(device).value();
    return core::Status::ok();
  }

  bool isEnrolled() { return m_device->client().isEnrolled(); }

  core::Status enrollAndPull(const std::string& code) {
    if (!isEnrolled()) {
      m_transport->pickServer(m_rng);
      SECAP_RETURN_IF_ERROR(m_device->enroll(code, fmt::format("load-{:03}", m_index)));
    }
    m_transport->pickServer(m_rng);
    return m_device->sync();
  }

  std::string municipalityId() { return m_device->store().state(core::state_keys::kMunicipalityId).value_or(""); }

  // Readings go to cumulative meters still in service, ordered by id so the
  // devices of one municipality can split them.
  std::vector<secap::v1::Meter> eligibleMeters() {
    std::vector<secap::v1::Meter> out;
    for (auto& m : m_device->meters())
      if (m.kind() == secap::v1::METER_KIND_CUMULATIVE && !m.has_removed_at()) out.push_back(std::move(m));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id() < b.id(); });
    return out;
  }

  // Takes every `of`-th meter starting at `rank` (each caretaker reads their
  // own buildings, so registers do not interleave); all of them when that
  // leaves none. Loads measures, sites and the inspection template.
  void prepare(int rank, int of) {
    auto all = eligibleMeters();
    m_meters.clear();
    for (size_t i = 0; i < all.size(); ++i)
      if (static_cast<int>(i % static_cast<size_t>(of)) == rank) m_meters.push_back(all[i]);
    if (m_meters.empty()) m_meters = all;
    m_deviceId = m_device->store().state(core::state_keys::kDeviceId).value_or("secap-sim");

    const std::string municipality = municipalityId();
    std::map<std::string, MeasureState> measures;
    std::vector<secap::v1::ProgressUpdate> updates;
    m_sites.clear();
    m_template.reset();
    for (const auto& rec : m_device->store().allRecords()) {
      if (rec.deleted) continue;
      switch (rec.type) {
        case EntityType::kMeasure: {
          secap::v1::Measure m;
          if (m.ParseFromString(rec.data) && m.municipality_id() == municipality) measures[m.id()].measure = m;
          break;
        }
        case EntityType::kProgressUpdate: {
          secap::v1::ProgressUpdate p;
          if (p.ParseFromString(rec.data)) updates.push_back(std::move(p));
          break;
        }
        case EntityType::kSite: {
          secap::v1::Site s;
          if (s.ParseFromString(rec.data) && s.municipality_id() == municipality && !s.archived()) m_sites[s.id()] = s;
          break;
        }
        case EntityType::kInspectionTemplate: {
          secap::v1::InspectionTemplate t;
          if (t.ParseFromString(rec.data) && (t.municipality_id().empty() || t.municipality_id() == municipality) &&
              (!m_template || t.version() > m_template->version()))
            m_template = t;
          break;
        }
        default:
          break;
      }
    }
    for (auto& p : updates) {
      auto it = measures.find(p.measure_id());
      if (it != measures.end() && p.reported_at() >= it->second.latest.reported_at()) it->second.latest = p;
    }
    m_measures.clear();
    for (auto& [id, state] : measures) {
      const auto status = state.latest.status();
      if (status != secap::v1::PROGRESS_STATUS_COMPLETED && status != secap::v1::PROGRESS_STATUS_CANCELLED)
        m_measures.push_back(std::move(state));
    }
    m_allMeasures.clear();
    for (auto& [id, state] : measures) m_allMeasures.push_back(state.measure);
  }

  // One round: record a batch, then one sync (push + pull) to a random server.
  void round(const LoadOptions& options) {
    std::uniform_real_distribution<double> roll(0.0, 1.0);
    for (int i = 0; i < options.batch; ++i) {
      const double r = roll(m_rng);
      core::Status st;
      if (r < options.inspectionShare && m_template && !m_sites.empty()) {
        st = recordInspection();
      } else if (r < options.inspectionShare + options.progressShare && !m_measures.empty()) {
        st = recordProgress();
      } else {
        st = recordReading();
      }
      if (!st.isOk()) noteError("record: " + st.message());
    }
    m_transport->pickServer(m_rng);
    const auto t0 = Clock::now();
    const core::Status st = m_device->sync();
    const double ms = msSince(t0);
    if (st.isOk()) {
      m_syncMs.push_back(ms);
      ++m_rounds;
    } else {
      ++m_failedRounds;
      noteError("sync: " + st.message());
    }
  }

  core::Status finalSync() {
    m_transport->pickServer(m_rng);
    return m_device->sync();
  }

  std::map<std::string, int64_t> recordCounts() {
    std::map<std::string, int64_t> counts;
    for (const auto& rec : m_device->store().allRecords())
      if (!rec.deleted) ++counts[std::string(core::entityTypeName(rec.type))];
    return counts;
  }

  int64_t pending() { return m_device->store().pendingCount() + m_device->store().rejectedCount(); }
  std::string municipalityName() {
    auto m = m_device->store().municipality(municipalityId());
    return m ? m->name() : std::string();
  }

  void setRecording(bool on) { m_transport->setRecording(on); }
  CallStats callStats() { return m_transport->stats(); }
  const std::vector<double>& syncMs() const { return m_syncMs; }
  int64_t rounds() const { return m_rounds; }
  int64_t failedRounds() const { return m_failedRounds; }
  int64_t readings() const { return m_readings; }
  int64_t progressUpdates() const { return m_progress; }
  int64_t inspections() const { return m_inspections; }
  const std::map<std::string, int64_t>& errors() const { return m_errors; }
  int index() const { return m_index; }

 private:
  void noteError(const std::string& e) { ++m_errors[e]; }

  // A register that moves on at the meter's own pace: the daily use of its
  // last two readings (±20 %) times the time since the last one, so the
  // server sees neither spikes nor registers going backwards.
  core::Status recordReading() {
    if (m_meters.empty()) return {core::StatusCode::kFailedPrecondition, "the municipality has no meters to read"};
    const auto& meter = m_meters[m_rng() % m_meters.size()];
    const auto recent = m_device->store().readings(meter.id(), 2);
    const int64_t now = m_device->store().hlc().correctedNowMs();
    int64_t takenAt = now;
    double value = 1000.0;
    if (!recent.empty()) {
      const auto& last = recent.front();
      takenAt = std::max(now, last.taken_at() + 1);
      double perDay = 50.0;
      if (recent.size() == 2 && recent[0].taken_at() > recent[1].taken_at()) {
        const double days = static_cast<double>(recent[0].taken_at() - recent[1].taken_at()) / 86'400'000.0;
        const double rate = (recent[0].value() - recent[1].value()) / days;
        if (std::isfinite(rate) && rate > 0) perDay = rate;
      }
      std::uniform_real_distribution<double> noise(0.8, 1.2);
      const double days = static_cast<double>(takenAt - last.taken_at()) / 86'400'000.0;
      value = last.value() + std::round(perDay * days * noise(m_rng) * 1000.0) / 1000.0;
    }
    if (meter.register_digits() > 0) {
      const double wrap = std::pow(10.0, meter.register_digits());
      if (value >= wrap) value -= wrap;  // A rollover: accepted, flagged.
    }
    secap::v1::Reading r;
    r.set_meter_id(meter.id());
    r.set_taken_at(takenAt);
    r.set_value(value);
    r.set_kind(secap::v1::READING_KIND_ACTUAL);
    r.set_source(secap::v1::READING_SOURCE_MANUAL);
    auto saved = m_device->store().recordReading(r);
    if (!saved.isOk()) return saved.status();
    ++m_readings;
    return core::Status::ok();
  }

  core::Status recordProgress() {
    auto& state = m_measures[m_rng() % m_measures.size()];
    const auto& prev = state.latest;
    const int64_t now = m_device->store().hlc().correctedNowMs();
    std::uniform_real_distribution<double> step(0.5, 3.0);
    secap::v1::Change c;
    c.set_entity_id(core::newUuidV7(m_device->store().clock()));
    auto* p = c.mutable_progress_update();
    p->set_id(c.entity_id());
    p->set_measure_id(state.measure.id());
    p->set_reported_at(std::max(now, prev.reported_at() + 1));
    const bool postponed = prev.status() == secap::v1::PROGRESS_STATUS_POSTPONED;
    p->set_status(postponed ? prev.status() : secap::v1::PROGRESS_STATUS_ONGOING);
    const double pct = postponed ? prev.percent_complete()
                                 : std::min(99.0, std::round((prev.percent_complete() + step(m_rng)) * 10) / 10);
    p->set_percent_complete(pct);
    if (state.measure.has_budget_eur())
      p->set_spent_eur(std::max(prev.spent_eur(), std::round(state.measure.budget_eur() * pct / 100 * 0.95)));
    p->set_reported_by(m_deviceId);
    p->set_note(postponed ? "Bez zmian: czekamy na decyzję o dofinansowaniu."
                          : "Prace trwają zgodnie z harmonogramem (secap-sim load).");
    for (const auto& ind : prev.indicators()) {
      auto* i = p->add_indicators();
      i->set_key(ind.key());
      i->set_unit(ind.unit());
      i->set_value(prev.percent_complete() > 0 ? std::round(ind.value() * pct / prev.percent_complete()) : ind.value());
    }
    auto saved = m_device->store().saveLocalChange(c);
    if (!saved.isOk()) return saved.status();
    state.latest = saved->progress_update();
    ++m_progress;
    return core::Status::ok();
  }

  core::Status recordInspection() {
    // Preferably a site visit that verifies a measure with a site.
    const secap::v1::Measure* measure = nullptr;
    const secap::v1::Site* site = nullptr;
    if (!m_allMeasures.empty()) {
      const auto& m = m_allMeasures[m_rng() % m_allMeasures.size()];
      for (const auto& id : m.site_ids())
        if (auto it = m_sites.find(id); it != m_sites.end()) {
          measure = &m;
          site = &it->second;
          break;
        }
    }
    if (!site) {
      auto it = m_sites.begin();
      std::advance(it, static_cast<long>(m_rng() % m_sites.size()));
      site = &it->second;
    }
    const int64_t now = m_device->store().hlc().correctedNowMs();
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    secap::v1::Change c;
    c.set_entity_id(core::newUuidV7(m_device->store().clock()));
    auto* i = c.mutable_inspection();
    i->set_id(c.entity_id());
    i->set_template_id(m_template->id());
    i->set_template_version(m_template->version());
    i->set_site_id(site->id());
    if (measure) i->set_measure_id(measure->id());
    i->set_inspector(m_deviceId);
    i->set_started_at(now - 35 * 60'000);
    i->set_submitted_at(now);
    if (site->has_lat() && site->has_lon()) {
      i->mutable_location()->set_lat(site->lat() + (unit(m_rng) - 0.5) * 1e-4);
      i->mutable_location()->set_lon(site->lon() + (unit(m_rng) - 0.5) * 1e-4);
      i->mutable_location()->set_accuracy_m(std::round(4 + unit(m_rng) * 11));
    }
    for (const auto& item : m_template->items()) {
      auto* a = i->add_answers();
      a->set_item_key(item.key());
      switch (item.kind()) {
        case secap::v1::INSPECTION_ITEM_KIND_YES_NO:
          a->set_yes_no(unit(m_rng) > 0.1);
          break;
        case secap::v1::INSPECTION_ITEM_KIND_NUMBER: {
          const double lo = item.has_min() ? item.min() : 0.0;
          const double hi = item.has_max() ? item.max() : lo + 500.0;
          a->set_number(std::round(lo + unit(m_rng) * (hi - lo)));
          break;
        }
        case secap::v1::INSPECTION_ITEM_KIND_CHOICE:
          if (item.choices_size() > 0) a->set_choice(item.choices(0).key());
          break;
        case secap::v1::INSPECTION_ITEM_KIND_TEXT:
          a->set_text("Bez uwag.");
          break;
        default:
          i->mutable_answers()->RemoveLast();  // No photos in a load run.
      }
    }
    const bool followUp = unit(m_rng) < 0.15;
    i->set_outcome(followUp ? secap::v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED : secap::v1::INSPECTION_OUTCOME_VERIFIED);
    i->set_findings(followUp ? "Drobne usterki; wezwano wykonawcę." : "Zakres zgodny z dokumentacją.");
    auto saved = m_device->store().saveLocalChange(c);
    if (!saved.isOk()) return saved.status();
    ++m_inspections;
    return core::Status::ok();
  }

  int m_index;
  std::string m_dir;
  std::mt19937_64 m_rng;
  std::unique_ptr<SimDevice> m_device;
  LoadTransport* m_transport = nullptr;  // Owned by m_device.
  std::string m_deviceId;
  std::vector<secap::v1::Meter> m_meters;
  std::vector<MeasureState> m_measures;  // Still in progress.
  std::vector<secap::v1::Measure> m_allMeasures;
  std::map<std::string, secap::v1::Site> m_sites;
  std::optional<secap::v1::InspectionTemplate> m_template;
  std::vector<double> m_syncMs;
  int64_t m_rounds = 0;
  int64_t m_failedRounds = 0;
  int64_t m_readings = 0;
  int64_t m_progress = 0;
  int64_t m_inspections = 0;
  std::map<std::string, int64_t> m_errors;
};

// Runs fn(device) on one thread per device and waits for all of them.
template <typename Fn>
void onEachDevice(std::vector<std::unique_ptr<LoadDevice>>& devices, Fn fn) {
  std::vector<std::thread> threads;
  threads.reserve(devices.size());
  for (auto& d : devices) threads.emplace_back([&fn, dev = d.get()] { fn(*dev); });
  for (auto& t : threads) t.join();
}

std::string jsonString(std::string_view s) { return "\"" + core::jsonEscape(s) + "\""; }

std::string jsonLatency(const LatencyStats& l) {
  return fmt::format(R"({{"count": {}, "p50": {:.2f}, "p95": {:.2f}, "p99": {:.2f}, "max": {:.2f}, "mean": {:.2f}}})",
                     l.count, l.p50, l.p95, l.p99, l.max, l.mean);
}

std::string jsonCounts(const std::map<std::string, int64_t>& m) {
  std::string out = "{";
  for (const auto& [k, v] : m) out += fmt::format("{}{}: {}", out.size() > 1 ? ", " : "", jsonString(k), v);
  return out + "}";
}

}  // namespace

LatencyStats latencyStats(std::vector<double> samplesMs) {
  LatencyStats s;
  if (samplesMs.empty()) return s;
  std::sort(samplesMs.begin(), samplesMs.end());
  auto rank = [&](double p) {
    const auto n = samplesMs.size();
    const auto idx = static_cast<size_t>(std::ceil(p * static_cast<double>(n)));
    return samplesMs[std::clamp<size_t>(idx, 1, n) - 1];
  };
  s.count = static_cast<int64_t>(samplesMs.size());
  s.p50 = rank(0.50);
  s.p95 = rank(0.95);
  s.p99 = rank(0.99);
  s.max = samplesMs.back();
  double sum = 0;
  for (double v : samplesMs) sum += v;
  s.mean = sum / static_cast<double>(samplesMs.size());
  return s;
}

core::Result<std::vector<std::string>> readCodes(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::invalidArgument("cannot read the enrollment codes file " + path);
  std::vector<std::string> codes;
  std::string line;
  while (std::getline(in, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    const auto e = line.find_last_not_of(" \t\r");
    codes.push_back(line.substr(b, e - b + 1));
  }
  return codes;
}

core::Result<LoadReport> runLoad(const LoadOptions& options) {
  if (options.servers.empty()) return core::invalidArgument("no server: pass --server HOST:PORT");
  if (options.devices < 1) return core::invalidArgument("--devices must be at least 1");
  if (options.workDir.empty()) return core::invalidArgument("no work directory: pass --work-dir DIR");
  if (options.rounds <= 0 && options.durationS <= 0) return core::invalidArgument("pass --rounds R or --duration S");
  if (options.batch < 1) return core::invalidArgument("--batch must be at least 1");

  std::vector<std::unique_ptr<LoadDevice>> devices;
  std::vector<std::string> codes;
  size_t nextCode = 0;
  for (int i = 0; i < options.devices; ++i) {
    const auto dir = (std::filesystem::path(options.workDir) / fmt::format("device-{:03}", i)).string();
    auto d = std::make_unique<LoadDevice>(i, dir, options.seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(i));
    SECAP_RETURN_IF_ERROR(d->open(options));
    devices.push_back(std::move(d));
  }
  // Only devices that are not enrolled yet (a fresh work directory) use codes.
  int needCodes = 0;
  for (auto& d : devices) needCodes += d->isEnrolled() ? 0 : 1;
  if (needCodes > 0) {
    if (options.codesFile.empty())
      return core::invalidArgument(fmt::format(
          "{} devices need enrolling: pass --codes FILE with one code a line (secap-syncserver admin enroll-code)",
          needCodes));
    auto read = readCodes(options.codesFile);
    if (!read.isOk()) return read.status();
    codes = std::move(read).value();
    if (static_cast<int>(codes.size()) < needCodes)
      return core::invalidArgument(
          fmt::format("{} has {} enrollment codes but {} devices need one each; issue more "
                      "with secap-syncserver admin enroll-code",
                      options.codesFile, codes.size(), needCodes));
  }

  // 1. Enroll and pull the municipality's data (not measured).
  std::vector<std::string> assigned(devices.size());
  for (auto& d : devices)
    if (!d->isEnrolled()) assigned[static_cast<size_t>(d->index())] = codes[nextCode++];
  std::mutex setupMu;
  std::vector<std::string> setupErrors;
  onEachDevice(devices, [&](LoadDevice& d) {
    auto st = d.enrollAndPull(assigned[static_cast<size_t>(d.index())]);
    if (!st.isOk()) {
      std::lock_guard lock(setupMu);
      setupErrors.push_back(fmt::format("device {}: {}", d.index(), st.message()));
    }
  });
  if (!setupErrors.empty()) {
    std::sort(setupErrors.begin(), setupErrors.end());
    return core::unavailable("enrolling or the first sync failed: " + setupErrors.front() +
                             (setupErrors.size() > 1 ? fmt::format(" (and {} more)", setupErrors.size() - 1) : ""));
  }

  // The devices of one municipality split its meters between them.
  std::map<std::string, std::vector<LoadDevice*>> byMunicipality;
  for (auto& d : devices) byMunicipality[d->municipalityId()].push_back(d.get());
  for (auto& [id, group] : byMunicipality)
    for (size_t r = 0; r < group.size(); ++r) group[r]->prepare(static_cast<int>(r), static_cast<int>(group.size()));

  // 2. The load: rounds of record + sync on every device at once.
  for (auto& d : devices) d->setRecording(true);
  const auto t0 = Clock::now();
  const auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(options.rounds > 0 ? 1e9 : options.durationS));
  onEachDevice(devices, [&](LoadDevice& d) {
    std::mt19937_64 pace(options.seed * 7919 + static_cast<uint64_t>(d.index()));
    for (int r = 0; options.rounds <= 0 || r < options.rounds; ++r) {
      if (Clock::now() >= deadline) break;
      d.round(options);
      if (options.pauseMs > 0) {
        std::uniform_int_distribution<int> wait(options.pauseMs / 2, options.pauseMs * 3 / 2);
        const auto until = std::min(deadline, Clock::now() + std::chrono::milliseconds(wait(pace)));
        std::this_thread::sleep_until(until);
      }
    }
  });
  const double elapsedS = std::chrono::duration<double>(Clock::now() - t0).count();
  for (auto& d : devices) d->setRecording(false);

  // 3. Every device pulls what the others pushed after its last round.
  std::vector<std::string> finalErrors(devices.size());
  onEachDevice(devices, [&](LoadDevice& d) {
    if (auto st = d.finalSync(); !st.isOk()) finalErrors[static_cast<size_t>(d.index())] = st.message();
  });

  LoadReport report;
  report.devices = options.devices;
  report.servers = options.servers;
  report.durationS = elapsedS;
  std::vector<double> pushMs, pullMs, syncMs;
  std::vector<std::pair<double, double>> pushSpans;
  std::map<std::string, int64_t> errors;
  for (auto& d : devices) {
    const CallStats s = d->callStats();
    pushMs.insert(pushMs.end(), s.pushMs.begin(), s.pushMs.end());
    pullMs.insert(pullMs.end(), s.pullMs.begin(), s.pullMs.end());
    pushSpans.insert(pushSpans.end(), s.pushSpans.begin(), s.pushSpans.end());
    syncMs.insert(syncMs.end(), d->syncMs().begin(), d->syncMs().end());
    report.pushed += s.pushed;
    report.accepted += s.accepted;
    report.duplicate += s.duplicate;
    report.rejected += s.rejected;
    report.flagged += s.flagged;
    for (const auto& [k, v] : s.rejectedReasons) report.rejectedReasons[k] += v;
    for (const auto& [k, v] : s.flags) report.flags[k] += v;
    report.rounds += d->rounds();
    report.failedRounds += d->failedRounds();
    report.readings += d->readings();
    report.progressUpdates += d->progressUpdates();
    report.inspections += d->inspections();
    report.pendingAfter += d->pending();
    for (const auto& [k, v] : d->errors()) errors[k] += v;
    if (const auto& e = finalErrors[static_cast<size_t>(d->index())]; !e.empty()) ++errors["final sync: " + e];
  }
  for (const auto& [k, v] : errors) report.errors.push_back(fmt::format("{} (x{})", k, v));
  report.push = latencyStats(std::move(pushMs));
  report.pull = latencyStats(std::move(pullMs));
  report.syncRound = latencyStats(std::move(syncMs));
  const double acknowledged = static_cast<double>(report.accepted + report.duplicate);
  report.throughput = elapsedS > 0 ? acknowledged / elapsedS : 0;
  report.pushBusyS = unionSeconds(std::move(pushSpans));
  report.throughputWhilePushing = report.pushBusyS > 0 ? acknowledged / report.pushBusyS : 0;

  report.converged = true;
  for (auto& [id, group] : byMunicipality) {
    MunicipalityConvergence m;
    m.municipalityId = id;
    m.name = group.front()->municipalityName();
    m.devices = static_cast<int>(group.size());
    m.records = group.front()->recordCounts();
    for (size_t i = 1; i < group.size(); ++i) {
      const auto other = group[i]->recordCounts();
      if (other == m.records) continue;
      m.converged = false;
      std::set<std::string> types;
      for (const auto& [k, v] : m.records) types.insert(k);
      for (const auto& [k, v] : other) types.insert(k);
      for (const auto& t : types) {
        const int64_t a = m.records.count(t) ? m.records.at(t) : 0;
        const int64_t b = other.count(t) ? other.at(t) : 0;
        if (a != b)
          m.differences.push_back(fmt::format("device {} holds {} {} records, device {} holds {}",
                                              group.front()->index(), a, t, group[i]->index(), b));
      }
    }
    report.converged = report.converged && m.converged;
    report.municipalities.push_back(std::move(m));
  }
  return report;
}

std::string toJson(const LoadReport& r) {
  std::string servers;
  for (const auto& s : r.servers) servers += (servers.empty() ? "" : ", ") + jsonString(s);
  std::string municipalities;
  for (const auto& m : r.municipalities) {
    std::string diffs;
    for (const auto& d : m.differences) diffs += (diffs.empty() ? "" : ", ") + jsonString(d);
    municipalities +=
        fmt::format(R"({}{{"id": {}, "name": {}, "devices": {}, "converged": {}, "records": {}, "differences": [{}]}})",
                    municipalities.empty() ? "" : ", ", jsonString(m.municipalityId), jsonString(m.name), m.devices,
                    m.converged ? "true" : "false", jsonCounts(m.records), diffs);
  }
  std::string errors;
  for (const auto& e : r.errors) errors += (errors.empty() ? "" : ", ") + jsonString(e);
  std::string out = "{\n";
  out += fmt::format("  \"devices\": {},\n  \"servers\": [{}],\n  \"duration_s\": {:.3f},\n", r.devices, servers,
                     r.durationS);
  out += fmt::format("  \"rounds\": {},\n  \"failed_rounds\": {},\n", r.rounds, r.failedRounds);
  out += fmt::format("  \"recorded\": {{\"readings\": {}, \"progress_updates\": {}, \"inspections\": {}}},\n",
                     r.readings, r.progressUpdates, r.inspections);
  out += fmt::format("  \"pushed\": {},\n  \"accepted\": {},\n  \"duplicate\": {},\n  \"rejected\": {},\n", r.pushed,
                     r.accepted, r.duplicate, r.rejected);
  out += fmt::format("  \"rejected_reasons\": {},\n  \"flagged\": {},\n", jsonCounts(r.rejectedReasons), r.flagged);
  out += fmt::format("  \"flags\": {},\n", jsonCounts(r.flags));
  out += fmt::format("  \"throughput_changes_per_s\": {:.1f},\n", r.throughput);
  out += fmt::format("  \"push_busy_s\": {:.3f},\n  \"throughput_while_pushing_changes_per_s\": {:.1f},\n", r.pushBusyS,
                     r.throughputWhilePushing);
  out += fmt::format("  \"push_latency_ms\": {},\n", jsonLatency(r.push));
  out += fmt::format("  \"pull_latency_ms\": {},\n", jsonLatency(r.pull));
  out += fmt::format("  \"sync_round_latency_ms\": {},\n", jsonLatency(r.syncRound));
  out +=
      fmt::format("  \"pending_after\": {},\n  \"converged\": {},\n", r.pendingAfter, r.converged ? "true" : "false");
  out += fmt::format("  \"municipalities\": [{}],\n  \"errors\": [{}]\n}}\n", municipalities, errors);
  return out;
}

std::string toSummary(const LoadReport& r) {
  std::string out;
  out += fmt::format("secap-sim load: {} devices, {} server(s), {:.1f} s, {} sync rounds ({} failed)\n", r.devices,
                     r.servers.size(), r.durationS, r.rounds, r.failedRounds);
  out += fmt::format("  recorded   {} readings, {} progress updates, {} inspections\n", r.readings, r.progressUpdates,
                     r.inspections);
  out += fmt::format("  pushed     {} changes: {} accepted ({} with quality flags), {} duplicate, {} rejected\n",
                     r.pushed, r.accepted, r.flagged, r.duplicate, r.rejected);
  for (const auto& [code, n] : r.rejectedReasons) out += fmt::format("    rejected {:>6} x {}\n", n, code);
  for (const auto& [flag, n] : r.flags) out += fmt::format("    flagged  {:>6} x {}\n", n, flag);
  out += fmt::format(
      "  throughput {:.0f} changes/s acknowledged over the run; {:.0f}/s while a push was in flight ({:.1f} s)\n",
      r.throughput, r.throughputWhilePushing, r.pushBusyS);
  auto line = [&](const char* what, const LatencyStats& l) {
    out += fmt::format("  {:<10} p50 {:.1f} ms, p95 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms ({} calls)\n", what, l.p50,
                       l.p95, l.p99, l.max, l.count);
  };
  line("push", r.push);
  line("pull", r.pull);
  line("sync round", r.syncRound);
  out += fmt::format("  converged  {} ({} municipalities, {} changes still pending)\n", r.converged ? "yes" : "NO",
                     r.municipalities.size(), r.pendingAfter);
  for (const auto& m : r.municipalities)
    for (const auto& d : m.differences)
      out += fmt::format("    {}: {}\n", m.name.empty() ? m.municipalityId : m.name, d);
  for (const auto& e : r.errors) out += fmt::format("  error      {}\n", e);
  return out;
}

}  // namespace secap::sim
