// Attachments end to end over real gRPC on loopback, against each store
// backend: UploadAttachment / GetUploadOffset / DownloadAttachment, the
// device's SyncClient uploading photos after its records (resuming after
// cuts, restarting after a damaged upload), dedup, the size limit, scopes
// (kiosk, other municipality) and redaction.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "harness.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"

using namespace secap;
using core::Result;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::kSiteId;
using secap::testing::ServerHarness;

namespace {

using secap::testing::kOtherMunicipality;

struct Device {
  std::string id;
  std::string token;
};

Device enroll(ServerHarness& h, const std::string& code) {
  grpc::ClientContext ctx;
  v1::EnrollRequest req;
  req.set_enrollment_code(code);
  req.set_install_id(core::newUuidV7());
  req.set_device_name("Telefon gospodarza");
  req.set_platform("test");
  v1::EnrollResponse resp;
  auto st = h.stub->Enroll(&ctx, req, &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return {resp.device_id(), resp.access_token()};
}

std::string randomBytes(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

v1::Change attachmentChange(core::ManualClock& clock, const std::string& bytes, bool publishable = false) {
  v1::Change c;
  c.set_change_id(core::newUuidV7(clock));
  c.set_entity_id(core::newUuidV7(clock));
  c.set_hlc(core::makeHlc(clock.nowMs(), 0));
  auto* a = c.mutable_attachment();
  a->set_id(c.entity_id());
  a->set_sha256(core::sha256Hex(bytes));
  a->set_mime("image/jpeg");
  a->set_size(static_cast<int64_t>(bytes.size()));
  a->set_owner_type("site");
  a->set_owner_id(kSiteId);
  a->set_publishable(publishable);
  return c;
}

grpc::Status push(ServerHarness& h, const Device& d, const std::vector<v1::Change>& changes, v1::PushResponse& resp) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + d.token);
  v1::PushRequest req;
  req.set_schema_version(1);
  for (const auto& c : changes) *req.add_changes() = c;
  return h.stub->Push(&ctx, req, &resp);
}

// Uploads bytes[from, to) in chunks of `chunkBytes` in one call.
grpc::Status upload(ServerHarness& h, const Device& d, const std::string& attachmentId, const std::string& bytes,
                    v1::UploadAttachmentResponse& resp, int64_t from = 0, int64_t to = -1, size_t chunkBytes = 65536,
                    int64_t totalSize = -1) {
  if (to < 0) to = static_cast<int64_t>(bytes.size());
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + d.token);
  auto writer = h.stub->UploadAttachment(&ctx, &resp);
  const std::string sha = core::sha256Hex(bytes);
  int64_t offset = from;
  do {
    v1::AttachmentChunk chunk;
    chunk.set_attachment_id(attachmentId);
    chunk.set_sha256(sha);
    chunk.set_total_size(totalSize >= 0 ? totalSize : static_cast<int64_t>(bytes.size()));
    chunk.set_offset(offset);
    const auto n = std::min<int64_t>(static_cast<int64_t>(chunkBytes), to - offset);
    chunk.set_data(bytes.substr(static_cast<size_t>(offset), static_cast<size_t>(n)));
    offset += n;
    if (!writer->Write(chunk)) break;
  } while (offset < to);
  writer->WritesDone();
  return writer->Finish();
}

grpc::Status uploadOffset(ServerHarness& h, const Device& d, const std::string& attachmentId, const std::string& sha,
                          v1::UploadOffsetResponse& resp) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + d.token);
  v1::UploadOffsetRequest req;
  req.set_attachment_id(attachmentId);
  req.set_sha256(sha);
  return h.stub->GetUploadOffset(&ctx, req, &resp);
}

grpc::Status download(ServerHarness& h, const Device& d, const std::string& attachmentId, std::string& out,
                      int* chunks = nullptr) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + d.token);
  v1::DownloadAttachmentRequest req;
  req.set_attachment_id(attachmentId);
  auto reader = h.stub->DownloadAttachment(&ctx, req);
  v1::AttachmentChunk chunk;
  out.clear();
  int n = 0;
  while (reader->Read(&chunk)) {
    EXPECT_LE(chunk.data().size(), 65536u);
    EXPECT_EQ(chunk.offset(), static_cast<int64_t>(out.size()));
    out += chunk.data();
    ++n;
  }
  if (chunks) *chunks = n;
  return reader->Finish();
}

