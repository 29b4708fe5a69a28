// Web dashboard users and sessions (web_auth.h) on SQLite and, in the "pg:"
// run, PostgreSQL: passwords, the lock after wrong ones, expiry, one-time
// links, withdrawal; and through the HTTP router: the cookie's attributes,
// CSRF on writes, and what a partner's session may list.
#include "web_auth.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "demo_data.h"
#include "harness.h"
#include "reports.h"
#include "secap/core/hlc.h"
#include "secap/core/sync_transport.h"

namespace secap::testing {
namespace {

namespace http = boost::beast::http;
namespace v1 = secap::v1;
using core::StatusCode;

constexpr const char* kPassword = "a long enough password";

class WebAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name());
    h->seed(baseChanges(kServerNow));
    auth = std::make_unique<server::WebAuth>(h->srv->store(), h->clock);
    reports = std::make_unique<server::StoreReports>(h->srv->store(), h->clock);
    reports->enableWeb(auth.get(), nullptr, false);
  }

  server::WebUserRecord add(const std::string& login, const std::string& role = "coordinator",
                            const std::string& municipality = kMunicipalityId) {
    auto u = auth->addUser(login, municipality, role, kPassword, "test");
    EXPECT_TRUE(u.isOk()) << u.status().toString();
    return u.isOk() ? *u : server::WebUserRecord{};
  }

  server::HttpResponse call(http::verb method, const std::string& target, const std::string& cookie = "",
                            const std::string& body = "", const std::string& csrf = "") {
    server::HttpRequest req{method, target, 11};
    if (!cookie.empty())
      req.set(http::field::cookie, "theme=dark; " + std::string(server::kSessionCookie) + "=" + cookie);
    if (!csrf.empty()) req.set("X-CSRF-Token", csrf);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
      req.prepare_payload();
    }
    return server::handleRequest(req, *reports);
  }

  std::unique_ptr<ServerHarness> h;
  std::unique_ptr<server::WebAuth> auth;
  std::unique_ptr<server::StoreReports> reports;
};

