#pragma once
// Monthly consumption rollups of one meter (DESIGN.md §5, STYLE "rollups are
// computed once, stored twice"): the kWh of each local calendar month, on the
// meter's energy basis, calendarised by consumption.h's and calendar.h's
// rules (spread over local days, by heating degree days for heating
// carriers where they are known), and how many readings were taken in it.
// The server keeps these rows up to date at ingest, in the change's
// transaction, and its reports read them instead of the readings; a device
// computes the same rows from its readings. Both then turn them into
// inventory lines with the same function (linesFromMonthly).
//
// Appending is the common case: readings come in after the last reading the
// calculation used (the chain end), and only the new intervals are added.
// Anything else (a late reading, a correction, a review, a changed meter,
// new degree days) recomputes the meter from its readings.
//
// Pure functions over values; thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/core/consumption.h"
#include "secap/core/inventory.h"

namespace secap::core {

struct MonthUse {
  double kwh = 0;        // on the meter's energy basis; 0 for a meter whose unit has no kWh conversion
  int64_t readings = 0;  // readings taken in the month, whether used or not
};
using MonthlyUse = std::map<YearMonth, MonthUse>;

struct MeterRollup {
  MonthlyUse months;
  std::optional<ChainEnd> end;
};

// The meter's rollup from all its readings (other meters' are ignored).
// `hdd` weights heating carriers' intervals (may be null or empty).
MeterRollup rollUpMeter(const MeterConfig& meter, std::span<const ReadingRecord> readings, const Calendar& cal,
                        const DegreeDays* hdd);

// May `added` be appended after `end`: every reading of this meter sorts
// after it (by taken_at, then id) and none corrects another reading?
bool appendsAfter(const MeterConfig& meter, const std::optional<ChainEnd>& end,
                  std::span<const ReadingRecord> added);

// What appending `added` adds: the months to add (deltas) and the new chain
// end (the old one when none of them is used). Only valid when appendsAfter.
MeterRollup appendToMeter(const MeterConfig& meter, const std::optional<ChainEnd>& end,
                          std::span<const ReadingRecord> added, const Calendar& cal, const DegreeDays* hdd);

// Adds `delta` into `into`, month by month.
void addMonths(MonthlyUse& into, const MonthlyUse& delta);

// Inventory lines of one meter from its months: one line per local calendar
// year, MWh on the NCV basis, in `sector`, with the readings taken that year;
// for a meter whose unit cannot be converted, a line with the problem for
// each year it has readings. Water and PV meters give none.
std::vector<ActivityData> linesFromMonthly(const MeterConfig& meter, const std::string& sector,
                                           const MonthlyUse& months);

}  // namespace secap::core
