#pragma once
// The HTTP API's routing and responses (DESIGN.md §6 "served as JSON", STYLE.md
// Beast layering): handleRequest() maps one parsed request to one response and
// does no I/O, so every route is unit-testable and fuzzable without sockets.
// HttpServer (http_server.h) owns the connections and calls it.
//
// Routes (a table in http_handler.cpp: method, path, who may call, handler):
//   GET|HEAD /healthz                                         anyone: "ok", 503 when unhealthy
//   GET|HEAD /metrics                                         anyone: Prometheus text exposition (metrics.h)
//   GET|HEAD /api/v1/municipalities/{id}/summary              MunicipalitySummary (JSON)
//   GET|HEAD /api/v1/municipalities/{id}/report               MunicipalityReport (JSON)
//   GET|HEAD /api/v1/municipalities/{id}/inventories/{year}.csv  the Covenant tables A-D (CSV)
//   GET|HEAD /api/v1/municipalities/{id}/actions.csv          the Covenant action table (CSV)
//   GET|HEAD /api/v1/municipalities/{id}/review-queue         ReviewQueue (JSON; coordinators)
//   POST     /api/v1/readings/{id}/review                     ReviewReadingRequest in, ReviewReadingResponse
//                                                             out (JSON; coordinators): 201, or 200 again
//   GET|HEAD /api/v1/sites/{id}/report[?year=Y]               SiteReport (JSON)
//   GET|HEAD /api/v1/compare[?year=Y]                         CompareMunicipalitiesResponse (JSON)
//   GET|HEAD /api/v1/measure-outcomes[?sector=S&area=A]       ListMeasureOutcomesResponse (JSON)
//   GET|HEAD /api/v1/municipalities/{id}/sites[?year=Y]       SiteList: sites with their EnPIs (full readers)
//   GET|HEAD /api/v1/measures/{id}                            MeasureDetail: a measure's page
//   GET|HEAD /api/v1/attachments/{id}/content                 a photo's bytes (shared view: publishable only)
//   GET|HEAD /api/v1/municipalities/{id}/devices              DeviceList (coordinators)
//   POST     /api/v1/municipalities/{id}/enrollment-codes     IssueEnrollmentCodeRequest in, IssuedEnrollmentCode (201)
//   POST     /api/v1/devices/{id}/revoke                      RevokeDeviceRequest in, 204 (coordinators)
//   PUT      /api/v1/devices/{id}/sites                       BindSitesRequest in, 204 (coordinators)
//   GET|HEAD /api/v1/municipalities/{id}/photos               PhotoList (coordinators)
//   PUT      /api/v1/attachments/{id}/publishable             SetPublishableRequest in, Attachment (coordinators)
//   POST     /api/v1/attachments/{id}/redact                  RedactRequest in, 204 (coordinators)
//   GET|HEAD /api/v1/municipalities                           MunicipalityList: those the caller may open
//   POST     /api/v1/session                                  SignInRequest in, WebSession out + cookie (201)
//   GET|HEAD /api/v1/session                                  the signed-in WebSession (401 without one)
//   DELETE   /api/v1/session                                  signs out (204), clears the cookie
//   GET|HEAD /, /assets/..., /<dashboard route>               the web dashboard's files (web_assets.h)
// Callers: "Authorization: Bearer <device token>", or the web dashboard's
// session cookie (web_auth.h). A session's writes (any method but GET and
// HEAD) must carry its CSRF token in X-CSRF-Token, else 403 "csrf"; signing
// in must be sent as application/json (a cross-site form cannot), else 415.
// Who may read a municipality (the same rule as MonitoringService; the
// backend applies it): a device with any role there but partner, or an admin,
// sees everything; a partner, or a caller without a token, sees a
// municipality that shares its progress (its summary aggregated by carrier,
// no meter or site named); anyone else gets 401 without a token and 403 with
// one. The caller is read from "Authorization: Bearer <token>" (the device
// token of enrollment).
// Errors are JSON: {"error":{"code":"not_found","message":"..."}}, with 400
// for a malformed id or year, 401, 403, 404 for an unknown municipality or
// year or reading, 405 with an Allow header for another method, 503 when the store is
// unavailable. JSON uses protobuf's JSON mapping with snake_case names and
// defaults printed (docs/API.md). Path segments and query parameters are
// percent-decoded; other query parameters are ignored.
//
// Ownership: the backend is borrowed for the call. Thread safety: handleRequest
// is reentrant; HttpBackend implementations must be safe to call from several
// I/O threads at once (const methods, internal locking as needed).

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "secap/core/status.h"
#include "secap/v1/monitoring.pb.h"
#include "store.h"
#include "web_assets.h"

