#pragma once
// "host:port" addresses: splitting them and telling loopback from the rest.
// Loopback decides what may go without TLS (DESIGN.md §8) and whether an
// enrollment URI carries a pin (§4). Pure functions; thread-safe.

#include <cstdint>
#include <string>

namespace secap::core {

// Splits "host:port" ("[::1]:port" too, brackets removed). False when there
// is no port, the port is not a number in 0..65535, or the host is empty or
// has a character no host name or IP address has (a space, a control
// character, '@', '/').
bool splitHostPort(const std::string& hostPort, std::string& host, uint16_t& port);

// True for 127.0.0.0/8, ::1 and localhost.
bool isLoopbackHost(const std::string& hostPort);

}  // namespace secap::core
