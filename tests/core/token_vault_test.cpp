// The device's access token outside the database (DESIGN.md §8, Tokens):
// FileTokenVault's private file, and LocalStore's use of its vault (the move
// out of an old database, the cache, the wipe).

#include "secap/core/token_vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "fixtures.h"
#include "pre_vault_database.h"
#include "secap/core/local_store.h"
#include "secap/core/sqlite.h"

using namespace secap::core;
using secap::testing::freshDir;
using secap::testing::stateRows;
using secap::testing::writePreVaultDatabase;

namespace {

namespace fs = std::filesystem;

constexpr int64_t kNow = 1767225600000;  // 2026-01-01

// Everything SQLite keeps of the database on disk.
std::string databaseBytes(const std::string& dbPath) {
  return secap::testing::readFile(dbPath) + secap::testing::readFile(dbPath + "-wal");
}

std::vector<std::string> filesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A vault that counts its calls, and can be told to fail like a locked keychain.
class CountingVault : public TokenVault {
 public:
  int gets = 0;
  std::optional<std::string> token;
  Status failWith = Status::ok();

  Result<std::optional<std::string>> get() override {
    ++gets;
    if (!failWith.isOk()) return failWith;
    return token;
  }
  Status set(const std::string& t) override {
    token = t;
    return Status::ok();
  }
  Status clear() override {
    token.reset();
    return Status::ok();
  }
};

}  // namespace

TEST(FileTokenVault, ATokenRoundTripsInAFileOnlyItsOwnerCanRead) {
  const auto path = freshDir("vault_roundtrip") + "/device.db.token";
  FileTokenVault vault(path);
  ASSERT_TRUE(vault.set("c2VjcmV0LXRva2Vu").isOk());
  EXPECT_EQ(secap::testing::fileMode(path), 0600);
  auto token = vault.get();
  ASSERT_TRUE(token.isOk()) << token.status().toString();
  EXPECT_EQ(token->value_or(""), "c2VjcmV0LXRva2Vu");
}

TEST(FileTokenVault, TheFileIsPrivateEvenWhenTheUmaskAllowsEveryone) {
  const auto dir = freshDir("vault_umask");
  const mode_t old = ::umask(0);
  const Status st = FileTokenVault(dir + "/device.db.token").set("token");
  ::umask(old);
  ASSERT_TRUE(st.isOk()) << st.toString();
  EXPECT_EQ(secap::testing::fileMode(dir + "/device.db.token"), 0600);
  // Nothing else was left in the folder (no temporary file with the token).
  EXPECT_EQ(filesIn(dir), std::vector<std::string>{"device.db.token"});
}

TEST(FileTokenVault, AMissingFileMeansNoToken) {
  FileTokenVault vault(freshDir("vault_missing") + "/device.db.token");
  auto token = vault.get();
  ASSERT_TRUE(token.isOk()) << token.status().toString();
  EXPECT_FALSE(token->has_value());
}

TEST(FileTokenVault, AFileOthersCouldReadIsMadePrivateWhenRead) {
  // As after a copy or a restored backup: 0644.
  const auto path = freshDir("vault_0644") + "/device.db.token";
  std::ofstream(path) << "token";
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto token = FileTokenVault(path).get();
  ASSERT_TRUE(token.isOk()) << token.status().toString();
  EXPECT_EQ(token->value_or(""), "token");
  EXPECT_EQ(secap::testing::fileMode(path), 0600);
}

