// Arbitrary bytes as an HTTP/1.1 request (Beast's parser, as the listener
// uses it) routed by http_handler over the real StoreReports on a SQLite
// store with the fixture's municipality: any request gets a well-formed
// response with a status, never a crash.

#include <boost/beast/http.hpp>
#include <cstdint>

#include "fixtures.h"
#include "fuzz_common.h"
#include "http_handler.h"
#include "ingest.h"
#include "reports.h"
#include "sqlite_store.h"

namespace http = boost::beast::http;

namespace {

constexpr int64_t kNow = 1767225600000;

secap::server::StoreReports& backend() {
  static secap::core::ManualClock clock(kNow);
  static auto* reports = [] {
    auto opened = secap::server::SqliteStore::open(secap::fuzz::scratchDir() + "/http.db");
    if (!opened.isOk()) std::abort();
    auto* store = opened->release();
    secap::v1::PushRequest seed;
    const auto page = secap::testing::basePage(kNow);
    for (auto c : page.changes()) {
      c.clear_server_seq();
      c.clear_origin_device_id();
      *seed.add_changes() = c;
    }
    if (!secap::server::applyPush(*store, secap::server::serverWriter(), seed, kNow).isOk()) std::abort();
    return new secap::server::StoreReports(*store, clock);
  }();
  return *reports;
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
