// End to end: `secap-sim load` against a spawned secap-syncserver on the
// demo dataset. Four devices (two municipalities, two devices each) record
// and sync for a few rounds; the run must reject nothing, converge, report
// its latencies, and leave on the server what the devices hold. No timing
// assertions: the figures are reported, never judged here.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "secap/core/sync_transport.h"
#include "secap/v1/monitoring.pb.h"
#include "secap/v1/sync.pb.h"
#include "server_process.h"

namespace {

namespace fs = std::filesystem;
using google::protobuf::Struct;
using google::protobuf::Value;
using secap::e2e::freePort;
using secap::e2e::httpGet;
using secap::e2e::run;
using secap::e2e::ServerProcess;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

const Value& field(const Struct& s, const std::string& name) {
  static const Value kNull;
  auto it = s.fields().find(name);
  EXPECT_NE(it, s.fields().end()) << "the JSON report has no \"" << name << "\"";
  return it == s.fields().end() ? kNull : it->second;
}

TEST(LoadTool, FourDevicesSyncWithoutRejectionsAndConverge) {
  const fs::path work = fs::temp_directory_path() / ("secap_e2e_load_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  const std::string server = SECAP_SYNCSERVER_BIN;
  const std::string data = (work / "server").string();
  run(quoted(server) + " demo-data --data-dir " + quoted(data) + " > /dev/null");
  const std::string codes = (work / "codes.txt").string();
  {
    std::ofstream out(codes);
    out << "# two field devices in each of two municipalities\n";
    for (const char* m : {"Żyraków", "Żyraków", "Besko", "Besko"}) {
      std::string code = run(quoted(server) + " admin enroll-code --data-dir " + quoted(data) + " --municipality " +
                             quoted(m) + " --role field");
      out << code;
    }
  }

  // An admin's token, to read every municipality's summary.
  const std::string adminCode = run(quoted(server) + " admin enroll-code --data-dir " + quoted(data) +
                                    " --municipality Besko --role admin");

  ServerProcess proc(data, freePort(), freePort());
  proc.start();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  std::string adminToken;
  {
    secap::v1::EnrollRequest req;
    req.set_enrollment_code(adminCode.substr(0, adminCode.find('\n')));
    req.set_install_id("load-test-admin");
    auto enrolled = secap::core::makeGrpcTransport(proc.grpcTarget())->enroll(req);
    ASSERT_TRUE(enrolled.isOk()) << enrolled.status().toString();
    adminToken = enrolled->access_token();
  }
  // The same server twice: the list syntax works and each round picks one.
  const std::string json = run(quoted(SECAP_SIM_BIN) + " load --server " + proc.grpcTarget() + "," + proc.grpcTarget() +
                               " --devices 4 --rounds 4 --batch 30 --seed 7 --codes " + quoted(codes) + " --work-dir " +
                               quoted((work / "devices").string()));

  Struct report;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &report).ok()) << json;
  EXPECT_EQ(field(report, "devices").number_value(), 4);
  EXPECT_EQ(field(report, "rounds").number_value(), 16) << "4 devices x 4 rounds";
  EXPECT_EQ(field(report, "failed_rounds").number_value(), 0);
  EXPECT_EQ(field(report, "rejected").number_value(), 0) << json;
  EXPECT_EQ(field(report, "pushed").number_value(), 4 * 4 * 30);
  EXPECT_EQ(field(report, "accepted").number_value(), 4 * 4 * 30);
  EXPECT_EQ(field(report, "pending_after").number_value(), 0);
  EXPECT_TRUE(field(report, "converged").bool_value()) << json;
  const auto& recorded = field(report, "recorded").struct_value();
  EXPECT_GT(field(recorded, "readings").number_value(), 0);
  EXPECT_GT(field(report, "throughput_changes_per_s").number_value(), 0);
  for (const char* latency : {"push_latency_ms", "sync_round_latency_ms"}) {
    const auto& l = field(report, latency).struct_value();
    EXPECT_EQ(field(l, "count").number_value(), 16) << latency;
    for (const char* p : {"p50", "p95", "p99", "max"}) {
      EXPECT_GT(field(l, p).number_value(), 0) << latency << "." << p;
    }
    EXPECT_LE(field(l, "p50").number_value(), field(l, "p95").number_value()) << latency;
    EXPECT_LE(field(l, "p99").number_value(), field(l, "max").number_value()) << latency;
  }

  // The devices agree with each other and with the server.
  const auto& municipalities = field(report, "municipalities").list_value();
  ASSERT_EQ(municipalities.values_size(), 2);
  for (const auto& v : municipalities.values()) {
    const auto& m = v.struct_value();
    EXPECT_EQ(field(m, "devices").number_value(), 2);
    EXPECT_TRUE(field(m, "converged").bool_value());
    auto [status, body] =
        httpGet(proc.httpPort(), "/api/v1/municipalities/" + field(m, "id").string_value() + "/summary", adminToken);
    ASSERT_EQ(status, 200) << body;
    secap::v1::MunicipalitySummary summary;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(body, &summary).ok()) << body;
    int64_t serverReadings = 0;
    for (const auto& meter : summary.meters()) serverReadings += meter.reading_count();
    EXPECT_EQ(serverReadings, field(field(m, "records").struct_value(), "reading").number_value())
        << field(m, "name").string_value();
  }

  // A rerun needs no codes: the devices are enrolled already.
  const std::string again = run(quoted(SECAP_SIM_BIN) + " load --server " + proc.grpcTarget() +
                                " --devices 4 --rounds 1 --work-dir " + quoted((work / "devices").string()));
  Struct second;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(again, &second).ok()) << again;
  EXPECT_EQ(field(second, "rejected").number_value(), 0);
  EXPECT_TRUE(field(second, "converged").bool_value());

  proc.stop();
  fs::remove_all(work);
}

}  // namespace
