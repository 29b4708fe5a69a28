#include "demo_photos.h"

#include <png.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace secap::server {

namespace {

struct Rgb {
  uint8_t r, g, b;
};

Rgb mix(Rgb a, Rgb b, double t) {
  auto m = [t](uint8_t x, uint8_t y) { return static_cast<uint8_t>(std::lround(x + (y - x) * t)); };
  return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b)};
}

class Canvas {
 public:
  Canvas() : m_px(static_cast<size_t>(kDemoPhotoWidth) * kDemoPhotoHeight * 3) {}
  void set(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= kDemoPhotoWidth || y >= kDemoPhotoHeight) return;
    const size_t i = (static_cast<size_t>(y) * kDemoPhotoWidth + x) * 3;
    m_px[i] = c.r;
    m_px[i + 1] = c.g;
    m_px[i + 2] = c.b;
  }
  // A vertical gradient between rows y0 and y1.
  void gradient(int y0, int y1, Rgb top, Rgb bottom) {
    for (int y = y0; y < y1; ++y)
      for (int x = 0; x < kDemoPhotoWidth; ++x) set(x, y, mix(top, bottom, double(y - y0) / std::max(1, y1 - y0)));
  }
  void rect(int x0, int y0, int w, int h, Rgb c) {
    for (int y = y0; y < y0 + h; ++y)
      for (int x = x0; x < x0 + w; ++x) set(x, y, c);
  }
  void circle(int cx, int cy, int r, Rgb c) {
    for (int y = cy - r; y <= cy + r; ++y)
      for (int x = cx - r; x <= cx + r; ++x)
        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) set(x, y, c);
  }
  // A light cone from (cx, y0) widening to `halfWidth` at y1, blended in.
  void cone(int cx, int y0, int y1, int halfWidth, Rgb c, double strength) {
    for (int y = y0; y < y1; ++y) {
      const int hw = halfWidth * (y - y0) / std::max(1, y1 - y0);
      for (int x = cx - hw; x <= cx + hw; ++x) {
        if (x < 0 || x >= kDemoPhotoWidth) continue;
        const size_t i = (static_cast<size_t>(y) * kDemoPhotoWidth + x) * 3;
        const Rgb old{m_px[i], m_px[i + 1], m_px[i + 2]};
        set(x, y, mix(old, c, strength * (1.0 - double(std::abs(x - cx)) / (hw + 1))));
      }
    }
  }
  [[nodiscard]] const std::vector<uint8_t>& pixels() const { return m_px; }

 private:
  std::vector<uint8_t> m_px;
};

constexpr Rgb kSky{150, 196, 232}, kSkyLow{214, 232, 244}, kGrass{92, 148, 80}, kPath{170, 170, 160};

void facade(Canvas& c, uint64_t v, Rgb wall, bool newWindows) {
  c.gradient(0, 330, kSky, kSkyLow);
  c.gradient(330, 480, kGrass, mix(kGrass, Rgb{60, 100, 50}, 0.6));
  const int x0 = 90 + static_cast<int>(v % 40), w = 460;
  c.rect(x0, 110, w, 250, wall);
  c.rect(x0 - 12, 96, w + 24, 18, Rgb{120, 72, 60});
  for (int row = 0; row < 3; ++row)
    for (int col = 0; col < 7; ++col) {
      const int wx = x0 + 24 + col * 63, wy = 135 + row * 72;
      c.rect(wx - 3, wy - 3, 40, 50, newWindows ? Rgb{240, 240, 240} : Rgb{110, 90, 70});
      c.rect(wx, wy, 34, 44, Rgb{120, 160, 190});
      c.rect(wx + 16, wy, 2, 44, Rgb{240, 240, 240});
    }
  c.rect(x0 + w / 2 - 28, 290, 56, 70, Rgb{90, 70, 60});
  c.rect(0, 360, 640, 14, kPath);
}

