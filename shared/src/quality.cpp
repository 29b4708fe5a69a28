#include "secap/core/quality.h"

#include <algorithm>
#include <cmath>

namespace secap::core {

namespace {
constexpr int64_t kDayMs = 24LL * 3600 * 1000;
}

double quantile(std::vector<double>& values, double q) {
  if (values.empty()) return 0;
  // Two order statistics in linear time: the lo-th, then the smallest above it.
  const double pos = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(pos));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo), values.end());
  const double vLo = values[lo];
  if (lo + 1 >= values.size()) return vLo;
  const double vHi = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1, values.end());
  return vLo + (pos - static_cast<double>(lo)) * (vHi - vLo);
}

std::vector<std::string> readingFlags(const secap::v1::Meter& meter, const secap::v1::Reading& reading,
                                      const std::vector<ReadingPoint>& history) {
  std::vector<std::string> out;
  const int64_t t = reading.taken_at();
  // The neighbours in time (history is sorted by takenAt).
  auto it = std::lower_bound(history.begin(), history.end(), t,
                             [](const ReadingPoint& p, int64_t at) { return p.takenAt < at; });
  const ReadingPoint* prev = it != history.begin() ? &*(it - 1) : nullptr;
  auto nextIt = it;
  while (nextIt != history.end() && nextIt->takenAt == t) ++nextIt;
  const ReadingPoint* next = nextIt != history.end() ? &*nextIt : nullptr;

  if (meter.kind() == secap::v1::METER_KIND_PERIOD) {
    if (prev && reading.has_period_start()) {
      if (reading.period_start() > prev->takenAt + kDayMs) out.emplace_back(flags::kInvoiceGap);
      if (reading.period_start() < prev->takenAt - kDayMs) out.emplace_back(flags::kInvoiceOverlap);
    }
    return out;
  }
  if (reading.kind() == secap::v1::READING_KIND_EXCHANGE_START) return out;  // a new register starts here

  double delta = 0;
  if (prev) {
    delta = reading.value() - prev->value;
    if (delta < 0) {
      const double range = meter.register_digits() > 0 ? std::pow(10.0, meter.register_digits()) : 0;
      const double wrapped = range - prev->value + reading.value();
      if (range > 0 && wrapped >= 0 && wrapped < range / 2) {
        out.emplace_back(flags::kRollover);
        delta = wrapped;
      } else {
        out.emplace_back(flags::kNotMonotonic);
        return out;
      }
    }
  }
  if (next && next->value < reading.value() && out.empty()) {
    const double range = meter.register_digits() > 0 ? std::pow(10.0, meter.register_digits()) : 0;
    const double wrapped = range - reading.value() + next->value;
    if (!(range > 0 && wrapped >= 0 && wrapped < range / 2)) out.emplace_back(flags::kNotMonotonic);
  }

  // Spike: daily use of this interval against the meter's last 12 months.
  if (prev && t > prev->takenAt) {
    std::vector<double> daily;
    // The 12 months before, and at most the latest kSpikeMaxIntervals of them.
    auto from = std::lower_bound(history.begin(), it, t - kSpikeWindowMs,
                                 [](const ReadingPoint& p, int64_t at) { return p.takenAt < at; });
    if (it - from > kSpikeMaxIntervals + 1) from = it - (kSpikeMaxIntervals + 1);
    // The interval that enters the window from before it counts too.
    if (from != history.begin() && from->takenAt > t - kSpikeWindowMs) --from;
    const ReadingPoint* before = nullptr;
    for (auto p = from; p != it; ++p) {
      if (before && p->takenAt > before->takenAt && p->value >= before->value)
        daily.push_back((p->value - before->value) / (static_cast<double>(p->takenAt - before->takenAt) / kDayMs));
      before = &*p;
    }
    if (static_cast<int>(daily.size()) >= kSpikeMinIntervals) {
      const double q1 = quantile(daily, 0.25);
      const double q3 = quantile(daily, 0.75);
      const double use = delta / (static_cast<double>(t - prev->takenAt) / kDayMs);
      if (use > q3 + 3 * (q3 - q1)) out.emplace_back(flags::kSpike);
    }
  }
  return out;
}

}  // namespace secap::core
