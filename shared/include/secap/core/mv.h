#pragma once
// Weather normalisation and measurement and verification (DESIGN.md §6.6),
// exactly as defined there: the CalTRACK 2.0 billing-form model
//   Eₘ/dₘ = a + b·(HDDₘ/dₘ), fitted by least squares weighted by the days dₘ,
// i.e. minimising Σ (Eₘ − a·dₘ − b·HDDₘ)² / dₘ, with prediction ŷₘ = a·dₘ + b·HDDₘ;
// R², CV(RMSE) and NMBE on the period totals with p = 2; the ASHRAE Guideline
// 14-2014 monthly acceptance (CV(RMSE) ≤ 15 %, |NMBE| ≤ 5 %); avoided energy
// (IPMVP option C) and normalised annual use; and Eurostat HDD from daily mean
// temperatures.
//
// Pure functions over values; thread-safe.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/core/status.h"

namespace secap::core {

struct ConsumptionInterval;

inline constexpr double kAshraeMaxCvRmseMonthly = 0.15;
inline constexpr double kAshraeMaxAbsNmbeMonthly = 0.05;
inline constexpr int kBillingModelParameters = 2;  // p: a and b

// One billing period: usage E over d days with HDD degree days.
struct BillingPeriod {
  int64_t startMs = 0;
  int64_t endMs = 0;
  double days = 0;
  double hdd = 0;
  double usageKwh = 0;
};

// Billing periods from consumption intervals (the reading-to-reading periods,
// as CalTRACK's billing method uses them), with HDD summed over each period's
// local days and d counted in local days (DegreeDays::localDays: readings at
// local midnight give whole days, also across a DST change). Periods whose HDD is not fully known are left out and
// counted.
struct BillingPeriods {
  std::vector<BillingPeriod> periods;
  int withoutHdd = 0;
};
BillingPeriods billingPeriodsFromIntervals(std::span<const ConsumptionInterval> intervals, const DegreeDays& hdd,
                                           const Calendar& cal);

// Billing periods from calendar-month totals (usage and HDD per month).
std::vector<BillingPeriod> billingPeriodsFromMonths(const std::map<YearMonth, double>& usage, const DegreeDays& hdd,
                                                    const Calendar& cal);

struct FitStatistics {
  int n = 0;
  double meanUsage = 0;  // ȳ, mean of the period totals
  double r2 = 0;
  double cvRmse = 0;      // fraction, 0.15 = 15 %
  double nmbe = 0;        // fraction, signed: Σ(ŷ − y) / ((n − p)·ȳ)
  bool accepted = false;  // ASHRAE G14 monthly criteria
};

struct BillingModel {
  double a = 0;       // kWh per day (base load)
  double b = 0;       // kWh per HDD
  FitStatistics fit;  // on the baseline periods
  std::vector<std::string> warnings;
  [[nodiscard]] double predict(double days, double hdd) const { return a * days + b * hdd; }
};

// Fits the model. Needs n > p periods with positive days and some spread of
// HDD/d. Warns (does not fail) when b ≤ 0 or fewer than 12 periods or less
// than 365 days are covered (CalTRACK's baseline sufficiency).
Result<BillingModel> fitBillingModel(std::span<const BillingPeriod> baseline);

// The statistics of a model on any periods (e.g. a hold-out set).
FitStatistics goodnessOfFit(const BillingModel& model, std::span<const BillingPeriod> periods);

struct AvoidedEnergy {
  double predictedKwh = 0;  // Σ model(reporting conditions)
  double actualKwh = 0;     // Σ actual
  double avoidedKwh = 0;    // predicted − actual
  double days = 0;
  int n = 0;
};
AvoidedEnergy avoidedEnergy(const BillingModel& model, std::span<const BillingPeriod> reporting);

// Normalised annual use: a·365 + b·HDD of a normal year.
double normalisedAnnualUse(const BillingModel& model, double normalYearHdd);

// Eurostat HDD per local month from daily mean temperatures (°C).
struct DailyTemperature {
  LocalDate date;
  double meanC = 0;
};
DegreeDays degreeDaysFromTemperatures(std::span<const DailyTemperature> days);
std::map<YearMonth, double> monthlyHdd(std::span<const DailyTemperature> days);

}  // namespace secap::core
