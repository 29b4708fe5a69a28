#pragma once
// TLS certificate pins (DESIGN.md §4, §8). A pin is the base64url (no
// padding) SHA-256 of a certificate's SubjectPublicKeyInfo DER: it names the
// server's key, survives a renewal that keeps the key, and is all a device
// needs to trust the server (no certificate authority is consulted). The
// enrollment URI carries it; the gRPC transport checks it on every handshake.
//
// Pure functions over PEM text (OpenSSL); thread-safe.

#include <string>
#include <string_view>

#include "secap/core/status.h"

namespace secap::core {

// Length of a pin: 32 bytes in unpadded base64url.
inline constexpr size_t kSpkiPinLength = 43;

// The pin of the first certificate in `pem`.
Result<std::string> spkiPinOfCertificatePem(std::string_view pem);

// True when `pin` has the shape of a pin (43 base64url characters).
bool isWellFormedSpkiPin(std::string_view pin);

// Checks that `certPem` holds a certificate and `keyPem` its private key, so
// a server fails at start with a clear message rather than at the first
// handshake.
Status checkCertificateAndKeyPem(std::string_view certPem, std::string_view keyPem);

}  // namespace secap::core
