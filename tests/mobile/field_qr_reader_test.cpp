// Enrollment by QR code (DESIGN.md §7): the link a coordinator's QR code
// holds comes back exactly, from a screenshot file and from camera frames;
// an image without a code says so. CI has no camera, so frames are fed to
// the scanner's video sink by hand, as Qt Multimedia would feed them.

#define ZX_USE_UTF8 1

#include <BarcodeFormat.h>
#include <BitMatrix.h>
#include <CharacterSet.h>
#include <MultiFormatWriter.h>
#include <gtest/gtest.h>

#include <QFile>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <QVideoSink>
#include <cstring>
#include <string>

#include "app_controller.h"
#include "demo_fixture.h"
#include "qr_reader.h"
#include "secap/core/enroll_uri.h"

namespace secap::field {
namespace {

// The QR code as a coordinator's screen shows it: black on white with its
// quiet zone, `pixelsPerModule` pixels a module.
QImage qrImage(const QString& text, int pixelsPerModule = 6) {
  // zxing's writer defaults to ISO 8859-1, which has no "Ż".
  const ZXing::BitMatrix m = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                                 .setEncoding(ZXing::CharacterSet::UTF8)
                                 .setMargin(4)
                                 .encode(text.toStdWString(), 0, 0);
  QImage image(m.width() * pixelsPerModule, m.height() * pixelsPerModule, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter p(&image);
  for (int y = 0; y < m.height(); ++y)
    for (int x = 0; x < m.width(); ++x)
      if (m.get(x, y))
        p.fillRect(x * pixelsPerModule, y * pixelsPerModule, pixelsPerModule, pixelsPerModule, Qt::black);
  return image;
}

// A phone screenshot of the coordinator's page: the code among other things.
QImage screenshotWith(const QImage& code) {
  QImage shot(1080, 2160, QImage::Format_ARGB32);
  shot.fill(QColor(0xF2, 0xF4, 0xF6));
  QPainter p(&shot);
  p.fillRect(0, 0, 1080, 160, QColor(0x0E, 0x5A, 0x73));
  p.setPen(Qt::black);
  p.drawText(QRect(80, 240, 920, 80), Qt::AlignLeft, QStringLiteral("Enrollment code for Pałecznica"));
  p.drawImage(QPoint((1080 - code.width()) / 2, 480), code);
  return shot;
}

// The same picture as a camera frame (32-bit BGRA, as GStreamer delivers).
QVideoFrame frameOf(const QImage& image) {
  const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
  QVideoFrame frame(QVideoFrameFormat(argb.size(), QVideoFrameFormat::Format_BGRA8888));
  if (!frame.map(QVideoFrame::WriteOnly)) return {};
  for (int y = 0; y < argb.height(); ++y)
    std::memcpy(frame.bits(0) + static_cast<qsizetype>(y) * frame.bytesPerLine(0), argb.constScanLine(y),
                static_cast<size_t>(argb.width()) * 4);
  frame.unmap();
  return frame;
}

std::string enrollLink() {
  core::EnrollInvite invite;
  invite.server = "sync.palecznica.example:443";
  invite.code = "7K3M-QX9P-2D";
  invite.spkiPin = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";
  return core::buildEnrollUri(invite);
}

TEST(QrReader, ReadsTheEnrollmentLinkBackExactly) {
  const std::string link = enrollLink();
  auto text = decodeQr(qrImage(QString::fromStdString(link)));
  ASSERT_TRUE(text.isOk()) << text.status().toString();
  EXPECT_EQ(text->toStdString(), link);
  auto invite = core::parseEnrollmentInput(text->toStdString());
  ASSERT_TRUE(invite.isOk());
  EXPECT_EQ(invite->server, "sync.palecznica.example:443");
  EXPECT_EQ(invite->code, "7K3M-QX9P-2D");
}

TEST(QrReader, KeepsNonAsciiTextIntact) {
  auto text = decodeQr(qrImage(QStringLiteral("Żyraków, Schwäbisch Hall")));
  ASSERT_TRUE(text.isOk()) << text.status().toString();
  EXPECT_EQ(*text, QStringLiteral("Żyraków, Schwäbisch Hall"));
}

TEST(QrReader, ReadsTheCodeFromAScreenshotFile) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("Screenshot_enroll.png"));
  ASSERT_TRUE(screenshotWith(qrImage(QString::fromStdString(enrollLink()))).save(path));
  auto text = decodeQrFile(path);
  ASSERT_TRUE(text.isOk()) << text.status().toString();
  EXPECT_EQ(text->toStdString(), enrollLink());
}

TEST(QrReader, AnImageWithoutACodeSaysSo) {
  QImage photo(800, 600, QImage::Format_RGB32);
  photo.fill(QColor(90, 110, 130));
  QPainter(&photo).drawText(QRect(0, 0, 800, 600), Qt::AlignCenter, QStringLiteral("12345,6 kWh"));
  auto text = decodeQr(photo);
  ASSERT_FALSE(text.isOk());
  EXPECT_EQ(text.status().code(), core::StatusCode::kNotFound);
  EXPECT_EQ(text.status().message(), "no QR code was found in this image");
}

TEST(QrReader, AFileThatIsNotAnImageSaysSo) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("code.png"));
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("secap://enroll?server=example:443&code=ABCD");
  file.close();
  auto text = decodeQrFile(path);
  ASSERT_FALSE(text.isOk());
  EXPECT_EQ(text.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(text.status().message().find("is not an image that can be read"), std::string::npos);
  EXPECT_FALSE(decodeQr(QImage()).isOk());
}

