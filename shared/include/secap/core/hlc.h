#pragma once
// Hybrid logical clock (DESIGN.md §4 "Time"): 64 bits, the upper 48 physical
// milliseconds, the lower 16 a counter. The physical part is the device clock
// corrected by the offset to server time, measured at every response.
// Thread-safe: one mutex, held briefly.

#include <cstdint>
#include <mutex>

#include "secap/core/clock.h"

namespace secap::core {

using HlcValue = uint64_t;

constexpr HlcValue makeHlc(int64_t physicalMs, uint16_t counter) {
  return (static_cast<uint64_t>(physicalMs) << 16) | counter;
}
constexpr int64_t hlcPhysicalMs(HlcValue h) { return static_cast<int64_t>(h >> 16); }
constexpr uint16_t hlcCounter(HlcValue h) { return static_cast<uint16_t>(h & 0xffffu); }

class Hlc {
 public:
  explicit Hlc(const Clock& clock, HlcValue last = 0) : m_clock(clock), m_last(last) {}

  // A new stamp, strictly greater than every stamp issued or received so far.
  HlcValue now();
  // The standard HLC receive rule: merge a stamp seen in pulled data.
  void update(HlcValue remote);

  // Offset to add to the local clock to get server time.
  void setServerOffsetMs(int64_t offsetMs);
  [[nodiscard]] int64_t serverOffsetMs() const;
  // The local clock corrected by the server offset: the default taken_at.
  [[nodiscard]] int64_t correctedNowMs() const;
  // Measures the offset from a response: server time against the midpoint of
  // the call, and adopts it.
  void observeServerTime(int64_t serverTimeMs, int64_t sentAtMs, int64_t receivedAtMs);

  // After the server refused stamps as too far ahead (clock.skew) and the
  // offset was corrected: moves the clock back to the corrected time when its
  // last stamp is more than `toleranceMs` ahead. Only refused stamps were
  // that far ahead, and they are re-stamped, so nothing accepted is reordered.
  void rewindIfAhead(int64_t toleranceMs);

  [[nodiscard]] HlcValue last() const;

 private:
  const Clock& m_clock;
  mutable std::mutex m_mu;
  HlcValue m_last;
  int64_t m_offsetMs = 0;
};

}  // namespace secap::core