int blobCount(const std::string& dataDir) {
  int n = 0;
  const auto root = std::filesystem::path(dataDir) / "blobs";
  if (!std::filesystem::exists(root)) return 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

class AttachmentsTest : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }
  void start(const std::function<void(server::ServerConfig&)>& configure) {
    h.reset();
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name(), configure);
    h->seed(secap::testing::baseChanges(kServerNow));
    h->seed({secap::testing::otherMunicipalityChange(kServerNow)});
    field = enroll(*h, h->code(kMunicipalityId, "field"));
  }
  // A photo record pushed by the field device.
  std::string pushedPhoto(const std::string& bytes) {
    auto c = attachmentChange(h->clock, bytes);
    v1::PushResponse resp;
    EXPECT_TRUE(push(*h, field, {c}, resp).ok());
    EXPECT_EQ(resp.results(0).outcome(), v1::ACCEPTED) << resp.results(0).message();
    return c.entity_id();
  }

  std::unique_ptr<ServerHarness> h;
  Device field;
};

// --- The device side: SyncClient over the real gRPC transport ---

// Passes calls to the real transport, counting the bytes of every chunk the
// device sends, and can cut an upload after some chunks or damage one chunk.
class WrappingTransport : public core::SyncTransport {
 public:
  explicit WrappingTransport(std::unique_ptr<core::SyncTransport> inner) : m_inner(std::move(inner)) {}
  Result<v1::EnrollResponse> enroll(const v1::EnrollRequest& r) override { return m_inner->enroll(r); }
  Result<v1::PushResponse> push(const v1::PushRequest& r, const std::string& t) override { return m_inner->push(r, t); }
  Result<v1::PullResponse> pull(const v1::PullRequest& r, const std::string& t) override { return m_inner->pull(r, t); }
  Result<v1::UploadOffsetResponse> uploadOffset(const v1::UploadOffsetRequest& r, const std::string& t) override {
    return m_inner->uploadOffset(r, t);
  }
  Result<v1::UploadAttachmentResponse> uploadAttachment(const core::AttachmentChunkSource& next,
                                                        const std::string& token) override {
    int left = cutAfterChunks ? cutAfterChunks() : -1;  // -1: no cut
    bool cut = false;
    auto counted = [&]() -> std::optional<v1::AttachmentChunk> {
      if (left == 0) {
        cut = true;
        return std::nullopt;
      }
      auto chunk = next();
      if (!chunk) return chunk;
      if (left > 0) --left;
      bytesSent += static_cast<int64_t>(chunk->data().size());
      if (!offsetsSent.insert(chunk->offset()).second) ++resentChunks;
      if (damageChunkAtOffset == chunk->offset()) {
        (*chunk->mutable_data())[0] ^= 0x5a;
        damageChunkAtOffset = -1;  // once
      }
      return chunk;
    };
    auto r = m_inner->uploadAttachment(counted, token);
    ++calls;
    if (cut) return core::unavailable("the link dropped (test)");
    return r;
  }
  // Downloads: the same faults in the other direction.
  core::Status downloadAttachment(const v1::DownloadAttachmentRequest& r, const std::string& t,
                                  const core::AttachmentChunkSink& sink) override {
    int left = cutAfterChunks ? cutAfterChunks() : -1;
    bool cut = false;
    auto st = m_inner->downloadAttachment(r, t, [&](const v1::AttachmentChunk& received) {
      if (left == 0) {
        cut = true;
        return core::unavailable("the link dropped (test)");
      }
      if (left > 0) --left;
      v1::AttachmentChunk chunk = received;
      bytesReceived += static_cast<int64_t>(chunk.data().size());
      if (!offsetsReceived.insert(chunk.offset()).second) ++rereceivedChunks;
      if (damageChunkAtOffset == chunk.offset() && !chunk.data().empty()) {
        (*chunk.mutable_data())[0] ^= 0x5a;
        damageChunkAtOffset = -1;  // once
      }
      return sink(chunk);
    });
    ++calls;
    return st;
  }
  // Forget which offsets were sent (after a deliberate restart from 0).
  void resetOffsets() { offsetsSent.clear(); }
  int64_t bytesReceived = 0;
  int rereceivedChunks = 0;
  std::set<int64_t> offsetsReceived;

  std::function<int()> cutAfterChunks;
  int64_t damageChunkAtOffset = -1;
  int64_t bytesSent = 0;
  int resentChunks = 0;
  int calls = 0;
  std::set<int64_t> offsetsSent;

 private:
  std::unique_ptr<core::SyncTransport> m_inner;
};