TEST(QrScanner, AChosenScreenshotGivesTheLink) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("shot.png"));
  ASSERT_TRUE(screenshotWith(qrImage(QString::fromStdString(enrollLink()))).save(path));
  QrScanner scanner;
  QSignalSpy found(&scanner, &QrScanner::found);
  QSignalSpy failed(&scanner, &QrScanner::failed);

  scanner.decodeFile(QUrl::fromLocalFile(path));
  EXPECT_TRUE(scanner.busy());
  ASSERT_TRUE(found.wait(30000));

  EXPECT_EQ(found.at(0).at(0).toString().toStdString(), enrollLink());
  EXPECT_EQ(failed.count(), 0);
  EXPECT_FALSE(scanner.busy());
}

TEST(QrScanner, AChosenImageWithoutACodeFailsWithItsReason) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("meter.jpg"));
  QImage photo(640, 480, QImage::Format_RGB32);
  photo.fill(QColor(200, 200, 190));
  ASSERT_TRUE(photo.save(path));
  QrScanner scanner;
  QSignalSpy failed(&scanner, &QrScanner::failed);

  scanner.decodeFile(QUrl::fromLocalFile(path));
  ASSERT_TRUE(failed.wait(30000));

  EXPECT_EQ(failed.at(0).at(0).toString(), QStringLiteral("qr.not_found"));
  EXPECT_FALSE(scanner.busy());
}

TEST(QrScanner, ReadsACodeThatComesIntoViewOfTheCamera) {
  QVideoSink sink;
  QrScanner scanner;
  scanner.setVideoSink(&sink);
  QSignalSpy found(&scanner, &QrScanner::found);
  const QImage empty = screenshotWith(QImage(1, 1, QImage::Format_RGB32)).scaled(540, 1080);
  const QImage withCode = screenshotWith(qrImage(QString::fromStdString(enrollLink()))).scaled(540, 1080);

  // Frames keep coming, as from a camera: first without the code, then with
  // it, until the scanner reports it.
  for (int i = 0; i < 200 && found.isEmpty(); ++i) {
    sink.setVideoFrame(frameOf(i < 3 ? empty : withCode));
    found.wait(50);
  }
  ASSERT_EQ(found.count(), 1);
  EXPECT_EQ(found.at(0).at(0).toString().toStdString(), enrollLink());
}

