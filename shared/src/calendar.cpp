#include "secap/core/calendar.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "secap/core/consumption.h"

namespace secap::core {

namespace {

using Ms = std::chrono::milliseconds;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

date::year_month_day ymdOf(LocalDate d) { return date::year{d.year} / date::month{d.month} / date::day{d.day}; }

bool parseInt(std::string_view s, int& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Local midnights (as UTC ms) of consecutive local days, and the month each
// day belongs to, over a range that covers a set of intervals.
struct DayGrid {
  int firstDay = 0;             // LocalDate::dayNumber of starts[0]
  std::vector<int64_t> starts;  // size = days + 1 (the last is the end)
  std::vector<int> monthIndex;  // YearMonth::index per day

  DayGrid(const Calendar& cal, int64_t fromMs, int64_t toMs) {
    firstDay = cal.localDateOf(fromMs).dayNumber();
    const int lastDay = cal.localDateOf(toMs).dayNumber();
    cal.localMidnights(firstDay, lastDay - firstDay + 2, starts);
    monthIndex.reserve(static_cast<size_t>(lastDay - firstDay + 1));
    for (int n = firstDay; n <= lastDay; ++n) {
      const date::year_month_day ymd{date::sys_days{date::days{n}}};
      monthIndex.push_back(static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) -
                           1);
    }
  }
  // Index of the day that contains ms.
  [[nodiscard]] size_t dayOf(int64_t ms) const {
    auto it = std::upper_bound(starts.begin(), starts.end(), ms);
    return static_cast<size_t>(std::max<ptrdiff_t>(0, (it - starts.begin()) - 1));
  }
};

// Local month starts (as UTC ms) over a range.
struct MonthGrid {
  int firstIndex = 0;
  std::vector<int64_t> starts;  // size = months + 1

  MonthGrid(const Calendar& cal, int64_t fromMs, int64_t toMs) {
    firstIndex = cal.monthOf(fromMs).index();
    const int last = cal.monthOf(toMs).index();
    for (int i = firstIndex; i <= last + 1; ++i) starts.push_back(cal.monthStartMs(YearMonth::fromIndex(i)));
  }
};

}  // namespace

std::string YearMonth::toString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", year, month);
  return buf;
}

int LocalDate::dayNumber() const { return static_cast<int>(date::sys_days(ymdOf(*this)).time_since_epoch().count()); }

LocalDate LocalDate::fromDayNumber(int n) {
  const date::year_month_day ymd{date::sys_days{date::days{n}}};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

std::string LocalDate::toString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  return buf;
}

Result<LocalDate> parseLocalDate(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !parseInt(s.substr(0, 4), y) || !parseInt(s.substr(5, 2), m) ||
      !parseInt(s.substr(8, 2), d))
    return invalidArgument("expected a date YYYY-MM-DD, got '" + std::string(s) + "'");
  const LocalDate out{y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
  if (!ymdOf(out).ok()) return invalidArgument("no such date: '" + std::string(s) + "'");
  return out;
}

Result<YearMonth> parseYearMonth(std::string_view s) {
  int y = 0, m = 0;
  if (s.size() != 7 || s[4] != '-' || !parseInt(s.substr(0, 4), y) || !parseInt(s.substr(5, 2), m) || m < 1 || m > 12)
    return invalidArgument("expected a month YYYY-MM, got '" + std::string(s) + "'");
  return YearMonth{y, static_cast<unsigned>(m)};
}

unsigned daysInMonth(YearMonth ym) {
  return static_cast<unsigned>((date::year{ym.year} / date::month{ym.month} / date::last).day());
}

Result<Calendar> Calendar::forZone(std::string_view ianaName) {
  Calendar cal;
  if (ianaName.empty() || ianaName == "UTC" || ianaName == "Etc/UTC") return cal;
  try {
    cal.m_zone = date::locate_zone(std::string(ianaName));
  } catch (const std::exception&) {
    return invalidArgument("unknown time zone '" + std::string(ianaName) + "'");
  }
  cal.m_name = std::string(ianaName);
  return cal;
}

int64_t Calendar::localToUtcMs(LocalDate d, int hour, int minute, int second) const {
  const auto local = date::local_days(ymdOf(d)) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                     std::chrono::seconds(second);
  if (m_zone == nullptr) return std::chrono::duration_cast<Ms>(local.time_since_epoch()).count();
  return std::chrono::duration_cast<Ms>(m_zone->to_sys(local, date::choose::earliest).time_since_epoch()).count();
}

int64_t Calendar::dayStartMs(LocalDate d) const { return localToUtcMs(d, 0, 0, 0); }

