#pragma once
// Calendar months and days in a municipality's IANA time zone, degree days by
// local day, and calendarisation: spreading consumption intervals over the
// days they cover and summing them by local calendar month (DESIGN.md §6.2).
//
// Time zones come from howardhinnant-date's tz library built by Debian with
// USE_OS_TZDB, so the system's /usr/share/zoneinfo (package tzdata) is used and
// nothing is downloaded. Month and day boundaries are local midnights; usage
// is spread by elapsed time, so a 23-hour DST day gets 23/24 of a normal day.
//
// Calendar and DegreeDays are values: const methods may be called from any
// number of threads (date's zone info is initialised once, thread-safely).

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secap/core/status.h"

namespace date {
class time_zone;
}

namespace secap::core {

struct ConsumptionInterval;

struct YearMonth {
  int year = 1970;
  unsigned month = 1;  // 1..12
  auto operator<=>(const YearMonth&) const = default;
  // Months since 0000-01 (a dense index).
  [[nodiscard]] int index() const { return year * 12 + static_cast<int>(month) - 1; }
  static YearMonth fromIndex(int i) {
    return {i >= 0 ? i / 12 : (i - 11) / 12, static_cast<unsigned>(((i % 12) + 12) % 12 + 1)};
  }
  [[nodiscard]] std::string toString() const;  // "2025-03"
};

struct LocalDate {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  auto operator<=>(const LocalDate&) const = default;
  // Days since 1970-01-01 of this civil date (a dense index, not an instant).
  [[nodiscard]] int dayNumber() const;
  static LocalDate fromDayNumber(int n);
  [[nodiscard]] std::string toString() const;  // "2025-03-30"
};

// Parses "YYYY-MM-DD" or "YYYY-MM".
Result<LocalDate> parseLocalDate(std::string_view s);
Result<YearMonth> parseYearMonth(std::string_view s);
unsigned daysInMonth(YearMonth ym);

// A time zone. The default is UTC.
class Calendar {
 public:
  Calendar() = default;
  // "" and "UTC" give UTC; otherwise an IANA name such as "Europe/Warsaw".
  static Result<Calendar> forZone(std::string_view ianaName);

  [[nodiscard]] const std::string& zoneName() const { return m_name; }
  // UTC milliseconds of the local midnight that starts `d` (for a midnight
  // that does not exist because of DST, the first instant after the gap).
  [[nodiscard]] int64_t dayStartMs(LocalDate d) const;
  [[nodiscard]] int64_t monthStartMs(YearMonth ym) const { return dayStartMs({ym.year, ym.month, 1}); }
  // The local date and month that contain the instant.
  [[nodiscard]] LocalDate localDateOf(int64_t utcMs) const;
  [[nodiscard]] YearMonth monthOf(int64_t utcMs) const;
  // dayStartMs of `count` consecutive local days from day number `firstDay`,
  // computed in one pass (one zone lookup per offset change, not per day).
  void localMidnights(int firstDay, int count, std::vector<int64_t>& out) const;
  // UTC ms of a local wall-clock time (earliest when ambiguous).
  [[nodiscard]] int64_t localToUtcMs(LocalDate d, int hour, int minute, int second) const;

 private:
  const date::time_zone* m_zone = nullptr;  // nullptr = UTC
  std::string m_name = "UTC";
};

// Heating degree days per local day. Monthly totals are spread evenly over
// the days of the month; a daily value overrides. Unknown days have none.
class DegreeDays {
 public:
  void setDay(LocalDate d, double hdd);
  void setMonth(YearMonth ym, double hdd);
  // NaN when unknown.
  [[nodiscard]] double day(int dayNumber) const;
  [[nodiscard]] bool empty() const { return m_values.empty(); }
  // Sum over the local days a UTC span covers, each day weighted by the
  // fraction of it inside the span; NaN when any covered day is unknown.
  [[nodiscard]] double over(int64_t startMs, int64_t endMs, const Calendar& cal) const;
  // Local days in a UTC span: each local day counts by the fraction of it
  // inside the span, so a span between two local midnights is a whole number
  // of days even across a DST change (a billing period's days).
  [[nodiscard]] static double localDays(int64_t startMs, int64_t endMs, const Calendar& cal);
  // Sum of the days of a month; NaN when any day is unknown.
  [[nodiscard]] double month(YearMonth ym) const;

 private:
  void ensure(int dayNumber);
  int m_first = 0;
  std::vector<double> m_values;
};

// Local days and HDD of each interval (DegreeDays::localDays and
// DegreeDays::over), on one day grid shared by all the intervals.
struct DaysAndHdd {
  double days = 0;
  double hdd = 0;  // NaN when a covered day has no HDD
};
std::vector<DaysAndHdd> daysAndHdd(std::span<const ConsumptionInterval> intervals, const DegreeDays& hdd,
                                   const Calendar& cal);

// Eurostat heating degree days of one day from its mean outdoor temperature:
// 18 - Tm when Tm <= 15 °C, otherwise 0 (Eurostat, nrg_chdd methodology).
double eurostatHdd(double meanTemperatureC);

// Spreads intervals over local days and sums them by local month. With
// `weights`, each day's share is its HDD times the fraction of the day in the
// interval (degree-day apportioning for heating carriers); an interval that
// covers a day with unknown HDD, or only days with zero HDD, is spread by time.
std::map<YearMonth, double> calendariseMonthly(const std::vector<ConsumptionInterval>& intervals, const Calendar& cal,
                                               const DegreeDays* weights = nullptr);

// Sums months into calendar years.
std::map<int, double> byYear(const std::map<YearMonth, double>& months);

}  // namespace secap::core
