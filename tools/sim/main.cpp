// secap-sim: a headless SECAP Field device for scripts, tests and load.
#include <fmt/core.h>

#include <CLI/CLI.hpp>

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
  app.add_option("--data-dir", dataDir, "Device data directory")->required();
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

  CLI11_PARSE(app, argc, argv);

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