void Calendar::localMidnights(int firstDay, int count, std::vector<int64_t>& out) const {
  constexpr int64_t kDay = 86400000;
  out.resize(static_cast<size_t>(std::max(0, count)));
  int64_t begin = 0, end = 0, offset = 0;
  bool known = false;
  for (int i = 0; i < count; ++i) {
    const int64_t local = static_cast<int64_t>(firstDay + i) * kDay;
    if (m_zone == nullptr) {
      out[static_cast<size_t>(i)] = local;
      continue;
    }
    // Inside one offset period, a day away from both of its ends: no DST
    // question can arise, so local midnight − offset is the answer.
    const int64_t candidate = local - offset;
    if (known && candidate >= begin + kDay && candidate + kDay < end) {
      out[static_cast<size_t>(i)] = candidate;
      continue;
    }
    const int64_t exact = dayStartMs(LocalDate::fromDayNumber(firstDay + i));
    out[static_cast<size_t>(i)] = exact;
    const date::sys_info info = m_zone->get_info(date::sys_time<Ms>(Ms(exact)));
    begin = std::chrono::duration_cast<Ms>(info.begin.time_since_epoch()).count();
    end = std::chrono::duration_cast<Ms>(info.end.time_since_epoch()).count();
    offset = std::chrono::duration_cast<Ms>(info.offset).count();
    known = true;
  }
}

LocalDate Calendar::localDateOf(int64_t utcMs) const {
  const date::sys_time<Ms> t{Ms(utcMs)};
  date::local_days ld;
  if (m_zone == nullptr) {
    ld = date::local_days(date::floor<date::days>(t).time_since_epoch());
  } else {
    ld = date::floor<date::days>(m_zone->to_local(t));
  }
  return LocalDate::fromDayNumber(static_cast<int>(ld.time_since_epoch().count()));
}

YearMonth Calendar::monthOf(int64_t utcMs) const {
  const LocalDate d = localDateOf(utcMs);
  return {d.year, d.month};
}

void DegreeDays::ensure(int dayNumber) {
  if (m_values.empty()) {
    m_first = dayNumber;
    m_values.assign(1, kNaN);
    return;
  }
  if (dayNumber < m_first) {
    m_values.insert(m_values.begin(), static_cast<size_t>(m_first - dayNumber), kNaN);
    m_first = dayNumber;
  } else if (dayNumber >= m_first + static_cast<int>(m_values.size())) {
    m_values.resize(static_cast<size_t>(dayNumber - m_first + 1), kNaN);
  }
}

void DegreeDays::setDay(LocalDate d, double hdd) {
  const int n = d.dayNumber();
  ensure(n);
  m_values[static_cast<size_t>(n - m_first)] = hdd;
}

void DegreeDays::setMonth(YearMonth ym, double hdd) {
  const unsigned days = daysInMonth(ym);
  for (unsigned d = 1; d <= days; ++d) setDay({ym.year, ym.month, d}, hdd / days);
}

double DegreeDays::day(int dayNumber) const {
  if (m_values.empty() || dayNumber < m_first || dayNumber >= m_first + static_cast<int>(m_values.size())) return kNaN;
  return m_values[static_cast<size_t>(dayNumber - m_first)];
}

double DegreeDays::month(YearMonth ym) const {
  double sum = 0;
  const int first = LocalDate{ym.year, ym.month, 1}.dayNumber();
  for (unsigned i = 0; i < daysInMonth(ym); ++i) sum += day(first + static_cast<int>(i));
  return sum;
}

double DegreeDays::over(int64_t startMs, int64_t endMs, const Calendar& cal) const {
  if (endMs <= startMs) return 0;
  const DayGrid grid(cal, startMs, endMs);
  double sum = 0;
  for (size_t i = grid.dayOf(startMs); i + 1 < grid.starts.size() && grid.starts[i] < endMs; ++i) {
    const int64_t a = std::max(startMs, grid.starts[i]);
    const int64_t b = std::min(endMs, grid.starts[i + 1]);
    if (b <= a) continue;
    const double frac = static_cast<double>(b - a) / static_cast<double>(grid.starts[i + 1] - grid.starts[i]);
    sum += frac * day(grid.firstDay + static_cast<int>(i));
  }
  return sum;
}

double DegreeDays::localDays(int64_t startMs, int64_t endMs, const Calendar& cal) {
  if (endMs <= startMs) return 0;
  const DayGrid grid(cal, startMs, endMs);
  double sum = 0;
  for (size_t i = grid.dayOf(startMs); i + 1 < grid.starts.size() && grid.starts[i] < endMs; ++i) {
    const int64_t a = std::max(startMs, grid.starts[i]);
    const int64_t b = std::min(endMs, grid.starts[i + 1]);
    if (b > a) sum += static_cast<double>(b - a) / static_cast<double>(grid.starts[i + 1] - grid.starts[i]);
  }
  return sum;
}

