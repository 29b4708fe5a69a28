#include "secap/core/enroll_uri.h"

#include <algorithm>
#include <map>

#include "secap/core/host_port.h"
#include "secap/core/text.h"
#include "secap/core/tls_pin.h"

namespace secap::core {

namespace {

constexpr std::string_view kScheme = "secap:";
constexpr std::string_view kPrefix = "secap://enroll";

bool isUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string percentEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    // ':' is allowed in a query and keeps "host:port" readable.
    if (isUnreserved(c) || c == ':') {
      out += c;
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

Result<std::string> percentDecode(std::string_view value, std::string_view name) {
  auto decoded = core::percentDecode(value);
  if (!decoded)
    return invalidArgument("the enrollment link is damaged: a %-escape in '" + std::string(name) +
                           "' is incomplete; scan the code again or ask for a new one");
  return std::move(*decoded);
}

std::string_view trim(std::string_view s) {
  const auto notSpace = [](char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; };
  while (!s.empty() && !notSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && !notSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// A byte below 0x20 or DEL: never part of a code (found by fuzz_enroll_uri:
// such a code made a link that could not be read back).
bool hasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7f;
  });
}

}  // namespace

std::string buildEnrollUri(const EnrollInvite& invite) {
  std::string uri =
      std::string(kPrefix) + "?server=" + percentEncode(invite.server) + "&code=" + percentEncode(invite.code);
  if (!invite.spkiPin.empty() && !isLoopbackHost(invite.server)) uri += "&spki=" + percentEncode(invite.spkiPin);
  return uri;
}

bool looksLikeEnrollUri(std::string_view text) { return startsWithNoCase(trim(text), kScheme); }

Result<EnrollInvite> parseEnrollUri(std::string_view text) {
  std::string_view uri = trim(text);
  if (!startsWithNoCase(uri, kPrefix))
    return invalidArgument("this is not a SECAP enrollment link: it must start with secap://enroll");
  uri.remove_prefix(kPrefix.size());
  if (!uri.empty() && uri.front() == '/') uri.remove_prefix(1);
  if (const auto hash = uri.find('#'); hash != std::string_view::npos) uri = uri.substr(0, hash);
  if (uri.empty() || uri.front() != '?')
    return invalidArgument("the enrollment link has no details after secap://enroll (server, code)");
  uri.remove_prefix(1);

  std::map<std::string, std::string> params;
  while (!uri.empty()) {
    const auto amp = uri.find('&');
    const std::string_view pair = uri.substr(0, amp);
    uri = amp == std::string_view::npos ? std::string_view() : uri.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = percentDecode(pair.substr(0, eq), pair.substr(0, eq));
    if (!key.isOk()) return key.status();
    auto value = percentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), *key);
    if (!value.isOk()) return value.status();
    if (!params.emplace(*key, *value).second)
      return invalidArgument("the enrollment link is damaged: '" + *key + "' appears twice");
  }

  EnrollInvite invite;
  invite.server = params["server"];
  invite.code = std::string(trim(params["code"]));
  invite.spkiPin = params["spki"];
  if (invite.server.empty()) return invalidArgument("the enrollment link names no server (server=HOST:PORT)");
  std::string host;
  uint16_t port = 0;
  if (!splitHostPort(invite.server, host, port) || port == 0)
    return invalidArgument("the server in the enrollment link, '" + invite.server + "', is not a HOST:PORT address");
  if (invite.code.empty()) return invalidArgument("the enrollment link has no enrollment code (code=...)");
  if (hasControlCharacter(invite.code))
    return invalidArgument("the enrollment code in the link is damaged; scan the code again");
  if (!invite.spkiPin.empty() && !isWellFormedSpkiPin(invite.spkiPin))
    return invalidArgument("the server key (spki) in the enrollment link is damaged; scan the code again");
  return invite;
}

Result<EnrollInvite> parseEnrollmentInput(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) return invalidArgument("no enrollment code was given");
  if (looksLikeEnrollUri(trimmed)) return parseEnrollUri(trimmed);
  EnrollInvite invite;
  invite.code = std::string(trimmed);
  if (hasControlCharacter(invite.code))
    return invalidArgument("the enrollment code has characters no code has; type it again");
  return invite;
}

}  // namespace secap::core
