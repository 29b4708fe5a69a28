#pragma once
// Enrollment URIs (DESIGN.md §4): what a QR code on the coordinator's screen
// or a link in a message carries, so that one scan gives the device the
// server, the one-time code and the server's key:
//
//   secap://enroll?server=HOST:PORT&code=CODE&spki=BASE64URL
//
// `spki` is the pin of the server's certificate (tls_pin.h). It is left out
// on loopback, and when the server runs without TLS (--insecure); a URI
// without it means plain text. Values are percent-encoded; unknown
// parameters are ignored, so later versions can add some.
//
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "secap/core/status.h"

namespace secap::core {

struct EnrollInvite {
  std::string server;   // "host:port"; empty for a bare code
  std::string code;     // the one-time enrollment code, as issued
  std::string spkiPin;  // empty: no pin (loopback or plain text)
};

// The URI for an invite. The pin is left out on a loopback server.
std::string buildEnrollUri(const EnrollInvite& invite);

// True when `text` (after trimming) starts with the secap: scheme, i.e. it is
// meant as a URI rather than a bare code.
bool looksLikeEnrollUri(std::string_view text);

// Parses a URI built by buildEnrollUri. Errors are invalidArgument with a
// message a person can act on ("the enrollment link names no server").
Result<EnrollInvite> parseEnrollUri(std::string_view uri);

// What a person typed or scanned: a URI, or a bare code (then only `code` is
// set, trimmed). Empty input is an error.
Result<EnrollInvite> parseEnrollmentInput(std::string_view text);

}  // namespace secap::core
