// secap-sim: a headless SECAP Field device for scripts, tests and load.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "load.h"
#include "sim_device.h"

namespace {

int fail(const secap::core::Status& st) {
  fmt::print(stderr, "error: {}\n", st.message());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"secap-sim: a headless SECAP Field device"};
  app.require_subcommand(1);
  std::string dataDir;
  std::string server;
  app.add_option("--data-dir", dataDir, "Device data directory (every subcommand but load)");
  app.add_option("--server", server, "Server host:port (remembered after the first use)");

  std::string code;
  std::string name = "secap-sim";
  auto* enroll = app.add_subcommand("enroll", "Enroll with a one-time code, then sync");
  enroll->add_option("--code", code, "Enrollment code")->required();
  enroll->add_option("--name", name, "Device name")->capture_default_str();

  int count = 10;
  uint64_t seed = 1;
  auto* record = app.add_subcommand("record", "Record readings offline (no network needed)");
  record->add_option("--count", count, "How many readings")->capture_default_str()->check(CLI::Range(1, 10000000));
  record->add_option("--seed", seed, "Random seed")->capture_default_str();

  auto* sync = app.add_subcommand("sync", "Push the outbox and pull what changed");
  auto* status = app.add_subcommand("status", "Print what the device holds");

  secap::sim::LoadOptions load;
  std::vector<std::string> loadServers;
  auto* loadCmd = app.add_subcommand("load", "Simulate many devices recording and syncing against running servers");
  loadCmd->add_option("--server", loadServers, "Server host:port; repeat it or give a comma-separated list")
      ->delimiter(',');
  loadCmd->add_option("--devices", load.devices, "Simulated devices, one thread each")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  auto* rounds = loadCmd->add_option("--rounds", load.rounds, "Rounds per device (record a batch, then sync)")
                     ->check(CLI::Range(1, 1000000));
  loadCmd->add_option("--duration", load.durationS, "Seconds of load instead of a number of rounds")
      ->check(CLI::PositiveNumber)
      ->excludes(rounds);
  loadCmd->add_option("--batch", load.batch, "Records per device per round")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  loadCmd->add_option("--pause-ms", load.pauseMs, "Pause after each round (±50 %): a device's pace; 0: back to back")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  loadCmd->add_option("--codes,--code-file", load.codesFile,
                      "Enrollment codes, one a line, one per device not enrolled yet");
  loadCmd->add_option("--work-dir", load.workDir, "Directory for the device databases (kept for reruns)")->required();
  loadCmd->add_option("--seed", load.seed, "Random seed")->capture_default_str();

  CLI11_PARSE(app, argc, argv);

  if (*loadCmd) {
    // `secap-sim --server A,B load` works too.
    for (size_t from = 0; from < server.size();) {
      const size_t comma = std::min(server.find(',', from), server.size());
      loadServers.push_back(server.substr(from, comma - from));
      from = comma + 1;
    }
    for (auto& s : loadServers)
      if (!s.empty()) load.servers.push_back(s);
    if (load.rounds <= 0 && load.durationS <= 0) load.rounds = 10;
    auto report = secap::sim::runLoad(load);
    if (!report.isOk()) return fail(report.status());
    fmt::print("{}", secap::sim::toJson(*report));
    std::fflush(stdout);
    fmt::print(stderr, "{}", secap::sim::toSummary(*report));
    return report->sane() ? 0 : 2;
  }
  if (dataDir.empty()) return fail(secap::core::invalidArgument("--data-dir is required"));

  auto device = secap::sim::SimDevice::open(dataDir, server);
  if (!device.isOk()) return fail(device.status());
  auto& d = **device;
  if (*enroll) {
    if (auto st = d.enroll(code, name); !st.isOk()) return fail(st);
    if (auto st = d.sync(); !st.isOk()) return fail(st);
    fmt::print("enrolled as device {}; {} meters\n", d.store().state(secap::core::state_keys::kDeviceId).value_or("?"),
               d.meters().size());
  } else if (*record) {
    auto saved = d.recordReadings(count, seed);
    if (!saved.isOk()) return fail(saved.status());
    fmt::print("recorded {} readings; {} changes pending\n", *saved, d.store().pendingCount());
  } else if (*sync) {
    if (auto st = d.sync(); !st.isOk()) return fail(st);
    fmt::print("synced; {} pending, {} need attention, cursor {}\n", d.store().pendingCount(),
               d.store().rejectedCount(), d.store().cursor());
  } else if (*status) {
    fmt::print("device {} role {}\nreadings {}\npending {}\nneeds attention {}\ncursor {}\n",
               d.store().state(secap::core::state_keys::kDeviceId).value_or("(not enrolled)"),
               d.store().state(secap::core::state_keys::kRole).value_or("-"), d.store().readingCount(),
               d.store().pendingCount(), d.store().rejectedCount(), d.store().cursor());
  }
  return 0;
}
