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
  // A DNS name or an IP address: letters, digits, '.', '-', '_', and ':' and
  // '%' (a zone) for IPv6; never a space, a control character, '@' or '/'.
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || c == ':' || c == '%';
    if (!ok) return false;
  }
  return !host.empty();
}

bool isLoopbackHost(const std::string& hostPort) {
  std::string host;
  uint16_t port = 0;
  if (!splitHostPort(hostPort, host, port)) return false;
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace secap::core