struct Phone {
  core::ManualClock clock{kServerNow};
  std::unique_ptr<core::LocalStore> store;
  std::unique_ptr<WrappingTransport> transport;
  std::unique_ptr<core::SyncClient> client;
  std::string dir;

  Phone(ServerHarness& h, const std::string& name) : dir(secap::testing::freshDir(name + "_phone")) {
    auto s = core::LocalStore::open(dir + "/field.db", clock);
    if (!s.isOk()) throw std::runtime_error(s.status().toString());
    store = std::move(s).value();
    transport = std::make_unique<WrappingTransport>(core::makeGrpcTransport(h.target()));
    client = std::make_unique<core::SyncClient>(*store, *transport);
    auto st = client->enroll(h.code(kMunicipalityId, "field"), "Telefon", "test", "1.0");
    if (!st.isOk()) throw std::runtime_error(st.toString());
    st = client->syncOnce();
    if (!st.isOk()) throw std::runtime_error(st.toString());
  }

  // A photo file recorded on the phone.
  v1::Attachment takePhoto(const std::string& bytes) {
    const std::string path = dir + "/photo_" + std::to_string(++photos) + ".jpg";
    std::ofstream(path, std::ios::binary) << bytes;
    v1::Attachment a;
    a.set_mime("image/jpeg");
    a.set_owner_type("site");
    a.set_owner_id(kSiteId);
    auto saved = store->addAttachment(a, path);
    if (!saved.isOk()) throw std::runtime_error(saved.status().toString());
    return *saved;
  }
  int photos = 0;
};

}  // namespace

TEST_F(AttachmentsTest, AnUploadCutAtRandomPlacesResumesToTheExactBytesWithoutResendingAChunk) {
  const uint64_t seed = std::random_device{}();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  const std::string bytes = randomBytes(700 * 1024 + 123, seed);  // 11 chunks, the last one short
  Phone phone(*h, "cut");
  auto photo = phone.takePhoto(bytes);
  // Each call gets through 0 to 3 chunks before the link drops.
  phone.transport->cutAfterChunks = [&] { return static_cast<int>(rng() % 4); };
  int rounds = 0;
  while (phone.store->pendingAttachmentCount() > 0 && rounds < 100) {
    (void)phone.client->syncOnce();
    ++rounds;
  }
  ASSERT_EQ(phone.store->pendingAttachmentCount(), 0) << "not uploaded after " << rounds << " rounds";
  EXPECT_GT(phone.transport->calls, 3);  // it was really cut
  EXPECT_EQ(phone.transport->resentChunks, 0);
  EXPECT_EQ(phone.transport->bytesSent, static_cast<int64_t>(bytes.size()));

  std::string got;
  ASSERT_TRUE(download(*h, field, photo.id(), got).ok());
  EXPECT_EQ(got, bytes);
}

TEST_F(AttachmentsTest, PhotosAreSentOnlyAfterTheirRecordAndWaitForWifiWhenAsked) {
  const std::string bytes = randomBytes(100 * 1024, 7);
  Phone phone(*h, "wifi");
  bool onWifi = false;
  core::SyncOptions options;
  options.photosOnlyOnWifi = true;
  options.isOnWifi = [&] { return onWifi; };
  core::SyncClient client(*phone.store, *phone.transport, options);
  auto photo = phone.takePhoto(bytes);
  ASSERT_TRUE(client.syncOnce().isOk());
  EXPECT_EQ(phone.store->pendingCount(), 0);            // the record went
  EXPECT_EQ(phone.store->pendingAttachmentCount(), 1);  // the photo waits
  EXPECT_TRUE(client.status().waitingForWifi);
  EXPECT_EQ(phone.transport->bytesSent, 0);
  onWifi = true;
  ASSERT_TRUE(client.syncOnce().isOk());
  EXPECT_EQ(phone.store->pendingAttachmentCount(), 0);
  std::string got;
  ASSERT_TRUE(download(*h, field, photo.id(), got).ok());
  EXPECT_EQ(got, bytes);
}

TEST_F(AttachmentsTest, ADamagedChunkIsRefusedAndThePhotoIsThenUploadedCorrectly) {
  const std::string bytes = randomBytes(300 * 1024, 11);
  Phone phone(*h, "damaged");
  auto photo = phone.takePhoto(bytes);
  phone.transport->damageChunkAtOffset = 2 * 65536;
  ASSERT_TRUE(phone.client->syncOnce().isOk()) << phone.client->status().lastError;
  EXPECT_EQ(phone.store->pendingAttachmentCount(), 0);
  // Once damaged and refused, then once whole.
  EXPECT_EQ(phone.transport->bytesSent, 2 * static_cast<int64_t>(bytes.size()));
  std::string got;
  ASSERT_TRUE(download(*h, field, photo.id(), got).ok());
  EXPECT_EQ(got, bytes);
}

