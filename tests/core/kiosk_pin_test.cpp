// Kiosk PINs: only argon2id hashes, verified offline on the tablet.
#include "secap/core/kiosk_pin.h"

#include <gtest/gtest.h>

using namespace secap::core;

TEST(KioskPin, TheRightPinOpensTheKioskAndAWrongOneDoesNot) {
  auto hash = hashKioskPin("4711");
  ASSERT_TRUE(hash.isOk()) << hash.status().toString();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("4711"), std::string::npos);
  EXPECT_TRUE(verifyKioskPin(*hash, "4711"));
  EXPECT_FALSE(verifyKioskPin(*hash, "4712"));
  EXPECT_FALSE(verifyKioskPin(*hash, ""));
}

TEST(KioskPin, TheSamePinHashesDifferentlyEachTime) {
  auto a = hashKioskPin("123456");
  auto b = hashKioskPin("123456");
  ASSERT_TRUE(a.isOk() && b.isOk());
  EXPECT_NE(*a, *b);  // a fresh salt: equal PINs do not show in the data
  EXPECT_TRUE(verifyKioskPin(*b, "123456"));
}

TEST(KioskPin, APinIsFourToEightDigits) {
  for (const char* bad : {"", "123", "123456789", "12a4", "12 34", "-1234"}) {
    EXPECT_EQ(hashKioskPin(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(checkKioskPin("0000").isOk());
  EXPECT_TRUE(checkKioskPin("87654321").isOk());
}

TEST(KioskPin, ANoHashOrAMalformedOneOpensNothing) {
  EXPECT_FALSE(verifyKioskPin("", "4711"));
  EXPECT_FALSE(verifyKioskPin("4711", "4711"));
  EXPECT_FALSE(verifyKioskPin("$argon2id$v=19$m=65536,t=2,p=1$garbage", "4711"));
}
