// Calendarising and modelling 1 million readings (DESIGN.md §6, §10): the
// shared calculations against a reference measured in the same run, a plain
// loop that sums the same register deltas. Results in docs/PERFORMANCE.md.
//
//   build/bench/bench_calc --benchmark_counters_tabular=true
//
// Data: 1 000 gas meters × 1 000 readings, one every 1-3 days (about 5.5
// years each), in Europe/Warsaw, with daily HDD over the whole range.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/core/consumption.h"
#include "secap/core/mv.h"

namespace {

using namespace secap::core;

constexpr int kMeters = 1000;
constexpr int kReadingsPerMeter = 1000;

struct Data {
  Calendar cal;
  DegreeDays hdd;
  std::vector<MeterConfig> meters;
  std::vector<std::vector<ReadingRecord>> readings;  // per meter
};

const Data& data() {
  static const Data d = [] {
    Data d;
    d.cal = *Calendar::forZone("Europe/Warsaw");
    std::mt19937_64 rng(7);
    const int firstDay = LocalDate{2019, 1, 1}.dayNumber();
    for (int n = firstDay; n < firstDay + 9 * 366; ++n) {
      const LocalDate day = LocalDate::fromDayNumber(n);
      const double t = 9 - 11 * std::cos((static_cast<double>(n % 365) - 15) / 365.0 * 2 * 3.14159265);
      d.hdd.setDay(day, eurostatHdd(t + std::normal_distribution<double>(0, 3)(rng)));
    }
    for (int m = 0; m < kMeters; ++m) {
      MeterConfig cfg;
      cfg.id = "m" + std::to_string(m);
      cfg.carrier = Carrier::kNaturalGas;
      cfg.unit = Unit::kM3;
      cfg.kwhPerUnit = 11.2;
      cfg.basis = EnergyBasis::kGross;
      cfg.registerDigits = 6;
      std::vector<ReadingRecord> rs;
      rs.reserve(kReadingsPerMeter);
      int64_t t = d.cal.dayStartMs({2019, 1, 1}) + static_cast<int64_t>(rng() % 86400) * 1000;
      double reg = static_cast<double>(rng() % 900000);
      for (int i = 0; i < kReadingsPerMeter; ++i) {
        ReadingRecord r;
        r.meterId = cfg.id;
        r.takenAtMs = t;
        r.value = reg;
        rs.push_back(r);
        const int64_t step = 86400000LL + static_cast<int64_t>(rng() % (2 * 86400000ULL));
        t += step;
        reg += 5 + static_cast<double>(rng() % 40);
        if (reg >= 1e6) reg -= 1e6;
      }
      d.meters.push_back(std::move(cfg));
      d.readings.push_back(std::move(rs));
    }
    return d;
  }();
  return d;
}

void finish(benchmark::State& state) {
  state.counters["readings/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * kMeters * kReadingsPerMeter, benchmark::Counter::kIsRate);
}

// Reference: the register deltas summed in a plain loop, nothing else.
void BM_ReferencePlainLoop(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    double total = 0;
    for (int m = 0; m < kMeters; ++m) {
      const auto& rs = d.readings[static_cast<size_t>(m)];
      for (size_t i = 1; i < rs.size(); ++i) {
        double delta = rs[i].value - rs[i - 1].value;
        if (delta < 0) delta += 1e6;
        total += delta * 11.2;
      }
    }
    benchmark::DoNotOptimize(total);
  }
  finish(state);
}
BENCHMARK(BM_ReferencePlainLoop)->Unit(benchmark::kMillisecond);

// Intervals with the review rules, exchanges, rollover and conversion.
void BM_MeterConsumption(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    double total = 0;
    for (int m = 0; m < kMeters; ++m) total += meterConsumption(d.meters[m], d.readings[m]).totalKwh;
    benchmark::DoNotOptimize(total);
  }
  finish(state);
}
BENCHMARK(BM_MeterConsumption)->Unit(benchmark::kMillisecond);

// Intervals, then calendar months in Europe/Warsaw, spread by time.
void BM_CalendariseByTime(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    size_t months = 0;
    for (int m = 0; m < kMeters; ++m)
      months += calendariseMonthly(meterConsumption(d.meters[m], d.readings[m]).intervals, d.cal).size();
    benchmark::DoNotOptimize(months);
  }
  finish(state);
}
BENCHMARK(BM_CalendariseByTime)->Unit(benchmark::kMillisecond);

// Intervals, then calendar months weighted by daily HDD (heating carriers).
void BM_CalendariseByHdd(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    size_t months = 0;
    for (int m = 0; m < kMeters; ++m)
      months += calendariseMonthly(meterConsumption(d.meters[m], d.readings[m]).intervals, d.cal, &d.hdd).size();
    benchmark::DoNotOptimize(months);
  }
  finish(state);
}
BENCHMARK(BM_CalendariseByHdd)->Unit(benchmark::kMillisecond);

// Intervals, billing periods with their HDD and local days, and the CalTRACK fit.
void BM_ModelFit(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    double b = 0;
    for (int m = 0; m < kMeters; ++m) {
      const auto c = meterConsumption(d.meters[m], d.readings[m]);
      const auto periods = billingPeriodsFromIntervals(c.intervals, d.hdd, d.cal);
      auto model = fitBillingModel(periods.periods);
      if (model.isOk()) b += model->b;
    }
    benchmark::DoNotOptimize(b);
  }
  finish(state);
}
BENCHMARK(BM_ModelFit)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
