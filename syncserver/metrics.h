#pragma once
// Prometheus metrics (issue 13 §8), served as the text exposition format at
// GET /metrics. What the server counts while it runs (this instance since its
// start, as Prometheus expects of counters):
//   secap_http_requests_total{route,code}        HTTP requests by route template and status
//   secap_grpc_requests_total{method,code}       gRPC calls by method and status code
//   secap_grpc_request_duration_seconds{method}  histogram: Push and Pull latency among them
//   secap_changes_total{outcome,reason}          pushed changes: accepted, duplicate, rejected (by reason code)
//   secap_rollup_update_seconds                  histogram: time a push spent keeping the meters' rollups
// and what it reads from the store at each scrape (the same on every
// instance of one database):
//   secap_devices{state}                         active and withdrawn devices
//   secap_devices_seen{window}                   active devices that synced in the last 1 h, 24 h, 7 d
//   secap_devices_outbox{state,window="7d"}      of those seen in 7 days: "empty" (their last pull found
//                                                nothing left to send), "waiting", "unknown" (older app)
//   secap_commit_watermark                       the highest committed change sequence number
// The rollups are written in each change's own transaction (DESIGN.md §5),
// so reports never lag the accepted readings: there is no rollup lag to
// report, only the cost of keeping them, which secap_rollup_update_seconds is.
//
// Thread-safe: prometheus-cpp's metrics are.

#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "secap/core/clock.h"
#include "secap/v1/sync.pb.h"
#include "store.h"

namespace secap::server {

class Metrics {
 public:
  Metrics(Store& store, const core::Clock& clock);

  void httpRequest(std::string_view route, unsigned status);
  void grpcCall(std::string_view method, grpc::StatusCode code, double seconds);
  void changes(const secap::v1::PushResponse& response);
  void rollupUpdate(double seconds);
  // A device's sync call, and the outbox its pull reported (-1 on a push, or
  // from an app that does not tell): written to the store at most once a
  // minute per device and instance, or when its outbox empties or fills.
  void deviceSeen(const std::string& deviceId, int64_t outbox);

  // The interceptor that counts and times every gRPC call (grpcCall); give
  // it to the ServerBuilder.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> interceptorFactory();

  // The exposition (text format 0.0.4), the device gauges read afresh.
  Result<std::string> exposition();

 private:
  Store& m_store;
  const core::Clock& m_clock;
  std::shared_ptr<prometheus::Registry> m_registry;
  prometheus::Family<prometheus::Counter>& m_http;
  prometheus::Family<prometheus::Counter>& m_grpc;
  prometheus::Family<prometheus::Histogram>& m_grpcSeconds;
  prometheus::Family<prometheus::Counter>& m_changes;
  prometheus::Histogram& m_rollupSeconds;
  prometheus::Family<prometheus::Gauge>& m_devices;
  prometheus::Family<prometheus::Gauge>& m_seen;
  prometheus::Family<prometheus::Gauge>& m_outbox;
  prometheus::Gauge& m_watermark;

  struct Written {
    int64_t atMs = 0;
    int64_t outbox = -1;
  };
  std::mutex m_seenMu;
  std::unordered_map<std::string, Written> m_written;  // guarded by m_seenMu
};

// The content type of the exposition.
inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace secap::server
