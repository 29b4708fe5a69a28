// KeychainTokenVault on a machine without a keychain (no D-Bus session bus,
// as on CI): the token goes to the 0600 file, and nothing waits for a
// keychain. Its own process with its own main(): QtKeychain picks its
// backend once per process, and the bus address must be set before that.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <QCoreApplication>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "fixtures.h"
#include "keychain_token_vault.h"
#include "pre_vault_database.h"
#include "secap/core/local_store.h"

using secap::field::KeychainTokenVault;
using secap::testing::freshDir;
using Location = KeychainTokenVault::Location;

namespace {

namespace fs = std::filesystem;

// The vault as main.cpp builds it, for a database in `dir`.
std::unique_ptr<KeychainTokenVault> vaultFor(const std::string& dir) {
  const std::string db = dir + "/field.sqlite";
  return std::make_unique<KeychainTokenVault>(QStringLiteral("secap-field-test"),
                                              QStringLiteral("access token of ") + QString::fromStdString(db),
                                              secap::core::FileTokenVault::pathFor(db));
}

}  // namespace

TEST(KeychainTokenVaultWithoutKeychain, TheTokenGoesToAFileOnlyItsOwnerCanRead) {
  const auto dir = freshDir("kc_fallback");
  auto vault = vaultFor(dir);
  // Returns at all: the keychain's failure did not hang the call.
  const auto st = vault->set("token-0b9f");
  ASSERT_TRUE(st.isOk()) << st.toString();
  EXPECT_EQ(vault->location().value(), Location::kFile);
  EXPECT_EQ(secap::testing::readFile(dir + "/field.sqlite.token"), "token-0b9f");
  EXPECT_EQ(secap::testing::fileMode(dir + "/field.sqlite.token"), 0600);
  EXPECT_FALSE(fs::exists(dir + "/field.sqlite.token.in-keychain"));
  EXPECT_EQ(vaultFor(dir)->get()->value_or(""), "token-0b9f");  // as after a restart
}

TEST(KeychainTokenVaultWithoutKeychain, ADeviceNotEnrolledHasNoToken) {
  auto vault = vaultFor(freshDir("kc_none"));
  auto token = vault->get();
  ASSERT_TRUE(token.isOk()) << token.status().toString();
  EXPECT_FALSE(token->has_value());
  EXPECT_EQ(vault->location().value(), Location::kNone);
}

TEST(KeychainTokenVaultWithoutKeychain, AnOldDatabaseMovesItsTokenToTheFile) {
  const auto dir = freshDir("kc_upgrade");
  ASSERT_NO_FATAL_FAILURE(secap::testing::writePreVaultDatabase(dir + "/field.sqlite", "legacy-token"));
  auto store =
      secap::core::LocalStore::open(dir + "/field.sqlite", secap::core::SystemClock::instance(), vaultFor(dir));
  ASSERT_TRUE(store.isOk()) << store.status().toString();
  EXPECT_EQ((*store)->accessToken()->value_or(""), "legacy-token");
  EXPECT_EQ(secap::testing::readFile(dir + "/field.sqlite.token"), "legacy-token");
  EXPECT_EQ(secap::testing::stateRows(dir + "/field.sqlite", "access_token"), 0);
}

TEST(KeychainTokenVaultWithoutKeychain, WipeRemovesTheToken) {
  const auto dir = freshDir("kc_wipe");
  auto store =
      secap::core::LocalStore::open(dir + "/field.sqlite", secap::core::SystemClock::instance(), vaultFor(dir));
  ASSERT_TRUE(store.isOk());
  ASSERT_TRUE((*store)->setAccessToken("token").isOk());
  ASSERT_TRUE((*store)->wipe().isOk());
  EXPECT_FALSE((*store)->accessToken()->has_value());
  EXPECT_FALSE(fs::exists(dir + "/field.sqlite.token"));
  EXPECT_EQ(vaultFor(dir)->location().value(), Location::kNone);
}

int main(int argc, char** argv) {
  // No session bus, whatever this machine has: the keychain is unavailable,
  // as on CI, and a developer's real keychain stays out of the test.
  qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/secap-test-no-session-bus");
  QCoreApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
