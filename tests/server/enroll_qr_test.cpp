// Enrollment QR codes: the PNG and the terminal drawing both scan back
// (zxing-cpp) to the exact secap://enroll URI, and `admin enroll-code`
// prints the code, the URI with the certificate's pin, and writes the PNG.

#include "enroll_qr.h"

// zxing-cpp 1.4: utf8() is private; with ZX_USE_UTF8, text() is the UTF-8 text.
#define ZX_USE_UTF8 1
#include <BarcodeFormat.h>
#include <DecodeHints.h>
#include <ImageView.h>
#include <ReadBarcode.h>
#include <gtest/gtest.h>
#include <png.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>

#include "harness.h"
#include "secap/core/enroll_uri.h"
#include "secap/core/tls_pin.h"
#include "test_certs.h"

namespace secap {
namespace {

using server::kQrQuietZone;
using server::QrCode;

const std::string kUri =
    "secap://"
    "enroll?server=sync.gmina.example:50051&code=ABCDE-FGHJK-MNPQR&spki=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
};

GrayImage readPng(const std::string& path) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  GrayImage out;
  if (png_image_begin_read_from_file(&image, path.c_str()) == 0) return out;
  image.format = PNG_FORMAT_GRAY;
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  if (png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr) == 0) return {};
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  return out;
}

std::string scan(const GrayImage& image) {
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  const auto result =
      ZXing::ReadBarcode({image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum}, hints);
  return result.isValid() ? result.text() : std::string("(no QR code found)");
}

// Reads the half-block drawing back into pixels, 4 per module, as a camera
// would see a light-on-dark terminal: lit cells light.
GrayImage imageOfTerminalDrawing(const std::string& text, int& lines, int& columns) {
  std::vector<std::vector<int>> rows;  // per line: 0 none, 1 upper, 2 lower, 3 full
  std::vector<int> row;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      rows.push_back(row);
      row.clear();
      ++i;
    } else if (text[i] == ' ') {
      row.push_back(0);
      ++i;
    } else if (text.compare(i, 3, "\u2580") == 0) {
      row.push_back(1), i += 3;
    } else if (text.compare(i, 3, "\u2584") == 0) {
      row.push_back(2), i += 3;
    } else if (text.compare(i, 3, "\u2588") == 0) {
      row.push_back(3), i += 3;
    } else {
      ADD_FAILURE() << "unexpected byte " << int(text[i]);
      return {};
    }
  }
  lines = static_cast<int>(rows.size());
  columns = rows.empty() ? 0 : static_cast<int>(rows[0].size());
  constexpr int kPx = 4;
  GrayImage img;
  img.width = columns * kPx;
  img.height = lines * 2 * kPx;
  img.pixels.assign(static_cast<size_t>(img.width) * img.height, 0);
  for (int l = 0; l < lines; ++l) {
    EXPECT_EQ(static_cast<int>(rows[l].size()), columns) << "line " << l;
    for (int c = 0; c < columns && c < static_cast<int>(rows[l].size()); ++c) {
      const bool upper = rows[l][c] & 1;
      const bool lower = rows[l][c] & 2;
      for (int dy = 0; dy < 2 * kPx; ++dy)
        for (int dx = 0; dx < kPx; ++dx)
          img.pixels[static_cast<size_t>(l * 2 * kPx + dy) * img.width + c * kPx + dx] =
              (dy < kPx ? upper : lower) ? 255 : 0;
    }
  }
  return img;
}

TEST(EnrollQr, ThePngScansBackToTheUri) {
  auto qr = server::encodeQr(kUri);
  ASSERT_TRUE(qr.isOk()) << qr.status().message();
  const std::string path = secap::testing::freshDir("qr_png") + "/enroll.png";
  ASSERT_TRUE(server::writeQrPng(*qr, path, 6).isOk());
  const GrayImage image = readPng(path);
  ASSERT_EQ(image.width, (qr->size + 2 * kQrQuietZone) * 6);
  EXPECT_EQ(image.pixels[0], 255) << "the quiet zone is white";
  EXPECT_EQ(scan(image), kUri);
}

TEST(EnrollQr, UsesMediumErrorCorrection) {
  auto qr = server::encodeQr(kUri);
  ASSERT_TRUE(qr.isOk());
  const std::string path = secap::testing::freshDir("qr_ecc") + "/enroll.png";
  ASSERT_TRUE(server::writeQrPng(*qr, path, 4).isOk());
  const GrayImage image = readPng(path);
  const auto result = ZXing::ReadBarcode({image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum});
  ASSERT_TRUE(result.isValid());
  EXPECT_EQ(result.ecLevel(), "M");
}

