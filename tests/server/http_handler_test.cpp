#include "http_handler.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <map>
#include <string>

#include "http_server.h"

namespace secap::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

const std::string kZyrakowId = "01890a5d-ac96-774b-bcce-b302099a8057";
const std::string kZyrakow = "\xc5\xbbyrak\xc3\xb3w";  // Żyraków

class FakeBackend : public HttpBackend {
 public:
  FakeBackend() {
    secap::v1::MunicipalitySummary s;
    s.set_municipality_id(kZyrakowId);
    s.set_name(kZyrakow);
    auto* meter = s.add_meters();
    meter->set_meter_id("01890a5d-ac96-774b-bcce-b302099a8058");
    meter->set_site_name(
        "Szko\xc5\x82"
        "a Podstawowa w Wiewi\xc3\xb3rce");
    meter->set_carrier(secap::v1::CARRIER_NATURAL_GAS);
    auto* year = meter->add_years();
    year->set_year(2024);
    year->set_kwh(123456.5);
    m_summaries[kZyrakowId] = s;
  }

  bool healthy() const override { return m_healthy; }
  core::Result<Caller> caller(std::string_view token) const override {
    if (token != kGoodToken) return core::Status(core::StatusCode::kUnauthenticated, "unknown or replaced token");
    DeviceRecord d;
    d.id = "device-1";
    return Caller{d};
  }
  core::Result<secap::v1::MunicipalitySummary> municipalitySummary(const Caller& caller,
                                                                   const std::string& id) const override {
    lastCaller = caller.device ? caller.device->id : "anonymous";
    const auto it = m_summaries.find(id);
    if (it == m_summaries.end()) return core::notFound("unknown municipality " + id);
    return it->second;
  }
  core::Result<secap::v1::MunicipalityReport> municipalityReport(const Caller& caller,
                                                                 const std::string& id) const override {
    if (!caller.device) return core::Status(core::StatusCode::kUnauthenticated, "sign in");
    secap::v1::MunicipalityReport r;
    r.set_municipality_id(id);
    r.set_name(kZyrakow);
    return r;
  }
  core::Result<std::string> inventoryCsv(const Caller&, const std::string&, int year) const override {
    if (year != 2014) return core::notFound("no inventory for " + std::to_string(year));
    return std::string("# BEI 2014\n");
  }
  core::Result<std::string> actionsCsv(const Caller&, const std::string&) const override {
    return core::Status(core::StatusCode::kPermissionDenied, "not yours");
  }
  core::Result<secap::v1::SiteReport> siteReport(const Caller&, const std::string& id, int year) const override {
    secap::v1::SiteReport r;
    r.set_site_id(id);
    r.set_year(year);
    return r;
  }
  core::Result<secap::v1::CompareMunicipalitiesResponse> compare(const Caller&, int year) const override {
    secap::v1::CompareMunicipalitiesResponse r;
    r.set_year(year);
    return r;
  }
  core::Result<secap::v1::ListMeasureOutcomesResponse> measureOutcomes(
      const Caller& caller, const secap::v1::ListMeasureOutcomesRequest& request) const override {
    lastCaller = caller.device ? caller.device->id : "anonymous";
    lastOutcomesRequest = request;
    return secap::v1::ListMeasureOutcomesResponse{};
  }

  core::Result<secap::v1::ReviewQueue> reviewQueue(const Caller& caller, const std::string& id) const override {
    if (!caller.device) return core::Status(core::StatusCode::kUnauthenticated, "sign in");
    secap::v1::ReviewQueue q;
    q.set_municipality_id(id);
    q.add_readings()->mutable_reading()->add_quality_flags("reading.not_monotonic");
    return q;
  }
  core::Result<secap::v1::ReviewReadingResponse> reviewReading(
      const Caller& caller, const secap::v1::ReviewReadingRequest& request) const override {
    if (!caller.device) return core::Status(core::StatusCode::kUnauthenticated, "sign in");
    lastReview = request;
    secap::v1::ReviewReadingResponse r;
    r.mutable_review()->set_reading_id(request.reading_id());
    r.mutable_review()->set_decision(request.decision());
    r.set_duplicate(request.review_id() == kSeenReview);
    return r;
  }

  core::Result<std::string> metrics() const override { return std::string("secap_up 1\n"); }
  void requestServed(std::string_view route, unsigned status) const override {
    served.emplace_back(std::string(route), status);
  }