// A meter's label as printed: a 1D barcode (or a 2D code) with its text
// under it, on a sticker photographed on the meter.
QImage labelPhoto(const QString& text, ZXing::BarcodeFormat format) {
  const bool linear = format != ZXing::BarcodeFormat::QRCode && format != ZXing::BarcodeFormat::DataMatrix;
  const ZXing::BitMatrix m =
      ZXing::MultiFormatWriter(format).setMargin(10).encode(text.toStdWString(), linear ? 420 : 0, linear ? 120 : 0);
  const int scale = linear ? 2 : 8;
  QImage code(m.width() * scale, m.height() * scale, QImage::Format_RGB32);
  code.fill(Qt::white);
  QPainter p(&code);
  for (int y = 0; y < m.height(); ++y)
    for (int x = 0; x < m.width(); ++x)
      if (m.get(x, y)) p.fillRect(x * scale, y * scale, scale, scale, Qt::black);
  p.end();
  QImage photo(1200, 900, QImage::Format_RGB32);
  photo.fill(QColor(0x9A, 0xA5, 0xAF));  // the meter's grey housing
  // The label in the middle of the picture, as a person aims at it (zxing
  // 1.4 finds a Data Matrix only near the centre).
  const QPoint at((photo.width() - code.width()) / 2, (photo.height() - code.height()) / 2);
  QPainter q(&photo);
  q.fillRect(QRect(at.x() - 50, at.y() - 50, code.width() + 100, code.height() + 140), Qt::white);
  q.drawImage(at, code);
  q.drawText(QRect(at.x(), at.y() + code.height() + 10, code.width(), 40), Qt::AlignCenter, text);
  return photo;
}

TEST(MeterLabels, BarcodesAndTwoDimensionalCodesAreRead) {
  for (const auto format : {ZXing::BarcodeFormat::Code128, ZXing::BarcodeFormat::Code39, ZXing::BarcodeFormat::QRCode,
                            ZXing::BarcodeFormat::DataMatrix}) {
    auto text =
        decodeQr(labelPhoto(QStringLiteral("SECAP-M-0042"), format), QrEffort::kThorough, CodeKind::kMeterLabel);
    ASSERT_TRUE(text.isOk()) << ZXing::ToString(format) << ": " << text.status().toString();
    EXPECT_EQ(*text, QStringLiteral("SECAP-M-0042"));
  }
  // Enrollment reads QR codes only: a barcode is no enrollment code.
  EXPECT_FALSE(decodeQr(labelPhoto(QStringLiteral("SECAP-M-0042"), ZXing::BarcodeFormat::Code128)).isOk());
}

TEST(MeterLabels, AScannerForLabelsReadsAPhotoOfTheLabel) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("label.jpg"));
  ASSERT_TRUE(labelPhoto(QStringLiteral("PLBYD0000123456"), ZXing::BarcodeFormat::Code128).save(path, "JPEG", 90));
  QrScanner scanner;
  scanner.setMeterLabels(true);
  QSignalSpy found(&scanner, &QrScanner::found);
  scanner.decodeFile(QUrl::fromLocalFile(path));
  ASSERT_TRUE(found.wait(30000));
  EXPECT_EQ(found.at(0).at(0).toString(), QStringLiteral("PLBYD0000123456"));
}

// The label scanned opens its meter; a label no meter here has says so.
TEST(MeterLabels, AScannedLabelFindsItsMeterAndAnUnknownOneIsNotFound) {
  QTemporaryDir dir;
  testing::ServerDemoIds ids;
  auto opened = testing::openServerDemoApp(dir.path(), {}, &ids);
  ASSERT_TRUE(opened);
  AppController& app = *opened;
  std::optional<secap::v1::Meter> labelled;
  for (const auto& site : app.store().sites(ids.municipalityId))
    for (const auto& m : app.store().meters(site.id()))
      if (!labelled && !m.label_code().empty()) labelled = m;
  ASSERT_TRUE(labelled) << "the demo meters carry labels";

  // As a scanner may give it: spaces around, another letter case.
  const QString scanned = QStringLiteral("  %1\n").arg(QString::fromStdString(labelled->label_code()).toLower());
  const QVariantMap match = app.meterForLabel(scanned);
  EXPECT_TRUE(match.value("found").toBool());
  EXPECT_EQ(match.value("meterId").toString().toStdString(), labelled->id());
  EXPECT_EQ(match.value("siteId").toString().toStdString(), labelled->site_id());

  const QVariantMap unknown = app.meterForLabel(QStringLiteral(" ZZ-NOT-A-METER "));
  EXPECT_FALSE(unknown.value("found").toBool());
  EXPECT_EQ(unknown.value("label").toString(), QStringLiteral("ZZ-NOT-A-METER"));
  EXPECT_FALSE(app.meterForLabel(QStringLiteral("   ")).value("found").toBool());
}

}  // namespace
}  // namespace secap::field
