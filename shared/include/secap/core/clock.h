#pragma once
// Clock: the one source of wall time in secap_core, injected so tests can
// control time. SystemClock is thread-safe; ManualClock is thread-safe too
// (an atomic), for tests that move time from another thread.

#include <atomic>
#include <cstdint>

namespace secap::core {

class Clock {
 public:
  virtual ~Clock() = default;
  // UTC milliseconds since the Unix epoch.
  [[nodiscard]] virtual int64_t nowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] int64_t nowMs() const override;
  static const SystemClock& instance();
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t startMs) : m_now(startMs) {}
  [[nodiscard]] int64_t nowMs() const override { return m_now.load(); }
  void set(int64_t ms) { m_now.store(ms); }
  void advance(int64_t ms) { m_now.fetch_add(ms); }

 private:
  std::atomic<int64_t> m_now;
};

}  // namespace secap::core
