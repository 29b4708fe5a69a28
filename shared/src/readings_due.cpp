#include "secap/core/readings_due.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace secap::core {

namespace {

bool hasPosition(const secap::v1::Site& s) { return s.has_lat() && s.has_lon(); }

// Great-circle distance in km (haversine).
double distanceKm(const secap::v1::Site& a, const secap::v1::Site& b) {
  constexpr double kEarthKm = 6371.0;
  const double rad = std::numbers::pi / 180.0;
  const double dLat = (b.lat() - a.lat()) * rad;
  const double dLon = (b.lon() - a.lon()) * rad;
  const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                   std::cos(a.lat() * rad) * std::cos(b.lat() * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

int64_t periodStartMs(const Calendar& calendar, int64_t nowMs) {
  const LocalDate today = calendar.localDateOf(nowMs);
  return calendar.monthStartMs({today.year, today.month});
}

bool isDue(const secap::v1::Meter& meter, const std::optional<secap::v1::Reading>& last, int64_t periodStart) {
  if (meter.has_removed_at() || meter.kind() == secap::v1::METER_KIND_PERIOD) return false;
  return !last || last->taken_at() < periodStart;
}

std::vector<size_t> routeOrder(std::span<const secap::v1::Site> sites) {
  std::vector<size_t> byName(sites.size());
  for (size_t i = 0; i < sites.size(); ++i) byName[i] = i;
  std::stable_sort(byName.begin(), byName.end(), [&](size_t a, size_t b) { return sites[a].name() < sites[b].name(); });
  std::vector<size_t> placed;
  std::vector<size_t> unplaced;
  for (size_t i : byName) (hasPosition(sites[i]) ? placed : unplaced).push_back(i);
  std::vector<size_t> route;
  std::vector<bool> visited(sites.size(), false);
  if (!placed.empty()) {
    size_t at = placed.front();
    for (size_t step = 0; step < placed.size(); ++step) {
      route.push_back(at);
      visited[at] = true;
      double best = INFINITY;
      size_t next = at;
      for (size_t j : placed) {
        if (visited[j]) continue;
        const double d = distanceKm(sites[at], sites[j]);
        if (d < best) {
          best = d;
          next = j;
        }
      }
      at = next;
    }
  }
  route.insert(route.end(), unplaced.begin(), unplaced.end());
  return route;
}

}  // namespace secap::core
