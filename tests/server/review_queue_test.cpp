// The review queue on the server (issue 13 §5): a flagged reading waits for a
// coordinator; the decision, posted over HTTP, is a ReadingReview that the
// reports follow and the devices pull. On SQLite, and on PostgreSQL in the
// "pg:" run.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "harness.h"
#include "http_handler.h"
#include "reports.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/v1/monitoring.grpc.pb.h"

namespace secap::testing {
namespace {

namespace v1 = secap::v1;
namespace http = boost::beast::http;
using server::HttpRequest;
using server::HttpResponse;

constexpr int64_t kDayMs = 86400000;
constexpr const char* kOtherSite = "0190a000-0000-7000-8000-0000000000c2";
constexpr const char* kOtherMeter = "0190a000-0000-7000-8000-0000000000c3";

class ReviewQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name());
    h->seed(baseChanges(kServerNow));
    // Eleven monthly readings, 100 kWh a month, then one month of 3 000:
    // the server flags the last as a spike.
    std::vector<v1::Change> readings;
    for (int i = 0; i <= 10; ++i)
      readings.push_back(reading(kMeterId, kServerNow - (12 - i) * 30 * kDayMs, 1000 + i * 100));
    spike = reading(kMeterId, kServerNow - 30 * kDayMs, 2000 + 3000);
    readings.push_back(spike);
    h->seed(readings);
    // A second town with its own flagged reading, which A's coordinators may not judge.
    v1::Change town = otherMunicipalityChange(kServerNow);
    v1::Change site;
    site.set_change_id(core::newUuidV7(h->clock));
    site.set_entity_id(kOtherSite);
    site.set_hlc(core::makeHlc(kServerNow - 1000, 0));
    site.mutable_site()->set_id(kOtherSite);
    site.mutable_site()->set_municipality_id(kOtherMunicipality);
    site.mutable_site()->set_name("Rathaus");
    v1::Change meter;
    meter.set_change_id(core::newUuidV7(h->clock));
    meter.set_entity_id(kOtherMeter);
    meter.set_hlc(core::makeHlc(kServerNow - 1000, 0));
    auto* m = meter.mutable_meter();
    m->set_id(kOtherMeter);
    m->set_site_id(kOtherSite);
    m->set_serial("G-7");
    m->set_carrier(v1::CARRIER_ELECTRICITY);
    m->set_unit(v1::UNIT_KWH);
    m->set_kind(v1::METER_KIND_CUMULATIVE);
    h->seed({town, site, meter, reading(kOtherMeter, kServerNow - 40 * kDayMs, 500),
             reading(kOtherMeter, kServerNow - 20 * kDayMs, 400)});
  }

  v1::Change reading(const std::string& meterId, int64_t takenAt, double value) {
    return readingChange(h->clock, meterId, takenAt, value);
  }

  std::string token(const std::string& role, const std::string& municipality = kMunicipalityId) {
    return h->enrollToken(municipality, role);
  }

  HttpResponse call(http::verb method, const std::string& target, const std::string& bearer,
                    const std::string& body = "") {
    server::StoreReports reports(h->srv->store(), h->clock);
    HttpRequest req{method, target, 11};
    if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
    req.body() = body;
    req.prepare_payload();
    return server::handleRequest(req, reports);
  }

  v1::ReviewQueue queue(const std::string& bearer) {
    const auto res =
        call(http::verb::get, std::string("/api/v1/municipalities/") + kMunicipalityId + "/review-queue", bearer);
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    v1::ReviewQueue q;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(res.body(), &q).ok()) << res.body();
    return q;
  }

  // The school's electricity in 2025, as its site report shows it.
  double siteKwh(const std::string& bearer) {
    server::StoreReports reports(h->srv->store(), h->clock);
    auto caller = reports.caller(bearer);
    EXPECT_TRUE(caller.isOk());
    auto site = reports.siteReport(*caller, kSiteId, 2025);
    EXPECT_TRUE(site.isOk()) << site.status().toString();
    double kwh = 0;
    for (const auto& s : site->series())
      for (const auto& m : s.months()) kwh += m.kwh();
    return kwh;
  }

  HttpResponse review(const std::string& bearer, const std::string& readingId, const std::string& decision,
                      const std::string& reviewId = "") {
    std::string body = R"({"decision":")" + decision + R"(","note":"licznik sprawdzony na miejscu")";
    if (!reviewId.empty()) body += R"(,"review_id":")" + reviewId + "\"";
    body += "}";
    return call(http::verb::post, "/api/v1/readings/" + readingId + "/review", bearer, body);
  }

  std::unique_ptr<ServerHarness> h;
  v1::Change spike;
};

