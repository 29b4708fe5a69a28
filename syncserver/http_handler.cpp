#include "http_handler.h"

#include <google/protobuf/util/json_util.h>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <string_view>
#include <vector>

#include "secap/core/ids.h"

namespace secap::server {
namespace {

namespace http = boost::beast::http;

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kTextType = "text/plain; charset=utf-8";

// JSON string escaping for our own messages; UTF-8 passes through unchanged.
std::string jsonEscape(std::string_view s) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 8);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += ch;
        }
    }
  }
  return out;
}

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

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one path segment; nullopt for a malformed escape or a NUL.
std::optional<std::string> decodeSegment(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hexValue(s[i + 1]);
    const int lo = hexValue(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    const char decoded = static_cast<char>(hi * 16 + lo);
    if (decoded == '\0') return std::nullopt;
    out += decoded;
    i += 2;
  }
  return out;
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
    auto decoded = decodeSegment(raw);
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
  std::string body = R"({"error":{"code":")" + jsonEscape(code) + R"(","message":")" + jsonEscape(message) + "\"}}";
  return makeResponse(status, kJsonType, std::move(body), version, keepAlive);
}

HttpResponse handleRequest(const HttpRequest& req, const HttpBackend& backend) {
  HttpResponse res = route(req, backend);
  // HEAD: the GET headers, Content-Length included, without the body.
  if (req.method() == http::verb::head) res.body().clear();
  return res;
}

}  // namespace secap::server