void streetLights(Canvas& c, uint64_t v) {
  c.gradient(0, 300, Rgb{40, 52, 92}, Rgb{170, 120, 140});
  c.gradient(300, 480, Rgb{60, 60, 66}, Rgb{34, 34, 38});
  for (int i = 0; i < 4; ++i) {
    const int x = 70 + i * 170 + static_cast<int>(v % 20);
    const int top = 120 + i * 12;
    c.cone(x + 26, top + 8, 430, 90 - i * 10, Rgb{255, 250, 225}, 0.55);
    c.rect(x, top, 8, 330 - top + 100, Rgb{70, 74, 80});
    c.rect(x, top, 40, 7, Rgb{70, 74, 80});
    c.rect(x + 24, top + 6, 22, 6, Rgb{255, 255, 240});
  }
  for (int x = 0; x < 640; x += 60) c.rect(x, 400, 32, 6, Rgb{200, 200, 190});
}

void pvRoof(Canvas& c, uint64_t v) {
  c.gradient(0, 480, kSky, kSkyLow);
  c.circle(540, 80, 36 + static_cast<int>(v % 6), Rgb{255, 236, 160});
  // A pitched roof, drawn row by row.
  for (int y = 170; y < 400; ++y) {
    const int inset = (400 - y) / 3;
    c.rect(60 + inset, y, 520 - 2 * inset, 1, Rgb{150, 70, 55});
  }
  for (int row = 0; row < 4; ++row)
    for (int col = 0; col < 6; ++col) {
      const int y = 205 + row * 46, inset = (400 - y) / 3;
      const int x = 100 + inset + col * ((440 - 2 * inset) / 6);
      c.rect(x, y, (440 - 2 * inset) / 6 - 6, 40, Rgb{28, 48, 96});
      c.rect(x, y + 19, (440 - 2 * inset) / 6 - 6, 1, Rgb{90, 110, 150});
    }
  c.rect(40, 400, 560, 80, Rgb{225, 215, 195});
}

void heatPump(Canvas& c, uint64_t v) {
  c.gradient(0, 480, Rgb{222, 214, 196}, Rgb{200, 190, 172});
  c.rect(0, 380, 640, 100, Rgb{150, 150, 145});
  const int x0 = 150 + static_cast<int>(v % 30);
  c.rect(x0, 200, 340, 190, Rgb{236, 238, 240});
  c.rect(x0, 380, 340, 10, Rgb{180, 182, 186});
  c.circle(x0 + 120, 292, 72, Rgb{60, 64, 70});
  for (int r = 64; r > 8; r -= 12) c.circle(x0 + 120, 292, r, r % 24 == 16 ? Rgb{60, 64, 70} : Rgb{110, 116, 124});
  c.rect(x0 + 230, 240, 80, 12, Rgb{11, 122, 91});
  c.rect(x0 + 40, 150, 12, 50, Rgb{160, 160, 160});
  c.rect(x0 + 40, 150, 200, 12, Rgb{160, 160, 160});
}

void greenRoof(Canvas& c, uint64_t v) {
  c.gradient(0, 480, kSky, kSkyLow);
  c.rect(80, 200, 480, 200, Rgb{205, 200, 190});
  c.rect(70, 180, 500, 26, Rgb{96, 150, 70});
  for (int i = 0; i < 40; ++i) {
    const int x = 80 + static_cast<int>((i * 53 + v * 7) % 480);
    c.circle(x, 178, 8 + i % 5, mix(Rgb{70, 130, 60}, Rgb{140, 180, 80}, (i % 7) / 7.0));
  }
  for (int i = 0; i < 8; ++i) c.rect(110 + i * 55, 240, 30, 40, Rgb{120, 160, 190});
  c.rect(560, 206, 14, 190, Rgb{120, 120, 125});
  c.rect(560, 380, 60, 60, Rgb{70, 110, 150});
  c.gradient(400, 480, kGrass, Rgb{70, 110, 60});
}

}  // namespace

std::string demoIllustrationPng(std::string_view area, uint64_t variant) {
  Canvas c;
  if (area == "building_envelope")
    facade(c, variant, Rgb{236, 222, 196}, true);
  else if (area == "efficient_lighting")
    streetLights(c, variant);
  else if (area == "pv")
    pvRoof(c, variant);
  else if (area == "heat_pumps")
    heatPump(c, variant);
  else if (area == "water_management")
    greenRoof(c, variant);
  else
    facade(c, variant, Rgb{210, 210, 204}, false);

  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = kDemoPhotoWidth;
  image.height = kDemoPhotoHeight;
  image.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, c.pixels().data(), 0, nullptr)) return {};
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, c.pixels().data(), 0, nullptr)) return {};
  out.resize(size);
  return out;
}

}  // namespace secap::server
