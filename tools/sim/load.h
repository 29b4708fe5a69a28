#pragma once
// secap-sim load: N simulated field devices against one or more running
// secap-syncserver instances (DESIGN.md §12). Each device is a SimDevice
// (the app's LocalStore and SyncClient) with a database of its own under the
// work directory. In every round it records a batch, mostly meter readings
// with plausible increasing registers, some progress updates on its
// municipality's measures and now and then a submitted inspection, then
// syncs (push, then pull) against a server picked at random from the list
// (several stateless instances may share one database).
//
// runLoad() enrolls the devices that are not enrolled yet (one code each
// from the codes file), runs the rounds with one thread per device, then
// lets every device pull once more and checks that the devices of each
// municipality hold the same number of records of every type. It measures
// push calls and whole sync rounds with steady_clock.
//
// runLoad() is called from one thread and blocks until the run is over; the
// threads it starts are joined before it returns. The report is a value.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "secap/core/status.h"

namespace secap::sim {

struct LoadOptions {
  std::vector<std::string> servers;  // host:port, at least one.
  int devices = 20;
  int rounds = 0;        // Rounds per device; 0: run for durationS.
  double durationS = 0;  // Seconds of load when rounds == 0.
  int batch = 25;        // Records per device per round.
  // Pause after each round, with ±50 % jitter: a device's pace (a phone
  // syncs every 30 s when idle); 0 runs the rounds back to back.
  int pauseMs = 0;
  double progressShare = 0.08;
  double inspectionShare = 0.02;
  std::string codesFile;  // One enrollment code per line (# comments allowed).
  std::string workDir;    // Device databases go to <workDir>/device-NNN.
  uint64_t seed = 1;
  int64_t callDeadlineMs = 30000;
};

struct LatencyStats {
  int64_t count = 0;
  double p50 = 0;
  double p95 = 0;
  double p99 = 0;
  double max = 0;
  double mean = 0;
};

// Nearest-rank percentiles of samples in milliseconds.
LatencyStats latencyStats(std::vector<double> samplesMs);

struct MunicipalityConvergence {
  std::string municipalityId;
  std::string name;
  int devices = 0;
  std::map<std::string, int64_t> records;  // Entity type name -> count, as the first device holds them.
  bool converged = true;
  std::vector<std::string> differences;  // Human-readable, empty when converged.
};

struct LoadReport {
  int devices = 0;
  std::vector<std::string> servers;
  double durationS = 0;  // Wall time of the load phase (recording and syncing).
  int64_t rounds = 0;    // Sync rounds completed, all devices together.
  int64_t failedRounds = 0;
  int64_t readings = 0;  // Recorded on the devices.
  int64_t progressUpdates = 0;
  int64_t inspections = 0;
  int64_t pushed = 0;  // Changes sent in push calls (a retried change counts again).
  int64_t accepted = 0;
  int64_t duplicate = 0;
  int64_t rejected = 0;
  std::map<std::string, int64_t> rejectedReasons;
  int64_t flagged = 0;                   // Accepted with quality flags (anomalies, not errors).
  std::map<std::string, int64_t> flags;  // Quality flag -> accepted changes that carry it.
  double throughput = 0;                 // (accepted + duplicate) / durationS.
  // Seconds during which at least one push call was in flight, and the
  // acknowledged changes per such second: the server's pace without the
  // devices' own (fsync'ed) local saves in between.
  double pushBusyS = 0;
  double throughputWhilePushing = 0;
  LatencyStats push;
  LatencyStats pull;
  LatencyStats syncRound;
  int64_t pendingAfter = 0;  // Outbox rows left on all devices after the final sync.
  bool converged = false;
  std::vector<MunicipalityConvergence> municipalities;
  std::vector<std::string> errors;  // Distinct failures, with how often.

  // A sane run: nothing rejected, nothing failed or left pending, converged.
  [[nodiscard]] bool sane() const {
    return rejected == 0 && failedRounds == 0 && pendingAfter == 0 && converged && errors.empty();
  }
};

// Reads enrollment codes: one a line, blank lines and '#' comments skipped.
core::Result<std::vector<std::string>> readCodes(const std::string& path);

core::Result<LoadReport> runLoad(const LoadOptions& options);

std::string toJson(const LoadReport& report);
std::string toSummary(const LoadReport& report);

}  // namespace secap::sim
