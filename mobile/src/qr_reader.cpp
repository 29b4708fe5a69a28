// zxing-cpp 1.4's Result::text() returns a std::wstring unless ZX_USE_UTF8 is
// defined; with it, text() is UTF-8 (utf8() itself is private in 1.4).
#define ZX_USE_UTF8 1

#include "qr_reader.h"

#include <BarcodeFormat.h>
#include <DecodeHints.h>
#include <ImageView.h>
#include <ReadBarcode.h>
#include <Result.h>

#include <QImageReader>
#include <QVideoFrame>
#include <QVideoSink>
#include <QtConcurrent/QtConcurrentRun>

namespace secap::field {

namespace {

// A camera delivers 30 frames a second; four decodes a second find a code
// as fast as a person can hold the phone still, and leave the CPU alone.
constexpr int kFrameIntervalMs = 250;

QrDecodeOutcome outcomeOf(const core::Result<QString>& result) {
  QrDecodeOutcome out;
  if (result.isOk()) {
    out.text = *result;
    return out;
  }
  out.code = result.status().code() == core::StatusCode::kNotFound ? QStringLiteral("qr.not_found")
                                                                   : QStringLiteral("qr.unreadable_image");
  out.message = QString::fromStdString(result.status().message());
  return out;
}

}  // namespace

core::Result<QString> decodeQr(const QImage& image, QrEffort effort, CodeKind kind) {
  if (image.isNull()) return core::invalidArgument("the image could not be read");
  // zxing reads luminance; Qt converts any format (and flattens alpha).
  const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
  const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum,
                              static_cast<int>(gray.bytesPerLine()));
  const bool thorough = effort == QrEffort::kThorough;
  using F = ZXing::BarcodeFormat;
  const ZXing::BarcodeFormats formats =
      kind == CodeKind::kQr
          ? ZXing::BarcodeFormats(F::QRCode)
          : F::QRCode | F::DataMatrix | F::Code128 | F::Code39 | F::Code93 | F::EAN13 | F::EAN8 | F::ITF | F::Codabar;
  const auto hints =
      ZXing::DecodeHints().setFormats(formats).setTryHarder(thorough).setTryRotate(thorough).setTryDownscale(true);
  const ZXing::Result result = ZXing::ReadBarcode(view, hints);
  if (!result.isValid())
    return core::notFound(kind == CodeKind::kQr ? "no QR code was found in this image"
                                                : "no QR code or barcode was found in this image");
  return QString::fromStdString(result.text());
}

core::Result<QString> decodeQrFile(const QString& path, CodeKind kind) {
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QImage image = reader.read();
  if (image.isNull())
    return core::invalidArgument("the file " + path.toStdString() +
                                 " is not an image that can be read: " + reader.errorString().toStdString());
  return decodeQr(image, QrEffort::kThorough, kind);
}

QrScanner::QrScanner(QObject* parent) : QObject(parent) {
  connect(&m_fileJob, &QFutureWatcherBase::finished, this, [this] {
    emit busyChanged();
    const QrDecodeOutcome out = m_fileJob.result();
    if (out.code.isEmpty()) {
      emit found(out.text);
    } else {
      emit failed(out.code, out.message);
    }
  });
  connect(&m_frameJob, &QFutureWatcherBase::finished, this, [this] {
    const QrDecodeOutcome out = m_frameJob.result();
    // Most frames hold no code (yet): only a find is news.
    if (!out.code.isEmpty() || out.text == m_lastFound) return;
    m_lastFound = out.text;
    emit found(out.text);
  });
}

QrScanner::~QrScanner() {
  // The jobs hold only copies of their images: they may finish on their own.
  // Waiting keeps the pool from running work for an object that is gone.
  m_fileJob.waitForFinished();
  m_frameJob.waitForFinished();
}

void QrScanner::setVideoSink(QVideoSink* sink) {
  if (m_sink == sink) return;
  if (m_sink) disconnect(m_sink, nullptr, this, nullptr);
  m_sink = sink;
  m_lastFound.clear();
  // Frames may be emitted from the camera's thread: the (automatic) queued
  // connection brings them here.
  if (m_sink) connect(m_sink, &QVideoSink::videoFrameChanged, this, &QrScanner::onFrame);
  emit videoSinkChanged();
}

void QrScanner::onFrame(const QVideoFrame& frame) {
  if (!frame.isValid() || m_frameJob.isRunning()) return;
  if (m_sinceFrame.isValid() && m_sinceFrame.elapsed() < kFrameIntervalMs) return;
  m_sinceFrame.start();
  m_frameJob.setFuture(QtConcurrent::run(
      [frame, kind = m_kind] { return outcomeOf(decodeQr(frame.toImage(), QrEffort::kFast, kind)); }));
}

void QrScanner::setMeterLabels(bool labels) {
  const CodeKind kind = labels ? CodeKind::kMeterLabel : CodeKind::kQr;
  if (kind == m_kind) return;
  m_kind = kind;
  m_lastFound.clear();
  emit meterLabelsChanged();
}

void QrScanner::decodeFile(const QUrl& file) {
  if (m_fileJob.isRunning()) return;
  // Android's picker gives content: URLs, which QFile opens as they are.
  QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
  if (file.scheme() == QLatin1String("qrc")) path = QLatin1Char(':') + file.path();
  m_fileJob.setFuture(QtConcurrent::run([path, kind = m_kind] { return outcomeOf(decodeQrFile(path, kind)); }));
  emit busyChanged();
}

}  // namespace secap::field