  static constexpr const char* kGoodToken = "good-token";
  static constexpr const char* kSeenReview = "01890a5d-ac96-774b-bcce-b3020990beef";
  bool m_healthy = true;
  mutable std::string lastCaller;
  mutable secap::v1::ListMeasureOutcomesRequest lastOutcomesRequest;
  mutable secap::v1::ReviewReadingRequest lastReview;
  mutable std::vector<std::pair<std::string, unsigned>> served;

 private:
  std::map<std::string, secap::v1::MunicipalitySummary> m_summaries;
};

HttpRequest makeRequest(http::verb method, std::string target, unsigned version = 11) {
  HttpRequest req{method, target, version};
  req.set(http::field::host, "localhost");
  return req;
}

HttpResponse get(const HttpBackend& backend, std::string target) {
  return handleRequest(makeRequest(http::verb::get, std::move(target)), backend);
}

std::string header(const HttpResponse& res, http::field f) { return std::string(res[f]); }

TEST(HttpHandler, HealthzIsOkWhenHealthy) {
  FakeBackend backend;
  const HttpResponse res = get(backend, "/healthz");
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res.body(), "ok");
  EXPECT_EQ(header(res, http::field::server), "secap-syncserver");
  EXPECT_EQ(header(res, http::field::content_length), "2");
}

TEST(HttpHandler, HealthzIs503WhenUnhealthy) {
  FakeBackend backend;
  backend.m_healthy = false;
  EXPECT_EQ(get(backend, "/healthz").result(), http::status::service_unavailable);
}

TEST(HttpHandler, SummaryIsProtobufJsonWithSnakeCaseNamesAndDefaults) {
  FakeBackend backend;
  const HttpResponse res = get(backend, "/api/v1/municipalities/" + kZyrakowId + "/summary");
  ASSERT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(header(res, http::field::content_type), "application/json; charset=utf-8");
  const std::string& body = res.body();
  EXPECT_NE(body.find("\"municipality_id\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"site_name\""), std::string::npos) << body;
  EXPECT_EQ(body.find("municipalityId"), std::string::npos) << body;
  // Defaults are printed: a zero reading_count and an empty serial.
  EXPECT_NE(body.find("\"reading_count\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"serial\":\"\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"CARRIER_NATURAL_GAS\""), std::string::npos) << body;

  secap::v1::MunicipalitySummary parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(body, &parsed).ok());
  EXPECT_EQ(parsed.name(), kZyrakow);
  ASSERT_EQ(parsed.meters_size(), 1);
  EXPECT_DOUBLE_EQ(parsed.meters(0).years(0).kwh(), 123456.5);
}

TEST(HttpHandler, SummaryKeepsUtf8AsIs) {
  FakeBackend backend;
  const std::string body = get(backend, "/api/v1/municipalities/" + kZyrakowId + "/summary").body();
  EXPECT_NE(body.find("\"name\":\"" + kZyrakow + "\""), std::string::npos) << body;
  EXPECT_NE(body.find("Wiewi\xc3\xb3rce"), std::string::npos) << body;
  EXPECT_EQ(body.find("\\u"), std::string::npos) << body;
}

