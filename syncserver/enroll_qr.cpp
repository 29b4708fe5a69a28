#include "enroll_qr.h"

#include <BarcodeFormat.h>
#include <BitMatrix.h>
#include <MultiFormatWriter.h>
#include <png.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace secap::server {

namespace {
// zxing-cpp's 0..8 scale; see encodeQr's comment in the header.
constexpr int kEccLevel = 4;
}  // namespace

Result<QrCode> encodeQr(const std::string& text) {
  try {
    // Margin 0: the quiet zone is added when drawing.
    const ZXing::BitMatrix m =
        ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setEccLevel(kEccLevel).setMargin(0).encode(text, 0, 0);
    if (m.width() != m.height() || m.width() == 0) return core::internalError("the QR encoder returned no square");
    QrCode qr;
    qr.size = m.width();
    qr.modules.resize(static_cast<size_t>(qr.size) * qr.size);
    for (int y = 0; y < qr.size; ++y)
      for (int x = 0; x < qr.size; ++x) qr.modules[static_cast<size_t>(y) * qr.size + x] = m.get(x, y) ? 1 : 0;
    return qr;
  } catch (const std::exception& e) {
    return core::invalidArgument(std::string("cannot draw a QR code for this text: ") + e.what());
  }
}

namespace {

// Dark or light, with the quiet zone around the symbol.
bool darkWithQuietZone(const QrCode& qr, int x, int y) {
  x -= kQrQuietZone;
  y -= kQrQuietZone;
  return x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.dark(x, y);
}

}  // namespace

std::string renderQrForTerminal(const QrCode& qr, bool darkOnLight) {
  const int side = qr.size + 2 * kQrQuietZone;
  std::string out;
  for (int y = 0; y < side; y += 2) {
    for (int x = 0; x < side; ++x) {
      const bool top = darkWithQuietZone(qr, x, y) == darkOnLight;
      // An odd side leaves the last line's lower half outside the code: unlit.
      const bool bottom = y + 1 < side && darkWithQuietZone(qr, x, y + 1) == darkOnLight;
      if (top && bottom) {
        out += "\u2588";
      } else if (top) {
        out += "\u2580";
      } else if (bottom) {
        out += "\u2584";
      } else {
        out += ' ';
      }
    }
    out += '\n';
  }
  return out;
}

Status writeQrPng(const QrCode& qr, const std::string& path, int pixelsPerModule) {
  if (qr.size <= 0 || pixelsPerModule <= 0) return core::invalidArgument("nothing to write: empty QR code");
  const int side = (qr.size + 2 * kQrQuietZone) * pixelsPerModule;
  std::vector<png_byte> pixels(static_cast<size_t>(side) * side);
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x)
      pixels[static_cast<size_t>(y) * side + x] =
          darkWithQuietZone(qr, x / pixelsPerModule, y / pixelsPerModule) ? 0 : 255;

  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(side);
  image.height = static_cast<png_uint_32>(side);
  image.format = PNG_FORMAT_GRAY;
  errno = 0;
  if (png_image_write_to_file(&image, path.c_str(), 0, pixels.data(), side, nullptr) == 0) {
    std::string why = image.message[0] != '\0' ? image.message : "unknown error";
    if (errno != 0) why = std::strerror(errno);
    png_image_free(&image);
    return core::Status(core::StatusCode::kFailedPrecondition, "cannot write the QR code to " + path + ": " + why);
  }
  return Status::ok();
}

}  // namespace secap::server