namespace secap::server {

// Who makes a request: a device from its bearer token, a web user from
// their session cookie (web_auth.h; `device` is then their web device), or
// nobody in particular.
struct Caller {
  std::optional<DeviceRecord> device;  // empty: no token and no session
  std::string webLogin;                // a session's user; empty for a bearer token
  std::string csrfToken;               // a session's writes must carry it
};

// A browser signed in: the cookie's token (shown once) and what the page may know.
struct SignedIn {
  std::string token;
  secap::v1::WebSession session;
};

inline constexpr const char* kSessionCookie = "secap_session";
// The listener sets it to the connection's remote address on every request
// (replacing any a client sent), for the sign-in limit per address.
inline constexpr const char* kPeerHeader = "X-Secap-Peer";

// A photo's bytes and type.
struct BlobContent {
  std::string bytes;
  std::string mime;
};

// What the HTTP layer needs from the rest of the server. Every method that
// reads a municipality applies the read rule above and answers
// kUnauthenticated, kPermissionDenied, kNotFound or kInvalidArgument.
class HttpBackend {
 public:
  virtual ~HttpBackend() = default;
  // False while the server cannot serve (storage down, draining).
  [[nodiscard]] virtual bool healthy() const = 0;
  // The caller of a bearer token: kUnauthenticated for an unknown or replaced
  // token, kPermissionDenied for a withdrawn device.
  [[nodiscard]] virtual core::Result<Caller> caller(std::string_view bearerToken) const = 0;
  [[nodiscard]] virtual core::Result<secap::v1::MunicipalitySummary> municipalitySummary(
      const Caller& caller, const std::string& municipalityId) const = 0;
  [[nodiscard]] virtual core::Result<secap::v1::MunicipalityReport> municipalityReport(
      const Caller& caller, const std::string& municipalityId) const = 0;
  [[nodiscard]] virtual core::Result<std::string> inventoryCsv(const Caller& caller, const std::string& municipalityId,
                                                               int year) const = 0;
  [[nodiscard]] virtual core::Result<std::string> actionsCsv(const Caller& caller,
                                                             const std::string& municipalityId) const = 0;
  // A site's report: for a device with a role in its municipality (not partner), or an admin.
  [[nodiscard]] virtual core::Result<secap::v1::SiteReport> siteReport(const Caller& caller, const std::string& siteId,
                                                                       int year) const = 0;
  // The municipality's sites with their EnPIs: for those who see all of it.
  [[nodiscard]] virtual core::Result<secap::v1::SiteList> sites(const Caller& caller, const std::string& municipalityId,
                                                                int year) const;
  // Across municipalities: those that share their progress (and, for the
  // catalogue, those the caller has a role in).
  [[nodiscard]] virtual core::Result<secap::v1::CompareMunicipalitiesResponse> compare(const Caller& caller,
                                                                                       int year) const = 0;
  [[nodiscard]] virtual core::Result<secap::v1::ListMeasureOutcomesResponse> measureOutcomes(
      const Caller& caller, const secap::v1::ListMeasureOutcomesRequest& request) const = 0;
  // The review queue and a decision on it (review_queue.h): coordinators of
  // the municipality, or admins. reviewReading writes; it is const like the
  // rest because the backend is a handle on the store, not the store.
  [[nodiscard]] virtual core::Result<secap::v1::ReviewQueue> reviewQueue(const Caller& caller,
                                                                         const std::string& municipalityId) const = 0;
  [[nodiscard]] virtual core::Result<secap::v1::ReviewReadingResponse> reviewReading(
      const Caller& caller, const secap::v1::ReviewReadingRequest& request) const = 0;
  // --- The web dashboard (web_auth.h, web_assets.h). A backend without it
  // answers kUnavailable and serves no files.
  // `peer`: the client's address (the listener's X-Secap-Peer; empty when unknown).
  [[nodiscard]] virtual core::Result<SignedIn> signIn(const secap::v1::SignInRequest& request,
                                                      std::string_view peer) const;
  // The caller of a session cookie's token (kUnauthenticated: ended or unknown).
  [[nodiscard]] virtual core::Result<Caller> sessionCaller(std::string_view token) const;
  [[nodiscard]] virtual core::Status signOut(std::string_view token) const;
  // The signed-in session as the page sees it (the caller came from sessionCaller).
  [[nodiscard]] virtual core::Result<secap::v1::WebSession> webSession(const Caller& caller) const;
  [[nodiscard]] virtual core::Result<secap::v1::MunicipalityList> municipalities(const Caller& caller) const;
  // A measure's page; photos and their bytes (the read rule; the shared
  // view gets publishable photos only).
  [[nodiscard]] virtual core::Result<secap::v1::MeasureDetail> measureDetail(const Caller& caller,
                                                                             const std::string& measureId) const;
  [[nodiscard]] virtual core::Result<BlobContent> attachmentContent(const Caller& caller,
                                                                    const std::string& attachmentId) const;
  // A coordinator's management (web_admin.h).
  [[nodiscard]] virtual core::Result<secap::v1::DeviceList> devices(const Caller& caller,
                                                                    const std::string& municipalityId) const;
  [[nodiscard]] virtual core::Result<secap::v1::IssuedEnrollmentCode> issueCode(
      const Caller& caller, const std::string& municipalityId,
      const secap::v1::IssueEnrollmentCodeRequest& request) const;
  [[nodiscard]] virtual core::Status revokeDevice(const Caller& caller, const std::string& deviceId,
                                                  bool allowRescue) const;
  [[nodiscard]] virtual core::Status bindSites(const Caller& caller, const std::string& deviceId,
                                               const std::vector<std::string>& siteIds) const;
  [[nodiscard]] virtual core::Result<secap::v1::PhotoList> photos(const Caller& caller,
                                                                  const std::string& municipalityId) const;
  [[nodiscard]] virtual core::Result<secap::v1::Attachment> setPublishable(const Caller& caller,
                                                                           const std::string& attachmentId,
                                                                           bool publishable) const;
  [[nodiscard]] virtual core::Status redact(const Caller& caller, const std::string& attachmentId,
                                            const std::string& reason) const;
  // Cookies get the Secure attribute (the listener is not on loopback).
  [[nodiscard]] virtual bool secureCookies() const { return false; }
  [[nodiscard]] virtual const StaticFile* staticFile(std::string_view path) const { return nullptr; }
  // The Prometheus exposition for GET /metrics (metrics.h).
  [[nodiscard]] virtual core::Result<std::string> metrics() const = 0;
  // Told of every answered request: the route template it matched
  // ("/api/v1/sites/{id}/report"; "unmatched") and the status. For /metrics.
  virtual void requestServed(std::string_view route, unsigned status) const = 0;
};

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// The value of every response's Server header.
inline constexpr const char* kHttpServerName = "secap-syncserver";

// The response to `req`: same HTTP version, keep-alive as the request asked,
// Content-Length set. A HEAD response has the GET headers and an empty body.
HttpResponse handleRequest(const HttpRequest& req, const HttpBackend& backend);

// A JSON error response {"error":{"code":code,"message":message}}; also used by
// the session for errors found before a request exists (413, 431, 400).
HttpResponse makeHttpError(boost::beast::http::status status, const std::string& code, const std::string& message,
                           unsigned version, bool keepAlive);

}  // namespace secap::server