TEST(FileTokenVault, ALinkInPlaceOfTheFileIsRefused) {
  const auto dir = freshDir("vault_link");
  std::ofstream(dir + "/elsewhere") << "someone else's token";
  fs::create_symlink(dir + "/elsewhere", dir + "/device.db.token");
  auto token = FileTokenVault(dir + "/device.db.token").get();
  ASSERT_FALSE(token.isOk());
  EXPECT_EQ(token.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(token.status().message().find("is a link"), std::string::npos) << token.status().message();
}

TEST(FileTokenVault, AnEmptyFileIsNotTakenForAToken) {
  const auto path = freshDir("vault_empty") + "/device.db.token";
  std::ofstream(path).flush();
  auto token = FileTokenVault(path).get();
  ASSERT_FALSE(token.isOk());
  EXPECT_EQ(token.status().code(), StatusCode::kDataLoss);
}

TEST(FileTokenVault, ANewTokenReplacesTheOldOne) {
  FileTokenVault vault(freshDir("vault_replace") + "/device.db.token");
  ASSERT_TRUE(vault.set("first").isOk());
  ASSERT_TRUE(vault.set("second").isOk());
  EXPECT_EQ(vault.get()->value_or(""), "second");
}

TEST(FileTokenVault, ClearRemovesTheFileAndWhatACrashLeftBehind) {
  const auto dir = freshDir("vault_clear");
  FileTokenVault vault(dir + "/device.db.token");
  ASSERT_TRUE(vault.set("token").isOk());
  // A set() killed between its temporary file and the rename.
  std::ofstream(dir + "/device.db.token.tmp-Ab12Cd") << "token";
  std::ofstream(dir + "/device.db") << "not the vault's";
  ASSERT_TRUE(vault.clear().isOk());
  EXPECT_EQ(filesIn(dir), std::vector<std::string>{"device.db"});
  EXPECT_FALSE(vault.get()->has_value());
  EXPECT_TRUE(vault.clear().isOk());  // nothing left to remove is fine
}

TEST(LocalStoreToken, ByDefaultTheTokenIsInAPrivateFileNotInTheDatabase) {
  const auto dir = freshDir("store_token_file");
  ManualClock clock(kNow);
  {
    auto store = LocalStore::open(dir + "/device.db", clock);
    ASSERT_TRUE(store.isOk());
    EXPECT_FALSE((*store)->accessToken()->has_value());
    ASSERT_TRUE((*store)->setAccessToken("token-7d1e0c55").isOk());
  }
  EXPECT_EQ(secap::testing::fileMode(dir + "/device.db.token"), 0600);
  EXPECT_EQ(secap::testing::readFile(dir + "/device.db.token"), "token-7d1e0c55");
  EXPECT_EQ(databaseBytes(dir + "/device.db").find("token-7d1e0c55"), std::string::npos);
  auto reopened = LocalStore::open(dir + "/device.db", clock);
  ASSERT_TRUE(reopened.isOk());
  EXPECT_EQ((*reopened)->accessToken()->value_or(""), "token-7d1e0c55");
}

TEST(LocalStoreToken, AnOldDatabaseHandsItsTokenToTheVaultAndForgetsIt) {
  const auto dir = freshDir("store_token_upgrade");
  const auto dbPath = dir + "/device.db";
  ASSERT_NO_FATAL_FAILURE(writePreVaultDatabase(dbPath, "legacy-token-5f1c9a7e"));
  ASSERT_NE(databaseBytes(dbPath).find("legacy-token-5f1c9a7e"), std::string::npos);  // the test sees it there
  {
    auto store = LocalStore::open(dbPath);
    ASSERT_TRUE(store.isOk()) << store.status().toString();
    EXPECT_EQ((*store)->accessToken()->value_or(""), "legacy-token-5f1c9a7e");
    EXPECT_EQ((*store)->state(state_keys::kDeviceId), "dev-old");  // the rest of the state stays
  }
  EXPECT_EQ(stateRows(dbPath, "access_token"), 0);
  // Overwritten, not only unlinked: no trace in the file or its WAL.
  EXPECT_EQ(databaseBytes(dbPath).find("legacy-token-5f1c9a7e"), std::string::npos);
  EXPECT_EQ(secap::testing::readFile(dir + "/device.db.token"), "legacy-token-5f1c9a7e");
  EXPECT_EQ(secap::testing::fileMode(dir + "/device.db.token"), 0600);
}

TEST(LocalStoreToken, TheOldTokenGoesToTheVaultItIsGiven) {
  const auto dbPath = freshDir("store_token_upgrade_vault") + "/device.db";
  ASSERT_NO_FATAL_FAILURE(writePreVaultDatabase(dbPath, "legacy-token"));
  auto vault = std::make_unique<CountingVault>();
  CountingVault* seen = vault.get();
  auto store = LocalStore::open(dbPath, SystemClock::instance(), std::move(vault));
  ASSERT_TRUE(store.isOk()) << store.status().toString();
  EXPECT_EQ(seen->token, "legacy-token");
  EXPECT_FALSE(fs::exists(dbPath + ".token"));
}

TEST(LocalStoreToken, TheVaultIsAskedOnceAndThenTheTokenIsCached) {
  auto vault = std::make_unique<CountingVault>();
  vault->token = "token";
  CountingVault* seen = vault.get();
  auto store =
      LocalStore::open(freshDir("store_token_cache") + "/device.db", SystemClock::instance(), std::move(vault));
  ASSERT_TRUE(store.isOk());
  for (int i = 0; i < 5; ++i) EXPECT_EQ((*store)->accessToken()->value_or(""), "token");
  EXPECT_EQ(seen->gets, 1);
}

TEST(LocalStoreToken, AVaultThatCannotAnswerIsAskedAgainLater) {
  auto vault = std::make_unique<CountingVault>();
  vault->token = "token";
  vault->failWith = unavailable("the keychain is locked");
  CountingVault* seen = vault.get();
  auto store =
      LocalStore::open(freshDir("store_token_retry") + "/device.db", SystemClock::instance(), std::move(vault));
  ASSERT_TRUE(store.isOk());
  auto locked = (*store)->accessToken();
  ASSERT_FALSE(locked.isOk());
  EXPECT_EQ(locked.status().code(), StatusCode::kUnavailable);
  seen->failWith = Status::ok();  // unlocked
  EXPECT_EQ((*store)->accessToken()->value_or(""), "token");
}

TEST(LocalStoreToken, WipeRemovesTheTokenFile) {
  const auto dir = freshDir("store_token_wipe");
  {
    auto store = LocalStore::open(dir + "/device.db");
    ASSERT_TRUE(store.isOk());
    ASSERT_TRUE((*store)->setAccessToken("token").isOk());
    ASSERT_TRUE((*store)->wipe().isOk());
    EXPECT_FALSE((*store)->accessToken()->has_value());
  }
  EXPECT_FALSE(fs::exists(dir + "/device.db.token"));
  auto reopened = LocalStore::open(dir + "/device.db");
  ASSERT_TRUE(reopened.isOk());
  EXPECT_FALSE((*reopened)->accessToken()->has_value());
}
