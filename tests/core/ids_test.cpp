#include "secap/core/ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

using namespace secap::core;

TEST(UuidV7, IsCanonicalVersion7WithVariant) {
  ManualClock clock(1700000000000);
  const std::string id = newUuidV7(clock);
  EXPECT_TRUE(isCanonicalUuid(id)) << id;
  EXPECT_EQ(id[14], '7');
  EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
}

TEST(UuidV7, CarriesItsMillisecondTimestamp) {
  ManualClock clock(1767225600123);
  EXPECT_EQ(uuidV7TimestampMs(newUuidV7(clock)), 1767225600123);
}

TEST(UuidV7, SortsInCreationOrderWithinOneMillisecond) {
  ManualClock clock(1700000000000);
  std::string previous = newUuidV7(clock);
  std::set<std::string> seen{previous};
  for (int i = 0; i < 20000; ++i) {
    if (i % 5000 == 0) clock.advance(1);
    const std::string next = newUuidV7(clock);
    EXPECT_LT(previous, next);
    EXPECT_TRUE(seen.insert(next).second);
    previous = next;
  }
}

TEST(UuidV7, StaysOrderedWhenTheClockStepsBack) {
  ManualClock clock(1700000000000);
  const std::string a = newUuidV7(clock);
  clock.advance(-5000);
  EXPECT_LT(a, newUuidV7(clock));
}

TEST(Uuid, RejectsNonCanonicalText) {
  EXPECT_FALSE(isCanonicalUuid("0190ABCD-0000-7000-8000-000000000000"));  // upper case
  EXPECT_FALSE(isCanonicalUuid("not-a-uuid"));
  EXPECT_FALSE(isCanonicalUuid("0190abcd00007000800000000000000000000"));
  EXPECT_EQ(uuidV7TimestampMs("0190abcd-0000-4000-8000-000000000000"), -1);  // v4
}

TEST(Secrets, AreRandomHexOfTheRequestedLength) {
  const auto a = randomHex(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, randomHex(32));
}

TEST(Sha256, MatchesAKnownVector) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Found by ThreadSanitizer (issue 15): the counter was read after its lock
// was released, so two threads minting ids in the same millisecond could
// give two ids the same (millisecond, counter) and break their order. Every
// id must take its own slot, whichever threads make them.
TEST(UuidV7, IdsMadeOnSeveralThreadsAtOnceEachTakeTheirOwnSlot) {
  ManualClock clock(1700000000000);
  constexpr int kPerThread = 100000;
  std::vector<std::string> a, b;
  auto mint = [&clock](std::vector<std::string>& out) {
    out.reserve(kPerThread);
    for (int i = 0; i < kPerThread; ++i) out.push_back(newUuidV7(clock).substr(0, 18));  // ms, version, counter
  };
  std::thread ta(mint, std::ref(a));
  std::thread tb(mint, std::ref(b));
  ta.join();
  tb.join();
  std::set<std::string> slots(a.begin(), a.end());
  slots.insert(b.begin(), b.end());
  EXPECT_EQ(slots.size(), a.size() + b.size()) << a.size() + b.size() - slots.size() << " ids share a slot";
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_TRUE(std::is_sorted(b.begin(), b.end()));
}
