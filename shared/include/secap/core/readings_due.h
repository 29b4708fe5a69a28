#pragma once
// Readings due (DESIGN.md §7 "Readings due: meters not read this period"):
// the municipality's meters read by hand that have no reading since the
// start of the current calendar month in the municipality's time zone,
// grouped by site, the sites in the order of a walking or driving round.
// One rule for the app's list and any report of the server.
//
// A meter counts when it is installed and not removed and is read on site
// (cumulative registers; meters of kind PERIOD are billed by invoice).
// Archived sites are left out.
//
// Pure functions over values; thread-safe.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/v1/entities.pb.h"

namespace secap::core {

struct DueMeter {
  secap::v1::Meter meter;
  std::optional<secap::v1::Reading> last;  // its latest reading, if any
};

struct DueSite {
  secap::v1::Site site;
  std::vector<DueMeter> meters;  // by carrier, then serial
};

// `lastReadingOf` gives a meter's latest reading (or nullopt). The sites come
// in route order (routeOrder).
template <typename LastReadingOf>
std::vector<DueSite> readingsDue(std::span<const secap::v1::Site> sites, std::span<const secap::v1::Meter> meters,
                                 LastReadingOf&& lastReadingOf, const Calendar& calendar, int64_t nowMs);

// The start of the month that contains `nowMs`, in the calendar's zone.
int64_t periodStartMs(const Calendar& calendar, int64_t nowMs);

// A round through the sites: from the first site (by name) with a position,
// always on to the nearest one not visited yet (great-circle distance);
// sites without a position follow, by name. Returns indexes into `sites`.
std::vector<size_t> routeOrder(std::span<const secap::v1::Site> sites);

// True when the meter is read on site this period: installed, not removed,
// not billed by invoice, and its latest reading is older than `periodStart`.
bool isDue(const secap::v1::Meter& meter, const std::optional<secap::v1::Reading>& last, int64_t periodStart);

template <typename LastReadingOf>
std::vector<DueSite> readingsDue(std::span<const secap::v1::Site> sites, std::span<const secap::v1::Meter> meters,
                                 LastReadingOf&& lastReadingOf, const Calendar& calendar, int64_t nowMs) {
  const int64_t start = periodStartMs(calendar, nowMs);
  std::vector<secap::v1::Site> open;
  for (const auto& s : sites)
    if (!s.archived()) open.push_back(s);
  std::vector<DueSite> out;
  for (size_t i : routeOrder(open)) {
    DueSite due{open[i], {}};
    for (const auto& m : meters) {
      if (m.site_id() != open[i].id()) continue;
      std::optional<secap::v1::Reading> last = lastReadingOf(m.id());
      if (isDue(m, last, start)) due.meters.push_back({m, std::move(last)});
    }
    if (due.meters.empty()) continue;
    std::sort(due.meters.begin(), due.meters.end(), [](const DueMeter& a, const DueMeter& b) {
      return a.meter.carrier() != b.meter.carrier() ? a.meter.carrier() < b.meter.carrier()
                                                    : a.meter.serial() < b.meter.serial();
    });
    out.push_back(std::move(due));
  }
  return out;
}

}  // namespace secap::core
