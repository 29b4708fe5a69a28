#pragma once
// Quality flags of a meter reading (DESIGN.md §4 "Validation"): anomalies
// that are accepted but wait for a coordinator's review, because the person
// at the meter is the best witness we have. The server computes them at
// ingest (final) and the device at entry (provisional, for the warning).
//
//   reading.not_monotonic   a cumulative register below the previous reading
//                           (or above the next one), with no plausible rollover
//   reading.rollover        below the previous reading, but explained by the
//                           register wrapping round (register_digits known and
//                           the implied use under half the register's range)
//   reading.spike           average daily use since the previous reading above
//                           Q3 + 3·IQR of the meter's daily use over the 12
//                           months before, given at least 8 intervals
//   reading.invoice_gap     a period/invoice reading that starts more than a
//   reading.invoice_overlap day after / before the previous period ended
//
// Quartiles use linear interpolation between order statistics (Hyndman & Fan
// type 7, the spreadsheet QUARTILE.INC). Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "secap/v1/entities.pb.h"

namespace secap::core {

namespace flags {
inline constexpr const char* kNotMonotonic = "reading.not_monotonic";
inline constexpr const char* kRollover = "reading.rollover";
inline constexpr const char* kSpike = "reading.spike";
inline constexpr const char* kInvoiceGap = "reading.invoice_gap";
inline constexpr const char* kInvoiceOverlap = "reading.invoice_overlap";
}  // namespace flags

// One earlier or later reading of the same meter.
struct ReadingPoint {
  int64_t takenAt = 0;
  double value = 0;
  int64_t periodStart = 0;  // 0 when not a period reading
};

inline constexpr int kSpikeMinIntervals = 8;
inline constexpr int64_t kSpikeWindowMs = 365LL * 24 * 3600 * 1000;
// A year of daily readings; beyond that only the latest intervals count.
inline constexpr int kSpikeMaxIntervals = 400;

// Flags for `reading` given the meter's other readings, sorted by takenAt
// (any window that covers the 12 months before it and the next reading).
std::vector<std::string> readingFlags(const secap::v1::Meter& meter, const secap::v1::Reading& reading,
                                      const std::vector<ReadingPoint>& history);

// The type-7 quantile of `values` (0 <= q <= 1); `values` is reordered.
double quantile(std::vector<double>& values, double q);

}  // namespace secap::core
