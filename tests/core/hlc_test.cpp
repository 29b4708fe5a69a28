#include "secap/core/hlc.h"

#include <gtest/gtest.h>

using namespace secap::core;

TEST(Hlc, PacksMillisecondsAndCounter) {
  const HlcValue h = makeHlc(1700000000000, 7);
  EXPECT_EQ(hlcPhysicalMs(h), 1700000000000);
  EXPECT_EQ(hlcCounter(h), 7);
}

TEST(Hlc, IsStrictlyIncreasingWhenTheClockStandsStill) {
  ManualClock clock(1700000000000);
  Hlc hlc(clock);
  HlcValue prev = hlc.now();
  for (int i = 0; i < 1000; ++i) {
    const HlcValue next = hlc.now();
    EXPECT_GT(next, prev);
    prev = next;
  }
  EXPECT_EQ(hlcPhysicalMs(prev), 1700000000000);
}

TEST(Hlc, NeverGoesBackWhenTheClockDoes) {
  ManualClock clock(1700000000000);
  Hlc hlc(clock);
  const HlcValue a = hlc.now();
  clock.advance(-60000);
  EXPECT_GT(hlc.now(), a);
}

TEST(Hlc, ReceiveRuleMovesPastARemoteStampFromTheFuture) {
  ManualClock clock(1700000000000);
  Hlc hlc(clock);
  const HlcValue remote = makeHlc(1700000009000, 3);
  hlc.update(remote);
  EXPECT_GT(hlc.now(), remote);
}

TEST(Hlc, ReceiveRuleKeepsLocalTimeWhenTheRemoteIsOlder) {
  ManualClock clock(1700000000000);
  Hlc hlc(clock);
  hlc.update(makeHlc(1600000000000, 9));
  EXPECT_EQ(hlcPhysicalMs(hlc.now()), 1700000000000);
}

TEST(Hlc, ServerOffsetCorrectsAWrongPhoneClock) {
  // The phone is 2 hours slow; the server answers at t=S while the call took
  // 200 ms: the offset is measured against the call's midpoint.
  ManualClock clock(1700000000000);
  Hlc hlc(clock);
  const int64_t server = 1700000000000 + 2 * 3600 * 1000 + 100;
  hlc.observeServerTime(server, 1700000000000, 1700000000200);
  EXPECT_EQ(hlc.serverOffsetMs(), 2 * 3600 * 1000);
  EXPECT_EQ(hlc.correctedNowMs(), 1700000000000 + 2 * 3600 * 1000);
  EXPECT_EQ(hlcPhysicalMs(hlc.now()), 1700000000000 + 2 * 3600 * 1000);
}

TEST(Hlc, RewindsOnlyWhenFarAheadOfTheCorrectedClock) {
  ManualClock clock(1700000000000);
  Hlc hlc(clock);
  hlc.setServerOffsetMs(3600 * 1000);
  const HlcValue ahead = hlc.now();
  hlc.setServerOffsetMs(0);  // the server said the phone was wrong
  hlc.rewindIfAhead(60000);
  const HlcValue after = hlc.now();
  EXPECT_LT(after, ahead);
  EXPECT_EQ(hlcPhysicalMs(after), 1700000000000);
  hlc.rewindIfAhead(60000);  // close to now: no change, still monotonic
  EXPECT_GT(hlc.now(), after);
}
