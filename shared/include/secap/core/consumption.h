#pragma once
// Consumption from meter readings and its attribution to calendar years
// (DESIGN.md §6.1-6.3, first part). The monitoring calculations issue extends
// this file's functions; the device, the server and secap-calc all call them.
// Pure functions; thread-safe.

#include <cstdint>
#include <map>
#include <vector>

#include "secap/v1/entities.pb.h"
#include "secap/v1/monitoring.pb.h"

namespace secap::core {

// Energy consumed between two instants.
struct ConsumptionInterval {
  int64_t startMs = 0;
  int64_t endMs = 0;
  double kwh = 0;
  bool rollover = false;
};

// kWh per unit of the meter's register (multiplier included), or 0 when the
// unit cannot be converted (water, or a volume without a calorific value).
double kwhPerUnit(const secap::v1::Meter& meter);

// Intervals from one meter's readings. Cumulative registers: the difference
// of consecutive readings times the multiplier, with a rollover when the
// register went down and register_digits is known; a drop without a known
// rollover yields no interval (it waits for review). Period meters: each
// reading's value covers period_start..taken_at. Readings may come unsorted.
std::vector<ConsumptionInterval> consumptionIntervals(const secap::v1::Meter& meter,
                                                      std::vector<secap::v1::Reading> readings);

// Spreads intervals evenly over time into UTC calendar years.
std::map<int, double> kwhByYear(const std::vector<ConsumptionInterval>& intervals);

// Per meter: readings counted and kWh per year.
secap::v1::MunicipalitySummary summarizeMunicipality(
    const secap::v1::Municipality& municipality, const std::vector<secap::v1::Site>& sites,
    const std::vector<secap::v1::Meter>& meters,
    const std::map<std::string, std::vector<secap::v1::Reading>>& readingsByMeter);

}  // namespace secap::core