TEST_F(ReviewQueueTest, AFlaggedReadingWaitsForTheCoordinatorWithItsNeighbours) {
  const v1::ReviewQueue q = queue(token("coordinator"));
  ASSERT_EQ(q.readings_size(), 1);
  const auto& item = q.readings(0);
  EXPECT_EQ(item.reading().id(), spike.entity_id());
  ASSERT_EQ(item.reading().quality_flags_size(), 1);
  EXPECT_EQ(item.reading().quality_flags(0), "reading.spike");
  EXPECT_EQ(item.serial(), "E-1");
  EXPECT_EQ(item.site_id(), kSiteId);
  EXPECT_FALSE(item.site_name().empty());
  ASSERT_TRUE(item.has_previous());
  EXPECT_EQ(item.previous().value(), 2000);
  EXPECT_FALSE(item.has_next());
  EXPECT_EQ(q.decided(), 0);
}

TEST_F(ReviewQueueTest, OnlyTheTownsCoordinatorsSeeAndDecide) {
  const std::string queuePath = std::string("/api/v1/municipalities/") + kMunicipalityId + "/review-queue";
  const std::string field = token("field");
  const std::string partner = token("partner");
  EXPECT_EQ(call(http::verb::get, queuePath, field).result(), http::status::forbidden);
  EXPECT_EQ(call(http::verb::get, queuePath, partner).result(), http::status::forbidden);
  EXPECT_EQ(call(http::verb::get, queuePath, token("kiosk")).result(), http::status::forbidden);
  EXPECT_EQ(call(http::verb::get, queuePath, "").result(), http::status::unauthorized);
  EXPECT_EQ(call(http::verb::get, queuePath, token("admin", kOtherMunicipality)).result(), http::status::ok);
  EXPECT_EQ(call(http::verb::get, "/api/v1/municipalities/0190a000-0000-7000-8000-0000000000ff/review-queue",
                 token("coordinator"))
                .result(),
            http::status::not_found);
  EXPECT_EQ(review(field, spike.entity_id(), "REVIEW_DECISION_CONFIRMED").result(), http::status::forbidden);
  EXPECT_EQ(review("", spike.entity_id(), "REVIEW_DECISION_CONFIRMED").result(), http::status::unauthorized);
  // B's coordinator sees B's queue, not A's; A's coordinator may not judge B's reading.
  const std::string coordinatorB = token("coordinator", kOtherMunicipality);
  EXPECT_EQ(call(http::verb::get, queuePath, coordinatorB).result(), http::status::forbidden);
  server::StoreReports reports(h->srv->store(), h->clock);
  auto b = reports.reviewQueue(*reports.caller(coordinatorB), kOtherMunicipality);
  ASSERT_TRUE(b.isOk());
  ASSERT_EQ(b->readings_size(), 1);
  EXPECT_EQ(b->readings(0).reading().quality_flags(0), "reading.not_monotonic");
  EXPECT_EQ(review(token("coordinator"), b->readings(0).reading().id(), "REVIEW_DECISION_ERRONEOUS").result(),
            http::status::forbidden);
  EXPECT_EQ(review(token("coordinator"), "0190a000-0000-7000-8000-0000000000ff", "REVIEW_DECISION_ERRONEOUS").result(),
            http::status::not_found);
  EXPECT_EQ(queue(token("coordinator")).readings_size(), 1);  // nothing was decided
}

