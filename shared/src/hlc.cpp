#include "secap/core/hlc.h"

#include <algorithm>

namespace secap::core {

HlcValue Hlc::now() {
  std::lock_guard lock(m_mu);
  const int64_t physical = m_clock.nowMs() + m_offsetMs;
  const int64_t lastPhysical = hlcPhysicalMs(m_last);
  if (physical > lastPhysical) {
    m_last = makeHlc(physical, 0);
  } else if (hlcCounter(m_last) < 0xffff) {
    m_last += 1;
  } else {
    // Counter exhausted within one millisecond: move the logical time on.
    m_last = makeHlc(lastPhysical + 1, 0);
  }
  return m_last;
}

void Hlc::update(HlcValue remote) {
  std::lock_guard lock(m_mu);
  const int64_t physical = m_clock.nowMs() + m_offsetMs;
  const HlcValue local = makeHlc(physical, 0);
  // Receive rule: the new stamp exceeds both the last local and the remote.
  const HlcValue top = std::max(m_last, remote);
  if (local > top) {
    m_last = local;
  } else {
    m_last = hlcCounter(top) < 0xffff ? top + 1 : makeHlc(hlcPhysicalMs(top) + 1, 0);
  }
}

void Hlc::setServerOffsetMs(int64_t offsetMs) {
  std::lock_guard lock(m_mu);
  m_offsetMs = offsetMs;
}

int64_t Hlc::serverOffsetMs() const {
  std::lock_guard lock(m_mu);
  return m_offsetMs;
}

int64_t Hlc::correctedNowMs() const {
  std::lock_guard lock(m_mu);
  return m_clock.nowMs() + m_offsetMs;
}

void Hlc::observeServerTime(int64_t serverTimeMs, int64_t sentAtMs, int64_t receivedAtMs) {
  if (serverTimeMs <= 0 || receivedAtMs < sentAtMs) return;
  const int64_t midpoint = sentAtMs + (receivedAtMs - sentAtMs) / 2;
  setServerOffsetMs(serverTimeMs - midpoint);
}

void Hlc::rewindIfAhead(int64_t toleranceMs) {
  std::lock_guard lock(m_mu);
  const int64_t physical = m_clock.nowMs() + m_offsetMs;
  if (hlcPhysicalMs(m_last) > physical + toleranceMs) m_last = makeHlc(physical, 0);
}

HlcValue Hlc::last() const {
  std::lock_guard lock(m_mu);
  return m_last;
}

}  // namespace secap::core