TEST(HttpHandler, UnknownMunicipalityIs404WithJsonError) {
  FakeBackend backend;
  const HttpResponse res = get(backend, "/api/v1/municipalities/01890a5d-ac96-774b-bcce-b302099a8000/summary");
  EXPECT_EQ(res.result(), http::status::not_found);
  EXPECT_EQ(header(res, http::field::content_type), "application/json; charset=utf-8");
  EXPECT_EQ(res.body().rfind(R"({"error":{"code":"not_found","message":")", 0), 0u) << res.body();
}

TEST(HttpHandler, MalformedMunicipalityIdIs400) {
  FakeBackend backend;
  for (const std::string id :
       {"01890A5D-AC96-774B-BCCE-B302099A8057", "01890a5d-ac96-774b-bcce-b302099a805",
        "01890a5dac96774bbcceb302099a8057", "zz890a5d-ac96-774b-bcce-b302099a8057", "x", "%C5%BByrak%C3%B3w"}) {
    const HttpResponse res = get(backend, "/api/v1/municipalities/" + id + "/summary");
    EXPECT_EQ(res.result(), http::status::bad_request) << id;
    EXPECT_NE(res.body().find(R"("code":"invalid_argument")"), std::string::npos) << res.body();
  }
}

TEST(HttpHandler, UnknownPathsAre404) {
  FakeBackend backend;
  for (const char* target : {"/", "/healthz/", "//healthz", "/api/v1/towns", "/api/v1/municipalities/summary",
                             "/HEALTHZ", "/api/v2/municipalities/x/summary"}) {
    const HttpResponse res = get(backend, target);
    EXPECT_EQ(res.result(), http::status::not_found) << target;
    EXPECT_NE(res.body().find(R"("code":"not_found")"), std::string::npos) << target;
  }
}

TEST(HttpHandler, OtherMethodsAre405WithAllow) {
  FakeBackend backend;
  for (const http::verb method : {http::verb::post, http::verb::put, http::verb::delete_, http::verb::options}) {
    const HttpResponse res = handleRequest(makeRequest(method, "/healthz"), backend);
    EXPECT_EQ(res.result(), http::status::method_not_allowed);
    EXPECT_EQ(header(res, http::field::allow), "GET, HEAD");
  }
}

TEST(HttpHandler, AReviewIsPostedAsJsonAndTheQueueRead) {
  FakeBackend backend;
  const std::string reading = "01890a5d-ac96-774b-bcce-b30209900001";
  auto post = [&](const std::string& target, const std::string& body, bool signedIn = true) {
    HttpRequest req = makeRequest(http::verb::post, target);
    if (signedIn) req.set(http::field::authorization, std::string("Bearer ") + FakeBackend::kGoodToken);
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    return handleRequest(req, backend);
  };
  const std::string target = "/api/v1/readings/" + reading + "/review";
  HttpResponse res = post(target, R"({"decision":"REVIEW_DECISION_ERRONEOUS","note":"licznik \u017ale odczytany"})");
  ASSERT_EQ(res.result(), http::status::created) << res.body();
  EXPECT_EQ(backend.lastReview.reading_id(), reading);
  EXPECT_EQ(backend.lastReview.decision(), secap::v1::REVIEW_DECISION_ERRONEOUS);
  EXPECT_EQ(backend.lastReview.note(), "licznik \xc5\xbale odczytany");
  EXPECT_NE(res.body().find(R"("decision":"REVIEW_DECISION_ERRONEOUS")"), std::string::npos) << res.body();
  // The same review_id again: recorded once, 200.
  res = post(target, std::string(R"({"decision":"REVIEW_DECISION_CONFIRMED","review_id":")") +
                         FakeBackend::kSeenReview + "\"}");
  EXPECT_EQ(res.result(), http::status::ok) << res.body();
  // What a client gets wrong is a 400 that says what the body should be.
  for (const std::string bad : {"", "not json", R"({"decision":"confirmed"})", R"({"decison":1})",
                                R"({"reading_id":"01890a5d-ac96-774b-bcce-b30209900002","decision":1})"}) {
    res = post(target, bad);
    EXPECT_EQ(res.result(), http::status::bad_request) << bad;
    EXPECT_NE(res.body().find("invalid_argument"), std::string::npos) << bad;
  }
  EXPECT_EQ(post("/api/v1/readings/R1/review", R"({"decision":1})").result(), http::status::bad_request);
  EXPECT_EQ(post(target, R"({"decision":1})", false).result(), http::status::unauthorized);
  // The review is POST only; the queue GET only.
  res = get(backend, target);
  EXPECT_EQ(res.result(), http::status::method_not_allowed);
  EXPECT_EQ(header(res, http::field::allow), "POST");
  HttpRequest queue = makeRequest(http::verb::get, "/api/v1/municipalities/" + kZyrakowId + "/review-queue");
  queue.set(http::field::authorization, std::string("Bearer ") + FakeBackend::kGoodToken);
  res = handleRequest(queue, backend);
  ASSERT_EQ(res.result(), http::status::ok);
  EXPECT_NE(res.body().find("reading.not_monotonic"), std::string::npos) << res.body();
}

TEST(HttpHandler, EveryAnswerIsCountedByItsRouteTemplate) {
  FakeBackend backend;
  (void)get(backend, "/api/v1/municipalities/" + kZyrakowId + "/summary");
  (void)get(backend, "/api/v1/municipalities/" + kZyrakowId + "/inventories/2014.csv");
  (void)get(backend, "/nowhere");
  (void)handleRequest(makeRequest(http::verb::delete_, "/healthz"), backend);
  const HttpResponse metrics = get(backend, "/metrics");
  EXPECT_EQ(metrics.result(), http::status::ok);
  EXPECT_EQ(header(metrics, http::field::content_type), "text/plain; version=0.0.4; charset=utf-8");
  using Served = std::vector<std::pair<std::string, unsigned>>;
  EXPECT_EQ(backend.served, (Served{{"/api/v1/municipalities/{id}/summary", 200},
                                    {"/api/v1/municipalities/{id}/inventories/{year}.csv", 200},
                                    {"unmatched", 404},
                                    {"/healthz", 405},
                                    {"/metrics", 200}}));
}

TEST(HttpHandler, QueryStringIsIgnored) {
  FakeBackend backend;
  EXPECT_EQ(get(backend, "/healthz?verbose=1&x=%zz").result(), http::status::ok);
  EXPECT_EQ(get(backend, "/api/v1/municipalities/" + kZyrakowId + "/summary?fields=all").result(), http::status::ok);
}

TEST(HttpHandler, PercentEncodedPathsAreDecodedOrRejected) {
  FakeBackend backend;
  EXPECT_EQ(get(backend, "/%68ealth%7A").result(), http::status::ok);
  EXPECT_EQ(get(backend, "/api/v1/municipalities/" + kZyrakowId + "%2Fsummary").result(), http::status::not_found);
  for (const char* target :
       {"/healthz%", "/healthz%4", "/%zzhealthz", "/heal%00thz", "healthz", "*", "http://example.org/healthz"}) {
    EXPECT_EQ(get(backend, target).result(), http::status::bad_request) << target;
  }
}

TEST(HttpHandler, HeadHasTheGetHeadersWithoutBody) {
  FakeBackend backend;
  const HttpResponse res = handleRequest(makeRequest(http::verb::head, "/healthz"), backend);
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(header(res, http::field::content_length), "2");
}

TEST(HttpHandler, KeepAliveFollowsTheRequest) {
  FakeBackend backend;
  EXPECT_TRUE(handleRequest(makeRequest(http::verb::get, "/healthz", 11), backend).keep_alive());
  EXPECT_FALSE(handleRequest(makeRequest(http::verb::get, "/healthz", 10), backend).keep_alive());
  HttpRequest close = makeRequest(http::verb::get, "/healthz", 11);
  close.keep_alive(false);
  EXPECT_FALSE(handleRequest(close, backend).keep_alive());
}

TEST(HttpHandler, TheCallerComesFromTheBearerToken) {
  FakeBackend backend;
  const std::string summary = "/api/v1/municipalities/" + kZyrakowId + "/summary";
  EXPECT_EQ(get(backend, summary).result(), http::status::ok);
  EXPECT_EQ(backend.lastCaller, "anonymous");
  HttpRequest req = makeRequest(http::verb::get, summary);
  req.set(http::field::authorization, "Bearer good-token");
  EXPECT_EQ(handleRequest(req, backend).result(), http::status::ok);
  EXPECT_EQ(backend.lastCaller, "device-1");
  // An unknown token and a header that is no bearer token are 401, with the scheme to use.
  for (const char* value : {"Bearer stale-token", "Basic dXNlcjpwYXNz", "Bearer"}) {
    req.set(http::field::authorization, value);
    const HttpResponse res = handleRequest(req, backend);
    EXPECT_EQ(res.result(), http::status::unauthorized) << value;
    EXPECT_EQ(header(res, http::field::www_authenticate), "Bearer") << value;
    EXPECT_NE(res.body().find(R"("code":"unauthenticated")"), std::string::npos) << res.body();
  }
}

TEST(HttpHandler, BackendRefusalsBecome401403And404) {
  FakeBackend backend;
  const std::string base = "/api/v1/municipalities/" + kZyrakowId;
  EXPECT_EQ(get(backend, base + "/report").result(), http::status::unauthorized);
  EXPECT_EQ(get(backend, base + "/actions.csv").result(), http::status::forbidden);
  EXPECT_EQ(get(backend, base + "/inventories/2019.csv").result(), http::status::not_found);
  HttpRequest req = makeRequest(http::verb::get, base + "/report");
  req.set(http::field::authorization, "Bearer good-token");
  const HttpResponse report = handleRequest(req, backend);
  ASSERT_EQ(report.result(), http::status::ok);
  EXPECT_NE(report.body().find("\"name\":\"" + kZyrakow + "\""), std::string::npos) << report.body();
}

TEST(HttpHandler, CsvIsServedAsAnAttachmentAndAYearMustBeAYear) {
  FakeBackend backend;
  const std::string base = "/api/v1/municipalities/" + kZyrakowId + "/inventories/";
  const HttpResponse res = get(backend, base + "2014.csv");
  ASSERT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(header(res, http::field::content_type), "text/csv; charset=utf-8");
  EXPECT_EQ(header(res, http::field::content_disposition), "attachment; filename=\"inventory-2014.csv\"");
  EXPECT_EQ(res.body(), "# BEI 2014\n");
  for (const char* bad : {"14.csv", "twenty.csv", "2014x.csv", ".csv", "3000.csv"})
    EXPECT_EQ(get(backend, base + bad).result(), http::status::bad_request) << bad;
  EXPECT_EQ(get(backend, base + "2014.json").result(), http::status::not_found);
}

TEST(HttpHandler, AcrossMunicipalitiesTheQueryStringFilters) {
  FakeBackend backend;
  const HttpResponse res = get(backend, "/api/v1/measure-outcomes?sector=public_lighting&area=efficient%5Flighting");
  ASSERT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(backend.lastOutcomesRequest.com_sector(), "public_lighting");
  EXPECT_EQ(backend.lastOutcomesRequest.area_of_intervention(), "efficient_lighting");
  EXPECT_EQ(backend.lastCaller, "anonymous");
  const HttpResponse compare = get(backend, "/api/v1/compare?year=2024");
  ASSERT_EQ(compare.result(), http::status::ok);
  EXPECT_NE(compare.body().find("\"year\":2024"), std::string::npos) << compare.body();
  EXPECT_EQ(get(backend, "/api/v1/compare?year=last").result(), http::status::bad_request);
  EXPECT_NE(get(backend, "/api/v1/compare").body().find("\"year\":0"), std::string::npos);
}

// --- HttpServer over loopback ----------------------------------------------

struct Client {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;

  explicit Client(uint16_t port) {
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }

  http::response<http::string_body> roundTrip(HttpRequest req) {
    stream.expires_after(std::chrono::seconds(10));
    http::write(stream, req);
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    return res;
  }
};

TEST(HttpServer, ServesHealthzOnLoopbackWithKeepAlive) {
  FakeBackend backend;
  HttpServer server(backend);
  const auto port = server.start("127.0.0.1", 0);
  ASSERT_TRUE(port.isOk()) << port.status().message();
  ASSERT_NE(*port, 0);
  EXPECT_EQ(server.port(), *port);

  Client client(*port);
  for (int i = 0; i < 2; ++i) {  // Twice on one connection.
    const auto res = client.roundTrip(makeRequest(http::verb::get, "/healthz"));
    EXPECT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res.body(), "ok");
    EXPECT_EQ(res[http::field::server], "secap-syncserver");
    EXPECT_TRUE(res.keep_alive());
  }
  server.stop();
}