TEST_F(ReviewQueueTest, TheDecisionChangesTheReportAndReachesTheDevices) {
  const std::string coordinator = token("coordinator");
  const double before = siteKwh(coordinator);
  EXPECT_NEAR(before, 1000, 1e-6);  // the spike waits outside

  const std::string reviewId = core::newUuidV7(h->clock);
  auto res = review(coordinator, spike.entity_id(), "REVIEW_DECISION_CONFIRMED", reviewId);
  ASSERT_EQ(res.result(), http::status::created) << res.body();
  EXPECT_NEAR(siteKwh(coordinator), before + 3000, 1e-6);
  v1::ReviewQueue q = queue(coordinator);
  EXPECT_EQ(q.readings_size(), 0);
  EXPECT_EQ(q.decided(), 1);

  // Sent again (a retry after a lost answer): recorded once.
  res = review(coordinator, spike.entity_id(), "REVIEW_DECISION_CONFIRMED", reviewId);
  EXPECT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_NE(res.body().find(R"("duplicate":true)"), std::string::npos) << res.body();
  auto stored = h->srv->store().entitiesOf(core::EntityType::kReadingReview, kMunicipalityId);
  ASSERT_TRUE(stored.isOk());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().entity.reading_review().note(), "licznik sprawdzony na miejscu");

  // A change of mind is a later review: the reading leaves the figures again.
  h->clock.advance(60000);
  res = review(coordinator, spike.entity_id(), "REVIEW_DECISION_ERRONEOUS");
  ASSERT_EQ(res.result(), http::status::created) << res.body();
  EXPECT_NEAR(siteKwh(coordinator), before, 1e-6);

  // A field tablet pulls both decisions like any other record.
  const v1::PullResponse pulled = h->pullAs(token("field"));
  int reviews = 0;
  for (const auto& c : pulled.changes())
    if (c.has_reading_review() && c.reading_review().reading_id() == spike.entity_id()) ++reviews;
  EXPECT_EQ(reviews, 2);
}

TEST_F(ReviewQueueTest, TheGrpcCallsAnswerByTheSameRules) {
  auto stub = v1::MonitoringService::NewStub(h->channel);
  const std::string coordinator = token("coordinator");
  auto list = [&](const std::string& bearer, v1::ReviewQueue* out = nullptr) {
    grpc::ClientContext ctx;
    if (!bearer.empty()) ctx.AddMetadata("authorization", "Bearer " + bearer);
    v1::ListReviewQueueRequest req;
    req.set_municipality_id(kMunicipalityId);
    v1::ReviewQueue resp;
    auto code = stub->ListReviewQueue(&ctx, req, &resp).error_code();
    if (out) *out = resp;
    return code;
  };
  v1::ReviewQueue q;
  EXPECT_EQ(list(coordinator, &q), grpc::StatusCode::OK);
  EXPECT_EQ(q.readings_size(), 1);
  EXPECT_EQ(list(""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(list(token("field")), grpc::StatusCode::PERMISSION_DENIED);

  auto decide = [&](const std::string& bearer, v1::ReviewDecision decision) {
    grpc::ClientContext ctx;
    if (!bearer.empty()) ctx.AddMetadata("authorization", "Bearer " + bearer);
    v1::ReviewReadingRequest req;
    req.set_reading_id(spike.entity_id());
    req.set_decision(decision);
    v1::ReviewReadingResponse resp;
    return stub->ReviewReading(&ctx, req, &resp).error_code();
  };
  EXPECT_EQ(decide(coordinator, v1::REVIEW_DECISION_UNSPECIFIED), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(decide(token("field"), v1::REVIEW_DECISION_CONFIRMED), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(decide(coordinator, v1::REVIEW_DECISION_CONFIRMED), grpc::StatusCode::OK);
  EXPECT_EQ(list(coordinator, &q), grpc::StatusCode::OK);
  EXPECT_EQ(q.readings_size(), 0);
}

}  // namespace
}  // namespace secap::testing
