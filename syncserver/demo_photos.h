#pragma once
// Illustrations for the demo dataset's inspection photos: a small drawn
// scene per area of intervention (a modernised facade, LED street lights, a
// PV roof, a heat pump, a green roof), as a PNG. The demo labels them as
// illustrations in their captions; real photos come from the field app.
// Pure and deterministic; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

namespace secap::server {

inline constexpr int kDemoPhotoWidth = 640;
inline constexpr int kDemoPhotoHeight = 480;

// The PNG bytes of the illustration for `areaOfIntervention`
// ("building_envelope", "efficient_lighting", "pv", "heat_pumps",
// "water_management"; anything else: a generic building), varied by `variant`.
// Empty when libpng fails.
std::string demoIllustrationPng(std::string_view areaOfIntervention, uint64_t variant);

}  // namespace secap::server