// --- The protocol as seen by any client ---

TEST_F(AttachmentsTest, ACorruptedUploadIsRefusedWithDataLossAndCanBeUploadedAgain) {
  const std::string bytes = randomBytes(150 * 1024, 3);
  const auto id = pushedPhoto(bytes);
  std::string bad = bytes;
  bad[70000] ^= 1;
  // The chunks carry the true sha256 but damaged data.
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + field.token);
  v1::UploadAttachmentResponse resp;
  auto writer = h->stub->UploadAttachment(&ctx, &resp);
  for (int64_t off = 0; off < static_cast<int64_t>(bad.size()); off += 65536) {
    v1::AttachmentChunk c;
    c.set_attachment_id(id);
    c.set_sha256(core::sha256Hex(bytes));
    c.set_total_size(static_cast<int64_t>(bad.size()));
    c.set_offset(off);
    c.set_data(bad.substr(static_cast<size_t>(off), 65536));
    writer->Write(c);
  }
  writer->WritesDone();
  auto st = writer->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::DATA_LOSS);
  EXPECT_NE(st.error_message().find("damaged"), std::string::npos) << st.error_message();
  v1::UploadOffsetResponse where;
  ASSERT_TRUE(uploadOffset(*h, field, id, core::sha256Hex(bytes), where).ok());
  EXPECT_EQ(where.offset(), 0);
  EXPECT_FALSE(where.complete());

  v1::UploadAttachmentResponse again;
  ASSERT_TRUE(upload(*h, field, id, bytes, again).ok());
  EXPECT_TRUE(again.complete());
  std::string got;
  ASSERT_TRUE(download(*h, field, id, got).ok());
  EXPECT_EQ(got, bytes);
}

TEST_F(AttachmentsTest, AChunkAtTheWrongOffsetIsAnsweredWithWhereTheServerStands) {
  const std::string bytes = randomBytes(200 * 1024, 5);
  const auto id = pushedPhoto(bytes);
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, id, bytes, resp, 0, 65536).ok());
  EXPECT_EQ(resp.offset(), 65536);
  EXPECT_FALSE(resp.complete());
  v1::UploadAttachmentResponse skipped;
  ASSERT_TRUE(upload(*h, field, id, bytes, skipped, 3 * 65536).ok());
  EXPECT_EQ(skipped.offset(), 65536);
  EXPECT_FALSE(skipped.complete());
  auto progress = h->srv->store().uploadProgress(field.id, core::sha256Hex(bytes));
  ASSERT_TRUE(progress.isOk());
  ASSERT_TRUE(progress->has_value());  // recorded for every instance
  EXPECT_EQ((*progress)->received, 65536);
  EXPECT_EQ((*progress)->totalSize, static_cast<int64_t>(bytes.size()));
  v1::UploadAttachmentResponse rest;
  ASSERT_TRUE(upload(*h, field, id, bytes, rest, 65536).ok());
  EXPECT_TRUE(rest.complete());
  progress = h->srv->store().uploadProgress(field.id, core::sha256Hex(bytes));
  ASSERT_TRUE(progress.isOk());
  EXPECT_FALSE(progress->has_value());
}

TEST_F(AttachmentsTest, TheSamePhotoTwiceIsStoredOnceAndTheSecondUploadCompletesAtOnce) {
  const std::string bytes = randomBytes(120 * 1024, 9);
  const auto first = pushedPhoto(bytes);
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, first, bytes, resp).ok());
  ASSERT_TRUE(resp.complete());
  const int blobsBefore = blobCount(h->dir);
  EXPECT_EQ(blobsBefore, 1);

  const auto second = pushedPhoto(bytes);  // the same photo attached to another record
  v1::UploadOffsetResponse where;
  ASSERT_TRUE(uploadOffset(*h, field, second, core::sha256Hex(bytes), where).ok());
  EXPECT_TRUE(where.complete());
  v1::UploadAttachmentResponse again;
  ASSERT_TRUE(upload(*h, field, second, bytes, again, 0, 65536).ok());  // one chunk is enough
  EXPECT_TRUE(again.complete());
  EXPECT_EQ(blobCount(h->dir), blobsBefore);
  std::string got;
  ASSERT_TRUE(download(*h, field, second, got).ok());
  EXPECT_EQ(got, bytes);
}

