// End to end: a spawned secap-syncserver, simulated devices on secap_core.
// Two devices record 1,000 readings each while the server is down; then
// they sync, a repeated push changes nothing, and a third device's pull
// yields exactly the same records as the server holds.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <tuple>

#include "secap/core/consumption.h"
#include "secap/v1/monitoring.pb.h"
#include "server_process.h"
#include "sim_device.h"

namespace {

namespace fs = std::filesystem;
using namespace secap;
using e2e::freePort;
using e2e::httpGet;
using e2e::run;
using e2e::ServerProcess;

using ReadingKey = std::tuple<std::string, std::string, int64_t, double>;

std::set<ReadingKey> readingsOf(sim::SimDevice& d) {
  std::set<ReadingKey> out;
  for (const auto& m : d.meters())
    for (const auto& r : d.store().readings(m.id())) out.emplace(r.id(), r.meter_id(), r.taken_at(), r.value());
  return out;
}

// As a device of the municipality sees it (its token).
v1::MunicipalitySummary serverSummary(int httpPort, const std::string& municipalityId, sim::SimDevice& device) {
  const auto token = device.store().accessToken();
  EXPECT_TRUE(token.isOk() && token->has_value());
  auto [status, body] = httpGet(httpPort, "/api/v1/municipalities/" + municipalityId + "/summary",
                                token.isOk() ? token->value_or("") : "");
  EXPECT_EQ(status, 200) << body;
  v1::MunicipalitySummary s;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(body, &s).ok()) << body;
  return s;
}

v1::MunicipalitySummary deviceSummary(sim::SimDevice& d) {
  const auto mid = d.store().state(core::state_keys::kMunicipalityId).value_or("");
  std::vector<v1::Site> sites = d.store().sites(mid);
  std::vector<v1::Meter> meters = d.meters();
  std::map<std::string, std::vector<v1::Reading>> byMeter;
  for (const auto& m : meters) byMeter[m.id()] = d.store().readings(m.id());
  std::vector<v1::ReadingReview> reviews;
  for (const auto& r : d.store().allRecords()) {
    v1::Change c;
    if (r.type == core::EntityType::kReadingReview && core::parseEntityInto(r.type, r.data, c))
      reviews.push_back(c.reading_review());
  }
  return core::summarizeMunicipality(*d.store().municipality(mid), sites, meters, byMeter, reviews);
}

int64_t totalReadings(const v1::MunicipalitySummary& s) {
  int64_t n = 0;
  for (const auto& m : s.meters()) n += m.reading_count();
  return n;
}

void expectSameSummary(const v1::MunicipalitySummary& a, const v1::MunicipalitySummary& b) {
  ASSERT_EQ(a.meters_size(), b.meters_size());
  for (int i = 0; i < a.meters_size(); ++i) {
    EXPECT_EQ(a.meters(i).meter_id(), b.meters(i).meter_id());
    EXPECT_EQ(a.meters(i).reading_count(), b.meters(i).reading_count());
    ASSERT_EQ(a.meters(i).years_size(), b.meters(i).years_size());
    for (int y = 0; y < a.meters(i).years_size(); ++y) {
      EXPECT_EQ(a.meters(i).years(y).year(), b.meters(i).years(y).year());
      EXPECT_NEAR(a.meters(i).years(y).kwh(), b.meters(i).years(y).kwh(), 1e-6 * (1 + b.meters(i).years(y).kwh()));
    }
  }
}

}  // namespace

TEST(OfflineSync, TwoDevicesRecordOfflineAndEveryoneConverges) {
  const fs::path root = fs::temp_directory_path() / ("secap_e2e_" + std::to_string(::getpid()));
  fs::remove_all(root);
  const std::string data = (root / "server").string();
  const std::string bin = SECAP_SYNCSERVER_BIN;
  run(bin + " demo-data --data-dir " + data + " > /dev/null");
  auto codeFor = [&] {
    std::string code = run(bin + " admin enroll-code --data-dir " + data + " --municipality 'Pałecznica' --role field");
    while (!code.empty() && (code.back() == '\n' || code.back() == ' ')) code.pop_back();
    return code;
  };

  ServerProcess server(data, freePort(), freePort());
  ASSERT_NO_FATAL_FAILURE(server.start());

  auto a = std::move(sim::SimDevice::open((root / "a").string(), server.grpcTarget())).value();
  auto b = std::move(sim::SimDevice::open((root / "b").string(), server.grpcTarget())).value();
  ASSERT_TRUE(a->enroll(codeFor(), "Tablet A").isOk());
  ASSERT_TRUE(b->enroll(codeFor(), "Tablet B").isOk());
  ASSERT_TRUE(a->sync().isOk());
  ASSERT_TRUE(b->sync().isOk());
  ASSERT_FALSE(a->meters().empty());
  const std::string municipalityId = a->store().state(core::state_keys::kMunicipalityId).value_or("");
  EXPECT_EQ(a->store().municipality(municipalityId)->name(), "Pałecznica");
  const int64_t before = totalReadings(serverSummary(server.httpPort(), municipalityId, *a));
  ASSERT_GT(before, 0);

  // The server goes down; both devices keep recording.
  server.stop();
  ASSERT_EQ(*a->recordReadings(1000, 11), 1000);
  ASSERT_EQ(*b->recordReadings(1000, 22), 1000);
  EXPECT_FALSE(a->sync().isOk());
  EXPECT_EQ(a->store().pendingCount(), 1000);
  const auto unsentA = a->store().pendingOutbox(5000, 1 << 22);
  ASSERT_EQ(unsentA.size(), 1000u);

  // It comes back: everything goes up, nothing is rejected.
  ASSERT_NO_FATAL_FAILURE(server.start());
  {
    auto st = a->sync();
    ASSERT_TRUE(st.isOk()) << st.toString();
    st = b->sync();
    ASSERT_TRUE(st.isOk()) << st.toString();
  }
  ASSERT_TRUE(a->sync().isOk());  // A also pulls B's readings
  EXPECT_EQ(a->store().pendingCount(), 0);
  EXPECT_EQ(b->store().pendingCount(), 0);
  EXPECT_EQ(a->store().rejectedCount() + b->store().rejectedCount(), 0);

  const auto summary = serverSummary(server.httpPort(), municipalityId, *a);
  EXPECT_EQ(totalReadings(summary), before + 2000);
  expectSameSummary(summary, deviceSummary(*a));

  // A retried push of the very same batch changes nothing.
  v1::PushRequest again;
  again.set_schema_version(core::kSchemaVersion);
  for (const auto& e : unsentA) *again.add_changes() = e.change;
  auto resp = a->transport().push(again, a->store().accessToken()->value());
  ASSERT_TRUE(resp.isOk()) << resp.status().toString();
  for (const auto& r : resp->results()) EXPECT_EQ(r.outcome(), v1::DUPLICATE);
  expectSameSummary(serverSummary(server.httpPort(), municipalityId, *a), summary);

  // A third device pulls exactly the same records.
  auto c = std::move(sim::SimDevice::open((root / "c").string(), server.grpcTarget())).value();
  ASSERT_TRUE(c->enroll(codeFor(), "Tablet C").isOk());
  ASSERT_TRUE(c->sync().isOk());
  ASSERT_TRUE(b->sync().isOk());
  const auto recordsC = readingsOf(*c);
  EXPECT_EQ(static_cast<int64_t>(recordsC.size()), before + 2000);
  EXPECT_EQ(recordsC, readingsOf(*a));
  EXPECT_EQ(recordsC, readingsOf(*b));
  expectSameSummary(summary, deviceSummary(*c));
  server.stop();
  fs::remove_all(root);
}
