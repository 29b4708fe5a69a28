#include "photo_scaler.h"

#include <QBuffer>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <algorithm>

namespace secap::field {

core::Result<ScaledPhoto> scalePhoto(const QImage& image, const PhotoScaleOptions& options) {
  if (image.isNull()) return core::invalidArgument("the photo could not be read");
  QImage out = image;
  const int longSide = std::max(image.width(), image.height());
  if (!options.fullSize && options.maxLongSide > 0 && longSide > options.maxLongSide)
    out = image.scaled(options.maxLongSide, options.maxLongSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  // JPEG has no alpha: flatten onto white rather than onto black.
  if (out.hasAlphaChannel()) {
    QImage flat(out.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    flat.setDevicePixelRatio(out.devicePixelRatio());
    QPainter(&flat).drawImage(0, 0, out);
    out = flat;
  }
  ScaledPhoto photo;
  QBuffer buffer(&photo.jpeg);
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, "jpeg");
  writer.setQuality(std::clamp(options.jpegQuality, 0, 100));
  if (!writer.write(out))
    return core::internalError("the photo could not be saved as JPEG: " + writer.errorString().toStdString());
  photo.width = out.width();
  photo.height = out.height();
  return photo;
}

core::Result<ScaledPhoto> scalePhotoFile(const QString& path, const PhotoScaleOptions& options) {
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QImage image = reader.read();
  if (image.isNull())
    return core::invalidArgument("the photo " + path.toStdString() +
                                 " could not be read: " + reader.errorString().toStdString());
  return scalePhoto(image, options);
}

}  // namespace secap::field
