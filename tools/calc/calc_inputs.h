#pragma once
// secap-calc's input files (docs/CALC_INPUTS.md): CSV or JSON tables of
// meters, readings, degree days, daily temperatures, emission factors and
// activity data, and a measure's dates as a JSON object. Every error names the
// file, the line and the problem ("readings.csv:7: value 'NaN' is not a finite
// number"). Parsing only; the calculations are secap_core's.
// Plain functions over values; thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/core/consumption.h"
#include "secap/core/emissions.h"
#include "secap/core/inventory.h"
#include "secap/core/measures.h"
#include "secap/core/mv.h"
#include "secap/core/status.h"

namespace secap::calc {

using core::Result;
using core::Status;

// One data row: its cells by column name, and where it came from.
struct Row {
  std::string file;
  int line = 0;
  std::map<std::string, std::string> cells;

  [[nodiscard]] std::string where() const { return file + ":" + std::to_string(line); }
  [[nodiscard]] Status error(const std::string& problem) const {
    return core::invalidArgument(where() + ": " + problem);
  }
  // The cell's text, "" when the column is absent or empty.
  [[nodiscard]] std::string text(const std::string& column) const;
  [[nodiscard]] Result<std::string> required(const std::string& column) const;
  [[nodiscard]] Result<double> number(const std::string& column) const;  // required, finite
  [[nodiscard]] Result<std::optional<double>> optionalNumber(const std::string& column) const;
};

// Reads a table: JSON when the path ends in .json (an array of objects),
// otherwise CSV (comma-separated, a header row, "#" comment lines, RFC 4180
// quotes). Fails when a required column is missing.
Result<std::vector<Row>> loadTable(const std::string& path, const std::vector<std::string>& requiredColumns);

// An instant: "YYYY-MM-DD" (local midnight), "YYYY-MM-DD HH:MM[:SS]" or with a
// "T" (local wall time in `cal`), optionally ending in "Z" or "±HH:MM" (then
// that offset is used, not the zone). Local times in a DST gap or overlap take
// the earliest instant.
Result<int64_t> parseInstant(const std::string& text, const core::Calendar& cal);
std::string formatUtc(int64_t ms);  // "2025-03-14T23:00:00Z"

Result<std::vector<core::MeterConfig>> loadMeters(const std::string& path, const core::Calendar& cal,
                                                  std::map<std::string, std::string>* sectorByMeter);
// Readings of known meters only (an unknown meter id is an error).
Result<std::vector<core::ReadingRecord>> loadReadings(const std::string& path, const core::Calendar& cal,
                                                      const std::vector<core::MeterConfig>& meters);
// Degree days: columns month,hdd (monthly) or date,hdd (daily).
Result<core::DegreeDays> loadDegreeDays(const std::string& path);
Result<std::vector<core::DailyTemperature>> loadTemperatures(const std::string& path);
Result<core::EmissionFactorSet> loadFactors(const std::string& path);
Result<std::vector<core::ActivityData>> loadActivity(const std::string& path);

struct MeasureInput {
  std::string code;
  std::vector<std::string> meterIds;
  core::MeasureDates dates;
  std::optional<double> expectedSavingsMwhPerYear;
  std::optional<double> normalYearHdd;
  std::vector<core::InspectionOutcome> inspections;
};
Result<MeasureInput> loadMeasure(const std::string& path, const core::Calendar& cal);

}  // namespace secap::calc