TEST(EnrollQr, TheTerminalDrawingHasAQuietZoneAndScansBackToTheUri) {
  auto qr = server::encodeQr(kUri);
  ASSERT_TRUE(qr.isOk());
  int lines = 0;
  int columns = 0;
  const std::string text = server::renderQrForTerminal(*qr);
  const GrayImage image = imageOfTerminalDrawing(text, lines, columns);
  const int side = qr->size + 2 * kQrQuietZone;
  EXPECT_EQ(columns, side);
  EXPECT_EQ(lines, (side + 1) / 2);
  // The first two lines are all quiet zone: lit from edge to edge.
  const std::string firstLine = text.substr(0, text.find('\n'));
  std::string full;
  for (int i = 0; i < side; ++i) full += "\u2588";
  EXPECT_EQ(firstLine, full);
  EXPECT_EQ(scan(image), kUri);
}

TEST(EnrollQr, ALightTerminalDrawingIsTheInverse) {
  auto qr = server::encodeQr("secap://enroll?server=127.0.0.1:50051&code=ABCDE");
  ASSERT_TRUE(qr.isOk());
  const std::string dark = server::renderQrForTerminal(*qr, /*darkOnLight=*/true);
  EXPECT_EQ(dark.substr(0, dark.find('\n')), std::string(qr->size + 2 * kQrQuietZone, ' '));
  EXPECT_NE(dark, server::renderQrForTerminal(*qr));
}

TEST(EnrollQr, AnUnwritablePathIsReported) {
  auto qr = server::encodeQr("x");
  ASSERT_TRUE(qr.isOk());
  const auto st = server::writeQrPng(*qr, "/nonexistent-dir/q.png");
  EXPECT_NE(st.message().find("cannot write the QR code to /nonexistent-dir/q.png"), std::string::npos) << st.message();
}

// The command as a coordinator runs it.
struct Cli {
  std::string out;
  int exitCode = -1;
};

Cli runCli(const std::string& args) {
  Cli r;
  FILE* pipe = ::popen((std::string(SECAP_SYNCSERVER_BIN) + " " + args + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(EnrollCodeCommand, PrintsCodeUriWithPinAndQrAndWritesAPngThatScans) {
  secap::testing::ServerHarness h("qr_cli");
  h.seed(secap::testing::baseChanges(secap::testing::kServerNow));
  h.srv->shutdown(0);
  const auto pki = secap::testing::makeTestPki();
  const std::string certFile = h.dir + "/server.crt";
  std::ofstream(certFile) << pki.server.certPem;
  const std::string png = h.dir + "/code.png";

  const Cli r = runCli("admin enroll-code --data-dir " + h.dir + " --municipality Pałecznica --server " +
                       "sync.gmina.example:50051 --tls-cert " + certFile + " --qr-png " + png);
  ASSERT_EQ(r.exitCode, 0) << r.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("code: ([0-9A-Z-]{17})\nuri:  (\\S+)\n"))) << r.out;
  const std::string code = m[1];
  const std::string uri = m[2];
  const std::string pin = *core::spkiPinOfCertificatePem(pki.server.certPem);
  EXPECT_EQ(uri, "secap://enroll?server=sync.gmina.example:50051&code=" + code + "&spki=" + pin);
  EXPECT_NE(r.out.find("\u2588\u2588\u2588\u2588"), std::string::npos) << "the QR code is drawn";
  EXPECT_NE(r.out.find("QR code written to " + png), std::string::npos);
  EXPECT_EQ(scan(readPng(png)), uri);
}

TEST(EnrollCodeCommand, WithoutQrOptionsPrintsOnlyTheCodeForScripts) {
  secap::testing::ServerHarness h("qr_cli_plain");
  h.seed(secap::testing::baseChanges(secap::testing::kServerNow));
  h.srv->shutdown(0);
  const Cli r = runCli("admin enroll-code --data-dir " + h.dir + " --municipality Pałecznica");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_TRUE(std::regex_match(r.out, std::regex("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}\n"))) << r.out;
}

TEST(EnrollCodeCommand, OnLoopbackTheUriHasNoPin) {
  secap::testing::ServerHarness h("qr_cli_loopback");
  h.seed(secap::testing::baseChanges(secap::testing::kServerNow));
  h.srv->shutdown(0);
  const Cli r = runCli("admin enroll-code --data-dir " + h.dir + " --municipality Pałecznica --qr");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex("uri:  secap://enroll\\?server=127\\.0\\.0\\.1:50051&code=[0-9A-Z-]+\n")))
      << r.out;
}

TEST(EnrollCodeCommand, RefusesAWildcardServerAddress) {
  secap::testing::ServerHarness h("qr_cli_wildcard");
  h.seed(secap::testing::baseChanges(secap::testing::kServerNow));
  h.srv->shutdown(0);
  const Cli r = runCli("admin enroll-code --data-dir " + h.dir + " --municipality Pałecznica --server 0.0.0.0:50051");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find("--server must be the HOST:PORT that devices dial"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace secap
