#pragma once
// QR codes read from images (DESIGN.md §7: enrollment by scanning the QR
// code on the coordinator's screen, or from a screenshot of it), with
// zxing-cpp 1.4.
//
// decodeQr() and decodeQrFile() are pure functions over values: thread-safe,
// and meant to run off the UI thread (a camera frame takes a few
// milliseconds, a 12 MP photo a few hundred).
//
// QrScanner is the QML side. It decodes an image file the user chose and,
// when given a camera's QVideoSink, the frames that sink shows. Decoding runs
// on the global thread pool, one file and one frame at a time; frames that
// arrive meanwhile are dropped, so a slow decoder never piles up work behind
// the viewfinder. UI thread only; results arrive as signals on the UI thread.

#include <QtQml/qqmlregistration.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QVideoSink>

#include "secap/core/status.h"

class QVideoFrame;

namespace secap::field {

enum class QrEffort {
  kThorough,  // A file: also rotated and inverted codes; may take a while.
  kFast,      // A camera frame: the next frame is the retry.
};

// Which codes to look for.
enum class CodeKind {
  kQr,          // An enrollment code: QR only.
  kMeterLabel,  // A meter's label: QR, Data Matrix, or a 1D barcode
                // (Code 128, Code 39, Code 93, EAN-13/8, ITF, Codabar).
};

// The text of the first code of `kind` in `image`. Errors: kInvalidArgument
// for a null image; kNotFound ("no QR code was found in this image") when it
// holds none that can be read.
core::Result<QString> decodeQr(const QImage& image, QrEffort effort = QrEffort::kThorough,
                               CodeKind kind = CodeKind::kQr);

// Reads the image file (EXIF orientation applied) and decodes it: kNotFound
// as above, kInvalidArgument when the file is not an image Qt can read.
core::Result<QString> decodeQrFile(const QString& path, CodeKind kind = CodeKind::kQr);

// What a decoding job hands back to the UI thread.
struct QrDecodeOutcome {
  QString text;     // The code's text, when found.
  QString code;     // Empty on success; qr.not_found or qr.unreadable_image.
  QString message;  // English detail for a failure.
};

class QrScanner : public QObject {
  Q_OBJECT
  QML_ELEMENT
  // The sink of a VideoOutput (videoOutput.videoSink); null stops scanning.
  Q_PROPERTY(QVideoSink* videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
  // True while an image file is being decoded.
  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  // Read meter labels (QR, Data Matrix and 1D barcodes), not only QR codes.
  Q_PROPERTY(bool meterLabels READ meterLabels WRITE setMeterLabels NOTIFY meterLabelsChanged)

 public:
  explicit QrScanner(QObject* parent = nullptr);
  ~QrScanner() override;

  QVideoSink* videoSink() const { return m_sink; }
  void setVideoSink(QVideoSink* sink);
  bool busy() const { return m_fileJob.isRunning(); }
  bool meterLabels() const { return m_kind == CodeKind::kMeterLabel; }
  void setMeterLabels(bool labels);

  // Decodes the image at `file` (a file: URL from a FileDialog, or a local
  // path). Ends with found() or failed().
  Q_INVOKABLE void decodeFile(const QUrl& file);

 signals:
  void videoSinkChanged();
  void busyChanged();
  void meterLabelsChanged();
  // A QR code was read, from a file or from a camera frame. A code that
  // stays in front of the camera is reported once.
  void found(const QString& text);
  // An image file held no readable QR code (`code` qr.not_found), or was not
  // an image (qr.unreadable_image). `message` is English detail.
  void failed(const QString& code, const QString& message);

 private:
  void onFrame(const QVideoFrame& frame);

  QPointer<QVideoSink> m_sink;
  // Watchers end with this object, so a job that finishes later reports to
  // no one.
  QFutureWatcher<QrDecodeOutcome> m_fileJob;
  QFutureWatcher<QrDecodeOutcome> m_frameJob;
  QElapsedTimer m_sinceFrame;
  QString m_lastFound;
  CodeKind m_kind = CodeKind::kQr;
};

}  // namespace secap::field