TEST_F(AttachmentsTest, AFileOverTheSizeLimitOrAChunkOver64KiBIsRefused) {
  start([](server::ServerConfig& c) { c.maxAttachmentBytes = 256 * 1024; });
  const std::string big = randomBytes(300 * 1024, 13);
  const auto id = pushedPhoto(big);
  v1::UploadAttachmentResponse resp;
  auto st = upload(*h, field, id, big, resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("at most 0.2 MiB"), std::string::npos) << st.error_message();
  EXPECT_EQ(blobCount(h->dir), 0);

  const std::string small = randomBytes(100 * 1024, 14);
  const auto id2 = pushedPhoto(small);
  st = upload(*h, field, id2, small, resp, 0, -1, 65537);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("64 KiB"), std::string::npos) << st.error_message();
}

TEST_F(AttachmentsTest, BytesWithoutAPushedRecordAreRefused) {
  const std::string bytes = randomBytes(1000, 15);
  v1::UploadAttachmentResponse resp;
  auto st = upload(*h, field, core::newUuidV7(), bytes, resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("sync the records first"), std::string::npos) << st.error_message();
}

TEST_F(AttachmentsTest, DownloadsComeIn64KiBChunks) {
  const std::string bytes = randomBytes(200 * 1024, 17);
  const auto id = pushedPhoto(bytes);
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, id, bytes, resp).ok());
  std::string got;
  int chunks = 0;
  ASSERT_TRUE(download(*h, field, id, got, &chunks).ok());
  EXPECT_EQ(got, bytes);
  EXPECT_EQ(chunks, 4);
}

TEST_F(AttachmentsTest, ARedactedPhotoIsErasedLoggedSyncedAndNoLongerDownloadable) {
  const std::string bytes = randomBytes(90 * 1024, 19);
  const auto id = pushedPhoto(bytes);
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, id, bytes, resp).ok());
  ASSERT_EQ(blobCount(h->dir), 1);

  auto done = h->srv->attachments()->redact(id, "person asked for erasure (art. 17)", "j.kowalska");
  ASSERT_TRUE(done.isOk()) << done.status().toString();
  EXPECT_TRUE(done->blobErased);
  EXPECT_EQ(blobCount(h->dir), 0);

  std::string got;
  auto st = download(*h, field, id, got);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("removed for data protection"), std::string::npos) << st.error_message();
  // Nor can it be uploaded again.
  st = upload(*h, field, id, bytes, resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);

  auto audit = h->srv->store().auditEntries("attachment.redact");
  ASSERT_TRUE(audit.isOk());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].actor, "j.kowalska");
  EXPECT_NE((*audit)[0].detail.find(id), std::string::npos);
  EXPECT_NE((*audit)[0].detail.find("art. 17"), std::string::npos);

  // Devices learn it through the normal pull.
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + field.token);
  v1::PullRequest req;
  req.set_schema_version(1);
  v1::PullResponse page;
  ASSERT_TRUE(h->stub->Pull(&ctx, req, &page).ok());
  bool redactedSeen = false;
  for (const auto& c : page.changes())
    if (c.entity_id() == id && c.attachment().redacted()) redactedSeen = true;
  EXPECT_TRUE(redactedSeen);
}

TEST_F(AttachmentsTest, RedactingOnePhotoKeepsTheBytesAnotherRecordStillShows) {
  const std::string bytes = randomBytes(10 * 1024, 21);
  const auto first = pushedPhoto(bytes);
  const auto second = pushedPhoto(bytes);
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, first, bytes, resp).ok());
  auto done = h->srv->attachments()->redact(first, "wrong person in the picture", "admin");
  ASSERT_TRUE(done.isOk());
  EXPECT_FALSE(done->blobErased);
  std::string got;
  ASSERT_TRUE(download(*h, field, second, got).ok());
  EXPECT_EQ(got, bytes);
  EXPECT_EQ(download(*h, field, first, got).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(AttachmentsTest, AKioskDownloadsOnlyPublishablePhotos) {
  const std::string privateBytes = randomBytes(5000, 23);
  const std::string publicBytes = randomBytes(6000, 24);
  const auto privateId = pushedPhoto(privateBytes);
  auto pub = attachmentChange(h->clock, publicBytes, /*publishable=*/true);
  h->seed({pub});
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, privateId, privateBytes, resp).ok());
  ASSERT_TRUE(upload(*h, field, pub.entity_id(), publicBytes, resp).ok());

  const Device kiosk = enroll(*h, h->code(kMunicipalityId, "kiosk"));
  std::string got;
  ASSERT_TRUE(download(*h, kiosk, pub.entity_id(), got).ok());
  EXPECT_EQ(got, publicBytes);
  auto st = download(*h, kiosk, privateId, got);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("not published"), std::string::npos) << st.error_message();
}

