#include "secap/core/validation.h"

#include <gtest/gtest.h>

#include "fixtures.h"

using namespace secap::core;

namespace {

constexpr int64_t kNow = 1767225600000;

ValidationContext context() {
  ValidationContext ctx;
  ctx.nowMs = kNow;
  ctx.exists = [](EntityType, const std::string& id) { return id == secap::testing::kSiteId; };
  ctx.findMeter = [](const std::string& id) -> std::optional<secap::v1::Meter> {
    if (id != secap::testing::kMeterId) return std::nullopt;
    secap::v1::Meter m;
    m.set_kind(secap::v1::METER_KIND_CUMULATIVE);
    m.set_register_digits(5);
    return m;
  };
  return ctx;
}

secap::v1::Change readingChange(double value, int64_t takenAt = kNow - 1000) {
  secap::v1::Change c;
  c.set_change_id("0190a000-0000-7000-8000-0000000000c1");
  c.set_entity_id("0190a000-0000-7000-8000-0000000000d1");
  c.set_hlc(makeHlc(kNow, 0));
  auto* r = c.mutable_reading();
  r->set_id(c.entity_id());
  r->set_meter_id(secap::testing::kMeterId);
  r->set_value(value);
  r->set_taken_at(takenAt);
  return c;
}

std::string codeOf(const secap::v1::Change& c) {
  auto r = validateChange(c, context());
  return r ? r->reasonCode : "ok";
}

}  // namespace

TEST(Validation, APlausibleReadingPasses) { EXPECT_EQ(codeOf(readingChange(12345)), "ok"); }

TEST(Validation, ImpossibleReadingsAreRejectedWithStableCodes) {
  EXPECT_EQ(codeOf(readingChange(std::numeric_limits<double>::quiet_NaN())), "reading.not_a_number");
  EXPECT_EQ(codeOf(readingChange(std::numeric_limits<double>::infinity())), "reading.not_a_number");
  EXPECT_EQ(codeOf(readingChange(-5)), "reading.negative_register");
  EXPECT_EQ(codeOf(readingChange(5, kNow + 3600 * 1000)), "reading.future");
  EXPECT_EQ(codeOf(readingChange(100000)), "reading.too_many_digits");
  auto unknown = readingChange(5);
  unknown.mutable_reading()->set_meter_id("0190a000-0000-7000-8000-0000000000ee");
  EXPECT_EQ(codeOf(unknown), "reading.unknown_meter");
}

TEST(Validation, MalformedChangesAreRejected) {
  auto c = readingChange(5);
  c.set_change_id("1");
  EXPECT_EQ(codeOf(c), "change.malformed");
  c = readingChange(5);
  c.set_entity_id("0190a000-0000-7000-8000-0000000000d2");  // differs from the reading's id
  EXPECT_EQ(codeOf(c), "change.malformed");
  c = readingChange(5);
  c.clear_reading();
  EXPECT_EQ(codeOf(c), "change.malformed");
  c = readingChange(5);
  c.set_deleted(true);
  EXPECT_EQ(codeOf(c), "change.append_only");
}

TEST(Validation, AClockFarAheadIsAskedToRestamp) {
  auto c = readingChange(5);
  c.set_hlc(makeHlc(kNow + kMaxClockSkewMs + 1000, 0));
  EXPECT_EQ(codeOf(c), "clock.skew");
}

TEST(Validation, AMeterNeedsAnExistingSite) {
  secap::v1::Change c;
  c.set_change_id("0190a000-0000-7000-8000-0000000000c2");
  c.set_entity_id("0190a000-0000-7000-8000-0000000000d3");
  c.set_hlc(makeHlc(kNow, 0));
  c.mutable_meter()->set_id(c.entity_id());
  c.mutable_meter()->set_site_id("0190a000-0000-7000-8000-0000000000ee");
  EXPECT_EQ(codeOf(c), "meter.unknown_site");
  c.mutable_meter()->set_site_id(secap::testing::kSiteId);
  EXPECT_EQ(codeOf(c), "ok");
}