// The time the non-empty intervals cover, first start to last end (lo >= hi
// when there are none).
static std::pair<int64_t, int64_t> spanOf(std::span<const ConsumptionInterval> intervals) {
  int64_t lo = std::numeric_limits<int64_t>::max();
  int64_t hi = std::numeric_limits<int64_t>::min();
  for (const auto& iv : intervals) {
    if (iv.endMs <= iv.startMs) continue;
    lo = std::min(lo, iv.startMs);
    hi = std::max(hi, iv.endMs);
  }
  return {lo, hi};
}

std::vector<DaysAndHdd> daysAndHdd(std::span<const ConsumptionInterval> intervals, const DegreeDays& hdd,
                                   const Calendar& cal) {
  std::vector<DaysAndHdd> out(intervals.size());
  const auto [lo, hi] = spanOf(intervals);
  if (lo >= hi) return out;
  const DayGrid grid(cal, lo, hi);
  for (size_t k = 0; k < intervals.size(); ++k) {
    const auto& iv = intervals[k];
    if (iv.endMs <= iv.startMs) continue;
    double days = 0, sum = 0;
    for (size_t i = grid.dayOf(iv.startMs); i + 1 < grid.starts.size() && grid.starts[i] < iv.endMs; ++i) {
      const int64_t a = std::max(iv.startMs, grid.starts[i]);
      const int64_t b = std::min(iv.endMs, grid.starts[i + 1]);
      if (b <= a) continue;
      const double frac = static_cast<double>(b - a) / static_cast<double>(grid.starts[i + 1] - grid.starts[i]);
      days += frac;
      sum += frac * hdd.day(grid.firstDay + static_cast<int>(i));
    }
    out[k] = {days, sum};
  }
  return out;
}

double eurostatHdd(double meanTemperatureC) { return meanTemperatureC <= 15.0 ? 18.0 - meanTemperatureC : 0.0; }

std::map<YearMonth, double> calendariseMonthly(const std::vector<ConsumptionInterval>& intervals, const Calendar& cal,
                                               const DegreeDays* weights) {
  std::map<YearMonth, double> out;
  const auto [lo, hi] = spanOf(intervals);
  if (lo >= hi) return out;

  const MonthGrid months(cal, lo, hi);
  std::vector<double> sums(months.starts.size(), 0.0);
  std::vector<char> covered(months.starts.size(), 0);
  auto spreadByTime = [&](const ConsumptionInterval& iv) {
    const double span = static_cast<double>(iv.endMs - iv.startMs);
    auto it = std::upper_bound(months.starts.begin(), months.starts.end(), iv.startMs);
    size_t m = static_cast<size_t>(std::max<ptrdiff_t>(0, (it - months.starts.begin()) - 1));
    for (int64_t cursor = iv.startMs; cursor < iv.endMs && m + 1 < months.starts.size(); ++m) {
      const int64_t end = std::min(iv.endMs, months.starts[m + 1]);
      sums[m] += iv.kwh * static_cast<double>(end - cursor) / span;
      covered[m] = 1;
      cursor = end;
    }
  };

  if (weights == nullptr || weights->empty()) {
    for (const auto& iv : intervals)
      if (iv.endMs > iv.startMs) spreadByTime(iv);
  } else {
    const DayGrid days(cal, lo, hi);
    std::vector<double> dayWeights;
    for (const auto& iv : intervals) {
      if (iv.endMs <= iv.startMs) continue;
      const size_t first = days.dayOf(iv.startMs);
      dayWeights.clear();
      double total = 0;
      bool known = true;
      for (size_t i = first; i + 1 < days.starts.size() && days.starts[i] < iv.endMs; ++i) {
        const int64_t a = std::max(iv.startMs, days.starts[i]);
        const int64_t b = std::min(iv.endMs, days.starts[i + 1]);
        const double hdd = weights->day(days.firstDay + static_cast<int>(i));
        if (std::isnan(hdd)) {
          known = false;
          break;
        }
        const double w = hdd * static_cast<double>(b - a) / static_cast<double>(days.starts[i + 1] - days.starts[i]);
        dayWeights.push_back(w);
        total += w;
      }
      if (!known || !(total > 0)) {
        spreadByTime(iv);
        continue;
      }
      for (size_t k = 0; k < dayWeights.size(); ++k) {
        const int mi = days.monthIndex[first + k] - months.firstIndex;
        sums[static_cast<size_t>(mi)] += iv.kwh * dayWeights[k] / total;
        covered[static_cast<size_t>(mi)] = 1;
      }
    }
  }
  for (size_t m = 0; m + 1 < months.starts.size(); ++m)
    if (covered[m]) out[YearMonth::fromIndex(months.firstIndex + static_cast<int>(m))] = sums[m];
  return out;
}

std::map<int, double> byYear(const std::map<YearMonth, double>& months) {
  std::map<int, double> out;
  for (const auto& [ym, v] : months) out[ym.year] += v;
  return out;
}

}  // namespace secap::core