TEST_F(AttachmentsTest, ACoordinatorMayPublishAPhotoButFieldStaffMayNot) {
  const std::string bytes = randomBytes(4000, 25);
  const auto id = pushedPhoto(bytes);
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, id, bytes, resp).ok());
  auto publish = [&](core::ManualClock& clock) {
    v1::Change c;
    c.set_change_id(core::newUuidV7(clock));
    c.set_entity_id(id);
    c.set_hlc(core::makeHlc(clock.nowMs(), 1));
    c.add_fields("publishable");
    c.mutable_attachment()->set_id(id);
    c.mutable_attachment()->set_publishable(true);
    return c;
  };
  v1::PushResponse byField;
  ASSERT_TRUE(push(*h, field, {publish(h->clock)}, byField).ok());
  EXPECT_EQ(byField.results(0).outcome(), v1::REJECTED);
  EXPECT_EQ(byField.results(0).reason_code(), "auth.forbidden");

  const Device kiosk = enroll(*h, h->code(kMunicipalityId, "kiosk"));
  std::string got;
  EXPECT_EQ(download(*h, kiosk, id, got).error_code(), grpc::StatusCode::NOT_FOUND);

  const Device coordinator = enroll(*h, h->code(kMunicipalityId, "coordinator"));
  h->clock.advance(1000);
  v1::PushResponse byCoordinator;
  ASSERT_TRUE(push(*h, coordinator, {publish(h->clock)}, byCoordinator).ok());
  EXPECT_EQ(byCoordinator.results(0).outcome(), v1::ACCEPTED) << byCoordinator.results(0).message();
  ASSERT_TRUE(download(*h, kiosk, id, got).ok());
  EXPECT_EQ(got, bytes);
}

