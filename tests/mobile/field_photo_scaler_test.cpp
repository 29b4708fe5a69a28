// Photos are downscaled to 2048 px on the long side before upload, unless
// the user keeps full size.

#include <gtest/gtest.h>

#include <QBuffer>
#include <QImageReader>

#include "photo_scaler.h"

namespace secap::field {
namespace {

QImage camera(int w, int h) {
  QImage img(w, h, QImage::Format_RGB32);
  img.fill(QColor(30, 120, 200));
  return img;
}

QSize decodedSize(const QByteArray& jpeg) {
  QBuffer b;
  b.setData(jpeg);
  b.open(QIODevice::ReadOnly);
  QImageReader reader(&b, "jpeg");
  return reader.read().size();
}

TEST(PhotoScaler, ALandscapePhotoGets2048PixelsOnItsLongSideAsJpeg) {
  auto out = scalePhoto(camera(4000, 3000));
  ASSERT_TRUE(out.isOk()) << out.status().toString();
  EXPECT_EQ(out->width, 2048);
  EXPECT_EQ(out->height, 1536);
  EXPECT_TRUE(out->jpeg.startsWith("\xff\xd8"));  // JPEG start-of-image
  EXPECT_EQ(decodedSize(out->jpeg), QSize(2048, 1536));
}

TEST(PhotoScaler, APortraitPhotoIsScaledByItsHeight) {
  auto out = scalePhoto(camera(3000, 4000));
  ASSERT_TRUE(out.isOk());
  EXPECT_EQ(out->width, 1536);
  EXPECT_EQ(out->height, 2048);
}

TEST(PhotoScaler, ASmallPhotoIsNotEnlarged) {
  auto out = scalePhoto(camera(800, 600));
  ASSERT_TRUE(out.isOk());
  EXPECT_EQ(decodedSize(out->jpeg), QSize(800, 600));
}

TEST(PhotoScaler, FullSizeKeepsEveryPixel) {
  PhotoScaleOptions options;
  options.fullSize = true;
  auto out = scalePhoto(camera(4000, 3000), options);
  ASSERT_TRUE(out.isOk());
  EXPECT_EQ(decodedSize(out->jpeg), QSize(4000, 3000));
}

TEST(PhotoScaler, AnUnreadablePhotoIsAClearError) {
  auto out = scalePhoto(QImage());
  ASSERT_FALSE(out.isOk());
  EXPECT_EQ(out.status().code(), core::StatusCode::kInvalidArgument);
  auto file = scalePhotoFile(QStringLiteral("/nonexistent/photo.jpg"));
  ASSERT_FALSE(file.isOk());
  EXPECT_NE(file.status().message().find("could not be read"), std::string::npos);
}

}  // namespace
}  // namespace secap::field