TEST_F(WebAuthTest, TheRightPasswordSignsInAndAWrongOneOrUnknownLoginSaysTheSame) {
  add("Anna.Kowalska");  // logins are kept in lower case
  auto in = auth->signIn("anna.kowalska", kPassword);
  ASSERT_TRUE(in.isOk()) << in.status().toString();
  auto caller = auth->caller(in->token);
  ASSERT_TRUE(caller.isOk()) << caller.status().toString();
  ASSERT_TRUE(caller->device.has_value());
  EXPECT_EQ(caller->device->role, "coordinator");
  EXPECT_EQ(caller->device->platform, "web");
  EXPECT_EQ(caller->webLogin, "anna.kowalska");
  EXPECT_EQ(caller->csrfToken.size(), 64u);

  auto wrong = auth->signIn("anna.kowalska", "not the password");
  auto unknown = auth->signIn("nobody", kPassword);
  ASSERT_FALSE(wrong.isOk());
  ASSERT_FALSE(unknown.isOk());
  EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  // The password itself is stored only as an argon2id hash.
  auto stored = h->srv->store().webUser("anna.kowalska");
  ASSERT_TRUE(stored.isOk() && stored->has_value());
  EXPECT_EQ((*stored)->passwordHash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ((*stored)->passwordHash.find(kPassword), std::string::npos);
}

TEST_F(WebAuthTest, FiveWrongPasswordsLockTheLoginForFifteenMinutes) {
  add("anna");
  for (int i = 0; i < server::kWebFailuresBeforeLock; ++i)
    EXPECT_EQ(auth->signIn("anna", "wrong " + std::to_string(i)).status().code(), StatusCode::kUnauthenticated);
  auto locked = auth->signIn("anna", kPassword);
  ASSERT_FALSE(locked.isOk());
  EXPECT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(locked.status().message().find("locked until"), std::string::npos);
  // Through HTTP it is a 429.
  auto res = call(http::verb::post, "/api/v1/session", "", R"({"login":"anna","password":"a long enough password"})");
  EXPECT_EQ(res.result_int(), 429u);
  h->clock.advance(server::kWebLockMs + 1);
  EXPECT_TRUE(auth->signIn("anna", kPassword).isOk());
  // A success clears the count: four more wrong ones do not lock.
  for (int i = 0; i < server::kWebFailuresBeforeLock - 1; ++i) (void)auth->signIn("anna", "wrong");
  EXPECT_TRUE(auth->signIn("anna", kPassword).isOk());
}

TEST_F(WebAuthTest, OneAddressTryingManyLoginsIsStoppedAndOthersAreNot) {
  add("anna");
  // Password spraying: one wrong password for each of many logins, from one address.
  for (int i = 0; i < server::kWebFailuresPerAddress; ++i)
    EXPECT_EQ(auth->signIn("user" + std::to_string(i), "Summer2026!", "203.0.113.7").status().code(),
              StatusCode::kUnauthenticated);
  auto stopped = auth->signIn("anna", kPassword, "203.0.113.7");
  ASSERT_FALSE(stopped.isOk());
  EXPECT_EQ(stopped.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(stopped.status().message().find("try again in 15 minutes"), std::string::npos)
      << stopped.status().message();
  EXPECT_EQ(auth->signInWithLink("any", "203.0.113.7").status().code(), StatusCode::kResourceExhausted);
  // Another address, and the same one later, are served.
  EXPECT_TRUE(auth->signIn("anna", kPassword, "198.51.100.2").isOk());
  h->clock.advance(server::kWebLockMs);
  EXPECT_TRUE(auth->signIn("anna", kPassword, "203.0.113.7").isOk());
  // Through HTTP: the listener's peer header carries the address.
  for (int i = 0; i < server::kWebFailuresPerAddress; ++i)
    (void)auth->signIn("x" + std::to_string(i), "no", "192.0.2.1");
  server::HttpRequest req{http::verb::post, "/api/v1/session", 11};
  req.set(http::field::content_type, "application/json");
  req.set(server::kPeerHeader, "192.0.2.1");
  req.body() = R"({"login":"anna","password":"a long enough password"})";
  req.prepare_payload();
  EXPECT_EQ(server::handleRequest(req, *reports).result_int(), 429u);
}

TEST_F(WebAuthTest, ASessionEndsAfterTwelveHoursAndAtSignOut) {
  add("anna");
  auto a = auth->signIn("anna", kPassword);
  auto b = auth->signIn("anna", kPassword);
  ASSERT_TRUE(a.isOk() && b.isOk());
  ASSERT_TRUE(auth->signOut(a->token).isOk());
  EXPECT_EQ(auth->caller(a->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(auth->caller(b->token).isOk()) << "signing out one browser leaves the other";
  h->clock.advance(server::kWebSessionMs);
  EXPECT_EQ(auth->caller(b->token).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(WebAuthTest, ASignInLinkWorksOnceAndNotAfterADay) {
  auto made = auth->addUser("piotr", kMunicipalityId, "partner", "", "test");  // no password: links only
  ASSERT_TRUE(made.isOk()) << made.status().toString();
  EXPECT_EQ(auth->signIn("piotr", "").status().code(), StatusCode::kUnauthenticated);
  auto link = auth->issueLink("piotr", "test");
  ASSERT_TRUE(link.isOk());
  auto in = auth->signInWithLink(*link);
  ASSERT_TRUE(in.isOk()) << in.status().toString();
  EXPECT_EQ(auth->signInWithLink(*link).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(auth->caller(*link).status().code(), StatusCode::kUnauthenticated) << "a link is no session";
  auto late = auth->issueLink("piotr", "test");
  ASSERT_TRUE(late.isOk());
  h->clock.advance(server::kWebLinkMs);
  EXPECT_EQ(auth->signInWithLink(*late).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(WebAuthTest, AWithdrawnUserIsSignedOutEverywhereAndCannotSignIn) {
  const auto u = add("anna");
  auto in = auth->signIn("anna", kPassword);
  ASSERT_TRUE(in.isOk());
  ASSERT_TRUE(auth->revoke("anna", "admin:test").isOk());
  EXPECT_EQ(auth->caller(in->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(auth->signIn("anna", kPassword).status().code(), StatusCode::kPermissionDenied);
  auto device = h->srv->store().deviceById(u.deviceId);
  ASSERT_TRUE(device.isOk() && device->has_value());
  EXPECT_NE((*device)->revokedAtMs, 0);
  EXPECT_EQ(auth->issueLink("anna", "test").status().code(), StatusCode::kPermissionDenied);
}

TEST_F(WebAuthTest, BadUsersAreRefusedWithTheReason) {
  add("anna");
  EXPECT_EQ(auth->addUser("ANNA", kMunicipalityId, "coordinator", kPassword, "t").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(auth->addUser("bob", kMunicipalityId, "coordinator", "short", "t").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(auth->addUser("tablet", kMunicipalityId, "kiosk", kPassword, "t").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(auth->addUser("a b", kMunicipalityId, "coordinator", kPassword, "t").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(auth->addUser("mayor", kMunicipalityId, "mayor", kPassword, "t").status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(WebAuthTest, TheCookieIsHttpOnlyStrictAndAWriteNeedsTheCsrfToken) {
  add("anna");
  auto res = call(http::verb::post, "/api/v1/session", "", R"({"login":"anna","password":"a long enough password"})");
  ASSERT_EQ(res.result_int(), 201u) << res.body();
  const std::string cookie(res[http::field::set_cookie]);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "no Secure on loopback";
  const std::string token = cookie.substr(cookie.find('=') + 1, 64);
  const size_t at = res.body().find("\"csrf_token\":\"");
  ASSERT_NE(at, std::string::npos);
  const std::string csrf = res.body().substr(at + 14, 64);

  EXPECT_EQ(call(http::verb::get, "/api/v1/session").result_int(), 401u);
  EXPECT_EQ(call(http::verb::get, "/api/v1/session", token).result_int(), 200u);
  // The session reads what the coordinator may read.
  EXPECT_EQ(call(http::verb::get, std::string("/api/v1/municipalities/") + kMunicipalityId + "/review-queue", token)
                .result_int(),
            200u);
  // A write without the token, or with another, is refused; with it, it goes through.
  const std::string review = "/api/v1/readings/0190a000-0000-7000-8000-0000000000ff/review";
  const std::string body = R"({"decision":"REVIEW_DECISION_CONFIRMED"})";
  auto forged = call(http::verb::post, review, token, body);
  EXPECT_EQ(forged.result_int(), 403u);
  EXPECT_NE(forged.body().find("\"csrf\""), std::string::npos);
  EXPECT_EQ(call(http::verb::post, review, token, body, std::string(64, '0')).result_int(), 403u);
  EXPECT_EQ(call(http::verb::post, review, token, body, csrf).result_int(), 404u) << "past CSRF: no such reading";
  // Signing in must be JSON, which a cross-site form cannot send.
  server::HttpRequest form{http::verb::post, "/api/v1/session", 11};
  form.set(http::field::content_type, "application/x-www-form-urlencoded");
  form.body() = "login=anna&password=x";
  form.prepare_payload();
  EXPECT_EQ(server::handleRequest(form, *reports).result_int(), 415u);
  // Signing out needs the token too, then ends the session and clears the cookie.
  EXPECT_EQ(call(http::verb::delete_, "/api/v1/session", token).result_int(), 403u);
  auto out = call(http::verb::delete_, "/api/v1/session", token, "", csrf);
  EXPECT_EQ(out.result_int(), 204u);
  EXPECT_NE(std::string(out[http::field::set_cookie]).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(call(http::verb::get, "/api/v1/session", token).result_int(), 401u);
}

TEST_F(WebAuthTest, APartnersSessionListsOnlyMunicipalitiesThatShare) {
  h->seed({shareProgressChange(kOtherMunicipality, h->clock)});
  add("partner", "partner", kOtherMunicipality);
  auto in = auth->signIn("partner", kPassword);
  ASSERT_TRUE(in.isOk());
  auto list = call(http::verb::get, "/api/v1/municipalities", in->token);
  ASSERT_EQ(list.result_int(), 200u);
  EXPECT_NE(list.body().find(kOtherMunicipality), std::string::npos);
  EXPECT_EQ(list.body().find(kMunicipalityId), std::string::npos) << list.body();
  EXPECT_EQ(call(http::verb::get, std::string("/api/v1/municipalities/") + kMunicipalityId + "/report", in->token)
                .result_int(),
            403u);
  EXPECT_EQ(call(http::verb::get, std::string("/api/v1/municipalities/") + kOtherMunicipality + "/sites", in->token)
                .result_int(),
            403u)
      << "sites are for the town's own staff";
}

TEST_F(WebAuthTest, TheDashboardIsServedWithItsCacheRulesAndRoutesGetTheIndex) {
  const std::filesystem::path dir = h->dir + "/web";
  std::filesystem::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<!doctype html><title>SECAP</title>";
  std::ofstream(dir / "assets" / "index-3f2a.js") << "console.log(1)";
  auto assets = server::WebAssets::load(dir.string());
  ASSERT_TRUE(assets.isOk()) << assets.status().toString();
  reports->enableWeb(auth.get(), &*assets, false);

  auto index = call(http::verb::get, "/");
  ASSERT_EQ(index.result_int(), 200u);
  EXPECT_EQ(index[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(index[http::field::cache_control], "no-cache");
  EXPECT_NE(index["Content-Security-Policy"].find("default-src 'self'"), std::string::npos);
  auto js = call(http::verb::get, "/assets/index-3f2a.js");
  ASSERT_EQ(js.result_int(), 200u);
  EXPECT_EQ(js[http::field::cache_control], "public, max-age=31536000, immutable");
  // The dashboard's own routes get the index; missing assets and the API do not.
  EXPECT_EQ(call(http::verb::get, std::string("/m/") + kMunicipalityId + "/measures").body(), index.body());
  EXPECT_EQ(call(http::verb::get, "/assets/gone-1234.js").result_int(), 404u);
  EXPECT_EQ(call(http::verb::get, "/api/v1/nothing").result_int(), 404u);
  EXPECT_EQ(call(http::verb::post, "/").result_int(), 404u);
  // A browser that has the page revalidates it for nothing.
  server::HttpRequest again{http::verb::get, "/", 11};
  again.set(http::field::if_none_match, std::string(index[http::field::etag]));
  EXPECT_EQ(server::handleRequest(again, *reports).result_int(), 304u);
  // No index.html: not a dashboard.
  EXPECT_EQ(server::WebAssets::load(h->dir + "/nowhere").status().code(), StatusCode::kNotFound);
}

// ---------------------------------------------------------------------------
// A coordinator's dashboard on the demo data: a measure's page, photos,
// devices (web_admin.h), through the HTTP router.

constexpr int64_t kDemoNow = kServerNow;

class WebAdminTest : public WebAuthTest {
 protected:
  void SetUp() override {
    WebAuthTest::SetUp();
    std::vector<server::DemoBlob> blobs;
    const auto demo = server::generateDemoData({.seed = 2030, .nowMs = kDemoNow, .years = 3}, &blobs);
    ASSERT_FALSE(blobs.empty());
    for (const auto& b : blobs) ASSERT_TRUE(h->srv->blobs()->put(b.sha256, b.bytes).isOk());
    h->seed(demo);
    reports->enablePhotos(h->srv->blobs(), h->srv->attachments());
    bydgoszcz = server::demoMunicipalityId("Bydgoszcz");
    coordinator = signInAs("koordynator", "coordinator", bydgoszcz);
    field = signInAs("pracownik", "field", bydgoszcz);
  }

  struct Session {
    std::string token, csrf, deviceId;
  };
  Session signInAs(const std::string& login, const std::string& role, const std::string& municipality) {
    const auto u = add(login, role, municipality);
    auto in = auth->signIn(login, kPassword);
    EXPECT_TRUE(in.isOk());
    return in.isOk() ? Session{in->token, in->session.csrfToken, u.deviceId} : Session{};
  }
  server::HttpResponse as(const Session& s, http::verb method, const std::string& target,
                          const std::string& body = "") {
    return call(method, target, s.token, body, s.csrf);
  }
  // A completed measure of Bydgoszcz with an inspection and its photo.
  std::string completedMeasure() {
    auto inspections = h->srv->store().entitiesOf(core::EntityType::kInspection, bydgoszcz);
    EXPECT_TRUE(inspections.isOk() && !inspections->empty());
    return inspections->front().entity.inspection().measure_id();
  }

  std::string bydgoszcz;
  Session coordinator, field;
};

TEST_F(WebAdminTest, AMeasurePageHasItsHistoryInspectionsAndPhotosAndTheSharedViewLessOfThem) {
  const std::string measure = completedMeasure();
  // Regression: this page crashed the server (the report was read after it was freed).
  auto own = as(coordinator, http::verb::get, "/api/v1/measures/" + measure);
  ASSERT_EQ(own.result_int(), 200u) << own.body();
  v1::MeasureDetail detail;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(own.body(), &detail).ok());
  EXPECT_EQ(detail.measure().id(), measure);
  EXPECT_EQ(detail.report().measure_id(), measure);
  EXPECT_GE(detail.progress_size(), 2);
  EXPECT_GE(detail.progress(0).reported_at(), detail.progress(1).reported_at()) << "newest first";
  ASSERT_GE(detail.inspections_size(), 1);
  ASSERT_GE(detail.photos_size(), 1);
  const std::string photo = detail.photos(0).id();
  ASSERT_GE(detail.measure().site_ids_size(), 1);
  EXPECT_FALSE(detail.site_names().at(detail.measure().site_ids(0)).empty());

  // Bydgoszcz shares its progress: a visitor gets the measure without the
  // inspections or who reported, and only publishable photos.
  auto shared = call(http::verb::get, "/api/v1/measures/" + measure);
  ASSERT_EQ(shared.result_int(), 200u);
  v1::MeasureDetail visitor;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(shared.body(), &visitor).ok());
  EXPECT_EQ(visitor.inspections_size(), 0);
  EXPECT_TRUE(visitor.site_names().empty());
  for (const auto& p : visitor.progress()) EXPECT_TRUE(p.reported_by().empty());
  EXPECT_EQ(visitor.photos_size(), detail.photos_size()) << "the demo's verified photos are publishable";
  auto png = call(http::verb::get, "/api/v1/attachments/" + photo + "/content");
  ASSERT_EQ(png.result_int(), 200u);
  EXPECT_EQ(png[http::field::content_type], "image/png");
  EXPECT_EQ(png.body().substr(1, 3), "PNG");

  // Taken off publication: gone for the visitor, still there for the coordinator.
  auto off =
      as(coordinator, http::verb::put, "/api/v1/attachments/" + photo + "/publishable", R"({"publishable":false})");
  ASSERT_EQ(off.result_int(), 200u) << off.body();
  EXPECT_EQ(call(http::verb::get, "/api/v1/attachments/" + photo + "/content").result_int(), 404u);
  auto after = call(http::verb::get, "/api/v1/measures/" + measure);
  EXPECT_EQ(after.body().find(photo), std::string::npos);
  EXPECT_EQ(as(coordinator, http::verb::get, "/api/v1/attachments/" + photo + "/content").result_int(), 200u);
  // The change went through ingest as the coordinator's web device, so devices pull it.
  auto stored = h->srv->store().attachmentById(photo);
  ASSERT_TRUE(stored.isOk() && stored->has_value());
  EXPECT_FALSE((*stored)->entity.attachment().publishable());
  EXPECT_EQ((*stored)->originDeviceId, coordinator.deviceId);
}

TEST_F(WebAdminTest, OnlyTheCoordinatorManagesPhotosAndARedactedPhotoIsGone) {
  auto list = as(coordinator, http::verb::get, "/api/v1/municipalities/" + bydgoszcz + "/photos");
  ASSERT_EQ(list.result_int(), 200u);
  v1::PhotoList photos;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(list.body(), &photos).ok());
  ASSERT_GE(photos.photos_size(), 1);
  const std::string photo = photos.photos(0).id();
  EXPECT_EQ(as(field, http::verb::get, "/api/v1/municipalities/" + bydgoszcz + "/photos").result_int(), 403u);
  EXPECT_EQ(as(field, http::verb::put, "/api/v1/attachments/" + photo + "/publishable", R"({"publishable":false})")
                .result_int(),
            403u);
  EXPECT_EQ(
      as(coordinator, http::verb::post, "/api/v1/attachments/" + photo + "/redact", R"({"reason":" "})").result_int(),
      400u)
      << "a redaction says why";
  auto redacted =
      as(coordinator, http::verb::post, "/api/v1/attachments/" + photo + "/redact", R"({"reason":"a face"})");
  ASSERT_EQ(redacted.result_int(), 204u) << redacted.body();
  EXPECT_EQ(as(coordinator, http::verb::get, "/api/v1/attachments/" + photo + "/content").result_int(), 404u);
  EXPECT_EQ(as(coordinator, http::verb::put, "/api/v1/attachments/" + photo + "/publishable", R"({"publishable":true})")
                .result_int(),
            400u);
  auto audit = h->srv->store().auditEntries("attachment.redact");
  ASSERT_TRUE(audit.isOk());
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->back().actor, "web:koordynator");
}

TEST_F(WebAdminTest, ACoordinatorEnrollsWithdrawsAndBindsDevicesOfTheirTownOnly) {
  const std::string devices = "/api/v1/municipalities/" + bydgoszcz + "/devices";
  EXPECT_EQ(as(field, http::verb::get, devices).result_int(), 403u);
  // A kiosk code bound to a site, with its QR code.
  auto sites = h->srv->store().entitiesOf(core::EntityType::kSite, bydgoszcz);
  ASSERT_TRUE(sites.isOk() && !sites->empty());
  const std::string site = sites->front().id;
  auto issued = as(coordinator, http::verb::post, "/api/v1/municipalities/" + bydgoszcz + "/enrollment-codes",
                   R"({"role":"kiosk","site_ids":[")" + site + R"("],"server":"sync.example.org:50051"})");
  ASSERT_EQ(issued.result_int(), 201u) << issued.body();
  v1::IssuedEnrollmentCode code;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(issued.body(), &code).ok());
  EXPECT_EQ(code.code().size(), 17u);
  EXPECT_EQ(code.uri().rfind("secap://enroll", 0), 0u);
  EXPECT_EQ(code.qr_svg().rfind("<svg", 0), 0u);
  EXPECT_EQ(as(coordinator, http::verb::post, "/api/v1/municipalities/" + bydgoszcz + "/enrollment-codes",
               R"({"role":"admin"})")
                .result_int(),
            403u);
  EXPECT_EQ(
      as(coordinator, http::verb::post,
         "/api/v1/municipalities/" + server::demoMunicipalityId("Sztum") + "/enrollment-codes", R"({"role":"field"})")
          .result_int(),
      403u);
  // The kiosk enrolls with it and is listed, bound to the site.
  v1::EnrollRequest enroll;
  enroll.set_enrollment_code(code.code());
  enroll.set_install_id("kiosk-1");
  enroll.set_device_name("Kiosk SP 3");
  auto kiosk = core::makeGrpcTransport(h->target())->enroll(enroll);
  ASSERT_TRUE(kiosk.isOk()) << kiosk.status().toString();
  auto listed = as(coordinator, http::verb::get, devices);
  ASSERT_EQ(listed.result_int(), 200u);
  v1::DeviceList list;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(listed.body(), &list).ok());
  std::string kioskId;
  for (const auto& d : list.devices())
    if (d.name() == "Kiosk SP 3") {
      kioskId = d.device_id();
      EXPECT_EQ(d.role(), "kiosk");
      ASSERT_EQ(d.site_ids_size(), 1);
      EXPECT_EQ(d.site_ids(0), site);
    }
  ASSERT_FALSE(kioskId.empty());
  // Rebound to every site, then withdrawn with a rescue; never oneself.
  EXPECT_EQ(
      as(coordinator, http::verb::put, "/api/v1/devices/" + kioskId + "/sites", R"({"site_ids":[]})").result_int(),
      204u);
  EXPECT_EQ(as(coordinator, http::verb::put, "/api/v1/devices/" + coordinator.deviceId + "/sites", R"({"site_ids":[]})")
                .result_int(),
            400u)
      << "only a kiosk is bound";
  EXPECT_EQ(as(coordinator, http::verb::post, "/api/v1/devices/" + coordinator.deviceId + "/revoke", "{}").result_int(),
            400u);
  EXPECT_EQ(as(field, http::verb::post, "/api/v1/devices/" + kioskId + "/revoke", "{}").result_int(), 403u);
  EXPECT_EQ(as(coordinator, http::verb::post, "/api/v1/devices/" + kioskId + "/revoke", R"({"allow_rescue":true})")
                .result_int(),
            204u);
  auto d = h->srv->store().deviceById(kioskId);
  ASSERT_TRUE(d.isOk() && d->has_value());
  EXPECT_NE((*d)->revokedAtMs, 0);
  EXPECT_EQ((*d)->rescue, server::kRescueAllowed);
  EXPECT_TRUE((*d)->sites.empty());
}

TEST_F(WebAdminTest, TheReviewQueueListsTheInspectionsAwaitingAFollowUp) {
  // In the demo, the first measure of every third town needed a follow-up: Siemiatycze's is one.
  const std::string town = server::demoMunicipalityId("Siemiatycze");
  const Session coord = signInAs("koordynator.siemiatycze", "coordinator", town);
  auto res = as(coord, http::verb::get, "/api/v1/municipalities/" + town + "/review-queue");
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  v1::ReviewQueue queue;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(res.body(), &queue).ok());
  // Two: the measure's verification, and last autumn's SECAP internal audit
  // at the town hall (measures running late), which names no measure.
  ASSERT_EQ(queue.follow_ups_size(), 2);
  int ofMeasures = 0;
  for (const auto& f : queue.follow_ups()) {
    EXPECT_EQ(f.inspection().outcome(), v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED);
    EXPECT_FALSE(f.site_name().empty());
    EXPECT_FALSE(f.inspection().findings().empty());
    if (f.inspection().has_measure_id()) {
      ++ofMeasures;
      EXPECT_FALSE(f.measure_title().empty());
    }
  }
  EXPECT_EQ(ofMeasures, 1);
  // Bydgoszcz has none.
  auto other = as(coordinator, http::verb::get, "/api/v1/municipalities/" + bydgoszcz + "/review-queue");
  v1::ReviewQueue none;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(other.body(), &none).ok());
  EXPECT_EQ(none.follow_ups_size(), 0);
}

}  // namespace
}  // namespace secap::testing
