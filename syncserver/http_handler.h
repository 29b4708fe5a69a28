#pragma once
// The HTTP API's routing and responses (DESIGN.md §6 "served as JSON", STYLE.md
// Beast layering): handleRequest() maps one parsed request to one response and
// does no I/O, so every route is unit-testable and fuzzable without sockets.
// HttpServer (http_server.h) owns the connections and calls it.
//
// Routes:
//   GET|HEAD /healthz                              200 "ok", 503 when unhealthy
//   GET|HEAD /api/v1/municipalities/{id}/summary   200 MunicipalitySummary as JSON
//                                                  (protobuf JSON mapping, snake_case
//                                                  names, defaults printed), 400 for a
//                                                  non-canonical id, 404 when unknown
// Anything else is 404; other methods are 405 with an Allow header. Errors are
// JSON: {"error":{"code":"not_found","message":"..."}}. The query string is
// ignored; path segments are percent-decoded, and a malformed escape is 400.
//
// Ownership: the backend is borrowed for the call. Thread safety: handleRequest
// is reentrant; HttpBackend implementations must be safe to call from several
// I/O threads at once (const methods, internal locking as needed).

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string>

#include "secap/v1/monitoring.pb.h"

namespace secap::server {

// What the HTTP layer needs from the rest of the server.
class HttpBackend {
 public:
  virtual ~HttpBackend() = default;
  // False while the server cannot serve (storage down, draining).
  [[nodiscard]] virtual bool healthy() const = 0;
  // nullopt when the municipality is unknown.
  [[nodiscard]] virtual std::optional<secap::v1::MunicipalitySummary> municipalitySummary(
      const std::string& municipalityId) const = 0;
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
