#include "secap/core/mv.h"

#include <cmath>
#include <limits>

#include "secap/core/consumption.h"

namespace secap::core {

BillingPeriods billingPeriodsFromIntervals(std::span<const ConsumptionInterval> intervals, const DegreeDays& hdd,
                                           const Calendar& cal) {
  BillingPeriods out;
  const std::vector<DaysAndHdd> dh = daysAndHdd(intervals, hdd, cal);
  for (size_t k = 0; k < intervals.size(); ++k) {
    const auto& iv = intervals[k];
    if (iv.endMs <= iv.startMs) continue;
    if (std::isnan(dh[k].hdd)) {
      ++out.withoutHdd;
      continue;
    }
    out.periods.push_back({iv.startMs, iv.endMs, dh[k].days, dh[k].hdd, iv.kwh});
  }
  return out;
}

std::vector<BillingPeriod> billingPeriodsFromMonths(const std::map<YearMonth, double>& usage, const DegreeDays& hdd,
                                                    const Calendar& cal) {
  std::vector<BillingPeriod> out;
  for (const auto& [ym, kwh] : usage) {
    const double h = hdd.month(ym);
    if (std::isnan(h)) continue;
    const int64_t start = cal.monthStartMs(ym);
    const int64_t end = cal.monthStartMs(YearMonth::fromIndex(ym.index() + 1));
    out.push_back({start, end, static_cast<double>(daysInMonth(ym)), h, kwh});
  }
  return out;
}

FitStatistics goodnessOfFit(const BillingModel& model, std::span<const BillingPeriod> periods) {
  FitStatistics s;
  s.n = static_cast<int>(periods.size());
  if (s.n == 0) return s;
  double sumY = 0;
  for (const auto& p : periods) sumY += p.usageKwh;
  s.meanUsage = sumY / s.n;
  double sse = 0, sst = 0, bias = 0;
  for (const auto& p : periods) {
    const double yhat = model.predict(p.days, p.hdd);
    sse += (yhat - p.usageKwh) * (yhat - p.usageKwh);
    sst += (p.usageKwh - s.meanUsage) * (p.usageKwh - s.meanUsage);
    bias += yhat - p.usageKwh;
  }
  const double dof = static_cast<double>(s.n - kBillingModelParameters);
  s.r2 = sst > 0 ? 1.0 - sse / sst : 0.0;
  if (dof > 0 && s.meanUsage != 0) {
    s.cvRmse = std::sqrt(sse / dof) / s.meanUsage;
    s.nmbe = bias / (dof * s.meanUsage);
    s.accepted = s.cvRmse <= kAshraeMaxCvRmseMonthly && std::abs(s.nmbe) <= kAshraeMaxAbsNmbeMonthly;
  } else {
    s.cvRmse = s.nmbe = std::numeric_limits<double>::quiet_NaN();
  }
  return s;
}

Result<BillingModel> fitBillingModel(std::span<const BillingPeriod> baseline) {
  const int n = static_cast<int>(baseline.size());
  if (n <= kBillingModelParameters)
    return invalidArgument("the model needs more than 2 baseline periods, got " + std::to_string(n));
  // Weighted least squares on x = HDD/d, y = E/d with weights d:
  // Σ d·(E/d − a − b·HDD/d)² = Σ (E − a·d − b·HDD)² / d.
  double sw = 0, sumE = 0, sumH = 0;
  for (const auto& p : baseline) {
    if (!(p.days > 0) || !std::isfinite(p.usageKwh) || !std::isfinite(p.hdd) || p.hdd < 0)
      return invalidArgument("a baseline period has no days or a non-finite usage or HDD");
    sw += p.days;
    sumE += p.usageKwh;
    sumH += p.hdd;
  }
  const double xBar = sumH / sw;
  const double yBar = sumE / sw;
  double sxx = 0, sxy = 0;
  for (const auto& p : baseline) {
    const double dx = p.hdd / p.days - xBar;
    const double dy = p.usageKwh / p.days - yBar;
    sxx += p.days * dx * dx;
    sxy += p.days * dx * dy;
  }
  if (!(sxx > 1e-12 * sw))
    return invalidArgument("HDD per day does not vary over the baseline; no slope can be fitted");
  BillingModel m;
  m.b = sxy / sxx;
  m.a = yBar - m.b * xBar;
  m.fit = goodnessOfFit(m, baseline);
  if (m.b <= 0) m.warnings.push_back("the heating slope b is not positive: usage does not follow HDD");
  if (n < 12) m.warnings.push_back("fewer than 12 baseline periods");
  if (sw < 365) m.warnings.push_back("the baseline covers fewer than 365 days");
  if (!m.fit.accepted) m.warnings.push_back("the model fails ASHRAE Guideline 14 (CV(RMSE) <= 15 %, |NMBE| <= 5 %)");
  return m;
}

AvoidedEnergy avoidedEnergy(const BillingModel& model, std::span<const BillingPeriod> reporting) {
  AvoidedEnergy out;
  for (const auto& p : reporting) {
    out.predictedKwh += model.predict(p.days, p.hdd);
    out.actualKwh += p.usageKwh;
    out.days += p.days;
    ++out.n;
  }
  out.avoidedKwh = out.predictedKwh - out.actualKwh;
  return out;
}

double normalisedAnnualUse(const BillingModel& model, double normalYearHdd) {
  return model.predict(365.0, normalYearHdd);
}

DegreeDays degreeDaysFromTemperatures(std::span<const DailyTemperature> days) {
  DegreeDays dd;
  for (const auto& d : days) dd.setDay(d.date, eurostatHdd(d.meanC));
  return dd;
}

std::map<YearMonth, double> monthlyHdd(std::span<const DailyTemperature> days) {
  std::map<YearMonth, double> out;
  for (const auto& d : days) out[{d.date.year, d.date.month}] += eurostatHdd(d.meanC);
  return out;
}

}  // namespace secap::core
