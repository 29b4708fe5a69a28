#pragma once
// Small text codecs shared by the server's HTTP routing, the enrollment URI
// parser and the tools: percent-decoding, JSON string escaping and UTC
// timestamps. Pure functions; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace secap::core {

// Decodes %XX escapes ('+' stays '+'). nullopt for an incomplete or non-hex
// escape, or one that decodes to NUL.
std::optional<std::string> percentDecode(std::string_view s);

// The contents of a JSON string literal for `s` (no surrounding quotes):
// quotes, backslashes and control characters escaped; UTF-8 passes through.
std::string jsonEscape(std::string_view s);

// A UTC instant (ms since the epoch) through strftime's `format`, e.g.
// "%Y-%m-%dT%H:%M:%SZ" for ISO 8601.
std::string formatUtc(int64_t ms, const char* format);

}  // namespace secap::core
