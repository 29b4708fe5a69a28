// DirectoryBlobStore: resumable, verified, content-addressed attachment
// storage shared by several server instances (DESIGN.md §4 "Attachments").
// Every flock is taken on a descriptor of its own, so threads with separate
// store instances contend exactly as separate server processes do.

#include "blob_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "fixtures.h"

namespace secap::server {
namespace {

namespace fs = std::filesystem;
using core::StatusCode;

std::string photoBytes(size_t size, char seed = 'a') {
  std::string s(size, '\0');
  for (size_t i = 0; i < size; ++i) s[i] = static_cast<char>(seed + (i * 31 + i / 7) % 26);
  return s;
}

std::unique_ptr<DirectoryBlobStore> openStore(const std::string& dir, DirectoryBlobStoreOptions options = {}) {
  auto store = DirectoryBlobStore::open(dir, options);
  EXPECT_TRUE(store.isOk()) << store.status().message();
  return std::move(store).value();
}

// Uploads `bytes` in chunks of `chunk` bytes.
void upload(BlobStore& store, const std::string& id, const std::string& bytes, size_t chunk = 64 * 1024) {
  for (size_t off = 0; off < bytes.size(); off += chunk) {
    auto r = store.append(id, static_cast<int64_t>(off), std::string_view(bytes).substr(off, chunk));
    ASSERT_TRUE(r.isOk()) << r.status().message();
    ASSERT_TRUE(r->appended);
  }
}

std::string readAll(BlobStore& store, const std::string& sha) {
  auto reader = store.openForRead(sha);
  EXPECT_TRUE(reader.isOk()) << reader.status().message();
  if (!reader.isOk()) return {};
  std::string out;
  while (true) {
    auto part = (*reader)->read(static_cast<int64_t>(out.size()), 64 * 1024);
    EXPECT_TRUE(part.isOk());
    if (!part.isOk() || part->empty()) break;
    out += *part;
  }
  return out;
}

size_t filesUnder(const fs::path& dir) {
  size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) ++n;
  return n;
}

TEST(DirectoryBlobStore, StoresAnUploadUnderItsContentAddress) {
  const auto dir = testing::freshDir("blob_roundtrip");
  auto store = openStore(dir);
  const auto bytes = photoBytes(200'000);
  const auto sha = sha256Hex(bytes);
  upload(*store, "dev1-photo1", bytes);
  auto done = store->finalize("dev1-photo1", sha);
  ASSERT_TRUE(done.isOk()) << done.status().message();
  EXPECT_FALSE(done->alreadyStored);
  EXPECT_EQ(done->size, 200'000);
  EXPECT_TRUE(fs::exists(dir + "/blobs/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha));
  EXPECT_EQ(*store->size(sha), 200'000);
  EXPECT_EQ(readAll(*store, sha), bytes);
  EXPECT_EQ(*store->stagedSize("dev1-photo1"), 0) << "the staging is gone once finalized";
}

TEST(DirectoryBlobStore, AppendAtWrongOffsetIsRefusedWithTheCurrentOffset) {
  auto store = openStore(testing::freshDir("blob_offset"));
  const auto bytes = photoBytes(1000);
  ASSERT_TRUE(store->append("u1", 0, std::string_view(bytes).substr(0, 400))->appended);

  // A chunk sent twice (its acknowledgement was lost) and a chunk from the future.
  for (int64_t wrong : {0, 300, 401, 999}) {
    auto r = store->append("u1", wrong, std::string_view(bytes).substr(400, 100));
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_FALSE(r->appended) << "offset " << wrong;
    EXPECT_EQ(r->offset, 400) << "offset " << wrong;
  }
  EXPECT_EQ(*store->stagedSize("u1"), 400) << "refused chunks change nothing";

  // A first chunk at a later offset starts nothing.
  auto fresh = store->append("u2", 64, "abc");
  ASSERT_TRUE(fresh.isOk());
  EXPECT_FALSE(fresh->appended);
  EXPECT_EQ(fresh->offset, 0);
}

TEST(DirectoryBlobStore, UploadCutOffResumesWhereItStoppedOnAnotherInstance) {
  const auto dir = testing::freshDir("blob_resume");
  const auto bytes = photoBytes(300'000);
  const auto sha = sha256Hex(bytes);
  {
    auto first = openStore(dir);
    upload(*first, "dev7-photo", bytes.substr(0, 128 * 1024));
  }  // The link drops; the device reconnects to another server instance.
  auto second = openStore(dir);
  auto offset = second->stagedSize("dev7-photo");
  ASSERT_TRUE(offset.isOk());
  ASSERT_EQ(*offset, 128 * 1024);
  for (size_t off = static_cast<size_t>(*offset); off < bytes.size(); off += 64 * 1024) {
    auto r = second->append("dev7-photo", static_cast<int64_t>(off), std::string_view(bytes).substr(off, 64 * 1024));
    ASSERT_TRUE(r.isOk() && r->appended);
  }
  auto done = second->finalize("dev7-photo", sha);
  ASSERT_TRUE(done.isOk()) << done.status().message();
  EXPECT_EQ(readAll(*second, sha), bytes);
}

TEST(DirectoryBlobStore, CorruptedUploadIsRefusedOnFinalizeAndDiscarded) {
  const auto dir = testing::freshDir("blob_corrupt");
  auto store = openStore(dir);
  auto bytes = photoBytes(10'000);
  const auto sha = sha256Hex(bytes);
  bytes[5000] ^= 0x20;  // One flipped bit on the way.
  upload(*store, "u1", bytes, 4096);

  auto done = store->finalize("u1", sha);
  ASSERT_FALSE(done.isOk());
  EXPECT_EQ(done.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(done.status().message().find("damaged"), std::string::npos) << done.status().message();
  EXPECT_NE(done.status().message().find("send it again"), std::string::npos) << done.status().message();
  EXPECT_FALSE(*store->exists(sha));
  EXPECT_EQ(*store->stagedSize("u1"), 0) << "the damaged upload starts again from offset 0";
  EXPECT_EQ(filesUnder(dir), 0u);
}

TEST(DirectoryBlobStore, RepeatUploadOfTheSamePhotoStoresNothingNew) {
  const auto dir = testing::freshDir("blob_dedup");
  auto store = openStore(dir);
  const auto bytes = photoBytes(70'000);
  const auto sha = sha256Hex(bytes);
  upload(*store, "phone-a", bytes);
  ASSERT_FALSE(store->finalize("phone-a", sha)->alreadyStored);
  upload(*store, "phone-b", bytes);
  auto again = store->finalize("phone-b", sha);
  ASSERT_TRUE(again.isOk()) << again.status().message();
  EXPECT_TRUE(again->alreadyStored);
  auto put = store->put(sha, bytes);
  ASSERT_TRUE(put.isOk()) << put.status().message();
  EXPECT_TRUE(put->alreadyStored);
  EXPECT_EQ(filesUnder(dir), 1u) << "one blob, no staging left over";
}

TEST(DirectoryBlobStore, PutRefusesBytesThatDoNotMatchTheirHash) {
  const auto dir = testing::freshDir("blob_put_mismatch");
  auto store = openStore(dir);
  auto put = store->put(sha256Hex("one photo"), "another photo");
  ASSERT_FALSE(put.isOk());
  EXPECT_EQ(put.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(filesUnder(dir), 0u);
}

TEST(DirectoryBlobStore, UploadOverTheSizeLimitIsRefusedWithAClearError) {
  DirectoryBlobStoreOptions options;
  options.maxBlobBytes = 1024 * 1024;
  const auto dir = testing::freshDir("blob_limit");
  auto store = openStore(dir, options);
  const auto bytes = photoBytes(1024 * 1024 + 1);
  ASSERT_TRUE(store->append("big", 0, std::string_view(bytes).substr(0, 1024 * 1024))->appended);
  auto over = store->append("big", 1024 * 1024, "x");
  ASSERT_FALSE(over.isOk());
  EXPECT_EQ(over.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(over.status().message().find("limit of 1 MiB"), std::string::npos) << over.status().message();
  EXPECT_EQ(*store->stagedSize("big"), 1024 * 1024) << "nothing past the limit is written";

  auto put = store->put(sha256Hex(bytes), bytes);
  ASSERT_FALSE(put.isOk());
  EXPECT_EQ(put.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(kDefaultMaxBlobBytes, 25 * 1024 * 1024) << "DESIGN.md §4 default";
}

TEST(DirectoryBlobStore, EraseRemovesTheBlobForRedaction) {
  auto store = openStore(testing::freshDir("blob_erase"));
  const auto bytes = photoBytes(5000);
  const auto sha = sha256Hex(bytes);
  ASSERT_TRUE(store->put(sha, bytes).isOk());
  auto erased = store->erase(sha);
  ASSERT_TRUE(erased.isOk());
  EXPECT_TRUE(*erased);
  EXPECT_FALSE(*store->exists(sha));
  auto reader = store->openForRead(sha);
  ASSERT_FALSE(reader.isOk());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
  EXPECT_NE(reader.status().message().find("data protection"), std::string::npos);
  auto again = store->erase(sha);
  ASSERT_TRUE(again.isOk()) << "a repeated redaction is harmless";
  EXPECT_FALSE(*again);
}

TEST(DirectoryBlobStore, AbortDropsThePartialUpload) {
  const auto dir = testing::freshDir("blob_abort");
  auto store = openStore(dir);
  ASSERT_TRUE(store->append("u1", 0, "partial")->appended);
  ASSERT_TRUE(store->abort("u1").isOk());
  EXPECT_EQ(*store->stagedSize("u1"), 0);
  EXPECT_TRUE(store->abort("u1").isOk()) << "aborting twice is harmless";
  auto done = store->finalize("u1", sha256Hex("partial"));
  ASSERT_FALSE(done.isOk());
  EXPECT_EQ(done.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(filesUnder(dir), 0u);
}

TEST(DirectoryBlobStore, RefusesIdsThatCouldEscapeItsDirectory) {
  auto store = openStore(testing::freshDir("blob_ids"));
  EXPECT_EQ(store->append("../../etc/passwd", 0, "x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store->stagedSize("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store->openForRead("../" + std::string(61, 'a')).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store->erase(std::string(64, 'A')).status().code(), StatusCode::kInvalidArgument) << "lowercase hex only";
}

TEST(DirectoryBlobStore, InstancesFinalizingTheSameContentAtOnceAllSucceed) {
  const auto dir = testing::freshDir("blob_concurrent_finalize");
  const auto bytes = photoBytes(300'000, 'k');
  const auto sha = sha256Hex(bytes);
  constexpr int kInstances = 8;
  std::vector<std::unique_ptr<DirectoryBlobStore>> instances;
  for (int i = 0; i < kInstances; ++i) instances.push_back(openStore(dir));
  for (int i = 0; i < kInstances; ++i) upload(*instances[i], "up" + std::to_string(i), bytes);

  std::atomic<int> ready{0};
  std::vector<Status> results(kInstances);
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i)
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kInstances) std::this_thread::yield();
      auto r = instances[i]->finalize("up" + std::to_string(i), sha);
      results[i] = r.isOk() ? Status::ok() : r.status();
    });
  for (auto& t : threads) t.join();
  for (int i = 0; i < kInstances; ++i) EXPECT_TRUE(results[i].isOk()) << i << ": " << results[i].message();
  EXPECT_EQ(filesUnder(dir), 1u) << "one blob, every staging file gone";
  EXPECT_EQ(readAll(*instances[0], sha), bytes);
}

TEST(DirectoryBlobStore, ConcurrentAppendsOfTheSameChunkAreAcceptedOnce) {
  const auto dir = testing::freshDir("blob_concurrent_append");
  const auto chunk = photoBytes(64 * 1024);
  constexpr int kInstances = 6;
  std::vector<std::unique_ptr<DirectoryBlobStore>> instances;
  for (int i = 0; i < kInstances; ++i) instances.push_back(openStore(dir));
  std::atomic<int> ready{0};
  std::atomic<int> appended{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i)
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kInstances) std::this_thread::yield();
      auto r = instances[i]->append("retried", 0, chunk);
      ASSERT_TRUE(r.isOk()) << r.status().message();
      EXPECT_EQ(r->offset, 64 * 1024);
      if (r->appended) appended.fetch_add(1);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(appended.load(), 1);
  EXPECT_EQ(*instances[0]->stagedSize("retried"), 64 * 1024);
}

TEST(DirectoryBlobStore, StaleUploadsAreRemovedAndFreshOnesKept) {
  const auto dir = testing::freshDir("blob_stale");
  auto store = openStore(dir);
  ASSERT_TRUE(store->append("old", 0, "abandoned")->appended);
  ASSERT_TRUE(store->append("new", 0, "in progress")->appended);
  const auto old = dir + "/staging/old.part";
  fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::hours(48));
  auto removed = store->removeStaleUploads(24 * 3600);
  ASSERT_TRUE(removed.isOk()) << removed.status().message();
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(*store->stagedSize("old"), 0);
  EXPECT_EQ(*store->stagedSize("new"), 11);
}

}  // namespace
}  // namespace secap::server
