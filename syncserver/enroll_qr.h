#pragma once
// Enrollment QR codes for `secap-syncserver admin enroll-code`: the
// secap://enroll URI (secap/core/enroll_uri.h) as a QR matrix (zxing-cpp),
// drawn in a terminal with Unicode half blocks or written as a PNG (libpng).
// Both keep the standard quiet zone of 4 modules, which scanners need.
// Pure functions over values, except writeQrPng which writes one file;
// thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "secap/core/status.h"

namespace secap::server {

using core::Result;
using core::Status;

// A QR symbol without its quiet zone: size × size modules, row-major.
struct QrCode {
  int size = 0;
  std::vector<uint8_t> modules;  // 1 = dark
  [[nodiscard]] bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x] != 0; }
};

inline constexpr int kQrQuietZone = 4;

// Encodes `text` (UTF-8) at error-correction level M.
Result<QrCode> encodeQr(const std::string& text);

// Two module rows per text line: █ ▀ ▄ and space. By default light modules
// are drawn (for the usual light-on-dark terminal); `darkOnLight` draws the
// dark ones instead, for a terminal with a light background.
std::string renderQrForTerminal(const QrCode& qr, bool darkOnLight = false);

// An 8-bit grayscale PNG, black on white, `pixelsPerModule` pixels a module.
Status writeQrPng(const QrCode& qr, const std::string& path, int pixelsPerModule = 8);

}  // namespace secap::server
