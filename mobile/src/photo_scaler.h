#pragma once
// Photo downscaling before upload (DESIGN.md §4 "Attachments"): a camera
// photo becomes a JPEG whose long side is at most 2048 px, unless the user
// asked for full size (then it is only re-encoded). Orientation is whatever
// the QImage holds: the caller reads files with QImageReader and
// setAutoTransform(true), so EXIF rotation is applied before scaling.
//
// Pure functions on values: thread-safe, and meant to run off the UI thread.

#include <QByteArray>
#include <QImage>
#include <QString>

#include "secap/core/status.h"

namespace secap::field {

struct PhotoScaleOptions {
  int maxLongSide = 2048;  // pixels; ignored when fullSize
  bool fullSize = false;   // the user asked to keep every pixel
  int jpegQuality = 85;    // 0..100
};

struct ScaledPhoto {
  QByteArray jpeg;
  int width = 0;
  int height = 0;
};

// Encodes `image` as JPEG within the options. kInvalidArgument for a null
// image; kInternal when the JPEG encoder is missing.
core::Result<ScaledPhoto> scalePhoto(const QImage& image, const PhotoScaleOptions& options = {});

// Reads an image file (applying its EXIF orientation) and scales it.
core::Result<ScaledPhoto> scalePhotoFile(const QString& path, const PhotoScaleOptions& options = {});

}  // namespace secap::field
