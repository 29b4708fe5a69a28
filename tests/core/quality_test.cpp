#include "secap/core/quality.h"

#include <gtest/gtest.h>

#include "secap/core/review_queue.h"

using namespace secap::core;

namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01

secap::v1::Meter cumulative(int digits = 6) {
  secap::v1::Meter m;
  m.set_kind(secap::v1::METER_KIND_CUMULATIVE);
  m.set_register_digits(digits);
  return m;
}

secap::v1::Reading at(int64_t takenAt, double value) {
  secap::v1::Reading r;
  r.set_taken_at(takenAt);
  r.set_value(value);
  r.set_kind(secap::v1::READING_KIND_ACTUAL);
  return r;
}

// Ten monthly (30-day) intervals of 300 units: 10 a day.
std::vector<ReadingPoint> steadyHistory() {
  std::vector<ReadingPoint> h;
  for (int i = 0; i <= 10; ++i) h.push_back({kT0 + i * 30 * kDay, 1000.0 + 300.0 * i, 0});
  return h;
}

bool has(const std::vector<std::string>& flags, const char* f) {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

}  // namespace

TEST(Quality, Type7QuartilesMatchASpreadsheet) {
  // QUARTILE.INC({1,2,3,4,5,6,7,8}, 1) = 2.75 and (…, 3) = 6.25.
  std::vector<double> v{8, 1, 7, 2, 6, 3, 5, 4};
  EXPECT_DOUBLE_EQ(quantile(v, 0.25), 2.75);
  EXPECT_DOUBLE_EQ(quantile(v, 0.75), 6.25);
}

TEST(Quality, AnOrdinaryReadingHasNoFlags) {
  EXPECT_TRUE(readingFlags(cumulative(), at(kT0 + 330 * kDay, 4300), steadyHistory()).empty());
}

TEST(Quality, ALowerRegisterIsNotMonotonic) {
  // Last reading 4 000; 3 990 is lower and a 6-digit register cannot wrap there.
  auto f = readingFlags(cumulative(), at(kT0 + 301 * kDay, 3990), steadyHistory());
  EXPECT_TRUE(has(f, flags::kNotMonotonic));
}

TEST(Quality, AWrapNearTheTopOfTheRegisterIsARollover) {
  std::vector<ReadingPoint> h{{kT0, 99900, 0}};
  auto f = readingFlags(cumulative(5), at(kT0 + 30 * kDay, 120), h);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], flags::kRollover);
}

TEST(Quality, ABackdatedReadingAboveTheNextOneIsNotMonotonic) {
  auto f = readingFlags(cumulative(), at(kT0 + 15 * kDay, 1500), steadyHistory());  // next is 1 300
  EXPECT_TRUE(has(f, flags::kNotMonotonic));
}

TEST(Quality, ASpikeNeedsUseAboveQ3PlusThreeIqr) {
  // History: 10 a day with no spread, so Q3 + 3·IQR = 10. 31 a day is a spike;
  // exactly 10 a day is not.
  auto spike = readingFlags(cumulative(), at(kT0 + 330 * kDay, 4000 + 31 * 30), steadyHistory());
  EXPECT_TRUE(has(spike, flags::kSpike));
  EXPECT_TRUE(readingFlags(cumulative(), at(kT0 + 330 * kDay, 4300), steadyHistory()).empty());
}

TEST(Quality, NoSpikeIsJudgedOnFewerThanEightIntervals) {
  const auto full = steadyHistory();
  const std::vector<ReadingPoint> h(full.begin(), full.begin() + 8);  // 7 intervals
  auto f = readingFlags(cumulative(), at(kT0 + 240 * kDay, 3100 + 100000), h);
  EXPECT_FALSE(has(f, flags::kSpike));
}

