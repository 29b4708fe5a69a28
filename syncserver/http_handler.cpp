#include "http_handler.h"

#include <google/protobuf/util/json_util.h>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <charconv>
#include <map>
#include <string_view>
#include <vector>

#include "secap/core/ids.h"
#include "secap/core/text.h"
#include "web_auth.h"

namespace secap::server {
namespace {

namespace http = boost::beast::http;

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kTextType = "text/plain; charset=utf-8";

HttpResponse makeResponse(http::status status, const char* contentType, std::string body, unsigned version,
                          bool keepAlive) {
  HttpResponse res{status, version};
  res.set(http::field::server, kHttpServerName);
  res.set(http::field::content_type, contentType);
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(keepAlive);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

// The decoded segments of an origin-form target ("/a/b?q" -> {"a", "b"}), or
// nullopt when the target is not origin-form or has a malformed escape.
std::optional<std::vector<std::string>> splitPath(std::string_view target) {
  const size_t end = target.find_first_of("?#");
  if (end != std::string_view::npos) target = target.substr(0, end);
  if (target.empty() || target.front() != '/') return std::nullopt;
  std::vector<std::string> segments;
  size_t pos = 1;
  while (true) {
    const size_t slash = target.find('/', pos);
    const std::string_view raw =
        target.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    auto decoded = core::percentDecode(raw);
    if (!decoded) return std::nullopt;
    segments.push_back(std::move(*decoded));
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  return segments;
}

core::Status webOff() { return {core::StatusCode::kUnavailable, "the web dashboard is not enabled on this server"}; }

// The HTTP status of a failed backend call.
HttpResponse errorOf(const HttpRequest& req, const core::Status& st) {
  http::status status = http::status::internal_server_error;
  std::string code = "internal";
  switch (st.code()) {
    case core::StatusCode::kInvalidArgument:
      status = http::status::bad_request;
      code = "invalid_argument";
      break;
    case core::StatusCode::kUnauthenticated:
      status = http::status::unauthorized;
      code = "unauthenticated";
      break;
    case core::StatusCode::kPermissionDenied:
      status = http::status::forbidden;
      code = "permission_denied";
      break;
    case core::StatusCode::kNotFound:
      status = http::status::not_found;
      code = "not_found";
      break;
    case core::StatusCode::kResourceExhausted:
      status = http::status::too_many_requests;
      code = "too_many_requests";
      break;
    case core::StatusCode::kAlreadyExists:
      status = http::status::conflict;
      code = "already_exists";
      break;
    case core::StatusCode::kUnavailable:
      status = http::status::service_unavailable;
      code = "unavailable";
      break;
    default:
      break;
  }
  HttpResponse res = makeHttpError(status, code, st.message(), req.version(), req.keep_alive());
  if (status == http::status::unauthorized) res.set(http::field::www_authenticate, "Bearer");
  return res;
}

// The value of the session cookie, or empty.
std::string sessionToken(const HttpRequest& req) {
  const auto it = req.find(http::field::cookie);
  if (it == req.end()) return {};
  std::string_view cookies(it->value().data(), it->value().size());
  const std::string prefix = std::string(kSessionCookie) + "=";
  while (!cookies.empty()) {
    const size_t semi = cookies.find(';');
    std::string_view pair = cookies.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.substr(0, prefix.size()) == prefix) return std::string(pair.substr(prefix.size()));
    if (semi == std::string_view::npos) break;
    cookies.remove_prefix(semi + 1);
  }
  return {};
}

std::string sessionCookie(const std::string& token, int64_t maxAgeSeconds, bool secure) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; Max-Age=" + std::to_string(maxAgeSeconds) +
         "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

HttpResponse noContent(const HttpRequest& req) {
  HttpResponse res{http::status::no_content, req.version()};
  res.set(http::field::server, kHttpServerName);
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

HttpResponse json(const HttpRequest& req, const google::protobuf::Message& message,
                  http::status status = http::status::ok) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string body;
  if (!google::protobuf::util::MessageToJsonString(message, &body, options).ok())
    return makeHttpError(http::status::internal_server_error, "internal", "the answer could not be encoded as JSON",
                         req.version(), req.keep_alive());
  return makeResponse(status, kJsonType, std::move(body), req.version(), req.keep_alive());
}

HttpResponse csv(const HttpRequest& req, std::string body, const std::string& fileName) {
  HttpResponse res =
      makeResponse(http::status::ok, "text/csv; charset=utf-8", std::move(body), req.version(), req.keep_alive());
  res.set(http::field::content_disposition, "attachment; filename=\"" + fileName + "\"");
  return res;
}

// What a route's path placeholders and the query string held.
struct Params {
  std::string id;  // {id}
  int year = 0;    // {year}.csv, or ?year=
  std::map<std::string, std::string> query;
};

// The query parameters ("?a=1&b=%C5%BC" -> {a: 1, b: ż}); a malformed
// escape or '+' is kept as typed.
std::map<std::string, std::string> queryOf(std::string_view target) {
  std::map<std::string, std::string> out;
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  rest = rest.substr(0, rest.find('#'));
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    auto k = core::percentDecode(key);
    auto v = core::percentDecode(value);
    out[k ? *k : std::string(key)] = v ? *v : std::string(value);
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return out;
}

HttpResponse healthz(const HttpRequest& req, const HttpBackend& backend, const Caller&, const Params&) {
  const bool ok = backend.healthy();
  return makeResponse(ok ? http::status::ok : http::status::service_unavailable, kTextType, ok ? "ok" : "unavailable",
                      req.version(), req.keep_alive());
}

HttpResponse metrics(const HttpRequest& req, const HttpBackend& backend, const Caller&, const Params&) {
  auto text = backend.metrics();
  if (!text.isOk()) return errorOf(req, text.status());
  return makeResponse(http::status::ok, "text/plain; version=0.0.4; charset=utf-8", std::move(*text), req.version(),
                      req.keep_alive());
}

HttpResponse summary(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  auto s = backend.municipalitySummary(caller, p.id);
  return s.isOk() ? json(req, *s) : errorOf(req, s.status());
}

HttpResponse report(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  auto r = backend.municipalityReport(caller, p.id);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse inventoryCsv(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  auto text = backend.inventoryCsv(caller, p.id, p.year);
  return text.isOk() ? csv(req, std::move(*text), "inventory-" + std::to_string(p.year) + ".csv")
                     : errorOf(req, text.status());
}

HttpResponse actionsCsv(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  auto text = backend.actionsCsv(caller, p.id);
  return text.isOk() ? csv(req, std::move(*text), "actions.csv") : errorOf(req, text.status());
}

// ?year=Y: 0 when absent; nullopt when it is no year.
std::optional<int> yearParam(const Params& p) {
  auto it = p.query.find("year");
  if (it == p.query.end()) return 0;
  int year = 0;
  const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), year);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || year < 1950 || year > 2100)
    return std::nullopt;
  return year;
}

HttpResponse compare(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  const auto year = yearParam(p);
  if (!year) return errorOf(req, core::invalidArgument("'" + p.query.at("year") + "' is not a year"));
  auto r = backend.compare(caller, *year);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse siteReport(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  const auto year = yearParam(p);
  if (!year) return errorOf(req, core::invalidArgument("'" + p.query.at("year") + "' is not a year"));
  auto r = backend.siteReport(caller, p.id, *year);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse sites(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  const auto year = yearParam(p);
  if (!year) return errorOf(req, core::invalidArgument("'" + p.query.at("year") + "' is not a year"));
  auto r = backend.sites(caller, p.id, *year);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse measureOutcomes(const HttpRequest& req, const HttpBackend& backend, const Caller& caller,
                             const Params& p) {
  secap::v1::ListMeasureOutcomesRequest request;
  if (auto it = p.query.find("sector"); it != p.query.end()) request.set_com_sector(it->second);
  if (auto it = p.query.find("area"); it != p.query.end()) request.set_area_of_intervention(it->second);
  auto r = backend.measureOutcomes(caller, request);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse reviewQueue(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  auto r = backend.reviewQueue(caller, p.id);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

// POST /api/v1/readings/{id}/review, body ReviewReadingRequest as JSON
// (reading_id from the path): 201 with the recorded ReadingReview, 200 when
// the same review_id was recorded before.
HttpResponse reviewReading(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  secap::v1::ReviewReadingRequest request;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const std::string& body = req.body();
  if (body.find_first_not_of(" \t\r\n") == std::string::npos ||
      !google::protobuf::util::JsonStringToMessage(body, &request, options).ok())
    return errorOf(req,
                   core::invalidArgument(R"(the body must be JSON: {"decision": "REVIEW_DECISION_CONFIRMED" or )"
                                         R"("REVIEW_DECISION_ERRONEOUS", "note": "why", "review_id": optional UUID})"));
  if (!request.reading_id().empty() && request.reading_id() != p.id)
    return errorOf(req, core::invalidArgument("the body names another reading than the path"));
  request.set_reading_id(p.id);
  auto r = backend.reviewReading(caller, request);
  if (!r.isOk()) return errorOf(req, r.status());
  return json(req, *r, r->duplicate() ? http::status::ok : http::status::created);
}

// POST /api/v1/session: SignInRequest as JSON; 201 with the WebSession and the cookie.
HttpResponse signIn(const HttpRequest& req, const HttpBackend& backend, const Caller&, const Params&) {
  const auto type = req.find(http::field::content_type);
  if (type == req.end() || std::string_view(type->value().data(), type->value().size()).find("application/json") != 0)
    return makeHttpError(http::status::unsupported_media_type, "unsupported_media_type",
                         "sign in with a JSON body (Content-Type: application/json)", req.version(), req.keep_alive());
  secap::v1::SignInRequest request;
  google::protobuf::util::JsonParseOptions options;
  if (!google::protobuf::util::JsonStringToMessage(req.body(), &request, options).ok())
    return errorOf(req, core::invalidArgument(R"(the body must be JSON: {"login": "...", "password": "..."})"));
  const auto peer = req.find(kPeerHeader);
  auto in = backend.signIn(
      request, peer == req.end() ? std::string_view() : std::string_view(peer->value().data(), peer->value().size()));
  if (!in.isOk()) return errorOf(req, in.status());
  HttpResponse res = json(req, in->session, http::status::created);
  res.set(http::field::set_cookie, sessionCookie(in->token, kWebSessionMs / 1000, backend.secureCookies()));
  return res;
}

HttpResponse session(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params&) {
  if (caller.webLogin.empty()) return errorOf(req, core::Status(core::StatusCode::kUnauthenticated, "not signed in"));
  auto s = backend.webSession(caller);
  return s.isOk() ? json(req, *s) : errorOf(req, s.status());
}

// DELETE /api/v1/session: 204, and the cookie cleared (also without a session).
HttpResponse signOut(const HttpRequest& req, const HttpBackend& backend, const Caller&, const Params&) {
  if (const std::string token = sessionToken(req); !token.empty()) {
    if (auto st = backend.signOut(token); !st.isOk()) return errorOf(req, st);
  }
  HttpResponse res = noContent(req);
  res.set(http::field::set_cookie, sessionCookie("", 0, backend.secureCookies()));
  return res;
}

// A JSON body into `message`; false (and `bad` set) when it is not one.
bool parseBody(const HttpRequest& req, google::protobuf::Message& message, HttpResponse& bad, const char* example) {
  google::protobuf::util::JsonParseOptions options;
  const std::string& body = req.body();
  const bool empty = body.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!empty && google::protobuf::util::JsonStringToMessage(body, &message, options).ok()) return true;
  bad = errorOf(req, core::invalidArgument(std::string("the body must be JSON: ") + example));
  return false;
}

HttpResponse measureDetail(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  auto r = backend.measureDetail(caller, p.id);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse attachmentContent(const HttpRequest& req, const HttpBackend& backend, const Caller& caller,
                               const Params& p) {
  auto r = backend.attachmentContent(caller, p.id);
  if (!r.isOk()) return errorOf(req, r.status());
  HttpResponse res =
      makeResponse(http::status::ok, r->mime.c_str(), std::move(r->bytes), req.version(), req.keep_alive());
  // The id names immutable content; private: a browser may keep it, a proxy not.
  res.set(http::field::cache_control, "private, max-age=86400");
  res.set("X-Content-Type-Options", "nosniff");
  return res;
}

HttpResponse devices(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  auto r = backend.devices(caller, p.id);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse issueCode(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  secap::v1::IssueEnrollmentCodeRequest request;
  HttpResponse bad;
  if (!parseBody(req, request, bad, R"({"role": "field", "site_ids": [], "days": 7, "server": "host:port"})"))
    return bad;
  auto r = backend.issueCode(caller, p.id, request);
  return r.isOk() ? json(req, *r, http::status::created) : errorOf(req, r.status());
}

HttpResponse revokeDevice(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  secap::v1::RevokeDeviceRequest request;
  HttpResponse bad;
  if (!parseBody(req, request, bad, R"({"allow_rescue": false})")) return bad;
  auto st = backend.revokeDevice(caller, p.id, request.allow_rescue());
  return st.isOk() ? noContent(req) : errorOf(req, st);
}

HttpResponse bindSites(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  secap::v1::BindSitesRequest request;
  HttpResponse bad;
  if (!parseBody(req, request, bad, R"({"site_ids": ["..."]})")) return bad;
  auto st = backend.bindSites(caller, p.id, {request.site_ids().begin(), request.site_ids().end()});
  return st.isOk() ? noContent(req) : errorOf(req, st);
}

HttpResponse photos(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  auto r = backend.photos(caller, p.id);
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse setPublishable(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  secap::v1::SetPublishableRequest request;
  HttpResponse bad;
  if (!parseBody(req, request, bad, R"({"publishable": true})")) return bad;
  auto r = backend.setPublishable(caller, p.id, request.publishable());
  return r.isOk() ? json(req, *r) : errorOf(req, r.status());
}

HttpResponse redact(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params& p) {
  secap::v1::RedactRequest request;
  HttpResponse bad;
  if (!parseBody(req, request, bad, R"({"reason": "why"})")) return bad;
  auto st = backend.redact(caller, p.id, request.reason());
  return st.isOk() ? noContent(req) : errorOf(req, st);
}

HttpResponse municipalities(const HttpRequest& req, const HttpBackend& backend, const Caller& caller, const Params&) {
  auto list = backend.municipalities(caller);
  return list.isOk() ? json(req, *list) : errorOf(req, list.status());
}

// Who may call a route: anyone, or whoever may read the municipality {id}
// (the backend applies that rule to the caller), or anyone, with what they
// see depending on who they are (the backend again), or a coordinator of the
// municipality (the backend).
enum class Access { kAnyone, kMunicipalityReader, kAnyoneAsThemselves, kReviewer };

using Handler = HttpResponse (*)(const HttpRequest&, const HttpBackend&, const Caller&, const Params&);

struct Route {
  http::verb method;                   // get: GET and HEAD
  std::vector<std::string_view> path;  // literal segments, "{id}" or "{year}.csv"
  Access access;
  Handler handler;
};

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = {
      {http::verb::get, {"healthz"}, Access::kAnyone, healthz},
      {http::verb::get, {"metrics"}, Access::kAnyone, metrics},
      {http::verb::get, {"api", "v1", "municipalities", "{id}", "summary"}, Access::kMunicipalityReader, summary},
      {http::verb::get, {"api", "v1", "municipalities", "{id}", "report"}, Access::kMunicipalityReader, report},
      {http::verb::get,
       {"api", "v1", "municipalities", "{id}", "inventories", "{year}.csv"},
       Access::kMunicipalityReader,
       inventoryCsv},
      {http::verb::get,
       {"api", "v1", "municipalities", "{id}", "actions.csv"},
       Access::kMunicipalityReader,
       actionsCsv},
      {http::verb::get, {"api", "v1", "municipalities", "{id}", "sites"}, Access::kMunicipalityReader, sites},
      {http::verb::get, {"api", "v1", "municipalities", "{id}", "review-queue"}, Access::kReviewer, reviewQueue},
      {http::verb::post, {"api", "v1", "readings", "{id}", "review"}, Access::kReviewer, reviewReading},
      {http::verb::get, {"api", "v1", "sites", "{id}", "report"}, Access::kMunicipalityReader, siteReport},
      {http::verb::get, {"api", "v1", "compare"}, Access::kAnyoneAsThemselves, compare},
      {http::verb::get, {"api", "v1", "measure-outcomes"}, Access::kAnyoneAsThemselves, measureOutcomes},
      {http::verb::get, {"api", "v1", "municipalities"}, Access::kAnyoneAsThemselves, municipalities},
      {http::verb::get, {"api", "v1", "measures", "{id}"}, Access::kMunicipalityReader, measureDetail},
      {http::verb::get,
       {"api", "v1", "attachments", "{id}", "content"},
       Access::kMunicipalityReader,
       attachmentContent},
      {http::verb::get, {"api", "v1", "municipalities", "{id}", "devices"}, Access::kReviewer, devices},
      {http::verb::post, {"api", "v1", "municipalities", "{id}", "enrollment-codes"}, Access::kReviewer, issueCode},
      {http::verb::post, {"api", "v1", "devices", "{id}", "revoke"}, Access::kReviewer, revokeDevice},
      {http::verb::put, {"api", "v1", "devices", "{id}", "sites"}, Access::kReviewer, bindSites},
      {http::verb::get, {"api", "v1", "municipalities", "{id}", "photos"}, Access::kReviewer, photos},
      {http::verb::put, {"api", "v1", "attachments", "{id}", "publishable"}, Access::kReviewer, setPublishable},
      {http::verb::post, {"api", "v1", "attachments", "{id}", "redact"}, Access::kReviewer, redact},
      {http::verb::post, {"api", "v1", "session"}, Access::kAnyone, signIn},
      {http::verb::get, {"api", "v1", "session"}, Access::kAnyoneAsThemselves, session},
      {http::verb::delete_, {"api", "v1", "session"}, Access::kAnyoneAsThemselves, signOut},
  };
  return kRoutes;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Does the path match the route? Placeholders match any segment of their
// shape ("{year}.csv": anything ending in .csv); their values are checked
// once the route is known, so a malformed id is a 400, not a 404.
bool matches(const Route& route, const std::vector<std::string>& s) {
  if (route.path.size() != s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const std::string_view want = route.path[i];
    if (want == "{id}") continue;
    if (want == "{year}.csv") {
      if (!endsWith(s[i], ".csv")) return false;
      continue;
    }
    if (want != s[i]) return false;
  }
  return true;
}

std::optional<core::Status> paramsOf(const Route& route, const std::vector<std::string>& s, Params& p) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (route.path[i] == "{id}") {
      if (!secap::core::isCanonicalUuid(s[i]))
        return core::invalidArgument("the id must be a canonical lowercase UUID");
      p.id = s[i];
    } else if (route.path[i] == "{year}.csv") {
      const std::string digits = s[i].substr(0, s[i].size() - 4);
      int year = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), year);
      if (ec != std::errc() || end != digits.data() + digits.size() || year < 1950 || year > 2100)
        return core::invalidArgument("'" + digits + "' is not a year (e.g. inventories/2013.csv)");
      p.year = year;
    }
  }
  return std::nullopt;
}

// The caller from the Authorization header, else from the session cookie:
// neither, or a session that has ended, is an anonymous caller (the page
// then asks to sign in).
core::Result<Caller> callerOf(const HttpRequest& req, const HttpBackend& backend) {
  const auto it = req.find(http::field::authorization);
  if (it == req.end()) {
    const std::string token = sessionToken(req);
    if (token.empty()) return Caller{};
    auto c = backend.sessionCaller(token);
    if (!c.isOk() && c.status().code() == core::StatusCode::kUnauthenticated) return Caller{};
    return c;
  }
  const std::string_view value(it->value().data(), it->value().size());
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.size() <= kPrefix.size() || value.substr(0, kPrefix.size()) != kPrefix)
    return core::Status(core::StatusCode::kUnauthenticated, "malformed Authorization header (expected Bearer <token>)");
  return backend.caller(value.substr(kPrefix.size()));
}

bool methodFits(const Route& r, http::verb method) {
  return method == r.method || (r.method == http::verb::get && method == http::verb::head);
}

// "/api/v1/sites/{id}/report": the route's template, for /metrics.
std::string templateOf(const Route& r) {
  std::string out;
  for (auto segment : r.path) {
    out += '/';
    out += segment;
  }
  return out;
}

HttpResponse route(const HttpRequest& req, const HttpBackend& backend, std::string& routeName) {
  routeName = "unmatched";
  const std::string_view target(req.target().data(), req.target().size());
  const auto segments = splitPath(target);
  if (!segments) {
    return makeHttpError(http::status::bad_request, "bad_request", "malformed request target", req.version(),
                         req.keep_alive());
  }
  std::string allowed;  // the methods of the routes the path matched
  for (const Route& r : routes()) {
    if (!matches(r, *segments)) continue;
    routeName = templateOf(r);
    if (!methodFits(r, req.method())) {
      if (!allowed.empty()) allowed += ", ";
      allowed += r.method == http::verb::get ? "GET, HEAD" : std::string(http::to_string(r.method));
      continue;
    }
    Params params;
    if (auto bad = paramsOf(r, *segments, params)) return errorOf(req, *bad);
    params.query = queryOf(target);
    Caller caller;
    if (r.access != Access::kAnyone) {
      auto c = callerOf(req, backend);
      if (!c.isOk()) return errorOf(req, c.status());
      caller = std::move(*c);
    }
    // A browser's session is sent by the browser itself, so a write in its
    // name must prove the page made it (a bearer token is never ambient).
    if (!caller.webLogin.empty() && r.method != http::verb::get) {
      const auto sent = req.find("X-CSRF-Token");
      if (sent == req.end() || !csrfMatches(caller, std::string_view(sent->value().data(), sent->value().size())))
        return makeHttpError(http::status::forbidden, "csrf",
                             "this page is out of date or the request did not come from it: reload and try again",
                             req.version(), req.keep_alive());
    }
    return r.handler(req, backend, caller, params);
  }
  if (!allowed.empty()) {
    HttpResponse res = makeHttpError(http::status::method_not_allowed, "method_not_allowed",
                                     "this resource answers " + allowed, req.version(), req.keep_alive());
    res.set(http::field::allow, allowed);
    return res;
  }
  // The dashboard's files, for any path outside the API.
  const bool api = !segments->empty() && (*segments)[0] == "api";
  if (!api && (req.method() == http::verb::get || req.method() == http::verb::head)) {
    const std::string_view path = target.substr(0, target.find_first_of("?#"));
    if (const StaticFile* f = backend.staticFile(path)) {
      routeName = "/{dashboard}";
      const auto match = req.find(http::field::if_none_match);
      if (match != req.end() && std::string_view(match->value().data(), match->value().size()) == f->etag) {
        HttpResponse res{http::status::not_modified, req.version()};
        res.set(http::field::server, kHttpServerName);
        res.set(http::field::etag, f->etag);
        res.set(http::field::cache_control, f->cacheControl);
        res.keep_alive(req.keep_alive());
        return res;
      }
      HttpResponse res =
          makeResponse(http::status::ok, f->contentType.c_str(), f->body, req.version(), req.keep_alive());
      res.set(http::field::cache_control, f->cacheControl);
      res.set(http::field::etag, f->etag);
      res.set("X-Content-Type-Options", "nosniff");
      res.set(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
      res.set("Referrer-Policy", "same-origin");
      return res;
    }
  }
  return makeHttpError(http::status::not_found, "not_found", "no such resource", req.version(), req.keep_alive());
}

}  // namespace

core::Result<SignedIn> HttpBackend::signIn(const secap::v1::SignInRequest&, std::string_view) const { return webOff(); }
core::Result<Caller> HttpBackend::sessionCaller(std::string_view) const { return webOff(); }
core::Status HttpBackend::signOut(std::string_view) const { return webOff(); }
core::Result<secap::v1::WebSession> HttpBackend::webSession(const Caller&) const { return webOff(); }
core::Result<secap::v1::MunicipalityList> HttpBackend::municipalities(const Caller&) const { return webOff(); }
core::Result<secap::v1::SiteList> HttpBackend::sites(const Caller&, const std::string&, int) const { return webOff(); }
core::Result<secap::v1::MeasureDetail> HttpBackend::measureDetail(const Caller&, const std::string&) const {
  return webOff();
}
core::Result<BlobContent> HttpBackend::attachmentContent(const Caller&, const std::string&) const { return webOff(); }
core::Result<secap::v1::DeviceList> HttpBackend::devices(const Caller&, const std::string&) const { return webOff(); }
core::Result<secap::v1::IssuedEnrollmentCode> HttpBackend::issueCode(
    const Caller&, const std::string&, const secap::v1::IssueEnrollmentCodeRequest&) const {
  return webOff();
}
core::Status HttpBackend::revokeDevice(const Caller&, const std::string&, bool) const { return webOff(); }
core::Status HttpBackend::bindSites(const Caller&, const std::string&, const std::vector<std::string>&) const {
  return webOff();
}
core::Result<secap::v1::PhotoList> HttpBackend::photos(const Caller&, const std::string&) const { return webOff(); }
core::Result<secap::v1::Attachment> HttpBackend::setPublishable(const Caller&, const std::string&, bool) const {
  return webOff();
}
core::Status HttpBackend::redact(const Caller&, const std::string&, const std::string&) const { return webOff(); }

HttpResponse makeHttpError(http::status status, const std::string& code, const std::string& message, unsigned version,
                           bool keepAlive) {
  std::string body =
      R"({"error":{"code":")" + core::jsonEscape(code) + R"(","message":")" + core::jsonEscape(message) + "\"}}";
  return makeResponse(status, kJsonType, std::move(body), version, keepAlive);
}

HttpResponse handleRequest(const HttpRequest& req, const HttpBackend& backend) {
  std::string routeName;
  HttpResponse res = route(req, backend, routeName);
  backend.requestServed(routeName, res.result_int());
  // HEAD: the GET headers, Content-Length included, without the body.
  if (req.method() == http::verb::head) res.body().clear();
  return res;
}

}  // namespace secap::server
