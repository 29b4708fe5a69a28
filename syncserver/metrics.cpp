#include "metrics.h"

#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <sstream>

namespace secap::server {
namespace {

using prometheus::Histogram;

// 1 ms to 10 s: a sync with nothing to do is a few ms, a 5 000-change push
// on a busy PostgreSQL a few hundred.
Histogram::BucketBoundaries latencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::string grpcCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return std::to_string(static_cast<int>(code));
  }
}

// One call: timed from its creation to the status it sends.
class CallInterceptor final : public grpc::experimental::Interceptor {
 public:
  CallInterceptor(Metrics& metrics, std::string method)
      : m_metrics(metrics), m_method(std::move(method)), m_start(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - m_start;
      m_metrics.grpcCall(m_method, methods->GetSendStatus().error_code(), took.count());
    }
    methods->Proceed();
  }

 private:
  Metrics& m_metrics;
  std::string m_method;
  std::chrono::steady_clock::time_point m_start;
};

class CallInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallInterceptorFactory(Metrics& metrics) : m_metrics(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    return new CallInterceptor(m_metrics, info->method() ? info->method() : "unknown");
  }

 private:
  Metrics& m_metrics;
};

}  // namespace

Metrics::Metrics(Store& store, const core::Clock& clock)
    : m_store(store),
      m_clock(clock),
      m_registry(std::make_shared<prometheus::Registry>()),
      m_http(prometheus::BuildCounter()
                 .Name("secap_http_requests_total")
                 .Help("HTTP requests by route template and status code")
                 .Register(*m_registry)),
      m_grpc(prometheus::BuildCounter()
                 .Name("secap_grpc_requests_total")
                 .Help("gRPC calls by method and status code")
                 .Register(*m_registry)),
      m_grpcSeconds(prometheus::BuildHistogram()
                        .Name("secap_grpc_request_duration_seconds")
                        .Help("gRPC call latency on the server, by method (Push and Pull among them)")
                        .Register(*m_registry)),
      m_changes(prometheus::BuildCounter()
                    .Name("secap_changes_total")
                    .Help("Changes pushed by devices, by outcome; rejections by reason code")
                    .Register(*m_registry)),
      m_rollupSeconds(prometheus::BuildHistogram()
                          .Name("secap_rollup_update_seconds")
                          .Help("Time a push spent keeping the meters' monthly rollups (in its own transaction)")
                          .Register(*m_registry)
                          .Add({}, latencyBuckets())),
      m_devices(prometheus::BuildGauge()
                    .Name("secap_devices")
                    .Help("Enrolled devices: active or withdrawn")
                    .Register(*m_registry)),
      m_seen(prometheus::BuildGauge()
                 .Name("secap_devices_seen")
                 .Help("Active devices that made a sync call within the window")
                 .Register(*m_registry)),
      m_outbox(prometheus::BuildGauge()
                   .Name("secap_devices_outbox")
                   .Help("Devices seen within the window by the outbox their last pull reported: empty (up to date), "
                         "waiting, unknown (an app that does not tell)")
                   .Register(*m_registry)),
      m_watermark(prometheus::BuildGauge()
                      .Name("secap_commit_watermark")
                      .Help("The highest change sequence number below which every change is committed")
                      .Register(*m_registry)
                      .Add({})) {}

void Metrics::httpRequest(std::string_view route, unsigned status) {
  m_http.Add({{"route", std::string(route)}, {"code", std::to_string(status)}}).Increment();
}

void Metrics::grpcCall(std::string_view method, grpc::StatusCode code, double seconds) {
  m_grpc.Add({{"method", std::string(method)}, {"code", grpcCodeName(code)}}).Increment();
  m_grpcSeconds.Add({{"method", std::string(method)}}, latencyBuckets()).Observe(seconds);
}

void Metrics::changes(const secap::v1::PushResponse& response) {
  int accepted = 0, duplicate = 0;
  for (const auto& r : response.results()) {
    switch (r.outcome()) {
      case secap::v1::ACCEPTED:
        ++accepted;
        break;
      case secap::v1::DUPLICATE:
        ++duplicate;
        break;
      default:
        m_changes.Add({{"outcome", "rejected"}, {"reason", r.reason_code()}}).Increment();
        break;
    }
  }
  if (accepted) m_changes.Add({{"outcome", "accepted"}, {"reason", ""}}).Increment(accepted);
  if (duplicate) m_changes.Add({{"outcome", "duplicate"}, {"reason", ""}}).Increment(duplicate);
}

void Metrics::rollupUpdate(double seconds) { m_rollupSeconds.Observe(seconds); }

void Metrics::deviceSeen(const std::string& deviceId, int64_t outbox) {
  const int64_t now = m_clock.nowMs();
  {
    std::lock_guard lock(m_seenMu);
    Written& w = m_written[deviceId];
    const bool outboxNews = outbox >= 0 && (w.outbox < 0 || (w.outbox == 0) != (outbox == 0));
    if (w.atMs != 0 && now - w.atMs < 60000 && !outboxNews) return;
    w.atMs = now;
    if (outbox >= 0) w.outbox = outbox;
  }
  if (auto st = m_store.noteDeviceSeen(deviceId, now, outbox); !st.isOk())
    spdlog::warn("could not note that device {} synced: {}", deviceId, st.toString());
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> Metrics::interceptorFactory() {
  return std::make_unique<CallInterceptorFactory>(*this);
}

Result<std::string> Metrics::exposition() {
  auto devices = m_store.allDevices();
  if (!devices.isOk()) return devices.status();
  auto watermark = m_store.watermark();
  if (!watermark.isOk()) return watermark.status();
  const int64_t now = m_clock.nowMs();
  constexpr int64_t kHour = 3600 * 1000;
  struct Window {
    const char* name;
    int64_t ms;
    int seen = 0;
  };
  Window windows[] = {{"1h", kHour}, {"24h", 24 * kHour}, {"7d", 7 * 24 * kHour}};
  int active = 0, withdrawn = 0, empty = 0, waiting = 0, unknown = 0;
  for (const auto& d : *devices) {
    if (d.revokedAtMs != 0) {
      ++withdrawn;
      continue;
    }
    ++active;
    for (auto& w : windows)
      if (d.lastSeenMs > 0 && now - d.lastSeenMs <= w.ms) ++w.seen;
    if (d.lastSeenMs > 0 && now - d.lastSeenMs <= 7 * 24 * kHour) {
      if (d.outbox < 0)
        ++unknown;
      else if (d.outbox == 0)
        ++empty;
      else
        ++waiting;
    }
  }
  m_devices.Add({{"state", "active"}}).Set(active);
  m_devices.Add({{"state", "withdrawn"}}).Set(withdrawn);
  for (const auto& w : windows) m_seen.Add({{"window", w.name}}).Set(w.seen);
  m_outbox.Add({{"state", "empty"}, {"window", "7d"}}).Set(empty);
  m_outbox.Add({{"state", "waiting"}, {"window", "7d"}}).Set(waiting);
  m_outbox.Add({{"state", "unknown"}, {"window", "7d"}}).Set(unknown);
  m_watermark.Set(static_cast<double>(*watermark));

  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, m_registry->Collect());
  return out.str();
}

}  // namespace secap::server
