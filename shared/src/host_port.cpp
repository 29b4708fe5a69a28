#include "secap/core/host_port.h"

namespace secap::core {

bool splitHostPort(const std::string& hostPort, std::string& host, uint16_t& port) {
  const auto colon = hostPort.rfind(':');
  if (colon == std::string::npos) return false;
  host = hostPort.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string digits = hostPort.substr(colon + 1);
  if (digits.empty() || digits.size() > 5) return false;
  int p = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    p = p * 10 + (c - '0');
  }
  if (p > 65535) return false;
  port = static_cast<uint16_t>(p);
  return !host.empty();
}

bool isLoopbackHost(const std::string& hostPort) {
  std::string host;
  uint16_t port = 0;
  if (!splitHostPort(hostPort, host, port)) return false;
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace secap::core