TEST(HttpServer, RejectsBodiesOverOneMiBWith413) {
  FakeBackend backend;
  HttpServer server(backend);
  const auto port = server.start("127.0.0.1", 0);
  ASSERT_TRUE(port.isOk()) << port.status().message();
  Client client(*port);
  HttpRequest req = makeRequest(http::verb::post, "/healthz");
  req.body().assign(1024 * 1024 + 1, 'x');
  req.prepare_payload();
  // Only the header goes out: the server refuses on Content-Length alone and
  // closes, and a client still writing the body would race that close.
  http::request_serializer<http::string_body> serializer{req};
  http::write_header(client.stream, serializer);
  http::response<http::string_body> res;
  beast::error_code ec;
  http::read(client.stream, client.buffer, res, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(res.result(), http::status::payload_too_large);
  EXPECT_FALSE(res.keep_alive());
}

TEST(HttpServer, StopClosesIdleKeepAliveConnectionsPromptly) {
  FakeBackend backend;
  HttpServer server(backend, 2);
  const auto port = server.start("127.0.0.1", 0);
  ASSERT_TRUE(port.isOk()) << port.status().message();
  Client client(*port);
  ASSERT_EQ(client.roundTrip(makeRequest(http::verb::get, "/healthz")).result(), http::status::ok);

  const auto before = std::chrono::steady_clock::now();
  server.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(3));
  http::response<http::string_body> res;
  beast::error_code ec;
  http::read(client.stream, client.buffer, res, ec);
  EXPECT_TRUE(ec);  // end of stream: the server closed the connection.
  server.stop();    // Idempotent.
}

TEST(HttpServer, StartReportsBadAddressAndBusyPort) {
  FakeBackend backend;
  HttpServer first(backend);
  const auto port = first.start("127.0.0.1", 0);
  ASSERT_TRUE(port.isOk()) << port.status().message();
  EXPECT_EQ(first.start("127.0.0.1", 0).status().code(), secap::core::StatusCode::kFailedPrecondition);

  HttpServer second(backend);
  const auto busy = second.start("127.0.0.1", *port);
  ASSERT_FALSE(busy.isOk());
  EXPECT_EQ(busy.status().code(), secap::core::StatusCode::kUnavailable);

  HttpServer third(backend);
  EXPECT_EQ(third.start("", 0).status().code(), secap::core::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace secap::server
