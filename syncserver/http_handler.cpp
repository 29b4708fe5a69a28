#include "http_handler.h"

#include <google/protobuf/util/json_util.h>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <string_view>
#include <vector>

#include "secap/core/ids.h"
#include "secap/core/text.h"

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

HttpResponse healthz(const HttpRequest& req, const HttpBackend& backend) {
  const bool ok = backend.healthy();
  return makeResponse(ok ? http::status::ok : http::status::service_unavailable, kTextType, ok ? "ok" : "unavailable",
                      req.version(), req.keep_alive());
}

HttpResponse municipalitySummary(const HttpRequest& req, const HttpBackend& backend, const std::string& id) {
  if (!secap::core::isCanonicalUuid(id)) {
    return makeHttpError(http::status::bad_request, "invalid_argument",
                         "municipality id must be a canonical lowercase UUID", req.version(), req.keep_alive());
  }
  const std::optional<secap::v1::MunicipalitySummary> summary = backend.municipalitySummary(id);
  if (!summary) {
    return makeHttpError(http::status::not_found, "not_found", "unknown municipality " + id, req.version(),
                         req.keep_alive());
  }
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(*summary, &json, options).ok()) {
    return makeHttpError(http::status::internal_server_error, "internal", "the summary could not be encoded as JSON",
                         req.version(), req.keep_alive());
  }
  return makeResponse(http::status::ok, kJsonType, std::move(json), req.version(), req.keep_alive());
}

HttpResponse route(const HttpRequest& req, const HttpBackend& backend) {
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    HttpResponse res = makeHttpError(http::status::method_not_allowed, "method_not_allowed",
                                     "only GET and HEAD are supported", req.version(), req.keep_alive());
    res.set(http::field::allow, "GET, HEAD");
    return res;
  }
  const std::string_view target(req.target().data(), req.target().size());
  const auto segments = splitPath(target);
  if (!segments) {
    return makeHttpError(http::status::bad_request, "bad_request", "malformed request target", req.version(),
                         req.keep_alive());
  }
  const std::vector<std::string>& s = *segments;
  if (s.size() == 1 && s[0] == "healthz") return healthz(req, backend);
  if (s.size() == 5 && s[0] == "api" && s[1] == "v1" && s[2] == "municipalities" && s[4] == "summary") {
    return municipalitySummary(req, backend, s[3]);
  }
  return makeHttpError(http::status::not_found, "not_found", "no such resource", req.version(), req.keep_alive());
}

}  // namespace

HttpResponse makeHttpError(http::status status, const std::string& code, const std::string& message, unsigned version,
                           bool keepAlive) {
  std::string body =
      R"({"error":{"code":")" + core::jsonEscape(code) + R"(","message":")" + core::jsonEscape(message) + "\"}}";
  return makeResponse(status, kJsonType, std::move(body), version, keepAlive);
}

HttpResponse handleRequest(const HttpRequest& req, const HttpBackend& backend) {
  HttpResponse res = route(req, backend);
  // HEAD: the GET headers, Content-Length included, without the body.
  if (req.method() == http::verb::head) res.body().clear();
  return res;
}

}  // namespace secap::server
