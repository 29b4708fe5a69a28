#pragma once
// Status and Result<T>: the return value of every operation in secap_core and
// the server that can fail in an expected way (a bad input, a full disk, an
// unreachable server). Exceptions are kept for programmer errors. Plain
// values, no shared state: thread-safe as values are.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace secap::core {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,
  kUnavailable,
  kDataLoss,
  kInternal,
  kAborted,  // a concurrent transaction conflicted (deadlock, serialization): retry
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : m_code(code), m_message(std::move(message)) {}

  static Status ok() { return {}; }
  [[nodiscard]] bool isOk() const { return m_code == StatusCode::kOk; }
  [[nodiscard]] StatusCode code() const { return m_code; }
  [[nodiscard]] const std::string& message() const { return m_message; }
  [[nodiscard]] std::string toString() const;

 private:
  StatusCode m_code = StatusCode::kOk;
  std::string m_message;
};

inline Status invalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status notFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status failedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status internalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : m_v(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool isOk() const { return std::holds_alternative<T>(m_v); }
  [[nodiscard]] const Status& status() const {
    static const Status kOk;
    return isOk() ? kOk : std::get<Status>(m_v);
  }
  T& value() & { return std::get<T>(m_v); }
  const T& value() const& { return std::get<T>(m_v); }
  T&& value() && { return std::get<T>(std::move(m_v)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> m_v;
};

}  // namespace secap::core

// Returns early from the enclosing function when a Status is not ok.
#define SECAP_RETURN_IF_ERROR(expr)     \
  do {                                  \
    ::secap::core::Status _st = (expr); \
    if (!_st.isOk()) return _st;        \
  } while (false)