TEST(Quality, OnlyTheLastTwelveMonthsCount) {
  // Old history at 100 a day, then the last year at 10 a day: 31 a day is a
  // spike against the last year only.
  std::vector<ReadingPoint> h;
  double v = 0;
  for (int i = 0; i < 12; ++i) {
    h.push_back({kT0 + i * 30 * kDay, v, 0});
    v += 3000;
  }
  for (int i = 12; i < 26; ++i) {
    h.push_back({kT0 + i * 30 * kDay, v, 0});
    v += 300;
  }
  const double last = h.back().value;
  auto f = readingFlags(cumulative(9), at(h.back().takenAt + 30 * kDay, last + 31 * 30), h);
  EXPECT_TRUE(has(f, flags::kSpike));
}

TEST(Quality, InvoicePeriodsThatLeaveAGapOrOverlapAreFlagged) {
  secap::v1::Meter m;
  m.set_kind(secap::v1::METER_KIND_PERIOD);
  std::vector<ReadingPoint> h{{kT0 + 31 * kDay, 500, kT0}};
  auto gap = at(kT0 + 90 * kDay, 400);
  gap.set_period_start(kT0 + 59 * kDay);
  EXPECT_EQ(readingFlags(m, gap, h), std::vector<std::string>{flags::kInvoiceGap});
  auto overlap = at(kT0 + 59 * kDay, 400);
  overlap.set_period_start(kT0 + 20 * kDay);
  EXPECT_EQ(readingFlags(m, overlap, h), std::vector<std::string>{flags::kInvoiceOverlap});
  auto fine = at(kT0 + 59 * kDay, 400);
  fine.set_period_start(kT0 + 31 * kDay);
  EXPECT_TRUE(readingFlags(m, fine, h).empty());
}

// The review queue: what waits, with its neighbours; what was decided or
// corrected does not.
TEST(ReviewQueue, OnlyUndecidedStandingFlaggedReadingsWaitOldestFirst) {
  secap::v1::Site site;
  site.set_id("s");
  site.set_name("Szkoła nr 3");
  secap::v1::Meter meter = cumulative();
  meter.set_id("m");
  meter.set_site_id("s");
  meter.set_serial("G-12");
  meter.set_carrier(secap::v1::CARRIER_NATURAL_GAS);
  std::vector<secap::v1::Reading> readings;
  auto add = [&](const std::string& id, int64_t takenAt, double value, bool flagged) {
    auto r = at(takenAt, value);
    r.set_id(id);
    r.set_meter_id("m");
    if (flagged) r.add_quality_flags(flags::kNotMonotonic);
    readings.push_back(r);
    return r;
  };
  add("r1", kT0, 1000, false);
  add("r3", kT0 + 60 * kDay, 900, true);  // waits
  add("r2", kT0 + 30 * kDay, 1100, false);
  add("r4", kT0 + 90 * kDay, 100, true);  // decided
  add("r5", kT0 + 120 * kDay, 50, true);  // corrected by r6
  add("r6", kT0 + 120 * kDay + 1, 1500, false);
  readings.back().set_supersedes_id("r5");
  add("orphan", kT0, 5, true);
  readings.back().set_meter_id("gone");
  secap::v1::ReadingReview decided;
  decided.set_reading_id("r4");
  decided.set_decision(secap::v1::REVIEW_DECISION_ERRONEOUS);
  secap::v1::ReadingReview undecided;  // not a decision
  undecided.set_reading_id("r3");

  const auto q = reviewQueue(std::vector{site}, std::vector{meter}, readings, std::vector{decided, undecided});
  ASSERT_EQ(q.pending.size(), 1u);
  const auto& item = q.pending[0];
  EXPECT_EQ(item.reading().id(), "r3");
  EXPECT_EQ(item.serial(), "G-12");
  EXPECT_EQ(item.site_name(), "Szkoła nr 3");
  EXPECT_EQ(item.carrier(), secap::v1::CARRIER_NATURAL_GAS);
  EXPECT_EQ(item.previous().id(), "r2");  // by time, not by arrival
  EXPECT_EQ(item.next().id(), "r4");
  EXPECT_EQ(q.decided, 1);
}
