// Arbitrary bytes as an HTTP/1.1 request (Beast's parser, as the listener
// uses it) routed by http_handler over the real StoreReports on a SQLite
// store with the fixture's municipality: any request gets a well-formed
// response with a status, never a crash.

#include <boost/beast/http.hpp>
#include <cstdint>

#include "fuzz_server_store.h"
#include "http_handler.h"
#include "reports.h"

namespace http = boost::beast::http;

namespace {

secap::server::StoreReports& backend() {
  static secap::core::ManualClock clock(secap::fuzz::kFuzzNow);
  static secap::server::StoreReports reports(secap::fuzz::seededStore("http"), clock);
  return reports;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(64 * 1024);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  const auto response = secap::server::handleRequest(parser.get(), backend());
  if (response.result_int() < 100 || response.result_int() > 599) std::abort();
  return 0;
}