TEST_F(AttachmentsTest, ADeviceOfAnotherMunicipalityCannotDownloadOrProbe) {
  const std::string bytes = randomBytes(3000, 27);
  const auto id = pushedPhoto(bytes);
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, id, bytes, resp).ok());
  const Device stranger = enroll(*h, h->code(kOtherMunicipality, "coordinator"));
  std::string got;
  auto st = download(*h, stranger, id, got);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(got.empty());
  v1::UploadOffsetResponse where;
  EXPECT_EQ(uploadOffset(*h, stranger, id, core::sha256Hex(bytes), where).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(AttachmentsTest, AttachmentCallsNeedAValidToken) {
  Device nobody{"x", "not-a-token"};
  std::string got;
  EXPECT_EQ(download(*h, nobody, core::newUuidV7(), got).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::UploadAttachmentResponse resp;
  EXPECT_EQ(upload(*h, nobody, core::newUuidV7(), "abc", resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

namespace {

// Runs `secap-syncserver admin redact` as an operator types it; returns its
// exit code (-1 when it could not run) and what it printed.
int runRedact(ServerHarness& h, const std::string& attachmentId, const std::string& reasonAndMore, std::string& out) {
  std::string args =
      " admin redact --attachment " + attachmentId + " --reason " + reasonAndMore + " --data-dir " + h.dir;
  if (!h.database.url().empty()) args += " --db " + h.database.url();
  FILE* pipe = ::popen((std::string(SECAP_SYNCSERVER_BIN) + args + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_F(AttachmentsTest, TheRedactCommandErasesThePhotoLogsItAndSaysWhatItDid) {
  const std::string bytes = randomBytes(20 * 1024, 29);
  const auto id = pushedPhoto(bytes);
  v1::UploadAttachmentResponse resp;
  ASSERT_TRUE(upload(*h, field, id, bytes, resp).ok());
  std::string out;
  ASSERT_EQ(runRedact(*h, id, "'the neighbour is in the picture' --actor a.nowak", out), 0) << out;
  EXPECT_NE(out.find("redacted"), std::string::npos) << out;
  EXPECT_NE(out.find("bytes were erased"), std::string::npos) << out;
  EXPECT_EQ(blobCount(h->dir), 0);
  std::string got;
  EXPECT_EQ(download(*h, field, id, got).error_code(), grpc::StatusCode::NOT_FOUND);
  auto audit = h->srv->store().auditEntries("attachment.redact");
  ASSERT_TRUE(audit.isOk());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].actor, "a.nowak");
}

TEST_F(AttachmentsTest, TheRedactCommandNamesAnUnknownAttachment) {
  std::string out;
  EXPECT_EQ(runRedact(*h, "0190a000-0000-7000-8000-00000000dead", "x", out), 1) << out;
  EXPECT_NE(out.find("there is no attachment 0190a000-0000-7000-8000-00000000dead"), std::string::npos) << out;
}

// --- Downloads to the device (AttachmentFetcher through SyncClient) ---

namespace {

// A photo of the school, recorded and uploaded by the coordinator, who may
// publish it.
std::string coordinatorsPhoto(ServerHarness& h, const std::string& bytes, bool publishable) {
  const Device coordinator = enroll(h, h.code(kMunicipalityId, "coordinator"));
  auto c = attachmentChange(h.clock, bytes, publishable);
  v1::PushResponse pushed;
  EXPECT_TRUE(push(h, coordinator, {c}, pushed).ok());
  EXPECT_EQ(pushed.results(0).outcome(), v1::ACCEPTED) << pushed.results(0).reason_code();
  v1::UploadAttachmentResponse uploaded;
  EXPECT_TRUE(upload(h, coordinator, c.entity_id(), bytes, uploaded).ok());
  return c.entity_id();
}

struct Tablet {
  core::ManualClock clock{kServerNow};
  std::string dir;
  std::unique_ptr<core::LocalStore> store;
  std::unique_ptr<WrappingTransport> transport;
  std::unique_ptr<core::SyncClient> client;

  Tablet(ServerHarness& h, const std::string& name, const std::string& role) : dir(secap::testing::freshDir(name)) {
    store = std::move(core::LocalStore::open(dir + "/tablet.db", clock)).value();
    transport = std::make_unique<WrappingTransport>(core::makeGrpcTransport(h.target()));
    core::SyncOptions options;
    options.attachmentDir = dir + "/photos";
    options.prefetchAttachments = role == "kiosk";
    client = std::make_unique<core::SyncClient>(*store, *transport, options);
    auto st = client->enroll(h.code(kMunicipalityId, role), "Tablet", "test", "1.0");
    if (!st.isOk()) throw std::runtime_error(st.toString());
  }
  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
};

}  // namespace

TEST_F(AttachmentsTest, AKioskFetchesItsPublishedPhotosResumingCutDownloadsWithoutRefetchingAChunk) {
  const uint64_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  const std::string bytes = randomBytes(700 * 1024 + 77, seed);  // 11 chunks
  const std::string shown = coordinatorsPhoto(*h, bytes, true);
  const std::string hidden = coordinatorsPhoto(*h, randomBytes(1000, seed + 1), false);

  Tablet kiosk(*h, "kiosk_fetch", "kiosk");
  kiosk.transport->cutAfterChunks = [&] { return static_cast<int>(rng() % 4); };
  int rounds = 0;
  while (!kiosk.store->attachmentFile(shown) && rounds < 100) {
    (void)kiosk.client->syncOnce();
    ++rounds;
  }
  auto file = kiosk.store->attachmentFile(shown);
  ASSERT_TRUE(file.has_value()) << "not fetched after " << rounds << " rounds";
  EXPECT_EQ(Tablet::read(*file), bytes);
  EXPECT_GT(kiosk.transport->calls, 3);  // it was really cut
  EXPECT_EQ(kiosk.transport->rereceivedChunks, 0);
  EXPECT_EQ(kiosk.transport->bytesReceived, static_cast<int64_t>(bytes.size()));
  // The board reloads on this count: one photo came in.
  EXPECT_EQ(kiosk.client->status().attachmentsFetched, 1);
  // The unpublished photo: neither its record nor its bytes.
  EXPECT_FALSE(kiosk.store->attachment(hidden).has_value());
  EXPECT_FALSE(kiosk.store->attachmentFile(hidden).has_value());
  // Nothing is left to fetch, and nothing is fetched twice.
  const int64_t before = kiosk.transport->bytesReceived;
  kiosk.transport->cutAfterChunks = nullptr;
  ASSERT_TRUE(kiosk.client->syncOnce().isOk());
  EXPECT_EQ(kiosk.transport->bytesReceived, before);
}

TEST_F(AttachmentsTest, ADamagedDownloadIsThrownAwayFetchedAgainAndWipedWithTheDevice) {
  const std::string bytes = randomBytes(200 * 1024, 11);
  const std::string id = coordinatorsPhoto(*h, bytes, false);
  Tablet phone(*h, "phone_fetch", "field");
  ASSERT_TRUE(phone.client->syncOnce().isOk());
  // A phone does not prefetch: it fetches a photo when the user opens it.
  EXPECT_FALSE(phone.store->attachmentFile(id).has_value());
  EXPECT_EQ(phone.transport->bytesReceived, 0);

  phone.transport->damageChunkAtOffset = 65536;
  auto damaged = phone.client->fetchAttachment(id);
  EXPECT_EQ(damaged.status().code(), core::StatusCode::kDataLoss) << damaged.status().toString();
  EXPECT_FALSE(phone.store->attachmentFile(id).has_value());
  auto fetched = phone.client->fetchAttachment(id);
  ASSERT_TRUE(fetched.isOk()) << fetched.status().toString();
  EXPECT_EQ(Tablet::read(*fetched), bytes);
  // The second time it is on the device already.
  const int64_t received = phone.transport->bytesReceived;
  EXPECT_EQ(*phone.client->fetchAttachment(id), *fetched);
  EXPECT_EQ(phone.transport->bytesReceived, received);

  // An unknown photo is named as such.
  EXPECT_EQ(phone.client->fetchAttachment("0190a000-0000-7000-8000-00000000dead").status().code(),
            core::StatusCode::kNotFound);
  // A withdrawn device keeps no photos.
  ASSERT_TRUE(phone.store->wipe().isOk());
  EXPECT_FALSE(std::filesystem::exists(*fetched));
}

// The server cleans up what devices that never came back left half uploaded
// (a week untouched), at start and hourly; recent ones stay to be resumed.
TEST_F(AttachmentsTest, AbandonedPartialUploadsAreRemovedWhenTheServerStarts) {
  std::string staging;
  start([&](server::ServerConfig& c) {
    staging = c.dataDir + "/staging";
    std::filesystem::create_directories(staging);
    std::ofstream(staging + "/abandoned") << "half a photo";
    std::ofstream(staging + "/recent") << "half a photo";
    std::filesystem::last_write_time(staging + "/abandoned",
                                     std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * 8));
  });
  for (int i = 0; i < 400 && std::filesystem::exists(staging + "/abandoned"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_FALSE(std::filesystem::exists(staging + "/abandoned"));
  EXPECT_TRUE(std::filesystem::exists(staging + "/recent"));
}

// Two people read the same meter at the same moment; the second one also took
// a photo. The server keeps the first reading (content duplicate), and the
// photo follows to it instead of waiting forever for an owner that will
// never exist on the server (DESIGN.md §4, idempotency).
TEST_F(AttachmentsTest, APhotoOfADuplicateReadingFollowsItToTheServersReading) {
  Phone first(*h, "dup_first");
  Phone second(*h, "dup_second");
  v1::Reading r;
  r.set_meter_id(secap::testing::kMeterId);
  r.set_taken_at(kServerNow - 3600000);
  r.set_value(4321);
  auto kept = first.store->recordReading(r);
  ASSERT_TRUE(kept.isOk()) << kept.status().toString();
  ASSERT_TRUE(first.client->syncOnce().isOk());
  auto dropped = second.store->recordReading(r);
  ASSERT_TRUE(dropped.isOk());
  ASSERT_NE(dropped->id(), kept->id());

  const std::string bytes = randomBytes(50 * 1024, 3);
  const std::string path = second.dir + "/meter.jpg";
  std::ofstream(path, std::ios::binary) << bytes;
  v1::Attachment meta;
  meta.set_mime("image/jpeg");
  meta.set_owner_type("reading");
  meta.set_owner_id(dropped->id());
  auto photo = second.store->addAttachment(meta, path);
  ASSERT_TRUE(photo.isOk()) << photo.status().toString();

  for (int round = 0; round < 3; ++round) ASSERT_TRUE(second.client->syncOnce().isOk());
  EXPECT_EQ(second.store->rejectedCount(), 0);
  EXPECT_EQ(second.store->pendingCount(), 0);
  EXPECT_EQ(second.store->pendingAttachmentCount(), 0);
  auto stored = h->srv->store().attachmentById(photo->id());
  ASSERT_TRUE(stored.isOk() && stored->has_value());
  EXPECT_EQ((*stored)->entity.attachment().owner_id(), kept->id());
  std::string got;
  ASSERT_TRUE(download(*h, field, photo->id(), got).ok());
  EXPECT_EQ(got, bytes);
}
